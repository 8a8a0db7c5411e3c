"""``fountainkit fdx SCRIPT``: export to Final Draft XML."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fountainkit.cli.common import (
    encoding_option,
    load_text,
    reports_errors,
    script_argument,
    write_atomically,
)
from fountainkit.cli.layout_options import layout_options, settings_from_options


@click.command("fdx")
@script_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the .fdx (default: next to SCRIPT; '-' for stdout).",
)
@click.option(
    "--scene-pages/--no-scene-pages",
    default=True,
    show_default=True,
    help="Give each scene heading its page and length in eighths, from the PDF's layout "
    "(with the layout options below).",
)
@layout_options
@encoding_option
@reports_errors
def fdx_command(
    script: Path, output: Path | None, scene_pages: bool, encoding: str | None, **options: object
) -> None:
    """Export SCRIPT to Final Draft XML (.fdx) that Final Draft 8 and later open."""
    from fountainkit.syntax.parse import parse
    from fountainkit.writers.fdx import ScenePlacement, to_fdx

    settings = settings_from_options(options)  # a bad config fails before any work
    screenplay = parse(load_text(script, encoding))
    placements = None
    if scene_pages:
        from fountainkit.breakdown.eighths import page_map

        lengths = page_map(screenplay, settings).scenes
        placements = {i: ScenePlacement(s.page, s.eighths) for i, s in enumerate(lengths)}
    xml = to_fdx(screenplay, scene_pages=placements)
    if output is not None and str(output) == "-":
        sys.stdout.write(xml)
        return
    target = output or script.with_suffix(".fdx")
    write_atomically(target, xml)
    click.echo(f"wrote {target}", err=True)
