"""What to offer at the caret: cue names, heading locations and times, transitions.

Completion reads only the current line up to the caret and whether the line
above is empty, so it works on text the parser has not settled yet (a cue
being typed is still action until its speech follows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

SuggestionKind = Literal["character", "location", "time", "transition", "heading"]

TRANSITIONS = (
    "CUT TO:",
    "DISSOLVE TO:",
    "SMASH CUT TO:",
    "MATCH CUT TO:",
    "JUMP CUT TO:",
    "FADE TO:",
    "FADE TO BLACK.",
    "FADE OUT.",
    "BACK TO:",
    "INTERCUT WITH:",
)
STANDARD_TIMES = (
    "DAY",
    "NIGHT",
    "MORNING",
    "AFTERNOON",
    "EVENING",
    "DAWN",
    "DUSK",
    "CONTINUOUS",
    "LATER",
    "MOMENTS LATER",
)
HEADING_PREFIXES = ("INT. ", "EXT. ", "INT./EXT. ", "EST. ")

# "INT. " / "EXT " / "I/E. " / ".": what comes before the location.
_HEADING_START_RE = re.compile(
    r"^\s*(?:(?:INT\.?/EXT|EXT\.?/INT|INT|EXT|EST|I/E)[.\s]\s*|\.(?=[^.\s]))",
    re.IGNORECASE,
)
_TIME_SEPARATOR_RE = re.compile(r"\s+[-\u2013\u2014]+\s*|\s*--\s*")


@dataclass(frozen=True, slots=True)
class Suggestion:
    label: str
    kind: SuggestionKind
    replace_from: int  # 0-based column on the line where the inserted text starts
    detail: str = ""


def suggest(
    prefix: str,
    previous_line: str,
    *,
    names: Sequence[str],
    locations: Sequence[str],
    times: Sequence[str],
) -> list[Suggestion]:
    """Suggestions for a caret after ``prefix`` (the line up to the caret)."""
    heading = _HEADING_START_RE.match(prefix)
    if heading is not None:
        return _heading_suggestions(prefix, heading.end(), locations, times)
    if previous_line.strip():
        return []  # cues, headings and transitions all need an empty line above
    stripped = prefix.lstrip()
    start = len(prefix) - len(stripped)
    if stripped.startswith(("@", ">")):
        start += 1
        stripped = stripped[1:]
    if any(c.islower() for c in stripped) and not prefix.lstrip().startswith("@"):
        return []  # lower case: the writer is typing action
    wanted = stripped.upper()
    found = [
        Suggestion(name, "character", start, "character")
        for name in names
        if name.startswith(wanted) and name != wanted
    ]
    if not prefix.lstrip().startswith("@"):
        found += [
            Suggestion(t, "transition", start, "transition")
            for t in TRANSITIONS
            if t.startswith(wanted)
        ]
        if not prefix.lstrip().startswith(">"):
            found += [
                Suggestion(h.strip(), "heading", start, "scene heading")
                for h in HEADING_PREFIXES
                if h.startswith(wanted) and wanted
            ]
    return found


def _heading_suggestions(
    prefix: str, place_start: int, locations: Sequence[str], times: Sequence[str]
) -> list[Suggestion]:
    rest = prefix[place_start:]
    separators = list(_TIME_SEPARATOR_RE.finditer(rest))
    if separators:
        # After " - ": the time of day (or a sub-location the script has used).
        time_start = place_start + separators[-1].end()
        typed = prefix[time_start:].upper()
        choices = list(dict.fromkeys([*times, *STANDARD_TIMES]))
        return [
            Suggestion(t, "time", time_start, "time of day")
            for t in choices
            if t.upper().startswith(typed) and t.upper() != typed
        ]
    typed = rest.upper()
    return [
        Suggestion(place, "location", place_start, "location")
        for place in locations
        if place.upper().startswith(typed) and place.upper() != typed
    ]
