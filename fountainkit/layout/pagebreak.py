"""Filling pages with blocks by the rules writers expect.

Greedy, one page at a time, with two kinds of look-around:

- a scene heading (or a printed section) is placed only if the smallest head
  of the block after it fits on the same page, so a heading never ends a page;
- a transition that does not fit is not allowed to open the next page: the
  block before it (and a heading before that) moves down with it.

With scene CONTINUEDs on, rows are kept free for them (``Reserve``); the
CONTINUED lines themselves are added by continueds.py.

A block that does not fit is split at its best legal point (blocks.py) or moved
whole to the next page; only a block taller than a whole page with no legal
split is cut where the page is full.
"""

from __future__ import annotations

from dataclasses import dataclass

from fountainkit.layout.blocks import Block
from fountainkit.layout.build import PAGE_BREAK
from fountainkit.layout.types import Line, Page, blank


@dataclass
class _Placed:
    block: Block
    lines: list[Line]
    space: int


class PageFiller:
    """Fills pages of ``lines_per_page`` rows. With ``reserve`` (scene
    CONTINUEDs, see continueds.py) the last ``reserve.bottom`` rows of every page
    stay free, and a page that carries on the scene of the page before starts
    ``reserve.top`` rows down."""

    def __init__(self, lines_per_page: int, reserve: Reserve | None = None) -> None:
        self.rows = lines_per_page - (reserve.bottom if reserve else 0)
        self.reserve = reserve
        self.pages: list[list[_Placed]] = []
        self.current: list[_Placed] = []
        self.used = 0
        # Per closed page: does it carry on the scene of the page before?
        self.continues: list[bool] = []
        self.top: bool | None = None  # the current page's, once its first block is known

    def close_page(self) -> None:
        if self.current:
            self.pages.append(self.current)
            self.continues.append(bool(self.top))
        self.current = []
        self.used = 0
        self.top = None

    def start_page(self, block: Block) -> None:
        """Before the first block of a page: reserve its CONTINUED: rows when the
        block carries on the scene the page before ended in."""
        if self.reserve is None or self.current or self.top is not None:
            return
        last = self.pages[-1][-1].block if self.pages else None
        self.top = (
            last is not None
            and block.scene_index is not None
            and block.scene_index == last.scene_index
            and block.kind not in (PAGE_BREAK, "scene_heading")
        )
        self.used = self.reserve.top if self.top else 0

    def place(self, block: Block, lines: list[Line], space: int) -> None:
        self.current.append(_Placed(block, lines, space))
        self.used += space + len(lines)

    def smallest_head(self, block: Block) -> int:
        """The fewest rows ``block`` can put at a page bottom (a forced cut for a
        block taller than a page)."""
        head = block.min_head(self.rows)
        if block.count(self.rows) > self.rows:
            return min(head, block.min_forced_rows)
        return head

    def followers_need(self, stack: list[Block]) -> int:
        """Rows the blocks after a heading need on its page: the next block's
        smallest head, through any chain of headings (an empty scene's heading
        goes down with the heading after it)."""
        need = 0
        for block in reversed(stack):
            if block.kind == PAGE_BREAK:
                break
            if not block.keep_with_next:
                return need + block.space_before + self.smallest_head(block)
            need += block.space_before + block.count(self.rows)
        return need

    def pull_back(self) -> list[Block]:
        """Take the last block (with any transitions after it and any heading it
        was kept with) off the page so it can move down with a transition;
        nothing if that would empty the page."""
        count = 1
        while count < len(self.current) and (
            self.current[-count].block.kind == "transition"
            or self.current[-count - 1].block.keep_with_next
        ):
            count += 1
        if count >= len(self.current):
            return []
        moved = self.current[-count:]
        del self.current[-count:]
        top = self.reserve.top if self.reserve is not None and self.top else 0
        self.used = top + sum(p.space + len(p.lines) for p in self.current)
        return [p.block for p in moved]

    def fill(self, blocks: list[Block]) -> list[list[_Placed]]:
        stack = list(reversed(blocks))
        while stack:
            block = stack.pop()
            if block.kind == PAGE_BREAK:
                self.close_page()
                continue
            self.start_page(block)
            space = block.space_before if self.current else 0
            room = self.rows - self.used - space
            # Heights are counted only up to a page: a block that runs on for
            # pages is wrapped a page at a time, never whole at every break.
            need = block.count(self.rows)
            if block.keep_with_next:
                after = self.followers_need(stack)
                if need + after <= room or not self.current:
                    self.place(block, block.lines(), space)
                else:
                    self.close_page()
                    stack.append(block)
                continue
            if need <= room:
                self.place(block, block.lines(), space)
                continue
            if block.kind == "transition" and self.current:
                moved = self.pull_back()
                self.close_page()
                stack.append(block)
                stack.extend(reversed(moved))
                continue
            split = block.split(room) if room > 0 else None
            if split is None and need > self.rows and room >= block.min_forced_rows:
                # Taller than any page and no legal break: cut it where this page is full.
                split = block.force_split(room)
            if split is not None:
                head, tail = split
                self.place(block, head, space)
                self.close_page()
                stack.append(tail)
            else:
                self.close_page()
                stack.append(block)
        self.close_page()
        return self.pages


@dataclass(frozen=True, slots=True)
class Reserve:
    """Rows kept free for CONTINUEDs: at the foot of every page, at the head of a
    page that carries on a scene."""

    top: int
    bottom: int


def fill_pages(
    blocks: list[Block], lines_per_page: int, reserve: Reserve | None = None
) -> tuple[list[Page], list[bool]]:
    """The pages, and for each whether it carries on the scene of the page
    before (only worked out with ``reserve``)."""
    pages, continues, _counts = fill_groups([blocks], lines_per_page, reserve)
    return pages, continues


def fill_groups(
    groups: list[list[Block]], lines_per_page: int, reserve: Reserve | None = None
) -> tuple[list[Page], list[bool], list[int]]:
    """Each group of blocks on pages of its own (a locked page's text: it never
    shares a page with the next group), one after the other; also how many
    pages each group took (0 for a group with nothing to print)."""
    filler = PageFiller(lines_per_page, reserve)
    counts = []
    for group in groups:
        before = len(filler.pages)
        filler.fill(group)
        counts.append(len(filler.pages) - before)
    pages = []
    for number, placed in enumerate(filler.pages, start=1):
        lines: list[Line] = []
        for item in placed:
            lines.extend(blank(item.block.scene_index) for _ in range(item.space))
            lines.extend(item.lines)
        pages.append(Page(number, lines))
    return pages, filler.continues, counts
