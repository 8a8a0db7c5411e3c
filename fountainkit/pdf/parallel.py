"""PDF on several cores: the pages cut into chunks, painted side by side, then merged.

The layout has already fixed every page, so the pages can be cut into runs
without changing any of them: each chunk is the template's HTML of a
contiguous run of pages (same styles, fonts, metadata). Forked workers paint
one chunk each with WeasyPrint (the parent paints the first), and the parent
joins the chunk PDFs with pypdf in page order.

What a plain concatenation would lose is rebuilt in the merged file:

- the outline: WeasyPrint nests bookmarks by their levels across the whole
  document, but a chunk only sees its own, so each chunk reports its pages'
  bookmarks (level, label, position) and the parent nests them all at once;
- the metadata (title, author, subject, creator...), which every chunk carries
  identically, copied from the first.

Fonts are subset per chunk, so the merged file embeds one subset of each face
per chunk, each under its own subset tag: the same glyphs on the page, a
larger file (measured: 541 KB serial, 951 KB on two cores for a 121-page script
with Hangul, whose CJK subsets are the big ones).

Workers never outlive the render. Each is forked for its one chunk and sends
its PDF back over its own pipe. Ctrl-C reaches the whole process group, so a
worker ignores SIGINT and leaves the decision to the parent, which kills its
workers whenever painting stops early (an interrupt, SIGTERM, an error). If
the parent dies without cleaning up (SIGKILL, a crash), each worker notices
on its own: Linux kills it at once (``PR_SET_PDEATHSIG``), and elsewhere a
watchdog thread sees its parent change within half a second. A worker that
dies without answering fails the render with one line instead of leaving it
waiting.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib.util
import io
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pypdf is imported only when chunks are merged
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject

# Below this many pages, forking and merging cost more than a second core saves.
PARALLEL_MIN_PAGES = 24
# Never cut chunks smaller than this: each chunk pays WeasyPrint's fixed costs again.
MIN_PAGES_PER_CHUNK = 8


@dataclass(frozen=True, slots=True)
class Bookmark:
    """One outline entry as WeasyPrint placed it: PDF coordinates on a page of its chunk."""

    page: int
    level: int
    label: str
    x: float
    y: float
    is_open: bool


@dataclass(frozen=True, slots=True)
class ChunkPdf:
    """A chunk's PDF bytes and its bookmarks, in document order."""

    data: bytes
    bookmarks: list[Bookmark]


@dataclass(slots=True)
class OutlineNode:
    bookmark: Bookmark
    page: int  # in the merged document
    children: list[OutlineNode] = field(default_factory=list)


def available_cores() -> int:
    """Cores this process may run on (its affinity, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def chunk_count(pages: int, jobs: int | None) -> int:
    """How many processes to paint ``pages`` pages: ``jobs`` if given, else by size and cores."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # Windows: workers could not inherit the imported WeasyPrint
    if importlib.util.find_spec("pypdf") is None:
        return 1  # nothing to merge chunks with: one process paints it all
    if jobs is not None:
        return max(1, min(jobs, pages))
    if pages < PARALLEL_MIN_PAGES:
        return 1
    return max(1, min(available_cores(), pages // MIN_PAGES_PER_CHUNK))


def balanced_bounds(sizes: Sequence[int], chunks: int) -> list[tuple[int, int]]:
    """Cut ``sizes`` into ``chunks`` contiguous runs of about equal total size.

    The size of a page's HTML stands in for its painting cost: the title page
    and short pages are cheap, pages of dense dialogue are not.
    """
    total = sum(sizes) or 1
    cuts = [0]
    running = 0
    for index, size in enumerate(sizes[:-1]):
        running += size
        if len(cuts) < chunks and running >= total * len(cuts) / chunks:
            cuts.append(index + 1)
    cuts.append(len(sizes))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


class WorkerFailed(RuntimeError):
    """A painting worker raised an error or died without answering."""


# Signals that stop a render: the parent acts on them, never a worker.
_STOPPING_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
# Linux prctl(2): have the kernel send a signal to this process when its parent dies.
_PR_SET_PDEATHSIG = 1
_WATCHDOG_SECONDS = 0.5


def paint_in_parallel(chunks: list[str], paint: Callable[[str], ChunkPdf]) -> Iterator[ChunkPdf]:
    """``paint`` every chunk, yielding them in order: the first is painted in this
    process while forked workers paint the others, one chunk each.

    Yielding as they come lets the caller merge the first chunk while the
    workers finish. However the generator ends (exhausted, closed, or an
    exception, KeyboardInterrupt included), no worker is left running.
    """
    workers: list[_Worker] = []
    try:
        for chunk in chunks[1:]:
            workers.append(_Worker.start(chunk, paint))
        yield paint(chunks[0])
        for worker in workers:
            yield worker.result()
    finally:
        for worker in workers:
            worker.stop()


@dataclass(slots=True)
class _Worker:
    """One forked process painting one chunk, and the pipe its answer comes back on."""

    process: BaseProcess
    answers: Connection

    @classmethod
    def start(cls, chunk: str, paint: Callable[[str], ChunkPdf]) -> _Worker:
        # fork: the worker starts with WeasyPrint imported and the HTML in memory,
        # so nothing but the answer is ever pickled.
        context = multiprocessing.get_context("fork")
        answers, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_paint_in_worker, args=(os.getpid(), sender, paint, chunk), daemon=True
        )
        # Blocked across the fork, so a Ctrl-C landing then reaches the parent,
        # and the worker only after it has chosen to ignore it.
        with _stopping_signals_blocked():
            process.start()
        sender.close()  # the worker holds the only writing end: its death is EOF here
        return cls(process, answers)

    def result(self) -> ChunkPdf:
        try:
            outcome, value = self.answers.recv()
        except EOFError:
            self.process.join()
            raise WorkerFailed(
                f"a painting process died without its pages (exit code {self.process.exitcode})"
            ) from None
        if outcome != "ok":
            raise WorkerFailed(f"painting pages in a worker failed: {value}")
        return value

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.answers.close()


@contextlib.contextmanager
def _stopping_signals_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # not POSIX: nothing to block
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _paint_in_worker(
    parent: int, answers: Connection, paint: Callable[[str], ChunkPdf], chunk: str
) -> None:
    """The worker's whole life: paint, answer, exit; never a traceback on stderr."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING_SIGNALS)
    _die_with(parent)
    try:
        outcome: tuple[str, object] = ("ok", paint(chunk))
    except BaseException as exc:  # reported by the parent, as one line
        outcome = ("error", f"{type(exc).__name__}: {exc}")
    with contextlib.suppress(OSError):  # the parent is gone: nobody to tell
        answers.send(outcome)
    answers.close()


def _die_with(parent: int) -> None:
    """End this worker as soon as ``parent`` is gone, however it went."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the kernel was asked to tell us
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """The fallback where PR_SET_PDEATHSIG does not exist: an orphan is adopted by
    another process, so its parent id changes."""
    while os.getppid() == parent:
        time.sleep(_WATCHDOG_SECONDS)
    os._exit(1)


class Merger:
    """Joins chunk PDFs in order into one, with the whole outline and the metadata."""

    def __init__(self) -> None:
        from pypdf import PdfWriter

        self.writer = PdfWriter()
        self.chunks: list[ChunkPdf] = []
        self.offsets: list[int] = []
        self.metadata: dict[str, str] = {}

    def add(self, chunk: ChunkPdf) -> None:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(chunk.data))
        if not self.metadata and reader.metadata:
            self.metadata = {key: str(value) for key, value in reader.metadata.items()}
        first_page = len(self.writer.pages)
        self.chunks.append(chunk)
        self.offsets.append(first_page)
        # Each chunk's own outline only knows its pages: the whole one is rebuilt in finish().
        self.writer.append(reader, import_outline=False)
        if len(self.chunks) > 1:
            retag_fonts(self.writer.pages[first_page:], len(self.chunks) - 1)

    def finish(self, finish: Callable[[PdfWriter], None] | None = None) -> bytes:
        self.writer.add_metadata(self.metadata)
        _add_outline(self.writer, outline_tree(self.chunks, self.offsets))
        if finish is not None:
            finish(self.writer)
        out = io.BytesIO()
        self.writer.write(out)
        return out.getvalue()


def retag_fonts(pages: Iterable[PageObject], chunk_index: int) -> None:
    """Give a later chunk's font subsets their own tags ("ABCDEF+Name").

    WeasyPrint derives a subset's tag from the font alone, so every chunk names
    its (different) subset of a face identically; the PDF format wants one tag
    per subset, and a viewer that caches fonts by name could otherwise draw one
    chunk's text with another chunk's glyphs.
    """
    from pypdf.generic import NameObject

    def retagged(name: str) -> str:
        tag, plus, rest = name[1:].partition("+")
        if not plus or len(tag) != 6 or not tag.isupper():
            return name
        digest = hashlib.md5(f"{tag}/{chunk_index}".encode(), usedforsecurity=False).digest()
        return "/" + "".join(chr(65 + byte % 26) for byte in digest[:6]) + "+" + rest

    def rename(dictionary: DictionaryObject, key: str) -> None:
        if key in dictionary:
            dictionary[NameObject(key)] = NameObject(retagged(str(dictionary[key])))

    seen: set[int] = set()
    for page in pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for reference in fonts.values():
            font = reference.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            for part in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                rename(part, "/BaseFont")
                if "/FontDescriptor" in part:
                    rename(part["/FontDescriptor"].get_object(), "/FontName")


def merge(chunks: Iterable[ChunkPdf], finish: Callable[[PdfWriter], None] | None = None) -> bytes:
    """One PDF of all chunks' pages in order, with the whole outline and the
    metadata; ``finish`` adds what the whole document needs (page labels, dates)."""
    merger = None
    for chunk in chunks:
        # Made once the first chunk exists: importing pypdf then overlaps the workers.
        merger = merger or Merger()
        merger.add(chunk)
    if merger is None:
        raise ValueError("no chunks to merge")
    return merger.finish(finish)


def outline_tree(chunks: list[ChunkPdf], offsets: list[int]) -> list[OutlineNode]:
    """Every chunk's bookmarks nested by level, as WeasyPrint nests one document's.

    A bookmark becomes the child of the nearest earlier bookmark of a lower
    level, or a top-level entry when there is none.
    """
    roots: list[OutlineNode] = []
    open_nodes: list[OutlineNode] = []
    for chunk, offset in zip(chunks, offsets, strict=True):
        for bookmark in chunk.bookmarks:
            node = OutlineNode(bookmark, bookmark.page + offset)
            while open_nodes and open_nodes[-1].bookmark.level >= bookmark.level:
                open_nodes.pop()
            (open_nodes[-1].children if open_nodes else roots).append(node)
            open_nodes.append(node)
    return roots


def _add_outline(
    writer: PdfWriter, nodes: list[OutlineNode], parent: IndirectObject | None = None
) -> None:
    from pypdf.generic import Fit

    for node in nodes:
        mark = node.bookmark
        item = writer.add_outline_item(
            title=mark.label,
            page_number=node.page,
            parent=parent,
            fit=Fit.xyz(left=mark.x, top=mark.y, zoom=0),
            is_open=mark.is_open,
        )
        _add_outline(writer, node.children, item)


def interleave(
    sources: Sequence[ChunkPdf],
    order: Sequence[tuple[int, int]],
    metadata: dict[str, str] | None = None,
    finish: Callable[[PdfWriter], None] | None = None,
) -> bytes:
    """One PDF of pages taken from several PDFs: ``order`` lists (source, page) pairs.

    The outline is rebuilt from every source's bookmarks on their pages' new
    positions, and the metadata is the first source's with ``metadata``
    (``{"/Producer": ...}``) over it. Objects several pages
    of one source share (its fonts) are copied once. Sources after the second
    are taken to be WeasyPrint chunks of one document, and get their own font
    subset tags (see ``retag_fonts``).
    """
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(io.BytesIO(source.data)) for source in sources]
    writer = PdfWriter()
    position = {pair: index for index, pair in enumerate(order)}
    for source, page in order:
        added = writer.add_page(readers[source].pages[page])
        if source > 1:  # the second and later WeasyPrint chunks reuse the first's subset tags
            retag_fonts([added], source - 1)
    moved = sorted(
        (
            (position[(source, mark.page)], number, mark)
            for source, chunk in enumerate(sources)
            for number, mark in enumerate(chunk.bookmarks)
        ),
        key=lambda item: (item[0], item[1]),
    )
    bookmarks = [
        Bookmark(page, mark.level, mark.label, mark.x, mark.y, mark.is_open)
        for page, _number, mark in moved
    ]
    first = {key: str(value) for key, value in (readers[0].metadata or {}).items()}
    writer.add_metadata(first | (metadata or {}))
    _add_outline(writer, outline_tree([ChunkPdf(b"", bookmarks)], [0]))
    if finish is not None:
        finish(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
