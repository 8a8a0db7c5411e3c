"""Script breakdown for line producers and ADs: one record per scene, plus totals.

:func:`breakdown` turns a :class:`~fountainkit.model.Screenplay` into a
:class:`~fountainkit.breakdown.model.Breakdown`. It reads the script in three
passes, each linear in its length:

1. every row's facts on their own: the heading (:mod:`.sluglines`), the tags
   (:mod:`.tags`), the cues, and the capitalised runs of its action;
2. the script-wide decisions: who is cast (:mod:`.cast`), which full names
   are a cast member, what each other capitalised name is
   (:mod:`.suggestions`), how sets group (:mod:`.locations`);
3. the records: presence of cast and suggestions per row, day/night and story
   day carried from scene to scene, eighths from the layout (:mod:`.eighths`).

Only visible text counts as cast: notes and boneyard never add anyone, except
a ``[[cast: NAME]]`` tag, which is a deliberate one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from fountainkit.breakdown.cast import (
    CastTally,
    full_name_merges,
    normalise_cue,
    normalise_name,
    ranked_cast,
    short_forms,
)
from fountainkit.breakdown.categories import BY_KEY, TAG_CATEGORIES
from fountainkit.breakdown.eighths import PageMap, SceneLength, page_map
from fountainkit.breakdown.lexicon import PERSON_NOUNS
from fountainkit.breakdown.locations import LocationAliases, group_key, set_names, summarise
from fountainkit.breakdown.model import (
    SCHEMA,
    Breakdown,
    BreakdownWarning,
    ElementSummary,
    SceneBreakdown,
    Suggested,
    Suggestion,
)
from fountainkit.breakdown.names import CapsRun, NameIndex, Scanned, caps_runs, scan
from fountainkit.breakdown.settings import BreakdownSettings
from fountainkit.breakdown.sluglines import Slugline, parse_slugline
from fountainkit.breakdown.suggestions import (
    SUGGESTION_KINDS,
    SuggestionKind,
    classify,
    suggestion_name,
)
from fountainkit.breakdown.tags import Tag, parse_tag, probable_typo
from fountainkit.breakdown.timeofday import resolve_day_night
from fountainkit.breakdown.units import SceneUnit, loose_before_first_scene, scene_units
from fountainkit.config import LayoutSettings
from fountainkit.gcpause import gc_paused
from fountainkit.model import (
    Action,
    Boneyard,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    Screenplay,
    Synopsis,
    Text,
    plain,
    walk,
)
from fountainkit.production.numbering import scene_numbers

__all__ = ["SCHEMA", "Breakdown", "breakdown"]

# A story day is short ("3", "12B", "Day 4"); a longer [[day: ...]] is someone's note.
_MAX_STORY_DAY = 12


# --- pass 1: the facts of one row --------------------------------------------------------


def _dialogues(elements: tuple[object, ...]) -> Iterator[Dialogue]:
    for element in elements:
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


def _tags(
    elements: tuple[object, ...], settings: BreakdownSettings, warnings: list[BreakdownWarning]
) -> list[Tag]:
    tags = []
    for element in elements:
        for text, line in _note_texts(element):
            tag = parse_tag(text, settings.aliases)
            if tag is not None:
                tags.append(tag)
                continue
            meant = probable_typo(text, settings.aliases)
            if meant is not None:
                label = text.split(":", 1)[0].strip()
                warnings.append(
                    BreakdownWarning(
                        line, f"note [[{label}: ...]] is no tag; did you mean {meant!r}?"
                    )
                )
    return tags


@dataclass
class _Row:
    """Pass 1's facts about one row (a scene, or the prologue)."""

    unit: SceneUnit
    index: int
    slug: Slugline
    tags: list[Tag]
    speakers: list[str]  # normalised, aliased, in order of first speech
    actions: list[str]
    runs: list[CapsRun] = field(default_factory=list)
    scanned: list[Scanned] = field(default_factory=list)


def _read_row(
    unit: SceneUnit,
    index: int,
    settings: BreakdownSettings,
    tallies: dict[str, CastTally],
    warnings: list[BreakdownWarning],
) -> _Row:
    heading = unit.heading.text if unit.heading is not None else ""
    row = _Row(unit, index, parse_slugline(heading), _tags(unit.elements, settings, warnings), [],
               [e.text for e in unit.elements if isinstance(e, Action)])  # fmt: skip
    aliases = settings.cast_aliases
    speakers: set[str] = set()  # row.speakers as a set: a scene may have thousands
    for dialogue in _dialogues(unit.elements):
        name = normalise_cue(dialogue.character.name)
        name = aliases.get(name, name)
        if not name:
            continue
        tally = tallies.get(name)
        if tally is None or tally.source != "speaking":
            tally = tallies[name] = _as_speaking(tally)
        if name not in speakers:
            speakers.add(name)
            row.speakers.append(name)
            tally.speaking_scenes.append(index)
        spoken = _spoken_text(dialogue)
        tally.speeches += 1
        tally.dialogue_lines += len(spoken)
        tally.words += sum(len(line.split()) for line in spoken)
    row.scanned = [scan(text) for text in row.actions]
    for scanned in row.scanned:
        row.runs.extend(caps_runs(scanned))
    return row


def _as_speaking(tally: CastTally | None) -> CastTally:
    if tally is None:
        return CastTally("speaking")
    tally.source = "speaking"
    return tally


# --- the analysis ---------------------------------------------------------------------


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
    # Many small acyclic records: the cyclic collector would only walk them again
    # and again (the cost then grew faster than the script).
    with gc_paused():
        return _breakdown(screenplay, settings, layout_settings, scene_pages)


def _breakdown(
    screenplay: Screenplay,
    settings: BreakdownSettings | None,
    layout_settings: LayoutSettings | None,
    scene_pages: PageMap | None,
) -> Breakdown:
    settings = settings or BreakdownSettings()
    prologue_unit, units = scene_units(screenplay)
    if scene_pages is None:
        scene_pages = page_map(screenplay, layout_settings, settings.eighths_rounding)
    if len(scene_pages.scenes) != len(units):
        raise ValueError(f"page map has {len(scene_pages.scenes)} scenes, the script {len(units)}")

    warnings: list[BreakdownWarning] = []
    tallies: dict[str, CastTally] = {}
    all_units = ([prologue_unit] if prologue_unit is not None else []) + list(units)
    first_index = 0 if prologue_unit is not None else 1
    rows = [
        _read_row(unit, index, settings, tallies, warnings)
        for index, unit in enumerate(all_units, start=first_index)
    ]
    if prologue_unit is None:
        warnings.extend(_loose_tag_warnings(screenplay, settings))

    # Pass 2: who is cast, and what every other capitalised name is.
    aliases = settings.cast_aliases
    for row in rows:
        for tag in row.tags:
            if tag.category == "cast":
                for item in tag.items:
                    name = aliases.get(normalise_name(item), normalise_name(item))
                    tallies.setdefault(name, CastTally("tag"))
    for name in settings.cast:
        tallies.setdefault(aliases.get(name, name), CastTally("config"))
    kinds = _suggestion_kinds(rows)
    merges = full_name_merges(
        tallies, (name for name, (_, kind) in kinds.items() if kind == "person")
    )
    index = NameIndex(tallies)
    for full, short in merges.items():
        index.add(full, short)
        tallies[short].also_known_as.append(full)
    for short, full in short_forms(tallies).items():
        index.add(short, full)
    for alias, name in aliases.items():
        if name in tallies:
            index.add(alias, name)
    for name, (listed, kind) in kinds.items():
        # Later Title Case mentions of a named bit part ("Mrs. Kessley") count too.
        if kind == "person" and name not in merges and name.split()[-1] not in PERSON_NOUNS:
            index.add(name, listed)

    # Pass 3: the records.
    inserts = (layout_settings or LayoutSettings()).scene_number_inserts
    numbers = scene_numbers(screenplay.scenes(), inserts)
    lengths = ([scene_pages.prologue] if prologue_unit is not None else []) + list(
        scene_pages.scenes
    )
    set_aliases = LocationAliases(settings.locations)
    places = [set_aliases.resolve(row.slug.location, row.slug.sublocation) for row in rows]
    shown = set_names(place for place, _ in places)
    found: dict[tuple[str, SuggestionKind], list[int]] = {}
    records: list[SceneBreakdown] = []
    day_night = ""
    story_day = ""
    for position, (row, length, (place, sub)) in enumerate(zip(rows, lengths, places, strict=True)):
        assert length is not None
        present = _present(row, index, tallies, kinds, position, found)
        story_day = _story_day(row, story_day, warnings)
        if not row.unit.is_prologue:
            day_night = resolve_day_night(row.slug.time, day_night, settings)
        records.append(
            _record(
                row, length, numbers, place, sub, shown, day_night, story_day, present, tallies
            )  # fmt: skip
        )

    cast = ranked_cast(tallies, {aliases.get(n, n): i for n, i in settings.cast_ids.items()})
    ids = {member.name: member.id for member in cast}
    records = [_with_ids(record, ids) for record in records]
    prologue = records[0] if prologue_unit is not None else None
    scenes = tuple(records[1:] if prologue is not None else records)
    return Breakdown(
        title=screenplay.title(),
        pages=scene_pages.pages,
        lines_per_page=scene_pages.lines_per_page,
        eighths_rounding=settings.eighths_rounding,
        scenes=scenes,
        cast=cast,
        locations=summarise(scenes),
        elements=_element_index(records),
        warnings=tuple(sorted(warnings, key=lambda w: w.line)),
        prologue=prologue,
        suggestions=_suggestions(found),
        paper=(layout_settings or LayoutSettings()).paper.lower(),
        settings=settings,
    )


def _suggestions(found: dict[tuple[str, SuggestionKind], list[int]]) -> tuple[Suggestion, ...]:
    """People, then groups, animals and sounds; each in order of first mention."""
    listed = [
        Suggestion(name, kind, tuple(dict.fromkeys(where))) for (name, kind), where in found.items()
    ]
    return tuple(sorted(listed, key=lambda s: SUGGESTION_KINDS.index(s.kind)))


def _suggestion_kinds(rows: list[_Row]) -> dict[str, tuple[str, SuggestionKind]]:
    """Every capitalised run's (listed name, kind): the first time its context says what it is."""
    kinds: dict[str, tuple[str, SuggestionKind] | None] = {}
    for row in rows:
        for run in row.runs:
            if kinds.get(run.name) is None:
                kind = classify(run)
                kinds[run.name] = (suggestion_name(run, kind), kind) if kind else None
    return {name: found for name, found in kinds.items() if found is not None}


@dataclass
class _Presence:
    speaking: tuple[str, ...]
    silent: tuple[str, ...]
    suggested: Suggested


def _present(
    row: _Row,
    index: NameIndex,
    tallies: dict[str, CastTally],
    kinds: dict[str, tuple[str, SuggestionKind]],
    position: int,
    found: dict[tuple[str, SuggestionKind], list[int]],
) -> _Presence:
    speaking = list(row.speakers)
    # Ordered sets (dicts): a scene may name thousands of people.
    present = dict.fromkeys(speaking)
    silent: dict[str, None] = {}
    suggested: dict[SuggestionKind, dict[str, None]] = {"person": {}, "group": {}, "animal": {},
                                                        "sound": {}}  # fmt: skip

    def cast_present(name: str) -> None:
        if name not in present:
            present[name] = None
            silent[name] = None

    def suggest(name: str, kind: SuggestionKind) -> None:
        if name not in suggested[kind]:
            suggested[kind][name] = None
            found.setdefault((name, kind), []).append(row.index)

    for tag in row.tags:
        if tag.category == "cast":
            for item in tag.items:
                name = normalise_name(item)
                name = index.lookup(name) or name
                if name in tallies:
                    cast_present(name)
    for scanned in row.scanned:
        for name in index.names_in(scanned):
            if name in tallies:
                cast_present(name)
            elif name in kinds:
                suggest(*kinds[name])
    for run in row.runs:
        known = index.lookup(run.name)
        if known is not None:
            if known in tallies:
                cast_present(known)
            continue
        listed = kinds.get(run.name)
        if listed is not None:
            suggest(*listed)
    for order, name in enumerate((*speaking, *silent)):
        tallies[name].seen(row.index, (position, order))
    return _Presence(
        tuple(speaking),
        tuple(silent),
        Suggested(*(tuple(suggested[k]) for k in ("person", "group", "animal", "sound"))),
    )


def _story_day(row: _Row, previous: str, warnings: list[BreakdownWarning]) -> str:
    for tag in row.tags:
        if tag.category == "script day":
            value = " ".join(tag.items)
            if len(value) <= _MAX_STORY_DAY:
                return value
            warnings.append(
                BreakdownWarning(row.unit.line, f"story day {value!r} is too long to be a day")
            )
    return row.slug.story_day or previous


def _elements(tags: list[Tag]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}
    for tag in tags:
        if BY_KEY.get(tag.category) is not None and BY_KEY[tag.category].kind == "day":
            continue
        items = found.setdefault(tag.category, [])
        known = seen.setdefault(tag.category, set())  # kept across tags: no rescans
        for item in tag.items:
            key = item.casefold()
            if key not in known:
                items.append(item)
                known.add(key)
    order = {category: i for i, category in enumerate(TAG_CATEGORIES)}
    # Standard categories in sheet order, then the configured ones as they came.
    ranked = sorted(found, key=lambda c: order.get(c, len(order)))
    return {category: tuple(found[category]) for category in ranked}


def _synopsis(elements: tuple[object, ...]) -> str:
    return " ".join(e.text.strip() for e in elements if isinstance(e, Synopsis)).strip()


def _record(
    row: _Row,
    length: SceneLength,
    numbers: list[str],
    place: str,
    sub: str,
    shown: dict[str, str],
    day_night: str,
    story_day: str,
    present: _Presence,
    tallies: dict[str, CastTally],
) -> SceneBreakdown:
    slug = row.slug
    prologue = row.unit.is_prologue
    heading = row.unit.heading
    return SceneBreakdown(
        index=row.index,
        number="" if prologue else numbers[row.index - 1],
        heading=" ".join(heading.text.split()) if heading is not None else "",
        int_ext=slug.int_ext,
        location=slug.location,
        sublocation=sub,
        set=shown.get(group_key(place), place),
        time=slug.time,
        day_night="" if prologue else day_night,
        modifiers=slug.modifiers,
        story_day=story_day,
        line=row.unit.line,
        page=length.page,
        eighths=length.eighths,
        speaking=present.speaking,
        non_speaking=present.silent,
        cast_ids=(),
        suggested=present.suggested,
        elements=_elements(row.tags),
        synopsis=_synopsis(row.unit.elements),
    )


def _with_ids(record: SceneBreakdown, ids: dict[str, int]) -> SceneBreakdown:
    cast_ids = tuple(sorted(ids[name] for name in (*record.speaking, *record.non_speaking)))
    return replace(record, cast_ids=cast_ids)


def _loose_tag_warnings(
    screenplay: Screenplay, settings: BreakdownSettings
) -> list[BreakdownWarning]:
    """Tags before the first heading with no prologue to hold them: reported, they land nowhere."""
    warnings = []
    for item in loose_before_first_scene(screenplay):
        for text, line in _note_texts(item):
            tag = parse_tag(text, settings.aliases)
            if tag is not None:
                warnings.append(
                    BreakdownWarning(line, f"{tag.category} tag before any scene is not counted")
                )
    return warnings


def _element_index(records: list[SceneBreakdown]) -> tuple[ElementSummary, ...]:
    found: dict[tuple[str, str], tuple[str, list[int]]] = {}
    for record in records:
        for category, items in record.elements.items():
            for item in items:
                key = (category, item.casefold())
                found.setdefault(key, (item, []))[1].append(record.index)
    order = {category: i for i, category in enumerate(TAG_CATEGORIES)}
    entries = [ElementSummary(cat, name, tuple(idx)) for (cat, _), (name, idx) in found.items()]
    entries.sort(key=lambda e: (order.get(e.category, len(order)), e.category, e.scenes[0]))
    return tuple(entries)
