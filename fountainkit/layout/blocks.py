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

from fountainkit.layout.flow import Flow, cut_at_line, flow_lines, splits
from fountainkit.layout.types import Line, blank

MIN_ACTION_LINES = 2
MIN_SPEECH_LINES = 2
# The rows of a speech that count as spoken lines (a parenthetical or a note does not).
SPOKEN = ("dialogue", "lyrics")


def spoken_lines(lines: list[Line]) -> int:
    return sum(1 for line in lines if line.kind in SPOKEN)


def _has_spoken_lines(flow: Flow, count: int) -> bool:
    """Does ``flow`` wrap to at least ``count`` spoken lines? (Long speech surely
    does: no line holds more characters than its width.)"""
    spoken = [para for para in flow if para.kind in SPOKEN]
    widest = max((para.width for para in spoken), default=1)
    if sum(len(para.text) for para in spoken) > count * widest:
        return True
    return sum(len(para.lines()) for para in spoken) >= count


@dataclass
class Block:
    """An element that never splits (a heading, a transition, centered text...)."""

    kind: str
    lines: list[Line]
    space_before: int = 1
    scene_index: int | None = None
    # A heading must not end a page: it moves unless the next block's head fits too.
    keep_with_next: bool = False

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        """The longest legal head that fits in ``rows`` rows, and the rest."""
        return None

    def min_head(self) -> int:
        """The fewest rows this block can leave at the bottom of a page."""
        return len(self.lines)

    # Rows a forced split needs at least (a speech adds its cue and (MORE)).
    min_forced_rows = 1

    def force_split(self, rows: int) -> tuple[list[Line], Block]:
        """A last resort for a block taller than a page with no legal split:
        the first ``rows`` rows here, the rest on the next page."""
        rows = max(1, rows)
        return self.lines[:rows], Block(self.kind, self.lines[rows:], 0, self.scene_index)


@dataclass
class ActionBlock(Block):
    flow: Flow = ()
    _options: list[tuple[list[Line], Flow]] | None = field(default=None, repr=False)

    def options(self) -> list[tuple[list[Line], Flow]]:
        if self._options is None:
            self._options = splits(self.flow, MIN_ACTION_LINES, MIN_ACTION_LINES)
        return self._options

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        best = None
        for head, tail in self.options():
            if len(head) <= rows:
                best = (head, tail)
        if best is None:
            return None
        head, tail = best
        return head, action_block(tail, 0, self.scene_index)

    def min_head(self) -> int:
        options = self.options()
        return len(options[0][0]) if options else len(self.lines)

    def force_split(self, rows: int) -> tuple[list[Line], Block]:
        head, tail = cut_at_line(self.flow, max(1, min(rows, len(self.lines) - 1)))
        return head, action_block(tail, 0, self.scene_index)


def action_block(flow: Flow, space_before: int, scene_index: int | None) -> ActionBlock:
    return ActionBlock("action", flow_lines(flow), space_before, scene_index, flow=flow)


@dataclass
class Speech:
    """One speaker's cue and speech, with the rows a page break adds to it."""

    cue: tuple[Line, ...]  # a long cue wraps onto several rows
    flow: Flow
    contd_cue: tuple[Line, ...]
    more: tuple[Line, ...]
    _options: list[tuple[list[Line], Flow]] | None = field(default=None, repr=False)

    def lines(self) -> list[Line]:
        return [*self.cue, *flow_lines(self.flow)]

    def continued(self, tail: Flow) -> Speech:
        """The speech after a page break: ``NAME (CONT'D)`` over ``tail``."""
        return Speech(self.contd_cue, tail, self.contd_cue, self.more)

    def options(self) -> list[tuple[list[Line], Speech]]:
        if self._options is None:
            # Two spoken lines on each side: a parenthetical and one line above
            # (MORE) is not a legal split.
            self._options = [
                (head, tail)
                for head, tail in splits(self.flow, MIN_SPEECH_LINES, MIN_SPEECH_LINES)
                if spoken_lines(head) >= MIN_SPEECH_LINES
                and _has_spoken_lines(tail, MIN_SPEECH_LINES)
            ]
        return [
            ([*self.cue, *head, *self.more], self.continued(tail)) for head, tail in self._options
        ]

    def best_split(self, rows: int) -> tuple[list[Line], Speech] | None:
        best = None
        for option in self.options():
            if len(option[0]) <= rows:
                best = option
        return best

    def min_head(self) -> int:
        options = self.options()
        return len(options[0][0]) if options else len(self.lines())


@dataclass
class DialogueBlock(Block):
    speech: Speech | None = None

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        assert self.speech is not None
        best = self.speech.best_split(rows)
        if best is None:
            return None
        head, tail = best
        return head, dialogue_block(tail, 0, self.scene_index)

    def min_head(self) -> int:
        assert self.speech is not None
        return self.speech.min_head()

    @property
    def min_forced_rows(self) -> int:  # type: ignore[override]
        # The cue, two lines and (MORE).
        assert self.speech is not None
        return len(self.speech.cue) + MIN_SPEECH_LINES + len(self.speech.more)

    def force_split(self, rows: int) -> tuple[list[Line], Block]:
        speech = self.speech
        assert speech is not None
        frame = len(speech.cue) + len(speech.more)
        count = max(1, min(rows - frame, len(self.lines) - len(speech.cue) - 1))
        head, tail = cut_at_line(speech.flow, count)
        return [*speech.cue, *head, *speech.more], dialogue_block(
            speech.continued(tail), 0, self.scene_index
        )


def dialogue_block(speech: Speech, space_before: int, scene_index: int | None) -> DialogueBlock:
    return DialogueBlock("dialogue", speech.lines(), space_before, scene_index, speech=speech)


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

    def _side_split(
        self, side: Speech | None, rows: int
    ) -> tuple[list[Line], Speech | None] | None:
        if side is None:
            return [], None
        whole = side.lines()
        if len(whole) <= rows:
            return whole, None
        return side.best_split(rows)

    def split(self, rows: int) -> tuple[list[Line], Block] | None:
        left = self._side_split(self.left, rows)
        right = self._side_split(self.right, rows)
        if left is None or right is None:
            return None
        tail = dual_block(left[1], right[1], 0, self.scene_index)
        return side_by_side(left[0], right[0], self.scene_index), tail

    def min_head(self) -> int:
        sides = [s for s in (self.left, self.right) if s is not None]
        return max(min(s.min_head(), len(s.lines())) for s in sides)


def dual_block(
    left: Speech | None, right: Speech | None, space_before: int, scene_index: int | None
) -> DualBlock:
    left_lines = left.lines() if left else []
    right_lines = right.lines() if right else []
    rows = side_by_side(left_lines, right_lines, scene_index)
    return DualBlock("dual", rows, space_before, scene_index, left=left, right=right)
