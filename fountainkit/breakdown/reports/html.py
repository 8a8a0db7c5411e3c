"""HTML report: summary, one-liner, a breakdown sheet per scene, lists and the presence grid.

Rendered by Jinja2 with autoescaping on, so script text can never become
markup. The stylesheet is inlined, making one self-contained file that opens
anywhere and that WeasyPrint can paint without fetching anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fountainkit.breakdown.categories import BY_KEY, ELEMENT_CATEGORIES
from fountainkit.breakdown.model import Breakdown, SceneBreakdown, Suggested
from fountainkit.breakdown.reports.data import breakdown_data
from fountainkit.breakdown.reports.grid import PresenceTile, column_label, presence_tiles, row_label
from fountainkit.resources import template_dir
from fountainkit.templating import environment

TEMPLATE = "breakdown.html.j2"
STYLESHEET = "breakdown.css"

# Presence grid geometry, in SVG user units (CSS px at scale 1).
CELL = 12
LABEL_CHAR = 4.6  # width of one character of a 7-unit label, generously
HEADER_HEIGHT = 30


@cache
def ink_for(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (#rrggbb)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    # Relative luminance weights of sRGB (ITU-R BT.709), no gamma: good enough here.
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 140 else "#ffffff"


def category_label(category: str) -> str:
    known = BY_KEY.get(category)
    return known.label if known is not None else category.capitalize()


@dataclass(frozen=True, slots=True)
class Box:
    name: str
    label: str
    items: tuple[str, ...]
    color: str
    ink: str


def _box(breakdown: Breakdown, name: str, label: str, items: list[str]) -> Box:
    color = breakdown.settings.color(name)
    return Box(name, label, tuple(items), color, ink_for(color))


def scene_boxes(breakdown: Breakdown, scene: SceneBreakdown, *, form: bool = False) -> list[Box]:
    """A sheet's coloured boxes: the cast always, then every category the scene has items in,
    then the suggestions from the action.

    With ``form`` every department's box is there, empty or not, as on a printed
    breakdown sheet that an AD fills in by hand; the suggestions share one box.
    """
    ids = {member.name: member.id for member in breakdown.cast}
    cast = [f"{ids[name]}. {name}" for name in scene.speaking]
    cast += [f"{ids[name]}. {name} (silent)" for name in scene.non_speaking]
    boxes = [_box(breakdown, "cast", "Cast", cast)]
    for category in [*ELEMENT_CATEGORIES[1:], *breakdown.settings.categories]:
        items = list(scene.elements.get(category, ()))
        known = BY_KEY.get(category)
        department = known is None or known.kind == "element"
        if items or (form and department):
            boxes.append(_box(breakdown, category, category_label(category), items))
    suggested = [(label, items) for label, items in suggestion_boxes(scene.suggested) if items]
    if form:
        lines = [f"{label.removeprefix('Suggested: ').capitalize()}: {', '.join(items)}"
                 for label, items in suggested]  # fmt: skip
        boxes.append(_box(breakdown, "suggested", "From the action (not cast)", lines))
    else:
        boxes += [_box(breakdown, "suggested", label, list(items)) for label, items in suggested]
    return boxes


def suggestion_boxes(suggested: Suggested) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(box title, names) of a scene's suggestions, in the order a sheet shows them."""
    return (
        ("Suggested: people", suggested.people),
        ("Suggested: background", suggested.groups),
        ("Suggested: animals", suggested.animals),
        ("Suggested: sound / FX", suggested.sounds),
    )


@dataclass(frozen=True, slots=True)
class SvgTile:
    tile: PresenceTile
    width: float
    height: float
    label_width: float
    cell: int = CELL
    header: int = HEADER_HEIGHT


def _svg_tiles(breakdown: Breakdown) -> list[SvgTile]:
    tiles = presence_tiles(breakdown, max_rows=45, max_columns=45)
    longest = max((len(row_label(m)) for m in breakdown.cast), default=4)
    label_width = 8 + longest * LABEL_CHAR
    return [
        SvgTile(
            tile,
            label_width + CELL * len(tile.scenes),
            HEADER_HEIGHT + CELL * len(tile.members),
            label_width,
        )
        for tile in tiles
    ]


def _stylesheet() -> str:
    return (template_dir() / STYLESHEET).read_text(encoding="utf-8")


def to_html(breakdown: Breakdown) -> str:
    template = environment().get_template(TEMPLATE)
    return template.render(
        breakdown=breakdown,
        data=breakdown_data(breakdown),
        sheets=[(scene, scene_boxes(breakdown, scene)) for scene in breakdown.rows],
        grids=_svg_tiles(breakdown),
        row_label=row_label,
        column_label=column_label,
        category_label=category_label,
        speaking_color=breakdown.settings.color("cast"),
        silent_color=breakdown.settings.color("non-speaking"),
        stylesheet=_stylesheet(),
    )
