"""What the PDF needs to know about a bundled OpenType font, read from its tables.

The direct painter embeds the whole font file and addresses glyphs by index,
so it needs the character map, every glyph's advance, and the few metrics a
PDF font descriptor carries. The tables are read with ``struct`` (a few
hundred bytes of parsing, no font library to import).
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

Buffer = bytes | mmap.mmap


class FontFormatError(ValueError):
    """The file is not an OpenType/TrueType font this reader understands."""


@dataclass(frozen=True, slots=True)
class FontFacts:
    """One font file and the facts about it a PDF font dictionary needs.

    Lengths are in the font's design units (``units_per_em`` to the em);
    ``glyph_of`` maps a code point to its glyph index and ``advances`` holds
    every glyph's advance width by index.
    """

    data: bytes
    is_cff: bool
    units_per_em: int
    glyph_of: dict[int, int]
    advances: tuple[int, ...]
    ascent: int
    descent: int
    bbox: tuple[int, int, int, int]
    cap_height: int
    italic_angle: float
    fixed_pitch: bool
    weight_class: int = 400

    def scaled(self, units: float) -> float:
        """Design units in thousandths of an em, the unit of PDF glyph space."""
        return units * 1000 / self.units_per_em


# The tables read here; the glyph outlines (CFF, glyf) are only noted as present.
_READ_TABLES = (b"head", b"hhea", b"maxp", b"post", b"OS/2", b"cmap", b"hmtx")


def _tables(data: Buffer, font_index: int = 0) -> dict[bytes, bytes]:
    if len(data) < 12:
        raise FontFormatError("too short for a font")
    start = 0
    if data[:4] == b"ttcf":  # a collection: pick one font's table directory
        fonts = struct.unpack_from(">I", data, 8)[0]
        if not 0 <= font_index < fonts:
            raise FontFormatError(f"no font {font_index} in a collection of {fonts}")
        start = struct.unpack_from(">I", data, 12 + 4 * font_index)[0]
    version, count = struct.unpack_from(">4sH", data, start)
    if version not in (b"OTTO", b"\x00\x01\x00\x00", b"true"):
        raise FontFormatError("not an OpenType font")
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * index)
        # Offsets count from the file's start; an outline table can be megabytes.
        tables[tag] = bytes(data[offset : offset + length]) if tag in _READ_TABLES else b""
    return tables


def _format4(table: bytes, offset: int) -> dict[int, int]:
    seg_count = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends_at = offset + 14
    starts_at = ends_at + 2 * seg_count + 2  # a reserved pad follows the end codes
    deltas_at = starts_at + 2 * seg_count
    ranges_at = deltas_at + 2 * seg_count
    ends = struct.unpack_from(f">{seg_count}H", table, ends_at)
    starts = struct.unpack_from(f">{seg_count}H", table, starts_at)
    deltas = struct.unpack_from(f">{seg_count}h", table, deltas_at)
    ranges = struct.unpack_from(f">{seg_count}H", table, ranges_at)
    mapping: dict[int, int] = {}
    for segment in range(seg_count):
        start, end = starts[segment], ends[segment]
        delta, range_offset = deltas[segment], ranges[segment]
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                # idRangeOffset counts bytes from its own slot into glyphIdArray.
                at = ranges_at + 2 * segment + range_offset + 2 * (code - start)
                glyph = struct.unpack_from(">H", table, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                mapping[code] = glyph
    return mapping


def _format12(table: bytes, offset: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", table, offset + 12)[0]
    mapping: dict[int, int] = {}
    for index in range(groups):
        start, end, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * index)
        mapping.update(
            zip(range(start, end + 1), range(glyph, glyph + end - start + 1), strict=True)
        )
    return mapping


def _character_map(table: bytes) -> dict[int, int]:
    count = struct.unpack_from(">H", table, 2)[0]
    subtables = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
        subtables[(platform, encoding)] = offset
    # Full Unicode first, then the Basic Multilingual Plane.
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        offset = subtables.get(key)
        if offset is None:
            continue
        form = struct.unpack_from(">H", table, offset)[0]
        if form == 12:
            return _format12(table, offset)
        if form == 4:
            return _format4(table, offset)
    raise FontFormatError("no Unicode character map")


def _advances(hhea: bytes, hmtx: bytes, glyph_count: int) -> tuple[int, ...]:
    metric_count = struct.unpack_from(">H", hhea, 34)[0]
    # (advance, left side bearing) pairs: every other number is an advance.
    widths = list(struct.unpack_from(f">{2 * metric_count}H", hmtx, 0)[0::2])
    # Glyphs past the last full metric share its advance.
    widths.extend([widths[-1]] * (glyph_count - metric_count))
    return tuple(widths)


def read_font(data: Buffer, font_index: int = 0, *, keep_data: bool = True) -> FontFacts:
    """The facts of the font file ``data`` (font ``font_index`` of a collection);
    FontFormatError if it can't be read. Without ``keep_data`` the facts do not
    hold the file itself (a font to be subset from its path, not embedded whole)."""
    try:
        tables = _tables(data, font_index)
        head, hhea, post = tables[b"head"], tables[b"hhea"], tables[b"post"]
        units_per_em = struct.unpack_from(">H", head, 18)[0]
        bbox = struct.unpack_from(">4h", head, 36)
        ascent, descent = struct.unpack_from(">hh", hhea, 4)
        glyph_count = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
        italic_angle = struct.unpack_from(">i", post, 4)[0] / 65536
        fixed_pitch = struct.unpack_from(">I", post, 12)[0] != 0
        os2 = tables.get(b"OS/2", b"")
        version = struct.unpack_from(">H", os2, 0)[0] if os2 else 0
        cap_height = struct.unpack_from(">h", os2, 88)[0] if version >= 2 else ascent
        weight_class = struct.unpack_from(">H", os2, 4)[0] if os2 else 400
        return FontFacts(
            data=bytes(data) if keep_data else b"",
            is_cff=b"CFF " in tables,
            units_per_em=units_per_em,
            glyph_of=_character_map(tables[b"cmap"]),
            advances=_advances(hhea, tables[b"hmtx"], glyph_count),
            ascent=ascent,
            descent=descent,
            bbox=(bbox[0], bbox[1], bbox[2], bbox[3]),
            cap_height=cap_height,
            italic_angle=italic_angle,
            fixed_pitch=fixed_pitch,
            weight_class=weight_class,
        )
    except (KeyError, struct.error) as exc:
        raise FontFormatError(f"unreadable font tables ({exc})") from None


@cache
def load_font(path: Path, font_index: int = 0, *, keep_data: bool = True) -> FontFacts:
    """``read_font`` of a file, read once per process; mapped, not read, when the
    file itself is not kept (Noto Sans CJK is a 19 MB collection)."""
    if keep_data:
        return read_font(path.read_bytes(), font_index)
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        return read_font(mapped, font_index, keep_data=False)
