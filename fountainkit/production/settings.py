"""Settings of the schedule reports: strip colours, DOOD rules, pages per day.

Read from the ``schedule:`` section of a fountainkit YAML config; command-line
options override it::

    schedule:
      pages_per_day: 5        # for --suggest
      drop_after: 10          # days off that make a drop/pick-up (0: never drop)
      max_drops: 1            # drops per actor (SAG-AFTRA allows one)
      holds: true             # false: days between work days stay empty
      days_per_page: 15       # DOOD columns per printed page
      colors:                 # strip colours (#rrggbb)
        int_day: "#ffffff"
        ext_day: "#fff59d"
        int_night: "#90caf9"
        ext_night: "#a5d6a7"
        other: "#e0e0e0"      # no day/night class (FLASHBACK - 2007)

Default colours are the production-board convention (research notes
production-and-interchange.md 4.1): INT/DAY white, EXT/DAY yellow, INT/NIGHT
blue, EXT/NIGHT green. INT/EXT strips take the EXT colour (an exterior is
what the light depends on); sources swap the two night colours, hence the
setting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from fountainkit.production.dood import DEFAULT_DROP_AFTER, DEFAULT_MAX_DROPS, DoodSettings
from fountainkit.production.strips import Strip
from fountainkit.production.suggest import DEFAULT_PAGES_PER_DAY

DEFAULT_STRIP_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "int_day": "#ffffff",
        "ext_day": "#fff59d",
        "int_night": "#90caf9",
        "ext_night": "#a5d6a7",
        "other": "#e0e0e0",
    }
)
# The colour key of a stripboard: setting name and label, in the order printed.
COLOR_LABELS: tuple[tuple[str, str], ...] = (
    ("int_day", "INT / DAY"),
    ("ext_day", "EXT / DAY"),
    ("int_night", "INT / NIGHT"),
    ("ext_night", "EXT / NIGHT"),
    ("other", "no day/night"),
)
DEFAULT_DAYS_PER_PAGE = 15
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def strip_class(strip: Strip) -> str:
    """``int_day``, ``ext_night``... or ``other``: which colour a strip takes."""
    light = {"DAY": "day", "NIGHT": "night"}.get(strip.day_night)
    if light is None:
        return "other"
    inside = "ext" if strip.int_ext in ("EXT", "INT/EXT") else "int"
    return f"{inside}_{light}"


@dataclass(frozen=True)
class ScheduleSettings:
    colors: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_STRIP_COLORS))
    dood: DoodSettings = field(default_factory=DoodSettings)
    pages_per_day: float = DEFAULT_PAGES_PER_DAY
    days_per_page: int = DEFAULT_DAYS_PER_PAGE

    def color(self, strip: Strip) -> str:
        return self.colors[strip_class(strip)]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> ScheduleSettings:
        """The ``schedule:`` config section; ValueError (one line) on a bad value."""
        data = dict(data or {})
        known = ("colors", "drop_after", "max_drops", "holds", "pages_per_day", "days_per_page")
        for key in data:
            if key not in known:
                raise ValueError(f"unknown setting {key!r} (known: {', '.join(known)})")
        colors = dict(DEFAULT_STRIP_COLORS)
        raw_colors = data.get("colors") or {}
        if not isinstance(raw_colors, Mapping):
            raise ValueError("colors must be a mapping such as {int_day: '#ffffff'}")
        for name, value in raw_colors.items():
            if name not in DEFAULT_STRIP_COLORS:
                names = ", ".join(DEFAULT_STRIP_COLORS)
                raise ValueError(f"colors: unknown strip {name!r} (known: {names})")
            if not isinstance(value, str) or not _HEX.match(value):
                raise ValueError(f"colors: {name} must be #rrggbb, not {value!r}")
            colors[name] = value.lower()
        dood = DoodSettings(
            drop_after=_integer(data, "drop_after", DEFAULT_DROP_AFTER),
            max_drops=_integer(data, "max_drops", DEFAULT_MAX_DROPS),
            holds=_boolean(data, "holds", True),
        )
        pages = data.get("pages_per_day", DEFAULT_PAGES_PER_DAY)
        if isinstance(pages, bool) or not isinstance(pages, int | float) or pages <= 0:
            raise ValueError(f"pages_per_day must be a number above 0, not {pages!r}")
        per_page = _integer(data, "days_per_page", DEFAULT_DAYS_PER_PAGE)
        if per_page < 1:
            raise ValueError(f"days_per_page must be 1 or more, not {per_page}")
        return cls(colors=colors, dood=dood, pages_per_day=float(pages), days_per_page=per_page)


def _integer(data: Mapping[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key} must be a whole number, not {value!r}")
    return value


def _boolean(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}")
    return value
