"""``fountainkit breakdown`` from the outside: every format, read back."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pdfplumber
import pytest
import yaml
from conftest import run_cli

# Every key of schema fountainkit.breakdown/1 is still written (docs/breakdown.md).
V1_KEYS = {"schema", "title", "pages", "lines_per_page", "eighths_rounding", "totals", "scenes",
           "cast", "locations", "elements", "warnings"}  # fmt: skip
V1_SCENE_KEYS = {
    "index",
    "number",
    "heading",
    "int_ext",
    "location",
    "sublocation",
    "time",
    "line",
    "page",
    "eighths",
    "speaking",
    "non_speaking",
    "elements",
    "synopsis",
    "day_night",
    "pages",
    "cast_ids",
}

HOSTILE = """\
Title: <script>alert("title")</script>

INT. <B>LAB</B> - NIGHT

<IMG SRC=X> waits. [[props: <svg onload=alert(1)>]]

<IMG SRC=X>
<b>Hello</b> & goodbye.
"""


def _json(script: Path) -> dict:
    done = run_cli("breakdown", str(script), "-f", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def sample_json(sample_script: Path) -> dict:
    return _json(sample_script)


def test_yaml_is_the_default(cli, sample_script: Path, sample_json: dict) -> None:
    done = cli("breakdown", str(sample_script))
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(done.stdout.decode("utf-8")) == sample_json


def test_json_shape(sample_json: dict) -> None:
    data = sample_json
    assert data["schema"] == "fountainkit.breakdown/2"
    assert set(data) >= V1_KEYS | {"prologue", "suggestions"}
    assert data["title"] and isinstance(data["pages"], int) and data["pages"] > 1
    assert data["scenes"] and all(set(scene) >= V1_SCENE_KEYS for scene in data["scenes"])
    new = {"set", "modifiers", "story_day", "suggested"}
    assert all(set(scene) >= new for scene in data["scenes"])
    assert set(data["totals"]) >= {"scenes", "speaking_cast", "eighths", "pages", "page_count"}
    for scene in data["scenes"]:
        assert isinstance(scene["eighths"], int) and scene["eighths"] >= 1
        assert isinstance(scene["pages"], str)
    assert data["cast"] and all({"id", "name", "scenes"} <= set(m) for m in data["cast"])
    assert [m["id"] for m in data["cast"]] == list(range(1, len(data["cast"]) + 1))
    assert all({"name", "scenes", "eighths"} <= set(loc) for loc in data["locations"])
    every_scene = sorted(i for loc in data["locations"] for i in loc["scenes"])
    assert every_scene == [scene["index"] for scene in data["scenes"]]
    # The page count and the eighths total side by side; the prologue counts too.
    rows = [data["prologue"], *data["scenes"]] if data["prologue"] else data["scenes"]
    assert data["totals"]["eighths"] == sum(row["eighths"] for row in rows)
    assert data["totals"]["page_count"] == data["pages"]
    assert 8 * (data["pages"] - 1) < data["totals"]["eighths"] <= 8 * data["pages"]


def test_json_keeps_non_latin_text_readable(sample_json: dict) -> None:
    names = {member["name"] for member in sample_json["cast"]}
    assert "할머니" in names


def test_csv_has_one_row_per_scene_and_a_total(cli, sample_script: Path, sample_json: dict) -> None:
    done = cli("breakdown", str(sample_script), "-f", "csv")
    assert done.returncode == 0, done.stderr
    # UTF-8 with a byte-order mark: Excel then reads 할머니 as written.
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    *scenes, total = rows
    assert total["heading"] == f"Total: {sample_json['pages']} pages"
    assert int(total["eighths"]) == sample_json["totals"]["eighths"]
    assert "할머니" in {name for row in scenes for name in row["speaking"].split("; ")}
    assert len(scenes) == len(sample_json["scenes"])
    for row, scene in zip(scenes, sample_json["scenes"], strict=True):
        assert row["heading"] == scene["heading"]
        assert int(row["eighths"]) == scene["eighths"]
        assert row["speaking"] == "; ".join(scene["speaking"])
        assert row["props"] == "; ".join(scene["elements"].get("props", []))


def test_csv_without_a_byte_order_mark(cli, sample_script: Path) -> None:
    done = cli("breakdown", str(sample_script), "-f", "csv", "--no-bom")
    assert done.returncode == 0 and done.stdout.startswith(b"index,number,heading")


def test_csv_defuses_spreadsheet_formulas(cli, tmp_path: Path) -> None:
    script = tmp_path / "formula.fountain"
    script.write_text('INT. ROOM - DAY\n\n[[props: =HYPERLINK("http://x")]]\n', encoding="utf-8")
    done = cli("breakdown", str(script), "-f", "csv")
    row = next(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert row["props"] == '\'=HYPERLINK("http://x")'


def test_html_escapes_script_text(cli, tmp_path: Path) -> None:
    script = tmp_path / "hostile.fountain"
    script.write_text(HOSTILE, encoding="utf-8")
    done = cli("breakdown", str(script), "-f", "html")
    assert done.returncode == 0, done.stderr
    html = done.stdout.decode("utf-8")
    assert "<script>" not in html and "<svg onload" not in html and "<IMG" not in html
    assert "&lt;svg onload=alert(1)&gt;" in html
    assert "&lt;IMG SRC=X&gt;" in html


def test_html_draws_the_presence_grid_as_svg(cli, sample_script: Path, sample_json: dict) -> None:
    done = cli("breakdown", str(sample_script), "-f", "html")
    html = done.stdout.decode("utf-8")
    rows = len(sample_json["scenes"]) + (sample_json["prologue"] is not None)
    assert html.count('<section class="sheet"') == rows
    assert "<svg" in html and "<rect" in html
    # Self-contained: nothing for a browser or WeasyPrint to fetch.
    assert re.findall(r'(?:src|href)="(?!#)[^"]*"', html) == []
    for member in sample_json["cast"]:
        assert f"{member['id']}. {member['name']}" in html


@pytest.fixture(scope="module")
def sample_pdf(sample_script: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "breakdown.pdf"
    done = run_cli("breakdown", str(sample_script), "-f", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out


def test_pdf_has_a_sheet_per_scene_and_the_reports(sample_pdf: Path, sample_json: dict) -> None:
    with pdfplumber.open(sample_pdf) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        landscape = [page for page in pdf.pages if page.width > page.height]
        grid_words = {w["text"] for page in landscape for w in page.extract_words()}
        has_graphics = all(page.rects for page in landscape)
    scenes = sample_json["scenes"]
    sheets = [text for text in texts if "Sheet " in text.splitlines()[-1]]
    assert len(sheets) == len(scenes)
    for scene in scenes:
        assert any(scene["heading"] in text for text in sheets), scene["heading"]
    # The page count and the eighths total side by side, on the first page.
    assert f"Script pages {sample_json['pages']}" in texts[0]
    assert f"Scene pages (sum of eighths) {sample_json['totals']['pages']}" in texts[0]
    assert any("Cast list" in text for text in texts)
    # Every cast row of the presence grid is labelled in full, on landscape pages.
    assert landscape and has_graphics
    for member in sample_json["cast"]:
        assert member["name"].split()[-1] in grid_words, member["name"]


def test_pdf_grid_of_a_big_cast_is_cut_into_readable_tiles(cli, tmp_path: Path) -> None:
    scenes = []
    for n in range(1, 61):
        speakers = [f"PERSON NUMBER {k:02d} WITH A LONG NAME" for k in range(n % 7, 60, 7)]
        lines = "\n\n".join(f"{who}\nLine." for who in speakers)
        scenes.append(f"INT. ROOM {n} - DAY\n\n{lines}")
    script = tmp_path / "crowded.fountain"
    script.write_text("\n\n".join(scenes) + "\n", encoding="utf-8")
    out = tmp_path / "crowded.pdf"
    done = cli("breakdown", str(script), "-f", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(out) as pdf:
        tiles = [p for p in pdf.pages if p.width > p.height]
        labels = [
            " ".join(line.split()[1:])
            for page in tiles
            for line in (page.extract_text() or "").splitlines()
            if line.split()[:1] and line.split()[0].rstrip(".").isdigit()
        ]
        smallest = min(c["size"] for page in tiles for c in page.chars)
    assert len(tiles) >= 2
    # Every one of the 60 cast members has a row with the whole name, in a readable size.
    names = {f"PERSON NUMBER {k:02d} WITH A LONG NAME" for k in range(60)}
    assert names <= set(labels)
    assert smallest >= 4


def test_pdf_sheet_box_longer_than_a_page_goes_on_the_next(cli, tmp_path: Path) -> None:
    items = "; ".join(f"extra person number {i}" for i in range(150))
    script = tmp_path / "crowd.fountain"
    script.write_text(f"INT. HALL - DAY\n\nA crowd. [[extras: {items}]]\n", encoding="utf-8")
    out = tmp_path / "crowd.pdf"
    done = cli("breakdown", str(script), "-f", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(out) as pdf:
        sheets = [
            p.extract_text() or "" for p in pdf.pages if "Sheet 1 of 1" in (p.extract_text() or "")
        ]
    text = "\n".join(sheets)
    assert len(sheets) >= 2 and "(continued)" in text
    assert all(f"extra person number {i}\n" in text + "\n" for i in range(150))


def test_pdf_with_text_that_needs_shaping_goes_through_weasyprint(cli, tmp_path: Path) -> None:
    script = tmp_path / "arabic.fountain"
    script.write_text("INT. \u0645\u0642\u0647\u0649 - DAY\n\nHello.\n", encoding="utf-8")
    out = tmp_path / "arabic.pdf"
    done = cli("breakdown", str(script), "-f", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(out) as pdf:
        assert pdf.pages and "WeasyPrint" in (pdf.metadata.get("Producer") or "")


def test_pdf_goes_to_a_pipe(cli, tmp_path: Path) -> None:
    script = tmp_path / "small.fountain"
    script.write_text("INT. ROOM - DAY\n\nANNA waits.\n\nANNA\nHello.\n", encoding="utf-8")
    done = cli("breakdown", str(script), "-f", "pdf")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")


def test_output_file_and_atomic_failure(cli, sample_script: Path, tmp_path: Path) -> None:
    out = tmp_path / "breakdown.json"
    done = cli("breakdown", str(sample_script), "-f", "json", "-o", str(out))
    assert done.returncode == 0 and done.stdout == b""
    before = out.read_bytes()
    bad_config = tmp_path / "bad.yaml"
    bad_config.write_text("breakdown:\n  eighths_rounding: sideways\n", encoding="utf-8")
    done = cli(
        "breakdown", str(sample_script), "-f", "json", "-o", str(out), "--config", str(bad_config)
    )
    assert done.returncode == 1
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert "eighths_rounding" in done.stderr.decode()
    assert out.read_bytes() == before


def test_config_and_flags_change_the_eighths(cli, sample_script: Path, tmp_path: Path) -> None:
    config = tmp_path / "fk.yaml"
    config.write_text("paper: a4\nbreakdown:\n  eighths_rounding: up\n", encoding="utf-8")
    done = cli("breakdown", str(sample_script), "-f", "json", "--config", str(config))
    data = json.loads(done.stdout)
    assert data["eighths_rounding"] == "up" and data["lines_per_page"] == 58
    done = cli("breakdown", str(sample_script), "-f", "json", "--eighths-rounding", "nearest")
    assert json.loads(done.stdout)["eighths_rounding"] == "nearest"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["missing.fountain"], 1, "no such file"),
        (["{script}", "-f", "docx"], 2, "docx"),
        (["{script}", "--paper", "legal"], 2, "legal"),
    ],
)
def test_errors_are_one_line(cli, sample_script: Path, args: list[str], code: int, needle: str):
    done = cli("breakdown", *(a.format(script=sample_script) for a in args))
    assert done.returncode == code
    err = done.stderr.decode()
    assert needle in err and "Traceback" not in err


def test_tag_typos_are_warned_about_on_stderr(cli, sample_script: Path, tmp_path: Path) -> None:
    done = cli("breakdown", str(sample_script), "-f", "json")
    assert done.returncode == 0 and done.stderr == b""
    script = tmp_path / "typo.fountain"
    script.write_text("INT. ROOM - DAY\n\nA gun. [[porps: gun]]\n", encoding="utf-8")
    done = cli("breakdown", str(script), "-f", "json")
    assert done.stderr.decode().splitlines() == [
        f"fountainkit: warning: {script}: line 3: note [[porps: ...]] is no tag; "
        "did you mean 'props'?"
    ]


def test_colours_come_from_the_config(cli, tmp_path: Path) -> None:
    script = tmp_path / "tagged.fountain"
    script.write_text("INT. ROOM - DAY\n\nA hat. [[props: hat]]\n", encoding="utf-8")
    config = tmp_path / "fk.yaml"
    config.write_text('breakdown:\n  colors:\n    props: "#123456"\n', encoding="utf-8")
    default = cli("breakdown", str(script), "-f", "html").stdout.decode()
    assert 'data-category="props" style="border-color: #7b1fa2"' in default
    done = cli("breakdown", str(script), "-f", "html", "--config", str(config))
    assert 'data-category="props" style="border-color: #123456"' in done.stdout.decode()
