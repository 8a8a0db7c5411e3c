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
import math
from collections.abc import Sequence

import pydyf

from fountainkit.layout.furniture import STRUCK_GREY, WATERMARK_GREY, watermark_placement
from fountainkit.layout.profiles import COLUMN_INCHES, PageProfile
from fountainkit.layout.wrap import cells, char_cells
from fountainkit.pdf.catalog import Label, finish_pydyf
from fountainkit.pdf.fallback import (
    EMOJI_FAMILY,
    PRESENTATION_SELECTORS,
    fallback_for,
    find_font,
    is_emoji,
)
from fountainkit.pdf.fonts import (
    EmbeddedFonts,
    Face,
    Style,
    covered_characters,
    faces,
    fallback_face,
)
from fountainkit.pdf.harfbuzz import subsetting_available
from fountainkit.pdf.parallel import Bookmark, ChunkPdf, OutlineNode, outline_tree
from fountainkit.writers.html import STRUCK, PageView

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
WATERMARK_STYLE = (True, False)  # bold
# The line-through WeasyPrint draws for Courier Prime at 12pt (its OS/2 strikeout
# position and size, 530 and 102 units of 2048): centred 3.105pt above the
# baseline, 0.598pt thick.
STRIKE_RISE = 530 * FONT_SIZE / 2048
STRIKE_THICKNESS = 102 * FONT_SIZE / 2048
# A grid cell in thousandths of an em at 12pt (0.1in).
GRID_EMS = 600


def _style(classes: str) -> Style:
    names = classes.split()
    return ("b" in names, "i" in names)


def face_for(char: str, style: Style, box: Face | None = None) -> Face | None:
    """The face that draws ``char`` in ``style``: Courier Prime, else an installed
    fallback (when it needs no shaping and can be subset), else the document's
    box font for characters no font has, else None."""
    if char in covered_characters():
        return faces()[style]
    if subsetting_available():
        font = fallback_for(char, *style)
        if font is not None:
            return fallback_face(font)
    if box is not None and box.has(char):
        return box
    return None


def can_paint(view: PageView, box: Face | None = None) -> bool:
    """Whether the direct painter can draw every character on the page (``box``
    is the document's box font for characters no installed font has)."""
    covered = covered_characters()
    pieces = [(segment.text, _style(segment.classes)) for row in view.rows for segment in row]
    pieces.append((view.watermark, WATERMARK_STYLE))
    for text, style in pieces:
        if not text or covered.issuperset(text):
            continue
        if any(
            face_for(char, style, box) is None
            for char in set(text) - covered - PRESENTATION_SELECTORS
        ):
            return False
    return True


def _same_family(face: Face, style: Style) -> Face | None:
    """``face``'s family in ``style`` (a fallback face), or None."""
    if face.fallback is None:
        return faces()[style]
    font = find_font(face.fallback.family, *style)
    return fallback_face(font) if font is not None else None


def _runs(
    text: str, style: Style, before: Face | None = None, box: Face | None = None
) -> list[tuple[Face, str]]:
    """``text`` cut where the face drawing it changes; ``before`` drew the text
    just before. A presentation selector stays with the character before it."""
    if before is None and covered_characters().issuperset(text):
        return [(faces()[style], text)]
    runs: list[tuple[Face, str]] = []
    for index, char in enumerate(text):
        if char in PRESENTATION_SELECTORS:
            if runs:  # kept with the character it belongs to (see _pieces)
                runs[-1] = (runs[-1][0], runs[-1][1] + char)
            continue
        previous = runs[-1][0] if runs else before and _same_family(before, style)
        after_emoji = index > 0 and is_emoji(text[:index].rstrip("\ufe0e\ufe0f")[-1:] or " ")
        if previous is not None and char.isspace() and previous.has(char) and not after_emoji:
            # As Pango itemizes: a space stays in the font of the text before it
            # (but not after an emoji, which Pango itemizes on its own).
            runs[-1:] = [(previous, (runs[-1][1] if runs else "") + char)]
            continue
        face = None
        if text[index + 1 : index + 2] == "\ufe0f":
            # An emoji presentation sequence: the emoji font, when it has the character.
            emoji = find_font(EMOJI_FAMILY, *style)
            if emoji is not None and emoji.facts.has(char) and subsetting_available():
                face = fallback_face(emoji)
        face = face or face_for(char, style, box)
        assert face is not None, "can_paint() let through a character nothing draws"
        if runs and runs[-1][0] is face:
            runs[-1] = (face, runs[-1][1] + char)
        else:
            runs.append((face, char))
    return runs


def _pieces(face: Face, text: str, squeeze: bool) -> list[tuple[str, float]]:
    """``text`` in pieces with their horizontal scale, presentation selectors left
    out (they draw nothing). With ``squeeze``, a fallback glyph wider than the
    grid cells the layout gave its character (with any selector after it: an
    emoji presentation takes two) is narrowed to fit them, so it never runs into
    the next character."""
    if not (squeeze and face.fallback is not None) and PRESENTATION_SELECTORS.isdisjoint(text):
        return [(text, 1.0)]
    pieces: list[tuple[str, float]] = []
    for index, char in enumerate(text):
        if char in PRESENTATION_SELECTORS:
            continue
        scale = 1.0
        if squeeze and face.fallback is not None:
            following = text[index + 1 : index + 2]
            cells_given = char_cells(char) + (
                char_cells(following) if following in PRESENTATION_SELECTORS and following else 0
            )
            room = cells_given * GRID_EMS
            advance = face.advance(char)
            if advance > room > 0:
                scale = room / advance
        if pieces and pieces[-1][1] == scale == 1.0:
            pieces[-1] = (pieces[-1][0] + char, 1.0)
        else:
            pieces.append((char, scale))
    return pieces


def _number(value: float) -> bytes:
    return f"{value:.4f}".rstrip("0").rstrip(".").encode("ascii")


def _baseline_below_row_top(size: float = FONT_SIZE) -> float:
    """Where a line box as tall as the font size puts the baseline: half the
    leading, then the ascent (12pt text on a 12pt row, or the watermark)."""
    facts = faces()[(False, False)].facts
    ascent = facts.ascent * size / facts.units_per_em
    content = (facts.ascent - facts.descent) * size / facts.units_per_em
    return (size - content) / 2 + ascent


class _PagePainter:
    """Turns one page's rows into content-stream operators and its bookmarks."""

    def __init__(self, fonts: EmbeddedFonts, profile: PageProfile, box: Face | None) -> None:
        self.fonts = fonts
        self.box = box  # the document's box font for characters no installed font has
        # The page being painted: its operators, its underlines, the text state.
        self.operators: list[bytes] = []
        self.rules: list[bytes] = []
        self.font: str | None = None
        self.render_mode = 0
        self.grey = False  # filling in the struck grey (sides), not black
        self.profile = profile
        self.height = profile.height_in * POINTS_PER_INCH
        self.first_row_top = profile.page_number_top_in * POINTS_PER_INCH
        self.cell = COLUMN_INCHES * POINTS_PER_INCH
        self.baseline = _baseline_below_row_top()

    def paint(self, view: PageView, page_index: int) -> tuple[list[bytes], list[Bookmark]]:
        # The watermark first, under the text.
        self.operators = self._watermark(view.watermark) if view.watermark else []
        self.operators.append(b"BT")
        self.rules, self.font, self.render_mode, self.grey = [], None, 0, False
        bookmarks: list[Bookmark] = []
        for row_index, row in enumerate(view.rows):
            top = self.first_row_top + row_index * ROW_POINTS
            baseline = self.height - top - self.baseline
            column = 0
            # A fallback box (see render.html): text inside advances by its fonts'
            # own widths from the box's start; the row resumes at the box's end.
            box_end: int | None = None
            box_cursor = 0.0
            box_face: Face | None = None
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
                if segment.box_cells > 0:
                    box_end, box_cursor = column + segment.box_cells, column * self.cell
                    box_face = None
                    continue
                if segment.box_cells < 0:
                    column, box_end = box_end if box_end is not None else column, None
                    continue
                text = segment.text
                if not text:
                    continue
                if box_end is not None:
                    box_cursor, box_face = self._text(
                        text, segment.classes, box_cursor, baseline, in_box=True, before=box_face
                    )
                    continue
                start = column
                column += cells(text)
                if not segment.classes:
                    body = text.strip(" ")
                    if not body:
                        continue  # padding to the next column
                    start += cells(text[: len(text) - len(text.lstrip(" "))])
                    text = body
                self._text(text, segment.classes, start * self.cell, baseline)
        self.operators.append(b"ET")
        return self.operators + self.rules, bookmarks

    def _text(
        self,
        text: str,
        classes: str,
        x: float,
        baseline: float,
        *,
        in_box: bool = False,
        before: Face | None = None,
    ) -> tuple[float, Face]:
        """Show ``text`` from ``x``; returns where its glyphs end and the last face used.

        In a fallback box, ``before`` is the face of the text before it (None at
        the box's start). Outside one, the grid, not the glyphs, places what
        follows, so the end is measured only when an underline needs it.
        """
        style = _style(classes)
        names = classes.split()
        underlined = "u" in names
        struck = STRUCK in names
        runs = _runs(text, style, before, self.box)
        if not runs:  # only presentation selectors
            return x, before
        if struck != self.grey:
            self.operators.append(_number(STRUCK_GREY if struck else 0) + b" g")
            self.grey = struck
        measure = in_box or underlined or struck or len(runs) > 1
        start = x
        y = _number(baseline)
        for face, run in runs:
            self._select(face, FONT_SIZE)
            fallback = face.fallback
            # fontconfig slants a face without italic by a 0.2 shear.
            shear = b"0.2" if fallback is not None and fallback.synthetic_oblique else b"0"
            for piece, squeeze in _pieces(face, run, squeeze=in_box):
                if squeeze != 1.0:
                    self.operators.append(_number(squeeze * 100) + b" Tz")
                self.operators.append(b"1 0 " + shear + b" 1 " + _number(x) + b" " + y + b" Tm")
                self.operators.append(self.fonts.encode(face, piece) + b" Tj")
                if squeeze != 1.0:
                    self.operators.append(b"100 Tz")
                if measure:
                    x += sum(face.advance(char) for char in piece) * squeeze * FONT_SIZE / 1000
        if underlined:
            rule = self._underline(start, baseline, x - start)
            self.rules.append(self._in_grey(rule) if struck else rule)
        if struck:
            self.rules.append(self._in_grey(self._strike(start, baseline, x - start)))
        return x, runs[-1][0]

    def _select(self, face: Face, size: float) -> None:
        """Make ``face`` at ``size`` the current font, with its synthetic bold."""
        name = self.fonts.resource_name(face)
        if name != self.font:
            self.operators.append(b"/" + name.encode() + b" " + _number(size) + b" Tf")
            self.font = name
        fallback = face.fallback
        mode = 2 if fallback is not None and fallback.synthetic_bold else 0
        if mode != self.render_mode:
            # Fill and stroke: fontconfig's synthetic emboldening of a face without bold.
            self.operators.append(b"2 Tr 0.36 w" if mode else b"0 Tr")
            self.render_mode = mode

    def _watermark(self, text: str) -> list[bytes]:
        """Light bold text along the page's diagonal, centred (see watermark_placement)."""
        place = watermark_placement(text, self.profile)
        runs = _runs(text, WATERMARK_STYLE, box=self.box)
        scale = place.size / 1000
        width = (
            sum(
                face.advance(char)
                for face, run in runs
                for char in run
                if char not in PRESENTATION_SELECTORS
            )
            * scale
        )
        cos, sin = math.cos(place.angle), math.sin(place.angle)
        # The baseline's start: the text's box is centred on the page, then turned.
        below_centre = _baseline_below_row_top(place.size) - place.size / 2
        x = place.page_width / 2 - cos * width / 2 + sin * below_centre
        y = place.page_height / 2 - sin * width / 2 - cos * below_centre
        self.operators, self.font, self.render_mode = [], None, 0
        self.operators += [b"q", _number(WATERMARK_GREY) + b" g", b"BT"]
        turn = b" ".join(map(_number, (cos, sin, -sin, cos)))
        for face, run in runs:
            self._select(face, place.size)
            shown = "".join(piece for piece, _scale in _pieces(face, run, squeeze=False))
            self.operators.append(turn + b" " + _number(x) + b" " + _number(y) + b" Tm")
            self.operators.append(self.fonts.encode(face, shown) + b" Tj")
            advance = sum(face.advance(char) for char in shown) * scale
            x, y = x + cos * advance, y + sin * advance
        self.operators += [b"ET", b"Q"]
        operators, self.font, self.render_mode = self.operators, None, 0
        return operators

    def _strike(self, x: float, baseline: float, width: float) -> bytes:
        """A filled rule ``width`` points long from ``x``, through the text on ``baseline``."""
        box = (x, baseline + STRIKE_RISE - STRIKE_THICKNESS / 2, width, STRIKE_THICKNESS)
        return b" ".join(map(_number, box)) + b" re f"

    @staticmethod
    def _in_grey(rule: bytes) -> bytes:
        return b"q " + _number(STRUCK_GREY) + b" g " + rule + b" Q"

    def _underline(self, x: float, baseline: float, width: float) -> bytes:
        """A filled rule ``width`` points long from ``x``, under the baseline at ``baseline``."""
        box = (x, baseline - UNDERLINE_DROP - UNDERLINE_THICKNESS / 2, width, UNDERLINE_THICKNESS)
        return b" ".join(map(_number, box)) + b" re f"


def paint_pages(
    views: Sequence[PageView],
    profile: PageProfile,
    meta: dict[str, str],
    *,
    with_outline: bool = True,
    box: Face | None = None,
    labels: Sequence[Label] | None = None,
    date: str | None = None,
) -> ChunkPdf:
    """A PDF of ``views`` (all drawable by ``can_paint``), with its bookmarks.

    With ``with_outline`` the file carries its own outline; without, the
    bookmarks are only returned, for a merge that builds the outline of the
    whole document (and gives it its page labels and dates: ``labels`` and
    ``date`` are for a file that is the whole document).
    """
    pdf = pydyf.PDF()
    fonts = EmbeddedFonts(pdf)
    painter = _PagePainter(fonts, profile, box)
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
    fonts.finish()
    font_resources.update(fonts.resources())
    if with_outline and bookmarks:
        _add_outline(pdf, pages, outline_tree([ChunkPdf(b"", bookmarks)], [0]))
    pdf.info.update(_info(meta))
    if labels is not None and date is not None:
        finish_pydyf(pdf, labels, date)
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
