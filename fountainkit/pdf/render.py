"""PDF: the paginated pages, painted directly or by WeasyPrint.

The layout has already decided every page and every row, so most pages need
no typesetting at all: ``painter`` paints their grid rows straight into PDF
with the bundled Courier Prime and installed fallback fonts (Hangul, kana,
Cyrillic, emoji...), in a small fraction of WeasyPrint's time. Pages holding
text that needs shaping (Arabic, Hebrew, Indic scripts) go to WeasyPrint,
through the same Jinja2 template as ``fountainkit html``; the two sets of
pages are then put back in order, with one outline.

``engine="weasyprint"`` paints every page with WeasyPrint, on several cores
for long scripts (see ``parallel``). WeasyPrint is imported only then,
because its import alone costs most of a second.

Either way, characters no installed font has are drawn by a box font made
for the document (``missing``), and the file gets its page labels and dates
(``catalog``).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from fountainkit.config import PDF_ENGINES
from fountainkit.layout import Document
from fountainkit.layout.profiles import PageProfile
from fountainkit.model import Screenplay
from fountainkit.pdf.catalog import Label, finish_pypdf, pdf_date, weasyprint_finisher
from fountainkit.pdf.fallback import FallbackFont
from fountainkit.pdf.fonts import Face
from fountainkit.pdf.harfbuzz import FontError, harfbuzz_available, load_font
from fountainkit.pdf.missing import (
    BOX_FAMILY,
    box_font,
    control_characters,
    missing_characters,
    warn_missing,
)
from fountainkit.pdf.parallel import (
    Bookmark,
    ChunkPdf,
    balanced_bounds,
    chunk_count,
    interleave,
    merge,
    paint_in_parallel,
)
from fountainkit.resources import template_dir
from fountainkit.writers.html import FontFace, PageView, metadata, page_views, pages_html

# WeasyPrint lays out in CSS pixels; PDF points are 3/4 of one.
POINTS_PER_PX = 0.75


class RenderError(RuntimeError):
    """The PDF could not be produced; the message is one line."""


@dataclass(frozen=True, slots=True)
class _Painting:
    """What every painter of one document shares: pages, settings, labels, date,
    and the box font for characters no installed font has."""

    views: list[PageView]
    meta: dict[str, str]
    profile: PageProfile
    jobs: int | None
    labels: list[Label]
    date: str
    box_path: Path | None = None

    @property
    def fetch_roots(self) -> tuple[Path, ...]:
        """What WeasyPrint may read: the bundled assets, and the box font's folder."""
        roots = [template_dir()]
        if self.box_path is not None:
            roots.append(self.box_path.parent)
        return tuple(roots)


# The document being painted: forked WeasyPrint workers inherit it.
_current: _Painting | None = None


def render_pdf(
    screenplay: Screenplay,
    document: Document,
    *,
    jobs: int | None = None,
    engine: str = "direct",
) -> bytes:
    """The PDF bytes of ``document`` (from ``fountainkit.layout.paginate``).

    ``engine`` "direct" paints every page Courier Prime can draw itself and
    hands the rest to WeasyPrint; "weasyprint" paints them all with WeasyPrint.
    ``jobs`` is how many processes WeasyPrint paints with: None picks by page
    count and available cores, 1 paints in this process alone. The bytes are
    the same for the same input, settings, engine and number of processes when
    ``SOURCE_DATE_EPOCH`` is set (the dates are the run's time otherwise).

    A character no installed font has is drawn as an empty box (the text
    layer keeps it) and reported once as a ``MissingGlyphWarning``.
    """
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (choose from {', '.join(PDF_ENGINES)})")
    # An empty script still gives a blank page: a PDF without pages is not one readers open.
    views = page_views(screenplay, document) or [PageView(1)]
    missing = missing_characters(views)
    warn_missing(screenplay, control_characters(document) + missing)
    labels: list[Label] = [None] * len(document.title_pages)
    labels += [page.label for page in document.pages]
    painting = _Painting(
        views,
        metadata(screenplay),
        document.profile,
        jobs,
        labels[: len(views)] + ["1"] * (len(views) - len(labels)),
        pdf_date(),
    )
    try:
        if not missing:
            return _paint(painting, engine)
        with tempfile.TemporaryDirectory(prefix="fountainkit-") as folder:
            box = replace(painting, box_path=box_font(missing, Path(folder)))
            return _paint(box, engine)
    except Exception as exc:  # WeasyPrint/cairo/pypdf errors: report, never a traceback
        raise RenderError(f"PDF rendering failed: {exc}") from exc


def _paint(painting: _Painting, engine: str) -> bytes:
    global _current
    _current = painting
    try:
        if engine == "direct" and harfbuzz_available():
            from fountainkit.pdf.painter import can_paint, paint_pages

            box = _box_face(painting.box_path)
            drawable = [can_paint(view, box) for view in painting.views]
            try:
                if all(drawable):
                    return paint_pages(
                        painting.views,
                        painting.profile,
                        painting.meta,
                        box=box,
                        labels=painting.labels,
                        date=painting.date,
                    ).data
                if any(drawable):
                    return _paint_mixed(painting, drawable, box)
            except FontError:
                pass  # a fallback font hb-subset refuses: WeasyPrint subsets its own way
        bounds, painted = _paint_with_weasyprint(painting.views)
        if len(bounds) == 1:
            return next(painted).data  # one process: its file as WeasyPrint wrote it
        return merge(painted, lambda writer: finish_pypdf(writer, painting.labels, painting.date))
    finally:
        _current = None


def _box_face(path: Path | None) -> Face | None:
    """The painter's face for the document's box font."""
    if path is None:
        return None
    facts = load_font(path)
    font = FallbackFont(BOX_FAMILY, path, 0, facts, synthetic_oblique=False, synthetic_bold=False)
    return Face("FountainkitMissingGlyph", facts, width_decimals=0, fallback=font)


def _paint_mixed(painting: _Painting, drawable: list[bool], box: Face | None) -> bytes:
    """Direct pages and WeasyPrint pages painted apart, then put back in order."""
    from fountainkit.pdf.painter import MIXED_PRODUCER, paint_pages

    views = painting.views
    fallback = [view for view, ok in zip(views, drawable, strict=True) if not ok]
    bounds, painted = _paint_with_weasyprint(fallback)
    weasyprint_pdfs = list(painted)
    direct = [view for view, ok in zip(views, drawable, strict=True) if ok]
    direct_pdf = paint_pages(direct, painting.profile, painting.meta, with_outline=False, box=box)
    sources = [direct_pdf, *weasyprint_pdfs]
    # Where each page comes from, (source, page in source), in document order.
    direct_pages = iter(range(len(direct)))
    fallback_pages = iter(
        [(1 + chunk, page) for chunk, (a, b) in enumerate(bounds) for page in range(b - a)]
    )
    order = [(0, next(direct_pages)) if ok else next(fallback_pages) for ok in drawable]
    return interleave(
        sources,
        order,
        {"/Producer": MIXED_PRODUCER},
        lambda writer: finish_pypdf(writer, painting.labels, painting.date),
    )


def _paint_with_weasyprint(
    views: list[PageView],
) -> tuple[list[tuple[int, int]], Iterator[ChunkPdf]]:
    """WeasyPrint's PDFs of ``views`` cut in runs of pages (the bounds), one process each.

    The runs are yielded in order as they finish; long documents are painted
    on several cores (see ``parallel``).
    """
    painting = _current
    assert painting is not None
    _import_weasyprint()
    # The characters on a page stand in for its painting cost.
    sizes = [1 + sum(len(s.text) for row in view.rows for s in row) for view in views]
    bounds = balanced_bounds(sizes, chunk_count(len(views), painting.jobs))
    extra = _box_font_faces(painting.box_path)
    chunks = [
        pages_html(
            views[a:b], painting.meta, painting.profile, embed_fonts=False, extra_fonts=extra
        )
        for a, b in bounds
    ]
    if len(chunks) == 1:
        return bounds, iter([_weasyprint_chunk(chunks[0], whole=len(views) == len(painting.views))])
    return bounds, _closing_iterator(paint_in_parallel(chunks, _weasyprint_chunk))


def _box_font_faces(path: Path | None) -> list[FontFace]:
    if path is None:
        return []
    return [FontFace(path.as_uri(), "normal", "normal", BOX_FAMILY)]


def _closing_iterator(painted: Generator[ChunkPdf, None, None]) -> Iterator[ChunkPdf]:
    # closing(): an interrupt stops the workers here, not at interpreter exit.
    with closing(painted):
        yield from painted


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401  (imported once here, before any worker is forked)

    # Refused URLs and font fallbacks are expected, not worth a console warning each.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _weasyprint_chunk(html: str, whole: bool = False) -> ChunkPdf:
    """One HTML document to PDF bytes, with its bookmarks in PDF coordinates
    (``_paint_with_weasyprint`` has imported and quietened WeasyPrint). A
    ``whole`` document gets its page labels and dates here; chunks get them
    when they are merged."""
    import weasyprint

    from fountainkit.pdf.fetcher import bundled_only_fetcher

    painting = _current
    assert painting is not None
    rendered = weasyprint.HTML(
        string=html,
        base_url=template_dir().as_uri() + "/",
        url_fetcher=bundled_only_fetcher(painting.fetch_roots),
    ).render()
    bookmarks = [
        Bookmark(
            index,
            level,
            label,
            x * POINTS_PER_PX,
            (page.height - y) * POINTS_PER_PX,  # PDF y runs up from the bottom edge
            state != "closed",
        )
        for index, page in enumerate(rendered.pages)
        for level, label, (x, y), state in page.bookmarks
    ]
    finisher = weasyprint_finisher(painting.labels, painting.date) if whole else None
    return ChunkPdf(rendered.write_pdf(finisher=finisher), bookmarks)
