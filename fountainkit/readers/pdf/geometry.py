"""The element indents of one document, learned from where its lines start.

Final Draft, Warner Bros., afterwriting, screenplain and fountainkit all put
action, dialogue, parentheticals and cues at different indents, and A4 or a
custom margin moves them again; so nothing is hard-coded. The left edges of
all body lines are counted in half-cell bins: action is the leftmost edge that
many lines share; dialogue the commonest edge 0.4-2.2 inches right of it; the
cue the commonest edge further right whose lines are in capitals;
parentheticals the commonest edge in between whose lines open with "(".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fountainkit.readers.pdf.lines import PdfLine


@dataclass(frozen=True, slots=True)
class Geometry:
    cell: float  # one character cell, in points
    leading: float  # one line, in points
    action: float
    right_edge: float  # where the longest action lines end
    dialogue: float | None
    dialogue_right: float | None
    parenthetical: float | None
    cue: float | None
    page_centre: float = 306.0

    @property
    def centre(self) -> float:
        return (self.action + self.right_edge) / 2

    def near(self, x: float, column: float | None, cells: float = 1.0) -> bool:
        return column is not None and abs(x - column) <= cells * self.cell


def _is_caps(text: str) -> bool:
    name = text.split("(")[0]
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


def _bins(lines: Iterable[PdfLine], cell: float) -> Counter[int]:
    return Counter(round(line.x / (cell / 2)) for line in lines)


def _best(counter: Counter[int], low: float, high: float, cell: float) -> float | None:
    """The commonest bin between ``low`` and ``high`` (points), as a position."""
    candidates = [(n, b) for b, n in counter.items() if low <= b * cell / 2 <= high]
    if not candidates:
        return None
    _, best = max(candidates)
    # Neighbouring half-cell bins hold the same indent (rounding): take their mean.
    total = sum(counter[b] for b in (best - 1, best, best + 1))
    return sum(b * counter[b] for b in (best - 1, best, best + 1)) / total * cell / 2


def learn_geometry(
    lines: list[PdfLine], cell: float, leading: float, page_width: float = 612.0
) -> Geometry:
    single = [line for line in lines if len(line.segments) == 1 and line.text.strip()]
    counts = _bins(single, cell)
    total = sum(counts.values()) or 1
    frequent = sorted(b for b, n in counts.items() if n >= max(3, total * 0.05))
    action = frequent[0] * cell / 2 if frequent else min((line.x for line in single), default=72.0)
    action = _best(counts, action - cell, action + cell, cell) or action
    if action > 2.0 * 72 and not any(line.x < action - 2 * cell for line in single):
        # Only speech on these pages (no line at the usual 1.5 in): the leftmost
        # indent found is the dialogue's, not the action's.
        action = 1.5 * 72
    # Transitions end flush with the right edge: the longest single lines show it.
    rights = sorted(line.segments[0].right for line in single)
    right_edge = rights[int(len(rights) * 0.99)] if rights else action + 60 * cell
    speech = [ln for ln in single if not _is_caps(ln.text) and not ln.text.startswith("(")]
    dialogue = _best(_bins(speech, cell), action + 4 * cell, action + 16 * cell, cell)
    if dialogue is None:
        dialogue = action + 10 * cell  # the usual 1 inch, for scripts too short to tell
    cue = parenthetical = dialogue_right = None
    if dialogue is not None:
        caps = [line for line in single if line.x > dialogue + 3 * cell and _is_caps(line.text)]
        cue = _best(_bins(caps, cell), dialogue + 3.5 * cell, dialogue + 30 * cell, cell)
        opening = [line for line in single if line.text.startswith("(")]
        high = (cue - cell) if cue is not None else dialogue + 15 * cell
        parenthetical = _best(_bins(opening, cell), dialogue - cell / 2, high, cell)
        if cue is None:
            cue = dialogue + 12 * cell
        if parenthetical is None:
            parenthetical = dialogue + 6 * cell
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


def line_spacing(lines: list[PdfLine]) -> float:
    """The commonest distance between consecutive baselines (12 pt at 6 lines an inch)."""
    gaps: Counter[float] = Counter()
    for previous, line in zip(lines, lines[1:], strict=False):
        if previous.page == line.page:
            gap = round(previous.y - line.y, 1)
            if gap > 1:
                gaps[gap] += 1
    if not gaps:
        return 12.0
    # The smallest gap that is common: in a short script blank-line gaps can
    # outnumber single-line ones.
    top = gaps.most_common(1)[0][1]
    return min(gap for gap, count in gaps.items() if count >= max(min(2, top), top * 0.1))
