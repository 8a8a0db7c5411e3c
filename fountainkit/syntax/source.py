"""Reading a script from disk with clear, one-line errors for bad input."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

# The most characters of Fountain text a command works on: a file, standard input,
# or the text an FDX or PDF file converts to. Set from measurement (docs/cli.md,
# "Input size limit"; docs/performance.md): the costliest shape per character, a
# script of nothing but blank lines, peaks at about 0.9 GB per MiB in `pdf`, `html`
# and the language server's analysis, so 1 MiB (about 1,000 pages of a real script)
# keeps every command under 2 GB with room to spare.
MAX_TEXT_CHARS = 1024 * 1024

# The most bytes read from any input file before it is looked at: FDX and PDF files
# carry several times the bytes of their text, so this is larger; reading stops one
# byte past it (``read_limited``), so an endless device costs no more.
MAX_BYTES = 8 * 1024 * 1024


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
            wide = _bomless_wide_encoding(data)
            if wide:
                raise ScriptInputError(
                    f"{name}: looks like {wide.upper()} text without a byte-order mark "
                    f"(NUL bytes in a regular pattern); pass --encoding {wide}"
                )
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
    text = text.removeprefix("\ufeff")
    check_text_size(text, name)
    return text


def check_text_size(text: str, name: str) -> None:
    """Refuse a script of more than MAX_TEXT_CHARS characters, in one line."""
    if len(text) > MAX_TEXT_CHARS:
        raise ScriptInputError(
            f"{name}: {len(text)} characters of screenplay is more than the limit of "
            f"{MAX_TEXT_CHARS} (1 MiB, about 1,000 pages); split the script into parts"
        )


def _bomless_wide_encoding(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` when the NUL bytes sit where
    that encoding puts them, else None (a binary file).

    UTF-16 saved without a BOM (some Windows tools do) has a NUL in one byte of
    every ASCII character (spaces, newlines, headings): at odd offsets for
    little-endian, at even ones for big-endian, and almost never at the other
    parity. Only the first 4 KB are looked at, and the pattern must be clear, so
    a binary file with scattered NULs is not mistaken for text.
    """
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 4]  # whole UTF-32 code units
    if len(sample) < 4:
        return None
    # UTF-32: the top byte of every code unit is NUL (nothing is above U+10FFFF),
    # and so is the next one outside the rare characters above U+FFFF.
    starts = range(0, len(sample), 4)
    for order, top, next_top, low in (("le", 3, 2, 0), ("be", 0, 1, 3)):
        if (
            all(sample[i + top] == 0 for i in starts)
            and sum(sample[i + next_top] == 0 for i in starts) >= 0.9 * len(starts)
            and sum(sample[i + low] != 0 for i in starts) >= 0.5 * len(starts)
        ):
            return f"utf-32-{order}"
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    major, minor = max(even, odd), min(even, odd)
    if major >= max(2, len(sample) // 2 // 20) and minor <= major // 20:
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def read_script_bytes(path: str | Path) -> bytes:
    """A script file's bytes, refusing directories, unreadable and oversized files."""
    name = str(path)
    if name == "":
        # Path("") is ".", the current folder: say what was really given.
        raise ScriptInputError("an empty file name was given for the script")
    path = Path(path)
    if path.is_dir():
        raise ScriptInputError(f"{name}: is a directory, not a script")
    try:
        # Read at most one byte past the limit: st_size says 0 for /dev/zero,
        # /dev/urandom and pipes, which would otherwise be read until memory runs out.
        with path.open("rb") as handle:
            return read_limited(handle, name)
    except FileNotFoundError:
        raise ScriptInputError(f"{name}: no such file") from None
    except PermissionError:
        raise ScriptInputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ScriptInputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # e.g. an embedded NUL in a path given through the API
        raise ScriptInputError(f"{name!r}: not a usable path ({exc})") from None


def read_limited(stream: BinaryIO, name: str) -> bytes:
    """Everything ``stream`` holds, refused above MAX_BYTES (a file, a pipe, stdin)."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ScriptInputError(
            f"{name}: more than {MAX_BYTES} bytes is too large for a screenplay file"
        )
    return data


def read_script(path: str | Path, encoding: str | None = None) -> str:
    """Read a Fountain file as text, refusing directories, binaries and bad encodings."""
    return decode_script(read_script_bytes(path), str(path), encoding)
