"""The shooting script and the production office, built on the layout and the breakdown.

* :mod:`.numbering`: scene numbers, written and given, inserts (12A) in a locked script;
* :mod:`.locking`, :mod:`.lockfile`: numbers written into the headings, OMITTED scenes,
  and the lock file beside the script;
* :mod:`.elements`: the printed elements of a draft, as words, for comparing drafts;
* :mod:`.revisions`: what changed between two drafts, element by element and word by word;
* :mod:`.revision_marks`: the asterisks on the laid-out pages, and the changed pages;
* :mod:`.revision_sets`: the colour sequence, a revision's label and date, the history;
* :mod:`.revised`: a revised draft (marks, headers, title-page history, changed pages only);
* :mod:`.sides`: the pages carrying some scenes, the other scenes on them struck through
  (two pages a sheet: :mod:`fountainkit.pdf.two_up`);
* :mod:`.strips`: the scheduling view of a scene (a strip) and of the cast;
* :mod:`.from_breakdown`: the one adapter from a breakdown to strips;
* :mod:`.schedule_file`: the schedule YAML a user writes, loaded and checked;
* :mod:`.schedule`: days of strips, with unknown, doubled and unscheduled scenes;
* :mod:`.dood`: the day-out-of-days codes (SW, W, WF, SWF, H, D, PW);
* :mod:`.suggest`: a first-pass schedule from the breakdown;
* :mod:`.reports`: stripboard, one-liner and DOOD as HTML, PDF, CSV and JSON.
"""
