"""Jouvence's 46 YAML cases (../shared/corpus/jouvence-yaml), through an adapter to
its one-character-prefix element list (tests/corpus_adapters.py).

Blank-line bookkeeping differs by convention (Jouvence folds separator blank
lines into action text; we keep them as separators plus empty Actions for the
extra ones, pinned in test_parse.py), so both sides are compared normalised.
"""

from __future__ import annotations

import yaml
from corpus_adapters import normalise_jouvence, to_jouvence, write_runs

from fountainkit import parse

# Documented decisions where we part with Jouvence (docs/fountain-decisions.md).
DECIDED = {
    # "Lyrics are per line": Jouvence makes the whole paragraph action.
    "~This is lyrics\nBut this is not\n": ["~This is lyrics", "!But this is not"],
}


def cases(corpus_dir):
    for path in sorted((corpus_dir / "jouvence-yaml").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                yield path.name, doc


def title_of(screenplay) -> dict[str, str]:
    if screenplay.title_page is None:
        return {}
    return {
        entry.key.lower(): "\n".join(write_runs(line) for line in entry.lines)
        for entry in screenplay.title_page.entries
    }


def test_every_jouvence_case(corpus_dir):
    results = []
    for name, doc in cases(corpus_dir):
        script = parse(doc["in"])
        expected = DECIDED.get(doc["in"], normalise_jouvence(doc["out"] or []))
        ok = to_jouvence(script) == expected
        if "title" in doc:
            ok = ok and title_of(script) == {k: str(v) for k, v in (doc["title"] or {}).items()}
        results.append((name, doc["in"], ok))
    assert len(results) == 46
    failures = [(name, text) for name, text, ok in results if not ok]
    assert failures == []


def test_decided_cases_really_exist(corpus_dir):
    inputs = {doc["in"] for _, doc in cases(corpus_dir)}
    assert set(DECIDED) <= inputs
