"""Paragraph flows: the wrapped body of an action block or a speech, and where it may split.

A flow is a list of paragraphs, each wrapped into its own slot. A page may
break inside a flow only at a sentence end (the two halves are re-wrapped, so
the break need not fall at the end of a wrapped line) or between paragraphs
when the first one ends a sentence, never right after a parenthetical.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from fountainkit.layout.profiles import PROFILES
from fountainkit.layout.types import Line
from fountainkit.layout.wrap import (
    ends_sentence,
    join_text,
    sentence_breaks,
    skip_spaces,
    slice_runs,
    wrap_offsets,
    wrap_runs,
)
from fountainkit.model import Text

# No page of any profile holds more rows than this.
MAX_PAGE_ROWS = max(profile.lines_per_page for profile in PROFILES.values())


@dataclass(frozen=True, slots=True)
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

    @property
    def text(self) -> str:
        return join_text(self.runs)

    def lines(self) -> list[Line]:
        wrapped = wrap_runs(self.runs, self.width, self.width - self.hanging)
        return [
            Line(
                self.kind,
                self.column + (self.hanging if i else 0),
                runs,
                self.scene_index,
                self.source,
            )
            for i, runs in enumerate(wrapped)
        ]


Flow = tuple[Para, ...]


def flow_lines(flow: Flow) -> list[Line]:
    return [line for para in flow for line in para.lines()]


def cut_points(flow: Flow) -> Iterator[tuple[int, int]]:
    """Legal cuts as (paragraph index, offset): the head keeps flow[:i] and
    flow[i].text[:offset]."""
    for index, para in enumerate(flow):
        text = para.text
        if para.splittable:
            for offset in sentence_breaks(text):
                yield index, offset
        if (
            index + 1 < len(flow)
            and para.break_after
            and (para.kind == "lyrics" or ends_sentence(text))
        ):
            yield index + 1, 0


def cut(flow: Flow, index: int, offset: int) -> tuple[Flow, Flow]:
    """Split ``flow`` at a cut point; the tail loses the spaces the cut fell on."""
    if offset == 0:
        return flow[:index], flow[index:]
    para = flow[index]
    text = para.text
    head = replace(para, runs=slice_runs(para.runs, 0, offset))
    tail = replace(para, runs=slice_runs(para.runs, skip_spaces(text, offset), len(text)))
    return (*flow[:index], head), (tail, *flow[index + 1 :])


def splits(flow: Flow, min_head: int, min_tail: int) -> list[tuple[list[Line], Flow]]:
    """Every legal split of ``flow`` whose head fits on a page, as (head lines,
    tail flow), shortest head first.

    Cut points come in reading order and a longer head never wraps to fewer
    lines, so the search stops at the first head taller than any page: a
    paragraph of thousands of lines costs one page's worth of candidates, not
    all of them.
    """
    options = []
    for index, offset in cut_points(flow):
        head, tail = cut(flow, index, offset)
        head_lines = flow_lines(head)
        if len(head_lines) > MAX_PAGE_ROWS:
            break
        if len(head_lines) < min_head:
            continue
        if not _has_lines(tail, min_tail):
            continue
        options.append((head_lines, tail))
    return options


def _has_lines(flow: Flow, count: int) -> bool:
    """Does ``flow`` wrap to at least ``count`` lines? (Long text surely does:
    no line holds more characters than its width.)"""
    widest = max((para.width for para in flow), default=1)
    if sum(len(para.text) for para in flow) > count * widest:
        return True
    return len(flow_lines(flow)) >= count


def cut_at_line(flow: Flow, count: int) -> tuple[list[Line], Flow]:
    """The first ``count`` wrapped lines and the flow after them: the last resort
    for a block taller than a page that has no sentence end to break at."""
    before = 0
    for index, para in enumerate(flow):
        starts = [
            start for start, _ in wrap_offsets(para.text, para.width, para.width - para.hanging)
        ]
        if before + len(starts) > count:
            local = count - before
            head, tail = cut(flow, index, starts[local] if local else 0)
            return flow_lines(head), tail
        before += len(starts)
    return flow_lines(flow), ()
