"""What a capitalised run in action is: a person, a group, an animal, a sound, or nothing.

Screenplays capitalise a character's first appearance, but also sounds, groups
of extras, camera directions, props and emphasis. A breakdown must not turn
those into cast members, so names found in action are only *suggestions*,
unnumbered and sorted into:

* ``person``: a possible non-speaking part (``MARGARET, 37,``, ``a WAITRESS``,
  ``MRS. KESSLEY``);
* ``group``: background / extras (``STUDENTS``, ``TWO GUARDS``, ``a CROWD``);
* ``animal``: for the animals and wrangler boxes (``a CUTE DOG``);
* ``sound``: sound or effects (``the door SLAMS``, ``CRACK!``).

Anything else (``the KNIFE``, ``NOT now``, ``CLOSE ON``) is no suggestion.

The judgement reads the run and the text around it, strongest evidence first:
an exclamation after it or a sound word in it; an age after it (``, 30s``,
``(40s)``, ``, AGE 3``); a quantity before it; a title (``MRS.``, ``OFFICER``);
the head word being a person, a group or an animal; a plural head word; and
finally the shape of a proper name (a run starting a sentence, with no article
before it and a lower-case verb after it: ``KOVAC glances up``).
"""

from __future__ import annotations

import re
from typing import Literal

from fountainkit.breakdown.lexicon import (
    ANIMALS,
    EMPHASIS,
    GROUP_NOUNS,
    HONORIFICS,
    NOT_NAMES,
    PERSON_NOUNS,
    QUANTITIES,
    S_NAMES,
    SOUNDS,
    TITLES,
)
from fountainkit.breakdown.names import CapsRun

SuggestionKind = Literal["person", "group", "animal", "sound"]
SUGGESTION_KINDS: tuple[SuggestionKind, ...] = ("person", "group", "animal", "sound")

# ", 37,"  " (30s)"  ", AGE 3"  ", late 40s"  ", mid-twenties"  ", 8 and 10"
_AGE_RE = re.compile(
    r"^\s*(?:,\s*|\(\s*)(?:(?:age|aged)\s+)?(?:(?:early|mid|late)[- ]?)?"
    r"(?:\d{1,3}(?:'?s)?(?:\s*(?:and|&|-|to)\s*\d{1,3}s?)?|"
    r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    re.IGNORECASE,
)
_DETERMINER_RE = re.compile(
    r"(?:^|\s)(?:a|an|the|his|her|their|our|my|your|its|this|that|another|one|each|every)\s*$",
    re.IGNORECASE,
)
_QUANTITY_BEFORE_RE = re.compile(
    r"(?:^|\s)(?:\d+|(?:a\s+)?(?:group|crowd|bunch|handful|pair|couple|line|gaggle|pack|"
    r"herd|flock|swarm|team|row|sea|army|dozen)\s+of(?:\s+the)?)\s*$",
    re.IGNORECASE,
)
_LOWER_WORD_AFTER_RE = re.compile(r"^\s*,?\s*(?:[a-z][a-z'\u2019-]*)")
_VERB_ENDINGS = ("ING", "ED")


def _stem(word: str) -> str:
    for suffix in ("ING", "ES", "ED", "S"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix == "ING" and stem[-1:] == stem[-2:-1]:
                stem = stem[:-1]  # "SLAMMING" -> "SLAM"
            return stem
    return word


def _is_sound_word(word: str) -> bool:
    return word in SOUNDS or _stem(word) in SOUNDS or _stem(word) + "E" in SOUNDS


def _singular(word: str) -> str | None:
    """The singular of a plural noun, or None if ``word`` does not read as a plural."""
    if word in S_NAMES or len(word) < 4:
        return None
    if word.endswith("MEN"):
        return word[:-3] + "MAN"
    if word.endswith(("SS", "US", "IS", "'S")) or not word.endswith("S"):
        return None
    if word.endswith("IES"):
        return word[:-3] + "Y"
    if word.endswith(("CHES", "SHES", "SSES", "XES")):
        return word[:-2]
    return word[:-1]


_PERSON_SUFFIXES = (
    "MAN", "WOMAN", "KEEPER", "MAKER", "TENDER", "WORKER", "DRIVER", "RIDER", "OWNER", "SELLER",
    "DEALER", "PLAYER", "KILLER", "HOLDER", "ICIAN", "OLOGIST",
)  # fmt: skip
_PREPOSITIONS = frozenset({"IN", "WITH", "OF", "FROM", "ON", "AT", "BY", "FOR"})
# After a sound: "the door SLAMS." "a foghorn MOANS, far off."
_SOUND_AFTER_NOUN_RE = re.compile(r"\b(?!(?:a|an|the|his|her|their|of|to|and|at)\b)[a-z]{3,}\s$")


def _is_person_noun(word: str) -> bool:
    if word in PERSON_NOUNS:
        return True
    return word.endswith(_PERSON_SUFFIXES) or (word.endswith("IST") and len(word) >= 6)


def _head(words: tuple[str, ...]) -> str:
    """The word a run is about: the last one before a preposition ("WOMAN IN GREY")."""
    for i, word in enumerate(words):
        if i and word in _PREPOSITIONS:
            return words[i - 1]
    return words[-1]


def _plural_person(word: str) -> bool:
    singular = _singular(word)
    if singular is None:
        return False
    return _is_person_noun(singular) or singular.endswith(("ER", "OR", "IST", "ANT", "ENT", "IAN"))


def classify(run: CapsRun) -> SuggestionKind | None:
    """The kind of suggestion ``run`` is, or None when it is no cast, extra or sound."""
    words = run.words
    head = _head(words)
    after = run.after
    if any(_is_sound_word(w) for w in words) and not _AGE_RE.match(after):
        return "sound"  # "the door SLAMS", "...hits the water: SPLASH."
    if run.before.rstrip().endswith(":"):
        return None  # the text of a caption, a sign or a screen: "SUPER: PARIS"
    if after[:1] in ("!", "?") or after.startswith(("!", " !")):
        return "sound"
    if (len(words) == 1 and head.endswith("S") and not head.endswith(("SS", "US", "IS"))
            and head not in S_NAMES
            and _SOUND_AFTER_NOUN_RE.search(run.before) and not _AGE_RE.match(after)):  # fmt: skip
        return "sound"
    if all(w in NOT_NAMES or w in EMPHASIS or w in HONORIFICS for w in words):
        return None
    if after[:1] == ":":
        return None  # a caption or a label: "SUPER: PARIS", "RADIO: ..."
    quantity = (
        words[0] in QUANTITIES
        or bool(_QUANTITY_BEFORE_RE.search(run.before))
        or run.before.rstrip().upper().endswith(tuple(f" {q}" for q in QUANTITIES))
    )
    if head in ANIMALS or (_singular(head) or "") in ANIMALS:
        return "animal"
    if _AGE_RE.match(after):
        return "group" if quantity or _plural_person(head) or head in GROUP_NOUNS else "person"
    if head in GROUP_NOUNS or any(w in GROUP_NOUNS for w in words[:-1] if w != "MAN"):
        return "group"
    if _plural_person(head):
        return "group"
    if quantity and _singular(head) is not None:
        return "group"
    if words[0].rstrip(".") in HONORIFICS or words[0] in TITLES and len(words) > 1:
        return "person"
    if _is_person_noun(head):
        return "person"
    if len(words) > 3 or any(w in EMPHASIS for w in words):
        return None
    return "person" if _proper_name_shape(run) else None


def suggestion_name(run: CapsRun, kind: SuggestionKind) -> str:
    """The name a suggestion is listed under: a group without its count (``TWO GUARDS``
    -> ``GUARDS``), so every mention of the group is one entry."""
    if kind == "group":
        words = list(run.words)
        while len(words) > 1 and words[0] in QUANTITIES:
            words.pop(0)
        return " ".join(words)
    return run.name


def _proper_name_shape(run: CapsRun) -> bool:
    """``KOVAC glances up.`` / ``..., and NADIA, her sister, ...``: a name, not a thing."""
    head = _head(run.words)
    if head.endswith(_VERB_ENDINGS) or _DETERMINER_RE.search(run.before):
        return False
    before = run.before.rstrip()
    after_conjunction = before.endswith((",", " and", " with", " as", " while", " when", " to"))
    if not (run.sentence_start or after_conjunction):
        return False
    return bool(_LOWER_WORD_AFTER_RE.match(run.after)) or run.possessive
