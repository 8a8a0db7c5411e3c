"""Fonts for the direct painter: the bundled Courier Prime faces and installed fallbacks.

Every font is a Type 0 font with Identity-H encoding: the content stream holds
glyph indices, ``/W`` holds the advances the painter moved by, and a
ToUnicode map lets readers copy, search and extract the text.

- The four Courier Prime faces are embedded whole (about 45 KB each, no
  subsetting to pay for), with 600/1000 em advances: 10 characters to the
  inch at 12pt, the grid the layout counts in.
- A fallback face (Noto Sans CJK for Hangul and kana, DejaVu Sans Mono for
  Cyrillic and Greek, see ``fallback_fonts``) is embedded once the pages are
  painted, as a subset of the glyphs they used (``font_subset``), under a
  subset tag derived from those glyphs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache

import pydyf

from fountainkit.pdf.fallback import FallbackFont
from fountainkit.pdf.opentype import FontFacts, load_font
from fountainkit.pdf.subset import subset_font
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


@dataclass(frozen=True, slots=True)
class Face:
    """A font the painter draws with: its PDF name, facts and per-character glyphs.

    ``fallback`` is the installed font a fallback face comes from (None for a
    bundled face); ``width_decimals`` is how precisely advances are written
    (0 for Courier Prime, whose 0.5996 em becomes the grid's 600/1000).
    """

    base_name: str
    facts: FontFacts
    hex_of: dict[str, str] = field(repr=False)
    width_decimals: int = 0
    fallback: FallbackFont | None = None
    # glyph -> the code point it reads back as, for a bundled face's whole ToUnicode map
    text_of: dict[int, int] = field(default_factory=dict, repr=False)

    def encode(self, text: str) -> bytes:
        """``text`` as the hex string of its glyph indices (every char must be covered)."""
        return b"<" + "".join(map(self.hex_of.__getitem__, text)).encode("ascii") + b">"

    def width(self, glyph: int) -> float:
        """The advance of ``glyph`` in thousandths of an em, as written in ``/W``."""
        return round(self.facts.scaled(self.facts.advances[glyph]), self.width_decimals)

    def advance(self, char: str) -> float:
        """The advance of ``char`` in thousandths of an em."""
        return self.width(self.facts.glyph_of[ord(char)])


def _hex_of(facts: FontFacts) -> dict[str, str]:
    return {chr(code): f"{glyph:04x}" for code, glyph in facts.glyph_of.items()}


@cache
def faces() -> dict[Style, Face]:
    """The four bundled faces by (bold, italic)."""
    out = {}
    for (filename, _weight, _style), style, base_name in zip(
        FONT_FACES, _STYLES, _BASE_NAMES, strict=True
    ):
        facts = load_font(fonts_dir() / filename)
        out[style] = Face(base_name, facts, _hex_of(facts), text_of=_first_characters(facts))
    return out


@cache
def covered_characters() -> frozenset[str]:
    """Characters every bundled face has a glyph for."""
    sets = [frozenset(face.hex_of) for face in faces().values()]
    return frozenset.intersection(*sets)


@cache
def fallback_face(font: FallbackFont) -> Face:
    """The painter's face for an installed fallback font."""
    style = ("-Bold" if font.facts.weight_class >= 600 else "") + (
        "-Italic" if font.facts.italic_angle or font.synthetic_oblique else ""
    )
    name = font.family.replace(" ", "") + style
    return Face(name, font.facts, _hex_of(font.facts), width_decimals=3, fallback=font)


class EmbeddedFonts:
    """The fonts of one document: bundled faces embedded on first use, fallback
    faces recorded glyph by glyph and embedded as subsets by ``finish``."""

    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.names: dict[str, str] = {}  # Face.base_name -> page resource name
        self.references: dict[str, str] = {}  # resource name -> font object
        self.pending: dict[str, tuple[Face, pydyf.Dictionary, dict[int, str]]] = {}

    def resource_name(self, face: Face) -> str:
        """The page resource name of ``face`` (``F0``, ``F1``...), embedding it if new."""
        name = self.names.get(face.base_name)
        if name is not None:
            return name
        name = self.names[face.base_name] = f"F{len(self.names)}"
        if face.fallback is None:
            self.references[name] = self._embed(face, face.facts.data, face.base_name)
        else:
            # Filled in by finish(), once every glyph the pages use is known.
            font = pydyf.Dictionary()
            self.references[name] = self._add(font)
            self.pending[name] = (face, font, {})
        return name

    def encode(self, face: Face, text: str) -> bytes:
        """``text`` in ``face`` for a ``Tj``, remembering a fallback face's glyphs."""
        if face.fallback is not None:
            used = self.pending[self.resource_name(face)][2]
            for char in text:
                used.setdefault(face.facts.glyph_of[ord(char)], char)
        return face.encode(text)

    def resources(self) -> pydyf.Dictionary:
        """The /Font resource dictionary of every face used."""
        return pydyf.Dictionary(dict(self.references))

    def finish(self) -> None:
        """Embed the fallback faces as subsets of the glyphs the pages used."""
        for face, font, used in self.pending.values():
            fallback = face.fallback
            assert fallback is not None
            data = subset_font(fallback.path, fallback.index, used)
            digest = hashlib.sha1(repr(sorted(used)).encode(), usedforsecurity=False).digest()
            tag = "".join(chr(65 + byte % 26) for byte in digest[:6])
            font.update(self._font_dictionary(face, data, f"{tag}+{face.base_name}", used))
        self.pending.clear()

    def _add(self, obj: pydyf.Object) -> str:
        self.pdf.add_object(obj)
        return obj.reference

    def _embed(self, face: Face, data: bytes, base_name: str) -> str:
        return self._add(pydyf.Dictionary(self._font_dictionary(face, data, base_name, None)))

    def _font_dictionary(
        self, face: Face, data: bytes, base_name: str, used: dict[int, str] | None
    ) -> dict:
        """The Type 0 font's entries; ``used`` (glyph -> char) for a subset, None for all."""
        facts = face.facts
        font_file = pydyf.Stream(
            [data],
            pydyf.Dictionary({"Subtype": "/OpenType"} if facts.is_cff else {"Length1": len(data)}),
            compress=True,
        )
        # FixedPitch for monospaced families, Symbolic (as for any font addressed
        # by glyph index), Italic when it slants.
        monospaced = face.fallback is None or "Mono" in face.fallback.family
        italic = bool(facts.italic_angle) or bool(face.fallback and face.fallback.synthetic_oblique)
        flags = (1 if monospaced else 0) | 4 | (64 if italic else 0)
        descriptor = pydyf.Dictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": f"/{base_name}",
                "FontFamily": pydyf.String(
                    face.fallback.family if face.fallback else "Courier Prime"
                ),
                "Flags": flags,
                "FontBBox": pydyf.Array([round(facts.scaled(v)) for v in facts.bbox]),
                "ItalicAngle": facts.italic_angle or (-11.3 if italic else 0),
                "Ascent": round(facts.scaled(facts.ascent)),
                "Descent": round(facts.scaled(facts.descent)),
                "CapHeight": round(facts.scaled(facts.cap_height)),
                "StemV": 80,
                "FontFile3" if facts.is_cff else "FontFile2": self._add(font_file),
            }
        )
        if used is None:
            default = face.width(facts.glyph_of[0x20])
            glyphs = [g for g in range(len(facts.advances)) if face.width(g) != default]
            text_of = face.text_of
        else:
            default = 1000
            glyphs = sorted(used)
            text_of = {glyph: ord(char) for glyph, char in used.items()}
        widths = pydyf.Array()
        for glyph in glyphs:
            widths.extend([glyph, pydyf.Array([face.width(glyph)])])
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
        to_unicode = pydyf.Stream(_to_unicode_lines(text_of), compress=True)
        return {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": f"/{base_name}",
            "Encoding": "/Identity-H",
            "DescendantFonts": pydyf.Array([self._add(descendant)]),
            "ToUnicode": self._add(to_unicode),
        }


def _first_characters(facts: FontFacts) -> dict[int, int]:
    # A glyph several characters share (space and no-break space) reads back as the first.
    text_of: dict[int, int] = {}
    for code, glyph in sorted(facts.glyph_of.items()):
        text_of.setdefault(glyph, code)
    return text_of


def _to_unicode_lines(text_of: dict[int, int]) -> list[bytes]:
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
            f"<{glyph:04x}> <{chr(code).encode('utf-16-be').hex()}>".encode()
            for glyph, code in batch
        )
        lines.append(b"endbfchar")
    lines.extend([b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"])
    return lines
