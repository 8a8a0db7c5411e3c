"""Reading a PDF page back as rows of text, for the tests that check positions."""

from __future__ import annotations

CELL = 7.2  # one grid column, in points


def row_text(chars: list[dict]) -> str:
    """pdfplumber characters of one row, left to right, as text: a gap wider
    than half a grid cell reads as a space."""
    out, last = "", None
    for char in chars:
        if last is not None and char["x0"] - last > CELL / 2:
            out += " "
        out += char["text"]
        last = char["x1"]
    return out
