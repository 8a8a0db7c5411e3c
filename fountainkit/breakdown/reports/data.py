"""The breakdown as plain data: the one shape behind the JSON and YAML reports.

Schema ``fountainkit.breakdown/1``. Scene lengths are integer eighths
(``eighths``) with the human form beside them (``pages``: ``"1 4/8"``).
Scenes are referred to by their 1-based ``index`` everywhere.
"""

from __future__ import annotations

from typing import Any

from fountainkit.breakdown.core import SCHEMA, Breakdown, SceneBreakdown
from fountainkit.breakdown.eighths import format_eighths


def scene_data(breakdown: Breakdown, scene: SceneBreakdown) -> dict[str, Any]:
    return {
        "index": scene.index,
        "number": scene.number,
        "heading": scene.heading,
        "int_ext": scene.int_ext,
        "location": scene.location,
        "sublocation": scene.sublocation,
        "time": scene.time,
        "day_night": scene.day_night,
        "line": scene.line,
        "page": scene.page,
        "eighths": scene.eighths,
        "pages": scene.pages,
        "speaking": list(scene.speaking),
        "non_speaking": list(scene.non_speaking),
        "cast_ids": list(breakdown.cast_ids(scene)),
        "elements": {category: list(items) for category, items in scene.elements.items()},
        "synopsis": scene.synopsis,
    }


def breakdown_data(breakdown: Breakdown) -> dict[str, Any]:
    total = sum(scene.eighths for scene in breakdown.scenes)
    return {
        "schema": SCHEMA,
        "title": breakdown.title,
        "pages": breakdown.pages,
        "lines_per_page": breakdown.lines_per_page,
        "eighths_rounding": breakdown.eighths_rounding,
        "totals": {
            "scenes": len(breakdown.scenes),
            "speaking_cast": len(breakdown.speaking_cast),
            "eighths": total,
            "pages": format_eighths(total),
        },
        "scenes": [scene_data(breakdown, scene) for scene in breakdown.scenes],
        "cast": [
            {
                "id": member.id,
                "name": member.name,
                "speaking": member.speaking,
                "scenes": list(member.scenes),
                "scene_count": len(member.scenes),
                "speaking_scenes": list(member.speaking_scenes),
                "speeches": member.speeches,
                "dialogue_lines": member.dialogue_lines,
                "words": member.words,
            }
            for member in breakdown.cast
        ],
        "locations": [
            {
                "name": location.name,
                "int_ext": list(location.int_ext),
                "sublocations": list(location.sublocations),
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
