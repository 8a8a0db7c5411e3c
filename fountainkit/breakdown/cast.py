"""The cast: who has a cast ID, under which name, and in what order.

Cast IDs (the numbers on a stripboard strip) go only to

* speaking parts: the character cues, normalised the way afterwriting and Beat
  do it (``@Dean``, ``DEAN (V.O.)`` and ``DEAN ^`` are all ``DEAN``;
  ``YOUNG DEAN`` stays a character of its own);
* names tagged ``[[cast: NAME]]`` in the script;
* names listed under ``cast:`` in the config file.

``cast_aliases`` in the config file merge two names of one character. One
merge needs no configuration: a full-name introduction in action
(``EDWARD BLOOM`` or ``WILL BLOOM, AGE 3``) whose first name is a cast name
(``EDWARD``, ``WILL``) is that character, as long as no other full name in the
script starts with the same first name; likewise ``DR. OKAFOR`` is
``OKAFOR``. The other way round, a cast name written in full (``EDWARD
BLOOM``) is also found in action by its first name when that is unambiguous.

IDs go by the number of scenes, most first, then by first appearance
(research notes 1.4: Wattwenn, afterwriting); configured names that never
appear come last. IDs pinned in the config file (``cast: {DEZ: 1}``) stay as
given, as they must once a stripboard is published; the rest fill the gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from fountainkit.breakdown.lexicon import HONORIFICS, TITLES, WORD_NAMES
from fountainkit.breakdown.model import CastMember

_PARENTHESES_RE = re.compile(r"\([^)]*\)")


@lru_cache(maxsize=4096)  # a script has few names and thousands of cues
def normalise_cue(name: str) -> str:
    """The character a cue speaks for: ``@Dean (V.O.) ^`` -> ``DEAN``."""
    text = name.strip()
    if text.startswith("@"):
        text = text[1:]
    text = text.rstrip()
    if text.endswith("^"):
        text = text[:-1]
    text = _PARENTHESES_RE.sub(" ", text)
    return " ".join(text.split()).upper()


def normalise_name(name: str) -> str:
    """A name from a tag or the config file, written like a cue: ``Mrs.  Kim`` -> ``MRS. KIM``."""
    return " ".join(name.split()).upper()


@dataclass
class CastTally:
    """What the breakdown counts for one cast member while it reads the script."""

    source: str  # "speaking", "tag" or "config"
    first_seen: tuple[int, int] = (1 << 30, 0)  # (row position, order within the row)
    speaking_scenes: list[int] = field(default_factory=list)
    scenes: list[int] = field(default_factory=list)
    speeches: int = 0
    dialogue_lines: int = 0
    words: int = 0
    also_known_as: list[str] = field(default_factory=list)

    def seen(self, scene: int, position: tuple[int, int]) -> None:
        if not self.scenes or self.scenes[-1] != scene:
            self.scenes.append(scene)
        self.first_seen = min(self.first_seen, position)


def full_name_merges(cast: Iterable[str], full_names: Iterable[str]) -> dict[str, str]:
    """Full names in action that are a cast member: ``{"EDWARD BLOOM": "EDWARD"}``.

    ``full_names`` are the people the action introduces. A full name merges
    when its first name (or, after a title, the rest: ``DR. OKAFOR``) is a cast
    name and no other full name claims the same cast name.
    """
    known = set(cast)
    claims: dict[str, set[str]] = {}
    for name in full_names:
        if name in known:
            continue
        words = name.split()
        if len(words) < 2:
            continue
        target = None
        if words[0].rstrip(".") in HONORIFICS or words[0] in TITLES:
            rest = " ".join(words[1:])
            target = rest if rest in known else None
        if target is None and words[0] in known:
            target = words[0]
        if target is not None:
            claims.setdefault(target, set()).add(name)
    return {next(iter(names)): target for target, names in claims.items() if len(names) == 1}


def short_forms(cast: Iterable[str]) -> dict[str, str]:
    """First names a full cast name is also found by: ``{"EDWARD": "EDWARD BLOOM"}``.

    Only when the first name is no cast name itself, no other cast name starts
    with it, and it is not an everyday word (``WILL``, ``MAY``).
    """
    names = list(cast)
    known = set(names)
    by_first: dict[str, list[str]] = {}
    for name in names:
        words = name.split()
        if len(words) >= 2 and words[0].rstrip(".") not in HONORIFICS and words[0] not in TITLES:
            by_first.setdefault(words[0], []).append(name)
    return {
        first: full[0]
        for first, full in by_first.items()
        if len(full) == 1 and first not in known and first not in WORD_NAMES and len(first) > 2
    }


def ranked_cast(
    tallies: Mapping[str, CastTally], pinned: Mapping[str, int] | None = None
) -> tuple[CastMember, ...]:
    """The cast list with IDs: most scenes first, ties by first appearance.

    ``pinned`` IDs (from the config file) are kept; the others fill the free
    numbers in that order. The list is sorted by ID.
    """
    ranked = sorted(
        tallies.items(),
        key=lambda item: (-len(item[1].scenes), item[1].first_seen, item[0]),
    )
    pinned = {name: number for name, number in (pinned or {}).items() if name in tallies}
    taken = set(pinned.values())
    numbers: dict[str, int] = {}
    free = 1
    for name, _tally in ranked:
        if name in pinned:
            numbers[name] = pinned[name]
            continue
        while free in taken:
            free += 1
        numbers[name] = free
        taken.add(free)
    ranked.sort(key=lambda item: numbers[item[0]])
    return tuple(
        CastMember(
            id=numbers[name],
            name=name,
            speaking=bool(tally.speaking_scenes),
            source=tally.source,
            also_known_as=tuple(tally.also_known_as),
            scenes=tuple(tally.scenes),
            speaking_scenes=tuple(tally.speaking_scenes),
            speeches=tally.speeches,
            dialogue_lines=tally.dialogue_lines,
            words=tally.words,
        )
        for name, tally in ranked
    )
