"""Import speed: a ~120-page PDF (and its FDX) read into the model, side by side
with the PDFs screenplain and afterwriting make of the same script.

    python benchmarks/bench_import.py [--repeats 5] [--sizes 120,1000]

Each PDF is made once (fountainkit's own with --engine direct; the peers'
when installed, see peers.py), then read with ``fountainkit.readers.read_path``
in this process: one warm-up, then the median of ``--repeats`` runs. The
target (docs/import.md) is under 2 s for a 120-page PDF.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import peers  # noqa: E402

REPO = peers.REPO
sys.path.insert(0, str(REPO))


def make_inputs(script: Path, out: Path) -> dict[str, Path]:
    from fountainkit import parse
    from fountainkit.layout import paginate
    from fountainkit.pdf.render import render_pdf
    from fountainkit.syntax.source import read_script
    from fountainkit.writers.fdx import to_fdx

    source = parse(read_script(script))
    made = {"fountainkit PDF": out / f"{script.stem}.fk.pdf", "FDX": out / f"{script.stem}.fdx"}
    made["fountainkit PDF"].write_bytes(render_pdf(source, paginate(source), engine="direct"))
    made["FDX"].write_text(to_fdx(source))
    screenplain = REPO / "benchmarks" / ".venv-peers" / "bin" / "screenplain"
    if screenplain.exists():
        target = out / f"{script.stem}.screenplain.pdf"
        subprocess.run([str(screenplain), "--format", "pdf", str(script), str(target)], check=False)
        if target.exists():
            made["screenplain PDF"] = target
    afterwriting = peers.afterwriting_command() if hasattr(peers, "afterwriting_command") else None
    argv = afterwriting or ["afterwriting"]
    target = out / f"{script.stem}.afterwriting.pdf"
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        subprocess.run(
            [
                *argv,
                "--source",
                str(script),
                "--pdf",
                str(target),
                "--overwrite",
                "--setting",
                "print_profile=usletter",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if target.exists():
        made["afterwriting PDF"] = target
    return made


def time_reads(path: Path, repeats: int) -> tuple[float, int]:
    from fountainkit.readers import read_path

    read_path(path)  # warm-up: imports, PDFium start-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = read_path(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(list(result.screenplay.scenes()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sizes", default="120", help="comma-separated page targets")
    args = parser.parse_args()
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        inputs = corpus.build_inputs(out) if hasattr(corpus, "build_inputs") else None
        scripts = [i for i in (inputs or []) if str(i.label).split()[0].lstrip("~") in args.sizes]
        if not scripts:
            scripts = (inputs or [])[:1]
        print("| input | pages | scenes | read (s) |")
        print("|---|---|---|---|")
        for item in scripts:
            for label, path in make_inputs(item.path, out).items():
                seconds, scenes = time_reads(path, args.repeats)
                pages = len(PdfReader(path).pages) if path.suffix == ".pdf" else "-"
                print(f"| {item.label} {label} | {pages} | {scenes} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
