"""CSV report: one row per scene (the prologue first), then a total row.

For spreadsheets and scheduling imports. ``pages`` is written as a mixed
fraction ("0 3/8", "1 4/8"). Lists (cast, tagged items, suggestions) are
joined with "; ". Each tag category has its own column, in breakdown-sheet
order, followed by any category the config file adds. The last row is the
total: the script's page count in ``heading`` ("Total: 118 pages") and the sum
of the eighths in ``eighths``/``pages``, side by side.

The text starts with a UTF-8 byte-order mark by default, so Excel, which
otherwise reads a CSV in the system's legacy code page, keeps names such as
``할머니`` or ``Zoë`` intact; ``bom=False`` leaves it out for tools that do not
expect one. Cells that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from fountainkit.breakdown.categories import ELEMENT_CATEGORIES
from fountainkit.breakdown.model import Breakdown, SceneBreakdown

BOM = "\ufeff"
SCENE_COLUMNS: tuple[str, ...] = (
    "index",
    "number",
    "heading",
    "int_ext",
    "location",
    "sublocation",
    "set",
    "time",
    "day_night",
    "modifiers",
    "story_day",
    "page",
    "eighths",
    "pages",
    "line",
    "cast_ids",
    "speaking",
    "non_speaking",
    "suggested_people",
    "suggested_groups",
    "suggested_animals",
    "suggested_sounds",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _pages(eighths: int) -> str:
    # "0 3/8", never "3/8": spreadsheets read a mixed fraction as the number
    # 0.375 but turn a bare "3/8" into the date 8 March.
    whole, rest = divmod(eighths, 8)
    return f"{whole} {rest}/8" if rest else str(whole)


def _joined(values: tuple[object, ...] | list[object]) -> str:
    return "; ".join(str(v) for v in values)


def _row(scene: SceneBreakdown, categories: list[str]) -> list[object]:
    return [
        scene.index,
        scene.number,
        scene.heading if not scene.is_prologue else "(before the first scene heading)",
        scene.int_ext,
        scene.location,
        scene.sublocation,
        scene.set,
        scene.time,
        scene.day_night,
        _joined(list(scene.modifiers)),
        scene.story_day,
        scene.page,
        scene.eighths,
        _pages(scene.eighths),
        scene.line,
        _joined(list(scene.cast_ids)),
        _joined(list(scene.speaking)),
        _joined(list(scene.non_speaking)),
        _joined(list(scene.suggested.people)),
        _joined(list(scene.suggested.groups)),
        _joined(list(scene.suggested.animals)),
        _joined(list(scene.suggested.sounds)),
        *(_joined(list(scene.elements.get(c, ()))) for c in categories),
        scene.synopsis,
    ]


def to_csv(breakdown: Breakdown, *, bom: bool = True) -> str:
    extra = [c for s in breakdown.rows for c in s.elements if c not in ELEMENT_CATEGORIES]
    categories = [*ELEMENT_CATEGORIES, *dict.fromkeys(extra)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*SCENE_COLUMNS, *categories, "synopsis"])
    for scene in breakdown.rows:
        writer.writerow([_cell(value) for value in _row(scene, categories)])
    total = breakdown.eighths_total
    width = len(SCENE_COLUMNS) + len(categories) + 1
    footer: list[object] = [""] * width
    footer[SCENE_COLUMNS.index("heading")] = f"Total: {breakdown.pages} pages"
    footer[SCENE_COLUMNS.index("eighths")] = total
    footer[SCENE_COLUMNS.index("pages")] = _pages(total)
    writer.writerow([_cell(value) for value in footer])
    return (BOM if bom else "") + out.getvalue()
