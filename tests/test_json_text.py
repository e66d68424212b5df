"""argkb.assess.json_text writes exactly what json.dumps(indent=2, ensure_ascii=False) writes (the
lenses JSON)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.assess.json_text import dumps_indent2

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text() | st.integers(), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_the_same_text_as_json_dumps(doc):
    assert dumps_indent2(doc) == json.dumps(doc, indent=2, ensure_ascii=False)


def test_a_lenses_row():
    row = {
        "implications": [
            {
                "iri": "https://w3id.org/argkb/id/x",
                "lenses": {"realism": None, "liberalism": "IN"},
                "strength": {"overall": 0.875},
                "divergent": False,
                "deciding": {},
            }
        ],
        "lenses": [],
    }
    assert dumps_indent2(row) == json.dumps(row, indent=2, ensure_ascii=False)
