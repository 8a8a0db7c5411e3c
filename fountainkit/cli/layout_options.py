"""The layout options ``pdf`` and ``html`` share, and how they combine with --config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from fountainkit.cli.common import CommandError
from fountainkit.config import SCENE_NUMBER_MODES, ConfigError, LayoutSettings, load_config
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
]

_SETTING_NAMES = (
    "paper",
    "scene_numbers",
    "auto_contd",
    "print_notes",
    "print_sections",
    "print_synopses",
)


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
        return config.layout.with_overrides(**overrides)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
