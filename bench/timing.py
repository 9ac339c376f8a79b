"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import time
from collections.abc import Callable


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of *action* takes (wall clock)."""
    begin = time.perf_counter()
    action()
    return time.perf_counter() - begin
