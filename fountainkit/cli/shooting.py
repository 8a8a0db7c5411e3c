"""The shooting-script options of ``fountainkit pdf``: revisions and locked pages.

``--revised-from OLD`` compares the script with the draft OLD and marks what
changed (see ``fountainkit.production.revised``); ``--revision`` names the
revision (a colour of the sequence, or any label), ``--revision-date`` dates
it, ``--changed-pages-only`` keeps only the pages it issues.

When the script has a lock file (``SCRIPT.lock.yaml``, written by
``fountainkit number --lock``), the revision is recorded in it once the PDF
is written: that gives the title page its revision history and the next
revision its colour.

Locked pages: ``--lock-pages-from OLD`` keeps the page breaks of the draft OLD
(12A for text that no longer fits, 12-13 for a page that vanished); without
it, the page breaks the lock file records (``fountainkit number --lock
--pages``) are kept, unless ``--no-locked-pages``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
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


locked_pages_option = click.option(
    "--no-locked-pages",
    "no_locked_pages",
    is_flag=True,
    help="Let pages flow, ignoring the page breaks the lock file records "
    "(fountainkit number --lock --pages).",
)
_OPTIONS.append(
    click.option(
        "--lock-pages-from",
        "lock_pages_from",
        default=None,
        metavar="OLD",
        help="Keep the page breaks of the draft OLD: text that no longer fits a page goes on "
        "12A, 12B; a page that shrank prints short; pages left empty are combined (12-13).",
    )
)
_OPTIONS.append(locked_pages_option)


def shooting_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def shooting_inputs(options: dict[str, Any]) -> tuple[str, ...]:
    """The other drafts the options name: outputs must never overwrite them."""
    names = (options.get("revised_from"), options.get("lock_pages_from"))
    return tuple(value for value in names if value)


def check_shooting_options(options: dict[str, Any], script_count: int) -> None:
    """Usage errors before any work is done."""
    revised = options.get("revised_from")
    if options.get("changed_pages_only") and not revised:
        raise click.UsageError("--changed-pages-only needs --revised-from OLD")
    if options.get("revision_date") and not revised:
        raise click.UsageError("--revision-date needs --revised-from OLD")
    if revised and script_count != 1:
        raise click.UsageError("--revised-from takes one script")
    if options.get("lock_pages_from"):
        if script_count != 1:
            raise click.UsageError("--lock-pages-from takes one script")
        if options.get("no_locked_pages"):
            raise click.UsageError("--lock-pages-from and --no-locked-pages do not go together")


# --- locked pages -------------------------------------------------------------------------


def lock_file_starts(script: ScriptSource, settings: LayoutSettings) -> list | None:
    """The locked page starts the script's lock file records, or None."""
    if script.is_stdin:
        return None
    from fountainkit.production.locked_pages import read_pages
    from fountainkit.production.lockfile import LockFileError, lock_path, read_lock

    path = lock_path(script.path)
    try:
        lock = read_lock(path)
        found = read_pages(lock.extra, str(path)) if lock else None
    except (LockFileError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    if found is None:
        return None
    starts, paper = found
    if paper and paper != settings.paper:
        click.echo(
            f"fountainkit: warning: {script.label}: its pages were locked on {paper} paper; "
            f"on {settings.paper} they keep the locked breaks, with more A-pages or short pages",
            err=True,
        )
    return starts


def page_lock_starts(
    script: ScriptSource, settings: LayoutSettings, options: dict[str, Any], encoding: str | None
) -> list | None:
    """The page starts to keep: --lock-pages-from OLD's, else the lock file's."""
    if options.get("no_locked_pages"):
        return None
    old_name = options.get("lock_pages_from")
    if not old_name:
        return lock_file_starts(script, settings)
    from fountainkit.production.locked_pages import page_starts

    old = ScriptSource(old_name)
    old_play = load_screenplay(old, encoding)
    # OLD laid out as `fountainkit pdf OLD` would: its own locked pages kept.
    old_document = layout_with(lock_file_starts(old, settings))(old_play, settings)
    return page_starts(old_play, old_document)


def layout_with(starts: list | None) -> Callable[[Screenplay, LayoutSettings], Document]:
    """A layout function keeping the locked pages ``starts`` (flowing when None)."""
    from fountainkit.layout import paginate
    from fountainkit.production.locked_pages import PageLock

    def layout(screenplay: Screenplay, settings: LayoutSettings) -> Document:
        lock = PageLock(starts, screenplay, settings) if starts else None
        return paginate(screenplay, settings, lock=lock)

    return layout


def script_layout(
    script: ScriptSource,
    screenplay: Screenplay,
    settings: LayoutSettings,
    options: dict[str, Any],
    encoding: str | None = None,
) -> Document:
    """``screenplay`` laid out as ``fountainkit pdf`` lays it out: on its locked
    pages when it has some."""
    return layout_with(page_lock_starts(script, settings, options, encoding))(screenplay, settings)


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
    """The revised draft or the locked pages the options ask for, or None (the
    plain layout)."""
    starts = page_lock_starts(script, settings, options, encoding)
    old_name = options.get("revised_from")
    if not old_name:
        if not starts:
            return None
        return ShootingPlan(screenplay, layout_with(starts)(screenplay, settings))
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
    if lock is not None:
        old = _omitted_as_locked(old, lock.scene_numbers)
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
        layout=layout_with(starts),
    )
    document = draft.document
    if options.get("changed_pages_only"):
        if not draft.changed:
            raise CommandError(f"{script.label}: no page changed since {old_name}; nothing written")
        document = changed_only(draft)
    count = len(draft.changed)
    summary = f"{revision.header}: {count} changed page{'s' if count != 1 else ''}"

    def record() -> None:
        if lock is not None and lock_file is not None:
            _record_revision(lock_file, revision, digest, rev_settings)

    return ShootingPlan(draft.screenplay, document, summary, record)


def _omitted_as_locked(old: Screenplay, locked: Sequence[str]) -> Screenplay:
    """OLD as a draft of the locked script: the scenes it no longer has come back
    as ``OMITTED``, as they do in the new draft (OLD is usually a copy without a
    lock file of its own), so a scene cut in an earlier revision is not marked
    again. A draft from before the lock (no scene numbered) is left as it is; a
    scene added since (not numbered yet, 6A) does not make a draft unlocked."""
    from fountainkit.production.locking import with_omitted

    if not any(scene.heading.number for scene in old.scenes()):
        return old
    return with_omitted(old, locked)


def _record_revision(lock_file: Path, revision, digest: str, rev_settings) -> None:
    """Add the revision to the lock file's history (read again now: it may have
    changed since); a failure is a warning, the PDF is written already."""
    from fountainkit.cli.outputs import write_atomically
    from fountainkit.production.lockfile import LockFileError, lock_text, read_lock
    from fountainkit.production.revision_sets import (
        HISTORY_KEY,
        history_data,
        read_history,
        recorded,
    )

    try:
        lock = read_lock(lock_file)
        if lock is None:
            return
        history = read_history(lock.extra, str(lock_file))
        updated = history_data(recorded(history, revision, digest, rev_settings))
        if updated == lock.extra.get(HISTORY_KEY):
            return
        record = dataclasses.replace(lock, extra={**lock.extra, HISTORY_KEY: updated})
        write_atomically(lock_file, lock_text(record), label=str(lock_file))
    except (CommandError, LockFileError, ValueError) as exc:
        click.echo(f"fountainkit: warning: revision not recorded: {exc}", err=True)
