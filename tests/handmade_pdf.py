"""PDFs laid out by hand for reader tests: Courier 12 pt text placed at any
indent, as a typewriter or an unusual program would, which no renderer of
ours would produce."""

from __future__ import annotations

# One placed line: indent from the left edge in inches, row (1 = one inch
# below the top, 6 rows to the inch), text.
Placed = tuple[float, int, str]


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def handmade_pdf(pages: list[list[Placed]]) -> bytes:
    """A US-letter PDF of ``pages``, Courier (the base-14 font, not embedded)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    contents = []
    for lines in pages:
        ops = [b"BT /F1 12 Tf"]
        for inches, row, text in lines:
            y = 792 - 72 - 12 * (row - 1)
            ops.append(b"1 0 0 1 %.2f %d Tm (%s) Tj" % (inches * 72, y, _escape(text)))
        ops.append(b"ET")
        stream = b"\n".join(ops)
        contents.append(add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)))
    parent = len(objects) + len(pages) + 1
    resources = b"<< /Font << /F1 %d 0 R >> >>" % font
    kids = [
        add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources %s >>" % (parent, content, resources)
        )
        for content in contents
    ]
    refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)
