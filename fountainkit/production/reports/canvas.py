"""A small PDF canvas for tabular reports: text blocks and tables, painted straight to PDF.

WeasyPrint lays a 190-strip board out cell by cell and takes several seconds
of CPU for it; the reports are plain grids whose every box is known in
advance, so they are painted here with pydyf and the direct painter's font
machinery (:mod:`fountainkit.pdf.fonts`) in a small fraction of that.

Text is DejaVu Sans (subset, from fontconfig) when it is installed and
fonts can be subset, else the bundled Courier Prime; characters the main face
lacks come from the installed fallbacks (Noto Sans CJK for Hangul...). Only
characters that need no shaping can be drawn: :func:`can_paint` says whether
a report can, and the caller falls back to WeasyPrint otherwise, so no text
is ever dropped.

Coordinates are points from the top-left corner of the page; the canvas turns
them into PDF's bottom-up space.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import pydyf

from fountainkit.pdf.fallback import fallback_for, find_font, needs_no_shaping
from fountainkit.pdf.fonts import EmbeddedFonts, Face, faces, fallback_face
from fountainkit.pdf.harfbuzz import subsetting_available

PRIMARY_FAMILY = "DejaVu Sans"
PRODUCER = "fountainkit (direct report painter)"
LINE_FACTOR = 1.22  # line height as a multiple of the font size
Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)
WHITE: Color = (1.0, 1.0, 1.0)


def rgb(hex_color: str) -> Color:
    """``#rrggbb`` as PDF's 0-1 components."""
    return tuple(int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


@cache
def _primary(bold: bool, italic: bool) -> Face:
    if subsetting_available():
        font = find_font(PRIMARY_FAMILY, bold, italic)
        if font is not None:
            return fallback_face(font)
    return faces()[(bold, italic)]


@cache
def face_for(char: str, bold: bool, italic: bool) -> Face | None:
    """The face drawing ``char``, or None when it needs shaping or no font has it."""
    if not (" " <= char <= "~" or needs_no_shaping(char)):
        return None
    primary = _primary(bold, italic)
    if primary.has(char):
        return primary
    if not subsetting_available():
        return None
    font = fallback_for(char, bold, italic)
    return fallback_face(font) if font is not None else None


def can_paint(texts: Iterable[str]) -> bool:
    """Whether every character of ``texts`` has a face here (no shaping needed)."""
    seen: set[str] = set()
    for text in texts:
        seen.update(text)
    return all(char in "\n\t" or face_for(char, False, False) is not None for char in seen) and all(
        face_for(char, True, False) is not None for char in seen if char not in "\n\t"
    )


@cache
def _advance(char: str, bold: bool, italic: bool) -> float:
    face = face_for(char, bold, italic)
    return face.advance(char) / 1000 if face is not None else 0.5


def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    return sum(_advance(char, bold, italic) for char in text) * size


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text in one style; ``break_before`` starts a new line."""

    text: str
    bold: bool = False
    italic: bool = False
    color: Color | None = None
    break_before: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    spans: tuple[Span, ...] = ()
    align: str = "left"  # left | right | center
    fill: Color | None = None
    size: float | None = None  # the column's size when None

    @classmethod
    def of(cls, text: str, bold: bool = False, **kw: object) -> Cell:
        return cls((Span(text, bold=bold),), **kw)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Column:
    width: float  # points
    size: float = 8.0
    align: str = "left"


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    fill: Color | None = None
    banner: bool = False  # one cell across every column
    color: Color = BLACK  # text colour
    rule: Color | None = (0.27, 0.27, 0.27)  # cell borders; None: none
    keep_with_next: bool = False


@dataclass
class _Line:
    pieces: list[tuple[Span, str]] = field(default_factory=list)
    width: float = 0.0


def wrap(spans: Sequence[Span], width: float, size: float) -> list[_Line]:
    """Greedy word wrap of styled spans into ``width`` points; words longer than a
    line are cut between characters, so nothing runs past the cell."""
    lines = [_Line()]
    for span in spans:
        if span.break_before and (lines[-1].pieces or len(lines) > 1):
            lines.append(_Line())
        for index, part in enumerate(span.text.split("\n")):
            if index:
                lines.append(_Line())
            words = part.split(" ")
            for number, word in enumerate(words):
                token = (" " if number else "") + word
                if not token:
                    continue
                line = lines[-1]
                needed = text_width(token, size, span.bold, span.italic)
                if line.width + needed <= width or not line.pieces:
                    if not line.pieces:
                        token = token.lstrip(" ")
                        needed = text_width(token, size, span.bold, span.italic)
                    if needed > width:
                        _cut(lines, span, token, width, size)
                        continue
                    line.pieces.append((span, token))
                    line.width += needed
                else:
                    token = token.lstrip(" ")
                    lines.append(_Line())
                    if text_width(token, size, span.bold, span.italic) > width:
                        _cut(lines, span, token, width, size)
                        continue
                    lines[-1].pieces.append((span, token))
                    lines[-1].width = text_width(token, size, span.bold, span.italic)
    return [line for line in lines if line.pieces] or [_Line()]


def _cut(lines: list[_Line], span: Span, token: str, width: float, size: float) -> None:
    for char in token:
        advance = _advance(char, span.bold, span.italic) * size
        line = lines[-1]
        if line.pieces and line.width + advance > width:
            line = _Line()
            lines.append(line)
        if line.pieces and line.pieces[-1][0] is span:
            line.pieces[-1] = (span, line.pieces[-1][1] + char)
        else:
            line.pieces.append((span, char))
        line.width += advance


def _number(value: float) -> bytes:
    return f"{value:.3f}".rstrip("0").rstrip(".").encode("ascii")


def _color(color: Color, stroke: bool = False) -> bytes:
    return b" ".join(_number(c) for c in color) + (b" RG" if stroke else b" rg")


class Canvas:
    """Pages of a report, painted top to bottom."""

    PAD_X = 3.0
    PAD_Y = 2.2

    def __init__(self, width: float, height: float, margin: float, footer: str) -> None:
        self.width, self.height, self.margin = width, height, margin
        self.footer = footer
        self.pdf = pydyf.PDF()
        self.fonts = EmbeddedFonts(self.pdf)
        self.pages: list[list[bytes]] = []
        self.y = 0.0
        self.new_page()

    # --- pages -------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        return self.height - self.margin - 12  # room for the footer

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.margin

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.margin

    def room(self) -> float:
        return self.bottom - self.y

    def ensure(self, height: float) -> bool:
        """Start a new page unless ``height`` fits; True when a page was started."""
        if self.y + height > self.bottom and self.y > self.margin:
            self.new_page()
            return True
        return False

    # --- drawing -----------------------------------------------------------------

    def _ops(self, *operators: bytes) -> None:
        self.pages[-1].extend(operators)

    def rect(self, x: float, y: float, w: float, h: float, fill: Color | None, stroke: Color | None,
             line: float = 0.5) -> None:  # fmt: skip
        box = b" ".join(_number(v) for v in (x, self.height - y - h, w, h)) + b" re"
        if fill is not None and stroke is not None:
            self._ops(_color(fill), _color(stroke, True), _number(line) + b" w", box + b" B")
        elif fill is not None:
            self._ops(_color(fill), box + b" f")
        elif stroke is not None:
            self._ops(_color(stroke, True), _number(line) + b" w", box + b" S")

    def text(self, x: float, baseline: float, pieces: Sequence[tuple[Span, str]], size: float,
             color: Color = BLACK) -> None:  # fmt: skip
        """Show styled pieces from ``x`` on the baseline ``baseline`` (from the top)."""
        self._ops(*self._text_operators(x, baseline, pieces, size, color))

    def _text_operators(self, x: float, baseline: float, pieces: Sequence[tuple[Span, str]],
                        size: float, color: Color) -> list[bytes]:  # fmt: skip
        operators = [b"BT"]
        current: tuple[str, Color] | None = None
        emboldened = False
        for span, text in pieces:
            ink = span.color or color
            for face, run in self._runs(text, span.bold, span.italic):
                name = self.fonts.resource_name(face)
                if current != (name, ink):
                    operators.append(_color(ink) + b" " + _color(ink, True))
                    operators.append(b"/" + name.encode() + b" " + _number(size) + b" Tf")
                    current = (name, ink)
                fallback = face.fallback
                # A family without a bold face (Hangul) is emboldened as Pango does:
                # filled and stroked, the stroke 3 % of the size.
                bold = span.bold and fallback is not None and fallback.synthetic_bold
                if bold != emboldened:
                    operators.append(b"2 Tr " + _number(size * 0.03) + b" w" if bold else b"0 Tr")
                    emboldened = bold
                shear = b"0.2" if fallback is not None and fallback.synthetic_oblique else b"0"
                operators.append(
                    b"1 0 " + shear + b" 1 " + _number(x) + b" "
                    + _number(self.height - baseline) + b" Tm"
                )  # fmt: skip
                operators.append(self.fonts.encode(face, run) + b" Tj")
                x += sum(face.advance(char) for char in run) * size / 1000
        operators.append(b"ET")
        return operators

    @staticmethod
    def _runs(text: str, bold: bool, italic: bool) -> list[tuple[Face, str]]:
        runs: list[tuple[Face, str]] = []
        for char in text:
            if char.isspace():
                char = " "
            face = face_for(char, bold, italic) or face_for("?", bold, italic)
            assert face is not None
            if char == " " and runs and runs[-1][0].has(" "):
                # As Pango itemizes: a space stays in the font of the text before it.
                runs[-1] = (runs[-1][0], runs[-1][1] + " ")
                continue
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    # --- flow elements -----------------------------------------------------------

    def paragraph(self, spans: Sequence[Span], size: float, color: Color = BLACK,
                  space_after: float = 4.0, width: float | None = None) -> None:  # fmt: skip
        lines = wrap(spans, width or self.inner_width, size)
        height = size * LINE_FACTOR
        for line in lines:
            self.ensure(height)
            self.text(self.margin, self.y + size * 0.93, line.pieces, size, color)
            self.y += height
        self.y += space_after

    def swatches(self, items: Sequence[tuple[Color, str]], size: float = 7.5) -> None:
        """A colour key: a small box and its label, side by side."""
        x = self.margin
        height = size * 1.6
        self.ensure(height)
        for color, label in items:
            self.rect(x, self.y + 1, 20, size + 1, color, (0.33, 0.33, 0.33))
            self.text(x + 24, self.y + size * 0.95 + 0.5, [(Span(label), label)], size)
            x += 24 + text_width(label, size) + 14
        self.y += height + 2

    def columns_list(
        self, entries: Sequence[tuple[str, str]], columns: int, size: float = 7.5
    ) -> None:
        """``(bold number, text)`` entries in newspaper columns (the cast key)."""
        if not entries:
            return
        per_column = -(-len(entries) // columns)
        width = self.inner_width / columns
        height = size * LINE_FACTOR
        for start in range(0, per_column):
            self.ensure(height)
            for column in range(columns):
                index = column * per_column + start
                if index >= len(entries):
                    continue
                number, text = entries[index]
                x = self.margin + column * width
                lines = wrap([Span(text)], width - 26, size)
                self.text(x + 22 - text_width(number, size, True), self.y + size * 0.93,
                          [(Span(number, bold=True), number)], size)  # fmt: skip
                self.text(x + 25, self.y + size * 0.93, lines[0].pieces, size)
            self.y += height
        self.y += 5

    def row_height(self, columns: Sequence[Column], row: Row) -> tuple[float, list[list[_Line]]]:
        wrapped = []
        height = 0.0
        for cell, width, size in self._cells(columns, row):
            lines = wrap(cell.spans, width - 2 * self.PAD_X, size)
            wrapped.append(lines)
            height = max(height, len(lines) * size * LINE_FACTOR + 2 * self.PAD_Y)
        return height, wrapped

    def _cells(self, columns: Sequence[Column], row: Row) -> list[tuple[Cell, float, float]]:
        if row.banner:
            cell = row.cells[0]
            return [(cell, sum(c.width for c in columns), cell.size or columns[0].size)]
        return [
            (cell, column.width, cell.size or column.size)
            for cell, column in zip(row.cells, columns, strict=True)
        ]

    def table_row(
        self, columns: Sequence[Column], row: Row, measured: tuple[float, list[list[_Line]]]
    ) -> None:
        height, wrapped = measured
        x = self.margin
        cells = self._cells(columns, row)
        for (cell, width, size), lines, column in zip(cells, wrapped, columns, strict=False):
            fill = cell.fill or row.fill
            self.rect(x, self.y, width, height, fill, row.rule, 0.5)
            align = (
                cell.align if cell.align != "left" else (column.align if not row.banner else "left")
            )
            baseline = self.y + self.PAD_Y + size * 0.93
            for line in lines:
                if align == "right":
                    start = x + width - self.PAD_X - line.width
                elif align == "center":
                    start = x + (width - line.width) / 2
                else:
                    start = x + self.PAD_X
                self.text(start, baseline, line.pieces, size, row.color)
                baseline += size * LINE_FACTOR
            x += width
        self.y += height

    def table(self, columns: Sequence[Column], header: Sequence[Row], rows: Sequence[Row]) -> None:
        """Rows under a header repeated on every page; a row never splits across pages."""
        headers = [(row, self.row_height(columns, row)) for row in header]
        header_height = sum(measure[0] for _, measure in headers)

        def draw_header() -> None:
            for row, measure in headers:
                self.table_row(columns, row, measure)

        self.ensure(header_height + 20)
        draw_header()
        measured = [self.row_height(columns, row) for row in rows]
        for index, (row, measure) in enumerate(zip(rows, measured, strict=True)):
            needed = measure[0]
            if row.keep_with_next and index + 1 < len(rows):
                needed += measured[index + 1][0]
            if self.y + needed > self.bottom and self.y > self.margin + header_height:
                self.new_page()
                draw_header()
            self.table_row(columns, row, measure)

    # --- output ------------------------------------------------------------------

    def finish(self, title: str) -> bytes:
        total = len(self.pages)
        size = 7.0
        grey = (0.4, 0.4, 0.4)
        resources_fonts = pydyf.Dictionary()
        resources = pydyf.Dictionary({"Font": resources_fonts})
        self.pdf.add_object(resources)
        media_box = pydyf.Array([0, 0, self.width, self.height])
        baseline = self.height - self.margin + 4
        for number, operators in enumerate(self.pages, start=1):
            label = f"Page {number} of {total}"
            operators += self._text_operators(
                self.margin, baseline, [(Span(self.footer), self.footer)], size, grey
            )
            right = self.width - self.margin - text_width(label, size)
            operators += self._text_operators(right, baseline, [(Span(label), label)], size, grey)
            contents = pydyf.Stream(operators, compress=True)
            self.pdf.add_object(contents)
            page = pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": self.pdf.pages.reference,
                    "MediaBox": media_box,
                    "Contents": contents.reference,
                    "Resources": resources.reference,
                }
            )
            self.pdf.add_page(page)
        self.fonts.finish()
        resources_fonts.update(self.fonts.resources())
        self.pdf.info.update(
            {
                "Title": pydyf.String(title),
                "Creator": pydyf.String("fountainkit"),
                "Producer": pydyf.String(PRODUCER),
            }
        )
        out = io.BytesIO()
        self.pdf.write(out, version=b"1.7", identifier=True, compress=True)
        return out.getvalue()
