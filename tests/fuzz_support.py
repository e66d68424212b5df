"""What the fuzz targets share (issue 24): the hypothesis settings (MAX_EXAMPLES examples, no
deadline), the characters that matter to the readers, and the check that an input ends in an answer
or argkb's one-sentence error (exit 2) within TIME_LIMIT_S."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from argkb.errors import ArgkbError

#: ARGKB_FUZZ_EXAMPLES=1000 for a longer hunt
MAX_EXAMPLES = int(os.environ.get("ARGKB_FUZZ_EXAMPLES", "50"))
TIME_LIMIT_S = 5.0
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: characters that matter to the readers, and some that should not
_TEXT = st.text(
    st.sampled_from(list("ab <>[]{}()#/*+-:.;,\"'\\\n\r\t\0\x1b") + ["é", "\u2028", "💥"]),
    max_size=60,
)
_ID = st.one_of(
    st.integers(-3, 12),
    st.sampled_from(["1", "1-2", "a", "A", "x y", "x-y", "", "../x", "é"]),
    st.none(),
)


def _bounded(call) -> None:
    """``call()`` answers or raises an ArgkbError with exit code 2, within the time limit."""
    started = time.monotonic()
    try:
        call()
    except ArgkbError as error:
        assert error.exit_code == 2, (type(error).__name__, str(error))
        assert str(error).strip() and "Traceback" not in str(error)
    took = time.monotonic() - started
    assert took < TIME_LIMIT_S, f"{took:.1f} s"


def _convert(data: str | bytes, suffix: str, fmt: str) -> None:
    from argkb.interop.convert import convert

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"map{suffix}"
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        _bounded(lambda: convert(path, fmt))
