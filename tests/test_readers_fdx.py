"""Final Draft import: every paragraph type, tags, notes, hostile XML, and the
Fountain -> FDX -> Fountain round trip on the whole corpus."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import defusedxml.ElementTree as SafeXml
import pytest
from conftest import REPO

from fountainkit import parse
from fountainkit.breakdown.core import breakdown
from fountainkit.model import Centered, DualDialogue, Lyrics, PageBreak, Scene, Section, Synopsis
from fountainkit.readers import ReaderError, read_bytes
from fountainkit.readers.accuracy import cast_by_scene, printed_title_page, printed_tree
from fountainkit.syntax.source import read_script
from fountainkit.writers.fdx import to_fdx


def fdx(content: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        f'<FinalDraft DocumentType="Script" Template="No" Version="5"><Content>{content}'
        f"</Content>{extra}</FinalDraft>"
    ).encode()


def p(kind: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f'<Paragraph Type="{kind}"{extra}><Text>{text}</Text></Paragraph>'


def test_every_paragraph_type_becomes_its_element() -> None:
    content = "".join(
        [
            p("Outline 1", "ACT ONE"),
            p("Scene Heading", "INT. HOUSE - DAY", Number="12A"),
            p("Summary", "They meet."),
            p("Action", "A door opens."),
            p("Shot", "ANGLE ON THE DOOR"),
            p("General", "General text."),
            p("Cast List", "JOHN, MARY"),
            p("Character", "JOHN (V.O.)"),
            p("Parenthetical", "(quietly)"),
            p("Dialogue", "Hello."),
            p("Lyrics", "La la la"),
            "<Paragraph><DualDialogue>"
            + p("Character", "ANN")
            + p("Dialogue", "Left.")
            + p("Character", "BOB")
            + p("Dialogue", "Right.")
            + "</DualDialogue></Paragraph>",
            p("Transition", "CUT TO:"),
            p("New Act", "ACT TWO"),
            p("Action", "THE END", Alignment="Center"),
            p("End of Act", "END OF ACT TWO"),
        ]
    )
    result = read_bytes(fdx(content), "x.fdx")
    assert result.format == "fdx" and not result.warnings
    body = result.screenplay.body
    assert isinstance(body[0], Section) and body[0].title == "ACT ONE"
    scene = result.screenplay.scenes()[0]
    assert scene.heading.text == "INT. HOUSE - DAY" and scene.heading.number == "12A"
    kinds = [type(e).__name__ for e in scene.elements]
    assert kinds[:1] == ["Synopsis"] and isinstance(scene.elements[0], Synopsis)
    assert kinds.count("Action") == 4
    speech = next(e for e in scene.elements if type(e).__name__ == "Dialogue")
    assert speech.character.name == "JOHN" and speech.character.extensions == ("V.O.",)
    assert [type(x).__name__ for x in speech.parts] == ["Parenthetical", "DialogueLine", "Lyrics"]
    dual = next(e for e in scene.elements if isinstance(e, DualDialogue))
    assert (dual.left.character.name, dual.right.character.name) == ("ANN", "BOB")
    assert dual.right.character.dual
    assert any(isinstance(e, PageBreak) for e in scene.elements)  # New Act starts a page
    centred = [e.text for e in scene.elements if isinstance(e, Centered)]
    assert centred == ["ACT TWO", "THE END", "END OF ACT TWO"]


def test_styles_all_caps_and_unknown_types() -> None:
    content = (
        '<Paragraph Type="Action"><Text>A </Text><Text Style="Bold+Underline">loud</Text>'
        '<Text Style="Italic"> bang</Text></Paragraph>' + p("Custom Thing", "kept text")
    )
    settings = '<ElementSettings Type="Scene Heading"><FontSpec Style="AllCaps"/></ElementSettings>'
    xml = fdx(p("Scene Heading", "int. lab - night") + content, settings)
    result = read_bytes(xml, "x.fdx")
    scene = result.screenplay.scenes()[0]
    assert scene.heading.text == "INT. LAB - NIGHT"
    runs = scene.elements[0].lines[0]
    assert [(r.text, r.bold, r.italic, r.underline) for r in runs] == [
        ("A ", False, False, False),
        ("loud", True, False, True),
        (" ", False, False, False),  # emphasis cannot open on a space in Fountain
        ("bang", False, True, False),
    ]
    assert "kept text" in result.text
    assert [w.code for w in result.warnings] == ["unknown-paragraph-type"]


def test_tagger_data_becomes_tag_notes_the_breakdown_lists() -> None:
    tag_data = """<TagData><TagCategories>
      <TagCategory Id="05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa" Name="Props" Number="6"/>
      <TagCategory Id="{AAAA0000-0000-0000-0000-000000000001}" Name="Mechanical Effects"/>
    </TagCategories><TagDefinitions>
      <TagDefinition CatId="05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa" Id="d1" Label="umbrella"
        Number="1"/>
      <TagDefinition CatId="aaaa0000-0000-0000-0000-000000000001" Id="d2" Label="rain rig"
        Number="2"/>
    </TagDefinitions><Tags><Tag Number="7"><DefId>d1</DefId></Tag></Tags></TagData>"""
    content = p("Scene Heading", "EXT. STREET - DAY") + (
        '<Paragraph Type="Action"><Text>She opens an </Text><Text TagNumber="7">umbrella'
        '</Text><Text> under the </Text><Text TagNumber="2">rain rig</Text></Paragraph>'
    )
    result = read_bytes(fdx(content, tag_data), "tagged.fdx")
    assert "[[props: umbrella]]" in result.text
    assert "[[mechanical effects: rain rig]]" in result.text
    scene = breakdown(result.screenplay).scenes[0]
    assert scene.elements["props"] == ("umbrella",)


def test_script_notes_in_both_forms() -> None:
    content = (
        '<Paragraph Type="Action"><Text>First.</Text>'
        "<ScriptNote><Paragraph><Text>inline note</Text></Paragraph></ScriptNote></Paragraph>"
        + p("Action", "Second.")
    )
    notes = (
        '<ScriptNotes><ScriptNote Range="8,9"><Paragraph><Text>ranged note</Text>'
        "</Paragraph></ScriptNote></ScriptNotes>"
    )
    text = read_bytes(fdx(content, notes), "n.fdx").text
    assert text.index("First.") < text.index("[[inline note]]") < text.index("Second.")
    assert text.index("Second.") < text.index("[[ranged note]]")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            b"<FinalDraft><Content><Paragraph><Text>&b;</Text></Paragraph></Content></FinalDraft>",
            "refused",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<FinalDraft><Content><Paragraph><Text>&x;</Text></Paragraph></Content></FinalDraft>",
            "refused",
        ),
        (b"<FinalDraft><Content><Paragraph>", "not well-formed"),
        (b"<FinalDraft Version='1'></FinalDraft>", "without a <Content>"),
    ],
)
def test_hostile_or_broken_xml_is_one_line_error(data: bytes, message: str) -> None:
    with pytest.raises(ReaderError, match=message) as caught:
        read_bytes(data, "bad.fdx")
    assert "\n" not in str(caught.value)


def test_an_fdx_name_with_other_content_is_refused() -> None:
    with pytest.raises(ReaderError, match="not a Final Draft file"):
        read_bytes(b"<html><body>hi</body></html>", "page.fdx")


def _corpus_scripts(corpus_dir: Path) -> list[Path]:
    return sorted(corpus_dir.rglob("*.fountain"))


def test_fountain_fdx_fountain_round_trip_on_the_corpus(corpus_dir: Path) -> None:
    """Types, text, styles, scene numbers and page breaks survive; so does every
    title-page value (FDX keeps no field names, only where each block sits)."""
    scripts = _corpus_scripts(corpus_dir)
    assert scripts
    for path in scripts:
        source = parse(read_script(path))
        back = read_bytes(to_fdx(source).encode(), f"{path.name}.fdx").screenplay
        assert printed_tree(back) == printed_tree(source), path.name
        titles = sorted(printed_title_page(back.title_page))
        assert titles == sorted(printed_title_page(source.title_page)), path.name


def test_fdx_files_in_the_corpus_import(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.rglob("*.fdx")):
        result = read_bytes(path.read_bytes(), str(path))
        assert result.format == "fdx"
        partner = path.with_suffix(".fountain")
        if partner.exists() and "screenplain" in str(path):
            # screenplain wrote these from the .fountain beside them.
            source = parse(read_script(partner))
            assert cast_by_scene(result.screenplay) == cast_by_scene(source), path.name


def test_lyrics_and_blank_pages_survive_the_writer() -> None:
    source = parse("INT. A - DAY\n\nJOHN\nHi.\n~La la\n\n~Sung alone\n\n===\n===\n")
    back = read_bytes(to_fdx(source).encode(), "x.fdx").screenplay
    assert printed_tree(back) == printed_tree(source)
    scene = back.scenes()[0]
    assert isinstance(scene, Scene)
    assert any(isinstance(e, Lyrics) for e in scene.elements)


def _screenplain_fdx(source: Path, out: Path) -> bytes:
    local = REPO / "benchmarks" / ".venv-peers" / "bin" / "screenplain"
    exe = str(local) if local.exists() else shutil.which("screenplain")
    if exe is None:
        pytest.skip("screenplain is not installed")
    target = out / f"{source.stem}.fdx"
    done = subprocess.run([exe, "--format", "fdx", str(source), str(target)], capture_output=True)
    if done.returncode != 0 or not target.exists():
        pytest.skip(f"screenplain could not write {source.name}")
    return target.read_bytes()


def test_screenplain_fdx_of_the_features_has_the_same_scenes_and_cast(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """FDX exported by screenplain from the feature scripts: the breakdown's
    scene count and speaking cast per scene are the Fountain source's."""
    features = sorted((corpus_dir / "public-domain").glob("*.fountain"))
    assert features
    for path in features:
        back = read_bytes(_screenplain_fdx(path, tmp_path), f"{path.stem}.fdx").screenplay
        assert cast_by_scene(back) == cast_by_scene(parse(read_script(path))), path.name


def test_screenplain_fdx_of_every_corpus_script_keeps_its_scene_headings(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """On every corpus script, as many scenes as screenplain wrote Scene
    Heading paragraphs (where screenplain's parser and ours disagree about the
    Fountain, the FDX is what the reader must follow)."""
    for path in sorted(corpus_dir.rglob("*.fountain")):
        data = _screenplain_fdx(path, tmp_path)
        written = sum(
            1
            for para in SafeXml.fromstring(data).iter("Paragraph")
            if para.get("Type") == "Scene Heading"
        )
        back = read_bytes(data, f"{path.stem}.fdx").screenplay
        assert len(back.scenes()) == written, path.name
