"""Final Draft XML (``.fdx``) export.

The file is what Final Draft 8 and later open: ``<FinalDraft DocumentType="Script"
Version="5">`` with one ``<Paragraph Type=...>`` per screenplay paragraph in
``<Content>`` and the title page in ``<TitlePage>``. Final Draft applies its own
default element styles to a file that carries none, so no ``ElementSettings``
are written.

Decisions:

* Scene numbers from ``#12A#`` become the ``Number`` attribute of the heading.
  With page figures (``scene_pages``) the heading also gets ``SceneProperties``
  ``Page`` and ``Length`` (eighths), as Final Draft writes them.
* Dual dialogue is ``<Paragraph><DualDialogue>`` holding the left speech then
  the right one, as Final Draft nests it.
* Centered text is an Action paragraph with ``Alignment="Center"``; a page
  break sets ``StartsNewPage="Yes"`` on the paragraph after it.
* Lyrics are ``Lyrics`` paragraphs in italics (as Beat writes them), inside a
  speech or on their own, so they come back as lyrics when the file is read again; lyrics
  on their own get ``SpaceBefore="12"`` (a blank line above, like any block),
  which also tells a reader they do not continue the speech before them.
* Two page breaks in a row, or one at the very end, are an empty page: an
  empty Action paragraph that starts a new page.
* Lines of one Fountain block stay one paragraph, separated by a newline in the
  text, so an action block is not split into paragraphs with space between.
  Extra blank lines the writer typed are kept as empty Action paragraphs
  (spacing), except before the first printed element.
* Notes, boneyard, sections and synopses are not printed by Fountain and are
  left out: Final Draft's ScriptNote anchors have no stable public format.
  Inline notes and boneyard runs are dropped the same way.
* The file is always well-formed XML 1.0: characters XML forbids (C0 controls
  other than tab, newline and carriage return; U+FFFE and U+FFFF; lone
  surrogates, which only the API can pass in) never reach it. The whitespace
  controls (vertical tab, form feed, as pdftotext leaves between pages, and
  the separators U+001C-U+001F) become a space; the others become U+FFFD, so
  the place stays visible. ``fountainkit lint`` warns about them all.
* A comment after the XML declaration says fountainkit wrote the file: the CLI
  replaces such an FDX without ``--force``, and one Final Draft re-saved
  (without the comment) only with it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    Scene,
    Screenplay,
    Section,
    Synopsis,
    Text,
    TitlePage,
    Transition,
)
from fountainkit.writers.fdx_tagdata import SceneTag, TagWriter

# What the CLI's output guard looks for (fountainkit.cli.outputs.GENERATOR_MARK).
GENERATOR_COMMENT = "<!-- Written by fountainkit -->"

# Characters XML 1.0 does not allow anywhere in a document (its production
# "Char"), as they can occur in a Python str.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_CONTROLS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")

# Title-page keys Final Draft centres; dates, notes and copyright go to the
# right (as fountainkit prints them), the rest (contact) to the left.
CENTRED_TITLE_KEYS = ("title", "credit", "author", "authors", "source")
RIGHT_TITLE_KEYS = ("draft date", "date", "notes", "copyright")


@dataclass(frozen=True, slots=True)
class ScenePlacement:
    """Where a scene sits in the paginated script, for ``SceneProperties``."""

    page: int
    eighths: int


def to_fdx(
    screenplay: Screenplay,
    *,
    scene_pages: Mapping[int, ScenePlacement] | None = None,
    scene_tags: Mapping[int, Sequence[SceneTag]] | None = None,
    tag_writer: TagWriter | None = None,
) -> str:
    """The screenplay as Final Draft XML text.

    ``scene_pages`` maps a scene's index (0-based, in script order) to its page
    and length; scenes without an entry get no ``SceneProperties``.
    ``scene_tags`` maps a scene's index to its breakdown tags, written as Final
    Draft Tagger data (:mod:`fountainkit.writers.fdx_tagdata`); pass a
    ``tag_writer`` to read afterwards which tags found no text to hold them.
    """
    root = ET.Element("FinalDraft", {"DocumentType": "Script", "Template": "No", "Version": "5"})
    content = ET.SubElement(root, "Content")
    tagger = tag_writer or TagWriter()
    _FdxWriter(content, scene_pages or {}, scene_tags or {}, tagger).write_body(screenplay)
    if screenplay.title_page is not None:
        _write_title_page(ET.SubElement(root, "TitlePage"), screenplay.title_page)
    tag_data = tagger.element()
    if tag_data is not None:
        root.append(tag_data)
    ET.indent(root, space="  ")
    body = xml_safe(ET.tostring(root, encoding="unicode", short_empty_elements=True))
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>'
    return f"{declaration}\n{GENERATOR_COMMENT}\n{body}\n"


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced (see the module notes).

    None of them can be part of the markup ElementTree writes, so replacing them
    in the finished document reaches text and attribute values alike.
    """
    return _NOT_XML.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _WHITESPACE_CONTROLS else "\ufffd"


class _FdxWriter:
    def __init__(
        self,
        content: ET.Element,
        scene_pages: Mapping[int, ScenePlacement],
        scene_tags: Mapping[int, Sequence[SceneTag]],
        tagger: TagWriter,
    ) -> None:
        self.content = content
        self.scene_pages = scene_pages
        self.scene_tags = scene_tags
        self.tagger = tagger
        self.new_page_pending = False
        self.scene_index = 0

    def write_body(self, screenplay: Screenplay) -> None:
        body = list(screenplay.body)
        # Blank lines before anything printed (after the title page) would be
        # empty paragraphs at the top of page 1; later ones are kept as spacing.
        while body and _is_blank(body[0]):
            body.pop(0)
        for item in body:
            if isinstance(item, Scene):
                self._scene(item)
            else:
                self._element(item, self.content)
        self._blank_page_if_pending()

    def _blank_page_if_pending(self) -> None:
        # A page break with nothing after it (or another right after it) is an
        # empty page: an empty paragraph starting a new page carries it.
        if self.new_page_pending:
            _append_lines(self._paragraph(self.content, "Action"), [()])

    def _paragraph(self, parent: ET.Element, kind: str | None, **attrs: str) -> ET.Element:
        attributes = {"Type": kind} if kind else {}
        attributes.update(attrs)
        if self.new_page_pending and parent is self.content:
            attributes["StartsNewPage"] = "Yes"
            self.new_page_pending = False
        return ET.SubElement(parent, "Paragraph", attributes)

    def _scene(self, scene: Scene) -> None:
        heading = scene.heading
        attrs = {"Number": heading.number} if heading.number else {}
        first = len(self.content)
        paragraph = self._paragraph(self.content, "Scene Heading", **attrs)
        tags = self.scene_tags.get(self.scene_index, ())
        placement = self.scene_pages.get(self.scene_index)
        if placement is not None:
            ET.SubElement(
                paragraph,
                "SceneProperties",
                {"Length": _eighths(placement.eighths), "Page": str(placement.page), "Title": ""},
            )
        self.scene_index += 1
        _append_runs(paragraph, heading.runs)
        for element in scene.elements:
            self._element(element, self.content)
        if tags:
            self.tagger.tag_scene(list(self.content)[first:], tags)

    def _element(self, element: object, parent: ET.Element) -> None:
        if isinstance(element, Action):
            _append_lines(self._paragraph(parent, "Action"), element.lines)
        elif isinstance(element, Dialogue):
            self._dialogue(element, parent)
        elif isinstance(element, DualDialogue):
            holder = self._paragraph(parent, None)
            dual = ET.SubElement(holder, "DualDialogue")
            self._dialogue(element.left, dual)
            self._dialogue(element.right, dual)
        elif isinstance(element, Lyrics):
            # Space before: a block of its own, not the end of the speech before it.
            paragraph = self._paragraph(parent, "Lyrics", SpaceBefore="12")
            _append_lines(paragraph, element.lines, italic=True)
        elif isinstance(element, Transition):
            _append_runs(self._paragraph(parent, "Transition"), element.runs)
        elif isinstance(element, Centered):
            paragraph = self._paragraph(parent, "Action", Alignment="Center")
            _append_lines(paragraph, element.lines)
        elif isinstance(element, PageBreak):
            if parent is self.content:
                self._blank_page_if_pending()
            self.new_page_pending = True
        elif isinstance(element, Section | Synopsis | Note | Boneyard):
            return  # not printed by Fountain; see the module docstring
        else:
            raise TypeError(f"cannot write {type(element).__name__} to FDX")

    def _dialogue(self, dialogue: Dialogue, parent: ET.Element) -> None:
        cue = self._paragraph(parent, "Character")
        _append_runs(cue, (Run(dialogue.character.text),))
        for kind, lines, italic in _speech_paragraphs(dialogue.parts):
            _append_lines(self._paragraph(parent, kind), lines, italic=italic)


def _is_blank(item: object) -> bool:
    return isinstance(item, Action) and not any(run.text for line in item.lines for run in line)


def _speech_paragraphs(parts: Iterable[object]) -> Iterator[tuple[str, list[Text], bool]]:
    """Group a speech's parts into (paragraph type, lines, italic) in order.

    Consecutive dialogue lines share one paragraph; lyrics and parentheticals
    each start their own.
    """
    pending: list[Text] = []
    for part in parts:
        if isinstance(part, DialogueLine):
            pending.append(part.runs)
            continue
        if pending:
            yield "Dialogue", pending, False
            pending = []
        if isinstance(part, Parenthetical):
            yield "Parenthetical", [part.runs], False
        elif isinstance(part, Lyrics):
            yield "Lyrics", list(part.lines), True
    if pending:
        yield "Dialogue", pending, False


def _style(run: Run, italic: bool) -> str:
    names = []
    if run.bold:
        names.append("Bold")
    if run.italic or italic:
        names.append("Italic")
    if run.underline:
        names.append("Underline")
    return "+".join(names)


def _append_runs(paragraph: ET.Element, runs: Iterable[Run], *, italic: bool = False) -> None:
    for run in runs:
        if run.kind != "text" or not run.text:
            continue
        style = _style(run, italic)
        text = ET.SubElement(paragraph, "Text", {"Style": style} if style else {})
        text.text = run.text


def _append_lines(paragraph: ET.Element, lines: Iterable[Text], *, italic: bool = False) -> None:
    for index, line in enumerate(lines):
        if index:
            # The line break rides on the text before it, so no whitespace-only
            # <Text> exists for a reader to strip. Looked for from the end: a
            # findall over the whole paragraph at every line made a long speech
            # quadratic.
            last = next((child for child in reversed(paragraph) if child.tag == "Text"), None)
            if last is not None:
                last.text = (last.text or "") + "\n"
            else:
                ET.SubElement(paragraph, "Text").text = "\n"
        _append_runs(paragraph, line, italic=italic)
    # An empty paragraph still needs a Text for Final Draft to keep it.
    if paragraph.find("Text") is None:
        ET.SubElement(paragraph, "Text").text = ""


def _eighths(eighths: int) -> str:
    whole, rest = divmod(max(eighths, 1), 8)
    if not whole:
        return f"{rest}/8"
    return f"{whole} {rest}/8" if rest else str(whole)


def _write_title_page(holder: ET.Element, title_page: TitlePage) -> None:
    content = ET.SubElement(holder, "Content")
    centred = [e for e in title_page.entries if e.key.casefold() in CENTRED_TITLE_KEYS]
    right = [e for e in title_page.entries if e.key.casefold() in RIGHT_TITLE_KEYS]
    others = [e for e in title_page.entries if e not in centred and e not in right]
    for group, alignment in ((centred, "Center"), (others, "Left"), (right, "Right")):
        for entry in group:
            for line in entry.lines:
                paragraph = ET.SubElement(content, "Paragraph", {"Alignment": alignment})
                _append_runs(paragraph, line)
                if paragraph.find("Text") is None:
                    ET.SubElement(paragraph, "Text").text = ""
            # A blank paragraph between entries, as on a typed title page.
            ET.SubElement(ET.SubElement(content, "Paragraph", {"Alignment": alignment}), "Text")
