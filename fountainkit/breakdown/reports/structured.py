"""JSON and YAML reports: the same data (see :mod:`fountainkit.breakdown.reports.data`)."""

from __future__ import annotations

import json

import yaml

from fountainkit.breakdown.model import Breakdown
from fountainkit.breakdown.reports.data import breakdown_data

# The C dumper is several times faster on a 190-scene script when libyaml is there.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_json(breakdown: Breakdown) -> str:
    return json.dumps(breakdown_data(breakdown), ensure_ascii=False, indent=2) + "\n"


def to_yaml(breakdown: Breakdown) -> str:
    # Flow style for the innermost lists keeps "speaking: [DEAN, MARGOT]" on one line.
    return yaml.dump(
        breakdown_data(breakdown),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
