"""The pathological input shapes, generated at any size (benchmarks/bench_pathological.py
times every command on them; tests/test_linearity.py counts the work they cost).

Each generator takes a size in characters and returns a script of about that
size (exactly, except where a unit must stay whole). The text is
deterministic and varied (a seeded generator), so caches keyed on repeated
lines do not hide the cost of a real script of that shape.
"""

from __future__ import annotations

import random
from collections.abc import Callable

_WORDS = (  # noqa: SIM905 - a sentence is easier to read than a list of strings
    "the a of door light she he walks turns looks into window rain across room slowly "
    "table hand glass cold quiet street car stops phone rings back out down up under "
    "before after night morning dust paper smoke runs waits listens opens closes"
).split()


def _rng(name: str) -> random.Random:
    return random.Random(name)  # deterministic per shape


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _name(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWY") for _ in range(length))


def _repeat(size: int, unit: Callable[[int], str], head: str = "") -> str:
    """``head`` then ``unit(i)`` for i = 0, 1, ... until ``size`` characters."""
    parts = [head]
    total = len(head)
    index = 0
    while total < size:
        piece = unit(index)
        parts.append(piece)
        total += len(piece)
        index += 1
    return "".join(parts)[:size]


HEADING = "INT. WAREHOUSE - NIGHT\n\n"


def blank_lines(size: int) -> str:
    return "\n" * size


def action_no_blank_lines(size: int) -> str:
    """Action pasted from another tool: one sentence per line, no blank lines."""
    rng = _rng("action")
    return _repeat(size, lambda i: _sentence(rng, rng.randint(6, 14)) + "\n", HEADING)


def one_huge_line(size: int) -> str:
    rng = _rng("line")
    return _repeat(size, lambda i: _sentence(rng, rng.randint(6, 14)) + " ", HEADING)


def one_huge_word(size: int) -> str:
    """One line with no space at all: the layout must cut it."""
    return _repeat(size, lambda i: "abcdefghijklmnopqrstuvwxyz"[i % 26], HEADING)


def long_speech(size: int) -> str:
    """One speech of many lines: (MORE)/(CONT'D) at every page."""
    rng = _rng("speech")
    return _repeat(size, lambda i: _sentence(rng, rng.randint(4, 10)) + "\n", HEADING + "BOB\n")


def huge_speech_line(size: int) -> str:
    rng = _rng("speechline")
    return _repeat(size, lambda i: _sentence(rng, rng.randint(4, 10)) + " ", HEADING + "BOB\n")


def emphasis_star_underscore(size: int) -> str:
    return HEADING + "*_ " * ((size - len(HEADING)) // 3)


def emphasis_mix(size: int) -> str:
    """``**``, ``*``, ``_`` and ``***`` runs on one line, opened and closed at random."""
    rng = _rng("emphasis")
    marks = ["**", "*", "_", "***", "**_", "_*"]

    def unit(i: int) -> str:
        word = rng.choice(_WORDS)
        mark = rng.choice(marks)
        return rng.choice([mark + word + " ", word + mark + " ", word + " "])

    return _repeat(size, unit, HEADING)


def unclosed_emphasis(size: int) -> str:
    """Openers that never close, of alternating styles: ``*a _b **c``."""
    marks = ["*", "_", "**"]
    return _repeat(size, lambda i: f"{marks[i % 3]}{_WORDS[i % len(_WORDS)]} ", HEADING)


def many_tags_one_scene(size: int) -> str:
    rng = _rng("tags")
    categories = ["props", "wardrobe", "sfx", "vehicles", "sound", "extras"]

    def unit(i: int) -> str:
        return f"[[{rng.choice(categories)}: {rng.choice(_WORDS)} {i}; {_name(rng, 5).lower()}]]\n"

    return _repeat(size, unit, HEADING + "Things everywhere.\n")


def many_inline_notes(size: int) -> str:
    """Notes and boneyards inline, all on one line."""
    return _repeat(size, lambda i: f"word [[note {i}]] and /* cut {i} */ ", HEADING)


def many_cue_names(size: int) -> str:
    """Hundreds of speaking parts, each speaking three times, and now and then a
    misspelt cue (lint looks for names one edit away from a frequent one)."""
    rng = _rng("cues")
    names: list[str] = []

    def unit(i: int) -> str:
        if i % 3 == 0:
            names.append(_name(rng, rng.randint(4, 9)))
        name = names[-1 - rng.randrange(min(len(names), 3))]
        if i % 7 == 6:  # a typo: one letter replaced
            at = rng.randrange(len(name))
            name = name[:at] + rng.choice("ABCDEFGHIJKLMNOPRSTUVWY") + name[at + 1 :]
        return f"{name}\n{_sentence(rng, 5)}\n\n"

    return _repeat(size, unit, HEADING)


def many_names_in_action(size: int) -> str:
    """Action that introduces a new character in capitals in every paragraph and
    mentions earlier ones in Title Case (the breakdown's non-speaking cast)."""
    rng = _rng("names")
    names: list[str] = []

    def unit(i: int) -> str:
        names.append(_name(rng, rng.randint(4, 8)))
        earlier = " and ".join(rng.choice(names).title() for _ in range(3))
        heading = f"INT. ROOM {i} - DAY\n\n" if i % 5 == 0 else ""
        return f"{heading}{names[-1]}, 40, {_sentence(rng, 6)} {earlier} {_sentence(rng, 4)}\n\n"

    return _repeat(size, unit, HEADING)


def unclosed_boneyard(size: int) -> str:
    return _repeat(size, lambda i: f"/* cut {i}\n\nSome action {i}.\n\n", HEADING)


def unclosed_notes(size: int) -> str:
    return _repeat(size, lambda i: f"[[ note {i}\nMore action {i}.\n\n", HEADING)


def unclosed_notes_one_line(size: int) -> str:
    return _repeat(size, lambda i: f"[[ open {i} ", HEADING)


def deep_parentheses(size: int) -> str:
    """Cue-like lines and action with deeply nested or unbalanced parentheses."""
    depth = 200

    def unit(i: int) -> str:
        return f"BOB {'(' * depth}\n{'(' * depth}hello{')' * (depth // 2)}\n\n"

    return _repeat(size, unit, HEADING)


def many_scenes(size: int) -> str:
    """Realistic control: short scenes with a heading, action and a speech each."""
    rng = _rng("scenes")

    def unit(i: int) -> str:
        return (
            f"{rng.choice(['INT.', 'EXT.'])} PLACE {i % 97} - {rng.choice(['DAY', 'NIGHT'])}\n\n"
            f"{_sentence(rng, 12)} {_sentence(rng, 9)}\n\n"
            f"{rng.choice(['ANNA', 'BOB', 'CARLOS', 'DEE'])}\n{_sentence(rng, 8)}\n\n"
        )

    return _repeat(size, unit)


def feature(size: int) -> str:
    """A realistic feature (benchmarks/feature.py: 50 speaking parts, hundreds of
    capitalised names, tags, sections, dual dialogue) with as many scenes as fit."""
    from feature import feature_script  # benchmarks/ is on the path wherever shapes is

    scenes = max(1, size // 600)
    text = feature_script(scenes=scenes)
    while len(text) < size:
        scenes += max(1, scenes // 4)
        text = feature_script(scenes=scenes)
    return text[:size]


def dual_dialogue(size: int) -> str:
    rng = _rng("dual")
    return _repeat(
        size, lambda i: f"ANNA\n{_sentence(rng, 6)}\n\nBOB ^\n{_sentence(rng, 6)}\n\n", HEADING
    )


def huge_title_page(size: int) -> str:
    rng = _rng("title")
    return _repeat(size, lambda i: f"    {_sentence(rng, 6)}\n", "Title: Big\nNotes:\n")


def centered_and_lyrics(size: int) -> str:
    rng = _rng("centered")
    return _repeat(
        size, lambda i: f"> {_sentence(rng, 4)} <\n~{_sentence(rng, 5)}\n", HEADING + "ANNA\n"
    )


def page_breaks_and_sections(size: int) -> str:
    rng = _rng("breaks")
    return _repeat(
        size,
        lambda i: f"# Act {i}\n\n= {_sentence(rng, 4)}\n\n===\n\n{_sentence(rng, 8)}\n\n",
        HEADING,
    )


def escapes(size: int) -> str:
    return _repeat(size, lambda i: "\\*\\_\\[\\/ x ", HEADING)


SHAPES: dict[str, Callable[[int], str]] = {
    "blank-lines": blank_lines,
    "action-no-blank-lines": action_no_blank_lines,
    "one-huge-line": one_huge_line,
    "one-huge-word": one_huge_word,
    "long-speech": long_speech,
    "huge-speech-line": huge_speech_line,
    "emphasis-star-underscore": emphasis_star_underscore,
    "emphasis-mix": emphasis_mix,
    "unclosed-emphasis": unclosed_emphasis,
    "many-tags-one-scene": many_tags_one_scene,
    "many-inline-notes": many_inline_notes,
    "many-cue-names": many_cue_names,
    "many-names-in-action": many_names_in_action,
    "unclosed-boneyard": unclosed_boneyard,
    "unclosed-notes": unclosed_notes,
    "unclosed-notes-one-line": unclosed_notes_one_line,
    "deep-parentheses": deep_parentheses,
    "dual-dialogue": dual_dialogue,
    "huge-title-page": huge_title_page,
    "centered-and-lyrics": centered_and_lyrics,
    "page-breaks-and-sections": page_breaks_and_sections,
    "escapes": escapes,
    "many-scenes": many_scenes,
    "feature": feature,
}
