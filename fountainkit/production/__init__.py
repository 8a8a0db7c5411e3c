"""The shooting script and the production office, built on the layout and the breakdown.

* :mod:`.numbering`: scene numbers, written and given, inserts (12A) in a locked script;
* :mod:`.strips`: the scheduling view of a scene (a strip) and of the cast;
* :mod:`.from_breakdown`: the one adapter from a breakdown to strips;
* :mod:`.schedule_file`: the schedule YAML a user writes, loaded and checked;
* :mod:`.schedule`: days of strips, with unknown, doubled and unscheduled scenes;
* :mod:`.dood`: the day-out-of-days codes (SW, W, WF, SWF, H, D, PW);
* :mod:`.suggest`: a first-pass schedule from the breakdown;
* :mod:`.reports`: stripboard, one-liner and DOOD as HTML, PDF, CSV and JSON.
"""
