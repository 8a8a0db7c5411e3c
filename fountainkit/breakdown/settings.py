"""Settings of the breakdown: eighths rounding, tag aliases, colours, day/night.

Defaults follow the research notes (../shared/reference, Area 1): eighths
rounded to the nearest eighth like Beat (``"up"`` is the AD rule of thumb),
marking colours from Wikipedia's script-breakdown table, and relative times
(CONTINUOUS, LATER...) resolved to the previous scene's day or night.

``BreakdownSettings.from_mapping`` reads the ``breakdown:`` section of a
fountainkit YAML config::

    breakdown:
      eighths_rounding: up
      aliases: {costume: wardrobe, greens: set dressing}
      colors: {props: "#7b1fa2"}
      cast_aliases: {CYBER BOB: BOB}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal

from fountainkit.breakdown.tags import CATEGORIES, DEFAULT_ALIASES, canonical_category
from fountainkit.config import describe, text_list, text_mapping, text_setting

Rounding = Literal["nearest", "up"]
ROUNDINGS: tuple[str, ...] = ("nearest", "up")

# Wikipedia: cast red, stunts orange, extras yellow (silent) / green
# (atmosphere), special effects blue, props purple, vehicles/animals pink,
# sound/music brown. The rest are not standardised; chosen to stay distinct.
DEFAULT_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "cast": "#d32f2f",
        "extras": "#f9d71c",
        "stunts": "#f57c00",
        "props": "#7b1fa2",
        "wardrobe": "#00897b",
        "makeup": "#c2185b",
        "vehicles": "#f48fb1",
        "animals": "#f48fb1",
        "sfx": "#1e88e5",
        "vfx": "#4fc3f7",
        "sound": "#795548",
        "music": "#a1887f",
        "set dressing": "#689f38",
        "special equipment": "#757575",
        "non-speaking": "#ef9a9a",
        "other": "#9e9e9e",
    }
)

# What a time of day means for the day/night column of a stripboard.
DEFAULT_DAY_WORDS: frozenset[str] = frozenset(
    {"DAY", "MORNING", "AFTERNOON", "NOON", "MIDDAY", "DAWN", "SUNRISE", "DAYBREAK", "DUSK",
     "SUNSET", "MAGIC HOUR", "GOLDEN HOUR", "PRE-DAWN",
     "\ub0ae", "\uc0c8\ubcbd", "\uc544\uce68", "\uc624\ud6c4"}
)  # fmt: skip
DEFAULT_NIGHT_WORDS: frozenset[str] = frozenset(
    {"NIGHT", "EVENING", "MIDNIGHT", "TWILIGHT", "NIGHTFALL", "BLUE HOUR", "\ubc24", "\uc800\ub141"}
)

_HEX_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class BreakdownSettings:
    eighths_rounding: Rounding = "nearest"
    aliases: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    colors: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    day_words: frozenset[str] = DEFAULT_DAY_WORDS
    night_words: frozenset[str] = DEFAULT_NIGHT_WORDS
    # One character under two names ("CYBER BOB" -> "BOB"): never guessed.
    cast_aliases: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.eighths_rounding not in ROUNDINGS:
            raise ValueError(
                f"eighths_rounding must be one of {', '.join(ROUNDINGS)}, "
                f"not {describe(self.eighths_rounding)}"
            )
        for name, color in self.colors.items():
            if not _HEX_COLOR_RE.match(color):
                raise ValueError(
                    f"colour of {describe(name)} must look like #rrggbb, not {describe(color)}"
                )

    def color(self, category: str) -> str:
        return self.colors.get(category, self.colors.get("other", DEFAULT_COLORS["other"]))

    def day_night(self, time: str) -> str:
        """``DAY``/``NIGHT`` for a time of day, ``""`` when it does not say."""
        words = " ".join(re.sub(r"\([^)]*\)", " ", time).upper().split())
        if words in self.night_words:
            return "NIGHT"
        if words in self.day_words:
            return "DAY"
        # "LATER THAT NIGHT", "EARLY MORNING": the last telling word decides.
        for word in reversed(words.split()):
            if word in self.night_words:
                return "NIGHT"
            if word in self.day_words:
                return "DAY"
        return ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> BreakdownSettings:
        """Settings from a config mapping; unknown keys raise ValueError."""
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(key) for key in set(data) - known)
        if unknown:
            raise ValueError(f"unknown breakdown setting(s): {', '.join(map(describe, unknown))}")
        kwargs: dict[str, Any] = {}
        if "eighths_rounding" in data:
            rounding = text_setting(data["eighths_rounding"], "eighths_rounding")
            kwargs["eighths_rounding"] = rounding.lower()
        if "aliases" in data:
            aliases = dict(DEFAULT_ALIASES)
            given = text_mapping(data["aliases"], "aliases", "alias: category")
            for alias, target in given.items():
                category = canonical_category(target)
                if category is None:
                    raise ValueError(
                        f"alias {describe(alias)} points to {describe(target)}, which is not one "
                        "of: " + ", ".join(CATEGORIES)
                    )
                aliases[" ".join(alias.split()).casefold()] = category
            kwargs["aliases"] = aliases
        if "colors" in data:
            colors = text_mapping(data["colors"], "colors", "category: #rrggbb")
            kwargs["colors"] = {**DEFAULT_COLORS, **colors}
        if "cast_aliases" in data:
            cast_aliases = text_mapping(data["cast_aliases"], "cast_aliases", "NAME: OTHER NAME")
            kwargs["cast_aliases"] = {
                " ".join(k.split()).upper(): " ".join(v.split()).upper()
                for k, v in cast_aliases.items()
            }
        for key in ("day_words", "night_words"):
            if key in data:
                words = text_list(data[key], key)
                kwargs[key] = frozenset(" ".join(w.upper().split()) for w in words)
        return cls(**kwargs)
