"""HTML of the schedule reports: stripboard, one-liner, day-out-of-days.

Jinja2 with autoescaping on renders templates/stripboard.html.j2,
one-liner.html.j2 and dood.html.j2 (all extending schedule_base.html.j2), so
script text never becomes markup. The stylesheet is inlined: one
self-contained file that the PDF writer paints without fetching anything.
The stripboard and the DOOD are landscape, the one-liner portrait.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.production.dood import LEGEND, WORK_CODES
from fountainkit.production.reports.data import (
    day_views,
    long_date,
    schedule_dood,
    short_date,
    strip_view,
)
from fountainkit.production.schedule import Schedule
from fountainkit.production.settings import COLOR_LABELS, ScheduleSettings
from fountainkit.resources import template_dir
from fountainkit.templating import environment

STYLESHEET = "schedule.css"
PAPER_SIZES = {"letter": "letter", "a4": "A4"}


@cache
def _stylesheet() -> str:
    return (template_dir() / STYLESHEET).read_text(encoding="utf-8")


def _common(
    schedule: Schedule, settings: ScheduleSettings, name: str, landscape: bool, paper: str
) -> dict[str, Any]:
    dates = [day.date for day in schedule.days if day.date is not None]
    size = PAPER_SIZES.get(paper.lower(), "letter")
    return {
        "schedule": schedule,
        "report_name": name,
        "body_class": name.lower().replace(" ", "-"),
        "page_size": f"{size} {'landscape' if landscape else 'portrait'}",
        "stylesheet": _stylesheet(),
        "scheduled_scenes": sum(len(day.strips) for day in schedule.days),
        "scheduled_pages": format_eighths(schedule.scheduled_eighths),
        "unscheduled_pages": format_eighths(sum(s.eighths for s in schedule.unscheduled)),
        "first_date": long_date(dates[0]) if dates else "",
        "last_date": long_date(dates[-1]) if dates else "",
        "days": day_views(schedule, settings),
        "unscheduled": [strip_view(s, settings) for s in schedule.unscheduled],
    }


def stripboard_html(schedule: Schedule, settings: ScheduleSettings, paper: str = "letter") -> str:
    context = _common(schedule, settings, "Stripboard", True, paper)
    context["legend"] = [(label, settings.colors[key]) for key, label in COLOR_LABELS]
    return environment().get_template("stripboard.html.j2").render(context)


def one_liner_html(schedule: Schedule, settings: ScheduleSettings, paper: str = "letter") -> str:
    context = _common(schedule, settings, "One-liner", False, paper)
    return environment().get_template("one-liner.html.j2").render(context)


def _code_classes() -> dict[str, str]:
    classes = {code: "work" for code in WORK_CODES}
    classes.update({"H": "hold", "D": "drop", "": ""})
    return classes


def dood_html(schedule: Schedule, settings: ScheduleSettings, paper: str = "letter") -> str:
    context = _common(schedule, settings, "Day out of days", True, paper)
    dood = schedule_dood(schedule, settings)
    dated = any(day.date is not None for day in schedule.days)
    columns = []
    previous = None
    for index, day in enumerate(schedule.days):
        # A thick rule before each new week (Monday or the first day after a gap of days).
        week_start = bool(
            index
            and day.date
            and previous
            and day.date.isocalendar()[:2] != previous.isocalendar()[:2]
        )
        columns.append(
            {
                "index": index,
                "number": day.number,
                "label": short_date(day.date),
                "week_start": week_start,
            }
        )
        previous = day.date or previous
    per_page = settings.days_per_page
    blocks = [
        {"days": columns[start : start + per_page], "last": start + per_page >= len(columns)}
        for start in range(0, max(len(columns), 1), per_page)
    ]
    rule = settings.dood
    unit = "calendar days off" if schedule.dated else "shoot days off"
    if rule.drop_after and rule.max_drops:
        drop_rule = f"{rule.drop_after} {unit} (at most {rule.max_drops} per actor)"
    else:
        drop_rule = "never (drops are off)"
    context.update(
        rows=dood.rows,
        blocks=blocks,
        dated=dated,
        code_classes=_code_classes(),
        cast_per_day=dood.cast_per_day(),
        total_work=dood.total_work,
        total_hold=dood.total_hold,
        legend=LEGEND,
        drop_rule=drop_rule,
    )
    return environment().get_template("dood.html.j2").render(context)
