"""``fountainkit schedule SCRIPT``: stripboard, one-liner and day-out-of-days.

With ``--days FILE`` (a schedule file, docs/schedule.md) it prints a report;
with ``--suggest`` it writes a first-pass schedule file to start from. The
breakdown under it is the ``breakdown`` command's, on the same layout options
and ``--config`` file; report settings come from that file's ``schedule:``
section, and the options here override them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from fountainkit.cli.common import CommandError, reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import (
    announce,
    output_option,
    plan_outputs,
    writing_options,
)
from fountainkit.cli.settings import breakdown_settings
from fountainkit.config import ConfigError, load_config
from fountainkit.production.reports import FORMATS, REPORTS


@click.command("schedule")
@script_argument
@click.option(
    "--days",
    "days_path",
    type=click.Path(path_type=Path, readable=False),
    default=None,
    help="The schedule file (YAML): shoot days and their scene numbers.",
)
@click.option(
    "--suggest",
    is_flag=True,
    help="Write a first-pass schedule file instead of a report.",
)
@click.option(
    "--report",
    type=click.Choice(REPORTS, case_sensitive=False),
    default="stripboard",
    show_default=True,
    help="Which report to write.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="html",
    show_default=True,
    help="Report format.",
)
@output_option("Write here (default: standard output; '-' says so).")
@click.option(
    "--pages-per-day",
    type=click.FloatRange(min=0.125),
    default=None,
    help="With --suggest: pages shot in a day (default 5).",
)
@click.option(
    "--drop-after",
    type=click.IntRange(min=0),
    default=None,
    help="DOOD: days off between two work days that make a drop/pick-up "
    "instead of holds (default 10; 0: never drop).",
)
@layout_options
@encoding_option
@writing_options
@reports_errors
def schedule_command(
    script: ScriptSource,
    days_path: Path | None,
    suggest: bool,
    report: str,
    fmt: str,
    output: str | None,
    pages_per_day: float | None,
    drop_after: int | None,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **layout: Any,
) -> None:
    """Shooting schedule reports for SCRIPT from a schedule file (--days), or a suggested
    schedule file (--suggest). SCRIPT '-' reads standard input.

    \b
    fountainkit schedule script.fountain --suggest -o days.yaml
    fountainkit schedule script.fountain --days days.yaml --report dood -f pdf -o dood.pdf

    With --suggest, --force also lets an existing schedule file be replaced.
    """
    if suggest == (days_path is not None):
        raise click.UsageError("give either --days FILE (for a report) or --suggest")

    from fountainkit.production.settings import ScheduleSettings

    layout_settings = settings_from_options(layout)
    config_path = layout.get("config_path")
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    section = config.section("schedule")
    if drop_after is not None:
        section["drop_after"] = drop_after
    if pages_per_day is not None:
        section["pages_per_day"] = pages_per_day
    try:
        settings = ScheduleSettings.from_mapping(section)
    except ValueError as exc:
        raise CommandError(f"{config_path or 'settings'}: schedule: {exc}") from None

    fmt = "yaml" if suggest else fmt.lower()
    [target] = plan_outputs(
        (script,),
        output,
        f".{fmt}",
        force=force,
        prints_by_default=True,
        binary=fmt == "pdf",
        also_read=(config_path, days_path),
    )
    plan = None
    if days_path is not None:
        from fountainkit.production.schedule_file import ScheduleFileError, load_schedule_file

        try:  # a bad schedule file fails before the script is laid out
            plan = load_schedule_file(days_path)
        except ScheduleFileError as exc:
            raise CommandError(str(exc)) from None
    elif target.path is not None and target.path.exists() and not force:
        raise CommandError(
            f"{target.label}: already exists; a schedule file is edited by hand, "
            "so it is replaced only with --force"
        )

    strips = _script_strips(script, encoding, layout_settings, config_path)
    if plan is None:
        target.write(_suggestion(script, strips, settings))
        announce(target, verbose)
        return

    from fountainkit.production.reports import render
    from fountainkit.production.schedule import build_schedule

    schedule = build_schedule(plan, strips)
    if schedule.errors:
        for message in schedule.errors[:-1]:
            click.echo(f"fountainkit: error: {message}", err=True)
        raise CommandError(schedule.errors[-1])
    try:
        result = render(schedule, report.lower(), fmt, settings, paper=layout_settings.paper)
    except Exception as exc:  # a renderer failure is one line, never a traceback
        if fmt != "pdf":
            raise
        raise CommandError(f"PDF render failed: {exc}") from None
    for warning in schedule.warnings:
        click.echo(f"fountainkit: warning: {warning}", err=True)
    target.write(result)
    announce(target, verbose)


def _script_strips(
    script: ScriptSource, encoding: str | None, layout_settings: Any, config_path: Path | None
) -> Any:
    from fountainkit.breakdown import breakdown
    from fountainkit.production.from_breakdown import strips_from_breakdown

    settings = breakdown_settings(config_path)
    screenplay = load_screenplay(script, encoding)
    return strips_from_breakdown(breakdown(screenplay, settings, layout_settings=layout_settings))


def _suggestion(script: ScriptSource, strips: Any, settings: Any) -> str:
    from fountainkit.breakdown.eighths import format_eighths
    from fountainkit.production.suggest import (
        schedule_yaml,
        script_order_days,
        suggest_days,
        total_paid_days,
    )

    days = suggest_days(strips, settings.pages_per_day)
    baseline = script_order_days(strips, settings.pages_per_day)
    pages = format_eighths(sum(strip.eighths for strip in strips.strips))
    header = [
        f"First-pass schedule for {strips.title or script.label}, suggested by fountainkit.",
        f"{len(strips.strips)} scenes, {pages} pages; at most {settings.pages_per_day:g} "
        f"pages a day: {len(days)} shoot days.",
        "Sets grouped, then INT/EXT and day/night; sets ordered to keep actors' spans short.",
        f"Cast work + hold days: {total_paid_days(days)} "
        f"(shot in script order: {total_paid_days(baseline)}).",
        "Edit freely: add date, unit, location and notes to any day (docs/schedule.md).",
        "",
    ]
    return schedule_yaml(days, header)
