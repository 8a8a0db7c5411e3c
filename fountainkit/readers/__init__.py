"""Readers: Fountain, Final Draft (.fdx) and PDF scripts into the one model.

Public API::

    from fountainkit.readers import read_path, read_bytes, detect_format

    result = read_path("draft.pdf")      # ReadResult
    result.screenplay                    # fountainkit.model.Screenplay
    result.text                          # the script as Fountain text
    result.format                        # "fountain" | "fdx" | "pdf"
    result.warnings                      # ReaderWarning(page, message, code), ...

``fountainkit.load(path)`` is the short form that returns the screenplay.

The format comes from the content first (``%PDF-`` magic bytes, an XML
document whose root is ``<FinalDraft>``), the file name second: a ``.pdf``
or ``.fdx`` name whose content is something else is an error, never read as
Fountain text. Everything else is Fountain.

Every reader builds the model, then writes it as Fountain and parses that
text back (``canonical``): the screenplay is then exactly what a Fountain user
would get from the converted file, with positions in ``text``, and every later
stage (layout, breakdown, lint) sees one kind of tree whatever the input was.

Bad input raises :class:`ReaderError` (a ``ScriptInputError``) with a one-line
message: a corrupt, encrypted or scanned PDF, malformed or hostile XML.
Text that a reader keeps but cannot place with confidence is kept (as action)
and reported in ``warnings``, naming the page.
"""

from __future__ import annotations

from fountainkit.readers.base import (
    FORMATS,
    Format,
    ReaderError,
    ReaderWarning,
    ReadResult,
)
from fountainkit.readers.detect import detect_format
from fountainkit.readers.dispatch import load, read_bytes, read_path

__all__ = [
    "FORMATS",
    "Format",
    "ReadResult",
    "ReaderError",
    "ReaderWarning",
    "detect_format",
    "load",
    "read_bytes",
    "read_path",
]
