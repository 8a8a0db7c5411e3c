"""Which installed font draws a character Courier Prime lacks, as WeasyPrint would pick it.

The stylesheet's font stack (screenplay.css) is Courier Prime, then
FALLBACK_FAMILIES, then the system's monospace. The direct painter asks
fontconfig (through ctypes: libfontconfig is installed wherever Pango and
WeasyPrint are) for each fallback family in that order and takes the first
whose character map has the character. Only characters that need no text
shaping are drawn this way (Hangul syllables, kana, CJK ideographs, Greek,
Cyrillic, symbols, emoji...): a page with Arabic, Hebrew, Indic scripts,
combining marks or joiners goes to WeasyPrint, whose shaping engine handles
them. ``any_font_has`` tells a character no installed font draws at all.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fountainkit.pdf.harfbuzz import FontError, FontFacts, load_font

# After "Courier Prime" in screenplay.css's font-family, in the same order:
# Cyrillic, Greek and symbols; Hangul, kana and ideographs; then emoji and
# pictographs in outline (one colour) form, which both painters can embed.
FALLBACK_FAMILIES = (
    "DejaVu Sans Mono",
    "Noto Sans Mono CJK KR",
    "Noto Sans CJK KR",
    "Symbola",
)
# The family an emoji presentation sequence (a character and U+FE0F) asks for.
EMOJI_FAMILY = "Symbola"
# The generic family the stylesheet ends with: fontconfig's pick for a
# character none of the families above has, as Pango makes it.
GENERIC_FAMILY = "monospace"

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
    (0xFFFC, 0xFFFD),  # object replacement, replacement character
    (0x1F000, 0x1F1E5),  # mahjong, domino and playing cards, enclosed alphanumerics
    (0x1F200, 0x1F3FA),  # enclosed ideographs, pictographs (before the skin tones)
    (0x1F400, 0x1FAFF),  # pictographs, emoticons, transport, alchemy, symbols
)
# Emoji variation selectors only ask for a text or emoji presentation: one
# outline font has just the one, so they are not drawn (HarfBuzz drops them too).
PRESENTATION_SELECTORS = frozenset("\ufe0e\ufe0f")
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


class _FcFontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


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
        (fc.FcPatternCreate, pointer, []),
        (fc.FcPatternAddCharSet, integer, [pointer, ctypes.c_char_p, pointer]),
        (fc.FcPatternAddBool, integer, [pointer, ctypes.c_char_p, integer]),
        (fc.FcCharSetCreate, pointer, []),
        (fc.FcCharSetAddChar, integer, [pointer, ctypes.c_uint32]),
        (fc.FcCharSetDestroy, None, [pointer]),
        (fc.FcObjectSetCreate, pointer, []),
        (fc.FcObjectSetAdd, integer, [pointer, ctypes.c_char_p]),
        (fc.FcObjectSetDestroy, None, [pointer]),
        (fc.FcFontList, ctypes.POINTER(_FcFontSet), [pointer, pointer, pointer]),
        (fc.FcFontSetDestroy, None, [ctypes.POINTER(_FcFontSet)]),
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
    return _match(family, bold, italic, None)


def _match(family: str, bold: bool, italic: bool, char: str | None) -> FallbackFont | None:
    """fontconfig's match for ``family`` in the style. With ``char``, the family
    is a generic one: the best font that has the character, whatever its
    family; without, only ``family`` itself."""
    loaded = _fontconfig()
    if loaded is None:
        return None
    fc, config = loaded
    weight = _FC_WEIGHT_BOLD if bold else _FC_WEIGHT_REGULAR
    slant = _FC_SLANT_ITALIC if italic else _FC_SLANT_ROMAN
    pattern = fc.FcNameParse(f"{family}:weight={weight}:slant={slant}".encode())
    if not pattern:
        return None
    match = charset = None
    try:
        if char is not None:
            charset = fc.FcCharSetCreate()
            fc.FcCharSetAddChar(charset, ord(char))
            fc.FcPatternAddCharSet(pattern, b"charset", charset)
        fc.FcConfigSubstitute(config, pattern, 0)
        fc.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = fc.FcFontMatch(config, pattern, ctypes.byref(result))
        if not match:
            return None
        found_family = _string(fc, match, b"family") or ""
        path = _string(fc, match, b"file")
        if not path or (char is None and found_family.casefold() != family.casefold()):
            return None
        index = _integer(fc, match, b"index", 0)
        facts = load_font(Path(path), index)
        if char is not None and not facts.has(char):
            return None
    except (OSError, FontError):  # unreadable or not a font HarfBuzz reads
        return None
    finally:
        if match:
            fc.FcPatternDestroy(match)
        if charset:
            fc.FcCharSetDestroy(charset)
        fc.FcPatternDestroy(pattern)
    return FallbackFont(
        family=family if char is None else found_family,
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
    """The font that draws ``char`` in this style, or None if the direct painter can't:
    the stylesheet's families in order, then fontconfig's pick for the generic
    family, as Pango falls back."""
    if not needs_no_shaping(char):
        return None
    for family in FALLBACK_FAMILIES:
        font = find_font(family, bold, italic)
        if font is not None and font.facts.has(char):
            return font
    return _match(GENERIC_FAMILY, bold, italic, char)


def is_emoji(char: str) -> bool:
    """Whether ``char`` is a pictograph Pango itemizes as emoji: the space after
    one goes back to the main font, not the emoji font."""
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


def is_invisible(char: str) -> bool:
    """Whether ``char`` takes no glyph of its own, so no font needs to have it:
    joiners, direction marks and other format characters, variation selectors."""
    return unicodedata.category(char) in ("Cf", "Zl", "Zp") or char in PRESENTATION_SELECTORS


@cache
def any_font_has(char: str) -> bool:
    """Whether any installed (scalable) font has a glyph for ``char``: what
    WeasyPrint can draw at all. True when fontconfig cannot be asked."""
    loaded = _fontconfig()
    if loaded is None:
        return True
    fc, config = loaded
    pattern = fc.FcPatternCreate()
    charset = fc.FcCharSetCreate()
    objects = fc.FcObjectSetCreate()
    found = None
    try:
        fc.FcCharSetAddChar(charset, ord(char))
        fc.FcPatternAddCharSet(pattern, b"charset", charset)
        fc.FcPatternAddBool(pattern, b"scalable", 1)
        fc.FcObjectSetAdd(objects, b"file")
        found = fc.FcFontList(config, pattern, objects)
        return bool(found) and found.contents.nfont > 0
    finally:
        if found:
            fc.FcFontSetDestroy(found)
        fc.FcObjectSetDestroy(objects)
        fc.FcCharSetDestroy(charset)
        fc.FcPatternDestroy(pattern)
