"""Split a scene heading into INT/EXT, set, sub-location, time of day and modifiers.

``INT. HOUSE - KITCHEN - NIGHT - FLASHBACK`` gives int_ext ``INT``, location
``HOUSE``, sub-location ``KITCHEN``, time ``NIGHT`` and modifiers
``("FLASHBACK",)``.

How a heading is read:

* Segments are separated by `` - `` (the Fountain convention), ``--`` or an
  en/em dash, which real scripts use as often (``EXT. PARK--DAY``); inside a
  segment, a comma can also end the place (``INT. APARTMENT, DAY``,
  ``EXT. ROAD - DAY, CONTINUOUS``).
* The first part is always the place, even when it holds a time word
  (``INT. DAY CARE CENTER - DAY``), unless it is a modifier followed by a place
  (``.FLASHBACK - STUDIO B - 2007``).
* From the first part that reads as a time of day or a modifier on, nothing is
  place any more: times are kept as written (``NIGHT - LATER``, ``DAY,
  CONTINUOUS``), anything else is a modifier (``FLASHBACK``, a year,
  ``MOVING``, ``RAIN``).
* Text in brackets or parentheses anywhere in the heading is a modifier
  (``[THE STORM]``, ``(1977)``, ``(MOVING)``), never part of the place.
* The place splits into set and sub-location on `` - `` and ``/``
  (``HOUSE/KITCHEN``), but not on a slash between digits (``7/11``).
* ``DAY 3`` or ``NIGHT 2`` as the time is the common shooting-script way of
  writing the story day: the time is ``DAY`` and :attr:`Slugline.story_day` is
  ``3``.
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
_SEPARATOR_RE = re.compile(r"\s+[-\u2013\u2014]+\s+|\s*--+\s*|\s*[\u2013\u2014]\s*|\s+-$|^-\s+")
_NOTE_RE = re.compile(r"\[([^\]]*)\]|\(([^)]*)\)")
_SLASH_RE = re.compile(r"\s*/\s*")
_YEAR_RE = re.compile(r"(?<!\d)(?:1[5-9]|2[0-9])\d\d(?:'?S)?(?!\d)|^'\d\d$", re.IGNORECASE)
_STORY_DAY_RE = re.compile(r"^(?P<time>DAY|NIGHT)\s+(?P<day>\d{1,3}[A-Z]?)$", re.IGNORECASE)

# Words that make a part a time of day even inside a longer phrase
# ("LATER THAT NIGHT", "EARLY MORNING", "THE NEXT DAY").
TIME_WORDS: frozenset[str] = frozenset(
    {
        "DAY", "NIGHT", "DAWN", "DUSK", "MORNING", "AFTERNOON", "EVENING", "NOON", "MIDDAY",
        "MIDNIGHT", "SUNRISE", "SUNSET", "TWILIGHT", "DAYBREAK", "NIGHTFALL", "CONTINUOUS",
        "LATER", "EARLIER", "SAME", "SIMULTANEOUS", "MOMENTS", "PRE-DAWN", "DAYTIME",
        "NIGHTTIME", "LUNCHTIME", "DINNERTIME", "BREAKFAST",
        # Korean: day, night, dawn, morning, evening, afternoon, continuous, later.
        "\ub0ae", "\ubc24", "\uc0c8\ubcbd", "\uc544\uce68", "\uc800\ub141", "\uc624\ud6c4",
        "\uacc4\uc18d", "\uc7a0\uc2dc \ud6c4",
    }
)  # fmt: skip
# Whole phrases with no time word inside them.
TIME_PHRASES: frozenset[str] = frozenset(
    {"MAGIC HOUR", "GOLDEN HOUR", "BLUE HOUR", "SAME TIME", "FIRST LIGHT", "LAST LIGHT"}
)
# Parts that qualify the scene rather than place or time it. Checked before the
# time words, so "PRESENT DAY" is a modifier, not a day.
MODIFIERS: frozenset[str] = frozenset(
    {
        "FLASHBACK", "FLASH BACK", "FLASHBACK SEQUENCE", "END FLASHBACK", "BACK TO PRESENT",
        "FLASHFORWARD", "FLASH FORWARD", "FLASH-FORWARD", "DREAM", "DREAM SEQUENCE",
        "NIGHTMARE", "FANTASY", "MEMORY", "HALLUCINATION", "PRESENT", "PRESENT DAY",
        "THE PRESENT", "PAST", "THE PAST", "FUTURE", "THE FUTURE", "MOVING", "TRAVELLING",
        "TRAVELING", "DRIVING", "ESTABLISHING", "ESTABLISHING SHOT", "SERIES OF SHOTS",
        "MONTAGE", "INTERCUT", "SLOW MOTION", "SLOW MO", "B&W", "BLACK AND WHITE",
        "BLACK & WHITE", "ARCHIVE", "ARCHIVAL", "FOOTAGE", "NEWS FOOTAGE", "VIDEO",
        "HOME VIDEO", "SECURITY FOOTAGE", "ON SCREEN", "ON TV", "POV", "SPLIT SCREEN",
        "UNDERWATER", "AERIAL", "AERIAL SHOT", "STOCK", "STOCK FOOTAGE", "RAIN", "SNOW",
        "STORM", "FOG", "SILENT", "NO DIALOGUE", "OMITTED",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Slugline:
    int_ext: str
    location: str  # the set as written, notes removed
    sublocation: str
    time: str  # the time of day as written ("NIGHT", "DAY, CONTINUOUS", "MAGIC HOUR")
    modifiers: tuple[str, ...] = ()  # FLASHBACK, 1985, THE STORM...
    story_day: str = ""  # from "DAY 3" / "NIGHT 2" as the time


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


def _words(part: str) -> str:
    return _normalise_space(part).upper().strip(" .,;:!?")


def is_modifier(part: str) -> bool:
    """True for ``FLASHBACK``, ``PRESENT DAY``, a year (``1985``, ``1970S``) and the like."""
    words = _words(part)
    return words in MODIFIERS or bool(_YEAR_RE.search(words))


def is_time_of_day(part: str) -> bool:
    """True when a heading part names a time (``DAY``, ``MOMENTS LATER``...)."""
    words = _words(_NOTE_RE.sub(" ", part))
    if not words or is_modifier(words):
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


def _notes(text: str) -> tuple[str, list[str]]:
    """The text without bracketed or parenthesised notes, and the notes' insides."""
    notes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        inside = _normalise_space(match.group(1) or match.group(2) or "")
        if inside:
            notes.append(inside)
        return " "

    return _NOTE_RE.sub(keep, text), notes


def _parts(rest: str) -> list[tuple[int, str]]:
    """(dash segment number, part) for every comma part of every dash segment."""
    parts = []
    segments = [s.strip() for s in _SEPARATOR_RE.split(rest)]
    for number, segment in enumerate(s for s in segments if s):
        for part in segment.split(","):
            if part.strip():
                parts.append((number, _normalise_space(part)))
    return parts


def _joined(parts: list[tuple[int, str]]) -> str:
    """Parts written back with the separators they had: `` - `` between segments, ``, `` inside."""
    text = ""
    for i, (segment, part) in enumerate(parts):
        if i:
            text += ", " if parts[i - 1][0] == segment else " - "
        text += part
    return text


def _split_set(place: str) -> list[str]:
    """``HOUSE/KITCHEN`` -> ``[HOUSE, KITCHEN]``; ``7/11`` stays whole."""
    pieces = []
    start = 0
    for match in _SLASH_RE.finditer(place):
        before, after = place[: match.start()], place[match.end() :]
        if before[-1:].isdigit() and after[:1].isdigit():
            continue
        pieces.append(place[start : match.start()])
        start = match.end()
    pieces.append(place[start:])
    return [p.strip() for p in pieces if p.strip()]


def parse_slugline(heading: str) -> Slugline:
    """Split a heading's visible text (scene number already removed)."""
    int_ext, rest = split_int_ext(_normalise_space(heading))
    rest, modifiers = _notes(rest)
    parts = _parts(rest)
    # A leading modifier with a place after it: ".FLASHBACK - STUDIO B - 2007".
    while len(parts) > 1 and is_modifier(parts[0][1]) and not is_time_of_day(parts[1][1]):
        modifiers.insert(0, parts.pop(0)[1])
    place: list[tuple[int, str]] = parts[:1]
    times: list[tuple[int, str]] = []
    qualified = False  # a time or modifier was read: nothing after it is place
    for segment, part in parts[1:]:
        if is_modifier(part):
            modifiers.append(part)
            qualified = True
        elif is_time_of_day(part):
            times.append((segment, part))
            qualified = True
        elif qualified:
            modifiers.append(part)
        else:
            place.append((segment, part))
    time = _joined(times)
    story_day = ""
    day = _STORY_DAY_RE.match(time)
    if day is not None:
        time, story_day = day.group("time"), day.group("day").upper()
    first_segment = place[0][0] if place else 0
    set_parts = _split_set(", ".join(p for s, p in place if s == first_segment))
    location = set_parts[0] if set_parts else ""
    later = _joined([(s, p) for s, p in place if s != first_segment])
    sublocation = " - ".join([*set_parts[1:], *([later] if later else [])])
    return Slugline(int_ext, location, sublocation, time, tuple(modifiers), story_day)
