"""The lenses argkb ships: the ``argkb:Perspective`` individuals of the ontology, in its order.

GENERATED from ontology/argkb.ttl by ``python -m argkb.devtools.gen_namespace``; do not
edit by hand. Read them through ``argkb.vocab.lenses``.
"""

from argkb.vocab._argkb import ARGKB

#: (term, skos:notation, skos:altLabels)
BUILT_IN_LENSES = (
    (ARGKB.Realism, "realism", ()),
    (ARGKB.Liberalism, "liberalism", ()),
    (ARGKB.Constructivism, "constructivism", ()),
    (ARGKB.DiplomaticPractice, "diplomatic-practice", ("diplomacy",)),
    (ARGKB.SecurityAnalysis, "security-analysis", ("security",)),
)
