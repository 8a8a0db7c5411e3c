"""The breakdown's pages are the PDF's pages: each scene starts where the printed PDF has it."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_cli


# A4 goes through the same page map (tests/test_breakdown.py checks it in-process);
# one real PDF keeps this module to a single render.
@pytest.fixture(scope="module")
def printed(sample_script: Path, tmp_path_factory: pytest.TempPathFactory):
    paper = "letter"
    pdf = tmp_path_factory.mktemp(paper) / "script.pdf"
    done = run_cli("pdf", str(sample_script), "--paper", paper, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    done = run_cli("breakdown", str(sample_script), "-f", "json", "--paper", paper)
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(pdf) as document:
        # Page 0 is the title page; script page N is PDF page N.
        pages = [" ".join((page.extract_text() or "").split()) for page in document.pages]
    return json.loads(done.stdout), pages


def test_page_count_matches_the_pdf(printed) -> None:
    data, pages = printed
    assert data["pages"] == len(pages) - 1


def test_every_scene_starts_on_its_printed_page(printed) -> None:
    data, pages = printed
    for scene in data["scenes"]:
        heading = " ".join(scene["heading"].split())
        on = [n for n, text in enumerate(pages) if heading.upper() in text.upper()]
        assert scene["page"] in on, (scene["heading"], scene["page"], on)
