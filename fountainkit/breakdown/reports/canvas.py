"""A small PDF canvas for the breakdown's reports: text, boxes and rules, painted with pydyf.

The breakdown PDF is a few hundred pages of tables and sheets. Laying that
out in WeasyPrint took most of a minute and half a gigabyte; these pages need
no layout engine, only text at known positions, so they are painted straight
into the PDF like the screenplay itself (:mod:`fountainkit.pdf.painter`), with
the same fonts: Courier Prime, and the installed fallback fonts for Hangul,
kana, Cyrillic and other text drawn one glyph at a time.

Coordinates are in points from the top-left corner of the page, y growing
downwards, as a reader thinks of a sheet. :func:`can_draw` says whether every
character of some text has a face here; text needing shaping (Arabic, Indic
scripts, combining marks) does not, and the report is then painted by
WeasyPrint instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache

import pydyf

from fountainkit.pdf.fonts import EmbeddedFonts, Face, covered_characters, faces
from fountainkit.pdf.painter import face_for

POINTS_PER_INCH = 72


def _number(value: float) -> bytes:
    return b"%.2f" % value


@cache
def _rgb(color: str) -> bytes:
    channels = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return b" ".join(b"%.3f" % c for c in channels)


def can_draw(texts: Iterable[str]) -> bool:
    """Whether every character of ``texts`` has a face the canvas draws with."""
    covered = covered_characters()
    for text in texts:
        for char in set(text) - covered:
            if char.isspace():
                continue
            if face_for(char, (False, False)) is None or face_for(char, (True, False)) is None:
                return False
    return True


class Canvas:
    """Pages of text, rectangles and lines; :meth:`finish` gives the PDF's bytes."""

    def __init__(self, width: float, height: float, title: str = "") -> None:
        self.width = width
        self.height = height
        self.title = title
        self.pdf = pydyf.PDF()
        self.fonts = EmbeddedFonts(self.pdf)
        self.font_resources = pydyf.Dictionary()
        self.resources = pydyf.Dictionary({"Font": self.font_resources})
        self.pdf.add_object(self.resources)
        self.pages = 0
        self._ops: list[bytes] | None = None
        self._page_size = (width, height)

    # --- pages -------------------------------------------------------------------------

    def new_page(self, *, landscape: bool = False) -> None:
        self._flush()
        self._ops = []
        self._page_size = (self.height, self.width) if landscape else (self.width, self.height)
        self.pages += 1

    @property
    def page_width(self) -> float:
        return self._page_size[0]

    @property
    def page_height(self) -> float:
        return self._page_size[1]

    def _flush(self) -> None:
        if self._ops is None:
            return
        # One chunk: pydyf would otherwise convert and join every operator itself.
        contents = pydyf.Stream([b"\n".join(self._ops)], compress=True)
        self.pdf.add_object(contents)
        width, height = self._page_size
        self.pdf.add_page(
            pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": self.pdf.pages.reference,
                    "MediaBox": pydyf.Array([0, 0, width, height]),
                    "Contents": contents.reference,
                    "Resources": self.resources.reference,
                }
            )
        )
        self._ops = None

    def finish(self) -> bytes:
        self._flush()
        self.fonts.finish()
        self.font_resources.update(self.fonts.resources())
        info = {"Title": self.title, "Creator": "fountainkit", "Producer": "fountainkit"}
        self.pdf.info.update({k: pydyf.String(v) for k, v in info.items() if v})
        out = io.BytesIO()
        self.pdf.write(out, version=b"1.7", identifier=True, compress=True)
        return out.getvalue()

    # --- measuring ---------------------------------------------------------------------

    @staticmethod
    def _runs(text: str, bold: bool) -> list[tuple[Face, str]]:
        style = (bold, False)
        if covered_characters().issuperset(text):
            return [(faces()[style], text)]
        runs: list[tuple[Face, str]] = []
        for char in text:
            face = faces()[style] if char in covered_characters() else face_for(char, style)
            if face is None:  # can_draw() keeps such text away; never crash on it
                face, char = faces()[style], "?"
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        """The width of ``text`` in points."""
        if covered_characters().issuperset(text):
            return len(text) * 0.6 * size  # Courier Prime: 600/1000 em every character
        return (
            sum(sum(face.advance(char) for char in run) for face, run in self._runs(text, bold))
            * size
            / 1000
        )

    def wrap(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (a long word is cut)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.measure(candidate, size, bold) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while self.measure(line, size, bold) > width and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and self.measure(line[:cut], size, bold) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    # --- drawing -----------------------------------------------------------------------

    def _add(self, *ops: bytes) -> None:
        assert self._ops is not None, "new_page() first"
        self._ops.extend(ops)

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float = 9,
        *,
        bold: bool = False,
        color: str = "#000000",
        align: str = "left",
        rotate: bool = False,
    ) -> float:
        """Draw ``text`` with its top at ``top``; returns its width.

        ``align`` "right" ends the text at ``x``; ``rotate`` draws it reading
        upwards from (``x``, ``top``), for column labels.
        """
        if not text:
            return 0.0
        width = self.measure(text, size, bold)
        if align == "right":
            x -= width
        elif align == "center":
            x -= width / 2
        baseline = top + size * 0.8
        ops = [b"BT", _rgb(color) + b" rg"]
        cursor = 0.0
        runs = self._runs(text, bold)
        for face, run in runs:
            name = self.fonts.resource_name(face)
            ops.append(b"/" + name.encode() + b" " + _number(size) + b" Tf")
            if rotate:
                # Reading upwards: the text's x axis is the page's y axis.
                px, py = x + size * 0.8, self.page_height - top + cursor
                ops.append(b"0 1 -1 0 " + _number(px) + b" " + _number(py) + b" Tm")
            else:
                px, py = x + cursor, self.page_height - baseline
                ops.append(b"1 0 0 1 " + _number(px) + b" " + _number(py) + b" Tm")
            ops.append(self.fonts.encode(face, run) + b" Tj")
            if len(runs) > 1:  # only a run after another needs to know where it starts
                cursor += sum(face.advance(char) for char in run) * size / 1000
        ops.append(b"ET")
        self._add(*ops)
        return width

    def rect(
        self,
        x: float,
        top: float,
        width: float,
        height: float,
        *,
        fill: str | None = None,
        stroke: str | None = None,
        line_width: float = 0.5,
    ) -> None:
        y = self.page_height - top - height
        box = b" ".join(_number(v) for v in (x, y, width, height)) + b" re"
        if fill and stroke:
            self._add(_rgb(fill) + b" rg", _rgb(stroke) + b" RG", _number(line_width) + b" w",
                      box, b"B")  # fmt: skip
        elif fill:
            self._add(_rgb(fill) + b" rg", box, b"f")
        elif stroke:
            self._add(_rgb(stroke) + b" RG", _number(line_width) + b" w", box, b"S")

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        color: str = "#000000",
        width: float = 0.5,
    ) -> None:
        h = self.page_height
        self._add(
            _rgb(color) + b" RG",
            _number(width) + b" w",
            _number(x1) + b" " + _number(h - y1) + b" m",
            _number(x2) + b" " + _number(h - y2) + b" l",
            b"S",
        )
