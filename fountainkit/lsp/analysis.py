"""What the language server knows about one open script, kept per chunk.

Everything a chunk alone determines (lint findings, cue counts, outline
entries, fold regions, headings) is computed once per chunk and cached on it
in the chunk's own coordinates; an edit re-parses a few chunks, so only their
facts are recomputed. Answers are assembled in document coordinates on
request. Page figures need the layout of the whole script: they are computed
on a worker thread, once per document version, only when asked for (the
server asks after a pause in typing, and for the outline and hovers).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from fountainkit.breakdown.sluglines import parse_slugline
from fountainkit.lsp.lint import (
    Diagnostic,
    SliceFindings,
    check_slice,
    first_line_diagnostics,
    first_printed,
    opening_diagnostics,
    probable_typos,
    prologue_diagnostics,
    title_page_diagnostics,
    typo_diagnostic,
)
from fountainkit.model import (
    Action,
    Boneyard,
    Note,
    Scene,
    Screenplay,
    Section,
    Span,
    Synopsis,
    runs_of,
    walk,
)
from fountainkit.syntax.incremental import Chunk, IncrementalDocument
from fountainkit.syntax.lexer import hidden_spans


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A section, a scene or a note, as the outline shows it (spans in document coordinates)."""

    kind: str  # "section", "scene" or "note"
    level: int  # section depth (1 for #); scenes and notes sit below every section
    name: str
    span: Span  # the whole scene, the section line, or the note with its brackets
    selection: Span  # the heading, section line or note
    number: str | None = None  # the heading's #12# number
    scene_index: int | None = None  # 0-based, in script order


@dataclass(frozen=True, slots=True)
class Fold:
    start_line: int  # 1-based, inclusive
    end_line: int
    kind: str  # "region" (sections, scenes) or "comment" (boneyard, notes)


@dataclass(frozen=True, slots=True)
class ScenePages:
    """One scene as the breakdown has it: number, first page, eighths and who is in it.

    Everything up to the next heading counts (sections and synopses inside a
    scene do not end it), exactly as in ``fountainkit breakdown``.
    """

    number: str
    page: int
    eighths: int
    speaking: tuple[str, ...] = ()  # cast who speak, in order of first speech
    non_speaking: tuple[str, ...] = ()  # cast there without a line
    suggested: tuple[str, ...] = ()  # people and groups the action names (not cast)
    day_night: str = ""
    story_day: str = ""


class ScriptAnalysis:
    """An open script: its incremental parse plus cached, per-chunk facts."""

    def __init__(self, text: str) -> None:
        self.document = IncrementalDocument(text)
        # The layout of the whole script, for page figures: one job per
        # document version, run on a worker thread so typing is not blocked.
        self._pages: tuple[int, Future[list[ScenePages]]] | None = None

    # --- per-chunk facts, cached in the chunk's own frame --------------------------

    def _findings(self, chunk: Chunk) -> SliceFindings:
        found = chunk.cache.get("lint")
        if found is None:
            # Every chunk but the last ends where the next scene heading starts
            # (that stays true for the chunk's life: an edit that changes it
            # re-parses the chunk).
            found = check_slice(
                self.document.chunk_text(chunk),
                chunk.items,
                first_line=chunk.origin_line,
                first_offset=chunk.origin_offset,
                heading_follows=chunk is not self.document.chunks[-1],
            )
            chunk.cache["lint"] = found
        return found  # type: ignore[return-value]

    def _cue_counts(self, chunk: Chunk) -> Counter[str]:
        counts = chunk.cache.get("cues")
        if counts is None:
            counts = Counter(cue.name for cue in self._findings(chunk).cues if cue.name)
            chunk.cache["cues"] = counts
        return counts  # type: ignore[return-value]

    def _headings(self, chunk: Chunk) -> list[str]:
        headings = chunk.cache.get("headings")
        if headings is None:
            headings = [item.heading.text for item in chunk.items if isinstance(item, Scene)]
            chunk.cache["headings"] = headings
        return headings  # type: ignore[return-value]

    # --- diagnostics ---------------------------------------------------------------

    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic, in document coordinates."""
        chunks = self.document.chunks
        found: list[Diagnostic] = []
        counts: Counter[str] = Counter()
        for chunk in chunks:
            findings = self._findings(chunk)
            for diagnostic in findings.diagnostics:
                found.append(diagnostic.moved(chunk.line_delta, chunk.offset_delta))
            counts.update(self._cue_counts(chunk))
        found.extend(title_page_diagnostics(self.document.title_page))
        found.extend(first_line_diagnostics(self.document.text[:4096], self.document.title_page))
        found.extend(self._opening_diagnostics())
        typos = probable_typos(counts)
        if typos:
            for chunk in chunks:
                if not any(name in typos for name in self._cue_counts(chunk)):
                    continue
                for cue in self._findings(chunk).cues:
                    if cue.name in typos:
                        span = chunk.absolute(cue.span)
                        found.append(typo_diagnostic(cue.name, typos[cue.name], counts, span))
        return sorted(found, key=lambda d: (d.span.start_line, d.span.start_col, d.code))

    def _opening_diagnostics(self) -> list[Diagnostic]:
        """An odd opening transition, and text before the first heading.

        Chunks are cut at headings, so everything before the first heading is
        in the first chunk.
        """
        chunks = self.document.chunks
        found = (
            [d.moved(chunks[0].line_delta, chunks[0].offset_delta)
             for d in prologue_diagnostics(chunks[0].items)]
            if chunks else []
        )  # fmt: skip
        for chunk in chunks:
            opening = first_printed(chunk.items)
            if opening is not None:
                moved = (d.moved(chunk.line_delta, chunk.offset_delta)
                         for d in opening_diagnostics(opening))  # fmt: skip
                return [*found, *moved]
        return found

    # --- outline and folding -------------------------------------------------------

    def outline(self) -> list[OutlineEntry]:
        """Sections, scenes and notes in script order, in document coordinates."""
        entries: list[OutlineEntry] = []
        scene_index = 0
        for chunk in self.document.chunks:
            marks: list[OutlineEntry] = []
            for item in chunk.items:
                if isinstance(item, Section):
                    span = chunk.absolute(item.span)
                    marks.append(OutlineEntry("section", item.level, item.title, span, span))
                elif isinstance(item, Scene):
                    marks.append(
                        OutlineEntry(
                            "scene",
                            0,
                            " ".join(item.heading.text.split()),
                            chunk.absolute(_outline_span(item)),
                            chunk.absolute(item.heading.span),
                            item.heading.number,
                            scene_index,
                        )
                    )
                    scene_index += 1
                    # Sections inside the scene: outline markers in script order.
                    for element in item.elements:
                        if isinstance(element, Section):
                            span = chunk.absolute(element.span)
                            marks.append(
                                OutlineEntry("section", element.level, element.title, span, span)
                            )
            notes = []
            for name, span in self._notes(chunk):
                span = chunk.absolute(span)
                notes.append(OutlineEntry("note", 0, name, span, span))
            if notes:
                # A note sits after the heading or section it follows (a chunk
                # starts at its heading, so the heading's offset is smallest).
                marks = sorted([*marks, *notes], key=lambda entry: entry.span.start_offset)
            entries.extend(marks)
        return entries

    def _notes(self, chunk: Chunk) -> list[tuple[str, Span]]:
        """(outline name, span) of every note of a chunk, block or inline, in script order.

        Notes in a boneyard are not notes (the boneyard hides them), and the
        title page's are not in the body.
        """
        notes = chunk.cache.get("notes")
        if notes is None:
            notes = []
            for item in chunk.items:
                for node in walk(item):
                    if isinstance(node, Note):
                        notes.append((_note_name(node.text), node.span))
                    elif not isinstance(node, Boneyard):
                        notes.extend(
                            (_note_name(run.text), run.span)
                            for run in runs_of(node)
                            if run.kind == "note"
                        )
            notes.sort(key=lambda note: note[1].start_offset)
            chunk.cache["notes"] = notes
        return notes  # type: ignore[return-value]

    def folds(self) -> list[Fold]:
        """Foldable regions: sections to the next section at their level, scenes, comments."""
        folds: list[Fold] = []
        last_line = self.document.text.count("\n") + 1
        open_sections: list[tuple[int, int]] = []  # (level, start line)
        for entry in self.outline():
            if entry.kind == "section":
                start = entry.span.start_line
                while open_sections and open_sections[-1][0] >= entry.level:
                    _, begun = open_sections.pop()
                    folds.append(Fold(begun, max(begun, start - 1), "region"))
                open_sections.append((entry.level, start))
            elif entry.kind == "scene":
                end = _last_line(entry.span)
                folds.append(Fold(entry.span.start_line, end, "region"))
        for _, begun in reversed(open_sections):
            folds.append(Fold(begun, max(begun, last_line), "region"))
        folds.extend(self._comment_folds())
        return [fold for fold in folds if fold.end_line > fold.start_line]

    def _comment_folds(self) -> Iterator[Fold]:
        for chunk in self.document.chunks:
            for first, last in self._hidden_regions(chunk):
                yield Fold(chunk.line + first, chunk.line + last, "comment")

    def _hidden_regions(self, chunk: Chunk) -> list[tuple[int, int]]:
        """Multi-line boneyards and notes of a chunk, as line offsets from its start.

        Found with the parser's own pattern, so inline ones inside an action
        paragraph fold too. Nothing hidden crosses a chunk boundary.
        """
        regions = chunk.cache.get("hidden")
        if regions is None:
            text = self.document.chunk_text(chunk)
            regions = []
            # hidden_spans finds what the parser's pattern finds, in linear time
            # (the regex alone rescans to the end after every unclosed "/*");
            # lines are counted on from the last region, not from the start.
            line, counted = 0, 0
            for start, end in hidden_spans(text):
                inside = text.count("\n", start, end)
                if inside:
                    line += text.count("\n", counted, start)
                    counted = start
                    regions.append((line, line + inside))
            chunk.cache["hidden"] = regions
        return regions  # type: ignore[return-value]

    # --- completion sources --------------------------------------------------------

    def cue_names(self) -> list[str]:
        """Every speaking name, most frequent first."""
        counts: Counter[str] = Counter()
        for chunk in self.document.chunks:
            counts.update(self._cue_counts(chunk))
        return [name for name, _ in counts.most_common()]

    def locations_and_times(self) -> tuple[list[str], list[str]]:
        """Locations (with sub-locations) and times of day used in headings, most used first."""
        places: Counter[str] = Counter()
        times: Counter[str] = Counter()
        for chunk in self.document.chunks:
            for heading in self._headings(chunk):
                slug = parse_slugline(heading)
                place = " - ".join(p for p in (slug.location, slug.sublocation) if p)
                if place:
                    places[place] += 1
                if slug.time:
                    times[slug.time] += 1
        return [p for p, _ in places.most_common()], [t for t, _ in times.most_common()]

    # --- scene under a position ----------------------------------------------------

    def scene_at_heading(self, line: int) -> tuple[int, Scene, Span] | None:
        """(0-based scene index, scene, heading span) when ``line`` is a heading line."""
        target = self.document.chunk_at_line(line)
        scene_index = sum(
            1
            for chunk in itertools.islice(self.document.chunks, target)
            for item in chunk.items
            if isinstance(item, Scene)
        )
        chunk = self.document.chunks[target]
        for item in chunk.items:
            if not isinstance(item, Scene):
                continue
            heading = chunk.absolute(item.heading.span)
            if heading.start_line <= line <= heading.end_line:
                return scene_index, item, heading
            scene_index += 1
        return None

    def scene_pages(self) -> Future[list[ScenePages]]:
        """Page and eighths of every scene for the current version (a future).

        The layout runs on a worker thread over an immutable snapshot of the
        script; asking again for the same version returns the same job.
        """
        version = self.document.version
        if self._pages is None or self._pages[0] != version:
            snapshot = self.document.screenplay(absolute=False)
            self._pages = (version, _LAYOUT_WORKER.submit(_scene_pages, snapshot))
        return self._pages[1]


_LAYOUT_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fountainkit-layout")


def _scene_pages(screenplay: Screenplay) -> list[ScenePages]:
    """The breakdown of the whole script (layout included), scene by scene."""
    from fountainkit.breakdown import breakdown

    return [
        ScenePages(
            scene.number,
            scene.page,
            scene.eighths,
            scene.speaking,
            scene.non_speaking,
            (*scene.suggested.people, *scene.suggested.groups),
            scene.day_night,
            scene.story_day,
        )
        for scene in breakdown(screenplay).scenes
    ]


def _outline_span(scene: Scene) -> Span:
    """The scene as the outline and folding show it: without the section and
    synopsis markers at its end (an act heading before the next scene), which
    the outline lists on their own."""
    elements = scene.elements
    end = len(elements)
    while end and isinstance(elements[end - 1], Section | Synopsis | Note | Boneyard | Action):
        last = elements[end - 1]
        if isinstance(last, Action) and any(last.lines):
            break
        end -= 1
    if not any(isinstance(e, Section) for e in elements[end:]):
        return scene.span
    last = elements[end - 1] if end else scene.heading
    return Span(
        scene.span.start_line,
        scene.span.start_col,
        last.span.end_line,
        last.span.end_col,
        scene.span.start_offset,
        last.span.end_offset,
    )


NOTE_NAME_LENGTH = 60  # characters of a note the outline shows; the rest is cut


def _note_name(text: str) -> str:
    """A note as one line of the outline: spaces and line breaks folded, long ones cut."""
    name = " ".join(text.split())
    if len(name) > NOTE_NAME_LENGTH:
        name = name[: NOTE_NAME_LENGTH - 1].rstrip() + "…"
    return name or "(empty note)"


def _last_line(span: Span) -> int:
    """The last line a span covers (a span ending at column 1 stops the line before)."""
    if span.end_col == 1 and span.end_line > span.start_line:
        return span.end_line - 1
    return span.end_line
