"""How the direct painter should read and subset fonts: three ways, measured.

    python benchmarks/bench_fonts.py [--rounds 15]

Compared, each in fresh interpreters, the ways interleaved round by round:

- **ctypes HarfBuzz** (what fountainkit uses): libharfbuzz and
  libharfbuzz-subset, the libraries Pango and WeasyPrint load, called through
  ctypes (``fountainkit/pdf/harfbuzz.py``);
- **uharfbuzz**: the Cython binding, with its own HarfBuzz built in
  (``pip install uharfbuzz``; left out when it is not installed);
- **fontTools**: ``TTFont`` for the tables, ``fontTools.subset`` for subsets.

Measured: the import (what every ``fountainkit pdf`` run would pay); opening
each font the painter uses and answering what a page needs (metrics, the
glyphs and advances of 200 characters); subsetting Courier Prime to 80 glyphs
and Noto Sans Mono CJK KR to 300. Last, the whole ``fountainkit pdf`` command
on the ~120-page benchmark input, as it is and with ``import uharfbuzz``
added in front: what that import would cost the command. Medians, in ms.
Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FONTS = {
    "Courier Prime": ("templates/fonts/CourierPrime-Regular.otf", 0),
    "DejaVu Sans Mono": ("DejaVu Sans Mono", None),
    "Noto Sans Mono CJK KR": ("Noto Sans Mono CJK KR", None),
    "Symbola": ("Symbola", None),
}

IMPORTS = {
    "ctypes HarfBuzz": "import ctypes; ctypes.CDLL('libharfbuzz.so.0'); "
    "ctypes.CDLL('libharfbuzz-subset.so.0')",
    "uharfbuzz": "import uharfbuzz",
    "fontTools": "import fontTools.ttLib, fontTools.subset",
}

# What each way imports before the timed part.
SETUP = {
    "ctypes HarfBuzz": "from fountainkit.pdf.harfbuzz import load_font, subset_font, _subsetter;"
    " _subsetter()",
    "uharfbuzz": "import uharfbuzz as hb",
    "fontTools": "from fontTools.ttLib import TTFont\n"
    "from fontTools.subset import Subsetter, Options",
}

OPEN = {
    "ctypes HarfBuzz": """
f = load_font(PATH, INDEX)
for code in range(0x41, 0x41 + 200):
    g = f.glyph(code)
    if g: f.advance(g)
""",
    "uharfbuzz": """
face = hb.Face(hb.Blob.from_file_path(str(PATH)), INDEX)
font = hb.Font(face)
font.get_font_extents('ltr'); face.upem
for code in range(0x41, 0x41 + 200):
    g = font.get_nominal_glyph(code)
    if g: font.get_glyph_h_advance(g)
""",
    "fontTools": """
font = TTFont(str(PATH), fontNumber=INDEX, lazy=True)
cmap = font.getBestCmap(); hmtx = font['hmtx']; font['head']; font['hhea']; font['OS/2']
for code in range(0x41, 0x41 + 200):
    name = cmap.get(code)
    if name: font.getGlyphID(name); hmtx[name]
""",
}

SUBSET = {
    "ctypes HarfBuzz": """
data = subset_font(load_font(PATH, INDEX), GLYPHS)
""",
    "uharfbuzz": """
face = hb.Face(hb.Blob.from_file_path(str(PATH)), INDEX)
inp = hb.SubsetInput()
for g in GLYPHS: inp.glyph_set.add(g)
inp.flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.DESUBROUTINIZE
data = hb.subset(face, inp).blob.data
""",
    "fontTools": """
options = Options(); options.retain_gids = True; options.notdef_outline = True
font = TTFont(str(PATH), fontNumber=INDEX)
sub = Subsetter(options); sub.populate(gids=list(GLYPHS)); sub.subset(font)
""",
}


def font_path(spec: tuple[str, int | None]) -> tuple[Path, int] | None:
    name, index = spec
    if index is not None:
        return REPO / name, index
    from fountainkit.pdf.fallback import find_font

    found = find_font(name, False, False)
    return (found.path, found.index) if found else None


def timed(code: str, setup: str = "") -> float:
    """Seconds ``code`` takes in a fresh interpreter, after ``setup`` (untimed)."""
    wrapper = (
        f"import time, sys; sys.path.insert(0, {str(REPO)!r})\n{setup}\n"
        f"t = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, text=True, check=True, cwd=REPO
    )
    return float(out.stdout.strip().splitlines()[-1])


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f}"


def command_ms(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one run of ``argv``; CPU is
    the steadier of the two on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=REPO)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    ways = [w for w in IMPORTS if w != "uharfbuzz" or importlib.util.find_spec("uharfbuzz")]
    print(f"rounds: {args.rounds}; ways: {', '.join(ways)}\n")

    print("| import | " + " | ".join(ways) + " |\n|---|" + "--:|" * len(ways))
    samples: dict[str, list[float]] = {way: [] for way in ways}
    for _ in range(args.rounds):
        for way in ways:
            samples[way].append(timed(IMPORTS[way]))
    print("| ms | " + " | ".join(median_ms(samples[w]) for w in ways) + " |\n")

    print("| open + 200 lookups | " + " | ".join(ways) + " |\n|---|" + "--:|" * len(ways))
    for label, spec in FONTS.items():
        found = font_path(spec)
        if found is None:
            continue
        path, index = found
        samples = {way: [] for way in ways}
        for _ in range(max(3, args.rounds // 3)):
            for way in ways:
                code = OPEN[way].replace("PATH", f"__import__('pathlib').Path({str(path)!r})")
                samples[way].append(timed(code.replace("INDEX", str(index)), SETUP[way]))
        print(f"| {label} | " + " | ".join(median_ms(samples[w]) for w in ways) + " |")

    print("\n| subset | " + " | ".join(ways) + " |\n|---|" + "--:|" * len(ways))
    for label, glyph_count in (("Courier Prime", 80), ("Noto Sans Mono CJK KR", 300)):
        found = font_path(FONTS[label])
        if found is None:
            continue
        path, index = found
        glyphs = list(range(1, glyph_count + 1)) if label == "Courier Prime" else None
        if glyphs is None:  # Hangul syllables' glyphs
            from fountainkit.pdf.harfbuzz import load_font

            facts = load_font(path, index)
            glyphs = [facts.glyph(code) for code in range(0xAC00, 0xAC00 + glyph_count)]
        samples = {way: [] for way in ways}
        for _ in range(max(3, args.rounds // 3)):
            for way in ways:
                code = (
                    SUBSET[way]
                    .replace("PATH", f"__import__('pathlib').Path({str(path)!r})")
                    .replace("INDEX", str(index))
                    .replace("GLYPHS", repr(glyphs))
                )
                samples[way].append(timed(code, SETUP[way]))
        row = " | ".join(median_ms(samples[w]) for w in ways)
        print(f"| {label}, {glyph_count} glyphs | {row} |")

    if "uharfbuzz" in ways:
        from benchmarks import corpus

        with tempfile.TemporaryDirectory() as folder:
            feature = corpus.build_inputs(Path(folder))[0].path
            out = Path(folder) / "out.pdf"
            plain = [sys.executable, "-m", "fountainkit", "pdf", str(feature), "-o", str(out)]
            with_import = [
                sys.executable,
                "-c",
                "import sys, runpy, uharfbuzz; sys.argv = ['fountainkit', *sys.argv[1:]]; "
                "runpy.run_module('fountainkit', run_name='__main__')",
                *plain[3:],
            ]
            rounds = max(5, args.rounds)
            times: dict[str, list[tuple[float, float]]] = {"as is": [], "with import uharfbuzz": []}
            for _ in range(rounds):
                times["as is"].append(command_ms(plain))
                times["with import uharfbuzz"].append(command_ms(with_import))
            print("\n| `fountainkit pdf`, ~120 pages | wall ms | CPU ms |\n|---|--:|--:|")
            for name, values in times.items():
                wall = statistics.median(v[0] for v in values)
                cpu = statistics.median(v[1] for v in values)
                print(f"| {name} | {wall:.0f} | {cpu:.0f} |")


if __name__ == "__main__":
    main()
