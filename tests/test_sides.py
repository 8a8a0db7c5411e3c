"""``fountainkit sides``: the pages of some scenes, the other scenes struck through.

The CLI runs as a subprocess and the PDF is read back: the pages and their
labels against the full script's PDF, the strike rules against the rows of
the other scenes, the 2-up sheets, bad scene numbers and the output guards.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from fountainkit.production.sides import SceneSelectionError, select_scenes
from tests.conftest import run_cli

ENGINES = ["direct", "weasyprint"]
# Every printed row of scene N carries its tag "sN-" (headings: "ROOM sN-").
TAG = re.compile(r"s(\d+A?)-", re.IGNORECASE)


def script_text(omitted: bool = True) -> str:
    """Eight scenes of one-line action paragraphs: 1, 2, 2A (an insert), 3,
    4 (OMITTED), 5, 6, and a long 7."""
    parts = ["Title: Strike Test\nDraft date: 12 January 2027\n"]
    numbers = ["1", "2", "2A", "3", "4", "5", "6", "7"]
    # Scene 7 runs the script past 9 pages: page numbers of two widths.
    lengths = {"1": 30, "2": 10, "2A": 6, "3": 40, "4": 0, "5": 8, "6": 25, "7": 250}
    for number in numbers:
        if number == "4":
            if omitted:
                parts.append(f".OMITTED #{number}#\n")
            continue
        parts.append(f"INT. ROOM s{number}- - DAY #{number}#\n")
        for line in range(lengths[number]):
            parts.append(f"Scene s{number}-{line:02d} moves along the row.\n")
    return "\n".join(parts)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "strike.fountain"
    path.write_text(script_text(), encoding="utf-8")
    return path


def sides(*args: str, check: bool = True):
    result = run_cli("sides", *args)
    if check:
        assert result.returncode == 0, result.stderr.decode()
    return result


def rows(page) -> dict[float, list[dict]]:
    """The page's characters by row (their top), left to right."""
    by_row: dict[float, list[dict]] = defaultdict(list)
    for char in page.chars:
        by_row[round(char["top"], 1)].append(char)
    return {top: sorted(chars, key=lambda c: c["x0"]) for top, chars in sorted(by_row.items())}


def row_text(chars: list[dict]) -> str:
    """The row's text without spaces (WeasyPrint draws them, the direct painter not)."""
    return "".join(char["text"] for char in chars if char["text"].strip())


def body_rows(page) -> list[tuple[str, list[dict]]]:
    """Rows of script text (the header and cover rows above 1in left out)."""
    return [
        (row_text(chars), [c for c in chars if c["text"].strip()])
        for top, chars in rows(page).items()
        if top >= 70
    ]


def scene_of(text: str) -> str | None:
    found = TAG.search(text)
    return found.group(1).upper() if found else None


def strike_rules(page) -> list[dict]:
    """Thin horizontal filled rules (direct painter) or lines (WeasyPrint)."""
    return [r for r in page.rects + page.lines if r["bottom"] - r["top"] < 1.5]


def crossed(char: dict, rules: list[dict]) -> bool:
    """Whether a rule runs through the middle of this character, edge to edge."""
    for rule in rules:
        middle = (rule["top"] + rule["bottom"]) / 2
        if (
            char["top"] + 2 < middle < char["bottom"] - 4
            and rule["x0"] <= char["x0"] + 0.5
            and rule["x1"] >= char["x1"] - 0.5
        ):
            return True
    return False


def struck(chars: list[dict], rules: list[dict]) -> bool:
    """Every character of the row crossed out (text and scene numbers alike)."""
    return all(crossed(char, rules) for char in chars)


def untouched(chars: list[dict], rules: list[dict]) -> bool:
    return not any(crossed(char, rules) for char in chars)


def grey(chars: list[dict]) -> bool:
    colours = {tuple(c["non_stroking_color"] or (0,)) for c in chars if c["text"].strip()}
    return all(all(0.3 < value < 0.7 for value in colour) for colour in colours)


def full_pages(script: Path, tmp_path: Path) -> dict[str, str]:
    """The full script's PDF (scene numbers printed) page text by page label."""
    out = tmp_path / "full.pdf"
    result = run_cli("pdf", str(script), "-o", str(out), "--scene-numbers", "both")
    assert result.returncode == 0, result.stderr.decode()
    labels = PdfReader(out).page_labels
    with pdfplumber.open(out) as pdf:
        return {
            label: "\n".join(text for text, _ in body_rows(page))
            for label, page in zip(labels, pdf.pages, strict=True)
        }


@pytest.mark.parametrize("engine", ENGINES)
def test_sides_keep_the_scenes_pages_and_strike_the_other_scenes(
    script: Path, tmp_path: Path, engine: str
) -> None:
    out = tmp_path / "sides.pdf"
    sides(str(script), "--scenes", "2A,5", "-o", str(out), "--engine", engine)
    full = full_pages(script, tmp_path)
    wanted = {"2A", "5"}
    # The pages of the full script holding rows of 2A or 5, and only those.
    expected = [
        label
        for label, text in full.items()
        if any(scene_of(line) in wanted for line in text.splitlines())
    ]
    labels = PdfReader(out).page_labels
    assert labels == expected
    with pdfplumber.open(out) as pdf:
        seen_wanted: set[str] = set()
        struck_rows = 0
        for label, page in zip(labels, pdf.pages, strict=True):
            body = body_rows(page)
            # Same breaks, same rows as the full script's page.
            assert "\n".join(text for text, _ in body) == full[label]
            rules = strike_rules(page)
            for text, chars in body:
                scene = scene_of(text)
                if scene is None:
                    continue
                if scene in wanted:
                    seen_wanted.add(scene)
                    assert untouched(chars, rules), f"page {label}: {text!r} struck"
                    assert not grey(chars), f"page {label}: {text!r} greyed"
                else:
                    struck_rows += 1
                    assert struck(chars, rules), f"page {label}: {text!r} not struck"
                    assert grey(chars), f"page {label}: {text!r} not greyed"
        assert seen_wanted == wanted
        assert struck_rows > 0


def header_rows(page) -> list[list[dict]]:
    return [chars for top, chars in rows(page).items() if top < 70]


def test_page_numbers_and_header_print_as_in_the_script_and_the_cover_names_the_scenes(
    script: Path, tmp_path: Path
) -> None:
    out, full = tmp_path / "sides.pdf", tmp_path / "full.pdf"
    header = ("--header", "right=White {pages}")
    sides(str(script), "--scenes", "3", "-o", str(out), *header)
    result = run_cli("pdf", str(script), "-o", str(full), *header)
    assert result.returncode == 0, result.stderr.decode()
    full_labels = PdfReader(full).page_labels
    script_pages = sum(1 for label in full_labels if label and label.isdigit())
    with pdfplumber.open(full) as pdf:
        full_headers = {
            label: [(c["text"], round(c["x0"], 1)) for c in header_rows(page)[0]]
            for label, page in zip(full_labels, pdf.pages, strict=True)
            if label  # not the title page
        }
    labels = PdfReader(out).page_labels
    assert len(labels) >= 2 and labels[0] != "1"
    with pdfplumber.open(out) as pdf:
        for index, (label, page) in enumerate(zip(labels, pdf.pages, strict=True)):
            top_row = [(c["text"], round(c["x0"], 1)) for c in header_rows(page)[0]]
            # The page number and the header at the same places, the whole script counted.
            assert top_row == full_headers[label]
            header = [row_text(chars) for chars in header_rows(page)]
            assert header[0].endswith(f"White{script_pages}{label}."), header
            cover = [text for text in header if "SIDES" in text]
            if index == 0:
                assert cover == ["SIDES·Scene3·StrikeTest·12January2027"]
            else:
                assert cover == []


def test_a_range_takes_the_inserts_and_the_omitted_scene(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "sides.pdf"
    sides(str(script), "--scenes", "2-5", "-o", str(out))
    with pdfplumber.open(out) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "OMITTED" in text
    for number in ("2", "2A", "3", "5"):
        assert f"s{number}-00" in text
    selection = select_scenes("2-5", ["1", "2", "2A", "3", "4", "5", "6"])
    assert selection.indexes == (1, 2, 3, 4, 5)


def test_the_selection_reads_numbers_as_printed() -> None:
    numbers = ["1", "2", "2A", "3", "I-1", "4"]
    assert select_scenes(" 2a , 4", numbers).indexes == (2, 5)
    assert select_scenes("I-1", numbers).indexes == (4,)
    assert select_scenes("2A-3", numbers).names == ("2A-3",)
    with pytest.raises(SceneSelectionError, match="no scene 7 in this script"):
        select_scenes("2,7", numbers)
    with pytest.raises(SceneSelectionError, match="comes before"):
        select_scenes("3-2", numbers)
    with pytest.raises(SceneSelectionError, match="names no scene"):
        select_scenes(" , ", numbers)


def test_locked_numbers_inserts_and_omitted_scenes_print_as_the_script_does(
    tmp_path: Path,
) -> None:
    """Numbers locked, then scene 3 deleted and a scene added after 2: the new
    scene is 2A, and 3 comes back as OMITTED (from the lock file)."""
    scene = "INT. ROOM s{0}- - DAY\n\n" + "Scene s{0}-{1} goes on.\n\n"
    script = tmp_path / "locked.fountain"
    script.write_text("".join(scene.format(n, 0) for n in "12345"), encoding="utf-8")
    result = run_cli("number", str(script), "--lock")
    assert result.returncode == 0, result.stderr.decode()
    text = script.read_text()
    text = text.replace(scene.format(3, 0).replace("DAY", "DAY #3#"), "")
    text = text.replace("INT. ROOM s4-", scene.format("9", 0) + "INT. ROOM s4-")
    script.write_text(text, encoding="utf-8")
    out = tmp_path / "sides.pdf"
    sides(str(script), "--scenes", "2A,3", "-o", str(out))
    with pdfplumber.open(out) as pdf:
        lines = [text for text, _ in body_rows(pdf.pages[0])]
        rules = strike_rules(pdf.pages[0])
        by_text = dict(body_rows(pdf.pages[0]))
    assert "2AINT.ROOMS9--DAY2A" in lines
    assert "3OMITTED3" in lines
    assert struck(by_text["Scenes2-0goeson."], rules)
    assert untouched(by_text["Scenes9-0goeson."], rules)


@pytest.mark.parametrize(("paper", "size"), [("letter", (792, 612)), ("a4", (842, 595))])
def test_two_up_puts_two_pages_on_each_landscape_sheet(
    script: Path, tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    single, double = tmp_path / "one.pdf", tmp_path / "two.pdf"
    sides(str(script), "--scenes", "1,3", "--paper", paper, "-o", str(single))
    sides(str(script), "--scenes", "1,3", "--paper", paper, "-o", str(double), "--2up")
    pages = PdfReader(single).page_labels
    sheets = PdfReader(double)
    assert len(sheets.pages) == (len(pages) + 1) // 2
    for sheet in sheets.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == size
    assert sheets.page_labels[0] == f"{pages[0]}, {pages[1]}"
    with pdfplumber.open(double) as pdf:
        sheet = pdf.pages[0]
        # Both pages' text, the first on the left half, the second on the right.
        left = [c for c in sheet.chars if c["x1"] <= sheet.width / 2]
        right = [c for c in sheet.chars if c["x0"] >= sheet.width / 2]
        assert "SIDES" in "".join(c["text"] for c in left)
        assert left and right
        # Scaled: Courier's 12pt shrinks with the page.
        assert max(c["size"] for c in sheet.chars) < 9


def test_unknown_scenes_are_one_line_and_write_nothing(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "sides.pdf"
    out.write_bytes(b"earlier output")
    for request in ("2,99", "9-12", "4A"):
        result = sides(str(script), "--scenes", request, "-o", str(out), check=False)
        assert result.returncode == 1
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("fountainkit: error: "), lines
        assert "no scene" in lines[0] and str(script) in lines[0]
        assert out.read_bytes() == b"earlier output"
    result = sides(str(script), "-o", str(out), check=False)
    assert result.returncode == 2 and b"--scenes" in result.stderr


def test_outputs_are_guarded(script: Path, tmp_path: Path) -> None:
    # Never the input, by any name.
    result = sides(str(script), "--scenes", "1", "-o", str(script), check=False)
    assert result.returncode == 1 and b"is an input" in result.stderr
    # Nor an existing script-like file, unless --force.
    other = tmp_path / "notes.fountain"
    other.write_text("INT. SOMEWHERE - DAY\n")
    result = sides(str(script), "--scenes", "1", "-o", str(other), check=False)
    assert result.returncode == 1 and b"--force" in result.stderr
    assert other.read_text() == "INT. SOMEWHERE - DAY\n"
    sides(str(script), "--scenes", "1", "-o", str(other), "--force")
    assert other.read_bytes().startswith(b"%PDF")
    # Standard output, byte for byte; and beside the script by default.
    result = sides(str(script), "--scenes", "1", "-o", "-")
    assert len(PdfReader(io.BytesIO(result.stdout)).pages) >= 1
    sides(str(script), "--scenes", "6")
    assert (tmp_path / "strike.sides.pdf").read_bytes().startswith(b"%PDF")


def test_sides_of_a_revised_draft_carry_its_marks_and_record_no_revision(
    tmp_path: Path,
) -> None:
    # As docs/shooting-script.md does it: lock the script, keep the white draft,
    # then the writer's blue changes.
    samples = Path(__file__).resolve().parents[1] / "scripts_sample"
    blue = tmp_path / "seoul.fountain"
    blue.write_bytes((samples / "seoul_sessions.fountain").read_bytes())
    result = run_cli("number", str(blue), "--lock")
    assert result.returncode == 0, result.stderr.decode()
    white = tmp_path / "white.fountain"
    white.write_bytes(blue.read_bytes())
    blue.write_bytes((samples / "revisions" / "seoul_sessions_blue.fountain").read_bytes())
    lock = tmp_path / "seoul.fountain.lock.yaml"
    locked = lock.read_bytes()
    out = tmp_path / "sides.pdf"
    revision = ("--revised-from", str(white), "--revision", "blue", "--revision-date", "2027-01-12")
    sides(str(blue), "--scenes", "6A", "-o", str(out), *revision)
    with pdfplumber.open(out) as pdf:
        (page,) = pdf.pages
        header = row_text(header_rows(page)[0])
        assert header.startswith("BlueRev.01/12/27")
        marked = [text for text, _ in body_rows(page) if text.endswith("*")]
        assert marked and marked[0] == "6AEXT.HWANGENTERTAINMENT-ROOFTOP-DUSK6A*"
    assert lock.read_bytes() == locked  # sides issue no revision
    # Only the changed pages among the scenes' pages: none for scene 1.
    result = sides(
        str(blue), "--scenes", "1", "--changed-pages-only", "-o", str(out), *revision, check=False
    )
    assert result.returncode == 1
    assert b"no page of scene 1 changed since" in result.stderr
