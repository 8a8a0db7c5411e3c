"""Pieces every subcommand shares: one-line errors, exit codes and signals.

Reading scripts is ``fountainkit.cli.inputs``; writing results is
``fountainkit.cli.outputs``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, NoReturn, TypeVar

import click

from fountainkit.syntax.source import ScriptInputError

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(Exception):
    """A failure to report to the user as one line, exit code 1."""


# A message never floods the terminal, whatever value or file name it quotes.
MAX_MESSAGE_CHARS = 500


def fail(message: str) -> None:
    # One line, whatever the message holds (a file name may contain a newline).
    line = " ".join(message.split("\n")).replace("\r", " ")
    if len(line) > MAX_MESSAGE_CHARS:
        line = line[: MAX_MESSAGE_CHARS - 1] + "…"
    click.echo(f"fountainkit: error: {line}", err=True)
    sys.exit(1)


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised like KeyboardInterrupt so the same clean-up runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def handle_termination() -> dict[int, Any]:
    """SIGTERM (kill, timeout, a service manager) and SIGHUP (the terminal closed)
    stop a command the way Ctrl-C does: outputs cleaned up, workers stopped, one line.
    Returns the handlers replaced, for ``restore_handlers``."""
    previous = {}
    for signum in TERMINATING_SIGNALS:
        if signal.getsignal(signum) == signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)
    return previous


def restore_handlers(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def exit_interrupted(signum: int = signal.SIGINT) -> NoReturn:
    """Ctrl-C (or SIGTERM/SIGHUP): one line and exit code 128 + the signal (130 for Ctrl-C).

    os._exit, because interpreter shutdown after an interrupt (worker pools,
    half-imported C libraries) can end the process by SIGINT instead of 130;
    outputs are already cleaned up by then and stdio is flushed here. Worker
    processes still running are stopped first.
    """
    _stop_child_processes()
    word = "interrupted" if signum == signal.SIGINT else "terminated"
    click.echo(f"fountainkit: {word}", err=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(128 + signum)


def _stop_child_processes() -> None:
    """Kill the multiprocessing workers this process started (if it started any)."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:
        return
    for child in multiprocessing.active_children():
        child.kill()
        child.join(timeout=5)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def reports_errors(func: F) -> F:
    """Turn expected failures into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        previous = handle_termination()
        try:
            return func(*args, **kwargs)
        except (ScriptInputError, CommandError) as exc:
            fail(str(exc))
        except BrokenPipeError:
            # The reader went away (`fountainkit parse x | head`): end quietly, as a
            # command killed by SIGPIPE would, with nothing more written to the pipe.
            _silence_stdout()
            sys.exit(128 + signal.SIGPIPE)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")
        except KeyboardInterrupt:
            # Without this click prints "Aborted!" and exits 1; any output being
            # written has already been cleaned up by write_atomically.
            exit_interrupted()
        except Terminated as exc:
            exit_interrupted(exc.signum)
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
        finally:
            # Past the command, a late signal ends the process the default way, silently.
            restore_handlers(previous)

    return wrapper  # type: ignore[return-value]
