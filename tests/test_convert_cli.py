"""``fountainkit convert`` and FDX/PDF input to every command, as a user runs them."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

SCRIPT = """Title: Convert Me

INT. OFFICE - DAY #4#

Ann types.

ANN
(to herself)
Nearly done.

CUT TO:
"""


def test_convert_round_trip_through_fdx_and_pdf(tmp_path: Path) -> None:
    source = tmp_path / "draft.fountain"
    source.write_text(SCRIPT)
    fdx = tmp_path / "draft.fdx"
    assert run_cli("convert", str(source), "-o", str(fdx)).returncode == 0
    back = tmp_path / "back.fountain"
    assert run_cli("convert", str(fdx), "-o", str(back)).returncode == 0
    assert back.read_text() == SCRIPT
    pdf = tmp_path / "draft.pdf"
    assert run_cli("pdf", str(fdx), "-o", str(pdf), "--scene-numbers", "left").returncode == 0
    done = run_cli("convert", str(pdf), "-o", "-")
    assert done.returncode == 0
    assert b"INT. OFFICE - DAY #4#" in done.stdout and b"(to herself)" in done.stdout


def test_every_command_reads_fdx_and_pdf_by_content(tmp_path: Path) -> None:
    source = tmp_path / "draft.fountain"
    source.write_text(SCRIPT)
    fdx = tmp_path / "renamed.txt"  # an FDX under another name: read by content
    run_cli("convert", str(source), "-o", str(tmp_path / "x.fdx"))
    fdx.write_bytes((tmp_path / "x.fdx").read_bytes())
    parsed = run_cli("parse", str(fdx))
    assert parsed.returncode == 0 and b"INT. OFFICE - DAY" in parsed.stdout
    csv = tmp_path / "b.csv"
    assert run_cli("breakdown", str(fdx), "-f", "csv", "-o", str(csv)).returncode == 0
    assert "ANN" in csv.read_text()
    assert run_cli("lint", str(fdx)).returncode == 0
    assert run_cli("html", str(fdx), "-o", str(tmp_path / "x.html")).returncode == 0


def test_convert_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "draft.fountain"
    source.write_text(SCRIPT)
    same = run_cli("convert", str(source), "-o", str(source))
    assert same.returncode == 1 and b"is an input" in same.stderr
    other = tmp_path / "other.fountain"
    other.write_text("keep me")
    refused = run_cli("convert", str(source), "-o", str(other))
    assert refused.returncode == 1 and other.read_text() == "keep me"
    assert run_cli("convert", str(source), "-o", str(other), "--force").returncode == 0


def test_bad_pdf_and_fdx_get_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really")
    fake = tmp_path / "fake.fdx"
    fake.write_text("just text")
    for path in (broken, fake):
        done = run_cli("parse", str(path))
        assert done.returncode == 1
        assert len(done.stderr.decode().strip().splitlines()) == 1
