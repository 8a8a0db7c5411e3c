"""Settings of the breakdown, read from the ``breakdown:`` section of a config file.

Defaults follow the research notes (../shared/reference, Area 1): eighths
rounded to the nearest eighth like Beat (``up`` is the AD rule of thumb),
marking colours from Wikipedia's script-breakdown table (see
:mod:`fountainkit.breakdown.categories`), dawn and dusk counted as day::

    breakdown:
      eighths_rounding: up             # nearest (default) | up
      dawn: night                      # day (default) | night | dawn (a class of its own)
      dusk: dusk                       # day (default) | night | dusk
      day_words: [DAY, MORNING]        # replace the words read as day / night
      night_words: [NIGHT, EVENING]
      cast: [MAID, DRIVER]             # non-speaking parts that get cast IDs, or
      # cast: {DEZ: 1, JUNHO: 2, MAID: }   # the same with IDs pinned (a published board)
      cast_aliases: {CYBER BOB: BOB}   # one character under two names
      locations: {MIKE'S PLACE: MIKE'S APARTMENT}   # one set under two names
      categories: [drones, covid]      # tag categories of your own
      aliases: {greens: greenery}      # more labels for a category
      colors: {props: "#7b1fa2"}

Every value is checked here, so a typo in the file is one line naming the key,
never a traceback or a setting silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal

from fountainkit.breakdown.categories import CATEGORY_TABLE, normalise_label
from fountainkit.breakdown.tags import default_vocabulary
from fountainkit.config import describe, text_list, text_mapping, text_setting

Rounding = Literal["nearest", "up"]
ROUNDINGS: tuple[str, ...] = ("nearest", "up")

DEFAULT_COLORS: Mapping[str, str] = MappingProxyType(
    {c.key: c.color for c in CATEGORY_TABLE}
    | {"non-speaking": "#ef9a9a", "suggested": "#eeeeee", "other": "#9e9e9e"}
)

# What a time of day means for the day/night column of a stripboard. Dawn and
# dusk words have a class of their own that the ``dawn``/``dusk`` settings map.
DEFAULT_DAY_WORDS: frozenset[str] = frozenset(
    {"DAY", "DAYTIME", "MORNING", "AFTERNOON", "NOON", "MIDDAY", "LUNCHTIME", "BREAKFAST",
     "\ub0ae", "\uc544\uce68", "\uc624\ud6c4"}
)  # fmt: skip
DEFAULT_NIGHT_WORDS: frozenset[str] = frozenset(
    {"NIGHT", "NIGHTTIME", "EVENING", "MIDNIGHT", "TWILIGHT", "NIGHTFALL", "BLUE HOUR",
     "DINNERTIME", "\ubc24", "\uc800\ub141"}
)  # fmt: skip
DAWN_WORDS: frozenset[str] = frozenset(
    {"DAWN", "SUNRISE", "DAYBREAK", "PRE-DAWN", "FIRST LIGHT", "\uc0c8\ubcbd"}
)
DUSK_WORDS: frozenset[str] = frozenset(
    {"DUSK", "SUNSET", "MAGIC HOUR", "GOLDEN HOUR", "LAST LIGHT"}
)
DAWN_CLASSES = ("day", "night", "dawn")
DUSK_CLASSES = ("day", "night", "dusk")

_HEX_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _upper_name(value: object) -> str:
    return " ".join(str(value).split()).upper()


@dataclass(frozen=True)
class BreakdownSettings:
    eighths_rounding: Rounding = "nearest"
    # Tag label (normalised) -> category key: the built-in labels plus configured ones.
    aliases: Mapping[str, str] = field(default_factory=default_vocabulary)
    # Tag categories of the user's own, after the standard ones.
    categories: tuple[str, ...] = ()
    colors: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    day_words: frozenset[str] = DEFAULT_DAY_WORDS
    night_words: frozenset[str] = DEFAULT_NIGHT_WORDS
    dawn: str = "day"
    dusk: str = "day"
    # Non-speaking parts that get cast IDs, as written in the file (upper-cased).
    cast: tuple[str, ...] = ()
    # Cast IDs pinned by the config file (``cast: {DEZ: 1}``): a published board keeps them.
    cast_ids: Mapping[str, int] = field(default_factory=dict)
    # One character under two names ("CYBER BOB" -> "BOB"): never guessed.
    cast_aliases: Mapping[str, str] = field(default_factory=dict)
    # One set under two names; keys are matched like sets are grouped.
    locations: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.eighths_rounding not in ROUNDINGS:
            raise ValueError(
                f"eighths_rounding must be one of {', '.join(ROUNDINGS)}, "
                f"not {describe(self.eighths_rounding)}"
            )
        for name, color in self.colors.items():
            if not isinstance(color, str) or not _HEX_COLOR_RE.match(color):
                raise ValueError(
                    f"colour of {describe(name)} must look like #rrggbb, not {describe(color)}"
                )
        if self.dawn not in DAWN_CLASSES:
            choices = ", ".join(DAWN_CLASSES)
            raise ValueError(f"dawn must be one of {choices}, not {describe(self.dawn)}")
        if self.dusk not in DUSK_CLASSES:
            choices = ", ".join(DUSK_CLASSES)
            raise ValueError(f"dusk must be one of {choices}, not {describe(self.dusk)}")

    def color(self, category: str) -> str:
        return self.colors.get(category, self.colors.get("other", DEFAULT_COLORS["other"]))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> BreakdownSettings:
        """Settings from a config mapping; unknown keys and wrong types raise ValueError."""
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(key) for key in data if key not in known)
        if unknown:
            raise ValueError(
                f"unknown breakdown setting(s): {', '.join(map(describe, unknown))} "
                f"(known: {', '.join(sorted(known))})"
            )
        kwargs: dict[str, Any] = {}
        if "eighths_rounding" in data:
            rounding = text_setting(data["eighths_rounding"], "eighths_rounding")
            kwargs["eighths_rounding"] = rounding.lower()
        for key in ("dawn", "dusk"):
            if key in data:
                kwargs[key] = text_setting(data[key], key).lower()
        categories = tuple(normalise_label(c) for c in _list(data, "categories") if c.strip())
        vocabulary = default_vocabulary()
        vocabulary.update({c: c for c in categories})
        for alias, target in _mapping(data, "aliases", "alias: category").items():
            category = vocabulary.get(normalise_label(target))
            if category is None:
                raise ValueError(
                    f"aliases: {describe(alias)} points to {describe(target)}, which is no "
                    "category (add it under categories: first)"
                )
            vocabulary[normalise_label(alias)] = category
        kwargs["aliases"] = vocabulary
        kwargs["categories"] = categories
        if "colors" in data:
            colors = _mapping(data, "colors", "category: #rrggbb")
            kwargs["colors"] = {**DEFAULT_COLORS, **colors}
        if "cast" in data:
            kwargs["cast"], kwargs["cast_ids"] = _cast(data["cast"])
        if "cast_aliases" in data:
            given = _mapping(data, "cast_aliases", "NAME: OTHER NAME")
            kwargs["cast_aliases"] = {_upper_name(k): _upper_name(v) for k, v in given.items()}
        if "locations" in data:
            given = _mapping(data, "locations", "SET: OTHER SET")
            kwargs["locations"] = {_upper_name(k): _upper_name(v) for k, v in given.items()}
        for key in ("day_words", "night_words"):
            if key in data:
                kwargs[key] = frozenset(_upper_name(w) for w in _list(data, key))
        return cls(**kwargs)


def _cast(value: Any) -> tuple[tuple[str, ...], dict[str, int]]:
    """``cast:`` as a list of names, or a mapping of names to pinned IDs (or nothing)."""
    if not isinstance(value, Mapping):
        names = text_list(value, "cast") if value is not None else []
        return tuple(dict.fromkeys(_upper_name(n) for n in names)), {}
    names: list[str] = []
    pinned: dict[str, int] = {}
    for name, number in value.items():
        text = _upper_name(text_setting(name, "cast: a name"))
        names.append(text)
        if number is None:
            continue
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise ValueError(f"cast: {describe(name)} must have a whole number from 1 as its ID, "
                             f"not {describe(number)}")  # fmt: skip
        if number in pinned.values():
            raise ValueError(f"cast: ID {number} is given to two names")
        pinned[text] = number
    return tuple(dict.fromkeys(names)), pinned


def _mapping(data: Mapping[str, Any], key: str, shape: str) -> dict[str, str]:
    value = data.get(key)
    return {} if value is None else text_mapping(value, key, shape)


def _list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key)
    return [] if value is None else text_list(value, key)
