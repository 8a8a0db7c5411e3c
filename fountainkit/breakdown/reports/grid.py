"""The cast x scene presence grid, cut into tiles small enough to read.

One row per cast member, one column per row of the breakdown (the prologue,
then the scenes); a cell says whether the character speaks in the scene
(``"S"``), is there without a line (``"N"``) or is absent (``""``). A feature
has some 50 cast members and 190 scenes: drawn at a readable size that is
several pages each way, so the grid is cut into tiles of at most
``max_rows`` cast members by ``max_columns`` scenes, and every tile repeats
its row and column labels. The HTML and PDF reports draw the same tiles.
"""

from __future__ import annotations

from dataclasses import dataclass

from fountainkit.breakdown.model import Breakdown, CastMember, SceneBreakdown


@dataclass(frozen=True, slots=True)
class PresenceTile:
    members: tuple[CastMember, ...]
    scenes: tuple[SceneBreakdown, ...]
    cells: tuple[tuple[str, ...], ...]  # [member][scene]: "S", "N" or ""

    @property
    def caption(self) -> str:
        first, last = self.members[0], self.members[-1]
        return (
            f"Cast {first.id}\u2013{last.id}, scenes {column_label(self.scenes[0])}"
            f"\u2013{column_label(self.scenes[-1])}"
        )


def row_label(member: CastMember) -> str:
    return f"{member.id}. {member.name}"


def column_label(scene: SceneBreakdown) -> str:
    return scene.number or "pro."  # the prologue has no number


def presence_tiles(
    breakdown: Breakdown, max_rows: int = 40, max_columns: int = 45
) -> list[PresenceTile]:
    """The grid in tiles: all scenes of the first cast rows, then the next rows.

    Tiles are as even as the limits allow (50 cast members in tiles of at most
    40 rows are two tiles of 25, not 40 and 10).
    """
    grid = breakdown.presence()
    rows = breakdown.rows
    row_step = _even(len(breakdown.cast), max_rows)
    column_step = _even(len(rows), max_columns)
    tiles = []
    for top in range(0, len(breakdown.cast), row_step):
        members = breakdown.cast[top : top + row_step]
        for left in range(0, len(rows), column_step):
            scenes = rows[left : left + column_step]
            cells = tuple(
                tuple(grid[top + r][left : left + len(scenes)]) for r in range(len(members))
            )
            tiles.append(PresenceTile(tuple(members), tuple(scenes), cells))
    return tiles


def _even(count: int, limit: int) -> int:
    """The step that cuts ``count`` into the fewest pieces of at most ``limit``, evenly."""
    pieces = max(1, -(-count // max(1, limit)))
    return max(1, -(-count // pieces))
