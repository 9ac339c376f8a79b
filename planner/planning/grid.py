"""Planning's clock: times as minutes since an origin, on a five-minute grid.

The solver works on one time line of minutes (:mod:`planner.planning.problem`). For a tour the
origin is midnight UTC the day before it starts, so every time of the tour is positive; travel
times, windows and day starts are rounded to the grid so that plans read 10:35, not 10:33.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, time, timedelta

from planner.feasibility.plan import Plan

GRID = 5  # minutes


def origin_of(plan: Plan) -> datetime:
    """Minute 0 of the tour in *plan*: midnight UTC the day before its first day."""
    return datetime.combine(plan.start_date - timedelta(days=1), time(0), tzinfo=UTC)


def minutes(moment: datetime, origin: datetime) -> float:
    """*moment* as minutes since *origin*."""
    return (moment - origin).total_seconds() / 60.0


def grid_up(value: float) -> float:
    """Up to the next multiple of five minutes: plans read 10:35, not 10:33."""
    return float(math.ceil(value / GRID - 1e-9) * GRID)


def grid_down(value: float) -> float:
    """Down to the multiple of five minutes at or before *value*."""
    return float(math.floor(value / GRID + 1e-9) * GRID)
