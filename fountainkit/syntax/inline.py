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
    # Waiting openers, one stack per style: a closer looks only at the tops of
    # the stacks of its own styles, so openers of other styles never cost it
    # anything (a line of "*_ " repeated is linear, as in CommonMark).
    openers: dict[int, list[_Delimiter]] = {ITALIC: [], BOLD: [], UNDERLINE: []}
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
                for bit in _BITS:
                    if delimiter.remaining & bit:
                        openers[bit].append(delimiter)

    if pairs:
        _drop_hollow_pairs(pieces, pairs)

    runs: list[Run] = []
    # The text of the last run, in pieces until its style changes (joining
    # piece by piece would copy a long line over and over).
    parts: list[str] = []
    style = (False, False, False)
    depth = {ITALIC: 0, BOLD: 0, UNDERLINE: 0}  # counts, so *a *b* c* stays italic

    def flush() -> None:
        if parts:
            runs.append(Run("".join(parts), *style))
            parts.clear()

    def add(kind: str, text: str) -> None:
        nonlocal style
        if not text and kind == "text":
            return  # an empty [[]] or /**/ is still kept
        current = (depth[BOLD] > 0, depth[ITALIC] > 0, depth[UNDERLINE] > 0)
        if kind == "text":
            if current != style:
                flush()
                style = current
            parts.append(text)
        else:
            flush()
            runs.append(Run(text, *current, kind))

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
    flush()
    return tuple(runs)


_BITS = (ITALIC, BOLD, UNDERLINE)


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
    openers: dict[int, list[_Delimiter]],
    pairs: list[tuple[_Delimiter, _Delimiter, int]],
) -> None:
    """Pair ``closer`` with the nearest waiting openers that share a style.

    The nearest opener sharing any style with the closer is the latest of the
    tops of the stacks of the closer's styles; it is the top of the stack of
    every style they share, so pairing pops it from exactly those stacks.
    """
    while closer.remaining:
        nearest = None
        for bit in _BITS:
            if closer.remaining & bit and openers[bit]:
                top = openers[bit][-1]
                if nearest is None or top.index > nearest.index:
                    nearest = top
        if nearest is None:
            return
        common = nearest.remaining & closer.remaining
        for bit in _BITS:
            if common & bit:
                openers[bit].pop()
        nearest.opens |= common
        nearest.remaining &= ~common
        closer.closes |= common
        closer.remaining &= ~common
        pairs.append((nearest, closer, common))


def _shown(piece: tuple[str, object]) -> str:
    """What a piece shows: its text, a marker's unpaired characters, "x" for a note."""
    kind, value = piece
    if kind == "delim":
        return value.leftover()  # type: ignore[union-attr]
    if kind != "text":
        return "x"  # a note or boneyard run counts as visible
    return value  # type: ignore[return-value]


def _drop_hollow_pairs(
    pieces: list[tuple[str, object]], pairs: list[tuple[_Delimiter, _Delimiter, int]]
) -> None:
    """Unpair markers whose styled text would be empty or start/end with a space.

    That happens when the character next to a marker was itself a marker that
    vanished (``*_* x_``). Keeping every styled stretch framed by visible
    characters is what lets the writer put the markers back.

    One pass in pairing order settles it: unpairing only makes markers visible
    (non-space characters), so a pair that is not hollow never becomes hollow.
    The pieces that show something are kept in a :class:`_PositionSet`, so
    finding the first and last visible character inside a pair costs a
    logarithm, not a walk over every vanished marker between them.
    """
    shown = _PositionSet([bool(_shown(piece)) for piece in pieces])
    for opener, closer, bit in pairs:
        if not (opener.opens & bit and closer.closes & bit):
            continue
        first_at = shown.next_at_or_after(opener.index + 1)
        if first_at is None or first_at >= closer.index:
            hollow = True
        else:
            last_at = shown.previous_at_or_before(closer.index - 1)
            first = _shown(pieces[first_at])[0]
            final = _shown(pieces[last_at])[-1]  # type: ignore[index]
            hollow = first.isspace() or final.isspace()
        if hollow:
            opener.opens &= ~bit
            closer.closes &= ~bit
            for marker in (opener, closer):
                if marker.leftover():
                    shown.add(marker.index)


class _PositionSet:
    """A set of positions in range(size) with successor and predecessor queries,
    each O(log size) (a Fenwick tree of counts)."""

    __slots__ = ("size", "tree", "members", "count")

    def __init__(self, members: list[bool]) -> None:
        self.size = size = len(members)
        self.members = members
        self.count = sum(members)
        tree = [0] * (size + 1)
        for index, member in enumerate(members, start=1):
            if member:
                tree[index] += 1
            parent = index + (index & -index)
            if parent <= size:
                tree[parent] += tree[index]
        self.tree = tree

    def add(self, position: int) -> None:
        if self.members[position]:
            return
        self.members[position] = True
        self.count += 1
        index = position + 1
        while index <= self.size:
            self.tree[index] += 1
            index += index & -index

    def _rank(self, position: int) -> int:
        """Members at positions <= ``position``."""
        total = 0
        index = position + 1
        while index > 0:
            total += self.tree[index]
            index -= index & -index
        return total

    def _select(self, rank: int) -> int:
        """The position of the ``rank``-th member (1-based)."""
        index = 0
        step = 1 << self.size.bit_length()
        while step:
            following = index + step
            if following <= self.size and self.tree[following] < rank:
                index = following
                rank -= self.tree[following]
            step >>= 1
        return index  # 0-based: the member sits at tree index + 1

    def next_at_or_after(self, position: int) -> int | None:
        if position >= self.size:
            return None
        if self.members[position]:
            return position
        before = self._rank(position - 1) if position > 0 else 0
        return self._select(before + 1) if before < self.count else None

    def previous_at_or_before(self, position: int) -> int | None:
        if position < 0:
            return None
        if self.members[position]:
            return position
        upto = self._rank(position)
        return self._select(upto) if upto else None
