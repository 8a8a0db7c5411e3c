"""Writers of the schedule reports: stripboard, one-liner and DOOD in HTML, PDF, CSV, JSON.

``render(schedule, "dood", "json", settings)`` returns text, or bytes for PDF.
Each format lives in its own module and is imported only when asked for, so a
CSV never pays for Jinja2 or WeasyPrint.
"""

from __future__ import annotations

import importlib

from fountainkit.production.schedule import Schedule
from fountainkit.production.settings import ScheduleSettings

REPORTS: tuple[str, ...] = ("stripboard", "one-liner", "dood")
FORMATS: tuple[str, ...] = ("html", "pdf", "csv", "json")

# (report, format) -> (module, function); PDF paints the HTML writer's output.
_WRITERS: dict[tuple[str, str], tuple[str, str]] = {
    ("stripboard", "html"): ("html", "stripboard_html"),
    ("one-liner", "html"): ("html", "one_liner_html"),
    ("dood", "html"): ("html", "dood_html"),
    ("stripboard", "csv"): ("table", "stripboard_csv"),
    ("one-liner", "csv"): ("table", "one_liner_csv"),
    ("dood", "csv"): ("table", "dood_csv"),
    ("stripboard", "json"): ("structured", "schedule_json"),
    ("one-liner", "json"): ("structured", "schedule_json"),
    ("dood", "json"): ("structured", "dood_json"),
}


def _writer(report: str, fmt: str):  # noqa: ANN202 - a module attribute
    module, function = _WRITERS[(report, fmt)]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def render(
    schedule: Schedule,
    report: str,
    fmt: str,
    settings: ScheduleSettings | None = None,
    *,
    paper: str = "letter",
) -> str | bytes:
    """``report`` (one of :data:`REPORTS`) of ``schedule`` in ``fmt`` (one of :data:`FORMATS`)."""
    settings = settings or ScheduleSettings()
    if report not in REPORTS:
        raise ValueError(f"unknown report {report!r} (choose from {', '.join(REPORTS)})")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "pdf":
        from fountainkit.production.reports.pdf import to_pdf

        html = _writer(report, "html")
        return to_pdf(schedule, report, settings, paper, lambda: html(schedule, settings, paper))
    if fmt == "html":
        return _writer(report, fmt)(schedule, settings, paper)
    return _writer(report, fmt)(schedule, settings)
