"""Production paperwork built on the breakdown: shoot schedules and their reports.

* :mod:`.strips`: the scheduling view of a scene (a strip) and of the cast;
* :mod:`.from_breakdown`: the one adapter from a breakdown to strips;
* :mod:`.schedule_file`: the schedule YAML a user writes, loaded and checked;
* :mod:`.schedule`: days of strips, with unknown, doubled and unscheduled scenes;
* :mod:`.dood`: the day-out-of-days codes (SW, W, WF, SWF, H, D, PW);
* :mod:`.suggest`: a first-pass schedule from the breakdown;
* :mod:`.reports`: stripboard, one-liner and DOOD as HTML, PDF, CSV and JSON.
"""
