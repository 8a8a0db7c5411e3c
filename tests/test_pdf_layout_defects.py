"""The PDF's layout defects, each read back from the page with pdfplumber.

Long cues wrap inside their column (single and dual dialogue), nothing is
drawn outside the text area, scene headings print in capitals (page and
outline) while the source keeps its case, a speech or a dual block never
splits with one spoken line above (MORE), a shot line is kept with what
follows, and the title page's blocks keep their lines as typed.

Positions are PDF points: the grid's column c sits at x = 7.2 * c.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
import pytest
from pdf_rows import row_text
from pypdf import PdfReader

import fountainkit
from fountainkit.layout import LayoutSettings, paginate
from fountainkit.layout.profiles import get_profile
from fountainkit.pdf.render import render_pdf

CELL = 7.2
TOLERANCE = 0.6  # WeasyPrint's runs drift by up to half a point from the grid

LONG_CUE = "MRS. HENDERSON'S NEXT-DOOR NEIGHBOUR (O.S.) (CONT'D)"
LEFT_DUAL_CUE = "THE NIGHT WATCHMAN FROM THE OLD QUARRY"  # 38 characters
RIGHT_DUAL_CUE = "HER SISTER FROM THE NEXT TOWN X"  # 31 characters

OVERFLOW_SCRIPT = f"""Title: Off the Edge

INT. A VERY LONG SCENE HEADING THAT RUNS ON AND ON PAST THE EDGE OF THE PAGE - NIGHT

Supercalifragilisticexpialidociousandthensomemorewithoutanyspaceatalltofillthewholeline.

{LONG_CUE}
Hello there.

THE NEIGHBOUR'S EXTREMELY LONG NAME WITHOUT ANY EXTENSION AT ALL
(whispering to the whole street at once)
Hi.

{LEFT_DUAL_CUE} (V.O.)
Left speech.

{RIGHT_DUAL_CUE} (ON THE PHONE) ^
Right speech.

ANN
Short.

BOB (ON THE VERY LONG PHONE CALL FROM ABROAD) ^
Reply.

> A VERY LONG TRANSITION THAT SOMEBODY TYPED WITH FAR TOO MANY WORDS TO FIT:
"""


@dataclass
class Rendered:
    pdf: pdfplumber.PDF
    profile_name: str
    data: bytes

    @property
    def profile(self):
        return get_profile(self.profile_name)


def render(text: str, engine: str = "direct", **settings) -> Rendered:
    screenplay = fountainkit.parse(text)
    document = paginate(screenplay, LayoutSettings(**settings))
    data = render_pdf(screenplay, document, engine=engine, jobs=1)
    return Rendered(pdfplumber.open(io.BytesIO(data)), document.profile.name, data)


def visible(page) -> list[dict]:
    """The characters that draw something (WeasyPrint also paints the spaces)."""
    return [char for char in page.chars if char["text"].strip()]


def rows(page, *, header: bool = False) -> list[list[dict]]:
    """The page's characters grouped by row (same top), top to bottom, left to
    right; the header row (page number) left out unless ``header``."""
    by_top: dict[int, list[dict]] = {}
    for char in visible(page):
        if header or char["top"] > 60:
            by_top.setdefault(round(char["top"]), []).append(char)
    return [sorted(chars, key=lambda c: c["x0"]) for _top, chars in sorted(by_top.items())]


def find_row(pdf, text: str) -> tuple[int, list[dict]]:
    for index, page in enumerate(pdf.pages):
        for chars in rows(page):
            if text in row_text(chars):
                return index, chars
    raise AssertionError(f"no row with {text!r}")


@pytest.fixture(scope="module", params=["letter", "a4"])
def overflow(request) -> dict[str, Rendered]:
    return {
        engine: render(OVERFLOW_SCRIPT, engine, paper=request.param)
        for engine in ("direct", "weasyprint")
    }


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_nothing_is_drawn_outside_the_text_area(overflow, engine: str) -> None:
    rendered = overflow[engine]
    profile = rendered.profile
    left = profile.action.column * CELL - TOLERANCE
    right = profile.right_edge * CELL + TOLERANCE
    for page in rendered.pdf.pages[1:]:  # the script pages
        assert visible(page), "the page lost its text layer"
        for char in visible(page):
            assert left <= char["x0"] and char["x1"] <= right, (char["text"], char["x0"])


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_long_cue_wraps_extensions_to_a_second_line(overflow, engine: str) -> None:
    rendered = overflow[engine]
    profile = rendered.profile
    _, name = find_row(rendered.pdf, "MRS. HENDERSON'S NEXT-DOOR NEIGHBOUR")
    page, extensions = find_row(rendered.pdf, "(O.S.) (CONT'D)")
    assert row_text(extensions) == "(O.S.) (CONT'D)"
    assert extensions[0]["top"] - name[0]["top"] == pytest.approx(12, abs=0.1)
    for chars in (name, extensions):
        assert chars[0]["x0"] == pytest.approx(profile.character.column * CELL, abs=TOLERANCE)
        assert chars[-1]["x1"] <= profile.right_edge * CELL + TOLERANCE


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_dual_cues_wrap_inside_their_own_column(overflow, engine: str) -> None:
    rendered = overflow[engine]
    profile = rendered.profile
    left_slot, right_slot = profile.dual_left.character, profile.dual_right.character
    _, first_row = find_row(rendered.pdf, "THE NIGHT WATCHMAN")
    top = first_row[0]["top"]
    page_index, _ = find_row(rendered.pdf, "THE NIGHT WATCHMAN")
    page = rendered.pdf.pages[page_index]
    # The cue rows of the pair: from the first cue row down to the speech,
    # which starts left of any cue.
    cue_rows = []
    for chars in rows(page):
        if chars[0]["top"] < top - 1:
            continue
        if chars[0]["x0"] < left_slot.column * CELL - 1:
            break
        cue_rows.append(chars)
    left_text, right_text = [], []
    middle = (left_slot.column + left_slot.width + right_slot.column) / 2 * CELL
    for chars in cue_rows:
        left_chars = [c for c in chars if c["x0"] < middle]
        right_chars = [c for c in chars if c["x0"] >= middle]
        if left_chars:
            assert left_chars[-1]["x1"] <= (left_slot.column + left_slot.width) * CELL + TOLERANCE
            left_text.append(row_text(left_chars))
        if right_chars:
            assert right_chars[0]["x0"] >= right_slot.column * CELL - TOLERANCE
            assert right_chars[-1]["x1"] <= profile.right_edge * CELL + TOLERANCE
            right_text.append(row_text(right_chars))
    assert " ".join(left_text).startswith(f"{LEFT_DUAL_CUE} (V.O.)")
    assert " ".join(right_text).startswith(f"{RIGHT_DUAL_CUE} (ON THE PHONE)")
    assert len(left_text) >= 2 and len(right_text) >= 2


def outline_titles(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))

    def walk(items) -> list[str]:
        out = []
        for item in items:
            if isinstance(item, list):
                out.extend(walk(item))
            else:
                out.append(str(item.title))
        return out

    return walk(reader.outline)


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_scene_headings_print_in_capitals_the_source_keeps_its_case(engine: str) -> None:
    source = "int. taxi - night\n\nThe cab rolls.\n\n.flashback in the rain\n\nWet.\n"
    rendered = render(source, engine)
    page = rendered.pdf.pages[0]
    texts = [row_text(chars) for chars in rows(page)]
    assert "INT. TAXI - NIGHT" in texts and "FLASHBACK IN THE RAIN" in texts
    assert outline_titles(rendered.data) == ["INT. TAXI - NIGHT", "FLASHBACK IN THE RAIN"]
    screenplay = fountainkit.parse(source)
    assert [scene.heading.text for scene in screenplay.scenes()] == [
        "int. taxi - night",
        "flashback in the rain",
    ]
    assert fountainkit.write(screenplay) == source


def filler(rows_count: int) -> str:
    """An action paragraph of ``rows_count`` lines with no sentence end: it never splits."""
    return "\n".join(f"filler line {i} without an end" for i in range(rows_count))


def spoken_rows_above_more(rendered: Rendered) -> list[int]:
    """For each (MORE) in the PDF, the dialogue rows between it and its cue."""
    profile = rendered.profile
    dialogue_x = profile.dialogue.column * CELL
    counts = []
    for page in rendered.pdf.pages:
        page_rows = rows(page)
        for index, chars in enumerate(page_rows):
            if row_text(chars) != "(MORE)":
                continue
            count = 0
            for above in reversed(page_rows[:index]):
                if abs(above[0]["x0"] - dialogue_x) < 1:
                    count += 1
                elif abs(above[0]["x0"] - profile.character.column * CELL) < 1:
                    break
            counts.append(count)
    return counts


SPEECH = "\n".join(
    ["(beat)", "Line one ends here.", "Line two ends here.", "Line three ends.", "Line four."]
)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_no_split_leaves_one_dialogue_line_above_more(paper: str) -> None:
    rows_per_page = get_profile(paper).lines_per_page
    # Heading, blank, filler, blank: four rows are left, room for the cue,
    # (beat), one line and (MORE); two spoken lines need five.
    text = f"INT. ROOM - DAY\n\n{filler(rows_per_page - 7)}\n\nMARA\n{SPEECH}\n"
    rendered = render(text, paper=paper)
    first_page = [row_text(chars) for chars in rows(rendered.pdf.pages[0])]
    assert "MARA" not in first_page and "(MORE)" not in first_page
    assert all(count >= 2 for count in spoken_rows_above_more(rendered))
    second_page = [row_text(chars) for chars in rows(rendered.pdf.pages[1])]
    assert second_page[:3] == ["MARA", "(beat)", "Line one ends here."]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_speech_that_can_keep_two_lines_splits_with_more(paper: str) -> None:
    rows_per_page = get_profile(paper).lines_per_page
    text = f"INT. ROOM - DAY\n\n{filler(rows_per_page - 8)}\n\nMARA\n{SPEECH}\n"
    rendered = render(text, paper=paper)
    first_page = [row_text(chars) for chars in rows(rendered.pdf.pages[0])]
    assert first_page[-4:] == ["(beat)", "Line one ends here.", "Line two ends here.", "(MORE)"]
    assert spoken_rows_above_more(rendered) == [2]
    second_page = [row_text(chars) for chars in rows(rendered.pdf.pages[1])]
    assert second_page[:2] == ["MARA (CONT'D)", "Line three ends."]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_dual_block_that_cannot_keep_two_lines_per_column_moves_whole(paper: str) -> None:
    rows_per_page = get_profile(paper).lines_per_page
    right = "\n".join(["Right one ends.", "Right two ends.", "Right three.", "Right four."])
    text = f"INT. ROOM - DAY\n\n{filler(rows_per_page - 7)}\n\nANN\n{SPEECH}\n\nBOB ^\n{right}\n"
    rendered = render(text, paper=paper)
    first_page = " ".join(row_text(chars) for chars in rows(rendered.pdf.pages[0]))
    for word in ("ANN", "BOB", "(beat)", "Right", "(MORE)"):
        assert word not in first_page
    second = rows(rendered.pdf.pages[1])
    assert row_text(second[0]).split() == ["ANN", "BOB"]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_shot_line_is_kept_with_the_text_after_it(paper: str) -> None:
    rows_per_page = get_profile(paper).lines_per_page
    # The shot would land on the page's last row, its action on the next page.
    text = f"INT. ROOM - DAY\n\n{filler(rows_per_page - 4)}\n\nON WILL AND SANDRA\n\nThey kiss.\n"
    rendered = render(text, paper=paper)
    first_page = [row_text(chars) for chars in rows(rendered.pdf.pages[0])]
    assert first_page[-1].startswith("filler line")
    second_page = [row_text(chars) for chars in rows(rendered.pdf.pages[1])]
    assert second_page[:2] == ["ON WILL AND SANDRA", "They kiss."]


def test_an_action_sentence_in_capitals_is_not_a_shot() -> None:
    from fountainkit.layout.build import is_shot

    assert is_shot("ON WILL AND SANDRA") and is_shot("ANGLE ON THE DOOR.")
    assert is_shot("CLOSE ON: HER HANDS") and is_shot("BACK TO SCENE")
    assert not is_shot("THE HOUSE EXPLODES!") and not is_shot("On Will and Sandra")


NOTE = "Second draft, for the producers' table read."  # 45 characters


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_title_page_blocks_keep_their_lines_as_typed(paper: str) -> None:
    text = (
        "Title: Blocks\nDraft date: 12 January 2027\n"
        f"Notes: {NOTE}\n"
        "Contact:\n    Jo Writer\n    1234 Long Boulevard, Apt 5\n    jo@example.com\n\n"
        "INT. ROOM - DAY\n\nHi.\n"
    )
    rendered = render(text, paper=paper)
    profile = rendered.profile
    page_rows = [(row_text(chars), chars) for chars in rows(rendered.pdf.pages[0])]
    texts = [text for text, _ in page_rows]
    assert NOTE in texts  # not wrapped
    for line in ("Jo Writer", "1234 Long Boulevard, Apt 5", "jo@example.com"):
        assert line in texts
    for text_, chars in page_rows:
        assert chars[0]["x0"] >= profile.action.column * CELL - TOLERANCE, text_
        assert chars[-1]["x1"] <= profile.right_edge * CELL + TOLERANCE, text_
    note_chars = dict(page_rows)[NOTE]
    assert note_chars[-1]["x1"] == pytest.approx(profile.right_edge * CELL, abs=TOLERANCE)
    contact = dict(page_rows)["Jo Writer"]
    assert contact[0]["x0"] == pytest.approx(profile.action.column * CELL, abs=TOLERANCE)


def test_title_page_short_blocks_share_their_rows() -> None:
    text = (
        "Title: Blocks\nDraft date: 12 January 2027\nContact: jo@example.com\n\n"
        "INT. A - DAY\n\nHi.\n"
    )
    rendered = render(text)
    texts = [row_text(chars) for chars in rows(rendered.pdf.pages[0])]
    assert any("jo@example.com" in t and "12 January 2027" in t for t in texts)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_long_scene_numbers_stay_in_the_margins(paper: str) -> None:
    text = "INT. ROOM - DAY #123456789ABCDEFGHIJ#\n\nHi.\n\nEXT. YARD - DAY #12A#\n\nBye.\n"
    rendered = render(text, paper=paper, scene_numbers="both")
    profile = rendered.profile
    page = rendered.pdf.pages[0]
    width = float(page.width)
    left_margin = profile.action.column * CELL
    right_margin = profile.right_edge * CELL
    margin_text = {"left": "", "right": ""}
    for chars in rows(page, header=True):
        for char in chars:
            assert char["x0"] >= 14.4 - TOLERANCE and char["x1"] <= width - 14.4 + TOLERANCE
            if char["x1"] <= left_margin:
                margin_text["left"] += char["text"]
            elif char["x0"] >= right_margin:
                margin_text["right"] += char["text"]
    assert margin_text["left"] == margin_text["right"] == "123456789ABCDEFGHIJ12A"
