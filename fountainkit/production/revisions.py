"""What changed between two drafts, element by element and word by word.

``compare(old, new)`` lines the printed elements of the two drafts up
(:mod:`.elements`) and returns, for each element of the new draft, the
stretches of it that are new or changed, plus the places where old text was
taken out. :mod:`.revision_marks` turns those into an asterisk on each
printed line that holds one.

How the drafts are lined up:

1. Elements are compared by fingerprint (kind and words). Runs of equal
   elements are found the way ``diff`` finds equal lines: the elements that
   occur once in each draft, in the longest chain that keeps their order on
   both sides, anchor the alignment (git's "patience" diff), recursively
   inside each gap; a gap with no such element is anchored on its rarest
   common fingerprint (the "histogram" strategy); what is left between
   anchors goes to ``difflib.SequenceMatcher``. Cues such as ``DEZ`` occur
   hundreds of times; anchoring on rare elements keeps them from pairing a
   line of one scene with one of another, and finding all of a gap's
   anchors in one pass keeps the work linear in the length of the drafts
   (benchmarks/bench_revisions.py).
2. Inside each run of changed elements, the words of both sides are
   compared (with a boundary token per element), so a changed word marks its
   own line, not the whole paragraph, and rewrapping after it marks nothing.

An element inserted whole is changed whole; a deletion marks the place in
the new draft where the text was (the word after it, or the last word of
the element before when nothing follows).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from fountainkit.production.elements import PrintedElement

# Above this many words on both sides together, a run of changed elements is
# marked whole instead of being compared word by word (pages rewritten from
# end to end: comparing them word by word costs seconds and finds nothing).
MAX_WORD_COMPARE = 12_000
# Above this many, words as common as "the" do not start a match (difflib's
# autojunk): faster, and what it misses is noise in a run this long.
JUNK_ABOVE = 4_000
# Gaps this small (elements on both sides together) go straight to SequenceMatcher.
SMALL_GAP = 64
# A fingerprint that occurs more often than this in a gap does not anchor it.
MAX_ANCHOR_COUNT = 64


@dataclass(slots=True)
class ElementChanges:
    """The changed parts of one element of the new draft.

    ``whole``: the element is new (or its words could not be compared).
    ``spans``: [start, end) ranges of non-space characters that are new or
    changed, or mark a deletion (one character wide, at the word after it).
    """

    whole: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.whole or bool(self.spans)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of ``compare``: changes by index into ``new``'s elements."""

    old: Sequence[PrintedElement]
    new: Sequence[PrintedElement]
    changes: dict[int, ElementChanges]
    # Pairs (old index, new index) of elements found equal, in order.
    matched: list[tuple[int, int]]

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def compare(old: Sequence[PrintedElement], new: Sequence[PrintedElement]) -> Comparison:
    """Line the two drafts' elements up and find what changed in the new one."""
    ids: dict[tuple, int] = {}
    a = [ids.setdefault(element.fingerprint, len(ids)) for element in old]
    b = [ids.setdefault(element.fingerprint, len(ids)) for element in new]
    matched: list[tuple[int, int]] = []
    _align(a, b, 0, len(a), 0, len(b), matched)
    changes: dict[int, ElementChanges] = {}
    # Walk the gaps between matched pairs: each is a run of changed elements.
    previous_old, previous_new = 0, 0
    for old_index, new_index in [*matched, (len(a), len(b))]:
        if old_index > previous_old or new_index > previous_new:
            _compare_gap(old, new, previous_old, old_index, previous_new, new_index, changes)
        previous_old, previous_new = old_index + 1, new_index + 1
    return Comparison(old, new, changes, matched)


# --- 1. elements ------------------------------------------------------------------


def _align(
    a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int, out: list
) -> None:
    """Append to ``out`` the matched (i, j) pairs of a[a_lo:a_hi] and b[b_lo:b_hi], in order.

    Iterative over a stack of gaps (a script's worth of recursion would not
    fit Python's stack): common prefix and suffix first, then the rarest
    common fingerprint's longest run as an anchor, then SequenceMatcher for
    small or anchorless gaps.
    """
    pending: list[tuple[int, int, int, int] | tuple[int, int]] = [(a_lo, a_hi, b_lo, b_hi)]
    while pending:
        item = pending.pop()
        if len(item) == 2:
            out.append(item)
            continue
        a_lo, a_hi, b_lo, b_hi = item  # type: ignore[misc]
        head: list[tuple[int, int]] = []
        while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
            head.append((a_lo, b_lo))
            a_lo, b_lo = a_lo + 1, b_lo + 1
        tail: list[tuple[int, int]] = []
        while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
            a_hi, b_hi = a_hi - 1, b_hi - 1
            tail.append((a_hi, b_hi))
        # The stack runs last-in first-out: push the tail first, the head last.
        pending.extend(tail)
        if a_lo < a_hi and b_lo < b_hi:
            anchor = None
            chain: list[tuple[int, int]] = []
            if (a_hi - a_lo) + (b_hi - b_lo) > SMALL_GAP:
                chain = _unique_chain(a, b, a_lo, a_hi, b_lo, b_hi)
                if not chain:
                    anchor = _rare_anchor(a, b, a_lo, a_hi, b_lo, b_hi)
            if chain:
                # The gaps between the anchors, each aligned in turn (pushed last first).
                items: list[tuple[int, int, int, int] | tuple[int, int]] = []
                i_from, j_from = a_lo, b_lo
                for i, j in chain:
                    items.append((i_from, i, j_from, j))
                    items.append((i, j))
                    i_from, j_from = i + 1, j + 1
                items.append((i_from, a_hi, j_from, b_hi))
                pending.extend(reversed(items))
            elif anchor is None:
                pairs = _sequence_matcher(a, b, a_lo, a_hi, b_lo, b_hi)
                pending.extend(reversed(pairs))
            else:
                i, j, size = anchor
                pending.append((i + size, a_hi, j + size, b_hi))
                pending.extend((i + k, j + k) for k in reversed(range(size)))
                pending.append((a_lo, i, b_lo, j))
        pending.extend(reversed(head))


def _unique_chain(
    a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int
) -> list[tuple[int, int]]:
    """Pairs (i, j) of elements that occur once on each side of the gap, the
    longest chain of them in the same order on both sides (patience diff's
    anchors: a unique line that moved does not pull the rest out of line).

    All the anchors of a gap are found in one pass over it, so each level of
    the alignment costs the length of its gaps (one anchor per pass made two
    long drafts quadratic).
    """
    count_a = Counter(a[a_lo:a_hi])
    count_b = Counter(b[b_lo:b_hi])
    where_b = {b[j]: j for j in range(b_lo, b_hi) if count_b[b[j]] == 1}
    pairs = [
        (i, where_b[a[i]]) for i in range(a_lo, a_hi) if count_a[a[i]] == 1 and a[i] in where_b
    ]
    if not pairs:
        return []
    # Longest increasing run of j over i (patience sorting).
    tops: list[int] = []  # the j ending the best chain of each length
    ends: list[int] = []  # the index into pairs of that chain's last pair
    back: list[int] = []  # for each pair, the pair before it in its chain
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length] = j
            ends[length] = index
        back.append(ends[length - 1] if length else -1)
    chain = []
    index = ends[-1]
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    chain.reverse()
    return chain


def _rare_anchor(
    a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int
) -> tuple[int, int, int] | None:
    """(i, j, size): a run of equal elements starting at a fingerprint common to
    both sides that occurs least often, or None when every common one is too
    frequent to anchor on."""
    count_a = Counter(a[a_lo:a_hi])
    count_b: Counter[int] = Counter()
    first_b: dict[int, int] = {}
    for j in range(b_lo, b_hi):
        value = b[j]
        count_b[value] += 1
        first_b.setdefault(value, j)
    best = None
    best_i = -1
    for i in range(a_lo, a_hi):
        value = a[i]
        in_b = count_b.get(value)
        if not in_b:
            continue
        occurrences = count_a[value] + in_b
        if best is None or occurrences < best:
            best, best_i = occurrences, i
            if occurrences == 2:
                break  # unique on both sides: nothing rarer
    if best is None or best > MAX_ANCHOR_COUNT:
        return None
    value = a[best_i]
    j = first_b[value]
    if count_a[value] > 1 or count_b[value] > 1:
        # Several candidates: the pair of occurrences at the most similar
        # relative position in their gaps.
        where = (best_i - a_lo) / max(1, a_hi - a_lo)
        candidates = [k for k in range(b_lo, b_hi) if b[k] == value]
        j = min(candidates, key=lambda k: abs((k - b_lo) / max(1, b_hi - b_lo) - where))
        i_candidates = [k for k in range(a_lo, a_hi) if a[k] == value]
        where_b = (j - b_lo) / max(1, b_hi - b_lo)
        best_i = min(i_candidates, key=lambda k: abs((k - a_lo) / max(1, a_hi - a_lo) - where_b))
    i = best_i
    # Grow the anchor both ways into a run of equal elements.
    while i > a_lo and j > b_lo and a[i - 1] == b[j - 1]:
        i, j = i - 1, j - 1
    size = 0
    while i + size < a_hi and j + size < b_hi and a[i + size] == b[j + size]:
        size += 1
    return i, j, size


def _sequence_matcher(
    a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int
) -> list[tuple[int, int]]:
    matcher = SequenceMatcher(None, a[a_lo:a_hi], b[b_lo:b_hi], autojunk=False)
    return [
        (a_lo + i + k, b_lo + j + k)
        for i, j, size in matcher.get_matching_blocks()
        for k in range(size)
    ]


# --- 2. words ---------------------------------------------------------------------

# A token standing for the start of an element (so a paragraph split in two,
# or two merged, is a change where it happened).
_BOUNDARY = "\x01"


def _tokens(elements: Sequence[PrintedElement], lo: int, hi: int) -> tuple[list[str], list]:
    """The words of elements[lo:hi], each element led by a boundary token, and
    where each token is: (element index, word index), word index -1 for a boundary."""
    tokens: list[str] = []
    where: list[tuple[int, int]] = []
    for index in range(lo, hi):
        element = elements[index]
        tokens.append(_BOUNDARY + element.kind)
        where.append((index, -1))
        tokens.extend(element.words)
        where.extend((index, k) for k in range(len(element.words)))
    return tokens, where


def _compare_gap(
    old: Sequence[PrintedElement],
    new: Sequence[PrintedElement],
    a_lo: int,
    a_hi: int,
    b_lo: int,
    b_hi: int,
    changes: dict[int, ElementChanges],
) -> None:
    """Record the changes of new[b_lo:b_hi] against old[a_lo:a_hi] (no equal elements)."""
    if b_lo == b_hi:
        # Only deletions: mark where they were.
        _mark_deletion_between(new, b_lo, changes)
        return
    if a_lo == a_hi:
        for index in range(b_lo, b_hi):
            changes.setdefault(index, ElementChanges()).whole = True
        return
    old_tokens, _ = _tokens(old, a_lo, a_hi)
    new_tokens, where = _tokens(new, b_lo, b_hi)
    # The words the two sides start and end with alike are not compared: a word
    # changed in a paragraph of thousands costs the paragraph's length once.
    shorter = min(len(old_tokens), len(new_tokens))
    head = 0
    while head < shorter and old_tokens[head] == new_tokens[head]:
        head += 1
    tail = 0
    while tail < shorter - head and old_tokens[-1 - tail] == new_tokens[-1 - tail]:
        tail += 1
    old_middle = old_tokens[head : len(old_tokens) - tail]
    new_middle = new_tokens[head : len(new_tokens) - tail]
    if len(old_middle) + len(new_middle) > MAX_WORD_COMPARE:
        for index in range(b_lo, b_hi):
            changes.setdefault(index, ElementChanges()).whole = True
        return
    junk = len(old_middle) + len(new_middle) > JUNK_ABOVE
    matcher = SequenceMatcher(None, old_middle, new_middle, autojunk=junk)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        j1, j2 = j1 + head, j2 + head
        if tag == "delete":
            if j1 < len(where):
                _mark_token(new, where[j1], changes, deletion=True)
            else:  # removed at the very end of the gap: the last word before it
                _mark_token(new, where[j1 - 1], changes, deletion=True, after=True)
            continue
        for position in range(j1, j2):
            _mark_token(new, where[position], changes)


def _mark_token(
    new: Sequence[PrintedElement],
    place: tuple[int, int],
    changes: dict[int, ElementChanges],
    *,
    deletion: bool = False,
    after: bool = False,
) -> None:
    index, word = place
    element = new[index]
    entry = changes.setdefault(index, ElementChanges())
    if word < 0:
        # A boundary: the element starts here (new or split off); a deletion
        # just before an element marks its first line.
        if not element.words:
            entry.whole = True
        else:
            entry.spans.append((0, 1))
        return
    start = element.starts[word]
    end = start + len(element.words[word].split("\x00", 1)[0])
    if after:
        entry.spans.append((end - 1, end))
    elif deletion:
        entry.spans.append((start, start + 1))
    else:
        entry.spans.append((start, end))


def _mark_deletion_between(
    new: Sequence[PrintedElement], index: int, changes: dict[int, ElementChanges]
) -> None:
    """Elements were removed just before new[index]: mark its first word, or the
    end of the element before when nothing follows."""
    if index < len(new):
        _mark_token(new, (index, -1), changes, deletion=True)
    elif new:
        last = new[-1]
        if last.words:
            _mark_token(new, (len(new) - 1, len(last.words) - 1), changes, after=True)
        else:
            changes.setdefault(len(new) - 1, ElementChanges()).whole = True
