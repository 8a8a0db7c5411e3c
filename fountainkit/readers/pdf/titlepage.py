"""The first page as a title page: when it is one, and which block is which.

A first page is a title page when it has no scene heading, holds little
text (a title page never fills a page) and starts well below where the other
pages start; its lines are grouped
into blocks by blank lines and alignment (centred on the page or the text
column, else left or right of the middle) and named by readers.titlepage.
"""

from __future__ import annotations

from fountainkit.model import TitlePage
from fountainkit.readers.assemble import strip_runs
from fountainkit.readers.pdf.lines import PdfLine
from fountainkit.readers.titlepage import Alignment, TitleBlock, build_title_page
from fountainkit.syntax import lexer

MAX_TITLE_LINES = 40
# A title page's first line is at least this many lines below the top of the text.
TITLE_DROP_LINES = 3


def looks_like_title_page(
    lines: list[PdfLine], page_width: float, cell: float, body_top: float, leading: float
) -> bool:
    """``body_top``: the baseline where the text of the other pages starts.

    A title page starts well below it (the title sits a third of the way
    down); a first page of script that has no scene heading (a teaser, a page
    of speech, a fixture) starts at the top like every other page.
    """
    if not lines or len(lines) > MAX_TITLE_LINES:
        return False
    if lines[0].y >= body_top - TITLE_DROP_LINES * leading:
        return False
    if any(lexer.is_heading(line.text.strip()) for line in lines):
        return False
    middle = page_width / 2
    centred = sum(abs((line.x + line.right) / 2 - middle) <= 6 * cell for line in lines)
    return centred >= 1


def read_title_page(
    lines: list[PdfLine], page_width: float, text_centre: float, cell: float, leading: float
) -> TitlePage | None:
    blocks: list[TitleBlock] = []
    open_blocks: dict[Alignment, tuple[float, list]] = {}

    def close(alignment: Alignment) -> None:
        if alignment in open_blocks:
            blocks.append(TitleBlock(alignment, tuple(open_blocks.pop(alignment)[1])))

    for line in lines:
        for segment in line.segments:
            centre = (segment.x + segment.right) / 2
            alignment: Alignment
            if min(abs(centre - page_width / 2), abs(centre - text_centre)) <= 3 * cell:
                alignment = "center"
            elif centre < page_width / 2:
                alignment = "left"
            else:
                alignment = "right"
            previous = open_blocks.get(alignment)
            if previous is not None and previous[0] - line.y > 1.5 * leading:
                close(alignment)
            entry = open_blocks.setdefault(alignment, (line.y, []))
            entry[1].append(strip_runs(segment.runs))
            open_blocks[alignment] = (line.y, entry[1])
    for alignment in list(open_blocks):
        close(alignment)
    # Blocks in reading order: top to bottom as they were closed is close enough,
    # but centred ones first (title before contact) keeps the usual order.
    return build_title_page(blocks)
