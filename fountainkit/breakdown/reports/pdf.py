"""PDF report: the HTML report painted by WeasyPrint.

WeasyPrint is imported here only, so other formats start fast. The report
needs no external resource (stylesheet inline, system fonts, inline SVG);
the project's bundled-assets-only fetcher still guards the renderer, so no
URL that reached it could read a local file or touch the network.
"""

from __future__ import annotations

from fountainkit.breakdown.model import Breakdown
from fountainkit.breakdown.reports.html import to_html
from fountainkit.pdf.fetcher import bundled_only_fetcher


def to_pdf(breakdown: Breakdown) -> bytes:
    import weasyprint

    # The PDF's title metadata comes from the HTML <title>.
    document = weasyprint.HTML(string=to_html(breakdown), url_fetcher=bundled_only_fetcher())
    return document.write_pdf()
