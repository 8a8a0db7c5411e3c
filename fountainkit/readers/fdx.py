"""Final Draft XML (``.fdx``) into the model.

The XML is parsed with defusedxml: no entity declarations (so no expansion
bombs), no external entities or DTDs fetched. Every paragraph type Final Draft
and the tools around it write is read:

* Scene Heading (``Number`` is the scene number; ``SceneProperties/Summary``
  becomes a synopsis), Action, General and Cast List (action; ``Alignment``
  Center/Centered is centred text), Character / Parenthetical / Dialogue
  (speeches; ``<DualDialogue>`` holds two side by side), Lyrics, Transition,
  Shot (an action line: Fountain has no shot element), New Act (a page break
  and a centred act card) and End of Act (centred), Outline N (a section of
  depth N), Summary (a synopsis). ``More`` paragraphs are printing artefacts
  and skipped. Any other type is read as action and reported.
* ``StartsNewPage="Yes"`` is a page break before the paragraph.
* ``Style`` Bold/Italic/Underline on ``<Text>`` runs; AllCaps upper-cases the
  run. Text stored in lower case in an element whose ElementSettings say
  AllCaps (Final Draft's default for headings, cues, transitions, shots) is
  upper-cased as Final Draft shows it.
* Script notes, in both forms (inside a paragraph, or top-level with a
  ``Range`` of character offsets), become ``[[notes]]`` after the paragraph
  they are anchored to; unanchored ones go at the end.
* Tagger data: a run with ``TagNumber`` is resolved through ``<Tags>`` (tag ->
  definition) or, as some tools write it, straight to the definition with that
  number, then to its category; each tagged paragraph is followed by a
  ``[[category: item; item]]`` note per category, so the breakdown lists the
  tags (category names map through fountainkit.breakdown.categories).
* An omitted scene (``<OmittedScene>``) keeps its heading (usually OMITTED)
  and the text it held as boneyard.
* The title page is read from its paragraphs' alignment (readers.titlepage).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException

from fountainkit.breakdown.categories import note_label
from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Character,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    SceneHeading,
    Section,
    Synopsis,
    Text,
    Transition,
)
from fountainkit.readers.assemble import (
    Block,
    assemble,
    character_from_cue,
    join_lines,
    merge_runs,
    plain_text,
    speech,
    split_lines,
    strip_runs,
)
from fountainkit.readers.base import ReaderError, ReaderWarning, ReadResult
from fountainkit.readers.titlepage import TitleBlock, build_title_page

_OUTLINE = re.compile(r"^outline\s*(\d*)", re.IGNORECASE)
_ACTION_TYPES = frozenset({"action", "general", "cast list", "shot"})
_CENTRE = frozenset({"center", "centered", "centre"})


def read_fdx(data: bytes, name: str = "<fdx>") -> ReadResult:
    """A Final Draft document's bytes as the model (see the module docstring)."""
    root = parse_xml(data, name)
    if root.tag != "FinalDraft":
        raise ReaderError(f"{name}: not a Final Draft file (XML root <{root.tag}>)")
    content = root.find("Content")
    if content is None:
        raise ReaderError(f"{name}: Final Draft file without a <Content> element")
    reader = _ContentReader(
        tags=_TagIndex.from_xml(root.find("TagData")),
        all_caps=_all_caps_types(root),
        notes=_anchored_notes(root),
    )
    blocks = list(reader.read(content))
    for note in _unanchored_notes(root) + reader.leftover_notes():
        blocks.append(Note(note))
    title_page = _title_page(root.find("TitlePage"))
    return assemble(title_page, blocks, "fdx", reader.warnings)


def parse_xml(data: bytes, name: str) -> ET.Element:
    """The document's root element, parsed with defusedxml; hostile or broken XML refused."""
    try:
        return DefusedET.fromstring(data)
    except DefusedXmlException as exc:
        raise ReaderError(
            f"{name}: refused: the XML declares entities or external references "
            f"({type(exc).__name__}); Final Draft files never do"
        ) from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise ReaderError(f"{name}: not well-formed XML (line {line}, column {column})") from None


# -- tags -------------------------------------------------------------------


@dataclass
class _TagIndex:
    """TagNumber -> (category label, item) through the TagData tables."""

    by_tag: dict[str, str] = field(default_factory=dict)  # tag number -> definition id
    definitions: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (cat id, label)
    by_definition_number: dict[str, str] = field(default_factory=dict)  # number -> definition id
    categories: dict[str, str] = field(default_factory=dict)  # category id -> label

    @classmethod
    def from_xml(cls, tag_data: ET.Element | None) -> _TagIndex:
        index = cls()
        if tag_data is None:
            return index
        for category in tag_data.iter("TagCategory"):
            guid = (category.get("Id") or "").strip("{}").casefold()
            index.categories[guid] = note_label(category.get("Name"), guid)
        for definition in tag_data.iter("TagDefinition"):
            guid = (definition.get("Id") or "").strip("{}").casefold()
            cat = (definition.get("CatId") or "").strip("{}").casefold()
            index.definitions[guid] = (cat, definition.get("Label") or "")
            if definition.get("Number"):
                index.by_definition_number[definition.get("Number", "")] = guid
        for tag in tag_data.iter("Tag"):
            def_id = tag.findtext("DefId") or tag.get("DefId") or ""
            if tag.get("Number"):
                index.by_tag[tag.get("Number", "")] = def_id.strip().strip("{}").casefold()
        return index

    def resolve(self, number: str, text: str) -> tuple[str, str] | None:
        guid = self.by_tag.get(number) or self.by_definition_number.get(number)
        if guid is None or guid not in self.definitions:
            return None
        cat, label = self.definitions[guid]
        category = self.categories.get(cat) or note_label(None, cat)
        item = " ".join((label or text).split())
        return (category, item) if item else None


def _all_caps_types(root: ET.Element | None) -> frozenset[str]:
    """Paragraph types whose ElementSettings print them in capitals."""
    if root is None:
        return frozenset()
    types = set()
    for setting in root.iter("ElementSettings"):
        font = setting.find("FontSpec")
        if font is not None and "allcaps" in (font.get("Style") or "").casefold():
            types.add((setting.get("Type") or "").casefold())
    return frozenset(types)


# -- notes ------------------------------------------------------------------


def _paragraphs_text(element: ET.Element) -> str:
    return "\n".join(
        "".join(t.text or "" for t in p.iter("Text")).strip() for p in element.iter("Paragraph")
    ).strip()


def _anchored_notes(root: ET.Element) -> list[tuple[int, str]]:
    notes = []
    for holder in root.findall("ScriptNotes"):
        for note in holder.findall("ScriptNote"):
            text = _paragraphs_text(note)
            start = (note.get("Range") or "").split(",")[0].strip()
            if text:
                notes.append((int(start) if start.isdigit() else 0, text))
    return sorted(notes, key=lambda n: n[0])


def _unanchored_notes(root: ET.Element) -> list[str]:
    return [
        text
        for holder in root.findall("UnanchoredScriptNotes")
        for note in holder.findall("ScriptNote")
        if (text := _paragraphs_text(note))
    ]


# -- content ----------------------------------------------------------------


@dataclass
class _Paragraph:
    kind: str  # the Type attribute, lower case
    runs: Text
    tags: list[tuple[str, str]]
    notes: list[str]
    element: ET.Element

    @property
    def lines(self) -> list[Text]:
        return split_lines(self.runs)

    @property
    def one_line(self) -> Text:
        return strip_runs(join_lines(self.lines))


class _ContentReader:
    def __init__(
        self, tags: _TagIndex, all_caps: frozenset[str], notes: list[tuple[int, str]]
    ) -> None:
        self.tags = tags
        self.all_caps = all_caps
        self.notes = notes  # (offset, text), sorted; consumed as paragraphs pass
        self.offset = 0
        self.warnings: list[ReaderWarning] = []
        self.pending_page_break = False
        self.anything = False

    def leftover_notes(self) -> list[str]:
        left = [text for _, text in self.notes]
        self.notes = []
        return left

    def read(self, content: ET.Element) -> Iterator[Block]:
        paragraphs = list(content.findall("Paragraph"))
        index = 0
        while index < len(paragraphs):
            element = paragraphs[index]
            dual = element.find("DualDialogue")
            if dual is not None:
                yield from self._starts_page(element)
                yield from self._dual(dual)
                index += 1
                continue
            paragraph = self._paragraph(element)
            if paragraph.kind == "character":
                # A speech: the cue and every parenthetical, dialogue or lyric after it.
                group = [paragraph]
                index += 1
                while index < len(paragraphs):
                    following = paragraphs[index]
                    if following.find("DualDialogue") is not None:
                        break
                    kind = (following.get("Type") or "").casefold()
                    if kind not in ("parenthetical", "dialogue", "lyrics", "more"):
                        break
                    if following.get("StartsNewPage") == "Yes":
                        break
                    if kind == "lyrics" and _space_before(following):
                        break  # lyrics set apart: a block of their own
                    group.append(self._paragraph(following))
                    index += 1
                yield from self._starts_page(element)
                yield from self._speech_blocks(group)
                continue
            yield from self._starts_page(element)
            yield from self._single(paragraph)
            index += 1

    def _starts_page(self, element: ET.Element) -> Iterator[Block]:
        if element.get("StartsNewPage") == "Yes" and self.anything:
            yield PageBreak()
        self.anything = True

    def _paragraph(self, element: ET.Element) -> _Paragraph:
        kind = (element.get("Type") or "").casefold()
        runs: list[Run] = []
        tags: list[tuple[str, str]] = []
        notes: list[str] = []
        for child in element:
            if child.tag == "Text":
                text = child.text or ""
                styles = {s.strip().casefold() for s in (child.get("Style") or "").split("+")}
                if "allcaps" in styles or kind in self.all_caps:
                    text = text.upper()
                runs.append(Run(text, "bold" in styles, "italic" in styles, "underline" in styles))
                number = child.get("TagNumber")
                if number:
                    resolved = self.tags.resolve(number, text)
                    if resolved is None:
                        self.warnings.append(
                            ReaderWarning(
                                f"tag {number} on {text.strip()!r} has no definition in TagData",
                                "unknown-tag",
                            )
                        )
                    elif resolved not in tags:
                        tags.append(resolved)
            elif child.tag == "ScriptNote" and (text := _paragraphs_text(child)):
                notes.append(text)
        merged = merge_runs(runs)
        length = len(plain_text(merged))
        end = self.offset + length
        while self.notes and self.notes[0][0] <= end:
            notes.append(self.notes.pop(0)[1])
        self.offset = end + 1
        return _Paragraph(kind, merged, tags, notes, element)

    def _after(self, paragraph: _Paragraph) -> list[Note]:
        """The paragraph's tags (one note per category) and notes, to follow it."""
        by_category: dict[str, list[str]] = {}
        for category, item in paragraph.tags:
            items = by_category.setdefault(category, [])
            if item not in items:
                items.append(item)
        notes = [Note(f"{category}: {'; '.join(items)}") for category, items in by_category.items()]
        return notes + [Note(text) for text in paragraph.notes]

    def _single(self, paragraph: _Paragraph) -> Iterator[Block]:
        kind = paragraph.kind
        lines = paragraph.lines
        if kind == "scene heading":
            runs = paragraph.one_line
            number = (paragraph.element.get("Number") or "").strip() or None
            if runs:
                yield SceneHeading(runs, _scene_number(number))
            elif number:
                yield SceneHeading((Run(f"SCENE {number}"),), _scene_number(number))
            yield from self._scene_properties(paragraph.element)
            omitted = paragraph.element.find("OmittedScene")
            if omitted is not None and (text := _paragraphs_text(omitted)):
                yield Boneyard(f"\n{text}\n")
        elif kind in _ACTION_TYPES or not kind:
            alignment = (paragraph.element.get("Alignment") or "").casefold()
            if kind == "shot":
                lines = [strip_runs(line) for line in lines]
            if alignment in _CENTRE and any(lines):
                yield Centered(tuple(strip_runs(line) for line in lines))
            else:
                yield Action(tuple(lines))
        elif kind == "transition":
            if paragraph.one_line:
                yield Transition(paragraph.one_line)
        elif kind == "lyrics":
            yield Lyrics(_lyric_lines(lines))
        elif kind in ("new act", "end of act"):
            if kind == "new act" and self.anything_before_act():
                yield PageBreak()
            if any(lines):
                yield Centered(tuple(strip_runs(line) for line in lines))
        elif (match := _OUTLINE.match(kind)) is not None:
            level = int(match.group(1) or 1)
            yield Section(max(1, level), plain_text(paragraph.one_line))
        elif kind in ("summary", "synopsis"):
            if text := plain_text(paragraph.one_line):
                yield Synopsis(text)
        elif kind == "more":
            pass  # "(MORE)" written as a paragraph: a page-break artefact
        elif kind in ("parenthetical", "dialogue"):
            # Speech text with no cue before it: kept as action.
            yield Action(tuple(lines))
        else:
            self.warnings.append(
                ReaderWarning(
                    f"paragraph type {paragraph.element.get('Type')!r} is not a screenplay "
                    "element; read as action",
                    "unknown-paragraph-type",
                )
            )
            yield Action(tuple(lines))
        yield from self._after(paragraph)

    def anything_before_act(self) -> bool:
        return self.offset > 0

    def _scene_properties(self, element: ET.Element) -> Iterator[Block]:
        properties = element.find("SceneProperties")
        if properties is None:
            return
        summary = properties.find("Summary")
        if summary is not None and (text := _paragraphs_text(summary)):
            yield Synopsis(" ".join(text.split()))

    def _speech_parts(self, group: list[_Paragraph]) -> tuple[Character, list, list[Note]]:
        cue = group[0]
        character = character_from_cue(plain_text(cue.one_line))
        parts: list = []
        trailing = self._after(cue)
        for paragraph in group[1:]:
            if paragraph.kind == "parenthetical":
                parts.append(Parenthetical(paragraph.one_line))
            elif paragraph.kind == "dialogue":
                parts.extend(DialogueLine(line) for line in paragraph.lines)
            elif paragraph.kind == "lyrics":
                parts.append(Lyrics(_lyric_lines(paragraph.lines)))
            parts.extend(self._after(paragraph))
        return character, parts, trailing

    def _speech_blocks(self, group: list[_Paragraph]) -> Iterator[Block]:
        character, parts, notes = self._speech_parts(group)
        if not character.name:
            # An empty cue: its speech is kept as action.
            for paragraph in group[1:]:
                yield Action(tuple(paragraph.lines))
            return
        yield speech(character, notes + parts)

    def _dual(self, dual: ET.Element) -> Iterator[Block]:
        speeches: list[list[_Paragraph]] = []
        loose: list[_Paragraph] = []
        for element in dual.findall("Paragraph"):
            paragraph = self._paragraph(element)
            if paragraph.kind == "character":
                speeches.append([paragraph])
            elif speeches:
                speeches[-1].append(paragraph)
            else:
                loose.append(paragraph)
        for paragraph in loose:
            yield Action(tuple(paragraph.lines))
        built = []
        for group in speeches:
            character, parts, notes = self._speech_parts(group)
            built.append((character, notes + parts))
        if len(built) >= 2:
            (left, left_parts), (right, right_parts) = built[0], built[1]
            right = Character(right.name, right.extensions, dual=True)
            yield DualDialogue(speech(left, left_parts), speech(right, right_parts))
            built = built[2:]
        for character, parts in built:
            yield speech(character, parts)


def _lyric_lines(lines: list[Text]) -> tuple[Text, ...]:
    """Lyrics print in italics: italics over every run are the element's, not the text's."""
    runs = [run for line in lines for run in line if run.text.strip()]
    if runs and all(run.italic for run in runs):
        lines = [
            merge_runs(Run(r.text, r.bold, False, r.underline, r.kind) for r in line)
            for line in lines
        ]
    return tuple(lines)


def _space_before(element: ET.Element) -> bool:
    try:
        return float(element.get("SpaceBefore") or 0) > 0
    except ValueError:
        return False


def _scene_number(number: str | None) -> str | None:
    """A scene number Fountain can hold between # marks, else None."""
    if not number:
        return None
    cleaned = re.sub(r"[^\w.\-]", "", number)
    return cleaned or None


# -- title page -------------------------------------------------------------


def _title_page(holder: ET.Element | None):
    if holder is None:
        return None
    content = holder.find("Content")
    if content is None:
        return None
    blocks: list[TitleBlock] = []
    current: list[Text] = []
    alignment = "left"

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(TitleBlock(alignment, tuple(current)))  # type: ignore[arg-type]
        current = []

    for paragraph in content.findall("Paragraph"):
        runs = []
        for text in paragraph.findall("Text"):
            styles = {s.strip().casefold() for s in (text.get("Style") or "").split("+")}
            runs.append(
                Run(text.text or "", "bold" in styles, "italic" in styles, "underline" in styles)
            )
        lines = [strip_runs(line) for line in split_lines(runs)]
        value = (paragraph.get("Alignment") or "left").casefold()
        this = "center" if value in _CENTRE else "right" if value == "right" else "left"
        if not any(lines):
            flush()
            continue
        if this != alignment:
            flush()
            alignment = this
        current.extend(line for line in lines if line)
    flush()
    return build_title_page(blocks)
