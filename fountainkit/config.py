"""Settings shared by layout, renderers and breakdown, and the YAML file holding them.

A ``fountainkit.yaml`` looks like this (every key optional)::

    paper: a4                 # letter (default) | a4
    scene_numbers: both       # none (default) | left | right | both
    auto_contd: true          # add (CONT'D) when the same speaker resumes in a scene
    print_notes: false        # print [[notes]]
    print_sections: false     # print # sections
    print_synopses: false     # print = synopses
    more: "(MORE)"
    contd: "(CONT'D)"
    breakdown:                # read by the breakdown command, passed through untouched
      eighths_rounding: up
    pdf:                      # read by the pdf command
      engine: direct          # direct (default) | weasyprint
      jobs: 2                 # processes WeasyPrint paints with

Command-line options override the file. ``load_config`` rejects unknown keys
and wrong types with a one-line ``ConfigError`` so a typo never silently does
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

SCENE_NUMBER_MODES = ("none", "left", "right", "both")
# Who paints the PDF's pages (fountainkit.pdf.render): the grid painter or WeasyPrint.
PDF_ENGINES = ("direct", "weasyprint")

# Top-level mappings owned by other commands: kept as raw data for them.
PASS_THROUGH_SECTIONS = ("breakdown", "pdf")


class ConfigError(ValueError):
    """A config file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Everything that changes where text lands on the page."""

    paper: str = "letter"
    scene_numbers: str = "none"
    auto_contd: bool = False
    print_notes: bool = False
    print_sections: bool = False
    print_synopses: bool = False
    more: str = "(MORE)"
    contd: str = "(CONT'D)"

    def __post_init__(self) -> None:
        from fountainkit.layout.profiles import PROFILES

        if self.paper.lower() not in PROFILES:
            raise ConfigError(f"paper must be one of {', '.join(PROFILES)}, not {self.paper!r}")
        if self.scene_numbers not in SCENE_NUMBER_MODES:
            modes = ", ".join(SCENE_NUMBER_MODES)
            raise ConfigError(f"scene_numbers must be one of {modes}, not {self.scene_numbers!r}")

    def with_overrides(self, **overrides: Any) -> LayoutSettings:
        """A copy with every override that is not None applied (CLI flags over the file)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True, slots=True)
class Config:
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        """The raw mapping under ``name`` (e.g. "breakdown"), empty when absent."""
        return dict(self.sections.get(name, {}))


def _expected_types() -> dict[str, type]:
    return {f.name: (bool if f.type == "bool" else str) for f in fields(LayoutSettings)}


def config_from_mapping(data: Any, source: str = "config") -> Config:
    """Validate an already-parsed mapping (the YAML document) into a Config."""
    if data is None:
        return Config()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping of settings at the top level")
    types = _expected_types()
    layout: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        name = str(key).replace("-", "_")
        if name in PASS_THROUGH_SECTIONS:
            if value is not None and not isinstance(value, dict):
                raise ConfigError(f"{source}: {key} must be a mapping")
            sections[name] = value or {}
        elif name in types:
            if not isinstance(value, types[name]):
                raise ConfigError(f"{source}: {key} must be {types[name].__name__}, not {value!r}")
            layout[name] = value
        else:
            known = ", ".join([*types, *PASS_THROUGH_SECTIONS])
            raise ConfigError(f"{source}: unknown setting {key!r} (known: {known})")
    try:
        settings = LayoutSettings(**layout)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    return Config(layout=settings, sections=sections)


def load_config(path: Path | str | None) -> Config:
    """Read a YAML config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(f"{path}: not valid YAML{where}") from None
    return config_from_mapping(data, str(path))
