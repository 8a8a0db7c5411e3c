"""PDF of a ~120-page script, whole process, against screenplain and afterwriting.

Peers are installed outside the project (never into its requirements):

    python -m venv benchmarks/.venv-peers
    benchmarks/.venv-peers/bin/pip install 'screenplain[PDF]' reportlab
    npm install --prefix benchmarks/.node-peers afterwriting

then run from the repository root:

    python benchmarks/bench_pdf.py [--runs 5] [--paper letter] [--jobs auto,1]
        [--source public-domain|samples] [--engines direct,weasyprint]

Each tool runs as a separate process (import, parse, layout, PDF written), the
tools interleaved run by run so machine noise hits them alike; peak RSS comes
from /usr/bin/time -v. The input is made by repeating the English
public-domain scripts of ../shared/corpus (``--source samples``: the original
scripts_sample/, whose Hangul pages go to WeasyPrint) until our layout gives
about 120 pages; only the first copy keeps its title page. The printed
table gives the median time, the ratio to our time, the page count of each PDF
(title page included) and the peak RSS; CPU time (user + system) is printed
too because it is steadier than wall time on a shared machine (it includes the
worker processes of a parallel render). ``--jobs auto,1`` times fountainkit once
per value of its ``--jobs`` option (auto = the default: one process per core
for long scripts). Peak RSS is that of the largest single process; after the
timed runs each tool runs once more while /proc is sampled every 10 ms, for
the peak of the RSS summed over all its processes (shared pages counted once
per process, so an upper bound). Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TARGET_PAGES = 120


@dataclass
class Tool:
    name: str
    argv: list[str]  # {src} and {out} are filled in
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    pages: int = 0
    total_rss_mb: float = 0.0


def find_executable(*candidates: Path | str | None) -> str | None:
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
        if candidate and shutil.which(str(candidate)):
            return shutil.which(str(candidate))
    return None


def without_title_page(text: str) -> str:
    if re.match(r"(?i)^\s*title\s*:", text):
        return text.split("\n\n", 1)[1] if "\n\n" in text else ""
    return text


SOURCES = {
    "samples": REPO / "scripts_sample",
    "public-domain": REPO.parent / "shared/corpus/public-domain",
}


def make_input(folder: Path, paper: str, source: str) -> Path:
    from fountainkit.config import LayoutSettings
    from fountainkit.layout import paginate
    from fountainkit.syntax.parse import parse

    sources = sorted(SOURCES[source].glob("*.fountain"))
    if not sources:
        raise SystemExit(f"no .fountain files in {SOURCES[source]}")
    texts = [p.read_text(encoding="utf-8") for p in sources]
    parts = [texts[0]]
    pages = 0
    while pages < TARGET_PAGES:
        for text in texts:
            parts.append(without_title_page(text))
        pages = paginate(parse("\n\n".join(parts)), LayoutSettings(paper=paper)).page_count
    # Trim whole copies back towards the target.
    while len(parts) > 2:
        trial = paginate(parse("\n\n".join(parts[:-1])), LayoutSettings(paper=paper))
        if trial.page_count < TARGET_PAGES:
            break
        parts.pop()
    path = folder / f"bench-{source}.fountain"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def run_timed(argv: list[str]) -> tuple[float, float, float]:
    """Wall time (s), CPU time (s) and peak RSS (MB) of one process, from /usr/bin/time -v."""
    result = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {result.stderr[-400:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", result.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", result.stderr)
    assert wall and rss and user and system, result.stderr
    hours, minutes, seconds = wall.groups()
    elapsed = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    cpu = float(user.group(1)) + float(system.group(1))
    return elapsed, cpu, int(rss.group(1)) / 1024


def process_tree(pid: int) -> list[int]:
    found = [pid]
    for parent in found:
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as children:
                found.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return found


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_total_rss(argv: list[str]) -> float:
    """Peak over time of the RSS (MB) summed over the process and all its descendants."""
    if not Path("/proc/self/task").is_dir():
        return float("nan")
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(rss_kb(pid) for pid in process_tree(process.pid)))
        time.sleep(0.01)
    return peak / 1024


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paper", choices=("letter", "a4"), default="letter")
    parser.add_argument("--input", type=Path, help="use this script instead of building one")
    parser.add_argument(
        "--source",
        choices=tuple(SOURCES),
        default="public-domain",
        help="what the ~120-page input repeats: the English public-domain corpus scripts "
        "(default: every page in Courier Prime's Latin, as in most scripts) or "
        "scripts_sample/ (Hangul on 10 of its 16 pages, painted by WeasyPrint)",
    )
    parser.add_argument(
        "--engines",
        default="direct",
        help="comma-separated fountainkit --engine values to time (direct, weasyprint)",
    )
    parser.add_argument(
        "--jobs",
        default="auto",
        help="comma-separated values of fountainkit's --jobs to time (auto = its default)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = args.input or make_input(folder, args.paper, args.source)
        tools = []
        for engine in args.engines.split(","):
            for jobs in args.jobs.split(","):
                argv = [sys.executable, "-m", "fountainkit", "pdf", "{src}", "-o", "{out}"]
                argv += ["--paper", args.paper, "--engine", engine]
                if jobs != "auto":
                    argv += ["--jobs", jobs]
                name = "fountainkit" if engine == "direct" else f"fk {engine}"
                tools.append(Tool(name if jobs == "auto" else f"{name} -j{jobs}", argv))
        screenplain = find_executable(
            REPO / "benchmarks/.venv-peers/bin/screenplain",
            "/tmp/peers-venv/bin/screenplain",
            "screenplain",
        )
        if screenplain and args.paper == "letter":  # screenplain prints Letter only
            tools.append(Tool("screenplain", [screenplain, "--format", "pdf", "{src}", "{out}"]))
        afterwriting = find_executable(
            REPO / "benchmarks/.node-peers/node_modules/.bin/afterwriting",
            "/tmp/aw/node_modules/.bin/afterwriting",
            "afterwriting",
        )
        if afterwriting:
            config = folder / "aw.json"
            profile = "usletter" if args.paper == "letter" else "a4"
            config.write_text(json.dumps({"print_profile": profile}))
            tools.append(
                Tool(
                    "afterwriting",
                    [
                        afterwriting,
                        "--source",
                        "{src}",
                        "--pdf",
                        "{out}",
                        "--overwrite",
                        "--config",
                        str(config),
                    ],
                )
            )
        for run in range(args.runs):
            for tool in tools:
                out = folder / f"{tool.name}.pdf"
                argv = [a.format(src=src, out=out) for a in tool.argv]
                elapsed, cpu, rss = run_timed(argv)
                tool.times.append(elapsed)
                tool.cpu.append(cpu)
                tool.rss_mb.append(rss)
                if run == 0:
                    tool.pages = pdf_pages(out)
        for tool in tools:
            out = folder / f"{tool.name}.pdf"
            tool.total_rss_mb = peak_total_rss([a.format(src=src, out=out) for a in tool.argv])

    ours = statistics.median(tools[0].times)
    print(
        f"input: {src.name if args.input else 'repeated ' + args.source}, paper {args.paper}, "
        f"{args.runs} interleaved runs, median wall time; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end"
    )
    ours_cpu = statistics.median(tools[0].cpu)
    print(
        f"{'tool':<17}{'wall s':>8}{'ours/peer':>11}{'cpu s':>8}{'ours/peer':>11}"
        f"{'pages':>7}{'peak RSS MB':>13}{'all procs MB':>14}"
    )
    for tool in tools:
        wall, cpu = statistics.median(tool.times), statistics.median(tool.cpu)
        peer = tool is not tools[0]
        wall_ratio = f"{ours / wall:.2f}" if peer else "-"
        cpu_ratio = f"{ours_cpu / cpu:.2f}" if peer else "-"
        print(
            f"{tool.name:<17}{wall:>8.2f}{wall_ratio:>11}{cpu:>8.2f}{cpu_ratio:>11}"
            f"{tool.pages:>7}{max(tool.rss_mb):>13.0f}{tool.total_rss_mb:>14.0f}"
        )


if __name__ == "__main__":
    main()
