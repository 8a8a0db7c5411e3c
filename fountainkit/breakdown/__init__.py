"""Per-scene breakdowns: the package's public entry points and data model.

``breakdown(screenplay)`` gives a :class:`Breakdown`; its records are frozen
dataclasses (:mod:`fountainkit.breakdown.model`) that reports, stripboards and
schedules read. One module per concern: :mod:`.sluglines` (headings),
:mod:`.timeofday` (day/night), :mod:`.locations` (sets), :mod:`.cast` and
:mod:`.names` / :mod:`.suggestions` (who is in a scene), :mod:`.tags` and
:mod:`.categories` (tagged elements), :mod:`.eighths` (lengths),
:mod:`.settings` (the config file), :mod:`.reports` (YAML, JSON, CSV, HTML, PDF).
"""

from fountainkit.breakdown.core import breakdown
from fountainkit.breakdown.model import (
    SCHEMA,
    Breakdown,
    BreakdownWarning,
    CastMember,
    ElementSummary,
    LocationSummary,
    SceneBreakdown,
    Suggested,
    Suggestion,
)
from fountainkit.breakdown.settings import BreakdownSettings

__all__ = [
    "SCHEMA",
    "Breakdown",
    "BreakdownSettings",
    "BreakdownWarning",
    "CastMember",
    "ElementSummary",
    "LocationSummary",
    "SceneBreakdown",
    "Suggested",
    "Suggestion",
    "breakdown",
]
