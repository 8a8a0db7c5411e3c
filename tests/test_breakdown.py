"""The breakdown model: scenes, cast, tags and eighths, from Fountain text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fountainkit import parse
from fountainkit.breakdown.core import Breakdown, breakdown
from fountainkit.breakdown.settings import BreakdownSettings
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


def test_non_speaking_cast_is_suggested_apart_from_speaking(sink: Breakdown) -> None:
    first, garden, street, car = sink.scenes
    assert first.non_speaking == ("MARGOT",)  # a known cue, introduced in capitals
    assert garden.non_speaking == ()
    # "Margot" in Title Case is a known name; "BANG!" is a sound, not a person.
    assert street.non_speaking == ("MARGOT", "STRANGER")
    assert car.speaking == () and car.non_speaking == ()


def test_boneyard_and_notes_never_create_cast(sink: Breakdown) -> None:
    names = {member.name for member in sink.cast}
    assert "GHOST" not in names
    assert all("GHOST" not in s.non_speaking for s in sink.scenes)


def test_tags_become_scene_elements(sink: Breakdown) -> None:
    first, garden, _, _ = sink.scenes
    assert first.elements == {"props": ("wooden spoon", "pot")}
    # Aliases map to the standard category; unknown ones are kept, in order.
    assert garden.elements == {"wardrobe": ("red jacket",), "greenery": ("ferns", "moss")}


def test_unknown_tag_categories_are_reported(sink: Breakdown) -> None:
    assert [str(w) for w in sink.warnings] == [
        "line 35: unknown tag category 'greenery', kept as 'greenery'"
    ]


def test_cast_ids_most_scenes_first_then_first_appearance(sink: Breakdown) -> None:
    assert [(m.id, m.name, m.speaking) for m in sink.cast] == [
        (1, "MARGOT", True),  # scenes 1 (silent), 2, 3 (silent)
        (2, "DEAN", True),  # scene 1 only, appears first
        (3, "YOUNG MARGOT", True),
        (4, "STRANGER", False),  # never speaks: listed after the speaking cast
    ]
    margot = sink.cast[0]
    assert margot.scenes == (1, 2, 3) and margot.speaking_scenes == (2,)


def test_presence_grid(sink: Breakdown) -> None:
    assert sink.presence() == [
        ["N", "S", "N", ""],
        ["S", "", "", ""],
        ["", "S", "", ""],
        ["", "", "N", ""],
    ]


def test_locations_group_scenes_and_sum_eighths(sink: Breakdown) -> None:
    by_name = {loc.name: loc for loc in sink.locations}
    assert set(by_name) == {"HOUSE", "GARDEN", "STREET", "CAR"}
    assert by_name["HOUSE"].scenes == (1,) and by_name["HOUSE"].sublocations == ("KITCHEN",)
    assert sum(loc.eighths for loc in sink.locations) == sum(s.eighths for s in sink.scenes)


def test_tag_outside_any_scene_is_reported() -> None:
    result = breakdown(parse("[[props: lonely hat]]\n\nINT. ROOM - DAY\n\nEmpty.\n"))
    assert result.scenes[0].elements == {}
    assert [str(w) for w in result.warnings] == [
        "line 1: props tag outside any scene is not counted"
    ]


def test_tags_in_boneyard_are_ignored() -> None:
    result = breakdown(parse("INT. ROOM - DAY\n\n/* [[props: ghost hat]] */\n\nEmpty.\n"))
    assert result.scenes[0].elements == {}


# --- eighths come from the PDF's own layout ---------------------------------------------

LONG = "INT. OFFICE - DAY\n\n" + "\n\n".join(
    f"Paragraph {i}: the scene goes on." for i in range(40)
)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_eighths_and_pages_agree_with_the_layout(paper: str) -> None:
    script = parse(SCRIPT + "\n" + LONG + "\n")
    settings = LayoutSettings(paper=paper)
    document = paginate(script, settings)
    result = breakdown(script, layout_settings=settings)
    per_page = document.profile.body_lines_per_page
    extents = document.scene_extents()
    assert result.pages == document.page_count
    assert [s.page for s in result.scenes] == [e.first_page for e in extents]
    assert [s.eighths for s in result.scenes] == [e.eighths(per_page) for e in extents]


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
