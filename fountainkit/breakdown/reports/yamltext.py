"""YAML text for the breakdown's plain data, written straight out.

PyYAML's dumper builds a node for every value in Python before its C emitter
writes it, which made the YAML report eight times slower than the JSON one
and, on a feature, most of the ``breakdown`` command's own time. The data here
is only mappings, lists, text, integers, booleans and None, so it is written
directly: block mappings, lists of scalars in flow style (``[DEZ, MIN-JI]``),
other lists as block sequences. A string is written plain only when it cannot
be read as anything else (it starts with a letter, holds only letters, digits,
spaces and ``.'/&()-``, and is no YAML 1.1 boolean or null word); every other
string is written as a JSON string, which is a valid YAML double-quoted scalar.
Any YAML reader reads back exactly the data (tests check it with PyYAML).
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN_RE = re.compile(r"[^\W\d_](?:[\w .'/&()-]*[\w.')])?")
# Characters YAML does not allow in a document, even quoted (JSON leaves them as they are).
_UNPRINTABLE_RE = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_RESERVED = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
)  # fmt: skip


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN_RE.fullmatch(text) and text.lower() not in _RESERVED and "_" not in text[:1]:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list | tuple)


def _write(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            name = scalar(key)
            if _is_scalar(item):
                out.append(f"{pad}{name}: {scalar(item)}\n")
            elif not item:
                out.append(f"{pad}{name}: {'{}' if isinstance(item, dict) else '[]'}\n")
            elif isinstance(item, list | tuple) and all(map(_is_scalar, item)):
                out.append(f"{pad}{name}: [{', '.join(map(scalar, item))}]\n")
            else:
                out.append(f"{pad}{name}:\n")
                _write(item, indent + 2, out)
    else:
        for item in value:
            if _is_scalar(item):
                out.append(f"{pad}- {scalar(item)}\n")
            elif isinstance(item, dict) and item:
                lines: list[str] = []
                _write(item, indent + 2, lines)
                out.append(f"{pad}- {lines[0].lstrip()}")
                out.extend(lines[1:])
            elif not item:
                out.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}\n")
            elif all(map(_is_scalar, item)):
                out.append(f"{pad}- [{', '.join(map(scalar, item))}]\n")
            else:
                out.append(f"{pad}-\n")
                _write(item, indent + 2, out)


def dump(data: dict[str, Any]) -> str:
    """``data`` (mappings, lists, text, numbers, booleans, None) as a YAML document."""
    out: list[str] = []
    _write(data, 0, out)
    return "".join(out)
