"""Work grows linearly with the input, for every stage and every pathological shape.

No clock is read here. The measure of work is the number of Python steps a
stage takes (every call and every line executed, counted with
``sys.settrace``): the same input always costs the same count, so the test is
deterministic. Each shape is generated (benchmarks/shapes.py) at a small size
and at four times that size; linear work gives a ratio near 4, quadratic work
near 16. The bound (RATIO_BOUND) leaves room for n log n and for the fixed cost
of a small input. Memoisation caches are emptied before each count, so a line
parsed by an earlier test is not free here.

Work done inside one built-in call (a regex scan, a string copy) is not
counted; benchmarks/bench_pathological.py times the whole commands on the same
shapes for that.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fountainkit import parse
from fountainkit.breakdown.core import breakdown
from fountainkit.breakdown.reports import render
from fountainkit.config import LayoutSettings
from fountainkit.layout import paginate
from fountainkit.lsp.analysis import ScriptAnalysis
from fountainkit.lsp.lint import lint
from fountainkit.production.elements import printed_elements
from fountainkit.production.locked_pages import PageLock, page_starts
from fountainkit.production.revisions import compare
from fountainkit.writers.fdx import to_fdx
from fountainkit.writers.fdx_tagdata import tagged_scenes
from fountainkit.writers.html import render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from shapes import SHAPES  # noqa: E402

SMALL = 3_000  # characters; the large input is 4x this
RATIO_BOUND = 5.0


def steps(work: Callable[[], object]) -> int:
    """How many Python calls and lines ``work()`` executes."""
    count = 0

    def tracer(frame: object, event: str, arg: object) -> Callable:
        nonlocal count
        count += 1
        return tracer

    _clear_caches()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def _clear_caches() -> None:
    """Empty every functools cache in fountainkit (parsed lines, cue names...)."""
    for name, module in list(sys.modules.items()):
        if name == "fountainkit" or name.startswith("fountainkit."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def growth(stage: Callable[[str], object], shape: str) -> float:
    """Steps on the 4x input over steps on the small one (after a warm-up run)."""
    make = SHAPES[shape]
    stage(make(SMALL // 4))  # imports, compiled regexes, lazily built tables
    small = steps(lambda: stage(make(SMALL)))
    large = steps(lambda: stage(make(4 * SMALL)))
    return large / small


def _parse(text: str) -> object:
    return parse(text)


def _layout(text: str) -> object:
    return paginate(parse(text))


def _locked_layout(text: str) -> object:
    """The text's pages locked, then an edited draft laid out on them (pages
    start inside paragraphs and speeches, found again by their words)."""
    old = parse(text)
    starts = page_starts(old, paginate(old))
    new = parse(text.replace("e", "E", 5))
    return paginate(new, lock=PageLock(starts, new, LayoutSettings()))


def _revisions(text: str) -> object:
    """Two drafts compared (what pdf --revised-from marks): words added mid-script."""
    middle = len(text) // 2
    new = text[:middle] + " Words added here. " + text[middle:]
    return compare(printed_elements(parse(text)), printed_elements(parse(new)))


def _breakdown(text: str) -> object:
    return render(breakdown(parse(text)), "json")


def _lint(text: str) -> object:
    return lint(text)


def _fdx(text: str) -> object:
    return to_fdx(parse(text))


def _fdx_with_tags(text: str) -> object:
    """As ``fountainkit fdx`` writes it by default: the breakdown as Tagger data."""
    screenplay = parse(text)
    return to_fdx(screenplay, scene_tags=tagged_scenes(breakdown(screenplay)))


def _html(text: str) -> object:
    screenplay = parse(text)
    return render_html(screenplay, paginate(screenplay), embed_fonts=False)


def _language_server(text: str) -> object:
    analysis = ScriptAnalysis(text)
    analysis.diagnostics()
    analysis.outline()
    analysis.folds()
    analysis.cue_names()
    analysis.locations_and_times()
    middle = len(text) // 2
    analysis.document.edit(middle, middle, "x")
    return analysis.diagnostics()


STAGES = {
    "parse": _parse,
    "layout": _layout,
    "locked layout": _locked_layout,
    "revisions": _revisions,
    "breakdown": _breakdown,
    "lint": _lint,
    "fdx": _fdx,
    "fdx with tags": _fdx_with_tags,
    "html": _html,
    "language server": _language_server,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("stage", list(STAGES))
def test_work_grows_linearly(stage: str, shape: str) -> None:
    ratio = growth(STAGES[stage], shape)
    assert ratio <= RATIO_BOUND, f"{stage} on {shape}: 4x the input costs {ratio:.1f}x the steps"
