"""``fountainkit html``: the PDF's pages as one standalone HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from fountainkit.cli.common import (
    encoding_option,
    load_text,
    output_paths,
    reports_errors,
    script_argument,
    write_atomically,
)
from fountainkit.cli.layout_options import layout_options, settings_from_options


@click.command("html")
@script_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file (default: the script's name with .html; '-' for stdout).",
)
@click.option(
    "--embed-fonts/--link-fonts",
    default=True,
    help="Embed Courier Prime in the file (default) or link the installed copy.",
)
@layout_options
@encoding_option
@reports_errors
def html_command(
    script: Path, output: Path | None, embed_fonts: bool, encoding: str | None, **options: object
) -> None:
    """Render SCRIPT to HTML laid out page by page exactly like the PDF."""
    from fountainkit.layout import paginate
    from fountainkit.syntax.parse import parse
    from fountainkit.writers.html import render_html

    settings = settings_from_options(options)
    screenplay = parse(load_text(script, encoding))
    html = render_html(screenplay, paginate(screenplay, settings), embed_fonts=embed_fonts)
    if output is not None and str(output) == "-":
        click.echo(html, nl=False)
        return
    [path] = output_paths((script,), output, ".html")
    write_atomically(path, html)
