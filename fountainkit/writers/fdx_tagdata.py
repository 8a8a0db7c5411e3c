"""Breakdown tags in a Final Draft file: the Tagger's ``<TagData>`` and tagged text runs.

Movie Magic Scheduling and Gorilla import ``.fdx`` files and read what Final
Draft's Tagger marked, so tags written here reach them with no other export.
The structure is Final Draft's (research notes production-and-interchange.md
1.7-1.8)::

    <TagData>
      <TagCategories>
        <TagCategory Id="{guid}" Number="6" Name="Props" Color="#B80075004D00" Style="Bold"/>
      <TagDefinitions>
        <TagDefinition Id="{guid}" CatId="{category guid}" Number="1" Label="revolver"/>
      <Tags><Tag Number="1"><DefId>{definition guid}</DefId></Tag>
    </TagData>
    ... <Text TagNumber="1">revolver</Text> ...

Categories, their GUIDs, numbers and names come from the one shared table
(:mod:`fountainkit.breakdown.categories`). One definition per distinct item of
a category (GUIDs derived from the category and the item, so a file written
twice is the same); one ``Tag`` per scene the item is tagged in.

Where a tag sits in the text: Final Draft tags a run of the script's text, and
MMS files the element under the scene that text is in. An item (a prop, a
cast member) is anchored on its first mention in the scene's visible text
(whole words, any case: ``DEZ`` on his cue, "vintage Fender Rhodes" in the
action), the run split around it; an item the text never names, and the
scene-level categories (story day, unit, sequence, shooting location), are
anchored on a word of the scene heading instead. A tag that finds no text
left to hold it is reported, never dropped silently.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from fountainkit.breakdown.categories import BY_KEY, CATEGORY_TABLE, Category, fdx_color

# Categories tied to a scene rather than to a word of it: anchored on the heading.
SCENE_LEVEL_KINDS = frozenset({"day", "scene"})
_NAMESPACE = uuid.UUID("6f0c3b8e-5d1e-4a8c-9a53-2d1d6c1f7a42")  # fountainkit's, for uuid5


@dataclass(frozen=True, slots=True)
class SceneTag:
    """One tagged item of a scene: the category key (``props``) and the item."""

    category: str
    label: str


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


_WORD = re.compile(r"\w+")


def _pattern(label: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in label.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


@dataclass
class TagWriter:
    """Collects the tags of each scene as the FDX writer goes, then writes ``<TagData>``."""

    definitions: dict[tuple[str, str], tuple[str, int, str]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)  # definition GUID by tag number - 1
    unplaced: list[str] = field(default_factory=list)

    def tag_scene(self, paragraphs: Sequence[ET.Element], tags: Iterable[SceneTag]) -> None:
        """Mark ``tags`` on the scene's paragraphs (the heading first)."""
        if not paragraphs:
            return
        scene = _Scene(list(paragraphs))
        for tag in tags:
            category = BY_KEY.get(tag.category)
            label = " ".join(tag.label.split())
            if category is None or not label:
                self.unplaced.append(f"{tag.category}: {tag.label} (no Final Draft category)")
                continue
            run = None
            if category.kind not in SCENE_LEVEL_KINDS:
                run = scene.split_at_mention(label)
            if run is None:
                run = scene.split_heading_word()
            if run is None:
                self.unplaced.append(f"{category.fdx_name}: {label} (no text left to hold it)")
                continue
            self.tags.append(self._definition(category, label))
            run.set("TagNumber", str(len(self.tags)))

    def _definition(self, category: Category, label: str) -> str:
        key = (category.key, label.casefold())
        if key not in self.definitions:
            guid = _guid(category.fdx_id, label.casefold())
            self.definitions[key] = (guid, len(self.definitions) + 1, label)
        return self.definitions[key][0]

    def element(self) -> ET.Element | None:
        """``<TagData>``, or None when nothing was tagged."""
        if not self.tags:
            return None
        data = ET.Element("TagData")
        categories = ET.SubElement(data, "TagCategories")
        for category in CATEGORY_TABLE:
            ET.SubElement(
                categories,
                "TagCategory",
                {
                    "Id": category.fdx_id,
                    "Number": str(category.fdx_number),
                    "Name": category.fdx_name,
                    "Color": fdx_color(category.color),
                    "Style": "Bold",
                },
            )
        definitions = ET.SubElement(data, "TagDefinitions")
        for (key, _), (guid, number, label) in self.definitions.items():
            ET.SubElement(
                definitions,
                "TagDefinition",
                {"Id": guid, "CatId": BY_KEY[key].fdx_id, "Number": str(number), "Label": label},
            )
        tags = ET.SubElement(data, "Tags")
        for number, guid in enumerate(self.tags, start=1):
            ET.SubElement(ET.SubElement(tags, "Tag", {"Number": str(number)}), "DefId").text = guid
        return data


def _copy(run: ET.Element, text: str) -> ET.Element:
    piece = ET.Element("Text", dict(run.attrib))
    piece.text = text
    return piece


class _Scene:
    """A scene's paragraphs, and the element holding each of their text runs."""

    def __init__(self, paragraphs: list[ET.Element]) -> None:
        self.heading = paragraphs[0]
        self.paragraphs = paragraphs
        self._index: dict[str, list[ET.Element]] | None = None  # word -> paragraphs
        self.parents = {
            id(child): parent
            for paragraph in paragraphs
            for parent in paragraph.iter()
            for child in parent
            if child.tag == "Text"
        }

    def _with_word(self, word: str) -> list[ET.Element]:
        """The paragraphs whose text holds ``word`` as a whole word (any case), in
        order. The index is built once per scene: looking for every tag in every
        run made a scene with many tags quadratic."""
        if self._index is None:
            self._index = {}
            for paragraph in self.paragraphs:
                text = " ".join(run.text or "" for run in paragraph.iter("Text"))
                for found in {w.casefold() for w in _WORD.findall(text)}:
                    self._index.setdefault(found, []).append(paragraph)
        return self._index.get(word.casefold(), [])

    def split(self, run: ET.Element, start: int, end: int) -> ET.Element:
        """Cut ``run`` into before / [start:end] / after; return the middle run."""
        text = run.text or ""
        middle = _copy(run, text[start:end])
        pieces = ([_copy(run, text[:start])] if start else []) + [middle]
        if end < len(text):
            pieces.append(_copy(run, text[end:]))
        parent = self.parents.pop(id(run))
        index = list(parent).index(run)
        parent.remove(run)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)
            self.parents[id(piece)] = parent
        return middle

    def split_at_mention(self, label: str) -> ET.Element | None:
        """The first untagged mention of ``label`` in the scene, as a run of its own."""
        pattern = _pattern(label)
        # A mention holds the label's first whole word as a whole word of the text
        # (the pattern's ends and separators are not word characters): only the
        # paragraphs holding it are searched. Outside ASCII, where IGNORECASE and
        # case folding may disagree on a letter, every paragraph is searched.
        first = _WORD.search(label)
        ascii_word = first is not None and first.group().isascii()
        paragraphs = self._with_word(first.group()) if ascii_word else self.paragraphs
        for paragraph in paragraphs:
            for run in paragraph.iter("Text"):
                if run.get("TagNumber") or not run.text:
                    continue
                match = pattern.search(run.text)
                if match is not None:
                    return self.split(run, match.start(), match.end())
        return None

    def split_heading_word(self) -> ET.Element | None:
        """The heading's last untagged word as a run of its own; when every word is
        taken, its last untagged character."""
        for run in reversed(self.heading.findall("Text")):
            text = run.text or ""
            if run.get("TagNumber") or not text.strip():
                continue
            last = list(re.finditer(r"\S+", text))[-1]
            if (last.start(), last.end()) == (0, len(text)):
                return run
            return self.split(run, last.start(), last.end())
        for run in reversed(self.heading.findall("Text")):
            text = run.text or ""
            if len(text) > 1:
                single = self.split(run, len(text) - 1, len(text))
                single.attrib.pop("TagNumber", None)
                return single
        return None


def tagged_scenes(breakdown: object) -> Mapping[int, list[SceneTag]]:
    """The tags of each scene of a breakdown, by the scene's 0-based index in the script:
    its cast (speaking and not), its tagged elements, and its story day."""
    result: dict[int, list[SceneTag]] = {}
    for scene in breakdown.scenes:  # type: ignore[attr-defined]
        tags: list[SceneTag] = []
        seen: set[tuple[str, str]] = set()

        def add(category: str, label: str, seen: set[tuple[str, str]] = seen,
                tags: list[SceneTag] = tags) -> None:  # fmt: skip
            key = (category, label.casefold())
            if label and key not in seen:
                seen.add(key)
                tags.append(SceneTag(category, label))

        for name in (*scene.speaking, *scene.non_speaking):
            add("cast", name)
        for category, items in scene.elements.items():
            for item in items:
                add(category, item)
        if getattr(scene, "story_day", ""):
            add("script day", str(scene.story_day))
        if tags:
            result[scene.index - 1] = tags
    return result
