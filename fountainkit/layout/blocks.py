"""Blocks: one printed element laid out whole, plus the ways it may be split across pages.

The page filler (pagebreak.py) only asks a block three things: its lines, the
best split that fits in N rows, and the smallest head it could leave at a page
bottom. The rules live here:

- action splits only at a sentence end, with at least 2 lines on each side;
- a speech splits only at a sentence end, with at least 2 spoken lines on each
  side (a parenthetical does not count), ``(MORE)`` under the head and
  ``NAME (CONT'D)`` over the tail; never right after a parenthetical;
- dual dialogue splits both columns the same way, and moves whole when a
  column that has to split cannot keep 2 spoken lines on the page;
- everything else (headings, cues, transitions, centered text) never splits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fountainkit.layout.flow import Cut, FlowView
from fountainkit.layout.types import Line, blank

MIN_ACTION_LINES = 2
MIN_SPEECH_LINES = 2
# The rows of a speech that count as spoken lines (a parenthetical or a note does not).
SPOKEN = ("dialogue", "lyrics")


def spoken_lines(lines: list[Line]) -> int:
    return sum(1 for line in lines if line.kind in SPOKEN)


@dataclass
class Block:
    """An element that never splits (a heading, a transition, centered text...).

    The page filler asks a block for its height only up to what a page holds
    (``count``), and for all its lines only once they fit: a block that runs
    over many pages is never laid out whole more than once.
    """

    kind: str
    fixed_lines: list[Line]
    space_before: int = 1
    scene_index: int | None = None
    # A heading must not end a page: it moves unless the next block's head fits too.
    keep_with_next: bool = False

    def count(self, limit: int) -> int:
        """How many lines the block has, or ``limit + 1`` if more than ``limit``."""
        return min(len(self.fixed_lines), limit + 1)

    def lines(self) -> list[Line]:
        return self.fixed_lines

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        """The longest legal head that fits in ``rows`` rows, and the rest."""
        return None

    def min_head(self, limit: int) -> int:
        """The fewest rows this block can leave at the bottom of a page (capped
        like :meth:`count`)."""
        return self.count(limit)

    # Rows a forced split needs at least (a speech adds its cue and (MORE)).
    min_forced_rows = 1

    def force_split(self, rows: int) -> tuple[list[Line], Block]:
        """A last resort for a block taller than a page with no legal split:
        the first ``rows`` rows here, the rest on the next page."""
        rows = max(1, rows)
        lines = self.lines()
        return lines[:rows], Block(self.kind, lines[rows:], 0, self.scene_index)


@dataclass
class ActionBlock(Block):
    flow: FlowView = field(default_factory=lambda: FlowView(()))
    _cuts: list[Cut] | None = field(default=None, repr=False)

    def count(self, limit: int) -> int:
        return self.flow.count(limit)

    def lines(self) -> list[Line]:
        return self.flow.lines()

    def cuts(self) -> list[Cut]:
        if self._cuts is None:
            self._cuts = self.flow.cuts(MIN_ACTION_LINES, MIN_ACTION_LINES)
        return self._cuts

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        best = _longest(self.cuts(), rows)
        if best is None:
            return None
        return self.flow.head(best), action_block(self.flow.tail(best), 0, self.scene_index)

    def min_head(self, limit: int) -> int:
        cuts = self.cuts()
        return min(cuts[0].rows, limit + 1) if cuts else self.count(limit)

    def force_split(self, rows: int) -> tuple[list[Line], Block]:
        count = self.count(rows)
        head, tail = self.flow.cut_at_line(max(1, min(rows, count - 1)))
        return head, action_block(tail, 0, self.scene_index)


def _longest(cuts: list[Cut], rows: int) -> Cut | None:
    """The cut with the most head rows that still fit in ``rows``."""
    best = None
    for cut in cuts:
        if cut.rows <= rows:
            best = cut
    return best


def action_block(
    flow: FlowView, space_before: int, scene_index: int | None, kind: str = "action"
) -> ActionBlock:
    return ActionBlock(kind, [], space_before, scene_index, flow=flow)


@dataclass
class Speech:
    """One speaker's cue and speech, with the rows a page break adds to it."""

    cue: tuple[Line, ...]  # a long cue wraps onto several rows
    flow: FlowView
    contd_cue: tuple[Line, ...]
    more: tuple[Line, ...]
    _cuts: list[Cut] | None = field(default=None, repr=False)

    @property
    def frame(self) -> int:
        """Rows a split adds around the head: the cue and (MORE)."""
        return len(self.cue) + len(self.more)

    def count(self, limit: int) -> int:
        return min(len(self.cue) + self.flow.count(limit), limit + 1)

    def lines(self) -> list[Line]:
        return [*self.cue, *self.flow.lines()]

    def continued(self, tail: FlowView) -> Speech:
        """The speech after a page break: ``NAME (CONT'D)`` over ``tail``."""
        return Speech(self.contd_cue, tail, self.contd_cue, self.more)

    def cuts(self) -> list[Cut]:
        """Legal breaks of the flow (a head of ``rows`` takes ``rows + frame`` rows)."""
        if self._cuts is None:
            # Two spoken lines on each side: a parenthetical and one line above
            # (MORE) is not a legal split.
            flow = self.flow
            self._cuts = [
                cut
                for cut in flow.cuts(MIN_SPEECH_LINES, MIN_SPEECH_LINES)
                if flow.head_spoken(cut, SPOKEN, MIN_SPEECH_LINES) >= MIN_SPEECH_LINES
                and flow.tail_spoken(cut, SPOKEN, MIN_SPEECH_LINES) >= MIN_SPEECH_LINES
            ]
        return self._cuts

    def best_split(self, rows: int) -> tuple[list[Line], Speech] | None:
        best = _longest(self.cuts(), rows - self.frame)
        if best is None:
            return None
        head = [*self.cue, *self.flow.head(best), *self.more]
        return head, self.continued(self.flow.tail(best))

    def min_head(self, limit: int) -> int:
        cuts = self.cuts()
        return min(cuts[0].rows + self.frame, limit + 1) if cuts else self.count(limit)


@dataclass
class DialogueBlock(Block):
    speech: Speech | None = None

    def count(self, limit: int) -> int:
        assert self.speech is not None
        return self.speech.count(limit)

    def lines(self) -> list[Line]:
        assert self.speech is not None
        return self.speech.lines()

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        assert self.speech is not None
        best = self.speech.best_split(rows)
        if best is None:
            return None
        head, tail = best
        return head, dialogue_block(tail, 0, self.scene_index)

    def min_head(self, limit: int) -> int:
        assert self.speech is not None
        return self.speech.min_head(limit)

    @property
    def min_forced_rows(self) -> int:  # type: ignore[override]
        # The cue, two lines and (MORE).
        assert self.speech is not None
        return self.speech.frame + MIN_SPEECH_LINES

    def force_split(self, rows: int) -> tuple[list[Line], Block]:
        speech = self.speech
        assert speech is not None
        count = max(1, min(rows - speech.frame, self.count(rows) - len(speech.cue) - 1))
        head, tail = speech.flow.cut_at_line(count)
        return [*speech.cue, *head, *speech.more], dialogue_block(
            speech.continued(tail), 0, self.scene_index
        )


def dialogue_block(speech: Speech, space_before: int, scene_index: int | None) -> DialogueBlock:
    return DialogueBlock("dialogue", [], space_before, scene_index, speech=speech)


def side_by_side(left: list[Line], right: list[Line], scene_index: int | None) -> list[Line]:
    """Rows of dual dialogue: the left column's line carries the right one in ``right``."""
    rows = []
    for i in range(max(len(left), len(right))):
        main = left[i] if i < len(left) else blank(scene_index)
        other = right[i] if i < len(right) else None
        rows.append(
            Line(
                main.kind,
                main.column,
                main.runs,
                main.scene_index,
                main.source,
                main.scene_number,
                other,
            )
        )
    return rows


@dataclass
class DualBlock(Block):
    left: Speech | None = None
    right: Speech | None = None

    def _sides(self) -> list[Speech]:
        return [side for side in (self.left, self.right) if side is not None]

    def count(self, limit: int) -> int:
        return max((side.count(limit) for side in self._sides()), default=0)

    def lines(self) -> list[Line]:
        left = self.left.lines() if self.left else []
        right = self.right.lines() if self.right else []
        return side_by_side(left, right, self.scene_index)

    def _side_split(
        self, side: Speech | None, rows: int
    ) -> tuple[list[Line], Speech | None] | None:
        if side is None:
            return [], None
        if side.count(rows) <= rows:
            return side.lines(), None
        return side.best_split(rows)

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        left = self._side_split(self.left, rows)
        right = self._side_split(self.right, rows)
        if left is None or right is None:
            return None
        tail = dual_block(left[1], right[1], 0, self.scene_index)
        return side_by_side(left[0], right[0], self.scene_index), tail

    def min_head(self, limit: int) -> int:
        return max(min(s.min_head(limit), s.count(limit)) for s in self._sides())


def dual_block(
    left: Speech | None, right: Speech | None, space_before: int, scene_index: int | None
) -> DualBlock:
    return DualBlock("dual", [], space_before, scene_index, left=left, right=right)
