"""The outline (document symbols: sections nesting scenes, with page figures, and notes
under the heading they follow) and folding."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from fountainkit.lsp.analysis import OutlineEntry, ScenePages, ScriptAnalysis
from fountainkit.lsp.server import FountainServer, server


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbol(
    ls: FountainServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    uri = params.text_document.uri
    script = ls.scripts.get(uri)
    if script is None:
        return []
    # Awaiting the layout job lets edits that arrive meanwhile be handled.
    pages = await asyncio.wrap_future(script.scene_pages())
    script = ls.scripts.get(uri)
    if script is None:
        return []
    roots: list[types.DocumentSymbol] = []
    stack: list[tuple[int, types.DocumentSymbol]] = []  # open sections by level
    heading: types.DocumentSymbol | None = None  # the last scene or section: a note's parent
    for entry in script.outline():
        symbol = _symbol(ls, uri, script, entry, pages)
        if entry.kind == "note":
            # A writer's note belongs to the scene (or section) it is written under.
            if heading is None:
                roots.append(symbol)
            else:
                heading.children = [*(heading.children or ()), symbol]
            continue
        if entry.kind == "section":
            while stack and stack[-1][0] >= entry.level:
                stack.pop()
        parent = stack[-1][1] if stack else None
        (parent.children if parent else roots).append(symbol)  # type: ignore[union-attr]
        if entry.kind == "section":
            stack.append((entry.level, symbol))
        heading = symbol
    _stretch_sections(roots)
    return roots


def _symbol(
    ls: FountainServer,
    uri: str,
    script: ScriptAnalysis,
    entry: OutlineEntry,
    pages: list[ScenePages],
) -> types.DocumentSymbol:
    selection = ls.to_range(uri, script, entry.selection)
    if entry.kind == "note":
        return types.DocumentSymbol(
            name=entry.name,
            kind=types.SymbolKind.String,
            range=selection,
            selection_range=selection,
            detail="note",
        )
    if entry.kind == "section":
        return types.DocumentSymbol(
            name=entry.name or "(untitled section)",
            kind=types.SymbolKind.Namespace,
            range=ls.to_range(uri, script, entry.span),
            selection_range=selection,
            detail="#" * entry.level,
            children=[],
        )
    index = entry.scene_index or 0
    if index < len(pages):
        where = pages[index]
        detail = f"scene {where.number} · p. {where.page} · {eighths_text(where.eighths)}"
    else:
        detail = f"scene {entry.number or index + 1}"
    return types.DocumentSymbol(
        name=entry.name or "(empty heading)",
        kind=types.SymbolKind.Class,
        range=ls.to_range(uri, script, entry.span),
        selection_range=selection,
        detail=detail,
    )


def _stretch_sections(symbols: list[types.DocumentSymbol]) -> None:
    """A section's (or scene's) range covers its children, as clients require."""
    for symbol in symbols:
        if symbol.children:
            _stretch_sections(symbol.children)
            last = symbol.children[-1].range.end
            if (last.line, last.character) > (symbol.range.end.line, symbol.range.end.character):
                symbol.range = types.Range(start=symbol.range.start, end=last)


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(ls: FountainServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
    script = ls.scripts.get(params.text_document.uri)
    if script is None:
        return []
    kinds = {"region": types.FoldingRangeKind.Region, "comment": types.FoldingRangeKind.Comment}
    return [
        types.FoldingRange(
            start_line=fold.start_line - 1, end_line=fold.end_line - 1, kind=kinds[fold.kind]
        )
        for fold in script.folds()
    ]


def eighths_text(eighths: int) -> str:
    from fountainkit.breakdown.eighths import format_eighths

    return f"{format_eighths(eighths)} pp." if eighths >= 8 else f"{eighths}/8 p."
