"""Breakdown tags in the FDX export: Final Draft Tagger data, valid and complete."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import run_cli

from fountainkit import parse_file
from fountainkit.breakdown import breakdown
from fountainkit.breakdown.categories import BY_KEY, CATEGORY_TABLE
from fountainkit.writers.fdx import to_fdx
from fountainkit.writers.fdx_tagdata import SceneTag, TagWriter, tagged_scenes


def scene_tags_in(root: ET.Element) -> list[set[tuple[str, str]]]:
    """Per scene heading in <Content>, the (category name, label) of every tagged run."""
    data = root.find("TagData")
    assert data is not None
    names = {c.get("Id"): c.get("Name") for c in data.iter("TagCategory")}
    definitions = {
        d.get("Id"): (names[d.get("CatId")], d.get("Label")) for d in data.iter("TagDefinition")
    }
    tags = {t.get("Number"): definitions[t.findtext("DefId")] for t in data.iter("Tag")}
    scenes: list[set[tuple[str, str]]] = []
    for paragraph in root.find("Content"):
        if paragraph.get("Type") == "Scene Heading":
            scenes.append(set())
        for run in paragraph.iter("Text"):
            if run.get("TagNumber"):
                assert scenes, "a tag before the first scene"
                scenes[-1].add(tags[run.get("TagNumber")])
    return scenes


@pytest.fixture(scope="module")
def sample(sample_script):
    screenplay = parse_file(sample_script)
    result = breakdown(screenplay)
    writer = TagWriter()
    xml = to_fdx(screenplay, scene_tags=tagged_scenes(result), tag_writer=writer)
    return result, ET.fromstring(xml.encode("utf-8")), writer


def test_every_breakdown_tag_is_written_in_its_scene(sample):
    result, root, writer = sample
    assert writer.unplaced == []
    written = scene_tags_in(root)
    assert len(written) == len(result.scenes)
    expected = tagged_scenes(result)
    for index, scene in enumerate(result.scenes):
        wanted = {(BY_KEY[t.category].fdx_name, t.label) for t in expected.get(index, [])}
        assert written[index] == wanted, scene.number
    # Cast, elements and story days all made it.
    everything = set().union(*written)
    assert ("Cast Members", "DEZ") in everything
    assert ("Props", "vintage Fender Rhodes") in everything
    assert any(category == "Script Day" for category, _ in everything)


def test_tag_data_uses_final_drafts_categories(sample):
    _, root, _ = sample
    categories = root.find("TagData/TagCategories")
    table = {(c.fdx_id, str(c.fdx_number), c.fdx_name) for c in CATEGORY_TABLE}
    written = {(c.get("Id"), c.get("Number"), c.get("Name")) for c in categories}
    assert written == table
    for category in categories:
        assert len(category.get("Color")) == 13 and category.get("Color").startswith("#")
    definitions = root.findall("TagData/TagDefinitions/TagDefinition")
    assert len({d.get("Id") for d in definitions}) == len(definitions)
    numbers = [int(t.get("Number")) for t in root.iter("Tag")]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_mention_is_tagged_where_it_is_written_and_text_is_unchanged(sample_script):
    screenplay = parse_file(sample_script)
    plain = ET.fromstring(to_fdx(screenplay).encode())
    tagged = ET.fromstring(
        to_fdx(screenplay, scene_tags={0: [SceneTag("props", "Fender Rhodes")]}).encode()
    )

    def texts(root: ET.Element) -> list[str]:
        return ["".join(t.text or "" for t in p.iter("Text")) for p in root.find("Content")]

    assert texts(plain) == texts(tagged)
    [run] = [t for t in tagged.iter("Text") if t.get("TagNumber")]
    assert run.text == "Fender Rhodes"


def test_scene_level_and_unmentioned_tags_sit_on_the_heading(sample_script):
    screenplay = parse_file(sample_script)
    tags = {0: [SceneTag("script day", "1"), SceneTag("props", "a thing never written")]}
    root = ET.fromstring(to_fdx(screenplay, scene_tags=tags).encode())
    heading = root.find("Content/Paragraph[@Type='Scene Heading']")
    tagged = [t.text for t in heading.iter("Text") if t.get("TagNumber")]
    assert len(tagged) == 2
    assert "".join(t.text for t in heading.iter("Text")).startswith("INT. DEZ'S APARTMENT")


def test_cli_writes_tags_and_scene_properties_and_can_leave_tags_out(sample_script, tmp_path):
    out = tmp_path / "sample.fdx"
    result = run_cli("fdx", str(sample_script), "-o", str(out))
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.find("TagData") is not None
    properties = root.find("Content/Paragraph[@Type='Scene Heading']/SceneProperties")
    assert properties is not None and properties.get("Length") and properties.get("Page") == "1"
    result = run_cli("fdx", str(sample_script), "--no-tags", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    assert root.find("TagData") is None and not [t for t in root.iter("Text") if t.get("TagNumber")]


def _fdx_reader():
    try:
        from fountainkit.readers import read_bytes  # type: ignore[attr-defined]
    except ImportError:
        return None
    return read_bytes


@pytest.mark.skipif(_fdx_reader() is None, reason="no FDX importer on this branch yet")
def test_importing_the_fdx_gives_back_the_same_tags(sample_script, tmp_path):
    """Export, import, export again: every scene carries the same tags both times."""
    first = tmp_path / "first.fdx"
    assert run_cli("fdx", str(sample_script), "-o", str(first)).returncode == 0
    imported = _fdx_reader()(first.read_bytes(), str(first)).screenplay
    second = to_fdx(imported, scene_tags=tagged_scenes(breakdown(imported)))
    before = scene_tags_in(ET.parse(first).getroot())
    after = scene_tags_in(ET.fromstring(second.encode("utf-8")))
    assert before == after
