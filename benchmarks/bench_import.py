"""Import speed: PDFs and FDX files of the benchmark script read into the model.

    python benchmarks/bench_import.py [run.py options]

is ``python benchmarks/run.py --tasks import`` (see run.py): the ~120-page
script and its ~1000-page concatenation are rendered once by each tool that
can (fountainkit's PDF and FDX, screenplain's PDF and FDX, afterwriting's PDF;
the same commands as run.py's pdf task), then each file is read with
``fountainkit.readers.read_path`` in a harness process (peers.py): one
warm-up, then the median of ``--repeats`` reads, wall and CPU time. No peer
imports PDF or FDX, so the files other tools made are the comparison: the
same script, laid out by three programs. The target (docs/import.md) is under
2 s for a ~120-page PDF.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # noqa: E402

IMPORT_TARGET_S = 2.0  # a ~120-page PDF imports in under 2 s


@dataclass(frozen=True)
class ImportInput:
    """One file to import: which tool made it, in which format."""

    label: str  # "fountainkit PDF", "screenplain FDX"...
    path: Path


def _made_by(tool: peers.Contender, script: Path, out: Path) -> Path | None:
    """``tool``'s PDF of ``script`` (its pdf command, as run.py's pdf task runs it)."""
    if tool.pdf_argv is None:
        return None
    # Not the pdf task's output name: that task deletes and remakes its files.
    target = out / f"{script.stem}.{tool.name}.import.pdf"
    if not target.exists():
        done = peers.run_process(tool.pdf_argv(script, target))
        if done.returncode != 0 or not target.exists():
            print(f"{tool.name} could not render {script.name}: {done.stderr[-200:]}")
            return None
    return target


def make_inputs(script: Path, out: Path, tools: list[peers.Contender]) -> list[ImportInput]:
    """Every PDF and FDX the installed tools make of ``script``, made once into ``out``."""
    made = []
    for tool in tools:
        pdf = _made_by(tool, script, out)
        if pdf is not None:
            made.append(ImportInput(f"{tool.name} PDF", pdf))
    fdx_commands = {
        "fountainkit": [sys.executable, "-m", "fountainkit", "convert", "--force"],
        "screenplain": [str(peers.PEERS_VENV / "bin" / "screenplain"), "--format", "fdx"],
    }
    names = {tool.name for tool in tools}
    for name, command in fdx_commands.items():
        if name not in names:
            continue
        target = out / f"{script.stem}.{name}.fdx"
        if not target.exists():
            argv = [*command, str(script), "-o", str(target)]
            if name == "screenplain":
                argv = [*command, str(script), str(target)]
            subprocess.run(argv, check=False, capture_output=True, env=peers.our_env())
        if target.exists():
            made.append(ImportInput(f"{name} FDX", target))
    return made


if __name__ == "__main__":
    import run

    sys.argv = [sys.argv[0], "--tasks", "import", *sys.argv[1:]]
    run.main()
