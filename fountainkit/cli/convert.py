"""``fountainkit convert IN -o OUT``: Fountain, FDX or PDF in; Fountain or FDX out."""

from __future__ import annotations

from pathlib import PurePath

import click

from fountainkit.cli.common import CommandError, reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_script, script_argument
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options

FORMATS_BY_SUFFIX = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".txt": "fountain",
    ".fdx": "fdx",
}


@click.command("convert")
@script_argument
@output_option(
    "The file to write; its extension picks the format (.fountain or .fdx) unless --to "
    "says. '-' for standard output (Fountain unless --to fdx)."
)
@click.option(
    "--to",
    "target_format",
    type=click.Choice(["fountain", "fdx"]),
    default=None,
    help="Output format (default: from the output's extension).",
)
@encoding_option
@writing_options
@reports_errors
def convert_command(
    script: ScriptSource,
    output: str | None,
    target_format: str | None,
    encoding: str | None,
    force: bool,
    verbose: bool,
) -> None:
    """Convert SCRIPT (Fountain, Final Draft .fdx or a PDF screenplay) to Fountain or FDX.

    The input format is read from the content (PDF magic bytes, the FinalDraft
    XML root), not only the name. Text a PDF reader kept but could not place
    is printed as warnings naming the page, and stays in the output as action.
    """
    if output is None:
        raise CommandError("convert needs -o OUT (a .fountain or .fdx file, or '-')")
    kind = target_format
    if kind is None:
        kind = (
            "fountain" if output == "-" else FORMATS_BY_SUFFIX.get(PurePath(output).suffix.lower())
        )
    if kind is None:
        raise CommandError(
            f"{output}: cannot tell the output format from the extension; "
            "use .fountain or .fdx, or --to fountain|fdx"
        )
    suffix = ".fdx" if kind == "fdx" else ".fountain"
    [target] = plan_outputs((script,), output, suffix, force=force)
    result = load_script(script, encoding)
    if kind == "fdx":
        from fountainkit.writers.fdx import to_fdx

        data = to_fdx(result.screenplay)
    else:
        data = result.text
    target.write(data)
    announce(target, verbose, f" ({result.format} -> {kind})")
