"""When a meeting with a host may start: inside the host's windows and the working day.

A window is an ``(earliest start, latest start)`` pair in minutes since the tour's origin (see
:mod:`planner.planning.grid`), on the grid: the meeting fits between the host's available slot
and the working day (:attr:`Plan.day_start`, :attr:`Plan.day_end`) in the office's zone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from planner.feasibility.plan import Plan, at_local
from planner.planning.candidates import Candidate
from planner.planning.grid import grid_down, grid_up, minutes
from planner.planning.problem import Visit

Window = tuple[float, float]
#: The windows of a visit that fits no planned day: the solver reports it as "no slot".
NEVER: tuple[Window, ...] = ((1e12, 1e12),)


def meeting_windows(plan: Plan, candidate: Candidate, day: date, meeting_minutes: int,
                    origin: datetime) -> list[Window]:
    """When a meeting with *candidate* may start on *day* (a meeting lasts as planned already,
    else *meeting_minutes*)."""
    zone = candidate.office.zone
    length = timedelta(minutes=candidate.minutes(meeting_minutes))
    work0 = at_local(day, plan.day_start, zone)
    work1 = at_local(day, plan.day_end, zone) - length
    found = []
    for w in candidate.organisation.availability:
        lo, hi = max(w.start, work0), min(w.end - length, work1)
        lo_minutes, hi_minutes = grid_up(minutes(lo, origin)), grid_down(minutes(hi, origin))
        if lo_minutes <= hi_minutes:
            found.append((lo_minutes, hi_minutes))
    return found


def without_starts(visit: Visit, a: float, b: float) -> Visit:
    """*visit* with no start in the open interval (a, b): it neither overlaps nor touches it."""
    return replace(visit, windows=tuple(piece for lo, hi in visit.windows
                                        for piece in _without(lo, hi, a, b)))


def _without(lo: float, hi: float, a: float, b: float) -> list[Window]:
    """The starts in [lo, hi] (on the grid) outside the open interval (a, b)."""
    if hi <= a or lo >= b:
        return [(lo, hi)]
    pieces = [(lo, grid_down(a)), (grid_up(b), hi)]
    return [(x, y) for x, y in pieces if x <= y]
