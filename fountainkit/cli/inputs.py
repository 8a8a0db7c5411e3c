"""Where a command's script comes from: a file, or standard input given as ``-``.

Every command loads its script through ``load_screenplay`` (or ``load_text``
for the commands that work on the raw text), so what a script may be (a
Fountain, Final Draft or PDF file, through ``fountainkit.readers``) is
decided in one place.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fountainkit.syntax.source import (
    ScriptInputError,
    read_limited,
    read_script_bytes,
)

if TYPE_CHECKING:
    from fountainkit.model import Screenplay
    from fountainkit.readers import ReadResult

STDIN_NAME = "-"
STDIN_LABEL = "<stdin>"

# (st_dev, st_ino): the same file whatever name, symlink or hard link reaches it.
FileIdentity = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ScriptSource:
    """A script named on the command line: a path, or ``-`` for standard input."""

    argument: str

    @property
    def is_stdin(self) -> bool:
        return self.argument == STDIN_NAME

    @property
    def path(self) -> Path:
        """The file; standard input has none (check ``is_stdin`` first)."""
        if self.is_stdin:
            raise ValueError("standard input has no path")
        return Path(self.argument)

    @property
    def label(self) -> str:
        """How messages name the script."""
        return STDIN_LABEL if self.is_stdin else self.argument

    def identity(self) -> FileIdentity | None:
        """The regular file behind this script (stdin redirected from a file
        included), or None when there is none to protect (a pipe, a terminal,
        a missing file)."""
        try:
            info = os.fstat(0) if self.is_stdin else os.stat(self.argument)
        except (OSError, ValueError):
            return None
        return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None

    def companions(self) -> list[Path]:
        """Files read along with the script (its lock file of scene numbers), which
        an output must not overwrite either."""
        if self.is_stdin or not self.argument:
            return []
        from fountainkit.production.lockfile import lock_path

        return [lock_path(self.path)]

    def read_bytes(self) -> bytes:
        if self.is_stdin:
            return read_limited(sys.stdin.buffer, STDIN_LABEL)
        return read_script_bytes(self.argument)


class ScriptSourceType(click.ParamType):
    """A script argument: any string, kept as typed (``-`` and ``""`` included).

    Nothing is checked here: a missing or unreadable file is bad input (one
    line, exit 1), reported when the script is read, not a usage error.
    """

    name = "script"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, ScriptSource):
            return value
        return ScriptSource(os.fsdecode(value))


SCRIPT = ScriptSourceType()

script_argument = click.argument("script", type=SCRIPT, metavar="SCRIPT")
scripts_argument = click.argument(
    "scripts", nargs=-1, required=True, type=SCRIPT, metavar="SCRIPT..."
)

encoding_option = click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Text encoding of the script (default: UTF-8, or UTF-16 when it has a BOM).",
)


def load_script(source: ScriptSource, encoding: str | None, *, warn: bool = True) -> ReadResult:
    """The script in any format (Fountain, Final Draft .fdx, PDF; told apart by
    content, see ``fountainkit.readers``), with what its reader warned about.

    ``warn``: print the reader's warnings on stderr (``lint`` lists them itself).
    """
    from fountainkit.readers import read_bytes

    result = read_bytes(source.read_bytes(), source.label, encoding)
    if warn:
        for warning in result.warnings:
            click.echo(
                f"fountainkit: warning: {source.label}: {warning} [{warning.code}]", err=True
            )
    return result


def load_text(source: ScriptSource, encoding: str | None) -> str:
    """The script as Fountain text (converted when it is an FDX or a PDF)."""
    return load_script(source, encoding).text


def load_screenplay(
    source: ScriptSource, encoding: str | None, *, as_written: bool = False
) -> Screenplay:
    """The script as a model: the one place a command turns its input into a Screenplay.

    A script whose numbers are locked (``SCRIPT.lock.yaml`` beside it) gets an
    ``OMITTED`` scene for each locked scene no longer in it, so the PDF, the
    breakdown and schedules number and print it as a shooting script does;
    ``as_written``: the script exactly as parsed (``fountainkit parse``).
    """
    screenplay = load_script(source, encoding).screenplay
    if as_written or source.is_stdin:
        return screenplay
    from fountainkit.production.lockfile import LockFileError, lock_path, read_lock
    from fountainkit.production.locking import with_omitted

    try:
        lock = read_lock(lock_path(source.path))
    except LockFileError as exc:
        raise ScriptInputError(str(exc)) from None
    return with_omitted(screenplay, lock.scene_numbers) if lock else screenplay


def single_stdin(sources: tuple[ScriptSource, ...]) -> None:
    """Standard input can be read once: refuse ``-`` among several scripts; and
    an empty name is no script at all (``Path("")`` would be the current folder)."""
    if any(not source.argument for source in sources):
        raise ScriptInputError("an empty file name was given for the script")
    if len(sources) > 1 and any(source.is_stdin for source in sources):
        raise ScriptInputError(
            "standard input ('-') can only be the one script of a command, not one of several"
        )


__all__ = [
    "SCRIPT",
    "ScriptInputError",
    "ScriptSource",
    "encoding_option",
    "load_screenplay",
    "load_text",
    "script_argument",
    "scripts_argument",
    "single_stdin",
]
