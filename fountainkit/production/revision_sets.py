"""Revision sets: the colour sequence, a revision's label and date, and the history.

Once a script is locked, each batch of changes goes out on paper of the next
colour. The default sequence is the usual US one: white (the locked draft),
blue, pink, yellow, green, goldenrod, buff, salmon, cherry, then double blue,
double pink ... double cherry, then triple blue and so on. A production that
uses another order sets it in the config file::

    revisions:
      colours: [white, blue, pink, yellow, green, goldenrod, buff, salmon, cherry, tan]
      mark: "*"                 # the revision mark in the right margin
      label: "{colour} Rev."    # how a revision is named in headers and on the title page
      date_format: "%m/%d/%y"   # how an ISO date (2027-01-12) prints: 01/12/27

A revision is named by its colour (``blue``, ``double pink``) or by any other
label (``Network Draft``); its header text is the label and the date
(``Blue Rev. 01/12/27``). The revisions issued so far are remembered in the
script's lock file (``revisions:``), which gives the title page its revision
history and ``--revision`` its default: the colour after the last one issued.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from fountainkit.config import ConfigError, describe, text_list, text_setting
from fountainkit.model import Run, Screenplay, TitleEntry, TitlePage

DEFAULT_COLOURS = (
    "white",
    "blue",
    "pink",
    "yellow",
    "green",
    "goldenrod",
    "buff",
    "salmon",
    "cherry",
)
# After the first round: double blue, double pink..., then triple blue...
ROUND_PREFIXES = ("double", "triple", "quadruple", "quintuple")
LABEL_FIELDS = ("colour",)
HISTORY_KEY = "revisions"  # in the lock file
TITLE_PAGE_KEYS = ("revisions", "revision")  # the title page entry the history goes in
_SETTINGS = ("colours", "mark", "label", "date_format")


@dataclass(frozen=True, slots=True)
class RevisionSettings:
    colours: tuple[str, ...] = DEFAULT_COLOURS
    mark: str = "*"
    label: str = "{colour} Rev."
    date_format: str = "%m/%d/%y"

    def _repeated(self) -> tuple[str, ...]:
        """The colours the later rounds repeat: all but white."""
        return self.colours[1:] or self.colours

    def name_at(self, position: int) -> str:
        """The colour at ``position`` of the sequence: the list, then double..., triple..."""
        if position < len(self.colours):
            return self.colours[position]
        repeated = self._repeated()
        rest = position - len(self.colours)
        return f"{_round_prefix(rest // len(repeated) + 2)} {repeated[rest % len(repeated)]}"

    def position(self, name: str) -> int | None:
        """Where ``name`` (a colour, however spelled) stands in the sequence, or None."""
        wanted = _canonical(name)
        if wanted in self.colours:
            return self.colours.index(wanted)
        prefix, _, colour = wanted.partition(" ")
        rounds = _round_of(prefix)
        repeated = self._repeated()
        if rounds is None or colour not in repeated:
            return None
        return len(self.colours) + (rounds - 2) * len(repeated) + repeated.index(colour)

    def colour(self, name: str) -> str | None:
        """The colour ``name`` means (``Blue``, ``blue rev.``, ``Double  Pink``), or None."""
        position = self.position(name)
        return None if position is None else self.name_at(position)

    def after(self, name: str | None) -> str:
        """The colour after ``name``; the first after white when None or not a colour."""
        position = self.position(name) if name else None
        if position is None:
            return self.name_at(min(1, len(self.colours) - 1))
        return self.name_at(position + 1)

    def label_for(self, name: str) -> str:
        """``Blue Rev.`` for blue; any other label stays as written."""
        colour = self.colour(name)
        if colour is None:
            return " ".join(name.split())
        return self.label.format(colour=colour.title())

    def printed_date(self, date: str) -> str:
        """An ISO date in ``date_format``; any other text as written."""
        try:
            return dt.date.fromisoformat(date.strip()).strftime(self.date_format)
        except ValueError:
            return date.strip()


def _round_prefix(rounds: int) -> str:
    """double for the second round, triple for the third... then 6x."""
    index = rounds - 2
    return ROUND_PREFIXES[index] if index < len(ROUND_PREFIXES) else f"{rounds}x"


def _round_of(prefix: str) -> int | None:
    if prefix in ROUND_PREFIXES:
        return ROUND_PREFIXES.index(prefix) + 2
    if prefix.endswith("x") and prefix[:-1].isdigit() and int(prefix[:-1]) >= 2:
        return int(prefix[:-1])
    return None


def _canonical(name: str) -> str:
    words = name.casefold().replace("-", " ").split()
    # "Blue Rev.", "blue revision": the colour is what comes before.
    while words and words[-1].rstrip(".") in ("rev", "revision", "revisions", "pages"):
        words.pop()
    return " ".join(words)


def revision_settings(section: dict[str, Any], where: str = "revisions") -> RevisionSettings:
    """The config file's ``revisions:`` section, checked (ConfigError in one line)."""
    unknown = sorted(set(section) - set(_SETTINGS))
    if unknown:
        known = ", ".join(_SETTINGS)
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r} (known: {known})")
    settings = RevisionSettings()
    if "colours" in section:
        colours = tuple(_canonical(c) for c in text_list(section["colours"], f"{where}: colours"))
        if not colours or not all(colours):
            raise ConfigError(f"{where}: colours must name at least one colour")
        if len(set(colours)) != len(colours):
            raise ConfigError(f"{where}: colours names a colour twice")
        settings = replace(settings, colours=colours)
    if "mark" in section:
        mark = text_setting(section["mark"], f"{where}: mark")
        if not mark.strip() or len(mark) > 3 or any(c.isspace() for c in mark):
            raise ConfigError(f"{where}: mark must be 1 to 3 characters, not {describe(mark)}")
        settings = replace(settings, mark=mark)
    if "label" in section:
        label = text_setting(section["label"], f"{where}: label")
        _check_label(label, f"{where}: label")
        settings = replace(settings, label=label)
    if "date_format" in section:
        date_format = text_setting(section["date_format"], f"{where}: date_format")
        try:
            dt.date(2027, 1, 12).strftime(date_format)
        except ValueError:
            bad = describe(date_format)
            raise ConfigError(f"{where}: date_format {bad} is not valid") from None
        settings = replace(settings, date_format=date_format)
    return settings


def _check_label(label: str, where: str) -> None:
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(label) if name is not None]
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc} in {label!r}") from None
    for name in fields:
        if name not in LABEL_FIELDS:
            raise ConfigError(f"{where}: unknown placeholder {{{name}}} (known: {{colour}})")


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision set: what it is called and when it was issued."""

    name: str  # a colour of the sequence ("blue") or a label as written
    label: str  # "Blue Rev."
    date: str  # as given: ISO (2027-01-12) or free text
    printed_date: str  # "01/12/27"

    @property
    def header(self) -> str:
        """What the header of a revised page says: ``Blue Rev. 01/12/27``."""
        return " ".join(part for part in (self.label, self.printed_date) if part)


def make_revision(name: str, date: str, settings: RevisionSettings) -> Revision:
    colour = settings.colour(name)
    return Revision(
        colour or " ".join(name.split()),
        settings.label_for(name),
        date,
        settings.printed_date(date),
    )


# --- the history, kept in the lock file -----------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedRevision:
    """A revision as the lock file remembers it."""

    revision: str  # the name given (a colour or a label)
    date: str
    script_sha256: str = ""  # of the script it was issued from: a re-render is the same one


def read_history(extra: dict[str, Any], where: str) -> list[IssuedRevision]:
    """The ``revisions:`` list of a lock file (ValueError in one line when malformed)."""
    entries = extra.get(HISTORY_KEY) or []
    if not isinstance(entries, list):
        raise ValueError(f"{where}: revisions must be a list")
    history = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("revision"), str | int):
            raise ValueError(f"{where}: revisions item {number} needs a revision name")
        history.append(
            IssuedRevision(
                str(entry["revision"]),
                str(entry.get("date", "")),
                str(entry.get("script_sha256", "")),
            )
        )
    return history


def history_data(history: Sequence[IssuedRevision]) -> list[dict[str, str]]:
    return [
        {"revision": item.revision, "date": item.date, "script_sha256": item.script_sha256}
        for item in history
    ]


def script_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_revision_name(
    history: Sequence[IssuedRevision], digest: str, settings: RevisionSettings
) -> str:
    """The colour after the last one issued; the same one again when the script is
    the one it was issued from (rendering a revision twice is not a new one)."""
    if not history:
        return settings.after(None)
    last = history[-1]
    if digest and last.script_sha256 == digest:
        return last.revision
    return settings.after(settings.colour(last.revision) or None)


def recorded(
    history: Sequence[IssuedRevision], revision: Revision, digest: str, settings: RevisionSettings
) -> list[IssuedRevision]:
    """``history`` with ``revision`` in it: replacing an entry of the same colour
    or label (issued again), else added at the end."""
    entry = IssuedRevision(revision.name, revision.date, digest)
    out = list(history)
    for index, item in enumerate(out):
        if (settings.colour(item.revision) or _canonical(item.revision)) == (
            settings.colour(revision.name) or _canonical(revision.name)
        ):
            out[index] = entry
            return out
    out.append(entry)
    return out


def history_lines(
    history: Sequence[IssuedRevision], current: Revision, settings: RevisionSettings
) -> list[str]:
    """The title page's revision history: each revision issued before this one,
    then this one (``Blue Rev. 01/12/27``)."""
    lines = []
    for item in history:
        issued = make_revision(item.revision, item.date, settings)
        if issued.label == current.label:
            continue
        lines.append(issued.header)
    lines.append(current.header)
    return lines


def with_history(screenplay: Screenplay, lines: Sequence[str]) -> Screenplay:
    """``screenplay`` with ``lines`` added to its title page's ``Revisions`` entry
    (made when there is none; a line already there is not repeated). A script
    without a title page is returned as it is."""
    title_page = screenplay.title_page
    if title_page is None or not title_page.entries or not lines:
        return screenplay
    entries = list(title_page.entries)
    for index, entry in enumerate(entries):
        if entry.key.casefold() in TITLE_PAGE_KEYS:
            have = {" ".join(line_text.split()) for line_text in entry.text.splitlines()}
            extra = tuple((Run(line),) for line in lines if line not in have)
            entries[index] = TitleEntry(entry.key, entry.lines + extra, entry.span)
            break
    else:
        entries.append(TitleEntry("Revisions", tuple((Run(line),) for line in lines)))
    return replace(screenplay, title_page=TitlePage(tuple(entries), title_page.span))
