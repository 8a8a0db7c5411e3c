"""``fountainkit number SCRIPT``: list, check or lock the scene numbers."""

from __future__ import annotations

import codecs
import dataclasses
from pathlib import Path
from typing import cast

import click

from fountainkit.cli.common import CommandError, reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import settings_from_options
from fountainkit.cli.outputs import (
    announce,
    output_option,
    plan_outputs,
    write_atomically,
    writing_options,
)
from fountainkit.config import LayoutSettings
from fountainkit.layout.profiles import PROFILES
from fountainkit.production.numbering import (
    INSERT_STYLES,
    InsertStyle,
    NumberProblem,
    check_numbers,
    scene_numbers,
)


@click.command("number")
@script_argument
@click.option("--check", is_flag=True, help="Report duplicate and out-of-order numbers; exit 1.")
@click.option(
    "--lock",
    is_flag=True,
    help="Write every scene's number into its heading (#12#), in SCRIPT itself unless -o "
    "is given, and record the locked numbers in SCRIPT.lock.yaml beside it.",
)
@click.option(
    "--pages",
    is_flag=True,
    help="With --lock: also lock the page breaks, as fountainkit pdf lays the script out "
    "(--config, --paper); later PDFs keep them (12A, 12-13). Run again to relock.",
)
@click.option(
    "--paper",
    type=click.Choice(list(PROFILES), case_sensitive=False),
    default=None,
    help="With --pages: the paper the pages are locked on (letter, the default, or a4).",
)
@click.option(
    "--inserts",
    type=click.Choice(INSERT_STYLES),
    default=None,
    help="How a scene added to a locked script is numbered: after (12A, the default) or "
    "before (A13). Also the config file's scene_number_inserts.",
)
@output_option("Where the list (or, with --lock, the locked script) goes.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, readable=False),
    default=None,
    help="YAML file of settings (scene_number_inserts, and the layout the PDF uses).",
)
@encoding_option
@writing_options
@reports_errors
def number_command(
    script: ScriptSource,
    check: bool,
    lock: bool,
    pages: bool,
    inserts: str | None,
    output: str | None,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **options: object,
) -> None:
    """List the scene numbers of SCRIPT, check them (--check), or lock them (--lock).

    Locking edits only the heading lines: every other byte of the script stays as
    written. A scene deleted after the lock comes back as an OMITTED heading with
    its number; scenes added between locked ones are numbered 12A, 12B (or A13).
    """
    if check and lock:
        raise click.UsageError("--check and --lock do not go together")
    if pages and not lock:
        raise click.UsageError("--pages goes with --lock")
    settings = settings_from_options(options)
    if inserts is not None:
        settings = dataclasses.replace(settings, scene_number_inserts=inserts)
    style = cast(InsertStyle, settings.scene_number_inserts)
    if lock:
        _lock(
            script,
            output,
            encoding,
            style,
            force,
            verbose,
            options.get("config_path"),
            settings if pages else None,
        )
        return
    [target] = plan_outputs(
        (script,),
        output,
        ".txt",
        force=force,
        prints_by_default=True,
        also_read=(options.get("config_path"),),
    )
    # With the lock file's OMITTED scenes, as the PDF and the breakdown number them.
    scenes = list(load_screenplay(script, encoding).scenes())
    if check:
        problems = check_numbers(scenes, style)
        problems += [
            NumberProblem(
                "omitted",
                number,
                0,
                f"locked scene {number} is gone; `fountainkit number --lock` writes it "
                "in as OMITTED",
            )
            for scene, number in zip(scenes, scene_numbers(scenes, style), strict=True)
            if scene.heading.span.start_line == 0
        ]
        target.write(
            "".join(
                f"{script.label}:{p.line}: {p.message}\n"
                if p.line
                else f"{script.label}: {p.message}\n"
                for p in problems
            )
        )
        if problems:
            raise SystemExit(1)
        return
    numbers = scene_numbers(scenes, style)
    rows = [
        f"{number}\t{scene.heading.span.start_line or '-'}\t{_one_line(scene.heading.text)}\n"
        for scene, number in zip(scenes, numbers, strict=True)
    ]
    target.write("".join(rows))
    announce(target, verbose)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lock(
    script: ScriptSource,
    output: str | None,
    encoding: str | None,
    style: InsertStyle,
    force: bool,
    verbose: bool,
    config_path: object,
    page_settings: LayoutSettings | None = None,
) -> None:
    """Lock the numbers; with ``page_settings``, the page breaks of the script
    laid out with them too."""
    from fountainkit.production.lockfile import (
        LockFile,
        LockFileError,
        lock_path,
        lock_text,
        read_lock,
        today,
    )
    from fountainkit.production.locking import lock_numbers
    from fountainkit.syntax.parse import parse
    from fountainkit.syntax.source import decode_script

    # Locking writes into SCRIPT itself (that is what --lock asks for) unless -o
    # names another file; standard input goes to standard output.
    in_place = output is None and not script.is_stdin
    target = None
    if not in_place:
        [target] = plan_outputs(
            (script,), output or "-", ".fountain", force=force, also_read=(config_path,)
        )
    original = script.read_bytes()
    text = decode_script(original, script.label, encoding)
    codec, bom = _codec_of(original, encoding)
    if bom + text.encode(codec) != original:
        raise CommandError(
            f"{script.label}: cannot be written back byte for byte in {codec}; not locked"
        )
    try:
        previous = None if script.is_stdin else read_lock(lock_path(script.path))
    except LockFileError as exc:
        raise CommandError(str(exc)) from None
    result = lock_numbers(
        text,
        parse(text),
        locked=previous.scene_numbers if previous else (),
        inserts=style,
    )
    encoded = bom + result.text.encode(codec)
    if target is None:
        if script.read_bytes() != original:
            raise CommandError(f"{script.label}: changed while it was being numbered; not written")
        if encoded != original:
            write_atomically(script.path, encoded, label=script.label)
    else:
        target.write(encoded)
    # The lock file goes beside the locked script (none for standard output).
    written = script.path if target is None else (target.path if target.kind == "file" else None)
    if written is not None:
        lock_file = lock_path(written)
        extra = dict(previous.extra) if previous else {}
        if page_settings is not None:
            extra.update(_locked_pages(result.text, previous, page_settings, str(lock_file)))
        record = LockFile(
            written.name,
            previous.locked if previous else today(),
            result.numbers,
            extra,
        )
        write_atomically(lock_file, lock_text(record), label=str(lock_file))
    if verbose:
        click.echo(
            f"fountainkit: {script.label}: {len(result.numbers)} scene numbers locked "
            f"({len(result.numbered)} written in, {len(result.omitted)} omitted)",
            err=True,
        )


def _locked_pages(text: str, previous, settings: LayoutSettings, where: str) -> dict:
    """The lock file's ``pages`` section for the locked script ``text``: where
    each page starts as the PDF lays it out (on the pages locked before, when
    relocking, so 12A becomes a locked page of its own)."""
    from fountainkit.layout import paginate
    from fountainkit.production.locked_pages import (
        PAGES_KEY,
        PageLock,
        page_starts,
        pages_data,
        read_pages,
    )
    from fountainkit.production.lockfile import today
    from fountainkit.syntax.parse import parse

    screenplay = parse(text)
    try:
        before = read_pages(previous.extra, where) if previous else None
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    lock = PageLock(before[0], screenplay, settings) if before else None
    document = paginate(screenplay, settings, lock=lock)
    return {PAGES_KEY: pages_data(page_starts(screenplay, document), settings.paper, today())}


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _codec_of(data: bytes, encoding: str | None) -> tuple[str, bytes]:
    """The codec (without BOM handling) and the BOM bytes the script was written with."""
    for bom, codec in _BOMS:
        if data.startswith(bom) and (
            encoding is None or codecs.lookup(encoding).name.startswith(codec[:6])
        ):
            return codec, bom
    return encoding or "utf-8", b""
