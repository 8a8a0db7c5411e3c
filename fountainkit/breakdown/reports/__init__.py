"""Writers of a :class:`~fountainkit.breakdown.model.Breakdown`: YAML, JSON, CSV, HTML, PDF.

``render(breakdown, "json")`` returns text for the text formats and bytes for
PDF. Each writer sits in its own module and is imported only when asked for,
so a YAML breakdown never pays for Jinja2 or the PDF painter.
"""

from __future__ import annotations

import importlib

from fountainkit.breakdown.model import Breakdown

# format -> (module, function)
WRITERS: dict[str, tuple[str, str]] = {
    "yaml": ("fountainkit.breakdown.reports.structured", "to_yaml"),
    "json": ("fountainkit.breakdown.reports.structured", "to_json"),
    "csv": ("fountainkit.breakdown.reports.table", "to_csv"),
    "html": ("fountainkit.breakdown.reports.html", "to_html"),
    "pdf": ("fountainkit.breakdown.reports.pdf", "to_pdf"),
}
FORMATS: tuple[str, ...] = tuple(WRITERS)


def render(breakdown: Breakdown, fmt: str, *, bom: bool = True) -> str | bytes:
    """The breakdown written in ``fmt`` (one of :data:`FORMATS`).

    ``bom`` applies to CSV: start with a UTF-8 byte-order mark (for Excel).
    """
    try:
        module, function = WRITERS[fmt]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise ValueError(f"unknown breakdown format {fmt!r} (choose from {choices})") from None
    writer = getattr(importlib.import_module(module), function)
    return writer(breakdown, bom=bom) if fmt == "csv" else writer(breakdown)
