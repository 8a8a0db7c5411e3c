"""HTML of the paginated pages: the one template both the PDF and ``fountainkit html`` use.

Each page is one ``white-space: pre`` block whose rows are the layout's rows,
indented with spaces on the 10-cpi grid. That is all WeasyPrint has to lay out
(it makes no page-break decision of its own), which measured 2-4x faster than
positioning every line as its own box. Script text only ever reaches the
page through Jinja2 autoescaping.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fountainkit.layout import Document, Line, Page
from fountainkit.layout.furniture import (
    MAX_FURNITURE_ROWS,
    SLOT_GAP,
    Piece,
    expand,
    fit_runs,
    footer_first_row,
    margin_number_pieces,
    mark_column,
    slot_pieces,
    watermark_placement,
)
from fountainkit.layout.profiles import PageProfile
from fountainkit.layout.wrap import cells, join_text
from fountainkit.model import Run, Scene, Screenplay, Section
from fountainkit.resources import fonts_dir, template_dir
from fountainkit.templating import environment

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
# The tone class of struck rows: greyed and struck through (templates/screenplay.css).
STRUCK = "s"
# Courier Prime covers Latin up to Latin Extended-B; past that, fallback fonts draw.
_LAST_COURIER_CODEPOINT = 0x024F


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
    """One page as the painters see it: rows of segments on the grid, from the
    header row (0.5in from the top) down, and the text of its watermark."""

    number: int
    rows: list[list[Segment]] = field(default_factory=list)
    is_title: bool = False
    watermark: str = ""


@dataclass(frozen=True, slots=True)
class FontFace:
    url: str
    weight: str
    style: str
    family: str = "Courier Prime"


def _title_entry(screenplay: Screenplay, *keys: str) -> str:
    """The first of ``keys`` the title page has, on one line ("" when none)."""
    title_page = screenplay.title_page
    for key in keys:
        found = title_page.get(key) if title_page else None
        if found is not None and found.text.strip():
            return " ".join(found.text.split())
    return ""


def visible_controls(text: str) -> str:
    """``text`` with each control character shown by its Unicode control picture
    (BEL as ␇, DEL as ␡) or, for the C1 controls that have none, as �:
    a control character has no glyph in any font, and text renderers draw it
    as nothing or as a box a reader cannot extract."""
    if text.isprintable():
        return text
    return "".join(_CONTROL_PICTURES.get(char, char) for char in text)


_CONTROL_PICTURES = {
    **{chr(code): chr(0x2400 + code) for code in range(0x20)},
    "\x7f": "\u2421",
    **{chr(code): "\ufffd" for code in range(0x80, 0xA0)},
}


def _classes(run: Run, tone: str = "") -> str:
    """The style classes of a run: b, i, u, and ``tone`` (``s``: greyed and
    struck through, the other scenes on a page of sides)."""
    if not (run.bold or run.italic or run.underline or tone):
        return ""
    styles = (("b", run.bold), ("i", run.italic), ("u", run.underline), (tone, bool(tone)))
    return " ".join(c for c, on in styles if on)


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

    def text(self, runs: tuple[Run, ...], column: int, tone: str = "") -> None:
        if not runs:
            return
        self.pad_to(column)
        text = join_text(runs)
        if not text.isprintable():
            runs = tuple(
                Run(visible_controls(r.text), r.bold, r.italic, r.underline, r.kind) for r in runs
            )
            text = join_text(runs)
        width = cells(text)
        # Glyphs Courier Prime lacks come from fallback fonts whose advances are
        # not 0.1in (Hangul is 1em, not 2 cells): such text goes in a box exactly
        # as wide as the grid cells the layout gave it, so nothing after it moves.
        boxed = not text.isascii() and any(ord(c) > _LAST_COURIER_CODEPOINT for c in text)
        if boxed:
            self.segments.append(Segment("", box_cells=width))
        for run in runs:
            self.segments.append(Segment(run.text, _classes(run, tone)))
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
    outline = _Outline(screenplay)
    bookmarked: set[int] = set()
    values = furniture_values(screenplay, document)
    views: list[PageView] = []
    for title_page in document.title_pages:
        views.append(_page_view(title_page, document, outline, bookmarked, None))
    for page in document.pages:
        views.append(_page_view(page, document, outline, bookmarked, values))
    return views


def furniture_values(screenplay: Screenplay, document: Document) -> dict[str, str]:
    """What the header and footer placeholders stand for, the page number aside."""
    settings = document.settings
    meta = metadata(screenplay)
    draft_date = settings.draft_date or _title_entry(screenplay, "draft date", "date")
    revision = " ".join(part for part in (settings.revision, draft_date) if part)
    return {
        "title": meta["title"],
        "author": meta["author"],
        "draft_date": draft_date,
        "revision": revision if settings.revision else "",
        "pages": str(document.page_count),
    }


class _Rows:
    """A page's rows. Text and bookmarks may be added to any row in any order
    (script text, margin numbers, header pieces); each row is written out left
    to right at the end."""

    def __init__(self) -> None:
        # Per row: (column, order, runs or None, bookmark level, bookmark label
        # or the tone of the text).
        self.items: list[list[tuple[int, int, tuple[Run, ...] | None, int, str]]] = []

    def text(self, row: int, runs: tuple[Run, ...], column: int, tone: str = "") -> None:
        if runs:
            self.touch(row)
            items = self.items[row]
            items.append((column, len(items), runs, 0, tone))

    def bookmark(self, row: int, level: int, label: str, column: int) -> None:
        self.touch(row)
        items = self.items[row]
        items.append((column, len(items), None, level, label))

    def pieces(self, pieces: list[Piece], first_row: int, tone: str = "") -> None:
        for piece in pieces:
            self.text(first_row + piece.row, (Run(piece.text),), piece.column, tone)

    def touch(self, row: int) -> None:
        """Make sure rows up to ``row`` exist (empty ones included)."""
        while len(self.items) <= row:
            self.items.append([])

    def segments(self) -> list[list[Segment]]:
        out = []
        for items in self.items:
            if len(items) > 1 and any(a[0] > b[0] for a, b in zip(items, items[1:], strict=False)):
                items = sorted(items, key=lambda item: item[:2])
            writer = _RowWriter()
            for column, _order, runs, level, label in items:
                if runs is None:
                    writer.bookmark(level, label, column)
                else:
                    writer.text(runs, column, label)
            out.append(writer.segments)
        return out


def _page_view(
    page: Page,
    document: Document,
    outline: _Outline,
    bookmarked: set[int],
    values: dict[str, str] | None,
) -> PageView:
    """One page's rows; ``values`` are the furniture's (None on a title page)."""
    profile = document.profile
    settings = document.settings
    mode = settings.scene_numbers
    view = PageView(page.number, is_title=values is None, watermark=settings.watermark)
    rows = _Rows()
    rows.touch(HEADER_ROWS - 1)
    if values is not None:
        _furniture(rows, page, document, values)
    for index, line in enumerate(page.lines):
        row_index = HEADER_ROWS + index
        rows.touch(row_index)
        tone = STRUCK if index in page.struck else ""
        heading_start = (
            line.kind == "scene_heading"
            and line.scene_index is not None
            and line.scene_index not in bookmarked
        )
        if line.scene_number and mode in ("left", "both"):
            rows.pieces(margin_number_pieces(line.scene_number, "left", profile), row_index, tone)
        if heading_start:
            scene = line.scene_index
            assert scene is not None
            bookmarked.add(scene)
            for section in outline.before_scene.get(scene, []):
                rows.bookmark(row_index, min(section.level, 6), section.title.strip(), line.column)
            label = _scene_label(line)
            rows.bookmark(row_index, outline.scene_level.get(scene, 1), label, line.column)
        rows.text(row_index, line.runs, line.column, tone)
        if line.right is not None:
            rows.text(row_index, line.right.runs, line.right.column, tone)
        right_number = line.scene_number if mode in ("right", "both") else None
        if right_number:
            rows.pieces(margin_number_pieces(right_number, "right", profile), row_index, tone)
        mark = page.marks.get(index)
        if mark:
            rows.text(row_index, (Run(mark),), mark_column(profile, mark, right_number))
    view.rows = rows.segments()
    return view


def _furniture(rows: _Rows, page: Page, document: Document, values: dict[str, str]) -> None:
    """The header row(s) with the page number, and the footer row(s)."""
    profile = document.profile
    settings = document.settings
    values = {**values, **page.values, "page": page.label}
    first, end = profile.action.column, profile.right_edge
    number = expand(settings.page_numbers, values) if page.number > 1 else ""
    if number:
        rows.pieces([Piece(0, end - cells(number), number)], 0)
    # The right slot ends before the widest page number, on every page alike (the
    # whole script's, when only some of its pages are printed: sides, revised pages).
    widest = cells(expand(settings.page_numbers, {**values, "page": values["pages"]}))
    header_end = end - (widest + SLOT_GAP if widest else 0)
    header = settings.header
    texts = (
        expand(header.left, values),
        expand(header.center, values),
        expand(header.right, values),
    )
    header_pieces = slot_pieces(texts, first, header_end, "header")
    rows.pieces(header_pieces, 0)
    if page.cover:
        # Under the header (the page number's row, or the rows the header takes).
        below = 1 + max((piece.row for piece in header_pieces), default=0)
        rows.text(below, fit_runs(page.cover, end - first), first)
    footer = settings.footer
    if not footer.is_empty():
        texts = (
            expand(footer.left, values),
            expand(footer.center, values),
            expand(footer.right, values),
        )
        pieces = slot_pieces(texts, first, end, "footer")
        if pieces:
            used = 1 + max(piece.row for piece in pieces)
            start = footer_first_row(profile, profile.page_number_top_in)
            rows.pieces(pieces, start + MAX_FURNITURE_ROWS - used)


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


def metadata(screenplay: Screenplay) -> dict[str, str]:
    """Document metadata from the title page (title, author, and the rest)."""
    draft = _title_entry(screenplay, "draft date", "date")
    return {
        "title": screenplay.title() or "Untitled screenplay",
        "author": _title_entry(screenplay, "author", "authors"),
        # PDF "Subject": what the document is, with its draft when the title page gives one.
        "description": f"Screenplay, draft of {draft}" if draft else "Screenplay",
    }


def _watermark_style(text: str, profile: PageProfile) -> str:
    """The CSS box of a watermark: its line centred on the page, turned about its
    centre (the direct painter draws the same, see ``watermark_placement``)."""
    if not text:
        return ""
    place = watermark_placement(text, profile)
    left = (place.page_width - place.width) / 2
    top = (place.page_height - place.size) / 2
    return (
        f"left: {left:.2f}pt; top: {top:.2f}pt; width: {place.width:.2f}pt; "
        f"font-size: {place.size:.2f}pt; line-height: {place.size:.2f}pt; "
        f"transform: rotate({-math.degrees(place.angle):.4f}deg)"
    )


def render_html(screenplay: Screenplay, document: Document, *, embed_fonts: bool = True) -> str:
    """The standalone HTML of ``document``: CSS inlined, fonts embedded or file URLs."""
    return pages_html(
        page_views(screenplay, document),
        metadata(screenplay),
        document.profile,
        embed_fonts=embed_fonts,
    )


def pages_html(
    views: list[PageView],
    meta: dict[str, str],
    profile: PageProfile,
    *,
    embed_fonts: bool,
    extra_fonts: list[FontFace] | None = None,
) -> str:
    """The standalone HTML of some pages (``page_views`` output, whole or in part);
    ``extra_fonts`` are more @font-face rules (the PDF's box font)."""
    stylesheet = (template_dir() / STYLESHEET).read_text(encoding="utf-8")
    watermarks = {view.watermark: _watermark_style(view.watermark, profile) for view in views}
    return (
        environment(report=False)
        .get_template(TEMPLATE)
        .render(
            meta=meta,
            pages=views,
            watermarks=watermarks,
            fonts=font_faces(embed_fonts) + list(extra_fonts or ()),
            page_width=f"{profile.width_in}in",
            page_height=f"{profile.height_in}in",
            stylesheet=stylesheet,
        )
    )
