"""Page profiles: paper size and the character grid every element sits on.

Industry screenplays are typeset on a grid of Courier 12pt: 10 characters and
6 lines to the inch, so a column is 0.1in and a row is 1/6in (12pt). Every
position here is a column counted from the LEFT EDGE OF THE PAGE (column 15 is
1.5in) and every width is a number of characters.

The figures follow the Hollywood standard as summarised in
../shared/reference/breakdown-and-pagination.md (section 2.2): action 1.5in and
61 characters on Letter (the screenplain/afterwriting width; A4 is narrower),
character cue 3.7in, parenthetical 3.1in, dialogue 2.5in and 35 characters,
transitions flush right against the action's right edge.
"""

from __future__ import annotations

from dataclasses import dataclass

# One grid column and one grid row, in inches.
COLUMN_INCHES = 0.1
ROW_INCHES = 1 / 6


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one element kind starts (column from the page's left edge) and how wide it is."""

    column: int
    width: int


@dataclass(frozen=True, slots=True)
class DualSlots:
    """The slots of one dual-dialogue column."""

    character: Slot
    parenthetical: Slot
    dialogue: Slot


@dataclass(frozen=True, slots=True)
class PageProfile:
    name: str
    width_in: float
    height_in: float
    lines_per_page: int
    top_margin_in: float
    page_number_top_in: float
    action: Slot
    character: Slot
    parenthetical: Slot
    dialogue: Slot
    dual_left: DualSlots
    dual_right: DualSlots

    @property
    def right_edge(self) -> int:
        """The column just past the action's last character: transitions and
        page numbers end here."""
        return self.action.column + self.action.width

    @property
    def body_lines_per_page(self) -> int:
        """Rows available to script text on one page (the eighths denominator)."""
        return self.lines_per_page


def _dual(base: int, half: int) -> DualSlots:
    # Each half of the action area is ``half`` columns wide; every slot ends
    # inside it and dialogue keeps a one column gutter on each side, so the
    # halves never touch and the right one never passes the action's edge.
    return DualSlots(
        character=Slot(base + 8, half - 8),
        parenthetical=Slot(base + 4, half - 6),
        dialogue=Slot(base + 1, half - 2),
    )


LETTER = PageProfile(
    name="letter",
    width_in=8.5,
    height_in=11.0,
    lines_per_page=55,
    top_margin_in=1.0,
    page_number_top_in=0.5,
    action=Slot(15, 61),
    character=Slot(37, 38),
    parenthetical=Slot(31, 26),
    dialogue=Slot(25, 35),
    dual_left=_dual(15, 30),
    dual_right=_dual(46, 30),
)

# A4 is 0.23in narrower and 0.69in taller than Letter: the same indents, a
# narrower action line and three more rows.
A4 = PageProfile(
    name="a4",
    width_in=210 / 25.4,  # 210 x 297 mm exactly
    height_in=297 / 25.4,
    lines_per_page=58,
    top_margin_in=1.0,
    page_number_top_in=0.5,
    action=Slot(15, 58),
    character=Slot(37, 36),
    parenthetical=Slot(31, 26),
    dialogue=Slot(25, 35),
    dual_left=_dual(15, 29),
    dual_right=_dual(44, 29),
)

PROFILES: dict[str, PageProfile] = {LETTER.name: LETTER, A4.name: A4}


def get_profile(name: str) -> PageProfile:
    """The profile called ``name`` (case-insensitive); ValueError lists the choices."""
    try:
        return PROFILES[name.lower()]
    except KeyError:
        choices = ", ".join(PROFILES)
        raise ValueError(f"unknown paper {name!r} (choose from {choices})") from None
