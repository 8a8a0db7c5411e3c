"""Stopping `pdf` while WeasyPrint workers paint: no orphan, no traceback.

The command is started in its own session, like a job in a terminal, and
stopped the moment its painting workers exist: with Ctrl-C (SIGINT sent to
the whole process group, as a terminal sends it), SIGTERM, SIGHUP, or SIGKILL
of the parent alone (nothing to clean up; the workers must notice by
themselves). Workers are found through /proc, so the test needs Linux.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc"
)

# Far above the time any step needs: a hang guard, not a measurement.
PATIENCE_SECONDS = 60


def forked_children_of(pid: int) -> list[int]:
    """Live (not zombie) forks of ``pid``: children running its very command line
    (not helpers it runs, such as ldconfig when a library is looked up)."""
    command = _command_line(pid)
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            state, parent = _state_and_parent(int(entry))
            live_child = parent == pid and state not in ("Z", "X", None)
            if live_child and _command_line(int(entry)) == command:
                found.append(int(entry))
    return found


def _command_line(pid: int) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def alive(pid: int) -> bool:
    state, _ = _state_and_parent(pid)
    return state not in ("Z", "X", None)


def _state_and_parent(pid: int) -> tuple[str | None, int | None]:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None, None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


@pytest.fixture(scope="module")
def long_script(tmp_path_factory, sample_script) -> Path:
    """Some sixty pages: seconds of WeasyPrint painting on two processes."""
    path = tmp_path_factory.mktemp("interrupt") / "long.fountain"
    path.write_text(sample_script.read_text(encoding="utf-8") * 4, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def arabic_script(tmp_path_factory) -> Path:
    """Pages the direct painter hands to WeasyPrint for shaping."""
    scene = "INT. سوق - DAY\n\n" + "يمشي الرجل في السوق وينظر حوله. " * 20 + "\n\n"
    path = tmp_path_factory.mktemp("interrupt") / "arabic.fountain"
    path.write_text(scene * 40, encoding="utf-8")
    return path


def start_painting(
    script: Path, out: Path, engine: str = "weasyprint"
) -> tuple[subprocess.Popen, list[int]]:
    """The pdf command, once its workers are painting: (process, worker pids)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fountainkit", "pdf", str(script), "-o", str(out)]
        + ["--engine", engine, "--jobs", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # Ctrl-C reaches a command in a terminal: give it the default SIGINT even
        # when the suite itself runs as a background job (which ignores SIGINT,
        # and every child would inherit that).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        seen = forked_children_of(process.pid)
        if seen:
            # Still there and still the same program a moment later: a painting
            # worker, not a helper caught between its fork and its exec.
            time.sleep(0.3)
            workers = [pid for pid in forked_children_of(process.pid) if pid in seen]
            if workers:
                return process, workers
        time.sleep(0.02)
    process.kill()
    stdout, stderr = process.communicate()
    pytest.fail(f"no painting worker appeared: {stderr.decode(errors='replace')}")


def wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = [pid for pid in pids if alive(pid)]
        if not left:
            return []
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


@pytest.mark.parametrize(
    ("how", "code", "last_line"),
    [
        ("SIGINT to the group", 130, b"fountainkit: interrupted"),
        ("SIGTERM", 143, b"fountainkit: terminated"),
        ("SIGHUP", 129, b"fountainkit: terminated"),
        ("SIGKILL", -signal.SIGKILL, None),
    ],
)
def test_stopping_a_parallel_render_leaves_no_worker(tmp_path, long_script, how, code, last_line):
    stop_and_check(tmp_path, long_script, "weasyprint", how, code, last_line)


def test_stopping_shaped_pages_painted_in_parallel_leaves_no_worker(tmp_path, arabic_script):
    """The direct engine's own WeasyPrint workers (Arabic needs shaping)."""
    stop_and_check(
        tmp_path, arabic_script, "direct", "SIGINT to the group", 130, b"fountainkit: interrupted"
    )


def stop_and_check(
    tmp_path: Path, script: Path, engine: str, how: str, code: int, last_line: bytes | None
) -> None:
    out = tmp_path / "long.pdf"
    out.write_bytes(b"earlier output")
    process, workers = start_painting(script, out, engine)
    if how == "SIGINT to the group":
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.kill(process.pid, getattr(signal, how))
    process.wait(timeout=PATIENCE_SECONDS)
    orphans = wait_gone(workers)
    for pid in orphans:  # clean up after a failure; they would hold stderr open
        os.kill(pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=PATIENCE_SECONDS)
    assert orphans == [], f"workers left running after {how}"
    assert b"Traceback" not in stderr, stderr.decode(errors="replace")
    assert process.returncode == code, stderr.decode(errors="replace")
    if last_line is not None:
        assert stderr.strip().splitlines() == [last_line]
    assert out.read_bytes() == b"earlier output"
    if how != "SIGKILL":  # a killed process cannot remove its temporary file
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
