"""Incremental re-parsing: after any edits the result equals a full parse, spans included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fountainkit import parse
from fountainkit.model import Scene, Section, runs_of, walk
from fountainkit.syntax.incremental import IncrementalDocument

SAMPLES = Path(__file__).resolve().parents[1] / "scripts_sample"

# Pieces a writer types or deletes, including every kind of line that changes
# structure: headings, sections, cues, carets, blank lines, markers.
PIECES = [
    "a",
    "X",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n\n\n",
    ".",
    "^",
    "@",
    "~",
    ">",
    "<",
    "(",
    ")",
    "*",
    "_",
    "INT. ",
    "EXT. HOUSE - DAY",
    "\n\nINT. HALL - NIGHT\n\n",
    "\n\n# Act Two\n\n",
    "\n\n## Part\n",
    "\n\nBOB\n",
    "\n\nBOB ^\nYes.\n\n",
    "CUT TO:",
    "\n\n===\n\n",
    "/*",
    "*/",
    "[[",
    "]]",
    "[[note]]",
    "Title: T\n",
    "\r\n",
    "민지",
    "😀",
    "\\",
    "\\/*",
]


def sample_lines() -> list[str]:
    return (SAMPLES / "seoul_sessions.fountain").read_text(encoding="utf-8").split("\n")


LINES = sample_lines()


@st.composite
def scripts(draw: st.DrawFn) -> str:
    """A window of the sample script: 20 to 160 real lines, from anywhere in it."""
    size = draw(st.integers(20, 160))
    start = draw(st.integers(0, len(LINES) - size))
    return "\n".join(LINES[start : start + size])


edits = st.lists(
    st.tuples(
        st.floats(0, 1),  # where, as a fraction of the text
        st.sampled_from([0, 0, 0, 1, 2, 7, 40]),  # how many characters to remove
        st.sampled_from(PIECES) | st.text(max_size=3),  # what to type
    ),
    min_size=1,
    max_size=12,
)


def spans(node: object) -> list[tuple[str, object]]:
    """Every span in the tree: nodes, their lines, the cue names and every run."""
    found: list[tuple[str, object]] = []
    for n in walk(node):
        if hasattr(n, "span"):
            found.append((type(n).__name__, n.span))
        found.extend(("line", span) for span in getattr(n, "line_spans", ()))
        if hasattr(n, "name_span"):
            found.append(("name", n.name_span))
        found.extend(("run", run.span) for run in runs_of(n))
    return found


def assert_same_as_full_parse(document: IncrementalDocument) -> None:
    full = parse(document.text)
    incremental = document.screenplay()
    assert incremental == full
    assert spans(incremental) == spans(full)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=scripts(), changes=edits)
def test_any_edits_give_the_full_parse(text: str, changes: list) -> None:
    document = IncrementalDocument(text)
    expected_text = document.text
    for where, removed, typed in changes:
        start = int(where * len(document.text))
        end = min(len(document.text), start + removed)
        document.edit(start, end, typed)
        expected_text = parse_text(expected_text[:start] + typed + expected_text[end:])
        assert document.text == expected_text
        assert_same_as_full_parse(document)


def parse_text(text: str) -> str:
    from fountainkit.syntax.parse import normalise

    return normalise(text)


def test_a_whole_script_opens_equal_to_its_full_parse(corpus_dir: Path) -> None:
    paths = [
        *SAMPLES.glob("*.fountain"),
        *sorted((corpus_dir / "public-domain").glob("*.fountain")),
    ]
    for path in paths:
        assert_same_as_full_parse(IncrementalDocument(path.read_text(encoding="utf-8")))


def chunk_of(document: IncrementalDocument, needle: str) -> int:
    return document.chunk_at_offset(document.text.index(needle))


def numbered_script(scenes: int) -> str:
    return "".join(
        f"INT. ROOM {n} - DAY\n\nAction in room {n}.\n\nBOB\nLine {n}.\n\n" for n in range(scenes)
    )


def test_an_edit_inside_a_scene_reparses_only_its_neighbourhood() -> None:
    document = IncrementalDocument(numbered_script(40))
    at = document.text.index("Action in room 20.")
    edited = chunk_of(document, "Action in room 20.")
    untouched = [c for i, c in enumerate(document.chunks) if i != edited]
    result = document.edit(at, at, "Rain. ")
    assert not result.full
    assert result.new_chunks == 1  # the scene itself, nothing else
    assert result.reparsed_chars < len(document.text) / 30
    # Every other chunk is the very same object: nothing re-parsed there.
    assert all(any(c is d for d in document.chunks) for c in untouched)
    assert len(list(document.screenplay().scenes())) == 40
    assert_same_as_full_parse(document)


def test_typing_a_heading_splits_a_scene_and_breaking_it_merges_again() -> None:
    text = "INT. ONE - DAY\n\nFirst.\n\nSecond.\n\nEXT. TWO - NIGHT\n\nThird.\n"
    document = IncrementalDocument(text)
    at = document.text.index("Second.")
    document.edit(at, at, "INT. NEW - DAY\n\n")
    headings = [s.heading.text for s in document.screenplay().scenes()]
    assert headings == ["INT. ONE - DAY", "INT. NEW - DAY", "EXT. TWO - NIGHT"]
    assert_same_as_full_parse(document)
    document.edit(at, at + 1, "")  # "NT. NEW - DAY" is action again
    headings = [s.heading.text for s in document.screenplay().scenes()]
    assert headings == ["INT. ONE - DAY", "EXT. TWO - NIGHT"]
    assert_same_as_full_parse(document)


def test_a_boneyard_opened_and_closed_across_scenes() -> None:
    text = "INT. ONE - DAY\n\nA.\n\nINT. TWO - DAY\n\nB.\n\nINT. THREE - DAY\n\nC.\n"
    document = IncrementalDocument(text)
    document.edit(document.text.index("A."), document.text.index("A."), "/* ")
    assert len(list(document.screenplay().scenes())) == 3  # unclosed: printed as text
    at = document.text.index("C.")
    result = document.edit(at, at, "*/ ")
    assert result.full
    assert [s.heading.text for s in document.screenplay().scenes()] == ["INT. ONE - DAY"]
    assert_same_as_full_parse(document)


@pytest.mark.parametrize("blank_lines", [1, 2, 4])
def test_blank_lines_before_a_heading_split_as_in_a_full_parse(blank_lines: int) -> None:
    text = "INT. ONE - DAY\n\nA." + "\n" * (blank_lines + 1) + "INT. TWO - DAY\n\nB.\n"
    document = IncrementalDocument(text)
    at = document.text.index("A.")
    document.edit(at, at, "x")
    assert_same_as_full_parse(document)
    assert sum(isinstance(item, Scene | Section) for item in document.screenplay().body) == 2


def test_line_lookups() -> None:
    document = IncrementalDocument("Title: T\n\nINT. A - DAY\n\nHello.\n")
    assert document.line_text(3) == "INT. A - DAY"
    assert document.line_start(5) == document.text.index("Hello.")
    assert document.line_text(6) == ""
