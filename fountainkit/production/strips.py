"""What a schedule knows of a script: one strip per scene, and the cast by ID.

A strip is the scheduling view of a breakdown record, as an AD's stripboard
shows it (MMS strip fields, research notes breakdown-and-pagination 1.1):
scene number as printed, INT/EXT, day/night, set and sub-location, the
shooting location when one is tagged, story day, length in eighths, the cast
ID list and the synopsis. Everything here is plain data; the breakdown is
turned into it in one place, :mod:`fountainkit.production.from_breakdown`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fountainkit.breakdown.eighths import format_eighths


def scene_key(number: str) -> str:
    """How scene numbers compare: case and surrounding space do not matter."""
    return number.strip().upper()


@dataclass(frozen=True, slots=True)
class Strip:
    number: str  # as printed: "7A"
    index: int  # 1-based position in the script
    int_ext: str  # INT, EXT, INT/EXT, EST or ""
    day_night: str  # DAY, NIGHT or "" (not resolvable)
    time: str  # the time as written in the heading ("MOMENTS LATER")
    set: str  # the set from the heading ("HWANG ENTERTAINMENT")
    sublocation: str = ""  # "PRACTICE ROOM 3"
    location: str = ""  # the real place it is shot, when tagged
    eighths: int = 1
    page: int = 1
    cast_ids: tuple[int, ...] = ()
    synopsis: str = ""
    story_day: str = ""  # "3", "D3"... as tagged; "" when the script has none
    heading: str = ""

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def set_name(self) -> str:
        """``HWANG ENTERTAINMENT - PRACTICE ROOM 3``: the set as a strip prints it."""
        if self.set and self.sublocation:
            return f"{self.set} - {self.sublocation}"
        return self.set or self.sublocation or self.heading


@dataclass(frozen=True, slots=True)
class CastEntry:
    id: int
    name: str


@dataclass(frozen=True)
class ScriptStrips:
    """A script as a schedule sees it: its strips in script order and its cast."""

    title: str
    strips: tuple[Strip, ...]
    cast: tuple[CastEntry, ...]
    warnings: tuple[str, ...] = ()
    _by_number: Mapping[str, Strip] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_number: dict[str, Strip] = {}
        for strip in self.strips:
            by_number.setdefault(scene_key(strip.number), strip)
        object.__setattr__(self, "_by_number", MappingProxyType(by_number))

    def strip(self, number: str) -> Strip | None:
        """The strip printed with ``number`` ("7a" finds scene 7A)."""
        return self._by_number.get(scene_key(number))

    def duplicate_numbers(self) -> tuple[str, ...]:
        """Scene numbers the script itself prints twice (a schedule can only name one)."""
        seen: set[str] = set()
        doubled: dict[str, None] = {}
        for strip in self.strips:
            key = scene_key(strip.number)
            if key in seen:
                doubled[strip.number] = None
            seen.add(key)
        return tuple(doubled)

    def cast_name(self, cast_id: int) -> str:
        for member in self.cast:
            if member.id == cast_id:
                return member.name
        return ""
