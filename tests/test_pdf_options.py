"""The options writers reach for, read back from the PDF with pdfplumber.

Scene headings bold, underlined and spaced; header and footer slots with
placeholders; the page number beside a revision label; a diagonal watermark
on every page, in both engines; and one-line errors for bad templates.
"""

from __future__ import annotations

import io
import math

import pdfplumber
import pytest
from pdf_rows import row_text as text_of

import fountainkit
from fountainkit.config import ConfigError, LayoutSettings, config_from_mapping
from fountainkit.layout import paginate
from fountainkit.pdf.render import render_pdf

CELL = 7.2
TOLERANCE = 0.6

SCRIPT = "Title: Night Ferry\nAuthor: Jo Writer\nDraft date: 12 January 2027\n\n" + "\n\n".join(
    f"int. deck {i} - night\n\nThe ferry rolls on through scene {i}. Gulls follow.\n\n"
    f"MARA\nStill here, number {i}."
    for i in range(1, 16)
)


def render(engine: str = "direct", **settings) -> pdfplumber.PDF:
    screenplay = fountainkit.parse(SCRIPT)
    document = paginate(screenplay, LayoutSettings(**settings))
    return pdfplumber.open(io.BytesIO(render_pdf(screenplay, document, engine=engine, jobs=1)))


def line_chars(page, top_min: float, top_max: float) -> list[dict]:
    return sorted(
        (c for c in page.chars if c["text"].strip() and top_min <= c["top"] < top_max),
        key=lambda c: c["x0"],
    )


def turned(char: dict) -> bool:
    """Drawn at an angle (the watermark): its text matrix has a rotation."""
    return abs(char["matrix"][1]) > 1e-6


def upright(page) -> list[dict]:
    return [c for c in page.chars if not turned(c) and c["size"] < 13]


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_bold_underlined_headings_with_an_extra_blank_line(engine: str) -> None:
    pdf = render(engine, heading_bold=True, heading_underline=True, heading_spacing=2)
    page = pdf.pages[1]
    chars = upright(page)
    headings = [c for c in chars if c["text"] == "I" and abs(c["x0"] - 15 * CELL) < 1]
    assert len(headings) >= 3
    for char in headings:
        assert "Bold" in char["fontname"]
    # An underline under each heading, from 1.5in.
    rules = [r for r in page.rects if r["height"] < 1.5 and abs(r["x0"] - 15 * CELL) < 1]
    rules += [line for line in page.lines if abs(line["x0"] - 15 * CELL) < 1]
    assert len(rules) >= len(headings)
    # Three rows (36pt) from the last line of a scene to the next heading.
    tops = sorted({round(c["top"], 1) for c in chars if c["x0"] > 14 * CELL})
    heading_tops = sorted(round(c["top"], 1) for c in headings)
    for top in heading_tops[1:]:
        above = max(t for t in tops if t < top - 1)
        assert top - above == pytest.approx(36, abs=0.2)


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_header_footer_and_revision_label(engine: str) -> None:
    pdf = render(
        engine,
        header=LayoutSettings().header.with_slots({"left": "{title}"}, "header"),
        footer=LayoutSettings().footer.with_slots({"center": "Page {page} of {pages}"}, "footer"),
        revision="Blue Rev.",
    )
    pages = len(pdf.pages) - 1
    assert pages >= 2
    for number, page in enumerate(pdf.pages[1:], start=1):
        header = line_chars(page, 30, 48)  # the row 0.5in from the top
        text = text_of(header)
        assert text.startswith("Night Ferry")
        assert header[0]["x0"] == pytest.approx(15 * CELL, abs=TOLERANCE)
        assert "Blue Rev. 12 January 2027" in text
        if number > 1:
            assert text.endswith(f"{number}.")
            assert header[-1]["x1"] == pytest.approx(76 * CELL, abs=TOLERANCE)
        else:
            assert not text.endswith(".")
        footer = line_chars(page, page.height - 60, page.height)
        assert text_of(footer) == f"Page {number} of {pages}"
        middle = (footer[0]["x0"] + footer[-1]["x1"]) / 2
        assert middle == pytest.approx((15 + 61 / 2) * CELL, abs=CELL)
        # Its row (12pt tall) ends 0.5in above the bottom edge.
        assert footer[0]["top"] <= page.height - 36 - 12 + 2
    # The title page has none of it.
    assert "Blue Rev." not in pdf.pages[0].extract_text()


def test_revision_label_sits_at_the_same_column_on_every_page() -> None:
    pdf = render(revision="Pink Rev.")
    starts = set()
    for page in pdf.pages[1:]:
        header = line_chars(page, 30, 48)
        starts.add(round(header[0]["x0"], 1))
    assert len(starts) == 1


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_watermark_on_every_page_along_the_diagonal(engine: str, paper: str) -> None:
    pdf = render(engine, paper=paper, watermark="Prepared for J. Doe")
    for page in pdf.pages:
        marks = [c for c in page.chars if c["text"].strip() and turned(c)]
        assert "".join(c["text"] for c in marks) == "PreparedforJ.Doe"
        for char in marks:
            assert char["x0"] >= 0 and char["x1"] <= page.width
            assert char["top"] >= 0 and char["bottom"] <= page.height
            # Light grey, so the script stays readable over it.
            colour = char["non_stroking_color"]
            grey = colour[0] if isinstance(colour, list | tuple) else colour
            assert 0.7 < grey < 0.9
        # Centred on the page, rising from bottom left to top right.
        first, last = marks[0], marks[-1]
        centre_x = (first["x0"] + last["x1"]) / 2
        centre_y = (first["bottom"] + last["top"]) / 2
        assert centre_x == pytest.approx(page.width / 2, abs=30)
        assert centre_y == pytest.approx(page.height / 2, abs=30)
        slope = (first["bottom"] - last["bottom"]) / (last["x0"] - first["x0"])
        assert math.degrees(math.atan(slope)) == pytest.approx(
            math.degrees(math.atan2(page.height, page.width)), abs=3
        )
        # The script's own text is all still there, upright.
        assert upright(page)


def test_bad_templates_are_one_line_errors() -> None:
    with pytest.raises(ConfigError, match=r"unknown placeholder \{titel\}"):
        config_from_mapping({"header": {"left": "{titel}"}})
    with pytest.raises(ConfigError, match="unknown slot 'middle'"):
        config_from_mapping({"footer": {"middle": "x"}})
    with pytest.raises(ConfigError, match="page_numbers"):
        config_from_mapping({"page_numbers": "{page"})
    with pytest.raises(ConfigError, match="heading_spacing"):
        config_from_mapping({"heading_spacing": 9})
    with pytest.raises(ConfigError, match="heading_spacing must be a whole number"):
        config_from_mapping({"heading_spacing": True})


def test_cli_flags(cli, tmp_path) -> None:
    script = tmp_path / "ferry.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "ferry.pdf"
    result = cli(
        "pdf",
        str(script),
        "-o",
        str(out),
        "--header",
        "left={title}",
        "--footer",
        "right={author}",
        "--page-numbers",
        "Page {page}",
        "--revision",
        "Blue Rev.",
        "--draft-date",
        "01/12/27",
        "--watermark",
        "DRAFT",
        "--heading-bold",
    )
    assert result.returncode == 0, result.stderr.decode()
    with pdfplumber.open(out) as pdf:
        second = pdf.pages[2]
        header = text_of(line_chars(second, 30, 48))
        assert header.startswith("Night Ferry") and header.endswith("Blue Rev. 01/12/27 Page 2")
        assert text_of(line_chars(second, second.height - 60, second.height)) == "Jo Writer"
    bad = cli("pdf", str(script), "-o", str(out), "--header", "left={nope}")
    assert bad.returncode == 1
    assert bad.stderr.decode().count("\n") == 1 and "{nope}" in bad.stderr.decode()
    bad = cli("pdf", str(script), "-o", str(out), "--footer", "no-equals-sign")
    assert bad.returncode == 1 and "SLOT=TEXT" in bad.stderr.decode()


LONG_SCENE = "INT. ENGINE ROOM - NIGHT\n\n" + "\n\n".join(
    f"The pistons hammer on, beat {i} of the long crossing." for i in range(70)
)
CONTINUED_SCRIPT = f"Title: Night Ferry\n\n{LONG_SCENE}\n\nEXT. DECK - DAY\n\nCalm at last.\n"


def rows_of(page) -> list[tuple[float, list[dict]]]:
    by_top: dict[int, list[dict]] = {}
    for char in upright(page):
        if char["text"].strip():
            by_top.setdefault(round(char["top"]), []).append(char)
    return [(top, sorted(chars, key=lambda c: c["x0"])) for top, chars in sorted(by_top.items())]


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_scene_continueds_at_the_foot_and_head_of_pages(engine: str, paper: str) -> None:
    screenplay = fountainkit.parse(CONTINUED_SCRIPT)
    settings = LayoutSettings(paper=paper, scene_continueds=True, scene_numbers="both")
    document = paginate(screenplay, settings)
    profile = document.profile
    data = render_pdf(screenplay, document, engine=engine, jobs=1)
    pdf = pdfplumber.open(io.BytesIO(data))
    script_pages = pdf.pages[1:]
    assert len(script_pages) >= 3
    last_row_top = (profile.top_margin_in * 72) + (profile.lines_per_page - 1) * 12
    for number, page in enumerate(script_pages, start=1):
        rows = rows_of(page)
        body = [(top, chars) for top, chars in rows if top > 60]
        texts = [text_of(chars) for _, chars in body]
        if number < len(script_pages):
            # (CONTINUED) flush right on the page's last row.
            top, chars = body[-1]
            assert texts[-1] == "(CONTINUED)"
            assert top == pytest.approx(last_row_top, abs=2)
            assert chars[-1]["x1"] == pytest.approx(profile.right_edge * CELL, abs=TOLERANCE)
        else:
            assert "(CONTINUED)" not in texts
        if number > 1:
            # CONTINUED: at 1.5in on the first script row, the scene number both sides.
            top, chars = body[0]
            expected = "CONTINUED:" if number == 2 else f"CONTINUED: ({number - 1})"
            assert texts[0] == f"1 {expected} 1"
            assert top == pytest.approx(profile.top_margin_in * 72, abs=2)
            start = next(c for c in chars if c["text"] == "C")
            assert start["x0"] == pytest.approx(15 * CELL, abs=TOLERANCE)
    # Never more rows than a page holds; the deck scene starts fresh: no CONTINUED: for it.
    assert all(len(page.lines) <= profile.lines_per_page for page in document.pages)
    assert "EXT. DECK - DAY" in "\n".join(p.extract_text() for p in script_pages)


def test_scene_continueds_do_not_count_in_a_scene_s_length() -> None:
    screenplay = fountainkit.parse(CONTINUED_SCRIPT)
    plain = paginate(screenplay, LayoutSettings()).scene_extents()
    continued = paginate(screenplay, LayoutSettings(scene_continueds=True)).scene_extents()
    # The same rows of script text, spread over the pages differently.
    assert [e.total_lines for e in plain] == [e.total_lines for e in continued]
