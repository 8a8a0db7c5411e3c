"""Scene lengths in eighths of a page, taken from the PDF's own layout, adding up per page.

A breakdown must agree with the printed script, so nothing here measures
text: :func:`page_map` asks :mod:`fountainkit.layout` for the very pages the
PDF draws and reads, for each scene (and the prologue), the rows it fills on
each page.

Industry practice divides every page into eighths among the scenes on it, so
the scenes' eighths add up to the page count:

* a page before the last is a whole page: its 8 eighths are shared among the
  scenes on it in proportion to the rows each fills (the space a page break
  leaves at the foot belongs to the scenes above it);
* the last page counts for the rows it fills, out of the body rows a page holds;
* a scene's exact length is the sum of its shares; the lengths are then rounded
  *cumulatively* (each scene ends at the rounded position of its exact end), so
  the rounding never drifts: the total is the rounded exact total, which is the
  page count up to the fill of the last page. ``nearest`` rounds each boundary
  to the nearest eighth (Beat), ``up`` rounds it up (the AD's rule of thumb);
* no scene is shorter than 1/8, the industry minimum; where that minimum
  pushes past a boundary, the next scene gives the eighth back.

Rows the layout prints outside any scene (a section printed between scenes, or
a ``FADE IN:`` before the first heading) belong to the scene they follow, or
to the first scene when no prologue precedes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fountainkit.breakdown.units import has_prologue
from fountainkit.config import LayoutSettings
from fountainkit.model import Screenplay

PROLOGUE = -1  # the unit index of the text before the first heading

# A share of a page computed as rows/rows*8 can land a hair under a whole
# eighth (6.9999999); boundaries are rounded as if it were exact.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class SceneLength:
    """One scene on paper: first page, rows laid out, length in eighths."""

    page: int
    lines: int
    eighths: int


@dataclass(frozen=True, slots=True)
class PageMap:
    scenes: tuple[SceneLength, ...]  # in the order of Screenplay.scenes()
    pages: int
    lines_per_page: int
    prologue: SceneLength | None = None

    @property
    def total_eighths(self) -> int:
        own = self.prologue.eighths if self.prologue is not None else 0
        return own + sum(scene.eighths for scene in self.scenes)


def page_map(
    screenplay: Screenplay,
    layout_settings: LayoutSettings | None = None,
    rounding: str = "nearest",
) -> PageMap:
    """Paginate exactly like the PDF and share every page's eighths among its scenes."""
    from fountainkit.layout import paginate

    document = paginate(screenplay, layout_settings)
    per_page = document.profile.body_lines_per_page
    scene_count = sum(1 for _ in screenplay.scenes())
    prologue = has_prologue(screenplay)

    # rows[unit][page]: rows each unit fills on each page, in page order.
    rows: dict[int, dict[int, int]] = {}
    page_rows: list[tuple[int, dict[int, int]]] = []
    current = PROLOGUE if prologue else 0
    for page in document.pages:
        on_page: dict[int, int] = {}
        for line in page.lines:
            if line.scene_index is not None:
                current = line.scene_index
            on_page[current] = on_page.get(current, 0) + 1
        page_rows.append((page.number, on_page))
        for unit, count in on_page.items():
            rows.setdefault(unit, {})[page.number] = count

    exact: dict[int, float] = {}
    for position, (_number, on_page) in enumerate(page_rows):
        filled = sum(on_page.values())
        last = position == len(page_rows) - 1
        # A page before the last is a whole page; the last counts what it fills.
        scale = 8 / per_page if last else (8 / filled if filled else 0.0)
        for unit, count in on_page.items():
            exact[unit] = exact.get(unit, 0.0) + count * scale

    order = ([PROLOGUE] if prologue else []) + list(range(scene_count))
    eighths = _round_cumulatively([exact.get(unit, 0.0) for unit in order], rounding)
    last_page = document.pages[-1].number if document.pages else 1

    def length(unit: int, value: int) -> SceneLength:
        pages = rows.get(unit, {})
        first = min(pages) if pages else last_page
        return SceneLength(first, sum(pages.values()), value)

    lengths = [length(unit, value) for unit, value in zip(order, eighths, strict=True)]
    return PageMap(
        scenes=tuple(lengths[1:] if prologue else lengths),
        pages=document.page_count,
        lines_per_page=per_page,
        prologue=lengths[0] if prologue else None,
    )


def _round_cumulatively(exact: list[float], rounding: str) -> list[int]:
    """Whole eighths per unit whose running sum follows the rounded running exact sum."""
    result = []
    position = 0.0
    assigned = 0
    for value in exact:
        position += value
        if rounding == "up":
            boundary = math.ceil(position - _EPSILON)
        else:
            boundary = math.floor(position + 0.5 + _EPSILON)
        own = max(1, boundary - assigned)
        result.append(own)
        assigned += own
    return result


def format_eighths(total: int) -> str:
    """``12`` -> ``"1 4/8"``, ``8`` -> ``"1"``, ``3`` -> ``"3/8"``."""
    pages, rest = divmod(total, 8)
    if rest == 0:
        return str(pages)
    if pages == 0:
        return f"{rest}/8"
    return f"{pages} {rest}/8"
