"""Breakdown of a ~120-page script: the whole command per format, and where the time goes.

Run from the repository root::

    python benchmarks/bench_breakdown.py [--runs 7] [--pages 120]

The input is built by benchmarks/corpus.py (the sample scripts repeated, one
title page, scenes renumbered) to about ``--pages`` pages of fountainkit's own
layout. Part 1 times ``fountainkit breakdown SCRIPT -f FORMAT -o OUT`` as a
user runs it (interpreter start-up, imports, parse, layout, analysis, writing),
the formats and a bare ``python -c pass`` (the floor) interleaved run by run
so machine noise hits them alike; the figure is the median. Part 2 splits one
in-process breakdown into its stages (median of the same number of runs,
after one warm-up).

Side-by-side timings against the peers (afterwriting's Stats page is the
nearest thing to a breakdown) are in benchmarks/run.py. Not a test: nothing
here fails.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

FORMATS = ("yaml", "json", "csv", "html")
ROWS = (*FORMATS, "startup")


def layout_pages(text: str) -> int:
    from fountainkit import parse
    from fountainkit.layout import paginate

    return paginate(parse(text)).page_count


def build_input(folder: Path, pages: int) -> Path:
    import corpus

    text = corpus.concatenate(corpus.units_for(pages, layout_pages))
    path = folder / f"breakdown_{pages}p.fountain"
    path.write_text(text, encoding="utf-8")
    return path


def whole_command(script: Path, row: str, out: Path) -> float:
    if row == "startup":  # the bare interpreter: the floor under every command
        argv = [sys.executable, "-c", "pass"]
    else:
        argv = [sys.executable, "-m", "fountainkit", "breakdown", str(script), "-f", row]
        argv += ["-o", str(out)]
    start = time.perf_counter()
    subprocess.run(argv, check=True, cwd=REPO, capture_output=True)
    return time.perf_counter() - start


def median_time(func: Callable[[], object], runs: int) -> float:
    func()  # warm-up: grammar cache, template compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=120)
    args = parser.parse_args()

    from fountainkit import parse
    from fountainkit.breakdown.core import breakdown
    from fountainkit.breakdown.eighths import page_map
    from fountainkit.breakdown.reports import render

    with tempfile.TemporaryDirectory(prefix="fk-bench-breakdown-") as tmp:
        folder = Path(tmp)
        script = build_input(folder, args.pages)
        text = script.read_text(encoding="utf-8")
        screenplay = parse(text)
        result = breakdown(screenplay)
        print(
            f"input: {result.pages} pages (US letter layout), {len(result.scenes)} scenes, "
            f"{len(text.encode()):,} bytes; {args.runs} runs each, median"
        )

        times: dict[str, list[float]] = {row: [] for row in ROWS}
        for run in range(args.runs):
            order = ROWS[run % len(ROWS) :] + ROWS[: run % len(ROWS)]
            for row in order:
                times[row].append(whole_command(script, row, folder / f"out.{row}"))
        print("\n1. whole command: fountainkit breakdown SCRIPT -f FORMAT -o OUT")
        for row in ROWS:
            label = "python -c pass" if row == "startup" else row
            print(f"   {label:15} {statistics.median(times[row]):6.3f} s")

        measured = page_map(screenplay)
        stages = {
            "parse": lambda: parse(text),
            "layout (page map)": lambda: page_map(screenplay),
            "analysis": lambda: breakdown(screenplay, scene_pages=measured),
            "write yaml": lambda: render(result, "yaml"),
            "write json": lambda: render(result, "json"),
        }
        print("\n2. in-process stages")
        for name, func in stages.items():
            print(f"   {name:18} {median_time(func, args.runs) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
