"""The title page on the same grid: the standard layout.

Title, credit, author(s) and source centred from about a third of the way
down; contact details at the lower left; draft date, date, notes and
copyright at the lower right. Keys not in that list are not printed.
"""

from __future__ import annotations

from fountainkit.layout.types import Line, Page, blank
from fountainkit.layout.wrap import cells, join_text, normalise_runs, wrap_runs
from fountainkit.model import Text, TitlePage
from fountainkit.profiles import PageProfile

# Row (0-based, from the top margin) of the title: 3.5in from the top of the page.
TITLE_ROW = 15
CENTRED_KEYS = (("title", 0), ("credit", 3), ("author", 1), ("authors", 1), ("source", 3))
LOWER_LEFT_KEYS = ("contact",)
LOWER_RIGHT_KEYS = ("draft date", "date", "notes", "copyright")


def _entry_lines(title_page: TitlePage, key: str, width: int) -> list[Text]:
    entry = title_page.get(key)
    if entry is None:
        return []
    out: list[Text] = []
    for line in entry.lines:
        runs = normalise_runs(line, keep_notes=False)
        text = join_text(runs)
        if text.strip():
            out.extend(wrap_runs(runs, width) if text.strip() else [()])
    return out


def layout_title_page(title_page: TitlePage | None, profile: PageProfile) -> Page | None:
    if title_page is None or not title_page.entries:
        return None
    rows: list[Line | None] = [None] * profile.lines_per_page
    action = profile.action
    half = action.width // 2

    row = TITLE_ROW
    for key, gap in CENTRED_KEYS:
        lines = _entry_lines(title_page, key, action.width)
        if not lines:
            continue
        if row != TITLE_ROW:
            row += gap
        for runs in lines:
            if row >= len(rows):
                break
            column = action.column + (action.width - cells(join_text(runs))) // 2
            rows[row] = Line("title", column, runs)
            row += 1

    bottom = len(rows)
    left = [r for key in LOWER_LEFT_KEYS for r in _entry_lines(title_page, key, half)]
    right: list[Text] = []
    for key in LOWER_RIGHT_KEYS:
        lines = _entry_lines(title_page, key, half)
        if lines and right:
            right.append(())
        right.extend(lines)
    # The lower-right block is left-aligned on its own edge, flush with the right margin.
    right_column = profile.right_edge - max((cells(join_text(r)) for r in right), default=0)
    for start, lines, column in (
        (bottom - len(left), left, action.column),
        (bottom - len(right), right, right_column),
    ):
        for offset, runs in enumerate(lines):
            index = max(row, start) + offset
            if index >= bottom or not runs:
                continue
            existing = rows[index]
            line = Line("title", column, runs)
            if existing is None:
                rows[index] = line
            else:  # contact on the left, date on the right: one row, two texts
                rows[index] = Line(existing.kind, existing.column, existing.runs, right=line)
    return Page(0, [line if line is not None else blank() for line in rows])
