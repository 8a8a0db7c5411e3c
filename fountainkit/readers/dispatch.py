"""The one function that picks a reader: ``read_bytes`` (and ``read_path``, ``load``)."""

from __future__ import annotations

import os

from fountainkit.gcpause import gc_paused
from fountainkit.model import Screenplay
from fountainkit.readers.base import Format, ReadResult
from fountainkit.readers.detect import detect_format
from fountainkit.syntax.source import (
    check_text_size,
    read_script_bytes,
)


def read_bytes(
    data: bytes,
    name: str = "<script>",
    encoding: str | None = None,
    format: Format | None = None,
) -> ReadResult:
    """Read a script's bytes as Fountain, FDX or PDF (``format``, else detected).

    ``name`` is how messages name the script (a path, or ``<stdin>``); its
    extension only matters when the content does not say what the file is.
    ``encoding`` applies to Fountain text only.
    """
    kind = format or detect_format(data, name)
    # Readers build many small acyclic objects (runs, lines, model nodes): with
    # the cyclic GC on, its collections walked them again and again, and cost
    # grew faster than the page count (a 960-page PDF: 1.5x the per-page time
    # of a 120-page one in the line cleaning and classifying stages).
    with gc_paused():
        return _read(data, name, encoding, kind)


def _read(data: bytes, name: str, encoding: str | None, kind: Format) -> ReadResult:
    if kind == "pdf":
        from fountainkit.readers.pdf import read_pdf

        return _checked(read_pdf(data, name), name)
    if kind == "fdx":
        from fountainkit.readers.fdx import read_fdx

        return _checked(read_fdx(data, name), name)
    if kind == "fountain":
        from fountainkit.readers.fountain import read_fountain

        return read_fountain(data, name, encoding)
    raise ValueError(f"unknown script format {kind!r}")


def _checked(result: ReadResult, name: str) -> ReadResult:
    """A converted script is held to the same size limit as Fountain text (the
    Fountain reader checks the decoded text before parsing it)."""
    check_text_size(result.text, name)
    return result


def read_path(path: str | os.PathLike[str], encoding: str | None = None) -> ReadResult:
    """Read the script at ``path``, whatever its format (see ``read_bytes``)."""
    return read_bytes(read_script_bytes(path), str(path), encoding)


def load(path: str | os.PathLike[str], encoding: str | None = None) -> Screenplay:
    """The screenplay in a Fountain, Final Draft (.fdx) or PDF file.

    Raises ``ScriptInputError`` (one-line message) for anything unreadable.
    Use ``fountainkit.readers.read_path`` for the reader's warnings too.
    """
    return read_path(path, encoding).screenplay
