"""Blocks grouped by locked page: each locked page's text, cut where the page starts.

A locked page starts at a position in the printed elements (the index of an
element, and how many non-space characters of it come before: see
elements.py). The blocks are walked once, in reading order, with the position
each starts at; a block that a locked start falls inside is cut there when
the text allows a page break there (a sentence end, or between paragraphs
after a sentence end, never right after a parenthetical), else it stays whole
on the page before.

Nothing here wraps text to find a position: a paragraph's words are counted
from the place the block starts up to the locked start, so the work is the
length of the text, once, however many locked pages one paragraph runs over
(the layout's flows are lazy for the same reason, see layout/flow.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from fountainkit.layout.blocks import (
    ActionBlock,
    Block,
    DialogueBlock,
    DualBlock,
    Speech,
    action_block,
    dialogue_block,
)
from fountainkit.layout.flow import FlowView, Para
from fountainkit.layout.types import Line
from fountainkit.layout.wrap import skip_spaces

Position = tuple[int, int]  # (index into the printed elements, non-space offset)

_WORD = re.compile(r"\S+")


@dataclass
class LockedSpeechHead(Speech):
    """The part of a speech before a locked page starts: ``(MORE)`` follows its
    last line too, since the speech goes on on the next locked page."""

    def count(self, limit: int) -> int:
        return min(super().count(limit) + len(self.more), limit + 1)

    def lines(self) -> list[Line]:
        return [*super().lines(), *self.more]

    def continued(self, tail: FlowView) -> Speech:
        return LockedSpeechHead(self.contd_cue, tail, self.contd_cue, self.more)


class BlockGrouper:
    """Cuts blocks at locked page starts; ``elements`` gives each node's index."""

    def __init__(self, nodes: Sequence[object]) -> None:
        self.index_of = {id(node): index for index, node in enumerate(nodes)}

    def element(self, source: object) -> int | None:
        return self.index_of.get(id(source))

    # -- where a block starts and ends -------------------------------------------------

    def _first_of_lines(self, lines: Sequence[Line]) -> int | None:
        for line in lines:
            for part in (line, line.right):
                if part is not None:
                    index = self.element(part.source)
                    if index is not None:
                        return index
        return None

    def _last_of_lines(self, lines: Sequence[Line]) -> int | None:
        for line in reversed(lines):
            for part in (line.right, line):
                if part is not None:
                    index = self.element(part.source)
                    if index is not None:
                        return index
        return None

    # Paragraphs are looked at from the view's ends, never copied: a view can be
    # the tail of a flow of thousands of paragraphs, met once per locked page.
    def _flow_first(self, view: FlowView) -> int | None:
        for para_index in range(view.index, len(view.flow)):
            index = self.element(view.flow[para_index].source)
            if index is not None:
                return index
        return None

    def _flow_last(self, view: FlowView) -> int | None:
        for para_index in range(len(view.flow) - 1, view.index - 1, -1):
            index = self.element(view.flow[para_index].source)
            if index is not None:
                return index
        return None

    def _speech_first(self, speech: Speech | None) -> int | None:
        if speech is None:
            return None
        first = self._first_of_lines(speech.cue)
        return self._flow_first(speech.flow) if first is None else first

    def _speech_last(self, speech: Speech | None) -> int | None:
        if speech is None:
            return None
        last = self._flow_last(speech.flow)
        return self._last_of_lines(speech.cue) if last is None else last

    def first_element(self, block: Block) -> int | None:
        """The first printed element ``block`` holds (None: it prints none)."""
        if isinstance(block, ActionBlock):
            return self._flow_first(block.flow)
        if isinstance(block, DialogueBlock):
            return self._speech_first(block.speech)
        if isinstance(block, DualBlock):
            found = [self._speech_first(side) for side in (block.left, block.right)]
            return min((index for index in found if index is not None), default=None)
        return self._first_of_lines(block.fixed_lines)

    def last_element(self, block: Block) -> int | None:
        if isinstance(block, ActionBlock):
            return self._flow_last(block.flow)
        if isinstance(block, DialogueBlock):
            return self._speech_last(block.speech)
        if isinstance(block, DualBlock):
            found = [self._speech_last(side) for side in (block.left, block.right)]
            return max((index for index in found if index is not None), default=None)
        return self._last_of_lines(block.fixed_lines)

    # -- grouping --------------------------------------------------------------------

    def groups(
        self,
        blocks: list[Block],
        boundaries: Sequence[Position],
        found: Sequence[bool] | None = None,
    ) -> list[list[Block]]:
        """The blocks of each locked page: ``boundaries`` are where the second,
        third... locked pages start (in order); one group more than boundaries.

        ``found[i]``: boundary i is where the locked page's first words are now
        (not a guess where they were): the page may start there even where the
        rules would not break a page (the old layout had to cut a paragraph
        with no sentence end there, or its page break was forced).
        """
        groups: list[list[Block]] = [[] for _ in range(len(boundaries) + 1)]
        current = 0
        for block in blocks:
            first = self.first_element(block)
            start: Position | None = None if first is None else (first, 0)
            while True:
                boundary = boundaries[current] if current < len(boundaries) else None
                if boundary is None or start is None:
                    groups[current].append(block)
                    break
                if start >= boundary:  # the next locked page starts at or before this block
                    current += 1
                    continue
                last = self.last_element(block)
                split = None
                if last is not None and boundary[0] <= last:
                    forced = bool(found[current]) if found is not None else False
                    split = self.split(block, start, boundary, forced)
                if split is None:
                    groups[current].append(block)
                    break
                head, block = split
                groups[current].append(head)
                current += 1
                start = boundary
        return groups

    def split(
        self, block: Block, start: Position, boundary: Position, forced: bool = False
    ) -> tuple[Block, Block] | None:
        """``block`` (starting at ``start``) cut at ``boundary``, or None when the
        text allows no page break there (with ``forced``: at any word start)."""
        if isinstance(block, ActionBlock):
            place = self._cut_place(block.flow, start, boundary, forced)
            if place is None:
                return None
            head, tail = block.flow.split_at(*place)
            return (
                action_block(head, block.space_before, block.scene_index, block.kind),
                action_block(tail, 0, block.scene_index, block.kind),
            )
        if isinstance(block, DialogueBlock) and block.speech is not None:
            speech = block.speech
            place = self._cut_place(speech.flow, start, boundary, forced)
            if place is None:
                return None
            head, tail = speech.flow.split_at(*place)
            head_speech = LockedSpeechHead(speech.cue, head, speech.contd_cue, speech.more)
            return (
                dialogue_block(head_speech, block.space_before, block.scene_index),
                dialogue_block(speech.continued(tail), 0, block.scene_index),
            )
        return None  # headings, transitions, dual dialogue... never split

    def _cut_place(
        self, view: FlowView, start: Position, boundary: Position, forced: bool
    ) -> tuple[int, int] | None:
        """(paragraph, text offset) in ``view``'s flow where ``boundary`` is, when a
        page may break there and both sides keep some text; else None.

        ``start`` is where the view's text starts (its first paragraph's element,
        and the non-space characters of it before ``view.start``).
        """
        flow = view.flow
        target_element, target = boundary
        previous_element: int | None = None
        counted = 0  # non-space characters of the current element before this paragraph
        for para_index in range(view.index, len(flow)):
            para = flow[para_index]
            element = self.element(para.source)
            if element is None:
                continue
            if element > target_element:
                return None
            since = view.start if para_index == view.index else 0
            if element != previous_element:
                counted = start[1] if (element, para_index) == (start[0], view.index) else 0
                previous_element = element
            if element < target_element:
                continue
            at_para_start = counted
            for match in _WORD.finditer(para.text, since):
                size = match.end() - match.start()
                if counted + size <= target:
                    counted += size
                    continue
                if counted != target:
                    return None  # inside a word: not a place to break
                if counted == at_para_start:
                    if para_index <= view.index:
                        return None  # nothing would be left before the break
                    if forced or _may_break_after(flow[para_index - 1]):
                        return (para_index, 0)
                    return None
                place = _at_sentence_end(para, since, match.start(), para_index)
                return (para_index, match.start()) if place is None and forced else place
        return None


def _may_break_after(para: Para) -> bool:
    """The layout's rule: after a sentence end (or a line of lyrics), never right
    after a parenthetical."""
    return para.break_after and (para.kind == "lyrics" or para.ends_sentence())


def _at_sentence_end(
    para: Para, since: int, word_start: int, para_index: int
) -> tuple[int, int] | None:
    """The sentence-end break of ``para`` whose next word starts at ``word_start``."""
    breaks = para.breaks()
    position = bisect_right(breaks, word_start) - 1
    if position < 0:
        return None
    offset = breaks[position]
    if offset <= since or skip_spaces(para.text, offset) != word_start:
        return None
    return (para_index, offset)
