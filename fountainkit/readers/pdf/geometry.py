"""The element indents of one document, learned from where its lines start.

Final Draft, Warner Bros., afterwriting, screenplain and fountainkit all put
action, dialogue, parentheticals and cues at different indents, and A4 or a
custom margin moves them again; so nothing is hard-coded. What is shared is
the shape: measured from the action's indent, dialogue starts about an inch
further right (0.9-1.0 in), parentheticals 1.3-1.6 in, cues 1.9-2.2 in.

The left edges of all body lines are counted in half-cell bins. The action
indent is the one that best explains the document with that shape: each
candidate scores the lines found where action, dialogue, parentheticals and
cues would then start. So a script whose pages hold only speech, or a short
one with a single action line, still finds its columns; with no evidence at
all the standard 1.5 in is taken. Each column is then set to the commonest
edge near where the shape puts it, or the standard offset when the document
has no such line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fountainkit.readers.pdf.lines import PdfLine

INCH = 72.0
# The standard US screenplay page (fountainkit's Letter and A4 profiles): the
# action 1.5 in from the left edge, 1 in right margin; offsets from the action
# indent in tenths of an inch (character cells).
STANDARD_ACTION = 1.5 * INCH
STANDARD_RIGHT_MARGIN = 1.0 * INCH
DIALOGUE_CELLS = 10
PARENTHETICAL_CELLS = 16
CUE_CELLS = 22
# Where each column may sit, in cells right of the action, across the tools
# measured (screenplain 9/13/19, afterwriting and Final Draft 10/15/20,
# fountainkit 10/16/22).
DIALOGUE_RANGE = (7.5, 12.5)
PARENTHETICAL_RANGE = (12.0, 18.5)
CUE_RANGE = (17.0, 27.0)
# The action indent is in this share of the page width, from the left.
MAX_ACTION_SHARE = 0.3
# An action line is at least this many cells wide (standard: 60).
MIN_ACTION_CELLS = 45


@dataclass(frozen=True, slots=True)
class Geometry:
    cell: float  # one character cell, in points
    leading: float  # one line, in points
    action: float
    right_edge: float  # where the longest action lines end
    dialogue: float
    dialogue_right: float | None  # where the longest speech lines end
    parenthetical: float
    cue: float
    page_centre: float = 306.0

    @property
    def centre(self) -> float:
        return (self.action + self.right_edge) / 2

    def near(self, x: float, column: float | None, cells: float = 1.0) -> bool:
        return column is not None and abs(x - column) <= cells * self.cell


def is_caps(text: str) -> bool:
    """Whether the line's name part (before any "(") has letters and all in capitals."""
    name = text.partition("(")[0]
    # (islower is False for every non-letter, so only the letters decide.)
    return any(map(str.isalpha, name)) and not any(map(str.islower, name))


def _bins(lines: Iterable[PdfLine], cell: float) -> Counter[int]:
    return Counter(round(line.x / (cell / 2)) for line in lines)


def _count(counter: Counter[int], low: float, high: float, cell: float) -> int:
    return sum(n for b, n in counter.items() if low <= b * cell / 2 <= high)


def _best(counter: Counter[int], low: float, high: float, cell: float) -> float | None:
    """The commonest bin between ``low`` and ``high`` (points), as a position."""
    candidates = [(n, b) for b, n in counter.items() if low <= b * cell / 2 <= high]
    if not candidates:
        return None
    _, best = max(candidates)
    # Neighbouring half-cell bins hold the same indent (rounding): take their mean.
    total = sum(counter[b] for b in (best - 1, best, best + 1))
    return sum(b * counter[b] for b in (best - 1, best, best + 1)) / total * cell / 2


def _action_indent(
    plain: Counter[int],
    speech: Counter[int],
    caps: Counter[int],
    opening: Counter[int],
    cell: float,
    standard: float,
    limit: float,
) -> float:
    """The action indent that puts the most lines where the script's shape expects them."""

    def score(action: float) -> float:
        def window(counter: Counter[int], cells: tuple[float, float]) -> int:
            return _count(counter, action + cells[0] * cell, action + cells[1] * cell, cell)

        at_action = _count(plain, action - cell / 2, action + cell / 2, cell)
        return (
            at_action
            + window(speech, DIALOGUE_RANGE)
            + window(opening, PARENTHETICAL_RANGE)
            + window(caps, CUE_RANGE)
            # The standard margin wins a tie (a page of speech fits it and the
            # dialogue indent alike when both are read as "action").
            + (0.5 if abs(action - standard) <= cell else 0.0)
        )

    # Action starts in the left part of the page: never at a transition's or
    # a centred line's indent, however few action lines there are.
    candidates = {b * cell / 2 for b in plain if b * cell / 2 <= limit} | {standard}
    return max(sorted(candidates), key=score)


def learn_geometry(
    lines: list[PdfLine], cell: float, leading: float, page_width: float = 612.0
) -> Geometry:
    single = [line for line in lines if len(line.segments) == 1 and line.text.strip()]
    caps_lines = [line for line in single if is_caps(line.text)]
    opening_lines = [line for line in single if line.text.lstrip().startswith("(")]
    plain_lines = [line for line in single if not line.text.lstrip().startswith("(")]
    speech_lines = [line for line in plain_lines if not is_caps(line.text)]
    plain, speech = _bins(plain_lines, cell), _bins(speech_lines, cell)
    caps, opening = _bins(caps_lines, cell), _bins(opening_lines, cell)
    action = _action_indent(
        plain, speech, caps, opening, cell, STANDARD_ACTION, MAX_ACTION_SHARE * page_width
    )
    action = _best(plain, action - cell / 2, action + cell / 2, cell) or action

    def column(
        counter: Counter[int], cells: tuple[float, float], low: float | None = None
    ) -> float | None:
        start = action + cells[0] * cell if low is None else max(low, action + cells[0] * cell)
        return _best(counter, start, action + cells[1] * cell, cell)

    dialogue = column(speech, DIALOGUE_RANGE) or action + DIALOGUE_CELLS * cell
    cue = column(caps, CUE_RANGE, dialogue + 4 * cell) or action + CUE_CELLS * cell
    parenthetical = column(opening, PARENTHETICAL_RANGE) or action + PARENTHETICAL_CELLS * cell
    # Action lines end at most at the right edge, wrapped ones just before
    # it; transitions end on it. A short script may have no line that long.
    rights = sorted(ln.right for ln in single if abs(ln.x - action) <= cell)
    right_edge = rights[int(len(rights) * 0.995)] if rights else 0.0
    reached = sum(right >= right_edge - 2 * cell for right in rights)
    if right_edge < action + MIN_ACTION_CELLS * cell or reached < 2:
        # Too few to tell: the standard margin, or a line ending just beside it.
        standard = page_width - STANDARD_RIGHT_MARGIN
        beside = [ln.right for ln in single if abs(ln.right - standard) <= 2 * cell]
        right_edge = max([right_edge, standard, *beside])
    centre = (action + right_edge) / 2
    flush = [
        ln.right
        for ln in single
        if ln.x > centre and right_edge < ln.right <= right_edge + 3 * cell
    ]
    right_edge = max([right_edge, *flush])
    speech_rights = sorted(ln.right for ln in single if abs(ln.x - dialogue) <= cell)
    dialogue_right = speech_rights[int(len(speech_rights) * 0.98)] if speech_rights else None
    return Geometry(
        cell,
        leading,
        action,
        right_edge,
        dialogue,
        dialogue_right,
        parenthetical,
        cue,
        page_width / 2,
    )


def line_spacing(lines: list[PdfLine], font_size: float = 12.0) -> float:
    """The distance between consecutive baselines of one element (12 pt at 6 lines an inch).

    The smallest gap that is common; in a short script every gap may be a
    blank line or more, so a gap that is a multiple of the font size counts
    as that many lines.
    """
    gaps: Counter[float] = Counter()
    for previous, line in zip(lines, lines[1:], strict=False):
        if previous.page == line.page:
            gap = round(previous.y - line.y, 1)
            if gap > 1:
                gaps[gap] += 1
    if not gaps:
        return font_size
    top = gaps.most_common(1)[0][1]
    gap = min(gap for gap, count in gaps.items() if count >= max(min(2, top), top * 0.1))
    return gap / max(1, round(gap / (font_size * 1.1)))
