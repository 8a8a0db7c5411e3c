"""Scene numbers: written ones, counted ones, and inserts in a locked script."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fountainkit import parse
from fountainkit.breakdown import breakdown
from fountainkit.config import ConfigError, LayoutSettings
from fountainkit.layout import paginate
from fountainkit.production.numbering import check_numbers, number_key, scene_numbers


def script(*numbers: str) -> str:
    """One scene per entry, with ``#n#`` written where the entry is not empty."""
    return "\n\n".join(
        f"INT. ROOM {i} - DAY{f' #{n}#' if n else ''}\n\nSomething happens."
        for i, n in enumerate(numbers)
    )


def numbers(*written: str, inserts: str = "after") -> list[str]:
    return scene_numbers(parse(script(*written)).scenes(), inserts)


def test_a_draft_counts_on_from_written_numbers() -> None:
    assert numbers("", "", "") == ["1", "2", "3"]
    assert numbers("", "7A", "", "") == ["1", "7A", "8", "9"]
    assert numbers("", "X", "") == ["1", "X", "2"]  # no digits: the count stays


def test_scenes_added_to_a_locked_script_become_inserts() -> None:
    assert numbers("12", "", "", "13") == ["12", "12A", "12B", "13"]
    assert numbers("12", "12A", "", "12B") == ["12", "12A", "12AA", "12B"]
    assert numbers("", "1", "2") == ["A1", "1", "2"]
    assert numbers("1", "2", "3", "") == ["1", "2", "3", "4"]  # at the end: just counts on


def test_inserts_before_the_next_scene_when_configured() -> None:
    assert numbers("12", "", "", "13", inserts="before") == ["12", "A13", "B13", "13"]


def test_numbers_sort_in_shooting_script_order() -> None:
    order = ["A12", "B12", "12", "12A", "12AA", "12B", "13"]
    assert sorted(order, key=number_key) == order
    assert number_key("I-1-A") is None


def test_check_reports_duplicates_and_disorder() -> None:
    problems = check_numbers(list(parse(script("1", "1", "3", "2")).scenes()))
    assert [(p.kind, p.number, p.line) for p in problems] == [
        ("duplicate", "1", 5),
        ("out-of-order", "2", 13),
    ]
    assert check_numbers(list(parse(script("1", "", "2")).scenes())) == []


def test_pdf_layout_and_breakdown_print_the_same_inserts() -> None:
    screenplay = parse(script("4", "", "5"))
    settings = LayoutSettings(scene_numbers="left")
    document = paginate(screenplay, settings)
    printed = [
        line.scene_number
        for page in document.pages
        for line in page.lines
        if line.kind == "scene_heading" and line.scene_number
    ]
    assert printed == ["4", "4A", "5"]
    listed = [scene.number for scene in breakdown(screenplay, layout_settings=settings).scenes]
    assert listed == ["4", "4A", "5"]
    before = LayoutSettings(scene_numbers="left", scene_number_inserts="before")
    assert [s.number for s in breakdown(screenplay, layout_settings=before).scenes] == [
        "4",
        "A5",
        "5",
    ]


def test_the_insert_style_setting_is_checked() -> None:
    with pytest.raises(ConfigError, match="scene_number_inserts"):
        LayoutSettings(scene_number_inserts="middle")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", "", "", "1", "2", "3", "3A", "3B", "A3", "X", "2-1"]), max_size=12
    ),
    st.sampled_from(["after", "before"]),
)
def test_given_numbers_never_repeat_a_number(written: list[str], inserts: str) -> None:
    result = numbers(*written, inserts=inserts)
    assert len(result) == len(written)
    given_numbers = [n for n, w in zip(result, written, strict=True) if not w]
    assert len(set(given_numbers)) == len(given_numbers)
    assert not set(given_numbers) & {w for w in written if w}
