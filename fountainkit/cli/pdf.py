"""``fountainkit pdf``: industry-paginated PDFs, one script or many."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterable, Iterator

import click

from fountainkit.cli.common import CommandError, fail, reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, scripts_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import (
    OutputTarget,
    announce,
    output_option,
    plan_outputs,
    writing_options,
)
from fountainkit.cli.shooting import (
    check_shooting_options,
    shooting_inputs,
    shooting_options,
    shooting_plan,
)
from fountainkit.config import PDF_ENGINES, ConfigError, load_config
from fountainkit.syntax.source import ScriptInputError

PDF_SUFFIX = ".pdf"


def _render_warnings() -> tuple[type[Warning], ...]:
    from fountainkit.layout.furniture import FurnitureWarning
    from fountainkit.pdf.missing import MissingGlyphWarning

    return (MissingGlyphWarning, FurnitureWarning)


@contextlib.contextmanager
def reporting_render_warnings(label: str) -> Iterator[None]:
    """Around a render: one line on stderr for each missing glyph or header
    text cut short, even when the render fails."""
    with warnings.catch_warnings(record=True) as caught:
        render_warnings = _render_warnings()
        for category in render_warnings:
            warnings.simplefilter("always", category)
        try:
            yield
        finally:
            for warning in caught:
                if issubclass(warning.category, render_warnings):
                    click.echo(f"fountainkit: warning: {label}: {warning.message}", err=True)


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
    script: ScriptSource,
    target: OutputTarget,
    encoding: str | None,
    options: dict,
    jobs: int | None = None,
    engine: str = "direct",
) -> int:
    """Parse, paginate and render one script to ``target``; returns the PDF's page count."""
    from fountainkit.layout import paginate
    from fountainkit.pdf.render import RenderError, render_pdf

    settings = settings_from_options(options)
    screenplay = load_screenplay(script, encoding)
    with reporting_render_warnings(script.label):
        plan = shooting_plan(script, screenplay, settings, options, encoding)
        if plan is not None:
            screenplay, document = plan.screenplay, plan.document
        else:
            document = paginate(screenplay, settings)
        try:
            data = render_pdf(screenplay, document, jobs=jobs, engine=engine)
        except RenderError as exc:
            raise CommandError(f"{script.label}: {exc}") from None
    target.write(data)
    if plan is not None and plan.record is not None:
        plan.record()
    # An empty script still gets one blank page.
    return max(1, len(document.title_pages) + document.page_count)


@click.command("pdf")
@scripts_argument
@output_option(
    "Output file (one script) or folder (several). Default: beside each script; standard "
    "output when SCRIPT is '-'. '-' for standard output."
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
@shooting_options
@encoding_option
@writing_options
@reports_errors
def pdf_command(
    scripts: tuple[ScriptSource, ...],
    output: str | None,
    jobs: int | None,
    engine: str | None,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **options: object,
) -> None:
    """Render SCRIPTS to industry-paginated PDF (US Letter or A4).

    SCRIPT '-' reads standard input.
    """
    settings_from_options(options)  # a bad config fails before any work
    check_shooting_options(options, len(scripts))
    engine, jobs = painting_options(options, engine, jobs)
    targets = plan_outputs(
        scripts,
        output,
        PDF_SUFFIX,
        force=force,
        folder_allowed=True,
        binary=True,
        also_read=(options.get("config_path"), *shooting_inputs(options)),
    )
    if len(scripts) == 1:
        pages = render_script(scripts[0], targets[0], encoding, options, jobs, engine)
        announce(targets[0], verbose, _pages(pages))
        return
    pairs = list(zip(scripts, targets, strict=True))
    failures: list[str] = []

    def render_all(items: Iterable[tuple[ScriptSource, OutputTarget]]) -> None:
        for script, target in items:
            try:
                pages = render_script(script, target, encoding, options, jobs, engine)
            except (ScriptInputError, CommandError, OSError, ValueError) as exc:
                message = str(exc)
                failures.append(
                    message if script.label in message else f"{script.label}: {message}"
                )
                continue
            announce(target, verbose, _pages(pages))

    # A progress bar only where someone watches it; --verbose lists each file instead.
    if sys.stderr.isatty() and not verbose:
        with click.progressbar(
            pairs,
            label="Rendering",
            file=click.get_text_stream("stderr"),
            item_show_func=lambda item: item and item[0].label,
        ) as bar:
            render_all(bar)
    else:
        render_all(pairs)
    if failures:
        for message in failures[:-1]:
            click.echo(f"fountainkit: error: {message}", err=True)
        fail(failures[-1])


def _pages(count: int) -> str:
    return f" ({count} page{'s' if count != 1 else ''})"
