"""The expected answers of the named queries on the query fixture (``tests/data/query``), shared by
the query tests."""

from __future__ import annotations

from conftest import DATA

CHAIN = DATA / "query" / "chain.ttl"
ALTERNATIVES = DATA / "query" / "alternatives.ttl"  # alternativeTo, a lens description

# query name -> (parameters, expected rows as CURIEs / lexical forms, in the query's order)
EXPECTED = {
    "actor-levers": (
        {},
        [
            ("kb:european-allies", "kb:military-aid", "yes", "1"),
            ("kb:united-states", "kb:sanctions", "yes", "1"),
        ],
    ),
    "arguments-by-perspective": (
        {"perspective": "realism"},
        [
            (
                "argkb:Realism",
                "kb:arg-bolder-realism",
                "supports",
                "kb:impl-russia-bolder",
                "A state facing less pressure pursues its interest more boldly.",
            ),
            (
                "argkb:Realism",
                "kb:arg-doubt-realism",
                "supports",
                "kb:impl-allies-doubt",
                "Allies judge a patron's credibility by whether it keeps pressure on the "
                "adversary.",
            ),
        ],
    ),
    "attributed-claims": (
        {},
        [
            (
                "kb:claim-pressure-restrains",
                "kb:argkb-editors",
                "Pressure restrains",
                "Economic pressure restrains a state that wants to expand.",
            ),
            (
                "kb:claim-sanctions-porous",
                "kb:argkb-editors",
                "Sanctions are porous",
                "Sanctions are evaded through third countries, so easing them changes little.",
            ),
            (
                "kb:claim-signals-matter",
                "kb:argkb-editors",
                "Signals matter",
                "Allies read policy changes as signals of commitment.",
            ),
            (
                "kb:claim-unused",
                "kb:argkb-editors",
                "Nothing uses this",
                "A claim no argument uses.",
            ),
            (
                "kb:impl-alliance-strain",
                "kb:argkb-editors",
                "Alliance strains",
                "Doubt about American resolve would strain the alliance.",
            ),
        ],
    ),
    "contested-claims": (
        {},
        [
            ("kb:claim-sanctions-porous", "Sanctions are porous", "0", "1"),
            ("kb:impl-russia-bolder", "Russia grows bolder", "2", "1"),
        ],
    ),
    "downstream-implications": (
        {"implication": "impl-russia-bolder"},
        [
            (
                "kb:impl-allies-doubt",
                "kb:arg-strain-diplomacy",
                "argkb:DiplomaticPractice",
                "kb:impl-alliance-strain",
                "argkb:Likely",
            ),
            (
                "kb:impl-russia-bolder",
                "kb:arg-doubt-constructivism",
                "argkb:Constructivism",
                "kb:impl-allies-doubt",
                "argkb:Might",
            ),
        ],
    ),
    "implications-affecting-actor": (
        {"actor": "russia"},
        [
            (
                "kb:impl-russia-bolder",
                "argkb:Could",
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
            ),
            (
                "kb:impl-russia-deterred",
                "argkb:Might",
                "kb:move-allies-increase-aid",
                "kb:european-allies",
            ),
        ],
    ),
    "implications-of-lever": (
        {"lever": "sanctions"},
        [
            (
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
                "argkb:Decrease",
                "kb:impl-alliance-strain",
                "argkb:Likely",
            ),
            (
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
                "argkb:Decrease",
                "kb:impl-allies-doubt",
                "argkb:Might",
            ),
            (
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
                "argkb:Decrease",
                "kb:impl-russia-bolder",
                "argkb:Could",
            ),
        ],
    ),
    "implications-of-move": (
        {"move": "move-us-decrease-sanctions"},
        [
            ("kb:impl-alliance-strain", "Alliance strains", "argkb:Likely", "kb:nato"),
            (
                "kb:impl-allies-doubt",
                "Allies doubt US resolve",
                "argkb:Might",
                "kb:european-allies",
            ),
            ("kb:impl-russia-bolder", "Russia grows bolder", "argkb:Could", "kb:russia"),
        ],
    ),
    "lens-disagreements": (
        {},
        [
            (
                "kb:impl-russia-bolder",
                "argkb:Liberalism",
                "kb:arg-bolder-liberalism",
                "argkb:SecurityAnalysis",
                "kb:arg-bolder-security-rebuttal",
                "rebuts the claim",
            ),
            (
                "kb:impl-russia-bolder",
                "argkb:Liberalism",
                "kb:arg-bolder-liberalism",
                "argkb:DiplomaticPractice",
                "kb:arg-undercut-liberal",
                "undercuts the supporter",
            ),
            (
                "kb:impl-russia-bolder",
                "argkb:Realism",
                "kb:arg-bolder-realism",
                "argkb:SecurityAnalysis",
                "kb:arg-bolder-security-rebuttal",
                "rebuts the claim",
            ),
        ],
    ),
    "lever-perspective-summary": (
        {},
        [
            ("kb:military-aid", "argkb:SecurityAnalysis", "1", "1", "0"),
            ("kb:sanctions", "argkb:Constructivism", "1", "1", "0"),
            ("kb:sanctions", "argkb:DiplomaticPractice", "1", "1", "0"),
            ("kb:sanctions", "argkb:Liberalism", "1", "1", "0"),
            ("kb:sanctions", "argkb:Realism", "2", "2", "0"),
            ("kb:sanctions", "argkb:SecurityAnalysis", "1", "0", "1"),
        ],
    ),
    "rationale-chain": (
        {"implication": "impl-allies-doubt"},
        [
            (
                "kb:impl-allies-doubt",
                "supports",
                "kb:arg-doubt-constructivism",
                "kb:impl-allies-doubt",
                "argkb:Constructivism",
                "kb:claim-signals-matter",
            ),
            (
                "kb:impl-allies-doubt",
                "supports",
                "kb:arg-doubt-constructivism",
                "kb:impl-allies-doubt",
                "argkb:Constructivism",
                "kb:impl-russia-bolder",
            ),
            (
                "kb:impl-allies-doubt",
                "supports",
                "kb:arg-doubt-realism",
                "kb:impl-allies-doubt",
                "argkb:Realism",
                "kb:claim-signals-matter",
            ),
            (
                "kb:impl-russia-bolder",
                "rebuts",
                "kb:arg-bolder-security-rebuttal",
                "kb:impl-russia-bolder",
                "argkb:SecurityAnalysis",
                "kb:claim-sanctions-porous",
            ),
            (
                "kb:impl-russia-bolder",
                "supports",
                "kb:arg-bolder-liberalism",
                "kb:impl-russia-bolder",
                "argkb:Liberalism",
                "kb:claim-pressure-restrains",
            ),
            (
                "kb:impl-russia-bolder",
                "supports",
                "kb:arg-bolder-realism",
                "kb:impl-russia-bolder",
                "argkb:Realism",
                "kb:claim-pressure-restrains",
            ),
            (
                "kb:impl-russia-bolder",
                "undercuts",
                "kb:arg-undercut-liberal",
                "kb:arg-bolder-liberalism",
                "argkb:DiplomaticPractice",
                "kb:claim-sanctions-porous",
            ),
        ],
    ),
    "single-lens-implications": (
        {},
        [
            ("kb:impl-alliance-strain", "argkb:DiplomaticPractice", "1"),
            ("kb:impl-russia-deterred", "argkb:SecurityAnalysis", "1"),
        ],
    ),
    "source-quotes": (
        {"source": "mini-source"},
        [
            (
                "kb:impl-russia-bolder",
                "kb:quote-bolder",
                "0",
                "63",
                "If the United States eases sanctions, Russia could grow bolder.",
            ),
            (
                "kb:impl-allies-doubt",
                "kb:quote-doubt",
                "64",
                "105",
                "Allies might then doubt American resolve.",
            ),
        ],
    ),
    "undercut-arguments": (
        {},
        [
            (
                "kb:arg-bolder-liberalism",
                "argkb:Liberalism",
                "kb:impl-russia-bolder",
                "kb:arg-undercut-liberal",
                "argkb:DiplomaticPractice",
                "Where trade ties are already cut, the interdependence the liberal reading relies "
                "on is absent.",
            ),
        ],
    ),
    "unused-claims": ({}, [("kb:claim-unused", "Nothing uses this")]),
}
