"""Day-out-of-days codes on hand-made schedules: every code, holds, drops, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from fountainkit.production.dood import DoodDay, DoodSettings, codes_for, day_out_of_days


def shoot_days(count: int, dates: list[dt.date] | None = None) -> list[DoodDay]:
    return [DoodDay(i + 1, dates[i] if dates else None, frozenset()) for i in range(count)]


def codes(worked: list[int], count: int, **settings: int) -> list[str]:
    # Day numbers in the tests are 1-based like a DOOD's columns.
    return list(codes_for([d - 1 for d in worked], shoot_days(count), DoodSettings(**settings)))


def test_one_day_player_is_swf():
    assert codes([3], 5) == ["", "", "SWF", "", ""]


def test_start_work_finish_and_empty_outside_the_span():
    assert codes([2, 3, 4], 6) == ["", "SW", "W", "WF", "", ""]


def test_holds_only_between_work_days():
    assert codes([1, 4, 5], 7) == ["SW", "H", "H", "W", "WF", "", ""]


def test_holds_can_be_turned_off():
    days = shoot_days(4)
    result = codes_for([0, 3], days, DoodSettings(holds=False))
    assert list(result) == ["SW", "", "", "WF"]


def test_gap_reaching_the_threshold_is_a_drop_and_pick_up():
    # 10 shoot days off between day 1 and day 12: dropped, picked up on day 12.
    result = codes([1, 12, 13], 14)
    assert result == ["SW", *["D"] * 10, "PW", "WF", ""]


def test_gap_one_short_of_the_threshold_is_held():
    result = codes([1, 11], 11)
    assert result == ["SW", *["H"] * 9, "WF"]


def test_pick_up_on_the_last_day_is_pwf():
    assert codes([1, 5], 5, drop_after=3) == ["SW", "D", "D", "D", "PWF"]


def test_only_the_first_qualifying_gap_is_dropped_by_default():
    result = codes([1, 5, 9], 9, drop_after=3)
    assert result == ["SW", "D", "D", "D", "PW", "H", "H", "H", "WF"]


def test_more_drops_when_allowed():
    result = codes([1, 5, 9], 9, drop_after=3, max_drops=2)
    assert result == ["SW", "D", "D", "D", "PW", "D", "D", "D", "PWF"]


def test_drop_after_zero_never_drops():
    assert codes([1, 30], 30, drop_after=0) == ["SW", *["H"] * 28, "WF"]


def test_calendar_days_count_when_every_day_is_dated():
    # Mon-Fri weeks: days 1 and 7 are Monday 1 and Tuesday 9 March: 7 calendar days off.
    start = dt.date(2027, 3, 1)
    weekdays = [
        start + dt.timedelta(days=n)
        for n in range(14)
        if (start + dt.timedelta(days=n)).weekday() < 5
    ]
    days = shoot_days(len(weekdays), weekdays)
    held = codes_for([0, 6], days, DoodSettings(drop_after=10))
    assert list(held[:7]) == ["SW", "H", "H", "H", "H", "H", "WF"]
    # Monday 1 to Tuesday 16 (day 12) is 14 calendar days off: dropped.
    weekdays = [
        start + dt.timedelta(days=n)
        for n in range(21)
        if (start + dt.timedelta(days=n)).weekday() < 5
    ]
    days = shoot_days(len(weekdays), weekdays)
    dropped = codes_for([0, 11], days, DoodSettings(drop_after=10))
    assert list(dropped[:12]) == ["SW", *["D"] * 10, "PWF"]


def test_a_hiatus_between_consecutive_shoot_days_can_be_a_drop():
    dates = [dt.date(2027, 3, 1), dt.date(2027, 3, 2), dt.date(2027, 3, 30), dt.date(2027, 3, 31)]
    days = shoot_days(4, dates)
    assert list(codes_for([0, 1, 2, 3], days, DoodSettings())) == ["SW", "W", "PW", "WF"]


def test_never_worked_is_all_empty():
    assert codes([], 3) == ["", "", ""]


def test_report_totals_start_and_finish():
    days = [
        DoodDay(1, None, frozenset({1, 2})),
        DoodDay(2, None, frozenset({1})),
        DoodDay(3, None, frozenset({3})),
        DoodDay(4, None, frozenset({1, 2})),
    ]
    report = day_out_of_days(days, [(1, "DEZ"), (2, "JUNHO"), (3, "RUDY"), (4, "NOBODY")])
    rows = {row.name: row for row in report.rows}
    assert rows["DEZ"].codes == ("SW", "W", "H", "WF")
    assert (rows["DEZ"].work, rows["DEZ"].hold, rows["DEZ"].start, rows["DEZ"].finish) == (
        3,
        1,
        1,
        4,
    )
    assert rows["JUNHO"].codes == ("SW", "H", "H", "WF")
    assert (rows["JUNHO"].work, rows["JUNHO"].hold) == (2, 2)
    assert rows["RUDY"].codes == ("", "", "SWF", "")
    assert rows["NOBODY"].start is None and rows["NOBODY"].work == 0
    assert report.cast_per_day() == [2, 1, 1, 2]
    assert (report.total_work, report.total_hold) == (6, 3)


@pytest.mark.parametrize("bad", [{"drop_after": -1}, {"max_drops": -2}])
def test_settings_are_checked(bad):
    with pytest.raises(ValueError):
        DoodSettings(**bad)
