"""The lock file: what a script's lock recorded, in a small YAML file beside it.

``draft.fountain`` is locked into ``draft.fountain.lock.yaml``::

    # fountainkit lock file for draft.fountain (see docs/shooting-script.md)
    schema: fountainkit.lock/1
    script: draft.fountain
    locked: 2027-01-12            # when the numbers were first locked
    scene_numbers: ["1", "2", "2A", "3"]

The scene numbers themselves live in the script's headings (``#12#``); the lock
file remembers which ones were locked, so a scene deleted later is printed as
``OMITTED`` with its number. Nothing else is kept anywhere: delete the file and
the script is simply a numbered draft again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fountainkit.safe_yaml import YamlError, load_yaml

SCHEMA = "fountainkit.lock/1"
SUFFIX = ".lock.yaml"
MAX_LOCK_BYTES = 1024 * 1024  # far above any real lock file


class LockFileError(ValueError):
    """A lock file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class LockFile:
    script: str
    locked: str  # ISO date of the first lock
    scene_numbers: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # sections later features add


def lock_path(script: Path) -> Path:
    return script.with_name(script.name + SUFFIX)


def read_lock(path: Path) -> LockFile | None:
    """The lock file at ``path``, None when there is none."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LockFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_LOCK_BYTES:
        raise LockFileError(f"{path}: too large for a lock file")
    try:
        loaded = load_yaml(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LockFileError(f"{path}: not UTF-8; not a fountainkit lock file") from None
    except YamlError as exc:
        raise LockFileError(f"{path}: {exc}") from None
    if not isinstance(loaded, dict) or loaded.get("schema") != SCHEMA:
        raise LockFileError(f"{path}: not a fountainkit lock file (schema {SCHEMA})")
    numbers = loaded.get("scene_numbers", [])
    if not isinstance(numbers, list) or not all(isinstance(n, str | int) for n in numbers):
        raise LockFileError(f"{path}: scene_numbers must be a list of scene numbers")
    extra = {
        key: value
        for key, value in loaded.items()
        if key not in {"schema", "script", "locked", "scene_numbers"}
    }
    return LockFile(
        str(loaded.get("script", "")),
        str(loaded.get("locked", "")),
        tuple(str(n) for n in numbers),
        extra,
    )


def lock_text(lock: LockFile) -> str:
    """The YAML text of a lock file."""
    body: dict[str, Any] = {
        "schema": SCHEMA,
        "script": lock.script,
        "locked": lock.locked,
        "scene_numbers": list(lock.scene_numbers),
        **_plain(lock.extra),
    }
    header = f"# fountainkit lock file for {lock.script} (see docs/shooting-script.md)\n"
    import yaml  # only when a lock file is written: its import costs every command

    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def _plain(value: Any) -> Any:
    """``value`` as plain dicts and lists: sections read back from a lock file are
    the YAML reader's line-numbered mappings, which the writer does not know."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def today() -> str:
    return dt.date.today().isoformat()
