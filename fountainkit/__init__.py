"""fountainkit: Fountain screenplays parsed losslessly, paginated like the industry.

Public API::

    from fountainkit import parse, parse_file, write
"""

from __future__ import annotations

from fountainkit.model import Screenplay
from fountainkit.syntax.parse import parse, parse_file
from fountainkit.writers.fountain import write

__all__ = ["Screenplay", "parse", "parse_file", "write"]
__version__ = "0.1.0"
