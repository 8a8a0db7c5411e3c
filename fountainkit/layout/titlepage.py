"""The title page on the same grid: the standard layout.

Title, credit, author(s) and source centred from about a third of the way
down; contact details at the lower left; draft date, date, revision, notes
and copyright at the lower right, each block keeping its lines as typed (see
``_lower_rows``). Any other key is printed too, as ``Key: value`` under the
contact details (nothing of the title page is dropped; ``fountainkit lint``
says which keys are unknown). A key given twice prints both values.
"""

from __future__ import annotations

from fountainkit.layout.profiles import PageProfile
from fountainkit.layout.types import Line, Page, blank
from fountainkit.layout.wrap import cells, join_text, normalise_runs, wrap_runs
from fountainkit.model import Run, Text, TitleEntry, TitlePage

# Row (0-based, from the top margin) of the title: 3.5in from the top of the page.
TITLE_ROW = 15
CENTRED_KEYS = (("title", 0), ("credit", 3), ("author", 1), ("authors", 1), ("source", 3))
LOWER_LEFT_KEYS = ("contact",)
# A shooting script lists its revisions (Blue Rev. 01/12/27) under the draft date.
LOWER_RIGHT_KEYS = ("draft date", "date", "revisions", "revision", "notes", "copyright")
PLACED_KEYS = frozenset(key for key, _ in CENTRED_KEYS) | {*LOWER_LEFT_KEYS, *LOWER_RIGHT_KEYS}
# Columns between the contact block and the right-hand block when side by side.
BLOCK_GUTTER = 3


def _entry_lines(title_page: TitlePage, key: str, width: int) -> list[Text]:
    out: list[Text] = []
    for entry in title_page.entries:
        if entry.key.casefold() == key:
            out.extend(_wrapped(entry.lines, width))
    return out


def _wrapped(lines: tuple[Text, ...], width: int) -> list[Text]:
    out: list[Text] = []
    for line in lines:
        runs = normalise_runs(line, keep_notes=False)
        if join_text(runs).strip():
            out.extend(wrap_runs(runs, width))
    return out


def _other_lines(title_page: TitlePage, width: int) -> list[Text]:
    """Entries with keys the layout does not place, as ``Key: value``."""
    out: list[Text] = []
    for entry in title_page.entries:
        if entry.key.casefold() not in PLACED_KEYS:
            out.extend(_wrapped(_labelled(entry), width))
    return out


def _labelled(entry: TitleEntry) -> tuple[Text, ...]:
    label = (Run(f"{entry.key}: "),)
    visible = [
        line for line in entry.lines if join_text(normalise_runs(line, keep_notes=False)).strip()
    ]
    if not visible:
        return ((Run(f"{entry.key}:"),),)
    return (label + visible[0], *visible[1:])


def _centred_rows(title_page: TitlePage, profile: PageProfile) -> list[Line | None]:
    """Title, credit, author(s) and source, centred on the action line; None is a blank row."""
    action = profile.action
    rows: list[Line | None] = []
    for key, gap in CENTRED_KEYS:
        lines = _entry_lines(title_page, key, action.width)
        if not lines:
            continue
        if rows:
            rows.extend([None] * gap)
        for runs in lines:
            column = action.column + (action.width - cells(join_text(runs))) // 2
            rows.append(Line("title", column, runs))
    return rows


def _block(title_page: TitlePage, keys: tuple[str, ...], width: int) -> list[Text]:
    """The entries under ``keys`` wrapped at ``width``, a blank row between entries."""
    rows: list[Text] = []
    for key in keys:
        lines = _entry_lines(title_page, key, width)
        if lines and rows:
            rows.append(())
        rows.extend(lines)
    return rows


def _widest(rows: list[Text]) -> int:
    return max((cells(join_text(r)) for r in rows), default=0)


def _lower_rows(title_page: TitlePage, profile: PageProfile) -> list[Line | None]:
    """Contact at the lower left, dates and notes at the lower right, bottom-aligned.

    Writers type these blocks line by line (an address, a phone number, a note),
    so each keeps its lines as typed whenever the two fit side by side. When
    they do not, the right-hand block goes above the contact block instead of
    squeezing both: each then has the room it needs, up to
    ``RIGHT_BLOCK_WIDTH`` for the right one and the whole line for the contact.
    """
    action = profile.action
    full = action.width
    left = _block(title_page, LOWER_LEFT_KEYS, full)
    others = _other_lines(title_page, full)
    if others and left:
        left.append(())
    left.extend(others)
    right = _block(title_page, LOWER_RIGHT_KEYS, full)
    side_by_side = not left or not right or _widest(left) + BLOCK_GUTTER + _widest(right) <= full
    # The lower-right block is left-aligned on its own edge, flush with the right margin.
    right_column = profile.right_edge - _widest(right)
    rows: list[Line | None] = []
    if side_by_side:
        height = max(len(left), len(right))
        left = [()] * (height - len(left)) + left
        right = [()] * (height - len(right)) + right
        for left_runs, right_runs in zip(left, right, strict=True):
            right_line = Line("title", right_column, right_runs) if right_runs else None
            if left_runs:  # contact on the left, date on the right: one row, two texts
                rows.append(Line("title", action.column, left_runs, right=right_line))
            else:
                rows.append(right_line)
        return rows
    rows.extend(Line("title", right_column, runs) if runs else None for runs in right)
    rows.append(None)
    rows.extend(Line("title", action.column, runs) if runs else None for runs in left)
    return rows


def layout_title_pages(title_page: TitlePage | None, profile: PageProfile) -> list[Page]:
    """The title page in the standard layout; more than one page only when its text
    cannot fit on one (nothing is left out)."""
    if title_page is None or not title_page.entries:
        return []
    per_page = profile.lines_per_page
    centred = _centred_rows(title_page, profile)
    lower = _lower_rows(title_page, profile)
    if len(centred) + len(lower) <= per_page:
        # The title 3.5in down, unless the blocks need the room: then higher.
        top = max(0, min(TITLE_ROW, per_page - len(lower) - len(centred)))
        gap = per_page - top - len(centred) - len(lower)
        rows = [None] * top + centred + [None] * gap + lower
    else:
        # Too long for one page: the blocks run on, a blank row between them.
        rows = centred + ([None] if centred and lower else []) + lower
    pages = []
    for start in range(0, len(rows), per_page):
        lines = [line if line is not None else blank() for line in rows[start : start + per_page]]
        pages.append(Page(0, lines))
    return pages
