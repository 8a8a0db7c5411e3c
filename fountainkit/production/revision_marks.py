"""Revision marks on the laid-out pages, and which pages a revision changed.

A change found by :func:`fountainkit.production.revisions.compare` is a
stretch of non-space characters of one element; each printed line of that
element covers a stretch too (wrapping only drops spaces), so the lines to
mark are the ones whose stretch meets a changed one.

A page is *changed* when it carries a mark, or when what it prints is not
what the old draft's page of the same number printed (text that moved onto
it from an edited page before: without locked pages one added line can move
every page after it). Those are the pages a revision issues.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from fountainkit.layout import Document, Line, Page
from fountainkit.production.elements import PrintedElement
from fountainkit.production.revisions import Comparison

DEFAULT_MARK = "*"


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """Where one printed line of an element is, and the non-space stretch it shows."""

    page: int  # index into document.pages
    row: int  # index into page.lines
    start: int
    end: int


def _rows(page: Page) -> Iterator[tuple[int, Line]]:
    for row, line in enumerate(page.lines):
        yield row, line
        if line.right is not None:
            yield row, line.right


def printed_lines(
    document: Document, elements: Sequence[PrintedElement]
) -> dict[int, list[PrintedLine]]:
    """For each element (by index), its printed lines in order, with their stretches.

    Rows the layout adds around an element ((MORE), NAME (CONT'D)) point at
    the speech, not at one of its elements, and are left out.
    """
    index_of = {id(element.node): index for index, element in enumerate(elements)}
    found: dict[int, list[PrintedLine]] = {}
    position: dict[int, int] = {}
    for page_index, page in enumerate(document.pages):
        for row, line in _rows(page):
            index = index_of.get(id(line.source))
            if index is None:
                continue
            size = sum(1 for char in line.text if not char.isspace())
            start = position.get(index, 0)
            position[index] = start + size
            found.setdefault(index, []).append(PrintedLine(page_index, row, start, start + size))
    return found


def mark_rows(
    document: Document, comparison: Comparison, mark: str = DEFAULT_MARK
) -> dict[int, dict[int, str]]:
    """The revision marks: page index -> {row index: mark}."""
    lines = printed_lines(document, comparison.new)
    marks: dict[int, dict[int, str]] = {}
    for index, change in comparison.changes.items():
        printed = lines.get(index, [])
        for number, line in enumerate(printed):
            last = number == len(printed) - 1
            if change.whole or any(_meets(span, line, last) for span in change.spans):
                marks.setdefault(line.page, {})[line.row] = mark
    return marks


def _meets(span: tuple[int, int], line: PrintedLine, last: bool) -> bool:
    """Whether a changed stretch falls on ``line``. A stretch past the end of the
    element's last line is on it (an automatic (CONT'D) or a letter that grew in
    capitals makes the counts differ slightly)."""
    start, end = span
    return (start < line.end and end > line.start) or (last and start >= line.end)


def page_content(page: Page) -> tuple:
    """What a page prints, furniture aside: to tell whether two pages are the same."""
    content = []
    for line in page.lines:
        if line.kind == "blank" and line.right is None:
            content.append(())
            continue
        right = (line.right.column, line.right.runs) if line.right is not None else None
        content.append((line.kind, line.column, line.runs, line.scene_number, right))
    while content and content[-1] == ():
        content.pop()
    return tuple(content)


def changed_pages(new: Document, old: Document, marks: dict[int, dict[int, str]]) -> list[int]:
    """Indexes of the new draft's pages a revision issues: marked, or printing
    something else than the old page of the same number."""
    old_pages = {page.label: page_content(page) for page in old.pages}
    changed = []
    for index, page in enumerate(new.pages):
        if marks.get(index) or old_pages.get(page.label) != page_content(page):
            changed.append(index)
    return changed
