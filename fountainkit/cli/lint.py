"""``fountainkit lint SCRIPT``: print diagnostics, exit 1 when any is an error."""

from __future__ import annotations

import json
import sys

import click

from fountainkit.cli.common import reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_script, script_argument
from fountainkit.cli.outputs import plan_outputs


@click.command("lint")
@script_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one 'file:line:col: severity: message [code]' per line; json: a list.",
)
@encoding_option
@reports_errors
def lint_command(script: ScriptSource, output_format: str, encoding: str | None) -> None:
    """Report likely mistakes in SCRIPT; exit 1 when any is an error.

    Unclosed boneyard or notes (errors); a dual-dialogue caret with nothing to
    pair with, cue names that look like typos of another cue, a transition
    before anything else, title-page keys with no value, control characters
    (warnings). SCRIPT '-' reads standard input. For a PDF or FDX script, also
    what the import kept but could not place (naming the page); line numbers
    then refer to the script as converted to Fountain (``convert``).
    """
    from fountainkit.lsp.lint import lint

    # Standard output appended to the script itself (`>> SCRIPT`) is refused.
    [target] = plan_outputs((script,), "-", "", force=False)
    loaded = load_script(script, encoding, warn=False)
    diagnostics = lint(loaded.text)
    # What a PDF or FDX reader kept but could not place, naming the page.
    imported = [
        {"code": w.code, "severity": "warning", "message": str(w), "page": w.page}
        for w in loaded.warnings
    ]
    if output_format == "json":
        rows = imported + [
            {
                "code": d.code,
                "severity": d.severity,
                "message": d.message,
                "line": d.span.start_line,
                "column": d.span.start_col,
                "end_line": d.span.end_line,
                "end_column": d.span.end_col,
                **({"replace": d.replaces, "with": d.replacement} if d.replacement else {}),
            }
            for d in diagnostics
        ]
        target.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        target.write(
            "".join(
                f"{script.label}: {r['severity']}: {r['message']} [{r['code']}]\n" for r in imported
            )
            + "".join(
                f"{script.label}:{d.span.start_line}:{d.span.start_col}: "
                f"{d.severity}: {d.message} [{d.code}]\n"
                for d in diagnostics
            )
        )
    if any(d.severity == "error" for d in diagnostics):
        sys.exit(1)
