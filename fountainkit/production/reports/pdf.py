"""PDF of the schedule reports: their HTML painted by WeasyPrint.

WeasyPrint is imported here only, so the other formats start fast. The HTML
needs no external resource (stylesheet inline, system fonts); the project's
bundled-assets-only fetcher still guards the renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from fountainkit.pdf.fetcher import bundled_only_fetcher
from fountainkit.production.schedule import Schedule
from fountainkit.production.settings import ScheduleSettings

HtmlWriter = Callable[[Schedule, ScheduleSettings, str], str]


def paint(html: str) -> bytes:
    import weasyprint

    document = weasyprint.HTML(string=html, url_fetcher=bundled_only_fetcher())
    return document.write_pdf()
