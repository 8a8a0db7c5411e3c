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
compiles the grammar to LALR tables, which ship as JSON data beside it
(fountainkit.syntax.tables: no pickle, no cache in a shared folder, Lark not
even imported to parse); ``_run`` drives those tables itself and
``_ModelBuilder`` turns each reduction straight into a model object (no
intermediate tree). Lark's own parse loop and tree-builder wrappers were
about half of a parse; see docs/fountain-decisions.md, "Engineering notes".
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from fountainkit.gcpause import gc_paused
from fountainkit.model import (
    NO_SPAN,
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
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Span,
    Synopsis,
    Text,
    TitleEntry,
    TitlePage,
    Transition,
    plain,
)
from fountainkit.syntax import lexer, tables
from fountainkit.syntax.inline import parse_inline
from fountainkit.syntax.lexer import Token
from fountainkit.syntax.positions import new_span, place_joined, place_runs, source_ranges
from fountainkit.syntax.source import read_script

__all__ = ["parse", "parse_file", "scene_boundaries", "normalise"]


def _has_markup(text: str) -> bool:
    """Whether ``text`` may hold inline markup: emphasis, escapes, notes, boneyard.

    (Five substring tests: several times faster than one regex with an
    alternation, which cannot skip ahead by character class.)
    """
    return "*" in text or "_" in text or "\\" in text or "[[" in text or "/*" in text


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
    if len(setters) == 4:
        set1, set2, set3, set4 = setters

        def make4(a: Any, b: Any, c: Any, d: Any) -> Any:
            node = new(cls)
            set1(node, a)
            set2(node, b)
            set3(node, c)
            set4(node, d)
            return node

        return make4
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
    if len(setters) == 7:
        set1, set2, set3, set4, set5, set6, set7 = setters

        def make7(a: Any, b: Any, c: Any, d: Any, e: Any, f: Any, g: Any) -> Any:
            node = new(cls)
            set1(node, a)
            set2(node, b)
            set3(node, c)
            set4(node, d)
            set5(node, e)
            set6(node, f)
            set7(node, g)
            return node

        return make7
    return cls  # other shapes are rare in a parse: the ordinary constructor


# The nodes a parse makes most of, one per speech, line or paragraph.
_new_span = new_span
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
        return tuple.__new__(
            Span,
            (start_line, start_col, last.end_line, last.end_column, start_offset, last.end_pos),
        )
    end = last.span
    return tuple.__new__(
        Span, (start_line, start_col, end.end_line, end.end_col, start_offset, end.end_offset)
    )


def _token_span(token: Token) -> Span:
    return _tuple_new(
        Span,
        (
            token.line,
            token.column,
            token.end_line,
            token.end_column,
            token.start_pos,
            token.end_pos,
        ),
    )


def _origin(token: Token, begin: int) -> tuple[int, int, int]:
    """(offset, line, column) of the character at index ``begin`` of a token's text."""
    breaks = token.count("\n", 0, begin)
    if not breaks:
        return token.start_pos + begin, token.line, token.column + begin
    return token.start_pos + begin, token.line + breaks, begin - token.rfind("\n", 0, begin)


_tuple_new = tuple.__new__


def _no_markup(text: str) -> bool:
    return False


# First characters that send a cue down the general path: "@", indentation.
_CUE_SPECIAL = frozenset("@ \t")


def _runs(token: Token, begin: int, end: int, span: Span | None = None) -> Text:
    """The inline runs of ``token[begin:end]``, each with its span (``span``: that
    of the whole text, when the caller has it already)."""
    text = token[begin:end]
    if not text:
        return ()
    if not (
        "*" in text
        or "_" in text
        or "\\" in text
        or "[[" in text
        or "/*" in text
        or (token.end_line != token.line and "\n" in text)
    ):
        # Most lines: one plain run. Built here, not through the memoised inline
        # parser, since each occurrence has its own span.
        if span is None:
            if token.end_line == token.line:
                line = token.line
                column = token.column + begin
                offset = token.start_pos + begin
            else:
                offset, line, column = _origin(token, begin)
            size = end - begin
            span = _tuple_new(Span, (line, column, line, column + size, offset, offset + size))
        return (_tuple_new(Run, (text, False, False, False, "text", span)),)
    offset, line, column = _origin(token, begin)
    return place_runs(parse_inline(text), text, offset, line, column)


def _stripped(token: str) -> tuple[int, int]:
    """(begin, end) of ``token`` without its leading and trailing whitespace."""
    begin = len(token) - len(token.lstrip())
    return begin, max(begin, len(token.rstrip()))


def _line_span(offset: int, line: int, text: str) -> Span:
    """The span of a logical line ``text`` that starts at column 1 of ``line``."""
    breaks = text.count("\n")
    end_col = len(text) - text.rfind("\n") if breaks else len(text) + 1
    return _new_span(line, 1, line + breaks, end_col, offset, offset + len(text))


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
        first = tokens[0]
        key, value = lexer.title_key(first) or (first.strip(), "")
        lines: list[Text] = []
        line_spans: list[Span] = []
        if value.strip():
            begin, end = _stripped(value)
            shift = len(first) - len(value)  # the value runs to the end of the line
            lines.append(_runs(first, shift + begin, shift + end))
            line_spans.append(_token_span(first))
        for token in tokens[1:]:
            lines.append(_runs(token, *_stripped(token)))
            line_spans.append(_token_span(token))
        return TitleEntry(key, tuple(lines), _span(first, tokens[-1]), tuple(line_spans))

    def scene(self, children: list) -> Scene:
        heading = children[0]
        return Scene(heading, tuple(children[1:]), _span(heading, children[-1]))

    def scene_heading(self, tokens: list[Token]) -> SceneHeading:
        token = tokens[0]
        begin, end = _stripped(token)
        forced = token[begin : begin + 1] == "."
        if forced:
            begin += 1
        main, number, tail = lexer.split_heading(str(token[begin:end]))
        runs = _runs(token, begin, begin + len(main))
        for part_start, part_end in tail:
            runs += _runs(token, begin + part_start, begin + part_end)
        return SceneHeading(runs, number, forced, _token_span(token))

    def section(self, tokens: list[Token]) -> Section:
        text = tokens[0]
        body = text.lstrip("#")
        return Section(len(text) - len(body), body.strip(), _token_span(text))

    def blank_lines(self, tokens: list[Token]) -> Action:
        token = tokens[0]
        count = token.count("\n") + 1
        first = token.line
        offset = token.start_pos
        line_spans = []
        for index, blank in enumerate(token.split("\n")):
            line_spans.append(
                _new_span(
                    first + index, 1, first + index, len(blank) + 1, offset, offset + len(blank)
                )
            )
            offset += len(blank) + 1
        return Action(((),) * count, False, _token_span(token), tuple(line_spans))

    def action(self, tokens: list[lexer.ActionToken]) -> Action:
        token = tokens[0]
        offset, line_no = token.start_pos, token.line
        kinds = token.kinds
        if (
            not _has_markup(token)
            and token.end_line - line_no + 1 == len(token.lines)  # no note over lines
            and "FORCED_ACTION" not in kinds
        ):
            # Most paragraphs: plain lines (never empty: a blank line ends the
            # paragraph), one run each, spanning its line.
            runs_of_lines = []
            line_spans = []
            for line in token.lines:
                end = offset + len(line)
                span = _tuple_new(Span, (line_no, 1, line_no, end - offset + 1, offset, end))
                runs_of_lines.append((_tuple_new(Run, (line, False, False, False, "text", span)),))
                line_spans.append(span)
                offset = end + 1
                line_no += 1
            return _new_action(tuple(runs_of_lines), False, _token_span(token), tuple(line_spans))
        return self._action(token)

    def _action(self, token: lexer.ActionToken) -> Action:
        lines: list[Text] = []
        line_spans: list[Span] = []
        offset, line_no = token.start_pos, token.line
        check = _has_markup if _has_markup(token) else _no_markup
        for line, kind in zip(token.lines, token.kinds, strict=True):
            size = len(line)
            if "\n" in line:  # a note over several lines
                line_span = _line_span(offset, line_no, line)
                next_line = line_span.end_line + 1
            else:
                line_span = _tuple_new(Span, (line_no, 1, line_no, size + 1, offset, offset + size))
                next_line = line_no + 1
            if kind == "FORCED_ACTION" or check(line) or next_line > line_no + 1:
                skip = 1 if kind == "FORCED_ACTION" else 0
                text = line[skip:] if skip else line
                runs = parse_inline(text)
                if runs:
                    runs = place_runs(runs, text, offset + skip, line_no, 1 + skip)
            elif size:  # plain text: one run, which spans the whole line
                runs = (_tuple_new(Run, (line, False, False, False, "text", line_span)),)
            else:
                runs = ()
            lines.append(runs)
            line_spans.append(line_span)
            offset += size + 1
            line_no = next_line
        return _new_action(
            tuple(lines), token.kinds[0] == "FORCED_ACTION", _token_span(token), tuple(line_spans)
        )

    def dialogue(self, children: list) -> Dialogue:
        cue = children[0]
        if cue[0] not in _CUE_SPECIAL and not cue[-1].isspace() and not _has_markup(cue):
            # The common case: a plain cue at the start of its line.
            parts = lexer.parse_cue(str(cue))
            if parts is not None:
                line, column, offset = cue.line, cue.column, cue.start_pos
                size = len(parts.name)
                name_span = _tuple_new(
                    Span, (line, column, line, column + size, offset, offset + size)
                )
                character = _new_character(
                    parts.name,
                    parts.extensions,
                    parts.dual,
                    False,
                    _token_span(cue),
                    (),
                    name_span,
                )
                return _new_dialogue(character, tuple(children[1:]), _span(cue, children[-1]))
        begin, end = _stripped(cue)
        forced = cue[begin : begin + 1] == "@"
        if forced:
            begin += 1
        body = str(cue[begin:end])
        runs: Text = ()
        if _has_markup(body):
            # Emphasis, notes and boneyard on a cue line: the name is what is
            # left visible; the runs keep the rest for the writer.
            runs = _runs(cue, begin, end)
            body = plain(runs).strip()
        parts = lexer.parse_cue("@" + body if forced else body)
        if parts is None:  # the lexer only types real cues; stay total anyway
            parts = lexer.CueParts(body, (), False, False)
        if runs:
            name_span = _name_span(cue, runs, parts.name)
            if all(_is_plain(run) for run in runs):
                runs = ()  # escapes only: the fields say it all
        else:
            offset, line, column = _origin(cue, begin)
            size = len(parts.name)
            name_span = _new_span(line, column, line, column + size, offset, offset + size)
        character = _new_character(
            parts.name, parts.extensions, parts.dual, forced, _token_span(cue), runs, name_span
        )
        return _new_dialogue(character, tuple(children[1:]), _span(cue, children[-1]))

    right_dialogue = dialogue

    def parenthetical(self, tokens: list[Token]) -> Parenthetical:
        token = tokens[0]
        lines = getattr(token, "lines", None)
        if not lines:
            return _new_parenthetical(_runs(token, *_stripped(token)), _token_span(token))
        # A parenthetical wrapped over several lines reads as one line: each
        # line break is a space.
        pieces = []
        at = 0
        for line in lines:
            begin, end = _stripped(line)
            offset, line_no, column = _origin(token, at + begin)
            pieces.append((line[begin:end], offset, line_no, column))
            at += len(line) + 1
        text = " ".join(piece[0] for piece in pieces)
        runs = place_joined(parse_inline(text), pieces)
        return _new_parenthetical(runs, _token_span(token))

    def dialogue_line(self, tokens: list[Token]) -> DialogueLine:
        token = tokens[0]
        span = _token_span(token)
        size = len(token)
        if size and not token[0].isspace() and not token[-1].isspace():
            # The common case: nothing to strip, the text spans the whole line.
            return _new_dialogue_line(_runs(token, 0, size, span), span)
        begin, end = _stripped(token)
        # Indentation is layout, so it goes, unless it is what keeps " = x" or
        # " # x" from reading as a synopsis or section.
        if begin < end and begin and lexer.shape(token[begin:end]) != lexer.shape(token):
            begin = 0
        return _new_dialogue_line(_runs(token, begin, end), span)

    def dual_dialogue(self, children: list[Dialogue]) -> DualDialogue:
        left, right = children
        return DualDialogue(left, right, _span(left, right))

    def lyrics(self, tokens: list[Token]) -> Lyrics:
        lines = []
        for token in tokens:
            begin, end = _stripped(token)
            begin += 1  # the "~"
            begin += len(token[begin:end]) - len(token[begin:end].lstrip())
            lines.append(_runs(token, begin, max(begin, end)))
        line_spans = tuple(_token_span(token) for token in tokens)
        return Lyrics(tuple(lines), _span(tokens[0], tokens[-1]), line_spans)

    def transition(self, tokens: list[Token]) -> Transition:
        token = tokens[0]
        begin, end = _stripped(token)
        forced = token[begin : begin + 1] == ">"
        if forced:
            begin, end = _inner(token, begin + 1, end)
        return Transition(_runs(token, begin, end), forced, _token_span(token))

    def centered(self, tokens: list[Token]) -> Centered:
        lines = []
        for token in tokens:
            begin, end = _stripped(token)
            lines.append(_runs(token, *_inner(token, begin + 1, end - 1)))
        line_spans = tuple(_token_span(token) for token in tokens)
        return Centered(tuple(lines), _span(tokens[0], tokens[-1]), line_spans)

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


def _name_span(cue: Token, runs: Text, name: str) -> Span:
    """Where a cue's name is written, given the runs of its line."""
    first = next((run for run in runs if run.kind == "text" and run.text.strip()), None)
    if first is None:
        return NO_SPAN
    text = first.text
    begin = first.span.start_offset - cue.start_pos + len(text) - len(text.lstrip())
    rest = str(cue[begin:])
    ((start, end),) = source_ranges((Run(name),), rest)
    offset, line, column = _origin(cue, begin + start)
    end_offset, end_line, end_column = _origin(cue, begin + end)
    return _new_span(line, column, end_line, end_column, offset, end_offset)


def _inner(token: str, begin: int, end: int) -> tuple[int, int]:
    """``begin``, ``end`` moved inwards past whitespace."""
    while begin < end and token[begin].isspace():
        begin += 1
    while end > begin and token[end - 1].isspace():
        end -= 1
    return begin, end


class _Machine:
    """The grammar's LALR tables (fountainkit.syntax.tables), laid out for :func:`_run`.

    Each table entry becomes ``(True, next_state)`` for a shift or ``(False,
    (size, reduce, rule_name))`` for a reduction, so the loop does no rule
    hashing, attribute lookups or method calls of its own per token. ``reduce``
    is built here from the rule (see :func:`_reducer`) rather than taken from
    Lark's tree builder, whose generic wrappers cost four or five Python calls
    per reduction; with one token per block those were most of a parse.
    """

    __slots__ = ("states", "start", "end")

    def __init__(self, grammar: tables.Tables, builder: _ModelBuilder) -> None:
        reductions = [
            (len(rule.expansion), _reducer(rule, builder), rule.origin) for rule in grammar.rules
        ]
        self.states = {
            state: {
                symbol: (True, arg) if shift else (False, reductions[arg])
                for symbol, (shift, arg) in row.items()
            }
            for state, row in grammar.states.items()
        }
        self.start = grammar.start
        self.end = grammar.end


def _reducer(rule: tables.Rule, builder: _ModelBuilder) -> Callable[[list], Any]:
    """What reducing ``rule`` makes of its children, by Lark's tree-building rules.

    "_"-named terminals (the blank lines) are dropped; a "_"-named rule, and
    the list rules Lark makes for ``x*``/``x+``, hand their children up to be
    spliced into the parent (as a plain list); any other rule is a builder
    method that receives its children.
    """
    if rule.expand1 or rule.keep_all_tokens or rule.alias:
        raise ValueError(f"fountain.lark: rule option not supported here: {rule}")
    kept = [
        (index, not symbol.is_term and symbol.name.startswith("_"))
        for index, symbol in enumerate(rule.expansion)
        if not (symbol.is_term and symbol.filter_out)
    ]
    name = rule.origin
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
    return _Machine(tables.load(), _ModelBuilder())


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


def normalise(text: str) -> str:
    """The text the parser sees: no BOM, LF newlines. Spans count in this text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse(text: str, *, first_line: int = 1, first_offset: int = 0) -> Screenplay:
    """Parse Fountain ``text`` into a :class:`Screenplay` (see the module docstring).

    The screenplay keeps ``text`` as its ``source`` (the Fountain writer gives
    its bytes back for every node not changed since).
    """
    source = text
    text = normalise(text)
    machine = _machine()  # outside the try: a grammar that does not build is a bug to see
    with gc_paused():
        try:
            tree = _run(machine, lexer.tokens(text, first_line, first_offset))
        except Exception:  # pragma: no cover - the grammar is total; keep the promise anyway
            tree = _fallback(text, first_line, first_offset)
    return Screenplay(tree.title_page, tree.body, source, (first_line, first_offset))


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
