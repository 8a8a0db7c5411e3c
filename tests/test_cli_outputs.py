"""Where commands read and write, through the CLI as a user runs it.

Nothing is lost: no output ever lands on an input (whatever name, symlink or
hard link reaches it), an existing script-like file is replaced only with
--force, devices, FIFOs and /dev/stdout are written in place and never
renamed over, and '-' is standard input or output for every command. The
rules are documented in docs/cli.md.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

SCRIPT = (
    "Title: Guarded\n\nINT. VAULT - NIGHT\n\nA safe. A lock.\n\n"
    "MARGOT\nNobody touches the drafts.\n"
)
ERROR = b"fountainkit: error: "

# command -> (extra arguments, what its output is)
WRITERS = {
    "pdf": ([], "pdf"),
    "html": ([], "html"),
    "fdx": (["--no-scene-pages"], "fdx"),
    "breakdown": (["-f", "json"], "json"),
    "parse": ([], "json"),
}
READERS = [*WRITERS, "lint"]


def run(*args: str, stdin=None, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "fountainkit", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        cwd=cwd,
        timeout=120,
    )


def refused(result, *, mentions: str) -> str:
    """Exit 1, no traceback, exactly one 'fountainkit: error:' line mentioning ``mentions``."""
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert result.returncode == 1, (result.returncode, result.stderr.decode())
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(ERROR.decode()), lines
    assert mentions.lower() in lines[0].lower(), lines[0]
    return lines[0]


def succeeded(result) -> None:
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b"", result.stderr.decode()  # a quiet success


def check_kind(kind: str, data: bytes) -> None:
    """``data`` is a whole, valid output of that kind."""
    if kind == "pdf":
        assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    elif kind == "html":
        assert data.lstrip().lower().startswith(b"<!doctype html") and b"VAULT" in data
    elif kind == "fdx":
        assert ET.fromstring(data).tag == "FinalDraft"
    else:
        assert json.loads(data)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "draft.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def argv(command: str, *args: str) -> list[str]:
    return [command, *args, *WRITERS[command][0]]


# --- never onto an input -----------------------------------------------------------


@pytest.mark.parametrize("command", sorted(WRITERS))
@pytest.mark.parametrize("via", ["same name", "symlink", "hard link", "another spelling"])
def test_an_output_that_is_the_input_is_refused(tmp_path, script, command, via):
    if via == "same name":
        out = str(script)
    elif via == "symlink":
        out = str(tmp_path / "out.pdf")
        os.symlink(script, out)
    elif via == "hard link":
        out = str(tmp_path / "out.pdf")
        os.link(script, out)
    else:
        out = str(tmp_path / "." / ".." / tmp_path.name / script.name)
    result = run(*argv(command, str(script), "-o", out, "--force"))
    refused(result, mentions="refusing to overwrite")
    assert script.read_text(encoding="utf-8") == SCRIPT
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_fdx_of_an_fdx_does_not_write_over_it(tmp_path):
    """The default output of `fdx draft.fdx` is draft.fdx itself."""
    draft = tmp_path / "draft.fdx"
    draft.write_text(SCRIPT, encoding="utf-8")
    refused(run("fdx", str(draft)), mentions="is an input")
    assert draft.read_text(encoding="utf-8") == SCRIPT


def test_standard_input_redirected_from_the_output_is_refused(script):
    with script.open("rb") as stdin:
        result = run("fdx", "-", "-o", str(script), "--force", stdin=stdin)
    refused(result, mentions="is the same file as the input <stdin>")
    assert script.read_text(encoding="utf-8") == SCRIPT


@pytest.mark.parametrize("command", ["parse", "lint", "fdx"])
def test_standard_output_appended_to_the_script_is_refused(script, command):
    """`fountainkit lint draft.fountain >> draft.fountain` would corrupt the script."""
    args = [command, str(script)] if command != "fdx" else ["fdx", str(script), "-o", "-"]
    with script.open("ab") as stdout:
        result = run(*args, stdout=stdout)
    refused(result, mentions="refusing to overwrite")
    assert script.read_text(encoding="utf-8") == SCRIPT


def test_the_config_file_is_an_input_too(tmp_path, script):
    config = tmp_path / "fountainkit.yaml"
    config.write_text("paper: a4\n", encoding="utf-8")
    args = ["breakdown", str(script), "-f", "yaml", "--config", str(config), "-o", str(config)]
    refused(run(*args, "--force"), mentions="fountainkit.yaml")
    assert config.read_text(encoding="utf-8") == "paper: a4\n"


def test_the_lock_file_beside_the_script_is_an_input_too(script):
    lock = script.with_name(script.name + ".lock.yaml")
    lock.write_text("locked: true\n", encoding="utf-8")
    result = run("breakdown", str(script), "-f", "yaml", "-o", str(lock), "--force")
    refused(result, mentions="lock.yaml")
    assert lock.read_text(encoding="utf-8") == "locked: true\n"


# --- never over a script without --force -------------------------------------------


@pytest.mark.parametrize("suffix", [".fountain", ".spmd", ".fdx", ".highland", ".txt", ".FDX"])
def test_an_existing_script_is_replaced_only_with_force(tmp_path, script, suffix):
    other = tmp_path / f"other{suffix}"
    other.write_text("EXT. SOMEONE ELSE'S SCRIPT - DAY\n", encoding="utf-8")
    message = refused(run("fdx", str(script), "-o", str(other)), mentions="--force")
    assert suffix.lower() in message
    assert other.read_text(encoding="utf-8").startswith("EXT. SOMEONE ELSE'S")
    succeeded(run("fdx", str(script), "-o", str(other), "--force"))
    check_kind("fdx", other.read_bytes())


def test_a_symlink_to_a_script_counts_as_that_script(tmp_path, script):
    precious = tmp_path / "precious.fountain"
    precious.write_text("INT. PRECIOUS - DAY\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(precious)
    refused(run("breakdown", str(script), "-f", "json", "-o", str(link)), mentions="--force")
    assert precious.read_text(encoding="utf-8") == "INT. PRECIOUS - DAY\n"


def test_an_fdx_fountainkit_wrote_is_replaced_without_force(tmp_path, script):
    """Exporting again is the everyday case; Final Draft's own save drops the mark."""
    out = tmp_path / "draft.fdx"
    succeeded(run("fdx", str(script)))
    first = out.read_bytes()
    script.write_text(SCRIPT.replace("A safe.", "A bigger safe."), encoding="utf-8")
    succeeded(run("fdx", str(script)))
    assert out.read_bytes() != first and b"A bigger safe." in out.read_bytes()
    # The same file as Final Draft saves it (no fountainkit mark) is protected.
    out.write_bytes(first.replace(b"<!-- Written by fountainkit -->\n", b""))
    refused(run("fdx", str(script)), mentions="--force")


def test_a_pdf_is_not_script_like(tmp_path, script):
    out = tmp_path / "draft.pdf"
    out.write_bytes(b"an older render")
    succeeded(run("pdf", str(script)))
    check_kind("pdf", out.read_bytes())


# --- symlinks, devices, FIFOs, descriptors -------------------------------------------


def test_a_symlinked_output_writes_through_to_its_target(tmp_path, script):
    folder = tmp_path / "renders"
    folder.mkdir()
    real = folder / "real.pdf"
    real.write_bytes(b"older")
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    succeeded(run("pdf", str(script), "-o", str(link)))
    assert link.is_symlink() and os.readlink(link) == str(real)
    check_kind("pdf", real.read_bytes())
    assert sorted(p.name for p in folder.iterdir()) == ["real.pdf"]  # no temporary left


@pytest.mark.skipif(os.geteuid() != 0, reason="planting another user's symlink needs root")
def test_a_symlink_planted_by_another_user_in_a_shared_folder_is_refused(tmp_path, script):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"mine")
    planted = shared / "out.pdf"
    planted.symlink_to(victim)
    os.lchown(planted, 65534, 65534)  # nobody's link
    refused(run("pdf", str(script), "-o", str(planted)), mentions="symlink")
    assert victim.read_bytes() == b"mine"


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_dash_writes_to_standard_output(script, command):
    result = run(*argv(command, str(script), "-o", "-"))
    succeeded(result)
    check_kind(WRITERS[command][1], result.stdout)


@pytest.mark.parametrize("command", ["pdf", "fdx"])
def test_dev_stdout_is_written_in_place(tmp_path, script, command):
    """Into a pipe, and appended to a file opened with >>, never renamed over."""
    piped = run(*argv(command, str(script), "-o", "/dev/stdout"))
    succeeded(piped)
    check_kind(WRITERS[command][1], piped.stdout)

    log = tmp_path / "log.bin"
    log.write_bytes(b"HEAD")
    before = log.stat().st_ino
    with log.open("ab") as stdout:
        succeeded(run(*argv(command, str(script), "-o", "/dev/stdout"), stdout=stdout))
    data = log.read_bytes()
    assert data.startswith(b"HEAD") and log.stat().st_ino == before
    check_kind(WRITERS[command][1], data[4:])


def test_a_fifo_is_written_in_place(tmp_path, script):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("pdf", str(script), "-o", str(fifo))
    reader.join(timeout=60)
    succeeded(result)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    check_kind("pdf", received[0])


def _mknod(path: Path, kind: int, major: int, minor: int) -> None:
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here ({exc})")


def test_a_character_device_is_written_in_place(tmp_path, script):
    """A private copy of /dev/null: as root the old code renamed a file over it."""
    null = tmp_path / "null"
    _mknod(null, stat.S_IFCHR, 1, 3)
    for command in ("pdf", "fdx"):
        succeeded(run(*argv(command, str(script), "-o", str(null))))
        assert stat.S_ISCHR(null.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_block_device_is_refused(tmp_path, script):
    disk = tmp_path / "disk"
    _mknod(disk, stat.S_IFBLK, 7, 0)  # a loop device's numbers; never opened
    refused(run("pdf", str(script), "-o", str(disk), "--force"), mentions="block device")
    assert stat.S_ISBLK(disk.lstat().st_mode)


def test_a_pdf_is_not_written_to_a_terminal(script):
    leader, follower = os.openpty()
    try:
        result = run("pdf", str(script), "-o", "-", stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    refused(result, mentions="terminal")


# --- standard input --------------------------------------------------------------------


@pytest.mark.parametrize("command", READERS)
def test_dash_reads_standard_input_and_prints(script, command):
    """`-` as the script reads stdin; with no -o the result goes to stdout."""
    args = [command, "-"] if command == "lint" else argv(command, "-")
    with script.open("rb") as stdin:
        result = run(*args, stdin=stdin)
    succeeded(result)
    if command == "lint":
        assert result.stdout == b""  # a clean script
        return
    check_kind(WRITERS[command][1], result.stdout)
    with script.open("rb") as stdin:
        by_path = run(*argv(command, str(script), "-o", "-"), stdin=stdin)
    if command in ("parse", "fdx"):
        assert result.stdout == by_path.stdout


def test_lint_names_standard_input_in_its_diagnostics():
    result = run("lint", "-", stdin=_pipe_of(b"INT. ROOM - DAY\n\n/* never closed\n"))
    assert result.returncode == 1 and result.stdout.startswith(b"<stdin>:3:")


def _pipe_of(data: bytes):
    read, write = os.pipe()
    os.write(write, data)
    os.close(write)
    return read


def test_dev_stdin_as_the_script_prints_like_dash(tmp_path, script):
    """No /dev/stdin.pdf in /dev: a descriptor has no name to build an output name on."""
    with script.open("rb") as stdin:
        result = run("pdf", "/dev/stdin", stdin=stdin, cwd=tmp_path)
    succeeded(result)
    check_kind("pdf", result.stdout)
    assert not Path("/dev/stdin.pdf").exists()


def test_standard_input_with_an_output_file(tmp_path, script):
    out = tmp_path / "from_stdin.pdf"
    with script.open("rb") as stdin:
        succeeded(run("pdf", "-", "-o", str(out), stdin=stdin))
    check_kind("pdf", out.read_bytes())


def test_standard_input_into_a_folder_is_refused(tmp_path, script):
    with script.open("rb") as stdin:
        result = run("pdf", "-", "-o", str(tmp_path), stdin=stdin)
    refused(result, mentions="give -o FILE")


def test_standard_input_among_several_scripts_is_refused(tmp_path, script):
    refused(run("pdf", "-", str(script), "-o", str(tmp_path)), mentions="standard input")


def test_empty_names_are_bad_input_not_a_directory(script):
    message = refused(run("parse", ""), mentions="empty file name")
    assert "directory" not in message
    refused(run("pdf", str(script), "-o", ""), mentions="empty file name")


# --- batches ----------------------------------------------------------------------------


def test_two_scripts_with_one_name_into_one_folder_are_refused(tmp_path):
    scripts = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        scripts.append(tmp_path / folder / "x.fountain")
        scripts[-1].write_text(SCRIPT.replace("VAULT", folder.upper()), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    message = refused(run("pdf", *map(str, scripts), "-o", str(out)), mentions="both")
    assert "a/x.fountain" in message and "b/x.fountain" in message
    assert list(out.iterdir()) == []


def test_a_batch_is_quiet_unless_verbose(tmp_path, script):
    second = tmp_path / "second.fountain"
    second.write_text(SCRIPT, encoding="utf-8")
    quiet = run("pdf", str(script), str(second))
    succeeded(quiet)  # no progress bar when stderr is not a terminal
    verbose = run("pdf", str(script), str(second), "--verbose")
    assert verbose.returncode == 0
    lines = verbose.stderr.decode().splitlines()
    assert lines == [
        f"fountainkit: wrote {script.with_suffix('.pdf')} (2 pages)",
        f"fountainkit: wrote {second.with_suffix('.pdf')} (2 pages)",
    ]


def test_a_batch_shows_a_progress_bar_on_a_terminal(tmp_path, script):
    second = tmp_path / "second.fountain"
    second.write_text(SCRIPT, encoding="utf-8")
    leader, follower = os.openpty()
    try:
        result = run("pdf", str(script), str(second), stderr=follower)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert b"Rendering" in shown and b"Traceback" not in shown


def test_a_script_edited_in_place_through_a_symlink_keeps_the_link(tmp_path, script):
    """`number --lock` rewrites the script itself: the link stays, its target changes."""
    link = tmp_path / "link.fountain"
    link.symlink_to(script)
    result = run("number", str(link), "--lock")
    assert result.returncode == 0, result.stderr.decode()
    assert link.is_symlink()
    assert "#1#" in script.read_text(encoding="utf-8")
