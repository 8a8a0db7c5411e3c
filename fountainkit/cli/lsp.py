"""``fountainkit lsp``: the language server over stdio."""

from __future__ import annotations

import logging

import click


@click.command("lsp")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over stdin/stdout: the default and only transport, accepted for editors "
    "that pass it.",
)
def lsp_command(stdio: bool) -> None:
    """Run the Fountain language server over stdin/stdout for an editor."""
    # stdout carries the protocol: anything logged goes to stderr, and only
    # warnings, so an editor's log is not flooded.
    logging.basicConfig(level=logging.WARNING, format="fountainkit lsp: %(levelname)s %(message)s")
    from fountainkit.lsp import serve

    serve()
