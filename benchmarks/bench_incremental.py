"""Edit latency in a ~120-page script: incremental re-parse against a full re-parse.

What an editor waits for after a keystroke is the parse plus the diagnostics.
This benchmark builds the ~120-page script of benchmarks/corpus.py (the
original samples repeated), applies a few hundred single-character edits in
its middle third (typing a letter, deleting one: the text keeps its size),
and times, per edit:

* incremental: ``IncrementalDocument.edit`` + the language server's
  diagnostics (``ScriptAnalysis.diagnostics``, per-chunk lint cached);
* full: ``parse(text)`` + ``lint(text, screenplay)`` on the same text.

Then the worst kind of edit, typing ``/*`` mid-script and removing it (it can
hide text up to the next ``*/``, so more is re-parsed); and, over real stdio
with pygls's client, one ``didChange`` until its ``publishDiagnostics`` arrives
(the editor's view, JSON-RPC included), and the first outline request after an
edit (it lays the whole script out for page numbers).

Run from the repository root::

    python benchmarks/bench_incremental.py            # 300 edits, 40 full parses
    python benchmarks/bench_incremental.py --edits 100 --no-lsp
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import concatenate, units_for  # noqa: E402

from fountainkit.layout import paginate  # noqa: E402
from fountainkit.lsp.analysis import ScriptAnalysis  # noqa: E402
from fountainkit.lsp.lint import lint  # noqa: E402
from fountainkit.syntax.parse import parse  # noqa: E402

TARGET_MS = 20.0
LETTERS = "etaoinshrdlu ETAOIN.,"


def feature_script() -> tuple[str, int]:
    """The ~120-page input and its page count by fountainkit's own layout."""

    def pages(text: str) -> int:
        return paginate(parse(text)).page_count

    text = concatenate(units_for(120, pages))
    return text, pages(text)


def planned_edits(text: str, count: int, seed: int) -> list[tuple[int, int, str]]:
    """(start, end, inserted) for alternating type/backspace edits in the middle third."""
    rng = random.Random(seed)
    edits: list[tuple[int, int, str]] = []
    low, high = len(text) // 3, 2 * len(text) // 3
    for _ in range(count // 2):
        at = rng.randrange(low, high)
        edits.append((at, at, rng.choice(LETTERS)))  # type a character
        edits.append((at, at + 1, ""))  # and delete it again
    return edits


def marker_edits(text: str, count: int, seed: int) -> list[tuple[int, int, str]]:
    """The worst kind of edit: typing ``/*`` mid-script (and removing it again).

    It may hide everything up to the next ``*/``, so the re-parsed slice runs
    from the edit to the next boneyard's end (see fountainkit/syntax/incremental.py).
    """
    rng = random.Random(seed)
    edits: list[tuple[int, int, str]] = []
    low, high = len(text) // 3, 2 * len(text) // 3
    for _ in range(count // 2):
        at = text.rfind("\n", 0, rng.randrange(low, high)) + 1  # at a line start
        edits.append((at, at, "/*"))
        edits.append((at, at + 2, ""))
    return edits


def ms(seconds: float) -> float:
    return seconds * 1000.0


def time_incremental(text: str, edits: list[tuple[int, int, str]]) -> tuple[list[float], int]:
    analysis = ScriptAnalysis(text)
    analysis.diagnostics()
    timings: list[float] = []
    full_fallbacks = 0
    for start, end, inserted in edits:
        began = time.perf_counter()
        result = analysis.document.edit(start, end, inserted)
        analysis.diagnostics()
        timings.append(ms(time.perf_counter() - began))
        full_fallbacks += result.full
    return timings, full_fallbacks


def time_full(text: str, edits: list[tuple[int, int, str]], count: int) -> list[float]:
    timings: list[float] = []
    for start, end, inserted in edits[:count]:
        text = text[:start] + inserted + text[end:]
        began = time.perf_counter()
        lint(text, parse(text))
        timings.append(ms(time.perf_counter() - began))
    return timings


def time_lsp(text: str, edits: list[tuple[int, int, str]]) -> tuple[list[float], float]:
    """didChange -> publishDiagnostics round trips, and one outline request after an edit."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    def position(offset: int, current: str) -> types.Position:
        line = current.count("\n", 0, offset)
        return types.Position(line, offset - (current.rfind("\n", 0, offset) + 1))

    async def session() -> tuple[list[float], float]:
        client = LanguageClient("bench", "1")
        arrived: asyncio.Queue[float] = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            arrived.put_nowait(time.perf_counter())

        await client.start_io(sys.executable, "-m", "fountainkit", "lsp")
        await client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities())
        )
        client.initialized(types.InitializedParams())
        uri = "file:///bench.fountain"
        item = types.TextDocumentItem(uri=uri, language_id="fountain", version=1, text=text)
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        await arrived.get()
        current = text
        timings: list[float] = []
        for version, (start, end, inserted) in enumerate(edits, start=2):
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=position(start, current), end=position(end, current)),
                text=inserted,
            )
            current = current[:start] + inserted + current[end:]
            began = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[change],
                )
            )
            timings.append(ms(await arrived.get() - began))
        began = time.perf_counter()
        await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        outline = ms(time.perf_counter() - began)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return timings, outline

    return asyncio.run(session())


def summary(label: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return (
        f"{label:<44} median {statistics.median(timings):8.2f} ms   p90 {p90:8.2f} ms"
        f"   max {ordered[-1]:8.2f} ms   (n={len(timings)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=300, help="single-character edits")
    parser.add_argument("--full", type=int, default=40, help="full re-parses to time")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-lsp", action="store_true", help="skip the stdio round trips")
    parser.add_argument("--keep", type=Path, default=None, help="write the input here")
    args = parser.parse_args()

    text, pages = feature_script()
    path = args.keep or Path(tempfile.mkdtemp(prefix="fountainkit-bench-")) / "feature.fountain"
    path.write_text(text, encoding="utf-8")
    scenes = sum(1 for _ in parse(text).scenes())
    print(f"input: {pages} pages, {scenes} scenes, {len(text)} characters ({path})")
    edits = planned_edits(text, args.edits, args.seed)

    incremental, fallbacks = time_incremental(text, edits)
    full = time_full(text, edits, args.full)
    print(summary("incremental edit + diagnostics", incremental))
    print(summary("full parse + lint", full))
    ratio = statistics.median(full) / statistics.median(incremental)
    print(f"ratio (full / incremental, medians): {ratio:.1f}x")
    print(f"edits that re-parsed the whole script: {fallbacks} of {len(edits)}")
    verdict = "meets" if statistics.median(incremental) < TARGET_MS else "MISSES"
    print(f"target < {TARGET_MS:.0f} ms per edit: {verdict}")
    hiding, _ = time_incremental(text, marker_edits(text, 40, args.seed))
    print(summary("incremental, typing/removing '/*' (worst)", hiding))
    if not args.no_lsp:
        round_trips, outline = time_lsp(text, edits[: min(len(edits), 100)])
        print(summary("LSP didChange -> publishDiagnostics (stdio)", round_trips))
        print(f"{'LSP documentSymbol after an edit (layout)':<44} {outline:8.2f} ms")


if __name__ == "__main__":
    main()
