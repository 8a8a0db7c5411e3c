"""The YAML report reads back as exactly the JSON report's data, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fountainkit.breakdown.reports.yamltext import dump

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)),
    max_size=12,
)
_TRICKY = st.sampled_from(
    ["yes", "No", "ON", "null", "~", "1/8", "0 3/8", "12", "1e3", "2001-12-14", "- x", "a: b",
     "a #b", "[x]", "{x}", "*x", "&x", "!x", "|", ">", "'q'", '"q"', " x", "x ", "", "@x", "%x",
     "DEZ'S APARTMENT", "HOUSE - KITCHEN", "할머니", "Y", "nan", ".inf", "x\ny", "\t", "?x"]
)  # fmt: skip
_SCALAR = st.one_of(_TEXT, _TRICKY, st.integers(), st.booleans(), st.none())
_DATA = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(_TEXT, _TRICKY), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.one_of(_TEXT, _TRICKY), _DATA, max_size=5))
def test_yaml_reads_back_as_the_data(data: dict) -> None:
    assert yaml.safe_load(dump(data)) == (data or None)
