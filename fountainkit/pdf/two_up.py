"""Two pages per sheet: a PDF's portrait pages side by side on landscape sheets.

What sides are often printed as: each sheet of the same paper (Letter or A4)
turned landscape holds two pages, scaled down together to fit its halves and
centred in them, so the text keeps its proportions. pypdf does the imposing:
each page becomes a transformed copy of its content on the sheet.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from fountainkit.pdf.catalog import Label, finish_pypdf, pdf_date

# A hairline around each page, so readers see where one ends on the sheet.
FRAME_GREY = 0.6
FRAME_WIDTH = 0.5


def sheet_label(labels: Sequence[Label]) -> Label:
    """What a viewer shows for a sheet: its pages' labels (``3, 4``)."""
    shown = [label for label in labels if label is not None]
    return ", ".join(shown) if shown else None


def two_up(data: bytes, labels: Sequence[Label]) -> bytes:
    """``data`` (a PDF of portrait pages, labelled ``labels``) imposed two
    pages a sheet; the last sheet of an odd count has its left half only."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation
    from pypdf.generic import ContentStream, NameObject

    reader = PdfReader(io.BytesIO(data))
    pages = list(reader.pages)
    writer = PdfWriter()
    sheet_labels: list[Label] = []
    for first in range(0, len(pages), 2):
        pair = pages[first : first + 2]
        page_width = float(pair[0].mediabox.width)
        page_height = float(pair[0].mediabox.height)
        # The same paper turned landscape: as wide as the page is tall.
        width, height = page_height, page_width
        scale = min(width / 2 / page_width, height / page_height)
        shown_width, shown_height = page_width * scale, page_height * scale
        sheet = PageObject.create_blank_page(width=width, height=height)
        frames: list[bytes] = []
        for slot, page in enumerate(pair):
            x = slot * width / 2 + (width / 2 - shown_width) / 2
            y = (height - shown_height) / 2
            sheet.merge_transformed_page(page, Transformation().scale(scale).translate(x, y))
            frames.append(f"{x:.2f} {y:.2f} {shown_width:.2f} {shown_height:.2f} re S".encode())
        frame = ContentStream(None, writer)
        frame.set_data(b"q %.2f G %.2f w " % (FRAME_GREY, FRAME_WIDTH) + b" ".join(frames) + b" Q")
        sheet.merge_page(_page_of(frame, width, height, PageObject, NameObject))
        writer.add_page(sheet)
        sheet_labels.append(sheet_label(labels[first : first + 2]))
    writer.add_metadata(
        {key: value for key, value in (reader.metadata or {}).items() if isinstance(value, str)}
    )
    finish_pypdf(writer, sheet_labels, pdf_date())
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_of(stream, width: float, height: float, page_class, name_class):
    """A blank page whose content is ``stream``."""
    page = page_class.create_blank_page(width=width, height=height)
    page[name_class("/Contents")] = stream
    return page
