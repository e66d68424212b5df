"""Lens-by-lens evaluation: the knowledge base as an abstract argumentation framework.

- ``argkb.assess.dung`` — grounded, preferred and stable labellings (Dung 1995);
- ``argkb.assess.framework`` — arguments and attacks read from the store, overall and per lens;
- ``argkb.assess.assessment`` — ``assess``, ``lenses``, ``scenario``;
- ``argkb.assess.render`` — their text, Markdown and JSON output.
"""
