"""Font subsetting with HarfBuzz's hb-subset library, through ctypes.

A fallback font (Noto Sans CJK is a 19 MB collection) can only be embedded as
a subset of the glyphs a document uses. libharfbuzz-subset does that in
milliseconds (fontTools takes seconds on a CJK font) and is installed where
WeasyPrint is: WeasyPrint subsets its fonts with it too. Glyph indices are
kept (the removed glyphs become empty), so a page's content stream can name
glyphs by their index in the original font.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from functools import cache
from pathlib import Path

_RETAIN_GIDS = 0x2
_DESUBROUTINIZE = 0x4
_PASSTHROUGH_UNRECOGNIZED = 0x20
_DROP_TABLE_TAG_SET = 3
# Tables a PDF viewer never reads: layout (done already), bitmaps, vertical metrics.
_DROPPED_TABLES = (
    b"BASE",
    b"DSIG",
    b"EBDT",
    b"EBLC",
    b"EBSC",
    b"GPOS",
    b"GSUB",
    b"JSTF",
    b"VORG",
    b"vhea",
    b"vmtx",
)


class SubsetError(RuntimeError):
    """The font could not be subset (library missing or the font refused)."""


def _tag(name: bytes) -> int:
    return int.from_bytes(name, "big")


@cache
def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    try:
        hb = ctypes.CDLL("libharfbuzz.so.0")
        subset = ctypes.CDLL("libharfbuzz-subset.so.0")
    except OSError:
        return None
    pointer, uint = ctypes.c_void_p, ctypes.c_uint
    signatures = [
        (hb.hb_blob_create_from_file, pointer, [ctypes.c_char_p]),
        (hb.hb_blob_get_length, uint, [pointer]),
        (hb.hb_blob_get_data, pointer, [pointer, ctypes.POINTER(uint)]),
        (hb.hb_blob_destroy, None, [pointer]),
        (hb.hb_face_create, pointer, [pointer, uint]),
        (hb.hb_face_reference_blob, pointer, [pointer]),
        (hb.hb_face_destroy, None, [pointer]),
        (hb.hb_set_add, None, [pointer, uint]),
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
    return hb, subset


def subsetting_available() -> bool:
    """Whether libharfbuzz and libharfbuzz-subset can be loaded here."""
    return _libraries() is not None


def subset_font(path: Path, font_index: int, glyphs: Iterable[int]) -> bytes:
    """The font ``font_index`` of ``path`` keeping only ``glyphs`` (and .notdef),
    at their original indices. SubsetError when it can't be done."""
    libraries = _libraries()
    if libraries is None:
        raise SubsetError("libharfbuzz-subset is not installed")
    hb, subset = libraries
    blob = hb.hb_blob_create_from_file(str(path).encode())
    face = subset_input = result = result_blob = None
    try:
        if not hb.hb_blob_get_length(blob):
            raise SubsetError(f"cannot read {path}")
        face = hb.hb_face_create(blob, font_index)
        subset_input = subset.hb_subset_input_create_or_fail()
        if not subset_input:
            raise SubsetError("hb-subset could not start")
        kept = subset.hb_subset_input_glyph_set(subset_input)
        for glyph in {0, *glyphs}:
            hb.hb_set_add(kept, glyph)
        dropped = subset.hb_subset_input_set(subset_input, _DROP_TABLE_TAG_SET)
        for name in _DROPPED_TABLES:
            hb.hb_set_add(dropped, _tag(name))
        subset.hb_subset_input_set_flags(
            subset_input, _RETAIN_GIDS | _DESUBROUTINIZE | _PASSTHROUGH_UNRECOGNIZED
        )
        result = subset.hb_subset_or_fail(face, subset_input)
        if not result:
            raise SubsetError(f"hb-subset refused {path.name}")
        result_blob = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(result_blob, ctypes.byref(length))
        if not data or not length.value:
            raise SubsetError(f"hb-subset gave an empty font for {path.name}")
        return ctypes.string_at(data, length.value)
    finally:
        if result_blob:
            hb.hb_blob_destroy(result_blob)
        if result:
            hb.hb_face_destroy(result)
        if subset_input:
            subset.hb_subset_input_destroy(subset_input)
        if face:
            hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
