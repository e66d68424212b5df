"""The lenses argkb ships: the ``argkb:Perspective`` individuals of the ontology, in its order.

GENERATED from ontology/argkb.ttl by ``python -m argkb.devtools.gen_namespace``; do not
edit by hand. Read them through ``argkb.vocab.lenses``.
"""

#: (local name in ``argkb:``, skos:notation, skos:altLabels): text, so that the names
#: are read without rdflib (``argkb.vocab.lenses`` makes the terms)
BUILT_IN_LENSES = (
    ("Realism", "realism", ()),
    ("Liberalism", "liberalism", ()),
    ("Constructivism", "constructivism", ()),
    ("DiplomaticPractice", "diplomatic-practice", ("diplomacy",)),
    ("SecurityAnalysis", "security-analysis", ("security",)),
)
