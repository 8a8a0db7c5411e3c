"""The schedule file: shoot days and the scenes each one shoots, as a user writes it.

::

    days:
      - date: 2027-03-01          # optional; so are unit, location and notes
        unit: Main
        location: Mangwon-dong, Seoul
        notes: Company move after lunch
        scenes: ["3", "8"]        # scene numbers as printed (7A allowed)
      - scenes: ["1"]

The file is read with the strict, bounded loader of :mod:`fountainkit.safe_yaml`
and checked here, before any scene is looked up: every problem is a
:class:`ScheduleFileError` whose one-line message names the day, the key and
the line (``day 3 (line 12): date must be ...``). Matching the scenes to a
script is :mod:`fountainkit.production.schedule`'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fountainkit.safe_yaml import YamlError, load_yaml

DAY_KEYS = ("date", "unit", "location", "notes", "scenes")
TOP_KEYS = ("days",)
MAX_DAYS = 2000
MAX_SCENES_PER_DAY = 500
# What Fountain allows between #...#: letters, digits, dashes and periods.
_SCENE_NUMBER_RE = re.compile(r"^[\w.\-]+$")
_SCENE_LIST_SPLIT = re.compile(r"[,\s]+")


class ScheduleFileError(ValueError):
    """A schedule file that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class DaySpec:
    """One shoot day as written in the file."""

    number: int  # 1-based, in file order
    line: int  # where the day starts in the file (0 when not from a file)
    scenes: tuple[str, ...]
    date: dt.date | None = None
    unit: str = ""
    location: str = ""
    notes: str = ""

    @property
    def label(self) -> str:
        return f"day {self.number} (line {self.line})" if self.line else f"day {self.number}"


@dataclass(frozen=True, slots=True)
class ScheduleFile:
    days: tuple[DaySpec, ...]
    source: str = "schedule"


def load_schedule_file(path: Path | str) -> ScheduleFile:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScheduleFileError(f"{path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScheduleFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_schedule(text, str(path))


def parse_schedule(text: str, source: str = "schedule") -> ScheduleFile:
    try:
        data = load_yaml(text)
    except YamlError as exc:
        raise ScheduleFileError(f"{source}: {exc}") from None
    return schedule_from_data(data, source)


def schedule_from_data(data: Any, source: str = "schedule") -> ScheduleFile:
    """Check an already-parsed document (a mapping with ``days``)."""

    def fail(message: str) -> ScheduleFileError:
        return ScheduleFileError(f"{source}: {message}")

    if not isinstance(data, Mapping):
        raise fail("expected a mapping with a 'days' list at the top level")
    for key in data:
        if key not in TOP_KEYS:
            raise fail(f"unknown key {key!r} at the top level (known: {', '.join(TOP_KEYS)})")
    days = data.get("days")
    if not isinstance(days, list):
        raise fail("'days' must be a list of days, each with a 'scenes' list")
    if len(days) > MAX_DAYS:
        raise fail(f"{len(days)} days is more than the {MAX_DAYS} a schedule may have")
    specs = []
    for number, raw_day in enumerate(days, start=1):
        line = getattr(raw_day, "line", 0) or getattr(days, "line", 0)
        specs.append(_day(number, line, raw_day, fail))
    _check_date_order(specs, fail)
    return ScheduleFile(tuple(specs), source)


def _day(number: int, line: int, raw: Any, fail: Any) -> DaySpec:
    where = f"day {number} (line {line})" if line else f"day {number}"
    if not isinstance(raw, Mapping):
        raise fail(f"{where}: expected a mapping with 'scenes' (and optional date, unit...)")
    for key in raw:
        if key not in DAY_KEYS:
            raise fail(f"{where}: unknown key {key!r} (known: {', '.join(DAY_KEYS)})")
    if "scenes" not in raw:
        raise fail(f'{where}: \'scenes\' is missing (a list such as ["3", "8"])')
    scenes = _scenes(raw["scenes"], where, fail)
    texts = {key: _text(raw.get(key), where, key, fail) for key in ("unit", "location", "notes")}
    return DaySpec(
        number=number,
        line=line,
        scenes=scenes,
        date=_date(raw.get("date"), where, fail),
        **texts,
    )


def _scenes(raw: Any, where: str, fail: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        # "3, 8" or "3 8": a list typed as one string is still clear.
        items: list[Any] = [part for part in _SCENE_LIST_SPLIT.split(raw) if part]
    elif isinstance(raw, list):
        items = list(raw)
    else:
        raise fail(f'{where}: scenes must be a list such as ["3", "8"], not {raw!r}')
    if len(items) > MAX_SCENES_PER_DAY:
        raise fail(f"{where}: {len(items)} scenes is more than {MAX_SCENES_PER_DAY} in one day")
    numbers = []
    for item in items:
        numbers.append(_scene_number(item, where, fail))
    return tuple(numbers)


def _scene_number(item: Any, where: str, fail: Any) -> str:
    if isinstance(item, bool) or not isinstance(item, int | str):
        if isinstance(item, float):
            # YAML reads 7.10 as the number 7.1: the printed number is lost.
            raise fail(f'{where}: scene {item!r} must be quoted ("{item}") to keep it as printed')
        raise fail(f'{where}: scene numbers are text like "7A", not {item!r}')
    number = str(item).strip()
    if not number or not _SCENE_NUMBER_RE.match(number):
        raise fail(f"{where}: {number!r} is not a scene number (letters, digits, '-' and '.')")
    return number


def _date(raw: Any, where: str, fail: Any) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise fail(f"{where}: date must be a date like 2027-03-01, not {raw!r}")


def _text(raw: Any, where: str, key: str, fail: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool | Mapping | list):
        raise fail(f"{where}: {key} must be text, not {raw!r}")
    return " ".join(str(raw).split())


def _check_date_order(days: list[DaySpec], fail: Any) -> None:
    previous: DaySpec | None = None
    for day in days:
        if day.date is None:
            continue
        if previous is not None and previous.date is not None and day.date < previous.date:
            raise fail(
                f"{day.label}: date {day.date.isoformat()} is before "
                f"day {previous.number}'s {previous.date.isoformat()} (days go in shooting order)"
            )
        previous = day
