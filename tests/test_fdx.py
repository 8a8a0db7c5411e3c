"""Final Draft export, checked by reading the XML back with xml.etree."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Character,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Synopsis,
    TitleEntry,
    TitlePage,
    Transition,
)
from fountainkit.writers.fdx import ScenePlacement, to_fdx


def runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def speech(name: str, *lines: str, dual: bool = False) -> Dialogue:
    return Dialogue(Character(name, dual=dual), tuple(DialogueLine(runs(t)) for t in lines))


SCREENPLAY = Screenplay(
    TitlePage(
        (
            TitleEntry("Title", (runs("THE <TEST> & CO"),)),
            TitleEntry("Author", (runs("Ann Writer"),)),
            TitleEntry("Contact", (runs("1 Main St"), runs("Springfield"))),
        )
    ),
    (
        Section(1, "Act One"),
        Synopsis("not printed"),
        Scene(
            SceneHeading(runs("INT. KITCHEN - DAY"), number="12A"),
            (
                Action(
                    (
                        (Run("A "), Run("bold", bold=True), Run(" and "), Run("both", True, True)),
                        (Run("second line "), Run("hidden", kind="note")),
                    )
                ),
                Dialogue(
                    Character("JOHN", ("V.O.",)),
                    (
                        Parenthetical(runs("(quietly)")),
                        DialogueLine(runs("Coffee?")),
                        DialogueLine((Run("Black", underline=True),)),
                        Note("a dialogue note"),
                        Lyrics((runs("La la"),)),
                    ),
                ),
                DualDialogue(speech("ANN", "Left."), speech("BOB", "Right.", dual=True)),
                Note("not printed"),
                Boneyard("cut"),
                Transition(runs("CUT TO:")),
            ),
        ),
        Scene(
            SceneHeading(runs("EXT. GARDEN - NIGHT")),
            (
                Centered((runs("THE END"),)),
                PageBreak(),
                Lyrics((runs("Sung line"),)),
            ),
        ),
    ),
)


@pytest.fixture(scope="module")
def root() -> ET.Element:
    placements = {0: ScenePlacement(page=3, eighths=11), 1: ScenePlacement(page=4, eighths=2)}
    return ET.fromstring(to_fdx(SCREENPLAY, scene_pages=placements))


def text_of(paragraph: ET.Element) -> str:
    return "".join(t.text or "" for t in paragraph.findall("Text"))


def content(root: ET.Element) -> list[ET.Element]:
    return list(root.find("Content"))


def test_document_is_final_draft_xml() -> None:
    xml = to_fdx(SCREENPLAY)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"')
    document = ET.fromstring(xml)
    assert document.tag == "FinalDraft"
    assert document.attrib == {"DocumentType": "Script", "Template": "No", "Version": "5"}


def test_paragraph_types_and_text_follow_the_script(root: ET.Element) -> None:
    flat = []
    for paragraph in content(root):
        dual = paragraph.find("DualDialogue")
        inner = list(dual) if dual is not None else [paragraph]
        flat += [(p.get("Type"), text_of(p)) for p in inner]
    assert flat == [
        ("Scene Heading", "INT. KITCHEN - DAY"),
        ("Action", "A bold and both\nsecond line "),
        ("Character", "JOHN (V.O.)"),
        ("Parenthetical", "(quietly)"),
        ("Dialogue", "Coffee?\nBlack"),
        ("Lyrics", "La la"),
        ("Character", "ANN"),
        ("Dialogue", "Left."),
        ("Character", "BOB"),
        ("Dialogue", "Right."),
        ("Transition", "CUT TO:"),
        ("Scene Heading", "EXT. GARDEN - NIGHT"),
        ("Action", "THE END"),
        ("Lyrics", "Sung line"),
    ]


def test_scene_number_and_scene_properties(root: ET.Element) -> None:
    first, second = (p for p in content(root) if p.get("Type") == "Scene Heading")
    assert first.get("Number") == "12A"
    assert second.get("Number") is None
    assert first.find("SceneProperties").attrib == {"Length": "1 3/8", "Page": "3", "Title": ""}
    assert second.find("SceneProperties").get("Length") == "2/8"


def test_dual_dialogue_wraps_both_speeches(root: ET.Element) -> None:
    (holder,) = [p for p in content(root) if p.find("DualDialogue") is not None]
    assert holder.get("Type") is None
    inner = holder.find("DualDialogue")
    assert [p.get("Type") for p in inner] == ["Character", "Dialogue", "Character", "Dialogue"]


def test_styles_become_text_style_attributes(root: ET.Element) -> None:
    action = content(root)[1]
    styles = [(t.text, t.get("Style")) for t in action.findall("Text")]
    # The line break rides on the last run of the line.
    assert styles[:4] == [
        ("A ", None),
        ("bold", "Bold"),
        (" and ", None),
        ("both\n", "Bold+Italic"),
    ]
    dialogue = next(p for p in content(root) if text_of(p) == "Coffee?\nBlack")
    assert [t.get("Style") for t in dialogue.findall("Text")] == [None, "Underline"]
    lyrics = [p for p in content(root) if text_of(p) in ("La la", "Sung line")]
    assert all(t.get("Style") == "Italic" for p in lyrics for t in p.findall("Text"))


def test_centered_and_page_break(root: ET.Element) -> None:
    paragraphs = content(root)
    centered = next(p for p in paragraphs if text_of(p) == "THE END")
    assert centered.get("Alignment") == "Center"
    assert centered.get("StartsNewPage") is None
    after_break = next(p for p in paragraphs if text_of(p) == "Sung line")
    assert after_break.get("StartsNewPage") == "Yes"
    assert sum(p.get("StartsNewPage") == "Yes" for p in paragraphs) == 1


def test_unprinted_elements_are_left_out(root: ET.Element) -> None:
    xml = ET.tostring(root, encoding="unicode")
    for hidden in ("Act One", "not printed", "a dialogue note", "cut", "hidden"):
        assert hidden not in xml


def test_title_page_centres_title_and_keeps_contact_left(root: ET.Element) -> None:
    paragraphs = list(root.find("TitlePage").find("Content"))
    written = [(p.get("Alignment"), text_of(p)) for p in paragraphs if text_of(p)]
    assert written == [
        ("Center", "THE <TEST> & CO"),
        ("Center", "Ann Writer"),
        ("Left", "1 Main St"),
        ("Left", "Springfield"),
    ]


def test_markup_characters_are_escaped() -> None:
    nasty = "A <b>\"quote\"</b> & 'apostrophe' ]]> <!-- -->"
    screenplay = Screenplay(None, (Action((runs(nasty),)),))
    (paragraph,) = ET.fromstring(to_fdx(screenplay)).find("Content")
    assert text_of(paragraph) == nasty


# --- through the CLI, on the sample script -----------------------------------------


@pytest.fixture(scope="module")
def sample_fdx(tmp_path_factory: pytest.TempPathFactory, sample_script: Path) -> ET.Element:
    out = tmp_path_factory.mktemp("fdx") / "sample.fdx"
    command = [sys.executable, "-m", "fountainkit", "fdx", str(sample_script), "-o", str(out)]
    result = subprocess.run(command, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    return ET.parse(out).getroot()


def test_cli_export_matches_the_parsed_sample(sample_fdx: ET.Element, sample_script: Path) -> None:
    import fountainkit
    from fountainkit.model import walk

    screenplay = fountainkit.parse_file(sample_script)
    headings = [" ".join(p.text.split()) for p in (s.heading for s in screenplay.scenes())]
    written = content(sample_fdx)
    exported = [" ".join(text_of(p).split()) for p in written if p.get("Type") == "Scene Heading"]
    assert exported == headings
    numbers = [s.heading.number for s in screenplay.scenes()]
    assert [p.get("Number") for p in written if p.get("Type") == "Scene Heading"] == numbers
    assert all(
        p.find("SceneProperties").get("Page").isdigit()
        for p in written
        if p.get("Type") == "Scene Heading"
    )
    cues = [n.text for n in walk(screenplay) if isinstance(n, Character)]
    everywhere = sample_fdx.find("Content").iter("Paragraph")
    assert [text_of(p) for p in everywhere if p.get("Type") == "Character"] == cues
    duals = sum(isinstance(n, DualDialogue) for n in walk(screenplay))
    assert duals and len(sample_fdx.findall("Content/Paragraph/DualDialogue")) == duals


def test_cli_writes_to_stdout_and_reports_bad_input(cli, tmp_path: Path, sample_script) -> None:
    result = cli("fdx", str(sample_script), "-o", "-", "--no-scene-pages")
    assert result.returncode == 0
    document = ET.fromstring(result.stdout)
    assert document.find("Content/Paragraph/SceneProperties") is None

    letter = cli("fdx", str(sample_script), "-o", "-")
    a4 = cli("fdx", str(sample_script), "-o", "-", "--paper", "a4")
    pages = [
        [p.get("Page") for p in ET.fromstring(out.stdout).iter("SceneProperties")]
        for out in (letter, a4)
    ]
    assert len(pages[0]) == len(pages[1]) > 0  # the same scenes, paginated per paper size

    missing = cli("fdx", str(tmp_path / "nope.fountain"))
    assert missing.returncode == 1
    assert missing.stderr.decode().count("\n") == 1 and b"Traceback" not in missing.stderr

    target = tmp_path / "kept.fdx"
    target.write_text("earlier")
    bad = tmp_path / "bad.fountain"
    bad.write_bytes(b"binary\x00file")
    assert cli("fdx", str(bad), "-o", str(target)).returncode == 1
    assert target.read_text() == "earlier"


# --- against what peers wrote for the same input -----------------------------------


def merged_paragraphs(root: ET.Element) -> list[tuple[str | None, str]]:
    """(type, text) in order, dual dialogue flattened, consecutive Dialogue joined.

    screenplain writes one Dialogue paragraph per line; we keep a speech's
    lines in one paragraph (as both do for action), so join theirs to compare.
    """
    flat: list[tuple[str | None, str]] = []
    for paragraph in root.find("Content"):
        dual = paragraph.find("DualDialogue")
        for inner in list(dual) if dual is not None else [paragraph]:
            kind, text = inner.get("Type"), text_of(inner)
            if kind == "Dialogue" and flat and flat[-1][0] == "Dialogue":
                flat[-1] = ("Dialogue", flat[-1][1] + "\n" + text)
            else:
                flat.append((kind, text))
    return flat


PEER_FDX = [
    "screenplain-tests/dialogue",
    "screenplain-tests/dialogue-with-blank-line",
    "screenplain-tests/dual-dialogue",
    "screenplain-tests/extended-characters",
    "screenplain-tests/forced-action",
    "screenplain-tests/indentation",
    "screenplain-tests/parenthetical",
    "screenplain-tests/simple",
    "screenplain-tests/utf-8-bom",
    "fountain-tools-tests/TestFDX-FD",
    "fountain-tools-tests/TestFDX-FI",
]


@pytest.mark.parametrize("name", PEER_FDX)
def test_paragraphs_match_the_peers_fdx(corpus_dir: Path, name: str) -> None:
    from fountainkit import parse
    from fountainkit.syntax.source import read_script

    screenplay = parse(read_script(corpus_dir / f"{name}.fountain"))
    ours = merged_paragraphs(ET.fromstring(to_fdx(screenplay)))
    theirs = merged_paragraphs(ET.parse(corpus_dir / f"{name}.fdx").getroot())
    assert ours == theirs
