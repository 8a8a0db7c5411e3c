"""fountainkit against its peers, side by side, in one run.

    python benchmarks/peers.py install     # once: screenplain, jouvence, afterwriting
    python benchmarks/run.py               # prints the tables, writes nothing
    python benchmarks/run.py --write-doc   # also updates docs/performance.md

Tasks, on a ~120-page script and a ~1000-page concatenation (see corpus.py):

- parse: in-process, after one warm-up; the median of ``--repeats`` parses per
  measurement, so interpreter start-up is excluded for every tool;
- pdf: the whole command (``fountainkit pdf``, ``screenplain --format pdf``,
  ``afterwriting --pdf``), timed from outside, with the child's peak memory;
- breakdown: in-process fountainkit parse + layout + breakdown against
  afterwriting's Stats (parse + liner + scene queries), the nearest thing a
  peer has; plus the whole ``fountainkit breakdown`` command on its own;
- import: in-process ``fountainkit.readers.read_path`` of the PDFs every tool
  renders of the input (fountainkit, screenplain, afterwriting) and of the
  FDX files fountainkit and screenplain write (bench_import.py makes them
  once, before the rounds); plus the whole ``fountainkit convert`` command on
  each PDF, start-up included. No peer reads PDF or FDX: the rows compare one
  reader on three tools' layouts; the target is an absolute 2 s (wall and
  CPU are both reported: the machine may be shared).

Measurements alternate: each round runs every tool once per task and size,
rotating the order, so a slow spell on the machine hits everyone alike.
Reported figures are the median over rounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_import  # noqa: E402
import corpus  # noqa: E402
import peers  # noqa: E402

REPO = peers.REPO
DOC = REPO / "docs" / "performance.md"
DOC_START = "<!-- benchmark:start -->"
DOC_END = "<!-- benchmark:end -->"
# A run of the import task alone has its own block (the other tasks' figures stay).
IMPORT_DOC_START = "<!-- benchmark-import:start -->"
IMPORT_DOC_END = "<!-- benchmark-import:end -->"
OURS = "fountainkit"
PYTHON_PEERS = ("screenplain", "jouvence")
PARSE_TARGET = 2.0  # at least 2x faster than the faster Python peer


@dataclass
class Cell:
    """All measurements of one tool on one task and input."""

    ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # in-process Python harnesses only
    rss_mb: list[float] = field(default_factory=list)
    pages_out: int | None = None
    error: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.ms) if self.ms and not self.error else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu_ms) if self.cpu_ms and not self.error else None


@dataclass(frozen=True)
class Job:
    """One tool on one task and input; ``run`` adds one measurement to a Cell."""

    task: str
    size: str
    tool: str
    kind: str  # "harness" (in-process) or "process" (whole command)
    argv: list[str]
    output: Path | None = None


our_env = peers.our_env


def our_contender() -> peers.Contender:
    here = str(Path(peers.__file__).resolve())
    python = sys.executable

    def harness(task: str):
        return lambda script, n: [python, here, "time", task, OURS, str(script), str(n)]

    return peers.Contender(
        OURS,
        importlib.metadata.version("fountainkit") if _installed("fountainkit") else "checkout",
        parse_argv=harness("parse"),
        pdf_argv=lambda src, out: [python, "-m", "fountainkit", "pdf", str(src), "-o", str(out)],
        breakdown_argv=harness("breakdown"),
    )


def _installed(package: str) -> bool:
    try:
        importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def layout_page_counter():
    """Pages as fountainkit lays them out, or None while the layout is missing."""
    try:
        sys.path.insert(0, str(REPO))
        from fountainkit import parse
        from fountainkit.layout import paginate
    except ImportError:
        return None
    return lambda text: paginate(parse(text)).page_count


def pdf_pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    try:
        return len(PdfReader(path).pages)
    except Exception:  # a broken PDF from a peer is reported, not fatal
        return None


def plan(
    inputs: list[corpus.BenchInput],
    tools: list[peers.Contender],
    tasks,
    repeats,
    out_dir,
    imports: dict[str, list[bench_import.ImportInput]] | None = None,
):
    """Every job for one round, grouped so each group compares one task and size.

    ``imports``: the files to import, by input label (import task).
    """
    groups: list[list[Job]] = []
    harness = str(Path(peers.__file__).resolve())
    for index, item in enumerate(inputs):
        size = item.label
        if "import" in tasks:
            # The long input's imports once per measurement: a 1000-page PDF is seconds.
            reads = repeats if index == 0 else 1
            for made in (imports or {}).get(size, []):
                argv = [sys.executable, harness, "time", "import", OURS, str(made.path), str(reads)]
                groups.append([Job(f"import {made.label}", size, OURS, "harness", argv)])
                if made.label.endswith("PDF"):
                    # What a user waits for: the whole command, start-up included.
                    convert = [sys.executable, "-m", "fountainkit", "convert", str(made.path)]
                    argv = [*convert, "-o", "-", "--to", "fountain"]
                    job = Job(f"convert {made.label}", size, OURS, "process", argv)
                    groups.append([job])
        if "parse" in tasks:
            groups.append(
                [
                    Job("parse", size, t.name, "harness", t.parse_argv(item.path, repeats))
                    for t in tools
                    if t.parse_argv
                ]
            )
        if "breakdown" in tasks:
            groups.append(
                [
                    Job("breakdown", size, t.name, "harness", t.breakdown_argv(item.path, repeats))
                    for t in tools
                    if t.breakdown_argv
                ]
            )
            json_out = out_dir / f"{item.path.stem}.breakdown.json"
            argv = [sys.executable, "-m", "fountainkit", "breakdown", str(item.path), "-f", "json"]
            groups.append(
                [Job("breakdown CLI", size, OURS, "process", [*argv, "-o", str(json_out)])]
            )
        if "pdf" in tasks:
            jobs = []
            for t in tools:
                if t.pdf_argv:
                    pdf = out_dir / f"{item.path.stem}.{t.name}.pdf"
                    jobs.append(
                        Job("pdf", size, t.name, "process", t.pdf_argv(item.path, pdf), pdf)
                    )
            groups.append(jobs)
    return groups


def measure(job: Job, cell: Cell) -> None:
    env = our_env() if job.tool == OURS else None
    try:
        if job.kind == "harness":
            timed = peers.run_harness(job.argv, env=env)
            cell.ms.append(statistics.median(timed.times))
            if timed.cpu_times:
                cell.cpu_ms.append(statistics.median(timed.cpu_times))
            cell.rss_mb.append(timed.max_rss_mb)
            return
        if job.output is not None:
            job.output.unlink(missing_ok=True)
        run = peers.run_process(job.argv, env=env)
    except RuntimeError as exc:
        cell.error = str(exc)
        return
    if run.returncode != 0:
        tail = (run.stderr.splitlines() or ["(no message)"])[-1]
        cell.error = f"exit {run.returncode}: {tail}"
        return
    cell.ms.append(run.ms)
    cell.rss_mb.append(run.max_rss_mb)
    if job.output is not None:
        cell.pages_out = pdf_pages(job.output)


def run_rounds(groups: list[list[Job]], rounds: int, long_rounds: int, long_size: str, log):
    results: dict[tuple[str, str, str], Cell] = {}
    for round_index in range(rounds):
        for group in groups:
            if not group:
                continue
            slow = group[0].kind == "process" or group[0].task.startswith("import")
            if slow and group[0].size == long_size and round_index >= long_rounds:
                continue  # whole commands and imports of the long input: fewer rounds
            shift = round_index % len(group)
            for job in group[shift:] + group[:shift]:
                cell = results.setdefault((job.task, job.size, job.tool), Cell())
                if cell.error:
                    continue
                measure(job, cell)
                shown = f"{cell.ms[-1]:.1f} ms" if cell.ms and not cell.error else cell.error
                log(f"round {round_index + 1}: {job.task:13} {job.size:12} {job.tool:13} {shown}")
    return results


# --- reporting --------------------------------------------------------------


def paired_ratio(peer: Cell, ours: Cell) -> float | None:
    """Median over rounds of peer time / our time, each pair from the same round.

    Pairing by round cancels out load that changed between rounds, which a
    ratio of two medians would not.
    """
    if peer.error or ours.error:
        return None
    pairs = [p / o for p, o in zip(peer.ms, ours.ms, strict=False) if o > 0]
    return statistics.median(pairs) if pairs else None


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def tables(
    results: dict[tuple[str, str, str], Cell],
    inputs: list[corpus.BenchInput],
    tools: list[str],
    pages_source: str,
) -> str:
    """Markdown tables: times with ratios, then per-page cost, then memory."""
    tasks = []
    for task, _, _ in results:
        if task not in tasks:
            tasks.append(task)
    peer_names = [t for t in tools if t != OURS]

    out = [
        f"Pages: {pages_source}. Times in ms, median over rounds. `(2.00x)` = that "
        "peer's time / fountainkit's in the same round, median over rounds "
        "(above 1: fountainkit is faster).",
        "",
        "| task | input | pages | source lines | fountainkit | "
        + " | ".join(peer_names)
        + " | fountainkit ms/page |",
        "|---|---|--:|--:|--:|" + "--:|" * len(peer_names) + "--:|",
    ]
    for task in tasks:
        for item in inputs:
            ours = results.get((task, item.label, OURS))
            if ours is None:
                continue
            ours_ms = ours.median
            row = [task, item.label, str(item.pages), f"{item.lines:,}", _cell_text(ours)]
            for name in peer_names:
                cell = results.get((task, item.label, name))
                if cell is None:
                    row.append("n/a")
                elif cell.median is None:
                    row.append("failed")
                else:
                    ratio = paired_ratio(cell, ours)
                    shown = f" ({ratio:.2f}x)" if ratio is not None else ""
                    row.append(f"{fmt_ms(cell.median)}{shown}")
            per_page = f"{ours_ms / item.pages:.3f}" if ours_ms else "-"
            row.append(per_page)
            out.append("| " + " | ".join(row) + " |")

    out += ["", "Cost per page, long input over feature-length input (1.00 = linear):", ""]
    if len(inputs) >= 2:
        short, long = inputs[0], inputs[-1]
        out += ["| task | " + " | ".join(tools) + " |", "|---|" + "--:|" * len(tools)]
        for task in tasks:
            row = [task]
            for name in tools:
                a = results.get((task, short.label, name))
                b = results.get((task, long.label, name))
                if a and b and a.median and b.median:
                    row.append(f"{(b.median / long.pages) / (a.median / short.pages):.2f}")
                else:
                    row.append("-")
            out.append("| " + " | ".join(row) + " |")

    cpu_rows = [
        (task, item.label, results[(task, item.label, OURS)].cpu_median)
        for task in tasks
        for item in inputs
        if (task, item.label, OURS) in results
        and results[(task, item.label, OURS)].cpu_median is not None
    ]
    if cpu_rows:
        out += [
            "",
            "fountainkit's CPU time (ms, median over rounds; in-process tasks): on a shared "
            "machine wall time includes waiting for a core, CPU time does not:",
            "",
            "| task | input | wall | CPU |",
            "|---|---|--:|--:|",
        ]
        for task, label, cpu in cpu_rows:
            wall = results[(task, label, OURS)].median
            out.append(f"| {task} | {label} | {fmt_ms(wall)} | {fmt_ms(cpu)} |")

    out += ["", "Peak memory (MB, max RSS of the measuring process or command):", ""]
    out += ["| task | input | " + " | ".join(tools) + " |", "|---|---|" + "--:|" * len(tools)]
    for task in tasks:
        for item in inputs:
            row = [task, item.label]
            for name in tools:
                cell = results.get((task, item.label, name))
                row.append(f"{max(cell.rss_mb):.0f}" if cell and cell.rss_mb else "-")
            out.append("| " + " | ".join(row) + " |")

    pdf_pages_line = []
    for item in inputs:
        counts = [
            f"{name} {results[('pdf', item.label, name)].pages_out}"
            for name in tools
            if ("pdf", item.label, name) in results
            and results[("pdf", item.label, name)].pages_out is not None
        ]
        if counts:
            pdf_pages_line.append(f"{item.label}: " + ", ".join(counts))
    if pdf_pages_line:
        out += ["", "PDF pages each tool produced: " + "; ".join(pdf_pages_line) + "."]
    errors = [
        f"- {task} / {size} / {tool}: {cell.error}"
        for (task, size, tool), cell in results.items()
        if cell.error
    ]
    if errors:
        out += ["", "Failures:", *errors]
    return "\n".join(out)


def _cell_text(cell: Cell) -> str:
    return fmt_ms(cell.median) if cell.median is not None else "failed"


def verdict(results, inputs) -> list[str]:
    """The parse target, checked on every input; the import target on the feature."""
    lines = import_verdict(results, inputs[0]) if inputs else []
    for item in inputs:
        ours = results.get(("parse", item.label, OURS))
        if ours is None:
            continue
        ratios = {
            name: paired_ratio(results[("parse", item.label, name)], ours)
            for name in PYTHON_PEERS
            if ("parse", item.label, name) in results
        }
        ratios = {name: r for name, r in ratios.items() if r is not None}
        if not ratios:
            continue
        faster_peer = min(ratios, key=ratios.get)
        ratio = ratios[faster_peer]
        state = "met" if ratio >= PARSE_TARGET else "NOT met"
        lines.append(
            f"parse target ({PARSE_TARGET:.0f}x the faster of screenplain/jouvence) on "
            f"{item.label}: {ratio:.2f}x against {faster_peer}, {state}"
        )
    return lines


def import_verdict(results, feature: corpus.BenchInput) -> list[str]:
    """Under 2 s for each ~120-page PDF, by wall time and by CPU time."""
    lines = []
    target = bench_import.IMPORT_TARGET_S * 1000
    for (task, size, _), cell in results.items():
        if not task.startswith(("import", "convert")) or not task.endswith("PDF"):
            continue
        if size != feature.label:
            continue
        if cell.median is None:
            lines.append(f"{task} ({size}): failed, {cell.error}")
            continue
        if task.startswith("convert"):
            lines.append(
                f"the whole `fountainkit convert` of the {feature.pages}-page "
                f"{task.removeprefix('convert ')} (start-up included): wall "
                f"{cell.median / 1000:.2f} s"
            )
            continue
        cpu = cell.cpu_median
        met = "met" if cell.median < target else "NOT met by wall time"
        if cell.median >= target and cpu is not None and cpu < target:
            met += " (met by CPU time: the machine was busy)"
        shown_cpu = f", CPU {cpu / 1000:.2f} s" if cpu is not None else ""
        lines.append(
            f"import target (under {bench_import.IMPORT_TARGET_S:.0f} s) for the "
            f"{feature.pages}-page {task.removeprefix('import ')}: wall "
            f"{cell.median / 1000:.2f} s{shown_cpu}, {met}"
        )
    return lines


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "?"
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def machine(tools: list[peers.Contender], start_load: str) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        memory = "RAM unknown"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("lark", "weasyprint")
        if _installed(name)
    )
    return [
        f"- Machine: {cpu}, {cores} cores (nproc), {memory}, {platform.system()} "
        f"{platform.release()}",
        f"- Load average (1/5/15 min) at start {start_load}, at end {load_average()}: "
        "other work on the machine slows every tool alike, which the paired ratios absorb",
        f"- Python {platform.python_version()}; Node {node or 'absent'}; {versions}",
        "- Tools: " + ", ".join(f"{t.name} {t.version}" for t in tools),
    ]


def profile_ours(script: Path, task: str, repeats: int) -> str:
    """Where fountainkit's time goes on one task: share of time by module, top functions."""
    import cProfile
    import io
    import pstats

    sys.path.insert(0, str(REPO))
    from fountainkit import parse

    text = script.read_text(encoding="utf-8")
    if task == "breakdown":
        from fountainkit.breakdown.core import breakdown

        def run() -> object:
            return breakdown(parse(text))
    elif task == "import":
        from fountainkit.readers import read_path

        made = bench_import.make_inputs(script, script.parent, [our_contender()])
        pdf = next(m.path for m in made if m.label.endswith("PDF"))

        def run() -> object:
            return read_path(pdf)
    else:

        def run() -> object:
            return parse(text)

    run()  # warm-up, as in the timed runs
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        run()
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_module: dict[str, float] = {}
    for (filename, _, _), (_, _, own_time, _, _) in stats.stats.items():
        module = re.sub(r".*/(site-packages|work/main)/", "", filename) or filename
        by_module[module] = by_module.get(module, 0.0) + own_time
    total = sum(by_module.values()) or 1.0
    lines = [f"cProfile of fountainkit {task}, {script.name}, {repeats} runs:", ""]
    lines += [
        f"  {share / total:6.1%}  {module}"
        for module, share in sorted(by_module.items(), key=lambda kv: -kv[1])[:12]
    ]
    listing = io.StringIO()
    stats.stream = listing
    stats.sort_stats("tottime").print_stats(15)
    return "\n".join(lines) + "\n" + listing.getvalue()


def write_doc(block: str, start: str = DOC_START, end: str = DOC_END) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    new = f"{start}\n{block}\n{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: new, text, flags=re.S)
    else:
        text = (text.rstrip() + "\n\n" if text else "# Performance\n\n") + new + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of alternating runs")
    parser.add_argument(
        "--long-rounds",
        type=int,
        default=1,
        help="rounds for whole commands (PDF, breakdown CLI) on the long input",
    )
    parser.add_argument("--repeats", type=int, default=5, help="in-process runs per measurement")
    parser.add_argument(
        "--tasks",
        default="parse,pdf,breakdown,import",
        help="comma-separated (import alone writes its own block of the doc); "
        "'pathological' adds bench_pathological.py's doubling run "
        "(every command on every pathological shape; about an hour on 2 busy cores)",
    )
    parser.add_argument("--sizes", default="120,1000", help="target pages, comma-separated")
    parser.add_argument("--inputs", type=Path, help="keep generated inputs and outputs here")
    parser.add_argument(
        "--source",
        choices=tuple(corpus.SOURCES),
        default="public-domain",
        help="scripts the inputs repeat: the English public-domain corpus (default) or the "
        "original samples (Hangul on most pages: fountainkit paints those with WeasyPrint)",
    )
    parser.add_argument("--write-doc", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--profile",
        choices=["parse", "breakdown", "import"],
        help="instead of timing, profile fountainkit's TASK on the ~120-page input",
    )
    args = parser.parse_args()
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="fountainkit-bench-") as tmp:
            feature_pages = int(args.sizes.split(",")[0])
            inputs = corpus.build_inputs(
                Path(tmp),
                layout_page_counter() or corpus.estimate_pages,
                feature_pages,
                feature_pages,
                args.source,
            )
            print(profile_ours(inputs[0].path, args.profile, args.repeats))
        return

    tasks = {t.strip() for t in args.tasks.split(",") if t.strip()}
    if "pathological" in tasks:
        tasks.discard("pathological")
        if tasks:
            run_tasks(args, tasks)
        run_pathological(args.write_doc)
        return
    run_tasks(args, tasks)


def run_pathological(write_doc: bool) -> None:
    """benchmarks/bench_pathological.py with its default options (see its docstring)."""
    script = Path(__file__).resolve().parent / "bench_pathological.py"
    argv = [sys.executable, str(script), *(["--write-doc"] if write_doc else [])]
    subprocess.run(argv, check=True)


def run_tasks(args: argparse.Namespace, tasks: set[str]) -> None:
    feature_pages, long_pages = (int(s) for s in args.sizes.split(","))
    found, missing = peers.peers()
    tools = [our_contender(), *found]
    for line in missing:
        print(f"peer missing: {line}", file=sys.stderr)

    start_load = load_average()
    counter = layout_page_counter()
    pages_source = "as laid out by fountainkit (US letter)" if counter else "estimated"
    with tempfile.TemporaryDirectory(prefix="fountainkit-bench-") as tmp:
        folder = args.inputs or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        inputs = corpus.build_inputs(
            folder, counter or corpus.estimate_pages, feature_pages, long_pages, args.source
        )
        for item in inputs:
            print(
                f"input {item.label}: {item.pages} pages, {item.lines:,} lines, "
                f"{item.scenes} scenes"
            )
        imports = (
            {item.label: bench_import.make_inputs(item.path, folder, tools) for item in inputs}
            if "import" in tasks
            else None
        )
        groups = plan(inputs, tools, tasks, args.repeats, folder, imports)
        results = run_rounds(
            groups,
            args.rounds,
            args.long_rounds,
            inputs[-1].label,
            lambda msg: print(msg, file=sys.stderr, flush=True),
        )

    names = [t.name for t in tools]
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = "\n".join(
        [
            f"Measured {when} with `python benchmarks/run.py --tasks {args.tasks} "
            f"--rounds {args.rounds} "
            f"--long-rounds {args.long_rounds} --repeats {args.repeats} "
            f"--source {args.source}` (inputs repeat "
            f"{', '.join(p.name for p in corpus.source_scripts(args.source))}):",
            "",
            *machine(tools, start_load),
            "",
            tables(results, inputs, names, pages_source),
            "",
            *[f"- {line}" for line in verdict(results, inputs)],
        ]
    )
    print()
    print(block)
    if args.write_doc:
        if tasks == {"import"}:
            write_doc(block, IMPORT_DOC_START, IMPORT_DOC_END)
        else:
            write_doc(block)
        print(f"\nwrote {DOC.relative_to(REPO)}")


if __name__ == "__main__":
    main()
