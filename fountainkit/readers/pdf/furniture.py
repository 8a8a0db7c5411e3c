"""What the page adds to the script: page numbers, running headers and footers,
(MORE), CONTINUED markers, revision asterisks and the scene numbers in the margins.

Page numbers and running headers are found without knowing the indents: they
are the first or last line of a page, set apart by a wider gap, and either
look like a page number or repeat (digits aside) on many pages. The rest is
found line by line once the indents are known (:func:`clean_line`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from fountainkit.model import Run
from fountainkit.readers.assemble import strip_runs
from fountainkit.readers.pdf.geometry import Geometry
from fountainkit.readers.pdf.lines import PdfLine, Segment
from fountainkit.syntax import lexer

PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[(\[-]?\s*[A-Z]{0,2}\d{1,4}[A-Z]{0,3}(?:-\d{1,4}[A-Z]{0,3})?\s*[)\]-]?\.?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# Fountain's scene numbers: letters, digits, dashes and periods (12, 12A, A12,
# I-1-A, 1.), with a digit somewhere.
SCENE_NUMBER = re.compile(r"^(?=[^\d]{0,9}\d)[A-Z0-9][A-Z0-9.\-]{0,9}$", re.IGNORECASE)
MORE = re.compile(r"^\(\s*more\s*\)$", re.IGNORECASE)
CONTINUED = re.compile(
    r"^\(?\s*(?:continued|cont'd|contd)\s*\)?\s*:?\s*(?:\(\s*\d+\s*\))?$", re.IGNORECASE
)
REVISION_MARK = re.compile(r"^[*+#@]{1,3}$")
# A repeated line is a running header or footer when it fills this share of its row.
RUNNING_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class BodyLine:
    """A line of script text with what the margins said about it."""

    line: PdfLine
    number: str | None = None  # scene number printed beside it

    @property
    def page(self) -> int:
        return self.line.page

    @property
    def y(self) -> float:
        return self.line.y

    @property
    def x(self) -> float:
        return self.line.x

    @property
    def right(self) -> float:
        return self.line.right

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.line.segments


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


@dataclass(frozen=True, slots=True)
class RunningText:
    """A running header or footer left out: its text (as on its first page),
    that page, and on how many pages it was."""

    text: str
    first_page: int
    pages: int


def strip_running_lines(
    pages: list[list[PdfLine]], leading: float
) -> tuple[list[list[PdfLine]], list[RunningText]]:
    """Pages without their page numbers and running headers and footers, and
    the headers and footers left out (page numbers aside), to report: no text
    goes without a word."""
    body_pages = [p for p in pages if p]
    repeated: Counter[tuple[str, int]] = Counter()
    at_row: Counter[int] = Counter()  # edge lines on each row, whatever their text
    for lines in body_pages:
        seen = set()
        for line in (*lines[:2], *lines[-2:]):
            key = (_shape(line.text), round(line.y / 4))
            if key not in seen:
                seen.add(key)
                repeated[key] += 1
                at_row[key[1]] += 1
    threshold = max(2, int(len(body_pages) * 0.3))

    def repeats(text: str, y: float) -> bool:
        # A header or footer owns its row: the text at that height on the
        # pages is (almost) always the same. The row where the text of every
        # page starts holds many texts, even where two pages open alike (two
        # scenes in the same place).
        key = (_shape(text), round(y / 4))
        return repeated[key] >= max(threshold, RUNNING_SHARE * at_row[key[1]])

    dropped: dict[str, RunningText] = {}

    def running(line: PdfLine, neighbour: PdfLine | None) -> bool:
        if neighbour is not None and abs(line.y - neighbour.y) < 1.4 * leading:
            return False  # part of the text block beside it
        text = line.text.strip()
        if PAGE_NUMBER.match(text):
            return True
        if any(lexer.is_heading(segment.text.strip()) for segment in line.segments):
            return False  # scene headings opening every page alike (INT. ROOM 1, 2...)
        if not repeats(text, line.y):
            return False
        shape = _shape(text)
        known = dropped.get(shape)
        dropped[shape] = (
            RunningText(text, line.page, 1)
            if known is None
            else replace(known, pages=known.pages + 1)
        )
        return True

    out = []
    for lines in pages:
        lines = list(lines)
        for _ in range(2):  # a header and a page number on separate lines
            if lines and running(lines[0], lines[1] if len(lines) > 1 else None):
                lines.pop(0)
            if lines and running(lines[-1], lines[-2] if len(lines) > 1 else None):
                lines.pop()
        out.append(lines)
    return out, list(dropped.values())


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One line after its margins are read: None when the whole line was furniture."""

    line: BodyLine | None
    more: bool = False  # the line was (MORE): the speech goes on over the page
    continued: bool = False  # a CONTINUED marker


def _cut_runs(runs, length: int, tail: bool = False):
    """The first ``length`` characters of a run list (or, with ``tail``, the
    rest after them), spaces at the ends dropped."""
    out, left = [], length
    for run in runs:
        if tail:
            if left < len(run.text):
                out.append(Run(run.text[max(0, left) :], run.bold, run.italic, run.underline))
        elif left > 0:
            out.append(Run(run.text[:left], run.bold, run.italic, run.underline, run.kind))
        left -= len(run.text)
    return strip_runs(tuple(out))


def _number_apart(segment: Segment, geometry: Geometry) -> list[Segment]:
    """A long left-hand scene number run into the heading (``I-1-A  INT.``,
    closer than a segment gap) cut off it at the action indent."""
    cell = geometry.cell
    if not (segment.x < geometry.action - cell < geometry.action < segment.right):
        return [segment]
    cut = round((geometry.action - segment.x) / cell)
    head, rest = segment.text[:cut], segment.text[cut:]
    if not (head.endswith(" ") and SCENE_NUMBER.match(head.strip()) and rest.strip()):
        return [segment]
    number = len(head.rstrip())
    return [
        replace(segment, runs=_cut_runs(segment.runs, number), right=segment.x + number * cell),
        replace(segment, runs=_cut_runs(segment.runs, cut, tail=True), x=segment.x + cut * cell),
    ]


def clean_line(line: PdfLine, geometry: Geometry) -> Cleaned:
    """Scene numbers and revision marks taken out of the margins; markers recognised."""
    segments = [*_number_apart(line.segments[0], geometry), *line.segments[1:]]
    # Revision marks at the right-hand end, however far out.
    while len(segments) > 1 and REVISION_MARK.match(segments[-1].text.strip()):
        segments.pop()
    lone = segments[0]
    in_margin = lone.x > geometry.right_edge - geometry.cell
    if len(segments) == 1 and in_margin and REVISION_MARK.match(lone.text.strip()):
        return Cleaned(None)
    numbers: list[str] = []
    first = segments[0]
    left_of_text = first.right <= geometry.action + geometry.cell / 2
    if len(segments) > 1 and left_of_text and SCENE_NUMBER.match(first.text.strip()):
        numbers.append(segments.pop(0).text.strip())
    if len(segments) > 1 and SCENE_NUMBER.match(segments[-1].text.strip()):
        last = segments[-1]
        if last.x >= geometry.right_edge - 2 * geometry.cell or numbers:
            numbers.append(segments.pop().text.strip())
    if numbers and segments and segments[-1].text.rstrip().endswith(" " + numbers[0]):
        # The right-hand number drawn in the same text object as the heading
        # (only a positioning gap between them): cut it off the text.
        last = segments[-1]
        cut = len(last.text.rstrip()) - len(numbers[0])
        runs = _cut_runs(last.runs, cut)
        segments[-1] = replace(last, runs=runs, right=last.x + cut * geometry.cell)
    text = "   ".join(s.text for s in segments).strip()
    if MORE.match(text) or all(MORE.match(s.text.strip()) for s in segments):
        return Cleaned(None, more=True)
    if CONTINUED.match(text):
        return Cleaned(None, continued=True)
    number = numbers[0] if numbers else None
    return Cleaned(BodyLine(replace(line, segments=tuple(segments)), number))
