"""The VS Code extension's TextMate grammar, run through the tokenizer VS Code uses.

editors/vscode/test/tokenize.js loads syntaxes/fountain.tmLanguage.json with
vscode-textmate and the Oniguruma WebAssembly build (both from npm, pinned in
package-lock.json) and checks the scopes named in test/fixtures/*.expected.json.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.vscode_extension import EXTENSION, manifest, node_modules_or_skip

TOKENIZE = EXTENSION / "test" / "tokenize.js"
EXPECTED = EXTENSION / "test" / "fixtures" / "elements.expected.json"
# The one type whose TextMate scope differs from its semantic-token scope:
# docs/editors.md ("VS Code") says why.
TEXTMATE_ACTION = "meta.paragraph.action.fountain"


def run_tokenize(*args: str) -> subprocess.CompletedProcess[str]:
    node = node_modules_or_skip()
    return subprocess.run(
        [node, str(TOKENIZE), *args],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_expected_scope_holds() -> None:
    result = run_tokenize()
    assert result.returncode == 0, result.stdout + result.stderr
    held = re.search(r"(\d+) of (\d+) scope expectations hold", result.stdout)
    assert held and held[1] == held[2] and int(held[2]) >= 100, result.stdout


def test_a_wrong_expectation_fails(tmp_path: Path) -> None:
    """The checker is not a no-op: a wrong scope, a scope that is there but must not
    be, and text that is not on the line are each reported, with exit status 1."""
    (tmp_path / "cue.fountain").write_text("\nBOB\nHello.\n", encoding="utf-8")
    expect = [
        [2, "BOB", "entity.name.function.character.fountain"],
        [3, "Hello.", "markup.heading.scene.fountain"],
        [3, "Hello.", "!string.unquoted.dialogue.fountain"],
        [3, "Goodbye.", "string.unquoted.dialogue.fountain"],
    ]
    (tmp_path / "cue.expected.json").write_text(json.dumps({"expect": expect}), encoding="utf-8")
    result = run_tokenize("--fixtures", str(tmp_path))
    assert result.returncode == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 3, result.stderr
    assert "lacks markup.heading.scene.fountain" in failures[0]
    assert "has string.unquoted.dialogue.fountain" in failures[1]
    assert "text not on the line" in failures[2]
    assert "1 of 4 scope expectations hold" in result.stdout


def test_the_fixture_covers_every_token_type_and_modifier() -> None:
    """Each scope the semantic tokens map to (every type, emphasis, dual, extension) is
    one the grammar gives too, and the fixture checks it: colours do not jump when
    the server's tokens arrive."""
    scopes = manifest()["contributes"]["semanticTokenScopes"][0]["scopes"]
    checked = {scope for _, _, scope in json.loads(EXPECTED.read_text("utf-8"))["expect"]}
    wanted = {
        selector: TEXTMATE_ACTION if selector == "action" else mapped[-1]
        for selector, mapped in scopes.items()
        if not selector.endswith(".forced") or selector == "transition.forced"
    }
    missing = {selector: scope for selector, scope in wanted.items() if scope not in checked}
    assert not missing, f"no fixture line checks these scopes: {missing}"


def test_multi_line_boneyard_does_not_end_at_a_blank_line(tmp_path: Path) -> None:
    """A boneyard inside a speech hides a blank line and a heading; the speech goes on."""
    text = "BOB\nHello /* cut\n\nINT. NOWHERE - DAY\n*/ there.\n\nINT. HOUSE - DAY\n"
    (tmp_path / "boneyard.fountain").write_text(text, encoding="utf-8")
    expect = [
        [2, "Hello ", "string.unquoted.dialogue.fountain"],
        [4, "INT. NOWHERE - DAY", "comment.block.boneyard.fountain"],
        [4, "INT. NOWHERE - DAY", "!markup.heading.scene.fountain"],
        [5, " there.", "string.unquoted.dialogue.fountain"],
        [5, " there.", "!comment.block.boneyard.fountain"],
        [7, "INT. HOUSE - DAY", "markup.heading.scene.fountain"],
    ]
    (tmp_path / "boneyard.expected.json").write_text(
        json.dumps({"expect": expect}), encoding="utf-8"
    )
    result = run_tokenize("--fixtures", str(tmp_path))
    assert result.returncode == 0, result.stderr


# Lines that look like something they are not, each as the first line of a block
# followed by text: (line, scope it must or, with "!", must not carry).
LOOKALIKES = [
    ("INTERIOR - DAY", "!markup.heading.scene.fountain"),  # INT must end in . or a space
    ("EST", "!markup.heading.scene.fountain"),
    ("...and then", "!markup.heading.scene.fountain"),  # .. is not a forced heading
    ("Bob", "!entity.name.function.character.fountain"),  # lower case: action
    ("23", "!entity.name.function.character.fountain"),  # a name needs a capital
    ("@bob", "entity.name.function.character.fountain"),  # @ forces a cue
    ("!BANG", "!entity.name.function.character.fountain"),  # ! forces action
    ("#1 FAN", "!entity.name.function.character.fountain"),  # a section, not a cue
]


def test_lines_that_are_not_what_they_look_like(tmp_path: Path) -> None:
    text = "".join(f"\n{line}\nNext line.\n" for line, _ in LOOKALIKES)
    (tmp_path / "lookalikes.fountain").write_text(text, encoding="utf-8")
    expect = [[2 + 3 * i, line, scope] for i, (line, scope) in enumerate(LOOKALIKES)]
    (tmp_path / "lookalikes.expected.json").write_text(
        json.dumps({"expect": expect}), encoding="utf-8"
    )
    result = run_tokenize("--fixtures", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{len(LOOKALIKES)} of {len(LOOKALIKES)}" in result.stdout
