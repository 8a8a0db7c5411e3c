"""Sets a scheduler can group: spelling variants and configured aliases."""

from __future__ import annotations

from fountainkit import parse
from fountainkit.breakdown import BreakdownSettings, breakdown
from fountainkit.breakdown.locations import group_key

VARIANTS = """\
INT. THE BLOOM HOUSE - KITCHEN - DAY

A.

EXT. BLOOM-HOUSE - NIGHT

B.

INT. Bloom House [RAIN] - HALL - NIGHT

C.

INT. BLOOMHOUSE/ATTIC - DAY

D.

INT. MIKE'S PLACE - NIGHT

E.

INT. MIKE'S APARTMENT - DAY

F.

INT. HOSPITAL - ER - DAY

G.
"""


def test_group_key_ignores_the_hyphens_spaces_and_notes() -> None:
    keys = {group_key(n) for n in ["THE BLOOM HOUSE", "Bloom-House", "BLOOMHOUSE (1977)",
                                   "Bloom House [RAIN]", "the  bloom   house"]}  # fmt: skip
    assert keys == {"bloomhouse"}
    assert group_key("ST. JOHN'S") == group_key("ST JOHNS")
    assert group_key("THEATRE") != group_key("ATRE")  # only a whole leading word THE


def test_sets_group_across_spellings() -> None:
    result = breakdown(parse(VARIANTS))
    assert [s.set for s in result.scenes[:4]] == ["THE BLOOM HOUSE"] * 4
    house = next(loc for loc in result.locations if loc.name == "THE BLOOM HOUSE")
    assert house.scenes == (1, 2, 3, 4)
    assert house.sublocations == ("KITCHEN", "HALL", "ATTIC")
    assert house.spellings == ("THE BLOOM HOUSE", "BLOOM-HOUSE", "Bloom House", "BLOOMHOUSE")
    assert house.int_ext == ("INT", "EXT")
    assert result.scenes[2].modifiers == ("RAIN",)
    assert sum(loc.eighths for loc in result.locations) == result.eighths_total


def test_configured_aliases_merge_what_spelling_cannot() -> None:
    settings = BreakdownSettings.from_mapping(
        {"locations": {"Mike's place": "MIKE'S APARTMENT", "HOSPITAL - ER": "HOSPITAL - A&E"}}
    )
    result = breakdown(parse(VARIANTS), settings)
    by_index = {s.index: s for s in result.scenes}
    assert by_index[5].set == by_index[6].set == "MIKE'S APARTMENT"
    assert by_index[5].location == "MIKE'S PLACE"  # as written, kept beside the set
    assert (by_index[7].set, by_index[7].sublocation) == ("HOSPITAL", "A&E")
    mike = next(loc for loc in result.locations if loc.name == "MIKE'S APARTMENT")
    assert mike.scenes == (5, 6)
