"""PDF: the paginated pages painted by WeasyPrint.

The layout has already decided every page and every row; WeasyPrint only
paints one pre-formatted block per page with the bundled Courier Prime (and
system fallbacks for scripts Courier Prime lacks). WeasyPrint is imported
inside ``render_pdf`` because its import alone costs most of a second.
"""

from __future__ import annotations

import logging

from fountainkit.layout import Document
from fountainkit.model import Screenplay
from fountainkit.render.html import render_html
from fountainkit.resources import template_dir


class RenderError(RuntimeError):
    """WeasyPrint could not produce the PDF; the message is one line."""


def render_pdf(screenplay: Screenplay, document: Document) -> bytes:
    """The PDF bytes of ``document`` (from ``fountainkit.layout.paginate``)."""
    html = render_html(screenplay, document, embed_fonts=False)
    import weasyprint

    from fountainkit.render.fetcher import bundled_only_fetcher

    # Refused URLs and font fallbacks are expected, not worth a console warning each.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = bundled_only_fetcher()
    try:
        rendered = weasyprint.HTML(
            string=html, base_url=template_dir().as_uri() + "/", url_fetcher=fetcher
        ).render()
        return rendered.write_pdf()
    except Exception as exc:  # WeasyPrint/cairo errors: report, never a traceback
        raise RenderError(f"PDF rendering failed: {exc}") from exc
