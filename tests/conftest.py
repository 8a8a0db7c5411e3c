"""Shared test fixtures: paths to the repo, the sample script and ../shared/corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "scripts_sample"
SHARED = Path(os.environ.get("FOUNTAINKIT_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus, or a clean skip where it is absent (a user's clone)."""
    if not CORPUS.is_dir():
        pytest.skip("third-party corpus ../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def sample_script() -> Path:
    scripts = sorted(SAMPLES.glob("*.fountain"))
    assert scripts, "scripts_sample/ holds no .fountain file"
    return scripts[0]


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None):
    """Run ``python -m fountainkit ARGS`` as a user would; returns CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "fountainkit", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli
