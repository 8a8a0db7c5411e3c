"""The suggested schedule: grouping, packing, and shorter actor spans than script order."""

from __future__ import annotations

from fountainkit.production.schedule import build_schedule
from fountainkit.production.strips import CastEntry, ScriptStrips, Strip
from fountainkit.production.suggest import (
    as_schedule_file,
    pack_days,
    script_order_days,
    suggest_days,
    total_paid_days,
)


def strip(number: int, set_name: str, cast: tuple[int, ...], eighths: int = 8, **kw) -> Strip:
    return Strip(
        number=str(number),
        index=number,
        int_ext=kw.get("int_ext", "INT"),
        day_night=kw.get("day_night", "DAY"),
        time=kw.get("day_night", "DAY"),
        set=set_name,
        eighths=eighths,
        cast_ids=cast,
    )


def script(*strips: Strip) -> ScriptStrips:
    ids = sorted({c for s in strips for c in s.cast_ids})
    return ScriptStrips("T", strips, tuple(CastEntry(i, f"ACTOR {i}") for i in ids))


def test_a_set_is_shot_together_day_before_night_ext_before_int():
    result = suggest_days(
        script(
            strip(1, "HOUSE", (1,), day_night="NIGHT"),
            strip(2, "PARK", (2,)),
            strip(3, "HOUSE", (1,), int_ext="EXT"),
            strip(4, "HOUSE", (1,)),
        ),
        pages_per_day=3,
    )
    order = [s.number for day in result for s in day]
    house = [n for n in order if n != "2"]
    assert house == ["3", "4", "1"]  # EXT day, INT day, then night
    assert order.index("2") in (0, 3)  # the other set is not in the middle of HOUSE


def test_days_never_exceed_the_page_limit_but_a_long_strip_gets_its_own_day():
    strips = [strip(n, f"SET {n}", (1,), eighths=3) for n in range(1, 9)]
    strips.append(strip(9, "BIG", (1,), eighths=50))
    days = pack_days([(s,) for s in strips], capacity=8)
    assert [sum(s.eighths for s in day) for day in days] == [6, 6, 6, 6, 50]


def test_a_set_that_fits_a_day_is_not_split_over_a_half_full_day():
    a = [strip(1, "A", (1,), eighths=5)]
    b = [strip(2, "B", (1,), eighths=4), strip(3, "B", (1,), eighths=4)]
    days = pack_days([a, b], capacity=10)
    assert [[s.number for s in day] for day in days] == [["1"], ["2", "3"]]


def test_every_scene_is_scheduled_exactly_once(sample_script):
    from fountainkit import parse_file
    from fountainkit.breakdown.core import breakdown
    from fountainkit.production.from_breakdown import strips_from_breakdown

    strips = strips_from_breakdown(breakdown(parse_file(sample_script)))
    for pages in (1, 3, 5, 40):
        days = suggest_days(strips, pages)
        schedule = build_schedule(as_schedule_file(days), strips)
        assert not schedule.errors and not schedule.unscheduled
        assert all(sum(s.eighths for s in day) <= pages * 8 or len(day) == 1 for day in days)
        # Never worse than shooting in script order, by the measure it minimises.
        assert total_paid_days(days) <= total_paid_days(script_order_days(strips, pages))


def test_actors_who_alternate_are_brought_together():
    # Script order alternates two locations with two different leads: 1 2 1 2 1 2.
    strips = [
        strip(n, "HOUSE" if n % 2 else "OFFICE", (1,) if n % 2 else (2,), eighths=8)
        for n in range(1, 7)
    ]
    board = script(*strips)
    suggested = suggest_days(board, pages_per_day=1)
    baseline = script_order_days(board, pages_per_day=1)
    assert total_paid_days(baseline) == 5 + 5
    assert total_paid_days(suggested) == 3 + 3
