"""The bundled Courier Prime faces as PDF fonts, for the direct painter.

Each face is embedded whole (about 45 KB, no subsetting to pay for) as a
Type 0 font with Identity-H encoding: the content stream holds glyph indices,
``/W`` holds the font's own advances (so text advances exactly as WeasyPrint's
layout of the same face does), and a ToUnicode map lets readers copy, search
and extract the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pydyf

from fountainkit.render.html import FONT_FACES
from fountainkit.render.opentype import FontFacts, load_font
from fountainkit.resources import fonts_dir

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
    """One bundled face: its PDF name, its facts, text-to-glyph encoding, ToUnicode map."""

    base_name: str
    facts: FontFacts
    hex_of: dict[str, str] = field(repr=False)
    to_unicode: tuple[bytes, ...] = field(repr=False)

    def encode(self, text: str) -> bytes:
        """``text`` as the hex string of its glyph indices (every char must be covered)."""
        return b"<" + "".join(map(self.hex_of.__getitem__, text)).encode("ascii") + b">"


@cache
def faces() -> dict[Style, Face]:
    """The four bundled faces by (bold, italic)."""
    out = {}
    for (filename, _weight, _style), style, base_name in zip(
        FONT_FACES, _STYLES, _BASE_NAMES, strict=True
    ):
        facts = load_font(fonts_dir() / filename)
        hex_of = {chr(code): f"{glyph:04x}" for code, glyph in facts.glyph_of.items()}
        out[style] = Face(base_name, facts, hex_of, _to_unicode_lines(facts))
    return out


@cache
def covered_characters() -> frozenset[str]:
    """Characters every bundled face has a glyph for: what the direct painter can draw."""
    sets = [frozenset(face.hex_of) for face in faces().values()]
    return frozenset.intersection(*sets)


class EmbeddedFonts:
    """Adds each face to a pydyf document the first time a page uses it."""

    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.references: dict[Style, str] = {}

    def resource_name(self, style: Style) -> str:
        """The page resource name of ``style``'s face (``F0``..``F3``), embedding it if new."""
        if style not in self.references:
            self.references[style] = self._embed(faces()[style])
        return f"F{_STYLES.index(style)}"

    def resources(self) -> pydyf.Dictionary:
        """The /Font resource dictionary of every face embedded so far."""
        return pydyf.Dictionary(
            {f"F{_STYLES.index(style)}": ref for style, ref in self.references.items()}
        )

    def _add(self, obj: pydyf.Object) -> str:
        self.pdf.add_object(obj)
        return obj.reference

    def _embed(self, face: Face) -> str:
        facts = face.facts
        font_file = pydyf.Stream(
            [facts.data],
            pydyf.Dictionary({"Subtype": "/OpenType"} if facts.is_cff else {}),
            compress=True,
        )
        if not facts.is_cff:
            font_file.extra["Length1"] = len(facts.data)
        bbox = [round(facts.scaled(v)) for v in facts.bbox]
        # FixedPitch (Courier, whatever its post table says) and Symbolic, as
        # for any font addressed by glyph index; Italic when it slants.
        flags = 1 | 4 | (64 if facts.italic_angle else 0)
        descriptor = pydyf.Dictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": f"/{face.base_name}",
                "FontFamily": pydyf.String("Courier Prime"),
                "Flags": flags,
                "FontBBox": pydyf.Array(bbox),
                "ItalicAngle": facts.italic_angle,
                "Ascent": round(facts.scaled(facts.ascent)),
                "Descent": round(facts.scaled(facts.descent)),
                "CapHeight": round(facts.scaled(facts.cap_height)),
                "StemV": 80,
                "FontFile3" if facts.is_cff else "FontFile2": self._add(font_file),
            }
        )
        descendant = pydyf.Dictionary(
            {
                "Type": "/Font",
                "Subtype": "/CIDFontType0" if facts.is_cff else "/CIDFontType2",
                "BaseFont": f"/{face.base_name}",
                "CIDSystemInfo": pydyf.Dictionary(
                    {
                        "Registry": pydyf.String("Adobe"),
                        "Ordering": pydyf.String("Identity"),
                        "Supplement": 0,
                    }
                ),
                "FontDescriptor": self._add(descriptor),
                "DW": _width(facts, facts.glyph_of[0x20]),
                "W": _widths(facts),
            }
        )
        if not facts.is_cff:
            descendant["CIDToGIDMap"] = "/Identity"
        to_unicode = pydyf.Stream(list(face.to_unicode), compress=True)
        font = pydyf.Dictionary(
            {
                "Type": "/Font",
                "Subtype": "/Type0",
                "BaseFont": f"/{face.base_name}",
                "Encoding": "/Identity-H",
                "DescendantFonts": pydyf.Array([self._add(descendant)]),
                "ToUnicode": self._add(to_unicode),
            }
        )
        return self._add(font)


def _width(facts: FontFacts, glyph: int) -> int:
    # Whole thousandths: Courier Prime's 1228/2048 em becomes 600, 10 characters
    # to the inch at 12pt, the grid the layout counts in.
    return round(facts.scaled(facts.advances[glyph]))


def _widths(facts: FontFacts) -> pydyf.Array:
    """``/W`` entries for the glyphs whose advance is not the default (a space's)."""
    default = facts.advances[facts.glyph_of[0x20]]
    entries = pydyf.Array()
    for glyph, advance in enumerate(facts.advances):
        if advance != default:
            entries.extend([glyph, pydyf.Array([_width(facts, glyph)])])
    return entries


def _to_unicode_lines(facts: FontFacts) -> tuple[bytes, ...]:
    # A glyph several characters share (space and no-break space) reads back as the first.
    text_of: dict[int, int] = {}
    for code, glyph in sorted(facts.glyph_of.items()):
        text_of.setdefault(glyph, code)
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
    return tuple(lines)
