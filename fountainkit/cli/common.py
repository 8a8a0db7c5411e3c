"""Pieces every subcommand shares: reading scripts and reporting errors."""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from fountainkit.syntax.source import ScriptInputError, read_script

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(Exception):
    """A failure to report to the user as one line, exit code 1."""


def fail(message: str) -> None:
    # One line, whatever the message holds (a file name may contain a newline).
    line = " ".join(message.split("\n")).replace("\r", " ")
    click.echo(f"fountainkit: error: {line}", err=True)
    sys.exit(1)


def exit_interrupted() -> NoReturn:
    """Ctrl-C: one line and exit code 130.

    os._exit, because interpreter shutdown after an interrupt (worker pools,
    half-imported C libraries) can end the process by SIGINT instead of 130;
    outputs are already cleaned up by then and stdio is flushed here.
    """
    click.echo("fountainkit: interrupted", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def reports_errors(func: F) -> F:
    """Turn expected failures into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ScriptInputError, CommandError) as exc:
            fail(str(exc))
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")
        except KeyboardInterrupt:
            # Without this click prints "Aborted!" and exits 1; any output being
            # written has already been cleaned up by write_atomically.
            exit_interrupted()
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own usage errors and exits keep their meaning
        except (MemoryError, RecursionError) as exc:
            fail(f"input too large or too deeply nested to process ({type(exc).__name__})")
        except Exception as exc:
            # A bug, not bad input: still one line for the user (and exit 1),
            # with the full traceback one environment variable away.
            if os.environ.get("FOUNTAINKIT_DEBUG"):
                raise
            fail(
                f"internal error ({type(exc).__name__}: {exc}); please report it "
                "(set FOUNTAINKIT_DEBUG=1 for the traceback)"
            )

    return wrapper  # type: ignore[return-value]


encoding_option = click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Text encoding of the script (default: UTF-8, or UTF-16 when it has a BOM).",
)

# readable=False: click would refuse an unreadable file itself, as a usage
# error (exit 2, four lines); read_script says "permission denied" in one.
script_argument = click.argument("script", type=click.Path(path_type=Path, readable=False))


def load_text(path: Path, encoding: str | None) -> str:
    return read_script(path, encoding)


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    An earlier file at ``path`` survives any failure before the final rename,
    and no temporary file is left behind. The new file gets the permissions a
    plain ``open(path, "w")`` would give it (mkstemp's are owner-only).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"{path}: output folder {folder} does not exist")
    if path.is_dir():
        raise CommandError(f"{path}: is a directory; give a file name for the output")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CommandError(f"{path}: cannot write in {folder} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(path))
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise CommandError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep the mode of the file being replaced, else 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def output_paths(scripts: tuple[Path, ...], output: Path | None, suffix: str) -> list[Path]:
    """Where each script's file goes: -o names the file for one script, a folder for many."""
    if len(scripts) == 1 and (output is None or not output.is_dir()):
        return [output or scripts[0].with_suffix(suffix)]
    if output is not None and not output.is_dir():
        raise CommandError(f"{output}: with several scripts, -o must be an existing folder")
    return [(output or script.parent) / script.with_suffix(suffix).name for script in scripts]
