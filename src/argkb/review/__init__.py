"""``argkb review``: the weaknesses an editor works through, read by named queries.

Each kind of finding (an ``argkb:Finding``: uncited background, a label that drops the
source's hedge, a single-lens implication, a one-sided alternative, a lens description used
as a premise, a move without kind, an undated source, a refuted possibility) is one named query
``queries/review-*.rq`` whose header names the finding it reports (``#+ finding:``). Two kinds
are computed from the verdicts instead (a decisive premise, a verdict resting on an editors'
premise). A finding the editors have weighed and chosen to leave carries
``argkb:acceptedFinding`` and an ``argkb:reviewNote``; the review lists it apart, with that reason.

- ``argkb.review.findings`` — run the queries, collect open and accepted findings;
- ``argkb.review.verdicts`` — the premises verdicts turn on, by removing their arguments;
- ``argkb.review.render`` — the list as text or JSON.
"""

from argkb.review.findings import Finding, Review, review

__all__ = ["Finding", "Review", "review"]
