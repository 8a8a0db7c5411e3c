"""The layout options ``pdf`` and ``html`` share, and how they combine with --config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from fountainkit.cli.common import CommandError
from fountainkit.config import (
    MAX_HEADING_SPACING,
    SCENE_NUMBER_MODES,
    ConfigError,
    LayoutSettings,
    load_config,
)
from fountainkit.layout.profiles import PROFILES

_OPTIONS = [
    click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, readable=False),
        default=None,
        help="YAML file of settings (fountainkit.yaml); options given here win.",
    ),
    click.option(
        "--paper",
        type=click.Choice(list(PROFILES), case_sensitive=False),
        default=None,
        help="Page size: letter (default) or a4.",
    ),
    click.option(
        "--scene-numbers",
        type=click.Choice(SCENE_NUMBER_MODES),
        default=None,
        help="Print scene numbers: none (default), left, right or both.",
    ),
    click.option(
        "--auto-contd/--no-auto-contd",
        default=None,
        help="Add (CONT'D) when a speaker resumes after action in a scene.",
    ),
    click.option("--print-notes/--no-print-notes", default=None, help="Print [[notes]]."),
    click.option("--print-sections/--no-print-sections", default=None, help="Print # sections."),
    click.option("--print-synopses/--no-print-synopses", default=None, help="Print = synopses."),
    click.option(
        "--heading-bold/--no-heading-bold", default=None, help="Print scene headings in bold."
    ),
    click.option(
        "--heading-underline/--no-heading-underline",
        default=None,
        help="Underline scene headings.",
    ),
    click.option(
        "--heading-spacing",
        type=click.IntRange(1, MAX_HEADING_SPACING),
        default=None,
        metavar="N",
        help="Blank lines before each scene heading: 1 (default) or 2 for an extra one.",
    ),
    click.option(
        "--scene-continueds/--no-scene-continueds",
        default=None,
        help="(CONTINUED) at the foot and CONTINUED: at the head of a page a scene runs on to.",
    ),
    click.option(
        "--header",
        "header_slots",
        multiple=True,
        metavar="SLOT=TEXT",
        help="Header text on every script page; SLOT is left, center or right. Placeholders: "
        "{title} {author} {draft_date} {revision} {page} {pages}. Repeat for each slot.",
    ),
    click.option(
        "--footer",
        "footer_slots",
        multiple=True,
        metavar="SLOT=TEXT",
        help="Footer text, as --header (e.g. --footer 'center=Page {page} of {pages}').",
    ),
    click.option(
        "--page-numbers",
        default=None,
        metavar="FORMAT",
        help="How page numbers print, top right from page 2 (default '{page}.'; '' for none).",
    ),
    click.option(
        "--watermark",
        default=None,
        metavar="TEXT",
        help='Light diagonal text on every page, e.g. "Prepared for J. Doe".',
    ),
    click.option(
        "--revision",
        default=None,
        metavar="LABEL",
        help='Revision label printed with the draft date in the header, e.g. "Blue Rev.".',
    ),
    click.option(
        "--draft-date",
        default=None,
        metavar="DATE",
        help="Draft date for the header (default: the title page's Draft date).",
    ),
]

_SETTING_NAMES = (
    "paper",
    "scene_numbers",
    "auto_contd",
    "print_notes",
    "print_sections",
    "print_synopses",
    "heading_bold",
    "heading_underline",
    "heading_spacing",
    "scene_continueds",
    "page_numbers",
    "watermark",
    "revision",
    "draft_date",
)


def _slot_mapping(values: tuple[str, ...], option: str) -> dict[str, str]:
    """``("left={title}", "right=Draft")`` as a mapping of slots."""
    slots = {}
    for value in values:
        slot, equals, text = value.partition("=")
        if not equals:
            raise ConfigError(f"{option} takes SLOT=TEXT (left, center or right), not {value!r}")
        slots[slot.strip()] = text
    return slots


def layout_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def settings_from_options(options: dict[str, Any]) -> LayoutSettings:
    """The config file's settings with every option given on the command line applied."""
    try:
        config = load_config(options.get("config_path"))
        overrides = {name: options.get(name) for name in _SETTING_NAMES}
        if overrides["paper"]:
            overrides["paper"] = overrides["paper"].lower()
        layout = config.layout
        for name in ("header", "footer"):
            slots = options.get(f"{name}_slots") or ()
            if slots:
                overrides[name] = getattr(layout, name).with_slots(
                    _slot_mapping(slots, f"--{name}"), f"--{name}"
                )
        return layout.with_overrides(**overrides)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
