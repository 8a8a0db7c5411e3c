"""``fountainkit parse`` from the outside: the JSON/YAML tree and its error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

FIXTURE = Path(__file__).parent / "data" / "parser_fixture.fountain"


@pytest.fixture(scope="module")
def tree():
    from conftest import run_cli

    result = run_cli("parse", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def nodes(items):
    for item in items:
        yield item
        yield from nodes(item.get("children", []))


def test_tree_header(tree):
    assert tree["schema"] == "fountainkit.tree/2"
    assert tree["title_page"]["Contact"] == "Harbour Road 4\nNowhere"
    (run,) = tree["title_page_entries"][0]["runs"][0]
    assert run == run | {"text": "THE LIGHTHOUSE KEEPER'S CAT", "bold": True}
    # The run's position: the text between the ** markers on line 1.
    assert (run["line"], run["column"], run["end_column"]) == (1, 10, 37)


def test_tree_node_types_and_positions(tree):
    types = {node["type"] for node in nodes(tree["body"])}
    assert types == {
        "scene", "scene_heading", "action", "dialogue", "character", "parenthetical",
        "dialogue_line", "lyrics", "dual_dialogue", "transition", "centered", "page_break",
        "section", "synopsis", "note", "boneyard",
    }  # fmt: skip
    for node in nodes(tree["body"]):
        assert node["line"] >= 1 and node["column"] >= 1
        assert (node["end_line"], node["end_column"]) >= (node["line"], node["column"])


def test_tree_extras(tree):
    scenes = [n for n in tree["body"] if n["type"] == "scene"]
    heading = scenes[0]["children"][0]
    assert heading == heading | {"type": "scene_heading", "text": "EXT. LIGHTHOUSE - NIGHT",
                                 "number": "1", "forced": False, "line": 15}  # fmt: skip
    section = tree["body"][0]
    assert section["type"] == "section" and section["level"] == 1
    cues = [n for n in nodes(tree["body"]) if n["type"] == "character"]
    elodie = next(c for c in cues if c["name"] == "ÉLODIE")
    assert elodie["extensions"] == ["on the radio"] and elodie["text"] == "ÉLODIE (on the radio)"
    assert any(c["dual"] for c in cues) and any(c["forced"] for c in cues)
    action = scenes[0]["children"][1]
    underlined = [run for run in action["runs"][0] if run.get("underline")]
    assert [run["text"] for run in underlined] == ["single"]


def test_every_run_and_line_has_a_position(tree):
    source = FIXTURE.read_text(encoding="utf-8")
    keys = ("line", "column", "end_line", "end_column", "offset", "end_offset")
    for node in nodes(tree["body"]):
        for line in node.get("runs", []):
            for run in line:
                assert all(key in run for key in keys), (node["type"], run)
                written = source[run["offset"] : run["end_offset"]]
                if run.get("kind") == "note":
                    assert written == f"[[{run['text']}]]"
                elif run.get("kind") is None and "\\" not in written and "\n" not in written:
                    assert written == run["text"]
        if node["type"] in ("action", "lyrics", "centered"):
            assert len(node["line_positions"]) == len(node["runs"])
        if node["type"] == "character":
            name = node["name_position"]
            assert source[name["offset"] : name["end_offset"]] == node["name"]


def test_yaml_is_the_same_tree(cli, tree):
    result = cli("parse", str(FIXTURE), "--format", "yaml")
    assert result.returncode == 0
    assert yaml.safe_load(result.stdout.decode("utf-8")) == tree


def test_not_utf8_names_file_and_offset(cli, tmp_path):
    path = tmp_path / "latin.fountain"
    path.write_bytes("INT. CAF\u00c9 - DAY\n".encode("latin-1"))
    result = cli("parse", str(path))
    assert result.returncode == 1 and result.stdout == b""
    message = result.stderr.decode()
    assert str(path) in message and "offset 8" in message and "Traceback" not in message
    assert message.count("\n") == 1


def test_encoding_option(cli, tmp_path):
    path = tmp_path / "latin.fountain"
    path.write_bytes("INT. CAF\u00c9 - DAY\n\nCoffee.\n".encode("latin-1"))
    result = cli("parse", str(path), "--encoding", "latin-1")
    assert result.returncode == 0
    body = json.loads(result.stdout)["body"]
    assert body[0]["children"][0]["text"] == "INT. CAF\u00c9 - DAY"


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), "binary"),
        (lambda p: None, "no such file"),
    ],
    ids=["directory", "binary", "missing"],
)
def test_bad_inputs_are_refused_in_one_line(cli, tmp_path, make, fragment):
    path = tmp_path / "script.fountain"
    make(path)
    result = cli("parse", str(path))
    assert result.returncode == 1
    message = result.stderr.decode()
    assert fragment in message and "Traceback" not in message and message.count("\n") == 1


def test_unknown_encoding(cli, tmp_path):
    path = tmp_path / "a.fountain"
    path.write_text("Hello.\n")
    result = cli("parse", str(path), "--encoding", "no-such-codec")
    assert result.returncode == 1 and b"unknown encoding" in result.stderr
