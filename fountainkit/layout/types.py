"""The plain data the layout hands to the renderers and the breakdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from fountainkit.config import LayoutSettings
from fountainkit.layout.profiles import PageProfile
from fountainkit.model import Run, Text, plain

# Every ``Line.kind`` the layout produces.
LINE_KINDS = (
    "blank",
    "scene_heading",
    "action",
    "character",
    "parenthetical",
    "dialogue",
    "lyrics",
    "more",
    "transition",
    "centered",
    "section",
    "synopsis",
    "note",
    "title",
    "continued",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the page grid.

    ``column`` counts characters from the LEFT EDGE OF THE PAGE (column 15 is
    1.5in). ``runs`` carry bold/italic/underline. ``scene_index`` is the 0-based
    index into ``list(screenplay.scenes())`` of the scene the row belongs to
    (blank spacing rows included), None before the first scene. ``source`` is
    the model node the row came from (its ``span`` locates it in the text);
    the (MORE) and (CONT'D) rows point at the Dialogue they continue.
    ``right`` is the right-hand column of a dual-dialogue row, printed on the
    same row. ``scene_number`` is set on scene headings when scene numbers are
    printed.
    """

    kind: str
    column: int = 0
    runs: Text = ()
    scene_index: int | None = None
    source: object | None = field(default=None, compare=False)
    scene_number: str | None = None
    right: Line | None = None

    @property
    def text(self) -> str:
        return plain(self.runs)


def blank(scene_index: int | None = None) -> Line:
    return Line("blank", 0, (), scene_index)


def text_runs(text: str, *, bold: bool = False, italic: bool = False) -> Text:
    return (Run(text, bold=bold, italic=italic),) if text else ()


@dataclass(frozen=True, slots=True)
class Page:
    """A printed page. ``number`` counts script pages from 1 (the title page is 0).

    The layout fills ``number`` and ``lines``; the shooting script
    (``fountainkit.production``) adds the rest to a copy of the page, and the
    painters print what is there:

    - ``printed``: the page number when it is not ``number`` (a locked
      script's ``12A`` or ``12-13``);
    - ``marks``: text in the right margin by row index into ``lines`` (a
      revision's ``*``);
    - ``values``: header and footer placeholder values for this page only
      (``{revision}`` on a revised page);
    - ``struck``: row indexes printed greyed and struck through (sides);
    - ``cover``: a line printed under the header, above the script text (the
      cover line on the first page of sides).
    """

    number: int
    lines: list[Line]
    printed: str = ""
    marks: dict[int, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    struck: frozenset[int] = frozenset()
    cover: Text = ()

    @property
    def label(self) -> str:
        """The page number as printed and shown by PDF viewers (/PageLabels)."""
        return self.printed or str(self.number)


@dataclass(frozen=True, slots=True)
class SceneExtent:
    """How much paper one scene takes: its first page and its rows on each page."""

    scene_index: int
    first_page: int
    lines_by_page: dict[int, int]

    @property
    def total_lines(self) -> int:
        return sum(self.lines_by_page.values())

    def eighths(self, body_lines_per_page: int, rounding: str = "nearest") -> int:
        """Length in eighths of a page, at least 1 (rounding "nearest" or "up")."""
        exact = self.total_lines / body_lines_per_page * 8
        whole = -(-exact // 1) if rounding == "up" else int(exact + 0.5)
        return max(1, int(whole))


@dataclass(frozen=True, slots=True)
class Document:
    """A paginated screenplay: the pages, the profile they fit, and the title page.

    ``title_pages`` is empty without a title page, one page as a rule, more
    only when the title page's text cannot fit on one.
    """

    pages: list[Page]
    profile: PageProfile
    title_pages: list[Page] = field(default_factory=list)
    settings: LayoutSettings = field(default_factory=LayoutSettings)

    @property
    def title_page(self) -> Page | None:
        """The (first) title page, or None."""
        return self.title_pages[0] if self.title_pages else None

    @property
    def page_count(self) -> int:
        """Script pages, the title page not counted."""
        return len(self.pages)

    def scene_extents(self) -> list[SceneExtent]:
        """One entry per scene, in script order, from the rows actually laid out."""
        extents: dict[int, SceneExtent] = {}
        for page in self.pages:
            for line in page.lines:
                index = line.scene_index
                if index is None:
                    continue
                extent = extents.get(index)
                if extent is None:
                    extent = extents[index] = SceneExtent(index, page.number, {})
                extent.lines_by_page[page.number] = extent.lines_by_page.get(page.number, 0) + 1
        return [extents[i] for i in sorted(extents)]
