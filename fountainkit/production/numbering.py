"""Scene numbers: the written ``#12A#`` ones, and the ones given to scenes without.

One numbering serves the PDF, the breakdown, schedules and the language server,
so a number printed on a page is the number on every list.

A scene without a written number takes the next whole number after the scene
before it, unless that number is already taken further on, as in a locked
script where scene 13 follows 12: then the new scene is an insert, ``12A``
(and the next insert ``12B``), the way production offices number added scenes
once the numbers are locked. With ``inserts="before"`` the insert takes the
number of the scene after it with a letter in front (``A13``). A scene inserted
before the first numbered scene is ``A1`` (``A`` + that scene's number) either way.

A written number without digits (``#X#``) keeps the count where it was; one that
is not of the usual shape (``I-1-A``, ``1.``) is printed as written and left out
of the order checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from fountainkit.model import Scene

InsertStyle = Literal["after", "before"]
INSERT_STYLES: tuple[str, ...] = ("after", "before")

# An optional letter prefix (A12: a scene inserted before 12), the number, and an
# optional letter suffix (12A: inserted after 12).
_USUAL = re.compile(r"(?P<prefix>[A-Z]*)(?P<number>\d+)(?P<suffix>[A-Z]*)", re.IGNORECASE)
_LEADING_INTEGER = re.compile(r"\d+")


def number_key(number: str) -> tuple[int, int, str] | None:
    """A sort key in shooting-script order, or None for a number of another shape.

    ``A12 < B12 < 12 < 12A < 12AA < 12B``: letters compare as written, so a
    scene inserted between 12A and 12B is 12AA.
    """
    match = _USUAL.fullmatch(number.strip())
    if match is None:
        return None
    prefix, suffix = match["prefix"].upper(), match["suffix"].upper()
    if prefix and suffix:
        return None
    value = int(match["number"])
    if prefix:
        return (value, 0, prefix)
    return (value, 1, suffix)


def _next_letters(letters: str) -> str:
    """The next letters in written order: "" -> A, A -> B, ..., Z -> ZA."""
    if not letters:
        return "A"
    if letters[-1] != "Z":
        return letters[:-1] + chr(ord(letters[-1]) + 1)
    return letters + "A"


def insert_after(previous: str, taken: set[str], below: tuple | None) -> str | None:
    """A free suffix number after ``previous`` that sorts before ``below``, or None.

    12 -> 12A; 12A -> 12B, or 12AA when 12B is taken or comes next. There is no
    room between 12 and 12A: None.
    """
    match = _USUAL.fullmatch(previous)
    assert match is not None
    base = match["prefix"] + match["number"]
    suffix = match["suffix"].upper()
    for letters in (_next_letters(suffix), *(suffix + "A" * n for n in range(1, 4))):
        candidate = base + letters
        key = number_key(candidate)
        if candidate not in taken and key is not None and (below is None or key < below):
            return candidate
    return None


def _insert_before(following: str, taken: set[str], above: tuple | None) -> str | None:
    """A free prefix number before ``following`` that sorts after ``above``, or None."""
    match = _USUAL.fullmatch(following)
    assert match is not None
    if match["suffix"]:
        return None  # A12B is not a shape production offices use
    prefix = ""
    for _ in range(26 * 2):
        prefix = _next_letters(prefix)
        candidate = prefix + match["prefix"] + match["number"]
        key = number_key(candidate)
        if candidate not in taken and key is not None and (above is None or key > above):
            return candidate
    return None


def _unique(stem: str, taken: set[str]) -> str:
    count = 1
    while f"{stem}{count}" in taken:
        count += 1
    return f"{stem}{count}"


def scene_numbers(scenes: Iterable[Scene], inserts: InsertStyle = "after") -> list[str]:
    """The printed number of each scene, in order (see the module docstring)."""
    scenes = list(scenes)
    written = [scene.heading.number for scene in scenes]
    taken = {number for number in written if number}
    # The key of the next written, usual-shaped number after each position.
    next_key: list[tuple | None] = [None] * (len(scenes) + 1)
    next_number: list[str | None] = [None] * (len(scenes) + 1)
    for index in range(len(scenes) - 1, -1, -1):
        number = written[index]
        key = number_key(number) if number else None
        if key is not None:
            next_key[index], next_number[index] = key, number
        else:
            next_key[index], next_number[index] = next_key[index + 1], next_number[index + 1]
    numbers: list[str] = []
    count = 0
    previous: str | None = None  # the last usual-shaped number given
    for index, number in enumerate(written):
        if number:
            numbers.append(number)
            match = _LEADING_INTEGER.search(number)
            if match:
                count = int(match.group())
            if number_key(number) is not None:
                previous = number
            continue
        below = next_key[index + 1]
        plain = str(count + 1)
        if (below is None or number_key(plain) < below) and plain not in taken:
            given = plain
            count += 1
        else:
            following = next_number[index + 1]
            above = number_key(previous) if previous else None
            after = insert_after(previous, taken, below) if previous else None
            before = _insert_before(following, taken, above) if following else None
            given = (before or after) if inserts == "before" else (after or before)
            # No room in shooting-script order (a scene between 12 and 12A):
            # a number that is at least unique.
            given = given or _unique(f"{previous or plain}-", taken)
        numbers.append(given)
        taken.add(given)
        if number_key(given) is not None:
            previous = given
    return numbers


@dataclass(frozen=True, slots=True)
class NumberProblem:
    """Something wrong with the written scene numbers, at a scene heading."""

    kind: Literal["duplicate", "out-of-order", "omitted"]
    number: str
    line: int  # the heading's line; 0 for a locked scene that is gone
    message: str


def check_numbers(scenes: Sequence[Scene], inserts: InsertStyle = "after") -> list[NumberProblem]:
    """Duplicate numbers, and numbers that do not follow the scene before them."""
    problems: list[NumberProblem] = []
    numbers = scene_numbers(scenes, inserts)
    first_line: dict[str, int] = {}
    last_key: tuple | None = None
    last_number = ""
    for scene, number in zip(scenes, numbers, strict=True):
        line = scene.heading.span.start_line
        if number in first_line:
            problems.append(
                NumberProblem(
                    "duplicate",
                    number,
                    line,
                    f"scene number {number} is used again (first at line {first_line[number]})",
                )
            )
        else:
            first_line[number] = line
        key = number_key(number)
        if key is None:
            continue
        if last_key is not None and key <= last_key and number != last_number:
            problems.append(
                NumberProblem(
                    "out-of-order",
                    number,
                    line,
                    f"scene number {number} comes after {last_number}, out of order",
                )
            )
        last_key, last_number = key, number
    return problems
