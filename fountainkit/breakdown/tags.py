"""Breakdown tags written as Fountain notes: ``[[props: revolver; map]]``.

Fountain has no tagging syntax; this follows FountTUI's inline notes. A note
is a tag only when it starts with the label of a known category and a colon:
one of :mod:`fountainkit.breakdown.categories` (the standard breakdown set and
Final Draft Tagger's, through aliases such as ``prop`` or ``costume``) or one
the config file adds (``breakdown: categories:`` / ``aliases:``). Every other
note stays a note: ``[[TODO: call legal]]`` and ``[[Note to self: cut?]]`` are
the writer's, not the line producer's. A label one letter away from a
category (``[[porps: gun]]``) is reported, so a typo does not lose a tag
silently. Items are separated by ``;`` or ``,`` (a comma between digits, as in
``1,000``, or inside parentheses, as in ``coat (torn, muddy)``, does not split).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from fountainkit.breakdown.categories import DEFAULT_ALIASES, TAG_CATEGORIES, normalise_label

# A label: up to three words of letters, with "/", "&" or "-" inside.
_TAG_RE = re.compile(
    r"^\s*(?P<label>[^\W\d_][^\W\d_/&-]*(?:[ /&-]+[^\W\d_]+){0,2})\s*:(?P<items>.*)$",
    re.DOTALL,
)
# A separator: ";" or ",", but not a comma between digits ("1,000") and neither
# inside parentheses or brackets ("red tracksuit (torn, muddy)").
_ITEM_SPLIT_RE = re.compile(r";|,(?!(?<=\d,)\d)(?![^()\[\]]*[)\]])")
_URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

# Labels writers put on their own notes: never tags, never taken for a typo of one.
WRITER_LABELS = frozenset({"note", "todo", "to do", "fixme", "idea", "question", "comment", "nb"})


@dataclass(frozen=True, slots=True)
class Tag:
    """One tagging note: its category key, the label as written, and its items."""

    category: str
    label: str
    items: tuple[str, ...]


def default_vocabulary() -> dict[str, str]:
    """Every label a tag may use, normalised, mapped to its category key."""
    vocabulary = dict(DEFAULT_ALIASES)
    vocabulary.update({key: key for key in TAG_CATEGORIES})
    return vocabulary


_DEFAULT_VOCABULARY: Mapping[str, str] = default_vocabulary()


def canonical_category(label: str, vocabulary: Mapping[str, str] | None = None) -> str | None:
    """The category key ``label`` names (``"Costume"`` -> ``"wardrobe"``), or None."""
    return (vocabulary or _DEFAULT_VOCABULARY).get(normalise_label(label))


def split_items(text: str) -> tuple[str, ...]:
    """``"revolver; map, old  bag"`` -> ``("revolver", "map", "old bag")``."""
    items = (" ".join(item.split()) for item in _ITEM_SPLIT_RE.split(text))
    return tuple(item for item in items if item)


def _label_and_items(note: str) -> tuple[str, tuple[str, ...]] | None:
    match = _TAG_RE.match(note)
    if match is None:
        return None
    items = split_items(match.group("items"))
    # "see: https://..." is a link in a note, not a tag.
    if not items or any(_URL_RE.match(item) for item in items):
        return None
    return " ".join(match.group("label").split()), items


def parse_tag(note: str, vocabulary: Mapping[str, str] | None = None) -> Tag | None:
    """The tag a note holds, or None for an ordinary note.

    ``props: revolver; map`` -> ``Tag("props", "props", ("revolver", "map"))``.
    """
    found = _label_and_items(note)
    if found is None:
        return None
    label, items = found
    category = canonical_category(label, vocabulary)
    if category is None:
        return None
    return Tag(category, label, items)


def probable_typo(note: str, vocabulary: Mapping[str, str] | None = None) -> str | None:
    """The category a note that is no tag was probably meant for (``porps`` -> ``props``).

    Only a one-word label close to a category label counts, so ``TODO`` and
    ``Note to self`` are never taken for typos.
    """
    found = _label_and_items(note)
    if found is None:
        return None
    label = normalise_label(found[0])
    if " " in label or len(label) < 4 or label in WRITER_LABELS:
        return None
    labels = vocabulary or _DEFAULT_VOCABULARY
    close = difflib.get_close_matches(label, list(labels), n=1, cutoff=0.8)
    return labels[close[0]] if close else None
