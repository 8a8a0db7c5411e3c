"""The Screenplay model as canonical Fountain text.

The form fountainkit writes a tree in when there is no author's text to keep
(a tree read from FDX or PDF, or built by hand) and the form a changed node
takes inside the author's text (fountainkit.writers.edits).

``parse(canonical(s)) == s`` for every parsed screenplay ``s`` (spans aside):
the writer adds a forcing marker (``!``, ``@``, ``.``) wherever a line would
otherwise read as something else, escapes literal ``*``/``_``/``\\`` that would
turn into emphasis, and writes every kept blank line, note and boneyard back.
Blocks are separated by one blank line; an Action made only of empty lines (the
parser's record of extra blank lines) is written as those blank lines.
"""

from __future__ import annotations

import re

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
    SceneHeading,
    Screenplay,
    Section,
    Synopsis,
    Text,
    TitleEntry,
    TitlePage,
    Transition,
    flat_elements,
    plain,
)
from fountainkit.syntax import lexer
from fountainkit.syntax.inline import parse_inline

__all__ = [
    "canonical",
    "cue_line",
    "dialogue_lines",
    "element_lines",
    "heading_line",
    "part_lines",
    "title_entry_lines",
    "blocks_text",
    "write_runs",
]


_NOTE_OPENER = re.compile(r"\[(?=\[)")


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return _NOTE_OPENER.sub(r"\\[", text)


def _guard(text: str) -> str:
    """Keep a literal ``/*`` or ``[[`` from opening a boneyard or note."""
    return _NOTE_OPENER.sub(r"\\[", text.replace("/*", "/\\*"))


def _markers(bold: bool, italic: bool, underline: bool, closing: bool = False) -> str:
    stars, under = "*" * (2 * bold + italic), "_" * underline
    return stars + under if closing else under + stars  # _**x**_ as writers type it


def _marked(runs: Text, escape: bool) -> str:
    """Markup for ``runs``: at each change of style, close what ends, open what starts.

    The inline parser pairs each closer with the nearest open marker of its
    style, so closers need not mirror the openers' nesting.
    """
    out: list[str] = []
    bold = italic = underline = False
    previous = ""  # what out[-1] holds: "text", "note", "boneyard" or "markers"

    def add_markers(markers: str) -> None:
        nonlocal previous
        if not markers:
            return
        if markers[0] == "*" and previous == "text" and out[-1].endswith("/"):
            out[-1] = out[-1][:-1] + "\\/"  # "/" + "*" would open a boneyard
        out.append(markers)
        previous = "markers"

    for run in runs:
        add_markers(
            _markers(
                bold and not run.bold,
                italic and not run.italic,
                underline and not run.underline,
                closing=True,
            )
            + _markers(
                run.bold and not bold, run.italic and not italic, run.underline and not underline
            )
        )
        bold, italic, underline = run.bold, run.italic, run.underline
        if run.kind == "note":
            if previous == "text" and out[-1].endswith("["):
                out[-1] = out[-1][:-1] + "\\["  # "[" + "[[note]]" would read "[[[note]]"
            out.append(f"[[{run.text}]]")
        elif run.kind == "boneyard":
            out.append(f"/*{run.text}*/")
        else:
            out.append(_escape(run.text) if escape else _guard(run.text))
        previous = run.kind
    add_markers(_markers(bold, italic, underline, closing=True))
    return "".join(out)


def write_runs(runs: Text) -> str:
    """Fountain markup for a run list: markers for styles, escapes only where needed."""
    plain = _marked(runs, escape=False)
    if parse_inline(plain) == tuple(runs):
        return plain
    return _marked(runs, escape=True)


def _title_page(page: TitlePage) -> list[str]:
    lines: list[str] = []
    for entry in page.entries:
        lines.extend(title_entry_lines(entry, first=not lines))
    return lines


def title_entry_lines(entry: TitleEntry, *, first: bool = False) -> list[str]:
    """The lines of one title-page entry (``first``: the title page's first line)."""
    values = [write_runs(line) for line in entry.lines]
    if len(values) == 1 and values[0]:
        line = f"{entry.key}: {values[0]}"
        if not first or lexer.starts_title_page([line, ""]):
            return [line]
        # "TITLE: PARIS" alone would read as a super: the value goes under the key.
    return [f"{entry.key}:", *(f"    {value}" for value in values)]


def _is_hidden(run: Run) -> bool:
    return run.kind != "text"


def heading_parts(heading: SceneHeading) -> tuple[Text, Text]:
    """The heading's runs as (text, trailing notes and boneyard): a scene number
    is written between the two, as the parser reads it."""
    runs = heading.runs
    cut = len(runs)
    while cut and _is_hidden(runs[cut - 1]):
        cut -= 1
    return runs[:cut], runs[cut:]


def heading_line(heading: SceneHeading) -> str:
    """One scene heading line, canonical: ``.`` only where it is needed."""
    main, tail = heading_parts(heading)
    pieces = [write_runs(main)] if main else []
    if heading.number is not None:
        pieces.append(f"#{heading.number}#")
    pieces.extend(write_runs((run,)) for run in tail)
    text = " ".join(pieces)
    if heading.forced or lexer.line_kinds([text]) != ["HEADING"]:
        text = "." + text
    return text


def _heading(heading: SceneHeading) -> list[str]:
    return [heading_line(heading)]


_ACTION_FIRST = frozenset({"TEXT", "PAREN"})
_ACTION_NEXT = frozenset({"TEXT", "PAREN", "SPACER"}) | lexer.HIDDEN


def _action_lines(action: Action) -> list[str]:
    """The action's lines with ``!`` wherever a line would read as something else.

    Marking a line can change how its neighbours read, so repeat until stable.
    """
    lines = [write_runs(line) for line in action.lines]
    if not lines:  # only a hand-built model can hold an empty forced action
        return ["!"]
    marked = [False] * len(lines)
    marked[0] = action.forced
    for _ in range(len(lines) + 1):
        written = ["!" + line if mark else line for line, mark in zip(lines, marked, strict=True)]
        kinds = lexer.line_kinds(written)
        wrong = [
            index
            for index, kind in enumerate(kinds)
            if not marked[index] and kind not in (_ACTION_NEXT if index else _ACTION_FIRST)
        ]
        if not wrong:
            return written
        # The first line reads by its neighbours: settle those before judging it.
        later = [i for i in wrong if i]
        if not later and lines[0] != (escaped := _marked(action.lines[0], escape=True)):
            # "\*E" over "<" was action because of its escape, not a "!": keep it so.
            lines[0] = escaped
            continue
        for index in later or wrong:
            marked[index] = True
    return written


def _cue_agrees(character: Character) -> bool:
    """True when the cue's runs still say what its name, extensions and caret say."""
    visible = plain(character.runs).strip()
    parts = lexer.parse_cue("@" + visible if character.forced else visible)
    return parts is not None and (parts.name, parts.extensions, parts.dual) == (
        character.name,
        character.extensions,
        character.dual,
    )


def cue_line(character: Character) -> str:
    """The cue as written (``@`` only when the cue asks for it, see _dialogue)."""
    if character.runs and _cue_agrees(character):
        text = write_runs(character.runs)
    else:
        words = " ".join((character.name, *(f"({ext})" for ext in character.extensions)))
        if character.dual:
            words += " ^"
        text = write_runs((Run(words),))
        # Renamed through the API: the notes and boneyard of the old cue stay.
        hidden = [write_runs((run,)) for run in character.runs if _is_hidden(run)]
        text = " ".join((text, *hidden))
    return "@" + text if character.forced else text


def part_lines(part: object) -> list[str]:
    """The lines of one part of a speech (a parenthetical, a line, lyrics, ...)."""
    if isinstance(part, Parenthetical):
        return [write_runs(part.runs)]
    if isinstance(part, DialogueLine):
        return [write_runs(part.runs) or "  "]
    if isinstance(part, Lyrics):
        return ["~" + write_runs(line) for line in part.lines]
    if isinstance(part, Note):
        return [f"[[{part.text}]]"]
    if isinstance(part, Boneyard):
        return [f"/*{part.text}*/"]
    raise TypeError(f"cannot write {type(part).__name__} in a speech")


def dialogue_lines(dialogue: Dialogue) -> list[str]:
    """A speech: its cue (with ``@`` where the cue needs it), then its parts."""
    lines = [cue_line(dialogue.character)]
    for part in dialogue.parts:
        lines.extend(part_lines(part))
    if lexer.line_kinds(lines)[0] not in ("CUE", "DUAL_CUE"):
        # "TO: " over a lyric was a cue thanks to its trailing space (without
        # it, a transition): keep the space rather than change the cue to "@".
        spaced = [lines[0] + " ", *lines[1:]]
        if lexer.line_kinds(spaced)[0] in ("CUE", "DUAL_CUE"):
            lines = spaced
        else:
            lines[0] = "@" + lines[0]
    return lines


def element_lines(element: object) -> list[str]:
    """The lines of one element of the body or of a scene (or a scene heading)."""
    if isinstance(element, Action):
        if _is_blank_record(element):
            return [""] * len(element.lines)
        return _action_lines(element)
    if isinstance(element, Dialogue):
        return dialogue_lines(element)
    if isinstance(element, DualDialogue):
        return [*dialogue_lines(element.left), "", *dialogue_lines(element.right)]
    if isinstance(element, Transition):
        text = write_runs(element.runs)
        if element.forced or lexer.line_kinds([text]) != ["TRANSITION"]:
            return ["> " + text]
        return [text]
    if isinstance(element, Centered):
        return [f">{write_runs(line)}<" for line in element.lines]
    if isinstance(element, Lyrics):
        return ["~" + write_runs(line) for line in element.lines]
    if isinstance(element, PageBreak):
        return ["==="]
    if isinstance(element, Section):
        return ["#" * element.level + " " + element.title]
    if isinstance(element, Synopsis):
        return ["= " + element.text]
    if isinstance(element, Note):
        return [f"[[{element.text}]]"]
    if isinstance(element, Boneyard):
        return [f"/*{element.text}*/"]
    if isinstance(element, SceneHeading):
        return _heading(element)
    raise TypeError(f"cannot write {type(element).__name__} as Fountain")


def _is_blank_record(element: object) -> bool:
    return (
        isinstance(element, Action)
        and not element.forced
        and all(not line for line in element.lines)
    )


def _body_lines(elements, out: list[str], wrote_block: bool) -> None:  # noqa: ANN001
    """Append the lines of ``elements`` (blocks, blank-line records among them)."""
    pending = 0  # recorded extra blank lines not yet written
    for element in elements:
        if _is_blank_record(element):
            pending += len(element.lines)
            continue
        if wrote_block:
            out.append("")
        out.extend([""] * pending)
        pending = 0
        out.extend(element_lines(element))
        wrote_block = True
    out.extend([""] * pending)


def blocks_text(items) -> str:  # noqa: ANN001 - body items, scenes included
    """Body items (scenes, elements, blank-line records) as canonical text, one
    blank line between blocks, with no line break after the last one."""
    out: list[str] = []
    _body_lines(flat_elements(items), out, False)
    return "\n".join(out)


def canonical(screenplay: Screenplay) -> str:
    """Canonical Fountain text for ``screenplay`` (ends with a newline unless empty)."""
    out: list[str] = []
    if screenplay.title_page is not None:
        out.extend(_title_page(screenplay.title_page))
    _body_lines(flat_elements(screenplay.body), out, bool(out))
    first = next(flat_elements(screenplay.body), None)
    if (
        screenplay.title_page is None
        and isinstance(first, Dialogue | DualDialogue | Transition)
        and lexer.starts_title_page(out)
    ):
        # A first cue or transition like "EPISODE 1: DOGS" would open a title
        # page; indentation is ignored when reading those lines, so it shields it.
        out[0] = " " + out[0]
    text = "\n".join(out) + "\n" if out else ""
    # parse() drops one leading BOM; a script whose text starts with U+FEFF keeps it.
    return "\ufeff" + text if text.startswith("\ufeff") else text
