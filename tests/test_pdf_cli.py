"""``fountainkit pdf`` as a user runs it: many scripts, config files, errors, atomic writes,
and the URL fetcher that keeps WeasyPrint to the bundled assets."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from fountainkit.pdf.fetcher import RefusedURL, bundled_only_fetcher, bundled_path
from fountainkit.resources import fonts_dir

SHORT = """Title: Short One

INT. ROOM - DAY

A chair. A table.

ANN
Hello.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_several_scripts_into_a_folder(tmp_path: Path, cli) -> None:
    first = write(tmp_path, "one.fountain", SHORT)
    second = write(tmp_path, "two.fountain", SHORT.replace("Short One", "Short Two"))
    out = tmp_path / "out"
    out.mkdir()
    result = cli("pdf", str(first), str(second), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    titles = {p.name: PdfReader(p).metadata.title for p in out.glob("*.pdf")}
    assert titles == {"one.pdf": "Short One", "two.pdf": "Short Two"}


def test_one_bad_script_does_not_stop_the_others(tmp_path: Path, cli) -> None:
    bad = tmp_path / "a_bad.fountain"
    bad.write_bytes(b"INT. ROOM\n\n\xff\xfe broken")
    good = write(tmp_path, "b_good.fountain", SHORT)
    result = cli("pdf", str(bad), str(good), "-o", str(tmp_path))
    assert result.returncode == 1
    assert "a_bad.fountain" in result.stderr.decode()
    assert (tmp_path / "b_good.pdf").exists() and not (tmp_path / "a_bad.pdf").exists()


def test_default_output_sits_beside_the_script(tmp_path: Path, cli) -> None:
    script = write(tmp_path, "beside.fountain", SHORT)
    assert cli("pdf", str(script)).returncode == 0
    assert len(PdfReader(tmp_path / "beside.pdf").pages) == 2  # title page + 1


def test_command_line_overrides_the_config_file(tmp_path: Path, cli) -> None:
    script = write(tmp_path, "s.fountain", SHORT)
    config = write(tmp_path, "fountainkit.yaml", "paper: a4\n")
    a4 = tmp_path / "a4.pdf"
    letter = tmp_path / "letter.pdf"
    assert cli("pdf", str(script), "-o", str(a4), "--config", str(config)).returncode == 0
    assert (
        cli(
            "pdf", str(script), "-o", str(letter), "--config", str(config), "--paper", "letter"
        ).returncode
        == 0
    )
    assert round(float(PdfReader(a4).pages[0].mediabox.height)) == 842
    assert round(float(PdfReader(letter).pages[0].mediabox.height)) == 792


def test_config_file_picks_the_engine(tmp_path: Path, cli) -> None:
    script = write(tmp_path, "s.fountain", SHORT)
    config = write(tmp_path, "fountainkit.yaml", "pdf:\n  engine: weasyprint\n  jobs: 1\n")
    by_file, by_option = tmp_path / "file.pdf", tmp_path / "option.pdf"
    assert cli("pdf", str(script), "-o", str(by_file), "--config", str(config)).returncode == 0
    argv = ["pdf", str(script), "-o", str(by_option), "--config", str(config)]
    assert cli(*argv, "--engine", "direct").returncode == 0
    assert PdfReader(by_file).metadata["/Producer"].startswith("WeasyPrint")
    assert PdfReader(by_option).metadata["/Producer"].startswith("fountainkit")


@pytest.mark.parametrize(
    ("config_text", "message"),
    [
        ("pdf:\n  engine: fast\n", "pdf engine must be one of"),
        ("pdf:\n  jobs: 0\n", "pdf jobs must be a whole number"),
        ("pdf:\n  painter: direct\n", "unknown pdf setting"),
        ("paper: legal\n", "paper must be one of"),
        ("papr: a4\n", "unknown setting"),
        ("auto_contd: maybe\n", "auto_contd must be true or false"),
        ("paper: [a4\n", "not valid YAML"),
    ],
)
def test_bad_config_is_one_line_and_keeps_earlier_output(
    tmp_path: Path, cli, config_text: str, message: str
) -> None:
    script = write(tmp_path, "s.fountain", SHORT)
    config = write(tmp_path, "bad.yaml", config_text)
    out = write(tmp_path, "s.pdf", "earlier output")
    result = cli("pdf", str(script), "-o", str(out), "--config", str(config))
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert message in stderr and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert out.read_text() == "earlier output"


def test_failed_render_leaves_earlier_output_intact(tmp_path: Path, cli) -> None:
    script = tmp_path / "broken.fountain"
    script.write_bytes(b"INT. ROOM - DAY\n\n\xff\xfe\xfa not utf-8 \xc3\x28\n")
    out = write(tmp_path, "broken.pdf", "earlier output")
    result = cli("pdf", str(script), "-o", str(out), "--encoding", "utf-8")
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert out.read_text() == "earlier output"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_missing_script_is_one_line(tmp_path: Path, cli) -> None:
    result = cli("pdf", str(tmp_path / "nowhere.fountain"))
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1


def test_fetcher_serves_bundled_fonts_only() -> None:
    font = fonts_dir() / "CourierPrime-Regular.otf"
    assert bundled_path(font.resolve().as_uri()) == font.resolve()
    for url in (
        "file:///etc/passwd",
        "https://example.com/x.png",
        "data:text/plain,hi",
        (fonts_dir() / ".." / ".." / "pyproject.toml").as_uri(),
        "ftp://host/file",
    ):
        with pytest.raises(RefusedURL):
            bundled_path(url)


def test_fetcher_refuses_inside_weasyprint() -> None:
    import weasyprint

    fetcher = bundled_only_fetcher()
    html = (
        '<p>x</p><img src="file:///etc/passwd"><link rel=stylesheet href="http://e.invalid/a.css">'
    )
    pdf = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    assert fetcher.fetched == []
    assert sorted(fetcher.refused) == ["file:///etc/passwd", "http://e.invalid/a.css"]
    assert b"root:" not in pdf
