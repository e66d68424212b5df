"""The overview rows the HTML map opens on, and the smaller maps one export option away."""

from __future__ import annotations

from argkb.export.overview import NO_LEVER, disagreements, overview, sharpness
from argkb.export.select import build_map
from argkb.export.style import STATUS_ATTRS


def test_every_implication_is_listed_under_each_lever_that_triggers_it(repo_kb):
    amap = build_map(repo_kb)
    groups = overview(amap)
    listed = {(g["lever"], r["id"]) for g in groups for r in g["rows"]}
    expected = set()
    for impl in amap.of_type("implication"):
        for trigger in amap.in_edges(impl.id, "trigger"):
            for lever in amap.in_edges(trigger.source, "lever"):
                expected.add((lever.source, impl.id))
    assert listed == expected and len({i for _, i in listed}) == len(amap.of_type("implication"))
    # the levers on which most hangs first: most implications, then most where the lenses disagree
    weights = [(len(g["rows"]), sum(r["diverges"] for r in g["rows"])) for g in groups]
    assert weights == sorted(weights, reverse=True) and weights[0][0] > weights[-1][0]


def test_the_disagreements_come_first_each_once_sharpest_first(repo_kb):
    groups = overview(build_map(repo_kb))
    rows = {r["id"]: r for g in groups for r in g["rows"]}
    ids = disagreements(groups)
    assert len(ids) == len(set(ids)) and set(ids) == {i for i, r in rows.items() if r["diverges"]}
    sharp = [sharpness(rows[i]) for i in ids]
    assert (
        sharp == sorted(sharp, reverse=True) and sharp[0][0] == 1
    )  # IN under one lens, OUT under another


def test_a_lever_map_is_one_option_away(repo_kb):
    groups = overview(build_map(repo_kb, focus="sanctions"))
    assert [g["lever"] for g in groups] == ["kb:sanctions"]
    assert all(NO_LEVER not in g["label"] for g in groups)


def test_a_lens_map_shows_only_that_lens(repo_kb):
    amap = build_map(repo_kb, perspectives=["realism"])
    rows = [r for g in overview(amap) for r in g["rows"]]
    argued = {e.target for e in amap.edges if e.kind in ("conclusion", "attacks")}
    assert rows and all(bool(r["statuses"]["realism"]) == (r["id"] in argued) for r in rows)
    assert any(r["statuses"]["realism"] for r in rows) and not all(
        r["statuses"]["realism"] for r in rows
    )
    others = set(STATUS_ATTRS) - {"overall", "realism"}
    assert not any(r["statuses"][lens] for r in rows for lens in others)
    assert not any(r["diverges"] for r in rows)  # one lens cannot disagree with itself


def test_an_implication_whose_trigger_is_cut_away_is_grouped_apart(repo_kb):
    amap = build_map(repo_kb, focus="impl-strain-allies", depth=0)
    assert overview(amap) == [
        {
            "lever": "",
            "label": NO_LEVER,
            "rows": [
                {
                    "id": "kb:impl-strain-allies",
                    "label": amap.nodes["kb:impl-strain-allies"].label,
                    "qualifier": "could",
                    "moves": [],
                    "statuses": {
                        **dict.fromkeys(STATUS_ATTRS, ""),
                        "overall": amap.nodes["kb:impl-strain-allies"].attrs["status"],
                    },
                    "diverges": False,
                }
            ],
        }
    ]
