"""PDF report: the scene list, a breakdown sheet per scene, the lists and the presence grid.

Painted straight into the PDF (:mod:`.canvas`), so a 190-scene feature takes
a second or two and a few tens of megabytes, where laying out the HTML report
in WeasyPrint took most of a minute and half a gigabyte. The page is the
script's paper (US letter or A4). When some text needs shaping that the
canvas cannot do (Arabic, Indic scripts...), the HTML report is painted by
WeasyPrint instead, with the project's bundled-assets-only URL fetcher.

What is on the pages:

* the summary: page count and eighths total side by side, counts;
* the scene list (a one-liner): number, I/E, set, D/N, story day, eighths,
  cast IDs, script page, with the total;
* one sheet per scene (and the prologue): the heading's fields on a band
  coloured like its stripboard strip, then a box per category with items,
  the cast with IDs, and the suggestions from the action;
* the cast list, the suggestions, the sets, the tagged elements, warnings;
* the cast x scene grid on landscape pages, cut into tiles so that every row
  label and scene number is printed at a readable size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.breakdown.model import Breakdown, SceneBreakdown
from fountainkit.breakdown.reports.canvas import POINTS_PER_INCH, Canvas, can_draw
from fountainkit.breakdown.reports.grid import column_label, presence_tiles, row_label
from fountainkit.breakdown.reports.html import category_label, ink_for, scene_boxes
from fountainkit.gcpause import gc_paused

MARGIN = 0.6 * POINTS_PER_INCH
BODY_SIZE = 8.5
SMALL = 7.0
LINE = 1.25  # line height, in font sizes
RULE = "#999999"
FAINT = "#dddddd"
GREY_TEXT = "#555555"
PAPERS = {"letter": (8.5 * 72, 11 * 72), "a4": (210 / 25.4 * 72, 297 / 25.4 * 72)}
# The stripboard colours of Wikipedia's Production board page (research notes 4.1).
STRIP_COLORS = {
    ("DAY", False): "#ffffff",
    ("DAY", True): "#fff59d",
    ("NIGHT", False): "#90caf9",
    ("NIGHT", True): "#a5d6a7",
}
GRID_CELL = 10.0
BOX_HEIGHT = 46.0  # an empty department box: room to write in by hand
GRID_LABEL = 7.0


def _strip_color(scene: SceneBreakdown) -> str:
    exterior = scene.int_ext in ("EXT", "EST")
    night = scene.day_night == "NIGHT"
    return STRIP_COLORS[("NIGHT" if night else "DAY", exterior)]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    share: float  # of the text width
    align: str = "left"


class _Report:
    def __init__(self, breakdown: Breakdown, paper: str) -> None:
        self.breakdown = breakdown
        width, height = PAPERS.get(paper, PAPERS["letter"])
        self.canvas = Canvas(width, height, f"Breakdown: {breakdown.title}".rstrip(": "))
        self.y = MARGIN
        self.section = ""

    # --- page flow -----------------------------------------------------------------------

    @property
    def text_width(self) -> float:
        return self.canvas.page_width - 2 * MARGIN

    @property
    def bottom(self) -> float:
        return self.canvas.page_height - MARGIN

    def page(self, *, landscape: bool = False) -> None:
        self.canvas.new_page(landscape=landscape)
        self.y = MARGIN
        title = self.breakdown.title or "Script breakdown"
        foot = self.canvas.page_height - MARGIN / 2
        self.canvas.text(MARGIN, foot, f"{title} \u00b7 {self.section}", SMALL, color=GREY_TEXT)
        self.canvas.text(
            self.canvas.page_width - MARGIN, foot, str(self.canvas.pages), SMALL,
            color=GREY_TEXT, align="right",
        )  # fmt: skip

    def need(self, height: float) -> bool:
        """Start a new page unless ``height`` fits below; True when a page was started."""
        if self.y + height <= self.bottom:
            return False
        self.page()
        return True

    def heading(self, text: str, size: float = 14) -> None:
        self.need(size * 3)
        self.canvas.text(MARGIN, self.y, text, size, bold=True)
        self.y += size * 1.8

    def paragraph(self, text: str, size: float = BODY_SIZE, color: str = "#000000") -> None:
        for line in self.canvas.wrap(text, size, self.text_width):
            self.need(size * LINE)
            self.canvas.text(MARGIN, self.y, line, size, color=color)
            self.y += size * LINE
        self.y += size * 0.5

    # --- tables ----------------------------------------------------------------------------

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        footer: Sequence[str] | None = None,
        size: float = BODY_SIZE,
    ) -> None:
        widths = [c.share * self.text_width for c in columns]
        pad = 8.0  # between a right-aligned column and the next
        line = size * LINE

        def header() -> None:
            x = MARGIN
            for column, width in zip(columns, widths, strict=True):
                left = x + width - pad if column.align == "right" else x
                self.canvas.text(left, self.y, column.title, SMALL, bold=True,
                                 color=GREY_TEXT, align=column.align)  # fmt: skip
                x += width
            self.y += SMALL * LINE + 1
            self.canvas.line(MARGIN, self.y, MARGIN + self.text_width, self.y, color="#333333")
            self.y += 2

        def row(cells: Sequence[str], bold: bool = False) -> None:
            wrapped = [
                self.canvas.wrap(cell, size, width - pad, bold)
                for cell, width in zip(cells, widths, strict=True)
            ]
            height = max(len(lines) for lines in wrapped) * line + 2
            if self.need(height):
                header()
            x = MARGIN
            for lines, column, width in zip(wrapped, columns, widths, strict=True):
                for n, text in enumerate(lines):
                    left = x + width - pad if column.align == "right" else x
                    self.canvas.text(left, self.y + n * line, text, size, bold=bold,
                                     align=column.align)  # fmt: skip
                x += width
            self.y += height
            self.canvas.line(MARGIN, self.y - 1, MARGIN + self.text_width, self.y - 1,
                             color=FAINT)  # fmt: skip

        self.need(SMALL * LINE + line * 2)
        header()
        for cells in rows:
            row(cells)
        if footer is not None:
            self.canvas.line(MARGIN, self.y, MARGIN + self.text_width, self.y, color="#333333")
            self.y += 2
            row(footer, bold=True)
        self.y += size

    # --- the parts ---------------------------------------------------------------------------

    def summary(self) -> None:
        b = self.breakdown
        self.section = "Summary and scene list"
        self.page()
        self.canvas.text(MARGIN, self.y, "Script breakdown", 20, bold=True)
        self.y += 30
        if b.title:
            self.canvas.text(MARGIN, self.y, b.title, 14, bold=True)
            self.y += 24
        speaking = len(b.speaking_cast)
        facts = [
            ("Script pages", str(b.pages)),
            ("Scene pages (sum of eighths)", format_eighths(b.eighths_total)),
            ("Scenes", f"{len(b.scenes)}" + (" + prologue" if b.prologue else "")),
            ("Cast with IDs", f"{len(b.cast)} ({speaking} speaking)"),
            ("Suggestions to review", str(len(b.suggestions))),
            ("Sets", str(len(b.locations))),
            ("Eighths", f"{b.lines_per_page} lines a page, rounded {b.eighths_rounding}"),
        ]
        for label, value in facts:
            self.canvas.text(MARGIN, self.y, label, 10, color=GREY_TEXT)
            self.canvas.text(MARGIN + 2.6 * POINTS_PER_INCH, self.y, value, 10, bold=True)
            self.y += 15
        self.y += 12
        self.heading("Scenes")
        columns = [
            Column("Scene", 0.1), Column("I/E", 0.08), Column("Set", 0.35),
            Column("D/N", 0.07), Column("Day", 0.06), Column("Pages", 0.08, "right"),
            Column("Cast IDs", 0.19), Column("Page", 0.07, "right"),
        ]  # fmt: skip
        rows = []
        for scene in b.rows:
            place = " \u2013 ".join(p for p in (scene.set, scene.sublocation) if p)
            if scene.modifiers:
                place += f" ({', '.join(scene.modifiers)})"
            rows.append(
                [
                    scene.number or "prologue",
                    scene.int_ext,
                    place,
                    scene.day_night,
                    scene.story_day,
                    scene.pages,
                    ", ".join(map(str, scene.cast_ids)),
                    str(scene.page),
                ]  # fmt: skip
            )
        total = ["", "", f"Total: {b.pages} pages", "", "", format_eighths(b.eighths_total), "", ""]
        self.table(columns, rows, total)

    def sheets(self) -> None:
        b = self.breakdown
        for number, scene in enumerate(b.rows, start=1):
            self.section = f"Sheet {number} of {len(b.rows)}"
            self.page()
            self.sheet(scene)

    def sheet(self, scene: SceneBreakdown) -> None:
        canvas = self.canvas
        band = _strip_color(scene)
        fields = [
            ("Scene", scene.number or "Prologue"), ("I/E", scene.int_ext),
            ("Time", scene.time), ("D/N", scene.day_night), ("Story day", scene.story_day),
            ("Pages", scene.pages), ("Script page", str(scene.page)), ("Line", str(scene.line)),
        ]  # fmt: skip
        band_height = 44.0
        canvas.rect(MARGIN, self.y, self.text_width, band_height, fill=band, stroke="#333333")
        cell = self.text_width / len(fields)
        for i, (label, value) in enumerate(fields):
            x = MARGIN + i * cell + 4
            canvas.text(x, self.y + 4, label.upper(), 6, color="#333333")
            size = 16 if i == 0 else 9
            for n, text in enumerate(canvas.wrap(value, size, cell - 6, True)[:2]):
                canvas.text(x, self.y + 14 + n * size * 1.1, text, size, bold=True)
        self.y += band_height + 8
        heading = scene.heading or "(text before the first scene heading)"
        for text in canvas.wrap(heading, 11, self.text_width, True):
            canvas.text(MARGIN, self.y, text, 11, bold=True)
            self.y += 14
        place = " \u2013 ".join(p for p in (scene.set, scene.sublocation) if p)
        detail = [f"Set: {place}"] if place else []
        if scene.modifiers:
            detail.append(f"Modifiers: {', '.join(scene.modifiers)}")
        if detail:
            self.paragraph(" \u00b7 ".join(detail), BODY_SIZE, GREY_TEXT)
        if scene.synopsis:
            self.paragraph(scene.synopsis, 9)
        self.y += 4
        self.boxes(scene)

    def boxes(self, scene: SceneBreakdown) -> None:
        """The department boxes of a breakdown sheet, three to a row in sheet order.

        A row is as tall as its fullest box; a box whose items do not fit on
        the page goes on, marked "continued", on the next page: nothing is cut.
        """
        canvas = self.canvas
        gap, columns = 6.0, 3
        width = (self.text_width - gap * (columns - 1)) / columns
        line_height = BODY_SIZE * LINE
        queue = [
            (box, [line for item in box.items for line in canvas.wrap(item, BODY_SIZE, width - 10)])
            for box in scene_boxes(self.breakdown, scene, form=True)
        ]
        while queue:
            row, queue = queue[:columns], queue[columns:]
            need = max(max(BOX_HEIGHT, 20 + len(lines) * line_height) for _, lines in row)
            if self.y + min(need, 20 + 3 * line_height) > self.bottom:
                self.section = f"{self.section.removesuffix(' (continued)')} (continued)"
                self.page()
            height = min(need, self.bottom - self.y)
            room = max(1, int((height - 20) // line_height))
            carried = []
            for column, (box, lines) in enumerate(row):
                x = MARGIN + column * (width + gap)
                canvas.rect(x, self.y, width, height, stroke=box.color, line_width=1.5)
                canvas.rect(x, self.y, width, 13, fill=box.color)
                canvas.text(x + 4, self.y + 2.5, box.label, 8, bold=True, color=ink_for(box.color))
                for n, line in enumerate(lines[:room]):
                    canvas.text(x + 5, self.y + 16 + n * line_height, line, BODY_SIZE)
                if len(lines) > room:
                    label = f"{box.label.removesuffix(' (continued)')} (continued)"
                    carried.append((replace(box, label=label), lines[room:]))
            self.y += height + gap
            queue = carried + queue

    def lists(self) -> None:
        b = self.breakdown
        self.section = "Cast list"
        self.page()
        self.heading("Cast list")
        self.paragraph(
            "IDs go to speaking parts, [[cast: NAME]] tags and names configured under cast:, "
            "by number of scenes, ties by first appearance.",
            color=GREY_TEXT,
        )
        columns = [
            Column("ID", 0.05, "right"), Column("Name", 0.37), Column("Why", 0.11),
            Column("Scenes", 0.09, "right"), Column("Speaking", 0.1, "right"),
            Column("Speeches", 0.1, "right"), Column("Lines", 0.08, "right"),
            Column("Words", 0.1, "right"),
        ]  # fmt: skip
        rows = []
        for m in b.cast:
            name = m.name + (f" ({', '.join(m.also_known_as)})" if m.also_known_as else "")
            rows.append([str(m.id), name, m.source, str(len(m.scenes)),
                         str(len(m.speaking_scenes)), str(m.speeches), str(m.dialogue_lines),
                         str(m.words)])  # fmt: skip
        self.table(columns, rows)

        self.section = "Suggestions"
        self.heading("Suggestions from the action")
        self.paragraph(
            "Capitalised names in the action that are not cast, for a person to review. None "
            "has an ID: tag one [[cast: NAME]] or list it under cast: in the config file.",
            color=GREY_TEXT,
        )
        for kind, title in (("person", "People (possible non-speaking parts)"),
                            ("group", "Groups (background / extras)"), ("animal", "Animals"),
                            ("sound", "Sounds and effects")):  # fmt: skip
            found = [s for s in b.suggestions if s.kind == kind]
            if found:
                self.heading(title, 10)
                self.table(
                    [Column("Name", 0.4), Column("Scenes", 0.6)],
                    [[s.name, ", ".join(self._numbers(s.scenes))] for s in found],
                )

        self.section = "Sets"
        self.heading("Sets")
        self.table(
            [
                Column("Set", 0.3),
                Column("I/E", 0.1),
                Column("Sub-locations", 0.3),
                Column("Scenes", 0.2),
                Column("Pages", 0.1, "right"),
            ],  # fmt: skip
            [
                [
                    loc.name,
                    ", ".join(loc.int_ext),
                    ", ".join(loc.sublocations),
                    ", ".join(self._numbers(loc.scenes)),
                    loc.pages,
                ]
                for loc in b.locations
            ],  # fmt: skip
        )

        self.section = "Tagged elements"
        self.heading("Tagged elements")
        if b.elements:
            self.table(
                [Column("Category", 0.22), Column("Element", 0.5), Column("Scenes", 0.28)],
                [
                    [category_label(e.category), e.name, ", ".join(self._numbers(e.scenes))]
                    for e in b.elements
                ],  # fmt: skip
            )
        else:
            self.paragraph("No [[category: item; item]] tags in this script.", color=GREY_TEXT)
        if b.warnings:
            self.heading("Warnings", 10)
            for warning in b.warnings:
                self.paragraph(str(warning), color="#8a4b00")

    def _numbers(self, indexes: Sequence[int]) -> list[str]:
        by_index = {row.index: row for row in self.breakdown.rows}
        return [column_label(by_index[i]) if i in by_index else str(i) for i in indexes]

    def grid(self) -> None:
        b = self.breakdown
        if not b.cast or not b.rows:
            return
        canvas = self.canvas
        self.section = "Cast \u00d7 scene presence"
        landscape_width, landscape_height = canvas.height, canvas.width
        labels = [row_label(m) for m in b.cast]
        label_width = min(
            max(canvas.measure(label, GRID_LABEL) for label in labels) + 6,
            landscape_width / 3,
        )
        header = max(canvas.measure(column_label(r), GRID_LABEL) for r in b.rows) + 8
        columns = max(1, int((landscape_width - 2 * MARGIN - label_width) // GRID_CELL))
        rows = max(1, int((landscape_height - 2 * MARGIN - header - 40) // GRID_CELL))
        speaking = self.breakdown.settings.color("cast")
        silent = self.breakdown.settings.color("non-speaking")
        for tile in presence_tiles(b, max_rows=rows, max_columns=columns):
            self.page(landscape=True)
            canvas.text(MARGIN, self.y, f"Cast \u00d7 scene presence: {tile.caption}", 11,
                        bold=True)  # fmt: skip
            self._legend(MARGIN + 4.5 * POINTS_PER_INCH, self.y + 2, speaking, silent)
            top = self.y + 22 + header
            left = MARGIN + label_width
            for c, scene in enumerate(tile.scenes):
                canvas.text(left + c * GRID_CELL + 1, top - 4, column_label(scene), GRID_LABEL,
                            rotate=True)  # fmt: skip
            for r, member in enumerate(tile.members):
                y = top + r * GRID_CELL
                if r % 2:
                    canvas.rect(MARGIN, y, label_width + GRID_CELL * len(tile.scenes), GRID_CELL,
                                fill="#f4f4f4")  # fmt: skip
                self._label(row_label(member), left - 3, y + 1.5, label_width - 6)
                for c, state in enumerate(tile.cells[r]):
                    if state:
                        color = speaking if state == "S" else silent
                        canvas.rect(left + c * GRID_CELL + 0.5, y + 0.5, GRID_CELL - 1,
                                    GRID_CELL - 1, fill=color)  # fmt: skip
            bottom = top + GRID_CELL * len(tile.members)
            right = left + GRID_CELL * len(tile.scenes)
            for c in range(len(tile.scenes) + 1):
                canvas.line(left + c * GRID_CELL, top, left + c * GRID_CELL, bottom, color=RULE,
                            width=0.3)  # fmt: skip
            for r in range(len(tile.members) + 1):
                y = top + r * GRID_CELL
                canvas.line(MARGIN, y, right, y, color=RULE, width=0.3)

    def _label(self, text: str, right: float, top: float, room: float) -> None:
        """A row label, made smaller rather than cut when it is long."""
        size = GRID_LABEL
        while size > 4.0 and self.canvas.measure(text, size) > room:
            size -= 0.5
        self.canvas.text(right, top + (GRID_LABEL - size) / 2, text, size, align="right")

    def _legend(self, x: float, top: float, speaking: str, silent: str) -> None:
        for color, label in ((speaking, "speaks"), (silent, "there, silent")):
            self.canvas.rect(x, top, 8, 8, fill=color)
            x += 11
            x += self.canvas.text(x, top, label, SMALL) + 14


def _texts(breakdown: Breakdown) -> list[str]:
    """Every piece of text the report prints, to check the canvas can draw it."""
    texts = [breakdown.title]
    for scene in breakdown.rows:
        texts += [scene.heading, scene.set, scene.sublocation, scene.time, scene.synopsis]
        texts += [scene.story_day, *scene.modifiers, *scene.speaking, *scene.non_speaking]
        texts += [item for items in scene.elements.values() for item in items]
    texts += [m.name for m in breakdown.cast] + [s.name for s in breakdown.suggestions]
    texts += [str(w) for w in breakdown.warnings]
    texts += [loc.name for loc in breakdown.locations]
    return texts


def to_pdf(breakdown: Breakdown) -> bytes:
    if not can_draw(_texts(breakdown)):
        return _weasyprint_pdf(breakdown)
    report = _Report(breakdown, breakdown.paper)
    parts: list[Callable[[], None]] = [report.summary, report.sheets, report.lists, report.grid]
    with gc_paused():  # hundreds of thousands of small, acyclic operator strings
        for part in parts:
            part()
        return report.canvas.finish()


def _weasyprint_pdf(breakdown: Breakdown) -> bytes:
    """The HTML report painted by WeasyPrint: for text the canvas cannot shape."""
    import weasyprint

    from fountainkit.breakdown.reports.html import to_html
    from fountainkit.pdf.fetcher import bundled_only_fetcher

    document = weasyprint.HTML(string=to_html(breakdown), url_fetcher=bundled_only_fetcher())
    return document.write_pdf()
