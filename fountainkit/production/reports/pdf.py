"""PDF of the schedule reports, painted directly (see :mod:`.canvas`).

The three reports draw what their HTML shows, from the same data
(:mod:`.data`): the stripboard and the DOOD on landscape pages, the one-liner
on portrait. A report holding a character the direct painter cannot draw
without text shaping (Arabic, Devanagari...) is painted by WeasyPrint from
its HTML instead, so nothing is ever dropped; WeasyPrint is imported only
then, with the project's bundled-assets-only fetcher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.production.dood import LEGEND, WORK_CODES
from fountainkit.production.reports.canvas import (
    BLACK,
    WHITE,
    Canvas,
    Cell,
    Column,
    Row,
    Span,
    can_paint,
    rgb,
)
from fountainkit.production.reports.data import (
    day_views,
    long_date,
    schedule_dood,
    short_date,
)
from fountainkit.production.schedule import Schedule
from fountainkit.production.settings import COLOR_LABELS, ScheduleSettings
from fountainkit.production.strips import Strip

POINTS = 72
PAPER = {"letter": (8.5 * POINTS, 11 * POINTS), "a4": (595.28, 841.89)}
MARGIN = 0.45 * POINTS
HEAD_FILL = (0.93, 0.93, 0.93)
RULE = (0.27, 0.27, 0.27)
LIGHT_RULE = (0.7, 0.7, 0.7)
GREY_TEXT = (0.2, 0.2, 0.2)
WARNING = (0.54, 0.11, 0.0)
BANNER = (0.07, 0.07, 0.07)
BONEYARD = (0.4, 0.4, 0.4)
CODE_FILLS = {"work": (0.215, 0.278, 0.31), "hold": (1.0, 0.878, 0.51), "drop": (0.93, 0.93, 0.93)}


def _canvas(schedule: Schedule, name: str, paper: str, landscape: bool) -> Canvas:
    width, height = PAPER.get(paper.lower(), PAPER["letter"])
    if landscape:
        width, height = height, width
    title = f"{name} \u2014 {schedule.title}" if schedule.title else name
    canvas = Canvas(width, height, MARGIN, title)
    canvas.paragraph([Span(title, bold=True)], 14, space_after=3)
    canvas.paragraph([Span(_summary(schedule))], 8, GREY_TEXT, space_after=5)
    for warning in schedule.warnings:
        canvas.paragraph([Span("\u2022 " + warning)], 7.5, WARNING, space_after=1)
    canvas.y += 4
    return canvas


def _summary(schedule: Schedule) -> str:
    days = len(schedule.days)
    scenes = sum(len(day.strips) for day in schedule.days)
    parts = [
        f"{days} shoot day{'' if days == 1 else 's'}",
        f"{scenes} scene{'' if scenes == 1 else 's'}, "
        f"{format_eighths(schedule.scheduled_eighths)} pages scheduled",
    ]
    if schedule.unscheduled:
        pages = format_eighths(sum(s.eighths for s in schedule.unscheduled))
        parts.append(f"{len(schedule.unscheduled)} not scheduled ({pages} pages)")
    dates = [day.date for day in schedule.days if day.date is not None]
    if dates:
        parts.append(f"{long_date(dates[0])} to {long_date(dates[-1])}")
    return " \u00b7 ".join(parts)


def _cast_key(canvas: Canvas, schedule: Schedule, columns: int) -> None:
    canvas.columns_list([(f"{m.id}.", m.name) for m in schedule.cast], columns)


def _texts(schedule: Schedule) -> Iterator[str]:
    yield schedule.title
    yield from schedule.warnings
    for member in schedule.cast:
        yield member.name
    for day in schedule.days:
        yield from (day.unit, day.location, day.notes)
    for strip in [s for day in schedule.days for s in day.strips] + list(schedule.unscheduled):
        yield from (strip.number, strip.int_ext, strip.set, strip.sublocation, strip.location)
        yield from (strip.time, strip.synopsis, strip.story_day, strip.heading)


# --- stripboard ------------------------------------------------------------------------

_BOARD = (
    Column(0.55 * POINTS, 10),
    Column(0.62 * POINTS),
    Column(2.75 * POINTS),
    Column(0.55 * POINTS),
    Column(0.5 * POINTS, align="center"),
    Column(0.5 * POINTS, align="right"),
    Column(1.25 * POINTS),
)
_BOARD_TITLES = ("SCENE", "I/E", "SET \u2013 SUB-LOCATION / LOCATION", "D/N", "STORY DAY",
                 "PAGES", "CAST", "SYNOPSIS")  # fmt: skip


def _with_rest(
    columns: tuple[Column, ...], canvas: Canvas, size: float = 7.5
) -> tuple[Column, ...]:
    rest = canvas.inner_width - sum(column.width for column in columns)
    return (*columns, Column(rest, size))


def _header(columns: tuple[Column, ...], titles: tuple[str, ...]) -> Row:
    cells = tuple(Cell((Span(title, bold=True),), size=6.5) for title in titles)
    return Row(cells, fill=HEAD_FILL, rule=RULE)


def _strip_row(strip: Strip, settings: ScheduleSettings) -> Row:
    set_spans = [Span(strip.set or strip.heading, bold=True)]
    if strip.sublocation:
        set_spans.append(Span(f" \u2013 {strip.sublocation}"))
    if strip.location:
        set_spans.append(Span(strip.location, italic=True, break_before=True))
    synopsis = [Span(strip.synopsis + " ")] if strip.synopsis else []
    synopsis.append(Span(f"p. {strip.page}", color=(0.3, 0.3, 0.3)))
    cells = (
        Cell.of(strip.number, bold=True),
        Cell.of(strip.int_ext, bold=True),
        Cell(tuple(set_spans)),
        Cell.of(strip.day_night or strip.time, bold=True),
        Cell.of(strip.story_day),
        Cell.of(strip.pages, bold=True),
        Cell.of(", ".join(map(str, strip.cast_ids)), bold=True),
        Cell(tuple(synopsis)),
    )
    return Row(cells, fill=rgb(settings.color(strip)), rule=RULE)


def _banner(parts: list[str], fill: tuple[float, float, float] = BANNER) -> Row:
    spans = [Span(parts[0], bold=True)]
    spans += [Span(" \u2014 " + part, bold=index < 2) for index, part in enumerate(parts[1:])]
    return Row((Cell(tuple(spans), size=8),), fill=fill, banner=True, color=WHITE, rule=fill)


def stripboard_pdf(schedule: Schedule, settings: ScheduleSettings, paper: str) -> bytes:
    canvas = _canvas(schedule, "Stripboard", paper, landscape=True)
    canvas.swatches([(rgb(settings.colors[key]), label) for key, label in COLOR_LABELS])
    _cast_key(canvas, schedule, 6)
    columns = _with_rest(_BOARD, canvas)
    rows: list[Row] = []
    for day in day_views(schedule, settings):
        rows += [_strip_row(view.strip, settings) for view in day.strips]
        parts = [f"End of day {day.number}"]
        parts += [day.long_date] if day.long_date else []
        parts.append(f"{day.pages} pages")
        parts += [text for text in (day.day.unit, day.day.location, day.day.notes) if text]
        rows.append(_banner(parts))
    if schedule.unscheduled:
        count = len(schedule.unscheduled)
        pages = format_eighths(sum(s.eighths for s in schedule.unscheduled))
        banner = _banner(["Not scheduled", f"{count} scene{'' if count == 1 else 's'}",
                          f"{pages} pages"], BONEYARD)  # fmt: skip
        rows.append(Row(banner.cells, banner.fill, True, WHITE, BONEYARD, keep_with_next=True))
        rows += [_strip_row(strip, settings) for strip in schedule.unscheduled]
    canvas.table(columns, [_header(columns, _BOARD_TITLES)], rows)
    return canvas.finish(canvas.footer)


# --- one-liner -------------------------------------------------------------------------

_LINES = (
    Column(7),
    Column(0.55 * POINTS),
    Column(3.6 * POINTS),
    Column(0.6 * POINTS),
    Column(0.4 * POINTS),
    Column(0.65 * POINTS, align="right"),
)


def _line_row(strip: Strip, settings: ScheduleSettings) -> Row:
    slug = [Span(f"{strip.int_ext} {strip.set or strip.heading}".strip(), bold=True)]
    if strip.sublocation:
        slug.append(Span(f" \u2013 {strip.sublocation}", bold=True))
    detail = strip.synopsis
    if strip.location:
        detail = f"{detail} \u00b7 at {strip.location}" if detail else f"at {strip.location}"
    if detail:
        slug.append(Span(detail, italic=True, color=GREY_TEXT, break_before=True))
    pages = f"{strip.pages} {'pg' if strip.eighths == 8 else 'pgs'}"
    cells = (
        Cell(fill=rgb(settings.color(strip))),
        Cell.of(f"Sc. {strip.number}", bold=True),
        Cell(tuple(slug)),
        Cell.of(strip.day_night or strip.time),
        Cell.of(f"D{strip.story_day}" if strip.story_day else ""),
        Cell.of(pages),
        Cell.of(", ".join(map(str, strip.cast_ids))),
    )
    return Row(cells, rule=None)


def one_liner_pdf(schedule: Schedule, settings: ScheduleSettings, paper: str) -> bytes:
    canvas = _canvas(schedule, "One-liner", paper, landscape=False)
    _cast_key(canvas, schedule, 4)
    columns = _with_rest(_LINES, canvas, 8)
    for day in day_views(schedule, settings):
        head = [Span(f"Shoot day {day.number}", bold=True)]
        if day.long_date:
            head.append(Span(f" \u2014 {day.long_date}", bold=True))
        meta = " \u00b7 ".join(text for text in (day.day.unit, day.day.location) if text)
        if meta:
            head.append(Span(f"  \u00b7 {meta}", color=GREY_TEXT))
        canvas.ensure(60)
        canvas.paragraph(head, 9, space_after=1)
        if day.day.notes:
            canvas.paragraph([Span(day.day.notes, italic=True)], 8, GREY_TEXT, space_after=1)
        rows = [_line_row(view.strip, settings) for view in day.strips]
        end = f"End of day {day.number}"
        end += f" \u2014 {day.long_date}" if day.long_date else ""
        end += f" \u2014 Total pages: {day.pages}"
        rows.append(Row((Cell((Span(end, bold=True),), size=8),), BANNER, True, WHITE, BANNER))
        _lines_table(canvas, columns, rows)
        canvas.y += 8
    if schedule.unscheduled:
        canvas.ensure(60)
        canvas.paragraph([Span("Not scheduled", bold=True)], 9, space_after=1)
        _lines_table(canvas, columns, [_line_row(s, settings) for s in schedule.unscheduled])
        canvas.y += 8
    scenes = sum(len(day.strips) for day in schedule.days)
    totals = (f"{len(schedule.days)} shoot days \u00b7 {scenes} scenes \u00b7 "
              f"{format_eighths(schedule.scheduled_eighths)} pages")  # fmt: skip
    canvas.rect(canvas.margin, canvas.y, canvas.inner_width, 1.5, BLACK, None)
    canvas.y += 4
    canvas.paragraph([Span(totals, bold=True)], 8.5)
    return canvas.finish(canvas.footer)


def _lines_table(canvas: Canvas, columns: tuple[Column, ...], rows: list[Row]) -> None:
    # A thin rule under each line instead of boxes, as printed one-liners look.
    ruled = [Row(row.cells, row.fill, row.banner, row.color, row.rule or None) for row in rows]
    start = canvas.y
    canvas.rect(canvas.margin, start, canvas.inner_width, 1.2, BLACK, None)
    canvas.y += 1.2
    heights = [canvas.row_height(columns, row) for row in ruled]
    for row, measure in zip(ruled, heights, strict=True):
        if canvas.ensure(measure[0]):
            canvas.rect(canvas.margin, canvas.y, canvas.inner_width, 1.2, BLACK, None)
            canvas.y += 1.2
        canvas.table_row(columns, row, measure)
        if not row.banner:
            canvas.rect(canvas.margin, canvas.y - 0.4, canvas.inner_width, 0.4, LIGHT_RULE, None)


# --- day out of days -------------------------------------------------------------------


def _code_fill(code: str) -> tuple[float, float, float] | None:
    if code in WORK_CODES:
        return CODE_FILLS["work"]
    return {"H": CODE_FILLS["hold"], "D": CODE_FILLS["drop"]}.get(code)


def dood_pdf(schedule: Schedule, settings: ScheduleSettings, paper: str) -> bytes:
    canvas = _canvas(schedule, "Day out of days", paper, landscape=True)
    dood = schedule_dood(schedule, settings)
    per_page = settings.days_per_page
    dated = any(day.date is not None for day in schedule.days)
    count = len(schedule.days)
    blocks = [
        list(range(start, min(start + per_page, count))) for start in range(0, count, per_page)
    ]
    blocks = blocks or [[]]
    working = dood.cast_per_day()
    totals_titles = ("Work", "Hold", "Drop", "Start", "Finish", "Paid")
    for number, block in enumerate(blocks):
        last = number == len(blocks) - 1
        if number:
            canvas.new_page()
        fixed = [Column(0.3 * POINTS, 7, "center"), Column(1.5 * POINTS, 7)]
        totals = [Column(0.42 * POINTS, 7, "center") for _ in totals_titles] if last else []
        room = canvas.inner_width - sum(c.width for c in fixed + totals)
        day_width = min(room / max(len(block), 1), 0.62 * POINTS)
        columns = tuple(fixed + [Column(day_width, 7, "center") for _ in block] + totals)
        head = ["ID", "Cast"] + [f"Day {schedule.days[i].number}" for i in block]
        head += list(totals_titles) if last else []
        header = [Row(tuple(Cell((Span(t, bold=True),), size=6.5) for t in head), HEAD_FILL)]
        if dated:
            dates = ["", ""] + [short_date(schedule.days[i].date) for i in block]
            dates += [""] * len(totals)
            header.append(Row(tuple(Cell.of(t, size=6.5) for t in dates), HEAD_FILL))
        rows = []
        for row in dood.rows:
            cells = [Cell.of(str(row.id), bold=True), Cell.of(row.name)]
            for index in block:
                code = row.codes[index]
                fill = _code_fill(code)
                span = Span(code, bold=True, color=WHITE if code in WORK_CODES else None)
                cells.append(Cell((span,), fill=fill))
            if last:
                values = (
                    row.work,
                    row.hold,
                    row.dropped,
                    row.start or "",
                    row.finish or "",
                    row.paid,
                )
                cells += [Cell.of(str(v), bold=True, fill=(0.96, 0.96, 0.96)) for v in values]
            rows.append(Row(tuple(cells), rule=(0.47, 0.47, 0.47)))
        bottom = [Cell(), Cell.of("Cast working", bold=True)]
        bottom += [Cell.of(str(working[i]), bold=True) for i in block]
        if last:
            paid = dood.total_work + dood.total_hold
            sums = (dood.total_work, dood.total_hold, "", "", "", paid)
            bottom += [Cell.of(str(v), bold=True) for v in sums]
        rows.append(Row(tuple(bottom), fill=(0.96, 0.96, 0.96), rule=(0.47, 0.47, 0.47)))
        canvas.table(columns, header, rows)
        if number == 0 or last:
            canvas.y += 4
            _legend(canvas, settings, schedule.dated)
    return canvas.finish(canvas.footer)


def _legend(canvas: Canvas, settings: ScheduleSettings, dated: bool) -> None:
    spans: list[Span] = []
    for code, meaning in LEGEND:
        spans += [Span(code, bold=True), Span(f" {meaning}    ")]
    rule = settings.dood
    unit = "calendar days off" if dated else "shoot days off"
    if rule.drop_after and rule.max_drops:
        spans.append(
            Span(f"Drop after {rule.drop_after} {unit} (at most {rule.max_drops} per actor)")
        )
    else:
        spans.append(Span("Drops are off"))
    canvas.paragraph(spans, 7, GREY_TEXT)


# --- entry -----------------------------------------------------------------------------

PAINTERS: dict[str, Callable[[Schedule, ScheduleSettings, str], bytes]] = {
    "stripboard": stripboard_pdf,
    "one-liner": one_liner_pdf,
    "dood": dood_pdf,
}


def to_pdf(schedule: Schedule, report: str, settings: ScheduleSettings, paper: str,
           html: Callable[[], str]) -> bytes:  # fmt: skip
    """The report as PDF: painted directly, or by WeasyPrint from ``html()`` when
    the report holds text only a shaping engine can draw."""
    if can_paint(_texts(schedule)):
        return PAINTERS[report](schedule, settings, paper)
    import weasyprint

    from fountainkit.pdf.fetcher import bundled_only_fetcher

    return weasyprint.HTML(string=html(), url_fetcher=bundled_only_fetcher()).write_pdf()
