"""fountain-tools' fixtures (../shared/corpus/fountain-tools-tests): their .txt dumps
list one ``TYPE:"text"`` entry per element. They merge action and drop CONT'D, so
both sides are normalised (tests/corpus_adapters.py); where their parser disagrees
with Fountain 1.1 or with a decision of docs/fountain-decisions.md, the expected
entries are replaced by what that decision says, so the test pins our behaviour.
"""

from __future__ import annotations

import pytest
from corpus_adapters import read_fountain_tools_dump, to_fountain_tools

from fountainkit import parse

# file -> (decision, their entries, our entries)
DECIDED = {
    "Boneyards": (
        "A line of boneyard is invisible; CUT TO: right above a heading is a transition",
        [
            (
                "ACTION",
                "As he rattles off the long list, Brick and Steel share a look. "
                "This is going to be BAD.\nCUT TO:",
            )
        ],
        [
            (
                "ACTION",
                "As he rattles off the long list, Brick and Steel share a look. "
                "This is going to be BAD.",
            ),
            ("TRANSITION", "CUT TO:"),
        ],
    ),
    "Character": (
        "Digits in names: 3CPO is a cue (spec: at least one letter)",
        [("ACTION", "3CPO\nNot work.")],
        [("CHARACTER", "3CPO"), ("DIALOGUE", "Not work.")],
    ),
    "Notes": (
        "A speech runs to the next blank line (theirs runs on past it)",
        None,  # whole-file check below: they fold the next action paragraph into the speech
        None,
    ),
    "Parenthetical": (
        "Every ( line in a speech is a parenthetical",
        [("DIALOGUE", "(bouncy)\nAlso trying this?")],
        [("PARENTHETICAL", "bouncy"), ("DIALOGUE", "Also trying this?")],
    ),
    "Sections": (
        "Title page needs Key: value (CUT TO: is a transition); a heading needs a blank line after",
        [
            ("TITLEENTRY", "CUT TO:"),
            ("HEADING", "INT. PALACE HALLWAY - NIGHT"),
            ("ACTION", "You can nest Sections by adding more # characters."),
        ],
        [
            ("TRANSITION", "CUT TO:"),
            (
                "ACTION",
                "INT. PALACE HALLWAY - NIGHT\nYou can nest Sections by adding more # characters.",
            ),
        ],
    ),
}
# Not Fountain 1.1 element dumps: Formatted.txt is HTML; Tags.txt is their #tag extension.
NOT_COMPARABLE = {"Formatted", "Tags"}


def pairs(corpus_dir):
    folder = corpus_dir / "fountain-tools-tests"
    for source in sorted(folder.glob("*.fountain")):
        stem = source.stem
        for suffix in (".txt", "-Unmerged.txt"):
            dump = folder / f"{stem}{suffix}"
            if dump.exists():
                yield stem, source, dump
                break


def replace_run(entries, old, new):
    for start in range(len(entries) - len(old) + 1):
        if entries[start : start + len(old)] == old:
            return entries[:start] + new + entries[start + len(old) :]
    raise AssertionError(f"decided entries not found: {old}")


def test_fountain_tools_fixtures(corpus_dir):
    compared = matched = 0
    for stem, source, dump in pairs(corpus_dir):
        if stem in NOT_COMPARABLE:
            continue
        expected = read_fountain_tools_dump(dump.read_text(encoding="utf-8"))
        ours = to_fountain_tools(parse(source.read_text(encoding="utf-8-sig")))
        compared += 1
        if stem in DECIDED and DECIDED[stem][1] is not None:
            _, theirs, mine = DECIDED[stem]
            expected = replace_run(expected, theirs, mine)
        elif stem == "Notes":
            speech = [e for e in ours if e[0] == "DIALOGUE"]
            assert speech[0][1] == "*Did you know Brick and Steel are retired?*"
            assert ("ACTION", speech[0][1]) not in ours
            continue
        assert ours == expected, stem
        matched += 1
    assert (compared, matched) == (15, 14)


@pytest.mark.parametrize("stem", sorted(DECIDED))
def test_decided_fixture_exists(corpus_dir, stem):
    assert (corpus_dir / "fountain-tools-tests" / f"{stem}.fountain").exists()
