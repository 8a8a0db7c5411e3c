"""The reference parser's fixtures (../shared/corpus/reference-fixtures, one file per
syntax feature) classified as Fountain 1.1 and docs/fountain-decisions.md say.

These fixtures come without expected output, so the expectation below is written
from the spec, element by element (see tests/describe.py for the notation).
"""

from __future__ import annotations

import pytest
from describe import describe

from fountainkit import parse

EXPECTED = {
    "Boneyard": [
        "Action: A line of action.",
        "Boneyard:  This is an inline Boneyard. ",
        "Boneyard:  \nThis is a\nmulti-line \nBoneyard. \n",
        "Action: This is an  boneyard.",
    ],
    "CenteredText": [
        "Centered: Centered",
        "Transition: Not centered [forced]",
        "Centered: No space",
        "Centered: Lots of Space",
    ],
    "Dialogue": [
        "Cue: ADAM",
        "Line: I like to write.",
        "Cue: EVE (O.S.)",
        "Line: What kind of writing?",
        "Cue: ADAM",
        "Paren: (nervous)",
        "Line: Screenwriting.",
        "Cue: EVE",
        "Line: ME TOO!",
        "Cue: EVE (cont'd)",
        "Line: I think screenwriting is the best.",
        "Cue: ADAM",
        "Line: That's great.",
        "Line: I was really worried you wouldn't",
        "Line: like screenwriting.",
        "Cue: EVE",
        "Line: Oh, Adam.",
        "Paren: (kissing him)",
        "Dual left Cue: ADAM",
        "Dual left Line: I love you.",
        "Dual right Cue: EVE ^",
        "Dual right Line: You're so stupid.",
        "Cue: R2D2",
        "Line: Bleep Boop.",
        "Paren: (This is a valid character cue.)",
        "Action: 23 (O.S.)\nCharacter name must include a letter",
        "Cue: ADAM",
        "Line: That was really weird.",
        "Line: I can be weird to. Here's",
        "Line: a space in the dialogue",
        "Line: block",
        "Line: ",
        "Line: for absolutely no good",
        "Line: reason.",
        "Cue: EVE",
        "Paren: (feeling cocky)",
        "Line: Well, then I'll just indent!",
    ],
    "DualDialogue": [
        "Dual left Cue: ADAM",
        "Dual left Line: Yes.",
        "Dual right Cue: EVE ^",
        "Dual right Line: No.",
    ],
    "ForcedElements": [
        "Action: BANG\nBANG\nBANG [forced]",
        "Cue: McDUCK [forced]",
        "Line: I'm vegan.",
        "Cue: SINGER",
        "Lyrics: These are the songs\nThat I sing.",
    ],
    "Indenting": [
        "Transition: CUT TO:",
        "Heading: INT. GARAGE - DAY",
        "Action: BRICK and STEEL get into Mom's PORSCHE, Steel at the wheel.  They pause"
        " for a beat, the gravity of the situation catching up with them.",
        "Cue: BRICK",
        "Line: This is everybody we've ever put away.",
        "Cue: STEEL",
        "Paren: (starting the engine)",
        "Line: So much for retirement!",
        "Action: They speed off.  To destiny!",
    ],
    "MultilineAction": [
        "Action: A normal line of action.",
        "Action: This is a multi-line block of Action.\nMade famous by the great\nWALTER"
        " HILL\nbut used by many other writers.",
        "Action: A normal line of action.",
    ],
    "Notes": [
        "Action: A line.",
        "Note: A note.",
        "Note: This line spans\n  multiple lines.",
        "Action: This is an  note.",
    ],
    "PageBreaks": [
        "Action: Page one.",
        "PageBreak",
        "Action: Page two.",
        "PageBreak",
        "Action: Page three.",
    ],
    "SceneHeaders": [
        "Heading: INT. HOUSE - DAY",
        "Heading: EXT. HOUSE - DAY",
        "Heading: INT HOUSE DAY",
        "Heading: EXT HOUSE DAY",
        "Heading: INT/EXT. HOUSE - DAY",
        "Heading: INT./EXT. HOUSE - DAY",
        "Heading: I/E. HOUSE - DAY",
        "Heading: I./E. HOUSE - DAY",
        "Heading: I/E HOUSE DAY",
        "Heading: INT - HOUSE - DAY",
        "Heading: EXT - HOUSE - DAY",
        "Heading: EST. HOUSE - DAY",
        "Heading: EST HOUSE DAY",
        "Heading: INT. HOUSE - DAY (1979)",
        "Heading: KITCHEN [forced]",
        "Action: ... not a scene header.",
        "Action: INT. HOUSE - DAY\nEXT. HOUSE - DAY",
        "Action: ESTABLISHING",
        "Heading: int. house - day",
    ],
    "SceneNumbers": [
        "Heading: INT. HOUSE - DAY #1#",
        "Heading: INT. HOUSE - DAY #1A#",
        "Heading: INT. HOUSE - DAY #1a#",
        "Heading: INT. HOUSE - DAY #A1#",
        "Heading: INT. HOUSE - DAY #I-1-A#",
        "Heading: INT. HOUSE - DAY #1.#",
        "Heading: INT. HOUSE - DAY - FLASHBACK (1944) #110A#",
    ],
    "SectionHeaders": [
        "Section 1: Act One",
        "Section 1: Act Two",
        "Section 1: ACT THREE",
        "Section 1: ACT FOUR",
        "Section 1: 5",
        "Section 2: Level 2",
        "Section 3: Level 3",
    ],
    "Sections-Complex": [
        "Section 1: Act 1",
        "Synopsis: Synopsis 1",
        "Heading: INT. LOCATION - DAY",
        "Section 1: Act 2",
        "Section 2: Sequence 1",
        "Heading: INT. LOCATION - DAY",
    ],
    "Simple": [
        "Action: FADE IN:",
        "Heading: INT. OFFICE - MORNING",
        "Action: A MAN sits alone at his desk.",
        "Cue: MAN (V.O.)",
        "Paren: (passionately)",
        "Line: I'm writing.",
        "PageBreak",
        "Heading: ext. house - day",
        "Action: Another scene.",
        "Transition: Burn to White. [forced]",
        "Centered: THE END",
        "Note: Comment",
        "Synopsis: Synopsis",
        "Boneyard: \nThis text is in the boneyard.\n",
        "Section 1: Section 1",
        "Action: This is in section one.",
        "Section 2: Section 1-1",
        "Action: This should be at a higher depth than the previous section.",
        "Heading: FORCED SCENE HEADING [forced]",
        "Action: ... Not a forced scene heading",
        "Boneyard:  Boneyard 2 ",
        "Action: Scott exasperatedly throws down the card on the table and picks up the"
        " phone, hitting speed dial #1...",
        "Note: The following should not be considered a transition because it ends with"
        " one or more spaces.",
        "Action: CUT TO: ",
    ],
    "Synopses": [
        "Section 1: Act One",
        "Synopsis: This is the first act.",
        "Section 1: Act Two",
        "Synopsis: This is another act.",
        "Section 1: Act Three",
        "Synopsis: THE FINAL ACT",
    ],
    "Transitions": [
        "Transition: CUT TO:",
        "Transition: SMASH CUT TO:",
        "Action: FADE TO BLACK.",
        "Transition: NOT A STANDARD TRANSITION: [forced]",
        "Action: CUT TO:  ",
        "Transition: GO TO:",
        "Transition: TO:",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reference_fixture(corpus_dir, name):
    source = corpus_dir / "reference-fixtures" / f"{name}.fountain"
    assert describe(parse(source.read_text(encoding="utf-8-sig"))) == EXPECTED[name]


def test_every_reference_fixture_is_covered(corpus_dir):
    names = {path.stem for path in (corpus_dir / "reference-fixtures").glob("*.fountain")}
    assert names == set(EXPECTED)
