"""``fountainkit breakdown SCRIPT``: the per-scene breakdown as YAML, JSON, CSV, HTML or PDF.

The layout options are the ``pdf`` command's own (paper, automatic CONT'D,
printed notes...), so the eighths are measured on exactly the pages that
command prints. Breakdown settings come from the ``breakdown:`` section of
the same ``--config`` file, and ``--eighths-rounding`` overrides it.
"""

from __future__ import annotations

from typing import Any

import click

from fountainkit.breakdown.reports import FORMATS
from fountainkit.cli.common import CommandError, reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options
from fountainkit.config import ConfigError, load_config


@click.command("breakdown")
@script_argument
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="yaml",
    show_default=True,
    help="Report format.",
)
@output_option("Write the report here (default: standard output; '-' says so).")
@click.option(
    "--eighths-rounding",
    type=click.Choice(["nearest", "up"]),
    default=None,
    help="Round a scene's length to the nearest eighth (default) or up.",
)
@click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help="CSV: start with a UTF-8 byte-order mark, so Excel keeps non-ASCII names intact.",
)
@layout_options
@encoding_option
@writing_options
@reports_errors
def breakdown_command(
    script: ScriptSource,
    fmt: str,
    output: str | None,
    eighths_rounding: str | None,
    bom: bool,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **layout: Any,
) -> None:
    """Break SCRIPT down scene by scene: cast, locations, eighths, tagged elements.

    Tag elements in the script with notes such as [[props: revolver; map]],
    [[cast: MAID]] (a non-speaking part with a cast ID) or [[day: 3]] (the story
    day, carried to later scenes). See docs/breakdown.md. SCRIPT '-' reads
    standard input.
    """
    from fountainkit.breakdown import BreakdownSettings, breakdown
    from fountainkit.breakdown.reports import render

    fmt = fmt.lower()
    layout_settings = settings_from_options(layout)
    config_path = layout.get("config_path")
    try:
        section = load_config(config_path).section("breakdown")
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    if eighths_rounding is not None:
        section["eighths_rounding"] = eighths_rounding
    try:
        settings = BreakdownSettings.from_mapping(section)
    except ValueError as exc:  # ConfigError included: it names the key, not the file
        raise CommandError(f"{config_path or 'settings'}: breakdown: {exc}") from None

    [target] = plan_outputs(
        (script,),
        output,
        f".{fmt}",
        force=force,
        prints_by_default=True,
        binary=fmt == "pdf",
        also_read=(config_path,),
    )
    screenplay = load_screenplay(script, encoding)
    result = breakdown(screenplay, settings, layout_settings=layout_settings)
    try:
        report = render(result, fmt, bom=bom)
    except Exception as exc:  # a renderer failure is one line, never a traceback
        if fmt != "pdf":
            raise
        raise CommandError(f"PDF render failed: {exc}") from None

    # Also in the report itself; stderr makes a typo in a tag visible at once.
    for warning in result.warnings:
        click.echo(f"fountainkit: warning: {script.label}: {warning}", err=True)

    target.write(report)
    announce(target, verbose)
