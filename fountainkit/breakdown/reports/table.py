"""CSV report: one row per scene, for spreadsheets and scheduling imports.

``pages`` is written as a mixed fraction ("0 3/8", "1 4/8").
Lists (cast, tagged items) are joined with "; ". Each standard category has
its own column, in breakdown-sheet order, followed by any unknown category a
script used. Cells that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from fountainkit.breakdown.core import Breakdown
from fountainkit.breakdown.tags import CATEGORIES

SCENE_COLUMNS: tuple[str, ...] = (
    "index",
    "number",
    "heading",
    "int_ext",
    "location",
    "sublocation",
    "time",
    "day_night",
    "page",
    "eighths",
    "pages",
    "line",
    "cast_ids",
    "speaking",
    "non_speaking",
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


def to_csv(breakdown: Breakdown) -> str:
    extra = [c for s in breakdown.scenes for c in s.elements if c not in CATEGORIES]
    categories = [*CATEGORIES, *dict.fromkeys(extra)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*SCENE_COLUMNS, *categories, "synopsis"])
    for scene in breakdown.scenes:
        row: list[object] = [
            scene.index,
            scene.number,
            scene.heading,
            scene.int_ext,
            scene.location,
            scene.sublocation,
            scene.time,
            scene.day_night,
            scene.page,
            scene.eighths,
            _pages(scene.eighths),
            scene.line,
            _joined(list(breakdown.cast_ids(scene))),
            _joined(list(scene.speaking)),
            _joined(list(scene.non_speaking)),
            *(_joined(list(scene.elements.get(c, ()))) for c in categories),
            scene.synopsis,
        ]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()
