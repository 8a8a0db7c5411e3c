"""``fountainkit html``: the PDF's pages as one standalone HTML file."""

from __future__ import annotations

import click

from fountainkit.cli.common import reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options


@click.command("html")
@script_argument
@output_option(
    "Output file, or a folder to write SCRIPT.html in (default: beside SCRIPT; standard "
    "output when SCRIPT is '-'). '-' for standard output."
)
@click.option(
    "--embed-fonts/--link-fonts",
    default=True,
    help="Embed Courier Prime in the file (default) or link the installed copy.",
)
@layout_options
@encoding_option
@writing_options
@reports_errors
def html_command(
    script: ScriptSource,
    output: str | None,
    embed_fonts: bool,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **options: object,
) -> None:
    """Render SCRIPT to HTML laid out page by page exactly like the PDF.

    SCRIPT '-' reads standard input.
    """
    from fountainkit.layout import paginate
    from fountainkit.writers.html import render_html

    settings = settings_from_options(options)
    [target] = plan_outputs(
        (script,),
        output,
        ".html",
        force=force,
        folder_allowed=True,
        also_read=(options.get("config_path"),),
    )
    screenplay = load_screenplay(script, encoding)
    target.write(render_html(screenplay, paginate(screenplay, settings), embed_fonts=embed_fonts))
    announce(target, verbose)
