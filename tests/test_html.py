"""``fountainkit html``: a standalone file with the PDF's pages, text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fountainkit import parse
from fountainkit.layout import paginate

SCRIPT = """Title: Escapes & <Pages>
Author: A. Writer

INT. KITCHEN - NIGHT

<script>alert("x")</script> sits on the counter & waits.

"""

LONG = SCRIPT + "\n\n".join(f"Action paragraph {i} keeps going." for i in range(60))


@pytest.fixture(scope="module")
def html_file(tmp_path_factory) -> str:
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("html")
    script = folder / "kitchen.fountain"
    script.write_text(LONG, encoding="utf-8")
    result = run_cli("html", str(script))
    assert result.returncode == 0, result.stderr.decode()
    return (folder / "kitchen.html").read_text(encoding="utf-8")


def test_script_text_is_escaped(html_file: str) -> None:
    assert "<script>" not in html_file
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html_file
    assert "<title>Escapes &amp; &lt;Pages&gt;</title>" in html_file


def test_standalone_css_inlined_and_fonts_embedded(html_file: str) -> None:
    assert '<link rel="stylesheet"' not in html_file
    assert "white-space: pre" in html_file
    faces = re.findall(r'src: url\("data:font/otf;base64,', html_file)
    assert len(faces) == 4


def test_same_pages_as_the_layout(html_file: str) -> None:
    document = paginate(parse(LONG))
    pages = re.findall(r'<div class="page( title-page)?">', html_file)
    assert len(pages) == document.page_count + 1
    assert html_file.count('<div class="page title-page">') == 1


def test_rows_sit_on_the_grid(html_file: str) -> None:
    first_page = html_file.split('<div class="page">', 1)[1].split("</div>", 1)[0]
    rows = first_page.split("\n")
    heading_row = next(i for i, row in enumerate(rows) if "INT. KITCHEN" in row)
    assert heading_row == 3  # page-number row, two blank rows, then the 1in margin
    assert re.sub(r"<[^>]+>", "", rows[heading_row]).index("INT.") == 15


def test_stdout_and_linked_fonts(tmp_path: Path, cli) -> None:
    script = tmp_path / "s.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    result = cli("html", str(script), "-o", "-", "--link-fonts")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert text.startswith("<!DOCTYPE html>")
    assert 'src: url("file://' in text and "base64" not in text
