"""JSON and YAML reports: the same data (see :mod:`fountainkit.breakdown.reports.data`)."""

from __future__ import annotations

import json

from fountainkit.breakdown.model import Breakdown
from fountainkit.breakdown.reports import yamltext
from fountainkit.breakdown.reports.data import breakdown_data


def to_json(breakdown: Breakdown) -> str:
    return json.dumps(breakdown_data(breakdown), ensure_ascii=False, indent=2) + "\n"


def to_yaml(breakdown: Breakdown) -> str:
    return yamltext.dump(breakdown_data(breakdown))
