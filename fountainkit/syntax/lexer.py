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
- ``HEADING``, ``CUE``, ``DUAL_CUE``, ``TRANSITION``: need their blank lines
  (read on the line's visible text: notes and boneyard left out).
- ``CENTERED``, ``LYRIC``, ``PAGE_BREAK``, ``SECTION``, ``SYNOPSIS``, ``NOTE``,
  ``BONEYARD``, ``FORCED_ACTION``, ``PAREN``: recognised by shape alone. A line
  holding only notes and boneyard is one ``NOTE`` or ``BONEYARD`` token per
  part (its kind is ``HIDDEN`` when it holds several). A ``PAREN`` may span
  lines: a parenthetical wrapped over lines (a :class:`WrappedToken`).
- ``SPACER``: a line of 2+ spaces inside a paragraph (the spec's "two spaces"
  line that keeps a speech or an action paragraph going).
- ``TEXT``: anything else.
- ``ACTION``: a whole action paragraph, one :class:`ActionToken` holding its
  lines and their types (``TEXT``, ``PAREN``, ``FORCED_ACTION``, ``SPACER``,
  ``NOTE``, ``BONEYARD``). So ``TEXT``, ``PAREN``, ``FORCED_ACTION`` and
  ``SPACER`` tokens only ever come inside a speech. ``line_kinds`` gives the
  per-line types.

Context rules, in short: "blank before/after" means the nearest line (lines of
only notes and boneyard are skipped, being invisible) is blank, is the edge of
the text, or is a *standalone* line (page break, section, synopsis, centered,
lyric, transition), which stands apart as a blank line would. A heading and a
transition need blank lines on both sides (a transition right above a heading
needs none after), a cue a blank line before and text (or a lyric) after.
docs/fountain-decisions.md has the why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


class Token(str):
    """A typed logical line: its text (the ``str`` value), its type (a terminal of
    grammars/fountain.lark) and where it sits. It has the attributes of Lark's
    tokens, so Lark's own LALR parser takes these as they are
    (tests/test_parse_engine.py checks that both parsers agree), but Lark is not
    imported to parse: the tables come as data (fountainkit.syntax.tables).
    """

    __slots__ = (
        "type",
        "value",
        "start_pos",
        "line",
        "column",
        "end_line",
        "end_column",
        "end_pos",
    )

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {str(self)!r})"


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


def _new_token(
    kind: str,
    value: str,
    start_pos: int,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    end_pos: int,
    cls: type[Token] = Token,
) -> Token:
    token = str.__new__(cls, value)
    token.type = kind
    token.value = value
    token.start_pos = start_pos
    token.line = line
    token.column = column
    token.end_line = end_line
    token.end_column = end_column
    token.end_pos = end_pos
    return token


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
    elif lead == "[" or lead == "/":
        return hidden_kind(line) or "TEXT"
    elif lead == "(":
        return "PAREN"
    return "TEXT"


def hidden_kind(line: str) -> str | None:
    """ "NOTE" or "BONEYARD" for a line that holds exactly one ``[[note]]`` or
    ``/* boneyard */`` and whitespace, "HIDDEN" for one that holds several (of
    either kind), None for a line with anything visible on it."""
    spans = hidden_spans(line)
    if not spans:
        return None
    cursor = 0
    for start, end in spans:
        if line[cursor:start].strip():
            return None
        cursor = end
    if line[cursor:].strip():
        return None
    if len(spans) > 1:
        return "HIDDEN"
    return "NOTE" if line[spans[0][0]] == "[" else "BONEYARD"


def visible_text(line: str) -> str:
    """``line`` without its notes and boneyard, as its neighbours and its own
    shape see it. Whitespace before a note or boneyard that ends the line goes
    with it (``CUT TO: [[check]]`` reads as ``CUT TO:``)."""
    if "[[" not in line and "/*" not in line:
        return line
    spans = hidden_spans(line)
    if not spans:
        return line
    pieces = []
    cursor = 0
    for start, end in spans:
        pieces.append(line[cursor:start])
        cursor = end
    rest = line[cursor:]
    pieces.append(rest)
    text = "".join(pieces)
    return text.rstrip() if not rest.strip() else text


# Lines whose shape alone decides what they are and that stand apart from their
# neighbours: for the lines around them they count as blank lines.
STANDALONE = frozenset({"PAGE_BREAK", "SECTION", "SYNOPSIS", "CENTERED", "LYRIC", "TRANSITION"})
# Lines that hold only notes and boneyard are invisible: context skips over
# them (a note or a boneyard between a cue and its speech does not break the
# speech, one inside an action paragraph does not end it).
HIDDEN = frozenset({"NOTE", "BONEYARD", "HIDDEN"})


_SPACE = frozenset(" \t")


def classify(line: str, blank_before: bool, blank_after: bool, lyric_after: bool = False) -> str:
    """The token type of a non-blank line given its context.

    ``blank_before``/``blank_after``: the nearest line before/after (skipping
    block notes) is blank, a standalone line, or the edge of the text.
    ``lyric_after``: that next line is a lyric, which may follow a cue.
    Leading whitespace does not hide a heading, cue or transition (indented
    scripts are common); it is kept in action text.
    """
    if blank_before:
        text = visible_text(line) if "[[" in line or "/*" in line else line
        if text[:1] in _SPACE:
            text = text.lstrip()
        if not text:
            return shape(line)
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
_CONTINUING = frozenset({"TEXT", "PAREN", "FORCED_ACTION"}) | HIDDEN


def _is_heading_line(line: str) -> bool:
    """The shape of a scene heading (its blank line after aside)."""
    text = visible_text(line).lstrip()
    return is_heading(text) or is_forced_heading(text)


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
            line = lines[i]
            if (
                not after
                and next_kind == "TEXT"
                and is_transition(visible_text(line))
                and _is_heading_line(lines[nxt])
            ):
                # "CUT TO:" right above a heading: a transition, not a cue whose
                # speech is the heading (docs/fountain-decisions.md).
                kind = "TRANSITION"
            else:
                kind = classify(line, True, after, next_kind == "LYRIC")
                if kind == "CUE" and (
                    visible_text(line) if "[[" in line or "/*" in line else line
                ).rstrip().endswith("^"):
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
_ACTION_CONT = _ACTION_START | HIDDEN
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
        "HIDDEN",
    }
)
# A separating blank line is a token only before a line that could otherwise go
# on the block above it (a speech, a run of centered or lyric lines, a "^"
# speech's partner). Before an action paragraph, a heading, a cue or a page
# break it would tell the grammar nothing: those never continue a block.
_SEPARATED = frozenset(
    {
        "TRANSITION",
        "CENTERED",
        "LYRIC",
        "SECTION",
        "SYNOPSIS",
        "NOTE",
        "BONEYARD",
        "HIDDEN",
        "DUAL_CUE",
    }
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

    if starts_title_page(lines):
        while index < count and not _ends_title_page(lines, index):
            line = lines[index]
            if line[:1] in (" ", "\t"):
                kind = "TITLE_CONT"
            elif title_key(line) is not None:
                kind = "TITLE_KEY"
            elif index and hidden_kind(line) is not None:
                kind = "TITLE_CONT"  # a note or boneyard line: invisible, kept in the entry
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
            token = _new_token(
                "ACTION",
                value,
                offset,
                line_no,
                1,
                line_no + newlines,
                end_column,
                offset + len(value),
                ActionToken,
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
        # (Kinds in _SPEECH_PARTS leave in_speech as it was.)
        if kind == "HIDDEN":
            # Several notes and boneyards on one line: one token each.
            yield from _hidden_tokens(line, offset, line_no)
            line_no += line.count("\n") + 1
            offset += len(line) + 1
            index += 1
            continue
        if kind == "PAREN" and in_speech:
            last = _parenthetical_end(body, kinds, index)
            if last > index:
                # A parenthetical wrapped over several lines is one parenthetical.
                value = "\n".join(body[index : last + 1])
                token = _line_token("PAREN", value, offset, line_no, WrappedToken)
                token.lines = body[index : last + 1]
                yield token
                line_no = token.end_line + 1
                offset += len(value) + 1
                index = last + 1
                continue
        if "\n" in line:
            yield _line_token(kind, line, offset, line_no)
            line_no += line.count("\n") + 1
        else:
            length = len(line)
            yield new(kind, line, offset, line_no, 1, line_no, length + 1, offset + length)
            line_no += 1
        offset += len(line) + 1
        index += 1


def _parenthetical_end(lines: list[str], kinds: list[str], index: int) -> int:
    """The index of the line that closes the parenthetical opened on ``lines[index]``.

    A ``(`` line whose brackets do not close continues on the plain text lines
    after it, up to the one that closes them and ends in ``)``. ``index`` when
    the line closes itself or no such line follows (then nothing is joined).
    Only text lines are looked at, so the scans over a speech stay linear.
    """
    depth = _bracket_depth(lines[index])
    if depth <= 0:
        return index
    last = index + 1
    while last < len(lines) and kinds[last] == "TEXT":
        depth += _bracket_depth(lines[last])
        if depth <= 0:
            return last if depth == 0 and lines[last].rstrip().endswith(")") else index
        last += 1
    return index


def _bracket_depth(line: str) -> int:
    visible = visible_text(line)
    return visible.count("(") - visible.count(")")


def _hidden_tokens(line: str, offset: int, line_no: int) -> Iterator[Token]:
    """A NOTE or BONEYARD token for each hidden part of a line that holds only those."""
    for start, end in hidden_spans(line):
        before = line[:start]
        newlines = before.count("\n")
        column = start - before.rfind("\n") if newlines else start + 1
        part = line[start:end]
        kind = "NOTE" if part[0] == "[" else "BONEYARD"
        part_newlines = part.count("\n")
        end_column = len(part) - part.rfind("\n") if part_newlines else column + len(part)
        yield _new_token(
            kind,
            part,
            offset + start,
            line_no + newlines,
            column,
            line_no + newlines + part_newlines,
            end_column,
            offset + end,
        )


# Title-page keys fountainkit knows how to place (Fountain 1.1's, and the date,
# notes, copyright and revision lines most apps add), lower case.
KNOWN_TITLE_KEYS = frozenset(
    {
        "title",
        "credit",
        "author",
        "authors",
        "source",
        "draft date",
        "date",
        "contact",
        "copyright",
        "notes",
        "revision",
    }
)


def starts_title_page(lines: list[str]) -> bool:
    """True when the script opens with a title page (docs/fountain-decisions.md).

    The first line must be ``Key: value`` (or ``Key:`` with an indented line
    under it) with a key from :data:`KNOWN_TITLE_KEYS`: a first line such as
    ``SUPER: Based on a true story.`` is the script's first line, not a title
    page whose only entry nobody would print. And a title page that would be a
    single line in capitals (``TITLE: PARIS, 1944`` then a blank line) is read
    as the super it looks like.
    """
    if not lines or _is_blank(lines[0]) or is_heading(lines[0]):
        return False
    first = title_key(lines[0])
    if first is None or first[0].casefold() not in KNOWN_TITLE_KEYS:
        return False
    has_value = bool(first[1].strip())
    following = lines[1] if len(lines) > 1 else ""
    indented_next = following[:1] in (" ", "\t") and not following.isspace()
    if not (has_value or indented_next):
        return False
    single_line = not following or _is_blank(following)
    shouting = lines[0].upper() == lines[0]
    return not (has_value and single_line and shouting)


class WrappedToken(Token):
    """A token made of several logical lines that read as one (a wrapped parenthetical)."""

    __slots__ = ("lines",)

    lines: list[str]


def _line_token(
    kind: str, value: str, offset: int, line_no: int, cls: type[Token] = Token
) -> Token:
    newlines = value.count("\n")
    end_column = len(value) - value.rfind("\n") if newlines else len(value) + 1
    return _new_token(
        kind, value, offset, line_no, 1, line_no + newlines, end_column, offset + len(value), cls
    )


def split_heading(text: str) -> tuple[str, str | None, list[tuple[int, int]]]:
    """A heading's text (after any ``.``) as (text, scene number, trailing hidden parts).

    The number is the last ``#...#`` on the line, with only whitespace, notes
    and boneyard after it: ``INT. HOUSE - DAY #1# [[check this]]`` gives
    ("INT. HOUSE - DAY", "1", [(21, 35)]), the (start, end) of each note or
    boneyard in ``text``. Notes and boneyard that end the line are returned
    apart, with or without a number, so the heading's runs do not depend on
    where the number stands.
    """
    hidden = hidden_spans(text) if "[[" in text or "/*" in text else []
    starts = {end: start for start, end in hidden}
    end, tail = _trailing_hidden(text, len(text), starts)
    number = None
    match = SCENE_NUMBER.search(text, 0, end)
    if match:
        number = match[1]
        end, before = _trailing_hidden(text, match.start(), starts)
        tail = before + tail
    return text[:end], number, tail


def _trailing_hidden(
    text: str, end: int, starts: dict[int, int]
) -> tuple[int, list[tuple[int, int]]]:
    """Where ``text[:end]`` ends once whitespace and hidden parts at its end are set apart."""
    parts: list[tuple[int, int]] = []
    end = len(text[:end].rstrip())
    while end in starts:
        start = starts[end]
        parts.insert(0, (start, end))
        end = len(text[:start].rstrip())
    return end, parts
