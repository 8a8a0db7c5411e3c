"""Scene numbers: the forced ``#7A#`` ones, and the automatic ones around them.

A scene without a forced number takes the next integer after the previous
scene's number, so a script numbered ``1, 2, #7A#`` after scene 7 goes on
``8, 9...`` and a locked ``#21#`` at the end still lines up. A forced number
without digits (``#X#``) leaves the count where it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fountainkit.model import Scene

_LEADING_INTEGER = re.compile(r"\d+")


def scene_numbers(scenes: Iterable[Scene]) -> list[str]:
    """The printed number of each scene, in order."""
    numbers: list[str] = []
    count = 0
    for scene in scenes:
        forced = scene.heading.number
        if forced:
            numbers.append(forced)
            match = _LEADING_INTEGER.search(forced)
            if match:
                count = int(match.group())
        else:
            count += 1
            numbers.append(str(count))
    return numbers
