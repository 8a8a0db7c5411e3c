"""The breakdown's public data: frozen records a report, a stripboard or a schedule reads.

:class:`Breakdown` holds one :class:`SceneBreakdown` per scene (and one for
the prologue, the text before the first heading, when there is any), the cast
list with IDs, the suggestions found in action, the sets and the tagged
elements. Everything a stripboard strip shows is on the scene record: scene
number as printed, INT/EXT, set and sub-location, day/night class, story day,
eighths and the cast ID list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.breakdown.settings import BreakdownSettings
from fountainkit.breakdown.suggestions import SuggestionKind

SCHEMA = "fountainkit.breakdown/2"


@dataclass(frozen=True)
class Suggested:
    """Names the action mentions that are not cast: for a person to review, never numbered."""

    people: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # background / extras
    animals: tuple[str, ...] = ()
    sounds: tuple[str, ...] = ()  # sound or special effects

    def of(self, kind: SuggestionKind) -> tuple[str, ...]:
        return {"person": self.people, "group": self.groups, "animal": self.animals,
                "sound": self.sounds}[kind]  # fmt: skip

    def __bool__(self) -> bool:
        return bool(self.people or self.groups or self.animals or self.sounds)


@dataclass(frozen=True)
class SceneBreakdown:
    index: int  # 1-based order in the script; 0 for the prologue
    number: str  # as printed: the #..# number, else the automatic one ("" for the prologue)
    heading: str
    int_ext: str  # INT, EXT, INT/EXT, EST or ""
    location: str  # the set as the heading writes it
    sublocation: str
    set: str  # the set this scene is grouped under (see fountainkit.breakdown.locations)
    time: str  # the time of day as written: "NIGHT", "DAY, CONTINUOUS", "MAGIC HOUR"
    day_night: str  # DAY or NIGHT (DAWN/DUSK if configured); relative times inherit; "" unknown
    modifiers: tuple[str, ...]  # FLASHBACK, 1985, THE STORM...
    story_day: str  # from [[day: N]] or "DAY N", carried to later scenes until changed
    line: int
    page: int
    eighths: int
    speaking: tuple[str, ...]  # cast who speak, in order of first speech
    non_speaking: tuple[str, ...]  # cast present without a line (action, [[cast:]] tags)
    cast_ids: tuple[int, ...]  # the stripboard's ID list: everyone of the cast in the scene
    suggested: Suggested
    elements: Mapping[str, tuple[str, ...]]  # tagged items by category key
    synopsis: str

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def is_prologue(self) -> bool:
        return self.index == 0


@dataclass(frozen=True)
class CastMember:
    id: int
    name: str
    speaking: bool  # has lines; False: a [[cast:]] tag or the config file made it cast
    source: str  # "speaking", "tag" or "config": why it has an ID
    also_known_as: tuple[str, ...]  # full names merged into it ("EDWARD BLOOM" for EDWARD)
    scenes: tuple[int, ...]  # indexes of every scene the character is in (0: the prologue)
    speaking_scenes: tuple[int, ...]
    speeches: int
    dialogue_lines: int
    words: int


@dataclass(frozen=True)
class Suggestion:
    name: str
    kind: SuggestionKind  # person, group, animal or sound
    scenes: tuple[int, ...]


@dataclass(frozen=True)
class LocationSummary:
    name: str  # the set
    int_ext: tuple[str, ...]
    sublocations: tuple[str, ...]
    spellings: tuple[str, ...]  # every way the headings write the set
    scenes: tuple[int, ...]
    eighths: int

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)


@dataclass(frozen=True)
class ElementSummary:
    category: str
    name: str
    scenes: tuple[int, ...]


@dataclass(frozen=True)
class BreakdownWarning:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Breakdown:
    title: str
    pages: int  # the printed page count
    lines_per_page: int
    eighths_rounding: str
    scenes: tuple[SceneBreakdown, ...]
    cast: tuple[CastMember, ...]
    locations: tuple[LocationSummary, ...]
    elements: tuple[ElementSummary, ...]
    warnings: tuple[BreakdownWarning, ...] = ()
    prologue: SceneBreakdown | None = None
    suggestions: tuple[Suggestion, ...] = ()
    paper: str = "letter"  # the layout's paper, which the PDF report prints on too
    settings: BreakdownSettings = field(
        default_factory=BreakdownSettings, compare=False, repr=False
    )

    @property
    def rows(self) -> tuple[SceneBreakdown, ...]:
        """The prologue (when there is one), then every scene: what the reports list."""
        return ((self.prologue,) if self.prologue is not None else ()) + self.scenes

    @property
    def eighths_total(self) -> int:
        """Every row's eighths: the page count, give or take the fill of the last page."""
        return sum(row.eighths for row in self.rows)

    @property
    def speaking_cast(self) -> tuple[CastMember, ...]:
        return tuple(member for member in self.cast if member.speaking)

    def cast_ids(self, scene: SceneBreakdown) -> tuple[int, ...]:
        """The ID list of a stripboard strip: everyone of the cast in the scene, by ID."""
        return scene.cast_ids

    def presence(self) -> list[list[str]]:
        """Cast x row grid (prologue first): "S" speaks, "N" present but silent, "" absent."""
        rows = []
        for member in self.cast:
            speaking, present = set(member.speaking_scenes), set(member.scenes)
            rows.append(
                [
                    "S" if r.index in speaking else "N" if r.index in present else ""
                    for r in self.rows
                ]  # fmt: skip
            )
        return rows
