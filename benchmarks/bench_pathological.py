"""Pathological inputs, each doubled in size four times: does every command stay linear?

    python benchmarks/bench_pathological.py                       # every shape, default commands
    python benchmarks/bench_pathological.py --shapes blank-lines,one-huge-line --commands parse,pdf
    python benchmarks/bench_pathological.py --list                # the shapes and commands
    python benchmarks/bench_pathological.py --write-doc           # also update docs/performance.md
    python benchmarks/bench_pathological.py --memory              # peak RSS per MB of input

Each shape (only blank lines, no blank line between action lines, one huge
line, dense emphasis, many tags in one scene, ...) is generated at a base size
and at 2x, 4x, 8x and 16x that size. Every command runs on every size in a
fresh process that first runs the same command on a small ordinary script (so
imports, fonts and caches are warm) and then times the real input alone; the
process reports that time and its peak RSS. The table gives the time per size
and the ratio of times per doubling: 2.0 is linear, 4.0 quadratic. A run that
exceeds ``--timeout`` is reported as such and the larger sizes of that shape
and command are skipped.

``--memory`` grows the shapes that cost the most memory per byte from 1 MB
upward and prints each command's peak RSS: that is how the input size limit
(fountainkit/syntax/source.py, MAX_BYTES) was chosen.

``benchmarks/run.py --tasks pathological`` runs this with its default options.
Not a test: nothing here fails; the target (every ratio at most 2.3) is
reported per row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shapes import SHAPES  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "performance.md"
DOC_START = "<!-- pathological:start -->"
DOC_END = "<!-- pathological:end -->"
TARGET_RATIO = 2.3

# --- the commands --------------------------------------------------------------------

# name -> fountainkit arguments ({src} and {out} filled in); "lsp" is the language
# server's analysis of an opened document, in-process (see _run_lsp).
COMMANDS: dict[str, list[str]] = {
    "parse": ["parse", "{src}"],
    "pdf": ["pdf", "{src}", "-o", "{out}.pdf", "--jobs", "1"],
    "pdf-weasyprint": ["pdf", "{src}", "-o", "{out}.pdf", "--engine", "weasyprint", "--jobs", "1"],
    "html": ["html", "{src}", "-o", "{out}.html"],
    "breakdown": ["breakdown", "{src}", "-f", "json", "-o", "{out}.json"],
    "breakdown-yaml": ["breakdown", "{src}", "-f", "yaml", "-o", "{out}.yaml"],
    "breakdown-csv": ["breakdown", "{src}", "-f", "csv", "-o", "{out}.csv"],
    "breakdown-html": ["breakdown", "{src}", "-f", "html", "-o", "{out}.b.html"],
    "breakdown-pdf": ["breakdown", "{src}", "-f", "pdf", "-o", "{out}.b.pdf"],
    "fdx": ["fdx", "{src}", "-o", "{out}.fdx"],
    "lint": ["lint", "{src}"],
    "lsp": [],
}
DEFAULT_COMMANDS = ["parse", "pdf", "html", "breakdown", "fdx", "lint", "lsp"]

WARM_UP = (
    "Title: Warm\n\nINT. ROOM - DAY\n\nShe *waits* [[props: cup]].\n\nBOB\n(quiet)\nHi.\n\n"
    "ANNA ^\nHi.\n\n> THE END <\n"
)


# --- one measurement, in a child process ---------------------------------------------


def _run_cli(argv: list[str]) -> int:
    from fountainkit.cli import cli

    try:
        cli.main(args=argv, prog_name="fountainkit", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def _run_lsp(path: str) -> int:
    """What the server computes for an opened script: diagnostics, outline, folds,
    completions' data, page figures; then one edit in the middle and the same again."""
    from fountainkit.lsp.analysis import ScriptAnalysis

    text = Path(path).read_text(encoding="utf-8")

    def everything(analysis: ScriptAnalysis) -> None:
        analysis.diagnostics()
        analysis.outline()
        analysis.folds()
        analysis.cue_names()
        analysis.locations_and_times()
        analysis.scene_pages().result()

    analysis = ScriptAnalysis(text)
    everything(analysis)
    middle = len(text) // 2
    analysis.document.edit(middle, middle, "x")
    everything(analysis)
    return 0


def child(command: str, src: str, out: str) -> None:
    """Warm up on a small script, then time ``command`` on ``src``; print JSON."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    os.dup2(devnull, 1)  # the commands' stdout (parse, lint) goes nowhere
    try:
        warm = Path(out + ".warm.fountain")
        warm.write_text(WARM_UP, encoding="utf-8")
        if command == "lsp":
            _run_lsp(str(warm))
        else:
            _run_cli([a.format(src=warm, out=out + ".warm") for a in COMMANDS[command]])
        start, cpu_start = time.perf_counter(), time.process_time()
        if command == "lsp":
            code = _run_lsp(src)
        else:
            code = _run_cli([a.format(src=src, out=out) for a in COMMANDS[command]])
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
    rss_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_kb / 1024, "exit": code}))


# --- the parent: generate, run, tabulate ----------------------------------------------


@dataclass
class Row:
    shape: str
    command: str
    sizes: list[int]
    seconds: list[float | None] = field(default_factory=list)
    rss_mb: list[float | None] = field(default_factory=list)
    note: str = ""

    def ratios(self) -> list[float | None]:
        out: list[float | None] = []
        for small, big in zip(self.seconds, self.seconds[1:], strict=False):
            out.append(big / small if small and big else None)
        return out

    def worst(self) -> float | None:
        found = [r for r in self.ratios() if r is not None]
        return max(found) if found else None


def measure(command: str, src: Path, out: Path, timeout: float) -> tuple[float, float] | str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        run = subprocess.run(
            [sys.executable, __file__, "--child", command, str(src), str(out)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s"
    if run.returncode != 0 or not run.stdout.strip():
        tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
        return f"failed: {tail[:80]}"
    result = json.loads(run.stdout.strip().splitlines()[-1])
    if result["exit"] not in (0, 1):  # lint exits 1 when it finds an error: still a run
        return f"exit {result['exit']}"
    return result["cpu"], result["rss_mb"]


def run_rows(args: argparse.Namespace, folder: Path, log: Callable[[str], None]) -> list[Row]:
    rows: list[Row] = []
    for shape in args.shapes:
        sizes = [args.base * 1024 * 2**k for k in range(args.doublings + 1)]
        paths = []
        for size in sizes:
            path = folder / f"{shape}-{size // 1024}k.fountain"
            path.write_text(SHAPES[shape](size), encoding="utf-8")
            paths.append(path)
        for command in args.commands:
            row = Row(shape, command, sizes)
            for size, path in zip(sizes, paths, strict=True):
                if row.note:
                    row.seconds.append(None)
                    row.rss_mb.append(None)
                    continue
                best: tuple[float, float] | None = None
                for _ in range(args.repeats):
                    got = measure(command, path, folder / f"{path.stem}.{command}", args.timeout)
                    if isinstance(got, str):
                        row.note = f"{size // 1024} KB: {got}"
                        best = None
                        break
                    if best is None or got[0] < best[0]:
                        best = (got[0], max(got[1], best[1] if best else 0.0))
                row.seconds.append(best[0] if best else None)
                row.rss_mb.append(best[1] if best else None)
            rows.append(row)
            log(format_row(row))
    return rows


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def format_row(row: Row) -> str:
    worst = row.worst()
    verdict = "" if worst is None else ("ok" if worst <= TARGET_RATIO else "OVER")
    cells = [
        row.shape,
        row.command,
        *(_fmt_seconds(s) for s in row.seconds),
        *(_fmt_ratio(r) for r in row.ratios()),
        _fmt_ratio(worst),
        f"{row.rss_mb[-1]:.0f}" if row.rss_mb and row.rss_mb[-1] else "-",
        verdict + (f" ({row.note})" if row.note else ""),
    ]
    return "| " + " | ".join(cells) + " |"


def table(rows: list[Row], args: argparse.Namespace) -> str:
    sizes = [args.base * 2**k for k in range(args.doublings + 1)]
    head = [
        "shape",
        "command",
        *(f"{s} KB s" for s in sizes),
        *(f"x{k + 1}" for k in range(args.doublings)),
        "worst",
        "MB at largest",
        f"<= {TARGET_RATIO}",
    ]
    align = ["---", "---", *["--:"] * (len(head) - 3), "---"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    lines.extend(format_row(row) for row in rows)
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load average {load}"
    )


def summary(rows: list[Row]) -> str:
    over = [r for r in rows if (r.worst() or 0) > TARGET_RATIO or r.note]
    if not over:
        return f"Every ratio per doubling is at most {TARGET_RATIO}."
    names = ", ".join(f"{r.shape}/{r.command}" for r in over)
    return f"Over {TARGET_RATIO} (or not finished): {names}."


def write_doc(block: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    if DOC_START not in text or DOC_END not in text:
        raise SystemExit(f"{DOC} has no {DOC_START} ... {DOC_END} block to update")
    head, rest = text.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    DOC.write_text(f"{head}{DOC_START}\n{block}\n{DOC_END}{tail}", encoding="utf-8")


# --- memory ---------------------------------------------------------------------------

# The shapes that cost the most memory per byte of input (measured with the full run).
MEMORY_SHAPES = ["blank-lines", "action-no-blank-lines", "one-huge-line", "many-scenes"]


def memory_run(args: argparse.Namespace, folder: Path, log: Callable[[str], None]) -> str:
    lines = [
        "| shape | command | " + " | ".join(f"{mb} MB" for mb in args.memory_sizes) + " |",
        "|---|---|" + "--:|" * len(args.memory_sizes),
    ]
    log(lines[0])
    for shape in args.shapes:
        paths = []
        for mb in args.memory_sizes:
            path = folder / f"mem-{shape}-{mb}m.fountain"
            path.write_text(SHAPES[shape](mb * 2**20), encoding="utf-8")
            paths.append(path)
        for command in args.commands:
            cells = []
            for path in paths:
                got = measure(command, path, folder / f"{path.stem}.{command}", args.timeout)
                if isinstance(got, str):
                    cells.append(got)
                    break
                cells.append(f"{got[1]:.0f} MB / {_fmt_seconds(got[0])} s")
            cells += ["-"] * (len(paths) - len(cells))
            line = f"| {shape} | {command} | " + " | ".join(cells) + " |"
            lines.append(line)
            log(line)
        for path in paths:
            path.unlink()
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated")
    parser.add_argument("--commands", default=",".join(DEFAULT_COMMANDS), help="comma-separated")
    parser.add_argument("--base", type=int, default=32, help="smallest input, in KB")
    parser.add_argument("--doublings", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=1, help="runs per size (the fastest)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--inputs", type=Path, help="keep the generated inputs here")
    parser.add_argument("--list", action="store_true", help="list shapes and commands")
    parser.add_argument("--write-doc", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--memory",
        action="store_true",
        help=f"peak RSS on inputs of --memory-sizes MB (shapes default: {MEMORY_SHAPES})",
    )
    parser.add_argument("--memory-sizes", default="1,4,16,64", help="MB, comma-separated")
    args = parser.parse_args()
    if args.list:
        print("shapes:", ", ".join(SHAPES))
        print("commands:", ", ".join(COMMANDS), f"(default: {', '.join(DEFAULT_COMMANDS)})")
        return
    if args.memory and "--shapes" not in sys.argv:
        args.shapes = ",".join(MEMORY_SHAPES)
    args.shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    args.commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    args.memory_sizes = [int(s) for s in args.memory_sizes.split(",")]
    for name in args.shapes:
        if name not in SHAPES:
            parser.error(f"unknown shape {name!r}; --list shows them")
    for name in args.commands:
        if name not in COMMANDS:
            parser.error(f"unknown command {name!r}; --list shows them")

    started = dt.datetime.now(dt.UTC)
    command_line = "python benchmarks/bench_pathological.py " + " ".join(sys.argv[1:])
    print(f"# {command_line}\n# {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="fk-patho-") as tmp:
        folder = args.inputs or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.memory:
            memory_run(args, folder, lambda line: print(line, flush=True))
            return
        rows = run_rows(args, folder, lambda line: print(line, flush=True))
    block = "\n".join(
        [
            f"Measured {started:%Y-%m-%d %H:%M} UTC with `{command_line.strip()}`",
            f"on {machine()}.",
            "Times in seconds (the command's work, after a warm-up in the same process);",
            "`xN`: time at the Nth doubling over the time before it (2.00 = linear).",
            "",
            table(rows, args),
            "",
            summary(rows),
        ]
    )
    print()
    print(block)
    if args.write_doc:
        write_doc(block)


if __name__ == "__main__":
    main()
