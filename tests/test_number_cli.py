"""``fountainkit number``: list, check and lock scene numbers, as a user runs it."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import yaml

from tests.conftest import run_cli

DRAFT = (
    "Title: The Ferry\n\n"
    "INT. CABIN - NIGHT\n\nWaves.  \r\n\r\n"  # trailing spaces and CRLF stay as written
    "EXT. DECK - NIGHT [[windy]]\n\nRain.\n\n"
    "INT. GALLEY - DAY\n\nSoup.\n"
)


def write(tmp_path: Path, text: str, name: str = "ferry.fountain") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_list_prints_number_line_and_heading(tmp_path: Path) -> None:
    script = write(tmp_path, DRAFT)
    result = run_cli("number", str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines() == [
        "1\t3\tINT. CABIN - NIGHT",
        "2\t7\tEXT. DECK - NIGHT",
        "3\t11\tINT. GALLEY - DAY",
    ]
    assert result.stderr == b""


def test_lock_edits_only_the_heading_lines_and_records_the_numbers(tmp_path: Path) -> None:
    script = write(tmp_path, "\ufeff" + DRAFT)
    result = run_cli("number", "--lock", str(script))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    locked = script.read_bytes().decode("utf-8")
    assert locked == "\ufeff" + DRAFT.replace(
        "INT. CABIN - NIGHT\n", "INT. CABIN - NIGHT #1#\n"
    ).replace("[[windy]]\n", "[[windy]] #2#\n").replace("GALLEY - DAY\n", "GALLEY - DAY #3#\n")
    record = yaml.safe_load((tmp_path / "ferry.fountain.lock.yaml").read_text())
    assert record["schema"] == "fountainkit.lock/1"
    assert record["scene_numbers"] == ["1", "2", "3"]
    again = run_cli("number", "--lock", str(script))  # already locked: nothing changes
    assert again.returncode == 0 and script.read_bytes().decode("utf-8") == locked


def test_after_the_lock_new_scenes_are_inserts_and_deleted_ones_omitted(tmp_path: Path) -> None:
    script = write(tmp_path, DRAFT)
    assert run_cli("number", "--lock", str(script)).returncode == 0
    text = script.read_text(encoding="utf-8")
    # The writer cuts scene 2 and adds a scene after scene 1 and one after scene 3.
    start = text.index("EXT. DECK")
    text = (
        text[:start] + "INT. BRIDGE - NIGHT\n\nThe captain.\n\n" + text[text.index("INT. GALLEY") :]
    )
    text += "\nEXT. PIER - DAY\n\nLanding.\n"
    script.write_text(text, encoding="utf-8")

    listed = run_cli("number", str(script)).stdout.decode().splitlines()
    assert [row.split("\t")[0] for row in listed] == ["1", "1A", "2", "3", "4"]
    assert listed[2] == "2\t-\tOMITTED"
    check = run_cli("number", "--check", str(script))
    assert check.returncode == 1
    assert b"locked scene 2 is gone" in check.stdout

    pdf = tmp_path / "ferry.pdf"
    assert run_cli("pdf", str(script), "-o", str(pdf), "--scene-numbers", "left").returncode == 0
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        words = " ".join(page.extract_text() for page in document.pages)
    assert "1A INT. BRIDGE - NIGHT" in words and "2 OMITTED" in words

    assert run_cli("number", "--lock", str(script)).returncode == 0
    relocked = script.read_text(encoding="utf-8")
    assert "INT. BRIDGE - NIGHT #1A#\n\nThe captain.\n\n.OMITTED #2#\n\nINT. GALLEY" in relocked
    assert relocked.endswith("EXT. PIER - DAY #4#\n\nLanding.\n")
    assert run_cli("number", "--check", str(script)).returncode == 0


def test_check_reports_duplicates_and_disorder_with_lines(tmp_path: Path) -> None:
    script = write(tmp_path, "INT. A #2#\n\nx\n\nINT. B #1#\n\ny\n\nINT. C #1#\n\nz\n")
    result = run_cli("number", "--check", str(script))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines == [
        f"{script}:5: scene number 1 comes after 2, out of order",
        f"{script}:9: scene number 1 is used again (first at line 5)",
    ]


def test_lock_to_another_file_leaves_the_script_alone(tmp_path: Path) -> None:
    script = write(tmp_path, DRAFT)
    out = tmp_path / "locked.fountain"
    assert run_cli("number", "--lock", str(script), "-o", str(out)).returncode == 0
    assert script.read_bytes() == DRAFT.encode("utf-8")
    assert "#3#" in out.read_text(encoding="utf-8")
    assert (tmp_path / "locked.fountain.lock.yaml").exists()
    assert not (tmp_path / "ferry.fountain.lock.yaml").exists()
    refused = run_cli("number", "--lock", str(script), "-o", str(script))
    assert refused.returncode == 1 and script.read_bytes() == DRAFT.encode("utf-8")


def test_lock_from_standard_input_prints_the_locked_script() -> None:
    result = run_cli("number", "--lock", "-", input=b"INT. A\n\nx\n\nINT. B\n\ny\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"INT. A #1#\n\nx\n\nINT. B #2#\n\ny\n"


def test_a_broken_lock_file_is_one_line(tmp_path: Path) -> None:
    script = write(tmp_path, DRAFT)
    (tmp_path / "ferry.fountain.lock.yaml").write_text("a: &x [1]\nb: [*x, *x]\n")
    result = run_cli("number", "--lock", str(script))
    assert result.returncode == 1
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert script.read_bytes() == DRAFT.encode("utf-8")
