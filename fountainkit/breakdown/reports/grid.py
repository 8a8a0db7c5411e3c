"""Geometry of the cast x scene presence grid, drawn as inline SVG by the template.

One row per cast member, one column per scene; a filled cell means the
character is in the scene (solid: speaks, light: seen but silent). Long
scripts are cut into blocks of ``columns`` scenes so each picture fits a page.
Only filled cells become rectangles; the ruling is one line per row and
column, which keeps a 190-scene grid light for the PDF engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from fountainkit.breakdown.core import Breakdown

CELL = 10
NAME_WIDTH = 150
HEADER_HEIGHT = 34


@dataclass(frozen=True, slots=True)
class Cell:
    x: int
    y: int
    speaking: bool
    title: str


@dataclass(frozen=True, slots=True)
class Label:
    x: int
    y: int
    text: str


@dataclass(frozen=True, slots=True)
class PresenceGrid:
    width: int
    height: int
    first_scene: int
    last_scene: int
    cells: tuple[Cell, ...]
    row_labels: tuple[Label, ...]
    column_labels: tuple[Label, ...]  # drawn rotated, reading upwards
    row_lines: tuple[int, ...]  # y of each horizontal rule
    column_lines: tuple[int, ...]  # x of each vertical rule


def presence_grids(breakdown: Breakdown, columns: int = 50) -> list[PresenceGrid]:
    grid = breakdown.presence()
    scenes = breakdown.scenes
    blocks = []
    for start in range(0, len(scenes), columns):
        block = scenes[start : start + columns]
        width = NAME_WIDTH + CELL * len(block)
        height = HEADER_HEIGHT + CELL * len(breakdown.cast)
        cells = []
        for row, member in enumerate(breakdown.cast):
            for col, scene in enumerate(block):
                state = grid[row][start + col]
                if state:
                    how = "speaks" if state == "S" else "is seen, silent"
                    cells.append(
                        Cell(
                            NAME_WIDTH + col * CELL,
                            HEADER_HEIGHT + row * CELL,
                            state == "S",
                            f"{member.name} {how} in scene {scene.number}",
                        )
                    )
        blocks.append(
            PresenceGrid(
                width=width,
                height=height,
                first_scene=block[0].index,
                last_scene=block[-1].index,
                cells=tuple(cells),
                row_labels=tuple(
                    Label(
                        NAME_WIDTH - 4, HEADER_HEIGHT + row * CELL + CELL - 2, f"{m.id}. {m.name}"
                    )
                    for row, m in enumerate(breakdown.cast)
                ),
                column_labels=tuple(
                    Label(NAME_WIDTH + col * CELL + CELL - 2, HEADER_HEIGHT - 3, scene.number)
                    for col, scene in enumerate(block)
                ),
                row_lines=tuple(HEADER_HEIGHT + r * CELL for r in range(len(breakdown.cast) + 1)),
                column_lines=tuple(NAME_WIDTH + c * CELL for c in range(len(block) + 1)),
            )
        )
    return blocks
