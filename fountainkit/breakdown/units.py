"""What belongs to each row of a breakdown: a scene runs from its heading to the next heading.

A ``#`` section or ``=`` synopsis inside a scene is an outline marker: the
action, dialogue and tags after it still belong to the scene. The model keeps
such markers inside the scene; a body where they still sit at the top level
(between a scene and the next heading) is read the same way, so the breakdown
never depends on which of the two shapes the parser gave it.

Printed text before the first heading (action, dialogue, centred text: a cold
open written without a heading) is the *prologue*: a row of its own, with its
own eighths, so no page of the script goes uncounted. A transition, an
opening line (``FADE IN:``, ``OVER BLACK:``) or a centred title card alone
makes no prologue; their rows count with the first scene.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fountainkit.model import (
    Action,
    Dialogue,
    DualDialogue,
    Lyrics,
    Scene,
    SceneHeading,
    Screenplay,
)

# "FADE IN:", "OVER BLACK:", "COLD OPEN:": an opening line written as action
# (Fountain reads only "...TO:" as a transition) that holds no scene content.
_OPENING_RE = re.compile(r"^(?:[^\Wa-z]+[ .'-]*){1,4}:$|^FADE IN\.?$")


def is_placeable(item: object) -> bool:
    """True for printed text that needs a row of its own: action or dialogue.

    Not a transition, an opening line (``FADE IN:``) or a centred title card
    (``> LOS ANGELES <``), which go over the first scene rather than being shot.
    """
    if isinstance(item, Action):
        text = item.text.strip()
        return bool(text) and _OPENING_RE.match(text) is None
    return isinstance(item, Dialogue | DualDialogue | Lyrics)


@dataclass(frozen=True, slots=True)
class SceneUnit:
    """One row's worth of script: a heading (None for the prologue) and what follows it."""

    heading: SceneHeading | None
    elements: tuple[object, ...]
    line: int  # first source line

    @property
    def is_prologue(self) -> bool:
        return self.heading is None


def _line(node: object) -> int:
    span = getattr(node, "span", None)
    return span.start_line if span is not None else 0


def scene_units(screenplay: Screenplay) -> tuple[SceneUnit | None, tuple[SceneUnit, ...]]:
    """(the prologue or None, one unit per scene heading in script order)."""
    before: list[object] = []
    scenes: list[tuple[Scene, list[object]]] = []
    for item in screenplay.body:
        if isinstance(item, Scene):
            scenes.append((item, list(item.elements)))
        elif scenes:
            scenes[-1][1].append(item)
        else:
            before.append(item)
    units = tuple(
        SceneUnit(scene.heading, tuple(elements), scene.heading.span.start_line)
        for scene, elements in scenes
    )
    prologue = None
    placeable = [item for item in before if is_placeable(item)]
    if placeable:
        prologue = SceneUnit(None, tuple(before), _line(placeable[0]))
    return prologue, units


def loose_before_first_scene(screenplay: Screenplay) -> tuple[object, ...]:
    """Body items before the first heading (the prologue's content, or a lone FADE IN:)."""
    found = []
    for item in screenplay.body:
        if isinstance(item, Scene):
            break
        found.append(item)
    return tuple(found)


def has_prologue(screenplay: Screenplay) -> bool:
    return any(is_placeable(item) for item in loose_before_first_scene(screenplay))
