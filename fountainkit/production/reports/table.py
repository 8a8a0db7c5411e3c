"""CSV of the schedule reports: one header row, then data, for spreadsheets.

* ``stripboard``: one row per strip in shooting order, day number and date
  on each; unscheduled strips last with an empty day;
* ``one-liner``: the same rows with the cast's names beside their IDs;
* ``dood``: one row per cast member, a column per shoot day (``Day 1``...),
  then the totals: work, hold, drop, start and finish day.

Script text that a spreadsheet would run as a formula (a cell starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from fountainkit.production.reports.data import schedule_dood
from fountainkit.production.schedule import Schedule
from fountainkit.production.settings import ScheduleSettings
from fountainkit.production.strips import Strip

STRIP_COLUMNS = (
    "Day", "Date", "Scene", "INT/EXT", "Day/Night", "Set", "Sub-location", "Location",
    "Story day", "Pages", "Eighths", "Script page", "Cast IDs", "Synopsis",
)  # fmt: skip


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _write(rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _strip_rows(schedule: Schedule) -> Iterator[tuple[str, str, Strip]]:
    for day in schedule.days:
        date = day.date.isoformat() if day.date else ""
        for strip in day.strips:
            yield str(day.number), date, strip
    for strip in schedule.unscheduled:
        yield "", "", strip


def _strip_cells(day: str, date: str, strip: Strip) -> list[object]:
    return [
        day, date, strip.number, strip.int_ext, strip.day_night, strip.set, strip.sublocation,
        strip.location, strip.story_day, strip.pages, strip.eighths, strip.page,
        " ".join(str(i) for i in strip.cast_ids), strip.synopsis,
    ]  # fmt: skip


def stripboard_csv(schedule: Schedule, settings: ScheduleSettings) -> str:
    rows: list[list[object]] = [list(STRIP_COLUMNS)]
    rows += [_strip_cells(*row) for row in _strip_rows(schedule)]
    return _write(rows)


def one_liner_csv(schedule: Schedule, settings: ScheduleSettings) -> str:
    names = {member.id: member.name for member in schedule.cast}
    rows: list[list[object]] = [[*STRIP_COLUMNS, "Cast"]]
    for day, date, strip in _strip_rows(schedule):
        cast = "; ".join(f"{i}. {names.get(i, '')}" for i in strip.cast_ids)
        rows.append([*_strip_cells(day, date, strip), cast])
    return _write(rows)


def dood_csv(schedule: Schedule, settings: ScheduleSettings) -> str:
    dood = schedule_dood(schedule, settings)
    header: list[object] = ["ID", "Name"]
    header += [f"Day {day.number}" for day in dood.days]
    header += ["Work", "Hold", "Drop", "Start", "Finish"]
    rows = [header]
    for row in dood.rows:
        rows.append(
            [
                row.id,
                row.name,
                *row.codes,
                row.work,
                row.hold,
                row.dropped,
                row.start or "",
                row.finish or "",
            ]
        )
    return _write(rows)
