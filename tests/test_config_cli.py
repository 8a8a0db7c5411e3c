"""Config files through the CLI: every mistake is one line naming the key.

Wrong types anywhere, a file that is not UTF-8, and YAML aliases (the
"billion laughs" expansion bomb) never reach an internal error, never run
long, and never quote a whole value back.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = "INT. OFFICE - DAY\n\nBOB enters.\n\nBOB\nMorning.\n"

CASES = [
    # (config text, what the one line must say)
    ("breakdown:\n  aliases: [1, 2]\n", "aliases must be a mapping"),
    ("breakdown:\n  cast_aliases: 7\n", "cast_aliases must be a mapping"),
    ("breakdown:\n  cast_aliases: [BOB, ROBERT]\n", "cast_aliases must be a mapping"),
    ("breakdown:\n  aliases: {costume: [a, b]}\n", "aliases: costume must be text"),
    ("breakdown:\n  colors: [red]\n", "colors must be a mapping"),
    ("breakdown:\n  colors: {props: {a: b}}\n", "colors: props must be text"),
    ("breakdown:\n  day_words: {DAY: 1}\n", "day_words must be a list"),
    ("breakdown:\n  night_words: [NIGHT, [EVENING]]\n", "night_words: item 2 must be text"),
    ("breakdown:\n  eighths_rounding: [up]\n", "eighths_rounding must be text"),
    ("breakdown: [eighths_rounding]\n", "breakdown must be a mapping"),
    ("pdf: 7\n", "pdf must be a mapping"),
    ("more: [1, 2, 3]\n", "more must be text"),
    ("print_notes: {a: 1}\n", "print_notes must be true or false"),
    ("- paper\n- a4\n", "expected a mapping of settings"),
]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fountainkit", *args], capture_output=True, timeout=60
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr.decode()
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fountainkit: error: "), lines
    assert "internal error" not in lines[0]
    return lines[0]


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "s.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "says"), CASES)
def test_wrong_types_name_the_key(tmp_path, script, text, says):
    config = tmp_path / "fountainkit.yaml"
    config.write_text(text, encoding="utf-8")
    message = one_line_error(run("breakdown", str(script), "--config", str(config)))
    assert says in message and "fountainkit.yaml" in message


def test_a_config_that_is_not_utf8(tmp_path, script):
    config = tmp_path / "fountainkit.yaml"
    config.write_bytes('paper: a4\nmore: "(PLUS)"\ncontd: "(SUITE)" # é\n'.encode("latin-1"))
    for command in ("pdf", "breakdown"):
        message = one_line_error(run(command, str(script), "-o", "-", "--config", str(config)))
        assert "not UTF-8" in message and "line 3" in message


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path, script):
    """Nine levels of ten aliases each: 10^9 strings if expanded."""
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    config = tmp_path / "bomb.yaml"
    config.write_text("\n".join(lines) + "\npaper: *a9\n", encoding="utf-8")
    message = one_line_error(run("pdf", str(script), "--config", str(config)))
    assert "aliases" in message and "line 2" in message
    assert len(message) < 200


def test_a_long_value_is_quoted_briefly(tmp_path, script):
    config = tmp_path / "fountainkit.yaml"
    config.write_text(f"paper: {'x' * 100_000}\n", encoding="utf-8")
    message = one_line_error(run("pdf", str(script), "--config", str(config)))
    assert "paper must be one of" in message and len(message) < 200


def test_a_huge_config_is_refused(tmp_path, script):
    config = tmp_path / "fountainkit.yaml"
    config.write_text("# padding\n" * 200_000, encoding="utf-8")
    message = one_line_error(run("pdf", str(script), "--config", str(config)))
    assert "not a config file" in message
