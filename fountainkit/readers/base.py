"""What every reader returns, and how it reports bad input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fountainkit.model import Screenplay
from fountainkit.syntax.parse import parse
from fountainkit.syntax.source import ScriptInputError
from fountainkit.writers.fountain import write

Format = Literal["fountain", "fdx", "pdf"]
FORMATS: tuple[Format, ...] = ("fountain", "fdx", "pdf")


class ReaderError(ScriptInputError):
    """A script that cannot be read at all; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ReaderWarning:
    """Text a reader kept but could not place with confidence, or input it skipped.

    ``page`` is the 1-based page of a PDF (None for other formats);
    ``code`` names the kind of problem for tools (``unclassified-line``, ...).
    """

    message: str
    code: str
    page: int | None = None

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page is not None else ""
        return f"{where}{self.message}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    screenplay: Screenplay
    text: str  # the script as Fountain text; spans in ``screenplay`` point into it
    format: Format
    warnings: tuple[ReaderWarning, ...] = ()


def canonical(screenplay: Screenplay) -> tuple[Screenplay, str]:
    """The model as a Fountain user would have it: written out and parsed back.

    Readers build their trees by hand; this gives them the forcing markers,
    grouping and positions the parser would give the same text.
    """
    text = write(screenplay)
    return parse(text), text
