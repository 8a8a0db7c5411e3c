"""PDF of a ~120-page script, whole process, against screenplain and afterwriting.

Peers are installed outside the project (never into its requirements):

    python -m venv benchmarks/.venv-peers
    benchmarks/.venv-peers/bin/pip install 'screenplain[PDF]' reportlab
    npm install --prefix benchmarks/.node-peers afterwriting

then run from the repository root:

    python benchmarks/bench_pdf.py [--runs 5] [--paper letter]

Each tool runs as a separate process (import, parse, layout, PDF written), the
tools interleaved run by run so machine noise hits them alike; peak RSS comes
from /usr/bin/time -v. The input is made by repeating scripts_sample/*.fountain
(or the public-domain corpus when the samples are absent) until our layout
gives about 120 pages; only the first copy keeps its title page. The printed
table gives the median time, the ratio to our time, the page count of each PDF
(title page included) and the peak RSS; CPU time (user + system) is printed
too because it is steadier than wall time on a shared machine. Not a test: nothing
here fails.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def make_input(folder: Path, paper: str) -> Path:
    from fountainkit.config import LayoutSettings
    from fountainkit.layout import paginate
    from fountainkit.parse import parse

    sources = sorted((REPO / "scripts_sample").glob("*.fountain"))
    if not sources:
        sources = sorted((REPO.parent / "shared/corpus/public-domain").glob("*.fountain"))
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
    path = folder / "bench.fountain"
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


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paper", choices=("letter", "a4"), default="letter")
    parser.add_argument("--input", type=Path, help="use this script instead of building one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = args.input or make_input(folder, args.paper)
        tools = [
            Tool(
                "fountainkit",
                [
                    sys.executable,
                    "-m",
                    "fountainkit",
                    "pdf",
                    "{src}",
                    "-o",
                    "{out}",
                    "--paper",
                    args.paper,
                ],
            ),
        ]
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

    ours = statistics.median(tools[0].times)
    print(
        f"input: {src.name if args.input else 'repeated samples'}, paper {args.paper}, "
        f"{args.runs} interleaved runs, median wall time"
    )
    ours_cpu = statistics.median(tools[0].cpu)
    print(
        f"{'tool':<14}{'wall s':>8}{'ours/peer':>11}{'cpu s':>8}{'ours/peer':>11}"
        f"{'pages':>7}{'peak RSS MB':>13}"
    )
    for tool in tools:
        wall, cpu = statistics.median(tool.times), statistics.median(tool.cpu)
        peer = tool is not tools[0]
        wall_ratio = f"{ours / wall:.2f}" if peer else "-"
        cpu_ratio = f"{ours_cpu / cpu:.2f}" if peer else "-"
        print(
            f"{tool.name:<14}{wall:>8.2f}{wall_ratio:>11}{cpu:>8.2f}{cpu_ratio:>11}"
            f"{tool.pages:>7}{max(tool.rss_mb):>13.0f}"
        )


if __name__ == "__main__":
    main()
