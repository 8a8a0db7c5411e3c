"""Fonts for the direct painter: the bundled Courier Prime faces and installed fallbacks.

Every font is a Type 0 font with Identity-H encoding: the content stream holds
glyph indices, ``/W`` holds the advances the painter moved by, and a
ToUnicode map lets readers copy, search and extract the text.

Every font file is embedded once, as a subset of the glyphs the pages used
(``harfbuzz.subset_font``), under a subset tag derived from those glyphs:

- the four Courier Prime faces, with 600/1000 em advances: 10 characters to
  the inch at 12pt, the grid the layout counts in;
- fallback fonts (DejaVu Sans Mono for Cyrillic and Greek, Noto Sans CJK for
  Hangul and kana, Symbola for emoji, see ``fallback``);
- the document's box font for characters no installed font has (``missing``).

A face a family lacks (italic Hangul) is the regular font drawn slanted or
emboldened by the painter, so it shares the regular font's subset: a file is
embedded once however many styles draw with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pydyf

from fountainkit.pdf.fallback import FallbackFont
from fountainkit.pdf.harfbuzz import FontError, FontFacts, load_font, subset_font
from fountainkit.resources import fonts_dir
from fountainkit.writers.html import FONT_FACES

# (bold, italic) of each bundled file, in FONT_FACES order.
_STYLES = ((False, False), (True, False), (False, True), (True, True))
# PDF font names: the family without its space, the style after a hyphen.
_BASE_NAMES = (
    "CourierPrime",
    "CourierPrime-Bold",
    "CourierPrime-Italic",
    "CourierPrime-BoldItalic",
)

Style = tuple[bool, bool]
FontKey = tuple[Path, int]


@dataclass(frozen=True, slots=True)
class Face:
    """A font the painter draws with: the PDF name of its file, and its facts.

    ``fallback`` is the installed font a fallback face comes from (None for a
    bundled face); it also says which style the painter synthesises.
    ``width_decimals`` is how precisely advances are written (0 for Courier
    Prime, whose 0.5996 em becomes the grid's 600/1000).
    """

    base_name: str
    facts: FontFacts
    width_decimals: int = 0
    fallback: FallbackFont | None = None

    @property
    def key(self) -> FontKey:
        """The font file (and index) this face draws from: what is embedded."""
        return (self.facts.path, self.facts.index)

    def has(self, char: str) -> bool:
        return self.facts.has(char)

    def glyph(self, char: str) -> int:
        glyph = self.facts.glyph(ord(char))
        if glyph is None:
            raise KeyError(f"{self.base_name} has no glyph for U+{ord(char):04X}")
        return glyph

    def width(self, glyph: int) -> float:
        """The advance of ``glyph`` in thousandths of an em, as written in ``/W``."""
        return round(self.facts.scaled(self.facts.advance(glyph)), self.width_decimals)

    def advance(self, char: str) -> float:
        """The advance of ``char`` in thousandths of an em."""
        return self.width(self.glyph(char))


@cache
def faces() -> dict[Style, Face]:
    """The four bundled faces by (bold, italic)."""
    out = {}
    for (filename, _weight, _style), style, base_name in zip(
        FONT_FACES, _STYLES, _BASE_NAMES, strict=True
    ):
        out[style] = Face(base_name, load_font(fonts_dir() / filename))
    return out


@cache
def covered_characters() -> frozenset[str]:
    """Characters every bundled face has a glyph for."""
    sets = [face.facts.characters() for face in faces().values()]
    return frozenset(map(chr, frozenset.intersection(*sets)))


@cache
def fallback_face(font: FallbackFont) -> Face:
    """The painter's face for an installed fallback font (its file's own style
    in the name: a synthesised style is drawn, not embedded)."""
    facts = font.facts
    style = ("-Bold" if facts.weight_class >= 600 else "") + (
        "-Italic" if facts.italic_angle else ""
    )
    name = "".join(font.family.split()) + style
    return Face(name, facts, width_decimals=3, fallback=font)


@dataclass
class _Embedded:
    face: Face  # the first face drawn from the file: its name and facts
    font: pydyf.Dictionary
    used: dict[int, str]  # glyph -> the character it reads back as
    hex_of: dict[str, str] = field(default_factory=dict)  # character -> glyph as 4 hex digits


class EmbeddedFonts:
    """The fonts of one document: one PDF font per font file, its glyphs
    recorded as the pages use them, embedded as subsets by ``finish``."""

    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.names: dict[FontKey, str] = {}  # font file -> page resource name
        self.references: dict[str, str] = {}  # resource name -> font object
        self.embedded: dict[str, _Embedded] = {}

    def resource_name(self, face: Face) -> str:
        """The page resource name of ``face``'s font file (``F0``, ``F1``...)."""
        name = self.names.get(face.key)
        if name is not None:
            return name
        name = self.names[face.key] = f"F{len(self.names)}"
        font = pydyf.Dictionary()  # filled in by finish(), once every glyph is known
        self.pdf.add_object(font)
        self.references[name] = font.reference
        self.embedded[name] = _Embedded(face, font, {})
        return name

    def encode(self, face: Face, text: str) -> bytes:
        """``text`` in ``face`` for a ``Tj``, remembering the glyphs it uses."""
        entry = self.embedded[self.resource_name(face)]
        hex_of = entry.hex_of
        try:
            return b"<" + "".join(map(hex_of.__getitem__, text)).encode("ascii") + b">"
        except KeyError:
            for char in set(text) - hex_of.keys():
                glyph = face.glyph(char)
                entry.used.setdefault(glyph, char)
                hex_of[char] = f"{glyph:04x}"
            return b"<" + "".join(map(hex_of.__getitem__, text)).encode("ascii") + b">"

    def resources(self) -> pydyf.Dictionary:
        """The /Font resource dictionary of every font used."""
        return pydyf.Dictionary(dict(self.references))

    def finish(self) -> None:
        """Embed each font file as a subset of the glyphs the pages used.

        FontError when a fallback font cannot be subset (a whole CJK font is
        no option); a bundled face is embedded whole when subsetting is not
        installed.
        """
        for entry in self.embedded.values():
            face, used = entry.face, entry.used
            try:
                data = subset_font(face.facts, used)
            except FontError:
                if face.fallback is not None:
                    raise
                data = face.facts.path.read_bytes()
            digest = hashlib.sha1(
                repr((face.base_name, sorted(used))).encode(), usedforsecurity=False
            ).digest()
            tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
            entry.font.update(self._font_dictionary(face, data, f"{tag}+{face.base_name}", used))

    def _add(self, obj: pydyf.Object) -> str:
        self.pdf.add_object(obj)
        return obj.reference

    def _font_dictionary(
        self, face: Face, data: bytes, base_name: str, used: dict[int, str]
    ) -> dict:
        """The Type 0 font's entries for a subset holding the ``used`` glyphs."""
        facts = face.facts
        font_file = pydyf.Stream(
            [data],
            pydyf.Dictionary({"Subtype": "/OpenType"} if facts.is_cff else {"Length1": len(data)}),
            compress=True,
        )
        family = face.fallback.family if face.fallback else "Courier Prime"
        # FixedPitch for monospaced families, Symbolic (as for any font addressed
        # by glyph index), Italic when the file itself slants.
        monospaced = face.fallback is None or "Mono" in family
        flags = (1 if monospaced else 0) | 4 | (64 if facts.italic_angle else 0)
        descriptor = pydyf.Dictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": f"/{base_name}",
                "FontFamily": pydyf.String(family),
                "Flags": flags,
                "FontBBox": pydyf.Array([round(facts.scaled(v)) for v in facts.bbox]),
                "ItalicAngle": facts.italic_angle,
                "Ascent": round(facts.scaled(facts.ascent)),
                "Descent": round(facts.scaled(facts.descent)),
                "CapHeight": round(facts.scaled(facts.cap_height)),
                "StemV": 80,
                "FontFile3" if facts.is_cff else "FontFile2": self._add(font_file),
            }
        )
        # The most common advance as the default: only the others are listed. It is
        # written as an integer: poppler reads a fractional /DW as 1000, so glyphs
        # left to a default of 636.23 (DejaVu Sans digits) would draw a full em apart.
        glyphs = sorted(used)
        widths_of = {glyph: face.width(glyph) for glyph in glyphs}
        values = [value for value in widths_of.values() if value == int(value)]
        default = int(max(set(values), key=values.count)) if values else 1000
        widths = pydyf.Array()
        for glyph in glyphs:
            if widths_of[glyph] != default:
                widths.extend([glyph, pydyf.Array([widths_of[glyph]])])
        descendant = pydyf.Dictionary(
            {
                "Type": "/Font",
                "Subtype": "/CIDFontType0" if facts.is_cff else "/CIDFontType2",
                "BaseFont": f"/{base_name}",
                "CIDSystemInfo": pydyf.Dictionary(
                    {
                        "Registry": pydyf.String("Adobe"),
                        "Ordering": pydyf.String("Identity"),
                        "Supplement": 0,
                    }
                ),
                "FontDescriptor": self._add(descriptor),
                "DW": default,
                "W": widths,
            }
        )
        if not facts.is_cff:
            descendant["CIDToGIDMap"] = "/Identity"
        text_of = {glyph: char for glyph, char in used.items()}
        to_unicode = pydyf.Stream(_to_unicode_lines(text_of), compress=True)
        return {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": f"/{base_name}",
            "Encoding": "/Identity-H",
            "DescendantFonts": pydyf.Array([self._add(descendant)]),
            "ToUnicode": self._add(to_unicode),
        }


def _to_unicode_lines(text_of: dict[int, str]) -> list[bytes]:
    pairs = sorted(text_of.items())
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):  # at most 100 entries per block
        batch = pairs[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines.extend(
            f"<{glyph:04x}> <{text.encode('utf-16-be').hex()}>".encode() for glyph, text in batch
        )
        lines.append(b"endbfchar")
    lines.extend([b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"])
    return lines
