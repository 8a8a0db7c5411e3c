"""The writer keeps the author's bytes: ``write(parse(x)) == x``, and a tree changed
through the API is written back with only the changed nodes written again."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fountainkit import parse, write
from fountainkit.model import (
    Action,
    Dialogue,
    DialogueLine,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    TitleEntry,
    TitlePage,
)
from fountainkit.writers.fountain import TextEdit, apply_edits, edits

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOUNTAINKIT_SHARED", REPO.parent / "shared"))

# Written the way authors write: indentation, trailing spaces, a tab, no space
# between extensions, a long page break, an escape, CRLF line ends, a BOM.
AUTHORED = (
    "\ufeffTitle: The Ferry\r\n"
    "Author:   Someone  \r\n"
    "\r\n"
    "INT. FERRY - NIGHT\r\n"
    "\r\n"
    "Rain\thammers the deck.  \r\n"
    "\r\n"
    "        BOB (V.O.)(CONT'D)\r\n"
    "    (quietly)\r\n"
    "    Five \\*stars\\*.\r\n"
    "\r\n"
    "==========\r\n"
    "\r\n"
    "EXT. PIER - DAY [[check the location]]\r\n"
    "\r\n"
    "ALICE\r\n"
    "Hello.\r\n"
    "\r\n"
    "BOB\r\n"
    "Hi.\r\n"
)


def replace(node, **changes):
    return dataclasses.replace(node, **changes)


def with_body(tree: Screenplay, body) -> Screenplay:
    return replace(tree, body=tuple(body))


def test_a_parsed_script_is_written_back_byte_for_byte():
    assert write(parse(AUTHORED)) == AUTHORED
    assert edits(parse(AUTHORED)) == []


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400))
def test_any_text_is_written_back_byte_for_byte(text):
    assert write(parse(text)) == text


def test_every_corpus_file_is_written_back_byte_for_byte(corpus_dir):
    paths = sorted(corpus_dir.rglob("*.fountain")) + sorted(
        (REPO / "scripts_sample").glob("*.fountain")
    )
    assert len(paths) >= 55
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="surrogateescape")
        assert write(parse(text)) == text, path.name


def test_a_renamed_cue_changes_only_the_name():
    tree = parse(AUTHORED)
    scene = tree.scenes()[0]
    speech = scene.elements[1]
    renamed = replace(speech, character=replace(speech.character, name="ROBERT"))
    changed = with_body(
        tree,
        [
            replace(scene, elements=(scene.elements[0], renamed, *scene.elements[2:])),
            *tree.body[1:],
        ],
    )
    (edit,) = edits(changed)
    assert AUTHORED[edit.start : edit.end] == "BOB" and edit.text == "ROBERT"
    assert (edit.span.start_line, edit.span.start_col) == (8, 9)  # where an editor shows it
    assert write(changed) == AUTHORED.replace("        BOB (V.O.)", "        ROBERT (V.O.)")
    assert apply_edits(AUTHORED, edits(changed)) == write(changed)


def test_scene_numbers_are_written_into_the_heading_lines_only():
    tree = parse(AUTHORED)
    body = [
        replace(item, heading=replace(item.heading, number=str(n)))
        for n, item in enumerate(tree.scenes(), start=1)
    ]
    numbered = with_body(tree, body)
    text = write(numbered)
    assert text == AUTHORED.replace("INT. FERRY - NIGHT", "INT. FERRY - NIGHT #1#").replace(
        "EXT. PIER - DAY [[", "EXT. PIER - DAY #2# [["
    )
    assert [s.heading.number for s in parse(text).scenes()] == ["1", "2"]
    # Changed again, then taken out: only the number moves.
    renumbered = parse(text)
    first = renumbered.scenes()[0]
    again = with_body(
        renumbered,
        [replace(first, heading=replace(first.heading, number="1A")), *renumbered.body[1:]],
    )
    assert write(again) == text.replace("#1#", "#1A#")
    removed = with_body(
        renumbered,
        [replace(first, heading=replace(first.heading, number=None)), *renumbered.body[1:]],
    )
    assert write(removed) == text.replace(" #1#", "")


def test_a_scene_added_removed_or_moved_leaves_the_others_as_written():
    tree = parse(AUTHORED)
    first, second = tree.scenes()
    new_scene = Scene(
        SceneHeading((Run("INT. CABIN - NIGHT"),)),
        (Action(((Run("Dark."),),)),),
    )
    added = write(with_body(tree, [first, new_scene, second]))
    assert added.startswith(AUTHORED[: AUTHORED.index("EXT. PIER")])
    assert added.endswith(AUTHORED[AUTHORED.index("EXT. PIER") :])
    assert "INT. CABIN - NIGHT\r\n\r\nDark.\r\n\r\nEXT. PIER" in added
    assert [s.heading.text for s in parse(added).scenes()] == [
        "INT. FERRY - NIGHT",
        "INT. CABIN - NIGHT",
        "EXT. PIER - DAY",
    ]
    removed = write(with_body(tree, [first]))
    assert removed == AUTHORED[: AUTHORED.index("\r\nEXT. PIER")]
    swapped = write(with_body(tree, [second, first]))
    # A moved scene keeps its bytes: the indented cue, the tab, the escape.
    assert "        BOB (V.O.)(CONT'D)\r\n    (quietly)\r\n    Five \\*stars\\*." in swapped
    assert [s.heading.text for s in parse(swapped).scenes()] == [
        "EXT. PIER - DAY",
        "INT. FERRY - NIGHT",
    ]


def test_a_changed_line_is_written_canonically_and_nothing_else_moves():
    tree = parse(AUTHORED)
    scene = tree.scenes()[1]
    speech = scene.elements[0]
    changed_speech = replace(
        speech, parts=(DialogueLine((Run("Good "), Run("evening", italic=True), Run("."))),)
    )
    changed = with_body(
        tree, [tree.body[0], replace(scene, elements=(changed_speech, *scene.elements[1:]))]
    )
    assert write(changed) == AUTHORED.replace("ALICE\r\nHello.", "ALICE\r\nGood *evening*.")


def test_a_title_page_added_or_removed():
    tree = parse(AUTHORED)
    without = write(replace(tree, title_page=None))
    assert without == "\ufeff" + AUTHORED[AUTHORED.index("INT. FERRY") :]
    bare = parse("INT. A - DAY\n\nText.\n")
    page = TitlePage((TitleEntry("Title", ((Run("A"),),)),))
    assert write(replace(bare, title_page=page)) == "Title: A\n\nINT. A - DAY\n\nText.\n"


def test_a_change_that_needs_a_forcing_mark_gets_one():
    tree = parse("INT. A - DAY\n\nBOB\nHi.\n")
    scene = tree.scenes()[0]
    speech = scene.elements[0]
    lower = replace(speech, character=replace(speech.character, name="Bob"))
    text = write(with_body(tree, [replace(scene, elements=(lower,))]))
    assert text == "INT. A - DAY\n\n@Bob\nHi.\n"
    assert parse(text).scenes()[0].elements[0].character.name == "Bob"


def test_a_tree_with_no_source_is_written_canonically():
    hand_made = Screenplay(None, (Action(((Run("INT. NOT A HEADING"),),)),))
    assert write(hand_made) == "!INT. NOT A HEADING\n"
    (edit,) = edits(hand_made)
    assert edit == TextEdit(0, 0, "!INT. NOT A HEADING\n", edit.span)


# --- any change, any text ---------------------------------------------------------------


def _changes(tree: Screenplay, draw) -> Screenplay:
    """A few changes such as tools make: rename cues, number headings, drop or
    duplicate an item, rewrite an action."""
    body = list(tree.body)
    for _ in range(draw(st.integers(1, 3))):
        if not body:
            break
        index = draw(st.integers(0, len(body) - 1))
        item = body[index]
        what = draw(st.sampled_from(["rename", "number", "drop", "copy", "rewrite"]))
        if what == "drop":
            del body[index]
        elif what == "copy":
            body.insert(index, item)
        elif what == "number" and isinstance(item, Scene):
            number = draw(st.sampled_from([None, "1", "12A", "3"]))
            body[index] = replace(item, heading=replace(item.heading, number=number))
        elif what == "rename":
            elements = item.elements if isinstance(item, Scene) else (item,)
            for position, element in enumerate(elements):
                if isinstance(element, Dialogue):
                    name = draw(st.sampled_from(["ROBERT", "MRS. O'HARA", "Zed", "ÉLODIE"]))
                    new = replace(element, character=replace(element.character, name=name))
                    if isinstance(item, Scene):
                        changed = list(item.elements)
                        changed[position] = new
                        body[index] = replace(item, elements=tuple(changed))
                    else:
                        body[index] = new
                    break
        elif what == "rewrite" and isinstance(item, Action) and any(item.lines):
            body[index] = replace(item, lines=((Run(draw(st.text(max_size=12))),),))
    return with_body(tree, body)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_any_change_reads_back_as_the_changed_tree(data):
    text = data.draw(
        st.one_of(
            st.sampled_from([AUTHORED, "INT. A - DAY\n\nBOB\nHi.\n\nINT. B - DAY\n\nText.\n"]),
            st.text(alphabet="INT.EXBOB \n\t#*_[]/:^()@!~=>a", max_size=120),
        )
    )
    tree = parse(text)
    changed = _changes(tree, data.draw)
    written = write(changed)
    assert parse(written) == parse(write(changed, canonical=True))
    found = edits(changed)
    assert apply_edits(text, found) == written
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_the_incremental_document_tree_writes_back_its_text():
    from fountainkit.syntax.incremental import IncrementalDocument

    document = IncrementalDocument(AUTHORED)
    at = document.text.index("Hello.")
    document.edit(at, at + len("Hello."), "Good evening.")
    tree = document.screenplay()
    assert write(tree) == document.text
    scene = tree.scenes()[1]
    speech = scene.elements[0]
    renamed = replace(speech, character=replace(speech.character, name="ALICIA"))
    changed = with_body(
        tree, [tree.body[0], replace(scene, elements=(renamed, *scene.elements[1:]))]
    )
    (edit,) = edits(changed)
    assert (edit.text, document.text[edit.start : edit.end]) == ("ALICIA", "ALICE")
