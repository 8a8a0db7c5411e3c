"""How faithfully an imported script matches its source: the measures behind
docs/import.md, used by the tests and benchmarks/bench_import.py.

Only what a reader of the printed page can see is compared: notes, boneyard,
sections and synopses are not printed (by default), and forcing markers
(``!``, ``@``, ``.``) are Fountain syntax, not part of the script. Blank-line
records (extra spacing) are spacing, not text.

* :func:`printed_tree` -- every printed element as plain tuples: kind, text
  (and styles, scene numbers), for exact comparison (round trips).
* :func:`line_type_accuracy` -- the share of the source's printed lines whose
  every word comes back, in order, as the same element type (a PDF from
  another program: wrapping and spacing differ, so words are aligned).
* :func:`cast_by_scene` -- the breakdown's speaking cast per scene.
* :func:`pdf_tree` -- ``printed_tree`` less what a PDF cannot carry, for a
  script and its PDF read back (with :func:`page_joins` of its layout).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from fountainkit.layout.types import Document
from fountainkit.model import (
    Action,
    Centered,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    PageBreak,
    Parenthetical,
    Scene,
    Screenplay,
    Text,
    TitlePage,
    Transition,
)
from fountainkit.syntax import lexer

_CONTD = frozenset({"CONT'D", "CONT’D", "CONTD", "CONT.", "CONTINUING", "CONT"})


def _runs(runs: Text, styles: bool) -> object:
    visible = [r for r in runs if r.kind == "text" and r.text]
    if not styles:
        return "".join(r.text for r in visible)
    merged: list[tuple[str, bool, bool, bool]] = []
    for r in visible:
        style = (r.bold, r.italic, r.underline)
        if merged and merged[-1][1:] == style:
            merged[-1] = (merged[-1][0] + r.text, *style)
        else:
            merged.append((r.text, *style))
    return tuple(merged)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _elements(screenplay: Screenplay) -> Iterator[object]:
    for item in screenplay.body:
        if isinstance(item, Scene):
            yield item.heading
            yield from item.elements
        else:
            yield item


def printed_tree(
    screenplay: Screenplay,
    *,
    styles: bool = True,
    exact_lines: bool = True,
    page_breaks: bool = True,
    contd: bool = True,
    numbers: bool = True,
    join_action: bool = True,
) -> list[tuple]:
    """The printed elements as comparable tuples.

    ``exact_lines=False`` joins an element's lines and collapses whitespace
    (a PDF cannot tell a typed line break from wrapping); ``page_breaks=False``
    leaves forced page breaks out; ``contd=False`` drops (CONT'D) extensions
    (which a layout may add by itself); ``numbers=False`` leaves scene numbers
    out (a PDF prints automatic numbers for headings that had none).
    """
    out: list[tuple] = []

    def text_of(lines: tuple[Text, ...]) -> object:
        if exact_lines:
            return tuple(_runs(line, styles) for line in lines)
        return _collapse(" ".join(str(_runs(line, False)) for line in lines))

    def one(runs: Text) -> object:
        return _runs(runs, styles) if exact_lines else _collapse(str(_runs(runs, False)))

    def speech(d: Dialogue) -> tuple:
        extensions = tuple(
            e for e in d.character.extensions if contd or e.upper().strip() not in _CONTD
        )
        parts: list[tuple] = []
        for part in d.parts:
            if isinstance(part, Parenthetical):
                parts.append(("parenthetical", one(part.runs)))
            elif isinstance(part, DialogueLine):
                if parts and parts[-1][0] == "dialogue" and not exact_lines:
                    parts[-1] = ("dialogue", _collapse(f"{parts[-1][1]} {one(part.runs)}"))
                elif exact_lines or _runs(part.runs, False):
                    parts.append(("dialogue", one(part.runs)))
            elif isinstance(part, Lyrics):
                parts.append(("lyrics", text_of(part.lines)))
        return (" ".join(d.character.name.split()), extensions, tuple(parts))

    for element in _elements(screenplay):
        kind = type(element).__name__
        if kind == "SceneHeading":
            out.append(("heading", one(element.runs), element.number if numbers else None))
        elif isinstance(element, Action):
            if any(_runs(line, False) for line in element.lines):
                out.append(("action", text_of(element.lines)))
        elif isinstance(element, Dialogue):
            out.append(("dialogue", speech(element)))
        elif isinstance(element, DualDialogue):
            out.append(("dual", speech(element.left), speech(element.right)))
        elif isinstance(element, Transition):
            out.append(("transition", one(element.runs)))
        elif isinstance(element, Centered):
            out.append(("centered", text_of(element.lines)))
        elif isinstance(element, Lyrics):
            out.append(("lyrics", text_of(element.lines)))
        elif isinstance(element, PageBreak) and page_breaks:
            out.append(("page break",))
    if not exact_lines and join_action:
        # Action paragraphs one after the other: at a page break a PDF cannot
        # tell two paragraphs from one split at a sentence end, so compare them
        # as one text.
        merged: list[tuple] = []
        for item in out:
            if merged and item[0] == "action" and merged[-1][0] == "action":
                merged[-1] = ("action", f"{merged[-1][1]} {item[1]}")
            else:
                merged.append(item)
        out = merged
    return out


def printed_title_page(title_page: TitlePage | None) -> list[str]:
    """The title page's printed values in order (keys are positions, not text)."""
    if title_page is None:
        return []
    return [
        _collapse(" ".join(str(_runs(line, False)) for line in entry.lines))
        for entry in title_page.entries
    ]


# -- line types ----------------------------------------------------------------


def typed_lines(screenplay: Screenplay) -> list[tuple[str, str]]:
    """(type, text) for every printed line, dual-dialogue lines typed ``dual ...``."""
    lines: list[tuple[str, str]] = []

    def speech(d: Dialogue, prefix: str = "") -> None:
        lines.append((prefix + "cue", d.character.name))
        for part in d.parts:
            if isinstance(part, Parenthetical):
                lines.append((prefix + "parenthetical", str(_runs(part.runs, False))))
            elif isinstance(part, DialogueLine):
                lines.append((prefix + "dialogue", str(_runs(part.runs, False))))
            elif isinstance(part, Lyrics):
                lines.extend((prefix + "lyrics", str(_runs(line, False))) for line in part.lines)

    for element in _elements(screenplay):
        if type(element).__name__ == "SceneHeading":
            lines.append(("heading", element.text))
        elif isinstance(element, Action):
            lines.extend(("action", str(_runs(line, False))) for line in element.lines)
        elif isinstance(element, Dialogue):
            speech(element)
        elif isinstance(element, DualDialogue):
            speech(element.left, "dual ")
            speech(element.right, "dual ")
        elif isinstance(element, Transition):
            lines.append(("transition", element.text))
        elif isinstance(element, Centered):
            lines.extend(("centered", str(_runs(line, False))) for line in element.lines)
        elif isinstance(element, Lyrics):
            lines.extend(("lyrics", str(_runs(line, False))) for line in element.lines)
    return [(kind, text) for kind, text in lines if text.strip()]


@dataclass(frozen=True)
class LineAccuracy:
    correct: int
    total: int
    wrong: tuple[tuple[str, str, str], ...]  # (source type, imported type(s), text)

    @property
    def ratio(self) -> float:
        return self.correct / self.total if self.total else 1.0


def _words(lines: list[tuple[str, str]]) -> tuple[list[str], list[str], list[int]]:
    words, kinds, owners = [], [], []
    for index, (kind, text) in enumerate(lines):
        for word in text.split():
            words.append(word.casefold())
            kinds.append(kind)
            owners.append(index)
    return words, kinds, owners


def line_type_accuracy(source: Screenplay, imported: Screenplay) -> LineAccuracy:
    """Share of the source's printed lines that come back whole with the same type.

    The words of both scripts are aligned in order (difflib); a source line
    counts as right when each of its words is found and typed alike.
    """
    src_lines = typed_lines(source)
    src_words, src_kinds, src_owner = _words(src_lines)
    imp_words, imp_kinds, _ = _words(typed_lines(imported))
    found: list[str | None] = [None] * len(src_words)
    matcher = difflib.SequenceMatcher(None, src_words, imp_words, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            found[block.a + offset] = imp_kinds[block.b + offset]
    bad_lines: dict[int, set[str]] = {}
    for index, kind in enumerate(found):
        if kind != src_kinds[index]:
            bad_lines.setdefault(src_owner[index], set()).add(kind or "missing")
    counted = [i for i, (_, text) in enumerate(src_lines) if text.split()]
    wrong = tuple(
        (src_lines[i][0], "/".join(sorted(bad_lines[i])), src_lines[i][1])
        for i in counted
        if i in bad_lines
    )
    return LineAccuracy(len(counted) - len(wrong), len(counted), wrong)


def cast_by_scene(screenplay: Screenplay) -> list[tuple[str, ...]]:
    """The breakdown's speaking cast of each scene, in script order."""
    from fountainkit.breakdown.core import breakdown

    return [tuple(sorted(scene.speaking)) for scene in breakdown(screenplay).scenes]


# -- what a PDF carries --------------------------------------------------------


def page_joins(document: Document) -> list[tuple[str, str]]:
    """Where action runs on over a page break in ``document``: the last action
    row of one page and the first of the next, as collapsed text.

    On a PDF the two are one paragraph split at a sentence end or two
    paragraphs, one ending and one starting at the break; nothing tells which.
    """
    joins: list[tuple[str, str]] = []
    for page, following in zip(document.pages, document.pages[1:], strict=False):
        last = [line for line in page.lines if line.kind != "blank"]
        first = [line for line in following.lines if line.kind != "blank"]
        if last and first and _is_action_row(last[-1]) and _is_action_row(first[0]):
            joins.append((_collapse(last[-1].text), _collapse(first[0].text)))
    return joins


def _is_action_row(line: object) -> bool:
    source = getattr(line, "source", None)
    return getattr(line, "kind", "") == "action" or (
        getattr(line, "kind", "") == "lyrics" and isinstance(source, Lyrics)
    )


def pdf_tree(
    screenplay: Screenplay,
    *,
    numbers_printed: bool = False,
    joins: list[tuple[str, str]] | None = None,
) -> list[tuple]:
    """The elements a PDF carries, as comparable tuples, for a script and the
    script read back from its PDF alike (docs/import.md, "What a PDF does not
    carry"):

    * what ``printed_tree`` leaves out (notes, boneyard, sections, synopses,
      forcing marks, blank-line records), and forced page breaks;
    * line breaks within an element (typed or wrapped look alike), extra
      spaces, automatic (CONT'D), scene numbers the layout made up;
    * the case of a scene heading (printed in capitals);
    * a forced scene heading that reads as no heading (``.KITCHEN``) when
      scene numbers are not printed: it prints as a line of action;
    * lyrics as such: they print as italic lines of action or speech;
    * where action meets a page break (``joins``, from ``page_joins``): one
      paragraph or two.
    """
    out: list[tuple] = []
    for item in printed_tree(
        screenplay,
        exact_lines=False,
        page_breaks=False,
        contd=False,
        numbers=False,
        join_action=False,
    ):
        kind = item[0]
        if kind == "heading":
            text = item[1].upper()
            if numbers_printed or lexer.is_heading(text):
                out.append(("heading", text, None))
            else:
                out.append(("action", text))
        elif kind == "lyrics":
            out.append(("action", item[1]))
        elif kind == "dialogue":
            out.append(("dialogue", _lyrics_spoken(item[1])))
        elif kind == "dual":
            out.append(("dual", _lyrics_spoken(item[1]), _lyrics_spoken(item[2])))
        else:
            out.append(item)
    joined: list[tuple] = []
    for item in out:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous[0] == "action"
            and item[0] == "action"
            and any(previous[1].endswith(a) and item[1].startswith(b) for a, b in joins or ())
        ):
            joined[-1] = ("action", f"{previous[1]} {item[1]}")
        else:
            joined.append(item)
    return joined


def _lyrics_spoken(speech: tuple) -> tuple:
    """A speech's lyrics as dialogue, merged with the dialogue around them."""
    name, extensions, parts = speech
    merged: list[tuple] = []
    for kind, text in parts:
        kind = "dialogue" if kind == "lyrics" else kind
        if merged and kind == "dialogue" and merged[-1][0] == "dialogue":
            merged[-1] = ("dialogue", f"{merged[-1][1]} {text}")
        else:
            merged.append((kind, text))
    return (name, extensions, tuple(merged))
