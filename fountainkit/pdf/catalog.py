"""What a PDF says about itself: its page labels and its dates.

- ``/PageLabels`` make a viewer show the printed page numbers: the title
  page unnumbered, then 1, 2, 3... A page whose label is not a plain number
  (a locked ``12A``) gets it as a prefix of its own.
- The creation and modification dates are the time of the run, or
  ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds): then the same
  input and settings give byte-identical PDFs, with either engine.

The writers of the three ways a PDF is put together (pydyf for the direct
painter and for WeasyPrint's own file, pypdf for merged and interleaved
pages) each get the same labels and dates from here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pydyf

if TYPE_CHECKING:
    from pypdf import PdfWriter

# None: an unnumbered page (the title page).
Label = str | None


@dataclass(frozen=True, slots=True)
class LabelRange:
    """From page ``start`` (0-based) on: numbered from ``first``, or the fixed
    ``prefix``, or neither (unnumbered)."""

    start: int
    first: int | None = None
    prefix: str | None = None


def _is_number(label: Label) -> bool:
    return label is not None and label.isdigit() and not label.startswith("0")


def _continues(last: LabelRange, previous: Label, label: Label) -> bool:
    """Whether ``label`` is what ``last`` gives the page after ``previous``."""
    if label is None:
        return previous is None
    return (
        last.first is not None
        and _is_number(label)
        and _is_number(previous)
        and int(label) == int(previous) + 1  # type: ignore[arg-type]
    )


def label_ranges(labels: Sequence[Label]) -> list[LabelRange]:
    """The fewest ranges that give every page its label."""
    ranges: list[LabelRange] = []
    for index, label in enumerate(labels):
        if ranges and _continues(ranges[-1], labels[index - 1], label):
            continue
        if label is None:
            ranges.append(LabelRange(index))
        elif _is_number(label):
            ranges.append(LabelRange(index, first=int(label)))
        else:
            ranges.append(LabelRange(index, prefix=label))
    return ranges


def pdf_date(now: float | None = None) -> str:
    """``D:YYYYMMDDHHmmSSZ`` in UTC: SOURCE_DATE_EPOCH when set, else ``now``
    (the current time when None). A SOURCE_DATE_EPOCH that is not a whole
    number of seconds is ignored, as reproducible-builds.org specifies."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = int(epoch) if epoch.isdigit() else (time.time() if now is None else now)
    return time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(moment))


def _pydyf_labels(ranges: list[LabelRange]) -> pydyf.Dictionary:
    numbers = pydyf.Array()
    for item in ranges:
        entry = pydyf.Dictionary()
        if item.first is not None:
            entry["S"] = "/D"
            entry["St"] = item.first
        elif item.prefix is not None:
            entry["P"] = pydyf.String(item.prefix)
        numbers.extend([item.start, entry])
    return pydyf.Dictionary({"Nums": numbers})


def finish_pydyf(pdf: pydyf.PDF, labels: Sequence[Label], date: str) -> None:
    """Page labels and dates into a PDF being written with pydyf."""
    pdf.catalog["PageLabels"] = _pydyf_labels(label_ranges(labels))
    pdf.info["CreationDate"] = pydyf.String(date)
    pdf.info["ModDate"] = pydyf.String(date)


def weasyprint_finisher(labels: Sequence[Label], date: str) -> Any:
    """A ``write_pdf(finisher=...)`` callable doing ``finish_pydyf`` on WeasyPrint's PDF."""

    def finish(_document: object, pdf: pydyf.PDF) -> None:
        finish_pydyf(pdf, labels, date)

    return finish


def finish_pypdf(writer: PdfWriter, labels: Sequence[Label], date: str) -> None:
    """Page labels and dates into a PDF being written with pypdf."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    numbers = ArrayObject()
    for item in label_ranges(labels):
        entry = DictionaryObject()
        if item.first is not None:
            entry[NameObject("/S")] = NameObject("/D")
            entry[NameObject("/St")] = NumberObject(item.first)
        elif item.prefix is not None:
            entry[NameObject("/P")] = TextStringObject(item.prefix)
        numbers.extend([NumberObject(item.start), entry])
    tree = DictionaryObject({NameObject("/Nums"): numbers})
    writer.root_object[NameObject("/PageLabels")] = writer._add_object(tree)
    writer.add_metadata({"/CreationDate": date, "/ModDate": date})
