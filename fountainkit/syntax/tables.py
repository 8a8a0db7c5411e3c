"""The grammar's LALR tables as plain data, shipped beside the grammar.

``grammars/fountain.tables.json`` holds the tables Lark computes for
``grammars/fountain.lark`` (states, actions, rules), with the SHA-256 of the
grammar text they were computed from. The parser reads that file, a JSON
read of a few milliseconds, when the digest matches the grammar; when it does
not (a grammar edited in a checkout and the tables not regenerated), the
tables are computed with Lark in memory, for that process only. Nothing is
ever written to a cache or read back with pickle: a compiled grammar from a
folder other users can write (Lark's own ``cache=True`` reads a predictable
name in the shared temp folder with pickle) would run their code.

Regenerate after editing the grammar (tests/test_grammar_tables.py fails
until you do)::

    python -m fountainkit.syntax.build_tables
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from fountainkit.resources import grammar_path

GRAMMAR = "fountain.lark"
TABLES = "fountain.tables.json"
FORMAT = "fountainkit.lalr/1"


@dataclass(frozen=True, slots=True)
class Symbol:
    name: str
    is_term: bool
    filter_out: bool  # a terminal Lark leaves out of the tree ("_" names)


@dataclass(frozen=True, slots=True)
class Rule:
    origin: str
    expansion: tuple[Symbol, ...]
    expand1: bool
    keep_all_tokens: bool
    alias: str | None


@dataclass(frozen=True, slots=True)
class Tables:
    """``states[state][symbol]`` is ``(True, next state)`` for a shift or
    ``(False, rule index)`` for a reduction."""

    states: dict[int, dict[str, tuple[bool, int]]]
    rules: tuple[Rule, ...]
    start: int
    end: int
    grammar_sha256: str


def grammar_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compute(grammar_text: str) -> Tables:
    """The tables Lark builds for ``grammar_text``, computed in memory (no cache)."""
    from lark import Lark
    from lark.parsers.lalr_analysis import Shift

    lark = Lark(grammar_text, parser="lalr", lexer="basic", cache=False)
    conf = lark.parse_interactive("").parser_state.parse_conf
    rules: list[Rule] = []
    index_of: dict[int, int] = {}

    def rule_index(rule: object) -> int:
        key = id(rule)
        if key not in index_of:
            index_of[key] = len(rules)
            rules.append(
                Rule(
                    rule.origin.name,  # type: ignore[attr-defined]
                    tuple(
                        Symbol(s.name, s.is_term, bool(s.is_term and s.filter_out))
                        for s in rule.expansion  # type: ignore[attr-defined]
                    ),
                    bool(rule.options.expand1),  # type: ignore[attr-defined]
                    bool(rule.options.keep_all_tokens),  # type: ignore[attr-defined]
                    rule.alias,  # type: ignore[attr-defined]
                )
            )
        return index_of[key]

    states = {
        state: {
            symbol: (True, arg) if action is Shift else (False, rule_index(arg))
            for symbol, (action, arg) in row.items()
        }
        for state, row in conf.states.items()
    }
    digest = grammar_digest(grammar_text)
    return Tables(states, tuple(rules), conf.start_state, conf.end_state, digest)


def to_json(tables: Tables) -> str:
    import lark

    data = {
        "format": FORMAT,
        "grammar_sha256": tables.grammar_sha256,
        "made_with": f"lark {lark.__version__}",
        "start": tables.start,
        "end": tables.end,
        "rules": [
            {
                "origin": rule.origin,
                "expansion": [[s.name, s.is_term, s.filter_out] for s in rule.expansion],
                "expand1": rule.expand1,
                "keep_all_tokens": rule.keep_all_tokens,
                "alias": rule.alias,
            }
            for rule in tables.rules
        ],
        "states": {
            str(state): {symbol: [shift, arg] for symbol, (shift, arg) in sorted(row.items())}
            for state, row in sorted(tables.states.items())
        },
    }
    return json.dumps(data, separators=(",", ":")) + "\n"


def from_json(text: str) -> Tables:
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} table file")
    rules = tuple(
        Rule(
            rule["origin"],
            tuple(Symbol(*symbol) for symbol in rule["expansion"]),
            rule["expand1"],
            rule["keep_all_tokens"],
            rule["alias"],
        )
        for rule in data["rules"]
    )
    states = {
        int(state): {symbol: (bool(shift), int(arg)) for symbol, (shift, arg) in row.items()}
        for state, row in data["states"].items()
    }
    return Tables(states, rules, data["start"], data["end"], data["grammar_sha256"])


def tables_path() -> Path:
    return grammar_path(TABLES)


def load() -> Tables:
    """The shipped tables when they were made from the grammar as it is, else
    tables computed in memory."""
    grammar_text = grammar_path(GRAMMAR).read_text(encoding="utf-8")
    digest = grammar_digest(grammar_text)
    try:
        shipped = from_json(tables_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        shipped = None
    if shipped is not None and shipped.grammar_sha256 == digest:
        return shipped
    return compute(grammar_text)
