"""Wrapping styled text onto the character grid, and finding sentence ends.

Widths are counted in grid cells: East Asian wide and fullwidth characters
(Hangul, kana, CJK ideographs) take two cells, combining marks none, so a line
of Korean still fits its column when the fallback font draws it double-width.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from fountainkit.model import Run, Text

TAB = "    "


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """Display width of ``text`` in grid cells."""
    if text.isascii():
        return len(text)
    return sum(char_cells(c) for c in text)


def _fit(text: str, start: int, width: int, ascii: bool) -> int:
    """The largest end such that text[start:end] fits in ``width`` cells."""
    if ascii:
        return min(len(text), start + width)
    used = 0
    for i in range(start, len(text)):
        used += char_cells(text[i])
        if used > width:
            return i
    return len(text)


def content_end(text: str) -> int:
    """Where ``text`` ends without its trailing spaces."""
    return len(text.rstrip(" "))


def wrap_offsets(text: str, width: int, rest_width: int | None = None) -> list[tuple[int, int]]:
    """Greedy wrap at spaces: (start, end) offsets of each line, trailing spaces cut.

    Leading spaces of the first line are kept (action is printed as written);
    a word longer than the line is broken where the line is full, and so is
    text without spaces (Japanese, Chinese). Lines after the first are
    ``rest_width`` wide when given (a parenthetical's hanging indent).
    """
    return [(start, end) for start, end, _ in iter_wrap(text, 0, width, rest_width)]


def iter_wrap(
    text: str,
    start: int,
    width: int,
    rest_width: int | None = None,
    *,
    ascii: bool | None = None,
    text_end: int | None = None,
) -> Iterator[tuple[int, int, int]]:
    """The lines of ``wrap_offsets(text[start:])``, in ``text``'s offsets, one at a
    time: (line start, line end, fit end), where the fit end is how far the line
    could have reached (``len(text)`` on the last line).

    Lazy, so a page break inside a long paragraph wraps only the lines it needs.
    ``ascii`` (``text.isascii()``) and ``text_end`` (``content_end(text)``) may be
    passed when known, so no line rescans the whole text.
    """
    n = len(text)
    if ascii is None:
        ascii = text.isascii()
    first_width = max(1, width)
    rest = max(1, rest_width if rest_width is not None else width)
    line_width = first_width
    while True:
        end = _fit(text, start, line_width, ascii)
        line_width = rest
        if end >= n:
            if text_end is None:
                text_end = content_end(text)
            yield start, max(start, text_end), end
            return
        if text[end] == " ":
            cut = end
        else:
            cut = text.rfind(" ", start, end)
            if cut <= start or not text[start:cut].strip(" "):
                cut = max(end, start + 1)  # no usable space: break the word
                yield start, cut, end
                start = cut
                continue
        line_end = cut
        while line_end > start and text[line_end - 1] == " ":
            line_end -= 1
        yield start, line_end, end
        start = cut
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            return


def slice_runs(runs: Text, start: int, end: int) -> Text:
    """The runs covering plain-text offsets [start, end), styles kept."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        run_end = pos + len(run.text)
        if run_end > start and pos < end:
            piece = run.text[max(start - pos, 0) : min(end, run_end) - pos]
            if piece:
                out.append(Run(piece, run.bold, run.italic, run.underline, run.kind))
        pos = run_end
        if pos >= end:
            break
    return tuple(out)


def join_text(runs: Text) -> str:
    return "".join(r.text for r in runs)


def wrap_runs(runs: Text, width: int, rest_width: int | None = None) -> list[Text]:
    """``runs`` wrapped into lines of at most ``width`` cells (``rest_width`` after the first)."""
    text = join_text(runs)
    return [slice_runs(runs, a, b) for a, b in wrap_offsets(text, width, rest_width)]


def normalise_runs(runs: Text, *, keep_notes: bool) -> Text:
    """Runs ready for layout: boneyard dropped, notes dropped or bracketed, tabs expanded."""
    out: list[Run] = []
    for run in runs:
        if run.kind == "boneyard" or (run.kind == "note" and not keep_notes):
            continue
        text = run.text.replace("\t", TAB).replace("\n", " ")
        if run.kind == "note":
            text = f"[[{text}]]"
        if text:
            out.append(Run(text, run.bold, run.italic, run.underline, "text"))
    return tuple(out)


# A sentence ends at . ? ! or an ellipsis, optionally followed by closing
# quotes or brackets, then whitespace. Abbreviations such as "MR." are not ends.
_SENTENCE_END = re.compile(r"(?:[.?!]+|\u2026)[\"'\u201d\u2019)\]]*(?=\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:MR|MRS|MS|DR|ST|JR|SR|VS|MT|LT|SGT|CPT|PROF)|\b[A-Z])\.$", re.I
)


# Enough characters before a sentence end to hold the longest abbreviation;
# looking further back would make long paragraphs quadratic.
_ABBREVIATION_REACH = 8


def sentence_breaks(text: str) -> list[int]:
    """Offsets just past each sentence end that has more text after it."""
    breaks = []
    text_end = len(text.rstrip())
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end >= text_end:
            break
        if _ABBREVIATION.search(text, max(0, end - _ABBREVIATION_REACH), end):
            continue
        breaks.append(end)
    return breaks


_FINAL_END = re.compile(r"(?:[.?!]+|\u2026)[\"'\u201d\u2019)\]]*$")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (an empty line counts as a paragraph end)."""
    stripped = text.rstrip()
    if not stripped:
        return True
    match = _FINAL_END.search(stripped)
    if match is None:
        return False
    end = match.end()
    return not _ABBREVIATION.search(stripped, max(0, end - _ABBREVIATION_REACH), end)


def skip_spaces(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return offset
