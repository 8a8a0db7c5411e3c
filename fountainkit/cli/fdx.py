"""``fountainkit fdx SCRIPT``: export to Final Draft XML."""

from __future__ import annotations

import click

from fountainkit.cli.common import reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options


@click.command("fdx")
@script_argument
@output_option(
    "Where to write the .fdx (default: beside SCRIPT; standard output when SCRIPT is '-'). "
    "'-' for standard output."
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
@writing_options
@reports_errors
def fdx_command(
    script: ScriptSource,
    output: str | None,
    scene_pages: bool,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **options: object,
) -> None:
    """Export SCRIPT to Final Draft XML (.fdx) that Final Draft 8 and later open.

    SCRIPT '-' reads standard input.
    """
    from fountainkit.writers.fdx import ScenePlacement, to_fdx

    settings = settings_from_options(options)  # a bad config fails before any work
    [target] = plan_outputs(
        (script,), output, ".fdx", force=force, also_read=(options.get("config_path"),)
    )
    screenplay = load_screenplay(script, encoding)
    placements = None
    if scene_pages:
        from fountainkit.breakdown.eighths import page_map

        lengths = page_map(screenplay, settings).scenes
        placements = {i: ScenePlacement(s.page, s.eighths) for i, s in enumerate(lengths)}
    target.write(to_fdx(screenplay, scene_pages=placements))
    announce(target, verbose)
