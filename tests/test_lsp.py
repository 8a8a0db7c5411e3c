"""The language server, driven over stdio by pygls's LanguageClient.

One ``python -m fountainkit lsp`` process serves the whole module; each test
opens its own document URI. The client runs on an event loop in a background
thread so the tests stay plain synchronous functions.
"""

from __future__ import annotations

import asyncio
import random
import sys
import threading
from collections.abc import Iterator

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from fountainkit.lsp.analysis import NOTE_NAME_LENGTH

SCRIPT = """\
Title: The Test
Draft date:
Author: Ann Writer

CUT TO:

# Act One

## Morning

INT. KITCHEN - DAY #1#

JOHN
Coffee?

MARY
Please.

JOHN
Sugar?

JOHN
Milk?

JOHM
Done.

/* an old bit
over three lines
*/

EXT. GARDEN - NIGHT

MARY ^
Alone.

She waits. /* or runs,
maybe */ Then sits.

[[ a note
over two lines ]]

# Act Two

INT. KITCHEN - NIGHT

BOB
Hi.

BILL ^
Hello.
"""


def line_of(text: str, needle: str) -> int:
    """0-based line of the first line starting with ``needle``."""
    for number, line in enumerate(text.split("\n")):
        if line.startswith(needle):
            return number
    raise AssertionError(f"{needle!r} not in script")


class Session:
    """A started server plus a synchronous face over the async client."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = LanguageClient("fountainkit-tests", "1")
        self.diagnostics: dict[str, types.PublishDiagnosticsParams] = {}
        self.published = threading.Condition()
        self.versions: dict[str, int] = {}
        self.log: list[str] = []

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams) -> None:
            self.log.append(params.message)

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            with self.published:
                self.diagnostics[params.uri] = params
                self.published.notify_all()

        # Editors such as VS Code pass --stdio; it must be accepted.
        self.run(self.client.start_io(sys.executable, "-m", "fountainkit", "lsp", "--stdio"))
        self.capabilities = self.run(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(
                        text_document=types.TextDocumentClientCapabilities(
                            document_symbol=types.DocumentSymbolClientCapabilities(
                                hierarchical_document_symbol_support=True
                            )
                        )
                    ),
                    process_id=None,
                    root_uri=None,
                )
            )
        ).capabilities
        self.client.initialized(types.InitializedParams())

    def run(self, coroutine):  # noqa: ANN001, ANN201 - any awaitable, its result
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def call(self, function, *args):  # noqa: ANN001, ANN201
        """Run a client method on the loop thread (pygls is not thread-safe)."""

        async def invoke():
            return function(*args)

        return self.run(invoke())

    # --- documents ----------------------------------------------------------------

    def open(self, uri: str, text: str) -> types.PublishDiagnosticsParams:
        self.versions[uri] = 1
        self.call(
            self.client.text_document_did_open,
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="fountain", version=1, text=text
                )
            ),
        )
        return self.wait_diagnostics(uri, 1)

    def change(
        self, uri: str, start: tuple[int, int], end: tuple[int, int], text: str
    ) -> types.PublishDiagnosticsParams:
        self.versions[uri] += 1
        version = self.versions[uri]
        self.call(
            self.client.text_document_did_change,
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(*start), end=types.Position(*end)),
                        text=text,
                    )
                ],
            ),
        )
        return self.wait_diagnostics(uri, version)

    def replace(self, uri: str, text: str) -> types.PublishDiagnosticsParams:
        """A change event carrying the whole document (clients may send those too)."""
        self.versions[uri] += 1
        version = self.versions[uri]
        self.call(
            self.client.text_document_did_change,
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            ),
        )
        return self.wait_diagnostics(uri, version)

    def wait_diagnostics(self, uri: str, version: int) -> types.PublishDiagnosticsParams:
        with self.published:
            ok = self.published.wait_for(
                lambda: uri in self.diagnostics and self.diagnostics[uri].version == version,
                timeout=30,
            )
        assert ok, f"no diagnostics for {uri} version {version}"
        return self.diagnostics[uri]

    def symbols(self, uri: str) -> list[types.DocumentSymbol]:
        return self.run(
            self.client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
        )

    def folds(self, uri: str) -> list[types.FoldingRange]:
        return self.run(
            self.client.text_document_folding_range_async(
                types.FoldingRangeParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
        )

    def complete(self, uri: str, line: int, character: int) -> list[types.CompletionItem]:
        result = self.run(
            self.client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line, character),
                )
            )
        )
        return list(result.items) if isinstance(result, types.CompletionList) else list(result)

    def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return self.run(
            self.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line, character),
                )
            )
        )

    def close(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def lsp() -> Iterator[Session]:
    session = Session()
    yield session
    session.close()


def codes(params: types.PublishDiagnosticsParams) -> dict[str, list[int]]:
    """diagnostic code -> 0-based lines it was reported on."""
    found: dict[str, list[int]] = {}
    for diagnostic in params.diagnostics:
        found.setdefault(str(diagnostic.code), []).append(diagnostic.range.start.line)
    return found


# --- tests ---------------------------------------------------------------------------


def test_server_announces_incremental_sync_and_features(lsp: Session) -> None:
    caps = lsp.capabilities
    sync = caps.text_document_sync
    kind = sync.change if isinstance(sync, types.TextDocumentSyncOptions) else sync
    assert kind == types.TextDocumentSyncKind.Incremental
    assert caps.document_symbol_provider
    assert caps.folding_range_provider
    assert caps.hover_provider
    assert caps.completion_provider is not None


def test_open_publishes_every_kind_of_diagnostic(lsp: Session) -> None:
    found = codes(lsp.open("file:///diag.fountain", SCRIPT))
    assert found["empty-title-key"] == [line_of(SCRIPT, "Draft date:")]
    assert found["transition-at-start"] == [line_of(SCRIPT, "CUT TO:")]
    assert found["cue-typo"] == [line_of(SCRIPT, "JOHM")]
    # MARY ^ follows a heading, not a speech; BILL ^ pairs with BOB.
    assert found["orphan-dual"] == [line_of(SCRIPT, "MARY ^")]
    assert "unclosed-boneyard" not in found and "unclosed-note" not in found


def test_control_characters_are_published_for_the_editor(lsp: Session) -> None:
    text = "INT. A - DAY\n\nPasted\x0c text.\n"
    published = lsp.open("file:///control.fountain", text)
    (found,) = [d for d in published.diagnostics if d.code == "control-character"]
    assert (found.range.start.line, found.range.start.character) == (2, 6)
    assert "U+000C" in found.message


def test_a_cue_typo_has_a_quick_fix(lsp: Session) -> None:
    uri = "file:///fix.fountain"
    published = lsp.open(uri, SCRIPT)
    (typo,) = [d for d in published.diagnostics if d.code == "cue-typo"]
    actions = lsp.run(
        lsp.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=typo.range,
                context=types.CodeActionContext(diagnostics=[typo]),
            )
        )
    )
    (action,) = actions
    assert action.title == "Change JOHM to JOHN"
    (edit,) = action.edit.changes[uri]
    line = line_of(SCRIPT, "JOHM")
    assert edit.new_text == "JOHN"
    assert (edit.range.start.line, edit.range.start.character) == (line, 0)
    assert (edit.range.end.line, edit.range.end.character) == (line, 4)


def test_edits_update_diagnostics(lsp: Session) -> None:
    uri = "file:///edits.fountain"
    lsp.open(uri, SCRIPT)
    typo = line_of(SCRIPT, "JOHM")
    fixed = lsp.change(uri, (typo, 3), (typo, 4), "N")
    assert "cue-typo" not in codes(fixed)

    bob = line_of(SCRIPT, "BOB")
    opened = lsp.change(uri, (bob, 0), (bob, 0), "/* cut?\n")
    assert codes(opened)["unclosed-boneyard"] == [bob]

    closed = lsp.change(uri, (bob, 7), (bob, 7), " */")
    assert "unclosed-boneyard" not in codes(closed)

    note = lsp.change(uri, (bob, 0), (bob, 0), "[[ unfinished\n\n")
    assert codes(note)["unclosed-note"] == [bob]


def test_outline_nests_scenes_under_sections_with_number_and_page(lsp: Session) -> None:
    uri = "file:///outline.fountain"
    lsp.open(uri, SCRIPT)
    act_one, act_two = lsp.symbols(uri)
    assert (act_one.name, act_two.name) == ("Act One", "Act Two")
    (morning,) = act_one.children
    assert morning.name == "Morning"
    kitchen, garden = morning.children
    assert kitchen.name == "INT. KITCHEN - DAY"
    assert kitchen.detail.startswith("scene 1 · p. 1 · ")
    assert kitchen.selection_range.start.line == line_of(SCRIPT, "INT. KITCHEN - DAY")
    assert garden.detail.startswith("scene 2 · p. 1")
    (night,) = act_two.children
    assert night.name == "INT. KITCHEN - NIGHT"
    assert night.detail.startswith("scene 3 ")
    # Ranges contain their children, as clients require.
    assert act_one.range.end.line >= garden.range.end.line
    # "# Act Two" belongs to the garden scene in the tree, but the outline shows
    # the scene ending before it, so the act does not sit inside a scene's range.
    assert garden.range.end.line < line_of(SCRIPT, "# Act Two")


def test_outline_lists_notes_under_the_heading_they_follow(lsp: Session) -> None:
    uri = "file:///outline-notes.fountain"
    long_note = "call the location manager about the night shoot " * 3
    text = (
        "[[ before any heading ]]\n\n# Act One\n\n[[ act note ]]\n\n"
        "INT. HOUSE - DAY\n\nShe reads. [[ inline\nover two lines ]] Then stops.\n\n"
        f"MARY\nHello. [[{long_note}]]\n\n/* [[ in the boneyard ]] */\n\n[[]]\n\n"
        "EXT. YARD - NIGHT\n\nRain.\n"
    )
    lsp.open(uri, text)
    prologue, act = lsp.symbols(uri)
    assert (prologue.name, prologue.kind) == ("before any heading", types.SymbolKind.String)
    act_note, house, yard = act.children
    assert (act_note.name, act_note.kind) == ("act note", types.SymbolKind.String)
    assert (
        [n.name for n in house.children]
        == [
            "inline over two lines",  # line breaks folded
            long_note[: NOTE_NAME_LENGTH - 1].strip() + "…",
            "(empty note)",
        ]
    )
    inline = house.children[0]
    assert inline.detail == "note"
    assert inline.selection_range.start.line == line_of(text, "She reads.")
    assert inline.selection_range.start.character == len("She reads. ")
    assert inline.range.end.line == line_of(text, "over two lines")
    assert not yard.children
    # Every note lies inside the range of its parent.
    for parent in (act, house):
        for child in parent.children:
            assert parent.range.start.line <= child.range.start.line
            assert child.range.end.line <= parent.range.end.line


def test_folding_covers_sections_scenes_boneyard_and_notes(lsp: Session) -> None:
    uri = "file:///folds.fountain"
    lsp.open(uri, SCRIPT)
    folds = {(f.start_line, f.end_line, f.kind) for f in lsp.folds(uri)}
    region, comment = types.FoldingRangeKind.Region, types.FoldingRangeKind.Comment
    act_two = line_of(SCRIPT, "# Act Two")
    assert (line_of(SCRIPT, "# Act One"), act_two - 1, region) in folds
    kitchen = line_of(SCRIPT, "INT. KITCHEN - DAY")
    assert any(s == kitchen and k == region for s, _, k in folds)
    boneyard = line_of(SCRIPT, "/* an old bit")
    assert (boneyard, boneyard + 2, comment) in folds
    note = line_of(SCRIPT, "[[ a note")
    assert (note, note + 1, comment) in folds
    inline = line_of(SCRIPT, "She waits. /*")  # a boneyard inside an action paragraph
    assert (inline, inline + 1, comment) in folds


def test_completion_offers_cues_locations_times_and_transitions(lsp: Session) -> None:
    uri = "file:///complete.fountain"
    text = SCRIPT + "\nJO"
    lsp.open(uri, text)
    last = text.count("\n")
    labels = [item.label for item in lsp.complete(uri, last, 2)]
    assert labels[0] == "JOHN"
    assert "JOHM" in labels

    lsp.change(uri, (last, 0), (last, 2), "INT. KIT")
    (place,) = lsp.complete(uri, last, 8)
    assert place.label == "KITCHEN"
    assert place.text_edit.range.start.character == len("INT. ")

    lsp.change(uri, (last, 8), (last, 8), "CHEN - N")
    assert [i.label for i in lsp.complete(uri, last, 16)][:1] == ["NIGHT"]

    lsp.change(uri, (last, 0), (last, 16), "CU")
    assert "CUT TO:" in [item.label for item in lsp.complete(uri, last, 2)]


def test_hover_on_a_heading_gives_page_eighths_and_cast(lsp: Session) -> None:
    uri = "file:///hover.fountain"
    lsp.open(uri, SCRIPT)
    kitchen = line_of(SCRIPT, "INT. KITCHEN - DAY")
    hover = lsp.hover(uri, kitchen, 3)
    assert hover is not None
    text = hover.contents.value
    assert "**Scene 1**" in text and "page 1" in text and "/8" in text
    assert "JOHN, MARY, JOHM" in text
    assert hover.range.start.line == kitchen
    assert lsp.hover(uri, kitchen + 2, 1) is None  # a cue, not a heading


def test_hover_counts_the_scene_up_to_the_next_heading(lsp: Session) -> None:
    uri = "file:///hover-sections.fountain"
    text = (
        "A phone rings.\n\nINT. LAB - NIGHT\n\nANNA\nReady?\n\n## Midpoint\n\n"
        "= It goes wrong.\n\nBOB\nNo. [[day: 4]]\n\nEXT. YARD - DAY\n\nAnna runs.\n"
    )
    found = codes(lsp.open(uri, text))
    assert found["text-before-first-scene"] == [0]
    hover = lsp.hover(uri, line_of(text, "INT. LAB - NIGHT"), 2)
    assert hover is not None
    value = hover.contents.value
    assert "Cast: ANNA, BOB" in value  # BOB speaks after the section: still the lab
    assert "NIGHT" in value and "day 4" in value
    yard = lsp.hover(uri, line_of(text, "EXT. YARD - DAY"), 2)
    assert yard is not None and "There without a line: ANNA" in yard.contents.value


def test_positions_count_utf16_units_for_non_bmp_text(lsp: Session) -> None:
    uri = "file:///emoji.fountain"
    text = "INT. CAFÉ 😀 - DAY\n\n민지\n안녕 😀 하세요.\n"
    lsp.open(uri, text)
    (scene,) = lsp.symbols(uri)
    # 😀 is two UTF-16 units: the heading is 18 units long, 17 code points.
    assert scene.selection_range.end.character == 18
    # An edit after the emoji lands where the client means it.
    lsp.change(uri, (0, 18), (0, 18), " #7#")
    (scene,) = lsp.symbols(uri)
    assert scene.detail.startswith("scene 7 ")


def test_many_incremental_edits_keep_the_server_in_sync(lsp: Session) -> None:
    uri = "file:///sync.fountain"
    lsp.open(uri, SCRIPT)
    lines = SCRIPT.split("\n")
    rng = random.Random(5)
    pieces = ["x", "\n", "\n\nINT. HALL - DAY\n\n", "ANN\n", "^", "", "# Part\n\n", "."]
    for _ in range(40):
        line = rng.randrange(len(lines))
        column = rng.randrange(len(lines[line]) + 1)
        end_column = min(len(lines[line]), column + rng.choice([0, 1, 3]))
        piece = rng.choice(pieces)
        lsp.change(uri, (line, column), (line, end_column), piece)
        edited = lines[line][:column] + piece + lines[line][end_column:]
        lines[line : line + 1] = edited.split("\n")
    final = "\n".join(lines)
    incremental = lsp.symbols(uri)
    # The server never had to fall back on pygls's copy of the text.
    assert not [m for m in lsp.log if "out of step" in m]
    lsp.open("file:///sync-fresh.fountain", final)
    assert incremental == lsp.symbols("file:///sync-fresh.fountain")
    assert (
        lsp.diagnostics[uri].diagnostics
        == lsp.diagnostics["file:///sync-fresh.fountain"].diagnostics
    )


def test_whole_document_changes_and_close(lsp: Session) -> None:
    uri = "file:///whole.fountain"
    lsp.open(uri, "INT. A - DAY\n\nText.\n")
    replaced = lsp.replace(uri, "CUT TO:\n\nINT. B - DAY\n\nText.\n")
    assert codes(replaced) == {"transition-at-start": [0]}
    assert [s.name for s in lsp.symbols(uri)] == ["INT. B - DAY"]
    lsp.call(
        lsp.client.text_document_did_close,
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)),
    )
    with lsp.published:
        assert lsp.published.wait_for(
            lambda: lsp.diagnostics[uri].version is None and not lsp.diagnostics[uri].diagnostics,
            timeout=30,
        )
    assert lsp.symbols(uri) == []


def test_crlf_documents_stay_in_step(lsp: Session) -> None:
    uri = "file:///crlf.fountain"
    text = "INT. A - DAY\r\n\r\nJOHN\r\nHi.\r\n\r\nEXT. B - NIGHT\r\n\r\nText.\r\n"
    lsp.open(uri, text)
    lsp.change(uri, (3, 3), (3, 3), " there")
    lsp.change(uri, (5, 0), (5, 0), "\r\n\r\nINT. C - DAY\r\n\r\n")
    names = [s.name for s in lsp.symbols(uri)]
    assert names == ["INT. A - DAY", "INT. C - DAY", "EXT. B - NIGHT"]
    assert not [m for m in lsp.log if "out of step" in m]
