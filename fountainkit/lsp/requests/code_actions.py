"""Code actions: quick fixes for the diagnostics that carry one."""

from __future__ import annotations

from lsprotocol import types

from fountainkit.lsp.server import FountainServer, server


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: FountainServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes: a cue that looks like a typo becomes the name it probably meant."""
    uri = params.text_document.uri
    script = ls.scripts.get(uri)
    if script is None:
        return []
    actions = []
    for diagnostic in params.context.diagnostics:
        fix = diagnostic.data if isinstance(diagnostic.data, dict) else None
        if diagnostic.source != "fountainkit" or not fix:
            continue
        line = diagnostic.range.start.line
        text = script.document.line_text(line + 1)
        at = text.upper().find(str(fix.get("replaces", "")))
        if at < 0 or not fix.get("replacement"):
            continue  # the line changed since the diagnostic was made
        codec = ls.workspace.position_codec
        start = codec.client_num_units(text[:at])
        end = codec.client_num_units(text[: at + len(fix["replaces"])])
        edit = types.TextEdit(
            range=types.Range(start=types.Position(line, start), end=types.Position(line, end)),
            new_text=fix["replacement"],
        )
        actions.append(
            types.CodeAction(
                title=f"Change {fix['replaces']} to {fix['replacement']}",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return actions
