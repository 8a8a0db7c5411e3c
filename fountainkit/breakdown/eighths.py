"""Scene lengths in eighths of a page, taken from the PDF's own layout.

A breakdown must agree with the printed script, so nothing here measures
text: :func:`page_map` asks :mod:`fountainkit.layout` for the very pages the
PDF draws and reads each scene's first page and rows from them. Eighths are
``rows / body rows per page * 8`` (research notes 1.3), rounded to the
nearest eighth (Beat) or up (the AD rule of thumb), never below 1/8; the
rounding itself lives with the layout's ``SceneExtent`` so there is one rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from fountainkit.config import LayoutSettings
from fountainkit.model import Screenplay


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


def page_map(
    screenplay: Screenplay,
    layout_settings: LayoutSettings | None = None,
    rounding: str = "nearest",
) -> PageMap:
    """Paginate exactly like the PDF and measure every scene on those pages."""
    from fountainkit.layout import paginate

    document = paginate(screenplay, layout_settings)
    per_page = document.profile.body_lines_per_page
    extents = {extent.scene_index: extent for extent in document.scene_extents()}
    last_page = document.pages[-1].number if document.pages else 1
    lengths = []
    for index in range(sum(1 for _ in screenplay.scenes())):
        extent = extents.get(index)
        if extent is None:
            # Nothing was drawn for it (impossible for a real heading, but a
            # breakdown must still list the scene): the 1/8 minimum applies.
            lengths.append(SceneLength(last_page, 0, 1))
        else:
            eighths = extent.eighths(per_page, rounding)
            lengths.append(SceneLength(extent.first_page, extent.total_lines, eighths))
    return PageMap(tuple(lengths), document.page_count, per_page)


def format_eighths(total: int) -> str:
    """``12`` -> ``"1 4/8"``, ``8`` -> ``"1"``, ``3`` -> ``"3/8"``."""
    pages, rest = divmod(total, 8)
    if rest == 0:
        return str(pages)
    if pages == 0:
        return f"{rest}/8"
    return f"{pages} {rest}/8"
