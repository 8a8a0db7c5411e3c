"""HTML of the paginated pages: the one template both the PDF and ``fountainkit html`` use.

Each page is one ``white-space: pre`` block whose rows are the layout's rows,
indented with spaces on the 10-cpi grid. That is all WeasyPrint has to lay out
(it makes no page-break decision of its own), which measured 2-4x faster than
positioning every line as its own box. Script text only ever reaches the
page through Jinja2 autoescaping.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2

from fountainkit.layout import Document, Line, Page
from fountainkit.layout.profiles import PageProfile
from fountainkit.layout.wrap import cells, join_text
from fountainkit.model import Run, Scene, Screenplay, Section
from fountainkit.resources import fonts_dir, template_dir

TEMPLATE = "screenplay.html.j2"
STYLESHEET = "screenplay.css"

# (file, weight, style) of the bundled faces: one @font-face per whole file.
FONT_FACES = (
    ("CourierPrime-Regular.otf", "normal", "normal"),
    ("CourierPrime-Bold.otf", "bold", "normal"),
    ("CourierPrime-Italic.otf", "normal", "italic"),
    ("CourierPrime-BoldItalic.otf", "bold", "italic"),
)

# Rows above the first script row: the page number sits 0.5in from the top,
# the script starts at the 1in top margin, 3 rows (0.5in) lower.
HEADER_ROWS = 3
SCENE_NUMBER_LEFT_COLUMN = 8
# Courier Prime covers Latin up to Latin Extended-B; past that, fallback fonts draw.
_LAST_COURIER_CODEPOINT = 0x024F  # 0.8in from the left edge, clear of the 1.5in margin


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of one printed row: text plus its style classes and optional bookmark."""

    text: str
    classes: str = ""
    bookmark_level: int = 0
    bookmark_label: str = ""
    # Opens a fixed-width box of this many grid cells (see _RowWriter.text); -1 closes it.
    box_cells: int = 0


@dataclass(slots=True)
class PageView:
    number: int
    rows: list[list[Segment]] = field(default_factory=list)
    is_title: bool = False


@dataclass(frozen=True, slots=True)
class FontFace:
    url: str
    weight: str
    style: str


def _classes(run: Run) -> str:
    return " ".join(c for c, on in (("b", run.bold), ("i", run.italic), ("u", run.underline)) if on)


class _RowWriter:
    """Builds one row left to right, padding with spaces to each column."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.position = 0

    def pad_to(self, column: int) -> None:
        if column > self.position:
            self.segments.append(Segment(" " * (column - self.position)))
            self.position = column
        elif self.position and column < self.position:
            self.segments.append(Segment(" "))  # overlapping columns: keep a gap
            self.position += 1

    def text(self, runs: tuple[Run, ...], column: int) -> None:
        if not runs:
            return
        self.pad_to(column)
        text = join_text(runs)
        width = cells(text)
        # Glyphs Courier Prime lacks come from fallback fonts whose advances are
        # not 0.1in (Hangul is 1em, not 2 cells): such text goes in a box exactly
        # as wide as the grid cells the layout gave it, so nothing after it moves.
        boxed = not text.isascii() and any(ord(c) > _LAST_COURIER_CODEPOINT for c in text)
        if boxed:
            self.segments.append(Segment("", box_cells=width))
        for run in runs:
            self.segments.append(Segment(run.text, _classes(run)))
        if boxed:
            self.segments.append(Segment("", box_cells=-1))
        self.position += width

    def bookmark(self, level: int, label: str, column: int) -> None:
        self.pad_to(column)
        self.segments.append(Segment("", "", level, label))


class _Outline:
    """Outline levels: sections nest by their # count, scenes sit under the section."""

    def __init__(self, screenplay: Screenplay) -> None:
        self.before_scene: dict[int, list[Section]] = {}
        self.scene_level: dict[int, int] = {}
        pending: list[Section] = []
        depth = 0
        scene_index = -1
        for item in screenplay.body:
            if isinstance(item, Scene):
                scene_index += 1
                if pending:
                    self.before_scene[scene_index] = pending
                    pending = []
                self.scene_level[scene_index] = min(depth + 1, 6)
                markers = item.elements
            else:
                markers = (item,)
            # A section inside a scene heads the outline from the next scene on.
            for marker in markers:
                if isinstance(marker, Section):
                    pending.append(marker)
                    depth = marker.level


def _scene_label(line: Line) -> str:
    number = f"{line.scene_number} " if line.scene_number else ""
    return f"{number}{line.text}".strip()


def page_views(screenplay: Screenplay, document: Document) -> list[PageView]:
    """Every page (title page first) as rows of styled segments."""
    profile = document.profile
    mode = document.settings.scene_numbers
    outline = _Outline(screenplay)
    bookmarked: set[int] = set()
    views: list[PageView] = []
    for title_page in document.title_pages:
        views.append(_page_view(title_page, profile, mode, outline, bookmarked, True))
    for page in document.pages:
        views.append(_page_view(page, profile, mode, outline, bookmarked, False))
    return views


def _page_view(
    page: Page,
    profile: PageProfile,
    mode: str,
    outline: _Outline,
    bookmarked: set[int],
    is_title: bool,
) -> PageView:
    view = PageView(page.number, is_title=is_title)
    header = _RowWriter()
    if not is_title and page.number > 1:
        label = f"{page.number}."
        header.text((Run(label),), profile.right_edge - len(label))
    view.rows.append(header.segments)
    view.rows.extend([] for _ in range(HEADER_ROWS - 1))
    for line in page.lines:
        row = _RowWriter()
        heading_start = (
            line.kind == "scene_heading"
            and line.scene_index is not None
            and line.scene_index not in bookmarked
        )
        if line.scene_number and mode in ("left", "both"):
            number = line.scene_number
            column = min(SCENE_NUMBER_LEFT_COLUMN, profile.action.column - len(number) - 1)
            row.text((Run(number),), max(column, 0))
        if heading_start:
            index = line.scene_index
            assert index is not None
            bookmarked.add(index)
            for section in outline.before_scene.get(index, []):
                row.bookmark(min(section.level, 6), section.title.strip(), line.column)
            row.bookmark(outline.scene_level.get(index, 1), _scene_label(line), line.column)
        row.text(line.runs, line.column)
        if line.right is not None:
            row.text(line.right.runs, line.right.column)
        if line.scene_number and mode in ("right", "both"):
            row.text((Run(line.scene_number),), profile.right_edge + 1)
        view.rows.append(row.segments)
    return view


def font_faces(embed: bool) -> list[FontFace]:
    """The bundled Courier Prime faces as file: URLs, or as data: URLs when embedded."""
    faces = []
    for filename, weight, style in FONT_FACES:
        path = fonts_dir() / filename
        url = _data_url(path) if embed else path.resolve().as_uri()
        faces.append(FontFace(url, weight, style))
    return faces


@cache
def _data_url(path: Path) -> str:
    return "data:font/otf;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,  # every piece of script text is escaped, whatever the file name
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=False,
    )


def metadata(screenplay: Screenplay) -> dict[str, str]:
    """Document metadata from the title page (title, author, and the rest)."""
    title_page = screenplay.title_page

    def entry(*keys: str) -> str:
        for key in keys:
            found = title_page.get(key) if title_page else None
            if found is not None and found.text.strip():
                return " ".join(found.text.split())
        return ""

    draft = entry("draft date", "date")
    return {
        "title": screenplay.title() or "Untitled screenplay",
        "author": entry("author", "authors"),
        # PDF "Subject": what the document is, with its draft when the title page gives one.
        "description": f"Screenplay, draft of {draft}" if draft else "Screenplay",
    }


def render_html(screenplay: Screenplay, document: Document, *, embed_fonts: bool = True) -> str:
    """The standalone HTML of ``document``: CSS inlined, fonts embedded or file URLs."""
    return pages_html(
        page_views(screenplay, document),
        metadata(screenplay),
        document.profile,
        embed_fonts=embed_fonts,
    )


def pages_html(
    views: list[PageView], meta: dict[str, str], profile: PageProfile, *, embed_fonts: bool
) -> str:
    """The standalone HTML of some pages (``page_views`` output, whole or in part)."""
    stylesheet = (template_dir() / STYLESHEET).read_text(encoding="utf-8")
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            meta=meta,
            pages=views,
            fonts=font_faces(embed_fonts),
            page_width=f"{profile.width_in}in",
            page_height=f"{profile.height_in}in",
            stylesheet=stylesheet,
        )
    )
