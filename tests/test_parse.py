"""The parser through the public API: the fixture script, spans, and every
decision of docs/fountain-decisions.md pinned by one test (named after it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fountainkit
from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    Scene,
    Section,
    Synopsis,
    Transition,
    walk,
)
from fountainkit.syntax import lexer
from fountainkit.syntax.parse import parse, parse_file, scene_boundaries

FIXTURE = Path(__file__).parent / "data" / "parser_fixture.fountain"


def body_types(text: str) -> list[str]:
    """Element type names in source order, scenes flattened, blank-line records left out."""
    out = []
    for item in parse(text).body:
        items = [item.heading, *item.elements] if isinstance(item, Scene) else [item]
        for element in items:
            if isinstance(element, Action) and not any(element.lines) and not element.forced:
                continue
            out.append(type(element).__name__)
    return out


def only(text: str):
    """The single non-blank element of ``text``."""
    items = [
        e
        for e in parse(text).body
        if not (isinstance(e, Action) and not any(e.lines) and not e.forced)
    ]
    assert len(items) == 1, items
    return items[0]


@pytest.fixture(scope="module")
def fixture_script():
    return parse_file(FIXTURE)


def test_package_exports_the_public_api():
    assert fountainkit.parse is parse
    assert callable(fountainkit.parse_file) and callable(fountainkit.write)


def test_fixture_title_page(fixture_script):
    page = fixture_script.title_page
    assert [e.key for e in page.entries] == ["Title", "Credit", "Author", "Draft date", "Contact"]
    assert page.get("title").lines == ((Run("THE LIGHTHOUSE KEEPER'S CAT", bold=True),),)
    assert page.get("contact").text == "Harbour Road 4\nNowhere"
    assert fixture_script.title() == "THE LIGHTHOUSE KEEPER'S CAT"


def test_fixture_structure(fixture_script):
    body = fixture_script.body
    assert isinstance(body[0], Section) and body[0].level == 1 and body[0].title == "ACT ONE"
    assert isinstance(body[1], Synopsis)
    scenes = list(fixture_script.scenes())
    assert [s.heading.text for s in scenes] == [
        "EXT. LIGHTHOUSE - NIGHT",
        "INT. LAMP ROOM - CONTINUOUS",
        "FLASHBACK",
    ]
    assert [s.heading.number for s in scenes] == ["1", "1A", None]
    assert scenes[2].heading.forced


def test_fixture_dialogue_parts(fixture_script):
    first = fixture_script.scenes()[0]
    speech = next(e for e in first.elements if isinstance(e, Dialogue))
    assert speech.character.name == "MIRA" and speech.character.extensions == ("V.O.",)
    kinds = [type(p).__name__ for p in speech.parts]
    assert kinds == ["Parenthetical", "DialogueLine", "DialogueLine", "DialogueLine"]
    assert speech.parts[2].runs == ()  # the two-space line keeps the speech going


def test_fixture_emphasis_runs(fixture_script):
    first = fixture_script.scenes()[0]
    action = next(e for e in first.elements if isinstance(e, Action) and any(e.lines))
    runs = action.lines[0]
    assert Run("single", underline=True) in runs and Run("dark", italic=True) in runs


def test_fixture_keeps_notes_boneyard_and_the_rest(fixture_script):
    nodes = list(walk(fixture_script))
    assert any(isinstance(n, Note) and "lamp model" in n.text for n in nodes)
    assert any(isinstance(n, Boneyard) and "FADE OUT." in n.text for n in nodes)
    assert any(isinstance(n, DualDialogue) for n in nodes)
    assert any(isinstance(n, Lyrics) and len(n.lines) == 2 for n in nodes)
    assert any(isinstance(n, Centered) and n.text == "THE END" for n in nodes)
    assert any(isinstance(n, PageBreak) for n in nodes)
    assert any(isinstance(n, Transition) and n.forced and n.text == "FADE TO BLACK." for n in nodes)
    forced = [n for n in nodes if isinstance(n, Action) and n.forced]
    assert forced and forced[0].text == "INT. NOT A HEADING."


def test_spans_point_at_the_source(fixture_script):
    text = FIXTURE.read_text(encoding="utf-8")
    for node in walk(fixture_script):
        span = getattr(node, "span", None)
        if span is None:
            continue
        assert span.start_line >= 1 and span.end_line >= span.start_line
        lines = text.split("\n")
        assert text[span.start_offset : span.end_offset].startswith(
            lines[span.start_line - 1][span.start_col - 1 :][:1]
        )
    scene = list(fixture_script.scenes())[1]
    assert scene.heading.span.start_line == 25
    assert text[scene.heading.span.start_offset :].startswith("INT. LAMP ROOM")


def test_incremental_slice_gets_document_coordinates():
    text = FIXTURE.read_text(encoding="utf-8")
    starts = scene_boundaries(text)
    assert starts == [15, 25, 51]  # headings only: the prologue section at 9 is no cut
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: 25 - 1])
    piece = "\n".join(lines[25 - 1 : 51 - 2])
    part = parse(piece, first_line=25, first_offset=offset)
    whole = list(parse(text).scenes())[1]
    assert part.body[0] == whole
    assert part.body[0].span == whole.span


def test_decision_a_scene_runs_to_the_next_heading():
    text = (
        "INT. BARN - DAY\n\nBOB\nHi.\n\n# Beat two\n\n= Later that hour.\n\n"
        "ALICE\nYo.\n\n[[props: lantern]]\n\nINT. LOFT - NIGHT\n\nDust.\n"
    )
    script = parse(text)
    assert [type(item).__name__ for item in script.body] == ["Scene", "Scene"]
    barn, loft = script.scenes()
    assert [type(e).__name__ for e in barn.elements] == [
        "Dialogue",
        "Section",
        "Synopsis",
        "Dialogue",
        "Note",
    ]
    assert barn.span.end_line == 13  # up to the line before the next heading's blank
    assert loft.heading.text == "INT. LOFT - NIGHT"


def test_scenes_is_a_tuple():
    script = parse("Intro.\n\nINT. A - DAY\n\nx\n\nINT. B - DAY\n\ny\n")
    scenes = script.scenes()
    assert len(scenes) == 2 and scenes[1].heading.text == "INT. B - DAY"
    assert scenes[-1] is script.body[-1]


def test_sections_before_the_first_heading_stand_in_the_prologue():
    script = parse("# Act One\n\nA cold open.\n\nINT. BARN - DAY\n\n# Act Two\n\nHay.\n")
    kinds = [type(item).__name__ for item in script.body]
    assert kinds == ["Section", "Action", "Scene"]
    (barn,) = script.scenes()
    assert [type(e).__name__ for e in barn.elements] == ["Section", "Action"]


def test_parse_file_honours_encoding(tmp_path):
    path = tmp_path / "latin.fountain"
    path.write_bytes("INT. CAFÉ - DAY\n\nCoffee.\n".encode("latin-1"))
    assert parse_file(path, encoding="latin-1").body[0].heading.text == "INT. CAFÉ - DAY"


@pytest.mark.parametrize("text", ["", "\n", "\r\n", "\ufeff", "/*", "[[", "**", "\t", "^", "@"])
def test_odd_inputs_parse(text):
    parse(text)


# --- one test per entry of docs/fountain-decisions.md ---------------------------------------


def test_decision_contd_is_kept_as_an_extension():
    speech = only("\nSTEEL (V.O.) (CONT'D)\nStill here.\n")
    assert speech.character.extensions == ("V.O.", "CONT'D")


def test_decision_lowercase_extensions():
    speech = only("\nHANS (on the radio)\nWhat was it you said?\n")
    assert speech.character.name == "HANS" and speech.character.extensions == ("on the radio",)
    assert body_types("\nHans (O.S.)\nNot a cue.\n") == ["Action"]


def test_decision_digits_in_names():
    assert only("\n3CPO\nBeep.\n").character.name == "3CPO"
    assert only("\nR2D2\nBoop.\n").character.name == "R2D2"
    assert body_types("\n23\nNo letters.\n") == ["Action"]


def test_decision_unicode_names():
    assert only("\nÉLODIE\nBonsoir.\n").character.name == "ÉLODIE"
    assert only("\nИВАН\nПривет.\n").character.name == "ИВАН"
    assert body_types("\n黒澤\n台詞。\n") == ["Action"]  # caseless: needs @
    assert only("\n@黒澤\n台詞。\n").character.name == "黒澤"


def test_decision_transitions():
    assert only("\nCUT TO:\n\n").text == "CUT TO:"
    assert body_types("\nCUT TO:  \n\n") == ["Action"]
    assert body_types("\nFADE TO BLACK.\n\n") == ["Action"]
    forced = only("\n> FADE TO BLACK.\n\n")
    assert isinstance(forced, Transition) and forced.forced and forced.text == "FADE TO BLACK."
    assert isinstance(only("\n    > indented\n\n"), Transition)
    assert isinstance(only("\n>THE END<\n\n"), Centered)


def test_decision_boneyard_does_not_nest():
    items = parse("/* one /* two */ three */\n").body
    assert isinstance(items[0], Action)
    runs = items[0].lines[0]
    assert runs[0] == Run(" one /* two ", kind="boneyard")
    assert "".join(r.text for r in runs[1:]) == " three */"


def test_decision_unclosed_boneyard_and_note_stay_text():
    action = only("Before /* never closed\n")
    assert action.text == "Before /* never closed"
    assert only("A [[note that never ends\n").text == "A [[note that never ends"


def test_decision_lyrics_are_per_line():
    assert body_types("~This is lyrics\nBut this is not\n") == ["Lyrics", "Action"]


def test_decision_title_page_rules():
    page = parse("Title:\n  Two spaces\n\tA tab\nAuthor: Me\n\nText.\n").title_page
    assert page.get("title").text == "Two spaces\nA tab"
    assert parse("CUT TO:\n\nINT. HOUSE - DAY\n\nText.\n").title_page is None
    script = parse("Title: X\nNot a title entry.\nStill: action.\n")
    assert [e.key for e in script.title_page.entries] == ["Title"]
    assert script.body[0].text == "Not a title entry.\nStill: action."
    # After a known first key, any key is an entry (kept, printed, linted).
    page = parse("title: X\nAny Key You Like: yes\n").title_page
    assert page.get("any key you like").text == "yes"
    # An unknown key on line 1 is the script's first line, not a lost title page.
    for first in ("SUPER: Based on a true story.", "Any Key You Like: yes", "EPISODE 1: yes"):
        script = parse(f"{first}\n\nINT. HOUSE - DAY\n\nText.\n")
        assert script.title_page is None and script.body[0].text == first
    # A lone line in capitals is the super it looks like; in other cases a title page.
    assert only("TITLE: PARIS, 1944\n\n").text == "TITLE: PARIS, 1944"
    assert parse("TITLE: PARIS\nAUTHOR: ME\n").title_page.get("author").text == "ME"
    assert parse("Title: PARIS, 1944\n\nText.\n").title_page.get("title").text == "PARIS, 1944"
    # A note or boneyard line inside the title page is part of the entry above it.
    page = parse("Title: X\n/* old: Y */\nAuthor: Me\n").title_page
    assert [e.key for e in page.entries] == ["Title", "Author"]
    assert page.get("title").text == "X\n"


def test_decision_crlf_and_bom():
    assert parse("\ufeffINT. A - DAY\r\n\r\nText.\r\n") == parse("INT. A - DAY\n\nText.\n")
    assert parse("INT. A - DAY\r\rText.\r") == parse("INT. A - DAY\n\nText.\n")


def test_decision_blank_lines_are_kept():
    body = parse("\n\nA.\n\n\n\nB.\n\n").body
    assert [len(e.lines) for e in body] == [2, 1, 2, 1, 1]
    assert [e.text for e in body] == ["\n", "A.", "\n", "B.", ""]


def test_decision_heading_needs_blank_line_after():
    assert body_types("\nINT. HOUSE - DAY\nBob enters.\n") == ["Action"]
    assert body_types("\nINT. HOUSE - DAY\n= The synopsis.\n\nText.\n") == [
        "SceneHeading",
        "Synopsis",
        "Action",
    ]
    assert body_types("\n.FORCED\nstill action\n") == ["Action"]


def test_decision_heading_prefixes():
    for heading in ("I./E. PORCH - DAY", "I/E PORCH", "int/ext. porch", "EST. CITY", "INT HOUSE"):
        assert body_types(f"\n{heading}\n\n") == ["SceneHeading"], heading
    assert body_types("\n... not a heading\n\n") == ["Action"]
    assert body_types("\nINTERIOR\n\n") == ["Action"]


def test_decision_scene_numbers():
    for raw, number in (("#7A#", "7A"), ("#I-1-A#", "I-1-A"), ("#1.#", "1."), ("#110A#", "110A")):
        heading = only(f"\nINT. HOUSE - DAY {raw}\n\n").heading
        assert heading.number == number and heading.text == "INT. HOUSE - DAY"
    # Trailing spaces, notes and boneyard after the number do not hide it.
    for tail in ("   ", " [[check this]]", "[[a]] /* b */  ", "\t/* x */"):
        heading = only(f"\nINT. HOUSE - DAY #12# {tail}\n\n").heading
        assert (heading.number, heading.text) == ("12", "INT. HOUSE - DAY"), tail
    heading = only("\nINT. HOUSE - DAY #1# [[check this]]\n\n").heading
    assert heading.runs == (Run("INT. HOUSE - DAY"), Run("check this", kind="note"))
    # The runs do not depend on the number: adding one changes only the number.
    same = only("\nINT. HOUSE - DAY [[check this]]\n\n").heading
    assert same.runs == heading.runs and same.number is None
    # A number followed by visible text is text.
    assert only("\nINT. HOUSE #1# - DAY\n\n").heading.number is None


def test_decision_page_break_variants():
    assert isinstance(only("\n===\n"), PageBreak)
    assert isinstance(only("\n=========\n"), PageBreak)
    assert body_types("\n---\n") == ["Action"]
    assert isinstance(only("\n== not a break\n"), Synopsis)


def test_decision_notes():
    speech = only("\nBOB\n[[say it softer]]\nHello.\n")
    assert isinstance(speech, Dialogue) and isinstance(speech.parts[0], Note)
    action = only("Bob [[a note\n  \nover lines]] waits.\n")
    assert action.lines[0][1] == Run("a note\n  \nover lines", kind="note")
    broken = parse("A [[note\n\nbroken by a blank line]]\n").body
    assert [e.text for e in broken] == ["A [[note", "broken by a blank line]]"]
    assert only("[[ [[inner]] ]]\n").lines[0][1] == Run("inner", kind="note")


def test_decision_hidden_lines_are_invisible():
    # A line holding only notes and/or boneyard is see-through in every position.
    assert body_types("/*\ncut\n*/\nEXT. MANSION\n\nText.\n") == [
        "Boneyard",
        "SceneHeading",
        "Action",
    ]
    for hidden in ("/* cut */", "[[note]]", "[[a]] /* b */", "/* over\n\nlines */"):
        speech = only(f"\nBOB\n{hidden}\nHello.\n{hidden}\nGoodbye.\n")
        assert isinstance(speech, Dialogue), hidden
        assert [p.text for p in speech.parts if isinstance(p, DialogueLine)] == [
            "Hello.",
            "Goodbye.",
        ]
        action = only(f"One.\n{hidden}\nTwo.\n")
        assert isinstance(action, Action) and action.text.split("\n")[::2] == ["One.", "Two."]
        # Not a blank line either: a heading needs a real one after it.
        assert body_types(f"\nINT. HOUSE - DAY\n{hidden}\nText.\n") == ["Action"]
    # Several on one line: one node each, in order.
    parts = only("\nBOB\n[[a]] /* b */\nHi.\n").parts
    assert [type(p) for p in parts] == [Note, Boneyard, DialogueLine]


def test_hidden_lines_are_not_printed():
    from fountainkit.layout import paginate

    document = paginate(parse("One.\n/* cut */\n[[note]]\nTwo.\n"))
    texts = [line.text for page in document.pages for line in page.lines if line.text.strip()]
    assert texts == ["One.", "Two."]
    rows = [line.text for line in document.pages[0].lines]
    assert rows[rows.index("One.") + 1] == "Two."  # no empty row where the boneyard was


def test_decision_indentation():
    script = parse("        BRICK\n    (beat)\n    Hello.\n\n    Action keeps its spaces.\n")
    speech, action = script.body[0], script.body[1]
    assert speech.character.name == "BRICK" and speech.parts[1].text == "Hello."
    assert action.text == "    Action keeps its spaces."


def test_decision_dual_dialogue():
    pair = only("\nADAM\nYes.\n\nEVE ^\nNo.\n")
    assert isinstance(pair, DualDialogue) and pair.right.character.dual
    lonely = only("\nEVE ^\nNo one to my left.\n")
    assert isinstance(lonely, Dialogue) and lonely.character.dual


def test_decision_emphasis():
    assert parse("***both*** **b** *i* _u_\n").body[0].lines[0][:2] == (
        Run("both", bold=True, italic=True),
        Run(" "),
    )
    assert only("5 * 3 * 2\n").lines[0] == (Run("5 * 3 * 2"),)
    assert only("\\*not italic\\*\n").lines[0] == (Run("*not italic*"),)
    assert only("*not\nacross lines*\n").text == "*not\nacross lines*"
    assert only("\\/* and \\[[ stay text */ ]]\n").text == "/* and [[ stay text */ ]]"


def test_decision_speech_runs_to_the_blank_line():
    speech = only("\nBOB\nWell,\n# one fan\n= sign\n> here\n!wow\n")
    assert [p.text for p in speech.parts] == ["Well,", "# one fan", "= sign", "> here", "!wow"]
    assert body_types("\nBOB\nHi.\n===\n") == ["Dialogue", "PageBreak"]


def test_decision_parentheticals():
    speech = only("\nBOB\n(loudly)\n(bouncy)\nHi.\n")
    assert [type(p) for p in speech.parts] == [Parenthetical, Parenthetical, DialogueLine]
    # Wrapped over lines, it is one parenthetical; the line break reads as a space.
    speech = only("\nBOB\n(quietly, almost\n  whispering)\nHi.\n")
    assert [(type(p), p.text) for p in speech.parts] == [
        (Parenthetical, "(quietly, almost whispering)"),
        (DialogueLine, "Hi."),
    ]
    three = only("\nBOB\n(a\nb\nc)\nHi.\n").parts[0]
    assert three.text == "(a b c)" and (three.span.start_line, three.span.end_line) == (3, 5)
    # A "(" that is never closed by a line ending in ")" joins nothing.
    speech = only("\nBOB\n(beat) and then\nI (maybe)\n(unclosed\nHi.\n")
    assert [type(p) for p in speech.parts] == [
        Parenthetical,
        DialogueLine,
        Parenthetical,
        DialogueLine,
    ]


def test_decision_markup_on_cue_lines():
    steel = only("\nSTEEL [[was BRICK in draft 2]]\nHello.\n").character
    assert steel.name == "STEEL" and steel.runs[1] == Run("was BRICK in draft 2", kind="note")
    brick = only("\nBRICK /* STEEL */ (V.O.)\nHello.\n").character
    assert (brick.name, brick.extensions, brick.text) == ("BRICK", ("V.O.",), "BRICK (V.O.)")
    bob = only("\n**BOB** ^\nHello.\n").character
    assert (bob.name, bob.dual, bob.runs[0]) == ("BOB", True, Run("BOB", bold=True))
    # A plain cue keeps no runs: name, extensions and caret say it all.
    assert only("\nBOB (V.O.)\nHello.\n").character.runs == ()
    assert only("\n@bob \\*2\nHello.\n").character.runs == ()
    # Each round-trips, and the breakdown lists the clean name.
    from fountainkit.breakdown import breakdown

    text = "INT. A - DAY\n\nBRICK /* STEEL */\nHi.\n\nSTEEL [[draft 2]]\nHo.\n"
    assert fountainkit.parse(fountainkit.write(parse(text))) == parse(text)
    cast = {member.name for member in breakdown(parse(text)).cast if member.speaking}
    assert cast == {"BRICK", "STEEL"}


def test_decision_transition_above_a_heading():
    # Peers read the first line as a cue speaking the heading; we read what the writer meant.
    assert body_types("\nCUT TO:\nINT. HOUSE - DAY\n\nText.\n") == [
        "Transition",
        "SceneHeading",
        "Action",
    ]
    assert body_types("\nCUT TO:\n.THE ROOF\n\nText.\n") == [
        "Transition",
        "SceneHeading",
        "Action",
    ]
    # Above any other line, it is still a cue (as everyone reads it).
    assert body_types("\nCUT TO:\nBob runs.\n") == ["Dialogue"]


def test_decision_forced_action():
    action = only("!EXT. ACTION. FORCED.\n!BOB\n")
    assert action.forced and action.text == "EXT. ACTION. FORCED.\nBOB"
    assert only("\n@McCLANE\nYippee.\n").character.forced


def test_every_documented_decision_has_its_test():
    doc = Path(__file__).parents[1] / "docs" / "fountain-decisions.md"
    names = [
        line[4:].strip().replace("-", "_")
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("### ")
    ]
    assert len(names) >= 20
    missing = [name for name in names if f"test_decision_{name}" not in globals()]
    assert missing == []


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["/*", "*/", "[[", "]]", "\n", "\n\n", "a", " ", "\\", "[", "]", "*", "/"]),
        max_size=30,
    )
)
def test_hidden_spans_match_the_regex_definition(pieces):
    """The linear-time scanner finds exactly what HIDDEN_PATTERN defines."""
    text = "".join(pieces)
    expected = [m.span() for m in re.finditer(lexer.HIDDEN_PATTERN, text)]
    assert lexer.hidden_spans(text) == expected


def test_many_unclosed_boneyard_openers_stay_text():
    line = "/* " * 20_000
    action = only(f"{line}\n")
    assert action.text == line


def test_parse_leaves_the_garbage_collector_as_it_was():
    import gc

    assert gc.isenabled()
    parse("INT. A - DAY\n\nText.\n")
    assert gc.isenabled()
    gc.disable()
    try:
        parse("Text.\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
