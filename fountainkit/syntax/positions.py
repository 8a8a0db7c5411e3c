"""Source spans for inline runs.

:func:`fountainkit.syntax.inline.parse_inline` reads a line into styled runs
and memoises the result per line text (names and short lines repeat all
script long), so its runs carry no position. :func:`place_runs` gives each run
of one occurrence its span in the document by walking the runs along the text
they were read from: a text run's characters appear in order, with escapes
(``\\*`` for ``*``) and emphasis markers (``*``, ``_``) in between; a note or
boneyard run is the next ``[[...]]`` or ``/*...*/``. The walk is linear in the
line and does not depend on how the inline parser paired its markers.

A span covers a text run's characters and any escapes among them, not the
emphasis markers around it; a note or boneyard run's span covers its markers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fountainkit.model import Run, Span, Text
from fountainkit.syntax.lexer import hidden_spans

_MARKERS = frozenset("*_")
_ESCAPABLE = frozenset("\\*_/[")

_new_tuple = tuple.__new__


def new_span(
    start_line: int, start_col: int, end_line: int, end_col: int, start: int, end: int
) -> Span:
    """A :class:`Span`, built without the named tuple's argument parsing."""
    return _new_tuple(Span, (start_line, start_col, end_line, end_col, start, end))


def new_run(text: str, bold: bool, italic: bool, underline: bool, kind: str, span: Span) -> Run:
    """A :class:`Run`, built without the named tuple's argument parsing."""
    return _new_tuple(Run, (text, bold, italic, underline, kind, span))


def with_span(run: Run, span: Span) -> Run:
    """``run`` at another place."""
    return _new_tuple(Run, (run[0], run[1], run[2], run[3], run[4], span))


def source_ranges(runs: Text, text: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each run parsed from ``text``."""
    size = len(text)
    ranges: list[tuple[int, int]] = []
    hidden: list[tuple[int, int]] | None = None
    next_hidden = 0
    at = 0
    for run in runs:
        if run.kind != "text":
            if hidden is None:
                hidden = hidden_spans(text)
            while next_hidden < len(hidden) and hidden[next_hidden][1] <= at:
                next_hidden += 1
            if next_hidden < len(hidden):
                start, end = hidden[next_hidden]
                next_hidden += 1
            else:
                start = end = at
            ranges.append((start, end))
            at = end
            continue
        piece = run.text
        if "\\" not in piece:  # (with a backslash, matching as written could skip an escape)
            # Markers before the run's text; the run itself may start with one
            # (an unpaired "*" is text), so stop where the text reads on as written.
            found_at = at
            while (
                found_at < size
                and text[found_at] in _MARKERS
                and not text.startswith(piece, found_at)
            ):
                found_at += 1
            if text.startswith(piece, found_at):
                ranges.append((found_at, found_at + len(piece)))
                at = found_at + len(piece)
                continue
            # Not as written (an escape inside, "*/\*/" read as "*/*/"): matched
            # character by character from where the run starts, markers included.
        start = -1
        for char in piece:  # escapes (and markers between) inside the run
            while at < size:
                found = text[at]
                if found == "\\" and at + 1 < size and text[at + 1] == char in _ESCAPABLE:
                    if start < 0:
                        start = at
                    at += 2
                    break
                if found == char:
                    if start < 0:
                        start = at
                    at += 1
                    break
                at += 1  # an emphasis marker between two stretches of the run
        ranges.append((max(start, 0) if start >= 0 else at, at))
    return ranges


def place_runs(runs: Text, text: str, start: int, line: int, column: int) -> Text:
    """``runs`` parsed from ``text``, with spans; ``text`` starts at document offset
    ``start``, on ``line`` at ``column``."""
    if len(runs) == 1 and "\n" not in text:
        run = runs[0]
        if run.kind == "text" and run.text == text:
            size = len(text)
            span = _new_tuple(Span, (line, column, line, column + size, start, start + size))
            return (new_run(run.text, run.bold, run.italic, run.underline, "text", span),)
    ranges = source_ranges(runs, text)
    if "\n" not in text:
        return tuple(
            with_span(
                run, _new_tuple(Span, (line, column + a, line, column + b, start + a, start + b))
            )
            for run, (a, b) in zip(runs, ranges, strict=True)
        )
    locate = _locator(text, start, line, column)
    return tuple(with_span(run, locate(a, b)) for run, (a, b) in zip(runs, ranges, strict=True))


def _locator(text: str, start: int, line: int, column: int) -> Callable[[int, int], Span]:
    """Spans of ``text[a:b]`` for a text that holds line breaks (a note over lines)."""

    def position(offset: int) -> tuple[int, int]:
        breaks = text.count("\n", 0, offset)
        if not breaks:
            return line, column + offset
        return line + breaks, offset - text.rfind("\n", 0, offset)

    def locate(a: int, b: int) -> Span:
        (start_line, start_col), (end_line, end_col) = position(a), position(b)
        return _new_tuple(Span, (start_line, start_col, end_line, end_col, start + a, start + b))

    return locate


def place_joined(runs: Text, pieces: Sequence[tuple[str, int, int, int]]) -> Text:
    """Spans for runs parsed from ``" ".join(piece texts)``: each piece is
    (text, start offset, line, column); the joining space stands for the
    line break between two pieces, and a run over it spans both lines."""
    joined = " ".join(piece[0] for piece in pieces)
    ranges = source_ranges(runs, joined)
    bounds: list[tuple[int, Any]] = []
    rel = 0
    for text, start, line, column in pieces:
        bounds.append((rel, _locator(text, start, line, column)))
        rel += len(text) + 1

    def piece_of(offset: int, end: bool) -> tuple[int, Any]:
        chosen = bounds[0]
        for bound in bounds:
            if bound[0] < offset or (not end and bound[0] == offset):
                chosen = bound
        return chosen

    placed = []
    for run, (a, b) in zip(runs, ranges, strict=True):
        first_rel, first = piece_of(a, end=False)
        last_rel, last = piece_of(b, end=True)
        head = first(a - first_rel, a - first_rel)
        tail = last(b - last_rel, b - last_rel)
        span = _new_tuple(Span, (head[0], head[1], tail[2], tail[3], head[4], tail[5]))
        placed.append(with_span(run, span))
    return tuple(placed)
