"""Locked pages: keep the page breaks of a locked draft, with A-pages and combined pages.

Once a shooting script's pages are locked, a page never changes its number
again. Each locked page is remembered by where it starts: the scene (by its
number), the element within it, how far into that element (in non-space
characters, which wrapping never changes), and the first words printed on
it (``PageStart``). Laying a later draft out, each locked page's start is
found again in the new text: in the scene with that number, at those words
(the occurrence nearest to where it was), else where it was. The text from
one locked start to the next is then laid out on its own:

- it fits on one page: the page keeps its number (printed short if it shrank);
- it needs more: the extra pages are ``12A``, ``12B`` (``12AA`` when ``12B`` is
  itself a locked page);
- nothing is left of it: the page is combined with the page before it, whose
  number becomes ``12-13`` (with the next page, ``1-2``, for the first page).

``PageLock`` is what ``fountainkit.layout.paginate`` takes to do this; the
starts come from an old draft laid out (``page_starts``) or from the lock file
(``fountainkit number --lock --pages``, see ``lockfile_pages``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fountainkit.config import LayoutSettings
from fountainkit.layout import Document
from fountainkit.layout.blocks import Block
from fountainkit.model import Screenplay
from fountainkit.production.elements import printed_elements
from fountainkit.production.numbering import insert_after, number_key, scene_numbers
from fountainkit.production.page_groups import BlockGrouper, Position
from fountainkit.production.revision_marks import printed_lines

# Words of a page's start remembered to find it again.
START_WORDS = 8
# Fewer words tried when the full start is not found (its end was edited).
SHORT_START = 3


@dataclass(frozen=True, slots=True)
class PageStart:
    """Where a locked page starts. ``scene`` is the printed number of the scene
    it starts in (None before the first scene); ``element`` counts the printed
    elements of that scene (0 is its heading)."""

    page: str
    scene: str | None
    element: int
    offset: int
    words: str

    def data(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "scene": self.scene,
            "element": self.element,
            "offset": self.offset,
            "starts": self.words,
        }


def _plain(word: str) -> str:
    return word.split("\x00", 1)[0].casefold()


class _Script:
    """A screenplay's printed elements arranged by scene, to find positions in."""

    def __init__(self, screenplay: Screenplay, settings: LayoutSettings) -> None:
        self.elements = printed_elements(screenplay, settings)
        numbers = scene_numbers(screenplay.scenes(), settings.scene_number_inserts)
        self.numbers = numbers
        # The first scene of each number (a duplicated number is reported by number --check).
        self.scene_of_number: dict[str, int] = {}
        for index, number in enumerate(numbers):
            self.scene_of_number.setdefault(number, index)
        self.by_scene: dict[int | None, list[int]] = {}
        # Each element's place within its scene (0 is the heading).
        self.rank: list[int] = []
        for index, element in enumerate(self.elements):
            members = self.by_scene.setdefault(element.scene, [])
            self.rank.append(len(members))
            members.append(index)
        # Per scene: its words in reading order and where each is; per scene and
        # length, where each run of that many words occurs (built when first asked).
        self._streams: dict[int | None, tuple[list[str], list[Position]]] = {}
        self._runs: dict[tuple[int | None, int], dict[tuple[str, ...], list[int]]] = {}

    def number(self, scene: int | None) -> str | None:
        return None if scene is None else self.numbers[scene]

    def words_from(self, position: Position, count: int) -> list[str]:
        index, offset = position
        words: list[str] = []
        while index < len(self.elements) and len(words) < count:
            element = self.elements[index]
            first = element.word_at(offset) if offset else 0
            wanted = count - len(words)
            words.extend(_plain(w) for w in element.words[first : first + wanted])
            index, offset = index + 1, 0
        return words[:count]

    def start_of(self, position: Position, label: str) -> PageStart:
        index, offset = position
        element = self.elements[index]
        scene = element.scene
        within = self.rank[index]
        words = " ".join(self.words_from(position, START_WORDS))
        return PageStart(label, self.number(scene), within, offset, words)

    # -- finding a start again ------------------------------------------------------

    def _after_scene(self, scene: int) -> Position:
        """Where the scene after ``scene`` starts (the end of the script after the last)."""
        members = self.by_scene.get(scene, [])
        return (members[-1] + 1, 0) if members else (len(self.elements), 0)

    def _instead_of(self, number: str) -> Position:
        """Where a scene no longer in the script would be: at the first scene whose
        number comes after it, else at the end."""
        wanted = number_key(number)
        if wanted is not None:
            for scene, other in enumerate(self.numbers):
                key = number_key(other)
                members = self.by_scene.get(scene)
                if key is not None and key > wanted and members:
                    return (members[0], 0)
        return (len(self.elements), 0)

    def find(self, start: PageStart) -> tuple[Position, bool]:
        """Where ``start`` is in this script: at its words in its scene (nearest to
        where it was), else where it was, else where its scene ends; and whether
        it was found at its words."""
        if start.scene is None:
            scene = None
        elif start.scene in self.scene_of_number:
            scene = self.scene_of_number[start.scene]
        else:
            return self._instead_of(start.scene), False
        members = self.by_scene.get(scene, [])
        if not members:
            return (self._instead_of(start.scene) if start.scene else (0, 0)), False
        inside = start.element < len(members)
        hint = (members[start.element], start.offset) if inside else (members[-1] + 1, 0)
        words = start.words.split()
        for count in dict.fromkeys((len(words), min(len(words), SHORT_START))):
            if count:
                found = self._search(scene, tuple(words[:count]), hint)
                if found is not None:
                    return found, True
        if not inside:
            # The scene has fewer elements than when the page was locked: what
            # started the page is gone, so the page starts where the scene ends.
            return (self._after_scene(scene) if scene is not None else hint), False
        element = self.elements[hint[0]]
        offset = min(hint[1], element.size)
        if offset and element.words:
            offset = element.starts[element.word_at(offset)]
        return (hint[0], offset), False

    def _stream(self, scene: int | None) -> tuple[list[str], list[Position]]:
        found = self._streams.get(scene)
        if found is None:
            stream: list[str] = []
            places: list[Position] = []
            for index in self.by_scene.get(scene, []):
                element = self.elements[index]
                stream.extend(_plain(w) for w in element.words)
                places.extend((index, s) for s in element.starts)
            found = self._streams[scene] = (stream, places)
        return found

    def _occurrences(self, scene: int | None, length: int) -> dict[tuple[str, ...], list[int]]:
        """Where each run of ``length`` words of the scene starts (stream indices,
        in order): built once per scene, so finding every page start of a long
        scene costs the scene's length once, not once per page."""
        key = (scene, length)
        found = self._runs.get(key)
        if found is None:
            stream, _ = self._stream(scene)
            found = {}
            for at in range(len(stream) - length + 1):
                found.setdefault(tuple(stream[at : at + length]), []).append(at)
            self._runs[key] = found
        return found

    def _search(self, scene: int | None, words: tuple[str, ...], hint: Position) -> Position | None:
        """The position in the scene where ``words`` start, nearest to ``hint``
        (fewest elements away, then fewest characters; the first of a tie)."""
        at = self._occurrences(scene, len(words)).get(words)
        if not at:
            return None
        _, places = self._stream(scene)
        found = _Places(places, at)
        middle = bisect_left(found, hint)
        nearest = min(
            abs(found[i][0] - hint[0]) for i in (middle - 1, middle) if 0 <= i < len(found)
        )
        best: Position | None = None
        best_distance: tuple[int, int] | None = None
        for element in dict.fromkeys((hint[0] - nearest, hint[0] + nearest)):
            low = bisect_left(found, (element, -1))
            high = bisect_left(found, (element + 1, -1))
            near = bisect_left(found, (element, hint[1]), low, high)
            for i in (near - 1, near):
                if low <= i < high:
                    place = found[i]
                    distance = (nearest, abs(place[1] - hint[1]))
                    if best_distance is None or distance < best_distance:
                        best, best_distance = place, distance
        return best


class _Places(Sequence[Position]):
    """``places[at[i]]`` for each i, without building the list (a run of words
    repeated all through a long scene is looked up in it by bisection only)."""

    def __init__(self, places: list[Position], at: list[int]) -> None:
        self._places = places
        self._at = at

    def __len__(self) -> int:
        return len(self._at)

    def __getitem__(self, index):  # type: ignore[override]
        return self._places[self._at[index]]


def page_starts(screenplay: Screenplay, document: Document) -> list[PageStart]:
    """Where each page of ``document`` (``screenplay`` laid out) starts."""
    script = _Script(screenplay, document.settings)
    lines = printed_lines(document, script.elements)
    first_on_page: dict[int, Position] = {}
    for index, printed in lines.items():
        for line in printed:
            here = (index, line.start)
            if line.page not in first_on_page or here < first_on_page[line.page]:
                first_on_page[line.page] = here
    # A page with nothing of the script on it starts where the next page does.
    positions: list[Position] = []
    later = (len(script.elements), 0)  # the least start of the pages after
    for page_index in range(len(document.pages) - 1, -1, -1):
        own = first_on_page.get(page_index)
        positions.append(later if own is None else own)
        if own is not None:
            later = min(later, own)
    positions.reverse()
    starts = []
    for page_index, page in enumerate(document.pages):
        position = positions[page_index]
        if page_index == 0:
            position = (0, 0)
        if position[0] >= len(script.elements):
            starts.append(PageStart(page.label, None, 0, 0, ""))
            continue
        starts.append(script.start_of(position, page.label))
    return starts


class PageLock:
    """Lays a screenplay out on locked pages (what ``paginate(lock=...)`` takes)."""

    def __init__(
        self, starts: Sequence[PageStart], screenplay: Screenplay, settings: LayoutSettings
    ) -> None:
        self.starts = list(starts)
        self.script = _Script(screenplay, settings)
        positions: list[Position] = []
        found: list[bool] = []
        for number, start in enumerate(self.starts):
            position, at_words = ((0, 0), True) if number == 0 else self.script.find(start)
            if positions and position < positions[-1]:
                position = positions[-1]  # text moved back past a page before: it is empty
            positions.append(position)
            found.append(at_words)
        self.positions = positions
        # Whether each page's first words were found (it may then start where the
        # rules would not break a page, as the locked draft's page did).
        self.found = found

    # -- grouping the blocks ----------------------------------------------------------

    def groups(self, blocks: list[Block]) -> list[list[Block]]:
        """The blocks of each locked page (cut where a page starts inside one)."""
        if not self.starts:  # an old draft that printed no page: nothing to keep
            return [blocks]
        grouper = BlockGrouper([element.node for element in self.script.elements])
        return grouper.groups(blocks, self.positions[1:], self.found[1:])

    # -- page numbers -----------------------------------------------------------------

    def labels(self, counts: Sequence[int]) -> list[str]:
        """The printed number of each page laid out, given how many pages each
        locked page's text took."""
        if not self.starts:
            return [str(number) for number in range(1, sum(counts) + 1)]
        taken = {start.page for start in self.starts}
        pages: list[list[str]] = []  # per locked page printed, its pages' labels
        empty_first: list[str] = []  # locked pages left empty before any is printed
        for number, (start, count) in enumerate(zip(self.starts, counts, strict=True)):
            if count == 0:
                if pages:
                    pages[-1][-1] = _combined(pages[-1][-1], start.page)
                else:
                    empty_first.append(start.page)
                continue
            following = self.starts[number + 1].page if number + 1 < len(self.starts) else None
            labels = [start.page]
            for _ in range(count - 1):
                label = _overflow_label(labels[-1], taken, following)
                taken.add(label)
                labels.append(label)
            if empty_first:
                labels[0] = _combined(empty_first[0], labels[0])
                empty_first = []
            pages.append(labels)
        return [label for group in pages for label in group]


def _overflow_label(previous: str, taken: set[str], following: str | None) -> str:
    """The label of a page added after ``previous``: 12A after 12, 12B after 12A
    (12AA when 12B is locked too), always sorting before the next locked page."""
    base = previous.split("-")[-1]  # after a combined 12-13: 13A
    if number_key(base) is not None:
        below = number_key(following) if following else None
        label = insert_after(base, taken, below)
        if label is not None:
            return label
    count = 1
    while f"{base}.{count}" in taken:
        count += 1
    return f"{base}.{count}"


def _combined(first: str, last: str) -> str:
    """``12-13`` from 12 and 13; ``12-14`` from ``12-13`` and 14."""
    return f"{first.split('-')[0]}-{last.split('-')[-1]}"


# --- the lock file's pages section ---------------------------------------------------------

PAGES_KEY = "pages"


def pages_data(starts: Sequence[PageStart], paper: str, locked: str) -> dict[str, Any]:
    return {"paper": paper, "locked": locked, "starts": [start.data() for start in starts]}


def read_pages(extra: dict[str, Any], where: str) -> tuple[list[PageStart], str] | None:
    """The locked pages a lock file records (and the paper they were locked on),
    None when it records none; ValueError in one line when malformed."""
    section = extra.get(PAGES_KEY)
    if section is None:
        return None
    if not isinstance(section, dict) or not isinstance(section.get("starts"), list):
        raise ValueError(f"{where}: pages must be a mapping with a list of starts")
    starts = []
    for number, item in enumerate(section["starts"], start=1):
        try:
            scene = item.get("scene")
            starts.append(
                PageStart(
                    str(item["page"]),
                    None if scene is None else str(scene),
                    int(item.get("element", 0)),
                    int(item.get("offset", 0)),
                    str(item.get("starts", "")),
                )
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            raise ValueError(f"{where}: pages item {number} needs a page and a start") from None
        if starts[-1].element < 0 or starts[-1].offset < 0:
            raise ValueError(f"{where}: pages item {number} has a negative position")
    if not starts:
        raise ValueError(f"{where}: pages lists no page")
    if len({start.page for start in starts}) != len(starts):
        raise ValueError(f"{where}: pages names a page twice")
    return starts, str(section.get("paper", ""))
