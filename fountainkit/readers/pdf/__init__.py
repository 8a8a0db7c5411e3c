"""PDF screenplays into the model: text PDFs laid out as scripts.

Pipeline: ``extract`` (PDFium: positioned, styled text runs, underline rules)
-> ``lines`` (runs on a baseline joined into lines, cut into segments at wide
gaps) -> ``furniture`` (page numbers, running headers, (MORE), CONTINUED,
revision marks, scene numbers) -> ``geometry`` (the document's own indents)
-> ``classify`` (elements, paragraphs rebuilt across pages) ->
``readers.assemble``. The first page is read as a title page when it is one.

A PDF with no text at all gets one clear error (scanned: it needs OCR), as
do encrypted and damaged files and text that is no screenplay.
"""

from __future__ import annotations

from fountainkit.readers.assemble import assemble
from fountainkit.readers.base import ReaderError, ReaderWarning, ReadResult
from fountainkit.readers.pdf.classify import Classifier, prints_transitions_right
from fountainkit.readers.pdf.extract import extract_pages
from fountainkit.readers.pdf.furniture import BodyLine, clean_line, strip_running_lines
from fountainkit.readers.pdf.geometry import learn_geometry, line_spacing
from fountainkit.readers.pdf.lines import cell_width, page_lines
from fountainkit.readers.pdf.titlepage import looks_like_title_page, read_title_page

__all__ = ["read_pdf"]


def read_pdf(data: bytes, name: str = "<pdf>") -> ReadResult:
    pages = extract_pages(data, name)
    if not any(page.runs for page in pages):
        if any(page.images for page in pages):
            raise ReaderError(
                f"{name}: a scanned PDF (its pages are images, with no text layer); "
                "it needs OCR first (for example ocrmypdf), then import the result"
            )
        raise ReaderError(f"{name}: the PDF has no text")
    cell = cell_width(pages)
    raw_pages = [page_lines(page, cell) for page in pages]
    leading = line_spacing([line for lines in raw_pages for line in lines], cell / 0.6)
    title_lines: list = []
    tops = sorted(lines[0].y for lines in raw_pages[1:] if lines)
    body_top = tops[len(tops) // 2] if tops else 0.0
    if len(pages) > 1 and looks_like_title_page(
        raw_pages[0], pages[0].width, cell, body_top, leading
    ):
        title_lines, raw_pages = raw_pages[0], [[], *raw_pages[1:]]
    body_pages, running = strip_running_lines(raw_pages, leading)
    body_lines = [line for lines in body_pages for line in lines]
    width = pages[-1].width
    geometry = learn_geometry(body_lines, cell, leading, width)
    cleaned_pages: list[tuple[list[BodyLine], bool]] = []
    for lines in body_pages:
        kept: list[BodyLine] = []
        more = False
        for line in lines:
            cleaned = clean_line(line, geometry)
            more = more or cleaned.more
            if cleaned.line is not None and cleaned.line.text.strip():
                kept.append(cleaned.line)
        cleaned_pages.append((kept, more))
    bottoms = [lines[-1].y for lines, _ in cleaned_pages if lines]
    kept_lines = [line for lines, _ in cleaned_pages for line in lines]
    classifier = Classifier(
        geometry,
        min(bottoms) if bottoms else 0.0,
        prints_transitions_right(kept_lines, geometry),
    )
    more_before = False
    for lines, more in cleaned_pages:
        if lines:
            classifier.page(lines, more_before)
            more_before = more
    blocks = classifier.finish()
    runs = [run for page in pages for run in page.runs]
    typewritten = sum(run.monospace for run in runs) >= 0.8 * len(runs)
    elements = ("SceneHeading", "Dialogue", "DualDialogue")
    if not typewritten and not any(type(b).__name__ in elements for b in blocks):
        raise ReaderError(
            f"{name}: does not look like a screenplay "
            "(no scene headings or character cues, and not typewritten)"
        )
    title_page = (
        read_title_page(title_lines, pages[0].width, geometry.centre, cell, leading)
        if title_lines
        else None
    )
    left_out = [
        ReaderWarning(
            f"running header or footer left out on {text.pages} "
            f"page{'s' if text.pages > 1 else ''}: {text.text[:60]!r}",
            "running-line",
            text.first_page,
        )
        for text in running
    ]
    return assemble(title_page, blocks, "pdf", [*left_out, *classifier.warnings])
