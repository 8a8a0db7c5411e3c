"""The author's text kept: minimal edits between a script's source and a changed tree.

A parsed :class:`~fountainkit.model.Screenplay` keeps the text it was read
from (``source``). When the tree is changed through the API (a cue renamed
with ``dataclasses.replace``, a scene number added, a scene inserted or
removed), :func:`edits` finds what changed and returns the few text edits that
turn the source into a script for the changed tree; every node that was not
changed keeps its bytes: indentation, trailing spaces, tabs, escapes, the
length of ``===``, the line ends and the final newline.

How a node is recognised as unchanged: the new tree's node has the span of a
node of the original parse (the parse of ``source``), is of the same type and
compares equal to it. Nodes are compared container by container (the script,
the title page, a scene, a speech, a dual dialogue); within a container the
nodes that kept their place anchor the comparison, and what lies between two
anchors (nodes removed, nodes added or moved) is written again. A changed leaf
(a heading, a cue, a line of dialogue, an action paragraph, ...) is written in
the canonical form (fountainkit.writers.canonical), except for the two edits
tools make most: a new scene number is written into the heading line as
``#12#`` and a renamed cue has only its name replaced.

Every result is checked: the edited text must parse to the same tree as the
canonical text of the changed tree. If it does not (a change that makes a
neighbour read differently), the edits widen: first changed nodes written
whole in the canonical form, then each changed top-level item, and at last the
whole script.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from fountainkit.model import (
    NO_SPAN,
    Action,
    Character,
    Dialogue,
    DualDialogue,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Span,
    TitleEntry,
    TitlePage,
    walk,
)
from fountainkit.syntax import lexer
from fountainkit.syntax.parse import normalise, parse
from fountainkit.writers.canonical import (
    blocks_text,
    canonical,
    dialogue_lines,
    element_lines,
    heading_line,
    part_lines,
    title_entry_lines,
    write_runs,
)

__all__ = ["TextEdit", "edits", "apply_edits"]


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace ``source[start:end]`` with ``text``.

    ``start`` and ``end`` are offsets in the source exactly as given to the
    parser (a BOM and CRLF line ends count); ``text`` uses the source's line
    ends. ``span`` is the same range in the parser's coordinates (lines and
    columns as an editor counts them, offsets in the normalised text), for a
    language server's TextEdit.
    """

    start: int
    end: int
    text: str
    span: Span


def edits(screenplay: Screenplay) -> list[TextEdit]:
    """The edits that turn ``screenplay.source`` into Fountain for ``screenplay``.

    Sorted, not overlapping; empty when the tree is the parse of its source.
    A tree without a source (read from FDX or PDF, or built by hand) gets one
    edit that inserts its canonical text.
    """
    if screenplay.source is None:
        text = canonical(screenplay)
        return [TextEdit(0, 0, text, Span(1, 1, 1, 1, 0, 0))] if text else []
    original = _original(screenplay.source, screenplay.source_origin)
    if screenplay == original:
        return []
    document = _Document(screenplay.source, screenplay.source_origin)
    target = parse(canonical(screenplay))
    for level in _LEVELS:
        changes = _Differ(document, level).diff(original, screenplay)
        text = document.apply(changes)
        if parse(text) == target:
            return [document.text_edit(start, end, new) for start, end, new in changes]
    whole = canonical(screenplay)
    return [document.text_edit(0, len(document.normalised), whole)]


def apply_edits(source: str, changes: Iterable[TextEdit]) -> str:
    """``source`` with the edits applied (as :func:`edits` returns them)."""
    out: list[str] = []
    cursor = 0
    for change in sorted(changes, key=lambda e: (e.start, e.end)):
        out.append(source[cursor : change.start])
        out.append(change.text)
        cursor = change.end
    out.append(source[cursor:])
    return "".join(out)


@lru_cache(maxsize=4)
def _original(source: str, origin: tuple[int, int]) -> Screenplay:
    """The parse of ``source``: what the nodes of a changed tree are compared to."""
    return parse(source, first_line=origin[0], first_offset=origin[1])


# Levels of detail, finest first: (surgical edits of numbers and names allowed,
# compare inside top-level items).
_SURGICAL, _LEAVES, _TOP = "surgical", "leaves", "top"
_LEVELS = (_SURGICAL, _LEAVES, _TOP)


class _Document:
    """The source, its normalised form (what spans count in) and the mapping back."""

    def __init__(self, source: str, origin: tuple[int, int]) -> None:
        self.source = source
        self.first_line, self.base = origin
        self.normalised = normalise(source)
        self.newline = _newline_of(source)
        self._bom = 1 if source.startswith("\ufeff") else 0
        # Normalised offsets of line breaks that were two characters (CRLF).
        self._crlf: list[int] = []
        if "\r\n" in source:
            raw = source[self._bom :]
            at = raw.find("\r\n")
            removed = 0
            while at != -1:
                self._crlf.append(at - removed)
                removed += 1
                at = raw.find("\r\n", at + 2)
        self._line_starts: list[int] | None = None

    def index(self, offset: int) -> int:
        """Index in the normalised text of a span offset."""
        return offset - self.base

    def raw(self, index: int) -> int:
        """Offset in the source as given of a normalised index."""
        return index + self._bom + bisect.bisect_left(self._crlf, index)

    def apply(self, changes: Sequence[tuple[int, int, str]]) -> str:
        """The source with the changes applied (line ends as the source's)."""
        out: list[str] = []
        cursor = 0
        for start, end, text in changes:
            out.append(self.source[cursor : self.raw(start)])
            out.append(text.replace("\n", self.newline))
            cursor = self.raw(end)
        out.append(self.source[cursor:])
        return "".join(out)

    def text_edit(self, start: int, end: int, text: str) -> TextEdit:
        return TextEdit(
            self.raw(start),
            self.raw(end),
            text.replace("\n", self.newline),
            Span(*self._position(start), *self._position(end), start + self.base, end + self.base),
        )

    def _position(self, index: int) -> tuple[int, int]:
        if self._line_starts is None:
            starts = [0]
            text = self.normalised
            at = text.find("\n")
            while at != -1:
                starts.append(at + 1)
                at = text.find("\n", at + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, index) - 1
        return self.first_line + line, index - self._line_starts[line] + 1


def _newline_of(source: str) -> str:
    """The line end the source uses (its first one), "\\n" when it has none."""
    at = source.find("\n")
    cr = source.find("\r")
    if cr != -1 and (at == -1 or cr < at):
        return "\r\n" if source.startswith("\r\n", cr) else "\r"
    return "\n"


# What separates two children of a container, in the canonical form.
_BLOCKS, _LINES = "\n\n", "\n"


class _Differ:
    """The changes (normalised start, end, new text) from an original tree to a new one."""

    def __init__(self, document: _Document, level: str) -> None:
        self.document = document
        self.text = document.normalised
        self.level = level
        self.changes: list[tuple[int, int, str]] = []
        self._by_span: dict[tuple[type, Span], object] | None = None

    def diff(self, original: Screenplay, new: Screenplay) -> list[tuple[int, int, str]]:
        old_children = _screenplay_children(original)
        new_children = _screenplay_children(new)
        self._sequence(old_children, new_children, (0, len(self.text)), _BLOCKS, new)
        self.changes.sort()
        return self.changes

    # --- containers ------------------------------------------------------------------

    def _sequence(
        self,
        old: Sequence[object],
        new: Sequence[object],
        region: tuple[int, int],
        separator: str,
        parent: object,
    ) -> None:
        """Compare two lists of children; ``region`` is where the old ones stand."""
        where = {_key(child): index for index, child in enumerate(old) if _key(child)}
        anchors: list[tuple[int, int]] = []
        last = -1
        for index, child in enumerate(new):
            found = where.get(_key(child)) if _key(child) else None
            if found is not None and found > last:
                anchors.append((found, index))
                last = found
        before_old = before_new = -1
        for old_index, new_index in [*anchors, (len(old), len(new))]:
            gone = old[before_old + 1 : old_index]
            added = new[before_new + 1 : new_index]
            if gone or added:
                self._gap(old, before_old, old_index, added, region, separator, parent)
            if old_index < len(old):
                self._node(old[old_index], new[new_index], parent)
            before_old, before_new = old_index, new_index

    def _gap(
        self,
        old: Sequence[object],
        previous: int,
        following: int,
        added: Sequence[object],
        region: tuple[int, int],
        separator: str,
        parent: object,
    ) -> None:
        """Write what lies between two anchors again: the old children there go,
        ``added`` come in their place (between the anchors' own bytes)."""
        index = self.document.index
        has_previous = previous >= 0
        has_following = following < len(old)
        start = index(old[previous].span.end_offset) if has_previous else region[0]
        end = index(old[following].span.start_offset) if has_following else region[1]
        gone = old[previous + 1 : following]
        if not added:
            if has_previous and has_following:
                # The separator that stood after the previous anchor.
                text = self.text[start : index(gone[0].span.start_offset)]
            elif has_previous:
                text = self.text[index(gone[-1].span.end_offset) : end]  # the tail kept
            else:
                text = ""
            self.changes.append((start, end, text))
            return
        body = self._render_all(added, separator, parent)
        lead = separator if has_previous else ""
        if has_following:
            tail = separator
        else:
            tail = self.text[index(gone[-1].span.end_offset) if gone else start : end]
        self.changes.append((start, end, lead + body + tail))

    def _node(self, old: object, new: object, parent: object) -> None:
        if old == new:
            return
        if self.level == _TOP and isinstance(parent, Screenplay):
            self._replace(old, _render(new, parent))  # a changed top-level item, whole
        elif isinstance(new, Scene):
            old_children = [old.heading, *old.elements]  # type: ignore[attr-defined]
            self._sequence(
                old_children, [new.heading, *new.elements], self._region(old), _BLOCKS, new
            )
        elif isinstance(new, Dialogue):
            self._sequence(
                [old.character, *old.parts],  # type: ignore[attr-defined]
                [new.character, *new.parts],
                self._region(old),
                _LINES,
                new,
            )
        elif isinstance(new, DualDialogue):
            self._node(old.left, new.left, new)  # type: ignore[attr-defined]
            self._node(old.right, new.right, new)  # type: ignore[attr-defined]
        elif isinstance(new, TitlePage):
            self._sequence(old.entries, new.entries, self._region(old), _LINES, new)  # type: ignore[attr-defined]
        elif self.level == _SURGICAL and self._surgical(old, new):
            return
        else:
            self._replace(old, _render(new, parent))

    def _region(self, node: object) -> tuple[int, int]:
        span = node.span  # type: ignore[attr-defined]
        return self.document.index(span.start_offset), self.document.index(span.end_offset)

    def _replace(self, old: object, text: str) -> None:
        start, end = self._region(old)
        self.changes.append((start, end, text))

    def _render_all(self, nodes: Sequence[object], separator: str, parent: object) -> str:
        """Nodes written for a gap: an unchanged node moved keeps its bytes."""
        if (
            separator == _BLOCKS
            and not any(isinstance(n, TitlePage) for n in nodes)
            and all(self._kept_bytes(node) is None for node in nodes)
        ):
            return blocks_text(nodes)
        parts = []
        for node in nodes:
            kept = self._kept_bytes(node)
            parts.append(kept if kept is not None else _render(node, parent))
        return separator.join(parts)

    def _kept_bytes(self, node: object) -> str | None:
        """The source of a node moved but not changed (its span and content match)."""
        span = getattr(node, "span", NO_SPAN)
        if span == NO_SPAN or self.level == _TOP:
            return None
        if self._by_span is None:
            self._by_span = {}
            original = _original(
                self.document.source, (self.document.first_line, self.document.base)
            )
            for candidate in walk(original):
                found = getattr(candidate, "span", None)
                if found is not None:
                    self._by_span.setdefault((type(candidate), found), candidate)
        candidate = self._by_span.get((type(node), span))
        if candidate is not None and candidate == node:
            start, end = self._region(node)
            return self.text[start:end]
        return None

    # --- the edits tools make most ------------------------------------------------------

    def _surgical(self, old: object, new: object) -> bool:
        if (
            isinstance(old, SceneHeading)
            and isinstance(new, SceneHeading)
            and (old.runs, old.forced) == (new.runs, new.forced)
        ):
            return self._renumber(old, new.number)
        if isinstance(old, Character) and isinstance(new, Character):
            same_rest = (old.extensions, old.dual, old.forced) == (
                new.extensions,
                new.dual,
                new.forced,
            )
            if same_rest and old.runs == new.runs and old.name_span != NO_SPAN:
                start = self.document.index(old.name_span.start_offset)
                end = self.document.index(old.name_span.end_offset)
                self.changes.append((start, end, write_runs((Run(new.name),))))
                return True
        return False

    def _renumber(self, old: SceneHeading, number: str | None) -> bool:
        """Write, change or remove the ``#number#`` of a heading line, nothing else."""
        start, end = self._region(old)
        line = self.text[start:end]
        begin = len(line) - len(line.lstrip())
        if old.forced:
            begin += 1
        stripped_end = len(line.rstrip())
        main, current, _tail = lexer.split_heading(line[begin:stripped_end])
        main_end = start + begin + len(main)
        if current is None:
            if number is None:
                return False
            self.changes.append((main_end, main_end, f" #{number}#"))
            return True
        written = self.text.find(f"#{current}#", main_end, start + stripped_end)
        if written == -1:
            return False
        if number is None:
            self.changes.append((main_end, written + len(current) + 2, ""))
        else:
            self.changes.append((written, written + len(current) + 2, f"#{number}#"))
        return True


def _screenplay_children(screenplay: Screenplay) -> list[object]:
    title = [screenplay.title_page] if screenplay.title_page is not None else []
    return [*title, *screenplay.body]


def _key(node: object) -> tuple[type, int, int] | None:
    span = getattr(node, "span", NO_SPAN)
    if span == NO_SPAN:
        return None
    return type(node), span.start_offset, span.end_offset


def _render(node: object, parent: object) -> str:
    """A node in the canonical form, as it stands in ``parent``."""
    if isinstance(node, TitlePage):
        lines: list[str] = []
        for entry in node.entries:
            lines.extend(title_entry_lines(entry, first=not lines))
        return "\n".join(lines)
    if isinstance(node, TitleEntry):
        first = isinstance(parent, TitlePage) and parent.entries[:1] == (node,)
        return "\n".join(title_entry_lines(node, first=first))
    if isinstance(node, Character):
        speech = parent if isinstance(parent, Dialogue) else Dialogue(node, ())
        return dialogue_lines(speech)[0]
    if isinstance(parent, Dialogue) and not isinstance(node, Dialogue):
        return "\n".join(part_lines(node))
    if isinstance(node, Scene):
        return blocks_text((node,))
    if isinstance(node, SceneHeading):
        return heading_line(node)
    if isinstance(node, Action) and not node.forced and not any(node.lines):
        return "\n".join([""] * len(node.lines))
    return "\n".join(element_lines(node))
