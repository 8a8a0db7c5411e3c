"""The Screenplay model as a JSON-able tree (``fountainkit parse``'s output).

This is the one place the JSON/YAML tree is built. Shape (schema
``fountainkit.tree/2``)::

    {"schema": "fountainkit.tree/2",
     "title_page": {key: text, ...},
     "title_page_entries": [{"key", "text", "line", ...}],
     "body": [node, ...]}

Every node has ``type``, ``line``, ``column``, ``end_line``, ``end_column`` (1-based,
end exclusive) and ``offset``/``end_offset``; container nodes (scene, dialogue,
dual_dialogue) have ``children`` (a scene's children include the sections and
synopses inside it: /2 nests them, /1 ended the scene at a section); text
nodes have ``text`` (visible text, lines joined with "\\n") and ``runs``: one
list of runs per line, each ``{"text": ..., "bold": true, ...}`` with only the
true flags, a ``kind`` other than "text", and the run's position (the same six
keys as a node's). Nodes made of several lines (action, lyrics, centered, a
title-page entry) have ``line_positions``, one position per line; a character
has ``name_position`` (where the name is written) and, when the cue holds
emphasis, notes or boneyard, ``runs``. The JSON Schema is
``fountainkit/schemas/tree.schema.json``.
"""

from __future__ import annotations

from typing import Any

from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Character,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Span,
    Synopsis,
    Text,
    TitleEntry,
    Transition,
    plain,
)

SCHEMA = "fountainkit.tree/2"

_TYPES: dict[type, str] = {
    Scene: "scene",
    SceneHeading: "scene_heading",
    Action: "action",
    Dialogue: "dialogue",
    Character: "character",
    Parenthetical: "parenthetical",
    DialogueLine: "dialogue_line",
    Lyrics: "lyrics",
    DualDialogue: "dual_dialogue",
    Transition: "transition",
    Centered: "centered",
    PageBreak: "page_break",
    Section: "section",
    Synopsis: "synopsis",
    Note: "note",
    Boneyard: "boneyard",
}


def _position(span: Span) -> dict[str, int]:
    return {
        "line": span.start_line,
        "column": span.start_col,
        "end_line": span.end_line,
        "end_column": span.end_col,
        "offset": span.start_offset,
        "end_offset": span.end_offset,
    }


def _run(run: Run) -> dict[str, Any]:
    out: dict[str, Any] = {"text": run.text}
    for flag in ("bold", "italic", "underline"):
        if getattr(run, flag):
            out[flag] = True
    if run.kind != "text":
        out["kind"] = run.kind
    out.update(_position(run.span))
    return out


def _text_fields(lines: tuple[Text, ...], line_spans: tuple[Span, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": "\n".join(plain(line) for line in lines),
        "runs": [[_run(run) for run in line] for line in lines],
    }
    if line_spans:
        out["line_positions"] = [_position(span) for span in line_spans]
    return out


def node(item: Any) -> dict[str, Any]:
    """The tree dict for one model node (and everything under it)."""
    out: dict[str, Any] = {"type": _TYPES[type(item)], **_position(item.span)}
    if isinstance(item, Scene):
        out["children"] = [node(item.heading), *(node(e) for e in item.elements)]
    elif isinstance(item, SceneHeading):
        out.update(_text_fields((item.runs,)))
        out["number"] = item.number
        out["forced"] = item.forced
    elif isinstance(item, Action):
        out.update(_text_fields(item.lines, item.line_spans))
        out["forced"] = item.forced
    elif isinstance(item, Dialogue):
        out["children"] = [node(item.character), *(node(p) for p in item.parts)]
    elif isinstance(item, Character):
        out.update(
            text=item.text,
            name=item.name,
            extensions=list(item.extensions),
            dual=item.dual,
            forced=item.forced,
            name_position=_position(item.name_span),
        )
        if item.runs:
            out["runs"] = [[_run(run) for run in item.runs]]
    elif isinstance(item, Parenthetical | DialogueLine | Transition):
        out.update(_text_fields((item.runs,)))
        if isinstance(item, Transition):
            out["forced"] = item.forced
    elif isinstance(item, Lyrics | Centered):
        out.update(_text_fields(item.lines, item.line_spans))
    elif isinstance(item, DualDialogue):
        out["children"] = [node(item.left), node(item.right)]
    elif isinstance(item, Section):
        out["text"] = item.title
        out["level"] = item.level
    elif isinstance(item, Synopsis | Note | Boneyard):
        out["text"] = item.text
    elif isinstance(item, PageBreak):
        pass
    return out


def _entry(entry: TitleEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        **_text_fields(entry.lines, entry.line_spans),
        **_position(entry.span),
    }


def to_tree(screenplay: Screenplay) -> dict[str, Any]:
    """The whole script as plain dicts, lists, strings, numbers and booleans."""
    title_page: dict[str, str] = {}
    entries: list[dict[str, Any]] = []
    if screenplay.title_page is not None:
        for entry in screenplay.title_page.entries:
            text = entry.text
            title_page[entry.key] = (
                f"{title_page[entry.key]}\n{text}" if entry.key in title_page else text
            )
            entries.append(_entry(entry))
    return {
        "schema": SCHEMA,
        "title_page": title_page,
        "title_page_entries": entries,
        "body": [node(item) for item in screenplay.body],
    }
