"""The grammar's tables ship as JSON data; nothing is ever unpickled from a shared folder."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile

import pytest
from conftest import REPO

from fountainkit.resources import grammar_path
from fountainkit.syntax import tables


def test_shipped_tables_were_made_from_the_grammar_as_it_is() -> None:
    shipped = json.loads(tables.tables_path().read_text(encoding="utf-8"))
    grammar = grammar_path(tables.GRAMMAR).read_text(encoding="utf-8")
    assert shipped["grammar_sha256"] == tables.grammar_digest(grammar), (
        "grammars/fountain.lark changed: run python -m fountainkit.syntax.build_tables"
    )


def test_tables_survive_the_json_round_trip() -> None:
    computed = tables.compute(grammar_path(tables.GRAMMAR).read_text(encoding="utf-8"))
    assert tables.from_json(tables.to_json(computed)) == computed


def test_an_edited_grammar_gets_tables_computed_in_memory(tmp_path, monkeypatch) -> None:
    grammar = grammar_path(tables.GRAMMAR).read_text(encoding="utf-8")
    edited = tmp_path / tables.GRAMMAR
    edited.write_text(grammar + "\n// an edit\n", encoding="utf-8")
    stale = tmp_path / tables.TABLES
    stale.write_bytes(tables.tables_path().read_bytes())
    monkeypatch.setattr(tables, "grammar_path", lambda name: tmp_path / name)
    loaded = tables.load()
    assert loaded.grammar_sha256 == tables.grammar_digest(edited.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([tables.GRAMMAR, tables.TABLES])


class _Payload:
    """Unpickling this creates ``marker``: proof that code from the file ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _plant_at_larks_cache_path(folder, marker) -> None:
    """Write a malicious pickle exactly where Lark's ``cache=True`` (the old way
    the parser compiled its grammar) looks in ``folder`` as the temp folder."""
    from lark import Lark

    grammar = grammar_path(tables.GRAMMAR).read_text(encoding="utf-8")
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        Lark(grammar, parser="lalr", lexer="basic", cache=True)  # writes its cache file
        (cache_file,) = folder.glob(".lark_cache_*")
        digest_line = cache_file.read_bytes().split(b"\n", 1)[0]
        cache_file.write_bytes(digest_line + b"\n" + pickle.dumps(_Payload(str(marker))))
        # The plant works: the old way of loading the grammar runs it.
        Lark(grammar, parser="lalr", lexer="basic", cache=True)
    finally:
        tempfile.tempdir = saved
    assert marker.exists(), "the planted pickle was not where Lark looks"
    marker.unlink()


@pytest.mark.skipif(os.name != "posix", reason="the shared temp folder attack is POSIX's")
def test_a_pickle_planted_in_the_temp_folder_is_never_loaded(tmp_path) -> None:
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    marker = tmp_path / "planted-code-ran"
    _plant_at_larks_cache_path(shared_tmp, marker)
    before = sorted(p.name for p in shared_tmp.iterdir())
    script = tmp_path / "s.fountain"
    script.write_text("INT. ROOM - DAY\n\nShe waits.\n", encoding="utf-8")

    env = {**os.environ, "TMPDIR": str(shared_tmp), "PYTHONPATH": str(REPO)}
    for command in (["parse", str(script)], ["lint", str(script)]):
        run = subprocess.run(
            [sys.executable, "-m", "fountainkit", *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert not marker.exists(), f"fountainkit {command[0]} ran code planted in the temp folder"
    assert (
        "INT. ROOM - DAY"
        in subprocess.run(
            [sys.executable, "-m", "fountainkit", "parse", str(script)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    assert sorted(p.name for p in shared_tmp.iterdir()) == before  # and nothing written there


def test_parsing_does_not_even_import_lark() -> None:
    code = (
        "import sys\n"
        "from fountainkit import parse\n"
        "parse('INT. ROOM - DAY\\n\\nShe waits.\\n')\n"
        "print('lark' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert run.stdout.strip() == "False"
