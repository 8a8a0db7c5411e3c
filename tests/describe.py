"""A compact, readable description of a parsed script for fixture tests."""

from __future__ import annotations

from fountainkit.model import (
    Action,
    Boneyard,
    Centered,
    Dialogue,
    DialogueLine,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Synopsis,
    Transition,
)


def describe(screenplay: Screenplay) -> list[str]:
    """One "Kind: text" string per element; blank-line records are left out."""
    out: list[str] = []

    def dialogue(d: Dialogue, prefix: str = "") -> None:
        c = d.character
        cue = c.text + (" ^" if c.dual else "") + (" [forced]" if c.forced else "")
        out.append(f"{prefix}Cue: {cue}")
        for part in d.parts:
            if isinstance(part, Parenthetical):
                out.append(f"{prefix}Paren: {part.text}")
            elif isinstance(part, DialogueLine):
                out.append(f"{prefix}Line: {part.text}")
            elif isinstance(part, Lyrics):
                out.append(f"{prefix}Lyrics: {part.text}")
            elif isinstance(part, Note):
                out.append(f"{prefix}Note: {part.text}")
            elif isinstance(part, Boneyard):
                out.append(f"{prefix}Boneyard: {part.text}")

    def element(e) -> None:
        if isinstance(e, SceneHeading):
            number = f" #{e.number}#" if e.number is not None else ""
            out.append(f"Heading: {e.text}{number}" + (" [forced]" if e.forced else ""))
        elif isinstance(e, Action):
            if any(e.lines) or e.forced:
                out.append(f"Action: {e.text}" + (" [forced]" if e.forced else ""))
        elif isinstance(e, Dialogue):
            dialogue(e)
        elif isinstance(e, DualDialogue):
            dialogue(e.left, "Dual left ")
            dialogue(e.right, "Dual right ")
        elif isinstance(e, Transition):
            out.append(f"Transition: {e.text}" + (" [forced]" if e.forced else ""))
        elif isinstance(e, Centered):
            out.append(f"Centered: {e.text}")
        elif isinstance(e, Lyrics):
            out.append(f"Lyrics: {e.text}")
        elif isinstance(e, PageBreak):
            out.append("PageBreak")
        elif isinstance(e, Section):
            out.append(f"Section {e.level}: {e.title}")
        elif isinstance(e, Synopsis):
            out.append(f"Synopsis: {e.text}")
        elif isinstance(e, Note):
            out.append(f"Note: {e.text}")
        elif isinstance(e, Boneyard):
            out.append(f"Boneyard: {e.text}")

    for item in screenplay.body:
        if isinstance(item, Scene):
            element(item.heading)
            for e in item.elements:
                element(e)
        else:
            element(item)
    return out
