"""PDF: the paginated pages, painted directly or by WeasyPrint.

The layout has already decided every page and every row, so most pages need
no typesetting at all: ``pdf_direct`` paints their grid rows straight into
PDF with the bundled Courier Prime, in a small fraction of WeasyPrint's time.
Pages holding a character Courier Prime lacks (Hangul, kana, Cyrillic,
Arabic...) go to WeasyPrint, through the same Jinja2 template as
``fountainkit html``, so its font fallback and text shaping draw them; the
two sets of pages are then put back in order, with one outline.

``engine="weasyprint"`` paints every page with WeasyPrint, on several cores
for long scripts (see ``pdf_parallel``). WeasyPrint is imported only then,
because its import alone costs most of a second.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from contextlib import closing

from fountainkit.config import PDF_ENGINES
from fountainkit.layout import Document
from fountainkit.layout.profiles import PageProfile
from fountainkit.model import Screenplay
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
from fountainkit.writers.html import PageView, metadata, page_views, pages_html

# WeasyPrint lays out in CSS pixels; PDF points are 3/4 of one.
POINTS_PER_PX = 0.75


class RenderError(RuntimeError):
    """The PDF could not be produced; the message is one line."""


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
    the same for the same input, settings, engine and number of processes.
    """
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (choose from {', '.join(PDF_ENGINES)})")
    # An empty script still gives a blank page: a PDF without pages is not one readers open.
    views = page_views(screenplay, document) or [PageView(1)]
    meta = metadata(screenplay)
    try:
        if engine == "direct":
            from fountainkit.pdf.painter import can_paint, paint_pages
            from fountainkit.pdf.subset import SubsetError

            drawable = [can_paint(view) for view in views]
            try:
                if all(drawable):
                    return paint_pages(views, document.profile, meta).data
                if any(drawable):
                    return _paint_mixed(views, drawable, document.profile, meta, jobs)
            except SubsetError:
                pass  # a fallback font hb-subset refuses: WeasyPrint subsets its own way
        bounds, painted = _paint_with_weasyprint(views, meta, document.profile, jobs)
        # One process: its file as WeasyPrint wrote it, nothing to merge.
        return next(painted).data if len(bounds) == 1 else merge(painted)
    except Exception as exc:  # WeasyPrint/cairo/pypdf errors: report, never a traceback
        raise RenderError(f"PDF rendering failed: {exc}") from exc


def _paint_mixed(
    views: list[PageView],
    drawable: list[bool],
    profile: PageProfile,
    meta: dict[str, str],
    jobs: int | None,
) -> bytes:
    """Direct pages and WeasyPrint pages painted apart, then put back in order."""
    from fountainkit.pdf.painter import MIXED_PRODUCER, paint_pages

    fallback = [view for view, ok in zip(views, drawable, strict=True) if not ok]
    bounds, painted = _paint_with_weasyprint(fallback, meta, profile, jobs)
    weasyprint_pdfs = list(painted)
    direct = [view for view, ok in zip(views, drawable, strict=True) if ok]
    sources = [paint_pages(direct, profile, meta, with_outline=False), *weasyprint_pdfs]
    # Where each page comes from, (source, page in source), in document order.
    direct_pages = iter(range(len(direct)))
    fallback_pages = iter(
        [(1 + chunk, page) for chunk, (a, b) in enumerate(bounds) for page in range(b - a)]
    )
    order = [(0, next(direct_pages)) if ok else next(fallback_pages) for ok in drawable]
    return interleave(sources, order, {"/Producer": MIXED_PRODUCER})


def _paint_with_weasyprint(
    views: list[PageView], meta: dict[str, str], profile: PageProfile, jobs: int | None
) -> tuple[list[tuple[int, int]], Iterator[ChunkPdf]]:
    """WeasyPrint's PDFs of ``views`` cut in runs of pages (the bounds), one process each.

    The runs are yielded in order as they finish; long documents are painted
    on several cores (see ``pdf_parallel``).
    """
    _import_weasyprint()
    # The characters on a page stand in for its painting cost.
    sizes = [1 + sum(len(s.text) for row in view.rows for s in row) for view in views]
    bounds = balanced_bounds(sizes, chunk_count(len(views), jobs))
    chunks = [pages_html(views[a:b], meta, profile, embed_fonts=False) for a, b in bounds]
    if len(chunks) == 1:
        return bounds, iter([_weasyprint_chunk(chunks[0])])
    return bounds, _closing_iterator(paint_in_parallel(chunks, _weasyprint_chunk))


def _closing_iterator(painted: Generator[ChunkPdf, None, None]) -> Iterator[ChunkPdf]:
    # closing(): an interrupt stops the workers here, not at interpreter exit.
    with closing(painted):
        yield from painted


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401  (imported once here, before any worker is forked)

    # Refused URLs and font fallbacks are expected, not worth a console warning each.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def _weasyprint_chunk(html: str) -> ChunkPdf:
    """One HTML document to PDF bytes, with its bookmarks in PDF coordinates
    (``_paint_with_weasyprint`` has imported and quietened WeasyPrint)."""
    import weasyprint

    from fountainkit.pdf.fetcher import bundled_only_fetcher

    rendered = weasyprint.HTML(
        string=html, base_url=template_dir().as_uri() + "/", url_fetcher=bundled_only_fetcher()
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
    return ChunkPdf(rendered.write_pdf(), bookmarks)
