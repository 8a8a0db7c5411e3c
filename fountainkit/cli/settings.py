"""Settings sections of the --config file that several commands read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fountainkit.cli.common import CommandError
from fountainkit.config import ConfigError, load_config


def config_section(config_path: Path | str | None, name: str) -> dict[str, Any]:
    """The raw ``name:`` section of the config file (empty without one)."""
    try:
        return load_config(config_path).section(name)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None


def breakdown_settings(config_path: Path | str | None, **overrides: Any) -> Any:
    """The breakdown settings of the config file, with command-line overrides applied."""
    from fountainkit.breakdown.settings import BreakdownSettings

    section = config_section(config_path, "breakdown")
    section.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return BreakdownSettings.from_mapping(section)
    except ValueError as exc:  # ConfigError included: it names the key, not the file
        raise CommandError(f"{config_path or 'settings'}: breakdown: {exc}") from None
