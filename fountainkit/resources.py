"""Where the bundled grammars/ and templates/ live.

In a wheel they are copied inside the package (hatch force-include); in a
source checkout or an editable install they sit beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The directory ``grammars`` or ``templates``, wherever it was installed."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"fountainkit is missing its bundled {name}/ directory")


def grammar_path(filename: str) -> Path:
    return resource_dir("grammars") / filename


def template_dir() -> Path:
    return resource_dir("templates")


def fonts_dir() -> Path:
    return template_dir() / "fonts"
