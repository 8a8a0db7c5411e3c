"""A cast list with no invented members, checked on a realistic script written for the tests.

tests/data/breakdown/lantern_keeper.fountain is original text shaped like a
real screenplay's opening: a cold open before the first heading, full-name
introductions (EDWARD BLOOM (60s), then EDWARD in cues), a name that is also a
word (WILL), bit parts with titles, groups of extras, capitalised sounds,
props and camera directions, a caption, writer's notes and breakdown tags.
Every expectation below was decided by reading the script.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fountainkit import parse_file
from fountainkit.breakdown import Breakdown, breakdown

SCRIPT = Path(__file__).parent / "data" / "breakdown" / "lantern_keeper.fountain"

# Who a line producer would list as a possible non-speaking part, read off the page.
PEOPLE = {"REVEREND ASHCOMBE", "WOMAN IN GREY", "LANDLORD", "STRANGER", "SHAPE"}
# Capitalised in the action and no one at all: sounds, props, camera words, a caption.
NOBODY = {"COMPASS", "LOGBOOK", "LAND ROVER", "TICK", "CRACKS", "SLAMS", "WHISTLES", "SPLASH",
          "SHATTERS", "ROARS", "MOANS", "ANGLE ON", "CLOSE ON", "OVER BLACK", "SUPER",
          "PELLWORTH ISLAND"}  # fmt: skip


@pytest.fixture(scope="module")
def keeper() -> Breakdown:
    return breakdown(parse_file(SCRIPT))


def _of(result: Breakdown, kind: str) -> set[str]:
    return {s.name for s in result.suggestions if s.kind == kind}


def test_ids_only_for_speaking_parts_and_tags(keeper: Breakdown) -> None:
    assert [(m.id, m.name, m.source) for m in keeper.cast] == [
        (1, "EDWARD", "speaking"),
        (2, "MAGGIE", "speaking"),
        (3, "WILL", "speaking"),
        (4, "POSTMISTRESS", "speaking"),
        (5, "DENNIS", "speaking"),
        (6, "HOLT", "speaking"),
        (7, "OFFICER PRYCE", "tag"),  # [[cast: Officer Pryce]]: silent, but cast
    ]


def test_full_name_introductions_merge_without_configuration(keeper: Breakdown) -> None:
    aka = {m.name: m.also_known_as for m in keeper.cast}
    assert aka["EDWARD"] == ("EDWARD BLOOM",)
    assert aka["MAGGIE"] == ("MAGGIE FENWICK",)
    assert aka["WILL"] == ("WILL BLOOM",)  # "WILL BLOOM, AGE 9"
    assert aka["DENNIS"] == ("DENNIS CROWE",)
    assert aka["HOLT"] == ("SERGEANT HOLT",)
    names = {s.name for s in keeper.suggestions}
    assert not names & {"EDWARD BLOOM", "MAGGIE FENWICK", "WILL BLOOM", "DENNIS CROWE"}


def test_people_suggestions_are_people(keeper: Breakdown) -> None:
    people = _of(keeper, "person")
    precision = len(people & PEOPLE) / len(people)
    recall = len(people & PEOPLE) / len(PEOPLE)
    assert precision >= 0.9, sorted(people - PEOPLE)
    assert recall >= 0.8, sorted(PEOPLE - people)
    every = {s.name for s in keeper.suggestions}
    assert not every & NOBODY - _of(keeper, "sound")


def test_groups_animals_and_sounds_are_apart(keeper: Breakdown) -> None:
    assert _of(keeper, "group") == {
        "FISHERMEN", "COAST GUARDS", "CROWD", "MOURNERS", "LOCALS", "YOUNG MEN", "FIGURES",
    }  # fmt: skip
    assert _of(keeper, "animal") == {"DOG"}
    assert {"CRACKS", "SLAMS", "TICK", "WHISTLES", "SPLASH", "SHATTERS", "ROARS", "MOANS"} <= _of(
        keeper, "sound"
    )
    assert not _of(keeper, "sound") & PEOPLE


def test_a_name_that_is_a_word(keeper: Breakdown) -> None:
    scenes = {s.index: s for s in keeper.scenes}
    # "Will is asleep over his book." is WILL; "Will he remember any of this?" is not.
    assert "WILL" in scenes[5].non_speaking
    will = next(m for m in keeper.cast if m.name == "WILL")
    assert will.scenes == (4, 5, 12)


def test_the_cold_open_is_the_prologue(keeper: Breakdown) -> None:
    prologue = keeper.prologue
    assert prologue is not None and prologue.line == 8  # "OVER BLACK:" alone is no text
    assert prologue.suggested.sounds == ("MOANS",)
    assert keeper.eighths_total == sum(row.eighths for row in keeper.rows)


def test_headings_of_every_style(keeper: Breakdown) -> None:
    s = {scene.index: scene for scene in keeper.scenes}
    assert (s[1].set, s[1].time, s[1].modifiers) == (
        "PELLWORTH LIGHTHOUSE",
        "NIGHT",
        ("THE STORM",),
    )
    assert (s[2].sublocation, s[2].time, s[2].day_night) == ("LAMP ROOM", "CONTINUOUS", "NIGHT")
    assert (s[3].set, s[3].time, s[3].day_night) == ("HARBOUR", "DAY", "DAY")
    assert (s[4].time, s[4].modifiers) == ("NIGHT", ("1985",))
    assert (s[5].time, s[5].day_night) == ("LATER", "NIGHT")
    assert (s[6].time, s[6].day_night) == ("DAWN", "DAY")
    assert s[7].modifiers == ("FLASHBACK",)
    assert (s[11].set, s[11].modifiers, s[11].int_ext) == ("LAND ROVER", ("MOVING",), "INT/EXT")
    assert (s[15].time, s[15].day_night) == ("DUSK", "DAY")
    # "THE ANCHOR PUB" and "ANCHOR PUB - CAR PARK" are one set.
    assert s[10].set == s[9].set == "THE ANCHOR PUB"
    pub = next(loc for loc in keeper.locations if loc.name == "THE ANCHOR PUB")
    assert pub.scenes == (9, 10) and pub.sublocations == ("CAR PARK",)


def test_tags_notes_and_story_day(keeper: Breakdown) -> None:
    s = {scene.index: scene for scene in keeper.scenes}
    assert s[3].elements == {"extras": ("fishermen (6)", "day-trippers (20)")}
    assert s[8].elements == {}  # the TODO and the note to self stay notes
    assert [scene.story_day for scene in keeper.scenes] == [""] * 11 + ["3"] * 4
    assert keeper.warnings == ()
