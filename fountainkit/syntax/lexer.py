"""The Fountain post-lexer: source lines typed by their shape and blank-line context.

Fountain is line based, and whether a line is a character cue or a scene heading
depends on the lines around it (a cue has a blank line before it and text right
after it). That context is lexical, so it lives here; how typed lines group into
title page, scenes, dialogue blocks and dual dialogue is the grammar's job
(grammars/fountain.lark).

A *logical line* is a source line, except that a ``/* boneyard */`` or a
``[[note]]`` that spans several lines stays inside one logical line, so a
multi-line note never splits a paragraph.

Token types (terminals declared in the grammar):

- ``TITLE_KEY`` / ``TITLE_CONT``: title-page lines, only at the very start.
- ``_BLANK``: the one blank line that separates two blocks, where it matters
  (see ``_SEPARATED``); ``EXTRA_BLANK``: a run of further blank lines (kept as
  an empty Action so nothing is lost); ``_DUAL_GAP``: the blank line right
  before a ``^`` cue.
- ``HEADING``, ``CUE``, ``DUAL_CUE``, ``TRANSITION``: need their blank lines.
- ``CENTERED``, ``LYRIC``, ``PAGE_BREAK``, ``SECTION``, ``SYNOPSIS``, ``NOTE``,
  ``BONEYARD``, ``FORCED_ACTION``, ``PAREN``: recognised by shape alone.
- ``SPACER``: a line of 2+ spaces inside a paragraph (the spec's "two spaces"
  line that keeps a speech or an action paragraph going).
- ``TEXT``: anything else.
- ``ACTION``: a whole action paragraph, one :class:`ActionToken` holding its
  lines and their types (``TEXT``, ``PAREN``, ``FORCED_ACTION``, ``SPACER``,
  ``NOTE``, ``BONEYARD``). So ``TEXT``, ``PAREN``, ``FORCED_ACTION`` and
  ``SPACER`` tokens only ever come inside a speech. ``line_kinds`` gives the
  per-line types.

Context rules, in short: "blank before/after" means the nearest line (block
notes are skipped, being see-through) is blank, is the edge of the text, or is
a *standalone* line (page break, section, synopsis, centered, lyric, forced
transition, block boneyard), which stands apart as a blank line would. A
heading and a transition need blank lines on both sides, a cue a blank line
before and text (or a lyric) after. docs/fountain-decisions.md has the why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lark import Token

# What a boneyard and a note hide, as one regex (leftmost match wins). A boneyard
# may hold anything and ends at the first "*/". A note may not cross a truly
# empty line nor hold "[[". "\\/*" and "\\[[" open nothing (escapes).
# hidden_spans() finds exactly these matches in linear time; the regex is the
# readable definition.
HIDDEN_PATTERN = (
    r"(?<!\\)/\*[\s\S]*?\*/"
    r"|(?<!\\)\[\[(?:[^\[\]\n]|\[(?!\[)|\](?!\])|\n(?!\n))*\]\]"
)
_NOTE = re.compile(r"\[\[(?:[^\[\]\n]|\[(?!\[)|\](?!\])|\n(?!\n))*\]\]")
# Token(...) checks for deprecated keywords on every call; this is the plain constructor.
_new_token = Token._future_new

_HEADING = re.compile(r"(?:int\.?/ext|i\.?/e|int|ext|est)[.\s]", re.IGNORECASE)
_FORCED_HEADING = re.compile(r"\.[^\W_]")
SCENE_NUMBER = re.compile(r"\s*#((?:[^\W_]|[.\-])+)#\s*$")
_PAGE_BREAK = re.compile(r"\s*={3,}\s*$")
_NOTE_BLOCK = re.compile(r"\s*\[\[((?:[^\[\]\n]|\[(?!\[)|\](?!\])|\n(?!\n))*)\]\]\s*")
_BONEYARD_BLOCK = re.compile(r"\s*/\*((?:(?!\*/)[\s\S])*)\*/\s*")
# name, then any number of (extensions), then an optional ^ for dual dialogue.
CUE = re.compile(r"(?P<name>[^()^]*?)\s*(?P<ext>(?:\([^()]*\)\s*)*)(?P<dual>\^)?\s*")
EXTENSION = re.compile(r"\(([^()]*)\)")
_TITLE_KEY = re.compile(r"(?P<key>[^\W\d_][^:\n]*?)[ \t]*:[ \t]*(?P<value>.*)")


@dataclass(frozen=True, slots=True)
class CueParts:
    name: str
    extensions: tuple[str, ...]
    dual: bool
    forced: bool


@lru_cache(maxsize=4096)  # cue lines repeat (the same names all script long)
def parse_cue(line: str) -> CueParts | None:
    """The parts of a character cue, or None if ``line`` cannot be one.

    Without ``@`` the name must have no lower-case letter and at least one
    upper-case one (so ``R2D2`` and ``ÉLODIE`` qualify, ``23`` and ``黒澤`` do not).
    """
    forced = line.startswith("@")
    body = line[1:] if forced else line
    if not body or body[0].isspace():
        return None
    match = CUE.fullmatch(body)
    if match is None:
        return None
    name = match["name"]
    if not name:
        return None
    if not forced and (name.upper() != name or not any(c.isupper() for c in name)):
        return None
    extensions = tuple(e.strip() for e in EXTENSION.findall(match["ext"]))
    return CueParts(name, extensions, match["dual"] is not None, forced)


def is_heading(line: str) -> bool:
    """INT/EXT/EST/... then "." or a space, ignoring trailing spaces ("EST " is not)."""
    return _HEADING.match(line.rstrip()) is not None


def is_forced_heading(line: str) -> bool:
    return _FORCED_HEADING.match(line) is not None


# First characters that make a line markup (or an escape) rather than a plain
# name or transition; "\\" is there so an escaped "\\[[" reads like "[[" did.
_NOT_PLAIN = frozenset("!@~.>=#([/\\")


def is_transition(line: str) -> bool:
    """An unforced transition: upper case, ending exactly in ``TO:``."""
    return (
        line.endswith("TO:")
        and not line[0].isspace()
        and line.upper() == line
        and line[0] not in _NOT_PLAIN
    )


def is_centered(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] == ">" and stripped[-1] == "<"


def is_page_break(line: str) -> bool:
    return _PAGE_BREAK.match(line) is not None


def note_block(line: str) -> str | None:
    """The inside of a line that is exactly one ``[[note]]``."""
    match = _NOTE_BLOCK.fullmatch(line)
    return match[1] if match else None


def boneyard_block(line: str) -> str | None:
    """The inside of a line that is exactly one ``/* boneyard */``."""
    match = _BONEYARD_BLOCK.fullmatch(line)
    return match[1] if match else None


def title_key(line: str) -> tuple[str, str] | None:
    match = _TITLE_KEY.fullmatch(line)
    return (match["key"], match["value"]) if match else None


def hidden_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every boneyard and note, as ``re.finditer(HIDDEN_PATTERN)``
    would find them, in linear time.

    The regex alone goes quadratic on many unclosed "/*": each one scans to the
    end for a "*/". Here, once no "*/" is left, no later "/*" is even tried.
    """
    spans: list[tuple[int, int]] = []
    size = len(text)
    pos = 0
    next_boneyard = _next_opener(text, "/*", 0)
    next_note = _next_opener(text, "[[", 0)
    while pos < size:
        if next_boneyard != -1 and next_boneyard < pos:
            next_boneyard = _next_opener(text, "/*", pos)
        while next_note != -1 and (next_note < pos or _NOTE.match(text, next_note) is None):
            next_note = _next_opener(text, "[[", max(pos, next_note + 1))
        if next_boneyard != -1 and (next_note == -1 or next_boneyard < next_note):
            close = text.find("*/", next_boneyard + 2)
            if close == -1:
                next_boneyard = -1  # no "*/" left: no later "/*" can close either
                continue
            spans.append((next_boneyard, close + 2))
            pos = close + 2
        elif next_note != -1:
            end = _NOTE.match(text, next_note).end()  # type: ignore[union-attr]
            spans.append((next_note, end))
            pos = end
        else:
            break
    return spans


def _next_opener(text: str, opener: str, pos: int) -> int:
    """The next ``opener`` at or after ``pos`` that no backslash escapes."""
    found = text.find(opener, pos)
    while found > 0 and text[found - 1] == "\\":
        found = text.find(opener, found + 1)
    return found


def logical_lines(text: str) -> list[str]:
    """Split ``text`` (LF newlines) into logical lines, keeping multi-line notes whole."""
    if not text:
        return []
    lines = text.split("\n")
    if "/*" in text or "[[" in text:
        spanning = [(a, b) for a, b in hidden_spans(text) if "\n" in text[a:b]]
        if spanning:
            lines = _join_spanned(text, spanning)
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()  # the final newline ends the last line; it adds no line
    return lines


def _join_spanned(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Split at the newlines that no multi-line boneyard or note covers."""
    lines: list[str] = []
    carry = ""  # the start of the line that the next stretch of text goes on
    cursor = 0
    for a, b in spans:
        stretch = text[cursor:a].split("\n")
        stretch[0] = carry + stretch[0]
        carry = stretch.pop() + text[a:b]  # newlines inside it do not end the line
        lines.extend(stretch)
        cursor = b
    stretch = text[cursor:].split("\n")
    stretch[0] = carry + stretch[0]
    lines.extend(stretch)
    return lines


def shape(line: str) -> str:
    """The token type a non-blank line has whatever its neighbours are."""
    first = line[0]
    if first.isalnum():  # the common case: no marker can start here
        return "TEXT"
    if first == "!":
        return "FORCED_ACTION"
    if first == "~" or (first.isspace() and line.lstrip().startswith("~")):
        return "LYRIC"
    if first == "#":
        return "SECTION"
    if first == "=":
        return "PAGE_BREAK" if is_page_break(line) else "SYNOPSIS"
    lead = line.lstrip()[:1]
    if lead == ">":
        return "CENTERED" if is_centered(line) else "TRANSITION"
    elif lead == "=":
        if is_page_break(line):
            return "PAGE_BREAK"
    elif lead == "[":
        if note_block(line) is not None:
            return "NOTE"
    elif lead == "/":
        if boneyard_block(line) is not None:
            return "BONEYARD"
    elif lead == "(":
        return "PAREN"
    return "TEXT"


# Lines whose shape alone decides what they are and that stand apart from their
# neighbours: for the lines around them they count as blank lines.
# A block boneyard is one of them: it reads like the blank it replaced.
STANDALONE = frozenset(
    {"PAGE_BREAK", "SECTION", "SYNOPSIS", "CENTERED", "LYRIC", "TRANSITION", "BONEYARD"}
)
# Block notes are see-through: context skips over them (a note between a cue
# and its speech does not break the speech).
HIDDEN = frozenset({"NOTE"})


def classify(line: str, blank_before: bool, blank_after: bool, lyric_after: bool = False) -> str:
    """The token type of a non-blank line given its context.

    ``blank_before``/``blank_after``: the nearest line before/after (skipping
    block notes) is blank, a standalone line, or the edge of the text.
    ``lyric_after``: that next line is a lyric, which may follow a cue.
    Leading whitespace does not hide a heading, cue or transition (indented
    scripts are common); it is kept in action text.
    """
    if blank_before:
        text = line.lstrip() if line[0] in " \t" else line
        first = text[0]
        if first == ".":
            if blank_after and is_forced_heading(text):
                return "HEADING"
        elif first == "@":
            if (not blank_after or lyric_after) and parse_cue(text) is not None:
                return "CUE"
        elif is_heading(text):
            # Fountain 1.1: a heading needs a blank line after it too; without
            # one the line is action (never a cue).
            return "HEADING" if blank_after else "TEXT"
        elif blank_after and is_transition(text):
            return "TRANSITION"
        elif (
            (not blank_after or lyric_after)
            and first not in _NOT_PLAIN
            and parse_cue(text) is not None
        ):
            return "CUE"
    return shape(line)


def _is_blank(line: str) -> bool:
    return not line or line.isspace()


# Lines a "two spaces" line can continue: the paragraph goes on after it.
_CONTINUABLE = frozenset({"TEXT", "PAREN", "FORCED_ACTION", "SPACER"})
# Lines that can carry a paragraph on after a "two spaces" line.
_CONTINUING = frozenset({"TEXT", "PAREN", "FORCED_ACTION", "NOTE", "BONEYARD"})


def line_kinds(lines: list[str]) -> list[str]:
    """The token type of each logical line, with the edges of ``lines`` as blank lines.

    Blank lines come out as "BLANK"; a whitespace-only line of 2+ characters
    between a text line and another text (or note) line, the spec's "two
    spaces" line inside dialogue or action, as "SPACER". A cue
    ending in ``^`` is "DUAL_CUE".
    """
    count = len(lines)
    kinds = [
        "BLANK" if not line or line.isspace() else "TEXT" if line[0].isalnum() else shape(line)
        for line in lines  # (isalnum: shape's common case, inline)
    ]
    # "Two spaces" lines, in order: one may carry on from the one before.
    for i in range(1, count - 1):
        if (
            kinds[i] == "BLANK"
            and len(lines[i]) >= 2
            and kinds[i - 1] in _CONTINUABLE
            and kinds[i + 1] in _CONTINUING
        ):
            kinds[i] = "SPACER"
    # Context-dependent types: only TEXT lines can turn into headings, cues,
    # transitions, and only right after a blank line, a standalone line or the
    # start (block notes are see-through).
    blank_before = True
    for i, kind in enumerate(kinds):
        if kind in HIDDEN:
            continue
        if kind == "TEXT" and blank_before:  # forced headings and cues have TEXT shape too
            nxt = i + 1
            while nxt < count and kinds[nxt] in HIDDEN:
                nxt += 1
            next_kind = kinds[nxt] if nxt < count else "BLANK"
            after = next_kind == "BLANK" or next_kind in STANDALONE
            kind = classify(lines[i], True, after, next_kind == "LYRIC")
            if kind == "CUE" and lines[i].rstrip().endswith("^"):
                kind = "DUAL_CUE"
            kinds[i] = kind
        blank_before = kind == "BLANK" or kind in STANDALONE
    return kinds


def _ends_title_page(lines: list[str], index: int) -> bool:
    """A blank line ends the title page, unless it is a 2+ space line inside a value
    (the next line is indented text)."""
    line = lines[index]
    if not _is_blank(line):
        return False
    if len(line) < 2 or index + 1 >= len(lines):
        return True
    following = lines[index + 1]
    return not (following[:1] in (" ", "\t") and not following.isspace())


class ActionToken(Token):
    """One action paragraph as a single token: its logical lines and their types.

    The LALR loop and the builder then run once per paragraph, not once per line.
    """

    __slots__ = ("lines", "kinds")

    lines: list[str]
    kinds: list[str]


# Where an action paragraph may start, and what may carry it on (the grammar's
# old per-line action rule, now applied here: greedy, up to the first other line).
_ACTION_START = frozenset({"TEXT", "PAREN", "SPACER", "FORCED_ACTION"})
_ACTION_CONT = _ACTION_START | {"NOTE", "BONEYARD"}
# Lines that go on a speech when no blank line comes between: the parts of the
# grammar's dialogue rule. The lexer tracks speeches only to know where action starts.
_SPEECH_PARTS = frozenset(
    {
        "PAREN",
        "TEXT",
        "SPACER",
        "FORCED_ACTION",
        "CENTERED",
        "SECTION",
        "SYNOPSIS",
        "TRANSITION",
        "LYRIC",
        "NOTE",
        "BONEYARD",
    }
)
# A separating blank line is a token only before a line that could otherwise go
# on the block above it (a speech, a run of centered or lyric lines, a "^"
# speech's partner). Before an action paragraph, a heading, a cue or a page
# break it would tell the grammar nothing: those never continue a block.
_SEPARATED = frozenset(
    {"TRANSITION", "CENTERED", "LYRIC", "SECTION", "SYNOPSIS", "NOTE", "BONEYARD", "DUAL_CUE"}
)


def tokens(text: str, first_line: int = 1, first_offset: int = 0) -> Iterator[Token]:
    """Typed tokens for ``text`` (already LF-normalised, without BOM).

    One token per line, except that an action paragraph is one ``ACTION`` token
    and a separating blank line is only a token where it matters (see _SEPARATED).
    """
    lines = logical_lines(text)
    count = len(lines)
    line_no = first_line
    offset = first_offset
    index = 0
    new = _new_token

    # Title page: first line "Key: value", or "Key:" with an indented line under it.
    if count and not _is_blank(lines[0]):
        first = title_key(lines[0])
        if first is not None and not is_heading(lines[0]):
            has_value = bool(first[1].strip())
            indented_next = count > 1 and lines[1][:1] in (" ", "\t") and not lines[1].isspace()
            if has_value or indented_next:
                while index < count and not _ends_title_page(lines, index):
                    line = lines[index]
                    if line[:1] in (" ", "\t"):
                        kind = "TITLE_CONT"
                    elif title_key(line) is not None:
                        kind = "TITLE_KEY"
                    else:
                        break  # neither "Key:" nor indented: the script has begun
                    yield _line_token(kind, line, offset, line_no)
                    line_no += line.count("\n") + 1
                    offset += len(line) + 1
                    index += 1

    body = lines[index:] if index else lines
    kinds = line_kinds(body)
    count = len(body)
    at_start = index == 0
    in_speech = False  # mirrors the grammar: a speech runs while _SPEECH_PARTS follow
    index = 0
    while index < count:
        kind = kinds[index]
        line = body[index]
        if kind == "BLANK":
            run_start = index
            index += 1
            while index < count and kinds[index] == "BLANK":
                index += 1
            in_speech = False
            if index == count or at_start:
                extra = body[run_start:index]
            else:
                following = kinds[index]
                if following in _SEPARATED:
                    gap = (
                        "_DUAL_GAP"
                        if following == "DUAL_CUE" and index - run_start == 1
                        else "_BLANK"
                    )
                    yield _line_token(gap, line, offset, line_no)
                line_no += line.count("\n") + 1
                offset += len(line) + 1
                extra = body[run_start + 1 : index]
            if extra:
                value = "\n".join(extra)
                yield _line_token("EXTRA_BLANK", value, offset, line_no)
                line_no += value.count("\n") + 1
                offset += len(value) + 1
            continue
        at_start = False
        if kind in _ACTION_START and not in_speech:
            run_start = index
            index += 1
            while index < count and kinds[index] in _ACTION_CONT:
                index += 1
            block = body[run_start:index]
            value = "\n".join(block) if len(block) > 1 else line
            newlines = value.count("\n")
            end_column = len(value) - value.rfind("\n") if newlines else len(value) + 1
            token = ActionToken._future_new(
                "ACTION",
                value,
                offset,
                line_no,
                1,
                line_no + newlines,
                end_column,
                offset + len(value),
            )
            token.lines = block
            token.kinds = kinds[run_start:index]
            yield token
            line_no += newlines + 1
            offset += len(value) + 1
            continue
        if kind == "CUE" or kind == "DUAL_CUE":
            in_speech = True
        elif in_speech and kind not in _SPEECH_PARTS:
            in_speech = False
        if "\n" in line:
            yield _line_token(kind, line, offset, line_no)
            line_no += line.count("\n") + 1
        else:
            length = len(line)
            yield new(kind, line, offset, line_no, 1, line_no, length + 1, offset + length)
            line_no += 1
        offset += len(line) + 1
        index += 1


def _line_token(kind: str, value: str, offset: int, line_no: int) -> Token:
    newlines = value.count("\n")
    end_column = len(value) - value.rfind("\n") if newlines else len(value) + 1
    return _new_token(
        kind, value, offset, line_no, 1, line_no + newlines, end_column, offset + len(value)
    )
