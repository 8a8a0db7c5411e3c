"""Completion of cue names, heading locations and times, and transitions."""

from __future__ import annotations

from lsprotocol import types

from fountainkit.lsp.analysis import ScriptAnalysis
from fountainkit.lsp.completion import Suggestion, suggest
from fountainkit.lsp.server import FountainServer, server

COMPLETION_KINDS = {
    "character": types.CompletionItemKind.Constant,
    "location": types.CompletionItemKind.Module,
    "time": types.CompletionItemKind.EnumMember,
    "transition": types.CompletionItemKind.Keyword,
    "heading": types.CompletionItemKind.Keyword,
}


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[".", " ", "-", "@", ">"]),
)
def completion(ls: FountainServer, params: types.CompletionParams) -> types.CompletionList:
    script = ls.scripts.get(params.text_document.uri)
    if script is None:
        return types.CompletionList(is_incomplete=False, items=[])
    line = params.position.line + 1
    text = script.document.line_text(line)
    column = ls.server_column(script, params.position.line, params.position.character)
    previous = script.document.line_text(line - 1) if line > 1 else ""
    locations, times = script.locations_and_times()
    suggestions = suggest(
        text[:column], previous, names=script.cue_names(), locations=locations, times=times
    )
    items = [_completion_item(ls, params, script, text, s, n) for n, s in enumerate(suggestions)]
    return types.CompletionList(is_incomplete=False, items=items)


def _completion_item(
    ls: FountainServer,
    params: types.CompletionParams,
    script: ScriptAnalysis,
    line_text: str,
    suggestion: Suggestion,
    order: int,
) -> types.CompletionItem:
    codec = ls.workspace.position_codec
    start = codec.client_num_units(line_text[: suggestion.replace_from])
    edit_range = types.Range(start=types.Position(params.position.line, start), end=params.position)
    return types.CompletionItem(
        label=suggestion.label,
        kind=COMPLETION_KINDS[suggestion.kind],
        detail=suggestion.detail,
        sort_text=f"{order:05d}",
        filter_text=suggestion.label,
        text_edit=types.TextEdit(range=edit_range, new_text=suggestion.label),
    )
