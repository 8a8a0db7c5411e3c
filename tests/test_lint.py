"""The linter through its public API and the ``fountainkit lint`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fountainkit.lsp.lint import lint, probable_typos, within_one_edit


def found(text: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every diagnostic."""
    return [(d.code, d.span.start_line, d.span.start_col) for d in lint(text)]


# A line of two spaces keeps a note open (the spec's rule for blank lines inside).
SPACES = "  "
CLEAN = f"""\
Title: Clean
Author: Someone

INT. KITCHEN - DAY

JOHN
Coffee?

MARY
Please.

JOHN ^
Black?

/* an old bit
over lines, with [[ and INT. HALL inside
*/

[[ a note
{SPACES}
that goes on ]]

CUT TO:
"""


def test_a_clean_script_has_no_diagnostics() -> None:
    assert found(CLEAN) == []


def test_unclosed_boneyard_is_an_error_at_the_marker() -> None:
    text = "INT. A - DAY\n\nShe waits. /* cut this?\n\nINT. B - DAY\n\nHe waits.\n"
    (diagnostic,) = lint(text)
    assert (diagnostic.code, diagnostic.severity) == ("unclosed-boneyard", "error")
    assert (diagnostic.span.start_line, diagnostic.span.start_col) == (3, 12)
    assert "printed as text" in diagnostic.message


def test_unclosed_note_ends_at_an_empty_line() -> None:
    assert found("INT. A - DAY\n\n[[ unfinished\n\nText ]]\n") == [("unclosed-note", 3, 1)]
    crlf = "INT. A - DAY\r\n\r\n[[ unfinished\r\n\r\nText ]]\r\n"
    assert found(crlf) == [("unclosed-note", 3, 1)]
    # Markers inside a boneyard do not count, nor a closed note with a spaces-only line.
    assert found("INT. A - DAY\n\n/* [[ */ ok [[ a\n  \nb ]]\n") == []


def test_a_caret_with_no_speech_before_it() -> None:
    text = "INT. A - DAY\n\nBOB ^\nHello.\n\nANN\nHi.\n\nBOB ^\nYo.\n"
    assert found(text) == [("orphan-dual", 3, 1)]


def test_a_rare_cue_one_edit_from_a_frequent_one_is_a_typo() -> None:
    speeches = "".join(f"{name}\nLine.\n\n" for name in ["JOHN", "JOHN (V.O.)", "@John", "JOHM"])
    (diagnostic,) = lint("INT. A - DAY\n\n" + speeches)
    assert diagnostic.code == "cue-typo" and diagnostic.severity == "warning"
    assert diagnostic.span.start_line == 12
    assert diagnostic.message == "JOHM speaks once; did you mean JOHN (3 cues)?"


@pytest.mark.parametrize(
    ("rare", "common"),
    [("COP 2", "COP 1"), ("AL", "ALI"), ("ANNA", "ANNE")],
)
def test_names_that_are_not_typos(rare: str, common: str) -> None:
    # COP 1/COP 2 differ in a number; AL is too short; ANNA and ANNE are both frequent.
    counts = {common: 5, rare: 1 if rare != "ANNA" else 5}
    assert probable_typos(counts) == {}


def test_typo_needs_the_other_name_to_be_much_more_frequent() -> None:
    assert probable_typos({"JOHN": 3, "JOHM": 1}) == {"JOHM": "JOHN"}
    assert probable_typos({"JOHN": 2, "JOHM": 1}) == {}
    assert probable_typos({"MARGARET": 10, "MAGRARET": 2}) == {"MAGRARET": "MARGARET"}


def test_within_one_edit() -> None:
    assert within_one_edit("JOHN", "JOHM")  # substitution
    assert within_one_edit("JOHN", "JON")  # deletion
    assert within_one_edit("JHON", "JOHN")  # swapped neighbours
    assert within_one_edit("민지", "민수")
    assert not within_one_edit("JOHN", "JOHN")
    assert not within_one_edit("JOHN", "JANE")
    assert not within_one_edit("JOHN", "JOHNNY")


def test_a_transition_before_anything_else() -> None:
    text = "Title: T\n\n# Act One\n\n[[note]]\n\nCUT TO:\n\nINT. A - DAY\n\nText.\n"
    assert found(text) == [("transition-at-start", 7, 1)]
    assert found("> FADE IN:\n\nINT. A - DAY\n\nText.\n") == []


def test_title_page_keys_with_no_value() -> None:
    text = "Title: T\nDraft date:\nContact:\n    me@example.com\n\nINT. A - DAY\n\nText.\n"
    assert found(text) == [("empty-title-key", 2, 1)]


# --- the command -----------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "script.fountain"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_prints_diagnostics_and_fails_on_errors(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "INT. A - DAY\n\nBOB ^\nHi. /* oops\n")
    result = cli("lint", str(path))
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        f"{path}:3:1: warning: dual-dialogue caret ^ with no speech right before it: "
        "printed as a normal speech [orphan-dual]",
        f"{path}:4:5: error: boneyard /* is never closed with */, so it is printed as text "
        "[unclosed-boneyard]",
    ]


def test_cli_warnings_alone_pass_and_json_lists_them(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "CUT TO:\n\nINT. A - DAY\n\nText.\n")
    result = cli("lint", str(path), "--format", "json")
    assert result.returncode == 0
    (row,) = json.loads(result.stdout)
    assert row["code"] == "transition-at-start" and (row["line"], row["column"]) == (1, 1)


def test_cli_on_the_sample_and_on_bad_input(cli, sample_script: Path, tmp_path: Path) -> None:
    assert cli("lint", str(sample_script)).returncode == 0
    missing = cli("lint", str(tmp_path / "missing.fountain"))
    assert missing.returncode == 1 and missing.stderr.decode().count("\n") == 1


# --- control characters ------------------------------------------------------------


def test_control_characters_are_warned_about_with_their_line() -> None:
    text = "INT. A - DAY\n\nPage one.\x0c\x0cPage two.\n\nBOB\nHi\x1b there\x7f.\n"
    diagnostics = [d for d in lint(text) if d.code == "control-character"]
    assert [(d.span.start_line, d.span.start_col, d.span.end_col) for d in diagnostics] == [
        (3, 10, 12),
        (6, 3, 4),
        (6, 10, 11),
    ]
    assert all(d.severity == "warning" for d in diagnostics)
    assert "2 control characters (U+000C FORM FEED)" in diagnostics[0].message
    assert "FDX export replaces them" in diagnostics[0].message
    assert "U+001B ESCAPE" in diagnostics[1].message
    assert "FDX" not in diagnostics[2].message  # DEL is legal XML, only invisible


@pytest.mark.parametrize("allowed", ["\t", "\u00a0", "\u200b", "é", "\r\n"])
def test_tabs_line_ends_and_unusual_spaces_are_not_control_characters(allowed) -> None:
    text = f"INT. A - DAY\n\nShe{allowed}waits.\n"
    assert "control-character" not in [code for code, _, _ in found(text)]


def test_cli_lint_reports_a_form_feed_from_pdftotext(cli, tmp_path: Path) -> None:
    path = tmp_path / "pasted.fountain"
    path.write_text("INT. A - DAY\n\nEnd of page one.\n\x0c\nINT. B - DAY\n", encoding="utf-8")
    result = cli("lint", str(path))
    assert result.returncode == 0  # a warning, not an error
    assert result.stdout.decode().startswith(f"{path}:4:1: warning: a control character")


def test_text_before_the_first_heading_is_reported_once() -> None:
    text = "FADE IN:\n\nA phone rings.\n\nMARA\nHello?\n\nINT. FLAT - NIGHT\n\nQuiet.\n"
    assert [f for f in found(text) if f[0] == "text-before-first-scene"] == [
        ("text-before-first-scene", 3, 1)
    ]
    # An opening line or a title card alone is no scene content.
    assert "text-before-first-scene" not in {
        f[0] for f in found("FADE IN:\n\n> PARIS <\n\nINT. FLAT - NIGHT\n\nQuiet.\n")
    }


def test_a_cue_that_looks_like_action_is_ambiguous() -> None:
    text = (
        "INT. A - DAY\n\nBANG!\nThe door flies open.\n\n"
        "THE DOOR SLAMS SHUT BEHIND HER\nShe turns.\n"
    )
    codes = [d for d in lint(text) if d.code == "ambiguous-cue"]
    assert [(d.span.start_line, d.severity) for d in codes] == [(3, "warning"), (6, "warning")]
    assert "start it with !" in codes[0].message
    # Ordinary names, @-forced cues and cues with extensions are fine.
    quiet = "INT. A - DAY\n\nMRS. JONES (V.O.)\nHi.\n\n@BANG!\nHi.\n\nDR. WHO\nHo.\n"
    assert [d.code for d in lint(quiet)] == []


def test_cut_to_right_above_a_heading_is_read_as_a_transition_and_flagged() -> None:
    text = "INT. A - DAY\n\nShe leaves.\n\nCUT TO:\nINT. B - NIGHT\n\nHe waits.\n"
    assert found(text) == [("transition-above-heading", 5, 1)]
    # A cue ending in TO: (text under it that is not a heading) is the other reading.
    assert found("INT. A - DAY\n\nCUT TO:\nHe waits.\n") == [("ambiguous-cue", 3, 1)]
    assert found("INT. A - DAY\n\nCUT TO:\n\nINT. B - NIGHT\n\nHe waits.\n") == []


def test_the_language_server_flags_it_across_scenes() -> None:
    from fountainkit.lsp.analysis import ScriptAnalysis

    text = "INT. A - DAY\n\nShe leaves.\n\nCUT TO:\nINT. B - NIGHT\n\nHe waits.\n"
    codes = [(d.code, d.span.start_line) for d in ScriptAnalysis(text).diagnostics()]
    assert codes == [("transition-above-heading", 5)]


def test_a_boneyard_inside_a_speech() -> None:
    text = "INT. A - DAY\n\nBOB\n/* old line */\nNew line.\n"
    assert found(text) == [("boneyard-in-speech", 4, 1)]


def test_a_first_line_that_looks_like_a_title_page_but_is_not() -> None:
    def codes(text: str) -> list[tuple[str, int, int]]:
        return [c for c in found(text) if c[0] != "text-before-first-scene"]

    assert codes("SUPER: Based on a true story.\n\nINT. A - DAY\n\nText.\n") == [
        ("not-a-title-page", 1, 1)
    ]
    (diagnostic,) = [
        d
        for d in lint("TITLE: PARIS, 1944\n\nINT. A - DAY\n\nText.\n")
        if d.code != "text-before-first-scene"
    ]
    assert diagnostic.code == "not-a-title-page" and "Title:" in diagnostic.message
    assert codes("CUT TO:\n\nINT. A - DAY\n\nText.\n") == [("transition-at-start", 1, 1)]


def test_unknown_title_keys_are_kept_printed_and_flagged() -> None:
    text = "Title: T\nEpisode: 3\n\nINT. A - DAY\n\nText.\n"
    assert found(text) == [("unknown-title-key", 2, 1)]
    from fountainkit import parse
    from fountainkit.layout import paginate

    page = paginate(parse(text)).title_pages[0]
    assert "Episode: 3" in [line.text for line in page.lines]
