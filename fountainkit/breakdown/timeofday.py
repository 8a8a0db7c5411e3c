"""The day/night class a stripboard colours a scene by, from the time as written.

The written time stays as the writer put it (``DUSK``, ``MAGIC HOUR``,
``LATER THAT NIGHT``); this module reduces it to a class: ``DAY`` or
``NIGHT``, or ``DAWN``/``DUSK`` when the settings give those a class of their
own. The last telling word decides (``LATER THAT NIGHT`` is night,
``DAY, CONTINUOUS`` is day). A time that only says "as before"
(``CONTINUOUS``, ``LATER``, ``SAME``, ``MOMENTS LATER``) takes the previous
scene's class, as afterwriting does with ``stats_keep_last_scene_time`` and as
schedulers expect. No time at all gives no class: a breakdown never guesses.
"""

from __future__ import annotations

import re

from fountainkit.breakdown.settings import DAWN_WORDS, DUSK_WORDS, BreakdownSettings

# Words that say "at the time of the scene before".
RELATIVE_WORDS: frozenset[str] = frozenset(
    {"CONTINUOUS", "LATER", "SAME", "SIMULTANEOUS", "MOMENTS", "MOMENT", "EARLIER", "CONT'D",
     "CONTINUED", "\uacc4\uc18d", "\uc7a0\uc2dc"}
)  # fmt: skip

_PARENTHESES_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD_RE = re.compile(r"[^\s,.;:!?/-]+(?:-[^\s,.;:!?/-]+)*")


def _classes(settings: BreakdownSettings) -> dict[str, str]:
    """Word or phrase -> class, for this configuration."""
    dawn = {"day": "DAY", "night": "NIGHT", "dawn": "DAWN"}[settings.dawn]
    dusk = {"day": "DAY", "night": "NIGHT", "dusk": "DUSK"}[settings.dusk]
    classes = dict.fromkeys(DAWN_WORDS, dawn) | dict.fromkeys(DUSK_WORDS, dusk)
    classes |= dict.fromkeys(settings.day_words, "DAY")
    classes |= dict.fromkeys(settings.night_words, "NIGHT")
    return classes


def time_class(time: str, settings: BreakdownSettings) -> str:
    """``DAY``/``NIGHT`` (or ``DAWN``/``DUSK``) for a written time; ``""`` when it does not say."""
    text = " ".join(_PARENTHESES_RE.sub(" ", time).upper().split())
    classes = _classes(settings)
    if text in classes:
        return classes[text]
    words = _WORD_RE.findall(text)
    # Scan from the end: two-word phrases ("MAGIC HOUR") before single words.
    for i in range(len(words) - 1, -1, -1):
        if i > 0 and f"{words[i - 1]} {words[i]}" in classes:
            return classes[f"{words[i - 1]} {words[i]}"]
        if words[i] in classes:
            return classes[words[i]]
    return ""


def is_relative(time: str) -> bool:
    """True when the time only points back: ``CONTINUOUS``, ``MOMENTS LATER``, ``SAME``."""
    words = _WORD_RE.findall(time.upper())
    return any(word in RELATIVE_WORDS for word in words)


def resolve_day_night(time: str, previous: str, settings: BreakdownSettings) -> str:
    """The class of a scene's time, inheriting ``previous`` for relative times."""
    found = time_class(time, settings)
    if found:
        return found
    return previous if is_relative(time) else ""
