"""The text of a PDF as positioned, styled runs, read with PDFium (pypdfium2).

One :class:`TextRun` per text object PDFium finds (one per ``Tj``/``TJ``
show-text operation in practice): its origin (x of the first glyph, y of the
baseline, in points from the bottom-left corner), its text, font size and
style. Thin horizontal path objects are kept as :class:`Rule` (underlines);
images are counted, to tell a scanned page from an empty one.

Why PDFium rather than pdfminer/pdfplumber: reading text objects is one C call
each instead of Python work per glyph. On a 136-page feature pdfplumber's
``extract_words`` took 3.7-7.6 s and pdfminer with a bare device 0.5-2.1 s;
this takes 0.25-0.6 s (docs/import.md).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from fountainkit.readers.base import ReaderError

MAX_PAGES = 5000


@dataclass(frozen=True, slots=True)
class TextRun:
    x: float  # origin of the first glyph
    y: float  # baseline
    right: float  # right edge of the inked glyphs
    text: str
    size: float
    bold: bool
    italic: bool
    monospace: bool


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin horizontal line or filled bar: an underline where it sits under text."""

    left: float
    right: float
    y: float


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    runs: list[TextRun]
    rules: list[Rule]
    images: int


@dataclass(frozen=True, slots=True)
class _Font:
    name: str
    bold: bool
    italic: bool
    monospace: bool


_FIXED_PITCH = 1  # PDF font descriptor flag 1 (bit 0)


def _font_info(handle) -> _Font:
    size = raw.FPDFFont_GetBaseFontName(handle, None, 0)
    name = ""
    if size > 0:
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFFont_GetBaseFontName(handle, buffer, size)
        name = buffer.value.decode("latin-1")
    base = name.partition("+")[2] or name  # subset prefix "ABCDEF+"
    lowered = base.casefold()
    weight = raw.FPDFFont_GetWeight(handle)
    angle = ctypes.c_int(0)
    raw.FPDFFont_GetItalicAngle(handle, ctypes.byref(angle))
    flags = raw.FPDFFont_GetFlags(handle)
    bold = any(w in lowered for w in ("bold", "black", "heavy", "semibold")) or weight >= 600
    italic = any(w in lowered for w in ("italic", "oblique")) or angle.value != 0
    monospace = bool(flags & _FIXED_PITCH) or "courier" in lowered or "mono" in lowered
    return _Font(base, bold, italic, monospace)


def _first_glyph_x(textpage, text: str, right: float, y: float) -> float | None:
    """The origin of ``text``'s first glyph, found through the page's character index.

    The character under the object's right edge is one of its last few; line
    the text up with the characters before it and read the first one's origin.
    """
    handle = textpage.raw
    hit = raw.FPDFText_GetCharIndexAtPos(handle, right - 0.5, y + 2, 2.0, 4.0)
    if hit < 0:
        return None
    visible = text.rstrip(" ")
    for shift in (0, -1, 1, -2, 2, 3):
        last = hit + shift  # the hit may sit a character or two off the last glyph
        first = last - (len(visible) - 1)
        if first < 0:
            continue
        if raw.FPDFText_GetUnicode(handle, first) != ord(visible[0]):
            continue
        if raw.FPDFText_GetUnicode(handle, last) != ord(visible[-1]):
            continue
        x, y_origin = ctypes.c_double(), ctypes.c_double()
        if raw.FPDFText_GetCharOrigin(handle, first, ctypes.byref(x), ctypes.byref(y_origin)):
            return x.value
    return None


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).casefold()
        if "password" in message:
            raise ReaderError(
                f"{name}: the PDF is encrypted (it needs a password); save an unprotected copy"
            ) from None
        raise ReaderError(f"{name}: not a readable PDF (damaged or incomplete: {exc})") from None


def extract_pages(data: bytes, name: str) -> list[PdfPage]:
    """Every page's runs, rules and image count (ReaderError for unreadable PDFs)."""
    document = _open(data, name)
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise ReaderError(f"{name}: {count} pages is more than a screenplay ({MAX_PAGES} max)")
        return [_page(document, index) for index in range(count)]
    finally:
        document.close()


def _page(document: pdfium.PdfDocument, index: int) -> PdfPage:
    page = document[index]
    textpage = page.get_textpage()
    width, height = page.get_size()
    fonts: dict[int, _Font] = {}
    runs: list[TextRun] = []
    rules: list[Rule] = []
    images = 0
    buffer = ctypes.create_string_buffer(8192)
    wide = ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR))
    matrix = raw.FS_MATRIX()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    size = ctypes.c_float()
    try:
        for position in range(raw.FPDFPage_CountObjects(page)):
            obj = raw.FPDFPage_GetObject(page, position)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                length = raw.FPDFTextObj_GetText(obj, textpage, None, 0)
                if length <= 2:
                    continue
                if length > len(buffer):
                    buffer = ctypes.create_string_buffer(length)
                    wide = ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR))
                raw.FPDFTextObj_GetText(obj, textpage, wide, length)
                text = buffer.raw[: length - 2].decode("utf-16-le", errors="replace")
                text = text.replace("\x00", "").replace("\r", "").replace("\n", "")
                if not text.strip():
                    continue
                handle = raw.FPDFTextObj_GetFont(obj)
                key = ctypes.cast(handle, ctypes.c_void_p).value or 0
                font = fonts.get(key)
                if font is None:
                    font = fonts[key] = _font_info(handle)
                raw.FPDFPageObj_GetMatrix(obj, matrix)
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                raw.FPDFTextObj_GetFontSize(obj, size)
                scale = (matrix.a * matrix.a + matrix.b * matrix.b) ** 0.5 or 1.0
                x = matrix.e
                if text[0] == " ":
                    # Extraction turned a positioning gap (TJ offset) into a space:
                    # the object starts left of its first glyph; find where that is.
                    found = _first_glyph_x(textpage, text.lstrip(" "), right.value, matrix.f)
                    if found is not None:
                        x, text = found, text.lstrip(" ")
                runs.append(
                    TextRun(
                        x,
                        matrix.f,
                        right.value,
                        text,
                        size.value * scale,
                        font.bold,
                        font.italic,
                        font.monospace,
                    )
                )
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                if top.value - bottom.value <= 2.5 and right.value - left.value >= 3:
                    rules.append(Rule(left.value, right.value, (top.value + bottom.value) / 2))
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
    finally:
        textpage.close()
        page.close()
    return PdfPage(index + 1, width, height, runs, rules, images)
