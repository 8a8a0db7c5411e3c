"""A title page rebuilt from positioned text blocks (FDX paragraphs, PDF lines).

Neither Final Draft nor a PDF names its title-page fields; only where a block
sits says what it is. Centred blocks, in order: the title, then a credit line
("Written by", "by", "Screenplay by"...), the author(s) after it, and anything
further centred as the source ("Based on..."). Blocks at the lower left are the
contact (the last left block that is not a date or a copyright); a date (or
anything mentioning a draft) is the draft date, a copyright notice the
copyright, anything else notes. These are
the positions fountainkit's own title page uses (fountainkit.layout.titlepage).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from fountainkit.model import Text, TitleEntry, TitlePage
from fountainkit.readers.assemble import plain_text

Alignment = Literal["center", "left", "right"]

_CREDIT = re.compile(
    r"^(?:(?:an?\s+)?(?:original\s+)?(?:screenplay|teleplay|story|script|written|created|"
    r"adapted|adaptation|pilot|episode|written\s+and\s+directed|"
    r"[\w\s]{0,30}?)\s+)?by:?$|^by:?$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)[a-z]*\.?\s+\d{1,2}|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)|\bdraft\b|\brevis",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\bpublic domain\b|\ball rights\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """Lines printed together (no blank line between) at one alignment."""

    alignment: Alignment
    lines: tuple[Text, ...]

    @property
    def text(self) -> str:
        return " ".join(plain_text(line) for line in self.lines)


def build_title_page(blocks: Iterable[TitleBlock]) -> TitlePage | None:
    """The title page these blocks make, or None when there is no text."""
    entries: list[TitleEntry] = []
    centred = [b for b in blocks if b.lines and b.alignment == "center"]
    others = [b for b in blocks if b.lines and b.alignment != "center"]
    expecting_author = False
    for index, block in enumerate(centred):
        if index == 0:
            key = "Title"
        elif _CREDIT.match(" ".join(block.text.split())):
            key = "Credit"
            expecting_author = True
            entries.append(TitleEntry(key, block.lines))
            continue
        elif expecting_author or not any(e.key in ("Author", "Authors") for e in entries):
            key = "Author"
        else:
            key = "Source"
        expecting_author = False
        entries.append(TitleEntry(key, block.lines))
    keys: list[str] = []
    for block in others:
        if _COPYRIGHT.search(block.text):
            keys.append("Copyright")
        elif _DATE.search(block.text):
            keys.append("Draft date")
        else:
            keys.append("Notes")
    # The contact sits at the bottom of the left column: the last left block
    # that is not a date or a copyright notice.
    left = [i for i, b in enumerate(others) if b.alignment == "left" and keys[i] == "Notes"]
    if left:
        keys[left[-1]] = "Contact"
    entries.extend(TitleEntry(key, block.lines) for key, block in zip(keys, others, strict=True))
    return TitlePage(tuple(entries)) if entries else None
