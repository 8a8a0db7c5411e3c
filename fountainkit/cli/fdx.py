"""``fountainkit fdx SCRIPT``: export to Final Draft XML."""

from __future__ import annotations

import click

from fountainkit.cli.common import reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options
from fountainkit.cli.settings import breakdown_settings


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
@click.option(
    "--tags/--no-tags",
    default=True,
    show_default=True,
    help="Write the breakdown (cast, [[category: item]] tags, story days) as Final Draft "
    "Tagger data, which Movie Magic Scheduling and Gorilla import.",
)
@layout_options
@encoding_option
@writing_options
@reports_errors
def fdx_command(
    script: ScriptSource,
    output: str | None,
    scene_pages: bool,
    tags: bool,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **options: object,
) -> None:
    """Export SCRIPT to Final Draft XML (.fdx) that Final Draft 8 and later open.

    SCRIPT '-' reads standard input.
    """
    from fountainkit.writers.fdx import ScenePlacement, to_fdx
    from fountainkit.writers.fdx_tagdata import TagWriter, tagged_scenes

    settings = settings_from_options(options)  # a bad config fails before any work
    [target] = plan_outputs(
        (script,), output, ".fdx", force=force, also_read=(options.get("config_path"),)
    )
    screenplay = load_screenplay(script, encoding)
    placements = None
    scene_tags = None
    tagger = TagWriter()
    if tags:
        from fountainkit.breakdown import breakdown

        breakdown_config = breakdown_settings(options.get("config_path"))
        result = breakdown(screenplay, breakdown_config, layout_settings=settings)
        scene_tags = tagged_scenes(result)
        if scene_pages:
            placements = {s.index - 1: ScenePlacement(s.page, s.eighths) for s in result.scenes}
    elif scene_pages:
        from fountainkit.breakdown.eighths import page_map

        lengths = page_map(screenplay, settings).scenes
        placements = {i: ScenePlacement(s.page, s.eighths) for i, s in enumerate(lengths)}
    xml = to_fdx(screenplay, scene_pages=placements, scene_tags=scene_tags, tag_writer=tagger)
    for problem in tagger.unplaced:
        click.echo(f"fountainkit: warning: {script.label}: tag not written: {problem}", err=True)
    target.write(xml)
    announce(target, verbose)
