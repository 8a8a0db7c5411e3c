"""The JSON tree (``fountainkit parse --format json``) against its JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from fountainkit import parse
from fountainkit.writers.tree import SCHEMA, to_tree

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(
        (resources.files("fountainkit") / "schemas" / "tree.schema.json").read_text("utf-8")
    )
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_the_schema_names_the_tree_it_describes(validator) -> None:
    assert validator.schema["title"] == SCHEMA
    assert validator.schema["properties"]["schema"] == {"const": SCHEMA}


def test_every_corpus_script_validates(validator, corpus_dir: Path) -> None:
    paths = sorted(corpus_dir.rglob("*.fountain")) + sorted(
        (REPO / "scripts_sample").glob("*.fountain")
    )
    assert len(paths) >= 55
    for path in paths:
        tree = to_tree(parse(path.read_text(encoding="utf-8", errors="replace")))
        errors = sorted(validator.iter_errors(tree), key=lambda e: list(e.path))
        assert not errors, (path.name, errors[0].message, list(errors[0].path))


def test_the_schema_rejects_what_the_writer_never_writes(validator) -> None:
    tree = to_tree(parse("INT. A - DAY\n\nBOB\nHi.\n"))
    assert validator.is_valid(tree)
    tree["body"][0]["children"][0]["colour"] = "blue"
    assert not validator.is_valid(tree)
    del tree["body"][0]["children"][0]["colour"]
    tree["body"][0]["children"][1]["children"][1]["runs"][0][0].pop("offset")
    assert not validator.is_valid(tree)


def test_the_cli_output_validates(validator, sample_script: Path) -> None:
    from conftest import run_cli

    result = run_cli("parse", str(sample_script))
    assert result.returncode == 0, result.stderr
    assert validator.is_valid(json.loads(result.stdout))


def test_the_package_is_typed() -> None:
    assert (resources.files("fountainkit") / "py.typed").is_file()
