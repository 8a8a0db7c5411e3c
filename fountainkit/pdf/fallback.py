"""Which installed font draws a character Courier Prime lacks, as WeasyPrint would pick it.

The stylesheet's font stack (screenplay.css) is Courier Prime, then
FALLBACK_FAMILIES, then the system's monospace. The direct painter asks
fontconfig (through ctypes: libfontconfig is installed wherever Pango and
WeasyPrint are) for each fallback family in that order and takes the first
whose character map has the character. Only characters that need no text
shaping are drawn this way (Hangul syllables, kana, CJK ideographs, Greek,
Cyrillic, symbols...): a page with Arabic, Hebrew, Indic scripts, combining
marks or joiners goes to WeasyPrint, whose shaping engine handles them.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fountainkit.pdf.opentype import FontFacts, load_font

# After "Courier Prime" in screenplay.css's font-family, in the same order.
FALLBACK_FAMILIES = ("DejaVu Sans Mono", "Noto Sans Mono CJK KR", "Noto Sans CJK KR")

# Blocks whose characters are drawn one glyph each, left to right, with no shaping.
_UNSHAPED_BLOCKS = (
    (0x00A0, 0x02FF),  # Latin-1 to IPA and spacing modifiers (before the combining marks)
    (0x0370, 0x052F),  # Greek, Cyrillic
    (0x1E00, 0x1FFF),  # Latin and Greek precomposed
    (0x2000, 0x2BFF),  # punctuation, currency, letterlike, arrows, math, shapes
    (0x3000, 0x30FF),  # CJK punctuation, kana
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x31F0, 0x4DBF),  # kana extension, enclosed CJK, CJK extension A
    (0x4E00, 0x9FFF),  # CJK ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF01, 0xFFEE),  # fullwidth and halfwidth forms
)
# Joiners, direction marks and other invisible format characters change shaping.
_SHAPING_CATEGORIES = ("Cf", "Cc", "Cs", "Co", "Cn", "Mn", "Me", "Mc")

_FC_WEIGHT_REGULAR, _FC_WEIGHT_BOLD = 80, 200
_FC_SLANT_ROMAN, _FC_SLANT_ITALIC = 0, 100
_FC_RESULT_MATCH = 0


@dataclass(frozen=True, slots=True)
class FallbackFont:
    """An installed font file (one face of it), and what has to be synthesised.

    Fontconfig gives the regular face when a family has no bold or italic;
    Pango then slants it (fontconfig's 0.2 shear) or emboldens it, and so
    does the direct painter.
    """

    family: str
    path: Path
    index: int
    facts: FontFacts = field(compare=False, repr=False)  # same file and index, same facts
    synthetic_oblique: bool
    synthetic_bold: bool


def needs_no_shaping(char: str) -> bool:
    """Whether ``char`` is drawn as one glyph on its own (see _UNSHAPED_BLOCKS)."""
    code = ord(char)
    if unicodedata.category(char) in _SHAPING_CATEGORIES:
        return False
    return any(low <= code <= high for low, high in _UNSHAPED_BLOCKS)


@cache
def _fontconfig() -> tuple[ctypes.CDLL, int] | None:
    try:
        fc = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return None
    pointer, integer = ctypes.c_void_p, ctypes.c_int
    signatures = [
        (fc.FcInitLoadConfigAndFonts, pointer, []),
        (fc.FcNameParse, pointer, [ctypes.c_char_p]),
        (fc.FcConfigSubstitute, integer, [pointer, pointer, integer]),
        (fc.FcDefaultSubstitute, None, [pointer]),
        (fc.FcFontMatch, pointer, [pointer, pointer, ctypes.POINTER(integer)]),
        (
            fc.FcPatternGetString,
            integer,
            [pointer, ctypes.c_char_p, integer, ctypes.POINTER(ctypes.c_char_p)],
        ),
        (
            fc.FcPatternGetInteger,
            integer,
            [pointer, ctypes.c_char_p, integer, ctypes.POINTER(integer)],
        ),
        (fc.FcPatternDestroy, None, [pointer]),
    ]
    for function, result, arguments in signatures:
        function.restype = result
        function.argtypes = arguments
    config = fc.FcInitLoadConfigAndFonts()
    return (fc, config) if config else None


def _string(fc: ctypes.CDLL, pattern: int, key: bytes) -> str | None:
    value = ctypes.c_char_p()
    if fc.FcPatternGetString(pattern, key, 0, ctypes.byref(value)) != _FC_RESULT_MATCH:
        return None
    return value.value.decode("utf-8", "replace") if value.value else None


def _integer(fc: ctypes.CDLL, pattern: int, key: bytes, default: int) -> int:
    value = ctypes.c_int()
    if fc.FcPatternGetInteger(pattern, key, 0, ctypes.byref(value)) != _FC_RESULT_MATCH:
        return default
    return value.value


@cache
def find_font(family: str, bold: bool, italic: bool) -> FallbackFont | None:
    """The installed face of ``family`` fontconfig picks for the style, or None
    when the family is not installed (fontconfig would substitute another)."""
    loaded = _fontconfig()
    if loaded is None:
        return None
    fc, config = loaded
    weight = _FC_WEIGHT_BOLD if bold else _FC_WEIGHT_REGULAR
    slant = _FC_SLANT_ITALIC if italic else _FC_SLANT_ROMAN
    pattern = fc.FcNameParse(f"{family}:weight={weight}:slant={slant}".encode())
    if not pattern:
        return None
    match = None
    try:
        fc.FcConfigSubstitute(config, pattern, 0)
        fc.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = fc.FcFontMatch(config, pattern, ctypes.byref(result))
        if not match:
            return None
        found_family = _string(fc, match, b"family")
        path = _string(fc, match, b"file")
        if not path or (found_family or "").casefold() != family.casefold():
            return None
        index = _integer(fc, match, b"index", 0)
        facts = load_font(Path(path), index, keep_data=False)
    except (OSError, ValueError):  # unreadable, empty (mmap) or not a font (FontFormatError)
        return None
    finally:
        if match:
            fc.FcPatternDestroy(match)
        fc.FcPatternDestroy(pattern)
    return FallbackFont(
        family=family,
        path=Path(path),
        index=index,
        facts=facts,
        # The face's own tables say whether it slants and how heavy it is
        # (fontconfig's match reports the style asked for once it synthesises).
        synthetic_oblique=italic and facts.italic_angle == 0,
        synthetic_bold=bold and facts.weight_class < 600,
    )


@cache
def fallback_for(char: str, bold: bool, italic: bool) -> FallbackFont | None:
    """The font that draws ``char`` in this style, or None if the direct painter can't."""
    if not needs_no_shaping(char):
        return None
    code = ord(char)
    for family in FALLBACK_FAMILIES:
        font = find_font(family, bold, italic)
        if font is not None and code in font.facts.glyph_of:
            return font
    return None
