"""Which reader a script needs: by its content first, its file name second."""

from __future__ import annotations

import re
from pathlib import PurePath

from fountainkit.readers.base import Format, ReaderError

# A PDF's header may sit anywhere in the first 1024 bytes (ISO 32000-1, 7.5.2 note).
_PDF_MAGIC = b"%PDF-"
_PDF_WINDOW = 1024

# The first element of an XML document, after the declaration, comments,
# processing instructions and a DOCTYPE.
_XML_PROLOG = re.compile(
    r"""\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*<(?P<root>[\w:.-]+)""",
    re.DOTALL,
)
_XML_SNIFF = 64 * 1024

EXTENSIONS: dict[str, Format] = {".pdf": "pdf", ".fdx": "fdx"}


def xml_root(data: bytes) -> str | None:
    """The root element's name when ``data`` starts like an XML document, else None."""
    head = data[:_XML_SNIFF]
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            text = head[len(bom) :].decode(codec, errors="ignore")
            break
    else:
        text = head.decode("utf-8", errors="ignore")
    if not text.lstrip().startswith("<"):
        return None
    match = _XML_PROLOG.match(text)
    return match["root"].rpartition(":")[2] if match else None


def detect_format(data: bytes, name: str | None = None) -> Format:
    """``pdf`` for PDF bytes, ``fdx`` for a Final Draft document, else ``fountain``.

    A name ending in ``.pdf`` or ``.fdx`` whose content is not that format is
    refused (ReaderError) rather than read as Fountain text.
    """
    if _PDF_MAGIC in data[:_PDF_WINDOW]:
        return "pdf"
    root = xml_root(data)
    if root == "FinalDraft":
        return "fdx"
    claimed = EXTENSIONS.get(PurePath(name).suffix.lower()) if name else None
    if claimed == "pdf":
        raise ReaderError(f"{name}: not a PDF (no %PDF- header); the file may be damaged")
    if claimed == "fdx":
        what = f"its XML root is <{root}>" if root else "it is not XML"
        raise ReaderError(f"{name}: not a Final Draft file ({what}, not <FinalDraft>)")
    return "fountain"
