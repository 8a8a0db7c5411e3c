"""Fountain text to the Screenplay model.

Public functions::

    parse(text: str, *, first_line: int = 1, first_offset: int = 0) -> Screenplay
    parse_file(path: str | os.PathLike, encoding: str | None = None) -> Screenplay
    scene_boundaries(text: str) -> list[int]

``parse`` never raises on a ``str``: whatever the input, every character of it
ends up in some node (text, note, boneyard) or is Fountain syntax (markers, the
blank line between blocks, whitespace on blank lines). A UTF-8 BOM is dropped
and CRLF/CR become LF before parsing; spans count in that normalised text.

Incremental parsing (the language server): a scene is an independent unit, so
an editor can re-parse one slice of a document on its own. Pass the slice's
position in the document as ``first_line`` (1-based line of the slice's first
line) and ``first_offset`` (0-based offset of its first character) and every
span comes out in document coordinates. Cut slices where ``scene_boundaries``
says a heading or section starts: the start of a text reads as a blank line, so
the heading still is one. One difference to mind at the other end: blank lines
at the very end of a text are all kept as extra blank lines, whereas before the
next heading one of them is the separator; parse the slice together with the
next heading line (fountainkit/incremental.py does) to get the same split.

Pipeline: ``fountainkit.lexer`` types each logical line (blank-line context is
lexical), ``grammars/fountain.lark`` (Lark LALR, built once, cached on disk)
groups the typed lines into blocks, and ``_ModelBuilder`` turns the reductions
straight into model objects during the parse (no intermediate tree).
"""

from __future__ import annotations

import gc
import os
from functools import cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.lexer import Lexer

from fountainkit import lexer
from fountainkit.inline import parse_inline
from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Character,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Span,
    Synopsis,
    TitleEntry,
    TitlePage,
    Transition,
)
from fountainkit.resources import grammar_path
from fountainkit.source import read_script

__all__ = ["parse", "parse_file", "scene_boundaries", "normalise"]


class _Source:
    """What the grammar's lexer receives: the text and where it sits in the document."""

    __slots__ = ("text", "first_line", "first_offset")

    def __init__(self, text: str, first_line: int, first_offset: int) -> None:
        self.text = text
        self.first_line = first_line
        self.first_offset = first_offset


class FountainLexer(Lexer):
    """Lark adapter for :func:`fountainkit.lexer.tokens`."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: _Source):  # type: ignore[override]
        return lexer.tokens(data.text, data.first_line, data.first_offset)


def _span(first: Any, last: Any) -> Span:
    start = first.span if not isinstance(first, Token) else _token_span(first)
    end = last.span if not isinstance(last, Token) else _token_span(last)
    return Span(
        start.start_line,
        start.start_col,
        end.end_line,
        end.end_col,
        start.start_offset,
        end.end_offset,
    )


def _token_span(token: Token) -> Span:
    return Span(
        token.line,
        token.column,
        token.end_line,
        token.end_column,
        token.start_pos,
        token.end_pos,
    )


class _Splice:
    """What a helper rule (``_element``, ``x*``) reduces to: just its children.

    Lark splices the children of inlined rules into their parent; handing it
    this instead of a Tree skips building a Tree and propagating positions for
    every repetition (our spans come from the tokens themselves).
    """

    __slots__ = ("children",)

    def __init__(self, children: list) -> None:
        self.children = children


class _ModelBuilder(Transformer):
    """Grammar reductions to model nodes, run inline by the LALR parser."""

    def __default__(self, data: str, children: list, meta: Any) -> _Splice:
        return _Splice(children)

    def start(self, children: list) -> Screenplay:
        title_page = None
        if children and isinstance(children[0], TitlePage):
            title_page = children[0]
            children = children[1:]
        return Screenplay(title_page, tuple(children))

    def title_page(self, entries: list[TitleEntry]) -> TitlePage:
        return TitlePage(tuple(entries), _span(entries[0], entries[-1]))

    def title_entry(self, tokens: list[Token]) -> TitleEntry:
        key, value = lexer.title_key(tokens[0]) or (tokens[0].strip(), "")
        lines = [value.strip()] if value.strip() else []
        lines.extend(token.strip() for token in tokens[1:])
        return TitleEntry(
            key, tuple(parse_inline(line) for line in lines), _span(tokens[0], tokens[-1])
        )

    def scene(self, children: list) -> Scene:
        heading = children[0]
        return Scene(heading, tuple(children[1:]), _span(heading, children[-1]))

    def scene_heading(self, tokens: list[Token]) -> SceneHeading:
        text = tokens[0].strip()
        forced = text.startswith(".")
        if forced:
            text = text[1:]
        number = None
        match = lexer.SCENE_NUMBER.search(text)
        if match:
            number = match[1]
            text = text[: match.start()]
        return SceneHeading(parse_inline(text.rstrip()), number, forced, _token_span(tokens[0]))

    def section(self, tokens: list[Token]) -> Section:
        text = tokens[0]
        body = text.lstrip("#")
        return Section(len(text) - len(body), body.strip(), _token_span(text))

    def blank_lines(self, tokens: list[Token]) -> Action:
        lines = ((),) * (tokens[0].count("\n") + 1)
        return Action(lines, span=_token_span(tokens[0]))

    def action(self, tokens: list[Token]) -> Action:
        lines = tuple([parse_inline(t[1:] if t.type == "FORCED_ACTION" else t) for t in tokens])
        first, last = tokens[0], tokens[-1]
        span = Span(first.line, 1, last.end_line, last.end_column, first.start_pos, last.end_pos)
        return Action(lines, first.type == "FORCED_ACTION", span)

    def dialogue(self, children: list) -> Dialogue:
        cue = children[0]
        parts = lexer.parse_cue(str(cue.strip()))
        if parts is None:  # the lexer only types real cues; stay total anyway
            parts = lexer.CueParts(cue.strip(), (), False, False)
        character = Character(
            parts.name.removeprefix("@") if parts.forced else parts.name,
            parts.extensions,
            parts.dual,
            parts.forced,
            _token_span(cue),
        )
        return Dialogue(character, tuple(children[1:]), _span(cue, children[-1]))

    right_dialogue = dialogue

    def parenthetical(self, tokens: list[Token]) -> Parenthetical:
        return Parenthetical(parse_inline(tokens[0].strip()), _token_span(tokens[0]))

    def dialogue_line(self, tokens: list[Token]) -> DialogueLine:
        token = tokens[0]
        text = token.strip()
        # Indentation is layout, so it goes, unless it is what keeps " = x" or
        # " # x" from reading as a synopsis or section.
        if text and lexer.shape(text) != lexer.shape(token):
            text = token.rstrip()
        return DialogueLine(parse_inline(text), _token_span(token))

    def dual_dialogue(self, children: list[Dialogue]) -> DualDialogue:
        left, right = children
        return DualDialogue(left, right, _span(left, right))

    def lyrics(self, tokens: list[Token]) -> Lyrics:
        lines = tuple(parse_inline(token.lstrip()[1:].lstrip()) for token in tokens)
        return Lyrics(lines, _span(tokens[0], tokens[-1]))

    def transition(self, tokens: list[Token]) -> Transition:
        text = tokens[0].strip()
        forced = text.startswith(">")
        if forced:
            text = text[1:].strip()
        return Transition(parse_inline(text), forced, _token_span(tokens[0]))

    def centered(self, tokens: list[Token]) -> Centered:
        lines = tuple(parse_inline(token.strip()[1:-1].strip()) for token in tokens)
        return Centered(lines, _span(tokens[0], tokens[-1]))

    def page_break(self, tokens: list[Token]) -> PageBreak:
        return PageBreak(_token_span(tokens[0]))

    def synopsis(self, tokens: list[Token]) -> Synopsis:
        return Synopsis(tokens[0][1:].strip(), _token_span(tokens[0]))

    def note(self, tokens: list[Token]) -> Note:
        inside = lexer.note_block(tokens[0])
        return Note(inside if inside is not None else tokens[0], _token_span(tokens[0]))

    def boneyard(self, tokens: list[Token]) -> Boneyard:
        inside = lexer.boneyard_block(tokens[0])
        return Boneyard(inside if inside is not None else tokens[0], _token_span(tokens[0]))


@cache
def _parser() -> Lark:
    return Lark(
        grammar_path("fountain.lark").read_text(encoding="utf-8"),
        parser="lalr",
        lexer=FountainLexer,
        transformer=_ModelBuilder(),
        # Spans come from the line tokens (each carries line, column and offset);
        # propagate_positions would only fill Tree.meta, and no Tree is built.
        propagate_positions=False,
        maybe_placeholders=False,
        cache=_cache_setting(),
    )


def _cache_setting() -> bool:
    """Lark's own temp-dir cache, unless that folder cannot be written."""
    import tempfile

    return os.access(tempfile.gettempdir(), os.W_OK)


def normalise(text: str) -> str:
    """The text the parser sees: no BOM, LF newlines. Spans count in this text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse(text: str, *, first_line: int = 1, first_offset: int = 0) -> Screenplay:
    """Parse Fountain ``text`` into a :class:`Screenplay` (see the module docstring)."""
    text = normalise(text)
    # A parse allocates many small acyclic objects; the cyclic GC would walk the
    # young ones again and again for nothing (about 40% of parse time, measured).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _parser().parse(_Source(text, first_line, first_offset))
    except Exception:  # pragma: no cover - the grammar is total; keep the promise anyway
        return _fallback(text, first_line, first_offset)
    finally:
        if gc_was_on:
            gc.enable()


def _fallback(text: str, first_line: int, first_offset: int) -> Screenplay:
    """Everything as one action, so even a parser bug loses no text."""
    lines = text.split("\n")
    end_line = first_line + len(lines) - 1
    span = Span(first_line, 1, end_line, len(lines[-1]) + 1, first_offset, first_offset + len(text))
    action = Action(tuple((parse_inline(line)) for line in lines), span=span)
    return Screenplay(None, (action,) if text else ())


def parse_file(path: str | os.PathLike[str], encoding: str | None = None) -> Screenplay:
    """Read a script (UTF-8 by default; see fountainkit.source) and parse it."""
    return parse(read_script(path, encoding))


def scene_boundaries(text: str) -> list[int]:
    """1-based lines where a scene heading or a section starts, in document order.

    Cheap: it runs the line lexer only, not the grammar.
    """
    text = normalise(text)
    return [token.line for token in lexer.tokens(text) if token.type in ("HEADING", "SECTION")]
