"""How long two drafts take to compare: the revision diff behind ``pdf --revised-from``.

Run from the repository root::

    python benchmarks/bench_revisions.py [--runs 7] [--commands 3]

The old draft is ``benchmarks/feature.py``'s generated feature (about 120
pages: 190 scenes, 50 speaking parts, the same stock lines of dialogue
recurring all through it, which is what makes lining two drafts up hard).
The new draft is a copy edited the way a rewrite edits a locked script
(``edited``): words changed in a few dozen lines, lines of action and
dialogue added and deleted, whole scenes added and cut. Each shape is also
measured at twice the size (two features one after the other, edited alike)
to show the cost grows linearly, and against an unrelated draft (another
seed: nothing lines up), the worst case.

Part 1 times the comparison in-process, median of ``--runs``: CPU (this
process's time) and wall clock, for ``compare`` alone (the two drafts'
printed elements lined up, element then word by word) and for everything the
revision adds to reading the two drafts (printed elements + compare), and
from the two texts (parsing both as well). Part 2
times whole commands as a user runs them, interleaved run by run:
``fountainkit pdf NEW --revised-from OLD`` next to ``fountainkit pdf NEW``;
the difference is what marking the revision costs on top of printing. Not a
test: nothing here fails.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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

# What the edited draft changes (per feature).
CHANGED_LINES = 30
ADDED_LINES = 15
DELETED_LINES = 10
ADDED_SCENES = 3
CUT_SCENES = 2

_NEW_WORDS = ("suddenly", "quietly", "harbour", "lantern", "rusted", "again", "shivering")
_NEW_ACTION = (
    "The lantern gutters. Somebody has left the back door open to the rain.",
    "A gull lands on the rail, looks at the table, and thinks better of it.",
    "Far off, the ferry horn. Nobody moves.",
)
_NEW_SCENE = (
    "EXT. HARBOUR WALL - NIGHT {n}\n\n"
    "Waves break over the wall. A figure in an oilskin walks the length of it.\n\n"
    "HARBOURMASTER\nYou should not be out here. Not tonight.\n\n"
    "The figure does not turn round."
)


def _is_heading(block: str) -> bool:
    return block.startswith(("INT.", "EXT.", "I/E", "INT ", "EXT ", "."))


def edited(text: str, seed: int = 7, copies: int = 1) -> str:
    """``text`` with a rewrite's changes: words changed, lines added and deleted,
    scenes added and cut (``copies`` times as many for a longer draft)."""
    rng = random.Random(seed)
    blocks = text.split("\n\n")
    headings = [i for i, block in enumerate(blocks) if _is_heading(block)]
    body = [
        i
        for i, block in enumerate(blocks)
        if i > headings[0] and not _is_heading(block) and len(block.split()) >= 4
    ]
    # Whole scenes cut: from a heading up to the next one.
    cut: set[int] = set()
    for heading in rng.sample(headings[1:-1], CUT_SCENES * copies):
        end = headings[headings.index(heading) + 1]
        cut.update(range(heading, end))
    body = [i for i in body if i not in cut]
    deleted = set(rng.sample(body, DELETED_LINES * copies))
    rest = [i for i in body if i not in deleted]
    changed = set(rng.sample(rest, CHANGED_LINES * copies))
    added = set(rng.sample(rest, ADDED_LINES * copies))
    new_scenes = set(rng.sample([h for h in headings[1:] if h not in cut], ADDED_SCENES * copies))
    out: list[str] = []
    for index, block in enumerate(blocks):
        if index in cut or index in deleted:
            continue
        if index in new_scenes:
            out.append(_NEW_SCENE.format(n=len(out)))
        if index in changed:
            lines = block.split("\n")
            line = len(lines) - 1  # the spoken line of a speech, or the action
            words = lines[line].split(" ")
            at = rng.randrange(len(words))
            words[at] = rng.choice(_NEW_WORDS)
            lines[line] = " ".join(words)
            block = "\n".join(lines)
        out.append(block)
        if index in added:
            out.append(rng.choice(_NEW_ACTION))
    return "\n\n".join(out)


def median_times(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds), each the median of ``runs`` runs."""
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        work()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall)


def measure_pair(old_text: str, new_text: str, runs: int) -> str:
    """One table row: the pages, the changed elements, the three timings."""
    from fountainkit import parse
    from fountainkit.config import LayoutSettings
    from fountainkit.gcpause import gc_paused
    from fountainkit.layout import paginate
    from fountainkit.production.elements import printed_elements
    from fountainkit.production.revisions import compare

    settings = LayoutSettings()
    old, new = parse(old_text), parse(new_text)
    old_elements = printed_elements(old, settings)
    new_elements = printed_elements(new, settings)

    # The GC is paused as fountainkit pdf --revised-from pauses it (production/revised.py).
    def diff() -> object:
        with gc_paused():
            return compare(old_elements, new_elements)

    def elements_and_diff() -> object:
        with gc_paused():
            return compare(printed_elements(old, settings), printed_elements(new, settings))

    def from_texts() -> object:
        with gc_paused():
            first, second = parse(old_text), parse(new_text)
            return compare(printed_elements(first, settings), printed_elements(second, settings))

    changes = len(compare(old_elements, new_elements).changes)
    diff_cpu, diff_wall = median_times(diff, runs)
    all_cpu, all_wall = median_times(elements_and_diff, runs)
    text_cpu, text_wall = median_times(from_texts, runs)
    pages = f"{paginate(old).page_count} / {paginate(new).page_count}"
    return (
        f"| {pages} | {changes} | {diff_cpu:.3f} s / {diff_wall:.3f} s "
        f"| {all_cpu:.3f} s / {all_wall:.3f} s | {text_cpu:.3f} s / {text_wall:.3f} s |"
    )


def in_process(pairs: dict[str, tuple[str, str]], runs: int) -> list[str]:
    rows = [
        "| drafts | pages (old / new) | changed elements | compare: CPU / wall "
        "| printed elements + compare: CPU / wall | from the texts (parse both too): CPU / wall |",
        "|---|---|---|---|---|---|",
    ]
    for name, (old_text, new_text) in pairs.items():
        rows.append(f"| {name} " + measure_pair(old_text, new_text, runs))
    return rows


def commands(old: Path, new: Path, runs: int) -> list[str]:
    out = old.parent / "out.pdf"
    argv = {
        "pdf NEW": [sys.executable, "-m", "fountainkit", "pdf", str(new)],
        "pdf NEW --revised-from OLD": [
            sys.executable,
            "-m",
            "fountainkit",
            "pdf",
            str(new),
            "--revised-from",
            str(old),
        ],
    }
    walls: dict[str, list[float]] = {name: [] for name in argv}
    cpus: dict[str, list[float]] = {name: [] for name in argv}
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        for name, command in argv.items():
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run([*command, "-o", str(out), "--force"], check=True, capture_output=True)
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(_children_cpu() - before)
    rows = ["| command (about 120 pages) | wall, median | CPU, median |", "|---|---|---|"]
    for name in argv:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        rows.append(f"| `fountainkit {name}` | {wall:.2f} s | {cpu:.2f} s |")
    return rows


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="in-process runs per figure")
    parser.add_argument("--commands", type=int, default=3, help="runs of each whole command")
    args = parser.parse_args()

    import corpus
    from feature import feature_script

    one = corpus.generated_feature(1)
    two = corpus.generated_feature(2)
    unrelated = corpus.TITLE_PAGE + corpus.strip_title_page(feature_script(seed=99))
    pairs = {
        "feature, edited": (one, edited(one)),
        "2x feature, edited alike": (two, edited(two, copies=2)),
        "feature, unrelated draft": (one, unrelated),
    }
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("\n".join(in_process(pairs, args.runs)))
    print()
    if args.commands:
        with tempfile.TemporaryDirectory() as folder:
            old, new = Path(folder) / "white.fountain", Path(folder) / "blue.fountain"
            old.write_text(one, encoding="utf-8")
            new.write_text(edited(one), encoding="utf-8")
            print("\n".join(commands(old, new, args.commands)))
            print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
