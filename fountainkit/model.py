"""The screenplay model: frozen dataclasses shared by every stage.

Equality ignores source spans (``compare=False``) so that a tree parsed from
written-back Fountain compares equal to the original tree even though the
positions moved. Every node and every inline run carries the span of the
source it was read from (``NO_SPAN`` when it was made by hand or by another
reader); multi-line nodes also carry one span per line (``line_spans``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

RunKind = Literal["text", "note", "boneyard"]


class Span(NamedTuple):
    """Where a node sits in the source.

    Lines are 1-based; columns are 1-based and ``end_col`` points one past the
    last character (so an empty node has start_col == end_col). Offsets are
    0-based character offsets into the text given to the parser (after the BOM
    is removed and CRLF is turned into LF), end exclusive.

    An immutable value like the frozen dataclasses around it, but a named
    tuple: a parse makes one per node, line and run, and a tuple is built in a
    quarter of the time.
    """

    start_line: int
    start_col: int
    end_line: int
    end_col: int
    start_offset: int = 0
    end_offset: int = 0


NO_SPAN = Span(0, 0, 0, 0)


def shift_span(span: Span, line_delta: int, offset_delta: int) -> Span:
    """``span`` moved down ``line_delta`` lines and ``offset_delta`` characters
    (``NO_SPAN`` stays where it is: it marks a node that has no source)."""
    if span == NO_SPAN:
        return span
    start_line, start_col, end_line, end_col, start, end = span
    return tuple.__new__(
        Span,
        (
            start_line + line_delta,
            start_col,
            end_line + line_delta,
            end_col,
            start + offset_delta,
            end + offset_delta,
        ),
    )


class _RunFields(NamedTuple):
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    kind: RunKind = "text"
    span: Span = NO_SPAN


class Run(_RunFields):
    """A stretch of inline text with one style.

    ``kind`` is "note" for an inline ``[[note]]`` and "boneyard" for an inline
    ``/* ... */``; their text is the inside without the markers. Renderers skip
    them by default, the Fountain writer puts them back.

    ``span`` is the source the run was read from: for a text run, its
    characters and any escapes among them (not the emphasis markers around
    it); for a note or boneyard, the whole ``[[...]]`` or ``/*...*/``. Like a
    node's span it takes no part in equality or hashing.

    Immutable like the model's frozen dataclasses, but a named tuple: a parse
    makes one run per line at least, and a tuple is built in a fraction of the
    time (docs/fountain-decisions.md, engineering notes).
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Run):
            return self[:5] == other[:5]
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Run):
            return self[:5] != other[:5]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self[:5])


Text = tuple[Run, ...]


def plain(runs: Text, *, include_hidden: bool = False) -> str:
    """The visible characters of a run list (notes and boneyard left out)."""
    return "".join(r.text for r in runs if include_hidden or r.kind == "text")


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """A ``Key: value`` entry; ``lines`` are the value's lines (the one after the
    key first, if any), ``line_spans`` where each of them was read."""

    key: str
    lines: tuple[Text, ...]
    span: Span = field(default=NO_SPAN, compare=False)
    line_spans: tuple[Span, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        return "\n".join(plain(line) for line in self.lines)


@dataclass(frozen=True, slots=True)
class TitlePage:
    entries: tuple[TitleEntry, ...]
    span: Span = field(default=NO_SPAN, compare=False)

    def get(self, key: str) -> TitleEntry | None:
        """The first entry whose key matches, case-insensitively."""
        wanted = key.casefold()
        for entry in self.entries:
            if entry.key.casefold() == wanted:
                return entry
        return None


@dataclass(frozen=True, slots=True)
class SceneHeading:
    runs: Text
    number: str | None = None
    forced: bool = False
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class Action:
    """Action lines as written: leading spaces and tabs are kept.

    ``line_spans`` holds the source of each line (its text, without the line
    break; a line that holds a note over several source lines spans them).
    """

    lines: tuple[Text, ...]
    forced: bool = False
    span: Span = field(default=NO_SPAN, compare=False)
    line_spans: tuple[Span, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        return "\n".join(plain(line) for line in self.lines)


@dataclass(frozen=True, slots=True)
class Character:
    """A character cue.

    ``name`` is the clean name, as printed and as the breakdown counts it: no
    extensions, no dual caret, no ``@``, no emphasis markers, no notes or
    boneyard. ``runs`` is the cue as written (after ``@`` and indentation:
    name, extensions, caret), kept only when it holds emphasis, a note or a
    boneyard; for a plain cue it is empty and the fields say everything. When
    ``name``, ``extensions`` or ``dual`` no longer agree with ``runs`` (the
    tree was changed through the API), writers use the fields and keep the
    notes and boneyard of ``runs``.
    """

    name: str
    extensions: tuple[str, ...] = ()
    dual: bool = False
    forced: bool = False
    span: Span = field(default=NO_SPAN, compare=False)
    runs: Text = ()
    # Where the name itself is written (what a rename replaces).
    name_span: Span = field(default=NO_SPAN, compare=False)

    @property
    def text(self) -> str:
        """The cue as printed: name followed by its extensions."""
        return " ".join((self.name, *(f"({e})" for e in self.extensions)))


@dataclass(frozen=True, slots=True)
class Parenthetical:
    runs: Text
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class DialogueLine:
    """One source line of speech; an empty line was a two-space line."""

    runs: Text
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class Lyrics:
    """Consecutive ``~`` lines, inside dialogue or on their own."""

    lines: tuple[Text, ...]
    span: Span = field(default=NO_SPAN, compare=False)
    line_spans: tuple[Span, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        return "\n".join(plain(line) for line in self.lines)


@dataclass(frozen=True, slots=True)
class Dialogue:
    character: Character
    parts: tuple[DialoguePart, ...]
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class DualDialogue:
    """Two speeches side by side; ``right`` is the one whose cue had ``^``."""

    left: Dialogue
    right: Dialogue
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Transition:
    runs: Text
    forced: bool = False
    span: Span = field(default=NO_SPAN, compare=False)

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class Centered:
    lines: tuple[Text, ...]
    span: Span = field(default=NO_SPAN, compare=False)
    line_spans: tuple[Span, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        return "\n".join(plain(line) for line in self.lines)


@dataclass(frozen=True, slots=True)
class PageBreak:
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Section:
    """A ``#`` outline marker; ``level`` is the count of #.

    Inside a scene it is one of the scene's elements (what follows it still
    belongs to the scene); before the first heading it stands in the body.
    """

    level: int
    title: str
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Synopsis:
    text: str
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Note:
    """A block ``[[ ... ]]`` note that stands on its own; text excludes markers."""

    text: str
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Boneyard:
    """A block ``/* ... */``; text is everything between the markers, verbatim."""

    text: str
    span: Span = field(default=NO_SPAN, compare=False)


DialoguePart = Parenthetical | DialogueLine | Lyrics | Note | Boneyard

Element = (
    Action
    | Dialogue
    | DualDialogue
    | Lyrics
    | Transition
    | Centered
    | PageBreak
    | Section
    | Synopsis
    | Note
    | Boneyard
)


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene heading and every element up to the next heading.

    Sections and synopses inside the scene are among its elements: they mark
    the outline, they do not end the scene.
    """

    heading: SceneHeading
    elements: tuple[Element, ...]
    span: Span = field(default=NO_SPAN, compare=False)


BodyItem = Scene | Element


@dataclass(frozen=True, slots=True)
class Screenplay:
    """A parsed script.

    ``body`` is the prologue (sections and elements before the first scene
    heading), then the scenes. Sections after the first heading live inside
    the scene they stand in.
    """

    title_page: TitlePage | None
    body: tuple[BodyItem, ...]
    # The text the tree was parsed from, exactly as given (BOM and line ends
    # included), and where it starts in span coordinates (line, offset): the
    # Fountain writer gives back these bytes for every node not changed
    # through the API. None for a tree read from another format or built by hand.
    source: str | None = field(default=None, compare=False, repr=False)
    source_origin: tuple[int, int] = field(default=(1, 0), compare=False, repr=False)

    def scenes(self) -> tuple[Scene, ...]:
        """The scenes, in order (a tuple: ``len()`` and indexing work)."""
        return tuple(item for item in self.body if isinstance(item, Scene))

    def title(self) -> str:
        if self.title_page is None:
            return ""
        entry = self.title_page.get("title")
        return entry.text.replace("\n", " ").strip() if entry else ""


def walk(node: object) -> Iterator[object]:
    """Every node under ``node`` (itself included), depth first, in source order."""
    yield node
    if isinstance(node, Screenplay):
        if node.title_page is not None:
            yield from walk(node.title_page)
        for item in node.body:
            yield from walk(item)
    elif isinstance(node, TitlePage):
        yield from node.entries
    elif isinstance(node, Scene):
        yield node.heading
        for element in node.elements:
            yield from walk(element)
    elif isinstance(node, Dialogue):
        yield node.character
        yield from node.parts
    elif isinstance(node, DualDialogue):
        yield from walk(node.left)
        yield from walk(node.right)


def runs_of(node: object) -> Iterator[Run]:
    """The inline runs a node holds itself (not those of its children), in order."""
    runs = getattr(node, "runs", None)
    if runs is not None:
        yield from runs
    for line in getattr(node, "lines", ()):
        yield from line


def flat_elements(items: Iterable[BodyItem]) -> Iterator[Element | SceneHeading]:
    """Body items as a flat sequence: each scene as its heading, then its elements."""
    for item in items:
        if isinstance(item, Scene):
            yield item.heading
            yield from item.elements
        else:
            yield item
