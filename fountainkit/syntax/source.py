"""Reading a script from disk with clear, one-line errors for bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024


class ScriptInputError(Exception):
    """A script could not be read as text; the message is one line for the user."""


def decode_script(data: bytes, name: str, encoding: str | None = None) -> str:
    """Turn a script's bytes into text, or raise ScriptInputError saying why not.

    UTF-8 (with or without BOM) is the default; a UTF-16/32 BOM is honoured;
    any other encoding must be named.
    """
    if encoding is None:
        for bom, codec in (
            (codecs.BOM_UTF32_LE, "utf-32"),
            (codecs.BOM_UTF32_BE, "utf-32"),
            (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"),
        ):
            if data.startswith(bom):
                encoding = codec
                break
    if encoding is None:
        nul = data.find(b"\x00")
        if nul != -1:
            raise ScriptInputError(
                f"{name}: looks like a binary file (NUL byte at offset {nul}), not Fountain text"
            )
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except LookupError:
        # Also codecs such as rot13 or base64, which do not turn bytes into text.
        raise ScriptInputError(f"unknown encoding {encoding!r} (not a text encoding)") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ScriptInputError(
            f"{name}: not valid {exc.encoding.upper()} (byte 0x{data[exc.start]:02X} at offset "
            f"{exc.start}, line {line}); pass --encoding with the file's real encoding, "
            "e.g. --encoding latin-1"
        ) from None
    return text.removeprefix("\ufeff")


def read_script(path: str | Path, encoding: str | None = None) -> str:
    """Read a Fountain file as text, refusing directories, binaries and bad encodings."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ScriptInputError(f"{name}: is a directory, not a Fountain file")
    try:
        # Read at most one byte past the limit: st_size says 0 for /dev/zero,
        # /dev/urandom and pipes, which would otherwise be read until memory runs out.
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScriptInputError(f"{name}: no such file") from None
    except PermissionError:
        raise ScriptInputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ScriptInputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # e.g. an embedded NUL in a path given through the API
        raise ScriptInputError(f"{name!r}: not a usable path ({exc})") from None
    if len(data) > MAX_BYTES:
        raise ScriptInputError(f"{name}: more than {MAX_BYTES} bytes is too large for a screenplay")
    return decode_script(data, name, encoding)
