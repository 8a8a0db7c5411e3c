"""Inline Fountain: emphasis, escapes, inline notes and boneyard inside one line.

A small scanner splits a line into text, delimiter runs, escapes and hidden
chunks, then pairs delimiters with a stack, in the spirit of CommonMark:

- ``*italic*``, ``**bold**``, ``***bold italic***``, ``_underline_``; they nest,
  and a ``***`` run may be closed in two steps (``***a* b**``).
- An opening marker needs a non-space after it, a closing one a non-space
  before it; markers (or the part of a run) that find no partner stay text.
  Closers pair with the nearest open marker of their style, not only with the
  innermost one, so overlapping styles written as ``*a **b* c**`` work.
- ``\\*``, ``\\_``, ``\\/``, ``\\[`` and ``\\\\`` are escapes for a literal ``*``,
  ``_``, ``/``, ``[`` and ``\\`` (``\\/*`` and ``\\[[`` open no boneyard or note).
- ``[[note]]`` and ``/* boneyard */`` become runs of kind "note"/"boneyard"
  (text without the markers) carrying the emphasis around them.
- Emphasis never crosses a line: the parser calls this once per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fountainkit.model import Run, Text
from fountainkit.syntax.lexer import hidden_spans

_TOKEN = re.compile(
    r"\\(?P<escape>[\\*_/\[])"
    r"|(?P<delim>\*+|_+)"
    r"|(?P<text>[^\\*_/\[]+|[\s\S])"
)

ITALIC, BOLD, UNDERLINE = 1, 2, 4
_STAR_BITS = {1: ITALIC, 2: BOLD, 3: BOLD | ITALIC}
_STARS = {ITALIC: 1, BOLD: 2}


@dataclass(slots=True)
class _Delimiter:
    text: str  # the run as written: "*", "**", "***" or "_"
    index: int  # position in the piece list
    bits: int  # styles it could open or close
    remaining: int  # styles not yet paired (while it waits on the opener stack)
    opens: int = 0
    closes: int = 0

    def leftover(self) -> str:
        """The characters of the run that paired with nothing: literal text."""
        used = self.opens | self.closes
        if self.text[0] == "_":
            return "" if used else self.text
        count = len(self.text) - sum(n for bit, n in _STARS.items() if used & bit)
        return "*" * count


def parse_inline(line: str) -> Text:
    """The styled runs of one line of Fountain text ("" gives no runs)."""
    if not line:
        return ()
    return _parse_inline(str(line))  # a lark Token is a str subclass; runs hold plain str


@lru_cache(maxsize=8192)  # short lines ("(beat)", "Yes.") repeat; runs are immutable
def _parse_inline(line: str) -> Text:
    # Most lines hold no markup; plain `in` scans are much faster than a regex search.
    if not ("*" in line or "_" in line or "\\" in line or "[[" in line or "/*" in line):
        return (Run(line),)

    # pieces: ("text" | "note" | "boneyard", str) or ("delim", _Delimiter)
    pieces: list[tuple[str, object]] = []
    openers: list[_Delimiter] = []
    pairs: list[tuple[_Delimiter, _Delimiter, int]] = []
    size = len(line)
    hidden = hidden_spans(line) if "[[" in line or "/*" in line else []
    for match in _scan(line, hidden):
        if isinstance(match, tuple):
            a, b = match
            pieces.append(("note" if line[a] == "[" else "boneyard", line[a + 2 : b - 2]))
            continue
        group = match.lastgroup
        if group == "escape":
            pieces.append(("text", match["escape"]))
        elif group == "text":
            pieces.append(("text", match.group()))
        else:
            run = match.group()
            bits = _STAR_BITS.get(len(run), 0) if run[0] == "*" else (UNDERLINE * (run == "_"))
            if not bits:
                pieces.append(("text", run))
                continue
            delimiter = _Delimiter(run, len(pieces), bits, bits)
            pieces.append(("delim", delimiter))
            start, end = match.span()
            if start > 0 and not line[start - 1].isspace():
                _close(delimiter, openers, pairs)
            if delimiter.remaining and end < size and not line[end].isspace():
                openers.append(delimiter)

    _drop_hollow_pairs(pieces, pairs)

    runs: list[Run] = []
    depth = {ITALIC: 0, BOLD: 0, UNDERLINE: 0}  # counts, so *a *b* c* stays italic

    def add(kind: str, text: str) -> None:
        if not text and kind == "text":
            return  # an empty [[]] or /**/ is still kept
        bold, italic, underline = depth[BOLD] > 0, depth[ITALIC] > 0, depth[UNDERLINE] > 0
        last = runs[-1] if runs else None
        if (
            kind == "text"
            and last is not None
            and last.kind == "text"
            and (last.bold, last.italic, last.underline) == (bold, italic, underline)
        ):
            runs[-1] = Run(last.text + text, bold, italic, underline)
        else:
            runs.append(Run(text, bold, italic, underline, kind))

    for kind, value in pieces:
        if kind != "delim":
            add(kind, value)  # type: ignore[arg-type]
            continue
        delimiter: _Delimiter = value  # type: ignore[assignment]
        add("text", delimiter.leftover())
        for bit in depth:
            if delimiter.closes & bit:
                depth[bit] -= 1
            if delimiter.opens & bit:
                depth[bit] += 1
    return tuple(runs)


def _scan(line: str, hidden: list[tuple[int, int]]):
    """Tokens of ``line`` in order: regex matches, and (start, end) for hidden spans."""
    pos = 0
    for a, b in hidden:
        yield from _TOKEN.finditer(line, pos, a)
        yield (a, b)
        pos = b
    yield from _TOKEN.finditer(line, pos)


def _close(
    closer: _Delimiter,
    openers: list[_Delimiter],
    pairs: list[tuple[_Delimiter, _Delimiter, int]],
) -> None:
    """Pair ``closer`` with the nearest waiting openers that share a style."""
    for index in range(len(openers) - 1, -1, -1):
        opener = openers[index]
        common = opener.remaining & closer.remaining
        if not common:
            continue
        opener.opens |= common
        opener.remaining &= ~common
        closer.closes |= common
        closer.remaining &= ~common
        pairs.append((opener, closer, common))
        if not opener.remaining:
            del openers[index]
        if not closer.remaining:
            return


def _edge(pieces: list[tuple[str, object]], indexes: range, last: bool) -> str:
    """The first (or last) character shown in ``pieces[indexes]``; "" if none."""
    for index in indexes:
        kind, value = pieces[index]
        if kind == "delim":
            value = value.leftover()  # type: ignore[union-attr]
        elif kind != "text":
            return "x"  # a note or boneyard run counts as visible
        if value:
            return value[-1] if last else value[0]  # type: ignore[index]
    return ""


def _drop_hollow_pairs(
    pieces: list[tuple[str, object]], pairs: list[tuple[_Delimiter, _Delimiter, int]]
) -> None:
    """Unpair markers whose styled text would be empty or start/end with a space.

    That happens when the character next to a marker was itself a marker that
    vanished (``*_* x_``). Keeping every styled stretch framed by visible
    characters is what lets the writer put the markers back.
    """
    changed = True
    while changed:
        changed = False
        for opener, closer, bit in pairs:
            if not (opener.opens & bit and closer.closes & bit):
                continue
            inside = range(opener.index + 1, closer.index)
            first = _edge(pieces, inside, last=False)
            final = _edge(pieces, reversed(inside), last=True)
            if not first or first.isspace() or final.isspace():
                opener.opens &= ~bit
                closer.closes &= ~bit
                changed = True
