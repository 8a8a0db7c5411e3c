"""Fountain text: decoded and parsed; the text itself is the Fountain text."""

from __future__ import annotations

from fountainkit.readers.base import ReadResult
from fountainkit.syntax.parse import parse
from fountainkit.syntax.source import decode_script


def read_fountain(data: bytes, name: str, encoding: str | None = None) -> ReadResult:
    text = decode_script(data, name, encoding)
    return ReadResult(parse(text), text, "fountain")
