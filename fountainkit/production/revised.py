"""A revised draft: the new draft's pages with revision marks and headers.

``revise`` compares the old and new drafts, lays the new one out (with the
revision added to its title page's history), puts a mark beside each changed
line and the revision's header text (``Blue Rev. 01/12/27``) on each changed
page. ``changed_only`` keeps the pages a revision issues, each with its own
page number, for the coloured paper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from fountainkit.config import LayoutSettings
from fountainkit.gcpause import gc_paused
from fountainkit.layout import Document, paginate
from fountainkit.model import Screenplay
from fountainkit.production.elements import printed_elements
from fountainkit.production.revision_marks import changed_pages, mark_rows
from fountainkit.production.revision_sets import Revision, with_history
from fountainkit.production.revisions import Comparison, compare

Paginate = Callable[[Screenplay, LayoutSettings], Document]


@dataclass(frozen=True, slots=True)
class RevisedDraft:
    screenplay: Screenplay  # the new draft, its title page listing the revisions
    document: Document  # its pages, marked; changed pages carry the revision header
    changed: list[int]  # indexes into document.pages of the pages the revision issues
    comparison: Comparison


def revise(
    new: Screenplay,
    old: Screenplay,
    settings: LayoutSettings,
    revision: Revision,
    *,
    mark: str = "*",
    history: Sequence[str] = (),
    layout: Paginate = paginate,
) -> RevisedDraft:
    """The new draft laid out with ``layout``, marked against ``old``.

    ``history``: the title page's revision lines (this revision last);
    ``layout`` lays out both drafts alike (locked pages pass their own).
    """
    with gc_paused():
        comparison = compare(printed_elements(old, settings), printed_elements(new, settings))
    screenplay = with_history(new, history)
    document = layout(screenplay, settings)
    old_document = layout(old, settings)
    marks = mark_rows(document, comparison, mark)
    changed = changed_pages(document, old_document, marks)
    issued = set(changed)
    pages = [
        replace(
            page,
            marks={**page.marks, **marks.get(index, {})},
            values={**page.values, "revision": revision.header if index in issued else ""},
        )
        for index, page in enumerate(document.pages)
    ]
    return RevisedDraft(screenplay, replace(document, pages=pages), changed, comparison)


def changed_only(draft: RevisedDraft) -> Document:
    """The pages a revision issues (and the title page), each keeping its page
    number; ``{pages}`` still counts the whole script."""
    document = draft.document
    total = str(document.page_count)
    issued = set(draft.changed)
    pages = [
        replace(page, printed=page.label, values={"pages": total, **page.values})
        for index, page in enumerate(document.pages)
        if index in issued
    ]
    return replace(document, pages=pages)
