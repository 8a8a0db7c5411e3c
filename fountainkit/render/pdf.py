"""PDF: the paginated pages painted by WeasyPrint.

The layout has already decided every page and every row; WeasyPrint only
paints one pre-formatted block per page with the bundled Courier Prime (and
system fallbacks for scripts Courier Prime lacks). WeasyPrint is imported
inside ``render_pdf`` because its import alone costs most of a second.

Long scripts are painted on several cores (see ``pdf_parallel``): WeasyPrint
is single-threaded and is nearly all of the time a PDF takes.
"""

from __future__ import annotations

import logging
from contextlib import closing

from fountainkit.layout import Document
from fountainkit.model import Screenplay
from fountainkit.render.html import render_html
from fountainkit.render.pdf_parallel import (
    Bookmark,
    ChunkPdf,
    balanced_bounds,
    chunk_count,
    merge,
    paint_in_parallel,
    split_pages,
)
from fountainkit.resources import template_dir

# WeasyPrint lays out in CSS pixels; PDF points are 3/4 of one.
POINTS_PER_PX = 0.75


class RenderError(RuntimeError):
    """WeasyPrint could not produce the PDF; the message is one line."""


def render_pdf(screenplay: Screenplay, document: Document, *, jobs: int | None = None) -> bytes:
    """The PDF bytes of ``document`` (from ``fountainkit.layout.paginate``).

    ``jobs`` is how many processes paint the pages: None picks by page count
    and available cores, 1 paints in this process alone. The pages, text,
    outline and metadata are the same either way; the bytes are the same for
    the same input, settings and number of processes (one process gives the
    file earlier versions gave).
    """
    html = render_html(screenplay, document, embed_fonts=False)
    import weasyprint  # noqa: F401  (imported once here, before any worker is forked)

    # Refused URLs and font fallbacks are expected, not worth a console warning each.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    printed_pages = document.page_count + (document.title_page is not None)
    chunks = chunk_count(printed_pages, jobs)
    paged = split_pages(html) if chunks > 1 else None
    try:
        if paged is None or len(paged.pages) != printed_pages:
            # One process, or the HTML is not cut where the pages are: paint it whole.
            return _paint(html).data
        bounds = balanced_bounds([len(page) for page in paged.pages], chunks)
        # closing(): an interrupt stops the workers here, not at interpreter exit.
        with closing(paint_in_parallel([paged.chunk(a, b) for a, b in bounds], _paint)) as painted:
            return merge(painted)
    except Exception as exc:  # WeasyPrint/cairo errors: report, never a traceback
        raise RenderError(f"PDF rendering failed: {exc}") from exc


def _paint(html: str) -> ChunkPdf:
    """One HTML document to PDF bytes, with its bookmarks in PDF coordinates."""
    import weasyprint

    from fountainkit.render.fetcher import bundled_only_fetcher

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
