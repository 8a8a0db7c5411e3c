"""``fountainkit sides SCRIPT --scenes 12,14A``: the pages of the day's scenes.

The script is laid out exactly as ``fountainkit pdf`` lays it out (the same
layout options and config file), so the sides carry the pages of the full
script's PDF: same breaks, same page numbers, the same scene numbers. See
``fountainkit.production.sides``.
"""

from __future__ import annotations

import dataclasses

import click

from fountainkit.cli.common import CommandError, reports_errors
from fountainkit.cli.inputs import ScriptSource, encoding_option, load_screenplay, script_argument
from fountainkit.cli.layout_options import layout_options, settings_from_options
from fountainkit.cli.outputs import announce, output_option, plan_outputs, writing_options
from fountainkit.cli.pdf import painting_options, reporting_render_warnings
from fountainkit.cli.shooting import (
    check_shooting_options,
    shooting_inputs,
    shooting_options,
    shooting_plan,
)
from fountainkit.config import PDF_ENGINES

SIDES_SUFFIX = ".sides.pdf"


@click.command("sides")
@script_argument
@click.option(
    "--scenes",
    "scenes",
    required=True,
    metavar="LIST",
    help="The scenes, by their printed numbers: 12,14A; ranges 12-14 take every scene "
    "printed from 12 to 14 (12A and 13 included).",
)
@output_option(
    "Output file (default: SCRIPT.sides.pdf beside the script; standard output when SCRIPT "
    "is '-'). '-' for standard output."
)
@click.option(
    "--2up",
    "two_up",
    is_flag=True,
    help="Two pages side by side on each landscape sheet (of the same paper, scaled).",
)
@click.option(
    "--engine",
    type=click.Choice(PDF_ENGINES),
    default=None,
    help="Which painter, as for fountainkit pdf: direct (default) or weasyprint.",
)
@layout_options
@shooting_options
@encoding_option
@writing_options
@reports_errors
def sides_command(
    script: ScriptSource,
    scenes: str,
    output: str | None,
    two_up: bool,
    engine: str | None,
    encoding: str | None,
    force: bool,
    verbose: bool,
    **options: object,
) -> None:
    """Write the pages of SCRIPT that carry the scenes --scenes names, with the other
    scenes on those pages greyed and struck through, and a cover line on the first.

    The pages are the full script's pages, as fountainkit pdf prints them with the
    same options (page numbers, 12A pages and OMITTED scenes included; with
    --revised-from, the revision's marks and headers, and with
    --changed-pages-only, only the changed pages among them); scene numbers are
    printed in both margins unless --scene-numbers (or the config file) says left
    or right. SCRIPT '-' reads standard input.
    """
    from fountainkit.layout import paginate
    from fountainkit.pdf.render import RenderError, render_pdf
    from fountainkit.production.numbering import scene_numbers
    from fountainkit.production.sides import (
        SceneSelectionError,
        cover_line,
        select_scenes,
        sides,
    )
    from fountainkit.writers.html import furniture_values

    settings = settings_from_options(options)
    if settings.scene_numbers == "none":
        # Sides are read by scene number: always printed.
        settings = dataclasses.replace(settings, scene_numbers="both")
    check_shooting_options(options, 1)
    engine, jobs = painting_options(options, engine, None)
    (target,) = plan_outputs(
        (script,),
        output,
        SIDES_SUFFIX,
        force=force,
        binary=True,
        also_read=(options.get("config_path"), *shooting_inputs(options)),
    )
    screenplay = load_screenplay(script, encoding)
    numbers = scene_numbers(screenplay.scenes(), settings.scene_number_inserts)
    try:
        selection = select_scenes(scenes, numbers)
    except SceneSelectionError as exc:
        raise CommandError(f"{script.label}: {exc}") from None
    with reporting_render_warnings(script.label):
        # The pages `fountainkit pdf` prints with these options: a page-locked
        # script's locked pages (12A, 12-13), a revision's marks (its history is
        # recorded only when the PDF that issues it is written).
        plan = shooting_plan(script, screenplay, settings, options, encoding)
        if plan is not None:
            screenplay, document = plan.screenplay, plan.document
        else:
            document = paginate(screenplay, settings)
        values = furniture_values(screenplay, document)
        cover = cover_line(selection, values["title"], values["draft_date"])
        chosen = sides(document, selection, cover)
        if not chosen.pages:
            scenes_named = f"scene{'s' if len(selection.indexes) > 1 else ''} {selection.label}"
            why = (
                f"no page of {scenes_named} changed since {options['revised_from']}"
                if options.get("changed_pages_only")
                else f"{scenes_named} print nothing"
            )
            raise CommandError(f"{script.label}: {why}; nothing written")
        try:
            data = render_pdf(screenplay, chosen, jobs=jobs, engine=engine)
            if two_up:
                from fountainkit.pdf.two_up import two_up as impose

                data = impose(data, [page.label for page in chosen.pages])
        except RenderError as exc:
            raise CommandError(f"{script.label}: {exc}") from None
    target.write(data)
    count = len(chosen.pages)
    labels = ", ".join(page.label for page in chosen.pages)
    sheets = f", {(count + 1) // 2} sheets" if two_up else ""
    announce(
        target,
        verbose,
        f" (scenes {selection.label}: page{'s' if count > 1 else ''} {labels}{sheets})",
    )
