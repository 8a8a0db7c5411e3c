"""fountainkit.layout from the outside: real Fountain text in, pages and extents out.

Covers the title page, hidden and printed extras, forced breaks, the scene
extents the breakdown turns into eighths, page counts against the established
renderers on the public-domain corpus, and invariants on random scripts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fountainkit import parse
from fountainkit.config import LayoutSettings
from fountainkit.layout import Document, paginate


def lay(text: str, **options) -> Document:
    return paginate(parse(text), LayoutSettings(**options))


def printed(document: Document) -> list[str]:
    return [line.text for page in document.pages for line in page.lines if line.kind != "blank"]


TITLED = """Title: **Night Ferry**
Credit: Written by
Author: Jo Writer
Source: Based on a dream
Draft date: 2 June 2026
Contact:
    Ferry Agency
    jo@example.com

INT. FERRY - NIGHT

Lights flicker.
"""


def test_title_page_standard_layout() -> None:
    page = lay(TITLED).title_page
    assert page is not None and page.number == 0
    rows = {line.text: (index, line) for index, line in enumerate(page.lines) if line.text}
    title_row, title = rows["Night Ferry"]
    assert title.runs[0].bold
    assert title_row == 15  # 3.5in from the top of the page
    for text in ("Night Ferry", "Written by", "Jo Writer", "Based on a dream"):
        index, line = rows[text]
        assert abs((line.column + len(text) / 2) - (15 + 61 / 2)) <= 1, text
    assert rows["Written by"][0] < rows["Jo Writer"][0] < rows["Based on a dream"][0]
    contact = [
        line
        for line in page.lines
        if line.text in ("Ferry Agency", "jo@example.com") and line.column == 15
    ]
    assert [line.text for line in contact] == ["Ferry Agency", "jo@example.com"]
    last = page.lines[-1]
    assert last.text == "jo@example.com"
    dated = next(
        line for line in page.lines if line.right is not None or line.text == "2 June 2026"
    )
    assert "2 June 2026" in (dated.text, dated.right.text if dated.right else "")


def test_no_title_page_without_title_keys() -> None:
    assert lay("INT. ROOM - DAY\n\nHello.\n").title_page is None


EXTRAS = """# Act One

= The ferry leaves.

INT. FERRY - NIGHT

[[Check the lights.]]

Lights flicker.

/* old idea
*/
"""


def test_notes_sections_synopses_and_boneyard_hidden_by_default() -> None:
    assert printed(lay(EXTRAS)) == ["INT. FERRY - NIGHT", "Lights flicker."]


def test_extras_printed_on_request_boneyard_never() -> None:
    lines = printed(lay(EXTRAS, print_notes=True, print_sections=True, print_synopses=True))
    assert lines == [
        "# Act One",
        "= The ferry leaves.",
        "INT. FERRY - NIGHT",
        "[[Check the lights.]]",
        "Lights flicker.",
    ]


def test_forced_page_break() -> None:
    document = lay("INT. A - DAY\n\nOne.\n\n===\n\nINT. B - DAY\n\nTwo.\n")
    assert [
        printed_page[0].text
        for printed_page in ([ln for ln in p.lines if ln.kind != "blank"] for p in document.pages)
    ] == ["INT. A - DAY", "INT. B - DAY"]
    assert [page.number for page in document.pages] == [1, 2]


def test_scene_extents_and_eighths() -> None:
    long_scene = "\n\n".join(f"Beat {i} happens." for i in range(40))
    text = f"INT. A - DAY\n\nShort.\n\nINT. B - DAY\n\n{long_scene}\n\nINT. C - DAY\n\nEnd.\n"
    document = lay(text)
    extents = document.scene_extents()
    assert [e.scene_index for e in extents] == [0, 1, 2]
    assert extents[0].first_page == 1 and extents[0].total_lines == 3
    assert extents[1].first_page == 1 and len(extents[1].lines_by_page) == 2
    assert extents[2].first_page == 2
    per_page = document.profile.body_lines_per_page
    assert extents[0].eighths(per_page) == 1  # 3/55*8 = 0.44, never below 1/8
    assert extents[1].eighths(per_page) == round(extents[1].total_lines / 55 * 8)
    assert extents[0].eighths(per_page, rounding="up") == 1
    total = sum(e.total_lines for e in extents)
    assert total == sum(len(p.lines) for p in document.pages)


def test_scene_numbers_from_script_or_counted() -> None:
    document = lay("INT. A - DAY #12A#\n\nOne.\n\nINT. B - DAY\n\nTwo.\n", scene_numbers="left")
    numbers = [
        line.scene_number
        for page in document.pages
        for line in page.lines
        if line.kind == "scene_heading"
    ]
    # Automatic numbers carry on from a forced one, as in the breakdown.
    assert numbers == ["12A", "13"]
    assert all(
        line.scene_number is None
        for page in lay("INT. A - DAY\n\nx\n").pages
        for line in page.lines
    )


def test_corpus_page_counts_match_screenplain_and_afterwriting(corpus_dir) -> None:
    # Letter pages including the title page, as screenplain 0.12 and afterwriting
    # (print_profile usletter) both print them, measured on this machine.
    expected = {"Cyber_Bob_ep00001.fountain": 7, "THE_LIBRARY_FREAK-OUT.fountain": 10}
    for name, pages in expected.items():
        document = lay((corpus_dir / "public-domain" / name).read_text(encoding="utf-8"))
        assert document.page_count + (document.title_page is not None) == pages, name


# -- invariants on random scripts --------------------------------------------

WORD = st.sampled_from(
    [
        "the",
        "ferry",
        "LIGHT",
        "moves.",
        "slowly",
        "and",
        "then?",
        "stops!",
        "a",
        "wordwithoutbreaks",
        "안녕",
        "x",
    ]
)
SENTENCE = st.lists(WORD, min_size=1, max_size=40).map(" ".join)
NAME = st.sampled_from(["ANN", "BOB", "MINSU"])


@st.composite
def element(draw) -> str:
    kind = draw(st.sampled_from(["action", "speech", "speech", "heading", "transition", "dual"]))
    if kind == "action":
        return draw(SENTENCE)
    if kind == "heading":
        return f"INT. PLACE {draw(st.integers(0, 9))} - DAY"
    if kind == "transition":
        return "CUT TO:"
    lines = draw(st.lists(SENTENCE, min_size=1, max_size=6))
    speech = f"{draw(NAME)}\n" + "\n".join(lines)
    if kind == "dual":
        speech += f"\n\n{draw(NAME)} ^\n{draw(SENTENCE)}"
    return speech


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(element(), min_size=1, max_size=60), st.sampled_from(["letter", "a4"]))
def test_random_scripts_keep_every_rule(elements: list[str], paper: str) -> None:
    text = "INT. START - DAY\n\n" + "\n\n".join(elements) + "\n"
    screenplay = parse(text)
    document = paginate(screenplay, LayoutSettings(paper=paper, auto_contd=True))
    rows = document.profile.lines_per_page
    for index, page in enumerate(document.pages):
        assert 0 < len(page.lines) <= rows
        body = [line for line in page.lines if line.kind != "blank" or line.right]
        assert page.lines[0] is body[0]
        if index + 1 < len(document.pages):
            assert body[-1].kind not in ("scene_heading", "character", "parenthetical")
        if index > 0 and len(body) > 1:
            assert body[0].kind != "transition"

    # The text survives pagination: same words in the same order.
    def words_of_model() -> list[str]:
        from fountainkit.model import plain, walk

        out = []
        for node in walk(screenplay):
            for attr in ("lines",):
                for line in getattr(node, attr, ()) or ():
                    if isinstance(line, tuple):
                        out.extend(plain(line).split())
            runs = getattr(node, "runs", None)
            if runs is not None and type(node).__name__ != "TitleEntry":
                out.extend(plain(runs).split())
        return out

    laid_out = []
    for page in document.pages:
        for line in page.lines:
            for part in (line, line.right):
                if part is not None and part.kind not in ("character", "more", "blank"):
                    laid_out.extend(part.text.split())
    assert sorted(laid_out) == sorted(words_of_model())


def test_config_file_holds_layout_settings_and_passes_breakdown_through(tmp_path) -> None:
    from fountainkit.config import load_config

    path = tmp_path / "fountainkit.yaml"
    path.write_text(
        "paper: a4\nscene-numbers: right\nauto_contd: true\nmore: '(more)'\n"
        "breakdown:\n  eighths_rounding: up\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.layout == LayoutSettings(
        paper="a4", scene_numbers="right", auto_contd=True, more="(more)"
    )
    assert config.section("breakdown") == {"eighths_rounding": "up"}
    assert config.section("absent") == {}
    assert config.layout.with_overrides(paper="letter", auto_contd=None).paper == "letter"
    assert load_config(None).layout == LayoutSettings()


def test_long_title_page_runs_on_and_drops_nothing() -> None:
    notes = "\n".join(f"    Note line {i} about the draft." for i in range(70))
    text = f"Title: Long Notes\nAuthor: Jo Writer\nContact: Ferry Agency\nNotes:\n{notes}\n\n"
    document = lay(text + "INT. ROOM - DAY\n\nHello.\n")
    assert len(document.title_pages) == 2
    assert document.title_page is document.title_pages[0]
    printed = [
        part.text
        for page in document.title_pages
        for line in page.lines
        for part in (line, line.right)
        if part is not None and part.text
    ]
    for expected in ["Long Notes", "Jo Writer", "Ferry Agency"]:
        assert expected in printed
    assert [t for t in printed if t.startswith("Note line")] == [
        f"Note line {i} about the draft." for i in range(70)
    ]
    assert all(len(page.lines) <= document.profile.lines_per_page for page in document.title_pages)
    assert document.pages[0].number == 1  # script pages are numbered as before


def test_crowded_title_page_moves_the_title_up_to_fit() -> None:
    notes = "\n".join(f"    Note {i}." for i in range(45))
    document = lay(f"Title: Crowded\nNotes:\n{notes}\n\nINT. ROOM - DAY\n\nHello.\n")
    assert len(document.title_pages) == 1
    rows = [line.text for line in document.title_page.lines]
    assert rows.index("Crowded") < 15  # higher than the usual 3.5in, so nothing is cut
    assert [t for t in rows if t.startswith("Note")] == [f"Note {i}." for i in range(45)]


WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ'.-안녕", min_size=1, max_size=40)
EXTENSION = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ .'", min_size=1, max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(WORD, min_size=1, max_size=6),
    st.lists(EXTENSION, max_size=3),
    st.lists(WORD, min_size=1, max_size=6),
    st.sampled_from(["letter", "a4"]),
    st.booleans(),
)
def test_nothing_is_laid_out_past_the_text_area(
    name: list[str], extensions: list[str], other: list[str], paper: str, dual: bool
) -> None:
    """Whatever the cue, heading or word lengths, every row of every element
    starts at or after the action column and ends at or before the right edge."""
    from fountainkit.layout.wrap import cells

    cue = " ".join(name) + "".join(f" ({e.strip() or 'X'})" for e in extensions)
    second = " ".join(other)
    text = (
        f"INT. {' '.join(name)} {second} - NIGHT\n\n{second}{second}{second}\n\n"
        f"@{cue}\nHello {second}.\n\n@{second}{' ^' if dual else ''}\n({second} {second})\n"
        f"Reply.\n\n> {second} {second}:\n"
    )
    document = lay(text, paper=paper, auto_contd=True)
    profile = document.profile
    for page in document.pages:
        for line in page.lines:
            for part in (line, line.right):
                if part is None or not part.text:
                    continue
                assert part.column >= profile.action.column, part
                assert part.column + cells(part.text) <= profile.right_edge, part
            if line.right is not None and line.text and line.right.text:
                assert line.column + cells(line.text) < line.right.column, line  # no collision
