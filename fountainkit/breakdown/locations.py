"""Sets a scheduler can group: one name per set however the headings spell it.

``INT. THE BLOOM HOUSE - KITCHEN``, ``EXT. BLOOM HOUSE`` and
``INT. BLOOM-HOUSE [RAIN]`` are one set. The grouping key ignores case, a
leading ``THE``, hyphens, spaces, dots and apostrophes (``BACK-YARD``,
``BACK YARD``, ``BACKYARD``; ``ST. JOHN'S``, ``ST JOHNS``) and any bracketed
note. What the key cannot know (``MIKE'S PLACE`` is ``MIKE'S APARTMENT``) the
config file says, like ``cast_aliases``::

    breakdown:
      locations:
        MIKE'S PLACE: MIKE'S APARTMENT
        HOSPITAL - ER: HOSPITAL - EMERGENCY ROOM    # set and sub-location together

A set keeps the first spelling the script gives it (or the alias's target).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from fountainkit.breakdown.model import LocationSummary, SceneBreakdown

_NOTES_RE = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_LEADING_THE_RE = re.compile(r"^\s*THE\s+", re.IGNORECASE)
_IGNORED_RE = re.compile(r"[\W_]+")


def group_key(name: str) -> str:
    """The key sets are grouped by: ``"The Bloom-House (1977)"`` -> ``"bloomhouse"``."""
    text = _NOTES_RE.sub(" ", name)
    text = _LEADING_THE_RE.sub("", text)
    return _IGNORED_RE.sub("", text).casefold()


class LocationAliases:
    """The ``locations:`` mapping, matched by group key: whole place first, then the set."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self._aliases = {group_key(alias): target for alias, target in aliases.items()}

    def resolve(self, location: str, sublocation: str) -> tuple[str, str]:
        """(set, sub-location) after the aliases."""
        if not self._aliases:
            return location, sublocation
        if sublocation:
            target = self._aliases.get(group_key(f"{location} - {sublocation}"))
            if target is not None:
                return _split(target, "")
        target = self._aliases.get(group_key(location))
        if target is not None:
            return _split(target, sublocation)
        return location, sublocation


def _split(target: str, sublocation: str) -> tuple[str, str]:
    place, _, sub = target.partition(" - ")
    return place.strip(), sub.strip() or sublocation


def set_names(places: Iterable[str]) -> dict[str, str]:
    """Group key -> the name a set is shown under: its first spelling."""
    names: dict[str, str] = {}
    for place in places:
        if place:
            names.setdefault(group_key(place), place)
    return names


def summarise(scenes: Iterable[SceneBreakdown]) -> tuple[LocationSummary, ...]:
    """One summary per set, biggest first: what a location scout reads top down."""
    grouped: dict[str, list[SceneBreakdown]] = {}
    for scene in scenes:
        grouped.setdefault(group_key(scene.set) or scene.heading.casefold(), []).append(scene)
    summaries = []
    for members in grouped.values():
        subs: dict[str, str] = {}
        for scene in members:
            if scene.sublocation:
                subs.setdefault(group_key(scene.sublocation), scene.sublocation)
        summaries.append(
            LocationSummary(
                name=members[0].set or members[0].heading,
                int_ext=tuple(dict.fromkeys(s.int_ext for s in members if s.int_ext)),
                sublocations=tuple(subs.values()),
                spellings=tuple(dict.fromkeys(s.location for s in members if s.location)),
                scenes=tuple(s.index for s in members),
                eighths=sum(s.eighths for s in members),
            )
        )
    summaries.sort(key=lambda loc: (-loc.eighths, loc.scenes[0]))
    return tuple(summaries)
