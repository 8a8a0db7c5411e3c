"""A PDF painted by several processes reads back exactly like one painted by one.

The script is rendered through the public API, with each engine, with
``jobs=1`` and with ``jobs=4`` (forced: it is far below the automatic threshold), so every chunk
boundary falls inside an act whose scenes continue in the next chunk: the
merged outline must still nest them as one document would.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from fountainkit.layout import paginate
from fountainkit.pdf.render import render_pdf
from fountainkit.syntax.parse import parse

SCENE_TEXT = "\n\n".join(
    f"Beat {i}: the ferry engine coughs, and somebody *laughs* at it." for i in range(12)
)


def scene(number: int) -> str:
    # Arabic needs text shaping, so even the direct engine has WeasyPrint paint these pages.
    speech = "JISOO\n안녕하세요, 선장님. 배가 늦어요.\n\nSALMA\nمرحبا يا قبطان\n"
    return f"INT. FERRY DECK {number} - NIGHT\n\n{SCENE_TEXT}\n\n{speech}"


SCRIPT = "\n".join(
    [
        "Title: Night Ferry\nAuthor: Test Writer\nDraft date: 2 May 2026\n",
        "# Act One\n",
        "## Departure\n",
        *(scene(n) for n in range(1, 6)),
        "## Crossing\n",
        *(scene(n) for n in range(6, 12)),
        "# Act Two\n",
        *(scene(n) for n in range(12, 16)),
    ]
)


def outline_of(reader: PdfReader) -> list[tuple[int, str, int, float, float]]:
    """(depth, title, page index, left, top) of every outline entry, in order."""
    entries = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                left, top = round(float(item.left), 2), round(float(item.top), 2)
                entries.append((depth, item.title, page, left, top))

    walk(reader.outline, 0)
    return entries


@pytest.fixture(scope="module", params=["direct", "weasyprint"])
def renders(request) -> dict[str, bytes]:
    # direct: the title page painted directly, the Arabic pages by WeasyPrint in parallel.
    screenplay = parse(SCRIPT)
    document = paginate(screenplay)
    engine = request.param
    # A fixed date, as reproducible builds set it: then the bytes depend on nothing else.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return {
            "serial": render_pdf(screenplay, document, jobs=1, engine=engine),
            "parallel": render_pdf(screenplay, document, jobs=4, engine=engine),
            "parallel_again": render_pdf(screenplay, document, jobs=4, engine=engine),
        }


@pytest.fixture(scope="module")
def serial(renders) -> PdfReader:
    return PdfReader(io.BytesIO(renders["serial"]))


@pytest.fixture(scope="module")
def parallel(renders) -> PdfReader:
    return PdfReader(io.BytesIO(renders["parallel"]))


def test_script_is_long_enough_to_cut_in_four(serial: PdfReader) -> None:
    assert len(serial.pages) >= 9


def test_same_pages_sizes_and_text(serial: PdfReader, parallel: PdfReader) -> None:
    assert len(parallel.pages) == len(serial.pages)
    for ours, theirs in zip(parallel.pages, serial.pages, strict=True):
        assert ours.mediabox == theirs.mediabox
        assert ours.extract_text() == theirs.extract_text()


def test_page_numbers_and_hangul_survive_the_merge(parallel: PdfReader) -> None:
    for index in range(2, len(parallel.pages)):
        assert parallel.pages[index].extract_text().lstrip().startswith(f"{index}.")
    text = "".join(page.extract_text() for page in parallel.pages)
    assert "안녕하세요, 선장님." in text


def test_same_outline_nested_across_chunks(serial: PdfReader, parallel: PdfReader) -> None:
    expected = outline_of(serial)
    assert outline_of(parallel) == expected
    titles = [(depth, title) for depth, title, *_ in expected]
    assert titles[:3] == [(0, "Act One"), (1, "Departure"), (2, "INT. FERRY DECK 1 - NIGHT")]
    assert (1, "Crossing") in titles and (0, "Act Two") in titles
    last_scenes = [page for depth, title, page, *_ in expected if title.endswith("11 - NIGHT")]
    assert last_scenes and last_scenes[0] > len(serial.pages) // 2  # past the first cut


def test_same_metadata(serial: PdfReader, parallel: PdfReader) -> None:
    assert dict(parallel.metadata) == dict(serial.metadata)
    assert parallel.metadata.title == "Night Ferry"
    assert parallel.metadata.author == "Test Writer"
    assert parallel.metadata.subject == "Screenplay, draft of 2 May 2026"
    assert parallel.metadata.creator == "fountainkit"


def test_every_font_is_embedded(parallel: PdfReader) -> None:
    names = set()
    for page in parallel.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert any(name.startswith("Courier-Prime") for name in names)
    assert any("CJK" in name for name in names)


def test_each_font_subset_has_its_own_name(parallel: PdfReader) -> None:
    # Every chunk subsets the faces anew: one name per subset, never shared.
    objects_by_name: dict[str, set[int]] = {}
    for page in parallel.pages:
        for reference in page["/Resources"]["/Font"].values():
            name = str(reference.get_object()["/BaseFont"])
            objects_by_name.setdefault(name, set()).add(reference.idnum)
    assert all(len(objects) == 1 for objects in objects_by_name.values())
    courier = [name for name in objects_by_name if name.endswith("+Courier-Prime")]
    assert len(courier) == 4  # one regular subset per chunk


def test_parallel_output_is_deterministic(renders) -> None:
    assert renders["parallel"] == renders["parallel_again"]


def test_cli_jobs_option(tmp_path, cli) -> None:
    script = tmp_path / "ferry.fountain"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "ferry.pdf"
    result = cli("pdf", str(script), "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr.decode()
    reader = PdfReader(out)
    assert reader.metadata.title == "Night Ferry"
    assert [title for _, title, *_ in outline_of(reader)][:2] == ["Act One", "Departure"]
