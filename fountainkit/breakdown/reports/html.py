"""HTML report: a breakdown sheet per scene, the cast list, locations and the grid.

Rendered by Jinja2 with autoescaping on, so script text can never become
markup. The stylesheet is inlined, making one self-contained file that the
PDF writer can paint without fetching anything.
"""

from __future__ import annotations

from functools import cache

import jinja2

from fountainkit.breakdown.core import Breakdown
from fountainkit.breakdown.reports.data import breakdown_data
from fountainkit.breakdown.reports.grid import presence_grids
from fountainkit.breakdown.tags import CATEGORIES, CATEGORY_LABELS
from fountainkit.resources import template_dir

TEMPLATE = "breakdown.html.j2"
STYLESHEET = "breakdown.css"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def ink_for(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (#rrggbb)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    # Relative luminance weights of sRGB (ITU-R BT.709), no gamma: good enough here.
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 140 else "#ffffff"


def _box(name: str, label: str, items: list[str], color: str) -> dict[str, object]:
    return {"name": name, "label": label, "items": items, "color": color, "ink": ink_for(color)}


def scene_boxes(breakdown: Breakdown) -> list[list[dict[str, object]]]:
    """Per scene, the coloured boxes of its sheet: every standard category
    (empty ones too, as on a printed sheet), then any unknown category."""
    settings = breakdown.settings
    ids = {member.name: member.id for member in breakdown.cast}
    sheets = []
    for scene in breakdown.scenes:
        cast = [f"{ids[name]}. {name}" for name in scene.speaking]
        cast += list(scene.elements.get("cast", ()))
        silent = [f"{ids[name]}. {name}" for name in scene.non_speaking]
        boxes = [
            _box("cast", "Cast", cast, settings.color("cast")),
            _box(
                "non-speaking", "Non-speaking (suggested)", silent, settings.color("non-speaking")
            ),
        ]
        for category in CATEGORIES[1:]:
            items = list(scene.elements.get(category, ()))
            boxes.append(_box(category, CATEGORY_LABELS[category], items, settings.color(category)))
        for category, items in scene.elements.items():
            if category not in CATEGORIES:
                label = f"{category} (unknown category)"
                boxes.append(_box(category, label, list(items), settings.color(category)))
        sheets.append(boxes)
    return sheets


def _stylesheet() -> str:
    return (template_dir() / STYLESHEET).read_text(encoding="utf-8")


def to_html(breakdown: Breakdown) -> str:
    template = _environment().get_template(TEMPLATE)
    return template.render(
        breakdown=breakdown,
        data=breakdown_data(breakdown),
        sheets=list(zip(breakdown.scenes, scene_boxes(breakdown), strict=True)),
        grids=presence_grids(breakdown),
        speaking_color=breakdown.settings.color("cast"),
        silent_color=breakdown.settings.color("non-speaking"),
        stylesheet=_stylesheet(),
    )
