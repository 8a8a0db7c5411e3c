"""Characters no installed font can draw: found, reported, and drawn as boxes.

A script may hold a character no font on the machine has (a private-use
character, an emoji newer than the installed emoji font). Left to a font's
``.notdef`` glyph, such a character would print as a box but read back as
nothing, or worse: WeasyPrint then writes its font with a custom encoding
that text extractors (pdfminer, so pdfplumber) cannot read, and the whole
page's text layer is lost.

So the document gets a small font of its own, built here with fontTools: one
box glyph per missing character, mapped to that character. Both painters
draw the missing characters with it like any other fallback font, so the box
prints where the character goes and the text layer keeps the character.
Each missing character is reported once, with the first line it is on
(``MissingGlyphWarning``, shown by the CLI as one line on stderr).
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from fountainkit.layout import Document
from fountainkit.layout.wrap import char_cells
from fountainkit.model import (
    Action,
    Centered,
    Character,
    Lyrics,
    Note,
    Screenplay,
    Section,
    Span,
    Synopsis,
    TitleEntry,
    plain,
    walk,
)
from fountainkit.pdf.fallback import any_font_has, is_invisible
from fountainkit.pdf.fonts import covered_characters
from fountainkit.writers.html import PageView, visible_controls

BOX_FAMILY = "fountainkit missing glyph"
BOX_FILE = "fountainkit-missing-glyph.ttf"
# Design units; the box font's vertical metrics are Courier Prime's, so a row
# holding a box sits exactly where a row of Courier Prime does.
UNITS_PER_EM = 1000
ASCENT, DESCENT = 892, -409
CELL_UNITS = 600
BOX_INSET, BOX_TOP, BOX_STROKE = 60, 700, 50


class MissingGlyphWarning(UserWarning):
    """A character no installed font has: it prints as an empty box (a control
    character prints as its control picture, see ``html.visible_controls``)."""

    def __init__(self, char: str, line: int | None) -> None:
        self.char = char
        self.line = line
        where = f"line {line}: " if line else ""
        if unicodedata.category(char) == "Cc":
            what = f"control character {describe(char)} prints as {visible_controls(char)}"
        else:
            what = f"no installed font has {describe(char)}; it prints as an empty box"
        super().__init__(where + what)


def describe(char: str) -> str:
    """``U+1F972 (SMILING FACE WITH TEAR)``, or the category for unnamed ones."""
    name = unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        name = {"Co": "private use", "Cn": "unassigned", "Cc": "control"}.get(category, category)
    return f"U+{ord(char):04X} ({name})"


def missing_characters(views: Iterable[PageView]) -> list[str]:
    """The printed characters no installed font has, in order of first use."""
    covered = covered_characters()
    seen: set[str] = set()
    missing: list[str] = []
    for view in views:
        texts = [segment.text for row in view.rows for segment in row]
        texts.append(view.watermark)
        for text in texts:
            if text.isascii() and text.isprintable():
                continue
            for char in text:
                if char in covered or char in seen:
                    continue
                seen.add(char)
                if not is_invisible(char) and not any_font_has(char):
                    missing.append(char)
    return missing


def control_characters(document: Document) -> list[str]:
    """The control characters in the laid-out text, in order of first use."""
    found: dict[str, None] = {}
    for page in [*document.title_pages, *document.pages]:
        for line in page.lines:
            for part in (line, line.right):
                if part is not None and not part.text.isprintable():
                    found.update((c, None) for c in part.text if unicodedata.category(c) == "Cc")
    return list(found)


def _located_texts(screenplay: Screenplay) -> Iterator[tuple[int, str]]:
    """(line, text) for every piece of text in the model, in source order."""
    for node in walk(screenplay):
        span: Span | None = getattr(node, "span", None)
        if span is None:
            continue
        line = span.start_line
        if isinstance(node, Action | Centered | Lyrics | TitleEntry):
            # One entry per source line (a title entry's value may start on the
            # key's line or the next: either way within a line of it).
            first = line + (1 if isinstance(node, TitleEntry) and len(node.lines) > 1 else 0)
            for offset, runs in enumerate(node.lines):
                yield first + offset, plain(runs, include_hidden=True)
        elif isinstance(node, Character):
            yield line, node.text
        elif isinstance(node, Section):
            yield line, node.title
        elif isinstance(node, Synopsis | Note):
            for offset, text in enumerate(node.text.split("\n")):
                yield line + offset, text
        elif hasattr(node, "runs"):
            yield line, plain(node.runs, include_hidden=True)


def first_lines(screenplay: Screenplay, chars: Iterable[str]) -> dict[str, int | None]:
    """The first source line each character is on (None when only settings hold it,
    such as a header or a watermark)."""
    wanted = set(chars)
    found: dict[str, int | None] = {}
    for line, text in _located_texts(screenplay):
        if not wanted:
            break
        for char in wanted & set(text):
            found[char] = line
        wanted -= set(found)
    return {char: found.get(char) for char in chars}


def warn_missing(screenplay: Screenplay, chars: list[str]) -> None:
    """One MissingGlyphWarning per character, with its first line."""
    for char, line in first_lines(screenplay, chars).items():
        warnings.warn(MissingGlyphWarning(char, line), stacklevel=3)


def box_font(chars: list[str], folder: Path) -> Path:
    """A TrueType font in ``folder`` with one box glyph per character of ``chars``,
    as wide as the character's grid cells."""
    from fontTools.fontBuilder import FontBuilder  # only for a document that needs it

    names = [".notdef", *(f"box{index}" for index in range(len(chars)))]
    widths = [CELL_UNITS, *(CELL_UNITS * max(1, char_cells(char)) for char in chars)]
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.font.recalcTimestamp = False  # the same characters give the same bytes
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(char): names[index + 1] for index, char in enumerate(chars)})
    builder.setupGlyf({name: _box(width) for name, width in zip(names, widths, strict=True)})
    builder.setupHorizontalMetrics(
        {name: (width, BOX_INSET) for name, width in zip(names, widths, strict=True)}
    )
    builder.setupHorizontalHeader(ascent=ASCENT, descent=DESCENT)
    builder.setupNameTable({"familyName": BOX_FAMILY, "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=ASCENT,
        sTypoDescender=DESCENT,
        usWinAscent=ASCENT,
        usWinDescent=-DESCENT,
        sCapHeight=BOX_TOP,
    )
    builder.setupPost(isFixedPitch=1)
    builder.setupHead(created=0, modified=0)
    path = folder / BOX_FILE
    builder.save(str(path))
    return path


def _box(width: int):
    """An empty rectangle the width of the cells, like a font's .notdef."""
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    left, right = BOX_INSET, width - BOX_INSET
    bottom, top = 0, BOX_TOP
    inner = BOX_STROKE
    # Outer contour clockwise, inner counter-clockwise: a hollow box.
    for points in (
        [(left, bottom), (left, top), (right, top), (right, bottom)],
        [
            (left + inner, bottom + inner),
            (right - inner, bottom + inner),
            (right - inner, top - inner),
            (left + inner, top - inner),
        ],
    ):
        pen.moveTo(points[0])
        for point in points[1:]:
            pen.lineTo(point)
        pen.closePath()
    return pen.glyph()
