"""Sides: the pages of a shooting script that carry the scenes of one day.

``select_scenes`` reads what a user asks for (``12, 14A``, ``12-14``) against
the printed scene numbers; ``sides`` takes the script laid out as its full PDF
is (same breaks, same page numbers, ``12A`` pages and ``OMITTED`` scenes
included) and keeps the pages holding any of those scenes, with every row of
the other scenes on them printed greyed and struck through, and a cover line
on the first page naming the scenes, the script and its date.

Rows that belong to no scene (``CONTINUED:`` at the top of a page,
``(CONTINUED)`` at its foot, ``FADE IN:`` before the first scene) go with the
scene printed around them: the one above on the page, else the one below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from fountainkit.layout import Document, Page
from fountainkit.model import Run, Text
from fountainkit.production.numbering import number_key

COVER_LABEL = "SIDES"
COVER_SEPARATOR = " \u00b7 "  # a middle dot: Latin-1, so Courier Prime draws it


class SceneSelectionError(ValueError):
    """Scenes asked for that the script does not have; the message is one line."""


@dataclass(frozen=True, slots=True)
class SceneSelection:
    """The scenes asked for: their indexes into ``screenplay.scenes()``, in
    script order, and how to name them on the cover (as asked, tidied)."""

    indexes: tuple[int, ...]
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        return ", ".join(self.names)


def _canonical(number: str) -> str:
    return "".join(number.split()).upper()


def select_scenes(request: str, numbers: Sequence[str]) -> SceneSelection:
    """The scenes ``request`` names, against the printed ``numbers`` of the script.

    ``request`` is a comma-separated list of scene numbers (any case, spaces
    allowed) and ranges ``FIRST-LAST`` (every scene printed from FIRST to
    LAST, inserts such as 12A included). A number that is itself written with
    a hyphen (``I-1``) is taken as that number. Raises SceneSelectionError
    naming the first number the script lacks.
    """
    by_number: dict[str, list[int]] = {}
    for index, number in enumerate(numbers):
        by_number.setdefault(_canonical(number), []).append(index)
    items = [item.strip() for item in request.split(",")]
    if not any(items):
        raise SceneSelectionError("--scenes names no scene (give numbers such as 12,14A or 12-14)")
    wanted: set[int] = set()
    names: list[str] = []
    for item in items:
        if not item:
            continue
        key = _canonical(item)
        if key in by_number:
            wanted.update(by_number[key])
            names.append(key)
            continue
        first, dash, last = item.partition("-")
        if dash and first.strip() and last.strip():
            start, end = _canonical(first), _canonical(last)
            for end_point in (start, end):
                if end_point not in by_number:
                    raise SceneSelectionError(_unknown(end_point, numbers))
            low, high = min(by_number[start]), max(by_number[end])
            if low > high:
                raise SceneSelectionError(
                    f"scene range {start}-{end}: scene {end} comes before scene {start}"
                )
            wanted.update(range(low, high + 1))
            names.append(f"{start}-{end}")
            continue
        raise SceneSelectionError(_unknown(key, numbers))
    return SceneSelection(tuple(sorted(wanted)), tuple(names))


def _unknown(number: str, numbers: Sequence[str]) -> str:
    if not numbers:
        return f"no scene {number}: the script has no scenes"
    usual = [n for n in numbers if number_key(n) is not None]
    span = f"{usual[0]}-{usual[-1]}" if usual else f"{numbers[0]}-{numbers[-1]}"
    return f"no scene {number} in this script (its scenes run {span})"


def _row_scenes(page: Page) -> list[int | None]:
    """The scene each row is printed with: its own, else the one above it on
    the page, else the one below (rows of no scene: CONTINUEDs, FADE IN:)."""
    scenes = [line.scene_index for line in page.lines]
    last: int | None = None
    for row, scene in enumerate(scenes):
        if scene is None:
            scenes[row] = last
        else:
            last = scene
    following: int | None = None
    for row in range(len(scenes) - 1, -1, -1):
        if scenes[row] is None:
            scenes[row] = following
        else:
            following = scenes[row]
    return scenes


def cover_line(selection: SceneSelection, title: str, date: str) -> Text:
    """``SIDES · Scenes 12, 14A · TITLE · DATE``, the first word bold."""
    word = "Scene" if len(selection.indexes) == 1 else "Scenes"
    rest = [f"{word} {selection.label}", title.strip(), date.strip()]
    text = COVER_SEPARATOR + COVER_SEPARATOR.join(part for part in rest if part)
    return (Run(COVER_LABEL, bold=True), Run(text))


def sides(document: Document, selection: SceneSelection, cover: Text = ()) -> Document:
    """The pages of ``document`` holding printed text of the selected scenes.

    Each keeps its page number (``printed``, so a PDF viewer shows it too) and
    the script's page count for ``{pages}``; rows of other scenes are
    ``struck``. ``cover`` goes on the first page. No title page.
    """
    wanted = set(selection.indexes)
    total = str(document.page_count)
    pages: list[Page] = []
    for page in document.pages:
        if not any(line.kind != "blank" and line.scene_index in wanted for line in page.lines):
            continue
        struck = frozenset(
            row for row, scene in enumerate(_row_scenes(page)) if scene not in wanted
        )
        pages.append(
            replace(
                page,
                printed=page.label,
                values={"pages": total, **page.values},
                struck=struck,
                cover=cover if not pages else (),
            )
        )
    return replace(document, pages=pages, title_pages=[])
