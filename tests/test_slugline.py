"""Scene headings split into INT/EXT, location, sub-location and time of day."""

from __future__ import annotations

import pytest

from fountainkit.breakdown.sluglines import Slugline, is_time_of_day, parse_slugline


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("INT. HOUSE - KITCHEN - NIGHT", Slugline("INT", "HOUSE", "KITCHEN", "NIGHT")),
        ("EXT. PARK - DAY", Slugline("EXT", "PARK", "", "DAY")),
        ("INT./EXT. CAR - MOVING - DUSK", Slugline("INT/EXT", "CAR", "MOVING", "DUSK")),
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
        ("INT. LAB - DAY (1985)", Slugline("INT", "LAB", "", "DAY (1985)")),
        ("EXT. PRE-SCHOOL - DAY", Slugline("EXT", "PRE-SCHOOL", "", "DAY")),
        ("SNIPER SCOPE POV", Slugline("", "SNIPER SCOPE POV", "", "")),
        ("INTERIOR DESIGN STUDIO - DAY", Slugline("", "INTERIOR DESIGN STUDIO", "", "DAY")),
        ("INT. 서울 카페 - 밤", Slugline("INT", "서울 카페", "", "밤")),
        ("INT. 서울 카페 - 주방", Slugline("INT", "서울 카페", "주방", "")),
        ("INT.", Slugline("INT", "", "", "")),
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


@pytest.mark.parametrize("segment", ["KITCHEN", "BACK ROOM", "", "(FLASHBACK)"])
def test_not_time_words(segment: str) -> None:
    assert not is_time_of_day(segment)
