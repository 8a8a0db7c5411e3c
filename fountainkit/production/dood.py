"""Day-out-of-days: for each cast member, one code per shoot day.

The rules are Movie Magic Scheduling's (research notes,
production-and-interchange.md 3.1-3.2, https://mms-docs.ep.com/DayOutofDays/DOODRules.html):

* ``W`` a day the actor is in a scheduled strip; the first is ``SW``, the last
  ``WF``, and one who works a single day is ``SWF``;
* ``H`` every shoot day between the first and the last work day on which the
  actor does not work: they are held, and paid (SAG-AFTRA consecutive
  employment). Before the start and after the finish the cell is empty;
* ``D`` / ``PW`` drop and pick-up: when the days off between two work days
  reach the drop threshold (default 10, the SAG-AFTRA figure for a film shot
  in the USA; 14 elsewhere), the actor is released instead of held: the
  shoot days of that gap are ``D`` (not paid) and the day they come back is
  ``PW`` (``PWF`` when it is also their last). Like MMS, the drop goes in the
  first gap that qualifies, and an actor is dropped once (SAG-AFTRA allows
  one such break per production); ``max_drops`` changes that.

Days off are calendar days when every shoot day has a date (that is how MMS
and SAG-AFTRA count), otherwise shoot days. Columns are shoot days only, so
weekends and other company days off are never holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_DROP_AFTER = 10
DEFAULT_MAX_DROPS = 1

CODES = ("SW", "W", "WF", "SWF", "H", "D", "PW", "PWF")
WORK_CODES = frozenset({"SW", "W", "WF", "SWF", "PW", "PWF"})
LEGEND: tuple[tuple[str, str], ...] = (
    ("SW", "start work"),
    ("W", "work"),
    ("WF", "work finish"),
    ("SWF", "start, work and finish the same day"),
    ("H", "hold (paid, not working)"),
    ("D", "dropped (released, not paid)"),
    ("PW", "pick-up: back to work after a drop"),
)


@dataclass(frozen=True, slots=True)
class DoodSettings:
    drop_after: int = DEFAULT_DROP_AFTER  # days off that allow a drop; 0 turns drops off
    max_drops: int = DEFAULT_MAX_DROPS  # drops per actor
    holds: bool = True  # False: days between work days are left empty (no holds)

    def __post_init__(self) -> None:
        if self.drop_after < 0:
            raise ValueError(f"drop_after must be 0 (no drops) or more, not {self.drop_after}")
        if self.max_drops < 0:
            raise ValueError(f"max_drops must be 0 or more, not {self.max_drops}")


@dataclass(frozen=True, slots=True)
class DoodDay:
    number: int
    date: dt.date | None
    cast_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class DoodRow:
    id: int
    name: str
    codes: tuple[str, ...]  # one per shoot day; "" before the start and after the finish

    @property
    def work(self) -> int:
        return sum(1 for code in self.codes if code in WORK_CODES)

    @property
    def hold(self) -> int:
        return self.codes.count("H")

    @property
    def dropped(self) -> int:
        return self.codes.count("D")

    @property
    def start(self) -> int | None:
        """Day number (1-based) of the first work day."""
        return next((i for i, code in enumerate(self.codes, 1) if code in WORK_CODES), None)

    @property
    def finish(self) -> int | None:
        last = None
        for i, code in enumerate(self.codes, 1):
            if code in WORK_CODES:
                last = i
        return last

    @property
    def paid(self) -> int:
        """Work plus hold days: what the actor is paid for."""
        return self.work + self.hold


@dataclass(frozen=True)
class Dood:
    days: tuple[DoodDay, ...]
    rows: tuple[DoodRow, ...]
    settings: DoodSettings

    @property
    def total_work(self) -> int:
        return sum(row.work for row in self.rows)

    @property
    def total_hold(self) -> int:
        return sum(row.hold for row in self.rows)

    def cast_per_day(self) -> list[int]:
        """How many actors work each day (the bottom row of a DOOD grid)."""
        return [
            sum(1 for row in self.rows if row.codes[i] in WORK_CODES) for i in range(len(self.days))
        ]


def _days_off(days: Sequence[DoodDay], before: int, after: int, calendar: bool) -> int:
    """Days between two work days (indexes), exclusive."""
    if calendar:
        first, second = days[before].date, days[after].date
        assert first is not None and second is not None
        return max((second - first).days - 1, 0)
    return after - before - 1


def codes_for(
    worked: Iterable[int], days: Sequence[DoodDay], settings: DoodSettings
) -> tuple[str, ...]:
    """The codes of one actor who works on the day indexes ``worked`` (0-based)."""
    work = sorted(set(worked))
    codes = [""] * len(days)
    if not work:
        return tuple(codes)
    calendar = all(day.date is not None for day in days)
    drops = 0
    picked_up: set[int] = set()
    for before, after in zip(work, work[1:], strict=False):
        if after - before == 1 and not calendar:
            continue
        off = _days_off(days, before, after, calendar)
        if settings.drop_after and drops < settings.max_drops and off >= settings.drop_after:
            drops += 1
            picked_up.add(after)
            fill = "D"
        else:
            fill = "H" if settings.holds else ""
        for index in range(before + 1, after):
            codes[index] = fill
    first, last = work[0], work[-1]
    for index in work:
        if index == first:
            code = "SWF" if first == last else "SW"
        elif index in picked_up:
            code = "PWF" if index == last else "PW"
        elif index == last:
            code = "WF"
        else:
            code = "W"
        codes[index] = code
    return tuple(codes)


def day_out_of_days(
    days: Sequence[DoodDay],
    cast: Iterable[tuple[int, str]],
    settings: DoodSettings | None = None,
) -> Dood:
    """The DOOD of ``cast`` ((id, name) pairs, in report order) over ``days``."""
    settings = settings or DoodSettings()
    rows = []
    for cast_id, name in cast:
        worked = [i for i, day in enumerate(days) if cast_id in day.cast_ids]
        rows.append(DoodRow(cast_id, name, codes_for(worked, days, settings)))
    return Dood(tuple(days), tuple(rows), settings)
