"""Page furniture: the header and footer rows, the page number, margin numbers.

Everything printed around the script text goes through here, so the painters
only ever see rows of text at grid columns:

- a header and a footer of three slots (left, center, right), each a template
  with placeholders (``{title}``, ``{author}``, ``{draft_date}``,
  ``{revision}``, ``{page}``, ``{pages}``), printed on every script page;
- the page number (``{page}.`` by default) flush right on the header row,
  from page 2 on as scripts number them; the header's right slot ends just
  before it, at the same column on every page;
- scene numbers in the margins, wrapped onto the next rows when they are
  longer than the margin holds.

A shooting script's revision header (``Blue Rev. 01/12/27``) is the default
right slot, ``{revision}``, which prints nothing until a revision label is set.
``values`` are plain strings, so a later stage can give each page its own
(a page's revision colour, a locked page's ``12A`` label).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

from fountainkit.config import PLACEHOLDERS, SLOTS
from fountainkit.layout.profiles import COLUMN_INCHES, PageProfile
from fountainkit.layout.wrap import cells, wrap_offsets
from fountainkit.model import Run, Text

# Header rows above the body (the first at 0.5in; the body starts at 1in, three
# rows down, and the row just above it stays blank) and footer rows at the foot.
MAX_FURNITURE_ROWS = 2
# Columns between two slots on one row.
SLOT_GAP = 2
# Columns a margin number keeps clear of the page edge and of the script text.
MARGIN_CLEARANCE = 2
ELLIPSIS = "\u2026"


class FurnitureWarning(UserWarning):
    """Header or footer text too long for its rows: it was shortened."""


def expand(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its placeholders filled in, on one line."""
    text = template.format_map({name: values.get(name, "") for name in PLACEHOLDERS})
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Piece:
    """Furniture text at a grid position: ``row`` counts from the top of its area."""

    row: int
    column: int
    text: str


def slot_pieces(
    texts: tuple[str, str, str], first: int, end: int, where: str = "header"
) -> list[Piece]:
    """Left, center and right texts laid out between columns ``first`` and ``end``.

    One row when they fit apart; otherwise each slot wraps in its share of the
    width, over at most MAX_FURNITURE_ROWS rows (text past that is shortened
    with an ellipsis and a FurnitureWarning). Nothing lands outside the columns.
    """
    left, center, right = texts
    width = end - first
    if not (left or center or right) or width <= 0:
        return []
    one_row = _one_row(left, center, right, first, end)
    if one_row is not None:
        return one_row
    present = [(slot, text) for slot, text in zip(SLOTS, texts, strict=True) if text]
    share = max(1, (width - SLOT_GAP * (len(present) - 1)) // len(present))
    pieces = []
    for index, (slot, text) in enumerate(present):
        lines = [text[a:b] for a, b in wrap_offsets(text, share)]
        if len(lines) > MAX_FURNITURE_ROWS:
            kept = lines[: MAX_FURNITURE_ROWS - 1]
            last = " ".join(lines[MAX_FURNITURE_ROWS - 1 :])
            kept.append(_shorten(last, share))
            lines = kept
            warnings.warn(
                FurnitureWarning(f"{where} {slot} text too long for its rows, shortened: {text!r}"),
                stacklevel=2,
            )
        start = first + index * (share + SLOT_GAP)
        for row, line in enumerate(lines):
            if slot == "left" or (slot == "center" and len(present) > 1 and index == 0):
                column = start
            elif slot == "right":
                column = end - cells(line)
            else:
                column = start + (share - cells(line)) // 2
            pieces.append(Piece(row, max(first, column), line))
    return pieces


def _one_row(left: str, center: str, right: str, first: int, end: int) -> list[Piece] | None:
    """The three texts on one row, the center one centred as near the middle as
    the others allow; None when they do not fit apart."""
    left_end = first + cells(left) + (SLOT_GAP if left else 0)
    right_start = end - cells(right) - (SLOT_GAP if right else 0)
    if left_end > right_start + (SLOT_GAP if left and right else 0):
        return None
    pieces = []
    if left:
        pieces.append(Piece(0, first, left))
    if center:
        width = cells(center)
        column = first + (end - first - width) // 2
        column = min(max(column, left_end), right_start - width)
        if column < (left_end if left else first):
            return None
        pieces.append(Piece(0, column, center))
    if right:
        pieces.append(Piece(0, end - cells(right), right))
    return pieces


def fit_runs(runs: Text, width: int) -> Text:
    """Styled ``runs`` on one row of ``width`` columns: the text past it cut off
    with an ellipsis (a cover line naming more scenes than a row holds)."""
    fitted: list[Run] = []
    room = width
    for run in runs:
        size = cells(run.text)
        if size <= room:
            fitted.append(run)
            room -= size
            continue
        if room > 0:
            fitted.append(run._replace(text=_shorten(run.text, room)))
        break
    return tuple(fitted)


def _shorten(text: str, width: int) -> str:
    if cells(text) <= width:
        return text
    out = ""
    for char in text:
        if cells(out + char) > width - 1:
            break
        out += char
    return out.rstrip() + ELLIPSIS


def page_columns(profile: PageProfile) -> int:
    """Whole grid columns across the page."""
    return int(profile.width_in / COLUMN_INCHES + 1e-9)


def margin_number_pieces(number: str, side: str, profile: PageProfile) -> list[Piece]:
    """A scene number in the left or right margin, wrapped down the rows when it
    is longer than the margin holds (row 0 is the heading's row)."""
    if side == "left":
        room = profile.action.column - 2 * MARGIN_CLEARANCE
        if cells(number) <= room:
            column = min(SCENE_NUMBER_LEFT_COLUMN, profile.action.column - cells(number) - 1)
            return [Piece(0, column, number)]
        start = MARGIN_CLEARANCE
    else:
        start = profile.right_edge + 1
        room = page_columns(profile) - MARGIN_CLEARANCE - start
    lines = [number[a:b] for a, b in wrap_offsets(number, max(1, room))]
    return [Piece(row, start, line) for row, line in enumerate(lines)]


# The left scene number starts 0.8in from the page's edge, clear of the 1.5in margin.
SCENE_NUMBER_LEFT_COLUMN = 8

# Revision marks stand in the right margin 0.2in past the text's right edge
# (7.8in on Letter, where production offices put them), and past a right-hand
# scene number on the same row.
MARK_GAP = 2


def mark_column(profile: PageProfile, mark: str, right_number: str | None = None) -> int:
    """The column of a revision mark on a row (``right_number``: the scene number
    printed in the right margin of that row, if any)."""
    column = profile.right_edge + MARK_GAP
    if right_number:
        pieces = margin_number_pieces(right_number, "right", profile)
        end = max(piece.column + cells(piece.text) for piece in pieces if piece.row == 0)
        column = max(column, end + 1)
    return max(profile.right_edge, min(column, page_columns(profile) - 1 - cells(mark)))


def footer_first_row(profile: PageProfile, first_row_inches: float) -> int:
    """The grid row (counted from the header row at ``first_row_inches``) of the
    footer's first row: its last row ends 0.5in above the page's bottom edge."""
    rows_to_bottom = (profile.height_in - first_row_inches - 0.5) * 6
    return int(rows_to_bottom + 1e-9) - MAX_FURNITURE_ROWS


# The watermark: the longest text that fits on the page's diagonal, no larger
# than this, in a light grey both painters use.
WATERMARK_MAX_POINTS = 96.0
WATERMARK_DIAGONAL_SHARE = 0.75
WATERMARK_GREY = 0.82
# The other scenes on a page of sides, greyed and struck through (screenplay.css's .s).
STRUCK_GREY = 0.45
# Courier Prime's advance, in ems: a grid cell at any size.
CELL_EMS = 0.6


@dataclass(frozen=True, slots=True)
class WatermarkPlacement:
    """Where a watermark goes: a ``size``-point line of text ``width`` points
    long, centred on the page and turned ``angle`` radians counter-clockwise
    (bottom-left to top-right, along the diagonal)."""

    size: float
    angle: float
    width: float
    page_width: float
    page_height: float


def watermark_placement(text: str, profile: PageProfile) -> WatermarkPlacement:
    page_width, page_height = profile.width_in * 72, profile.height_in * 72
    diagonal = math.hypot(page_width, page_height)
    text_cells = max(1, cells(text))
    size = min(WATERMARK_MAX_POINTS, diagonal * WATERMARK_DIAGONAL_SHARE / (text_cells * CELL_EMS))
    return WatermarkPlacement(
        size=size,
        angle=math.atan2(page_height, page_width),
        width=text_cells * CELL_EMS * size,
        page_width=page_width,
        page_height=page_height,
    )
