"""A query run in a worker thread, so that Ctrl-C stops it at once and no query overflows the
stack (``interruptible``); ``argkb.cli.main`` ends the process when one is left running."""

from __future__ import annotations

#: query threads left running after Ctrl-C (``argkb.cli.main`` then ends the process at once)
ABANDONED: list = []
#: the stack of the thread a query runs in (reserved, used only as deep as the query goes):
#: Oxigraph's parser and evaluator recurse over the query, and the 8 MiB default overflowed
#: (exit 139) on 10,000 chained "||"; the bounds of ``argkb.store.bounds`` refuse such queries
#: first, and this makes any that slips through an answer, not a crash
QUERY_STACK_BYTES = 512 * 2**20


def interruptible(call):
    """``call()`` in a worker thread, so that Ctrl-C (SIGINT) stops a long query at once.

    Python runs signal handlers only in the main thread and only between bytecodes; a query
    evaluated inside pyoxigraph (which releases the GIL) would otherwise run to its end. The
    main thread waits in short steps, so KeyboardInterrupt reaches it (the CLI then exits 130);
    the worker has a ``QUERY_STACK_BYTES`` stack, so no query can overflow it;
    the abandoned worker is listed in ``ABANDONED``, and the CLI ends the process without the
    interpreter's shutdown, which could otherwise wait on the engine the worker is still inside.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        return call()
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the main thread as it is
            outcome["error"] = error

    previous = threading.stack_size()
    try:
        # a deep stack: Oxigraph recurses over the query, and must never overflow it (a segmentation
        # fault)
        threading.stack_size(QUERY_STACK_BYTES)
    except (ValueError, RuntimeError):  # a platform that refuses it keeps its default
        pass
    try:
        worker = threading.Thread(target=work, name="argkb-query", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    try:
        while worker.is_alive():
            worker.join(0.05)
    except KeyboardInterrupt:
        ABANDONED.append(
            worker
        )  # still inside the engine: the process must not wait for it at exit
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
