"""Schedule reports on a ~120-page feature: every report and format, and the suggestion.

Run from the repository root::

    python benchmarks/bench_schedule.py [--runs 5] [--pages 120]

The feature is benchmarks/schedule_feature.py's generated screenplay (190
scenes over about 35 sets, about 50 speaking parts from leads to day players,
about 120 pages); its schedule is the one ``--suggest`` proposes, so every
scene is on a day. The same script with twice the scenes shows how the
report time grows.

Part 1 times ``fountainkit schedule SCRIPT --days FILE --report R -f F -o OUT``
as a user runs it (interpreter start-up, parse, layout, breakdown, report),
every combination and a bare ``python -c pass`` interleaved run by run; the
figure is the median. Part 2 times the report alone in-process (the schedule
and strips built once), median after a warm-up. Part 3 measures the
suggestion: total cast work + hold days against shooting in script order, on
the sample script and on the feature, at several pages per day. Not a test:
nothing here fails.
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
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

REPORTS = ("stripboard", "one-liner", "dood")
FORMATS = ("html", "pdf", "csv", "json")
SAMPLE = REPO / "scripts_sample" / "seoul_sessions.fountain"


def strips_of(path: Path):
    from fountainkit import parse
    from fountainkit.breakdown.core import breakdown
    from fountainkit.production.from_breakdown import strips_from_breakdown

    return strips_from_breakdown(breakdown(parse(path.read_text(encoding="utf-8"))))


def median(func, runs: int, clock=time.perf_counter) -> float:
    """Median of ``runs`` timings of ``func`` after a warm-up (wall clock by default)."""
    func()
    times = []
    for _ in range(runs):
        start = clock()
        func()
        times.append(clock() - start)
    return statistics.median(times)


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def whole_commands(
    script: Path, days: Path, out: Path, runs: int
) -> dict[str, tuple[float, float]]:
    """Per command: (median wall seconds, median CPU seconds of the process)."""
    rows = [(r, f) for r in REPORTS for f in FORMATS] + [("startup", "")]
    times: dict[str, list[float]] = {f"{r} {f}".strip(): [] for r, f in rows}
    cpu: dict[str, list[float]] = {key: [] for key in times}
    for _ in range(runs):
        for report, fmt in rows:
            if report == "startup":
                argv = [sys.executable, "-c", "pass"]
            else:
                argv = [sys.executable, "-m", "fountainkit", "schedule", str(script),
                        "--days", str(days), "--report", report, "-f", fmt, "-o",
                        str(out / f"{report}.{fmt}")]  # fmt: skip
            start, used = time.perf_counter(), _children_cpu()
            subprocess.run(argv, check=True, capture_output=True)
            times[f"{report} {fmt}".strip()].append(time.perf_counter() - start)
            cpu[f"{report} {fmt}".strip()].append(_children_cpu() - used)
    return {key: (statistics.median(times[key]), statistics.median(cpu[key])) for key in times}


def breakdown_command(script: Path, out: Path, runs: int) -> tuple[float, float]:
    argv = [sys.executable, "-m", "fountainkit", "breakdown", str(script), "-f", "json",
            "-o", str(out / "breakdown.json")]  # fmt: skip
    walls, cpus = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), _children_cpu()
        subprocess.run(argv, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - used)
    return statistics.median(walls), statistics.median(cpus)


def suggestion_rows(label: str, strips) -> list[str]:
    from fountainkit.production.suggest import script_order_days, suggest_days, total_paid_days

    rows = []
    for pages in (3, 5, 8):
        start = time.process_time()
        days = suggest_days(strips, pages)
        took = time.process_time() - start
        base = script_order_days(strips, pages)
        ours, theirs = total_paid_days(days), total_paid_days(base)
        saved = 100 * (theirs - ours) / theirs if theirs else 0.0
        rows.append(
            f"| {label} | {pages} | {len(days)} / {len(base)} | {ours} | {theirs} | "
            f"{saved:.0f} % | {took * 1000:.0f} ms |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import schedule_feature

    from fountainkit import parse
    from fountainkit.layout import paginate
    from fountainkit.production.reports import render
    from fountainkit.production.schedule import build_schedule
    from fountainkit.production.schedule_file import parse_schedule
    from fountainkit.production.settings import ScheduleSettings
    from fountainkit.production.suggest import schedule_yaml, suggest_days

    folder = Path(tempfile.mkdtemp(prefix="fountainkit-schedule-bench-"))
    inputs = {}
    for label, scenes in (
        ("feature", schedule_feature.SCENES),
        ("double", 2 * schedule_feature.SCENES),
    ):
        text = schedule_feature.feature_text(scenes=scenes)
        script = folder / f"{label}.fountain"
        script.write_text(text, encoding="utf-8")
        strips = strips_of(script)
        days_text = schedule_yaml(suggest_days(strips, 5))
        days = folder / f"{label}_days.yaml"
        days.write_text(days_text, encoding="utf-8")
        schedule = build_schedule(parse_schedule(days_text), strips)
        pages = paginate(parse(text)).page_count
        inputs[label] = (script, days, strips, schedule, pages)
        print(f"{label}: {pages} pages, {len(strips.strips)} scenes, {len(strips.cast)} cast "
              f"with IDs, {len(schedule.days)} shoot days")  # fmt: skip
    script, days, strips, schedule, pages = inputs["feature"]

    print("\nPart 1: whole command, median of", args.runs, "runs (seconds of wall clock and CPU)")
    for key, (wall, cpu) in whole_commands(script, days, folder, args.runs).items():
        print(f"  {key:<18} wall {wall:6.2f}   cpu {cpu:6.2f}")
    print("  for comparison, the breakdown the reports are built on:")
    wall, cpu = breakdown_command(script, folder, args.runs)
    print(f"  {'breakdown json':<18} wall {wall:6.2f}   cpu {cpu:6.2f}")

    print("\nPart 2: the report alone, in-process, median of", args.runs, "runs (seconds):")
    print("  CPU seconds for the feature, then wall seconds for the feature and its double")
    settings = ScheduleSettings()
    double = inputs["double"][3]
    for report in REPORTS:
        for fmt in FORMATS:

            def one(r=report, f=fmt):
                return render(schedule, r, f, settings)

            def two(r=report, f=fmt):
                return render(double, r, f, settings)

            cpu = median(one, args.runs, time.process_time)
            print(f"  {report + ' ' + fmt:<18} cpu {cpu:6.3f}   wall {median(one, args.runs):6.3f}"
                  f"   double {median(two, args.runs):6.3f}")  # fmt: skip

    print("\nPart 3: suggested schedule against script order (cast work + hold days)")
    print("| script | pages/day | days (ours / script order) | work+hold, suggested | "
          "work+hold, script order | saved | CPU time |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for row in suggestion_rows("seoul_sessions", strips_of(SAMPLE)) + suggestion_rows(
        f"feature ({pages} p.)", strips
    ):
        print(row)


if __name__ == "__main__":
    main()
