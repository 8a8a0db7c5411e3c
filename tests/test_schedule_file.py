"""The schedule file: parsing, one-line errors naming day and key, matching to a script."""

from __future__ import annotations

import datetime as dt

import pytest

from fountainkit.production.schedule import build_schedule
from fountainkit.production.schedule_file import ScheduleFileError, parse_schedule
from fountainkit.production.strips import CastEntry, ScriptStrips, Strip


def strip(number: str, index: int, *cast: int, eighths: int = 4) -> Strip:
    return Strip(
        number=number,
        index=index,
        int_ext="INT",
        day_night="DAY",
        time="DAY",
        set=f"SET {number}",
        eighths=eighths,
        cast_ids=cast,
    )


SCRIPT = ScriptStrips(
    title="TEST",
    strips=(strip("1", 1, 1), strip("2", 2, 1, 2), strip("7A", 3, 2), strip("8", 4, 3)),
    cast=(CastEntry(1, "ANNA"), CastEntry(2, "BO"), CastEntry(3, "CY")),
)


def test_a_full_day_and_a_bare_one():
    plan = parse_schedule(
        "days:\n"
        "  - date: 2027-03-01\n"
        "    unit: Main\n"
        "    location: Stage 4\n"
        "    notes: Company move at lunch\n"
        '    scenes: ["7a", 8]\n'
        '  - scenes: "1, 2"\n',
        "days.yaml",
    )
    first, second = plan.days
    assert first.date == dt.date(2027, 3, 1)
    assert (first.unit, first.location, first.notes) == ("Main", "Stage 4", "Company move at lunch")
    assert first.scenes == ("7a", "8")
    assert (first.line, second.line) == (2, 7)
    assert second.scenes == ("1", "2")
    schedule = build_schedule(plan, SCRIPT)
    assert not schedule.errors and not schedule.unscheduled
    assert [s.number for s in schedule.days[0].strips] == ["7A", "8"]
    assert schedule.days[0].cast_ids == (2, 3)
    assert schedule.days[1].eighths == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 1\n", "expected a mapping with a 'days' list"),
        ("days: 3\n", "'days' must be a list"),
        ("day: []\n", "unknown key 'day' at the top level"),
        ("days:\n  - {scene: [1]}\n", "day 1 (line 2): unknown key 'scene'"),
        ("days:\n  - {date: 2027-03-01}\n", "day 1 (line 2): 'scenes' is missing"),
        (
            "days:\n  - scenes: [1]\n  - scenes: [7.10]\n",
            'day 2 (line 3): scene 7.1 must be quoted ("7.1")',
        ),
        ("days:\n  - scenes: [true]\n", "day 1 (line 2): scene numbers are text"),
        ("days:\n  - scenes: ['7 A']\n", "'7 A' is not a scene number"),
        (
            "days:\n  - {date: March, scenes: [1]}\n",
            "day 1 (line 2): date must be a date like 2027-03-01",
        ),
        ("days:\n  - {unit: [a], scenes: [1]}\n", "day 1 (line 2): unit must be text"),
        (
            "days:\n  - {date: 2027-03-02, scenes: [1]}\n  - {date: 2027-03-01, scenes: [2]}\n",
            "day 2 (line 3): date 2027-03-01 is before day 1's 2027-03-02",
        ),
        ("days:\n  - scenes: [1]\n    scenes: [2]\n", "line 3: key 'scenes' given twice"),
        ("days: [\n", "not valid YAML"),
        ("days:\n  - !!python/object:os.system {scenes: [1]}\n", "not valid YAML"),
    ],
)
def test_every_problem_is_one_line_naming_where(text, expected):
    with pytest.raises(ScheduleFileError) as caught:
        parse_schedule(text, "days.yaml")
    message = str(caught.value)
    assert message.startswith("days.yaml: ")
    assert expected in message
    assert "\n" not in message


def test_alias_bombs_are_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    with pytest.raises(ScheduleFileError, match="too large once aliases are expanded"):
        parse_schedule("\n".join(lines) + "\n")


def test_unknown_doubled_and_unscheduled_scenes_are_reported():
    plan = parse_schedule(
        "days:\n  - scenes: ['1', '99', '1']\n  - scenes: ['1']\n  - scenes: []\n", "d.yaml"
    )
    schedule = build_schedule(plan, SCRIPT)
    assert schedule.errors == (
        "d.yaml: day 1 (line 2): scene 99 is not in the script",
        "d.yaml: day 1 (line 2): scene 1 is scheduled twice on this day",
        "d.yaml: day 2 (line 3): scene 1 is scheduled already on day 1 (line 2)",
    )
    assert [s.number for s in schedule.unscheduled] == ["2", "7A", "8"]
    assert "d.yaml: 3 scenes not scheduled: 2, 7A, 8" in schedule.warnings
    assert "d.yaml: day 3 (line 4): no scenes" in schedule.warnings


def test_a_number_the_script_prints_twice_is_warned_about():
    doubled = ScriptStrips("T", (strip("5", 1), strip("5", 2)), ())
    schedule = build_schedule(parse_schedule("days:\n  - scenes: ['5']\n"), doubled)
    assert any("printed on more than one scene" in w for w in schedule.warnings)
    assert [s.index for s in schedule.unscheduled] == [2]


def test_partly_dated_schedules_are_warned_about():
    plan = parse_schedule("days:\n  - {date: 2027-03-01, scenes: [1]}\n  - scenes: [2]\n")
    schedule = build_schedule(plan, SCRIPT)
    assert any("only 1 of 2 days have a date" in w for w in schedule.warnings)
    assert not schedule.dated
