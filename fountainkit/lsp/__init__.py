"""The Fountain language server (``fountainkit lsp``) for any LSP editor.

Outline of sections and scenes with scene number and page, folding, lint
diagnostics as you type (see :mod:`fountainkit.lsp.lint`), completion of cue
names, heading locations and times, and transitions, and a hover on scene
headings with page, length in eighths and cast. Edits are parsed
incrementally (:mod:`fountainkit.syntax.incremental`). docs/editors.md shows how to
hook it into VS Code, Neovim, Helix and Emacs.
"""

from __future__ import annotations

from fountainkit.lsp.analysis import ScriptAnalysis


def serve() -> None:
    """Run the server over stdin/stdout (imports pygls only when called)."""
    from fountainkit.lsp.server import serve as run

    run()


__all__ = ["ScriptAnalysis", "serve"]
