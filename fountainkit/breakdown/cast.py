"""Who is in a scene: normalised cue names and the non-speaking heuristic.

Speaking cast comes from character cues, normalised the way afterwriting and
Beat do it: extensions such as ``(V.O.)`` and ``(CONT'D)``, the dual-dialogue
caret and the ``@`` of a forced cue are dropped, and the name is upper-cased,
so ``@Dean``, ``DEAN (V.O.)`` and ``DEAN ^`` are all ``DEAN``. ``YOUNG DEAN``
stays a character of its own: merging aliases needs a user's mapping.

Non-speaking cast is a suggestion for review, never merged with speaking
cast. In a scene's action it picks up

* a run of capitalised words written like a screenplay introduction
  (``MARGARET, 37, ...``, ``a CUTE DOG``), minus sound effects (``BANG!``),
  quoted text, camera/transition words and common acronyms;
* a known name (any cue in the script, or an earlier introduction) written in
  capitals or Title Case (``Bob waves``; ``the dog`` does not count), except
  as a possessive (``Junho's grandmother``) or a label (``Junho: hi``).

Notes and boneyard never reach this module: callers pass visible text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_PARENTHESES_RE = re.compile(r"\([^)]*\)")

# A whole word that does not start with an ASCII lower-case letter: the regex
# engine skips most running text, _is_caps_word judges the rest.
_WORD_RE = re.compile(r"(?<![\w'\u2019.-])[^\W\da-z_][\w'\u2019.-]*")
_QUOTED_RE = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")

MAX_NAME_WORDS = 4

# Capitalised words that are screenplay furniture or acronyms, not people
# (written as _clean leaves them: no trailing dot).
_NOT_NAMES_TEXT = """
A I OK OKAY TV CCTV LED LCD GPS ID PC DJ MC CEO FBI CIA NSA NYPD LAPD USA UK US EU UN
SUV ATM ER ICU DNA CPR AM PM FM AI CGI UFO MRI ATV RV PA HQ VIP SOS ASAP
INT EXT EST POV V.O O.S O.C CONT'D CONT’D MORE CONTINUED CONTINUOUS LATER SAME
DAY NIGHT DAWN DUSK MORNING EVENING AFTERNOON
CUT FADE FADES IN OUT TO BACK SCENE THE END ANGLE ON CLOSE CLOSEUP CLOSE-UP WIDE SHOT
INSERT SUPER TITLE TITLES CARD MONTAGE SERIES OF SHOTS FLASHBACK INTERCUT MATCH DISSOLVE
SMASH JUMP BEGIN END OVER BLACK WHITE NOTE NOTES SFX VFX FX OFF ON AND OR OF AT WITH
"""
NOT_NAMES: frozenset[str] = frozenset(_NOT_NAMES_TEXT.split())


@lru_cache(maxsize=4096)  # a script has few names and thousands of cues
def normalise_cue(name: str) -> str:
    """The character a cue speaks for: ``@Dean (V.O.) ^`` -> ``DEAN``."""
    text = name.strip()
    if text.startswith("@"):
        text = text[1:]
    text = text.rstrip()
    if text.endswith("^"):
        text = text[:-1]
    text = _PARENTHESES_RE.sub(" ", text)
    return " ".join(text.split()).upper()


def _is_caps_word(word: str) -> bool:
    # str.isupper(): no lower-case letter and at least one cased one (C speed);
    # the slower count of two cased letters runs only on the few that pass.
    return word.isupper() and sum(c.isupper() for c in word) >= 2


def _has_cased_letter(word: str) -> bool:
    return any(c.isupper() or c.islower() for c in word)


# Titles that keep their dot and run on into the name: "MR. CHO".
HONORIFICS: frozenset[str] = frozenset({"MR", "MRS", "MS", "DR", "PROF", "REV", "SGT", "CPT", "LT"})


def _clean(word: str) -> str:
    """A caps word without a possessive or trailing punctuation (honorifics keep their dot)."""
    for suffix in ("'S", "\u2019S"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    bare = word.rstrip(".-'\u2019")
    return f"{bare}." if bare in HONORIFICS and word.startswith(f"{bare}.") else bare


def introduced_names(text: str) -> list[str]:
    """Capitalised runs that read as character introductions, in order.

    ``MARGARET, 37, and a CUTE DOG`` -> ``["MARGARET", "CUTE DOG"]``.
    """
    visible = _without_quotes(text)
    runs: list[tuple[list[str], int]] = []  # (words, end offset of the last word)
    for match in _WORD_RE.finditer(visible):
        raw = match.group()
        if not _is_caps_word(raw):
            continue
        word = _clean(raw)
        # A run goes on across plain spaces only ("CUTE DOG", not "NAR, YOR"),
        # and not past a full stop ("MARGOT. DEAN") unless it is a title ("MR. CHO").
        if runs and not visible[runs[-1][1] : match.start()].strip(" "):
            previous = runs[-1][0][-1]
            ended = visible[runs[-1][1] - 1] == "." and not previous.endswith(".")
            if not ended:
                runs[-1][0].append(word)
                runs[-1] = (runs[-1][0], match.end())
                continue
        runs.append(([word], match.end()))
    names: list[str] = []
    for words, end in runs:
        follower = visible[end : end + 1]
        # Sound effects end in "!" or "?", captions and slug-like lines in ":".
        if follower in ("!", "?", ":") or len(words) > MAX_NAME_WORDS:
            continue
        if all(w in NOT_NAMES or w.rstrip(".") in HONORIFICS for w in words):
            continue
        # A lone two-letter word is an acronym ("PD Kang", "TV") unless it is
        # introduced like a person: "ED, 40," or "BO (30s)".
        if len(words) == 1 and len(words[0]) <= 2 and not visible.startswith((",", " ("), end):
            continue
        name = " ".join(words)
        if name not in names:
            names.append(name)
    return names


def _title_forms(name: str) -> set[str]:
    """How a name reads in running text: "Margot", "Min-ji" (and "Min-Ji"), "Mr. Cho"."""
    if not _has_cased_letter(name):
        return {name}
    return {name, name.title(), " ".join(word.capitalize() for word in name.split())}


class NameMatcher:
    """Finds known names in action text, in capitals or Title Case only.

    The longest name wins where names overlap, so ``YOUNG MARGOT`` in the
    action does not also suggest ``MARGOT``.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._forms: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if not name or name in self._forms:
            return
        for form in _title_forms(name):
            self._forms.setdefault(form, name)
        self._pattern = None

    def names_in(self, text: str) -> list[str]:
        if not self._forms:
            return []
        if self._pattern is None:
            alternatives = sorted(self._forms, key=len, reverse=True)
            # A possessive ("Junho's grandmother") or a label ("Junho: hi") is
            # a mention, not a presence; the match is still consumed so that
            # a shorter name cannot match inside it.
            self._pattern = re.compile(
                r"(?<!\w)(?P<name>"
                + "|".join(map(re.escape, alternatives))
                + r")(?!\w)(?P<mention>['\u2019]s?(?!\w)|:)?"
            )
        found: list[str] = []
        for match in self._pattern.finditer(_without_quotes(text)):
            name = self._forms[match.group("name")]
            if match.group("mention") is None and name not in found:
                found.append(name)
        return found


def _without_quotes(text: str) -> str:
    """Quoted text in action is a sign or a screen, not a person on set."""
    return _QUOTED_RE.sub(lambda m: " " * len(m.group()), text)


def non_speaking_in(action_texts: Iterable[str], matcher: NameMatcher) -> list[str]:
    """Suggested cast of one scene's action, in order of first mention.

    New introductions are added to ``matcher`` so that later scenes recognise
    them in Title Case ("Margaret").
    """
    found: list[str] = []
    for text in action_texts:
        for name in introduced_names(text):
            matcher.add(name)
        for name in matcher.names_in(text):
            if name not in found:
                found.append(name)
    return found
