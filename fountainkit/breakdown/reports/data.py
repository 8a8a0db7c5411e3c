"""The breakdown as plain data: the one shape behind the JSON and YAML reports.

Schema ``fountainkit.breakdown/2`` (every key of ``/1`` is still there; what
changed is listed in docs/breakdown.md). Scene lengths are integer eighths
(``eighths``) with the human form beside them (``pages``: ``"1 4/8"``).
Rows are referred to by their ``index`` everywhere: 1, 2... for the scenes,
0 for the prologue (text before the first heading), which has its own key.
"""

from __future__ import annotations

from typing import Any

from fountainkit.breakdown.eighths import format_eighths
from fountainkit.breakdown.model import SCHEMA, Breakdown, SceneBreakdown, Suggested


def suggested_data(suggested: Suggested) -> dict[str, list[str]]:
    return {
        "people": list(suggested.people),
        "groups": list(suggested.groups),
        "animals": list(suggested.animals),
        "sounds": list(suggested.sounds),
    }


def scene_data(scene: SceneBreakdown) -> dict[str, Any]:
    return {
        "index": scene.index,
        "number": scene.number,
        "heading": scene.heading,
        "int_ext": scene.int_ext,
        "location": scene.location,
        "sublocation": scene.sublocation,
        "set": scene.set,
        "time": scene.time,
        "day_night": scene.day_night,
        "modifiers": list(scene.modifiers),
        "story_day": scene.story_day,
        "line": scene.line,
        "page": scene.page,
        "eighths": scene.eighths,
        "pages": scene.pages,
        "speaking": list(scene.speaking),
        "non_speaking": list(scene.non_speaking),
        "cast_ids": list(scene.cast_ids),
        "suggested": suggested_data(scene.suggested),
        "elements": {category: list(items) for category, items in scene.elements.items()},
        "synopsis": scene.synopsis,
    }


def breakdown_data(breakdown: Breakdown) -> dict[str, Any]:
    total = breakdown.eighths_total
    kinds = (("people", "person"), ("groups", "group"), ("animals", "animal"), ("sounds", "sound"))
    return {
        "schema": SCHEMA,
        "title": breakdown.title,
        "pages": breakdown.pages,
        "lines_per_page": breakdown.lines_per_page,
        "eighths_rounding": breakdown.eighths_rounding,
        "totals": {
            "scenes": len(breakdown.scenes),
            "speaking_cast": len(breakdown.speaking_cast),
            "cast": len(breakdown.cast),
            "page_count": breakdown.pages,
            "eighths": total,
            "pages": format_eighths(total),
        },
        "prologue": scene_data(breakdown.prologue) if breakdown.prologue is not None else None,
        "scenes": [scene_data(scene) for scene in breakdown.scenes],
        "cast": [
            {
                "id": member.id,
                "name": member.name,
                "speaking": member.speaking,
                "source": member.source,
                "also_known_as": list(member.also_known_as),
                "scenes": list(member.scenes),
                "scene_count": len(member.scenes),
                "speaking_scenes": list(member.speaking_scenes),
                "speeches": member.speeches,
                "dialogue_lines": member.dialogue_lines,
                "words": member.words,
            }
            for member in breakdown.cast
        ],
        "suggestions": {
            key: [
                {"name": s.name, "scenes": list(s.scenes)}
                for s in breakdown.suggestions
                if s.kind == kind
            ]
            for key, kind in kinds
        },
        "locations": [
            {
                "name": location.name,
                "int_ext": list(location.int_ext),
                "sublocations": list(location.sublocations),
                "spellings": list(location.spellings),
                "scenes": list(location.scenes),
                "eighths": location.eighths,
                "pages": location.pages,
            }
            for location in breakdown.locations
        ],
        "elements": [
            {"category": e.category, "name": e.name, "scenes": list(e.scenes)}
            for e in breakdown.elements
        ],
        "warnings": [str(warning) for warning in breakdown.warnings],
    }
