"""``fountainkit parse SCRIPT``: print the parsed tree as JSON or YAML."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fountainkit.cli.common import encoding_option, load_text, reports_errors, script_argument


@click.command("parse")
@script_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "yaml"]),
    default="json",
    show_default=True,
    help="Output format of the tree.",
)
@encoding_option
@reports_errors
def parse_command(script: Path, output_format: str, encoding: str | None) -> None:
    """Print the tree of SCRIPT (schema fountainkit.tree/2) with source positions."""
    from fountainkit.syntax.parse import parse
    from fountainkit.writers.tree import to_tree

    tree = to_tree(parse(load_text(script, encoding)))
    if output_format == "yaml":
        import yaml

        click.echo(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), nl=False)
    else:
        click.echo(json.dumps(tree, ensure_ascii=False, indent=2))
