"""A schedule file matched to a script: shoot days of strips, and what did not fit.

:func:`build_schedule` looks every scene number of the file up in the
script's strips. Nothing is dropped silently:

* a scene number the script does not print is an **error** (a typo, or a scene
  cut since the schedule was made);
* a scene scheduled twice is an **error** (the first day keeps it);
* a scene no day shoots is a **warning**, and the reports list it at the end
  (an MMS board keeps such strips below the last day too);
* a day with no scenes and a scene number the script prints twice are warnings.

Every message is one line naming the day, its line in the file and the scene.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fountainkit.production.schedule_file import DaySpec, ScheduleFile
from fountainkit.production.strips import CastEntry, ScriptStrips, Strip, scene_key


@dataclass(frozen=True, slots=True)
class ShootDay:
    number: int
    strips: tuple[Strip, ...]
    date: dt.date | None = None
    unit: str = ""
    location: str = ""
    notes: str = ""

    @property
    def eighths(self) -> int:
        return sum(strip.eighths for strip in self.strips)

    @property
    def cast_ids(self) -> tuple[int, ...]:
        return tuple(sorted({cast_id for strip in self.strips for cast_id in strip.cast_ids}))


@dataclass(frozen=True)
class Schedule:
    title: str
    days: tuple[ShootDay, ...]
    unscheduled: tuple[Strip, ...]
    cast: tuple[CastEntry, ...]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def scheduled_eighths(self) -> int:
        return sum(day.eighths for day in self.days)

    @property
    def dated(self) -> bool:
        """True when every day has a date (drop gaps are then counted in calendar days)."""
        return bool(self.days) and all(day.date is not None for day in self.days)


def build_schedule(plan: ScheduleFile, script: ScriptStrips) -> Schedule:
    """Match ``plan``'s scene numbers to ``script``; see the module docstring."""
    errors: list[str] = []
    warnings: list[str] = list(script.warnings)
    source = plan.source
    for number in script.duplicate_numbers():
        warnings.append(
            f"{source}: scene number {number} is printed on more than one scene in the script; "
            "the schedule can only name the first"
        )
    taken: dict[str, DaySpec] = {}
    days: list[ShootDay] = []
    for spec in plan.days:
        strips: list[Strip] = []
        for number in spec.scenes:
            key = scene_key(number)
            strip = script.strip(number)
            if strip is None:
                errors.append(f"{source}: {spec.label}: scene {number} is not in the script")
                continue
            if key in taken:
                first = taken[key]
                again = "twice on this day" if first is spec else f"already on {first.label}"
                errors.append(f"{source}: {spec.label}: scene {number} is scheduled {again}")
                continue
            taken[key] = spec
            strips.append(strip)
        if not spec.scenes:
            warnings.append(f"{source}: {spec.label}: no scenes")
        days.append(
            ShootDay(
                number=spec.number,
                strips=tuple(strips),
                date=spec.date,
                unit=spec.unit,
                location=spec.location,
                notes=spec.notes,
            )
        )
    scheduled = {id(strip) for day in days for strip in day.strips}
    unscheduled = tuple(strip for strip in script.strips if id(strip) not in scheduled)
    if unscheduled:
        numbers = ", ".join(strip.number for strip in unscheduled)
        count = len(unscheduled)
        warnings.append(
            f"{source}: {count} scene{'s' if count != 1 else ''} not scheduled: {numbers}"
        )
    dates = [day.date for day in days if day.date is not None]
    if dates and len(dates) != len(days):
        warnings.append(
            f"{source}: only {len(dates)} of {len(days)} days have a date; "
            "drop/pick-up gaps are counted in shoot days"
        )
    return Schedule(
        title=script.title,
        days=tuple(days),
        unscheduled=unscheduled,
        cast=script.cast,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )
