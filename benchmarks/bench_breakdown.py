"""Breakdown of a feature-shaped script, side by side with ``fountainkit pdf`` of the same script.

Run from the repository root::

    python benchmarks/bench_breakdown.py [--runs 5] [--source generated|public-domain]

The default input is ``benchmarks/feature.py``'s generated feature: 190
scenes, 50 speaking parts, about 250 capitalised names in the action, every
heading style (the public-domain inputs have casts of a handful and hid costs
that grow with the number of names). ``--double`` adds a second input of the
same shape and twice the size, to show the cost grows linearly.

Part 1 times whole commands as a user runs them (interpreter start-up,
imports, parse, layout, analysis, writing): ``fountainkit pdf SCRIPT`` (the
yardstick: the breakdown must cost less than printing the script),
``fountainkit breakdown SCRIPT -f FORMAT`` for every format, and a bare
``python -c pass`` (the floor), interleaved run by run so machine noise hits
them alike; the figure is the median, with the peak RSS of the process
(GNU time's maximum resident set size). Part 2 splits one in-process breakdown
into its stages. Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import re
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

FORMATS = ("yaml", "json", "csv", "html", "pdf")
ROWS = ("pdf command", *FORMATS, "startup")
TIME = Path("/usr/bin/time")


def layout_pages(text: str) -> int:
    from fountainkit import parse
    from fountainkit.layout import paginate

    return paginate(parse(text)).page_count


def build_input(folder: Path, source: str, copies: int) -> Path:
    import corpus

    if source == "generated":
        text = corpus.generated_feature(copies)
    else:
        text = corpus.concatenate(corpus.units_for(120, layout_pages, source) * copies, source)
    path = folder / f"breakdown_{source}_x{copies}.fountain"
    path.write_text(text, encoding="utf-8")
    return path


def whole_command(script: Path, row: str, out: Path) -> tuple[float, float | None, float | None]:
    """(wall seconds, peak RSS in MB, CPU seconds: user + system) of one run; the last two
    are None without GNU time."""
    if row == "startup":  # the bare interpreter: the floor under every command
        argv = [sys.executable, "-c", "pass"]
    elif row == "pdf command":
        argv = [sys.executable, "-m", "fountainkit", "pdf", str(script), "-o", str(out), "--force"]
    else:
        argv = [sys.executable, "-m", "fountainkit", "breakdown", str(script), "-f", row]
        argv += ["-o", str(out), "--force"]
    rss_file = out.with_suffix(".rss")
    if TIME.exists():
        argv = [str(TIME), "-f", "%M %U %S", "-o", str(rss_file), *argv]
    start = time.perf_counter()
    subprocess.run(argv, check=True, cwd=REPO, capture_output=True)
    elapsed = time.perf_counter() - start
    if not rss_file.exists():
        return elapsed, None, None
    match = re.search(r"(\d+) ([\d.]+) ([\d.]+)\s*$", rss_file.read_text())
    if match is None:
        return elapsed, None, None
    return elapsed, int(match.group(1)) / 1024, float(match.group(2)) + float(match.group(3))


def median_time(func: Callable[[], object], runs: int) -> float:
    func()  # warm-up: grammar cache, template compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(script: Path, folder: Path, runs: int) -> None:
    from fountainkit import parse
    from fountainkit.breakdown import breakdown
    from fountainkit.breakdown.eighths import page_map
    from fountainkit.breakdown.reports import render

    text = script.read_text(encoding="utf-8")
    screenplay = parse(text)
    result = breakdown(screenplay)
    names = len({s.name for s in result.suggestions}) + len(result.cast)
    print(
        f"\ninput {script.name}: {result.pages} pages (US letter), {len(result.scenes)} scenes, "
        f"{len(result.speaking_cast)} speaking parts, {names} names in cast and suggestions, "
        f"{len(text.encode()):,} bytes; {runs} runs each, median"
    )
    times: dict[str, list[float]] = {row: [] for row in ROWS}
    peaks: dict[str, list[float]] = {row: [] for row in ROWS}
    cpu: dict[str, list[float]] = {row: [] for row in ROWS}
    for run in range(runs):
        order = ROWS[run % len(ROWS) :] + ROWS[: run % len(ROWS)]
        for row in order:
            suffix = "pdf" if row == "pdf command" else row
            seconds, peak, used = whole_command(script, row, folder / f"out-{suffix}.{suffix}")
            times[row].append(seconds)
            if peak is not None and used is not None:
                peaks[row].append(peak)
                cpu[row].append(used)
    print("\n1. whole command: wall time, CPU time (user + system), peak RSS of the process")
    reference = statistics.median(times["pdf command"])
    for row in ROWS:
        label = {"startup": "python -c pass", "pdf command": "fountainkit pdf"}.get(
            row, f"breakdown -f {row}"
        )
        median = statistics.median(times[row])
        peak = f"{max(peaks[row]):6.0f} MB" if peaks[row] else "      -"
        used = f"{statistics.median(cpu[row]):6.3f} s cpu" if cpu[row] else "          -"
        ratio = f"{median / reference:5.2f}x pdf" if row != "pdf command" else ""
        print(f"   {label:22} {median:6.3f} s  {used}  {peak}  {ratio}")

    measured = page_map(screenplay)
    stages = {
        "parse": lambda: parse(text),
        "layout (page map)": lambda: page_map(screenplay),
        "analysis": lambda: breakdown(screenplay, scene_pages=measured),
        "write yaml": lambda: render(result, "yaml"),
        "write csv": lambda: render(result, "csv"),
        "write pdf": lambda: render(result, "pdf"),
    }
    print("\n2. in-process stages")
    for name, func in stages.items():
        print(f"   {name:18} {median_time(func, runs) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--source",
        choices=("generated", "public-domain", "samples"),
        default="generated",
        help="generated feature (default), or the repeated corpus scripts",
    )
    parser.add_argument("--double", action="store_true", help="also measure twice the size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fk-bench-breakdown-") as tmp:
        folder = Path(tmp)
        for copies in (1, 2) if args.double else (1,):
            measure(build_input(folder, args.source, copies), folder, args.runs)


if __name__ == "__main__":
    main()
