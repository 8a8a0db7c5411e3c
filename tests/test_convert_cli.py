"""``fountainkit convert`` and FDX/PDF input to every command, as a user runs them."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from conftest import run_cli
from handmade_pdf import handmade_pdf

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


def _scanned_pdf() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 260), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    page = [(1.5, 1, "INT. OFFICE - DAY"), (1.5, 3, "Ann types.")]
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(handmade_pdf([page]))))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _truncated_pdf() -> bytes:
    whole = handmade_pdf([[(1.5, 1, "INT. OFFICE - DAY"), (1.5, 3, "Ann types.")]])
    return whole[: len(whole) // 3]


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b"<FinalDraft><Content><Paragraph Type='Action'><Text>&c;</Text></Paragraph>"
    b"</Content></FinalDraft>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<FinalDraft><Content><Paragraph Type='Action'><Text>&x;</Text></Paragraph>"
    b"</Content></FinalDraft>"
)
MALFORMED = b"<?xml version='1.0'?><FinalDraft><Content><Paragraph Type='Action'><Text>"


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("scan.pdf", _scanned_pdf, "needs OCR"),
        ("locked.pdf", _encrypted_pdf, "encrypted"),
        ("cut.pdf", _truncated_pdf, "not a readable PDF"),
        ("bomb.fdx", lambda: BOMB, "refused"),
        ("external.fdx", lambda: EXTERNAL, "refused"),
        ("malformed.fdx", lambda: MALFORMED, "not well-formed"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_1(tmp_path: Path, name, make, says) -> None:
    """Scanned, encrypted and damaged PDFs and hostile or broken FDX: one line
    on stderr naming the file, exit 1, no output written, for every command."""
    script = tmp_path / name
    script.write_bytes(make())
    target = tmp_path / "out.fountain"
    for argv in (
        ("convert", str(script), "-o", str(target)),
        ("parse", str(script)),
        ("lint", str(script)),
        ("breakdown", str(script), "-f", "csv"),
    ):
        done = run_cli(*argv)
        message = done.stderr.decode().strip().splitlines()
        assert done.returncode == 1, (argv, done.stderr)
        assert len(message) == 1 and says in message[0] and name in message[0], (argv, message)
        assert b"Traceback" not in done.stderr and not target.exists()


def test_an_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "LEAKED">')
    script = tmp_path / "dtd.fdx"
    script.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE FinalDraft SYSTEM "'
        + dtd.as_uri().encode()
        + b"\"><FinalDraft><Content><Paragraph Type='Action'><Text>Hi &secret;</Text>"
        b"</Paragraph></Content></FinalDraft>"
    )
    done = run_cli("convert", str(script), "-o", "-")
    assert b"LEAKED" not in done.stdout + done.stderr
    assert done.returncode == 1 and len(done.stderr.decode().strip().splitlines()) == 1
