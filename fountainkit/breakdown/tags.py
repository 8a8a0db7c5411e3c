"""Breakdown tags written as Fountain notes: ``[[props: revolver; map]]``.

Fountain has no tagging syntax; this follows FountTUI's inline notes. A note is
a tag when it starts with a short category label and a colon; items are
separated by semicolons. Category labels match the standard breakdown
categories case-insensitively, through aliases (``prop`` -> props,
``costume`` -> wardrobe). A label that is no known category is still kept,
under its own lower-cased name, and reported, so a typo never loses data.
Ordinary notes (``[[check this with legal]]``) are not tags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# The categories a breakdown sheet shows, in the order it shows them.
CATEGORIES: tuple[str, ...] = (
    "cast",
    "extras",
    "stunts",
    "props",
    "wardrobe",
    "makeup",
    "vehicles",
    "animals",
    "sfx",
    "vfx",
    "sound",
    "music",
    "set dressing",
    "special equipment",
)

# How a breakdown sheet titles each category's box.
CATEGORY_LABELS: Mapping[str, str] = {
    "cast": "Cast",
    "extras": "Extras",
    "stunts": "Stunts",
    "props": "Props",
    "wardrobe": "Wardrobe",
    "makeup": "Makeup / hair",
    "vehicles": "Vehicles",
    "animals": "Animals",
    "sfx": "Special effects",
    "vfx": "Visual effects",
    "sound": "Sound",
    "music": "Music",
    "set dressing": "Set dressing",
    "special equipment": "Special equipment",
}

DEFAULT_ALIASES: Mapping[str, str] = {
    "cast member": "cast",
    "cast members": "cast",
    "character": "cast",
    "characters": "cast",
    "extra": "extras",
    "background": "extras",
    "background actors": "extras",
    "bg": "extras",
    "atmosphere": "extras",
    "stunt": "stunts",
    "prop": "props",
    "costume": "wardrobe",
    "costumes": "wardrobe",
    "make-up": "makeup",
    "make up": "makeup",
    "hair": "makeup",
    "makeup/hair": "makeup",
    "hair/makeup": "makeup",
    "hair and makeup": "makeup",
    "vehicle": "vehicles",
    "car": "vehicles",
    "cars": "vehicles",
    "animal": "animals",
    "special effects": "sfx",
    "special effect": "sfx",
    "fx": "sfx",
    "mechanical effects": "sfx",
    "practical effects": "sfx",
    "visual effects": "vfx",
    "visual effect": "vfx",
    "cgi": "vfx",
    "sound effects": "sound",
    "sound effect": "sound",
    "sounds": "sound",
    "song": "music",
    "songs": "music",
    "set dec": "set dressing",
    "set decoration": "set dressing",
    "dressing": "set dressing",
    "equipment": "special equipment",
    "special equip": "special equipment",
}

# A label: up to three words of letters, with "/", "&" or "-" inside.
_TAG_RE = re.compile(
    r"^\s*(?P<label>[^\W\d_][^\W\d_/&-]*(?:[ /&-]+[^\W\d_]+){0,2})\s*:(?P<items>.*)$",
    re.DOTALL,
)

_URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Tag:
    """One tagging note: its category (canonical, or the label as written)."""

    category: str
    label: str
    items: tuple[str, ...]
    known: bool


def canonical_category(label: str, aliases: Mapping[str, str] = DEFAULT_ALIASES) -> str | None:
    key = " ".join(label.replace("_", " ").split()).casefold()
    key = key.replace(" & ", " and ")
    if key in CATEGORIES:
        return key
    return aliases.get(key)


def parse_tag(note: str, aliases: Mapping[str, str] = DEFAULT_ALIASES) -> Tag | None:
    """The tag a note holds, or None for an ordinary note.

    ``props: revolver; map`` -> Tag("props", "props", ("revolver", "map"), True).
    """
    match = _TAG_RE.match(note)
    if match is None:
        return None
    items = tuple(" ".join(item.split()) for item in match.group("items").split(";"))
    items = tuple(item for item in items if item)
    # "see: https://..." is a link in a note, not a tag.
    if not items or any(_URL_RE.match(item) for item in items):
        return None
    label = " ".join(match.group("label").split())
    category = canonical_category(label, aliases)
    if category is None:
        return Tag(label.casefold(), label, items, known=False)
    return Tag(category, label, items, known=True)
