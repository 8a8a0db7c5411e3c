"""Paragraph flows: the wrapped body of an action block or a speech, and where it may split.

A flow is a tuple of paragraphs, each wrapped into its own slot. A page may
break inside a flow only at a sentence end (the text after the break is
wrapped afresh, so the break need not fall at the end of a wrapped line) or
between paragraphs when the first one ends a sentence, never right after a
parenthetical.

Everything here costs time in proportion to the page being filled, never to
the rest of the flow: a :class:`FlowView` is the flow from one position on (a
paragraph, and an offset inside it after a page break) and wraps its lines
only as far as it is asked to; a split looks at cut points only until the
head is taller than any page; the paragraphs themselves are shared between
views, never copied or re-sliced. So a 2 MB paragraph is laid out in time
linear in its length (the old way re-wrapped the whole rest of it at every
page break).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from fountainkit.layout.profiles import PROFILES
from fountainkit.layout.types import Line
from fountainkit.layout.wrap import (
    content_end,
    ends_sentence,
    iter_wrap,
    join_text,
    sentence_breaks,
    skip_spaces,
)
from fountainkit.model import Run, Text

# No page of any profile holds more rows than this.
MAX_PAGE_ROWS = max(profile.lines_per_page for profile in PROFILES.values())


@dataclass(slots=True, eq=False)
class Para:
    kind: str
    column: int
    width: int
    runs: Text
    source: object | None
    scene_index: int | None
    # May the page break inside this paragraph (at a sentence end)?
    splittable: bool = True
    # May the page break right after it? (never after a parenthetical)
    break_after: bool = True
    # Extra indent of continuation lines (a parenthetical's text lines up after "(").
    hanging: int = 0
    # Derived once, so no page break ever rescans the paragraph.
    text: str = field(init=False)
    ascii: bool = field(init=False)
    content_end: int = field(init=False)  # len(text.rstrip(" "))
    _run_starts: list[int] | None = field(init=False, default=None)
    _breaks: list[int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.text = join_text(self.runs)
        self.ascii = self.text.isascii()
        self.content_end = content_end(self.text)

    @property
    def rest_width(self) -> int:
        return self.width - self.hanging

    def breaks(self) -> list[int]:
        """Offsets just past each sentence end with more text after it (see wrap.py)."""
        if self._breaks is None:
            self._breaks = sentence_breaks(self.text) if self.splittable else []
        return self._breaks

    def ends_sentence(self) -> bool:
        return ends_sentence(self.text)

    def wrap(self, start: int) -> Iterator[tuple[int, int, int]]:
        """(line start, line end, fit end) of each wrapped line of ``text[start:]``."""
        return iter_wrap(
            self.text,
            start,
            self.width,
            self.rest_width,
            ascii=self.ascii,
            text_end=self.content_end,
        )

    def slice(self, start: int, end: int) -> Text:
        """The runs covering text offsets [start, end), styles kept."""
        runs = self.runs
        if len(runs) == 1:
            run = runs[0]
            piece = run.text[start:end]
            if not piece:
                return ()
            if len(piece) == len(run.text):
                return runs
            return (Run(piece, run.bold, run.italic, run.underline, run.kind),)
        starts = self._run_starts
        if starts is None:
            starts = self._run_starts = []
            position = 0
            for run in runs:
                starts.append(position)
                position += len(run.text)
        out: list[Run] = []
        index = max(0, bisect_right(starts, start) - 1)
        while index < len(runs) and starts[index] < end:
            run = runs[index]
            offset = starts[index]
            piece = run.text[max(start - offset, 0) : end - offset]
            if piece:
                out.append(Run(piece, run.bold, run.italic, run.underline, run.kind))
            index += 1
        return tuple(out)

    def truncated(self, start: int, end: int) -> Para:
        """This paragraph's text[start:end] as a paragraph of its own (it wraps as
        that stretch does in the whole: greedy wrapping is stable under truncation)."""
        return Para(
            self.kind,
            self.column,
            self.width,
            self.slice(start, end),
            self.source,
            self.scene_index,
            self.splittable,
            self.break_after,
            self.hanging,
        )

    def line(self, index: int, start: int, end: int) -> Line:
        """Wrapped line number ``index`` (0 = first) of this paragraph: text[start:end]."""
        return Line(
            self.kind,
            self.column + (self.hanging if index else 0),
            self.slice(start, end),
            self.scene_index,
            self.source,
        )


Flow = tuple[Para, ...]


@dataclass(frozen=True, slots=True)
class Cut:
    """A legal page break in a view: the head has ``rows`` lines.

    ``para``/``offset``: the break falls in ``flow[para]`` at text ``offset``
    (0: before the paragraph). The head keeps the view's first ``whole`` lines,
    then the line text[``last_start``:``last_end``] when ``last_start`` is not None.
    """

    rows: int
    para: int
    offset: int
    whole: int
    last_start: int | None = None
    last_end: int = 0


class FlowView:
    """``flow`` from paragraph ``index`` on, that paragraph's text starting at ``start``.

    Lines are wrapped on demand and kept; ``count(limit)`` wraps at most
    ``limit + 1`` of them.
    """

    __slots__ = (
        "flow",
        "index",
        "start",
        "_lines",
        "_spans",
        "_first",
        "_para",
        "_wrap",
        "_shared",
    )

    def __init__(
        self, flow: Flow, index: int = 0, start: int = 0, shared: dict | None = None
    ) -> None:
        self.flow = flow
        self.index = index
        self.start = start
        # Facts about the whole flow, computed once and handed to every tail view.
        self._shared: dict = {} if shared is None else shared
        self._lines: list[Line] = []
        self._spans: list[tuple[int, int, int]] = []  # (start, end, fit end) per line
        self._first: list[int] = []  # line number where each paragraph's lines begin
        self._para = index - 1  # paragraph being wrapped
        self._wrap: Iterator[tuple[int, int, int]] | None = None

    def _more(self) -> bool:
        """Wrap one more line; False at the end of the flow."""
        while True:
            if self._wrap is not None:
                span = next(self._wrap, None)
                if span is not None:
                    para = self.flow[self._para]
                    number = len(self._lines) - self._first[-1]
                    self._lines.append(para.line(number, span[0], span[1]))
                    self._spans.append(span)
                    return True
            if self._para + 1 >= len(self.flow):
                self._wrap = None
                return False
            self._para += 1
            self._first.append(len(self._lines))
            start = self.start if self._para == self.index else 0
            self._wrap = self.flow[self._para].wrap(start)

    def count(self, limit: int) -> int:
        """The number of lines, or ``limit + 1`` if there are more than ``limit``."""
        while len(self._lines) <= limit and self._more():
            pass
        return min(len(self._lines), limit + 1)

    def lines(self) -> list[Line]:
        while self._more():
            pass
        return self._lines

    def first_lines(self, count: int) -> list[Line]:
        self.count(count)
        return self._lines[:count]

    def _through(self, para: int) -> bool:
        """Wrap until paragraph ``para`` has begun; False if it does not exist or
        begins only after more lines than a page holds."""
        while len(self._first) <= para - self.index:
            if len(self._lines) > MAX_PAGE_ROWS or not self._more():
                return len(self._first) > para - self.index
        return True

    # --- splitting --------------------------------------------------------------

    def cuts(self, min_head: int, min_tail: int) -> list[Cut]:
        """Every legal cut whose head holds ``min_head`` to MAX_PAGE_ROWS lines and
        leaves at least ``min_tail`` lines, shortest head first.

        Cut points come in reading order and a longer head never wraps to fewer
        lines, so the search stops at the first head taller than any page.
        """
        found: list[Cut] = []
        flow = self.flow
        for para_index in range(self.index, len(flow)):
            para = flow[para_index]
            breaks = para.breaks()
            start = self.start if para_index == self.index else 0
            position = bisect_right(breaks, start)
            line = None  # where the last cut's line was: cuts come in order
            while position < len(breaks):
                offset = breaks[position]
                position += 1
                cut = self._cut_inside(para_index, offset, line)
                if cut is None:
                    return found
                line = cut.whole
                if cut.rows < min_head:
                    continue
                tail_start = skip_spaces(para.text, offset)
                if _count_lines(flow, para_index, tail_start, min_tail) < min_tail:
                    continue
                found.append(cut)
            # Between this paragraph and the next: wrap the rest of this one (a page at most).
            if not self._through(para_index + 1):
                return found
            rows = self._first[para_index + 1 - self.index]
            if rows > MAX_PAGE_ROWS:
                return found
            if not para.break_after or not (para.kind == "lyrics" or para.ends_sentence()):
                continue
            if rows < min_head or _count_lines(flow, para_index + 1, 0, min_tail) < min_tail:
                continue
            found.append(Cut(rows, para_index + 1, 0, rows))
        return found

    def _cut_inside(self, para_index: int, offset: int, line: int | None = None) -> Cut | None:
        """The cut at ``offset`` inside paragraph ``para_index``, or None when its head
        would be taller than any page.

        Greedy wrapping is stable under truncation: wrapping text[:offset] gives
        the same lines as wrapping the whole text up to the first line whose fit
        reaches ``offset``; that line ends at ``offset`` (trailing spaces cut), or
        is not there at all when it would start at or after ``offset``. ``line``:
        a line of the paragraph at or before the one the cut falls on.
        """
        if not self._through(para_index):
            return None
        number = self._first[para_index - self.index] if line is None else line
        following = para_index + 1 - self.index  # the next paragraph, in self._first
        while True:
            while number >= len(self._lines):
                if len(self._lines) > MAX_PAGE_ROWS or not self._more():
                    return None
            if len(self._first) > following and number >= self._first[following]:
                return None  # (cannot happen: the last line's fit is the text's end)
            start, _, fit = self._spans[number]
            if fit >= offset:
                break
            number += 1
        if start < offset:
            text = self.flow[para_index].text
            end = offset
            while end > start and text[end - 1] == " ":
                end -= 1
            rows = number + 1
            cut = Cut(rows, para_index, offset, number, start, end)
        else:
            cut = Cut(number, para_index, offset, number)
        return None if cut.rows > MAX_PAGE_ROWS else cut

    def _on_para(self, line: int) -> int:
        """The paragraph that wrapped line ``line`` belongs to."""
        return self.index + bisect_right(self._first, line) - 1

    def head(self, cut: Cut) -> list[Line]:
        lines = self.first_lines(cut.whole)
        if cut.last_start is None:
            return lines
        para = self.flow[cut.para]
        number = cut.whole - self._first[cut.para - self.index]
        return [*lines, para.line(number, cut.last_start, cut.last_end)]

    def tail(self, cut: Cut) -> FlowView:
        return FlowView(self.flow, cut.para, self._tail_start(cut), self._shared)

    def _tail_start(self, cut: Cut) -> int:
        if cut.offset == 0:
            return 0
        return skip_spaces(self.flow[cut.para].text, cut.offset)

    def head_spoken(self, cut: Cut, kinds: tuple[str, ...], limit: int) -> int:
        """Lines of a kind in ``kinds`` in the head of ``cut``, counted up to ``limit``."""
        found = 0
        for line in self.first_lines(cut.whole):
            if line.kind in kinds:
                found += 1
                if found >= limit:
                    return found
        if cut.last_start is not None and self.flow[cut.para].kind in kinds:
            found += 1
        return found

    def tail_spoken(self, cut: Cut, kinds: tuple[str, ...], limit: int) -> int:
        """Lines of a kind in ``kinds`` after ``cut``, counted up to ``limit``."""
        following = self._shared.get(kinds)
        if following is None:
            following = self._shared[kinds] = _next_of_kind(self.flow, kinds)
        found = 0
        index, start = cut.para, self._tail_start(cut)
        if self.flow[index].kind not in kinds:
            index, start = following[index], 0
        while index < len(self.flow) and found < limit:
            for _ in self.flow[index].wrap(start):
                found += 1
                if found >= limit:
                    break
            index, start = following[index + 1], 0
        return found

    def split_at(self, para: int, offset: int) -> tuple[FlowView, FlowView]:
        """This view cut at text ``offset`` of paragraph ``para`` (0: before it):
        the head as a flow of its own, the tail sharing this one's paragraphs.

        For a page break that is known in advance (a locked page), not searched
        for: the caller checks the place is a legal one. Costs the length of the
        head, whatever is left after it.
        """
        head = list(self.flow[self.index : para])
        start = self.start
        if offset:
            cut = self.flow[para]
            since = self.start if para == self.index else 0
            head.append(cut.truncated(since, offset))
            if para == self.index:
                start = 0
        tail_start = skip_spaces(self.flow[para].text, offset) if offset else 0
        return (
            FlowView(tuple(head), 0, start),
            FlowView(self.flow, para, tail_start, self._shared),
        )

    def cut_at_line(self, count: int) -> tuple[list[Line], FlowView]:
        """The first ``count`` wrapped lines and the flow after them: the last resort
        for a block taller than a page that has no sentence end to break at."""
        if self.count(count) <= count:
            return self.lines(), FlowView(self.flow, len(self.flow), 0, self._shared)
        para = self._on_para(count)
        if self._first[para - self.index] == count:  # a paragraph starts there
            return self._lines[:count], FlowView(self.flow, para, 0, self._shared)
        start = self._spans[count][0]
        return self._lines[:count], FlowView(self.flow, para, start, self._shared)


def _next_of_kind(flow: Flow, kinds: tuple[str, ...]) -> list[int]:
    """For each paragraph index (and one past the end), the first paragraph at or
    after it whose kind is in ``kinds`` (``len(flow)`` if none)."""
    following = [len(flow)] * (len(flow) + 1)
    for index in range(len(flow) - 1, -1, -1):
        following[index] = index if flow[index].kind in kinds else following[index + 1]
    return following


def _count_lines(flow: Flow, index: int, start: int, limit: int) -> int:
    """Lines of the flow from paragraph ``index`` (text from ``start``), up to ``limit``."""
    count = 0
    for para_index in range(index, len(flow)):
        for _ in flow[para_index].wrap(start if para_index == index else 0):
            count += 1
            if count >= limit:
                return count
    return count
