"""Locked pages: the old draft's page breaks kept, A-pages, short and combined pages.

Driven on small scripts through the public API (which text lands on which
numbered page) and through the command, reading the page labels back from
the PDF (/PageLabels) and the printed page numbers.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import yaml
from pypdf import PdfReader

import fountainkit
from fountainkit.config import LayoutSettings
from fountainkit.layout import paginate
from fountainkit.production.locked_pages import PageLock, page_starts
from tests.conftest import run_cli

PARAGRAPH = (
    "The tide comes in over the flats, slow and grey, and the gulls lift off the mud "
    "one by one as the water reaches them. Nobody on the sea wall looks up."
)


def scene(number: int, paragraphs: int = 3) -> str:
    body = "\n\n".join(f"{PARAGRAPH} (Scene {number}, beat {b}.)" for b in range(paragraphs))
    return f"EXT. SEA WALL {number} - DAY #{number}#\n\n{body}\n\nMARA\nLine {number}.\n"


def script(
    scenes: int = 12, extra: dict[int, str] | None = None, drop: set[int] = frozenset()
) -> str:
    parts = []
    for n in range(1, scenes + 1):
        if n in drop:
            continue
        text = scene(n)
        if extra and n in extra:
            text += "\n" + extra[n] + "\n"
        parts.append(text)
    return "\n".join(parts)


def _pages(document) -> list[tuple[str, str]]:
    """(page label, the page's text) for each page."""
    return [
        (page.label, " ".join(line.text for line in page.lines if line.text.strip()))
        for page in document.pages
    ]


def locked(old: str, new: str) -> list[tuple[str, str]]:
    """``new`` laid out on ``old``'s pages: (page label, text) per page."""
    settings = LayoutSettings()
    old_play, new_play = fountainkit.parse(old), fountainkit.parse(new)
    starts = page_starts(old_play, paginate(old_play, settings))
    return _pages(paginate(new_play, settings, lock=PageLock(starts, new_play, settings)))


def flowing(text: str) -> list[tuple[str, str]]:
    return _pages(paginate(fountainkit.parse(text)))


def first_words(text: str, count: int = 6) -> str:
    return " ".join(text.split()[:count])


def test_the_same_draft_keeps_its_pages() -> None:
    text = script()
    assert locked(text, text) == flowing(text)


def test_text_that_no_longer_fits_spills_onto_a_pages() -> None:
    old = script()
    before = flowing(old)
    # Scene 5 grows by two pages' worth of action.
    new = script(extra={5: "\n\n".join([PARAGRAPH] * 24)})
    after = locked(old, new)
    labels = [label for label, _ in after]
    grown = next(label for label, text in before if "Line 5." in text)
    position = labels.index(grown)
    assert labels[position + 1 : position + 3] == [f"{grown}A", f"{grown}B"]
    # Every other page keeps its number and starts with the same words.
    old_pages = dict(before)
    for label, text in after:
        if label.isdigit() and label != grown:
            assert first_words(text) == first_words(old_pages[label])
    assert [label for label in labels if label.isdigit()] == [label for label, _ in before]


def test_pages_that_start_inside_a_paragraph_or_a_speech_start_there_again() -> None:
    sentences = " ".join(f"Wave {n} breaks on the wall and runs back." for n in range(60))
    speech = " ".join(f"I counted {n} boats today." for n in range(40))
    old = (
        f"EXT. SEA WALL - DAY #1#\n\n{sentences}\n\nMARA\n{speech}\n\n"
        f"EXT. HARBOUR - NIGHT #2#\n\n{sentences}\n\nJONAS\n{speech}\n"
    )
    before = flowing(old)
    assert any(not text.startswith(("EXT.", "MARA", "JONAS")) for _, text in before[1:])
    # A word changed on page 1 rewraps the paragraph: the pages still start as locked.
    new = old.replace("Wave 3 breaks", "Wave three breaks", 1)
    after = locked(old, new)
    assert [label for label, _ in after] == [label for label, _ in before]
    assert [first_words(text) for _, text in after[1:]] == [
        first_words(text) for _, text in before[1:]
    ]


def test_a_page_that_shrank_is_printed_short() -> None:
    old = script()
    new = old.replace(f"{PARAGRAPH} (Scene 5, beat 1.)\n\n", "")
    before, after = flowing(old), locked(old, new)
    assert [label for label, _ in after] == [label for label, _ in before]
    assert [first_words(text) for _, text in after] == [first_words(text) for _, text in before]
    grown = next(label for label, text in before if "Line 5." in text)
    shrunk = dict(after)[grown]
    assert len(shrunk) < len(dict(before)[grown])


def test_pages_that_vanish_are_combined() -> None:
    old = script(scenes=14)
    before = flowing(old)
    # Cut scenes 7 to 9: the page that carried only them is gone.
    new = script(scenes=14, drop={7, 8, 9})
    labels = [label for label, _ in locked(old, new)]
    assert any("-" in label for label in labels)
    combined = next(label for label in labels if "-" in label)
    first, last = combined.split("-")
    assert int(last) > int(first)
    # No page number is lost or repeated: the ranges and pages cover them all.
    covered = []
    for label in labels:
        a, _, b = label.partition("-")
        covered.extend(range(int(a), int(b or a) + 1))
    assert covered == list(range(1, len(before) + 1))


def test_pdf_page_labels_show_a_pages(tmp_path: Path) -> None:
    white = tmp_path / "sea-white.fountain"
    draft = tmp_path / "sea.fountain"
    white.write_text(script(), encoding="utf-8")
    draft.write_text(script(extra={3: "\n\n".join([PARAGRAPH] * 14)}), encoding="utf-8")
    out = tmp_path / "sea.pdf"
    result = run_cli("pdf", str(draft), "--lock-pages-from", str(white), "-o", str(out))
    assert result.returncode == 0, result.stderr
    labels = PdfReader(out).page_labels
    assert any(label.endswith("A") for label in labels)
    with pdfplumber.open(out) as pdf:
        for page, label in zip(pdf.pages, labels, strict=True):
            if label != "1":
                top = "".join(c["text"] for c in page.chars if c["top"] < 45).strip()
                assert top.endswith(f"{label}.")


def test_number_lock_pages_records_them_and_pdf_keeps_them(tmp_path: Path) -> None:
    draft = tmp_path / "sea.fountain"
    draft.write_text(script(), encoding="utf-8")
    result = run_cli("number", "--lock", "--pages", str(draft))
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load((tmp_path / "sea.fountain.lock.yaml").read_text())
    starts = record["pages"]["starts"]
    assert starts[0]["page"] == "1"
    assert record["pages"]["paper"] == "letter"
    plain = pdf_labels(run_cli, draft, tmp_path, "plain.pdf")
    assert [s["page"] for s in starts] == plain
    # The writer adds two pages' worth to scene 3: the PDF keeps the locked pages.
    text = draft.read_text(encoding="utf-8")
    grown = text.replace("Line 3.\n", "Line 3.\n\n" + "\n\n".join([PARAGRAPH] * 14) + "\n")
    draft.write_text(grown, encoding="utf-8")
    labels = pdf_labels(run_cli, draft, tmp_path, "locked.pdf")
    assert any(label.endswith("A") for label in labels)
    unlocked = pdf_labels(run_cli, draft, tmp_path, "flow.pdf", "--no-locked-pages")
    assert all(label.isdigit() for label in unlocked)
    assert len(unlocked) > len(plain)


def pdf_labels(cli, script: Path, folder: Path, name: str, *extra: str) -> list[str]:
    out = folder / name
    result = cli("pdf", str(script), *extra, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return PdfReader(out).page_labels


def test_a_revision_of_a_page_locked_script_keeps_both_in_the_lock_file(tmp_path: Path) -> None:
    draft = tmp_path / "sea.fountain"
    draft.write_text(script(), encoding="utf-8")
    assert run_cli("number", "--lock", "--pages", str(draft)).returncode == 0
    white = tmp_path / "sea-white.fountain"
    white.write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
    grown = white.read_text(encoding="utf-8").replace(
        "Line 5.\n", "Line 5.\n\n" + "\n\n".join([PARAGRAPH] * 14) + "\n"
    )
    draft.write_text(grown, encoding="utf-8")
    out = tmp_path / "blue.pdf"
    result = run_cli(
        "pdf", str(draft), "--revised-from", str(white), "--changed-pages-only", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    labels = PdfReader(out).page_labels
    # Only the page that grew and its A-page go out; later pages did not move.
    assert len(labels) == 2 and labels[1] == labels[0] + "A"
    record = yaml.safe_load((tmp_path / "sea.fountain.lock.yaml").read_text())
    assert record["revisions"][0]["revision"] == "blue"
    assert record["pages"]["starts"][0]["page"] == "1"


def test_relocking_makes_a_pages_locked_pages(tmp_path: Path) -> None:
    draft = tmp_path / "sea.fountain"
    draft.write_text(script(), encoding="utf-8")
    assert run_cli("number", "--lock", "--pages", str(draft)).returncode == 0
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("Line 5.\n", "Line 5.\n\n" + "\n\n".join([PARAGRAPH] * 14) + "\n"),
        encoding="utf-8",
    )
    assert run_cli("number", "--lock", "--pages", str(draft)).returncode == 0
    record = yaml.safe_load((tmp_path / "sea.fountain.lock.yaml").read_text())
    pages = [start["page"] for start in record["pages"]["starts"]]
    assert any(page.endswith("A") for page in pages)
    assert pdf_labels(run_cli, draft, tmp_path, "relocked.pdf") == pages


def test_a_paragraph_without_sentence_ends_keeps_its_forced_page_breaks() -> None:
    # Taller than a page with no sentence end: the flowing layout has to cut it
    # where a page is full; the locked pages start at those words again.
    words = " ".join(f"gull{n} and tide and mud" for n in range(700))
    old = f"EXT. FLATS - DAY #1#\n\n{words}\n\nMARA\nThat is all.\n"
    before = flowing(old)
    assert len(before) >= 3
    new = old.replace("gull3 and", "gull3 or", 1)
    after = locked(old, new)
    assert [label for label, _ in after] == [label for label, _ in before]
    assert [first_words(text) for _, text in after[1:]] == [
        first_words(text) for _, text in before[1:]
    ]


def test_a_speech_cut_where_a_locked_page_starts_says_more_and_contd() -> None:
    speech = " ".join(f"I counted {n} boats today." for n in range(75))
    old = f"EXT. SEA WALL - DAY #1#\n\n{PARAGRAPH}\n\nMARA\n{speech}\n"
    before = flowing(old)
    assert len(before) == 2 and before[1][1].startswith("MARA (CONT'D)")
    # A longer action above pushes the speech down: the locked page 2 still
    # starts at the same words, so page 1 spills onto 1A, each part of the
    # speech closing with (MORE) and reopening with MARA (CONT'D).
    new = old.replace(PARAGRAPH, "\n\n".join([PARAGRAPH] * 6), 1)
    settings = LayoutSettings()
    old_play, new_play = fountainkit.parse(old), fountainkit.parse(new)
    starts = page_starts(old_play, paginate(old_play, settings))
    document = paginate(new_play, settings, lock=PageLock(starts, new_play, settings))
    assert [page.label for page in document.pages] == ["1", "1A", "2"]
    for page in document.pages[:2]:
        printed = [line.text.strip() for line in page.lines if line.text.strip()]
        assert printed[-1] == "(MORE)"
    for page in document.pages[1:]:
        printed = [line.text.strip() for line in page.lines if line.text.strip()]
        assert printed[0] == "MARA (CONT'D)"
    assert first_words(_pages(document)[2][1], 8) == first_words(before[1][1], 8)


def test_sides_of_a_page_locked_script_carry_its_a_page_numbers(tmp_path: Path) -> None:
    draft = tmp_path / "sea.fountain"
    draft.write_text(script(), encoding="utf-8")
    assert run_cli("number", "--lock", "--pages", str(draft)).returncode == 0
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("Line 5.\n", "Line 5.\n\n" + "\n\n".join([PARAGRAPH] * 14) + "\n"),
        encoding="utf-8",
    )
    full = pdf_labels(run_cli, draft, tmp_path, "full.pdf")
    out = tmp_path / "sides.pdf"
    result = run_cli("sides", str(draft), "--scenes", "5", "-o", str(out))
    assert result.returncode == 0, result.stderr
    labels = PdfReader(out).page_labels
    # Scene 5 runs on to an A-page: the sides say so, as the full script does.
    assert any(label.endswith("A") for label in labels)
    assert set(labels) <= set(full)
