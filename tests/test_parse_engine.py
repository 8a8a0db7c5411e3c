"""fountainkit.syntax.parse drives the LALR tables Lark builds with its own loop.

These tests run the same tokens through Lark's own LALR parser (with the same
model builder as an inline transformer) and require the very same tree, spans
included, so a Lark upgrade that changes its tables cannot go unnoticed.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark, Transformer, Tree

from fountainkit.model import Screenplay, walk
from fountainkit.resources import grammar_path
from fountainkit.syntax import lexer

engine = importlib.import_module("fountainkit.syntax.parse")


class _ModelTransformer(Transformer):
    """Lark's callbacks, building our model with the parser's own builder."""

    def __init__(self) -> None:
        super().__init__()
        self.builder = engine._ModelBuilder()

    def __default__(self, data, children, meta):
        if data.startswith("_"):
            return Tree(data, children)  # Lark splices "_" rules into the parent
        return getattr(self.builder, data)(children)


@cache
def _lark_reference() -> Lark:
    return Lark(
        grammar_path("fountain.lark").read_text(encoding="utf-8"),
        parser="lalr",
        lexer="basic",
        transformer=_ModelTransformer(),
    )


def parse_with_lark(text: str) -> Screenplay:
    interactive = _lark_reference().parse_interactive("")
    for token in lexer.tokens(engine.normalise(text)):
        interactive.feed_token(token)
    return interactive.feed_eof()


def assert_same_parse(text: str) -> None:
    ours = engine.parse(text)
    reference = parse_with_lark(text)
    assert ours == reference
    spans = [getattr(node, "span", None) for node in walk(ours)]
    assert spans == [getattr(node, "span", None) for node in walk(reference)]


def test_sample_scripts_parse_as_lark_parses_them(sample_script: Path) -> None:
    for script in sorted(sample_script.parent.glob("*.fountain")):
        assert_same_parse(script.read_text(encoding="utf-8"))


def test_corpus_parses_as_lark_parses_it(corpus_dir: Path) -> None:
    scripts = sorted(corpus_dir.rglob("*.fountain"))
    assert scripts
    for script in scripts:
        assert_same_parse(script.read_text(encoding="utf-8-sig"))


FOUNTAIN_BITS = st.sampled_from(
    [
        "INT. HOUSE - DAY",
        "EXT. ROAD #4A#",
        ".FORCED",
        "BOB",
        "BOB (V.O.)",
        "ALICE ^",
        "@mcCoy",
        "(quietly)",
        "Hello there.",
        "  ",
        "",
        "CUT TO:",
        "> FADE OUT.",
        "> THE END <",
        "~ la la la",
        "===",
        "# Act",
        "= synopsis",
        "[[note: x]]",
        "[[open",
        "close]]",
        "/* cut",
        "end */",
        "Title: X",
        "    indented",
        "!FORCED ACTION",
        "*bold* _under_ \\*",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FOUNTAIN_BITS, max_size=30))
def test_random_scripts_parse_as_lark_parses_them(lines: list[str]) -> None:
    assert_same_parse("\n".join(lines))


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", "A", "BOB\nHi.\n\nALICE ^\nNo."])
def test_small_inputs_parse_as_lark_parses_them(text: str) -> None:
    assert_same_parse(text)
