"""The shooting-script options of ``fountainkit pdf``: revisions against an old draft.

``--revised-from OLD`` compares the script with the draft OLD and marks what
changed (see ``fountainkit.production.revised``); ``--revision`` names the
revision (a colour of the sequence, or any label), ``--revision-date`` dates
it, ``--changed-pages-only`` keeps only the pages it issues.

When the script has a lock file (``SCRIPT.lock.yaml``, written by
``fountainkit number --lock``), the revision is recorded in it once the PDF
is written: that gives the title page its revision history and the next
revision its colour.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from fountainkit.cli.common import CommandError
from fountainkit.cli.inputs import ScriptSource, load_screenplay
from fountainkit.config import ConfigError, LayoutSettings, load_config
from fountainkit.layout import Document
from fountainkit.model import Screenplay

_OPTIONS = [
    click.option(
        "--revised-from",
        "revised_from",
        default=None,
        metavar="OLD",
        help="Mark what changed since the draft OLD: * beside each changed line, the "
        "revision and its date in the header of each changed page, the revision on the "
        "title page. With --revision COLOUR (default: the colour after the last one issued).",
    ),
    click.option(
        "--revision-date",
        "revision_date",
        default=None,
        metavar="DATE",
        help="Date of the revision (2027-01-12; default today), printed as the config's "
        "revisions.date_format (01/12/27).",
    ),
    click.option(
        "--changed-pages-only",
        "changed_pages_only",
        is_flag=True,
        help="With --revised-from: write only the pages the revision changed (and the title "
        "page), each with its own page number.",
    ),
]


def shooting_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def shooting_inputs(options: dict[str, Any]) -> tuple[str, ...]:
    """The other drafts the options name: outputs must never overwrite them."""
    return tuple(value for value in (options.get("revised_from"),) if value)


def check_shooting_options(options: dict[str, Any], script_count: int) -> None:
    """Usage errors before any work is done."""
    revised = options.get("revised_from")
    if options.get("changed_pages_only") and not revised:
        raise click.UsageError("--changed-pages-only needs --revised-from OLD")
    if options.get("revision_date") and not revised:
        raise click.UsageError("--revision-date needs --revised-from OLD")
    if revised and script_count != 1:
        raise click.UsageError("--revised-from takes one script")


@dataclass
class ShootingPlan:
    """What ``fountainkit pdf`` renders instead of the plain layout, and what it
    records once the PDF is written."""

    screenplay: Screenplay
    document: Document
    summary: str = ""
    record: Callable[[], None] | None = None


def shooting_plan(
    script: ScriptSource,
    screenplay: Screenplay,
    settings: LayoutSettings,
    options: dict[str, Any],
    encoding: str | None,
) -> ShootingPlan | None:
    """The revised draft the options ask for, or None (the plain layout)."""
    old_name = options.get("revised_from")
    if not old_name:
        return None
    from fountainkit.production.lockfile import LockFileError, lock_path, read_lock
    from fountainkit.production.revised import changed_only, revise
    from fountainkit.production.revision_sets import (
        default_revision_name,
        history_lines,
        make_revision,
        read_history,
        revision_settings,
        script_digest,
    )

    config_path = options.get("config_path")
    try:
        rev_settings = revision_settings(load_config(config_path).section("revisions"))
    except ConfigError as exc:
        raise CommandError(f"{config_path}: {exc}") from None
    old = load_screenplay(ScriptSource(old_name), encoding)
    lock_file = None if script.is_stdin else lock_path(script.path)
    try:
        lock = read_lock(lock_file) if lock_file is not None else None
        history = read_history(lock.extra, str(lock_file)) if lock else []
    except (LockFileError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    digest = script_digest(script.read_bytes()) if not script.is_stdin else ""
    name = options.get("revision") or default_revision_name(history, digest, rev_settings)
    date = options.get("revision_date") or dt.date.today().isoformat()
    revision = make_revision(name, date, rev_settings)
    # The revision is printed page by page, not as the whole script's label.
    settings = dataclasses.replace(settings, revision="")
    draft = revise(
        screenplay,
        old,
        settings,
        revision,
        mark=rev_settings.mark,
        history=history_lines(history, revision, rev_settings),
    )
    document = draft.document
    if options.get("changed_pages_only"):
        if not draft.changed:
            raise CommandError(f"{script.label}: no page changed since {old_name}; nothing written")
        document = changed_only(draft)
    count = len(draft.changed)
    summary = f"{revision.header}: {count} changed page{'s' if count != 1 else ''}"

    def record() -> None:
        if lock is None or lock_file is None:
            return
        _record_revision(lock_file, lock, history, revision, digest, rev_settings)

    return ShootingPlan(draft.screenplay, document, summary, record)


def _record_revision(lock_file: Path, lock, history, revision, digest, rev_settings) -> None:
    """Add the revision to the lock file's history; a failure is a warning, the
    PDF is written already."""
    from fountainkit.cli.outputs import write_atomically
    from fountainkit.production.lockfile import lock_text
    from fountainkit.production.revision_sets import HISTORY_KEY, history_data, recorded

    updated = history_data(recorded(history, revision, digest, rev_settings))
    if updated == lock.extra.get(HISTORY_KEY):
        return
    record = dataclasses.replace(lock, extra={**lock.extra, HISTORY_KEY: updated})
    try:
        write_atomically(lock_file, lock_text(record), label=str(lock_file))
    except CommandError as exc:
        click.echo(f"fountainkit: warning: revision not recorded: {exc}", err=True)
