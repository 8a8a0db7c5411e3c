"""Revisions: what changed between two drafts, marked on the new one's pages.

The comparison is driven through the public API on small scripts (which
printed lines get a mark); the command is driven as a user runs it and the
marks, headers and title page are read back from the PDF with pdfplumber.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
import yaml
from pypdf import PdfReader

import fountainkit
from fountainkit.config import LayoutSettings
from fountainkit.layout import paginate
from fountainkit.production.elements import printed_elements
from fountainkit.production.revision_marks import mark_rows
from fountainkit.production.revision_sets import RevisionSettings, make_revision
from fountainkit.production.revisions import compare
from tests.conftest import run_cli

INCH = 72
CELL = 7.2


def marked_lines(old: str, new: str, **settings) -> list[str]:
    """The text of each printed line of ``new`` that gets a revision mark."""
    layout = LayoutSettings(**settings)
    old_play, new_play = fountainkit.parse(old), fountainkit.parse(new)
    comparison = compare(printed_elements(old_play, layout), printed_elements(new_play, layout))
    document = paginate(new_play, layout)
    marks = mark_rows(document, comparison)
    out = []
    for page_index, rows in sorted(marks.items()):
        lines = document.pages[page_index].lines
        for row in sorted(rows):
            line = lines[row]
            out.append(line.text + (" | " + line.right.text if line.right else ""))
    return out


LONG = (
    "The harbour is quiet at this hour. Rain needles the black water and the cranes "
    "stand over the containers like patient birds. A single light burns in the "
    "harbourmaster's hut, where MARA (40s) counts ferry tickets into a tin."
)

DRAFT = f"""INT. HARBOUR - NIGHT

{LONG}

MARA
Last ferry's gone.

JONAS
Then we wait for the first one.

EXT. PIER - CONTINUOUS

Jonas walks to the end of the pier.

MARA
(calling after him)
You'll freeze out there.
"""


def test_a_changed_word_marks_only_its_line_not_the_rewrapped_rest() -> None:
    new = DRAFT.replace("needles the black water", "needles the oily black water")
    marked = marked_lines(DRAFT, new)
    assert len(marked) == 1
    assert "oily" in marked[0]


def test_unchanged_drafts_have_no_marks() -> None:
    assert marked_lines(DRAFT, DRAFT) == []


def test_an_added_element_is_marked_on_every_line() -> None:
    new = DRAFT.replace(
        "Jonas walks to the end of the pier.\n",
        "Jonas walks to the end of the pier.\n\nHe sits on a bollard and lights a cigarette "
        "that will not stay lit in the rain, however he cups his hands around the match.\n",
    )
    marked = marked_lines(DRAFT, new)
    assert len(marked) == 3
    assert " ".join(marked) == (
        "He sits on a bollard and lights a cigarette that will not stay lit in the rain, "
        "however he cups his hands around the match."
    )


def test_a_deletion_marks_the_line_where_the_text_was() -> None:
    new = DRAFT.replace("JONAS\nThen we wait for the first one.\n\n", "")
    assert marked_lines(DRAFT, new) == ["EXT. PIER - CONTINUOUS"]
    # Text cut from the end of a paragraph marks its last line.
    cut = DRAFT.replace(
        " A single light burns in the harbourmaster's hut, where MARA (40s) "
        "counts ferry tickets into a tin.",
        "",
    )
    [marked] = marked_lines(DRAFT, cut)
    assert marked.endswith("birds.")  # the last line of what is left


def test_the_last_element_deleted_marks_the_end_of_the_one_before() -> None:
    new = DRAFT.replace("MARA\n(calling after him)\nYou'll freeze out there.\n", "")
    assert marked_lines(DRAFT, new) == ["Jonas walks to the end of the pier."]


def test_emphasis_and_a_changed_cue_are_changes() -> None:
    new = DRAFT.replace("Last ferry's gone.", "Last ferry's *gone*.").replace(
        "JONAS\n", "JONAS (O.S.)\n"
    )
    assert marked_lines(DRAFT, new) == ["Last ferry's gone.", "JONAS (O.S.)"]


def test_heading_case_that_prints_the_same_is_no_change() -> None:
    new = DRAFT.replace("EXT. PIER - CONTINUOUS", "ext. pier - continuous")
    assert marked_lines(DRAFT, new) == []


def test_a_paragraph_split_in_two_marks_where_it_was_split() -> None:
    new = DRAFT.replace("patient birds. A single", "patient birds.\n\nA single")
    marked = marked_lines(DRAFT, new)
    assert marked == ["A single light burns in the harbourmaster's hut, where MARA"]


def test_moved_dialogue_among_repeated_cues_pairs_the_right_speeches() -> None:
    # Many identical cues: the rare lines anchor the alignment, so changing one
    # speech of twenty marks that speech only.
    speeches = "\n".join(f"MARA\nLine number {n} of the night.\n\nJONAS\nYes.\n" for n in range(20))
    old = f"INT. HARBOUR - NIGHT\n\n{speeches}"
    new = old.replace("Line number 13 of", "Line number thirteen of")
    assert marked_lines(old, new) == ["Line number thirteen of the night."]


def test_dual_dialogue_marks_the_row_of_the_changed_side() -> None:
    old = "INT. HARBOUR - NIGHT\n\nMARA\nGo home.\n\nJONAS ^\nNot yet.\n"
    new = old.replace("Not yet.", "Not ever.")
    assert marked_lines(old, new) == ["Go home. | Not ever."]


def test_revision_sequence_and_labels() -> None:
    settings = RevisionSettings()
    names = [settings.name_at(i) for i in range(12)]
    assert names[:9] == [
        "white",
        "blue",
        "pink",
        "yellow",
        "green",
        "goldenrod",
        "buff",
        "salmon",
        "cherry",
    ]
    assert names[9:] == ["double blue", "double pink", "double yellow"]
    assert settings.after("cherry") == "double blue"
    assert settings.after(None) == "blue"
    assert settings.colour("Double  Pink Rev.") == "double pink"
    revision = make_revision("pink", "2027-02-03", settings)
    assert revision.header == "Pink Rev. 02/03/27"
    assert make_revision("Network Draft", "March 3", settings).header == "Network Draft March 3"


# --- the command -----------------------------------------------------------------------


def feature(scenes: int = 12) -> str:
    body = []
    for n in range(1, scenes + 1):
        body.append(
            f"INT. ROOM {n} - NIGHT #{n}#\n\n"
            f"Scene {n} begins. {LONG}\n\nMARA\nThis is what I say in scene {n}.\n\n"
            f"JONAS\nAnd this is my answer in scene {n}, which runs on a little.\n"
        )
    return "Title: Night Ferry\nAuthor: Jo Writer\nDraft date: 12 January 2027\n\n" + "\n".join(
        body
    )


def write_drafts(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    old_path = tmp_path / "ferry-white.fountain"
    new_path = tmp_path / "ferry.fountain"
    old_path.write_text(old, encoding="utf-8")
    new_path.write_text(new, encoding="utf-8")
    return old_path, new_path


def stars(page) -> list[dict]:
    return [c for c in page.chars if c["text"] == "*" and c["x0"] > 7 * INCH]


def header(page) -> str:
    """The header row's text, spaces left out (the two engines place them differently)."""
    chars = sorted((c for c in page.chars if c["top"] < 45), key=lambda c: c["x0"])
    return "".join(c["text"] for c in chars if c["text"].strip())


def row_text(page, top: float) -> str:
    chars = sorted(
        (c for c in page.chars if abs(c["top"] - top) < 2 and c["x0"] < 7 * INCH),
        key=lambda c: c["x0"],
    )
    return " ".join("".join(c["text"] for c in chars).split())


@pytest.mark.parametrize("engine", ["direct", "weasyprint"])
def test_pdf_marks_changed_lines_in_the_right_margin(tmp_path: Path, engine: str) -> None:
    old = feature()
    new = old.replace("This is what I say in scene 5.", "This is what I shout in scene 5.")
    old_path, new_path = write_drafts(tmp_path, old, new)
    out = tmp_path / "blue.pdf"
    result = run_cli(
        "pdf",
        str(new_path),
        "--revised-from",
        str(old_path),
        "--revision",
        "blue",
        "--revision-date",
        "2027-01-12",
        "--engine",
        engine,
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        marked = [(index, page) for index, page in enumerate(pdf.pages) if stars(page)]
        assert len(marked) == 1
        index, page = marked[0]
        [star] = stars(page)
        # 7.8in from the left edge: 0.2in past the text's right edge.
        assert abs(star["x0"] - 78 * CELL) < 1.5
        assert row_text(page, star["top"]) == "This is what I shout in scene 5."
        assert header(page).startswith("BlueRev.01/12/27")
        # The pages before the change are the same as before: no revision header.
        for before in pdf.pages[1:index]:
            assert "Rev." not in header(before)
        title = pdf.pages[0].extract_text()
        assert "Blue Rev. 01/12/27" in title


def test_changed_pages_only_keeps_the_page_numbers(tmp_path: Path) -> None:
    old = feature()
    # A change on a late page that does not move anything after it.
    new = old.replace("scene 11 begins.", "scene 11 starts.")
    new = new.replace("Scene 11 begins.", "Scene 11 starts.")
    old_path, new_path = write_drafts(tmp_path, old, new)
    whole = tmp_path / "whole.pdf"
    assert run_cli("pdf", str(old_path), "-o", str(whole)).returncode == 0
    out = tmp_path / "pages.pdf"
    result = run_cli(
        "pdf",
        str(new_path),
        "--revised-from",
        str(old_path),
        "--changed-pages-only",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(whole) as pdf:
        expected = next(
            i
            for i, page in enumerate(pdf.pages)
            if "Scene 11 begins" in (page.extract_text() or "")
        )
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 2  # the title page and the one changed page
        page = pdf.pages[1]
        assert stars(page)
        assert header(page).endswith(f"{expected}.")  # its own page number, not 1
        assert "Scene 11 starts" in page.extract_text()
    # PDF viewers show the same page number (/PageLabels).
    assert PdfReader(out).page_labels == ["", str(expected)]


def test_identical_drafts_with_changed_pages_only_write_nothing(tmp_path: Path) -> None:
    old_path, new_path = write_drafts(tmp_path, feature(3), feature(3))
    out = tmp_path / "pages.pdf"
    result = run_cli(
        "pdf",
        str(new_path),
        "--revised-from",
        str(old_path),
        "--changed-pages-only",
        "-o",
        str(out),
    )
    assert result.returncode == 1
    assert b"no page changed" in result.stderr
    assert not out.exists()


def test_the_old_draft_is_never_the_output(tmp_path: Path) -> None:
    old_path, new_path = write_drafts(tmp_path, feature(3), feature(3))
    pdf_named_like_old = tmp_path / "old.pdf"
    pdf_named_like_old.write_bytes(b"%PDF-1.7 keep me")
    result = run_cli(
        "pdf",
        str(new_path),
        "--revised-from",
        str(pdf_named_like_old),
        "-o",
        str(pdf_named_like_old),
    )
    assert result.returncode == 1
    assert pdf_named_like_old.read_bytes() == b"%PDF-1.7 keep me"


def test_option_errors_are_one_line(tmp_path: Path) -> None:
    _, new_path = write_drafts(tmp_path, feature(2), feature(2))
    result = run_cli("pdf", str(new_path), "--changed-pages-only")
    assert result.returncode == 2
    assert b"--changed-pages-only needs --revised-from" in result.stderr
    missing = run_cli("pdf", str(new_path), "--revised-from", str(tmp_path / "nope.fountain"))
    assert missing.returncode == 1
    assert len(missing.stderr.decode().strip().splitlines()) == 1


def locked_drafts(tmp_path: Path, scenes: int) -> tuple[Path, Path, str]:
    """The white draft locked (numbers written in, a lock file beside the script),
    and its copy as the old draft: (old path, script path, locked text)."""
    white = feature(scenes)
    old_path, new_path = write_drafts(tmp_path, white, white)
    assert run_cli("number", "--lock", str(new_path)).returncode == 0
    locked = new_path.read_text(encoding="utf-8")
    old_path.write_text(locked, encoding="utf-8")
    return old_path, new_path, locked


def test_the_lock_file_keeps_the_history_and_picks_the_next_colour(tmp_path: Path) -> None:
    old_path, new_path, locked = locked_drafts(tmp_path, 4)
    blue = locked.replace("scene 2.", "scene two.")
    new_path.write_text(blue, encoding="utf-8")

    def render(*extra: str) -> str:
        out = tmp_path / "out.pdf"
        result = run_cli(
            "pdf", str(new_path), "--revised-from", str(old_path), *extra, "-o", str(out)
        )
        assert result.returncode == 0, result.stderr
        with pdfplumber.open(out) as pdf:
            return pdf.pages[0].extract_text()

    title = render("--revision-date", "2027-01-12")  # no --revision: the first colour, blue
    assert "Blue Rev. 01/12/27" in title
    assert render("--revision-date", "2027-01-12") == title  # the same revision again
    lock = yaml.safe_load((tmp_path / "ferry.fountain.lock.yaml").read_text())
    assert [entry["revision"] for entry in lock["revisions"]] == ["blue"]
    assert lock["scene_numbers"] == ["1", "2", "3", "4"]
    # The next revision is pink, and the title page lists both.
    old_path.write_text(blue, encoding="utf-8")
    new_path.write_text(blue.replace("scene 3.", "scene three."), encoding="utf-8")
    title = render("--revision-date", "2027-02-03")
    assert "Blue Rev. 01/12/27" in title and "Pink Rev. 02/03/27" in title
    assert title.index("Blue Rev.") < title.index("Pink Rev.")  # in the order issued
    lock = yaml.safe_load((tmp_path / "ferry.fountain.lock.yaml").read_text())
    assert [entry["revision"] for entry in lock["revisions"]] == ["blue", "pink"]


def test_config_sets_the_colours_mark_and_label(tmp_path: Path) -> None:
    old = feature(3)
    old_path, new_path = write_drafts(tmp_path, old, old.replace("scene 2.", "scene two."))
    config = tmp_path / "fountainkit.yaml"
    config.write_text(
        "revisions:\n  colours: [white, pink, blue]\n  mark: '+'\n  label: '{colour} Pages'\n"
        "  date_format: '%d.%m.%Y'\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.pdf"
    result = run_cli(
        "pdf",
        str(new_path),
        "--revised-from",
        str(old_path),
        "--config",
        str(config),
        "--revision-date",
        "2027-01-12",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        assert "Pink Pages 12.01.2027" in pdf.pages[0].extract_text()
        pluses = [c for p in pdf.pages for c in p.chars if c["text"] == "+" and c["x0"] > 7 * INCH]
        assert pluses
    config.write_text("revisions:\n  colour: [white]\n", encoding="utf-8")
    bad = run_cli("pdf", str(new_path), "--revised-from", str(old_path), "--config", str(config))
    assert bad.returncode == 1
    assert b"unknown setting 'colour'" in bad.stderr


def test_a_scene_cut_in_an_earlier_revision_is_not_marked_again(tmp_path: Path) -> None:
    old_path, new_path, locked = locked_drafts(tmp_path, 6)
    # Blue cuts scene 4 (the writer deletes it; it prints as OMITTED, marked)
    # and adds a scene after 5 (5A: no number written in yet).
    cut_start = locked.index("INT. ROOM 4")
    blue = locked[:cut_start] + locked[locked.index("INT. ROOM 5") :]
    added = blue.index("INT. ROOM 6")
    blue = blue[:added] + "EXT. QUAY - NIGHT\n\nFog on the water.\n\n" + blue[added:]
    new_path.write_text(blue, encoding="utf-8")

    def marked_rows(colour: str) -> list[str]:
        out = tmp_path / f"{colour}.pdf"
        result = run_cli(
            "pdf", str(new_path), "--revised-from", str(old_path), "--revision", colour,
            "-o", str(out),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        with pdfplumber.open(out) as pdf:
            return [row_text(page, star["top"]) for page in pdf.pages for star in stars(page)]

    assert any(row.startswith("OMITTED") for row in marked_rows("blue"))
    # Pink is compared with the blue draft, a copy without a lock file: scene 4
    # is as gone there as here, so only pink's own change is marked.
    old_path.write_text(blue, encoding="utf-8")
    new_path.write_text(blue.replace("say in scene 2.", "whisper in scene 2."), encoding="utf-8")
    assert marked_rows("pink") == ["This is what I whisper in scene 2."]
