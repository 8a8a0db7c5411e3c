"""``fountainkit breakdown SCRIPT``: the per-scene breakdown as YAML, JSON, CSV, HTML or PDF.

The layout options are the ``pdf`` command's own (paper, automatic CONT'D,
printed notes...), so the eighths are measured on exactly the pages that
command prints. Breakdown settings come from the ``breakdown:`` section of
the same ``--config`` file, and ``--eighths-rounding`` overrides it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from fountainkit.breakdown.reports import FORMATS
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
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the report here (default: standard output).",
)
@click.option(
    "--eighths-rounding",
    type=click.Choice(["nearest", "up"]),
    default=None,
    help="Round a scene's length to the nearest eighth (default) or up.",
)
@layout_options
@encoding_option
@reports_errors
def breakdown_command(
    script: Path,
    fmt: str,
    output: Path | None,
    eighths_rounding: str | None,
    encoding: str | None,
    **layout: Any,
) -> None:
    """Break SCRIPT down scene by scene: cast, locations, eighths, tagged elements.

    Tag elements in the script with notes such as [[props: revolver; map]].
    """
    from fountainkit import parse
    from fountainkit.breakdown.core import breakdown
    from fountainkit.breakdown.reports import render
    from fountainkit.breakdown.settings import BreakdownSettings

    fmt = fmt.lower()
    layout_settings = settings_from_options(layout)
    config_path = layout.get("config_path")
    try:
        section = load_config(config_path).section("breakdown")
        if eighths_rounding is not None:
            section["eighths_rounding"] = eighths_rounding
        settings = BreakdownSettings.from_mapping(section)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    except ValueError as exc:
        raise CommandError(f"{config_path or 'settings'}: breakdown: {exc}") from None

    screenplay = parse(load_text(script, encoding))
    result = breakdown(screenplay, settings, layout_settings=layout_settings)
    try:
        report = render(result, fmt)
    except Exception as exc:  # a renderer failure is one line, never a traceback
        if fmt != "pdf":
            raise
        raise CommandError(f"PDF render failed: {exc}") from None

    # Also in the report itself; stderr makes a typo in a tag visible at once.
    for warning in result.warnings:
        click.echo(f"fountainkit: warning: {script}: {warning}", err=True)

    if output is not None:
        write_atomically(output, report)
    elif isinstance(report, bytes):
        if sys.stdout.isatty():
            raise CommandError("a PDF cannot go to a terminal; use -o FILE")
        sys.stdout.buffer.write(report)
    else:
        click.echo(report, nl=False)
