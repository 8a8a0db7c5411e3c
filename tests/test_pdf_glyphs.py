"""Every glyph drawn and every page readable; fonts subset and embedded once;
page labels and reproducible dates. Read back with pdfplumber and pypdf.

- Emoji come from the installed monochrome emoji font (Symbola) and are
  painted directly, each inside the grid cells the layout gave it.
- A character no installed font has prints as a box, is warned about once
  with its line, and every page keeps its text layer, with either engine.
- Every embedded font is a subset; a synthetic italic reuses the regular one.
- Viewers show the printed page numbers; SOURCE_DATE_EPOCH fixes the dates,
  and then the same input gives the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import warnings

import pdfplumber
import pytest
from pypdf import PdfReader

import fountainkit
from fountainkit.layout import LayoutSettings, paginate
from fountainkit.pdf.fallback import find_font
from fountainkit.pdf.missing import MissingGlyphWarning
from fountainkit.pdf.render import render_pdf

CELL = 7.2
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
needs_symbola = pytest.mark.skipif(
    find_font("Symbola", False, False) is None, reason="Symbola (fonts-symbola) not installed"
)

EMOJI_SCRIPT = """INT. TAXI - NIGHT

The cab rolls 😀 through the rain ✨ and a heart ❤️ glows.

MARA
I love this city 🚕!
"""

PRIVATE = "\ue000"
NEWER_THAN_ANY_FONT = "\U0001f972"  # SMILING FACE WITH TEAR (Unicode 13): not in Symbola 9
MISSING_SCRIPT = f"""Title: Boxes

INT. ROOM - DAY

A private sign {PRIVATE} on the wall.

BOB
That face {NEWER_THAN_ANY_FONT} again.

EXT. YARD - DAY

Plain text on a page of its own, {PRIVATE} once more.

===

INT. HALL - NIGHT

Nothing odd here at all.
"""


def render(text: str, engine: str = "direct", **settings) -> bytes:
    screenplay = fountainkit.parse(text)
    document = paginate(screenplay, LayoutSettings(**settings))
    return render_pdf(screenplay, document, engine=engine, jobs=1)


def fonts_of(data: bytes) -> dict[str, int]:
    """BaseFont name -> how many font objects carry it."""
    reader = PdfReader(io.BytesIO(data))
    seen: dict[int, str] = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            seen[reference.idnum] = str(reference.get_object()["/BaseFont"])[1:]
    counts: dict[str, int] = {}
    for name in seen.values():
        counts[name] = counts.get(name, 0) + 1
    return counts


@needs_symbola
def test_emoji_are_painted_directly_from_the_emoji_font() -> None:
    data = render(EMOJI_SCRIPT)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata["/Producer"] == "fountainkit (direct grid painter)"
    names = {name.split("+", 1)[1] for name in fonts_of(data)}
    assert "Symbola" in names
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
        for emoji in "😀✨❤🚕":
            assert emoji in text
        # No emoji runs into the character after it.
        chars = pdf.pages[0].chars
        for index, char in enumerate(chars[:-1]):
            if char["text"] in "😀✨❤🚕":
                assert char["x1"] <= chars[index + 1]["x0"] + 0.1, char["text"]


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_missing_glyphs_print_as_boxes_and_every_page_keeps_its_text(engine: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render(MISSING_SCRIPT, engine)
    missing = [w.message for w in caught if issubclass(w.category, MissingGlyphWarning)]
    # Once per character, with the first line it is on.
    assert [(m.char, m.line) for m in missing] == [(PRIVATE, 5), (NEWER_THAN_ANY_FONT, 8)]
    assert "U+E000 (private use)" in str(missing[0]) and "line 5" in str(missing[0])
    assert "SMILING FACE WITH TEAR" in str(missing[1])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
        assert all(pages), "a page lost its text layer"
        assert "A private sign \ue000 on the wall." in pages[1]
        assert NEWER_THAN_ANY_FONT in pages[1]
        assert "Nothing odd here at all." in pages[-1]
        boxes = [c for c in pdf.pages[1].chars if c["text"] in (PRIVATE, NEWER_THAN_ANY_FONT)]
        assert boxes and all("issing" in c["fontname"] for c in boxes)


def test_control_characters_print_as_their_pictures() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = render("INT. ROOM - DAY\n\nA bell \x07 rings.\n", "weasyprint")
    messages = [str(w.message) for w in caught if issubclass(w.category, MissingGlyphWarning)]
    assert messages == ["line 3: control character U+0007 (control) prints as \u2407"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "A bell \u2407 rings." in pdf.pages[0].extract_text()


def test_cli_warns_once_per_missing_character_with_its_line(cli, tmp_path) -> None:
    script = tmp_path / "boxes.fountain"
    script.write_text(MISSING_SCRIPT, encoding="utf-8")
    result = cli("pdf", str(script), "-o", str(tmp_path / "boxes.pdf"))
    assert result.returncode == 0
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("fountainkit: warning: ") and "line 5" in lines[0]
    assert "U+E000" in lines[0] and "U+1F972" in lines[1] and "line 8" in lines[1]


def test_every_font_is_a_subset_embedded_once() -> None:
    script = "\n\n".join(
        f"INT. ROOM {i} - DAY\n\nThings happen, *italic* and **bold** too.\n\nBOB\nWords {i}."
        for i in range(1, 25)
    )
    direct = render(f"Title: Sizes\n\n{script}\n")
    weasyprint = render(f"Title: Sizes\n\n{script}\n", "weasyprint")
    names = fonts_of(direct)
    assert all(SUBSET_TAG.match(name) for name in names), names
    assert all(count == 1 for count in names.values())
    assert {name.split("+", 1)[1] for name in names} == {
        "CourierPrime",
        "CourierPrime-Bold",
        "CourierPrime-Italic",
    }
    # Subsets, not whole fonts: about the size WeasyPrint's file is.
    assert len(direct) < 1.2 * len(weasyprint)


def test_synthetic_italic_reuses_the_regular_subset() -> None:
    if find_font("Noto Sans Mono CJK KR", False, False) is None:
        pytest.skip("Noto Sans CJK (fonts-noto-cjk) not installed")
    data = render("INT. ROOM - DAY\n\n안녕하세요 and *안녕하세요* again.\n")
    cjk = [name for name in fonts_of(data) if "CJK" in name]
    assert len(cjk) == 1 and cjk[0].endswith("+NotoSansMonoCJKKR")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        hangul = [c for c in pdf.pages[0].chars if c["text"] == "안"]
        assert len(hangul) == 2
        assert {c["fontname"] for c in hangul} == {cjk[0]}
        assert sorted(c["matrix"][2] for c in hangul) == [0, pytest.approx(0.2)]


LABEL_SCRIPT = "Title: Labels\n\n" + "\n\n===\n\n".join(
    f"INT. ROOM {i} - DAY\n\nPage {i}." for i in range(1, 4)
)


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_page_labels_title_unnumbered_then_one_two_three(engine: str) -> None:
    reader = PdfReader(io.BytesIO(render(LABEL_SCRIPT, engine)))
    assert reader.page_labels == ["", "1", "2", "3"]


def test_page_labels_when_pages_come_from_both_painters() -> None:
    shaped = LABEL_SCRIPT + "\n\n===\n\nINT. SHAPED - DAY\n\nمرحبا بالعالم\n"
    reader = PdfReader(io.BytesIO(render(shaped)))
    assert "WeasyPrint" in reader.metadata["/Producer"]  # the Arabic page went to WeasyPrint
    assert reader.page_labels == ["", "1", "2", "3", "4"]


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_source_date_epoch_gives_the_date_and_identical_bytes(engine: str, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    first = render(LABEL_SCRIPT, engine)
    second = render(LABEL_SCRIPT, engine)
    assert first == second
    info = PdfReader(io.BytesIO(first)).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20260101000000Z"


def test_reproducible_through_the_cli_with_mixed_painters(tmp_path) -> None:
    script = tmp_path / "mixed.fountain"
    script.write_text(LABEL_SCRIPT + "\n\n===\n\nINT. X - DAY\n\nمرحبا\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        result = subprocess.run(
            [sys.executable, "-m", "fountainkit", "pdf", str(script), "-o", str(tmp_path / name)],
            capture_output=True,
            env=env,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr.decode()
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_without_source_date_epoch_the_date_is_now(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = time.strftime("D:%Y%m%d", time.gmtime())
    info = PdfReader(io.BytesIO(render(LABEL_SCRIPT))).metadata
    assert info["/CreationDate"].startswith(before)
