"""Scene CONTINUEDs, as shooting scripts print them.

Where a scene runs on to the next page, the page it leaves ends with
``(CONTINUED)`` flush right on its last row, and the page it carries on to
starts with ``CONTINUED:`` at the action column (``CONTINUED: (2)`` on the
scene's second page after that, and so on), with the scene number in the
margins when scene numbers are printed, then a blank row. The page filler
keeps those rows free (``RESERVE``); this module writes the lines in.

Off by default, like Final Draft, Trelby and afterwriting: spec scripts do
without them.
"""

from __future__ import annotations

from fountainkit.layout.pagebreak import Reserve
from fountainkit.layout.profiles import PageProfile
from fountainkit.layout.types import Line, Page, blank, text_runs
from fountainkit.layout.wrap import cells

# The CONTINUED: row and a blank under it; a blank row and (CONTINUED) at the foot.
RESERVE = Reserve(top=2, bottom=2)
BOTTOM_TEXT = "(CONTINUED)"
TOP_TEXT = "CONTINUED:"


def add_continueds(pages: list[Page], continues: list[bool], profile: PageProfile) -> list[Page]:
    """``pages`` with the CONTINUED lines written in (``continues`` says which
    pages carry on the scene of the page before, from ``fill_pages``)."""
    numbers: dict[int, str | None] = {}  # scene index -> printed scene number
    count: dict[int, int] = {}  # scene index -> pages it has carried on to
    out: list[Page] = []
    for index, page in enumerate(pages):
        for line in page.lines:
            if line.kind == "scene_heading" and line.scene_index is not None:
                numbers.setdefault(line.scene_index, line.scene_number)
        lines = list(page.lines)
        if continues[index]:
            scene = _first_scene(page)
            count[scene] = count.get(scene, 0) + 1
            text = TOP_TEXT if count[scene] == 1 else f"{TOP_TEXT} ({count[scene]})"
            top = Line(
                "continued",
                profile.action.column,
                text_runs(text),
                None,
                None,
                numbers.get(scene),
            )
            lines = [top, blank(), *lines]
        if index + 1 < len(pages) and continues[index + 1]:
            # On the page's last row, whatever is above it.
            lines += [blank()] * (profile.lines_per_page - 1 - len(lines))
            column = profile.right_edge - cells(BOTTOM_TEXT)
            lines.append(Line("continued", column, text_runs(BOTTOM_TEXT)))
        out.append(Page(page.number, lines))
    return out


def _first_scene(page: Page) -> int:
    for line in page.lines:
        if line.scene_index is not None:
            return line.scene_index
    raise ValueError("a page that carries on a scene holds none of it")
