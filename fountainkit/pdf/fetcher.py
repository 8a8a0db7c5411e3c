"""A WeasyPrint URL fetcher that serves bundled assets and nothing else.

Script text is escaped by the templates, so a script cannot inject markup; this
is the second wall: even a URL that reached WeasyPrint some other way is
refused unless it is a ``file:`` URL inside the bundled templates/ folder
(the fonts and stylesheet). No network, no ``data:``, no other file.

WeasyPrint is imported inside ``bundled_only_fetcher`` so that importing this
module stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from fountainkit.resources import template_dir


class RefusedURL(ValueError):
    """A URL outside the bundled assets (WeasyPrint turns it into a warning and skips it)."""


def bundled_path(url: str, roots: tuple[Path, ...] | None = None) -> Path:
    """The local file a bundled-asset URL names, or RefusedURL."""
    roots = roots or (template_dir(),)
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"refused to fetch {url!r}: only bundled assets are allowed")
    path = Path(unquote(parts.path)).resolve()
    for root in roots:
        if path.is_relative_to(root.resolve()) and path.is_file():
            return path
    raise RefusedURL(f"refused to fetch {url!r}: only bundled assets are allowed")


def bundled_only_fetcher(roots: tuple[Path, ...] | None = None) -> Any:
    """A ``weasyprint.urls.URLFetcher`` that only reads files under ``roots``.

    ``fetcher.fetched`` lists what it served and ``fetcher.refused`` what it
    turned away, so callers and tests can see exactly what was touched.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class BundledOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.fetched: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            try:
                path = bundled_path(url, roots)
            except RefusedURL:
                self.refused.append(url)
                raise
            self.fetched.append(url)
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), status=200)

    return BundledOnlyFetcher()
