"""Shared by the FDX and PDF readers: styled runs, and a flat list of blocks
grouped into scenes and made canonical."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fountainkit.model import (
    Character,
    Dialogue,
    DialogueLine,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Text,
    TitlePage,
)
from fountainkit.readers.base import Format, ReaderWarning, ReadResult, canonical
from fountainkit.syntax import lexer

Block = object  # SceneHeading, Section or any body Element of fountainkit.model


def _unstyled_edges(runs: Iterable[Run]) -> Iterator[Run]:
    """Spaces at the edges of an emphasis made plain: Fountain emphasis cannot
    open or close on a space (``* bang*`` is no italics). A space keeps a style
    only where the run beside it has that style too (inside the emphasis)."""
    runs = list(runs)
    for index, run in enumerate(runs):
        styled = run.bold or run.italic or run.underline
        if not styled or run.kind != "text" or not run.text.strip():
            yield run
            continue
        before = runs[index - 1] if index else Run("")
        after = runs[index + 1] if index + 1 < len(runs) else Run("")
        body = run.text.strip(" \t")
        head = run.text[: len(run.text) - len(run.text.lstrip(" \t"))]
        tail = run.text[len(run.text.rstrip(" \t")) :]
        if head:
            yield Run(
                head,
                run.bold and before.bold,
                run.italic and before.italic,
                run.underline and before.underline,
            )
        yield Run(body, run.bold, run.italic, run.underline, run.kind)
        if tail:
            yield Run(
                tail,
                run.bold and after.bold,
                run.italic and after.italic,
                run.underline and after.underline,
            )


def merge_runs(runs: Iterable[Run]) -> Text:
    """Adjacent runs of one style as one run; empty runs dropped."""
    out: list[Run] = []
    for run in _unstyled_edges(runs):
        if not run.text:
            continue
        if out:
            last = out[-1]
            if (last.bold, last.italic, last.underline, last.kind) == (
                run.bold,
                run.italic,
                run.underline,
                run.kind,
            ):
                out[-1] = Run(last.text + run.text, run.bold, run.italic, run.underline, run.kind)
                continue
        out.append(run)
    return tuple(out)


def split_lines(runs: Iterable[Run]) -> list[Text]:
    """Runs cut at each newline into one run list per line."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Run(part, run.bold, run.italic, run.underline, run.kind))
    return [merge_runs(line) for line in lines]


def join_lines(lines: Iterable[Text], separator: str = " ") -> Text:
    """Several lines as one, joined by ``separator`` (styled like its neighbour)."""
    out: list[Run] = []
    for index, line in enumerate(lines):
        if index and line and out:
            # The separator is styled only where the text on both sides is.
            a, b = out[-1], line[0]
            out.append(
                Run(
                    separator, a.bold and b.bold, a.italic and b.italic, a.underline and b.underline
                )
            )
        out.extend(line)
    return merge_runs(out)


def strip_runs(runs: Text) -> Text:
    """Leading and trailing whitespace removed from a run list."""
    runs = list(merge_runs(runs))
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        first, last = runs[0], runs[-1]
        runs[0] = Run(first.text.lstrip(), first.bold, first.italic, first.underline, first.kind)
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.underline, last.kind)
    return tuple(runs)


def plain_text(runs: Iterable[Run]) -> str:
    return "".join(run.text for run in runs)


def character_from_cue(text: str, dual: bool = False) -> Character:
    """A printed cue (``MARY (V.O.) (CONT'D)``) as a Character: name and extensions."""
    text = " ".join(text.split())
    cue = lexer.parse_cue("@" + text.replace("^", ""))
    if cue is None:
        return Character(text, (), dual)
    return Character(cue.name.strip(), cue.extensions, dual)


def speech(character: Character, parts: list) -> Dialogue:
    """A Dialogue; a cue with nothing under it keeps one empty line so it stays a cue."""
    return Dialogue(character, tuple(parts) or (DialogueLine(()),))


def assemble(
    title_page: TitlePage | None,
    blocks: Iterable[Block],
    format: Format,
    warnings: Iterable[ReaderWarning] = (),
) -> ReadResult:
    """Blocks in reading order grouped into scenes, then made canonical (see base)."""
    body: list[object] = []
    heading: SceneHeading | None = None
    elements: list[object] = []

    def close_scene() -> None:
        nonlocal heading, elements
        if heading is not None:
            body.append(Scene(heading, tuple(elements)))
        heading, elements = None, []

    for block in blocks:
        if isinstance(block, SceneHeading):
            close_scene()
            heading = block
        elif isinstance(block, Section):
            close_scene()
            body.append(block)
        elif heading is not None:
            elements.append(block)
        else:
            body.append(block)
    close_scene()
    screenplay, text = canonical(Screenplay(title_page, tuple(body)))  # type: ignore[arg-type]
    return ReadResult(screenplay, text, format, tuple(warnings))
