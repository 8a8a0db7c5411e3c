"""Where a command's result goes, and what it must never destroy.

Every command that writes plans its outputs with ``plan_outputs`` before doing
any work, and writes each through ``OutputTarget.write``. The rules live here
once, for every command present and future:

- ``-o -`` (or no ``-o`` when the command prints by default, or when the
  script came from standard input or a pipe) is standard output, written
  byte for byte (PDF included) and refused when it is a terminal and the
  result is binary.
- An output that resolves to any input (the script, standard input
  redirected from a file, the ``--config`` file) is refused, whatever name,
  symlink or hard link reaches it: files are compared by device and inode.
- An existing file that looks like a script (``SCRIPT_SUFFIXES``) is not
  replaced without ``--force``, unless fountainkit wrote it itself (its first
  bytes carry ``GENERATOR_MARK``, as every FDX fountainkit writes does, and
  as one re-saved by Final Draft does not).
- A regular file is replaced atomically (a temporary file in its folder,
  renamed over it); a symlink is followed and its target replaced the same
  way, except a symlink someone else planted in a shared sticky folder such
  as /tmp, which is refused (what the kernel's protected_symlinks does for
  opening). A character device or FIFO (``/dev/null``, a named pipe) is
  written in place, and ``/dev/stdout``, ``/dev/fd/N`` and ``/proc/self/fd/N``
  are the process's own descriptors, written as they are (appending when the
  shell opened them with ``>>``). Nothing is ever renamed over a device, a
  socket or a block device (a disk is refused outright).
- Several scripts into one folder must not give two outputs one name.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import click

from fountainkit.cli.common import CommandError
from fountainkit.cli.inputs import FileIdentity, ScriptSource, single_stdin

# Files a writer keeps a screenplay in: never replaced without --force. A PDF
# is not among them: it is what `fountainkit pdf` writes again and again, and a
# PDF that is a command's input is still protected by the identity check.
SCRIPT_SUFFIXES = frozenset(
    {
        ".fountain",
        ".spmd",  # Slugline / early Fountain
        ".ftn",
        ".fdx",  # Final Draft
        ".fdxt",
        ".fdr",  # Final Draft before version 8
        ".highland",
        ".txt",
        ".celtx",
        ".fadein",
        ".wdz",  # WriterDuet
    }
)
# What fountainkit writes at the top of a script-like file it produces, so it may
# replace that file again without --force (see writers/fdx.py).
GENERATOR_MARK = b"<!-- Written by fountainkit"
STDOUT_NAME = "-"

_STANDARD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_OWN_DESCRIPTOR = re.compile(
    r"^/(?:dev/fd|proc/(?:self|thread-self|(?P<pid>\d+))(?:/task/\d+)?/fd)/(?P<fd>\d+)$"
)
_MAX_LINK_HOPS = 40

Kind = Literal["descriptor", "device", "file"]


@dataclass(frozen=True, slots=True)
class OutputTarget:
    """One place a result is written.

    ``descriptor``: an open descriptor of this process (standard output);
    ``device``: a character device or FIFO opened and written in place;
    ``file``: a regular file, new or replaced atomically, at ``path`` (any
    symlink already followed).
    """

    label: str
    kind: Kind
    path: Path | None = None
    fd: int | None = None

    @property
    def is_stdout(self) -> bool:
        return self.kind == "descriptor" and self.fd == 1

    def identity(self) -> FileIdentity | None:
        """The regular file this target writes to, if it exists already."""
        try:
            info = os.fstat(self.fd) if self.fd is not None else os.stat(self.path)  # type: ignore[arg-type]
        except OSError:
            return None
        return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None

    def write(self, data: bytes | str | Iterable[str]) -> None:
        """Write ``data``: bytes, a text, or a text in pieces (written as they come,
        so a large result such as a parse tree is never held whole in memory)."""
        if self.fd is not None:
            if self.fd == 1:
                sys.stdout.flush()  # anything echoed before goes first
            for payload in _payloads(data):
                _write_all(self.fd, payload)
        elif self.kind == "device":
            assert self.path is not None
            try:
                # No O_CREAT: if the device went away, do not make a file in its place.
                fd = os.open(self.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
            except OSError as exc:
                raise CommandError(f"{self.label}: cannot open ({exc.strerror or exc})") from None
            try:
                for payload in _payloads(data):
                    _write_all(fd, payload)
            finally:
                os.close(fd)
        else:
            assert self.path is not None
            write_atomically(self.path, data, label=self.label)


_BATCH = 1 << 20  # characters gathered from a text in pieces before each write


def _payloads(data: bytes | str | Iterable[str]) -> Iterator[bytes]:
    """``data`` as UTF-8 byte strings: one for bytes or a text, batches for pieces."""
    if isinstance(data, bytes):
        yield data
        return
    if isinstance(data, str):
        yield data.encode("utf-8")
        return
    batch: list[str] = []
    size = 0
    for piece in data:
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:
            yield "".join(batch).encode("utf-8")
            batch.clear()
            size = 0
    if batch:
        yield "".join(batch).encode("utf-8")


def stdout_target() -> OutputTarget:
    return OutputTarget("<stdout>", "descriptor", fd=1)


def resolve_target(value: str) -> OutputTarget:
    """What ``-o VALUE`` names, refusing what can never be written to.

    Raises CommandError for an empty name, a folder, a missing folder, a
    socket, a block device, or a symlink planted in someone else's shared
    folder. Whether it may be replaced is ``plan_outputs``' business.
    """
    if value == STDOUT_NAME:
        return stdout_target()
    if value == "":
        raise CommandError("-o: an empty file name was given for the output")
    descriptor = _own_descriptor(value)
    if descriptor is not None:
        try:
            os.fstat(descriptor)
        except OSError:
            raise CommandError(f"{value}: descriptor {descriptor} is not open") from None
        return OutputTarget(value, "descriptor", fd=descriptor)
    if os.path.islink(value):
        _refuse_foreign_link(value)
    real = Path(os.path.realpath(value))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        folder = Path(value).parent
        if not real.parent.is_dir():
            raise CommandError(f"{value}: output folder {folder} does not exist") from None
        return OutputTarget(value, "file", path=real)
    except OSError as exc:
        raise CommandError(f"{value}: cannot write ({exc.strerror or exc})") from None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return OutputTarget(value, "file", path=real)
    if stat.S_ISDIR(mode):
        raise CommandError(f"{value}: is a directory; give a file name for the output")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return OutputTarget(value, "device", path=real)
    if stat.S_ISBLK(mode):
        raise CommandError(f"{value}: is a block device (a disk); refusing to write to it")
    raise CommandError(f"{value}: is a socket or other special file; cannot write to it")


def plan_outputs(
    sources: Sequence[ScriptSource],
    output: str | None,
    suffix: str,
    *,
    force: bool,
    folder_allowed: bool = False,
    prints_by_default: bool = False,
    binary: bool = False,
    also_read: Sequence[Path | str | None] = (),
) -> list[OutputTarget]:
    """The output of each script, checked against everything that must not be lost.

    ``output`` is the ``-o`` value; without one a script's output goes beside
    it with ``suffix`` (``prints_by_default``: to standard output), and a script
    read from standard input or a pipe prints its output. ``folder_allowed``: a
    folder given as ``-o`` holds one SCRIPT+suffix per script. ``also_read``:
    other inputs (the config file) protected like the scripts. ``binary``:
    the result is not text, so it is refused for a terminal.
    """
    single_stdin(tuple(sources))
    targets = [
        resolve_target(value) if value is not None else stdout_target()
        for value in _destinations(sources, output, suffix, folder_allowed, prints_by_default)
    ]
    _refuse_overwriting_inputs(sources, targets, also_read)
    if not force:
        for target in targets:
            _refuse_replacing_a_script(target)
    _refuse_collisions(sources, targets)
    if binary:
        for target in targets:
            if target.fd is not None and os.isatty(target.fd):
                raise CommandError(
                    "a PDF cannot be written to a terminal; give -o FILE or redirect the output"
                )
    return targets


def _destinations(
    sources: Sequence[ScriptSource],
    output: str | None,
    suffix: str,
    folder_allowed: bool,
    prints_by_default: bool,
) -> list[str | None]:
    """Each script's ``-o`` value (None: standard output)."""
    if output == STDOUT_NAME:
        if len(sources) > 1:
            raise CommandError("-o - (standard output) takes one script; give a folder for several")
        return [None]
    if output is None:
        return [
            None
            if prints_by_default or _is_stream(source)
            else str(source.path.with_suffix(suffix))
            for source in sources
        ]
    if output != "" and os.path.isdir(output) and _own_descriptor(output) is None:
        if not folder_allowed:
            raise CommandError(f"{output}: is a directory; give a file name for the output")
        streams = [source.label for source in sources if _is_stream(source)]
        if streams:
            raise CommandError(
                f"{streams[0]}: has no file name to name the output after; give -o FILE"
            )
        return [os.path.join(output, source.path.with_suffix(suffix).name) for source in sources]
    if len(sources) > 1:
        raise CommandError(f"{output}: with several scripts, -o must be an existing folder")
    return [output]


def _is_stream(source: ScriptSource) -> bool:
    """Standard input, a pipe, ``<(process substitution)`` or a device: no file to
    name the output after, and nowhere sensible to put it beside."""
    if source.is_stdin or _own_descriptor(source.argument) is not None:
        return True  # /dev/stdin, /dev/fd/63 from <(...): no name to build on, nor a folder
    try:
        mode = os.stat(source.argument).st_mode
    except (OSError, ValueError):
        return False  # missing: reading it will say so
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _refuse_overwriting_inputs(
    sources: Sequence[ScriptSource],
    targets: Sequence[OutputTarget],
    also_read: Sequence[Path | str | None],
) -> None:
    protected: dict[FileIdentity, str] = {}
    for source in sources:
        identity = source.identity()
        if identity is not None:
            protected.setdefault(identity, source.label)
    others = [*also_read, *(path for source in sources for path in source.companions())]
    for other in others:
        if other is not None:
            identity = ScriptSource(str(other)).identity()
            if identity is not None:
                protected.setdefault(identity, str(other))
    for target in targets:
        name = protected.get(target.identity())  # type: ignore[arg-type]
        if name is None:
            continue
        what = "is an input" if name == target.label else f"is the same file as the input {name}"
        raise CommandError(f"{target.label}: {what}; refusing to overwrite it (choose another -o)")


def _refuse_replacing_a_script(target: OutputTarget) -> None:
    if target.kind != "file" or target.identity() is None:
        return
    assert target.path is not None
    suffixes = {Path(target.label).suffix.lower(), target.path.suffix.lower()}
    script_like = sorted(suffixes & SCRIPT_SUFFIXES)
    if script_like and not written_by_fountainkit(target.path):
        raise CommandError(
            f"{target.label}: an existing {script_like[0]} file looks like a script; "
            "refusing to replace it (use --force to replace it anyway)"
        )


def written_by_fountainkit(path: Path) -> bool:
    """Whether the file starts (within its first KB) with fountainkit's generator mark."""
    try:
        with open(path, "rb") as handle:
            return GENERATOR_MARK in handle.read(1024)
    except OSError:
        return False


def _refuse_collisions(sources: Sequence[ScriptSource], targets: Sequence[OutputTarget]) -> None:
    seen: dict[object, int] = {}
    for index, target in enumerate(targets):
        key: object = ("fd", target.fd) if target.fd is not None else target.path
        if target.kind == "device":
            continue  # /dev/null may take every output
        first = seen.setdefault(key, index)
        if first != index:
            raise CommandError(
                f"{sources[first].label} and {sources[index].label} would both be written to "
                f"{target.label}; render them into different folders"
            )


def _own_descriptor(value: str) -> int | None:
    """The descriptor number when ``value`` reaches one of this process's own
    descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N, or a symlink to one).

    Those names are magic links: following them to the file behind would lose
    how the shell opened it (appending with ``>>``, a pipe, a socket)."""
    current = os.path.abspath(value)
    for _ in range(_MAX_LINK_HOPS):
        if current in _STANDARD_STREAMS:
            return _STANDARD_STREAMS[current]
        match = _OWN_DESCRIPTOR.match(current)
        if match and (match["pid"] is None or int(match["pid"]) == os.getpid()):
            return int(match["fd"])
        try:
            if not os.path.islink(current):
                return None
            link = os.readlink(current)
        except (OSError, ValueError):
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return None


def _refuse_foreign_link(value: str) -> None:
    """Refuse a symlink in a sticky world-writable folder (/tmp) owned by neither
    this user nor the folder's owner: another user may have planted it to make
    this command overwrite a file of ours."""
    try:
        link = os.lstat(value)
        folder = os.stat(os.path.dirname(os.path.abspath(value)))
    except OSError:
        return
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise CommandError(
            f"{value}: is a symlink owned by another user in a shared folder; refusing to follow it"
        )


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomically(
    path: Path, data: bytes | str | Iterable[str], *, label: str | None = None
) -> None:
    """Write ``data`` to the regular file ``path`` through a temporary file in its folder.

    An earlier file at ``path`` survives any failure before the final rename,
    and no temporary file is left behind. The new file keeps the mode (and,
    where allowed, the owner) of the file it replaces; a new one gets what a
    plain ``open(path, "w")`` would give it (mkstemp's are owner-only).
    """
    name = label or str(path)
    # A symlink is written through (its target replaced, the link kept), and only
    # a regular file is ever replaced: callers outside plan_outputs get that too.
    path = Path(os.path.realpath(path))
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise CommandError(f"{name}: not a regular file; refusing to replace it")
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CommandError(f"{name}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for payload in _payloads(data):
                handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_ownership(path, tmp_name)
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise CommandError(f"{name}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _copy_ownership(original: Path, replacement: str) -> None:
    """Mode and owner of the file being replaced, else 0o666 less the umask."""
    try:
        info = original.stat()
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(replacement, 0o666 & ~umask)
        return
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        # Not allowed unless root: the file becomes ours, as an editor's save would make it.
        with contextlib.suppress(OSError):
            os.chown(replacement, info.st_uid, info.st_gid)
    os.chmod(replacement, stat.S_IMODE(info.st_mode))


# --- options every writing command shares ---------------------------------------------


def output_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("-o", "--output", default=None, metavar="OUT", help=help_text)


force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace an existing output that looks like a script (.fountain, .fdx, .txt...). "
    "An output that is one of the inputs is refused even so.",
)
verbose_option = click.option(
    "-v", "--verbose", is_flag=True, help="Say on stderr what was written (and show progress)."
)


def writing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--force and --verbose, for every command that writes files."""
    return force_option(verbose_option(command))


def announce(target: OutputTarget, verbose: bool, detail: str = "") -> None:
    """With --verbose, one line per output written; a quiet success says nothing."""
    if verbose and not target.is_stdout:
        click.echo(f"fountainkit: wrote {target.label}{detail}", err=True)
