"""An independent check of a plan: written apart from the solver, trusting nothing it computed.

Recomputes every start time from the travel matrix: each route leaves its start node no earlier
than the day opens, every visit starts inside one of its windows (locked visits exactly at their
time), and the route reaches its end node by the day's close; no visit appears twice, nor on a route
where it is worth nothing. A visit
without a place (``anywhere``) is reached without travel; the next place is reached no earlier
than it ends, nor than the last place was left plus the breaks since plus the trip.
"""

from __future__ import annotations

from planner.planning.problem import Problem, Solution

TOLERANCE = 1e-6


def violations(problem: Problem, solution: Solution) -> list[str]:
    """Everything wrong with *solution*; empty when it is feasible."""
    problems: list[str] = []
    seen: set[int] = set()
    locks = {lock.visit: lock for lock in problem.locked}
    worth = problem.route_values
    for day_index, (day, route) in enumerate(zip(problem.days, solution.routes, strict=True)):
        problems += [f"visit {stop.visit} is on day {day_index}, where it is worth nothing"
                     for stop in route if worth is not None and stop.visit not in locks
                     and worth[stop.visit, day_index] <= 0]
        clock = day.open
        here, left = day.start_node, day.open  # the last place, and when the route left it
        pause = 0.0  # the breaks taken since
        for stop in route:
            if stop.visit in seen:
                problems.append(f"visit {stop.visit} is visited twice")
            seen.add(stop.visit)
            visit = problem.visits[stop.visit]
            arrival = clock if visit.anywhere else _arrival(problem, clock, here, left, pause,
                                                            visit.node)
            lock = locks.get(stop.visit)
            if lock is not None and lock.day != day_index:
                problems.append(f"locked visit {stop.visit} is on day {day_index}, not on day "
                                f"{lock.day}")
            if lock is not None and not lock.floating:
                if arrival > lock.start + TOLERANCE:
                    problems.append(f"locked visit {stop.visit} cannot start at {lock.start} "
                                    f"on day {lock.day}")
                begin = lock.start
            else:
                options = [max(arrival, o) for o, c in visit.windows if arrival <= c + TOLERANCE]
                if not options:
                    problems.append(f"day {day_index}: visit {stop.visit} arrives at "
                                    f"{arrival:.2f}, after all its windows")
                    break
                begin = min(options)
            clock = begin + visit.duration
            if visit.anywhere:
                pause += visit.duration
            else:
                here, left, pause = visit.node, clock, 0.0
        back = _arrival(problem, clock, here, left, pause, day.end_node)
        if back > day.close + TOLERANCE:
            problems.append(f"day {day_index}: back at {back:.2f}, after {day.close}")
    for lock in problem.locked:
        if lock.visit not in seen:
            problems.append(f"locked visit {lock.visit} was dropped")
    return problems


def _arrival(problem: Problem, clock: float, here: int, left: float, pause: float,
             node: int) -> float:
    """When the route reaches *node*: at *clock* plus the trip from *here*; after a break, no
    earlier than *here* was *left* plus the *pause* plus the trip."""
    trip = float(problem.travel[here, node])
    return max(clock, left + pause + trip) if pause else clock + trip


def score(problem: Problem, solution: Solution) -> float:
    """The value collected by *solution* (locked visits not counted), each visit worth what it
    is on its route."""
    locked = {lock.visit for lock in problem.locked}
    if problem.route_values is None:
        return sum(problem.visits[v].value for v in solution.visits() if v not in locked)
    return float(sum(problem.route_values[stop.visit, r]
                     for r, route in enumerate(solution.routes)
                     for stop in route if stop.visit not in locked))
