"""The VS Code extension's manifest and client (editors/vscode/), checked against the
server: the semantic token legend it maps to colours is the one `fountainkit lsp`
advertises, and every command the server offers has a palette entry."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from tests.lsp_wire import WireClient
from tests.vscode_extension import EXTENSION, manifest, node_or_skip

# The legend as fixed for issue 17 (docs/editors.md), used only while the server
# advertises none; once it does, the server's own legend is what counts.
FIXED_TYPES = [
    "sceneHeading", "sceneNumber", "character", "parenthetical", "dialogue", "transition",
    "action", "centered", "lyrics", "note", "boneyard", "section", "synopsis", "titleKey",
    "titleValue", "pageBreak",
]  # fmt: skip
FIXED_MODIFIERS = ["bold", "italic", "underline", "dual", "forced", "extension"]
CLIENT_COMMANDS = {"fountainkit.restartServer"}  # implemented in extension.js itself
# What VS Code 1.82+ sends about semantic tokens in its initialize request.
VSCODE_CAPABILITIES = {
    "textDocument": {
        "semanticTokens": {
            "dynamicRegistration": True,
            "requests": {"range": True, "full": {"delta": True}},
            "tokenTypes": ["namespace", "type", "class", "string", "comment", "keyword"],
            "tokenModifiers": ["declaration", "definition", "readonly"],
            "formats": ["relative"],
            "overlappingTokenSupport": False,
            "multilineTokenSupport": False,
        }
    },
    "workspace": {"executeCommand": {"dynamicRegistration": True}},
}


@pytest.fixture(scope="module")
def capabilities() -> Iterator[dict[str, Any]]:
    client = WireClient("--stdio")
    try:
        yield client.initialize(VSCODE_CAPABILITIES)["result"]["capabilities"]
    finally:
        client.close()


@pytest.fixture(scope="module")
def legend(capabilities: dict[str, Any]) -> tuple[list[str], list[str]]:
    provider = capabilities.get("semanticTokensProvider")
    if provider is None:
        return FIXED_TYPES, FIXED_MODIFIERS
    return provider["legend"]["tokenTypes"], provider["legend"]["tokenModifiers"]


def scopes() -> dict[str, list[str]]:
    entries = manifest()["contributes"]["semanticTokenScopes"]
    assert [entry["language"] for entry in entries] == ["fountain"]
    return entries[0]["scopes"]


def test_declared_types_and_modifiers_are_the_servers_legend(legend) -> None:
    types, modifiers = legend
    contributes = manifest()["contributes"]
    assert [entry["id"] for entry in contributes["semanticTokenTypes"]] == types
    assert [entry["id"] for entry in contributes["semanticTokenModifiers"]] == modifiers
    for entry in contributes["semanticTokenTypes"] + contributes["semanticTokenModifiers"]:
        assert entry["description"].strip(), entry


def test_every_type_and_modifier_has_a_scope_and_no_selector_names_another(legend) -> None:
    types, modifiers = legend
    mapping = scopes()
    for type_name in types:
        assert mapping.get(type_name), f"no scope for the token type {type_name}"
    used: set[str] = set()
    for selector, mapped in mapping.items():
        kind, *mods = selector.split(".")
        assert kind == "*" or kind in types, f"{selector}: {kind} is not in the legend"
        assert set(mods) <= set(modifiers), f"{selector}: a modifier not in the legend"
        used.update(mods)
        assert mapped and all(
            re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.fountain", scope) for scope in mapped
        ), f"{selector}: scopes must be dotted names ending in .fountain: {mapped}"
    assert used == set(modifiers), f"modifiers without a scope: {set(modifiers) - used}"


def test_every_server_command_has_a_palette_entry(capabilities) -> None:
    offered = set(capabilities.get("executeCommandProvider", {}).get("commands", []))
    contributed = manifest()["contributes"]["commands"]
    ids = {entry["command"] for entry in contributed}
    missing = {c for c in offered if c.startswith("fountainkit.")} - ids
    assert not missing, f"add these server commands to editors/vscode/package.json: {missing}"
    for entry in contributed:
        assert entry["command"].startswith("fountainkit.") and entry["title"] and entry["category"]


def test_manifest_is_consistent() -> None:
    pkg = manifest()
    contributes = pkg["contributes"]
    assert (EXTENSION / pkg["main"]).is_file()
    assert pkg["engines"]["vscode"].startswith("^1.")
    assert "onLanguage:fountain" in pkg["activationEvents"]
    [language] = contributes["languages"]
    assert language["id"] == "fountain"
    assert set(language["extensions"]) == {".fountain", ".spmd"}
    config = json.loads((EXTENSION / language["configuration"]).read_text("utf-8"))
    assert config["comments"]["blockComment"] == ["/*", "*/"]
    assert ["[[", "]]"] in config["brackets"]
    [grammar] = contributes["grammars"]
    tm = json.loads((EXTENSION / grammar["path"]).read_text("utf-8"))
    assert grammar["scopeName"] == tm["scopeName"] == "text.fountain"
    assert grammar["language"] == "fountain"
    settings = contributes["configuration"]["properties"]
    assert settings["fountainkit.command"]["default"] == "fountainkit"
    assert settings["fountainkit.args"]["default"] == ["lsp"]
    ids = {entry["command"] for entry in contributes["commands"]}
    palette = {entry["command"] for entry in contributes["menus"]["commandPalette"]}
    assert palette <= ids
    assert ids - CLIENT_COMMANDS <= palette  # document commands show only in .fountain
    # The client reaches the language server through vscode-languageclient only.
    assert set(pkg["dependencies"]) == {"vscode-languageclient"}
    for version in list(pkg["dependencies"].values()) + list(pkg["devDependencies"].values()):
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"pin exact versions: {version}"


def test_word_pattern_compiles_and_keeps_names_whole() -> None:
    node = node_or_skip()
    script = (
        "const c = require('./language-configuration.json');"
        "const re = new RegExp(c.wordPattern.pattern, c.wordPattern.flags);"
        'console.log(JSON.stringify("O\'BRIEN and MARY-JANE meet ÉLODIE (V.O.)".match(re)));'
    )
    result = subprocess.run(
        [node, "-e", script], cwd=EXTENSION, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["O'BRIEN", "and", "MARY-JANE", "meet", "ÉLODIE", "V", "O"]


def test_extension_js_parses() -> None:
    node = node_or_skip()
    result = subprocess.run(
        [node, "--check", "extension.js"], cwd=EXTENSION, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
