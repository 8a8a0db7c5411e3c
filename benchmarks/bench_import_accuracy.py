"""Import accuracy: each corpus script printed by each tool, read back, compared
with its Fountain source (the table in docs/import.md).

    python benchmarks/bench_import_accuracy.py               # prints the table
    python benchmarks/bench_import_accuracy.py --write-doc   # also updates docs/import.md

Rows: the feature-length public-domain scripts printed by fountainkit (both
engines, Letter and A4), screenplain and afterwriting (US letter, as in
run.py's pdf task); then every ``.fountain`` file of the shared corpus printed
by fountainkit (direct, Letter), screenplain and afterwriting. Measures
(``fountainkit.readers.accuracy``): the share of the source's printed lines
whose every word comes back in order with the same element type; whether the
breakdown finds as many scenes; whether it finds the same speaking cast in
each scene. A script a tool cannot print, or whose PDF cannot be read, counts
as wrong on every measure (and is listed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402

REPO = peers.REPO
sys.path.insert(0, str(REPO))
DOC = REPO / "docs" / "import.md"
DOC_START = "<!-- import-accuracy:start -->"
DOC_END = "<!-- import-accuracy:end -->"


@dataclass
class Row:
    """One tool and setting over a set of scripts."""

    label: str
    scripts: str
    correct: int = 0
    total: int = 0
    same_scenes: int = 0
    same_cast: int = 0
    count: int = 0
    failures: list[str] = field(default_factory=list)

    def cells(self) -> list[str]:
        share = f"{100 * self.correct / self.total:.1f} %" if self.total else "-"
        return [
            self.label,
            self.scripts,
            f"{self.correct}/{self.total} ({share})",
            f"{self.same_scenes}/{self.count}",
            f"{self.same_cast}/{self.count}",
        ]


def corpus_dir() -> Path:
    return Path(os.environ.get("FOUNTAINKIT_SHARED", REPO.parent / "shared")) / "corpus"


def own_pdf(source, paper: str, engine: str) -> bytes:
    from fountainkit.layout import LayoutSettings, paginate
    from fountainkit.pdf.render import render_pdf

    return render_pdf(source, paginate(source, LayoutSettings(paper=paper)), engine=engine)


def peer_pdf(tool: peers.Contender, script: Path, out: Path) -> bytes | None:
    target = out / f"{script.stem}.{tool.name}.pdf"
    target.unlink(missing_ok=True)
    done = peers.run_process(tool.pdf_argv(script, target))
    if done.returncode != 0 or not target.exists():
        return None
    return target.read_bytes()


def measure(row: Row, script: Path, source, pdf: bytes | None) -> None:
    from fountainkit.readers import ReaderError, read_bytes
    from fountainkit.readers.accuracy import cast_by_scene, line_type_accuracy, typed_lines

    row.count += 1
    lines = sum(1 for _, text in typed_lines(source) if text.split())
    if pdf is None:
        row.total += lines
        row.failures.append(f"{script.name}: not printed")
        return
    try:
        back = read_bytes(pdf, f"{script.stem}.pdf").screenplay
    except ReaderError as exc:
        row.total += lines
        row.failures.append(f"{script.name}: {str(exc).partition(': ')[2]}")
        return
    accuracy = line_type_accuracy(source, back)
    row.correct += accuracy.correct
    row.total += accuracy.total
    ours, theirs = cast_by_scene(back), cast_by_scene(source)
    row.same_scenes += len(ours) == len(theirs)
    row.same_cast += ours == theirs


def run(out: Path) -> tuple[list[Row], list[str]]:
    from fountainkit import parse
    from fountainkit.syntax.source import read_script

    found, _ = peers.peers()
    tools = [t for t in found if t.pdf_argv is not None]
    versions = {t.name: t.version for t in tools}
    corpus = corpus_dir()
    features = sorted((corpus / "public-domain").glob("*.fountain"))
    everything = sorted(corpus.rglob("*.fountain"))
    two = f"{len(features)} feature scripts (public-domain)"
    rows: list[Row] = []
    for engine in ("direct", "weasyprint"):
        for paper in ("letter", "a4"):
            row = Row(f"fountainkit, {paper.title()}, {engine}", two)
            for script in features:
                source = parse(read_script(script))
                measure(row, script, source, own_pdf(source, paper, engine))
            rows.append(row)
    for tool in tools:
        row = Row(f"{tool.name} {tool.version}", two)
        for script in features:
            measure(row, script, parse(read_script(script)), peer_pdf(tool, script, out))
        rows.append(row)
    whole = f"all {len(everything)} corpus files"
    corpus_rows = [Row("fountainkit, Letter, direct", whole)]
    corpus_rows += [Row(tool.name, whole) for tool in tools]
    for script in everything:
        source = parse(read_script(script))
        measure(corpus_rows[0], script, source, own_pdf(source, "letter", "direct"))
        for row, tool in zip(corpus_rows[1:], tools, strict=True):
            measure(row, script, source, peer_pdf(tool, script, out))
    notes = [f"{name} {version}" for name, version in versions.items()]
    return rows + corpus_rows, notes


def table(rows: list[Row]) -> str:
    head = [
        "| PDF made by | scripts | lines typed alike | same scene count "
        "| same speaking cast per scene |",
        "|---|---|---|---|---|",
    ]
    body = ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(head + body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-doc", action="store_true", help="update docs/import.md")
    args = parser.parse_args()
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="fountainkit-accuracy-") as folder:
        rows, tools = run(Path(folder))
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    failures = [f"- {row.label}: {failure}" for row in rows for failure in row.failures]
    block = "\n".join(
        [
            f"Measured {when} with `python benchmarks/bench_import_accuracy.py` "
            f"({', '.join(tools) or 'no peers installed'}):",
            "",
            table(rows),
            *(["", "Not printed or not read:", "", *failures] if failures else []),
        ]
    )
    print(block)
    print(f"(load average at start {load})", file=sys.stderr)
    if args.write_doc:
        text = DOC.read_text(encoding="utf-8")
        new = f"{DOC_START}\n{block}\n{DOC_END}"
        pattern = re.escape(DOC_START) + r".*?" + re.escape(DOC_END)
        DOC.write_text(re.sub(pattern, lambda _: new, text, flags=re.S), encoding="utf-8")
        print(f"wrote {DOC.relative_to(REPO)}")


if __name__ == "__main__":
    main()
