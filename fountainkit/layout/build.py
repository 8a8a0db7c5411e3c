"""From the Screenplay model to a list of blocks placed on the profile's grid."""

from __future__ import annotations

import re

from fountainkit.config import LayoutSettings
from fountainkit.layout.blocks import (
    Block,
    Speech,
    action_block,
    dialogue_block,
    dual_block,
)
from fountainkit.layout.flow import FlowView, Para
from fountainkit.layout.profiles import DualSlots, PageProfile
from fountainkit.layout.types import Line, text_runs
from fountainkit.layout.wrap import (
    cells,
    ends_sentence,
    join_text,
    normalise_runs,
    slice_runs,
    wrap_offsets,
    wrap_runs,
)
from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    Scene,
    Screenplay,
    Section,
    Synopsis,
    Text,
    Transition,
)
from fountainkit.production.numbering import scene_numbers

# Extensions that already say the speaker continues: never add a second (CONT'D).
_CONTD = re.compile(r"^\s*(CONT['\u2019]?D|CONTINUING|CONTINUED|CONT\.?)\s*$", re.I)

PAGE_BREAK = "page_break"


def _italic(runs: Text) -> Text:
    return tuple(Run(r.text, r.bold, True, r.underline, r.kind) for r in runs)


def heading_runs(runs: Text, *, bold: bool = False, underline: bool = False) -> Text:
    """A scene heading as printed: in capitals whatever the case typed (the source
    keeps its case), bold and underlined when the settings ask for it."""
    return tuple(
        Run(r.text.upper(), r.bold or bold, r.italic, r.underline or underline, r.kind)
        for r in runs
    )


# An extension in a cue: "(V.O.)", "(ON THE PHONE)"; the rest of the cue is the name.
_EXTENSION = re.compile(r"\([^()]*\)")


def cue_lines(text: str, width: int) -> list[str]:
    """A cue wrapped into lines of at most ``width`` cells.

    A cue that fits stays on one line. A longer one keeps the name together
    where it can and moves whole extensions to the next line
    (``MRS. HENDERSON'S NEXT-DOOR NEIGHBOUR`` / ``(O.S.) (CONT'D)``); a name or
    extension wider than the column is wrapped at its spaces, or cut.
    """
    if cells(text) <= width:
        return [text]
    first = _EXTENSION.search(text)
    name = text[: first.start()] if first else text
    units = [name.strip(), *_EXTENSION.findall(text[len(name) :])]
    tail = _EXTENSION.sub(" ", text[len(name) :]).split()
    units.extend(tail)  # anything after the extensions that is not one (never dropped)
    lines: list[str] = []
    for unit in filter(None, units):
        pieces = (
            [unit[a:b] for a, b in wrap_offsets(unit, width)] if cells(unit) > width else [unit]
        )
        for piece in pieces:
            if lines and cells(lines[-1]) + 1 + cells(piece) <= width:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
    return lines


# A shot: a one-line action paragraph in capitals that names what the camera
# sees next (ON WILL AND SANDRA, ANGLE ON THE DOOR, CLOSE ON HER HANDS).
_SHOT_WORDS = re.compile(
    r"^(ANGLE|ON|CLOSE|CLOSEUP|CLOSE-UP|EXTREME|WIDE|MEDIUM|TIGHT|FULL|TWO|THREE|POV|"
    r"REVERSE|OVER|INSERT|BACK|INTERCUT|ESTABLISHING|AERIAL|TRACKING|MOVING|HIGH|LOW|"
    r"FAVOR|FAVORING|FAVOURING|SERIES|MONTAGE|PAN|ZOOM|DOLLY|CRANE|PUSH|PULL|NEW|ANOTHER|"
    r"UNDERWATER|SPLIT|SUPER|TITLE|FLASHBACK|END)\b"
)


def is_shot(text: str) -> bool:
    """Whether an action paragraph is a shot line, which must not end a page:
    all in capitals, and either a known camera phrase or not a sentence."""
    stripped = text.strip()
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 2 or any(c.islower() for c in letters):
        return False
    return bool(_SHOT_WORDS.match(stripped)) or not ends_sentence(stripped)


def _only_hidden(line: Text) -> bool:
    """True for a line that holds notes or boneyard and nothing visible besides spaces."""
    return any(run.kind != "text" for run in line) and all(
        run.kind != "text" or not run.text.strip() for run in line
    )


class BlockBuilder:
    """Lays out each element of a screenplay into a Block, in reading order."""

    def __init__(self, profile: PageProfile, settings: LayoutSettings) -> None:
        self.profile = profile
        self.settings = settings
        self.blocks: list[Block] = []
        self.numbers: list[str] = []
        # The speaker of the last speech in this scene with only action since,
        # for the automatic (CONT'D).
        self.last_speaker: str | None = None

    def runs(self, runs: Text) -> Text:
        return normalise_runs(runs, keep_notes=self.settings.print_notes)

    # -- the body ---------------------------------------------------------

    def build(self, screenplay: Screenplay) -> list[Block]:
        # The same numbering as the breakdown, so printed and listed numbers agree.
        self.numbers = scene_numbers(screenplay.scenes(), self.settings.scene_number_inserts)
        scene_index = -1
        for item in screenplay.body:
            if isinstance(item, Scene):
                scene_index += 1
                self.heading(item, scene_index)
                for element in item.elements:
                    self.element(element, scene_index)
            else:
                self.element(item, None)
        return self.blocks

    def heading(self, scene: Scene, scene_index: int) -> None:
        self.last_speaker = None
        slot = self.profile.action
        settings = self.settings
        runs = heading_runs(
            self.runs(scene.heading.runs),
            bold=settings.heading_bold,
            underline=settings.heading_underline,
        )
        lines = [
            Line("scene_heading", slot.column, part, scene_index, scene.heading)
            for part in wrap_runs(runs, slot.width)
        ]
        if self.settings.scene_numbers != "none":
            number = self.numbers[scene_index]
            first = lines[0]
            lines[0] = Line(first.kind, first.column, first.runs, scene_index, first.source, number)
        self.blocks.append(
            Block("scene_heading", lines, settings.heading_spacing, scene_index, True)
        )

    def element(self, element: object, scene_index: int | None) -> None:
        if isinstance(element, Action):
            self.action(element, scene_index)
        elif isinstance(element, Dialogue):
            self.dialogue(element, scene_index)
        elif isinstance(element, DualDialogue):
            self.dual(element, scene_index)
        elif isinstance(element, Transition):
            self.last_speaker = None
            self.transition(element, scene_index)
        elif isinstance(element, Centered):
            self.centered(element, scene_index)
        elif isinstance(element, Lyrics):
            self.lyrics(element, scene_index)
        elif isinstance(element, PageBreak):
            self.blocks.append(Block(PAGE_BREAK, [], 0, scene_index))
        elif isinstance(element, Section):
            self.last_speaker = None
            if self.settings.print_sections:
                self.printed_extra(
                    "section",
                    f"{'#' * element.level} {element.title}",
                    element,
                    scene_index,
                    keep_with_next=True,
                )
        elif isinstance(element, Synopsis):
            if self.settings.print_synopses:
                self.printed_extra("synopsis", f"= {element.text}", element, scene_index)
        elif isinstance(element, Note):
            if self.settings.print_notes:
                self.printed_extra("note", f"[[{element.text}]]", element, scene_index)
        elif isinstance(element, Boneyard):
            pass  # boneyard is never printed

    # -- single elements --------------------------------------------------

    def action(self, action: Action, scene_index: int | None) -> None:
        slot = self.profile.action
        flow = tuple(
            Para("action", slot.column, slot.width, self.runs(line), action, scene_index)
            for line in action.lines
            if not _only_hidden(line)  # a boneyard or note line is invisible, not a blank row
            or (self.settings.print_notes and any(run.kind == "note" for run in line))
        )
        if not flow:
            return
        block = action_block(FlowView(flow), 1, scene_index)
        # A shot line is kept with what follows it, like a heading.
        block.keep_with_next = len(flow) == 1 and block.count(1) == 1 and is_shot(flow[0].text)
        self.blocks.append(block)

    def lyrics(self, lyrics: Lyrics, scene_index: int | None) -> None:
        slot = self.profile.action
        flow = tuple(
            Para(
                "lyrics",
                slot.column,
                slot.width,
                _italic(self.runs(line)),
                lyrics,
                scene_index,
                splittable=False,
            )
            for line in lyrics.lines
        )
        if flow:
            self.blocks.append(action_block(FlowView(flow), 1, scene_index, kind="lyrics"))

    def printed_extra(
        self,
        kind: str,
        text: str,
        node: object,
        scene_index: int | None,
        keep_with_next: bool = False,
    ) -> None:
        slot = self.profile.action
        runs = text_runs(text.replace("\n", " "), italic=kind != "section")
        lines = [
            Line(kind, slot.column, part, scene_index, node) for part in wrap_runs(runs, slot.width)
        ]
        self.blocks.append(Block(kind, lines, 1, scene_index, keep_with_next))

    def transition(self, transition: Transition, scene_index: int | None) -> None:
        slot = self.profile.action
        right = self.profile.right_edge
        lines = []
        for part in wrap_runs(self.runs(transition.runs), slot.width):
            width = cells("".join(r.text for r in part))
            lines.append(Line("transition", right - width, part, scene_index, transition))
        self.blocks.append(Block("transition", lines, 1, scene_index))

    def centered(self, centered: Centered, scene_index: int | None) -> None:
        slot = self.profile.action
        lines = []
        for source_line in centered.lines:
            runs = self.runs(source_line)
            text = join_text(runs)
            runs = slice_runs(runs, len(text) - len(text.lstrip()), len(text.rstrip()))
            for part in wrap_runs(runs, slot.width):
                width = cells("".join(r.text for r in part))
                column = slot.column + (slot.width - width) // 2
                lines.append(Line("centered", column, part, scene_index, centered))
        if lines:
            self.blocks.append(Block("centered", lines, 1, scene_index))

    # -- speech -----------------------------------------------------------

    def cue_text(self, dialogue: Dialogue, scene_index: int | None) -> tuple[str, bool]:
        """The cue as printed, and whether it already says (CONT'D)."""
        character = dialogue.character
        text = character.text
        has_contd = any(_CONTD.match(ext) for ext in character.extensions)
        speaker = character.name.strip().upper()
        if (
            self.settings.auto_contd
            and not has_contd
            and scene_index is not None
            and speaker == self.last_speaker
        ):
            text = f"{text} {self.settings.contd}"
            has_contd = True
        return text, has_contd

    def speech(
        self,
        dialogue: Dialogue,
        scene_index: int | None,
        slots: PageProfile | DualSlots,
        cue_text: str,
        has_contd: bool,
    ) -> Speech:
        character_slot, paren_slot, speech_slot = (
            slots.character,
            slots.parenthetical,
            slots.dialogue,
        )
        paras: list[Para] = []
        for part in dialogue.parts:
            if isinstance(part, Parenthetical):
                paras.append(
                    Para(
                        "parenthetical",
                        paren_slot.column,
                        paren_slot.width,
                        self.runs(part.runs),
                        part,
                        scene_index,
                        splittable=False,
                        break_after=False,
                        hanging=1,
                    )
                )
            elif isinstance(part, DialogueLine):
                paras.append(
                    Para(
                        "dialogue",
                        speech_slot.column,
                        speech_slot.width,
                        self.runs(part.runs),
                        part,
                        scene_index,
                    )
                )
            elif isinstance(part, Lyrics):
                paras.extend(
                    Para(
                        "lyrics",
                        speech_slot.column,
                        speech_slot.width,
                        _italic(self.runs(line)),
                        part,
                        scene_index,
                        splittable=False,
                    )
                    for line in part.lines
                )
            elif isinstance(part, Note) and self.settings.print_notes:
                paras.append(
                    Para(
                        "note",
                        speech_slot.column,
                        speech_slot.width,
                        text_runs(f"[[{part.text}]]", italic=True),
                        part,
                        scene_index,
                        splittable=False,
                    )
                )
        contd_text = cue_text if has_contd else f"{cue_text} {self.settings.contd}"
        column, width = character_slot.column, character_slot.width

        def rows(kind: str, text: str, source: object) -> tuple[Line, ...]:
            return tuple(
                Line(kind, column, text_runs(part), scene_index, source)
                for part in cue_lines(text, width)
            )

        return Speech(
            rows("character", cue_text, dialogue.character),
            FlowView(tuple(paras)),
            rows("character", contd_text, dialogue),
            rows("more", self.settings.more, dialogue),
        )

    def dialogue(self, dialogue: Dialogue, scene_index: int | None) -> None:
        cue_text, has_contd = self.cue_text(dialogue, scene_index)
        self.last_speaker = dialogue.character.name.strip().upper()
        speech = self.speech(dialogue, scene_index, self.profile, cue_text, has_contd)
        self.blocks.append(dialogue_block(speech, 1, scene_index))

    def dual(self, dual: DualDialogue, scene_index: int | None) -> None:
        sides: list[Speech] = []
        for dialogue, slots in (
            (dual.left, self.profile.dual_left),
            (dual.right, self.profile.dual_right),
        ):
            text = dialogue.character.text
            has_contd = any(_CONTD.match(ext) for ext in dialogue.character.extensions)
            sides.append(self.speech(dialogue, scene_index, slots, text, has_contd))
        self.last_speaker = None
        self.blocks.append(dual_block(sides[0], sides[1], 1, scene_index))
