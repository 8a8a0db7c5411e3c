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
says a heading starts: the start of a text reads as a blank line, so
the heading still is one. One difference to mind at the other end: blank lines
at the very end of a text are all kept as extra blank lines, whereas before the
next heading one of them is the separator; parse the slice together with the
next heading line (fountainkit/syntax/incremental.py does) to get the same split.

Pipeline: ``fountainkit.syntax.lexer`` types each logical line (blank-line context is
lexical) and hands over an action paragraph as one token; ``grammars/fountain.lark``
groups the tokens into title page, scenes, speeches and dual dialogue. Lark
compiles the grammar to LALR tables (once, cached on disk); ``_run`` drives
those tables itself and ``_ModelBuilder`` turns each reduction straight into a
model object (no intermediate tree). Lark's own parse loop and tree-builder
wrappers were about half of a parse; see docs/fountain-decisions.md,
"Engineering notes".
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from lark import Lark, Token
from lark.parsers.lalr_analysis import Shift

from fountainkit.gcpause import gc_paused
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
    plain,
)
from fountainkit.resources import grammar_path
from fountainkit.syntax import lexer
from fountainkit.syntax.inline import parse_inline
from fountainkit.syntax.source import read_script

__all__ = ["parse", "parse_file", "scene_boundaries", "normalise"]

# Characters that can start inline markup: emphasis, escapes, notes, boneyard.
_MARKUP = re.compile(r"[*_\\]|\[\[|/\*")


def _fast_constructor(cls: type) -> Callable[..., Any]:
    """A positional constructor for a frozen, slotted model class that skips its
    generated ``__init__``.

    That ``__init__`` sets each field through ``object.__setattr__`` by name;
    setting the slots through their descriptors builds the same object in about
    half the time, and a parse builds one node and one Span per block. Only for
    classes without ``__post_init__`` (nothing is skipped but the indirection),
    called with every field.
    """
    assert "__post_init__" not in vars(cls), cls
    new = object.__new__
    setters = [getattr(cls, item.name).__set__ for item in dataclasses.fields(cls)]
    if len(setters) == 2:
        set1, set2 = setters

        def make2(a: Any, b: Any) -> Any:
            node = new(cls)
            set1(node, a)
            set2(node, b)
            return node

        return make2
    if len(setters) == 3:
        set1, set2, set3 = setters

        def make3(a: Any, b: Any, c: Any) -> Any:
            node = new(cls)
            set1(node, a)
            set2(node, b)
            set3(node, c)
            return node

        return make3
    if len(setters) == 5:
        set1, set2, set3, set4, set5 = setters

        def make5(a: Any, b: Any, c: Any, d: Any, e: Any) -> Any:
            node = new(cls)
            set1(node, a)
            set2(node, b)
            set3(node, c)
            set4(node, d)
            set5(node, e)
            return node

        return make5
    if len(setters) == 6:
        set1, set2, set3, set4, set5, set6 = setters

        def make6(a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> Any:
            node = new(cls)
            set1(node, a)
            set2(node, b)
            set3(node, c)
            set4(node, d)
            set5(node, e)
            set6(node, f)
            return node

        return make6
    return cls  # other shapes are rare in a parse: the ordinary constructor


# The nodes a parse makes most of, one per speech, line or paragraph.
_new_span = _fast_constructor(Span)
_new_action = _fast_constructor(Action)
_new_character = _fast_constructor(Character)
_new_dialogue = _fast_constructor(Dialogue)
_new_dialogue_line = _fast_constructor(DialogueLine)
_new_parenthetical = _fast_constructor(Parenthetical)


def _is_plain(run: Any) -> bool:
    return run.kind == "text" and not (run.bold or run.italic or run.underline)


def _span(first: Any, last: Any) -> Span:
    """From the start of ``first`` to the end of ``last`` (tokens or nodes)."""
    if isinstance(first, Token):
        start_line, start_col, start_offset = first.line, first.column, first.start_pos
    else:
        start = first.span
        start_line, start_col, start_offset = start.start_line, start.start_col, start.start_offset
    if isinstance(last, Token):
        return _new_span(
            start_line, start_col, last.end_line, last.end_column, start_offset, last.end_pos
        )
    end = last.span
    return _new_span(start_line, start_col, end.end_line, end.end_col, start_offset, end.end_offset)


def _token_span(token: Token) -> Span:
    return _new_span(
        token.line,
        token.column,
        token.end_line,
        token.end_column,
        token.start_pos,
        token.end_pos,
    )


class _ModelBuilder:
    """Grammar reductions to model nodes: one method per named rule, called by
    :func:`_run` with the rule's children as Lark would pass them (tokens and
    nodes, "_" terminals dropped, "_" rules spliced in); no tree is built."""

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
        main, number, tail = lexer.split_heading(text)
        runs = parse_inline(main)
        for part in tail:
            runs += parse_inline(part)
        return SceneHeading(runs, number, forced, _token_span(tokens[0]))

    def section(self, tokens: list[Token]) -> Section:
        text = tokens[0]
        body = text.lstrip("#")
        return Section(len(text) - len(body), body.strip(), _token_span(text))

    def blank_lines(self, tokens: list[Token]) -> Action:
        lines = ((),) * (tokens[0].count("\n") + 1)
        return Action(lines, span=_token_span(tokens[0]))

    def action(self, tokens: list[lexer.ActionToken]) -> Action:
        token = tokens[0]
        lines = tuple(
            [
                parse_inline(line[1:] if kind == "FORCED_ACTION" else line)
                for line, kind in zip(token.lines, token.kinds, strict=True)
            ]
        )
        return _new_action(lines, token.kinds[0] == "FORCED_ACTION", _token_span(token))

    def dialogue(self, children: list) -> Dialogue:
        cue = children[0]
        text = str(cue.strip())
        forced = text.startswith("@")
        body = text[1:] if forced else text
        runs: tuple = ()
        if _MARKUP.search(body):
            # Emphasis, notes and boneyard on a cue line: the name is what is
            # left visible; the runs keep the rest for the writer.
            runs = parse_inline(body)
            body = plain(runs).strip()
            if all(_is_plain(run) for run in runs):
                runs = ()  # escapes only: the fields say it all
        parts = lexer.parse_cue("@" + body if forced else body)
        if parts is None:  # the lexer only types real cues; stay total anyway
            parts = lexer.CueParts(body, (), False, False)
        character = _new_character(
            parts.name, parts.extensions, parts.dual, forced, _token_span(cue), runs
        )
        return _new_dialogue(character, tuple(children[1:]), _span(cue, children[-1]))

    right_dialogue = dialogue

    def parenthetical(self, tokens: list[Token]) -> Parenthetical:
        token = tokens[0]
        lines = getattr(token, "lines", None)
        # A parenthetical wrapped over several lines reads as one line: each
        # line break is a space.
        text = " ".join(line.strip() for line in lines) if lines else token.strip()
        return _new_parenthetical(parse_inline(text), _token_span(token))

    def dialogue_line(self, tokens: list[Token]) -> DialogueLine:
        token = tokens[0]
        text = token.strip()
        # Indentation is layout, so it goes, unless it is what keeps " = x" or
        # " # x" from reading as a synopsis or section.
        if text and token[0].isspace() and lexer.shape(text) != lexer.shape(token):
            text = token.rstrip()
        return _new_dialogue_line(parse_inline(text), _token_span(token))

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
    """The grammar compiled to LALR tables (cached on disk); :func:`_run` drives them."""
    return Lark(
        grammar_path("fountain.lark").read_text(encoding="utf-8"),
        parser="lalr",
        # Tokens come from fountainkit.syntax.lexer, not from Lark's lexer, which never
        # runs: the terminals are %declare'd and have no patterns.
        lexer="basic",
        cache=_cache_setting(),
    )


class _Machine:
    """Lark's LALR table for the grammar, laid out for :func:`_run`.

    Each table entry becomes ``(True, next_state)`` for a shift or ``(False,
    (size, reduce, rule_name))`` for a reduction, so the loop does no rule
    hashing, attribute lookups or method calls of its own per token. ``reduce``
    is built here from the rule (see :func:`_reducer`) rather than taken from
    Lark's tree builder, whose generic wrappers cost four or five Python calls
    per reduction; with one token per block those were most of a parse.
    """

    __slots__ = ("states", "start", "end")

    def __init__(self, lark: Lark, builder: _ModelBuilder) -> None:
        conf = lark.parse_interactive("").parser_state.parse_conf
        reducers: dict[int, tuple[int, Callable[[list], Any], str]] = {}

        def reduction(rule: Any) -> tuple[int, Callable[[list], Any], str]:
            key = id(rule)
            if key not in reducers:
                reducers[key] = (len(rule.expansion), _reducer(rule, builder), rule.origin.name)
            return reducers[key]

        self.states = {
            state: {
                symbol: (True, arg) if action is Shift else (False, reduction(arg))
                for symbol, (action, arg) in row.items()
            }
            for state, row in conf.states.items()
        }
        self.start = conf.start_state
        self.end = conf.end_state


def _reducer(rule: Any, builder: _ModelBuilder) -> Callable[[list], Any]:
    """What reducing ``rule`` makes of its children, by Lark's tree-building rules.

    "_"-named terminals (the blank lines) are dropped; a "_"-named rule, and
    the list rules Lark makes for ``x*``/``x+``, hand their children up to be
    spliced into the parent (as a plain list); any other rule is a builder
    method that receives its children.
    """
    if rule.options.expand1 or rule.options.keep_all_tokens or rule.alias:
        raise ValueError(f"fountain.lark: rule option not supported here: {rule}")
    kept = [
        (index, not symbol.is_term and symbol.name.startswith("_"))
        for index, symbol in enumerate(rule.expansion)
        if not (symbol.is_term and symbol.filter_out)
    ]
    name = rule.origin.name
    finish = None if name.startswith("_") else getattr(builder, name)
    if kept == [(index, False) for index in range(len(rule.expansion))]:
        return finish or _as_is  # the children slice is a fresh list already
    if finish is None and kept == [(0, True), (1, False)]:
        return _append  # the left-recursive list step, by far the commonest

    if kept == [(0, False), (1, True)]:  # a head and a list: a speech, a scene

        def head_and_list(children: list) -> Any:
            out = [children[0]]
            out += children[1]
            return finish(out) if finish else out

        return head_and_list

    def reduce(children: list) -> Any:
        out: list | None = None
        for index, splice in kept:
            if splice:
                if out is None:
                    out = children[index]  # helper lists are used once: extend in place
                else:
                    out.extend(children[index])
            elif out is None:
                out = [children[index]]
            else:
                out.append(children[index])
        if out is None:
            out = []
        return finish(out) if finish else out

    return reduce


def _as_is(children: list) -> list:
    return children


def _append(children: list) -> list:
    items = children[0]
    items.append(children[1])
    return items


@cache
def _machine() -> _Machine:
    return _Machine(_parser(), _ModelBuilder())


def _run(machine: _Machine, tokens: Iterable[Token]) -> Screenplay:
    """The LALR loop (as Lark's own, minus its per-token bookkeeping).

    Terminals carry no callbacks in this grammar, so a shift pushes the token
    itself. A token the table does not expect raises KeyError.
    """
    states = machine.states
    state_stack = [machine.start]
    value_stack: list[Any] = []
    for token in tokens:
        kind = token.type
        while True:
            shift, arg = states[state_stack[-1]][kind]
            if shift:
                state_stack.append(arg)
                value_stack.append(token)
                break
            size, callback, name = arg
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            value_stack.append(callback(children))
            state_stack.append(states[state_stack[-1]][name][1])
    end = machine.end
    while True:
        shift, arg = states[state_stack[-1]]["$END"]
        size, callback, name = arg
        children = value_stack[-size:] if size else []
        if size:
            del state_stack[-size:]
            del value_stack[-size:]
        value = callback(children)
        state = states[state_stack[-1]][name][1]
        if state == end:
            return value
        state_stack.append(state)
        value_stack.append(value)


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
    machine = _machine()  # outside the try: a grammar that does not build is a bug to see
    with gc_paused():
        try:
            return _run(machine, lexer.tokens(text, first_line, first_offset))
        except Exception:  # pragma: no cover - the grammar is total; keep the promise anyway
            return _fallback(text, first_line, first_offset)


def _fallback(text: str, first_line: int, first_offset: int) -> Screenplay:
    """Everything as one action, so even a parser bug loses no text."""
    lines = text.split("\n")
    end_line = first_line + len(lines) - 1
    span = Span(first_line, 1, end_line, len(lines[-1]) + 1, first_offset, first_offset + len(text))
    action = Action(tuple((parse_inline(line)) for line in lines), span=span)
    return Screenplay(None, (action,) if text else ())


def parse_file(path: str | os.PathLike[str], encoding: str | None = None) -> Screenplay:
    """Read a script (UTF-8 by default; see fountainkit.syntax.source) and parse it."""
    return parse(read_script(path, encoding))


def scene_boundaries(text: str) -> list[int]:
    """1-based lines where a scene heading starts, in document order.

    Cheap: it runs the line lexer only, not the grammar.
    """
    text = normalise(text)
    return [token.line for token in lexer.tokens(text) if token.type == "HEADING"]
