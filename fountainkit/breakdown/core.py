"""Script breakdown for line producers and ADs: one record per scene, plus totals.

:func:`breakdown` turns a :class:`~fountainkit.model.Screenplay` into a
:class:`Breakdown`: per scene the number, slugline parts, source line, start
page and length in eighths (from the PDF's layout, see
:mod:`fountainkit.breakdown.eighths`), speaking and suggested non-speaking cast, tagged
elements and synopsis; per script the cast list with IDs, the locations and
a cast x scene presence grid. Writers in :mod:`fountainkit.breakdown.reports` turn it
into YAML, JSON, CSV, HTML or PDF.

Only visible text counts as cast: notes and boneyard never add anyone, and a
``[[cast: ...]]`` tag stays a tagged element (it is a note too).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from fountainkit.breakdown.cast import NameMatcher, non_speaking_in, normalise_cue
from fountainkit.breakdown.eighths import PageMap, format_eighths, page_map
from fountainkit.breakdown.settings import BreakdownSettings
from fountainkit.breakdown.sluglines import parse_slugline
from fountainkit.breakdown.tags import CATEGORIES, Tag, parse_tag
from fountainkit.config import LayoutSettings
from fountainkit.model import (
    Action,
    Boneyard,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    Scene,
    Screenplay,
    Section,
    Synopsis,
    Text,
    plain,
    walk,
)
from fountainkit.production.numbering import scene_numbers

SCHEMA = "fountainkit.breakdown/1"

# Times that say "as before" rather than naming a part of the day.
RELATIVE_TIMES = frozenset(
    {
        "CONTINUOUS",
        "LATER",
        "MOMENTS LATER",
        "A MOMENT LATER",
        "SAME",
        "SAME TIME",
        "SIMULTANEOUS",
        "\uacc4\uc18d",  # Korean "continuous"
    }
)


@dataclass(frozen=True)
class SceneBreakdown:
    index: int  # 1-based order in the script
    number: str  # the #..# number, else the automatic one (scene_numbers)
    heading: str
    int_ext: str
    location: str
    sublocation: str
    time: str
    day_night: str  # DAY/NIGHT; relative times inherit the previous scene's
    line: int
    page: int
    eighths: int
    speaking: tuple[str, ...]
    non_speaking: tuple[str, ...]
    elements: Mapping[str, tuple[str, ...]]
    synopsis: str

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)


@dataclass(frozen=True)
class CastMember:
    id: int
    name: str
    speaking: bool  # False: found only in action, a suggestion to review
    scenes: tuple[int, ...]  # indexes of every scene the character is in
    speaking_scenes: tuple[int, ...]
    speeches: int
    dialogue_lines: int
    words: int


@dataclass(frozen=True)
class LocationSummary:
    name: str
    int_ext: tuple[str, ...]
    sublocations: tuple[str, ...]
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
    pages: int
    lines_per_page: int
    eighths_rounding: str
    scenes: tuple[SceneBreakdown, ...]
    cast: tuple[CastMember, ...]
    locations: tuple[LocationSummary, ...]
    elements: tuple[ElementSummary, ...]
    warnings: tuple[BreakdownWarning, ...] = ()
    settings: BreakdownSettings = field(
        default_factory=BreakdownSettings, compare=False, repr=False
    )

    @property
    def speaking_cast(self) -> tuple[CastMember, ...]:
        return tuple(member for member in self.cast if member.speaking)

    def cast_ids(self, scene: SceneBreakdown) -> tuple[int, ...]:
        """The ID list of a stripboard strip: everyone in the scene, by ID."""
        ids = {m.name: m.id for m in self.cast}
        return tuple(sorted(ids[name] for name in (*scene.speaking, *scene.non_speaking)))

    def presence(self) -> list[list[str]]:
        """Cast x scene grid: "S" speaks, "N" seen but silent, "" absent."""
        rows = []
        for member in self.cast:
            speaking, present = set(member.speaking_scenes), set(member.scenes)
            rows.append(
                [
                    "S" if s.index in speaking else "N" if s.index in present else ""
                    for s in self.scenes
                ]
            )
        return rows


# --- gathering facts from the tree -------------------------------------------------------


def _dialogues(scene: Scene) -> Iterator[Dialogue]:
    for element in scene.elements:
        if isinstance(element, Dialogue):
            yield element
        elif isinstance(element, DualDialogue):
            yield element.left
            yield element.right


def _spoken_text(dialogue: Dialogue) -> list[str]:
    lines: list[str] = []
    for part in dialogue.parts:
        if isinstance(part, DialogueLine):
            lines.append(part.text)
        elif isinstance(part, Lyrics):
            lines.extend(plain(line) for line in part.lines)
    return [line for line in lines if line.strip()]


def _note_texts(node: object) -> Iterator[tuple[str, int]]:
    """(note text, source line) for every note under ``node``, block or inline.

    Boneyard is skipped whole: a tag commented out is no tag.
    """
    for item in walk(node):
        if isinstance(item, Boneyard):
            continue
        if isinstance(item, Note):
            yield item.text, item.span.start_line
            continue
        start = item.span.start_line if hasattr(item, "span") else 0
        runs: Text | None = getattr(item, "runs", None)
        lines: tuple[Text, ...] = (runs,) if runs is not None else getattr(item, "lines", ())
        for offset, text in enumerate(lines):
            for run in text:
                if run.kind == "note":
                    yield run.text, start + offset


def _scene_tags(scene: Scene, settings: BreakdownSettings) -> Iterator[tuple[Tag, int]]:
    for text, line in _note_texts(scene):
        tag = parse_tag(text, settings.aliases)
        if tag is not None:
            yield tag, line


def _collect_elements(
    tags: list[tuple[Tag, int]], warnings: list[BreakdownWarning]
) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for tag, line in tags:
        if not tag.known:
            warnings.append(
                BreakdownWarning(
                    line,
                    f"unknown tag category {tag.label!r}, kept as {tag.category!r}",
                )
            )
        items = found.setdefault(tag.category, [])
        seen = {item.casefold() for item in items}
        for item in tag.items:
            if item.casefold() not in seen:
                items.append(item)
                seen.add(item.casefold())
    order = {category: i for i, category in enumerate(CATEGORIES)}
    # Standard categories in sheet order, then unknown ones as they came.
    ranked = sorted(found, key=lambda c: order.get(c, len(order)))
    return {category: tuple(found[category]) for category in ranked}


def _loose_tag_warnings(
    screenplay: Screenplay, settings: BreakdownSettings
) -> list[BreakdownWarning]:
    """Known-category tags outside every scene: reported, since they land nowhere."""
    warnings = []
    for item in screenplay.body:
        if isinstance(item, Scene | Section):
            continue
        for text, line in _note_texts(item):
            tag = parse_tag(text, settings.aliases)
            if tag is not None and tag.known:
                warnings.append(
                    BreakdownWarning(line, f"{tag.category} tag outside any scene is not counted")
                )
    return warnings


def _synopsis(scene: Scene) -> str:
    return " ".join(e.text.strip() for e in scene.elements if isinstance(e, Synopsis)).strip()


# --- the analysis ---------------------------------------------------------------------


@dataclass
class _CastTally:
    first_seen: tuple[int, int]  # (scene index, order within the scene)
    speaking_scenes: list[int] = field(default_factory=list)
    scenes: list[int] = field(default_factory=list)
    speeches: int = 0
    dialogue_lines: int = 0
    words: int = 0


def breakdown(
    screenplay: Screenplay,
    settings: BreakdownSettings | None = None,
    *,
    layout_settings: LayoutSettings | None = None,
    scene_pages: PageMap | None = None,
) -> Breakdown:
    """Break a screenplay down scene by scene.

    ``scene_pages`` is normally computed from the layout (the PDF's pagination with
    ``layout_settings``); pass one to reuse a layout already made.
    """
    settings = settings or BreakdownSettings()
    scenes = list(screenplay.scenes())
    if scene_pages is None:
        scene_pages = page_map(screenplay, layout_settings, settings.eighths_rounding)
    if len(scene_pages.scenes) != len(scenes):
        raise ValueError(f"page map has {len(scene_pages.scenes)} scenes, the script {len(scenes)}")

    # Every cue in the script is a known name before any action is read, so
    # a character mentioned before their first line is still recognised.
    aliases = settings.cast_aliases
    matcher = NameMatcher(
        normalise_cue(d.character.name) for scene in scenes for d in _dialogues(scene)
    )
    warnings = _loose_tag_warnings(screenplay, settings)
    tallies: dict[str, _CastTally] = {}
    records: list[SceneBreakdown] = []
    day_night = ""
    numbers = scene_numbers(scenes, (layout_settings or LayoutSettings()).scene_number_inserts)
    for index, (scene, length) in enumerate(zip(scenes, scene_pages.scenes, strict=True), start=1):
        slug = parse_slugline(scene.heading.text)
        day_night = _resolve_day_night(slug.time, day_night, settings)

        speaking: list[str] = []
        for dialogue in _dialogues(scene):
            name = normalise_cue(dialogue.character.name)
            name = aliases.get(name, name)
            if not name:
                continue
            tally = tallies.setdefault(name, _CastTally((index, len(speaking))))
            if name not in speaking:
                speaking.append(name)
                tally.speaking_scenes.append(index)
            spoken = _spoken_text(dialogue)
            tally.speeches += 1
            tally.dialogue_lines += len(spoken)
            tally.words += sum(len(line.split()) for line in spoken)

        actions = [e.text for e in scene.elements if isinstance(e, Action)]
        found = (aliases.get(n, n) for n in non_speaking_in(actions, matcher))
        non_speaking = [n for n in dict.fromkeys(found) if n not in speaking]
        for order, name in enumerate((*speaking, *non_speaking)):
            tally = tallies.setdefault(name, _CastTally((index, order)))
            tally.scenes.append(index)

        elements = _collect_elements(list(_scene_tags(scene, settings)), warnings)
        records.append(
            SceneBreakdown(
                index=index,
                number=numbers[index - 1],
                heading=" ".join(scene.heading.text.split()),
                int_ext=slug.int_ext,
                location=slug.location,
                sublocation=slug.sublocation,
                time=slug.time,
                day_night=day_night,
                line=scene.heading.span.start_line,
                page=length.page,
                eighths=length.eighths,
                speaking=tuple(speaking),
                non_speaking=tuple(non_speaking),
                elements=elements,
                synopsis=_synopsis(scene),
            )
        )

    return Breakdown(
        title=screenplay.title(),
        pages=scene_pages.pages,
        lines_per_page=scene_pages.lines_per_page,
        eighths_rounding=settings.eighths_rounding,
        scenes=tuple(records),
        cast=_cast_list(tallies),
        locations=_locations(records),
        elements=_element_index(records),
        warnings=tuple(sorted(warnings, key=lambda w: w.line)),
        settings=settings,
    )


def _resolve_day_night(time: str, previous: str, settings: BreakdownSettings) -> str:
    words = " ".join(time.upper().split())
    resolved = settings.day_night(words)
    if resolved:
        return resolved
    if words in RELATIVE_TIMES or "LATER" in words.split() or "CONTINUOUS" in words.split():
        return previous
    return ""


def _cast_list(tallies: dict[str, _CastTally]) -> tuple[CastMember, ...]:
    """IDs: speaking cast first, most scenes first, ties by first appearance;
    then the non-speaking suggestions the same way."""
    ranked = sorted(
        tallies.items(),
        key=lambda item: (not item[1].speaking_scenes, -len(item[1].scenes), item[1].first_seen),
    )
    return tuple(
        CastMember(
            id=number,
            name=name,
            speaking=bool(tally.speaking_scenes),
            scenes=tuple(tally.scenes),
            speaking_scenes=tuple(tally.speaking_scenes),
            speeches=tally.speeches,
            dialogue_lines=tally.dialogue_lines,
            words=tally.words,
        )
        for number, (name, tally) in enumerate(ranked, start=1)
    )


def _locations(scenes: list[SceneBreakdown]) -> tuple[LocationSummary, ...]:
    # "int. taxi" and "INT. TAXI" are one set; it keeps its first spelling.
    grouped: dict[str, list[SceneBreakdown]] = {}
    for scene in scenes:
        grouped.setdefault((scene.location or scene.heading).casefold(), []).append(scene)
    summaries = []
    for members in grouped.values():
        summaries.append(
            LocationSummary(
                name=members[0].location or members[0].heading,
                int_ext=tuple(dict.fromkeys(s.int_ext for s in members if s.int_ext)),
                sublocations=tuple(dict.fromkeys(s.sublocation for s in members if s.sublocation)),
                scenes=tuple(s.index for s in members),
                eighths=sum(s.eighths for s in members),
            )
        )
    # Biggest sets first: that is what a location scout reads top down.
    summaries.sort(key=lambda loc: (-loc.eighths, loc.scenes[0]))
    return tuple(summaries)


def _element_index(scenes: list[SceneBreakdown]) -> tuple[ElementSummary, ...]:
    found: dict[tuple[str, str], tuple[str, list[int]]] = {}
    for scene in scenes:
        for category, items in scene.elements.items():
            for item in items:
                key = (category, item.casefold())
                found.setdefault(key, (item, []))[1].append(scene.index)
    order = {category: i for i, category in enumerate(CATEGORIES)}
    entries = [ElementSummary(cat, name, tuple(idx)) for (cat, _), (name, idx) in found.items()]
    entries.sort(key=lambda e: (order.get(e.category, len(order)), e.category, e.scenes[0]))
    return tuple(entries)
