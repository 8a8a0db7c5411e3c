"""JSON of the schedule reports.

* ``dood``: schema ``fountainkit.dood/1``, exactly::

    {"schema": "fountainkit.dood/1",
     "days": [{"day": 1, "date": "2027-03-01" | null, "scenes": ["3", "8"]}],
     "cast": [{"id": 1, "name": "DEZ", "codes": ["SW", "H", "W", "", ...],
               "work": 3, "hold": 2, "start": 1, "finish": 5}]}

  one code per day, ``""`` before the start and after the finish; ``start``
  and ``finish`` are day numbers (``null`` for an actor no scheduled day uses).
* ``stripboard`` and ``one-liner``: the same data, schema
  ``fountainkit.schedule/1``: days with their strips in shooting order, the
  unscheduled strips, the cast key and the warnings.
"""

from __future__ import annotations

import json
from typing import Any

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.production.reports.data import schedule_dood, strip_record
from fountainkit.production.schedule import Schedule
from fountainkit.production.settings import ScheduleSettings

DOOD_SCHEMA = "fountainkit.dood/1"
SCHEDULE_SCHEMA = "fountainkit.schedule/1"


def dood_data(schedule: Schedule, settings: ScheduleSettings) -> dict[str, Any]:
    dood = schedule_dood(schedule, settings)
    return {
        "schema": DOOD_SCHEMA,
        "days": [
            {
                "day": day.number,
                "date": day.date.isoformat() if day.date else None,
                "scenes": [strip.number for strip in day.strips],
            }
            for day in schedule.days
        ],
        "cast": [
            {
                "id": row.id,
                "name": row.name,
                "codes": list(row.codes),
                "work": row.work,
                "hold": row.hold,
                "start": row.start,
                "finish": row.finish,
            }
            for row in dood.rows
        ],
    }


def schedule_data(schedule: Schedule) -> dict[str, Any]:
    return {
        "schema": SCHEDULE_SCHEMA,
        "title": schedule.title,
        "days": [
            {
                "day": day.number,
                "date": day.date.isoformat() if day.date else None,
                "unit": day.unit,
                "location": day.location,
                "notes": day.notes,
                "eighths": day.eighths,
                "pages": format_eighths(day.eighths),
                "scenes": [strip_record(strip) for strip in day.strips],
            }
            for day in schedule.days
        ],
        "unscheduled": [strip_record(strip) for strip in schedule.unscheduled],
        "cast": [{"id": member.id, "name": member.name} for member in schedule.cast],
        "warnings": list(schedule.warnings),
    }


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dood_json(schedule: Schedule, settings: ScheduleSettings) -> str:
    return _dump(dood_data(schedule, settings))


def schedule_json(schedule: Schedule, settings: ScheduleSettings) -> str:
    return _dump(schedule_data(schedule))
