"""fountainkit: Fountain screenplays parsed losslessly, paginated like the industry.

Public API::

    from fountainkit import parse, parse_file, load, write, edits

``write(tree)`` keeps the author's bytes for every node not changed through
the API; ``edits(tree)`` gives the changes as text edits (docs/library.md).

``load(path)`` reads a Fountain, Final Draft (.fdx) or PDF screenplay, told
apart by content, into the same model (``fountainkit.readers`` for warnings).
"""

from __future__ import annotations

from fountainkit.model import Screenplay
from fountainkit.readers import load
from fountainkit.syntax.parse import parse, parse_file
from fountainkit.writers.fountain import edits, write

__all__ = ["Screenplay", "edits", "load", "parse", "parse_file", "write"]
__version__ = "0.1.0"
