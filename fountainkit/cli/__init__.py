"""The ``fountainkit`` command line.

Subcommands live in ``fountainkit/cli/`` and are imported only when run,
so ``fountainkit parse`` never pays for WeasyPrint's import.

Exit codes: 0 success, 1 bad input or a failed render (one-line message on
stderr, earlier output left intact), 2 usage error.
"""

from __future__ import annotations

import importlib

import click

# name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "number": (
        "fountainkit.cli.number",
        "number_command",
        "List, check or lock scene numbers.",
    ),
    "lsp": ("fountainkit.cli.lsp", "lsp_command", "Language server for editors (stdio)."),
    "fdx": ("fountainkit.cli.fdx", "fdx_command", "Export to Final Draft (.fdx)."),
    "lint": ("fountainkit.cli.lint", "lint_command", "Report likely mistakes in a script."),
    "pdf": ("fountainkit.cli.pdf", "pdf_command", "Render industry-paginated PDF."),
    "html": ("fountainkit.cli.html", "html_command", "Render the PDF's pages as HTML."),
    "parse": (
        "fountainkit.cli.parse",
        "parse_command",
        "Print the scene tree as JSON or YAML.",
    ),
    "sides": (
        "fountainkit.cli.sides",
        "sides_command",
        "The pages carrying some scenes, the others struck through (--2up).",
    ),
    "breakdown": ("fountainkit.cli.breakdown", "breakdown_command", "Per-scene breakdown."),
    "schedule": (
        "fountainkit.cli.schedule",
        "schedule_command",
        "Stripboard, one-liner and day-out-of-days; --suggest a schedule.",
    ),
    "convert": (
        "fountainkit.cli.convert",
        "convert_command",
        "Convert Fountain, Final Draft (.fdx) or PDF to Fountain or FDX.",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx: click.Context) -> object:
        # Ctrl-C outside a command's own error handling (while a command is
        # looked up or imported, or as it returns) still gets one line and 130,
        # not click's "Aborted!" and exit 1.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from fountainkit.cli.common import exit_interrupted

            exit_interrupted()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fountainkit")
def cli() -> None:
    """Fountain screenplays: parse, render to PDF, break down, serve editors."""


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="fountainkit")
