"""Industry pagination: a Screenplay laid out on the Courier 12pt character grid.

Public API (the PDF, the HTML output and the breakdown all use it, so a page
count, a preview and a scene's eighths never disagree)::

    from fountainkit.layout import paginate, LayoutSettings

    document = paginate(screenplay, LayoutSettings(paper="a4"))
    document.pages          # list[Page]; Page(number, lines), number is the
                            # printed page number, 1 for the first script page
    document.title_page     # Page(0, lines) on the same grid, or None
    document.title_pages    # [] or [title page], more if its text needs more room
    document.profile        # PageProfile: paper size, lines_per_page, slots
    document.scene_extents()  # per scene: first_page, lines_by_page, eighths()

A ``Line`` is one row of a page (blank rows included, so
``len(page.lines) <= profile.lines_per_page``): ``kind`` (scene_heading,
action, character, parenthetical, dialogue, lyrics, more, transition,
centered, section, synopsis, note, title, continued, blank), ``column`` in characters
FROM THE LEFT EDGE OF THE PAGE (x = column * 0.1in), ``runs`` (styled text),
``scene_index`` (0-based into ``list(screenplay.scenes())``, None before the
first scene), ``source`` (the model node, whose ``span`` locates it),
``scene_number`` (headings, when numbers are printed) and ``right`` (the
right-hand column of a dual-dialogue row).

Eighths for a breakdown: ``extent.eighths(document.profile.body_lines_per_page)``
(= rows / body rows per page * 8, at least 1; ``rounding="up"`` available).

Page-break rules (each pinned by a test in tests/test_layout_rules.py): no
scene heading or cue at a page bottom; no transition at a page top; action
splits only at a sentence end with at least 2 lines on each side; speeches
split at a sentence end with (MORE) and NAME (CONT'D), dual dialogue too;
optional automatic (CONT'D) when a speaker resumes after action in a scene.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from fountainkit.config import LayoutSettings
from fountainkit.gcpause import gc_paused
from fountainkit.layout.blocks import Block
from fountainkit.layout.build import BlockBuilder
from fountainkit.layout.continueds import RESERVE, add_continueds
from fountainkit.layout.pagebreak import fill_groups, fill_pages
from fountainkit.layout.profiles import PageProfile, get_profile
from fountainkit.layout.titlepage import layout_title_pages
from fountainkit.layout.types import Document, Line, Page, SceneExtent
from fountainkit.model import Screenplay

__all__ = [
    "Document",
    "LayoutSettings",
    "Line",
    "Page",
    "PageGroups",
    "PageProfile",
    "SceneExtent",
    "paginate",
    "scene_extents",
]


class PageGroups(Protocol):
    """Locked pages (``fountainkit.production.locked_pages.PageLock``): which
    blocks each locked page holds, and the page numbers that gives."""

    def groups(self, blocks: list[Block]) -> list[list[Block]]: ...

    def labels(self, counts: Sequence[int]) -> list[str]: ...


def paginate(
    screenplay: Screenplay,
    settings: LayoutSettings | None = None,
    *,
    lock: PageGroups | None = None,
) -> Document:
    """Lay ``screenplay`` out into pages by the settings' profile and rules.

    With ``lock``, the text of each locked page is laid out on pages of its
    own, numbered as the lock says (12, 12A, 12-13); without, pages flow.
    """
    settings = settings or LayoutSettings()
    profile = get_profile(settings.paper)
    with gc_paused():
        blocks = BlockBuilder(profile, settings).build(screenplay)
        reserve = RESERVE if settings.scene_continueds else None
        if lock is None:
            pages, continues = fill_pages(blocks, profile.lines_per_page, reserve)
        else:
            groups = lock.groups(blocks)
            pages, continues, counts = fill_groups(groups, profile.lines_per_page, reserve)
        if reserve is not None:
            pages = add_continueds(pages, continues, profile)
        if lock is not None:
            labels = lock.labels(counts)
            pages = [
                replace(page, printed=label) for page, label in zip(pages, labels, strict=True)
            ]
        title_pages = layout_title_pages(screenplay.title_page, profile)
    return Document(pages, profile, title_pages, settings)


def scene_extents(document: Document) -> list[SceneExtent]:
    """Each scene's first page and rows per page (same as ``document.scene_extents()``)."""
    return document.scene_extents()
