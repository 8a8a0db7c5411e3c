"""Per-scene breakdowns: sluglines, cast, tags, eighths, settings and the reports."""

from fountainkit.breakdown.core import Breakdown, breakdown

__all__ = ["Breakdown", "breakdown"]
