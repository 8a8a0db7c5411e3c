"""Each page-break rule of fountainkit.layout, pinned on a small script.

Scripts are built as model objects so a test controls exactly how many rows
sit above the element under test: ``fill(rows)`` is an action block that
takes ``rows`` rows (its blank line included) and cannot split.
"""

from __future__ import annotations

import pytest

from fountainkit.config import LayoutSettings
from fountainkit.layout import Document, Page, paginate
from fountainkit.model import (
    Action,
    Character,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Parenthetical,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Transition,
)

ROWS = 55  # Letter


def runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def fill(rows: int) -> Action:
    """An unsplittable action block that uses ``rows`` rows including its blank line."""
    return Action(tuple(runs(f"filler line {i} without an end") for i in range(rows - 1)))


def say(name: str, *parts: str, extensions: tuple[str, ...] = ()) -> Dialogue:
    built = [Parenthetical(runs(p)) if p.startswith("(") else DialogueLine(runs(p)) for p in parts]
    return Dialogue(Character(name, extensions), tuple(built))


def script(*scenes: tuple[str, tuple]) -> Screenplay:
    return Screenplay(
        None, tuple(Scene(SceneHeading(runs(h)), tuple(elements)) for h, elements in scenes)
    )


def last_printed(page: Page):
    return [line for line in page.lines if line.kind != "blank"][-1]


def first_printed(page: Page):
    return [line for line in page.lines if line.kind != "blank"][0]


def kinds(page: Page) -> list[str]:
    return [line.kind for line in page.lines if line.kind != "blank"]


def lay(screenplay: Screenplay, **settings) -> Document:
    document = paginate(screenplay, LayoutSettings(**settings))
    assert all(len(page.lines) <= document.profile.lines_per_page for page in document.pages)
    return document


# A heading takes row 1; "fill(n)" after it ends at row 1 + n.


def test_scene_heading_never_ends_a_page() -> None:
    # Rows 1..54 used; the second heading would take row 55 (after its blank) alone.
    doc = lay(script(("INT. ONE - DAY", (fill(52),)), ("INT. TWO - DAY", (fill(5),))))
    assert last_printed(doc.pages[0]).kind == "action"
    assert first_printed(doc.pages[1]).text == "INT. TWO - DAY"


def test_scene_heading_stays_when_the_next_block_fits() -> None:
    doc = lay(script(("INT. ONE - DAY", (fill(49),)), ("INT. TWO - DAY", (fill(3),))))
    assert len(doc.pages) == 1


def test_character_cue_never_ends_a_page() -> None:
    # Two free rows: the blank and the cue would fit, the speech would not.
    doc = lay(script(("INT. ONE - DAY", (fill(52), say("BOB", "One line only.")))))
    assert kinds(doc.pages[0])[-1] == "action"
    assert kinds(doc.pages[1]) == ["character", "dialogue"]


def test_transition_never_opens_a_page() -> None:
    # The action fills the page exactly; the transition pulls it down with it.
    doc = lay(script(("INT. ONE - DAY", (fill(40), fill(14), Transition(runs("CUT TO:"))))))
    assert first_printed(doc.pages[1]).kind == "action"
    assert kinds(doc.pages[1])[-1] == "transition"
    assert doc.pages[1].lines[-1].column + len("CUT TO:") == doc.profile.right_edge


SENTENCES = " ".join(f"Sentence {i} is a plain sentence of action." for i in range(20))


def test_action_splits_only_at_a_sentence_end_with_two_lines_each_side() -> None:
    doc = lay(script(("INT. ONE - DAY", (fill(46), Action((runs(SENTENCES),))))))

    def story(page: Page) -> list[str]:
        return [ln.text for ln in page.lines if ln.kind == "action" and "filler" not in ln.text]

    head, tail = story(doc.pages[0]), story(doc.pages[1])
    assert len(head) >= 2 and len(tail) >= 2
    assert head[-1].endswith(".") and tail[0].startswith("Sentence")
    assert doc.pages[0].lines[-1].text == head[-1]
    # Nothing is lost or duplicated across the break.
    assert " ".join(head + tail).split() == SENTENCES.split()


def test_action_is_not_split_to_leave_one_line() -> None:
    # Only one row is free at the page bottom: the block moves whole.
    doc = lay(script(("INT. ONE - DAY", (fill(52), Action((runs(SENTENCES),))))))
    assert kinds(doc.pages[0])[-1] == "action"
    assert doc.pages[0].lines[-1].text.startswith("filler")


def test_action_without_sentence_end_moves_whole() -> None:
    words = " ".join(["word"] * 120)  # several lines, no sentence end
    doc = lay(script(("INT. ONE - DAY", (fill(48), Action((runs(words),))))))
    assert all(
        line.text.startswith("filler") for line in doc.pages[0].lines if line.kind == "action"
    )


SPEECH = " ".join(f"I say thing number {i}." for i in range(24))


def test_dialogue_splits_at_a_sentence_with_more_and_contd() -> None:
    doc = lay(script(("INT. ONE - DAY", (fill(44), say("BOB", SPEECH, extensions=("V.O.",))))))
    page1, page2 = doc.pages[0], doc.pages[1]
    more = page1.lines[-1]
    assert more.kind == "more" and more.text == "(MORE)"
    assert more.column == doc.profile.character.column
    assert page1.lines[-2].kind == "dialogue" and page1.lines[-2].text.endswith(".")
    cue = first_printed(page2)
    assert cue.kind == "character" and cue.text == "BOB (V.O.) (CONT'D)"
    assert page2.lines[1].kind == "dialogue"
    spoken = " ".join(
        line.text for page in doc.pages for line in page.lines if line.kind == "dialogue"
    )
    assert spoken.split() == SPEECH.split()


def test_dialogue_never_breaks_right_after_a_parenthetical() -> None:
    # The only sentence ends are before the parenthetical or inside the last speech.
    doc = lay(
        script(
            (
                "INT. ONE - DAY",
                (fill(47), say("ANN", "Short first line.", "(beat)", "Then more words here.")),
            )
        )
    )
    for page in doc.pages:
        for before, after in zip(page.lines, page.lines[1:], strict=False):
            if before.kind == "parenthetical":
                assert after.kind in ("dialogue", "parenthetical")
        assert page.lines[-1].kind != "parenthetical"


def test_dual_dialogue_is_side_by_side_and_splits_both_columns() -> None:
    left = say("ANN", SPEECH)
    right = Dialogue(Character("BOB", dual=True), (DialogueLine(runs(SPEECH)),))
    doc = lay(script(("INT. ONE - DAY", (fill(40), DualDialogue(left, right)))))
    page1, page2 = doc.pages[0], doc.pages[1]
    cue_row = next(line for line in page1.lines if line.kind == "character")
    assert cue_row.text == "ANN" and cue_row.right is not None and cue_row.right.text == "BOB"
    assert cue_row.column < doc.profile.dual_right.character.column == cue_row.right.column
    last = page1.lines[-1]
    assert last.kind == "more" and last.right is not None and last.right.kind == "more"
    top = first_printed(page2)
    assert top.text == "ANN (CONT'D)" and top.right is not None
    assert top.right.text == "BOB (CONT'D)"


def test_automatic_contd_for_the_same_speaker_within_a_scene() -> None:
    elements = (say("BOB", "Hi."), Action((runs("He waits."),)), say("BOB", "Still here."))
    screenplay = script(("INT. ONE - DAY", elements), ("INT. TWO - DAY", (say("BOB", "New."),)))
    cues = [
        line.text
        for page in lay(screenplay, auto_contd=True).pages
        for line in page.lines
        if line.kind == "character"
    ]
    assert cues == ["BOB", "BOB (CONT'D)", "BOB"]
    plain = [
        line.text
        for page in lay(screenplay).pages
        for line in page.lines
        if line.kind == "character"
    ]
    assert plain == ["BOB", "BOB", "BOB"]


def test_automatic_contd_is_not_doubled_and_resets_on_another_speaker() -> None:
    elements = (
        say("BOB", "Hi."),
        say("BOB", "Again.", extensions=("CONT'D",)),
        say("ANN", "Me."),
        say("BOB", "Back."),
    )
    cues = [
        line.text
        for page in lay(script(("INT. A - DAY", elements)), auto_contd=True).pages
        for line in page.lines
        if line.kind == "character"
    ]
    assert cues == ["BOB", "BOB (CONT'D)", "ANN", "BOB"]


@pytest.mark.parametrize(("paper", "rows"), [("letter", 55), ("a4", 58)])
def test_profiles_positions_and_rows(paper: str, rows: int) -> None:
    elements = tuple(say("BOB", "(quietly)", "Words.") for _ in range(30))
    doc = lay(script(("INT. ONE - DAY", (Action((runs("Action."),)), *elements))), paper=paper)
    assert doc.profile.lines_per_page == rows
    columns = {
        line.kind: line.column for page in doc.pages for line in page.lines if line.kind != "blank"
    }
    assert columns == {
        "scene_heading": 15,
        "action": 15,
        "character": 37,
        "parenthetical": 31,
        "dialogue": 25,
    }
    assert max(len(page.lines) for page in doc.pages) <= rows


def test_wide_characters_count_two_columns() -> None:
    hangul = " ".join(["안녕하세요"] * 12)  # 5 syllables = 10 columns per word
    doc = lay(script(("INT. ONE - DAY", (say("민수", hangul),))))
    lines = [line.text for line in doc.pages[0].lines if line.kind == "dialogue"]
    assert len(lines) == 4  # 3 words (32 columns) per 35-column line
    assert " ".join(lines) == hangul


def test_more_and_contd_wording_is_a_setting() -> None:
    doc = lay(
        script(("INT. ONE - DAY", (fill(44), say("BOB", SPEECH)))),
        more="(more)",
        contd="(cont'd)",
    )
    assert doc.pages[0].lines[-1].text == "(more)"
    assert first_printed(doc.pages[1]).text == "BOB (cont'd)"


def test_blocks_taller_than_a_page_without_sentence_ends_are_cut_where_full() -> None:
    endless = " ".join(["word"] * 1500)  # ~120 lines of action, no sentence end
    talk = " ".join(["talk"] * 600)  # ~90 lines of speech, no sentence end
    doc = lay(script(("INT. ONE - DAY", (Action((runs(endless),)), say("BOB", talk)))))
    assert [len(page.lines) for page in doc.pages[:-1]] == [ROWS] * (len(doc.pages) - 1)
    assert kinds(doc.pages[0])[:1] == ["scene_heading"]  # the heading is not left alone
    speech_pages = [page for page in doc.pages if "character" in kinds(page)]
    for page in speech_pages[:-1]:
        assert page.lines[-1].kind == "more"
    for page in speech_pages[1:]:
        assert first_printed(page).text == "BOB (CONT'D)"
    words = [
        w
        for page in doc.pages
        for line in page.lines
        if line.kind in ("action", "dialogue")
        for w in line.text.split()
    ]
    assert words == endless.split() + talk.split()
