"""Schedule reports through the public render(): layout choices a unit test can pin down."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pdfplumber

from fountainkit.production.reports import render
from fountainkit.production.schedule import build_schedule
from fountainkit.production.schedule_file import DaySpec, ScheduleFile
from fountainkit.production.settings import ScheduleSettings
from fountainkit.production.strips import CastEntry, ScriptStrips, Strip


def board(days: int, synopsis: str = "") -> tuple[ScriptStrips, ScheduleFile]:
    strips = tuple(
        Strip(
            number=str(n),
            index=n,
            int_ext="EXT" if n % 2 else "INT",
            day_night="NIGHT" if n % 3 == 0 else "DAY",
            time="DAY",
            set=f"SET {n % 4}",
            eighths=3,
            cast_ids=(1, 2) if n == 1 else (1,) if n % 5 else (2,),
            synopsis=synopsis,
        )
        for n in range(1, days + 1)
    )
    script = ScriptStrips("BOARD", strips, (CastEntry(1, "ANNA"), CastEntry(2, "BO")))
    start = dt.date(2027, 3, 1)
    plan = ScheduleFile(
        tuple(
            DaySpec(n, 0, (str(n),), start + dt.timedelta(days=n - 1 + 2 * ((n - 1) // 5)))
            for n in range(1, days + 1)
        )
    )
    return script, plan


def test_dood_columns_continue_on_further_pages_with_totals_on_the_last():
    script, plan = board(20)
    schedule = build_schedule(plan, script)
    settings = ScheduleSettings(days_per_page=8)
    html = render(schedule, "dood", "html", settings)
    assert html.count('<table class="dood"') == 3
    assert html.count(">Work</th>") == 1
    pdf = render(schedule, "dood", "pdf", settings)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        texts = [page.extract_text() for page in document.pages]
    assert len(texts) == 3
    assert "Day 1" in texts[0] and "Day 9" in texts[1] and "Day 17" in texts[2]
    assert "Work" in texts[2] and "Work" not in texts[0].replace("work", "")
    # Weeks of dated days get a thick rule before each Monday.
    assert html.count("week-start") > 0


def test_bo_is_dropped_over_a_long_gap_and_picked_up():
    script, plan = board(20)
    data = json.loads(render(build_schedule(plan, script), "dood", "json"))
    bo = next(member for member in data["cast"] if member["name"] == "BO")
    # BO works days 1, 5, 10, 15, 20 (calendar gaps of 5-7 days: held, never dropped)...
    assert bo["codes"][0] == "SW" and bo["codes"][-1] == "WF" and "D" not in bo["codes"]
    # ...but with a 3-day threshold the first gap is a drop and day 5 a pick-up.
    settings = ScheduleSettings.from_mapping({"drop_after": 3})
    data = json.loads(render(build_schedule(plan, script), "dood", "json", settings))
    bo = next(member for member in data["cast"] if member["name"] == "BO")
    assert bo["codes"][1:5] == ["D", "D", "D", "PW"]


def test_formula_like_script_text_is_defused_in_csv():
    script, plan = board(2, synopsis='=HYPERLINK("http://x")')
    out = render(build_schedule(plan, script), "stripboard", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["Synopsis"].startswith("'=HYPERLINK")


def test_colours_and_paper_are_settings():
    script, plan = board(3)
    settings = ScheduleSettings.from_mapping({"colors": {"ext_day": "#FF0000"}})
    html = render(build_schedule(plan, script), "stripboard", "html", settings, paper="a4")
    assert "background: #ff0000" in html
    assert "size: A4 landscape" in html
