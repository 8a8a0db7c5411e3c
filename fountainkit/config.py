"""Settings shared by layout, renderers and breakdown, and the YAML file holding them.

A ``fountainkit.yaml`` looks like this (every key optional)::

    paper: a4                 # letter (default) | a4
    scene_numbers: both       # none (default) | left | right | both
    auto_contd: true          # add (CONT'D) when the same speaker resumes in a scene
    print_notes: false        # print [[notes]]
    print_sections: false     # print # sections
    print_synopses: false     # print = synopses
    heading_bold: false       # scene headings in bold
    heading_underline: false  # scene headings underlined
    heading_spacing: 1        # blank lines before a scene heading (1-3)
    scene_continueds: false   # (CONTINUED) / CONTINUED: where a scene runs on
    header:                   # every script page; placeholders {title} {author}
      left: ""                #   {draft_date} {revision} {page} {pages}
      center: ""
      right: "{revision}"     # the revision label and draft date, when set
    footer: {}                # same slots as header
    page_numbers: "{page}."   # top right from page 2; "" for none
    watermark: ""             # diagonal light text on every page
    revision: ""              # e.g. "Blue Rev."
    draft_date: ""            # default: the title page's Draft date
    more: "(MORE)"
    contd: "(CONT'D)"
    scene_number_inserts: after   # a scene added to a locked script: 12A (after) | A13 (before)
    breakdown:                # read by the breakdown command, passed through untouched
      eighths_rounding: up
    pdf:                      # read by the pdf command
      engine: direct          # direct (default) | weasyprint
      jobs: 2                 # processes WeasyPrint paints with
    schedule:                 # read by the schedule command (docs/schedule.md)
      drop_after: 10
    revisions:                # revision colours and marks (docs/shooting-script.md)
      colours: [white, blue, pink, yellow, green, goldenrod, buff, salmon, cherry]
      mark: "*"

Command-line options override the file. ``load_config`` rejects unknown keys
and wrong types with a one-line ``ConfigError`` naming the key, so a typo never
silently does nothing. The file is read as UTF-8, at most ``MAX_CONFIG_BYTES``,
with YAML's safe loader and without aliases (``*name``): an alias can expand a
few lines into gigabytes (the "billion laughs"), and a settings file has no
need of them. Messages quote a value only briefly (``describe``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from fountainkit.production.numbering import INSERT_STYLES
from fountainkit.safe_yaml import YamlError, load_yaml

# Far above any real settings file; a bigger one is not a config file.
MAX_CONFIG_BYTES = 1024 * 1024

SCENE_NUMBER_MODES = ("none", "left", "right", "both")
MAX_HEADING_SPACING = 3
# Who paints the PDF's pages (fountainkit.pdf.render): the grid painter or WeasyPrint.
PDF_ENGINES = ("direct", "weasyprint")

# Top-level mappings owned by other commands: kept as raw data for them.
PASS_THROUGH_SECTIONS = ("breakdown", "pdf", "schedule", "revisions")


class ConfigError(ValueError):
    """A config file that cannot be used; the message is one line for the user."""


# What header, footer and page-number templates may name (fountainkit.layout.furniture).
PLACEHOLDERS = ("title", "author", "draft_date", "revision", "page", "pages")
SLOTS = ("left", "center", "right")


def check_template(template: str, where: str) -> None:
    """ConfigError, in one line, for unknown placeholders or unbalanced braces."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc} in {template!r} (write {{{{ for a brace)") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            raise ConfigError(f"{where}: unknown placeholder {{{name}}} (known: {known})")


@dataclass(frozen=True, slots=True)
class PageText:
    """The three slots of a header or footer row; each is a template."""

    left: str = ""
    center: str = ""
    right: str = ""

    def __post_init__(self) -> None:
        for slot in SLOTS:
            check_template(getattr(self, slot), slot)

    def is_empty(self) -> bool:
        return not (self.left or self.center or self.right)

    def with_slots(self, data: Any, where: str) -> PageText:
        """These slots with those of ``{left: ..., center: ..., right: ...}`` over
        them (YAML or --header SLOT=TEXT); slots not named keep their text."""
        if not isinstance(data, dict):
            raise ConfigError(
                f"{where} must be a mapping of left, center and right, not {describe(data)}"
            )
        slots: dict[str, str] = {}
        for key, value in data.items():
            if key not in SLOTS:
                raise ConfigError(f"{where}: unknown slot {key!r} (known: {', '.join(SLOTS)})")
            if not isinstance(value, str):
                raise ConfigError(f"{where}.{key} must be text, not {describe(value)}")
            slots[key] = value
        try:
            return replace(self, **slots)
        except ConfigError as exc:
            raise ConfigError(f"{where}.{exc}") from None


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
    # Scene headings: bold and/or underlined, and the blank lines before each
    # one (1, or 2 for the extra blank line some writers want; none at a page top).
    heading_bold: bool = False
    heading_underline: bool = False
    heading_spacing: int = 1
    # (CONTINUED) at the foot and CONTINUED: at the head of a page a scene runs on to.
    scene_continueds: bool = False
    # Page furniture (fountainkit.layout.furniture): header and footer slots,
    # the page number's template, a diagonal watermark, and the revision label
    # and draft date the default header prints ("Blue Rev. 01/12/27").
    header: PageText = PageText(right="{revision}")
    footer: PageText = PageText()
    page_numbers: str = "{page}."
    watermark: str = ""
    revision: str = ""
    draft_date: str = ""  # empty: the title page's Draft date (or Date)
    # How a scene added to a locked script is numbered: 12A after 12, or A13 before 13.
    scene_number_inserts: str = "after"

    def __post_init__(self) -> None:
        from fountainkit.layout.profiles import PROFILES

        if self.paper.lower() not in PROFILES:
            choices = ", ".join(PROFILES)
            raise ConfigError(f"paper must be one of {choices}, not {describe(self.paper)}")
        if self.scene_numbers not in SCENE_NUMBER_MODES:
            modes = ", ".join(SCENE_NUMBER_MODES)
            raise ConfigError(
                f"scene_numbers must be one of {modes}, not {describe(self.scene_numbers)}"
            )
        check_template(self.page_numbers, "page_numbers")
        if not 1 <= self.heading_spacing <= MAX_HEADING_SPACING:
            raise ConfigError(
                f"heading_spacing must be 1 to {MAX_HEADING_SPACING} blank lines, "
                f"not {describe(self.heading_spacing)}"
            )
        if self.scene_number_inserts not in INSERT_STYLES:
            styles = ", ".join(INSERT_STYLES)
            raise ConfigError(
                f"scene_number_inserts must be one of {styles}, not "
                f"{describe(self.scene_number_inserts)}"
            )

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


_TYPES = {"bool": bool, "int": int, "str": str, "PageText": PageText}


_DEFAULTS = {f.name: f.default for f in fields(LayoutSettings)}


def _expected_types() -> dict[str, type]:
    return {f.name: _TYPES[str(f.type)] for f in fields(LayoutSettings)}


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
                raise ConfigError(f"{source}: {key} must be a mapping, not {describe(value)}")
            sections[name] = value or {}
        elif name in types:
            wanted = types[name]
            if wanted is PageText:
                default = _DEFAULTS.get(name, PageText())
                layout[name] = default.with_slots(value, f"{source}: {key}")
                continue
            # YAML's true/false are ints to Python: a number setting takes no bool.
            if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
                kind = {bool: "true or false", int: "a whole number"}.get(wanted, "text")
                raise ConfigError(f"{source}: {key} must be {kind}, not {describe(value)}")
            layout[name] = value
        else:
            known = ", ".join([*types, *PASS_THROUGH_SECTIONS])
            raise ConfigError(f"{source}: unknown setting {describe(key)} (known: {known})")
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
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES} bytes; not a config file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path}: not UTF-8 (byte 0x{data[exc.start]:02X} on line {line}); "
            "save the config file as UTF-8"
        ) from None
    try:
        document = load_yaml(text, aliases=False)
    except YamlError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return config_from_mapping(document, str(path))


# --- one-line messages about a settings value ----------------------------------------

_BRIEF_CHARS = 40


def _brief(text: object) -> str:
    text = str(text)
    return text if len(text) <= _BRIEF_CHARS else text[: _BRIEF_CHARS - 1] + "\u2026"


def describe(value: Any) -> str:
    """A value as a message names it: briefly, never the whole of a big one."""
    if isinstance(value, dict):
        return f"a mapping of {_count(len(value), 'entry', 'entries')}"
    if isinstance(value, list | tuple | set | frozenset):
        return f"a list of {_count(len(value), 'item', 'items')}"
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "nothing"}[value]
    if isinstance(value, int | float):
        return f"the number {_brief(value)}"
    return repr(_brief(value))


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _is_text(value: Any) -> bool:
    """A YAML scalar that reads as text (``7`` in ``BOB: 7`` is fine as a name)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def text_setting(value: Any, key: str) -> str:
    """``value`` as text, or a ConfigError naming ``key``."""
    if not _is_text(value):
        raise ConfigError(f"{key} must be text, not {describe(value)}")
    return str(value)


def text_mapping(value: Any, key: str, shape: str = "name: value") -> dict[str, str]:
    """``value`` as a mapping of text to text, or a ConfigError naming ``key``
    (and the entry at fault)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{key} must be a mapping ({shape}), not {describe(value)}")
    result: dict[str, str] = {}
    for name, item in value.items():
        if not _is_text(name):
            raise ConfigError(f"{key}: a key must be text, not {describe(name)}")
        result[str(name)] = text_setting(item, f"{key}: {_brief(name)}")
    return result


def text_list(value: Any, key: str) -> list[str]:
    """``value`` as a list of text (one text alone counts as a list of one)."""
    if _is_text(value):
        return [str(value)]
    if not isinstance(value, list):
        raise ConfigError(f"{key} must be a list of text, not {describe(value)}")
    return [text_setting(item, f"{key}: item {index + 1}") for index, item in enumerate(value)]
