"""OWL reasoning with owlready2 (HermiT, Pellet): consistency, explanations in words, inferences.

- ``argkb.reason.owl`` — ``reason(kb)``, ``write_inferences``;
- ``argkb.reason.explain`` — ``pellet explain`` output turned into sentences;
- ``argkb.reason.pellet`` — the JVM side: finding Java, running ``pellet explain``.
"""
