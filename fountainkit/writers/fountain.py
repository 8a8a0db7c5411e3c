"""The Screenplay model back to Fountain text, keeping the author's bytes.

Public functions::

    write(screenplay, *, canonical=False) -> str
    edits(screenplay) -> list[TextEdit]
    apply_edits(source, edits) -> str
    write_runs(runs) -> str

``write(parse(text)) == text`` for any text: a parsed screenplay keeps its
source, and :func:`write` gives it back with only the nodes changed through
the API written again (fountainkit.writers.edits says how a change is found
and how little is rewritten). A screenplay with no source (read from FDX or
PDF, or built by hand), or ``canonical=True``, is written in the canonical
form (fountainkit.writers.canonical), which parses back to the same tree.
"""

from __future__ import annotations

from fountainkit.model import Screenplay
from fountainkit.writers.canonical import canonical as _canonical
from fountainkit.writers.canonical import write_runs
from fountainkit.writers.edits import TextEdit, apply_edits, edits

__all__ = ["TextEdit", "apply_edits", "edits", "write", "write_runs"]


def write(screenplay: Screenplay, *, canonical: bool = False) -> str:
    """Fountain text for ``screenplay``: its source with the changes made through
    the API, or the canonical form (no source, or ``canonical=True``)."""
    if canonical or screenplay.source is None:
        return _canonical(screenplay)
    return apply_edits(screenplay.source, edits(screenplay))
