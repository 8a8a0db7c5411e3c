"""Breakdown tags in notes: [[category: item; item]]."""

from __future__ import annotations

import pytest

from fountainkit.breakdown.settings import BreakdownSettings
from fountainkit.breakdown.tags import CATEGORIES, Tag, canonical_category, parse_tag


def test_items_split_on_semicolons_and_trimmed() -> None:
    assert parse_tag("props:  revolver ;map;; old   leather bag ") == Tag(
        "props", "props", ("revolver", "map", "old leather bag"), True
    )


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("PROPS", "props"),
        ("prop", "props"),
        ("Costume", "wardrobe"),
        ("hair & makeup", "makeup"),
        ("Make-up", "makeup"),
        ("background", "extras"),
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
    ],
)
def test_category_aliases(label: str, category: str) -> None:
    assert canonical_category(label) == category
    tag = parse_tag(f"{label}: thing")
    assert tag is not None and tag.known and tag.category == category


def test_every_standard_category_is_its_own_name() -> None:
    for category in CATEGORIES:
        assert canonical_category(category.upper()) == category


def test_unknown_category_is_kept_not_dropped() -> None:
    assert parse_tag("Greenery: ferns; moss") == Tag(
        "greenery", "Greenery", ("ferns", "moss"), False
    )


@pytest.mark.parametrize(
    "note",
    [
        "check this with legal",
        "Second draft published at: http://example.invalid/x",  # label too long
        "archival web URL: https://example.invalid/x",  # a link, not an item
        "props:",  # nothing tagged
        "props: ;  ;",
        "2nd unit: crane",  # labels have no digits
        "",
    ],
)
def test_ordinary_notes_are_not_tags(note: str) -> None:
    assert parse_tag(note) is None


def test_aliases_come_from_settings() -> None:
    settings = BreakdownSettings.from_mapping({"aliases": {"greens": "set dressing"}})
    tag = parse_tag("greens: potted palm", settings.aliases)
    assert tag == Tag("set dressing", "greens", ("potted palm",), True)


def test_alias_to_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="greenery"):
        BreakdownSettings.from_mapping({"aliases": {"greens": "greenery"}})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"eighths_rounding": "down"}, "eighths_rounding"),
        ({"colors": {"props": "purple"}}, "#rrggbb"),
        ({"colours": {}}, "unknown breakdown setting"),
    ],
)
def test_bad_settings_are_refused(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BreakdownSettings.from_mapping(data)
