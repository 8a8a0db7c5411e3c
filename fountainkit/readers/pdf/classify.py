"""Body lines into screenplay elements, by indent and content.

Lines are grouped into blocks (no blank line inside a block; a page ends a
block). Within a block, line by line:

* a line with a scene number, or at the action indent reading INT./EXT./...,
  is a scene heading;
* a line in capitals right of the dialogue indent with speech under it is a
  cue; the lines under it at the dialogue or parenthetical indent are its
  speech, "(" opening a parenthetical that runs to its ")";
* a block whose first line holds two cues side by side is dual dialogue, cut
  into its two columns where the right column starts;
* at the action indent: action (a lone upper-case line ending in TO: is a
  transition, as in Fountain);
* flush with the right edge: a transition; centred on the text column:
  centred text; a line starting with ~ is a lyric;
* anything else is kept as action and reported (page and text).

Across a page break: a speech that ended in (MORE) goes on after the repeated
``NAME (CONT'D)`` cue, which is dropped; an action paragraph that filled its
page to the last row goes on with the action at the top of the next; speech
lines at the top of a page with no cue continue the speech before them.
Within an element, a line that ends although the next word would have fitted
was a typed line break and is kept; other line ends are wrapping and joined.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from fountainkit.model import (
    Action,
    Centered,
    Character,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Parenthetical,
    Run,
    SceneHeading,
    Text,
    Transition,
)
from fountainkit.readers.assemble import (
    Block,
    character_from_cue,
    join_lines,
    merge_runs,
    plain_text,
    speech,
    strip_runs,
)
from fountainkit.readers.base import ReaderWarning
from fountainkit.readers.pdf.furniture import BodyLine
from fountainkit.readers.pdf.geometry import Geometry, is_caps
from fountainkit.syntax import lexer


def _runs(line: BodyLine, cell: float) -> Text:
    """The line's text as runs, segments joined by the spaces their gap holds."""
    segments = line.segments
    runs: list[Run] = list(segments[0].runs)
    for previous, segment in zip(segments, segments[1:], strict=False):
        runs.append(Run(" " * max(1, round((segment.x - previous.right) / cell))))
        runs.extend(segment.runs)
    return merge_runs(runs)


@dataclass
class _Paragraph:
    """Lines of one element being collected, to be joined where they wrapped."""

    lines: list[Text] = field(default_factory=list)
    width: int = 60

    def add(self, runs: Text, indent: int = 0) -> None:
        runs = strip_runs(runs)
        if indent:
            runs = merge_runs((Run(" " * indent), *runs))
        if self.lines and self._wrapped(self.lines[-1], runs):
            self.lines[-1] = join_lines([self.lines[-1], runs])
        else:
            self.lines.append(runs)

    def _wrapped(self, previous: Text, runs: Text) -> bool:
        return self.wrapped_before(plain_text(previous), plain_text(runs))

    def wrapped_before(self, before: str, after: str) -> bool:
        """Whether ``before`` ended because the first word of ``after`` did not fit."""
        words = after.split()
        if not words or not before:
            return False
        return len(before.rstrip()) + 1 + len(words[0]) > self.width


@dataclass
class _Speech:
    character: Character
    parts: list = field(default_factory=list)
    dialogue: _Paragraph | None = None
    paren: list[Text] | None = None
    width: int = 35

    def add(self, line: BodyLine, geometry: Geometry) -> None:
        runs = _runs(line, geometry.cell)
        text = "".join(r.text for r in runs).strip()
        if self.paren is not None:
            self.paren.append(runs)
            if text.endswith(")"):
                self._close_paren()
            return
        if text.startswith("("):
            self._close_dialogue()
            self.paren = [runs]
            if text.endswith(")"):
                self._close_paren()
            return
        if text.startswith("~"):
            self._close_dialogue()
            lyric = strip_runs(runs)
            lyric = (Run(lyric[0].text[1:].lstrip(), lyric[0].bold, lyric[0].italic),) + lyric[1:]
            self.parts.append(Lyrics((merge_runs(lyric),)))
            return
        if self.dialogue is None:
            self.dialogue = _Paragraph(width=self.width)
        self.dialogue.add(runs)

    def blank_line(self) -> None:
        self._close_paren()
        self._close_dialogue()
        self.parts.append(DialogueLine(()))

    def _close_paren(self) -> None:
        if self.paren:
            self.parts.append(Parenthetical(strip_runs(join_lines(self.paren))))
        self.paren = None

    def _close_dialogue(self) -> None:
        if self.dialogue is not None:
            self.parts.extend(DialogueLine(line) for line in self.dialogue.lines)
        self.dialogue = None

    def build(self):
        self._close_paren()
        self._close_dialogue()
        return speech(self.character, self.parts)


class Classifier:
    """Turns the document's body lines into model blocks, in order."""

    def __init__(self, geometry: Geometry, bottom: float, transitions_right: bool = True) -> None:
        """``transitions_right``: the document prints transitions on the right
        (then a TO: line at the action indent is action)."""
        self.g = geometry
        self.transitions_right = transitions_right
        self.bottom = bottom  # the lowest baseline body text reaches
        self.blocks: list[Block] = []
        self.warnings: list[ReaderWarning] = []
        self.open_speech: _Speech | None = None
        self.open_action: _Paragraph | None = None
        g = geometry
        self.action_width = max(10, round((g.right_edge - g.action) / g.cell))
        self.dialogue_width = (
            max(10, round((g.dialogue_right - g.dialogue) / g.cell))
            if g.dialogue is not None and g.dialogue_right is not None
            else 35
        )

    # -- output ---------------------------------------------------------------

    def _close(self) -> None:
        if self.open_speech is not None:
            self.blocks.append(self.open_speech.build())
            self.open_speech = None
        if self.open_action is not None:
            if self.open_action.lines:
                self.blocks.append(Action(tuple(self.open_action.lines)))
            self.open_action = None

    def finish(self) -> list[Block]:
        self._close()
        return self.blocks

    # -- pages and blocks ----------------------------------------------------------

    def page(self, lines: list[BodyLine], more_before: bool) -> None:
        """One page's body lines; ``more_before``: the last page ended in (MORE)."""
        blocks = list(_blocks(lines, self.g.leading))
        for index, block in enumerate(blocks):
            first = index == 0
            if first and self._continues(block, more_before):
                continue
            if not first and self._speech_goes_on(block):
                continue
            self._close()
            self._block(block)
        # An action paragraph cut by the page bottom stays open for the next page.
        ends_early = bool(blocks) and blocks[-1][-1].y - self.bottom > 1.5 * self.g.leading
        if self.open_action is not None and ends_early:
            self._close()

    def _continues(self, block: list[BodyLine], more_before: bool) -> bool:
        """Carry the element cut by the page break on with this block, if it is one."""
        g = self.g
        head = block[0]
        if self.open_speech is not None:
            rest = block
            if more_before and head.x > g.action + 2 * g.cell and is_caps(head.text):
                cue = character_from_cue(head.text)
                if cue.name == self.open_speech.character.name:
                    rest = block[1:]  # NAME (CONT'D), added by the page break
            if rest and all(self._speech_line(line) for line in rest):
                for line in rest:
                    self.open_speech.add(line, g)
                return True
            if not rest:
                return True
            if rest is not block:
                for line in rest:
                    if not self._speech_line(line):
                        break
                    self.open_speech.add(line, g)
                else:
                    return True
        if (
            self.open_action is not None
            and not _ends_sentence(self.open_action.lines[-1])
            and head.number is None
            and not lexer.is_heading(head.text)
            and all(g.near(ln.x, g.action) for ln in block)
        ):
            for line in block:
                self.open_action.add(_runs(line, self.g.cell))
            return True
        return False

    def _speech_goes_on(self, block: list[BodyLine]) -> bool:
        """Speech lines after a blank line, with no cue: the speech's empty line."""
        if self.open_speech is None or not all(self._speech_line(ln) for ln in block):
            return False
        if is_caps(block[0].text) and len(block) > 1:
            return False
        self.open_speech.blank_line()
        for line in block:
            self.open_speech.add(line, self.g)
        return True

    def _speech_line(self, line: BodyLine) -> bool:
        g = self.g
        if g.dialogue is None or len(line.segments) > 1:
            return False
        low = g.dialogue - 1.5 * g.cell
        high = (g.cue - 1.5 * g.cell) if g.cue is not None else g.dialogue + 15 * g.cell
        return low <= line.x <= high

    def _block(self, block: list[BodyLine]) -> None:
        if self._is_dual(block):
            self._dual(block)
            return
        index = 0
        previous_kind = ""
        unplaced: list[BodyLine] = []
        placed_action = False
        while index < len(block):
            line = block[index]
            following = block[index + 1] if index + 1 < len(block) else None
            kind = self._kind(line, following, alone=len(block) == 1)
            if kind == "heading" and line.number is None:
                # Fountain's rule, which every tool prints: a scene heading
                # stands alone, with a blank line before and after it. One
                # inside a paragraph is action typed in capitals.
                taken = self._heading_rows(block) if index == 0 else 0
                if not taken:
                    kind = "action"
                else:
                    self._close()
                    rows = [_runs(ln, self.g.cell) for ln in block[:taken]]
                    runs = strip_runs(join_lines([strip_runs(r) for r in rows]))
                    self.blocks.append(SceneHeading(runs, None))
                    index = taken
                    previous_kind = kind
                    continue
            index += 1
            continues_centred = kind == "centered" and previous_kind == "centered"
            previous_kind = kind
            placed_action = placed_action or kind == "action"
            if kind not in ("action", "unknown") and self.open_action is not None:
                self._close()
            if kind == "heading":
                self._close()
                runs = strip_runs(_runs(line, self.g.cell))
                self.blocks.append(SceneHeading(runs, line.number))
            elif kind == "cue":
                self._close()
                self.open_speech = _Speech(character_from_cue(line.text), width=self.dialogue_width)
                while index < len(block) and self._speech_line(block[index]):
                    self.open_speech.add(block[index], self.g)
                    index += 1
                if index < len(block):
                    self._close()
            elif kind == "action":
                self._action_line(line)
            elif kind == "transition":
                self._close()
                self.blocks.append(Transition(strip_runs(_runs(line, self.g.cell))))
            elif kind == "centered":
                self._close()
                runs = strip_runs(_runs(line, self.g.cell))
                previous = self.blocks[-1] if self.blocks else None
                if continues_centred and isinstance(previous, Centered):
                    self.blocks[-1] = Centered((*previous.lines, runs))
                else:
                    self.blocks.append(Centered((runs,)))
            elif kind == "lyrics":
                self._close()
                runs = strip_runs(_runs(line, self.g.cell))
                first = runs[0]
                runs = (Run(first.text[1:].lstrip(), first.bold, first.italic),) + runs[1:]
                self.blocks.append(Lyrics((merge_runs(runs),)))
            else:
                # Kept in the action paragraph it stands in; reported unless
                # that paragraph has lines at the action indent too.
                unplaced.append(line)
                self._action_line(line)
        if unplaced and not placed_action:
            for line in unplaced:
                self.warnings.append(
                    ReaderWarning(
                        f"line at an unusual indent ({line.x / 72:.2f} in) read as action: "
                        f"{line.text.strip()[:60]!r}",
                        "unclassified-line",
                        line.page,
                    )
                )

    def _action_line(self, line: BodyLine) -> None:
        """A line of action, its indent (Fountain keeps an action line's leading
        spaces) as spaces."""
        if self.open_action is None:
            self.open_action = _Paragraph(width=self.action_width)
        indent = max(0, round((line.x - self.g.action) / self.g.cell))
        self.open_action.add(_runs(line, self.g.cell), indent)

    def _heading_rows(self, block: list[BodyLine]) -> int:
        """How many lines the heading opening ``block`` fills (it may wrap), or 0
        when more text follows it in the block (then the block is action)."""
        rows = 1
        wrapped = _Paragraph(width=self.action_width)
        while rows < len(block):
            before = plain_text(_runs(block[rows - 1], self.g.cell))
            after = plain_text(_runs(block[rows], self.g.cell))
            if not (self.g.near(block[rows].x, self.g.action) and is_caps(after)):
                return 0
            if not wrapped.wrapped_before(before, after):
                return 0
            rows += 1
        return rows

    def _kind(self, line: BodyLine, following: BodyLine | None, alone: bool = False) -> str:
        g = self.g
        text = line.text.strip()
        x = line.x
        if line.number is not None:
            return "heading"
        at_action = g.near(x, g.action)
        if at_action and lexer.is_heading(text):
            return "heading"
        if text.startswith("~"):
            return "lyrics"
        if (
            x > g.action + 3 * g.cell
            and following is not None
            and self._speech_line(following)
            and (
                (is_caps(text) and x >= g.cue - 6 * g.cell)
                # A cue typed in mixed case (Fountain's @McCLANE) at the cue indent.
                or (
                    g.near(x, g.cue, 1.5)
                    and not text.split("(")[0].rstrip().endswith(SENTENCE_ENDS)
                )
            )
        ):
            return "cue"
        if at_action:
            # A transition typed at the action indent is one only where the
            # document puts no transition on the right (Fountain's TO: rule);
            # where it does, a TO: line at the action indent is action.
            if alone and not self.transitions_right and lexer.is_transition(text):
                return "transition"
            return "action"
        centre = (x + line.right) / 2
        if len(line.segments) == 1 and (
            (abs(line.right - g.right_edge) <= 2.5 * g.cell and x > g.centre)
            # A long transition that starts left of the centre ends exactly
            # on the edge, alone (a wrapped action line starts at the action).
            or (
                alone and abs(line.right - g.right_edge) <= g.cell / 2 and x > g.action + 4 * g.cell
            )
        ):
            return "transition"
        if min(abs(centre - g.centre), abs(centre - g.page_centre)) <= 2 * g.cell:
            return "centered"
        if g.cue is not None and x >= g.cue + 6 * g.cell and is_caps(text):
            return "transition"
        if g.action < x < g.dialogue - 1.5 * g.cell:
            return "action"  # an indented action line
        return "unknown"

    # -- dual dialogue --------------------------------------------------------

    def _is_dual(self, block: list[BodyLine]) -> bool:
        head = block[0]
        if len(head.segments) != 2 or len(block) < 2:
            return False
        left, right = head.segments
        return (
            is_caps(left.text)
            and is_caps(right.text)
            and left.x > self.g.action + 2 * self.g.cell
            and right.x > self.g.centre - 4 * self.g.cell
        )

    def _dual(self, block: list[BodyLine]) -> None:
        self._close()
        head = block[0]
        rights = [ln.segments[-1].x for ln in block if len(ln.segments) == 2]
        lefts = [ln.segments[0].right for ln in block if len(ln.segments) == 2]
        split = (max(lefts) + min(rights)) / 2 if lefts and rights else head.segments[1].x
        columns: tuple[list, list] = ([], [])
        for line in block[1:]:
            for segment in line.segments:
                columns[segment.x >= split].append(segment)
        sides = []
        for cue_segment, segments in zip(head.segments, columns, strict=True):
            side = _Speech(character_from_cue(cue_segment.text), width=self.dialogue_width)
            for segment in segments:
                side.add(BodyLine(_one_segment(head, segment)), self.g)
            sides.append(side.build())
        left, right = sides
        right_character = Character(right.character.name, right.character.extensions, dual=True)
        self.blocks.append(DualDialogue(left, type(right)(right_character, right.parts)))


def prints_transitions_right(lines: list[BodyLine], geometry: Geometry) -> bool:
    """Whether the document sets its transitions on the right (right of the cue,
    or flush with the right edge)."""
    g = geometry
    return any(
        len(line.segments) == 1
        and (
            (line.x >= g.cue + 6 * g.cell and lexer.is_transition(line.text.strip()))
            or (line.x > g.centre and abs(line.right - g.right_edge) <= g.cell)
        )
        for line in lines
    )


def _one_segment(line: BodyLine, segment) -> object:
    from dataclasses import replace

    return replace(line.line, segments=(segment,))


SENTENCE_ENDS = (".", "!", "?", ":", "…", "--")


def _ends_sentence(runs: Text) -> bool:
    """Whether a line ends a sentence (then a new page starts a new paragraph)."""
    text = "".join(r.text for r in runs).rstrip().rstrip("\"'’”)]")
    return text.endswith(SENTENCE_ENDS)


def _blocks(lines: list[BodyLine], leading: float) -> Iterator[list[BodyLine]]:
    block: list[BodyLine] = []
    for line in lines:
        if block and block[-1].y - line.y > 1.5 * leading:
            yield block
            block = []
        block.append(line)
    if block:
        yield block
