"""PDF import: fountainkit's own PDFs round-trip, other tools' PDFs meet the
accuracy target, and unreadable PDFs get one clear line."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import CORPUS, REPO, run_cli
from handmade_pdf import Placed, handmade_pdf

from fountainkit import parse
from fountainkit.layout import LayoutSettings, paginate
from fountainkit.pdf.render import render_pdf
from fountainkit.readers import ReaderError, read_bytes
from fountainkit.readers.accuracy import (
    cast_by_scene,
    line_type_accuracy,
    page_joins,
    pdf_tree,
    printed_title_page,
    printed_tree,
)
from fountainkit.syntax.source import read_script

FEATURE = (
    """Title: The Test
Credit: Written by
Author: Ann Writer
Draft date: 1/2/2024
Contact:
    1 Main St
    Springfield

INT. KITCHEN - DAY #12A#

John enters with **bold** and *italic* and _underlined_ words.

JOHN (V.O.)
(quietly)
Coffee?

MARY
I'd like some.

BRICK ^
Screw retirement.

>THE END<

CUT TO:

EXT. GARDEN - NIGHT #13#

"""
    + "\n\n".join(
        f"Line {n} of a long action paragraph that runs on and on so the page fills up."
        for n in range(60)
    )
    + """

STEEL
"""
    + " ".join(f"Sentence {n} of a long speech." for n in range(40))
    + "\n"
)


def own_pdf(text: str, paper: str = "letter", engine: str = "direct", numbers: str = "both"):
    source = parse(text)
    settings = LayoutSettings(paper=paper, scene_numbers=numbers)
    return source, render_pdf(source, paginate(source, settings), engine=engine)


def loose(screenplay):
    return printed_tree(
        screenplay, exact_lines=False, page_breaks=False, contd=False, numbers=False
    )


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_own_pdf_reads_back_as_the_script(paper: str) -> None:
    source, pdf = own_pdf(FEATURE, paper)
    assert len(pypdf.PdfReader(__import__("io").BytesIO(pdf)).pages) >= 3  # split pages
    result = read_bytes(pdf, "own.pdf")
    assert result.format == "pdf" and not result.warnings
    assert loose(result.screenplay) == loose(source)
    # Styles, scene numbers and the title page come back too.
    assert "**bold**" in result.text and "*italic*" in result.text
    assert "_underlined_" in result.text and "#12A#" in result.text
    entries = {e.key: e.text.replace("\n", " ") for e in result.screenplay.title_page.entries}
    assert entries == {
        "Title": "The Test",
        "Credit": "Written by",
        "Author": "Ann Writer",
        "Contact": "1 Main St Springfield",
        "Draft date": "1/2/2024",
    }


def test_weasyprint_engine_pdf_reads_back() -> None:
    # WeasyPrint draws both dual-dialogue columns in one text object: the
    # reader cuts it at the gap between them.
    source, pdf = own_pdf(FEATURE, "a4", "weasyprint")
    back = read_bytes(pdf, "own.pdf").screenplay
    assert loose(back) == loose(source)
    assert any(e[0] == "dual" for e in loose(back))


def test_page_furniture_is_dropped() -> None:
    source, pdf = own_pdf(FEATURE)
    text = read_bytes(pdf, "own.pdf").text
    for furniture in ("(MORE)", "CONT'D", "2.", "3."):
        assert furniture not in text
    # The speech split by the page break is one speech again.
    assert text.count("STEEL") == 1


# Every corpus script in every setting a user picks: both engines, Letter and
# A4 (scene numbers not printed, the default), and scene numbers printed.
OWN_SETTINGS = [
    ("direct", "letter", "none"),
    ("direct", "a4", "none"),
    ("weasyprint", "letter", "none"),
    ("weasyprint", "a4", "none"),
    ("direct", "letter", "both"),
]
CORPUS_SCRIPTS = sorted(CORPUS.rglob("*.fountain")) if CORPUS.is_dir() else []


@functools.cache
def _own_corpus_pdf(path: Path, engine: str, paper: str, numbers: str):
    source = parse(read_script(path))
    document = paginate(source, LayoutSettings(paper=paper, scene_numbers=numbers))
    return source, document, render_pdf(source, document, engine=engine, jobs=1)


@pytest.mark.parametrize("setting", OWN_SETTINGS, ids="-".join)
@pytest.mark.parametrize("path", CORPUS_SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_pdfs_from_fountainkit(path: Path, setting: tuple[str, str, str]) -> None:
    """fountainkit's own PDF of every corpus script reads back as the script:
    same elements, types and text, apart from what a PDF does not carry
    (``pdf_tree``; docs/import.md); the title page's values and printed scene
    numbers come back too."""
    engine, paper, numbers = setting
    source, document, pdf = _own_corpus_pdf(path, engine, paper, numbers)
    expected = pdf_tree(source, numbers_printed=numbers != "none", joins=page_joins(document))
    if not expected and source.title_page is None:
        # Nothing printed (only sections, synopses, notes): a blank page.
        with pytest.raises(ReaderError, match="has no text"):
            read_bytes(pdf, path.name)
        return
    back = read_bytes(pdf, path.name).screenplay
    joins = page_joins(document)
    assert pdf_tree(back, numbers_printed=numbers != "none", joins=joins) == expected
    # Title-page values all come back (the order is the page's, not the file's).
    assert sorted(printed_title_page(back.title_page)) == sorted(
        printed_title_page(source.title_page)
    )
    if numbers != "none":
        printed = [
            line.scene_number
            for page in document.pages
            for line in page.lines
            if line.kind == "scene_heading"
        ]
        assert [scene.heading.number for scene in back.scenes()] == printed


def _peer_pdf(tool: str, source: Path, out: Path) -> Path:
    target = out / f"{source.stem}.{tool}.pdf"
    if tool == "screenplain":
        local = REPO / "benchmarks" / ".venv-peers" / "bin" / "screenplain"
        exe = str(local) if local.exists() else shutil.which("screenplain")
        if exe is None:
            pytest.skip("screenplain is not installed")
        argv = [exe, "--format", "pdf", str(source), str(target)]
    else:
        exe = shutil.which("afterwriting")
        if exe is None:
            pytest.skip("afterwriting is not installed")
        argv = [exe, "--source", str(source), "--pdf", str(target), "--overwrite"]
        argv += ["--setting", "print_profile=usletter"]
    done = subprocess.run(argv, capture_output=True, timeout=120)
    if done.returncode != 0 or not target.exists():
        pytest.skip(f"{tool} could not render {source.name}")
    return target


@pytest.mark.parametrize("tool", ["screenplain", "afterwriting"])
def test_other_tools_pdfs_meet_the_accuracy_target(
    tool: str, corpus_dir: Path, tmp_path: Path
) -> None:
    for path in sorted((corpus_dir / "public-domain").glob("*.fountain")):
        source = parse(read_script(path))
        pdf = _peer_pdf(tool, path, tmp_path)
        back = read_bytes(pdf.read_bytes(), pdf.name).screenplay
        accuracy = line_type_accuracy(source, back)
        assert accuracy.ratio >= 0.98, (path.name, accuracy.wrong[:5])
        assert cast_by_scene(back) == cast_by_scene(source), path.name


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 260), "white").save(image)
    with pytest.raises(ReaderError, match="needs OCR") as caught:
        read_bytes(image.read_bytes(), "scan.pdf")
    assert "\n" not in str(caught.value)


def test_encrypted_pdf_is_refused() -> None:
    _, pdf = own_pdf(FEATURE)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(__import__("io").BytesIO(pdf)))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = __import__("io").BytesIO()
    writer.write(buffer)
    with pytest.raises(ReaderError, match="encrypted"):
        read_bytes(buffer.getvalue(), "locked.pdf")


def test_damaged_pdf_is_refused() -> None:
    with pytest.raises(ReaderError, match="not a readable PDF"):
        read_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "broken.pdf")


# Indents (inches) of a hand-typed script: action, dialogue, parenthetical, cue.
ACTION, DIALOGUE, PAREN, CUE = 1.5, 2.5, 3.1, 3.7
NUMBERS = ("one", "two", "three", "four")


def _typed_page(n: int) -> list[Placed]:
    """A page of script that opens with a scene heading, as every page of a
    script printed one scene to a page does (the headings alike, digits aside)."""
    word = NUMBERS[n - 1]
    return [
        (ACTION, 1, f"INT. ROOM {n} - DAY"),
        (ACTION, 3, f"Ann walks into room {word} and sits at the desk."),
        (CUE, 5, "ANN"),
        (DIALOGUE, 6, f"So this is room {word}?"),
        (CUE, 8, "BOB"),
        (PAREN, 9, "(tired)"),
        (DIALOGUE, 10, f"Room {word}, yes."),
        (ACTION, 12, f"They leave room {word} {'behind ' * n}for good."),
    ]


def test_a_line_that_fits_no_element_is_kept_as_action_with_a_warning(tmp_path: Path) -> None:
    pages = [_typed_page(n) for n in (1, 2, 3)]
    pages[1].append((4.6, 14, "scribbled at an odd place"))
    pdf = tmp_path / "typed.pdf"
    pdf.write_bytes(handmade_pdf(pages))
    result = read_bytes(pdf.read_bytes(), pdf.name)
    assert [(w.code, w.page) for w in result.warnings] == [("unclassified-line", 2)]
    assert "scribbled at an odd place" in result.text
    kinds = {type(block).__name__ for block in result.screenplay.scenes()[1].elements}
    assert "Action" in kinds
    # Nothing else is lost: the headings opening every page stay headings.
    headings = [scene.heading for scene in result.screenplay.scenes()]
    assert [h.text for h in headings] == [f"INT. ROOM {n} - DAY" for n in (1, 2, 3)]
    lint = run_cli("lint", str(pdf), "--format", "json")
    reported = [w for w in json.loads(lint.stdout) if w["code"] == "unclassified-line"]
    assert [(w["page"], w["severity"]) for w in reported] == [(2, "warning")]
    assert "page 2" in reported[0]["message"]
    converted = run_cli("convert", str(pdf), "-o", "-")
    assert converted.returncode == 0 and b"scribbled at an odd place" in converted.stdout
    assert b"page 2: line at an unusual indent" in converted.stderr


def test_a_running_header_left_out_is_reported() -> None:
    pages = [[(4.5, -2, "BLUE REVISION 3/4/24"), *_typed_page(n)] for n in (1, 2, 3, 4)]
    result = read_bytes(handmade_pdf(pages), "typed.pdf")
    assert "BLUE REVISION" not in result.text
    assert [(w.code, w.page) for w in result.warnings] == [("running-line", 1)]
    assert "4 pages" in str(result.warnings[0]) and "BLUE REVISION" in str(result.warnings[0])
