"""Locking scene numbers: writing the printed numbers into the script's headings.

``lock_numbers`` returns the new text of a script with ``#12#`` added to every
heading that has no written number, and an ``OMITTED`` heading for each locked
number whose scene is gone. Only those lines change: every other byte (line
endings, a BOM, trailing spaces, the author's spacing) is kept.

A locked script keeps its numbers in its headings (where Fountain allows it);
which numbers were locked is remembered beside it in the lock file
(:mod:`fountainkit.production.lockfile`), so a scene deleted later can come
back as ``OMITTED`` with its number, as shooting scripts print it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from fountainkit.model import Run, Scene, SceneHeading, Screenplay
from fountainkit.production.numbering import InsertStyle, number_key, scene_numbers

# Line breaks as the parser reads them (CRLF, CR and LF), kept with their line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
OMITTED = "OMITTED"


@dataclass(frozen=True, slots=True)
class LockResult:
    text: str  # the script with the numbers written in
    numbers: tuple[str, ...]  # every scene's number, in order (OMITTED ones included)
    numbered: tuple[str, ...]  # the numbers newly written into headings
    omitted: tuple[str, ...]  # locked numbers whose scene is gone, now OMITTED headings


def _physical_lines(text: str) -> list[str]:
    lines = _LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()  # findall's empty match at the very end
    return lines


def _split_ending(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body) :]


def with_omitted(screenplay: Screenplay, locked: Sequence[str]) -> Screenplay:
    """``screenplay`` with an ``OMITTED`` scene for each locked number no scene carries.

    Each goes before the first scene whose written number comes after it (or at
    the end), so scenes added since the lock are numbered around it (a new scene
    where 2 was is 1A, not 2). The added scenes have no span in the source.
    """
    written = {s.heading.number for s in screenplay.scenes() if s.heading.number}
    missing = [number for number in locked if number not in written]
    if not missing:
        return screenplay
    body = list(screenplay.body)
    for number in sorted(missing, key=lambda n: number_key(n) or (0, 0, n)):
        wanted = number_key(number)
        position = len(body)
        if wanted is not None:
            for index, item in enumerate(body):
                if isinstance(item, Scene) and item.heading.number:
                    key = number_key(item.heading.number)
                    if key is not None and key > wanted:
                        position = index
                        break
        heading = SceneHeading((Run(OMITTED),), number, forced=True)
        body.insert(position, Scene(heading, ()))
    return replace(screenplay, body=tuple(body))


def is_omitted(scene: Scene) -> bool:
    """An ``OMITTED`` heading: a locked scene taken out of the script."""
    return scene.heading.text.strip().upper() == OMITTED and not scene.elements


def lock_numbers(
    text: str,
    screenplay: Screenplay,
    *,
    locked: Sequence[str] = (),
    inserts: InsertStyle = "after",
) -> LockResult:
    """``text`` (the script ``screenplay`` was parsed from) with its numbers locked.

    ``locked``: the numbers a previous lock recorded; those no scene carries
    any more become ``OMITTED`` headings where they belong in number order.
    """
    scenes = list(with_omitted(screenplay, locked).scenes())
    numbers = scene_numbers(scenes, inserts)
    lines = _physical_lines(text)
    newline = next((ending for _, ending in map(_split_ending, lines) if ending), "\n")
    # Edits by physical line (1-based): text appended to a heading, lines put before one.
    append: dict[int, str] = {}
    insert_before: dict[int, list[str]] = {}
    at_end: list[str] = []
    numbered: list[str] = []
    omitted: list[str] = []
    pending: list[str] = []  # OMITTED headings waiting for the next scene in the text
    for scene, number in zip(scenes, numbers, strict=True):
        if scene.heading.span.start_line == 0:  # added by with_omitted
            pending.append(f".{OMITTED} #{number}#")
            omitted.append(number)
            continue
        if pending:
            insert_before.setdefault(scene.heading.span.start_line, []).extend(pending)
            pending = []
        if scene.heading.number is None:
            append[scene.heading.span.end_line] = f" #{number}#"
            numbered.append(number)
    at_end.extend(pending)
    out: list[str] = []
    for index, line in enumerate(lines, start=1):
        for heading in insert_before.get(index, ()):
            out.append(heading + newline + newline)
        if index in append:
            body, ending = _split_ending(line)
            stripped = body.rstrip(" \t")
            line = stripped + append[index] + body[len(stripped) :] + ending
        out.append(line)
    if at_end:
        if out and not out[-1].endswith(("\n", "\r")):
            out.append(newline)
        for heading in at_end:
            out.append(newline + heading + newline)
    return LockResult("".join(out), tuple(numbers), tuple(numbered), tuple(omitted))
