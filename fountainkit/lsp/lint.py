"""Diagnostics for a Fountain script, usable without the language server.

``lint(text)`` parses and checks a whole script. The checks are split so the
language server can run them one scene at a time:

* :func:`check_slice` looks at one slice of the script (its text and parsed
  items): unclosed ``/*`` boneyard and ``[[`` notes, control characters, a
  dual-dialogue caret with no speech before it, the places where Fountain
  readers disagree (a line in capitals read as a cue that looks like action,
  a boneyard inside a speech, ``CUT TO:`` right above a heading), and the
  cues it holds.
* :func:`check_script` looks at what only the whole script can tell: cue names
  that read like typos of another cue (``JOHM`` next to a frequent ``JOHN``),
  a transition before anything else, text before the first scene heading that
  the breakdown cannot place in a scene, title-page keys with no value or not
  known, a first line that looks like a title page but is not one.

Spans are the model's (1-based lines and columns, end exclusive, 0-based
offsets); :meth:`Diagnostic.moved` shifts one when a slice moves.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from fountainkit.breakdown.cast import normalise_cue
from fountainkit.model import (
    BodyItem,
    Boneyard,
    Character,
    Dialogue,
    DualDialogue,
    Note,
    PageBreak,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Span,
    Synopsis,
    TitlePage,
    Transition,
    flat_elements,
    shift_span,
)
from fountainkit.syntax.lexer import (
    KNOWN_TITLE_KEYS,
    is_heading,
    starts_title_page,
    title_key,
    visible_text,
)

Severity = Literal["error", "warning", "information", "hint"]

# A cue this rare next to a name one edit away and this much more frequent is
# reported as a probable typo.
TYPO_MAX_RARE = 2
TYPO_MIN_RATIO = 2
# Longer names are never reported as typos: cues are short, and the index of
# names one edit away grows with the square of a name's length.
TYPO_MAX_LENGTH = 40

# "FADE IN:" traditionally opens a script; any other transition there is odd.
OPENING_TRANSITIONS = ("FADE IN",)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    severity: Severity
    span: Span
    # For a fixable finding, the text that should replace ``replaces`` in the
    # span (the cue-typo fix: the frequent name for the rare one).
    replaces: str | None = None
    replacement: str | None = None

    def moved(self, line_delta: int, offset_delta: int) -> Diagnostic:
        return replace(self, span=shift_span(self.span, line_delta, offset_delta))


@dataclass(frozen=True, slots=True)
class CueUse:
    """One character cue: the normalised name and where the cue's name is."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class SliceFindings:
    """What :func:`check_slice` found in one slice, in the slice's coordinates."""

    diagnostics: tuple[Diagnostic, ...]
    cues: tuple[CueUse, ...]


def lint(text: str, screenplay: Screenplay | None = None) -> list[Diagnostic]:
    """Every diagnostic for a whole script, sorted by position."""
    from fountainkit.syntax.parse import normalise, parse

    # Positions count in the text the parser sees (LF line ends, no BOM).
    text = normalise(text)
    if screenplay is None:
        screenplay = parse(text)
    findings = check_slice(text, screenplay.body)
    found = [
        *findings.diagnostics,
        *check_script(screenplay.title_page, screenplay.body, findings.cues),
        *first_line_diagnostics(text, screenplay.title_page),
    ]
    return sorted(found, key=lambda d: (d.span.start_offset, d.code))


# --- one slice -----------------------------------------------------------------

_CLOSER = {"/*": "*/", "[[": "]]"}
_MARKUP_RE = re.compile(r"\\/\*|/\*|\*/|\[\[|\]\]|\n(?=\n)")


def check_slice(
    text: str,
    items: Sequence[BodyItem],
    *,
    first_line: int = 1,
    first_offset: int = 0,
    heading_follows: bool = False,
) -> SliceFindings:
    """Checks that need only this slice: its text and the items parsed from it.

    ``first_line`` and ``first_offset`` say where ``text`` starts in the frame
    of the items' spans (line 1, offset 0 when they were parsed from ``text``).
    ``heading_follows``: a scene heading starts right after the slice (the
    language server lints one scene at a time).
    """
    diagnostics = [
        d.moved(first_line - 1, first_offset) if first_line != 1 or first_offset else d
        for d in (*_unclosed_markup(text), *_control_characters(text))
    ]
    diagnostics.extend(_transitions_above_headings(text, items, first_offset, heading_follows))
    cues: list[CueUse] = []
    for node in _speeches(items):
        speeches = (node,) if isinstance(node, Dialogue) else (node.left, node.right)
        for speech in speeches:
            diagnostics.extend(_speech_diagnostics(speech))
        if isinstance(node, Dialogue):
            cues.append(CueUse(normalise_cue(node.character.name), node.character.span))
            if node.character.dual:
                diagnostics.append(
                    Diagnostic(
                        "orphan-dual",
                        "dual-dialogue caret ^ with no speech right before it: "
                        "printed as a normal speech",
                        "warning",
                        node.character.span,
                    )
                )
        else:  # a DualDialogue: both cues count, neither caret is an orphan
            cues.append(CueUse(normalise_cue(node.left.character.name), node.left.character.span))
            cues.append(CueUse(normalise_cue(node.right.character.name), node.right.character.span))
    return SliceFindings(tuple(diagnostics), tuple(cues))


# Cue names that look like a line of action typed in capitals: a sound or a
# shout ("BANG!", "WHAT?"), a sentence (five words or more), a transition.
_SENTENCE_END = ("!", "?", ":", ";", ",")
_SENTENCE_WORDS = 5


def ambiguous_cue_reason(character: Character) -> str | None:
    """Why an unforced cue may have been meant as action, or None."""
    if character.forced:
        return None
    name = character.name
    if name.endswith("TO:"):
        return "it ends like a transition (a transition needs a blank line after it)"
    if name.endswith(_SENTENCE_END):
        return f"it ends in {name[-1]!r} like a line of action"
    if len(name.split()) >= _SENTENCE_WORDS:
        return "it reads like a sentence"
    return None


def _speech_diagnostics(speech: Dialogue) -> Iterable[Diagnostic]:
    character = speech.character
    reason = ambiguous_cue_reason(character)
    if reason is not None:
        yield Diagnostic(
            "ambiguous-cue",
            f"{character.name!r} is read as a character cue (a line in capitals with text "
            f"under it), but {reason}: start it with ! if it is action, or with @ to keep "
            "it a cue",
            "warning",
            character.span,
        )
    for part in speech.parts:
        if isinstance(part, Boneyard):
            yield Diagnostic(
                "boneyard-in-speech",
                f"boneyard inside {character.name}'s speech: hidden, and the speech goes on "
                "after it; apps that read a boneyard as a blank line end the speech here",
                "warning",
                part.span,
            )


def _transitions_above_headings(
    text: str, items: Sequence[BodyItem], first_offset: int, heading_follows: bool
) -> Iterable[Diagnostic]:
    """``CUT TO:`` with no blank line before the heading under it."""
    pending: Transition | None = None
    for element in (*flat_elements(items), None):
        if isinstance(element, Note | Boneyard):
            continue  # invisible lines between the two change nothing
        if pending is not None and (
            isinstance(element, SceneHeading) or (element is None and heading_follows)
        ):
            start = pending.span.end_offset - first_offset
            end = len(text) if element is None else element.span.start_offset - first_offset
            between = visible_text(text[start:end]).split("\n")[1:-1]
            if not any(not line.strip() for line in between):
                yield Diagnostic(
                    "transition-above-heading",
                    f"{pending.text!r} has no blank line before the heading under it: read "
                    "as a transition, but other apps may read it as a character cue "
                    "speaking the heading; add a blank line",
                    "warning",
                    pending.span,
                )
        pending = element if isinstance(element, Transition) and not element.forced else None


def _speeches(items: Iterable[BodyItem]) -> Iterable[Dialogue | DualDialogue]:
    for item in items:
        elements = item.elements if isinstance(item, Scene) else (item,)
        for element in elements:
            if isinstance(element, Dialogue | DualDialogue):
                yield element


def _position(offset: int, line_starts: list[int]) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` given the offsets where lines start."""
    line = bisect.bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1


def _span_at(start: int, end: int, line_starts: list[int]) -> Span:
    start_line, start_col = _position(start, line_starts)
    end_line, end_col = _position(end, line_starts)
    return Span(start_line, start_col, end_line, end_col, start, end)


def _unclosed_markup(text: str) -> Iterable[Diagnostic]:
    """``/*`` with no ``*/`` after it, and ``[[`` not closed before an empty line.

    The same rules as the parser's: a boneyard runs to the first ``*/``, over
    blank lines; a note may not cross a truly empty line (a line of spaces
    keeps it open, as the spec says). Markers inside a boneyard or a note do
    not count. An unclosed marker is not hidden by the parser but printed.
    """
    if "/*" not in text and "[[" not in text:
        return
    line_starts: list[int] | None = None
    opened: tuple[str, int] | None = None  # ("/*" or "[[", offset)
    unclosed: list[tuple[str, int]] = []
    for match in _MARKUP_RE.finditer(text):
        token = match.group()
        if token == "\\/*":
            continue  # an escaped /* is plain text
        if opened is None:
            if token in ("/*", "[["):
                opened = (token, match.start())
        elif token == _CLOSER[opened[0]]:
            opened = None
        elif opened[0] == "[[" and token == "\n":
            unclosed.append(opened)
            opened = None
    if opened is not None:
        unclosed.append(opened)
    for token, offset in unclosed:
        line_starts = line_starts or _line_starts(text)
        span = _span_at(offset, offset + 2, line_starts)
        if token == "/*":
            yield Diagnostic(
                "unclosed-boneyard",
                "boneyard /* is never closed with */, so it is printed as text",
                "error",
                span,
            )
        else:
            yield Diagnostic(
                "unclosed-note",
                "note [[ is not closed with ]] before an empty line, so it is printed as text",
                "error",
                span,
            )


# Invisible characters that are not layout: C0 controls but tab and newline,
# DEL, the C1 controls (often text decoded with the wrong code page) and the
# noncharacters U+FFFE/U+FFFF. Form feeds come from pdftotext between pages.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]+")
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}
# What XML 1.0 forbids of them: the FDX export replaces these (writers/fdx.py).
_NOT_IN_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _control_characters(text: str) -> Iterable[Diagnostic]:
    """One warning per run of control characters, at its line and column."""
    line_starts: list[int] | None = None
    for match in _CONTROL_RE.finditer(text):
        line_starts = line_starts or _line_starts(text)
        run = match.group()
        kinds = list(dict.fromkeys(run))
        named = ", ".join(
            f"U+{ord(c):04X}" + (f" {_CONTROL_NAMES[c]}" if c in _CONTROL_NAMES else "")
            for c in kinds[:3]
        ) + (", ..." if len(kinds) > 3 else "")
        one = len(run) == 1
        count = "a control character" if one else f"{len(run)} control characters"
        fdx = f"; the FDX export replaces {'it' if one else 'them'}"
        yield Diagnostic(
            "control-character",
            f"{count} ({named}), not printable text" + (fdx if _NOT_IN_XML_RE.search(run) else ""),
            "warning",
            _span_at(match.start(), match.end(), line_starts),
        )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    at = find("\n")
    while at != -1:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


# --- whole script ----------------------------------------------------------------


def check_script(
    title_page: TitlePage | None,
    body: Iterable[BodyItem],
    cues: Iterable[CueUse],
) -> list[Diagnostic]:
    """Checks that need the whole script: typo cues, opening transition, title keys.

    ``body`` is read only up to its first printed element.
    """
    body = list(body)
    return [
        *title_page_diagnostics(title_page),
        *opening_diagnostics(first_printed(body)),
        *prologue_diagnostics(body),
        *typo_diagnostics(cues),
    ]


def title_page_diagnostics(title_page: TitlePage | None) -> list[Diagnostic]:
    """Title-page keys written with no value (``Draft date:`` and nothing), and keys
    that are not standard ones (printed as ``Key: value`` at the lower left)."""
    if title_page is None:
        return []
    found = []
    for entry in title_page.entries:
        if not entry.text.strip():
            found.append(
                Diagnostic(
                    "empty-title-key",
                    f"title-page key {entry.key!r} has no value",
                    "warning",
                    entry.span,
                )
            )
        if entry.key.casefold() not in KNOWN_TITLE_KEYS:
            known = ", ".join(sorted(KNOWN_TITLE_KEYS))
            found.append(
                Diagnostic(
                    "unknown-title-key",
                    f"title-page key {entry.key!r} is not a standard one ({known}): "
                    f"printed as '{entry.key}: ...' under the contact details",
                    "warning",
                    entry.span,
                )
            )
    return found


def first_line_diagnostics(text: str, title_page: TitlePage | None) -> list[Diagnostic]:
    """A first line shaped like ``Key: value`` that does not open a title page.

    ``text`` is the script (at least its first two lines), as the parser saw it.
    """
    if title_page is not None or not text:
        return []
    lines = text.split("\n", 2)[:2]
    found = title_key(lines[0])
    if found is None or is_heading(lines[0]) or starts_title_page(lines):
        return []
    following = lines[1] if len(lines) > 1 else ""
    if not found[1].strip() and not (following[:1] in (" ", "\t") and following.strip()):
        return []  # "CUT TO:" and the like: no value, nothing that looks like a title page
    key = found[0]
    if key.casefold() in KNOWN_TITLE_KEYS:
        why = (
            "a lone line in capitals reads as the super it looks like; write the key as "
            f"'{key.capitalize()}:' for a title page"
        )
    else:
        why = f"{key!r} is not a title-page key, so the line is the script's first line"
    end = len(lines[0])
    return [
        Diagnostic(
            "not-a-title-page",
            f"line 1 looks like a title-page entry, but {why}",
            "warning",
            Span(1, 1, 1, end + 1, 0, end),
        )
    ]


def opening_diagnostics(opening: object | None) -> list[Diagnostic]:
    """A transition as the first printed element: there is nothing to cut from."""
    if not isinstance(opening, Transition):
        return []
    if opening.text.upper().startswith(OPENING_TRANSITIONS):
        return []
    return [
        Diagnostic(
            "transition-at-start",
            f"the script starts with the transition {opening.text!r}: nothing to cut from",
            "warning",
            opening.span,
        )
    ]


def prologue_diagnostics(body: Iterable[BodyItem]) -> list[Diagnostic]:
    """Printed text before the first scene heading, which no scene of the breakdown holds.

    The breakdown lists it as a prologue row of its own (with its eighths and
    cast), which a schedule cannot place at a set; one warning, on its first
    element. An opening line alone (``FADE IN:``) is no such text.
    """
    from fountainkit.breakdown.units import is_placeable

    for item in body:
        if isinstance(item, Scene):
            return []
        if is_placeable(item):
            span = getattr(item, "span", None)
            if span is None:
                return []
            return [
                Diagnostic(
                    "text-before-first-scene",
                    "text before the first scene heading belongs to no scene: the breakdown "
                    "lists it as a prologue with no set or time; put a scene heading above it",
                    "warning",
                    span,
                )
            ]
    return []


def first_printed(body: Iterable[BodyItem]) -> object | None:
    """The first element a reader would see, skipping unprinted ones."""
    for item in body:
        if isinstance(item, Section | Synopsis | Note | Boneyard | PageBreak):
            continue
        if isinstance(item, Scene):
            return item.heading
        return item
    return None


def typo_diagnostics(cues: Iterable[CueUse]) -> list[Diagnostic]:
    """Rare cue names one edit away from a much more frequent one."""
    uses: dict[str, list[Span]] = {}
    for cue in cues:
        if cue.name:
            uses.setdefault(cue.name, []).append(cue.span)
    counts = Counter({name: len(spans) for name, spans in uses.items()})
    return [
        typo_diagnostic(rare, likely, counts, span)
        for rare, likely in probable_typos(counts).items()
        for span in uses[rare]
    ]


def typo_diagnostic(rare: str, likely: str, counts: Mapping[str, int], span: Span) -> Diagnostic:
    times = "once" if counts[rare] == 1 else f"{counts[rare]} times"
    return Diagnostic(
        "cue-typo",
        f"{rare} speaks {times}; did you mean {likely} ({counts[likely]} cues)?",
        "warning",
        span,
        replaces=rare,
        replacement=likely,
    )


def probable_typos(counts: Mapping[str, int]) -> dict[str, str]:
    """``{rare name: the frequent name it probably misspells}``.

    For each rare name, the most frequent name one edit away (the first one in
    ``counts`` order on a tie). The names one edit away are found through an
    index of deletion neighbourhoods, not by comparing every pair of names, so
    a script with thousands of speaking parts is checked in linear time.
    """
    order = {name: position for position, name in enumerate(counts)}

    def rank(name: str) -> tuple[int, int]:
        return -counts[name], order[name]

    likely = {
        name
        for name, count in counts.items()
        if count >= TYPO_MIN_RATIO + 1 and 3 <= len(name) <= TYPO_MAX_LENGTH
    }
    # A likely name under each of its one-character deletions: by position for
    # substitutions (same length, that character replaced), and by the text
    # left alone for insertions (the rare name lacks a character).
    substitutions: dict[tuple[int, str], list[str]] = {}
    insertions: dict[str, list[str]] = {}
    for name in likely:
        for index in range(len(name)):
            rest = name[:index] + name[index + 1 :]
            substitutions.setdefault((index, rest), []).append(name)
            insertions.setdefault(rest, []).append(name)
    for bucket in (*substitutions.values(), *insertions.values()):
        bucket.sort(key=rank)

    result: dict[str, str] = {}
    for rare, rare_count in counts.items():
        if rare_count > TYPO_MAX_RARE or not 3 <= len(rare) <= TYPO_MAX_LENGTH:
            continue
        least = TYPO_MIN_RATIO * rare_count + 1

        def first_fit(bucket: Iterable[str], rare: str = rare, least: int = least) -> str | None:
            """The best name in a bucket sorted by rank that is a typo away."""
            for other in bucket:
                if counts[other] < least:
                    return None
                if other != rare and _looks_like_typo(rare, other):
                    return other
            return None

        found = [first_fit(insertions.get(rare, ()))]  # the rare name lacks a character
        for index in range(len(rare)):
            rest = rare[:index] + rare[index + 1 :]
            found.append(first_fit(substitutions.get((index, rest), ())))
            if rest in likely:  # the rare name has one character too many
                found.append(first_fit((rest,)))
            if index + 1 < len(rare) and rare[index] != rare[index + 1]:
                swapped = rare[:index] + rare[index + 1] + rare[index] + rare[index + 2 :]
                if swapped in likely:
                    found.append(first_fit((swapped,)))
        candidates = [name for name in found if name is not None]
        if candidates:
            result[rare] = min(candidates, key=rank)
    return result


def _looks_like_typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 3 or not within_one_edit(a, b):
        return False
    # COP 1 and COP 2 are two people, not a typo.
    return _without_digits(a) != _without_digits(b)


def _without_digits(name: str) -> str:
    return "".join(c for c in name if not c.isdigit())


def within_one_edit(a: str, b: str) -> bool:
    """True when one substitution, insertion, deletion or swap of neighbours turns a into b."""
    if a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    prefix = 0
    while prefix < len(a) and a[prefix] == b[prefix]:
        prefix += 1
    if len(a) == len(b):
        if a[prefix + 1 :] == b[prefix + 1 :]:
            return True
        swapped = prefix + 1 < len(a) and a[prefix] == b[prefix + 1] and a[prefix + 1] == b[prefix]
        return swapped and a[prefix + 2 :] == b[prefix + 2 :]
    return a[prefix:] == b[prefix + 1 :]
