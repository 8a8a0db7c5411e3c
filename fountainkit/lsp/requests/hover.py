"""Hover on a scene heading: the scene as the breakdown has it."""

from __future__ import annotations

import asyncio

from lsprotocol import types

from fountainkit.lsp.requests.outline import eighths_text
from fountainkit.lsp.server import FountainServer, server


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: FountainServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    script = ls.scripts.get(uri)
    if script is None or script.scene_at_heading(params.position.line + 1) is None:
        return None
    pages = await asyncio.wrap_future(script.scene_pages())
    script = ls.scripts.get(uri)
    found = script.scene_at_heading(params.position.line + 1) if script else None
    if script is None or found is None or found[0] >= len(pages):
        return None
    index, _scene, heading_span = found
    where = pages[index]
    facts = [f"**Scene {where.number}**", f"page {where.page}", eighths_text(where.eighths)]
    facts += [f for f in (where.day_night, where.story_day and f"day {where.story_day}") if f]
    lines = [
        " · ".join(facts),
        "",
        "Cast: " + (", ".join(where.speaking) if where.speaking else "nobody speaks"),
    ]
    if where.non_speaking:
        lines += ["", "There without a line: " + ", ".join(where.non_speaking)]
    if where.suggested:
        lines += ["", "Also named in the action (not cast): " + ", ".join(where.suggested)]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(lines)),
        range=ls.to_range(uri, script, heading_span),
    )
