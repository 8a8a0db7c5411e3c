"""Breakdown tags in notes: [[category: item; item]], known categories only."""

from __future__ import annotations

import pytest

from fountainkit.breakdown.categories import (
    BY_KEY,
    CATEGORY_TABLE,
    TAG_CATEGORIES,
    by_fdx,
    fdx_color,
    note_label,
)
from fountainkit.breakdown.settings import BreakdownSettings
from fountainkit.breakdown.tags import Tag, canonical_category, parse_tag, probable_typo


def test_items_split_on_semicolons_and_commas_and_trimmed() -> None:
    assert parse_tag("props:  revolver ;map,, old   leather bag ") == Tag(
        "props", "props", ("revolver", "map", "old leather bag")
    )


def test_commas_between_digits_or_inside_parentheses_do_not_split() -> None:
    tag = parse_tag("props: 1,000 dollars; coat (torn, muddy), hat")
    assert tag is not None and tag.items == ("1,000 dollars", "coat (torn, muddy)", "hat")


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("PROPS", "props"),
        ("prop", "props"),
        ("Costume", "wardrobe"),
        ("hair & makeup", "makeup"),
        ("Make-up", "makeup"),
        ("Makeup/Hair", "makeup"),
        ("background", "extras"),
        ("Background Actors", "extras"),
        ("Special Effects", "sfx"),
        ("SFX", "sfx"),
        ("visual effects", "vfx"),
        ("sound effects", "sound"),
        ("set dressing", "set dressing"),
        ("equipment", "special equipment"),
        ("vehicle", "vehicles"),
        ("animal", "animals"),
        ("stunt", "stunts"),
        ("song", "music"),
        ("Cast Members", "cast"),
        # The Final Draft Tagger categories beyond the classic breakdown sheet.
        ("Greenery", "greenery"),
        ("Camera", "camera"),
        ("Security", "security"),
        ("Additional Labor", "additional labor"),
        ("additional labour", "additional labor"),
        ("Mechanical Effects", "mechanical effects"),
        ("Miscellaneous", "miscellaneous"),
        ("Notes", "notes"),
        ("Animal Wrangler", "animal wrangler"),
        ("Art Department", "art department"),
        ("day", "script day"),
        ("Script Day", "script day"),
    ],
)
def test_category_labels(label: str, category: str) -> None:
    assert canonical_category(label) == category
    tag = parse_tag(f"{label}: thing")
    assert tag is not None and tag.category == category


def test_every_tag_category_is_its_own_label() -> None:
    for category in TAG_CATEGORIES:
        assert canonical_category(category.upper()) == category


@pytest.mark.parametrize(
    "note",
    [
        "TODO: call the location manager",
        "Note to self: cut this?",
        "Note: fix the timing",
        "catering: extra rice",  # not a category unless the config file adds it
        "check this with legal",
        "Second draft published at: http://example.invalid/x",  # label too long
        "archival web URL: https://example.invalid/x",  # a link, not an item
        "props:",  # nothing tagged
        "props: ;  ;",
        "2nd unit: crane",  # labels have no digits
        "Synopsis: Fountain writes synopses as = lines",
        "",
    ],
)
def test_ordinary_notes_are_not_tags(note: str) -> None:
    assert parse_tag(note) is None


@pytest.mark.parametrize(
    ("note", "meant"),
    [("porps: gun", "props"), ("Wardobe: hat", "wardrobe"), ("vehicels: van", "vehicles")],
)
def test_a_label_one_slip_from_a_category_is_reported(note: str, meant: str) -> None:
    assert parse_tag(note) is None
    assert probable_typo(note) == meant


@pytest.mark.parametrize("note", ["TODO: x", "Note: x", "Note to self: x", "Idea: x", "Nota: x"])
def test_writer_notes_are_no_typo(note: str) -> None:
    assert probable_typo(note) is None


def test_configured_categories_and_aliases() -> None:
    settings = BreakdownSettings.from_mapping(
        {"categories": ["Catering"], "aliases": {"greens": "set dressing", "food": "catering"}}
    )
    assert parse_tag("greens: potted palm", settings.aliases) == Tag(
        "set dressing", "greens", ("potted palm",)
    )
    assert parse_tag("food: rice", settings.aliases) == Tag("catering", "food", ("rice",))
    assert parse_tag("catering: rice", settings.aliases) == Tag("catering", "catering", ("rice",))


def test_alias_to_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="no category"):
        BreakdownSettings.from_mapping({"aliases": {"greens": "shrubbery"}})


def test_final_draft_table_is_complete_and_consistent() -> None:
    names = {c.fdx_name for c in CATEGORY_TABLE}
    assert {
        "Cast Members", "Background Actors", "Stunts", "Vehicles", "Props", "Camera",
        "Special Effects", "Wardrobe", "Makeup/Hair", "Animals", "Animal Wrangler", "Music",
        "Sound", "Art Department", "Set Dressing", "Greenery", "Special Equipment", "Security",
        "Additional Labor", "Visual Effects", "Mechanical Effects", "Miscellaneous", "Notes",
        "Script Day", "Unit", "Sequence", "Location", "Comments", "Synopsis",
    } == names  # fmt: skip
    assert len({c.fdx_number for c in CATEGORY_TABLE}) == len(CATEGORY_TABLE)
    assert len({c.fdx_id for c in CATEGORY_TABLE}) == len(CATEGORY_TABLE)
    assert BY_KEY["props"].fdx_id == "05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa"
    # A reader matches by name first, then by GUID.
    assert by_fdx("Props") is BY_KEY["props"]
    assert by_fdx("", "{05C556EB-6BC1-4A3A-B09F-F8B5BA1B6AFA}") is BY_KEY["props"]
    assert by_fdx("Unheard Of", "") is None
    # UCI-FD's GUID for Art Department differs from Beat's in its first block.
    assert by_fdx(None, "4a84b619-0000-0000-0000-000000000000") is BY_KEY["art department"]
    assert BY_KEY["props"].fdx_color == "#B80075004D00"
    assert fdx_color("#b80075") == "#B8B800007575"


@pytest.mark.parametrize(
    ("name", "guid", "label"),
    [
        ("Props", None, "props"),
        ("Special Effects", None, "sfx"),
        (None, "0726fa85-1e65-4ab8-87de-bf21d09b01f0", "wardrobe"),
        ("Location", None, "shooting location"),
        ("Catering Needs", None, "catering needs"),
        (None, None, "tag"),
    ],
)
def test_an_fdx_category_becomes_a_tag_label(name: str | None, guid: str | None, label: str):
    assert note_label(name, guid) == label
    if label in TAG_CATEGORIES:  # read back by the breakdown as the same category
        assert canonical_category(label) == label


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"eighths_rounding": "down"}, "eighths_rounding"),
        ({"colors": {"props": "purple"}}, "#rrggbb"),
        ({"colours": {}}, "unknown breakdown setting"),
        ({"dawn": "noon"}, "dawn"),
        ({"cast": [["A"]]}, "cast: item 1"),
        ({"locations": ["A"]}, "locations must be a mapping"),
        ({"cast_aliases": {"A": ["B"]}}, "cast_aliases"),
        ({"cast": {"A": 0}}, "whole number"),
        ({"cast": {"A": "one"}}, "whole number"),
        ({"cast": {"A": 2, "B": 2}}, "two names"),
    ],
)
def test_bad_settings_are_refused(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BreakdownSettings.from_mapping(data)
