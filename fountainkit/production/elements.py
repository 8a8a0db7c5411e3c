"""The printed elements of a screenplay, as words: what revisions compare and pages anchor to.

A revision is a change to what is printed, so two drafts are compared
element by element (a heading, an action paragraph, a cue, one line of
speech...) over the text each prints: headings in capitals, notes only when
they are printed, the style of each word (a word that turns bold is a
change). Each word keeps its position counted in non-space characters from
the start of its element. Wrapping and page breaks only ever drop or add
spaces, so that position says which printed line of the laid-out page holds
the word, however the element was wrapped.

Elements come in reading order (the model's order); an element is identified
by its node (``id(node)``), the same object the layout's ``Line.source``
points to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from fountainkit.config import LayoutSettings
from fountainkit.layout.build import heading_runs
from fountainkit.layout.types import text_runs
from fountainkit.layout.wrap import normalise_runs
from fountainkit.model import (
    Action,
    Centered,
    Character,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    Parenthetical,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Synopsis,
    Text,
    Transition,
)

# A word: what str.split() gives (Unicode whitespace between).
_WORD = re.compile(r"[^\s]+")


@dataclass(frozen=True, slots=True)
class PrintedElement:
    """One printed element: its node, its kind and its words.

    ``words[k]`` is the word as printed plus, for styled text, a signature of
    its styles (so ``*word*`` differs from ``word``); ``starts[k]`` is where
    it begins, in non-space characters from the element's start; ``size`` is
    the element's non-space characters in all. ``scene`` is the 0-based index
    of the scene it belongs to (None before the first heading).
    """

    node: object
    kind: str
    scene: int | None
    words: tuple[str, ...]
    starts: tuple[int, ...]
    size: int

    @property
    def fingerprint(self) -> tuple[str, tuple[str, ...]]:
        return (self.kind, self.words)

    def word_at(self, offset: int) -> int:
        """The index of the word holding non-space character ``offset`` (clamped)."""
        if not self.words:
            return 0
        return max(0, min(len(self.words) - 1, bisect_right(self.starts, offset) - 1))


def _style_bits(run: Run) -> int:
    return run.bold | run.italic << 1 | run.underline << 2


def words_of(runs: Text) -> tuple[tuple[str, ...], tuple[int, ...], int]:
    """The words of ``runs`` with their style signatures, their non-space starts,
    and the non-space size of the whole."""
    text = "".join(run.text for run in runs)
    styled = any(_style_bits(run) for run in runs)
    if not styled:
        # The common case, at C speed: the words, and where each starts.
        plain_words = text.split()
        lengths = list(map(len, plain_words))
        starts_all = list(accumulate(lengths, initial=0))
        return tuple(plain_words), tuple(starts_all[:-1]), starts_all[-1]
    # Where each run starts in ``text`` and its style, to sign styled words.
    bounds: list[int] = []
    bits: list[int] = []
    position = 0
    for run in runs:
        bounds.append(position)
        bits.append(_style_bits(run))
        position += len(run.text)
    words: list[str] = []
    starts: list[int] = []
    size = 0
    for match in _WORD.finditer(text):
        word = match.group()
        starts.append(size)
        size += len(word)
        first = bisect_right(bounds, match.start()) - 1
        last = bisect_right(bounds, match.end() - 1) - 1
        signature = "".join(str(bits[index]) for index in range(first, last + 1))
        if signature.strip("0"):
            if first != last:
                # Styles change inside the word: where each one starts counts too.
                at = match.start()
                cuts = ",".join(str(max(0, bounds[i] - at)) for i in range(first, last + 1))
                signature = f"{signature}@{cuts}"
            word = f"{word}\x00{signature}"
        words.append(word)
    return tuple(words), tuple(starts), size


def _joined(lines: tuple[Text, ...], keep_notes: bool) -> Text:
    out: list[Run] = []
    for line in lines:
        if out:
            out.append(Run(" "))
        out.extend(normalise_runs(line, keep_notes=keep_notes))
    return tuple(out)


class _Collector:
    def __init__(self, settings: LayoutSettings) -> None:
        self.settings = settings
        self.keep_notes = settings.print_notes
        self.out: list[PrintedElement] = []

    def add(self, node: object, kind: str, runs: Text, scene: int | None) -> None:
        words, starts, size = words_of(runs)
        if not words and kind != "scene_heading":
            return  # a blank line prints nothing a revision could mark
        self.out.append(PrintedElement(node, kind, scene, words, starts, size))

    def runs(self, runs: Text) -> Text:
        return normalise_runs(runs, keep_notes=self.keep_notes)

    def heading(self, heading: SceneHeading, scene: int) -> None:
        self.add(heading, "scene_heading", heading_runs(self.runs(heading.runs)), scene)

    def element(self, element: object, scene: int | None) -> None:
        settings = self.settings
        if isinstance(element, Action):
            self.add(element, "action", _joined(element.lines, self.keep_notes), scene)
        elif isinstance(element, Dialogue):
            self.dialogue(element, scene)
        elif isinstance(element, DualDialogue):
            self.dialogue(element.left, scene)
            self.dialogue(element.right, scene)
        elif isinstance(element, Transition):
            self.add(element, "transition", self.runs(element.runs), scene)
        elif isinstance(element, Centered):
            self.add(element, "centered", _joined(element.lines, self.keep_notes), scene)
        elif isinstance(element, Lyrics):
            self.add(element, "lyrics", _joined(element.lines, self.keep_notes), scene)
        elif isinstance(element, Section) and settings.print_sections:
            self.add(element, "section", text_runs(f"{'#' * element.level} {element.title}"), scene)
        elif isinstance(element, Synopsis) and settings.print_synopses:
            self.add(element, "synopsis", text_runs(f"= {element.text}"), scene)
        elif isinstance(element, Note) and settings.print_notes:
            self.add(element, "note", text_runs(f"[[{element.text}]]"), scene)

    def dialogue(self, dialogue: Dialogue, scene: int | None) -> None:
        character: Character = dialogue.character
        self.add(character, "character", text_runs(character.text), scene)
        for part in dialogue.parts:
            if isinstance(part, Parenthetical):
                self.add(part, "parenthetical", self.runs(part.runs), scene)
            elif isinstance(part, DialogueLine):
                self.add(part, "dialogue", self.runs(part.runs), scene)
            elif isinstance(part, Lyrics):
                self.add(part, "lyrics", _joined(part.lines, self.keep_notes), scene)
            elif isinstance(part, Note) and self.keep_notes:
                self.add(part, "note", text_runs(f"[[{part.text}]]"), scene)


def printed_elements(
    screenplay: Screenplay, settings: LayoutSettings | None = None
) -> list[PrintedElement]:
    """Every element ``screenplay`` prints under ``settings``, in reading order."""
    collector = _Collector(settings or LayoutSettings())
    scene_index = -1
    for item in screenplay.body:
        if isinstance(item, Scene):
            scene_index += 1
            collector.heading(item.heading, scene_index)
            for element in item.elements:
                collector.element(element, scene_index)
        else:
            collector.element(item, None)
    return collector.out
