"""PDF painted straight from the page grid: the fast painter.

The layout has placed every character on a 10-cpi, 6-lpi grid, so painting a
page needs no layout engine: each styled piece of a row is one ``Tj`` at its
grid position, in one of the four bundled Courier Prime faces. This paints
a 120-page script in a small fraction of the time WeasyPrint takes, because
WeasyPrint lays out and draws the same rows glyph by glyph.

It draws what the HTML template has WeasyPrint draw, from the same
``PageView`` rows, on the exact grid: a cell is 0.1in (WeasyPrint starts a
styled run at the font's own advance, 7.195pt a cell, so the two may differ by
a fraction of a point), and the baseline sits where a 12pt line box puts it.
Pages with a character Courier Prime lacks (Hangul, kana, Cyrillic,
Arabic...) are not painted here: ``render.pdf`` hands them to WeasyPrint,
whose font fallback and text shaping draw them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pydyf

from fountainkit.layout.wrap import cells
from fountainkit.profiles import COLUMN_INCHES, PageProfile
from fountainkit.render.html import PageView
from fountainkit.render.pdf_fonts import EmbeddedFonts, covered_characters, faces
from fountainkit.render.pdf_parallel import Bookmark, ChunkPdf, OutlineNode, outline_tree

POINTS_PER_INCH = 72
FONT_SIZE = 12.0
ROW_POINTS = 12.0  # 6 lines to the inch
PRODUCER = "fountainkit (direct grid painter)"
# A document whose pages came from both painters.
MIXED_PRODUCER = "fountainkit (direct grid painter and WeasyPrint)"
# The underline WeasyPrint draws for this face and size: centred 1.125pt below the
# baseline, 0.75pt thick.
UNDERLINE_DROP = 1.125
UNDERLINE_THICKNESS = 0.75


def can_paint(view: PageView) -> bool:
    """Whether every character on the page has a glyph in every bundled face."""
    text = "".join(segment.text for row in view.rows for segment in row)
    return covered_characters().issuperset(text)


def _number(value: float) -> bytes:
    return f"{value:.4f}".rstrip("0").rstrip(".").encode("ascii")


def _baseline_below_row_top() -> float:
    """Where a 12pt line box puts the baseline: half the leading, then the ascent."""
    facts = faces()[(False, False)].facts
    ascent = facts.ascent * FONT_SIZE / facts.units_per_em
    content = (facts.ascent - facts.descent) * FONT_SIZE / facts.units_per_em
    return (ROW_POINTS - content) / 2 + ascent


class _PagePainter:
    """Turns one page's rows into content-stream operators and its bookmarks."""

    def __init__(self, fonts: EmbeddedFonts, profile: PageProfile) -> None:
        self.fonts = fonts
        self.height = profile.height_in * POINTS_PER_INCH
        self.first_row_top = profile.page_number_top_in * POINTS_PER_INCH
        self.cell = COLUMN_INCHES * POINTS_PER_INCH
        self.baseline = _baseline_below_row_top()

    def paint(self, view: PageView, page_index: int) -> tuple[list[bytes], list[Bookmark]]:
        text_ops: list[bytes] = [b"BT"]
        rules: list[bytes] = []
        bookmarks: list[Bookmark] = []
        current_font = None
        for row_index, row in enumerate(view.rows):
            top = self.first_row_top + row_index * ROW_POINTS
            y = _number(self.height - top - self.baseline)
            column = 0
            for segment in row:
                if segment.bookmark_level:
                    bookmarks.append(
                        Bookmark(
                            page_index,
                            segment.bookmark_level,
                            segment.bookmark_label,
                            column * self.cell,
                            self.height - top,
                            True,
                        )
                    )
                    continue
                text = segment.text
                if not text:
                    continue  # a fallback box's edge: only WeasyPrint pages have text in them
                start = column
                column += cells(text)
                if not segment.classes:
                    body = text.strip(" ")
                    if not body:
                        continue  # padding to the next column
                    start += cells(text[: len(text) - len(text.lstrip(" "))])
                    text = body
                styles = segment.classes.split()
                style = ("b" in styles, "i" in styles)
                name = self.fonts.resource_name(style)
                if name != current_font:
                    text_ops.append(b"/" + name.encode() + b" " + _number(FONT_SIZE) + b" Tf")
                    current_font = name
                x = start * self.cell
                text_ops.append(b"1 0 0 1 " + _number(x) + b" " + y + b" Tm")
                text_ops.append(faces()[style].encode(text) + b" Tj")
                if "u" in styles:
                    rules.append(self._underline(x, top, cells(text)))
        text_ops.append(b"ET")
        return text_ops + rules, bookmarks

    def _underline(self, x: float, row_top: float, width_cells: int) -> bytes:
        """A filled rule under ``width_cells`` cells from ``x`` on the row at ``row_top``."""
        y = self.height - row_top - self.baseline - UNDERLINE_DROP - UNDERLINE_THICKNESS / 2
        box = (x, y, width_cells * self.cell, UNDERLINE_THICKNESS)
        return b" ".join(map(_number, box)) + b" re f"


def paint_pages(
    views: Sequence[PageView],
    profile: PageProfile,
    meta: dict[str, str],
    *,
    with_outline: bool = True,
) -> ChunkPdf:
    """A PDF of ``views`` (all drawable by ``can_paint``), with its bookmarks.

    With ``with_outline`` the file carries its own outline; without, the
    bookmarks are only returned, for a merge that builds the outline of the
    whole document.
    """
    pdf = pydyf.PDF()
    fonts = EmbeddedFonts(pdf)
    painter = _PagePainter(fonts, profile)
    font_resources = pydyf.Dictionary()
    resources = pydyf.Dictionary({"Font": font_resources})
    pdf.add_object(resources)  # one dictionary all pages share, filled once fonts are known
    media_box = pydyf.Array(
        [0, 0, profile.width_in * POINTS_PER_INCH, profile.height_in * POINTS_PER_INCH]
    )
    bookmarks: list[Bookmark] = []
    pages: list[pydyf.Dictionary] = []
    for index, view in enumerate(views):
        operators, page_bookmarks = painter.paint(view, index)
        bookmarks.extend(page_bookmarks)
        contents = pydyf.Stream(operators, compress=True)
        pdf.add_object(contents)
        page = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": media_box,
                "Contents": contents.reference,
                "Resources": resources.reference,
            }
        )
        pdf.add_page(page)
        pages.append(page)
    font_resources.update(fonts.resources())
    if with_outline and bookmarks:
        _add_outline(pdf, pages, outline_tree([ChunkPdf(b"", bookmarks)], [0]))
    pdf.info.update(_info(meta))
    out = io.BytesIO()
    pdf.write(out, version=b"1.7", identifier=True, compress=True)
    return ChunkPdf(out.getvalue(), bookmarks)


def _info(meta: dict[str, str]) -> dict[str, pydyf.String]:
    entries = {
        "Title": meta.get("title", ""),
        "Author": meta.get("author", ""),
        "Subject": meta.get("description", ""),
        "Creator": "fountainkit",
        "Producer": PRODUCER,
    }
    return {key: pydyf.String(value) for key, value in entries.items() if value}


def _add_outline(pdf: pydyf.PDF, pages: list[pydyf.Dictionary], roots: list[OutlineNode]) -> None:
    outlines = pydyf.Dictionary({"Type": "/Outlines"})
    pdf.add_object(outlines)
    count = _add_outline_items(pdf, pages, roots, outlines)
    outlines["Count"] = count
    pdf.catalog["Outlines"] = outlines.reference


def _add_outline_items(
    pdf: pydyf.PDF,
    pages: list[pydyf.Dictionary],
    nodes: list[OutlineNode],
    parent: pydyf.Dictionary,
) -> int:
    """Link ``nodes`` under ``parent``; returns how many items show when it is open."""
    items = []
    for node in nodes:
        mark = node.bookmark
        destination = pydyf.Array(
            [pages[node.page].reference, "/XYZ", _number(mark.x), _number(mark.y), 0]
        )
        item = pydyf.Dictionary(
            {"Title": pydyf.String(mark.label), "Parent": parent.reference, "Dest": destination}
        )
        pdf.add_object(item)
        items.append(item)
    visible = len(items)
    for index, (node, item) in enumerate(zip(nodes, items, strict=True)):
        if index:
            item["Prev"] = items[index - 1].reference
        if index + 1 < len(items):
            item["Next"] = items[index + 1].reference
        if node.children:
            below = _add_outline_items(pdf, pages, node.children, item)
            # A positive count shows the children (open), a negative one hides them.
            item["Count"] = below if node.bookmark.is_open else -below
            if node.bookmark.is_open:
                visible += below
    if items:
        parent["First"] = items[0].reference
        parent["Last"] = items[-1].reference
    return visible
