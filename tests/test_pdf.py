"""``fountainkit pdf`` read back with pdfplumber and pypdf: where every element lands.

The script below is rendered once per module (WeasyPrint is the slow part) and
every test inspects that PDF. Positions are in PDF points: 72 per inch, so the
grid's column c sits at x = 7.2 * c.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

INCH = 72.0
SPEECH = " ".join(f"Line {i} of the keeper's long story ends here." for i in range(70))

SCRIPT = f"""Title: The Quiet Lantern
Credit: written by
Author: Test Writer
Draft date: 1 May 2026
Contact: test@example.com

# Act One

= Mara finds the lantern.

INT. LIGHTHOUSE - NIGHT #7#

Waves crash below. A woman (40s) climbs with a **bold** step,
an *italic* glance and an _underlined_ purpose.

[[This note stays hidden.]]

MARA
(whispering)
Is anyone up here?

CUT TO:

EXT. CLIFF - DAY

<img src=file:///etc/passwd>

Привет, мир. こんにちは世界。 مرحبا بالعالم

MINSU
안녕하세요, 등대지기님.

KEEPER (V.O.)
{SPEECH}

ANN
Left side.

BOB ^
Right side.
"""


def words_of(page) -> list[dict]:
    return page.extract_words(keep_blank_chars=False, use_text_flow=True)


def find_word(pdf, text: str, page_index: int | None = None) -> tuple[int, dict]:
    pages = range(len(pdf.pages)) if page_index is None else [page_index]
    for index in pages:
        for word in words_of(pdf.pages[index]):
            if word["text"] == text:
                return index, word
    raise AssertionError(f"{text!r} not found in the PDF")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, request) -> Path:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("pdf")
    script = folder / "lantern.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = folder / "lantern.pdf"
    result = run_cli("pdf", str(script), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    return out


@pytest.fixture(scope="module")
def pdf(rendered: Path):
    with pdfplumber.open(rendered) as document:
        yield document


@pytest.fixture(scope="module")
def numbered_a4(tmp_path_factory) -> Path:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("pdf_a4")
    script = folder / "lantern.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    config = folder / "fountainkit.yaml"
    config.write_text("paper: a4\nscene_numbers: both\nprint_notes: true\nprint_sections: true\n")
    out = folder / "lantern.pdf"
    result = run_cli("pdf", str(script), "-o", str(out), "--config", str(config))
    assert result.returncode == 0, result.stderr.decode()
    return out


def test_letter_page_size_and_title_page_first(pdf) -> None:
    first = pdf.pages[0]
    assert (first.width, first.height) == (612, 792)
    text = first.extract_text()
    assert "The Quiet Lantern" in text and "Test Writer" in text
    assert "INT. LIGHTHOUSE" not in text


def test_title_is_centred_and_contact_lower_left(pdf) -> None:
    _, title = find_word(pdf, "Quiet", 0)
    line = [w for w in words_of(pdf.pages[0]) if abs(w["top"] - title["top"]) < 1]
    middle = (line[0]["x0"] + line[-1]["x1"]) / 2
    assert abs(middle - (1.5 + 6.1 / 2) * INCH) < 8
    _, contact = find_word(pdf, "test@example.com", 0)
    assert contact["x0"] == pytest.approx(1.5 * INCH, abs=0.5)
    assert contact["top"] > 9 * INCH


@pytest.mark.parametrize(
    ("word", "inches"),
    [("INT.", 1.5), ("Waves", 1.5), ("MARA", 3.7), ("(whispering)", 3.1), ("Is", 2.5)],
)
def test_element_x_positions(pdf, word: str, inches: float) -> None:
    _, found = find_word(pdf, word, 1)
    assert found["x0"] == pytest.approx(inches * INCH, abs=0.5)


def test_transition_is_flush_right(pdf) -> None:
    _, found = find_word(pdf, "TO:", 1)
    assert found["x1"] == pytest.approx(7.6 * INCH, abs=0.5)


def test_first_script_row_is_one_inch_down(pdf) -> None:
    _, heading = find_word(pdf, "INT.", 1)
    assert heading["top"] == pytest.approx(1.0 * INCH, abs=3)
    _, action = find_word(pdf, "Waves", 1)
    assert action["top"] - heading["top"] == pytest.approx(2 * 12, abs=0.5)  # 6 lines/inch


def test_page_numbers_top_right_from_page_two(pdf) -> None:
    assert len(pdf.pages) >= 4
    page_one_words = {w["text"] for w in words_of(pdf.pages[1])}
    assert "1." not in page_one_words
    for index in range(2, len(pdf.pages)):
        _, number = find_word(pdf, f"{index}.", index)
        assert number["x1"] == pytest.approx(7.6 * INCH, abs=0.5)
        assert number["top"] == pytest.approx(0.5 * INCH, abs=3)


def test_dialogue_split_has_more_and_contd(pdf) -> None:
    texts = [page.extract_text() for page in pdf.pages]
    split_pages = [i for i, text in enumerate(texts) if "(MORE)" in text]
    assert split_pages, "the long speech crosses a page"
    for index in split_pages:
        lines = texts[index].splitlines()
        assert lines[-1].strip() == "(MORE)"
        assert lines[-2].rstrip().endswith("here.")
        following = [ln.strip() for ln in texts[index + 1].splitlines() if ln.strip()]
        start = 1 if following[0].endswith(".") and following[0][:-1].isdigit() else 0
        assert following[start] == "KEEPER (V.O.) (CONT'D)"
    _, more = find_word(pdf, "(MORE)")
    assert more["x0"] == pytest.approx(3.7 * INCH, abs=0.5)


def test_hangul_is_printed_not_dropped(pdf) -> None:
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "안녕하세요, 등대지기님." in text


def test_other_scripts_fall_back_to_installed_fonts(pdf, rendered: Path) -> None:
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Привет, мир." in text and "こんにちは世界。" in text
    assert set("مرحبا بالعالم") <= set(text)
    fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert any(name.startswith("Courier-Prime") for name in fonts)
    assert len(fonts) >= 3  # Courier Prime plus fallbacks for Hangul, kana, Arabic...


def test_bold_italic_underline(pdf) -> None:
    chars = pdf.pages[1].chars
    font_of = {c["text"]: c["fontname"] for c in chars}
    bold = next(c for c in chars if c["text"] == "b" and "Bold" in c["fontname"])
    assert bold
    assert any("Italic" in c["fontname"] for c in chars)
    assert "Regular" in font_of["W"] or "Courier" in font_of["W"]
    assert pdf.pages[1].lines or pdf.pages[1].rects, "underline drawn"


def test_notes_sections_synopses_hidden_by_default(pdf) -> None:
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "This note stays hidden" not in text
    assert "Act One" not in text
    assert "Mara finds the lantern" not in text


def test_markup_in_the_script_is_printed_literally(pdf, rendered: Path) -> None:
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "<img src=file:///etc/passwd>" in text
    assert b"root:" not in rendered.read_bytes()
    assert not any(page.images for page in pdf.pages)


def test_outline_and_metadata(rendered: Path) -> None:
    reader = PdfReader(rendered)
    assert reader.metadata.title == "The Quiet Lantern"
    assert reader.metadata.author == "Test Writer"
    assert reader.metadata.subject == "Screenplay, draft of 1 May 2026"
    assert reader.metadata.creator == "fountainkit"
    outline = reader.outline
    assert outline[0].title == "Act One"
    assert [item.title for item in outline[1]] == ["INT. LIGHTHOUSE - NIGHT", "EXT. CLIFF - DAY"]


def test_a4_config_scene_numbers_both_and_printed_notes(numbered_a4: Path) -> None:
    with pdfplumber.open(numbered_a4) as document:
        page = document.pages[1]
        assert (round(page.width), round(page.height)) == (595, 842)
        heading_top = find_word(document, "LIGHTHOUSE", 1)[1]["top"]
        numbers = [w for w in words_of(page) if w["text"] == "7" and w["top"] == heading_top]
        assert sorted(round(w["x0"] / 7.2) for w in numbers) == [8, 74]
        text = "".join(p.extract_text() for p in document.pages)
        assert "[[This note stays hidden.]]" in text
        assert "# Act One" in text


def test_dual_dialogue_columns_side_by_side(pdf) -> None:
    index, ann = find_word(pdf, "ANN")
    _, bob = find_word(pdf, "BOB", index)
    assert ann["top"] == pytest.approx(bob["top"], abs=0.5)
    assert ann["x0"] == pytest.approx(2.3 * INCH, abs=0.5)
    assert bob["x0"] == pytest.approx(5.4 * INCH, abs=0.5)
    _, left = find_word(pdf, "Left", index)
    _, right = find_word(pdf, "Right", index)
    assert left["top"] == pytest.approx(right["top"], abs=0.5)
    assert right["x0"] - left["x0"] == pytest.approx(3.1 * INCH, abs=0.5)
