"""``fountainkit pdf``: industry-paginated PDFs, one script or many."""

from __future__ import annotations

from pathlib import Path

import click

from fountainkit.cli.common import (
    CommandError,
    encoding_option,
    fail,
    load_text,
    output_paths,
    reports_errors,
    write_atomically,
)
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.config import PDF_ENGINES, ConfigError, load_config
from fountainkit.syntax.source import ScriptInputError

PDF_SUFFIX = ".pdf"


def painting_options(options: dict, engine: str | None, jobs: int | None) -> tuple[str, int | None]:
    """--engine and --jobs, else the config file's ``pdf:`` section, else the defaults."""
    path = options.get("config_path")
    try:
        section = load_config(path).section("pdf")
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    unknown = sorted(set(section) - {"engine", "jobs"})
    if unknown:
        raise CommandError(f"{path}: unknown pdf setting {unknown[0]!r} (known: engine, jobs)")
    file_engine = section.get("engine", "direct")
    if file_engine not in PDF_ENGINES:
        raise CommandError(f"{path}: pdf engine must be one of {', '.join(PDF_ENGINES)}")
    file_jobs = section.get("jobs")
    if file_jobs is not None and (
        isinstance(file_jobs, bool) or not isinstance(file_jobs, int) or file_jobs < 1
    ):
        raise CommandError(f"{path}: pdf jobs must be a whole number of at least 1")
    return engine or file_engine, jobs or file_jobs


def render_script(
    script: Path,
    output: Path,
    encoding: str | None,
    options: dict,
    jobs: int | None = None,
    engine: str = "direct",
) -> int:
    """Parse, paginate and render one script to ``output``; returns its page count."""
    from fountainkit.layout import paginate
    from fountainkit.pdf.render import RenderError, render_pdf
    from fountainkit.syntax.parse import parse

    settings = settings_from_options(options)
    screenplay = parse(load_text(script, encoding))
    document = paginate(screenplay, settings)
    try:
        data = render_pdf(screenplay, document, jobs=jobs, engine=engine)
    except RenderError as exc:
        raise CommandError(f"{script}: {exc}") from None
    write_atomically(output, data)
    return document.page_count


@click.command("pdf")
@click.argument("scripts", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file (one script) or folder (several). Default: beside the script.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes WeasyPrint paints its pages with (every page with --engine weasyprint, "
    "else only pages needing text shaping). Default: the available cores for many pages, "
    "1 for few.",
)
@click.option(
    "--engine",
    type=click.Choice(PDF_ENGINES),
    default=None,
    help="direct (default): paint the page grid straight to PDF, and pages whose text needs "
    "shaping (Arabic, Hebrew, Indic scripts) with WeasyPrint; weasyprint: every page with "
    "WeasyPrint.",
)
@layout_options
@encoding_option
@reports_errors
def pdf_command(
    scripts: tuple[Path, ...],
    output: Path | None,
    jobs: int | None,
    engine: str | None,
    encoding: str | None,
    **options: object,
) -> None:
    """Render SCRIPTS to industry-paginated PDF (US Letter or A4)."""
    settings_from_options(options)  # a bad config fails before any work
    engine, jobs = painting_options(options, engine, jobs)
    targets = output_paths(scripts, output, PDF_SUFFIX)
    if len(scripts) == 1:
        render_script(scripts[0], targets[0], encoding, options, jobs, engine)
        return
    failures = []
    with click.progressbar(
        list(zip(scripts, targets, strict=True)),
        label="Rendering",
        file=click.get_text_stream("stderr"),
        item_show_func=lambda item: item and item[0].name,
    ) as bar:
        for script, target in bar:
            try:
                render_script(script, target, encoding, options, jobs, engine)
            except (ScriptInputError, CommandError, OSError, ValueError) as exc:
                failures.append(f"{script}: {exc}" if str(script) not in str(exc) else str(exc))
    if failures:
        for message in failures[:-1]:
            click.echo(f"fountainkit: error: {message}", err=True)
        fail(failures[-1])
