"""Bad input through the command line, as a user would hit it.

Every case ends in either a correct result (exit 0, a valid output) or one
clear line on stderr with exit code 1: never a traceback, never a
half-written output file. The exit codes are documented in docs/cli.md.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from fountainkit.syntax.source import MAX_TEXT_CHARS

ERROR_PREFIX = b"fountainkit: error: "
# Non-ASCII in the heading, the cue and the action, so every output (tree,
# breakdown, PDF) has some to show whether the text was decoded right.
SCRIPT = (
    "Title: Bad Input\nAuthor: Tests\n\n"
    "INT. CAFÉ - NIGHT\n\n"
    "Renée pours café into two cups.\n\n"
    "RENÉE\nIt's late, Margot.\n"
)
# Far above any sane run time: it catches hangs, it does not measure speed.
HANG_GUARD_SECONDS = 60


# --- which commands exist, and how to call them ----------------------------

_REGISTERED: dict[str, bool] = {}


def registered(cli, name: str) -> bool:
    if name not in _REGISTERED:
        _REGISTERED[name] = cli(name, "--help").returncode == 0
    return _REGISTERED[name]


def needs(cli, name: str) -> None:
    if not registered(cli, name):
        pytest.skip(f"`fountainkit {name}` is not registered yet")


def argv_for(command: str, script: Path | str, out: Path) -> list[str]:
    """The call each command is tested with; parse prints to stdout."""
    if command == "parse":
        return ["parse", str(script), "--format", "json"]
    if command == "pdf":
        return ["pdf", str(script), "-o", str(out)]
    if command == "breakdown":
        return ["breakdown", str(script), "-f", "json", "-o", str(out)]
    raise AssertionError(command)


def output_of(command: str) -> str:
    return {"parse": "tree.json", "pdf": "script.pdf", "breakdown": "breakdown.json"}[command]


COMMANDS = ["parse", "pdf", "breakdown"]
WRITING_COMMANDS = ["pdf", "breakdown"]


# --- what a good failure and a good success look like -----------------------


def assert_clean_failure(result: subprocess.CompletedProcess, *, mentions: str = "") -> str:
    """Exit 1, one line on stderr starting "fountainkit: error:", nothing on stdout."""
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(ERROR_PREFIX), lines[0]
    assert result.stdout == b""
    message = lines[0].decode("utf-8")
    assert mentions.lower() in message.lower(), message
    return message


def assert_success(result: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0, result.stderr.decode(errors="replace")


def check_output(command: str, result: subprocess.CompletedProcess, out: Path):
    """The command's output, read back: JSON for parse/breakdown, a PdfReader for pdf."""
    assert_success(result)
    if command == "parse":
        return json.loads(result.stdout)
    assert out.is_file() and out.stat().st_size > 0
    if command == "pdf":
        reader = PdfReader(out)
        assert len(reader.pages) >= 1
        return reader
    return json.loads(out.read_text(encoding="utf-8"))


def no_temp_files_left(folder: Path) -> None:
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert leftovers == [], leftovers


# --- inputs that must give a correct result ----------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_empty_file_gives_an_empty_result(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "empty.fountain"
    script.write_bytes(b"")
    out = tmp_path / output_of(command)
    output = check_output(command, cli(*argv_for(command, script, out)), out)
    if command == "parse":
        assert output["body"] == [] and not output["title_page"]
    if command == "breakdown":
        assert output["scenes"] == [] and output["cast"] == []


@pytest.mark.parametrize("command", COMMANDS)
def test_only_a_title_page(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "title.fountain"
    script.write_text("Title: Only A Title\nAuthor: Nobody\nDraft date: 1 May\n", encoding="utf-8")
    out = tmp_path / output_of(command)
    output = check_output(command, cli(*argv_for(command, script, out)), out)
    if command == "parse":
        assert output["title_page"]["Title"] == "Only A Title"
        assert output["body"] == []
    if command == "breakdown":
        assert output["title"] == "Only A Title" and output["scenes"] == []
    if command == "pdf":
        assert "Only A Title" in output.pages[0].extract_text()


def test_a_script_at_the_size_limit_is_read(cli, tmp_path):
    """MAX_TEXT_CHARS of ordinary script (about 1,000 pages) parses; the limit is
    in characters, so it is the same for text that takes two bytes a character."""
    needs(cli, "parse")
    prose = "Gulls wheel over the cranes while the night shift drifts home. " * 16
    scene = f"EXT. HARBOUR - DAY\n\n{prose}\n\nDOCKER\nAnother day, another ship.\n\n"
    copies = MAX_TEXT_CHARS // len(scene)
    text = scene * copies
    text += "x" * (MAX_TEXT_CHARS - len(text))  # exactly at the limit
    script = tmp_path / "huge.fountain"
    script.write_text(text, encoding="utf-8")
    result = cli("parse", str(script), "--format", "json")
    tree = check_output("parse", result, tmp_path / "unused")
    headings = [n["children"][0]["text"] for n in tree["body"] if n["type"] == "scene"]
    assert headings == ["EXT. HARBOUR - DAY"] * copies
    wide = tmp_path / "wide.fountain"
    wide.write_text("é" * MAX_TEXT_CHARS, encoding="utf-8")  # 2 MiB of UTF-8
    assert_success(cli("parse", str(wide), "--format", "json"))


OVER_THE_LIMIT = ["parse", "pdf", "html", "breakdown", "fdx", "lint"]


@pytest.mark.parametrize("command", OVER_THE_LIMIT)
def test_one_character_over_the_size_limit_is_refused(cli, tmp_path, command):
    """Above the limit every command says so in one line, exits 1 and writes nothing
    (the limit keeps memory under 2 GB: docs/cli.md, "Input size limit")."""
    script = tmp_path / "over.fountain"
    script.write_text("INT. ROOM - DAY\n\n" + "a" * MAX_TEXT_CHARS, encoding="utf-8")
    out = tmp_path / "out"
    extra = [] if command in ("parse", "lint") else ["-o", str(out)]
    message = assert_clean_failure(cli(command, str(script), *extra), mentions="limit")
    assert f"{MAX_TEXT_CHARS + 17} characters" in message
    assert not out.exists()
    piped = cli(command, "-", *extra, input=script.read_bytes())
    assert_clean_failure(piped, mentions="more than the limit")


def test_a_converted_script_over_the_size_limit_is_refused(cli, tmp_path):
    """An FDX file under the byte limit whose text is over the character limit."""
    paragraph = "a" * (MAX_TEXT_CHARS + 1)
    fdx = tmp_path / "big.fdx"
    fdx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<FinalDraft DocumentType="Script" '
        f'Version="5"><Content><Paragraph Type="Action"><Text>{paragraph}</Text>'
        "</Paragraph></Content></FinalDraft>\n",
        encoding="utf-8",
    )
    assert_clean_failure(cli("parse", str(fdx)), mentions="more than the limit")


LONG_LINES = {
    # Nowhere to wrap: the layout must cut words.
    "unbroken": "".join("abcdefghij"[i % 10] for i in range(60_000)),
    # Prose: sentence ends everywhere, so the page breaker has many choices.
    "prose": ("The tide turns and the cranes stop. " * 1700)[:60_000],
}


@pytest.mark.parametrize("shape", sorted(LONG_LINES))
@pytest.mark.parametrize("command", COMMANDS)
def test_one_sixty_thousand_character_line(cli, tmp_path, command, shape):
    needs(cli, command)
    line = LONG_LINES[shape]
    assert len(line) == 60_000
    script = tmp_path / "long_line.fountain"
    script.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / output_of(command)
    result = subprocess.run(
        [sys.executable, "-m", "fountainkit", *argv_for(command, script, out)],
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
    )
    output = check_output(command, result, out)
    if command == "parse":
        assert line.rstrip() in json.dumps(output)
    if command == "pdf":
        # 60,000 characters on a 55 x 61 grid cannot fit on fewer than 17 pages.
        assert len(output.pages) >= 60_000 // (61 * 55)
        first = output.pages[0].extract_text()
        assert line.split()[0][:20] in first.replace("\n", "")


# Lines made of one Fountain marker over and over, never closed: the shapes
# that make a backtracking regex or a naive scanner go quadratic.
UNCLOSED_MARKERS = {
    "boneyard": "/*",
    "note": "[[",
    "emphasis": "*",
    "mixed emphasis": "*_",
    "underline": "_",
    "parenthesis": "(",
    "escape": "\\",
}


@pytest.mark.parametrize("marker", sorted(UNCLOSED_MARKERS))
def test_a_long_line_of_unclosed_markers_parses(cli, tmp_path, marker):
    """60,000 characters of one opening marker; a hang guard, not a speed test."""
    needs(cli, "parse")
    text = UNCLOSED_MARKERS[marker] * (60_000 // len(UNCLOSED_MARKERS[marker]))
    script = tmp_path / "markers.fountain"
    script.write_text(f"INT. ROOM - DAY\n\n{text}\n\n{text}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "fountainkit", "parse", str(script), "--format", "json"],
        capture_output=True,
        timeout=HANG_GUARD_SECONDS,
    )
    check_output("parse", result, tmp_path / "unused")


def test_an_endless_device_is_refused(cli):
    needs(cli, "parse")
    assert_clean_failure(cli("parse", "/dev/zero", "--format", "json"), mentions="too large")


@pytest.mark.parametrize("command", COMMANDS)
def test_utf16_with_bom_reads_like_utf8(cli, tmp_path, command):
    needs(cli, command)
    utf8 = tmp_path / "utf8.fountain"
    utf8.write_text(SCRIPT, encoding="utf-8")
    utf16 = tmp_path / "utf16.fountain"
    utf16.write_bytes(SCRIPT.encode("utf-16"))  # Python writes the BOM first
    assert utf16.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    out8, out16 = tmp_path / ("a_" + output_of(command)), tmp_path / ("b_" + output_of(command))
    first = check_output(command, cli(*argv_for(command, utf8, out8)), out8)
    second = check_output(command, cli(*argv_for(command, utf16, out16)), out16)
    if command == "pdf":
        assert second.pages[-1].extract_text() == first.pages[-1].extract_text()
        assert "RENÉE" in second.pages[-1].extract_text()
    else:
        assert _without_paths(second) == _without_paths(first)
        assert "RENÉE" in json.dumps(second, ensure_ascii=False)


@pytest.mark.parametrize(
    ("command", "encoding"),
    [(command, "utf-16-le") for command in COMMANDS]
    + [("parse", "utf-16-be"), ("parse", "utf-32-le")],
)
def test_utf16_without_a_bom_is_named_with_its_encoding(cli, tmp_path, command, encoding):
    """Windows tools save UTF-16 without a BOM: the NUL pattern gives it away."""
    needs(cli, command)
    script = tmp_path / "wide.fountain"
    script.write_bytes(SCRIPT.encode(encoding))
    out = tmp_path / output_of(command)
    message = assert_clean_failure(
        cli(*argv_for(command, script, out)), mentions=f"--encoding {encoding}"
    )
    assert "byte-order mark" in message and "binary" not in message
    accepted = cli(*argv_for(command, script, out), "--encoding", encoding)
    output = check_output(command, accepted, out)
    if command != "pdf":
        assert "RENÉE" in json.dumps(output, ensure_ascii=False)


def _without_paths(value):
    """JSON output minus any field that names the input file (they differ here)."""
    if isinstance(value, dict):
        return {
            k: _without_paths(v)
            for k, v in value.items()
            if not (isinstance(v, str) and v.endswith(".fountain"))
        }
    if isinstance(value, list):
        return [_without_paths(v) for v in value]
    return value


@pytest.mark.parametrize("command", COMMANDS)
def test_latin1_needs_its_encoding_named(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "latin1.fountain"
    script.write_bytes(SCRIPT.encode("latin-1"))
    out = tmp_path / output_of(command)

    refused = cli(*argv_for(command, script, out))
    message = assert_clean_failure(refused, mentions="--encoding")
    assert "latin1.fountain" in message
    assert not out.exists()

    accepted = cli(*argv_for(command, script, out), "--encoding", "latin-1")
    output = check_output(command, accepted, out)
    if command == "pdf":
        assert "RENÉE" in "".join(page.extract_text() for page in output.pages)
    else:
        assert "RENÉE" in json.dumps(output, ensure_ascii=False)


# --- inputs that must be refused with one line ------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_nul_bytes_are_refused(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "binary.fountain"
    script.write_bytes(b"INT. HOUSE - DAY\n\nA\x00B\n")
    out = tmp_path / output_of(command)
    assert_clean_failure(cli(*argv_for(command, script, out)), mentions="NUL")
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_directory_is_refused(cli, tmp_path, command):
    needs(cli, command)
    folder = tmp_path / "scripts.fountain"
    folder.mkdir()
    out = tmp_path / output_of(command)
    assert_clean_failure(cli(*argv_for(command, folder, out)), mentions="directory")
    assert not out.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_file_is_refused(cli, tmp_path, command):
    needs(cli, command)
    out = tmp_path / output_of(command)
    missing = tmp_path / "nowhere.fountain"
    message = assert_clean_failure(cli(*argv_for(command, missing, out)), mentions="no such file")
    assert "nowhere.fountain" in message
    assert not out.exists()


def _run_without_dac_override(*args: str) -> subprocess.CompletedProcess:
    """Like the ``cli`` fixture, as root stripped of the power to ignore file modes.

    Root reads a chmod-000 file through CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH;
    dropping both from the bounding set makes root obey the mode bits like any
    user, so the test exercises the real "permission denied" path.
    """
    return subprocess.run(
        [
            SETPRIV,
            "--bounding-set=-dac_override,-dac_read_search",
            "--",
            sys.executable,
            "-m",
            "fountainkit",
            *args,
        ],
        capture_output=True,
        timeout=300,
    )


SETPRIV = shutil.which("setpriv") or ""


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreadable_file_is_refused(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "secret.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    script.chmod(0)
    out = tmp_path / output_of(command)
    argv = argv_for(command, script, out)
    try:
        if os.geteuid() != 0:
            result = cli(*argv)
        elif SETPRIV:
            result = _run_without_dac_override(*argv)
        else:
            pytest.skip("running as root, which reads any file, and setpriv is not installed")
    finally:
        script.chmod(0o644)
    assert_clean_failure(result, mentions="permission denied")
    assert "secret.fountain" in result.stderr.decode()
    assert not out.exists()


# --- outputs: missing folder, and no half-written file ----------------------


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_output_in_a_missing_folder_is_refused(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "ok.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "no" / "such" / "folder" / output_of(command)
    assert_clean_failure(cli(*argv_for(command, script, out)), mentions="does not exist")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_a_failed_run_leaves_the_earlier_output_intact(cli, tmp_path, command):
    needs(cli, command)
    outputs = tmp_path / "out"
    outputs.mkdir()
    out = outputs / output_of(command)
    out.write_bytes(b"earlier output")
    script = tmp_path / "binary.fountain"
    script.write_bytes(b"\x00\x01\x02")
    assert_clean_failure(cli(*argv_for(command, script, out)))
    assert out.read_bytes() == b"earlier output"
    no_temp_files_left(outputs)


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_a_successful_run_replaces_the_output_whole(cli, tmp_path, command):
    needs(cli, command)
    outputs = tmp_path / "out"
    outputs.mkdir()
    out = outputs / output_of(command)
    out.write_bytes(b"x" * 1_000_000)  # longer than the new output: no stale tail
    script = tmp_path / "ok.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    check_output(command, cli(*argv_for(command, script, out)), out)
    no_temp_files_left(outputs)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_a_new_output_gets_the_usual_permissions(cli, tmp_path, command):
    """Not the owner-only mode of the temporary file it was written through."""
    needs(cli, command)
    script = tmp_path / "ok.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / output_of(command)
    check_output(command, cli(*argv_for(command, script, out)), out)
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


@pytest.mark.parametrize("command", WRITING_COMMANDS)
def test_a_replaced_output_keeps_its_permissions(cli, tmp_path, command):
    needs(cli, command)
    script = tmp_path / "ok.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / output_of(command)
    out.write_bytes(b"old")
    out.chmod(0o640)
    check_output(command, cli(*argv_for(command, script, out)), out)
    assert out.stat().st_mode & 0o777 == 0o640


def test_pdf_output_into_a_folder_names_the_file_after_the_script(cli, tmp_path):
    needs(cli, "pdf")
    script = tmp_path / "ok.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    folder = tmp_path / "renders"
    folder.mkdir()
    check_output("pdf", cli("pdf", str(script), "-o", str(folder)), folder / "ok.pdf")
    no_temp_files_left(folder)


def test_breakdown_output_onto_a_directory_is_refused(cli, tmp_path):
    needs(cli, "breakdown")
    script = tmp_path / "ok.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    target = tmp_path / "taken.json"
    target.mkdir()
    result = cli(*argv_for("breakdown", script, target))
    assert b"Traceback" not in result.stderr
    assert result.returncode in (1, 2), result.stderr  # 2: the option rejects folders
    assert b"directory" in result.stderr
    assert target.is_dir() and not any(target.iterdir())
    no_temp_files_left(tmp_path)


def test_ctrl_c_during_a_render_leaves_no_half_written_file(cli, tmp_path, sample_script):
    """Interrupted mid-render: exit 130, one line, every output old or whole."""
    needs(cli, "pdf")
    long_script = sample_script.read_text(encoding="utf-8") * 3
    outputs = []
    for name in ("first", "second"):
        (tmp_path / f"{name}.fountain").write_text(long_script, encoding="utf-8")
        outputs.append(tmp_path / f"{name}.pdf")
        outputs[-1].write_bytes(b"earlier output")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fountainkit",
            "pdf",
            # WeasyPrint: slow enough (seconds) to be surely mid-render at the signal.
            "--engine",
            "weasyprint",
            "--verbose",
            *(str(p.with_suffix(".fountain")) for p in outputs),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A shell may start background jobs with SIGINT ignored; undo that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    seen = b""
    while b"wrote" not in seen:  # the first is written, the second is being rendered
        chunk = os.read(process.stderr.fileno(), 1024)
        assert chunk, "pdf ended before it wrote the first file"
        seen += chunk
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=HANG_GUARD_SECONDS)
    stderr = seen + rest
    assert b"Traceback" not in stderr
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == b"fountainkit: interrupted"
    for output in outputs:
        data = output.read_bytes()
        assert data == b"earlier output" or len(PdfReader(output).pages) > 0
    no_temp_files_left(tmp_path)


def test_usage_errors_exit_2(cli):
    result = cli("parse")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert cli("no-such-command").returncode == 2
