"""Scene headings: INT/EXT, set, sub-location, time of day, modifiers; the day/night class."""

from __future__ import annotations

import pytest

from fountainkit.breakdown.settings import BreakdownSettings
from fountainkit.breakdown.sluglines import Slugline, is_time_of_day, parse_slugline
from fountainkit.breakdown.timeofday import resolve_day_night, time_class


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("INT. HOUSE - KITCHEN - NIGHT", Slugline("INT", "HOUSE", "KITCHEN", "NIGHT")),
        ("EXT. PARK - DAY", Slugline("EXT", "PARK", "", "DAY")),
        ("INT/EXT CAR - DAWN", Slugline("INT/EXT", "CAR", "", "DAWN")),
        ("I/E. PORCH - MORNING", Slugline("INT/EXT", "PORCH", "", "MORNING")),
        ("EXT./INT. GARAGE - DAY", Slugline("INT/EXT", "GARAGE", "", "DAY")),
        ("EST. CITY SKYLINE - EVENING", Slugline("EST", "CITY SKYLINE", "", "EVENING")),
        ("int. diner - night", Slugline("INT", "diner", "", "night")),
        ("INT HOSPITAL - ER - CONTINUOUS", Slugline("INT", "HOSPITAL", "ER", "CONTINUOUS")),
        (
            "INT. HOUSE - KITCHEN - MOMENTS LATER",
            Slugline("INT", "HOUSE", "KITCHEN", "MOMENTS LATER"),
        ),
        ("EXT. PARK--DAY", Slugline("EXT", "PARK", "", "DAY")),
        ("INT. BAR \u2014 NIGHT", Slugline("INT", "BAR", "", "NIGHT")),
        ("INT. HOUSE - KITCHEN", Slugline("INT", "HOUSE", "KITCHEN", "")),
        ("INT. A - B - C - LATER THAT NIGHT", Slugline("INT", "A", "B - C", "LATER THAT NIGHT")),
        ("EXT. PRE-SCHOOL - DAY", Slugline("EXT", "PRE-SCHOOL", "", "DAY")),
        ("SNIPER SCOPE POV", Slugline("", "SNIPER SCOPE POV", "", "")),
        ("INTERIOR DESIGN STUDIO - DAY", Slugline("", "INTERIOR DESIGN STUDIO", "", "DAY")),
        ("INT. 서울 카페 - 밤", Slugline("INT", "서울 카페", "", "밤")),
        ("INT. 서울 카페 - 주방", Slugline("INT", "서울 카페", "주방", "")),
        ("INT.", Slugline("INT", "", "", "")),
        # The time wherever it stands after the place, modifiers in their own field.
        ("INT. LAB - NIGHT - LATER", Slugline("INT", "LAB", "", "NIGHT - LATER")),
        ("INT. CAR - NIGHT - FLASHBACK", Slugline("INT", "CAR", "", "NIGHT", ("FLASHBACK",))),
        (
            "EXT. BIG TOP - NIGHT - [THE STORM]",
            Slugline("EXT", "BIG TOP", "", "NIGHT", ("THE STORM",)),
        ),
        ("INT. APARTMENT, DAY", Slugline("INT", "APARTMENT", "", "DAY")),
        ("EXT. ROAD - DAY, CONTINUOUS", Slugline("EXT", "ROAD", "", "DAY, CONTINUOUS")),
        ("INT. DINER - DAY - 1985", Slugline("INT", "DINER", "", "DAY", ("1985",))),
        ("INT. LAB - DAY (1977)", Slugline("INT", "LAB", "", "DAY", ("1977",))),
        ("INT. LAB (1977) - DAY", Slugline("INT", "LAB", "", "DAY", ("1977",))),
        ("EXT. BEACH - SUMMER 1985 - DAY", Slugline("EXT", "BEACH", "", "DAY", ("SUMMER 1985",))),
        ("INT. LAB - PRESENT DAY", Slugline("INT", "LAB", "", "", ("PRESENT DAY",))),
        (
            "INT./EXT. CAR - MOVING - DUSK",
            Slugline("INT/EXT", "CAR", "", "DUSK", ("MOVING",)),
        ),
        ("INT. SAM'S CAR (MOVING) - NIGHT", Slugline("INT", "SAM'S CAR", "", "NIGHT", ("MOVING",))),
        ("EXT. STREET - NIGHT - RAIN", Slugline("EXT", "STREET", "", "NIGHT", ("RAIN",))),
        (
            "FLASHBACK - STUDIO B, HOLLYWOOD - 2007",
            Slugline("", "STUDIO B, HOLLYWOOD", "", "", ("FLASHBACK", "2007")),
        ),
        # The first part is the place even when it holds a time word.
        ("INT. DAY CARE CENTER - DAY", Slugline("INT", "DAY CARE CENTER", "", "DAY")),
        ("EXT. PARIS, FRANCE - DAY", Slugline("EXT", "PARIS, FRANCE", "", "DAY")),
        # Set and sub-location on " - " and "/", but not a slash between digits.
        ("INT. HOUSE/KITCHEN - NIGHT", Slugline("INT", "HOUSE", "KITCHEN", "NIGHT")),
        ("INT. 7/11 - NIGHT", Slugline("INT", "7/11", "", "NIGHT")),
        # "DAY 3": the story day, as shooting scripts write it.
        ("INT. OFFICE - DAY 3", Slugline("INT", "OFFICE", "", "DAY", (), "3")),
    ],
)
def test_heading_parts(heading: str, expected: Slugline) -> None:
    assert parse_slugline(heading) == expected


def test_single_segment_is_place_even_when_it_looks_like_a_time() -> None:
    # "EXT. NIGHT" has nothing but the time; keep it as the place rather than lose it.
    assert parse_slugline("EXT. NIGHT") == Slugline("EXT", "NIGHT", "", "")


@pytest.mark.parametrize(
    "segment", ["DAY", "night", "MOMENTS LATER", "SAME TIME", "MAGIC HOUR", "THE NEXT DAY"]
)
def test_time_words(segment: str) -> None:
    assert is_time_of_day(segment)


@pytest.mark.parametrize("segment", ["KITCHEN", "BACK ROOM", "", "(FLASHBACK)", "PRESENT DAY"])
def test_not_time_words(segment: str) -> None:
    assert not is_time_of_day(segment)


DEFAULT = BreakdownSettings()


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        ("DAY", "DAY"),
        ("NIGHT - LATER", "NIGHT"),
        ("LATER THAT NIGHT", "NIGHT"),
        ("DAY, CONTINUOUS", "DAY"),
        ("THE NEXT MORNING", "DAY"),
        ("MAGIC HOUR", "DAY"),
        ("DUSK", "DAY"),
        ("DAWN", "DAY"),
        ("EVENING", "NIGHT"),
        ("밤", "NIGHT"),
        ("CONTINUOUS", ""),
        ("", ""),
    ],
)
def test_day_night_class(time: str, expected: str) -> None:
    assert time_class(time, DEFAULT) == expected


@pytest.mark.parametrize("time", ["CONTINUOUS", "LATER", "SAME", "MOMENTS LATER", "SAME TIME"])
def test_relative_times_inherit_the_previous_class(time: str) -> None:
    assert resolve_day_night(time, "NIGHT", DEFAULT) == "NIGHT"
    assert resolve_day_night(time, "DAY", DEFAULT) == "DAY"


def test_no_time_is_no_class() -> None:
    assert resolve_day_night("", "NIGHT", DEFAULT) == ""


def test_dawn_and_dusk_are_configurable() -> None:
    own = BreakdownSettings.from_mapping({"dawn": "dawn", "dusk": "night"})
    assert time_class("DAWN", own) == "DAWN"
    assert time_class("SUNRISE", own) == "DAWN"
    assert time_class("DUSK", own) == "NIGHT"
    assert time_class("MAGIC HOUR", own) == "NIGHT"
    assert resolve_day_night("CONTINUOUS", "DAWN", own) == "DAWN"
