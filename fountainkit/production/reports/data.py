"""The numbers every schedule report shares, computed once per render.

Strips become plain records (what CSV, JSON and the templates print), days get
their totals, and the day-out-of-days is computed from the days' cast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.production.dood import Dood, DoodDay, day_out_of_days
from fountainkit.production.schedule import Schedule, ShootDay
from fountainkit.production.settings import ScheduleSettings, strip_class
from fountainkit.production.strips import Strip


def strip_record(strip: Strip) -> dict[str, Any]:
    return {
        "scene": strip.number,
        "int_ext": strip.int_ext,
        "day_night": strip.day_night,
        "time": strip.time,
        "set": strip.set,
        "sublocation": strip.sublocation,
        "location": strip.location,
        "story_day": strip.story_day,
        "eighths": strip.eighths,
        "pages": strip.pages,
        "page": strip.page,
        "cast_ids": list(strip.cast_ids),
        "synopsis": strip.synopsis,
        "heading": strip.heading,
    }


def long_date(date: dt.date | None) -> str:
    """``Mon, Mar 1, 2027``, as MMS day breaks print it."""
    if date is None:
        return ""
    return f"{date.strftime('%a, %b')} {date.day}, {date.year}"


def short_date(date: dt.date | None) -> str:
    """``Mon 3/1``: a DOOD column head."""
    if date is None:
        return ""
    return f"{date.strftime('%a')} {date.month}/{date.day}"


def pages_label(eighths: int) -> str:
    text = format_eighths(eighths)
    return f"{text} {'page' if eighths == 8 else 'pages'}"


@dataclass(frozen=True)
class StripView:
    """A strip as a report prints it."""

    strip: Strip
    css_class: str
    color: str


@dataclass(frozen=True)
class DayView:
    day: ShootDay
    strips: tuple[StripView, ...]
    cumulative_eighths: int

    @property
    def number(self) -> int:
        return self.day.number

    @property
    def pages(self) -> str:
        return format_eighths(self.day.eighths)

    @property
    def long_date(self) -> str:
        return long_date(self.day.date)


def strip_view(strip: Strip, settings: ScheduleSettings) -> StripView:
    return StripView(strip, strip_class(strip).replace("_", "-"), settings.color(strip))


def day_views(schedule: Schedule, settings: ScheduleSettings) -> list[DayView]:
    views = []
    total = 0
    for day in schedule.days:
        total += day.eighths
        views.append(DayView(day, tuple(strip_view(s, settings) for s in day.strips), total))
    return views


def schedule_dood(schedule: Schedule, settings: ScheduleSettings) -> Dood:
    days = [DoodDay(day.number, day.date, frozenset(day.cast_ids)) for day in schedule.days]
    return day_out_of_days(days, [(m.id, m.name) for m in schedule.cast], settings.dood)
