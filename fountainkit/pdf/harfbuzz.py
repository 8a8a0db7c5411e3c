"""Fonts through HarfBuzz: what a PDF font dictionary needs, and subsets.

HarfBuzz (libharfbuzz and libharfbuzz-subset, installed wherever Pango and
WeasyPrint are) reads the OpenType tables and cuts subsets; this module only
declares the C functions it calls, through ctypes. It is the same library that
shapes WeasyPrint's pages, so both painters get the same glyphs and advances.

Why ctypes and not a Python binding (measured in docs/performance.md, "Fonts"):
loading the two shared libraries takes about 10 ms, ``import uharfbuzz``
about 100 ms (it carries its own HarfBuzz) and fontTools' table and subset
modules about 370 ms, against a ~400 ms ``fountainkit pdf`` of a feature on a
quiet machine. fontTools also decodes a whole character map and glyph order
up front (370 ms for Noto Sans CJK, 1 ms here); HarfBuzz answers each lookup
on demand from the mapped file.

Subsets keep glyph indices (the removed glyphs become empty), so a page's
content stream names glyphs by their index in the original font.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import struct
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


class FontError(RuntimeError):
    """A font HarfBuzz cannot read or subset (or HarfBuzz is not installed)."""


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


_RETAIN_GIDS = 0x2
_DESUBROUTINIZE = 0x4
_PASSTHROUGH_UNRECOGNIZED = 0x20
_DROP_TABLE_TAG_SET = 3
# Tables a PDF viewer never reads: layout (done already), bitmaps, vertical metrics.
_DROPPED_TABLES = (
    "BASE",
    "DSIG",
    "EBDT",
    "EBLC",
    "EBSC",
    "GPOS",
    "GSUB",
    "JSTF",
    "VORG",
    "vhea",
    "vmtx",
)
_CAP_HEIGHT = _tag("cpht")
_SLANT_ANGLE = _tag("slnt")
_WEIGHT = _tag("wght")
_SET_VALUE_INVALID = 0xFFFFFFFF


class _FontExtents(ctypes.Structure):
    _fields_ = [("ascender", ctypes.c_int32), ("descender", ctypes.c_int32)] + [
        (f"reserved{i}", ctypes.c_int32) for i in range(10)
    ]


def _load(name: str, soname: str) -> ctypes.CDLL | None:
    for candidate in (soname, ctypes.util.find_library(name)):
        if candidate:
            try:
                return ctypes.CDLL(candidate)
            except OSError:
                continue
    return None


@cache
def _harfbuzz() -> ctypes.CDLL | None:
    hb = _load("harfbuzz", "libharfbuzz.so.0")
    if hb is None:
        return None
    pointer, uint, integer = ctypes.c_void_p, ctypes.c_uint, ctypes.c_int
    signatures = [
        (hb.hb_blob_create_from_file, pointer, [ctypes.c_char_p]),
        (hb.hb_blob_get_length, uint, [pointer]),
        (hb.hb_blob_get_data, pointer, [pointer, ctypes.POINTER(uint)]),
        (hb.hb_blob_destroy, None, [pointer]),
        (hb.hb_face_create, pointer, [pointer, uint]),
        (hb.hb_face_get_upem, uint, [pointer]),
        (hb.hb_face_get_glyph_count, uint, [pointer]),
        (hb.hb_face_reference_table, pointer, [pointer, uint]),
        (hb.hb_face_reference_blob, pointer, [pointer]),
        (hb.hb_face_collect_unicodes, None, [pointer, pointer]),
        (hb.hb_face_destroy, None, [pointer]),
        (hb.hb_font_create, pointer, [pointer]),
        (hb.hb_font_get_nominal_glyph, integer, [pointer, uint, ctypes.POINTER(uint)]),
        (hb.hb_font_get_glyph_h_advance, ctypes.c_int32, [pointer, uint]),
        (hb.hb_font_get_h_extents, integer, [pointer, ctypes.POINTER(_FontExtents)]),
        (hb.hb_ot_metrics_get_position, integer, [pointer, uint, ctypes.POINTER(ctypes.c_int32)]),
        (hb.hb_style_get_value, ctypes.c_float, [pointer, uint]),
        (hb.hb_font_destroy, None, [pointer]),
        (hb.hb_set_create, pointer, []),
        (hb.hb_set_add, None, [pointer, uint]),
        (hb.hb_set_next, integer, [pointer, ctypes.POINTER(uint)]),
        (hb.hb_set_destroy, None, [pointer]),
    ]
    for function, result, arguments in signatures:
        function.restype = result
        function.argtypes = arguments
    return hb


@cache
def _subsetter() -> ctypes.CDLL | None:
    if _harfbuzz() is None:
        return None
    subset = _load("harfbuzz-subset", "libharfbuzz-subset.so.0")
    if subset is None:
        return None
    pointer, uint = ctypes.c_void_p, ctypes.c_uint
    signatures = [
        (subset.hb_subset_input_create_or_fail, pointer, []),
        (subset.hb_subset_input_glyph_set, pointer, [pointer]),
        (subset.hb_subset_input_set, pointer, [pointer, ctypes.c_int]),
        (subset.hb_subset_input_set_flags, None, [pointer, uint]),
        (subset.hb_subset_input_destroy, None, [pointer]),
        (subset.hb_subset_or_fail, pointer, [pointer, pointer]),
    ]
    for function, result, arguments in signatures:
        function.restype = result
        function.argtypes = arguments
    return subset


def harfbuzz_available() -> bool:
    """Whether libharfbuzz can be loaded here (it comes with Pango)."""
    return _harfbuzz() is not None


def subsetting_available() -> bool:
    """Whether libharfbuzz-subset can be loaded here too."""
    return _subsetter() is not None


class _Handle:
    """One open face and font, kept for the process (fonts are few and small to
    hold: HarfBuzz maps the file). Lookups are serialised: HarfBuzz fonts are
    safe to share, the Python caches around them are not."""

    def __init__(self, path: Path, index: int) -> None:
        hb = _harfbuzz()
        if hb is None:
            raise FontError("libharfbuzz is not installed")
        self.hb = hb
        self.blob = hb.hb_blob_create_from_file(str(path).encode())
        if not hb.hb_blob_get_length(self.blob):
            hb.hb_blob_destroy(self.blob)
            raise FontError(f"cannot read {path}")
        self.face = hb.hb_face_create(self.blob, index)
        self.font = hb.hb_font_create(self.face)
        self.glyphs: dict[int, int | None] = {}
        self.advances: dict[int, int] = {}
        self.lock = threading.Lock()

    def has_table(self, tag: str) -> bool:
        """Whether the font has the table (without copying it: CFF can be megabytes)."""
        hb = self.hb
        blob = hb.hb_face_reference_table(self.face, _tag(tag))
        try:
            return hb.hb_blob_get_length(blob) > 0
        finally:
            hb.hb_blob_destroy(blob)

    def table(self, tag: str) -> bytes:
        hb = self.hb
        blob = hb.hb_face_reference_table(self.face, _tag(tag))
        try:
            length = ctypes.c_uint()
            data = hb.hb_blob_get_data(blob, ctypes.byref(length))
            return ctypes.string_at(data, length.value) if data and length.value else b""
        finally:
            hb.hb_blob_destroy(blob)


@cache
def _open(path: Path, index: int) -> _Handle:
    return _Handle(path, index)


@dataclass(frozen=True, slots=True)
class FontFacts:
    """One font of a file and the facts a PDF font dictionary needs.

    Lengths are in the font's design units (``units_per_em`` to the em).
    ``glyph`` and ``advance`` ask HarfBuzz on first use and remember the answer.
    """

    path: Path
    index: int
    is_cff: bool
    units_per_em: int
    glyph_count: int
    ascent: int
    descent: int
    bbox: tuple[int, int, int, int]
    cap_height: int
    italic_angle: float
    weight_class: int
    _handle: _Handle = field(repr=False, compare=False, hash=False)

    def scaled(self, units: float) -> float:
        """Design units in thousandths of an em, the unit of PDF glyph space."""
        return units * 1000 / self.units_per_em

    def glyph(self, code: int) -> int | None:
        """The glyph the character map gives ``code``, or None."""
        handle = self._handle
        found = handle.glyphs.get(code, -1)
        if found != -1:
            return found
        with handle.lock:
            glyph = ctypes.c_uint()
            ok = handle.hb.hb_font_get_nominal_glyph(handle.font, code, ctypes.byref(glyph))
            found = glyph.value if ok and glyph.value else None
            handle.glyphs[code] = found
        return found

    def has(self, char: str) -> bool:
        return self.glyph(ord(char)) is not None

    def advance(self, glyph: int) -> int:
        """The advance width of ``glyph`` in design units."""
        handle = self._handle
        found = handle.advances.get(glyph)
        if found is None:
            with handle.lock:
                found = handle.advances[glyph] = handle.hb.hb_font_get_glyph_h_advance(
                    handle.font, glyph
                )
        return found

    def characters(self) -> frozenset[int]:
        """Every code point the character map covers."""
        handle = self._handle
        hb = handle.hb
        unicodes = hb.hb_set_create()
        try:
            hb.hb_face_collect_unicodes(handle.face, unicodes)
            codes = []
            code = ctypes.c_uint(_SET_VALUE_INVALID)
            while hb.hb_set_next(unicodes, ctypes.byref(code)):
                codes.append(code.value)
            return frozenset(codes)
        finally:
            hb.hb_set_destroy(unicodes)


@cache
def load_font(path: Path, index: int = 0) -> FontFacts:
    """The facts of font ``index`` of the file at ``path``, read once per process;
    FontError when HarfBuzz cannot read it."""
    handle = _open(path, index)
    hb = handle.hb
    units_per_em = hb.hb_face_get_upem(handle.face)
    glyph_count = hb.hb_face_get_glyph_count(handle.face)
    head = handle.table("head")
    if not units_per_em or not glyph_count or len(head) < 44:
        raise FontError(f"{path.name} is not a font HarfBuzz can read")
    extents = _FontExtents()
    hb.hb_font_get_h_extents(handle.font, ctypes.byref(extents))
    cap_height = ctypes.c_int32()
    if not hb.hb_ot_metrics_get_position(handle.font, _CAP_HEIGHT, ctypes.byref(cap_height)):
        cap_height.value = extents.ascender
    # The head table's bounding box: xMin, yMin, xMax, yMax at byte 36.
    x_min, y_min, x_max, y_max = struct.unpack_from(">4h", head, 36)
    return FontFacts(
        path=path,
        index=index,
        is_cff=handle.has_table("CFF "),
        units_per_em=units_per_em,
        glyph_count=glyph_count,
        ascent=extents.ascender,
        descent=extents.descender,
        bbox=(x_min, y_min, x_max, y_max),
        cap_height=cap_height.value,
        # As the post table gives it (negative leans right), as PDF wants it.
        italic_angle=hb.hb_style_get_value(handle.font, _SLANT_ANGLE) + 0.0,
        weight_class=round(hb.hb_style_get_value(handle.font, _WEIGHT)),
        _handle=handle,
    )


def subset_font(facts: FontFacts, glyphs: Iterable[int]) -> bytes:
    """The font keeping only ``glyphs`` (and .notdef), at their original indices.

    FontError when libharfbuzz-subset is missing or refuses the font.
    """
    subset = _subsetter()
    if subset is None:
        raise FontError("libharfbuzz-subset is not installed")
    handle = facts._handle
    hb = handle.hb
    subset_input = result = result_blob = None
    try:
        subset_input = subset.hb_subset_input_create_or_fail()
        if not subset_input:
            raise FontError("hb-subset could not start")
        kept = subset.hb_subset_input_glyph_set(subset_input)
        for glyph in {0, *glyphs}:
            hb.hb_set_add(kept, glyph)
        dropped = subset.hb_subset_input_set(subset_input, _DROP_TABLE_TAG_SET)
        for name in _DROPPED_TABLES:
            hb.hb_set_add(dropped, _tag(name))
        subset.hb_subset_input_set_flags(
            subset_input, _RETAIN_GIDS | _DESUBROUTINIZE | _PASSTHROUGH_UNRECOGNIZED
        )
        with handle.lock:
            result = subset.hb_subset_or_fail(handle.face, subset_input)
        if not result:
            raise FontError(f"hb-subset refused {facts.path.name}")
        result_blob = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(result_blob, ctypes.byref(length))
        if not data or not length.value:
            raise FontError(f"hb-subset gave an empty font for {facts.path.name}")
        return ctypes.string_at(data, length.value)
    finally:
        if result_blob:
            hb.hb_blob_destroy(result_blob)
        if result:
            hb.hb_face_destroy(result)
        if subset_input:
            subset.hb_subset_input_destroy(subset_input)
