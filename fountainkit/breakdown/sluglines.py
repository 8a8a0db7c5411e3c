"""Split a scene heading into INT/EXT, location, sub-location and time of day.

``INT. HOUSE - KITCHEN - NIGHT`` gives int_ext ``INT``, location ``HOUSE``,
sub-location ``KITCHEN`` and time ``NIGHT``. Segments are separated by
`` - `` (the Fountain convention) and also by ``--`` or an en/em dash, which
real scripts use as often (``EXT. PARK--DAY``). The last segment is the time
only when it reads as one (see :func:`is_time_of_day`); otherwise it stays
part of the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest prefixes first so that "INT./EXT." is not read as "INT." + "/EXT.".
_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"INT\.?\s*/\s*EXT", "INT/EXT"),
    (r"EXT\.?\s*/\s*INT", "INT/EXT"),
    (r"I\.?\s*/\s*E", "INT/EXT"),
    (r"E\.?\s*/\s*I", "INT/EXT"),
    (r"INT", "INT"),
    (r"EXT", "EXT"),
    (r"EST", "EST"),
)
_PREFIX_RE = re.compile(
    r"^\s*(?:" + "|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(_PREFIXES)) + r")"
    r"(?:\.\s*|\s+|$)",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*--+\s*|\s*[\u2013\u2014]\s*")
_PARENTHESES_RE = re.compile(r"\([^)]*\)")

# Words that make a segment a time of day even inside a longer phrase
# ("LATER THAT NIGHT", "EARLY MORNING", "THE NEXT DAY").
TIME_WORDS: frozenset[str] = frozenset(
    {
        "DAY",
        "NIGHT",
        "DAWN",
        "DUSK",
        "MORNING",
        "AFTERNOON",
        "EVENING",
        "NOON",
        "MIDDAY",
        "MIDNIGHT",
        "SUNRISE",
        "SUNSET",
        "TWILIGHT",
        "DAYBREAK",
        "NIGHTFALL",
        "CONTINUOUS",
        "LATER",
        "SAME",
        "SIMULTANEOUS",
        "MOMENTS",
        "PRE-DAWN",
        # Korean: day, night, dawn, morning, evening, afternoon, continuous.
        "\ub0ae",
        "\ubc24",
        "\uc0c8\ubcbd",
        "\uc544\uce68",
        "\uc800\ub141",
        "\uc624\ud6c4",
        "\uacc4\uc18d",
    }
)
# Whole phrases with no time word inside them.
TIME_PHRASES: frozenset[str] = frozenset({"MAGIC HOUR", "GOLDEN HOUR", "BLUE HOUR", "SAME TIME"})


@dataclass(frozen=True, slots=True)
class Slugline:
    int_ext: str
    location: str
    sublocation: str
    time: str


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


def is_time_of_day(segment: str) -> bool:
    """True when a heading segment names a time (``DAY``, ``MOMENTS LATER``...)."""
    words = _normalise_space(_PARENTHESES_RE.sub(" ", segment)).upper()
    if not words:
        return False
    if words in TIME_PHRASES:
        return True
    return any(word.strip(".,;:!?") in TIME_WORDS for word in words.split())


def split_int_ext(heading: str) -> tuple[str, str]:
    """(int_ext, rest): ``INT./EXT. CAR`` -> ``("INT/EXT", "CAR")``; no prefix -> ``""``."""
    match = _PREFIX_RE.match(heading)
    if match is None:
        return "", heading.strip()
    for i, (_, label) in enumerate(_PREFIXES):
        if match.group(f"p{i}") is not None:
            return label, heading[match.end() :].strip()
    raise AssertionError("unreachable: one prefix group always matches")


def parse_slugline(heading: str) -> Slugline:
    """Split a heading's visible text (scene number already removed)."""
    int_ext, rest = split_int_ext(_normalise_space(heading))
    segments = [s.strip() for s in _SEPARATOR_RE.split(rest) if s.strip()]
    time = ""
    if len(segments) > 1 and is_time_of_day(segments[-1]):
        time = segments.pop()
    location = segments[0] if segments else ""
    sublocation = " - ".join(segments[1:])
    return Slugline(int_ext, location, sublocation, time)
