"""Adapters from the fountainkit model to the element dumps of peer test suites.

Used by the corpus tests only. Each peer has its own conventions about blank
lines and hidden text, so both sides are normalised the same way before they
are compared: consecutive action paragraphs merge, blank lines inside action
are ignored, notes and boneyard are dropped (peers drop them).
"""

from __future__ import annotations

import re

from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Screenplay,
    Section,
    Synopsis,
    Transition,
)
from fountainkit.writers.fountain import write_runs

__all__ = [
    "to_jouvence",
    "normalise_jouvence",
    "to_fountain_tools",
    "read_fountain_tools_dump",
    "write_runs",
]


def _markup(runs) -> str:
    """Fountain markup of the visible runs (peers keep emphasis markers as typed)."""
    return write_runs(tuple(run for run in runs if run.kind == "text"))


def _lines(lines) -> str:
    return "\n".join(_markup(line) for line in lines)


def _flat(screenplay: Screenplay):
    for item in screenplay.body:
        if isinstance(item, Scene):
            yield item.heading
            yield from item.elements
        else:
            yield item


# ---------------------------------------------------------------- Jouvence


def to_jouvence(screenplay: Screenplay) -> list[str]:
    """Jouvence's one-character-prefix element list (see its tests/*.yaml)."""
    out: list[str] = []

    def dialogue(d: Dialogue) -> None:
        out.append("@" + d.character.text)
        speech: list[str] = []
        for part in d.parts:
            if isinstance(part, DialogueLine):
                speech.append(_markup(part.runs))
                continue
            if speech:
                out.append("=" + "\n".join(speech))
                speech = []
            if isinstance(part, Parenthetical):
                out.append("_" + _markup(part.runs))
            elif isinstance(part, Lyrics):
                out.append("~" + _lines(part.lines))
        if speech:
            out.append("=" + "\n".join(speech))

    for element in _flat(screenplay):
        if hasattr(element, "number") and hasattr(element, "runs"):  # scene heading
            out.append("." + _markup(element.runs))
        elif isinstance(element, Action):
            out.append("!" + _lines(element.lines))
        elif isinstance(element, Dialogue):
            dialogue(element)
        elif isinstance(element, DualDialogue):
            dialogue(element.left)
            dialogue(element.right)
        elif isinstance(element, Transition):
            out.append(">" + _markup(element.runs))
        elif isinstance(element, Centered):
            out.append("!><" + _lines(element.lines))
        elif isinstance(element, Lyrics):
            out.append("~" + _lines(element.lines))
        elif isinstance(element, PageBreak):
            out.append("<pagebreak>")
        elif isinstance(element, Section):
            out.append("#" + element.title)
        elif isinstance(element, Synopsis):
            out.append("+" + element.text)
        elif isinstance(element, Note | Boneyard):
            pass
    return normalise_jouvence(out)


def normalise_jouvence(elements: list[str]) -> list[str]:
    """Merge neighbouring action, drop blank lines inside it and empty action."""
    merged: list[str] = []
    for element in elements:
        is_action = element.startswith("!") and not element.startswith("!><")
        if is_action and merged and merged[-1].startswith("!") and not merged[-1].startswith("!><"):
            merged[-1] += "\n" + element[1:]
        else:
            merged.append(element)
    out = []
    for element in merged:
        if element.startswith("!><"):
            element = element.strip()
        elif element.startswith("!"):
            text = "\n".join(line for line in element[1:].split("\n") if line.strip())
            if not text:
                continue
            element = "!" + text
        out.append(element)
    return out


# ---------------------------------------------------------------- fountain-tools

_DUMP_LINE = re.compile(r'^(?:/\*\d+\*/)?([A-Z]+):"', re.MULTILINE)
_HIDDEN_MARK = re.compile(r"\[\[\d+\]\]|/\*\d+\*/")


def read_fountain_tools_dump(text: str) -> list[tuple[str, str]]:
    """Their .txt dump: ``TYPE:"text"`` entries (text may span lines, extras after)."""
    entries = []
    starts = list(_DUMP_LINE.finditer(text))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[match.end() : end].rstrip("\n")
        close = next(m.start() for m in _CLOSING_QUOTE.finditer(body))
        value, extra = body[:close], body[close + 1 :].strip()
        if match[1] == "TITLEENTRY":
            key, _, rest = value.partition('":"')
            lines = [line.strip() for line in rest.split("\n") if line.strip()]
            value = key + ":" + "\n".join(lines)
        entries.append((match[1], value, extra))
    return normalise_fountain_tools(entries)


# The quote that closes a dump value: only extras like "(V.O.)" or (3) follow it.
_CLOSING_QUOTE = re.compile(r'"(?=(?:\s*(?:"[^"\n]*"|\([^)\n]*\)))*\s*$)')


def normalise_fountain_tools(entries) -> list[tuple[str, str]]:
    """Compare types and text: merged action/dialogue, no hidden markers, no blank lines."""
    out: list[tuple[str, str]] = []
    for kind, value, extra in entries:
        value = _HIDDEN_MARK.sub("", value)
        if kind == "ACTION" and extra == "(centered)":
            kind, value = "CENTERED", value.strip()
        if kind == "CHARACTER":
            # fountain-tools drops (CONT'D); we keep it as written (docs/fountain-decisions.md)
            extensions = re.findall(r'"([^"]*)"', extra) + re.findall(r"\([^)]*\)", value)
            value = re.sub(r"\s*\(.*", "", value)
            kept = [e for e in extensions if e.upper().replace("’", "'") != "(CONT'D)"]
            value = " ".join([value, *kept])
        if kind in ("BONEYARD", "NOTE", "SECTION", "SYNOPSIS"):
            continue
        if kind in ("ACTION", "DIALOGUE") and out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + "\n" + value)
        else:
            out.append((kind, value))
    result = []
    for kind, value in out:
        if kind in ("ACTION", "DIALOGUE"):
            value = "\n".join(line.strip() for line in value.split("\n") if line.strip())
            if not value and kind == "ACTION":
                continue
        result.append((kind, value))
    return result


def to_fountain_tools(screenplay: Screenplay) -> list[tuple[str, str]]:
    entries: list[tuple[str, str, str]] = []
    if screenplay.title_page is not None:
        for entry in screenplay.title_page.entries:
            lines = [_markup(line) for line in entry.lines]
            entries.append(("TITLEENTRY", entry.key + ":" + "\n".join(lines), ""))

    def dialogue(d: Dialogue) -> None:
        entries.append(("CHARACTER", d.character.text, ""))
        for part in d.parts:
            if isinstance(part, DialogueLine):
                entries.append(("DIALOGUE", _markup(part.runs), ""))
            elif isinstance(part, Parenthetical):
                entries.append(("PARENTHETICAL", _markup(part.runs).strip()[1:-1], ""))
            elif isinstance(part, Lyrics):
                entries.extend(("LYRIC", _markup(line), "") for line in part.lines)

    for element in _flat(screenplay):
        if hasattr(element, "number") and hasattr(element, "runs"):
            entries.append(("HEADING", _markup(element.runs), ""))
        elif isinstance(element, Action):
            entries.append(("ACTION", _lines(element.lines), ""))
        elif isinstance(element, Dialogue):
            dialogue(element)
        elif isinstance(element, DualDialogue):
            dialogue(element.left)
            dialogue(element.right)
        elif isinstance(element, Transition):
            entries.append(("TRANSITION", _markup(element.runs), ""))
        elif isinstance(element, Centered):
            entries.extend(("CENTERED", _markup(line), "") for line in element.lines)
        elif isinstance(element, Lyrics):
            entries.extend(("LYRIC", _markup(line), "") for line in element.lines)
        elif isinstance(element, PageBreak):
            entries.append(("PAGEBREAK", "", ""))
    return normalise_fountain_tools(entries)
