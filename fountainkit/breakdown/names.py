"""Names in action text: capitalised runs, and known names found in linear time.

Two readers of one scene's visible action text:

* :func:`caps_runs` finds runs of capitalised words as a screenplay writes a
  first appearance (``MARGARET, 37,``, ``a CUTE DOG``, ``MR. CHO``), with the
  text around each run so :mod:`fountainkit.breakdown.suggestions` can judge
  what it is;
* :class:`NameIndex` finds names already known (cues, tags, configured cast,
  introductions) written in capitals or Title Case, the longest name winning
  where names overlap (``YOUNG MARGOT`` does not also give ``MARGOT``).

Both walk the text once with one precompiled pattern and look names up in a
dictionary keyed by their words, so the cost grows with the text, not with the
number of names (an earlier matcher compiled one alternation of every name,
again for each new name, which took seconds on a feature with 250 names).

Notes and boneyard never reach this module: callers pass visible text only.
Quoted text (a sign, a screen) is blanked out first: it is not someone on set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from fountainkit.breakdown.lexicon import HONORIFICS, NOT_NAMES, RUN_EDGE_WORDS, WORD_NAMES

# A word that can start a name: a letter that is not ASCII lower case, then
# letters, digits, apostrophes and inner hyphens. No dots: "MR. CHO" is the words
# MR and CHO with a dot between (see _joins). Lower-case words are never part of
# a name, and skipping them in the pattern keeps the scan in C; a gap other than
# a space (or a title's dot) between two found words still breaks a name.
_WORD_RE = re.compile(r"(?<![\w'\u2019-])[^\W\da-z_](?:[\w'\u2019]|-(?=\w))*")
_QUOTED_RE = re.compile(r"\"[^\"\n]*\"|\u201c[^\u201d]*\u201d")
_APOSTROPHES = "'\u2019"
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
# Words after "Will", "May", "Mark"... that make it the verb: "Will he come?"
SUBJECT_WORDS = frozenset(
    {"he", "she", "it", "they", "we", "you", "i", "the", "a", "an", "his", "her", "their",
     "this", "that", "not", "there", "anyone", "someone", "nobody", "everyone", "my", "your",
     "our", "me", "him", "them", "us"}
)  # fmt: skip

MAX_NAME_WORDS = 4


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as written, possessive removed
    start: int
    end: int  # end of the word as written (possessive included)
    possessive: bool


def words_of(text: str) -> list[Word]:
    """Every word of ``text`` that can be part of a name, possessives marked
    (``Junho's`` -> ``Junho``, possessive)."""
    words = []
    for match in _WORD_RE.finditer(text):
        raw = match.group()
        possessive = False
        if raw[-1] in _APOSTROPHES and len(raw) > 1:
            raw, possessive = raw[:-1], True
        elif raw[-1] in "sS" and len(raw) > 2 and raw[-2] in _APOSTROPHES:
            raw, possessive = raw[:-2], True
        words.append(Word(raw, match.start(), match.end(), possessive))
    return words


@dataclass(frozen=True, slots=True)
class Scanned:
    """One action text read once: quotes blanked out, and its words (both readers use them)."""

    visible: str
    words: list[Word]


def scan(text: str) -> Scanned:
    visible = without_quotes(text)
    return Scanned(visible, words_of(visible))


def without_quotes(text: str) -> str:
    """Quoted text in action is a sign or a screen, not a person on set."""
    return _QUOTED_RE.sub(lambda m: " " * len(m.group()), text)


def _joins(text: str, left: Word, right: Word) -> bool:
    """Whether two words can belong to one name: one space apart, or a title's dot and space."""
    gap = text[left.end : right.start]
    if left.possessive:
        return False
    if gap == " ":
        return True
    return gap == ". " and left.text.upper() in HONORIFICS


def is_caps_word(word: str) -> bool:
    """All capitals with at least two cased letters (``OK``, not ``A`` or ``I``)."""
    return word.isupper() and sum(c.isupper() for c in word) >= 2


def _has_cased_letter(word: str) -> bool:
    return any(c.isupper() or c.islower() for c in word)


def _sentence_start(text: str, start: int) -> bool:
    # Backwards from ``start`` (not text[:start].rstrip(), a copy of all before it).
    at = start
    while at > 0 and text[at - 1] in " \t\"'\u201c(":
        at -= 1
    return at == 0 or text[at - 1] in ".!?:\n"


# --- capitalised runs -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CapsRun:
    """A run of capitalised words and what surrounds it in the text."""

    words: tuple[str, ...]
    before: str  # the text before the run on its line (up to 40 characters)
    after: str  # the text after the run (up to 40 characters)
    sentence_start: bool
    possessive: bool

    @property
    def name(self) -> str:
        """The run as a name: words joined by spaces, a title keeping its dot (``MR. CHO``)."""
        parts = [f"{w}." if w in HONORIFICS and i < len(self.words) - 1 else w
                 for i, w in enumerate(self.words)]  # fmt: skip
        return " ".join(parts)


def caps_runs(text: str | Scanned) -> list[CapsRun]:
    """Runs of capitalised words in ``text`` (quoted text left out), in order.

    Screenplay furniture at either end of a run is cut off (``CLOSE ON
    MARGARET`` is ``MARGARET``); a leading ``THE`` moves to the text before it.
    """
    scanned = text if isinstance(text, Scanned) else scan(text)
    visible = scanned.visible
    runs: list[list[Word]] = []
    for word in scanned.words:
        if not is_caps_word(word.text):
            continue
        if runs and _joins(visible, runs[-1][-1], word):
            runs[-1].append(word)
        else:
            runs.append([word])
    found = []
    for run in runs:
        while run and run[0].text in RUN_EDGE_WORDS:
            run = run[1:]
        while run and (run[-1].text in RUN_EDGE_WORDS or run[-1].text in HONORIFICS):
            run = run[:-1]
        if not run:
            continue
        start, end = run[0].start, run[-1].end
        line_start = visible.rfind("\n", max(0, start - 40), start) + 1  # only 40 are kept
        found.append(
            CapsRun(
                words=tuple(w.text for w in run),
                before=visible[max(line_start, start - 40) : start],
                after=visible[end : end + 40],
                sentence_start=_sentence_start(visible, start),
                possessive=run[-1].possessive,
            )
        )
    return found


# --- known names ------------------------------------------------------------------------


def name_key(name: str) -> tuple[str, ...]:
    """How names are looked up: their words in capitals, dots and possessives dropped."""
    return tuple(w.text.upper() for w in words_of(name))


class NameIndex:
    """Known names, found in capitals or Title Case in running text.

    ``add(form, name)`` makes ``form`` (``EDWARD BLOOM``) count as ``name``
    (``EDWARD``); a form already taken keeps its first name.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names: dict[tuple[str, ...], str] = {}
        self._longest = 1
        for name in names:
            self.add(name)

    def __contains__(self, form: str) -> bool:
        return name_key(form) in self._names

    def add(self, form: str, name: str | None = None) -> None:
        key = name_key(form)
        if not key or len(key) > MAX_NAME_WORDS or key in self._names:
            return
        self._names[key] = name or form
        self._longest = max(self._longest, len(key))

    def lookup(self, form: str) -> str | None:
        return self._names.get(name_key(form))

    def names_in(self, text: str | Scanned) -> list[str]:
        """Known names present in ``text``, in order of first mention.

        A possessive (``Junho's grandmother``) or a label (``Junho: hi``) is a
        mention, not a presence; it still consumes its words, so a shorter
        name cannot match inside it.
        """
        found: dict[str, None] = {}  # an ordered set
        for name, mention in self._matches(text if isinstance(text, Scanned) else scan(text)):
            if not mention:
                found.setdefault(name)
        return list(found)

    def _matches(self, scanned: Scanned) -> Iterator[tuple[str, bool]]:
        text, words = scanned.visible, scanned.words
        i = 0
        while i < len(words):
            matched = self._longest_match(text, words, i)
            if matched is None:
                i += 1
                continue
            name, length = matched
            last = words[i + length - 1]
            mention = last.possessive or text[last.end : last.end + 1] == ":"
            yield name, mention
            i += length

    def _longest_match(self, text: str, words: list[Word], i: int) -> tuple[str, int] | None:
        key: list[str] = []
        best: tuple[str, int] | None = None
        for j in range(i, min(len(words), i + self._longest)):
            word = words[j]
            if j > i and not _joins(text, words[j - 1], word):
                break
            if not _written_as_name(word.text):
                break
            key.append(word.text.upper())
            name = self._names.get(tuple(key))
            if name is not None:
                best = (name, len(key))
        if best is None:
            return None
        name, length = best
        # "Will he come?": a name that is also a word, in Title Case at a sentence
        # start, followed by a subject, is the word ("Will sits down" is the name).
        first = words[i]
        if (length == 1 and not is_caps_word(first.text) and first.text.upper() in WORD_NAMES
                and _sentence_start(text, first.start)):  # fmt: skip
            following = _NEXT_WORD_RE.match(text, first.end)
            if following is not None and following.group(1).lower() in SUBJECT_WORDS:
                return None
        return best


def _written_as_name(word: str) -> bool:
    """Capitals or Title Case (``MARGOT``, ``Margot``, ``Min-ji``); uncased scripts always."""
    if not _has_cased_letter(word):
        return True
    return word[:1].isupper() or word.isupper()


def is_not_name(word: str) -> bool:
    return word in NOT_NAMES
