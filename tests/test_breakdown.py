"""The breakdown model: scenes, cast, tags and eighths, from Fountain text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fountainkit import parse
from fountainkit.breakdown import Breakdown, BreakdownSettings, Suggested, breakdown
from fountainkit.config import LayoutSettings
from fountainkit.layout import paginate

SCRIPT = """\
Title: Kitchen Sink

INT. HOUSE - KITCHEN - NIGHT

= Dean cooks for Margot.

DEAN, 40, stirs a pot. MARGOT (30s) watches him. [[props: wooden spoon; pot]]

DEAN (V.O.)
Dinner is nearly ready.

DEAN (CONT'D)
Nearly.

@Dean
Please sit down.

EXT. GARDEN - CONTINUOUS #5#

YOUNG MARGOT
Hi.

MARGOT ^
Hello there, you.

/*
GHOST
Boo.
*/

[[GHOST should be cut from this scene]]

[[costume: red jacket]]

[[greenery: ferns; moss]]

EXT. STREET - LATER

Margot walks home. BANG! A STRANGER follows her.

INT. CAR - DAY

Nobody speaks.
"""


@pytest.fixture(scope="module")
def sink() -> Breakdown:
    return breakdown(parse(SCRIPT))


def test_scene_records(sink: Breakdown) -> None:
    first, garden, street, car = sink.scenes
    assert [s.index for s in sink.scenes] == [1, 2, 3, 4]
    assert (first.heading, first.int_ext, first.location, first.sublocation, first.time) == (
        "INT. HOUSE - KITCHEN - NIGHT",
        "INT",
        "HOUSE",
        "KITCHEN",
        "NIGHT",
    )
    assert (first.line, garden.line, street.line, car.line) == (3, 18, 37, 41)
    assert first.synopsis == "Dean cooks for Margot."
    assert (car.int_ext, car.location, car.time, car.day_night) == ("INT", "CAR", "DAY", "DAY")
    assert sink.prologue is None  # only a title page before the first heading


def test_scene_numbers_forced_and_continued(sink: Breakdown) -> None:
    assert [s.number for s in sink.scenes] == ["1", "5", "6", "7"]


def test_forced_numbers_without_digits_leave_the_count_alone() -> None:
    text = "\n\n".join(
        ["INT. A - DAY", "INT. B - DAY #7A#", "INT. C - DAY", "INT. D - DAY #X#", "INT. E - DAY"]
    )
    assert [s.number for s in breakdown(parse(text + "\n")).scenes] == ["1", "7A", "8", "X", "9"]


def test_relative_times_keep_their_text_and_inherit_day_or_night(sink: Breakdown) -> None:
    _, garden, street, _ = sink.scenes
    assert (garden.time, garden.day_night) == ("CONTINUOUS", "NIGHT")
    assert (street.time, street.day_night) == ("LATER", "NIGHT")


def test_cues_are_normalised(sink: Breakdown) -> None:
    first, garden, _, _ = sink.scenes
    assert first.speaking == ("DEAN",)  # DEAN (V.O.), DEAN (CONT'D) and @Dean
    assert garden.speaking == ("YOUNG MARGOT", "MARGOT")  # dual caret dropped; YOUNG stays
    dean = next(m for m in sink.cast if m.name == "DEAN")
    assert (dean.speeches, dean.dialogue_lines, dean.words) == (3, 3, 8)


def test_cast_present_without_a_line(sink: Breakdown) -> None:
    first, garden, street, car = sink.scenes
    assert first.non_speaking == ("MARGOT",)  # a cue name, introduced in capitals
    assert garden.non_speaking == ()
    assert street.non_speaking == ("MARGOT",)  # "Margot" in Title Case is a known name
    assert car.speaking == () and car.non_speaking == ()
    assert (first.cast_ids, street.cast_ids) == ((1, 2), (1,))


def test_names_from_action_are_unnumbered_suggestions(sink: Breakdown) -> None:
    street = sink.scenes[2]
    # "BANG!" is a sound, "A STRANGER" a person to review: neither gets a cast ID.
    assert street.suggested == Suggested(people=("STRANGER",), sounds=("BANG",))
    assert [(s.name, s.kind, s.scenes) for s in sink.suggestions] == [
        ("STRANGER", "person", (3,)),
        ("BANG", "sound", (3,)),
    ]
    assert "STRANGER" not in {m.name for m in sink.cast}


def test_boneyard_and_notes_never_create_cast(sink: Breakdown) -> None:
    names = {member.name for member in sink.cast} | {s.name for s in sink.suggestions}
    assert "GHOST" not in names


def test_tags_become_scene_elements(sink: Breakdown) -> None:
    first, garden, _, _ = sink.scenes
    assert first.elements == {"props": ("wooden spoon", "pot")}
    # Aliases map to the category; greenery is a Final Draft Tagger category.
    assert garden.elements == {"wardrobe": ("red jacket",), "greenery": ("ferns", "moss")}
    assert sink.warnings == ()


def test_cast_ids_most_scenes_first_then_first_appearance(sink: Breakdown) -> None:
    assert [(m.id, m.name, m.speaking) for m in sink.cast] == [
        (1, "MARGOT", True),  # scenes 1 (silent), 2, 3 (silent)
        (2, "DEAN", True),  # scene 1 only, appears first
        (3, "YOUNG MARGOT", True),
    ]
    margot = sink.cast[0]
    assert margot.scenes == (1, 2, 3) and margot.speaking_scenes == (2,)


def test_presence_grid(sink: Breakdown) -> None:
    assert sink.presence() == [
        ["N", "S", "N", ""],
        ["S", "", "", ""],
        ["", "S", "", ""],
    ]


def test_locations_group_scenes_and_sum_eighths(sink: Breakdown) -> None:
    by_name = {loc.name: loc for loc in sink.locations}
    assert set(by_name) == {"HOUSE", "GARDEN", "STREET", "CAR"}
    assert by_name["HOUSE"].scenes == (1,) and by_name["HOUSE"].sublocations == ("KITCHEN",)
    assert sum(loc.eighths for loc in sink.locations) == sum(s.eighths for s in sink.scenes)


def test_tag_before_any_scene_without_a_prologue_is_reported() -> None:
    result = breakdown(parse("[[props: lonely hat]]\n\nINT. ROOM - DAY\n\nEmpty.\n"))
    assert result.scenes[0].elements == {} and result.prologue is None
    assert [str(w) for w in result.warnings] == [
        "line 1: props tag before any scene is not counted"
    ]


def test_tags_in_boneyard_are_ignored() -> None:
    result = breakdown(parse("INT. ROOM - DAY\n\n/* [[props: ghost hat]] */\n\nEmpty.\n"))
    assert result.scenes[0].elements == {}


def test_writer_notes_stay_notes_and_typos_are_reported() -> None:
    text = (
        "INT. ROOM - DAY\n\nEmpty. [[TODO: call legal]] [[Note to self: cut?]]\n\n"
        "[[porps: revolver]]\n"
    )
    result = breakdown(parse(text))
    assert result.scenes[0].elements == {}
    assert [str(w) for w in result.warnings] == [
        "line 5: note [[porps: ...]] is no tag; did you mean 'props'?"
    ]


# --- a scene runs from its heading to the next heading -----------------------------------

SECTIONS = """\
INT. LAB - NIGHT

ANNA checks the readings.

# ACT TWO

= The experiment goes wrong.

BOB
It's too hot.

## Midpoint

[[props: thermometer]] BOB drops the beaker. [[cast: JANITOR]]

EXT. CAR PARK - NIGHT

Empty.
"""


def test_sections_and_synopses_inside_a_scene_do_not_end_it() -> None:
    result = breakdown(parse(SECTIONS))
    lab, car_park = result.scenes
    assert lab.speaking == ("BOB",)
    assert lab.non_speaking == ("JANITOR",)
    assert lab.suggested.people == ("ANNA",)  # no cue, no tag: a suggestion
    assert lab.elements == {"cast": ("JANITOR",), "props": ("thermometer",)}
    assert lab.synopsis == "The experiment goes wrong."
    assert car_park.speaking == () and car_park.elements == {}


def test_rows_after_a_section_count_in_the_scene_eighths() -> None:
    padded = SECTIONS.replace("BOB drops the beaker.", "BOB drops the beaker. " + "Smoke. " * 900)
    result = breakdown(parse(padded))
    lab, car_park = result.scenes
    assert lab.eighths > 8  # the long paragraph after "## Midpoint" is the lab's
    assert car_park.eighths <= 2


PROLOGUE = """\
Title: Cold Open

FADE IN:

A phone RINGS in the dark. MARA (40s) answers it.

MARA
Hello?

INT. FLAT - NIGHT

Mara hangs up. [[day: 1]]

MARA
Wrong number.
"""


def test_text_before_the_first_heading_is_a_prologue_row() -> None:
    result = breakdown(parse(PROLOGUE))
    prologue = result.prologue
    assert prologue is not None
    assert (prologue.index, prologue.number, prologue.heading, prologue.line) == (0, "", "", 5)
    assert prologue.speaking == ("MARA",) and prologue.suggested.sounds == ("RINGS",)
    assert prologue.eighths >= 1
    assert result.rows == (prologue, *result.scenes)
    mara = result.cast[0]
    assert mara.scenes == (0, 1) and mara.speaking_scenes == (0, 1)
    assert result.eighths_total == prologue.eighths + result.scenes[0].eighths


def test_a_lone_transition_makes_no_prologue() -> None:
    result = breakdown(parse("FADE IN:\n\nINT. FLAT - NIGHT\n\nQuiet.\n"))
    assert result.prologue is None


# --- story day ---------------------------------------------------------------------------


def test_story_day_is_carried_until_changed() -> None:
    text = "\n\n".join(
        [
            "INT. A - DAY",
            "Hello. [[day: 1]]",
            "INT. B - NIGHT",
            "Hi.",
            "INT. C - DAY",
            "[[Script Day: 2]]",
            "INT. D - NIGHT 3",
            "EXT. E - DAY",
        ]
    )
    result = breakdown(parse(text + "\n"))
    assert [s.story_day for s in result.scenes] == ["1", "1", "2", "3", "3"]
    assert result.scenes[0].elements == {}  # a story day is a field, not an element


def test_a_long_day_note_is_no_story_day() -> None:
    result = breakdown(parse("INT. A - DAY\n\n[[day: rewrite this so it happens at night]]\n"))
    assert result.scenes[0].story_day == ""
    assert "too long to be a day" in str(result.warnings[0])


# --- the cast: IDs for real cast only ----------------------------------------------------


def test_cast_tags_and_configured_names_get_ids() -> None:
    text = "INT. A - DAY\n\nA MAID dusts. [[cast: maid]]\n\nINT. B - DAY\n\nThe Maid hums.\n"
    settings = BreakdownSettings.from_mapping({"cast": ["Driver"]})
    result = breakdown(parse(text), settings)
    assert [(m.id, m.name, m.source, m.scenes) for m in result.cast] == [
        (1, "MAID", "tag", (1, 2)),
        (2, "DRIVER", "config", ()),
    ]
    assert result.scenes[1].cast_ids == (1,)
    assert result.suggestions == ()  # MAID is cast now, not a suggestion


def test_pinned_cast_ids_stay_and_the_rest_fill_the_gaps(sink: Breakdown) -> None:
    settings = BreakdownSettings.from_mapping(
        {"cast": {"Dean": 1, "Young Margot": 7, "MAID": None}}
    )
    result = breakdown(parse(SCRIPT), settings)
    assert [(m.id, m.name) for m in result.cast] == [
        (1, "DEAN"),  # pinned: a published board keeps its numbers
        (2, "MARGOT"),  # the most scenes of the rest
        (3, "MAID"),  # configured, in no scene
        (7, "YOUNG MARGOT"),
    ]
    assert result.scenes[1].cast_ids == (2, 7)


def test_full_name_introductions_are_the_same_person() -> None:
    text = """\
INT. HOUSE - DAY

EDWARD BLOOM (60s) sits. WILL BLOOM, AGE 3, plays with a CAT.

EDWARD
Come here.

INT. GARDEN - DAY

Will runs. Will he come back? Edward Bloom waits.

WILL
No!
"""
    result = breakdown(parse(text))
    edward = next(m for m in result.cast if m.name == "EDWARD")
    assert edward.also_known_as == ("EDWARD BLOOM",)
    will = next(m for m in result.cast if m.name == "WILL")
    assert will.also_known_as == ("WILL BLOOM",) and will.scenes == (1, 2)
    house, garden = result.scenes
    assert house.non_speaking == ("WILL",)
    assert garden.non_speaking == ("EDWARD",)
    assert [s.name for s in result.suggestions] == ["CAT"]


def test_two_full_names_with_one_first_name_stay_apart() -> None:
    text = """\
INT. HALL - DAY

ANNA BELL (30s) and ANNA CROSS (50s) wait.

ANNA
Which of us?
"""
    result = breakdown(parse(text))
    assert result.cast[0].also_known_as == ()
    people = {s.name for s in result.suggestions if s.kind == "person"}
    assert people == {"ANNA BELL", "ANNA CROSS"}


# --- eighths come from the PDF's own layout ---------------------------------------------

LONG = "INT. OFFICE - DAY\n\n" + "\n\n".join(
    f"Paragraph {i}: the scene goes on." for i in range(40)
)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_scenes_start_where_the_layout_puts_them(paper: str) -> None:
    script = parse(SCRIPT + "\n" + LONG + "\n")
    settings = LayoutSettings(paper=paper)
    document = paginate(script, settings)
    result = breakdown(script, layout_settings=settings)
    assert result.pages == document.page_count
    assert [s.page for s in result.scenes] == [e.first_page for e in document.scene_extents()]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_eighths_add_up_to_the_pages(paper: str) -> None:
    """Every page before the last is 8 eighths shared among its scenes; the last counts
    the rows it fills. The total is the page count up to the fill of the last page."""
    script = parse(SCRIPT + "\n" + LONG + "\n")
    settings = LayoutSettings(paper=paper)
    document = paginate(script, settings)
    result = breakdown(script, layout_settings=settings)
    last = document.pages[-1]
    fill = len(last.lines) / document.profile.body_lines_per_page * 8
    assert result.eighths_total == 8 * (document.page_count - 1) + max(1, round(fill))
    # Scenes on one page share it: those wholly on page 1 sum to at most 8.
    on_first = [s for s in result.scenes if s.page == 1][:-1]
    assert sum(s.eighths for s in on_first) <= 8
    assert all(s.eighths >= 1 for s in result.scenes)


def test_long_scene_spans_pages_in_eighths() -> None:
    result = breakdown(parse(LONG + "\n"))
    (scene,) = result.scenes
    assert result.pages == 2
    assert scene.eighths > 8
    assert scene.pages.startswith("1 ") or scene.pages == "2"


def test_every_scene_is_at_least_one_eighth() -> None:
    result = breakdown(parse("INT. A - DAY\n\nINT. B - DAY\n\nHi.\n"))
    assert [s.eighths for s in result.scenes] == [1, 1]


def test_rounding_nearest_or_up() -> None:
    # Heading, three one-line paragraphs and the blank rows between them: 7 rows of 55,
    # 7 * 8 / 55 = 1.02 eighths.
    script = parse("INT. A - DAY\n\nOne.\n\nTwo.\n\nThree.\n")
    (nearest,) = breakdown(script).scenes
    (up,) = breakdown(script, BreakdownSettings(eighths_rounding="up")).scenes
    assert (nearest.eighths, up.eighths) == (1, 2)
    assert breakdown(script, BreakdownSettings(eighths_rounding="up")).eighths_rounding == "up"


def test_locations_ignore_case() -> None:
    result = breakdown(parse("int. taxi - night\n\nRain.\n\nEXT. TAXI - DAY\n\nSun.\n"))
    (taxi,) = result.locations
    assert (taxi.name, taxi.int_ext, taxi.scenes) == ("taxi", ("INT", "EXT"), (1, 2))


# --- invariants on generated scripts -----------------------------------------------------

_WORDS = st.sampled_from(
    ["ANNA", "Anna", "BOB", "the", "dog", "MR.", "CHO", "BANG!", "[[props: hat]]", "/* X */",
     "(V.O.)", "^", "'s", "LATER", "DAY", "-", "--", "\"QUOTE\"", "서울", "@Bob"]
)  # fmt: skip
_LINE = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_HEADING = st.tuples(
    st.sampled_from(["INT.", "EXT.", "I/E", "int.", "EST."]), _LINE, st.sampled_from(["", " #3A#"])
).map(lambda parts: f"{parts[0]} {parts[1]}{parts[2]}")
_CUE = st.sampled_from(["ANNA", "BOB (V.O.)", "@Bob", "ANNA ^", "YOUNG ANNA", "할머니"])
_BLOCK = st.one_of(
    _LINE,
    st.tuples(_CUE, _LINE).map("\n".join),
    _HEADING,
    st.just("[[wardrobe: coat; hat]]"),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BLOCK, max_size=25).map("\n\n".join))
def test_invariants_on_generated_scripts(text: str) -> None:
    result = breakdown(parse(text))
    assert [s.index for s in result.scenes] == list(range(1, len(result.scenes) + 1))
    assert all(s.eighths >= 1 and 1 <= s.page <= max(result.pages, 1) for s in result.scenes)
    assert [m.id for m in result.cast] == list(range(1, len(result.cast) + 1))
    names = {m.name for m in result.cast}
    for scene in result.scenes:
        assert set(scene.speaking) <= names and set(scene.non_speaking) <= names
        assert not set(scene.speaking) & set(scene.non_speaking)
    located = sorted(i for loc in result.locations for i in loc.scenes)
    assert located == [s.index for s in result.scenes]
