"""The planning problem and its solution, as plain data (no ORM, no numba).

Times are minutes on one time line (the adapter for real tours uses minutes since the start of
the tour, in UTC). Nodes index the travel-time matrix: visits use their own index; each day names
the nodes it starts and ends at (hotels), which may be any index of the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Visit:
    """Something worth doing once: a value, a duration and when it may *start*.

    ``windows`` are ``(earliest start, latest start)`` pairs, in time order; a visit may start
    in any one of them (service may run past the latest start, as in the benchmark).

    A visit ``anywhere`` has no place of its own (a lunch break): getting to it takes no time,
    and the trip from the visit before it to the one after it may be made before it, after it or
    around it: the visit after it starts no earlier than it ends, nor than the visit before it
    ends plus its duration plus that trip. It must be locked (``floating``: it keeps its day and
    its place in the day, not its time), one a day at most; its row and column of the travel
    matrix are never read.
    """

    value: float
    duration: float
    windows: tuple[tuple[float, float], ...]
    node: int  # the visit's row/column in the travel matrix
    anywhere: bool = False


@dataclass(frozen=True)
class Day:
    """One route: leave ``start_node`` no earlier than ``open``, be at ``end_node`` by ``close``."""

    start_node: int
    end_node: int
    open: float
    close: float


@dataclass(frozen=True)
class Locked:
    """A visit fixed in advance: on this day, starting exactly at this time; or, ``floating``,
    on this day, between the locked visits before and after *start*, starting anywhere in its
    windows."""

    visit: int  # index into Problem.visits
    day: int
    start: float
    floating: bool = False


@dataclass
class Problem:
    """Visits, days, travel times between nodes, and the visits locked in place.

    ``route_values`` (visits × days), if given, is what each visit is worth on each day's route
    (a route of a group of travellers values a host by their goals): 0 or less keeps the visit
    off that route. Without it, a visit is worth its ``value`` on every route.
    """

    visits: list[Visit]
    days: list[Day]
    travel: NDArray[np.float64]  # travel[i, j]: minutes from node i to node j
    locked: list[Locked] = field(default_factory=list)
    route_values: NDArray[np.float64] | None = None

    def values(self) -> NDArray[np.float64]:
        """What each visit is worth on each route (visits × days)."""
        if self.route_values is not None:
            return np.asarray(self.route_values, dtype=np.float64)
        each = np.array([v.value for v in self.visits], dtype=np.float64).reshape(-1, 1)
        return np.repeat(each, len(self.days), axis=1)

    def validate(self) -> None:
        """Raise ValueError if the problem is malformed (not merely infeasible)."""
        size = self.travel.shape[0]
        if self.travel.shape != (size, size):
            raise ValueError("the travel matrix must be square")
        if self.route_values is not None and self.route_values.shape != (len(self.visits),
                                                                         len(self.days)):
            raise ValueError("route_values must have a row per visit and a column per day")
        for n, visit in enumerate(self.visits):
            if not 0 <= visit.node < size:
                raise ValueError(f"visit {n}: node {visit.node} is not in the travel matrix")
            if visit.duration < 0 or any(o > c for o, c in visit.windows):
                raise ValueError(f"visit {n}: negative duration or a window that closes "
                                 "before it opens")
        pauses = {visit.node for visit in self.visits if visit.anywhere}
        for k, day in enumerate(self.days):
            if not (0 <= day.start_node < size and 0 <= day.end_node < size):
                raise ValueError(f"day {k}: start or end node is not in the travel matrix")
            if day.start_node in pauses or day.end_node in pauses:
                raise ValueError(f"day {k}: starts or ends at a visit that has no place")
            if day.open > day.close:
                raise ValueError(f"day {k}: closes before it opens")
        seen = set()
        for lock in self.locked:
            if lock.visit in seen:
                raise ValueError(f"visit {lock.visit} is locked twice")
            seen.add(lock.visit)
            if not 0 <= lock.day < len(self.days):
                raise ValueError(f"locked visit {lock.visit}: no day {lock.day}")
        breaks: set[int] = set()
        for lock in self.locked:
            if self.visits[lock.visit].anywhere:
                if lock.day in breaks:
                    raise ValueError(f"day {lock.day}: more than one visit without a place")
                breaks.add(lock.day)
        for n, visit in enumerate(self.visits):
            if visit.anywhere and n not in seen:
                raise ValueError(f"visit {n} has no place: lock it to its day")


@dataclass(frozen=True)
class Stop:
    """A visit in a route, and when it starts."""

    visit: int
    start: float


class LeftOut(StrEnum):
    """Why a visit is not in the solution (the value is the code the command line's JSON shows;
    the words users read come from :mod:`planner.planning.proposal`), from the facts of each day
    (:class:`DayFact`): the first of these that holds on some day."""

    LOW_VALUE = "low value"  # it fits a day as fixed, but better visits took the time
    TOO_FAR = "too far"  # its window leaves room between fixed visits, but not for the trips
    NO_ROOM = "no room"  # on each day its window meets, fixed visits (or the day's ends) fill it
    DAY_LEFT_ALONE = "day left alone"  # its windows meet only days whose locked visits conflict
    #: a meeting whose attendees are in different groups on every day its windows meet (worth
    #: nothing to any route there): no group may take it as it is
    APART = "attendees apart"
    NO_SLOT = "no slot"  # none of its windows meets a day
    #: The host declined to receive the delegation (its request's reason kept): never a visit,
    #: left out for this tour by :mod:`planner.planning.candidates`, not by the solver.
    DECLINED = "declined"


@dataclass(frozen=True)
class DayFact:
    """What one day its windows meet offers a visit left out (times on the problem's line).

    ``fit`` is the day's own verdict (a :class:`LeftOut` other than ``NO_SLOT``). For
    ``TOO_FAR``: the nodes of the places it would be reached from (``origin``) and go on to
    (``onward``), the time free between them (``free``) and the trips (matrix minutes). For
    ``NO_ROOM``: the locked visits inside its window (``taken_by``)."""

    day: int
    fit: LeftOut
    window: tuple[float, float]  # its window (earliest, latest start) that meets the day
    origin: int = -1
    onward: int = -1
    free: tuple[float, float] = (0.0, 0.0)
    trip_in: float = 0.0
    trip_out: float = 0.0
    taken_by: tuple[int, ...] = ()


class Stopped(StrEnum):
    """Why the search stopped."""

    NOTHING_TO_CHOOSE = "nothing to choose"  # no day, or only locked visits
    NO_BETTER = "no better plan"  # it stopped improving (see ``solver.PATIENCE``)
    TIME = "time limit"
    ITERATIONS = "iterations"  # max_iterations reached
    CANCELLED = "cancelled"


@dataclass
class Solution:
    """Routes (one per day, in visiting order) and what was left out, and why."""

    routes: list[list[Stop]]
    left_out: dict[int, LeftOut]  # visit -> why
    score: float
    iterations: int = 0
    seconds: float = 0.0
    #: The days (indices into ``Problem.days``) whose locked visits cannot all be kept as they
    #: are: they are kept anyway, and nothing is added to those days.
    broken_days: list[int] = field(default_factory=list)
    #: visit left out -> the facts of each day its windows meet, that its code was found from
    facts: dict[int, tuple[DayFact, ...]] = field(default_factory=dict)
    stopped: Stopped = Stopped.NOTHING_TO_CHOOSE
    #: When the best solution was found (seconds since the search began; its iteration).
    best_seconds: float = 0.0
    best_iteration: int = 0

    def visits(self) -> list[int]:
        return [stop.visit for route in self.routes for stop in route]
