"""Names of the files a knowledge base's ``data/`` holds beside its data, read by
``argkb.kb.folder`` and ``argkb.kb.log`` (which imports rdflib: the folder asks whether a log
exists without it), and how both remember what they read from the log while it is unchanged."""

#: the contributions log, in ``data/`` (``argkb.kb.log``)
LOG_NAME = "contributions.ttl"


def while_unchanged(path, cache: dict, read, missing):
    """``read(path)``, remembered in ``cache`` while the file is unchanged (same inode, time and
    size: every write of the log replaces it by a rename); ``missing()`` when there is no file."""
    import os

    try:
        st = os.stat(path)
    except FileNotFoundError:
        return missing()
    key = (st.st_ino, st.st_mtime_ns, st.st_size)
    cached = cache.get(str(path))
    if cached is not None and cached[0] == key:
        return cached[1]
    value = read(path)
    cache[str(path)] = (key, value)
    return value
