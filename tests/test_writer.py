"""The Fountain writer.

Two promises: the canonical form loses nothing (``parse(write(t, canonical=True))
== t`` for any parsed ``t``), and the default writer keeps the author's bytes
(``write(parse(x)) == x`` for any text, and a tree changed through the API is
written back with only the changed nodes written again).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fountainkit import parse
from fountainkit.model import Action, Character, Dialogue, DialogueLine, Run, Screenplay
from fountainkit.writers.fountain import write as write_preserving


def write(tree: Screenplay) -> str:
    """The canonical form: what these round-trip tests are about."""
    return write_preserving(tree, canonical=True)


FIXTURE = Path(__file__).parent / "data" / "parser_fixture.fountain"


def corpus_inputs(corpus: Path):
    for path in sorted(corpus.rglob("*.fountain")):
        yield path.name, path.read_text(encoding="utf-8-sig")
    for path in sorted((corpus / "jouvence-yaml").glob("*.yaml")):
        for index, doc in enumerate(yaml.safe_load_all(path.read_text(encoding="utf-8"))):
            if doc:
                yield f"{path.name}#{index}", doc["in"]


def alphanumerics(text: str) -> Counter:
    return Counter(c for c in text if c.isalnum())


def test_round_trip_over_the_whole_corpus(corpus_dir):
    checked = 0
    for name, text in corpus_inputs(corpus_dir):
        tree = parse(text)
        written = write(tree)
        assert parse(written) == tree, name
        assert alphanumerics(written) == alphanumerics(text.replace("\ufeff", "")), name
        checked += 1
    assert checked >= 90  # 46 jouvence cases and every .fountain file


def test_round_trip_of_the_fixture_is_stable_text():
    text = FIXTURE.read_text(encoding="utf-8")
    once = write(parse(text))
    assert write(parse(once)) == once
    assert parse(once) == parse(text)


def test_round_trip_of_the_sample_script(sample_script):
    text = sample_script.read_text(encoding="utf-8")
    assert parse(write(parse(text))) == parse(text)


def test_forcing_markers_are_added_where_needed():
    hand_made = Screenplay(
        None,
        (
            Action(((Run("INT. NOT A HEADING"),),)),
            Dialogue(Character("McCLANE"), (DialogueLine((Run("Yippee."),)),)),
            Action(((Run("BOB"),), (Run("runs."),))),
        ),
    )
    text = write(hand_made)
    assert "!INT. NOT A HEADING" in text and "@McCLANE" in text and "!BOB" in text
    parsed = parse(text)
    assert [type(e) for e in parsed.body] == [Action, Dialogue, Action]


def test_literal_markers_are_escaped():
    tree = parse("\\*starred\\* and \\_under\\_ and a\\\\b\n")
    written = write(tree)
    assert parse(written) == tree
    assert tree.body[0].text == "*starred* and _under_ and a\\b"


def test_empty_screenplay():
    assert write(parse("")) == ""


# Lines built from Fountain's syntax characters: the writer must survive any mix.
_PIECES = st.sampled_from(
    [
        "INT. HOUSE - DAY",
        ".FORCED",
        "BOB",
        "BOB ^",
        "@bob",
        "(beat)",
        "Hello.",
        "  ",
        "",
        "CUT TO:",
        "> FADE",
        ">C<",
        "~la",
        "===",
        "# Act",
        "= syn",
        "[[note]]",
        "[[multi",
        "line]]",
        "/*",
        "*/",
        "*it*",
        "**b**",
        "_u_",
        "\\*",
        "!ACT",
        "Title: X",
        "  cont",
        "ÉLODIE",
        "3CPO",
        "a*b",
        "***x***",
        "^",
        "@",
        "!",
        "~",
        ".",
        ">",
        "#1#",
    ]
)
_LINES = st.lists(
    st.one_of(_PIECES, st.text(alphabet=" \t*_\\[]/!@~.#=<>^()abcXYZ:é", max_size=12)),
    max_size=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_LINES, st.sampled_from(["\n", "\r\n"]))
def test_round_trip_on_generated_scripts(lines, newline):
    text = newline.join(lines)
    tree = parse(text)
    written = write(tree)
    assert parse(written) == tree
    assert alphanumerics(written) == alphanumerics(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text())
def test_any_text_parses_and_round_trips(text):
    tree = parse(text)
    written = write(tree)
    assert parse(written) == tree
    assert alphanumerics(written) == alphanumerics(text.replace("\ufeff", ""))


@pytest.mark.parametrize("text", ["*a **b** c*", "**a *b* c**", "_a *b* c_", "***a** b*", "*a*b*"])
def test_nested_emphasis_round_trips(text):
    tree = parse(text)
    assert parse(write(tree)) == tree
