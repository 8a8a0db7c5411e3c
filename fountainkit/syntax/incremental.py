"""A script kept as scene-sized chunks, so an edit re-parses only what it touches.

A *chunk* is the text from one scene heading to the next one (chunk 0 holds
the title page and anything before the first heading, sections included; it
may be empty). Boundaries come from the parser itself, never from a guess:
they are the starts of the ``Scene`` items of a parse, so a heading inside a
boneyard or a note is never a boundary. (A section is not one: after the first
heading it belongs to the scene it stands in.)

After an edit only the chunks it touches are parsed again, as one slice, and
split at the headings the new parse finds: typing a heading splits a chunk,
breaking one merges two. The slice is parsed together with the first line of
the chunk after it, so the blank lines in front of that heading split into
separator and extra lines as in a whole parse. What a slice cannot see is
checked before the result is trusted:

* the slice must still start with a heading (else the chunk
  before it joins the slice), and only chunk 0 may hold a title page;
* the line after the slice must still be a heading (else the chunk
  after it joins);
* an edit that makes or breaks a ``/*``, ``*/``, ``[[`` or ``]]``, or a line
  break inside a paragraph with a note marker, can hide or reveal text far
  from it: the slice then runs from the first earlier chunk holding an
  unmatched opener (a closer typed now may pair with it) to the first old
  boundary where the new text's logical lines fall back into step.

Each chunk's items keep the coordinates of the parse that produced them; a
chunk knows how far it has moved since (``line_delta``, ``offset_delta``), and
:meth:`IncrementalDocument.screenplay` shifts spans only when asked for
absolute positions. The hypothesis test in tests/test_incremental.py pins the
contract: after any edits, ``screenplay()`` equals ``parse(text)``, spans
included.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from fountainkit.model import (
    Action,
    BodyItem,
    Centered,
    Character,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Span,
    Text,
    TitleEntry,
    TitlePage,
    Transition,
    shift_span,
)
from fountainkit.syntax.lexer import hidden_spans, logical_lines
from fountainkit.syntax.parse import normalise, parse
from fountainkit.syntax.positions import with_span

# Markers whose addition or removal can change how much text a boneyard or a
# note hides, far beyond the edited chunk ("\\/*" is an escaped, inert "/*").
_MARKER_RE = re.compile(r"\\/\*|/\*|\*/|\[\[|\]\]")
_OPENER_RE = re.compile(r"(?<!\\)/\*|(?<!\\)\[\[")


def _logical_line_starts(text: str, position: int) -> list[int]:
    """Offsets where the logical lines of ``text[position:]`` begin (linear time)."""
    starts = []
    for line in logical_lines(text[position:]):
        starts.append(position)
        position += len(line) + 1
    starts.append(position)
    return starts


def _blank_out_hidden(text: str) -> str:
    """``text`` with a space, not nothing, in place of each boneyard and note.

    A space keeps a "/*" or "\\/*" from being made of characters from both
    sides of a hidden part.
    """
    pieces = []
    cursor = 0
    for start, end in hidden_spans(text):
        pieces.append(text[cursor:start])
        pieces.append(" ")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


# Characters either side of an edit that can still change the meaning of the
# line around a boundary (the blank line a heading needs before it).
EDIT_MARGIN = 2


@dataclass(eq=False)
class Chunk:
    """One scene-sized slice of the script and what its parse produced.

    ``items`` (and ``title_page`` for chunk 0) carry spans in the frame of the
    parse that made them, where this chunk started at ``origin_line`` /
    ``origin_offset``. ``line`` and ``start`` are where it starts now.
    """

    items: tuple[BodyItem, ...]
    title_page: TitlePage | None
    length: int
    newlines: int
    origin_line: int
    origin_offset: int
    line: int = 1
    start: int = 0
    unmatched_opener: bool | None = None  # see IncrementalDocument._has_unmatched_opener
    # Results derived from this chunk's items alone (lint findings, outline
    # entries...), in the items' frame; valid as long as the chunk lives.
    cache: dict[str, object] = field(default_factory=dict)

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def line_delta(self) -> int:
        return self.line - self.origin_line

    @property
    def offset_delta(self) -> int:
        return self.start - self.origin_offset

    def absolute(self, span: Span) -> Span:
        """A span of this chunk's items, in the document's current coordinates."""
        return shift_span(span, self.line_delta, self.offset_delta)


@dataclass(frozen=True, slots=True)
class EditResult:
    """What one edit did: the chunks it replaced, and how much text was parsed again."""

    first_chunk: int  # index of the first new chunk
    new_chunks: int
    reparsed_chars: int
    full: bool  # the slice parsed again was the whole script


class IncrementalDocument:
    """A script's text plus its parse, kept up to date edit by edit."""

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.chunks: list[Chunk] = []
        self.version = 0
        self._reparse_all()

    # --- reading ---------------------------------------------------------------

    @property
    def title_page(self) -> TitlePage | None:
        return self.chunks[0].title_page

    def chunk_text(self, chunk: Chunk) -> str:
        return self.text[chunk.start : chunk.end]

    def chunk_at_offset(self, offset: int) -> int:
        """Index of the chunk holding ``offset`` (the last chunk for the end)."""
        starts = [chunk.start for chunk in self.chunks]
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    def chunk_at_line(self, line: int) -> int:
        """Index of the chunk holding 1-based ``line``."""
        lines = [chunk.line for chunk in self.chunks]
        return max(bisect.bisect_right(lines, line) - 1, 0)

    def line_start(self, line: int) -> int:
        """Offset where 1-based ``line`` starts (the text's end past the last line)."""
        chunk = self.chunks[self.chunk_at_line(line)]
        offset = chunk.start
        for _ in range(line - chunk.line):
            found = self.text.find("\n", offset)
            if found == -1:
                return len(self.text)
            offset = found + 1
        return offset

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line``, without its line end."""
        start = self.line_start(line)
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]

    def screenplay(self, *, absolute: bool = True) -> Screenplay:
        """The whole script as one Screenplay.

        With ``absolute=False`` spans stay in each chunk's own frame, which is
        cheaper and enough for anything that ignores positions (layout,
        equality).
        """
        title_page = self.chunks[0].title_page
        body: list[BodyItem] = []
        for chunk in self.chunks:
            if absolute and (chunk.line_delta or chunk.offset_delta):
                body.extend(
                    shifted(item, chunk.line_delta, chunk.offset_delta) for item in chunk.items
                )
            else:
                body.extend(chunk.items)
        if absolute and title_page is not None:
            first = self.chunks[0]
            title_page = shifted(title_page, first.line_delta, first.offset_delta)
        # With absolute spans the tree points into the document's text, which the
        # Fountain writer keeps for every node not changed.
        return Screenplay(title_page, tuple(body), self.text if absolute else None)

    # --- editing ---------------------------------------------------------------

    def replace_all(self, text: str) -> None:
        """A full-text change (the editor sent the whole document)."""
        self.text = normalise(text)
        self.version += 1
        self._reparse_all()

    def edit(self, start: int, end: int, new_text: str) -> EditResult:
        """Replace ``text[start:end]`` with ``new_text`` and update the parse."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"edit range {start}..{end} is outside 0..{len(self.text)}")
        old_text = self.text
        # Normalised as a whole, as the parser would see it: a CR typed before
        # an LF, or a BOM typed at the start, changes the text around the edit.
        self.text = normalise(old_text[:start] + new_text + old_text[end:])
        self.version += 1
        delta = len(self.text) - len(old_text)
        touched_first = self.chunk_at_offset(max(start - EDIT_MARGIN, 0))
        touched_last = self.chunk_at_offset(min(end + EDIT_MARGIN, len(old_text)))
        first, last = touched_first, touched_last
        if _changes_hiding_markers(old_text, self.text, start, end, end + delta):
            first, last = self._hidden_extent(first, last, delta)
        while True:
            if self.chunks[first].start == 0:
                first = 0  # chunk 0 may be empty: a region at the start includes it
            region_start = self.chunks[first].start
            region_end = self.chunks[last].end + delta
            parsed = self._parse_region(region_start, region_end, self.chunks[first].line)
            if parsed == _EXTEND_LEFT:
                first -= 1
            elif parsed == _EXTEND_RIGHT:
                last += 1
            else:
                break
        assert isinstance(parsed, list)
        whole = first == 0 and last == len(self.chunks) - 1
        self.chunks[first : last + 1] = parsed
        self._place(first)
        return EditResult(first, len(parsed), region_end - region_start, whole)

    # --- internals -------------------------------------------------------------

    def _hidden_extent(self, first: int, last: int, delta: int) -> tuple[int, int]:
        """Chunks to re-parse when an edit may change what a boneyard or note hides.

        To the left: a closer typed now pairs with the first opener left
        unmatched in an earlier chunk. To the right: up to the first old
        boundary past the edit where a logical line of the new text starts,
        since from there on the text, and so the parse, is as before.
        """
        for index in range(first):
            if self._has_unmatched_opener(self.chunks[index]):
                first = index
                break
        position = self.chunks[first].start
        starts = set(_logical_line_starts(self.text, position))
        for index in range(last + 1, len(self.chunks)):
            if self.chunks[index].start + delta in starts:
                return first, index - 1
        return first, len(self.chunks) - 1

    def _has_unmatched_opener(self, chunk: Chunk) -> bool:
        """True when the chunk holds a ``/*`` or ``[[`` that hides nothing (printed as text).

        Nothing hidden crosses a chunk boundary, so an opener unmatched inside
        its chunk is unmatched in the whole script.
        """
        if chunk.unmatched_opener is None:
            visible = _blank_out_hidden(self.chunk_text(chunk))
            chunk.unmatched_opener = _OPENER_RE.search(visible) is not None
        return chunk.unmatched_opener

    def _reparse_all(self) -> None:
        chunks = self._parse_region(0, len(self.text), 1)
        assert isinstance(chunks, list)  # the whole text always stands alone
        self.chunks = chunks
        self._place(0)

    def _parse_region(self, start: int, end: int, line: int) -> list[Chunk] | str:
        """Parse ``text[start:end]`` into chunks, or say which way to widen it.

        The parse also reads the first line after ``end`` (the next chunk's
        heading), so the blank lines in front of it are split into separator
        and extra blank lines exactly as in a parse of the whole text; the item
        that line produces is dropped, and must be a heading, or the
        boundary at ``end`` is gone and the region has to grow to the right.
        """
        text = self.text
        at_end = end >= len(text)
        stop = len(text) if at_end else _line_end(text, end)
        parsed = parse(text[start:stop], first_line=line, first_offset=start)
        body = list(parsed.body)
        if not at_end:
            if not body or not _is_boundary(body[-1], end):
                return _EXTEND_RIGHT
            body.pop()
        cuts = [index for index, item in enumerate(body) if _is_boundary(item, None)]
        if start == 0:
            cuts.insert(0, 0)  # chunk 0: title page and lead-in, maybe empty
        elif (
            parsed.title_page is not None
            or not cuts
            or cuts[0] != 0
            or not _is_boundary(body[0], start)
        ):
            return _EXTEND_LEFT
        chunks: list[Chunk] = []
        for n, first_item in enumerate(cuts):
            chunk_start = start if n == 0 else _line_start(body[first_item].span)
            if n + 1 < len(cuts):
                next_item = cuts[n + 1]
                chunk_end = _line_start(body[next_item].span)
            else:
                next_item, chunk_end = len(body), end
            newlines = text.count("\n", chunk_start, chunk_end)
            chunks.append(
                Chunk(
                    items=tuple(body[first_item:next_item]),
                    title_page=parsed.title_page if start == 0 and n == 0 else None,
                    length=chunk_end - chunk_start,
                    newlines=newlines,
                    origin_line=line,
                    origin_offset=chunk_start,
                )
            )
            line += newlines
        return chunks

    def _place(self, first: int) -> None:
        """Recompute where chunks from ``first`` on start, from their lengths."""
        if first == 0:
            line, start = 1, 0
        else:
            before = self.chunks[first - 1]
            line, start = before.line + before.newlines, before.end
        for chunk in self.chunks[first:]:
            chunk.line, chunk.start = line, start
            line += chunk.newlines
            start += chunk.length


def _line_start(span: Span) -> int:
    """Offset of the start of the line a span starts on."""
    return span.start_offset - (span.start_col - 1)


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found == -1 else found


def _is_boundary(item: object, at: int | None) -> bool:
    """True for a scene (starting on the line at offset ``at``, if given)."""
    if not isinstance(item, Scene):
        return False
    return at is None or _line_start(item.span) == at


_EXTEND_LEFT = "left"
_EXTEND_RIGHT = "right"


def _changes_hiding_markers(old: str, new: str, start: int, old_end: int, new_end: int) -> bool:
    """True when the edit may change what a boneyard or a note hides.

    That happens when it makes or breaks a ``/*``, ``*/``, ``[[`` or ``]]``,
    or the backslash that escapes a ``/*`` (such a marker overlaps the edited
    range or lies within two characters of it, so the markers of that window
    are compared, in order), or when it adds or removes a line break inside a
    paragraph holding ``[[`` or ``]]``: a note may not cross an empty line,
    so a new empty line can turn a note into text and free a ``/*`` inside
    it, and a joined paragraph can make a note.
    """
    before = old[max(start - 2, 0) : old_end + 2]
    after = new[max(start - 2, 0) : new_end + 2]
    if _MARKER_RE.findall(before) != _MARKER_RE.findall(after):
        return True
    if "\n" in old[start:old_end] or "\n" in new[start:new_end]:
        return _note_in_paragraph(old, start, old_end) or _note_in_paragraph(new, start, new_end)
    return False


def _note_in_paragraph(text: str, start: int, end: int) -> bool:
    """True when the paragraph around ``text[start:end]`` holds a note marker."""
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    paragraph = text[max(left, 0) : len(text) if right == -1 else right + 2]
    return "[[" in paragraph or "]]" in paragraph


# --- moving spans ------------------------------------------------------------------

_CHILDREN: dict[type, tuple[str, ...]] = {
    Scene: ("heading", "elements"),
    Dialogue: ("character", "parts"),
    DualDialogue: ("left", "right"),
    TitlePage: ("entries",),
}
# Fields holding inline runs: one run list, or a tuple of lines of runs.
_RUNS: dict[type, str] = {
    SceneHeading: "runs",
    Character: "runs",
    Parenthetical: "runs",
    DialogueLine: "runs",
    Transition: "runs",
}
_LINES: frozenset[type] = frozenset({Action, Lyrics, Centered, TitleEntry})


def shifted(node, line_delta: int, offset_delta: int):  # noqa: ANN001, ANN201 - any model node
    """A copy of a model node with every span in it moved (runs and lines included)."""
    changes: dict[str, object] = {"span": shift_span(node.span, line_delta, offset_delta)}
    kind = type(node)
    for name in _CHILDREN.get(kind, ()):
        value = getattr(node, name)
        if isinstance(value, tuple):
            changes[name] = tuple(shifted(child, line_delta, offset_delta) for child in value)
        else:
            changes[name] = shifted(value, line_delta, offset_delta)
    runs_field = _RUNS.get(kind)
    if runs_field is not None:
        changes[runs_field] = _shifted_runs(getattr(node, runs_field), line_delta, offset_delta)
    if kind in _LINES:
        changes["lines"] = tuple(
            _shifted_runs(line, line_delta, offset_delta) for line in node.lines
        )
        changes["line_spans"] = tuple(
            shift_span(span, line_delta, offset_delta) for span in node.line_spans
        )
    if kind is Character:
        changes["name_span"] = shift_span(node.name_span, line_delta, offset_delta)
    return replace(node, **changes)


def _shifted_runs(runs: Text, line_delta: int, offset_delta: int) -> Text:
    return tuple(with_span(run, shift_span(run.span, line_delta, offset_delta)) for run in runs)
