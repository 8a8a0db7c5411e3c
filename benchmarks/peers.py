"""Install and run the peers the benchmark compares against.

Peers live outside the project's dependencies, in git-ignored folders:

- benchmarks/.venv-peers: a venv with screenplain (PDF through ReportLab) and jouvence;
- benchmarks/.node-peers: an npm folder with afterwriting (its CLI and aw-parser).

Install them once with::

    python benchmarks/peers.py install

This file uses the standard library only, because it is also the timing
harness that runs *inside* the peers' venv::

    PYTHON benchmarks/peers.py time TASK NAME SCRIPT REPEATS

which runs the task (parse; fountainkit's breakdown; fountainkit's import,
where SCRIPT is a PDF, FDX or Fountain file) once to warm up (grammar
loading, imports, caches), then REPEATS times, and prints the wall and CPU
times in milliseconds as JSON, so interpreter start-up never counts.
"""

from __future__ import annotations

import compileall
import functools
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PEERS_VENV = BENCH / ".venv-peers"
NODE_PEERS = BENCH / ".node-peers"
AFTERWRITING = NODE_PEERS / "node_modules" / "afterwriting"
PEER_PYTHON = PEERS_VENV / "bin" / "python"

PIP_PEERS = ["screenplain[PDF]", "jouvence"]
NPM_PEERS = ["afterwriting"]

# afterwriting's own defaults (js/core/model/settings.js) for what the parser keeps.
_AW_PARSE_CONFIG = {
    "print_headers": True,
    "print_actions": True,
    "print_dialogues": True,
    "print_notes": False,
    "print_sections": False,
    "print_synopsis": False,
    "each_scene_on_new_page": False,
    "double_space_between_scenes": False,
    "use_dual_dialogue": True,
    "merge_multiple_empty_lines": True,
}

# The afterwriting harness. "parse" runs aw-parser alone; "stats" runs what its
# Stats page computes from a script: parse, the liner (its pagination, US
# letter), and the per-scene queries (lengths, locations, day/night, INT/EXT).
# That is the nearest thing any peer has to a breakdown.
_AW_HARNESS = r"""
const path = require('path');
const fs = require('fs');
const [awRoot, file, repeats, task, config] = process.argv.slice(1);
global.window = undefined;
require = require(path.join(awRoot, 'js/client/awrequire.js'));
require.config({
  map: {modernizr: {}},
  use_node_require: ['jquery', 'fs', 'd3', 'pdfkit', 'aw-parser', 'protoplast', 'lodash'],
});
const aw = require('aw-parser');
const Liner = require('utils/liner');
const profiles = require('utils/print-profiles');
const queries = require('plugin/stats/model/queries');
const text = fs.readFileSync(file, 'utf8');
const cfg = JSON.parse(config);
function once() {
  const parsed = aw.parser.parse(text, cfg);
  if (task !== 'stats') return parsed;
  parsed.lines = new Liner(aw.helpers).line(parsed.tokens, {
    print: profiles.usletter, text_more: '(MORE)', text_contd: "(CONT'D)", split_dialogue: true});
  return [queries.scene_length.run(parsed.tokens, true), queries.locations.run(parsed.tokens),
          queries.days_and_nights.run(parsed.tokens, true), queries.int_and_ext.run(parsed.tokens),
          queries.locationsBreakdown.run(parsed.tokens, profiles.usletter.lines_per_page)];
}
// Two warm-up runs: V8 compiles hot functions on the first calls.
once(); once();
const times = [];
for (let i = 0; i < Number(repeats); i++) {
  const start = process.hrtime.bigint();
  once();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
const peak = hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
console.log(JSON.stringify({times, max_rss_kb: peak}));
"""


@dataclass(frozen=True)
class Contender:
    """One tool in the benchmark and how to run each task with it.

    ``parse_argv`` and ``breakdown_argv`` start a harness that times the work
    in-process and prints JSON; ``pdf_argv`` is a whole CLI run, timed from
    outside. ``None`` means the tool cannot do that task.
    """

    name: str
    version: str
    parse_argv: Callable[[Path, int], list[str]] | None = None
    pdf_argv: Callable[[Path, Path], list[str]] | None = None
    breakdown_argv: Callable[[Path, int], list[str]] | None = None
    breakdown_note: str = ""


@dataclass(frozen=True)
class ProcessRun:
    """A whole-process run: wall time and the child's own peak memory."""

    ms: float
    max_rss_mb: float
    returncode: int
    stderr: str


# --- installing -------------------------------------------------------------


def install() -> None:
    """Create the peers' venv and npm folder (idempotent)."""
    if not PEER_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    subprocess.run([str(PEER_PYTHON), "-m", "pip", "install", "-q", *PIP_PEERS], check=True)
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not on PATH: install Node.js >= 18 to benchmark afterwriting")
    NODE_PEERS.mkdir(parents=True, exist_ok=True)
    package_json = NODE_PEERS / "package.json"
    if not package_json.exists():
        package_json.write_text('{"private": true}\n', encoding="utf-8")
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", *NPM_PEERS], cwd=NODE_PEERS, check=True
    )


# --- versions and availability ---------------------------------------------


def _pip_version(package: str) -> str | None:
    if not PEER_PYTHON.exists():
        return None
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    done = subprocess.run([str(PEER_PYTHON), "-c", code], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def _npm_version() -> str | None:
    manifest = AFTERWRITING / "package.json"
    if not manifest.exists() or shutil.which("node") is None:
        return None
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def peers() -> tuple[list[Contender], list[str]]:
    """The installed peers, and a line for each one that is missing."""
    found: list[Contender] = []
    missing: list[str] = []
    here = str(Path(__file__).resolve())

    def python_parse(name: str) -> Callable[[Path, int], list[str]]:
        return lambda script, n: [
            str(PEER_PYTHON),
            here,
            "time",
            "parse",
            name,
            str(script),
            str(n),
        ]

    version = _pip_version("screenplain")
    if version:
        found.append(
            Contender(
                "screenplain",
                version,
                parse_argv=python_parse("screenplain"),
                pdf_argv=lambda src, out: [
                    str(PEERS_VENV / "bin" / "screenplain"),
                    "--format",
                    "pdf",
                    str(src),
                    str(out),
                ],
            )
        )
    else:
        missing.append("screenplain (run: python benchmarks/peers.py install)")

    version = _pip_version("jouvence")
    if version:
        # Jouvence renders HTML and terminal text only: no PDF.
        found.append(Contender("jouvence", version, parse_argv=python_parse("jouvence")))
    else:
        missing.append("jouvence (run: python benchmarks/peers.py install)")

    version = _npm_version()
    if version:
        # Its default paper is A4: print on US letter, as the other tools do.
        aw_config = Path(tempfile.gettempdir()) / "fountainkit-bench-aw-usletter.json"
        aw_config.write_text(json.dumps({"print_profile": "usletter"}), encoding="utf-8")

        def aw_harness(task: str) -> Callable[[Path, int], list[str]]:
            config = json.dumps(_AW_PARSE_CONFIG)
            return lambda script, n: [
                "node",
                "-e",
                _AW_HARNESS,
                str(AFTERWRITING),
                str(script),
                str(n),
                task,
                config,
            ]

        found.append(
            Contender(
                "afterwriting",
                version,
                parse_argv=aw_harness("parse"),
                pdf_argv=lambda src, out: [
                    "node",
                    str(AFTERWRITING / "awc.js"),
                    "--source",
                    str(src),
                    "--pdf",
                    str(out),
                    "--overwrite",
                    "--config",
                    str(aw_config),
                ],
                breakdown_argv=aw_harness("stats"),
                breakdown_note="afterwriting stats (parse + liner + scene queries)",
            )
        )
    else:
        missing.append("afterwriting (run: python benchmarks/peers.py install; needs node)")
    return found, missing


# --- running ----------------------------------------------------------------


def our_env() -> dict[str, str]:
    """fountainkit from this checkout, whether or not it is installed.

    Its modules are byte-compiled first, as ``pip install`` does for the peers
    (and for fountainkit from a wheel): an editable checkout run with
    PYTHONDONTWRITEBYTECODE set would otherwise compile some sixty modules from
    source on every command, about 0.1 s that no installed user ever pays.
    """
    _byte_compile_checkout()
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}


@functools.cache
def _byte_compile_checkout() -> None:
    compileall.compile_dir(REPO / "fountainkit", quiet=1)


GNU_TIME = Path("/usr/bin/time")


def run_process(argv: list[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Run a command to completion; time it and read its own peak RSS.

    Linux carries the forking parent's RSS into a child's ru_maxrss, so the
    command is started by GNU time (a tiny C program) when it is installed,
    which reports the child's peak without our interpreter's memory in it.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        wrapped = argv
        if GNU_TIME.exists():
            wrapped = [str(GNU_TIME), "-q", "-f", "%M", "-o", rss_file.name, *argv]
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stderr.close()
        reported = rss_file.read().strip().splitlines()
    rss_kb = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss
    return ProcessRun(
        ms=elapsed,
        max_rss_mb=rss_kb / 1024,
        returncode=process.returncode,
        stderr=stderr.decode("utf-8", "replace").strip(),
    )


@dataclass(frozen=True)
class HarnessRun:
    """What a timing harness measured: wall times, CPU times (Python harness
    only; empty for Node), both in ms, and its peak memory."""

    times: list[float]
    cpu_times: list[float]
    max_rss_mb: float


def run_harness(argv: list[str], env: dict[str, str] | None = None) -> HarnessRun:
    """Run an in-process timing harness and read what it measured."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise RuntimeError(f"{argv[0]} harness failed: {tail}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return HarnessRun(result["times"], result.get("cpu_times", []), result["max_rss_kb"] / 1024)


# --- the Python harness (runs in whichever interpreter has the tool) -------


def _python_task(task: str, name: str) -> Callable[[str], object]:
    """The function the harness times: text in, the tool's result out."""
    if name == "fountainkit":
        from fountainkit import parse

        if task == "import":
            from fountainkit.readers import read_path

            return read_path
        if task == "breakdown":
            from fountainkit.breakdown.core import breakdown

            return lambda text: breakdown(parse(text))
        return parse
    if task != "parse":
        raise SystemExit(f"{name} has no {task}")
    if name == "screenplain":
        from screenplain.parsers.fountain import parse as screenplain_parse

        return lambda text: screenplain_parse(io.StringIO(text))
    if name == "jouvence":
        from jouvence.parser import JouvenceParser

        return JouvenceParser().parseString
    raise SystemExit(f"unknown tool {name!r}")


def time_task(task: str, name: str, script: Path, repeats: int) -> dict[str, object]:
    """Run ``task`` on ``script`` once to warm up, then ``repeats`` times; wall
    and CPU times in ms. The import task reads the file each time (that is
    part of importing); the others get its text."""
    source: object = script if task == "import" else script.read_text(encoding="utf-8")
    run = _python_task(task, name)
    run(source)
    times, cpu_times = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        run(source)
        cpu_times.append((time.process_time() - cpu_start) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    return {"times": times, "cpu_times": cpu_times, "max_rss_kb": _peak_rss_kb()}


def _peak_rss_kb() -> int:
    """This process's own peak RSS.

    VmHWM belongs to the memory map made at exec; ru_maxrss would also carry
    the RSS of the parent that forked us (Linux keeps it across exec).
    """
    import resource

    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str]) -> None:
    if argv[:1] == ["install"]:
        install()
        found, missing = peers()
        for contender in found:
            print(f"{contender.name} {contender.version}: ok")
        for line in missing:
            print(f"missing: {line}")
    elif argv[:1] == ["time"] and len(argv) == 5:
        print(json.dumps(time_task(argv[1], argv[2], Path(argv[3]), int(argv[4]))))
    else:
        raise SystemExit("usage: peers.py install | peers.py time TASK NAME SCRIPT REPEATS")


if __name__ == "__main__":
    main(sys.argv[1:])
