"""``fountainkit parse SCRIPT``: print the parsed tree as JSON or YAML."""

from __future__ import annotations

import itertools
import json

import click

from fountainkit.cli.common import reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options


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
@output_option("Write the tree to this file (default: standard output).")
@encoding_option
@writing_options
@reports_errors
def parse_command(
    script: ScriptSource,
    output_format: str,
    output: str | None,
    encoding: str | None,
    force: bool,
    verbose: bool,
) -> None:
    """Print the tree of SCRIPT (schema fountainkit.tree/2) with source positions.

    SCRIPT '-' reads standard input.
    """
    from fountainkit.writers.tree import to_tree

    [target] = plan_outputs(
        (script,), output, f".{output_format}", force=force, prints_by_default=True
    )
    tree = to_tree(load_screenplay(script, encoding, as_written=True))
    if output_format == "yaml":
        import yaml

        target.write(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False))
    else:
        # Written in pieces as they are encoded: the whole text of a large tree
        # (many times the script's size) would double the peak memory.
        pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(tree)
        target.write(itertools.chain(pieces, ("\n",)))
    announce(target, verbose)
