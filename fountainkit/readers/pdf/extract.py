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
import unicodedata
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from fountainkit.readers.base import ReaderError

MAX_PAGES = 5000
# A gap this many character cells wide inside one text object separates columns.
GAP_CELLS = 3


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


class _PageChars:
    """PDFium's text page of one page, character by character, built when a
    run needs it: where each character of a text object really is.

    A text object's own text says nothing of gaps inside it (a positioning
    offset reads as a space, or as nothing); the text page has every
    character's origin.
    """

    def __init__(self, textpage) -> None:
        self.handle = textpage
        count = raw.FPDFText_CountChars(self.handle)
        buffer = ctypes.create_string_buffer(2 * (count + 1))
        written = raw.FPDFText_GetText(
            self.handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        )
        text = buffer.raw[: 2 * max(0, written - 1)].decode("utf-16-le", errors="replace")
        if len(text) != count:  # one code point per character, else ask each one
            text = "".join(
                chr(c) if 0 < c < 0x110000 else "\ufffd"
                for c in (raw.FPDFText_GetUnicode(self.handle, i) for i in range(count))
            )
        self.text = text
        self._x, self._y = ctypes.c_double(), ctypes.c_double()

    def origin(self, index: int) -> tuple[float, float]:
        raw.FPDFText_GetCharOrigin(self.handle, index, ctypes.byref(self._x), ctypes.byref(self._y))
        return self._x.value, self._y.value

    def end(self, index: int, cell: float) -> float:
        """Where the character at ``index`` ends: one cell on, or further when
        its glyph is wider (an emoji, a CJK ideograph)."""
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        raw.FPDFText_GetCharBox(self.handle, index, left, right, bottom, top)
        return max(self.origin(index)[0] + cell, right.value)

    def find(self, text: str, y: float, left: float, right: float) -> int | None:
        """The index of ``text`` on the baseline ``y`` starting between ``left``
        and ``right`` (the text object's box), or None."""
        start = self.text.find(text)
        while start >= 0:
            x, baseline = self.origin(start)
            if abs(baseline - y) <= 1.0 and left - 1.0 <= x <= right:
                return start
            start = self.text.find(text, start + 1)
        return None


def _split_at_gaps(chars: _PageChars, start: int, run: TextRun) -> list[TextRun]:
    """``run`` (its text found at ``start``) cut into one run per stretch of
    characters without a wide gap between them."""
    cell = run.size * 0.6
    origins = [chars.origin(start + i)[0] for i in range(len(run.text))]
    pieces: list[TextRun] = []
    begin = 0
    for at in range(1, len(run.text) + 1):
        if at < len(run.text) and origins[at] - origins[at - 1] <= GAP_CELLS * cell:
            continue
        piece = run.text[begin:at]
        text = piece.strip(" ")
        if text:
            first = begin + len(piece) - len(piece.lstrip(" "))
            last = begin + len(piece.rstrip(" ")) - 1
            pieces.append(
                replace(run, x=origins[first], right=chars.end(start + last, cell), text=text)
            )
        begin = at
    return pieces or [run]


def _rtl_clusters(chars: _PageChars, start: int, text: str) -> str:
    """Right-to-left ``text`` (found at ``start``) with each ligature's letters in order.

    PDFium turns right-to-left text from drawing order into reading order by
    reversing it, character by character, so a glyph that stands for several
    letters (Arabic lam-alef) has them reversed too. Its letters share one
    origin on the text page: put each such cluster back in order.
    """
    origins = [round(chars.origin(start + i)[0], 2) for i in range(len(text))]
    out: list[str] = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and origins[end] == origins[index]:
            end += 1
        cluster = text[index:end]
        out.append(cluster[::-1])
        index = end
    return "".join(out)


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).casefold()
        if "password" in message:
            raise ReaderError(
                f"{name}: the PDF is encrypted (it needs a password); save an unprotected copy"
            ) from None
        # PDFium's last error code may say "Success" for a file it could not open.
        detail = str(exc).replace(" (PDFium: Success)", "").rstrip(".")
        raise ReaderError(f"{name}: not a readable PDF (damaged or incomplete: {detail})") from None


def extract_pages(data: bytes, name: str) -> list[PdfPage]:
    """Every page's runs, rules and image count (ReaderError for unreadable PDFs)."""
    document = _open(data, name)
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise ReaderError(f"{name}: {count} pages is more than a screenplay ({MAX_PAGES} max)")
        reader = _PageReader()
        return [reader.page(document.raw, index, name) for index in range(count)]
    finally:
        document.close()


class _PageReader:
    """Reads pages with PDFium's C API directly, through buffers made once.

    Cost per page matters (a feature is 120 pages of ~40 text objects each):
    the raw handles skip pypdfium2's wrapper objects and finalizers, one
    ``FPDFTextObj_GetText`` call into a reused buffer gets most texts, and
    ASCII text skips the per-character right-to-left check.
    """

    def __init__(self) -> None:
        self.fonts: dict[int, _Font] = {}  # by font handle: shared by the document's pages
        self._resize(8192)
        self.matrix = raw.FS_MATRIX()
        self.left, self.bottom, self.right, self.top = (ctypes.c_float() for _ in range(4))
        self.size = ctypes.c_float()

    def _resize(self, length: int) -> None:
        self.buffer = ctypes.create_string_buffer(length)
        self.wide = ctypes.cast(self.buffer, ctypes.POINTER(raw.FPDF_WCHAR))

    def _text(self, obj, textpage) -> str:
        length = raw.FPDFTextObj_GetText(obj, textpage, self.wide, len(self.buffer))
        if length > len(self.buffer):  # too long for the buffer: grow it, ask again
            self._resize(length)
            length = raw.FPDFTextObj_GetText(obj, textpage, self.wide, length)
        if length <= 2:  # the terminator alone
            return ""
        text = self.buffer.raw[: length - 2].decode("utf-16-le", errors="replace")
        return text.replace("\x00", "").replace("\r", "").replace("\n", "")

    def page(self, document, index: int, name: str) -> PdfPage:
        page = raw.FPDF_LoadPage(document, index)
        if not page:
            raise ReaderError(f"{name}: not a readable PDF (page {index + 1} is damaged)")
        try:
            textpage = raw.FPDFText_LoadPage(page)
            if not textpage:
                raise ReaderError(f"{name}: not a readable PDF (page {index + 1} is damaged)")
            try:
                width = raw.FPDF_GetPageWidthF(page)
                height = raw.FPDF_GetPageHeightF(page)
                runs, rules, images = self._objects(page, textpage)
            finally:
                raw.FPDFText_ClosePage(textpage)
        finally:
            raw.FPDF_ClosePage(page)
        return PdfPage(index + 1, width, height, runs, rules, images)

    def _objects(self, page, textpage) -> tuple[list[TextRun], list[Rule], int]:
        runs: list[TextRun] = []
        rules: list[Rule] = []
        images = 0
        matrix, size = self.matrix, self.size
        left, bottom, right, top = self.left, self.bottom, self.right, self.top
        chars: _PageChars | None = None
        for position in range(raw.FPDFPage_CountObjects(page)):
            obj = raw.FPDFPage_GetObject(page, position)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                text = self._text(obj, textpage)
                if not text.strip():
                    continue
                handle = raw.FPDFTextObj_GetFont(obj)
                key = ctypes.cast(handle, ctypes.c_void_p).value or 0
                font = self.fonts.get(key)
                if font is None:
                    font = self.fonts[key] = _font_info(handle)
                raw.FPDFPageObj_GetMatrix(obj, matrix)
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                raw.FPDFTextObj_GetFontSize(obj, size)
                scale = (matrix.a * matrix.a + matrix.b * matrix.b) ** 0.5 or 1.0
                run = TextRun(
                    matrix.e,
                    matrix.f,
                    right.value,
                    text,
                    size.value * scale,
                    font.bold,
                    font.italic,
                    font.monospace,
                )
                visible = text.strip(" ")
                rtl = not visible.isascii() and any(
                    unicodedata.bidirectional(c) in ("R", "AL") for c in visible
                )
                cell = run.size * 0.6
                spread = font.monospace and run.right - run.x > (len(text) + GAP_CELLS) * cell
                if text[0] == " " or rtl or spread:
                    # A leading space is a positioning gap (TJ offset) read as
                    # text: the object starts left of its first glyph. A run
                    # wider than its characters holds columns set apart by
                    # positioning (WeasyPrint draws both halves of dual dialogue
                    # in one object). The text page knows where each glyph is.
                    chars = chars or _PageChars(textpage)
                    start = chars.find(visible, run.y, run.x, run.right)
                    if start is not None:
                        if rtl:
                            visible = _rtl_clusters(chars, start, visible)
                        last = chars.end(start + len(visible) - 1, cell)
                        run = replace(run, x=chars.origin(start)[0], right=last, text=visible)
                        if run.right - run.x > (len(visible) + GAP_CELLS) * cell:
                            runs.extend(_split_at_gaps(chars, start, run))
                            continue
                runs.append(run)
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                if top.value - bottom.value <= 2.5 and right.value - left.value >= 3:
                    rules.append(Rule(left.value, right.value, (top.value + bottom.value) / 2))
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
        return runs, rules, images
