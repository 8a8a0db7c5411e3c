"""``fountainkit schedule SCRIPT``: stripboard, one-liner and day-out-of-days.

With ``--days FILE`` (a schedule file, docs/schedule.md) it prints a report;
with ``--suggest`` it writes a first-pass schedule file to start from. The
breakdown under it is the ``breakdown`` command's, on the same layout options
and ``--config`` file; report settings come from that file's ``schedule:``
section, and the options here override them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from fountainkit.cli.common import (
    CommandError,
    encoding_option,
    load_text,
    reports_errors,
    script_argument,
    write_atomically,
)
from fountainkit.cli.layout_options import layout_options, settings_from_options
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
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write here (default: standard output; '-' for standard output).",
)
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
@click.option(
    "--force",
    is_flag=True,
    help="With --suggest: replace an existing schedule file.",
)
@layout_options
@encoding_option
@reports_errors
def schedule_command(
    script: Path,
    days_path: Path | None,
    suggest: bool,
    report: str,
    fmt: str,
    output: Path | None,
    pages_per_day: float | None,
    drop_after: int | None,
    force: bool,
    encoding: str | None,
    **layout: Any,
) -> None:
    """Shooting schedule reports for SCRIPT from a schedule file (--days), or a suggested
    schedule file (--suggest).

    \b
    fountainkit schedule script.fountain --suggest -o days.yaml
    fountainkit schedule script.fountain --days days.yaml --report dood -f pdf -o dood.pdf
    """
    if suggest == (days_path is not None):
        raise click.UsageError("give either --days FILE (for a report) or --suggest")
    if output is not None and str(output) == "-":
        output = None
    _refuse_inputs_as_output(output, script, days_path, layout.get("config_path"))

    from fountainkit.production.settings import ScheduleSettings

    layout_settings = settings_from_options(layout)
    config_path = layout.get("config_path")
    try:
        config = load_config(config_path)
        section = config.section("schedule")
        breakdown_section = config.section("breakdown")
        if drop_after is not None:
            section["drop_after"] = drop_after
        if pages_per_day is not None:
            section["pages_per_day"] = pages_per_day
        settings = ScheduleSettings.from_mapping(section)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    except ValueError as exc:
        raise CommandError(f"{config_path or 'settings'}: schedule: {exc}") from None

    plan = None
    if days_path is not None:
        from fountainkit.production.schedule_file import ScheduleFileError, load_schedule_file

        try:  # a bad schedule file fails before the script is laid out
            plan = load_schedule_file(days_path)
        except ScheduleFileError as exc:
            raise CommandError(str(exc)) from None

    strips = _script_strips(script, encoding, layout_settings, breakdown_section, config_path)
    if plan is None:
        _write_suggestion(script, strips, settings, output, force)
        return

    from fountainkit.production.reports import render
    from fountainkit.production.schedule import build_schedule

    schedule = build_schedule(plan, strips)
    if schedule.errors:
        for message in schedule.errors[:-1]:
            click.echo(f"fountainkit: error: {message}", err=True)
        raise CommandError(schedule.errors[-1])
    fmt = fmt.lower()
    try:
        result = render(schedule, report.lower(), fmt, settings, paper=layout_settings.paper)
    except Exception as exc:  # a renderer failure is one line, never a traceback
        if fmt != "pdf":
            raise
        raise CommandError(f"PDF render failed: {exc}") from None
    for warning in schedule.warnings:
        click.echo(f"fountainkit: warning: {warning}", err=True)
    _emit(result, output)


def _script_strips(
    script: Path,
    encoding: str | None,
    layout_settings: Any,
    breakdown_section: dict[str, Any],
    config_path: Path | None,
) -> Any:
    from fountainkit.breakdown.core import breakdown
    from fountainkit.breakdown.settings import BreakdownSettings
    from fountainkit.production.from_breakdown import strips_from_breakdown
    from fountainkit.syntax.parse import parse

    try:
        breakdown_settings = BreakdownSettings.from_mapping(breakdown_section)
    except ValueError as exc:
        raise CommandError(f"{config_path or 'settings'}: breakdown: {exc}") from None
    screenplay = parse(load_text(script, encoding))
    return strips_from_breakdown(
        breakdown(screenplay, breakdown_settings, layout_settings=layout_settings)
    )


def _write_suggestion(
    script: Path, strips: Any, settings: Any, output: Path | None, force: bool
) -> None:
    from fountainkit.breakdown.eighths import format_eighths
    from fountainkit.production.suggest import (
        schedule_yaml,
        script_order_days,
        suggest_days,
        total_paid_days,
    )

    if output is not None and output.exists() and not force:
        raise CommandError(
            f"{output}: already exists; a schedule file is edited by hand, "
            "so it is replaced only with --force"
        )
    days = suggest_days(strips, settings.pages_per_day)
    baseline = script_order_days(strips, settings.pages_per_day)
    pages = format_eighths(sum(strip.eighths for strip in strips.strips))
    header = [
        f"First-pass schedule for {strips.title or script.name}, suggested by fountainkit.",
        f"{len(strips.strips)} scenes, {pages} pages; at most {settings.pages_per_day:g} "
        f"pages a day: {len(days)} shoot days.",
        "Sets grouped, then INT/EXT and day/night; sets ordered to keep actors' spans short.",
        f"Cast work + hold days: {total_paid_days(days)} "
        f"(shot in script order: {total_paid_days(baseline)}).",
        "Edit freely: add date, unit, location and notes to any day (docs/schedule.md).",
        "",
    ]
    _emit(schedule_yaml(days, header), output)
    if output is not None:
        click.echo(f"wrote {output}", err=True)


def _refuse_inputs_as_output(output: Path | None, *inputs: Path | None) -> None:
    if output is None or not output.exists():
        return
    for source in inputs:
        if source is not None and Path(source).exists() and output.samefile(source):
            raise CommandError(f"{output}: is an input of this command; not overwriting it")


def _emit(result: str | bytes, output: Path | None) -> None:
    if output is not None:
        write_atomically(output, result)
    elif isinstance(result, bytes):
        if sys.stdout.isatty():
            raise CommandError("a PDF cannot go to a terminal; use -o FILE")
        sys.stdout.buffer.write(result)
        sys.stdout.flush()
    else:
        click.echo(result, nl=False)
