"""Runs on one baseline joined into lines, and lines cut into segments at wide gaps.

A screenplay is typed on a grid (Courier, 10 characters to the inch), so the
space between two runs on a line is a whole number of character cells: that
many spaces go between their texts. A gap of several cells is not a space but
another column (a scene number in the margin, the right half of dual
dialogue, the date beside the contact on a title page): it starts a new
:class:`Segment`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from fountainkit.model import Run, Text
from fountainkit.readers.assemble import merge_runs, plain_text
from fountainkit.readers.pdf.extract import PdfPage, Rule, TextRun

# A gap this many cells wide or more separates two segments.
SEGMENT_GAP_CELLS = 3


@dataclass(frozen=True, slots=True)
class Segment:
    x: float  # left edge (origin of the first visible character)
    right: float  # x + cells * cell width: where the next character would go
    runs: Text
    text: str = ""  # the runs' text (filled in by __post_init__)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", plain_text(self.runs))


@dataclass(frozen=True, slots=True)
class PdfLine:
    page: int
    y: float
    segments: tuple[Segment, ...]
    text: str = ""  # the segments' text, three spaces between (filled in)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "   ".join(s.text for s in self.segments))

    @property
    def x(self) -> float:
        return self.segments[0].x

    @property
    def right(self) -> float:
        return self.segments[-1].right


def cell_width(pages: list[PdfPage]) -> float:
    """The width of one character cell: 0.6 em of the usual (monospaced) font size."""
    sizes = [run.size for page in pages for run in page.runs if run.monospace and run.size > 0]
    if not sizes:
        sizes = [run.size for page in pages for run in page.runs if run.size > 0]
    size = statistics.median(sizes) if sizes else 12.0
    return 0.6 * size


def _underlined(run: TextRun, rules: list[Rule], x: float, width: float) -> bool:
    for rule in rules:
        if run.y - 5 <= rule.y <= run.y + 1.5:
            overlap = min(rule.right, x + width) - max(rule.left, x)
            if overlap > 0.5 * max(width, 1):
                return True
    return False


def page_lines(page: PdfPage, cell: float) -> list[PdfLine]:
    """The page's lines, top to bottom, each cut into segments, left to right."""
    # Top to bottom, a run within 2 pt of the row above joins it: only the
    # last row can be that close (rows are keyed by their first, highest run).
    rows: list[tuple[float, list[TextRun]]] = []
    for run in sorted(page.runs, key=lambda r: -r.y):
        if rows and rows[-1][0] - run.y <= 2.0:
            rows[-1][1].append(run)
        else:
            rows.append((run.y, [run]))
    lines = []
    for y, runs in rows:
        segments = _segments(sorted(runs, key=lambda r: r.x), page.rules, cell)
        if segments:
            lines.append(PdfLine(page.number, y, tuple(segments)))
    return lines


def _segments(runs: list[TextRun], rules: list[Rule], cell: float) -> list[Segment]:
    segments: list[Segment] = []
    pieces: list[Run] = []
    start = end = 0.0
    for run in runs:
        text = run.text
        # Leading spaces move the text right; the segment starts at the first glyph.
        lead = len(text) - len(text.lstrip(" "))
        x = run.x + lead * cell
        text = text.strip(" ")
        if not text:
            continue
        underline = bool(rules) and _underlined(run, rules, x, len(text) * cell)
        if pieces and x - end >= SEGMENT_GAP_CELLS * cell:
            segments.append(Segment(start, end, merge_runs(pieces)))
            pieces = []
        if not pieces:
            start = end = x
        else:
            gap = max(0, round((x - end) / cell))
            if gap:
                # The space between two runs takes their style only when they share it.
                last = pieces[-1]
                bold, italic = last.bold and run.bold, last.italic and run.italic
                pieces.append(Run(" " * gap, bold, italic, last.underline and underline))
        pieces.append(Run(text, run.bold, run.italic, underline))
        # A glyph wider than a cell (an emoji, a CJK character) ends where it is
        # inked (the box of a run with trailing spaces takes them in).
        inked = run.right if not run.text.endswith(" ") else 0.0
        end = max(end, x + len(text) * cell, inked)
    if pieces:
        segments.append(Segment(start, end, merge_runs(pieces)))
    return segments
