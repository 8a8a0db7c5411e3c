"""The one place a breakdown becomes strips: everything else in production reads strips.

The breakdown (:mod:`fountainkit.breakdown`) owns the facts: scene numbers as
printed, INT/EXT, set and sub-location, the day/night class, eighths, cast IDs,
synopsis and story day. This module only copies them into the scheduling
model (:mod:`fountainkit.production.strips`), so a change in the breakdown's
data model is absorbed here and nowhere else.
"""

from __future__ import annotations

from fountainkit.breakdown import Breakdown, SceneBreakdown
from fountainkit.production.strips import CastEntry, ScriptStrips, Strip

# The tag category holding where a scene is really shot (Final Draft's "Location").
SHOOTING_LOCATION = "shooting location"


def _shooting_location(scene: SceneBreakdown) -> str:
    return "; ".join(scene.elements.get(SHOOTING_LOCATION, ()))


def strips_from_breakdown(breakdown: Breakdown) -> ScriptStrips:
    strips = []
    used: set[int] = set()
    for scene in breakdown.scenes:
        cast_ids = scene.cast_ids
        used.update(cast_ids)
        strips.append(
            Strip(
                number=scene.number,
                index=scene.index,
                int_ext=scene.int_ext,
                day_night=scene.day_night,
                time=scene.time,
                set=scene.set,
                sublocation=scene.sublocation,
                location=_shooting_location(scene),
                eighths=scene.eighths,
                page=scene.page,
                cast_ids=cast_ids,
                synopsis=scene.synopsis,
                story_day=scene.story_day,
                heading=scene.heading,
            )
        )
    cast = tuple(CastEntry(m.id, m.name) for m in breakdown.cast if m.id in used)
    return ScriptStrips(title=breakdown.title, strips=tuple(strips), cast=cast)
