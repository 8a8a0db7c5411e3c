"""The two PDF engines side by side: ``direct`` must print what ``weasyprint`` prints.

The direct painter draws the layout's grid itself; WeasyPrint typesets the
same rows through the HTML template. Read back with pdfplumber and pypdf,
both PDFs must agree on pages, text, every character's place and style,
underlines, outline and metadata. Positions are compared within 0.6pt:
direct x is exactly column * 7.2pt, WeasyPrint advances styled runs by the
font's own 7.195pt a cell, so it can drift by up to about half a point.

Every PDF is rendered once per module; the tests only read them back.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import fountainkit
from fountainkit.layout import LayoutSettings, paginate
from fountainkit.pdf.missing import MissingGlyphWarning
from fountainkit.pdf.render import render_pdf

TOLERANCE = 0.6
ROW_TOLERANCE = 0.05  # vertical positions do not drift
DIRECT_PRODUCER = "fountainkit (direct grid painter)"
DIRECT_FONTS = {
    "CourierPrime",
    "CourierPrime-Bold",
    "CourierPrime-Italic",
    "CourierPrime-BoldItalic",
}
# A font subset embedded by WeasyPrint is named "ABCDEF+Family".
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
INJECTION = "<img src=file:///etc/passwd>"
# "underlined bread", "ten" and "last" in the Latin script, one row each.
UNDERLINED_RUNS = 3

TOAST = " ".join(f"Toast number {i} of the long night still goes on." for i in range(44))
FILLER = "\n\n".join(
    f"The ovens tick as they cool, tray {i} after tray {i}, row on row." for i in range(14)
)

LATIN_SCRIPT = f"""Title: **Café Noël**
Credit: written by
Author: Ada Quill
Draft date: 2 June 2026
Contact: ada@example.com

# Act One

= The baker opens before dawn.

INT. BAKERY - NIGHT #1#

Flour hangs in the air. **Bold dough**, *italic steam* and _underlined bread_
sit on ***bold italic*** trays.

Café Noël — “quoted” … and ‘single’ ñ ü ß Æ ø.

{INJECTION}

JULES
(quietly)
We open in _ten_ minutes.

> THE END OF THE NIGHT <

CUT TO:

## The rush

EXT. STREET - DAY #2A#

ROSA
Left side talks.

MARC ^
Right side *answers*.

~Sing a song of bread and flour
~Rising slowly hour by hour

NADIA
{TOAST}

SMASH CUT TO:

INT. BACK ROOM - LATER #3#

{FILLER}

JULES
Quiet at _last_.

FADE OUT.
"""

MIXED_SCRIPT = """Title: Two Alphabets
Author: Ada Quill

INT. FIRST ROOM - DAY

A plain Latin page. Café crème for everyone.

===

INT. SECOND ROOM - NIGHT

MINSU
안녕하세요, 여러분. 반 갑습니다!

OLGA
Привет, мир.

JIWOO
*기울여* 말해요. **굵게** 말해요.

===

INT. SHAPED ROOM - DAY

SALMA
مرحبا بالعالم

===

INT. THIRD ROOM - DAY

Back to *Latin* only.
"""


@dataclass(frozen=True)
class PageReadBack:
    """What pdfplumber reads on one page, read once: parsing is the slow part of these tests."""

    width: float
    height: float
    text: str  # extract_text() with whitespace runs collapsed
    chars: list[dict]
    words: list[dict]
    rects: list[dict]
    lines: list[dict]
    images: list[dict]

    @property
    def fonts(self) -> set[str]:
        return {char["fontname"] for char in self.chars}


def read_back(data: bytes) -> list[PageReadBack]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            PageReadBack(
                page.width,
                page.height,
                collapsed(page.extract_text()),
                page.chars,
                page.extract_words(),
                page.rects,
                page.lines,
                page.images,
            )
            for page in pdf.pages
        ]


@dataclass(frozen=True)
class Pair:
    """One script rendered by both engines, with the settings it was laid out by."""

    settings: LayoutSettings
    direct: bytes
    weasyprint: bytes
    direct_pages: list[PageReadBack]
    weasyprint_pages: list[PageReadBack]

    def page_pairs(self) -> list[tuple[int, PageReadBack, PageReadBack]]:
        """(index, direct page, WeasyPrint page) for every page; the counts must agree."""
        pairs = zip(self.direct_pages, self.weasyprint_pages, strict=True)
        return [(number, ours, theirs) for number, (ours, theirs) in enumerate(pairs)]


def render_both(text: str, settings: LayoutSettings) -> Pair:
    screenplay = fountainkit.parse(text)
    document = paginate(screenplay, settings)
    direct = render_pdf(screenplay, document, engine="direct")
    weasyprint = render_pdf(screenplay, document, jobs=1, engine="weasyprint")
    return Pair(settings, direct, weasyprint, read_back(direct), read_back(weasyprint))


@pytest.fixture(
    scope="module",
    params=[
        LayoutSettings(paper="letter"),
        LayoutSettings(paper="a4", scene_numbers="both"),
    ],
    ids=["letter", "a4-numbered"],
)
def latin(request) -> Pair:
    return render_both(LATIN_SCRIPT, request.param)


@pytest.fixture(scope="module")
def mixed() -> Pair:
    return render_both(MIXED_SCRIPT, LayoutSettings())


def collapsed(text: str) -> str:
    return " ".join(text.split())


def texts(pages: list[PageReadBack]) -> list[str]:
    return [page.text for page in pages]


def inked_chars(page: PageReadBack) -> list[dict]:
    """The page's visible characters in reading order (rows top-down, then left to right)."""
    chars = [char for char in page.chars if not char["text"].isspace()]
    return sorted(chars, key=lambda char: (round(char["top"]), char["x0"]))


def style_of(fontname: str) -> tuple[bool, bool]:
    return "Bold" in fontname, "Italic" in fontname


@dataclass(frozen=True)
class Rule:
    """An underline's ink: its horizontal extent and the height of its middle."""

    x0: float
    x1: float
    middle: float


def underline_rules(page: PageReadBack) -> list[Rule]:
    """Filled thin rectangles (direct) and stroked horizontal lines (WeasyPrint) alike."""
    rules = [
        Rule(rect["x0"], rect["x1"], (rect["top"] + rect["bottom"]) / 2)
        for rect in page.rects
        if rect["fill"] and rect["height"] < 2
    ]
    rules += [Rule(line["x0"], line["x1"], line["top"]) for line in page.lines if line["stroke"]]
    return sorted(rules, key=lambda rule: (round(rule.middle), rule.x0))


@dataclass(frozen=True)
class OutlineItem:
    title: str
    page: int
    left: float
    top: float
    children: tuple[OutlineItem, ...]


def outline_of(data: bytes) -> tuple[OutlineItem, ...]:
    reader = PdfReader(io.BytesIO(data))

    def items(entries: list) -> tuple[OutlineItem, ...]:
        nodes: list[OutlineItem] = []
        for entry in entries:
            if isinstance(entry, list):  # the children of the item just before
                last = nodes.pop()
                nodes.append(OutlineItem(last.title, last.page, last.left, last.top, items(entry)))
            else:
                page = reader.get_destination_page_number(entry)
                nodes.append(OutlineItem(entry.title, page, entry.left, entry.top, ()))
        return tuple(nodes)

    return items(reader.outline)


def flattened(outline: tuple[OutlineItem, ...]) -> list[OutlineItem]:
    return [found for item in outline for found in (item, *flattened(item.children))]


def info(data: bytes) -> dict[str, str]:
    metadata = PdfReader(io.BytesIO(data)).metadata or {}
    return {key: str(value) for key, value in metadata.items()}


# 1. A Latin-only script: the two engines print the same document.


def test_same_page_count_and_sizes(latin: Pair) -> None:
    # A4 is 210 x 297 mm.
    expected = {"letter": (612, 792), "a4": (595.28, 841.89)}[latin.settings.paper]
    assert len(latin.direct_pages) == len(latin.weasyprint_pages) >= 4  # title + 3 pages
    for _, ours, theirs in latin.page_pairs():
        assert ours.width == pytest.approx(theirs.width, abs=0.01)
        assert ours.height == pytest.approx(theirs.height, abs=0.01)
        assert (ours.width, ours.height) == pytest.approx(expected, abs=0.01)


def test_same_text_per_page(latin: Pair) -> None:
    direct = texts(latin.direct_pages)
    assert direct == texts(latin.weasyprint_pages)
    script = " ".join(direct)
    for expected in ("Café Noël — “quoted” … and ‘single’ ñ ü ß Æ ø.", "(MORE)", "NADIA (CONT'D)"):
        assert expected in script


def test_every_character_at_the_same_place(latin: Pair) -> None:
    for number, ours, theirs in latin.page_pairs():
        mine, other = inked_chars(ours), inked_chars(theirs)
        assert [c["text"] for c in mine] == [c["text"] for c in other], f"page {number}"
        for a, b in zip(mine, other, strict=True):
            where = f"page {number}: {a['text']!r} at ({a['x0']:.2f}, {a['top']:.2f})"
            assert a["x0"] == pytest.approx(b["x0"], abs=TOLERANCE), where
            assert a["top"] == pytest.approx(b["top"], abs=TOLERANCE), where


def test_every_character_in_the_same_style(latin: Pair) -> None:
    styles_seen = set()
    for number, ours, theirs in latin.page_pairs():
        for a, b in zip(inked_chars(ours), inked_chars(theirs), strict=True):
            assert style_of(a["fontname"]) == style_of(b["fontname"]), (
                f"page {number}: {a['text']!r} is {a['fontname']} vs {b['fontname']}"
            )
            styles_seen.add(style_of(a["fontname"]))
    # The script uses all four faces: the comparison above covered each of them.
    assert styles_seen == {(False, False), (True, False), (False, True), (True, True)}


def test_underlines_at_the_same_places(latin: Pair) -> None:
    total = 0
    for number, ours, theirs in latin.page_pairs():
        mine, other = underline_rules(ours), underline_rules(theirs)
        assert len(mine) == len(other), f"page {number}: {mine} vs {other}"
        for a, b in zip(mine, other, strict=True):
            assert a.x0 == pytest.approx(b.x0, abs=TOLERANCE), f"page {number}: {a} vs {b}"
            assert a.x1 == pytest.approx(b.x1, abs=TOLERANCE), f"page {number}: {a} vs {b}"
            assert a.middle == pytest.approx(b.middle, abs=TOLERANCE), f"{a} vs {b}"
        total += len(mine)
    assert total == UNDERLINED_RUNS


def test_underlines_at_the_same_height_exactly(latin: Pair) -> None:
    # Only x drifts (WeasyPrint's 7.195pt advance); rows and baselines agree to
    # 0.0001pt, so an underline has no reason to sit any lower in one engine.
    for number, ours, theirs in latin.page_pairs():
        for a, b in zip(inked_chars(ours), inked_chars(theirs), strict=True):
            assert a["bottom"] == pytest.approx(b["bottom"], abs=ROW_TOLERANCE)
        for a, b in zip(underline_rules(ours), underline_rules(theirs), strict=True):
            assert a.middle == pytest.approx(b.middle, abs=ROW_TOLERANCE), (
                f"page {number}: underline ink centred {a.middle - b.middle:+.3f}pt "
                "from WeasyPrint's"
            )


def test_same_outline(latin: Pair) -> None:
    direct = outline_of(latin.direct)
    weasy = outline_of(latin.weasyprint)
    numbered = latin.settings.scene_numbers != "none"

    def heading(number: str, text: str) -> str:
        return f"{number} {text}" if numbered else text

    assert [item.title for item in direct] == ["Act One"]
    assert [item.title for item in direct[0].children] == [
        heading("1", "INT. BAKERY - NIGHT"),
        "The rush",
    ]
    assert [item.title for item in direct[0].children[1].children] == [
        heading("2A", "EXT. STREET - DAY"),
        heading("3", "INT. BACK ROOM - LATER"),
    ]

    def shape(outline):
        return [(item.title, item.page, shape(item.children)) for item in outline]

    assert shape(direct) == shape(weasy)
    for ours, theirs in zip(flattened(direct), flattened(weasy), strict=True):
        assert ours.left == pytest.approx(theirs.left, abs=TOLERANCE), ours.title
        assert ours.top == pytest.approx(theirs.top, abs=TOLERANCE), ours.title


def test_same_metadata(latin: Pair) -> None:
    direct, weasy = info(latin.direct), info(latin.weasyprint)
    for key in ("/Title", "/Author", "/Subject"):
        assert direct.get(key) and direct.get(key) == weasy.get(key), key
    assert direct["/Title"] == "Café Noël"
    assert direct["/Author"] == "Ada Quill"


def untagged(names: set[str]) -> set[str]:
    """Font names without their subset tags; every name must have one."""
    assert all(SUBSET_TAG.match(name) for name in names), names
    return {name.split("+", 1)[1] for name in names}


def test_direct_fonts_and_producer(latin: Pair) -> None:
    # Every face is embedded as a subset, once.
    assert untagged(set().union(*(page.fonts for page in latin.direct_pages))) == DIRECT_FONTS
    assert info(latin.direct)["/Producer"] == DIRECT_PRODUCER
    assert info(latin.weasyprint)["/Producer"].startswith("WeasyPrint")


# 2. Other writing systems: Hangul and Cyrillic come from installed fallback fonts,
#    painted directly; a page that needs text shaping (Arabic) goes to WeasyPrint.

# WeasyPrint's line box sinks fallback text below the row's baseline (by up to
# 2.4pt for Noto Sans CJK); the direct painter keeps every row on its baseline.
FALLBACK_ROW_TOLERANCE = 2.5


def test_mixed_page_count_matches_weasyprint(mixed: Pair) -> None:
    assert len(mixed.direct_pages) == len(mixed.weasyprint_pages) == 5


def test_mixed_other_scripts_printed_on_their_page(mixed: Pair) -> None:
    direct = texts(mixed.direct_pages)
    assert "안녕하세요, 여러분. 반 갑습니다!" in direct[2]
    assert "Привет, мир." in direct[2]
    assert "INT. SECOND ROOM - NIGHT" in direct[2]
    assert "SALMA" in direct[3]
    assert direct == texts(mixed.weasyprint_pages)


def test_mixed_fonts_per_page(mixed: Pair) -> None:
    title, first, other_scripts, shaped, last = (page.fonts for page in mixed.direct_pages)
    # Painted directly: Courier Prime and the fallbacks, all as tagged subsets.
    fallbacks = untagged(other_scripts)
    assert {"NotoSansMonoCJKKR", "DejaVuSansMono"} <= fallbacks
    assert "CourierPrime" in fallbacks
    assert not any("Courier-Prime" in name for name in other_scripts)  # no WeasyPrint font
    # Arabic needs shaping: WeasyPrint paints that page, with its own subsets.
    assert shaped and all(SUBSET_TAG.match(name) for name in shaped)
    assert any(name.endswith("+Courier-Prime") for name in shaped)
    for latin_only in (title, first, last):
        assert "CourierPrime" in untagged(latin_only) and untagged(latin_only) <= DIRECT_FONTS


def test_mixed_fallback_text_where_weasyprint_puts_it(mixed: Pair) -> None:
    ours = [c for c in inked_chars(mixed.direct_pages[2]) if not c["text"].isascii()]
    theirs = [c for c in inked_chars(mixed.weasyprint_pages[2]) if not c["text"].isascii()]
    assert [c["text"] for c in ours] == [c["text"] for c in theirs]
    assert any(c["text"] == "녕" for c in ours) and any(c["text"] == "м" for c in ours)
    for mine, their in zip(ours, theirs, strict=True):
        assert mine["x0"] == pytest.approx(their["x0"], abs=TOLERANCE), mine["text"]
        assert mine["top"] == pytest.approx(their["top"], abs=FALLBACK_ROW_TOLERANCE)


def test_mixed_fallback_styles(mixed: Pair) -> None:
    chars = {c["text"]: c for c in mixed.direct_pages[2].chars}
    italic, bold, upright = chars["울"], chars["굵"], chars["녕"]
    # Noto Sans CJK has no italic: slanted by fontconfig's 0.2 shear, as Pango does,
    # from the same embedded subset as the upright text (one font, not two).
    assert italic["fontname"] == upright["fontname"]
    assert italic["fontname"].endswith("+NotoSansMonoCJKKR")
    assert italic["matrix"][2] == pytest.approx(0.2)
    assert upright["matrix"][2] == 0
    assert bold["fontname"].endswith("NotoSansMonoCJKKR-Bold")


def test_mixed_outline_lists_every_scene_on_its_page(mixed: Pair) -> None:
    outline = flattened(outline_of(mixed.direct))
    assert [(item.title, item.page) for item in outline] == [
        ("INT. FIRST ROOM - DAY", 1),
        ("INT. SECOND ROOM - NIGHT", 2),
        ("INT. SHAPED ROOM - DAY", 3),
        ("INT. THIRD ROOM - DAY", 4),
    ]
    weasy = flattened(outline_of(mixed.weasyprint))
    for ours, theirs in zip(outline, weasy, strict=True):
        assert (ours.title, ours.page) == (theirs.title, theirs.page)
        assert ours.top == pytest.approx(theirs.top, abs=TOLERANCE), ours.title


def test_mixed_metadata(mixed: Pair) -> None:
    metadata = info(mixed.direct)
    assert metadata["/Title"] == "Two Alphabets"
    assert metadata["/Author"] == "Ada Quill"
    assert metadata.get("/Producer") == "fountainkit (direct grid painter and WeasyPrint)"


# 3. Markup in the script is text, whichever engine paints it.


def test_markup_printed_literally_by_direct(latin: Pair) -> None:
    assert INJECTION in latin.direct_pages[1].text
    assert all(not page.images for page in latin.direct_pages)
    assert all("root:" not in page.text for page in latin.direct_pages)


# 4. Scene numbers on both sides land where WeasyPrint puts them.


def scene_number_words(pages: list[PageReadBack]) -> list[tuple[int, str, float, float]]:
    """(page, text, x0, top) of each scene number printed on a scene heading's row."""
    found = []
    for number, page in enumerate(pages):
        heading_rows = {
            round(word["top"]) for word in page.words if word["text"] in ("INT.", "EXT.")
        }
        for word in page.words:
            if round(word["top"]) in heading_rows and word["text"] in ("1", "2A", "3"):
                found.append((number, word["text"], word["x0"], word["top"]))
    return found


def test_scene_numbers_both_sides_match(latin: Pair) -> None:
    direct = scene_number_words(latin.direct_pages)
    weasy = scene_number_words(latin.weasyprint_pages)
    if latin.settings.scene_numbers == "none":
        assert direct == weasy == []
        return
    # Each number twice, left and right of its heading.
    assert sorted(label for _, label, _, _ in direct) == ["1", "1", "2A", "2A", "3", "3"]
    assert len(direct) == len(weasy)
    for ours, theirs in zip(direct, weasy, strict=True):
        assert ours[:2] == theirs[:2]
        assert ours[2] == pytest.approx(theirs[2], abs=TOLERANCE), ours
        assert ours[3] == pytest.approx(theirs[3], abs=TOLERANCE), ours


# 5. The command line.


SHORT_SCRIPT = "INT. KITCHEN - DAY\n\nThe kettle sings.\n"


@pytest.fixture(scope="module")
def short_script(tmp_path_factory) -> Path:
    script = tmp_path_factory.mktemp("cli") / "x.fountain"
    script.write_text(SHORT_SCRIPT, encoding="utf-8")
    return script


def test_cli_engine_weasyprint(cli, short_script: Path) -> None:
    out = short_script.with_name("weasy.pdf")
    result = cli("pdf", str(short_script), "-o", str(out), "--engine", "weasyprint")
    assert result.returncode == 0, result.stderr.decode()
    assert info(out.read_bytes())["/Producer"].startswith("WeasyPrint")


def test_cli_default_engine_is_direct(cli, short_script: Path) -> None:
    out = short_script.with_name("default.pdf")
    result = cli("pdf", str(short_script), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert info(out.read_bytes())["/Producer"] == DIRECT_PRODUCER


def test_cli_unknown_engine_is_a_usage_error(cli, short_script: Path) -> None:
    out = short_script.with_name("bogus.pdf")
    result = cli("pdf", str(short_script), "-o", str(out), "--engine", "bogus")
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    assert "bogus" in stderr and "direct" in stderr and "weasyprint" in stderr
    assert not out.exists()


# 6. Other readers accept the direct PDF.


def test_pdftotext_reads_the_same_text(latin: Pair, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")

    def poppler_pages(data: bytes, name: str) -> list[str]:
        path = tmp_path / name
        path.write_bytes(data)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode("utf-8")
        return [collapsed(page) for page in text.split("\f")]

    direct = poppler_pages(latin.direct, "direct.pdf")
    assert direct == poppler_pages(latin.weasyprint, "weasy.pdf")
    assert any("Café Noël — “quoted” … and ‘single’ ñ ü ß Æ ø." in page for page in direct)


def test_pypdf_reads_strictly(latin: Pair, mixed: Pair) -> None:
    for data in (latin.direct, mixed.direct):
        reader = PdfReader(io.BytesIO(data), strict=True)
        texts = [page.extract_text() for page in reader.pages]
        assert len(texts) >= 4 and all(texts)
        assert reader.outline
        assert reader.metadata and reader.metadata.title


# 7. Any text at all: the direct engine paints it, or hands its page to WeasyPrint.

# Samples of what scripts hold: Latin with accents and typography, Hangul, kana and
# ideographs, Cyrillic, Greek, Arabic (shaped), combining marks, joiners, emoji,
# private use, controls.
_ALPHABET = st.sampled_from(
    list("Aaz09 .,!?'\"-()&<>éÉñßœ—–“”‘’…€µ")
    + list("안녕가힣ㄱあアン漢字世")
    + list("ЖжПривет")
    + list("αβΩ")
    + list("مرحبا")
    + ["\u0301", "\u200d", "\u200f", "\u00ad", "\u2009", "\ue000", "😀", "\x07", "\t"]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    action=st.text(_ALPHABET, min_size=1, max_size=60),
    speech=st.text(_ALPHABET, min_size=1, max_size=60),
)
def test_any_text_gives_a_readable_pdf(action: str, speech: str) -> None:
    script = f"INT. ROOM - DAY\n\n{action}\n\nBOB\n{speech}\n"
    screenplay = fountainkit.parse(script)
    document = paginate(screenplay)
    with warnings.catch_warnings():
        # Private use and control characters have no font: warned about, drawn as boxes.
        warnings.simplefilter("ignore", MissingGlyphWarning)
        data = render_pdf(screenplay, document, engine="direct")
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == max(1, document.page_count)
    # Every page keeps its text layer, for pdfminer (pdfplumber) and poppler alike.
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "INT. ROOM - DAY" in pdf.pages[0].extract_text()
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        )
        assert "INT. ROOM - DAY" in result.stdout.decode("utf-8")


def test_direct_painter_falls_back_in_the_stylesheet_order() -> None:
    # Both engines must pick fallback fonts alike: the painter's list is the CSS's.
    from fountainkit.pdf.fallback import FALLBACK_FAMILIES
    from fountainkit.pdf.missing import BOX_FAMILY
    from fountainkit.resources import template_dir

    css = (template_dir() / "screenplay.css").read_text(encoding="utf-8")
    declared = re.search(r"font-family:([^;]+);", css)
    assert declared is not None
    families = [name.strip().strip('"') for name in declared.group(1).split(",")]
    assert families == ["Courier Prime", *FALLBACK_FAMILIES, BOX_FAMILY, "monospace"]


def test_pdfium_reads_and_draws_the_direct_pdf(latin: Pair, mixed: Pair) -> None:
    # PDFium, the PDF engine of Chrome: another reader than pdfminer and poppler.
    pdfium = pytest.importorskip("pypdfium2")
    for pair in (latin, mixed):
        document = pdfium.PdfDocument(pair.direct)
        try:
            assert len(document) == len(pair.direct_pages)
            for index, expected in enumerate(pair.direct_pages):
                page = document[index]
                painted_directly = not any("Courier-Prime" in name for name in expected.fonts)
                if painted_directly:  # (pdfminer reads WeasyPrint's Arabic in visual order)
                    assert collapsed(page.get_textpage().get_text_range()) == expected.text
                pixels = page.render(scale=0.5, grayscale=True).to_pil()
                assert pixels.getextrema()[0] < 100, f"page {index + 1} has no ink"
        finally:
            document.close()
