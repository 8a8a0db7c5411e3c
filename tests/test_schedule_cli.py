"""``fountainkit schedule`` from the outside: every report in every format, read back."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pdfplumber
import pypdf
import pytest
import yaml
from conftest import run_cli

from fountainkit.production.schedule_file import parse_schedule

DAYS = """\
days:
  - date: 2027-03-01
    unit: Main unit
    location: Stage 4, Burbank
    scenes: ["1", "9"]
  - date: 2027-03-02
    scenes: ["2", "4", "3"]
  - date: 2027-03-03
    scenes: ["5", "6", "7", "7A"]
  - date: 2027-03-04
    scenes: ["11", "12", "8"]
  - date: 2027-03-05
    notes: Night exteriors
    scenes: ["13", "15", "16"]
  - date: 2027-03-08
    scenes: ["17", "18"]
  - date: 2027-03-09
    scenes: ["10", "20"]
"""
UNSCHEDULED = ["14", "19"]

DOOD_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["schema", "days", "cast"],
    "properties": {
        "schema": {"const": "fountainkit.dood/1"},
        "days": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["day", "date", "scenes"],
                "properties": {
                    "day": {"type": "integer", "minimum": 1},
                    "date": {"type": ["string", "null"], "format": "date"},
                    "scenes": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "cast": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "codes", "work", "hold", "start", "finish"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1},
                    "name": {"type": "string"},
                    "codes": {
                        "type": "array",
                        "items": {"enum": ["", "SW", "W", "WF", "SWF", "H", "D", "PW", "PWF"]},
                    },
                    "work": {"type": "integer", "minimum": 0},
                    "hold": {"type": "integer", "minimum": 0},
                    "start": {"type": ["integer", "null"], "minimum": 1},
                    "finish": {"type": ["integer", "null"], "minimum": 1},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def days_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schedule") / "days.yaml"
    path.write_text(DAYS, encoding="utf-8")
    return path


def schedule(script: Path, days: Path, report: str, fmt: str, *extra: str):
    result = run_cli(
        "schedule", str(script), "--days", str(days), "--report", report, "-f", fmt, *extra
    )
    assert result.returncode == 0, result.stderr.decode()
    return result


def test_dood_json_follows_its_schema(sample_script, days_file):
    result = schedule(sample_script, days_file, "dood", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, DOOD_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [day["day"] for day in data["days"]] == list(range(1, 8))
    assert data["days"][0] == {"day": 1, "date": "2027-03-01", "scenes": ["1", "9"]}
    cast = {member["name"]: member for member in data["cast"]}
    dez = cast["DEZ"]
    assert dez["codes"] == ["SW", "W", "W", "W", "W", "W", "WF"]
    assert (dez["work"], dez["hold"], dez["start"], dez["finish"]) == (7, 0, 1, 7)
    for member in data["cast"]:
        assert len(member["codes"]) == 7
        worked = [i + 1 for i, code in enumerate(member["codes"]) if "W" in code]
        if worked:
            assert (member["start"], member["finish"]) == (worked[0], worked[-1])
            between = member["codes"][worked[0] - 1 : worked[-1]]
            assert "" not in between  # holds only between work days, never a gap
            assert all(code == "" for code in member["codes"][worked[-1] :])
        assert member["work"] == len(worked)
        assert member["hold"] == member["codes"].count("H")
    # The unscheduled scenes are warned about, not dropped silently.
    assert b"2 scenes not scheduled: 14, 19" in result.stderr


def test_dood_csv_reads_back_like_the_json(sample_script, days_file):
    rows = list(
        csv.reader(io.StringIO(schedule(sample_script, days_file, "dood", "csv").stdout.decode()))
    )
    data = json.loads(schedule(sample_script, days_file, "dood", "json").stdout)
    header, body = rows[0], rows[1:]
    assert header == [
        "ID",
        "Name",
        *[f"Day {n}" for n in range(1, 8)],
        "Work",
        "Hold",
        "Drop",
        "Start",
        "Finish",
    ]
    assert len(body) == len(data["cast"])
    for row, member in zip(body, data["cast"], strict=True):
        assert int(row[0]) == member["id"] and row[1] == member["name"]
        assert row[2:9] == member["codes"]
        assert (int(row[9]), int(row[10])) == (member["work"], member["hold"])


@pytest.mark.parametrize("report", ["stripboard", "one-liner"])
def test_strip_csv_lists_every_scene_once_in_shooting_order(sample_script, days_file, report):
    out = schedule(sample_script, days_file, report, "csv").stdout.decode()
    rows = list(csv.DictReader(io.StringIO(out)))
    plan = parse_schedule(DAYS)
    expected = [n for day in plan.days for n in day.scenes] + UNSCHEDULED
    assert [row["Scene"] for row in rows] == expected
    assert [row["Day"] for row in rows[-2:]] == ["", ""]
    assert rows[0]["Date"] == "2027-03-01" and rows[0]["INT/EXT"] == "INT"
    assert rows[0]["Day/Night"] == "DAY" and rows[0]["Cast IDs"].split()[0] == "1"
    if report == "one-liner":
        assert rows[0]["Cast"].startswith("1. DEZ")


@pytest.mark.parametrize("report", ["stripboard", "one-liner"])
def test_schedule_json_has_days_strips_and_unscheduled(sample_script, days_file, report):
    data = json.loads(schedule(sample_script, days_file, report, "json").stdout)
    assert data["schema"] == "fountainkit.schedule/1"
    assert data["days"][0]["unit"] == "Main unit"
    assert [s["scene"] for s in data["unscheduled"]] == UNSCHEDULED
    day = data["days"][0]
    assert day["eighths"] == sum(s["eighths"] for s in day["scenes"])
    assert {
        "scene",
        "int_ext",
        "day_night",
        "set",
        "eighths",
        "cast_ids",
        "synopsis",
        "story_day",
    } <= set(day["scenes"][0])


def test_stripboard_html_has_coloured_strips_and_day_banners(sample_script, days_file):
    html = schedule(sample_script, days_file, "stripboard", "html").stdout.decode()
    assert html.count('class="banner"') == 7
    assert "End of day 1" in html and "Mon, Mar 1, 2027" in html
    assert 'class="strip int-day" style="background: #ffffff"' in html
    assert 'class="strip int-night" style="background: #90caf9"' in html
    assert "Not scheduled" in html
    assert html.index('data-scene="14"') > html.index("Not scheduled")


def test_strip_colours_come_from_the_config(sample_script, days_file, tmp_path):
    config = tmp_path / "fk.yaml"
    config.write_text("schedule:\n  colors: {int_night: '#123456'}\n", encoding="utf-8")
    html = schedule(sample_script, days_file, "stripboard", "html", "--config", str(config)).stdout
    assert b'class="strip int-night" style="background: #123456"' in html
    config.write_text("schedule:\n  colors: {int_nite: '#123456'}\n", encoding="utf-8")
    result = run_cli(
        "schedule", str(sample_script), "--days", str(days_file), "--config", str(config)
    )
    assert result.returncode == 1
    assert b"unknown strip 'int_nite'" in result.stderr


@pytest.mark.parametrize(
    ("report", "landscape", "words"),
    [
        ("stripboard", True, ["Stripboard", "End of day 7", "Not scheduled"]),
        ("one-liner", False, ["One-liner", "Shoot day 1", "Total pages", "Sc. 7A"]),
        ("dood", True, ["Day out of days", "SWF", "Cast working", "Mon 3/1"]),
    ],
)
def test_pdf_reports_read_back(sample_script, days_file, tmp_path, report, landscape, words):
    out = tmp_path / f"{report}.pdf"
    schedule(sample_script, days_file, report, "pdf", "-o", str(out))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert (page.width > page.height) == landscape
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    for word in words:
        assert word in text


def test_a4_paper_is_honoured(sample_script, days_file, tmp_path):
    out = tmp_path / "dood.pdf"
    schedule(sample_script, days_file, "dood", "pdf", "--paper", "a4", "-o", str(out))
    with pdfplumber.open(out) as pdf:
        assert round(pdf.pages[0].width) == 842 and round(pdf.pages[0].height) == 595


HOSTILE = """\
INT. <B>LAB</B> - NIGHT

= <script>alert(1)</script>

<IMG SRC=X> waits.

<IMG SRC=X>
Hello.
"""


@pytest.mark.parametrize("report", ["stripboard", "one-liner", "dood"])
def test_script_text_is_escaped(tmp_path, report):
    script = tmp_path / "x.fountain"
    script.write_text(HOSTILE, encoding="utf-8")
    days = tmp_path / "d.yaml"
    days.write_text("days:\n  - scenes: ['1']\n", encoding="utf-8")
    html = schedule(script, days, report, "html").stdout.decode()
    assert "<script>" not in html and "<B>" not in html and "<IMG" not in html


def test_schedule_errors_are_one_line_each_and_exit_1(sample_script, tmp_path):
    days = tmp_path / "d.yaml"
    days.write_text("days:\n  - scenes: ['1', '99']\n  - scenes: ['1']\n", encoding="utf-8")
    result = run_cli("schedule", str(sample_script), "--days", str(days))
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines == [
        f"fountainkit: error: {days}: day 1 (line 2): scene 99 is not in the script",
        f"fountainkit: error: {days}: day 2 (line 3): "
        "scene 1 is scheduled already on day 1 (line 2)",
    ]
    assert result.stdout == b""


def test_a_bad_schedule_file_fails_before_any_output(sample_script, tmp_path):
    days = tmp_path / "d.yaml"
    days.write_text("days:\n  - {scenes: ['1'], dat: 2027-01-01}\n", encoding="utf-8")
    out = tmp_path / "board.html"
    out.write_text("earlier", encoding="utf-8")
    result = run_cli("schedule", str(sample_script), "--days", str(days), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1
    assert "day 1 (line 2): unknown key 'dat'" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == "earlier"


def test_days_or_suggest_is_required(sample_script, tmp_path):
    assert run_cli("schedule", str(sample_script)).returncode == 2
    days = tmp_path / "d.yaml"
    days.write_text(DAYS, encoding="utf-8")
    assert run_cli("schedule", str(sample_script), "--suggest", "--days", str(days)).returncode == 2


def test_the_schedule_file_is_never_the_output(sample_script, tmp_path):
    days = tmp_path / "d.yaml"
    days.write_text(DAYS, encoding="utf-8")
    result = run_cli("schedule", str(sample_script), "--days", str(days), "-o", str(days))
    assert result.returncode == 1
    assert days.read_text(encoding="utf-8") == DAYS


def test_suggest_writes_a_schedule_that_schedules_every_scene_once(sample_script, tmp_path):
    out = tmp_path / "days.yaml"
    result = run_cli(
        "schedule", str(sample_script), "--suggest", "--pages-per-day", "3", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    plan = parse_schedule(text, str(out))
    numbers = [n for day in plan.days for n in day.scenes]
    assert sorted(numbers) == sorted(s["scene"] for s in _all_strips(sample_script))
    assert len(numbers) == len(set(numbers))
    assert "Cast work + hold days:" in text and "shot in script order:" in text
    assert yaml.safe_load(text)["days"]
    # The suggestion feeds straight back into the reports, with nothing unscheduled.
    board = run_cli("schedule", str(sample_script), "--days", str(out), "-f", "json")
    assert board.returncode == 0 and json.loads(board.stdout)["unscheduled"] == []
    # An edited schedule is not replaced without --force.
    out.write_text("days: []  # edited by hand\n", encoding="utf-8")
    again = run_cli("schedule", str(sample_script), "--suggest", "-o", str(out))
    assert again.returncode == 1 and b"--force" in again.stderr
    assert out.read_text(encoding="utf-8") == "days: []  # edited by hand\n"
    forced = run_cli("schedule", str(sample_script), "--suggest", "-o", str(out), "--force")
    assert forced.returncode == 0 and "days:" in out.read_text(encoding="utf-8")


def _all_strips(script: Path) -> list[dict]:
    result = run_cli("breakdown", str(script), "-f", "json")
    return [{"scene": s["number"]} for s in json.loads(result.stdout)["scenes"]]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless chromium is not installed")
@pytest.mark.parametrize("report", ["stripboard", "one-liner", "dood"])
def test_html_opens_in_a_headless_browser(sample_script, days_file, tmp_path, report):
    page = tmp_path / f"{report}.html"
    schedule(sample_script, days_file, report, "html", "-o", str(page))
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr.decode(errors="replace")
    text = dom.stdout.decode()
    assert "SEOUL SESSIONS" in text
    assert ("End of day 7" in text) or ("Cast working" in text)


def test_pdf_is_painted_directly_with_hangul_and_by_weasyprint_for_arabic(tmp_path, days_file):
    sample = Path(__file__).resolve().parents[1] / "scripts_sample" / "seoul_sessions.fountain"
    out = tmp_path / "board.pdf"
    schedule(sample, days_file, "dood", "pdf", "-o", str(out))
    # poppler reads a fractional default width as 1000: it must be a whole number.
    for font in pypdf.PdfReader(out).pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        assert isinstance(descendant["/DW"], int)
    with pdfplumber.open(out) as pdf:
        assert "direct report painter" in pdf.metadata.get("Producer", "")
        assert "\ud560\uba38\ub2c8" in pdf.pages[0].extract_text()  # the grandmother's cue
    script = tmp_path / "arabic.fountain"
    script.write_text(
        "INT. SOUK - DAY\n\n= \u0633\u0648\u0642 \u0642\u062f\u064a\u0645\n\nAMIR\nHello.\n"
    )
    days = tmp_path / "d.yaml"
    days.write_text("days:\n  - scenes: ['1']\n", encoding="utf-8")
    schedule(script, days, "stripboard", "pdf", "-o", str(out))
    with pdfplumber.open(out) as pdf:
        assert "WeasyPrint" in pdf.metadata.get("Producer", "")
        assert "SOUK" in pdf.pages[0].extract_text()
