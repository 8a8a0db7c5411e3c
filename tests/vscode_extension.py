"""Paths and skips shared by the tests of the VS Code extension (editors/vscode/)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

EXTENSION = Path(__file__).resolve().parents[1] / "editors" / "vscode"
# .ci/run sets this after `npm ci`: there the Node tests must run, never skip.
REQUIRED = os.environ.get("FOUNTAINKIT_REQUIRE_NODE_TESTS") == "1"


def manifest() -> dict[str, Any]:
    return json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def node_or_skip() -> str:
    """The node executable, or a skip with the reason (a failure where CI requires it)."""
    node = shutil.which("node")
    if node is None:
        reason = "node is not installed (the VS Code extension's tests need Node.js)"
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    return node


def node_modules_or_skip() -> str:
    """node, with the extension's dev dependencies installed (`npm ci`)."""
    node = node_or_skip()
    if not (EXTENSION / "node_modules" / "vscode-textmate").is_dir():
        reason = "editors/vscode/node_modules is missing: run `cd editors/vscode && npm ci`"
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    return node
