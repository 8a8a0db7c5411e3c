"""Pathological inputs, each doubled in size four times: does every command stay linear?

    python benchmarks/bench_pathological.py                       # every shape, default commands
    python benchmarks/bench_pathological.py --shapes blank-lines,one-huge-line --commands parse,pdf
    python benchmarks/bench_pathological.py --list                # the shapes and commands
    python benchmarks/bench_pathological.py --write-doc           # also update docs/performance.md
    python benchmarks/bench_pathological.py --memory              # peak RSS up to the size limit

Each shape (only blank lines, no blank line between action lines, one huge
line, dense emphasis, many tags in one scene, a realistic feature, ...) is
generated at a base size and at 2x, 4x, 8x and 16x that size. Every command
runs on every size in a fresh process that first runs the same command on a
small ordinary script (so imports, fonts and caches are warm) and then times
the real input: CPU seconds of that process, the run repeated (caches emptied)
until half a second of CPU is spent and the fastest kept, so that a small input
is not lost in the noise of a shared machine. The table gives the time per size
and the ratio of times per doubling: 2.0 is linear, 4.0 quadratic. A ratio over
the target is measured again at both its sizes (``--retries``). A run that
exceeds ``--timeout`` is reported as such and the larger sizes of that shape
and command are skipped. Each child's address space is capped
(FOUNTAINKIT_BENCH_CAP_MB, default 6144) so a runaway run cannot take the
machine down.

``--memory`` runs the shapes that cost the most memory per byte at
``--memory-sizes`` MiB (up to the input size limit, 1 MiB) and prints each
command's peak RSS: that is how the limit (fountainkit/syntax/source.py,
MAX_TEXT_CHARS) was chosen.

``benchmarks/run.py --tasks pathological`` runs this with its default options.
Not a test: nothing here fails; the target (every ratio at most 2.3) is
reported per row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import re
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
# Shapes cheap per byte start bigger (KB), so that the largest is a 1 MiB
# paragraph (the input size limit); every other shape starts at --base.
BASES = {"one-huge-line": 64, "huge-speech-line": 64, "one-huge-word": 64}

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


# A small input costs milliseconds, where one scheduler hiccup on a shared machine
# is a large error: the command is run again (caches emptied) until this much CPU
# time is spent, and the fastest run counts.
MIN_CPU_SECONDS = 0.5
MAX_RUNS = 25


def _clear_caches() -> None:
    """Empty every functools cache in fountainkit, and the re module's cache of
    compiled patterns (patterns made per name or tag), so a repeated run is not
    cheaper than the first."""
    re.purge()
    for name, module in list(sys.modules.items()):
        if name == "fountainkit" or name.startswith("fountainkit."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _cap_memory() -> None:
    """Keep a runaway input from taking the shared machine down: the child's address
    space is capped (FOUNTAINKIT_BENCH_CAP_MB, default 6144); above it the run fails."""
    cap = int(os.environ.get("FOUNTAINKIT_BENCH_CAP_MB", "6144")) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def child(command: str, src: str, out: str) -> None:
    """Warm up on a small script, then time ``command`` on ``src``; print JSON."""
    _cap_memory()
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    os.dup2(devnull, 1)  # the commands' stdout (parse, lint) goes nowhere
    cpu_times: list[float] = []
    try:
        warm = Path(out + ".warm.fountain")
        warm.write_text(WARM_UP, encoding="utf-8")
        if command == "lsp":
            _run_lsp(str(warm))
        else:
            _run_cli([a.format(src=warm, out=out + ".warm") for a in COMMANDS[command]])
        while sum(cpu_times) < MIN_CPU_SECONDS and len(cpu_times) < MAX_RUNS:
            _clear_caches()
            gc.collect()
            cpu_start = time.process_time()
            if command == "lsp":
                code = _run_lsp(src)
            else:
                code = _run_cli([a.format(src=src, out=out) for a in COMMANDS[command]])
            cpu_times.append(time.process_time() - cpu_start)
            if code not in (0, 1) or (code == 1 and command != "lint"):
                break  # lint exits 1 when it finds an error: still a run
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
    rss_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    result = {"cpu": min(cpu_times), "runs": len(cpu_times), "rss_mb": rss_kb / 1024}
    print(json.dumps({**result, "exit": code}))


# --- the parent: generate, run, tabulate ----------------------------------------------


@dataclass
class Row:
    shape: str
    command: str
    sizes: list[int]
    seconds: list[float | None] = field(default_factory=list)
    rss_mb: list[float | None] = field(default_factory=list)
    note: str = ""
    remeasured: int = 0  # rounds of re-measuring a ratio over the target

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
    refused = "fountainkit: error:" in run.stderr  # lint exits 1 for findings too
    if refused or (result["exit"] != 0 and not (result["exit"] == 1 and command == "lint")):
        tail = (run.stderr.strip().splitlines() or ["no message"])[-1]
        return f"exit {result['exit']}: {tail[:80]}"
    return result["cpu"], result["rss_mb"]


def _measure_size(row: Row, index: int, path: Path, folder: Path, args: argparse.Namespace) -> bool:
    """Measure ``row``'s command on its ``index``th size (``args.repeats`` processes,
    the fastest counts, kept if faster than an earlier measurement); False on failure."""
    for _ in range(args.repeats):
        got = measure(row.command, path, folder / f"{path.stem}.{row.command}", args.timeout)
        if isinstance(got, str):
            row.note = f"{row.sizes[index] // 1024} KB: {got}"
            return False
        seconds, rss = got
        old = row.seconds[index]
        if old is None or seconds < old:
            row.seconds[index] = seconds
        row.rss_mb[index] = max(rss, row.rss_mb[index] or 0.0)
    return True


def run_rows(args: argparse.Namespace, folder: Path, log: Callable[[str], None]) -> list[Row]:
    rows: list[Row] = []
    for shape in args.shapes:
        base = args.base if args.base_given else BASES.get(shape, args.base)
        sizes = [base * 1024 * 2**k for k in range(args.doublings + 1)]
        paths = []
        for size in sizes:
            path = folder / f"{shape}-{size // 1024}k.fountain"
            path.write_text(SHAPES[shape](size), encoding="utf-8")
            paths.append(path)
        for command in args.commands:
            row = Row(shape, command, sizes, [None] * len(sizes), [None] * len(sizes))
            for index, path in enumerate(paths):
                if not _measure_size(row, index, path, folder, args):
                    break
            # A ratio over the target is measured again at both of its sizes (the
            # machine is shared: one slow run is noise, a slow size every time is not).
            for _ in range(args.retries if not row.note else 0):
                over = [i for i, r in enumerate(row.ratios()) if r and r > TARGET_RATIO]
                if not over:
                    break
                row.remeasured += 1
                for index in sorted({i for k in over for i in (k, k + 1)}):
                    if not _measure_size(row, index, paths[index], folder, args):
                        break
            rows.append(row)
            log(format_row(row))
        if not args.inputs:
            for path in paths:
                path.unlink()
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
    if row.remeasured:
        verdict += f", {row.remeasured}x re-measured"
    cells = [
        row.shape,
        row.command,
        f"{row.sizes[0] // 1024}-{row.sizes[-1] // 1024}",
        *(_fmt_seconds(s) for s in row.seconds),
        *(_fmt_ratio(r) for r in row.ratios()),
        _fmt_ratio(worst),
        f"{row.rss_mb[-1]:.0f}" if row.rss_mb and row.rss_mb[-1] else "-",
        verdict + (f" ({row.note})" if row.note else ""),
    ]
    return "| " + " | ".join(cells) + " |"


def table(rows: list[Row], args: argparse.Namespace) -> str:
    head = [
        "shape",
        "command",
        "KB",
        *(f"{2**k}x s" for k in range(args.doublings + 1)),
        *(f"x{k + 1}" for k in range(args.doublings)),
        "worst",
        "MB at largest",
        f"<= {TARGET_RATIO}",
    ]
    align = ["---", "---", "--:", *["--:"] * (len(head) - 4), "---"]
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
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; load average {load()}"
    )


def load() -> str:
    """The 1, 5 and 15 minute load averages (the machine is shared)."""
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


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
MEMORY_SHAPES = ["blank-lines", "action-no-blank-lines", "one-huge-line", "feature"]


def memory_run(args: argparse.Namespace, folder: Path, log: Callable[[str], None]) -> str:
    lines = [
        "| shape | command | " + " | ".join(f"{mb:g} MiB" for mb in args.memory_sizes) + " |",
        "|---|---|" + "--:|" * len(args.memory_sizes),
    ]
    log(lines[0])
    for shape in args.shapes:
        paths = []
        for mb in args.memory_sizes:
            path = folder / f"mem-{shape}-{mb:g}m.fountain"
            path.write_text(SHAPES[shape](int(mb * 2**20)), encoding="utf-8")
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
    parser.add_argument("--repeats", type=int, default=1, help="processes per size (the fastest)")
    parser.add_argument(
        "--retries", type=int, default=2, help="times a ratio over the target is measured again"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--inputs", type=Path, help="keep the generated inputs here")
    parser.add_argument("--list", action="store_true", help="list shapes and commands")
    parser.add_argument("--write-doc", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--memory",
        action="store_true",
        help=f"peak RSS on inputs of --memory-sizes MB (shapes default: {MEMORY_SHAPES})",
    )
    parser.add_argument(
        "--memory-sizes", default="0.25,0.5,1", help="MiB, comma-separated (1 is the limit)"
    )
    args = parser.parse_args()
    args.base_given = any(a == "--base" or a.startswith("--base=") for a in sys.argv)
    if args.list:
        print("shapes:", ", ".join(SHAPES))
        print("commands:", ", ".join(COMMANDS), f"(default: {', '.join(DEFAULT_COMMANDS)})")
        return
    if args.memory and "--shapes" not in sys.argv:
        args.shapes = ",".join(MEMORY_SHAPES)
    args.shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    args.commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    args.memory_sizes = [float(s) for s in args.memory_sizes.split(",")]
    for name in args.shapes:
        if name not in SHAPES:
            parser.error(f"unknown shape {name!r}; --list shows them")
    for name in args.commands:
        if name not in COMMANDS:
            parser.error(f"unknown command {name!r}; --list shows them")

    started = dt.datetime.now(dt.UTC)
    command_line = "python benchmarks/bench_pathological.py " + " ".join(sys.argv[1:])
    start_machine = machine()
    print(f"# {command_line}\n# {start_machine}", flush=True)
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
            f"on {start_machine} at the start; load average {load()} at the end.",
            "",
            "Times are CPU seconds of the process doing the work, after a warm-up on a",
            "small script in that process; a run under "
            f"{MIN_CPU_SECONDS} s is repeated (caches emptied)",
            "and the fastest counts. `KB`: the smallest and largest input; `1x`...`16x`:",
            "the sizes, each twice the one before; `xN`: time at the Nth doubling over",
            "the time before it (2.00 = linear). A ratio over the target is measured",
            f"again at both its sizes (up to --retries, {args.retries}) and the fastest",
            "run kept; `MB at largest`: peak RSS on the largest input.",
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
