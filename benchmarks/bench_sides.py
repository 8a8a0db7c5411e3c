"""Sides of three scenes from a ~120-page feature, against the full script's PDF.

Run from the repository root::

    python benchmarks/bench_sides.py [--runs 5]

The feature is benchmarks/feature.py's generated screenplay (190 scenes,
about 120 pages); its double (380 scenes) shows how the time grows with the
script. Each command runs as a user runs it (interpreter start-up, parse,
the whole layout, painting), the commands interleaved run by run; the
figures are medians of wall-clock and of the process's CPU seconds. Sides lay
out the whole script (the page breaks must be the full PDF's) but paint only
the few pages kept. Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

SCENES = "60,61,62"


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def commands(script: Path, out: Path) -> dict[str, list[str]]:
    run = [sys.executable, "-m", "fountainkit"]
    return {
        "startup (python -c pass)": [sys.executable, "-c", "pass"],
        "pdf (whole script)": [*run, "pdf", str(script), "-o", str(out / "full.pdf")],
        f"sides --scenes {SCENES}": [
            *run, "sides", str(script), "--scenes", SCENES, "-o", str(out / "sides.pdf"),
        ],
        f"sides --scenes {SCENES} --2up": [
            *run, "sides", str(script), "--scenes", SCENES, "--2up", "-o", str(out / "2up.pdf"),
        ],
    }  # fmt: skip


def measure(argvs: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    walls: dict[str, list[float]] = {key: [] for key in argvs}
    cpus: dict[str, list[float]] = {key: [] for key in argvs}
    for _ in range(runs):
        for key, argv in argvs.items():
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run(argv, check=True, capture_output=True)
            walls[key].append(time.perf_counter() - start)
            cpus[key].append(_children_cpu() - used)
    return {key: (statistics.median(walls[key]), statistics.median(cpus[key])) for key in argvs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import feature

    from fountainkit import parse
    from fountainkit.layout import paginate

    folder = Path(tempfile.mkdtemp(prefix="fountainkit-sides-bench-"))
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    for label, scenes in (("feature", feature.SCENES), ("double", 2 * feature.SCENES)):
        text = feature.feature_script(scenes=scenes)
        script = folder / f"{label}.fountain"
        script.write_text(text, encoding="utf-8")
        pages = paginate(parse(text)).page_count
        print(f"\n{label}: {pages} pages, {scenes} scenes; median of {args.runs} runs")
        for key, (wall, cpu) in measure(commands(script, folder), args.runs).items():
            print(f"  {key:<32} wall {wall:6.2f} s   cpu {cpu:6.2f} s")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
