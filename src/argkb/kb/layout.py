"""Names of the files a knowledge base's ``data/`` holds beside its data, read by
``argkb.kb.folder`` and ``argkb.kb.log`` (which imports rdflib: the folder asks whether a log
exists without it)."""

#: the contributions log, in ``data/`` (``argkb.kb.log``)
LOG_NAME = "contributions.ttl"
