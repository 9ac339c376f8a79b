"""Iterated local search for the team orienteering problem with time windows.

The search builds on Vansteenwegen et al. (2009): *insert* visits greedily by value^k / extra
time until nothing fits, then perturb the solution and insert again. The perturbation removes
random visits (mostly) or a run of consecutive visits from every route (Vansteenwegen's shake);
insertion draws k from 1-3 and blurs the ratios with some noise, so that repeated attempts take
different paths. A perturbed solution is kept as the new current one if it scores no more than
2 % below the best (record-to-record travel), else the search returns to the current one; after
a long stretch without progress it returns to the best. Each new best solution is polished by a
local search that shortens routes (2-opt and moving single visits) to make room for more.

Routes are kept as earliest-start schedules. An insertion is feasible when its delay fits the
room the following visits leave (Vansteenwegen's Wait + MaxShift, O(1)); a visit with several
time windows could instead jump to a later window, so behind such a visit the delay is pushed
along the route exactly. Locked visits are visits with a window of one instant (a floating lock
keeps the visit's own windows). A visit without a place (a lunch break, one a day) is reached
without travel; the visit after it is reached no earlier than it ends, nor than the visit before
it ends plus the break plus the trip between the two (made before, after or around the break). A
delay before the break reaches the visit after it only beyond that slack; an insertion next to it
changes the trip past it, and is tested by the same rule. A visit may be worth more on one route
than on another (``Problem.route_values``: a group of travellers values a host by its members'
goals); insertion and the score read its value on the route, and a visit worth nothing there
never goes on it.

The inner loops are compiled with numba (cached on disk, so only the very first run pays the
compile time); the outer loop is Python, which checks the time limit, reports progress and
honours cancellation between iterations. For a given seed, the sequence of iterations is fixed:
with ``max_iterations`` the result is deterministic; a time limit may stop it earlier on a slower
or busier machine. Searching by time, it stops once it has stopped improving (:data:`PATIENCE`),
and says why it stopped (:class:`~planner.planning.problem.Stopped`).

A visit left out gets a code and the facts of each day its windows meet (``_why_left_out``): it
fits the day as fixed (only the locked visits: then better visits took the time), or it would fit
if the trips to and from it took no time (then the trips are what does not fit: the places and the
time free between them are named), or not even then (the locked visits in its window are named).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
from numba import njit
from numpy.typing import NDArray

from planner.planning.problem import DayFact, LeftOut, Problem, Solution, Stop, Stopped

EPS = 1e-6
#: Search parameters, tuned on the benchmark: the share of iterations that remove random visits
#: (the others remove a run of consecutive ones, as in Vansteenwegen's shake), the share of
#: visits such a removal takes out, and how far below the best score a solution may fall and
#: still be explored (record-to-record travel).
RANDOM_DESTROY = 0.9
SHARE_MIN, SHARE_MAX = 0.05, 0.25
DEVIATION = 0.02
#: Seconds kept back from the time limit for building the result.
RESERVE = 0.05
#: A search by time stops when it has stopped improving: when it has gone back to the best
#: solution this many times (see ``restart`` in ``solve``) without finding a better one, spent as
#: many iterations without one as it took to find the best, and no better one came for
#: :data:`PATIENCE_SHARE` of the time allowed. (A search by ``max_iterations`` runs them all, so
#: that a seed gives one result on any machine.) On the benchmark, better solutions came up to
#: 35 returns after the last one (r201, rc101), on pr01 up to 140 (28,500 iterations, about 1.8 s
#: of its 5); on the demo, none after the first iterations.
PATIENCE = 50
PATIENCE_SHARE = 0.4
Progress = Callable[[int, float, float], None]  # iteration, best score, seconds so far


# --- kernels ------------------------------------------------------------------------------------

@njit(cache=True)
def _start_in_window(node: int, arrival: float, wo: NDArray[np.float64],  # pragma: no cover
                     wc: NDArray[np.float64], wi: NDArray[np.int64]) -> float:
    """Earliest start at or after *arrival* in one of the node's windows; -1 if none."""
    for k in range(wi[node], wi[node + 1]):
        if arrival <= wc[k] + EPS:
            return float(max(arrival, wo[k]))
    return -1.0


@njit(cache=True)
def _schedule(route: NDArray[np.int64], length: int,  # pragma: no cover
              starts: NDArray[np.float64], travel: NDArray[np.float64],
              dur: NDArray[np.float64], wo: NDArray[np.float64], wc: NDArray[np.float64],
              wi: NDArray[np.int64], through: NDArray[np.bool_], day_open: float,
              day_close: float) -> bool:
    """Earliest start times along a route (written to *starts*); False if infeasible."""
    starts[0] = day_open
    here = route[0]  # the last place, and when the route left it
    left = day_open
    for p in range(1, length):
        prev = route[p - 1]
        node = route[p]
        if through[prev]:  # after a break: no earlier than the place before it allows either
            arrival = max(starts[p - 1] + dur[prev], left + dur[prev] + travel[here, node])
        else:
            arrival = starts[p - 1] + dur[prev] + travel[prev, node]
        if p == length - 1:
            starts[p] = arrival
            if arrival > day_close + EPS:
                return False
        else:
            s = _start_in_window(node, arrival, wo, wc, wi)
            if s < 0.0:
                return False
            starts[p] = s
            if not through[node]:
                here = node
                left = s + dur[node]
    return True


@njit(cache=True)
def _insertion_cost(route: NDArray[np.int64], length: int,  # pragma: no cover
                    starts: NDArray[np.float64], p: int, j: int,
                    travel: NDArray[np.float64], dur: NDArray[np.float64],
                    wo: NDArray[np.float64], wc: NDArray[np.float64], wi: NDArray[np.int64],
                    day_close: float) -> float:
    """Extra time of inserting node *j* before position *p*; -1 if that breaks the route."""
    prev = route[p - 1]
    nxt = route[p]
    arrival = starts[p - 1] + dur[prev] + travel[prev, j]
    sj = _start_in_window(j, arrival, wo, wc, wi)
    if sj < 0.0:
        return -1.0
    shift = travel[prev, j] + (sj - arrival) + dur[j] + travel[j, nxt] - travel[prev, nxt]
    t = sj + dur[j] + travel[j, nxt]
    q = p
    while True:
        node = route[q]
        if q == length - 1:
            if t > day_close + EPS:
                return -1.0
            break
        s = _start_in_window(node, t, wo, wc, wi)
        if s < 0.0:
            return -1.0
        if s <= starts[q] + EPS:
            break
        t = s + dur[node] + travel[node, route[q + 1]]
        q += 1
    return float(max(shift, 1e-9))


@njit(cache=True)
def _insertion_cost_by_break(route: NDArray[np.int64],  # pragma: no cover
                             length: int, starts: NDArray[np.float64], p: int, j: int,
                             travel: NDArray[np.float64], dur: NDArray[np.float64],
                             wo: NDArray[np.float64], wc: NDArray[np.float64],
                             wi: NDArray[np.int64], through: NDArray[np.bool_],
                             day_close: float) -> float:
    """``_insertion_cost`` on a route with a break (a visit without a place) after *p*, or
    next to it: the route is followed exactly, past the break too (see ``_schedule``)."""
    prev = route[p - 1]
    end = starts[p - 1] + dur[prev]  # when the route before p is done
    pause = 0.0  # the break since the last place
    here = prev
    left = end
    if through[prev]:
        here = route[p - 2]
        left = starts[p - 2] + dur[here]
        pause = dur[prev]
    origin = here
    leg = 0.0 if through[j] else travel[here, j]
    if through[j]:
        arrival = end
    elif pause > 0.0:
        arrival = max(end, left + pause + leg)
    else:
        arrival = end + leg
    sj = _start_in_window(j, arrival, wo, wc, wi)
    if sj < 0.0:
        return -1.0
    after = p  # the next place (a route ends at one)
    while through[route[after]]:
        after += 1
    end = sj + dur[j]
    if through[j]:
        pause += dur[j]
    else:
        here = j
        left = end
        pause = 0.0
    shift = leg + (sj - arrival) + dur[j] + travel[here, route[after]] \
        - travel[origin, route[after]]
    q = p
    while True:
        node = route[q]
        if through[node]:
            arrival = end
        elif pause > 0.0:
            arrival = max(end, left + pause + travel[here, node])
        else:
            arrival = end + travel[here, node]
        if q == length - 1:
            if arrival > day_close + EPS:
                return -1.0
            break
        s = _start_in_window(node, arrival, wo, wc, wi)
        if s < 0.0:
            return -1.0
        if s <= starts[q] + EPS and not through[node]:
            break  # from here on the route is as it was (or earlier)
        end = s + dur[node]
        if through[node]:
            pause += dur[node]
        else:
            here = node
            left = end
            pause = 0.0
        q += 1
    return float(max(shift, 1e-9))


@njit(cache=True)
def _room(route: NDArray[np.int64], length: int, starts: NDArray[np.float64],  # pragma: no cover
          travel: NDArray[np.float64], dur: NDArray[np.float64], wo: NDArray[np.float64],
          wc: NDArray[np.float64], wi: NDArray[np.int64], through: NDArray[np.bool_],
          day_close: float, room: NDArray[np.float64], multi: NDArray[np.bool_]) -> None:
    """How much the arrival at each position can be delayed without breaking the route.

    ``room[q]`` = waiting at q + the largest shift of q's start that every later visit absorbs
    (Vansteenwegen's Wait + MaxShift). A visit with several windows could also jump to a later
    window, which this does not count; ``multi[q]`` says such a visit lies at q or after it, so
    the caller checks those cases exactly. At a break, a delay (of the visit before it) must
    leave the break in its window, and reaches the visit after it only beyond the slack it had.
    """
    last = length - 1
    arrival_end = starts[last]
    room[last] = day_close - arrival_end
    multi[last] = False
    for q in range(last - 1, 0, -1):
        node = route[q]
        prev = route[q - 1]
        if through[prev]:
            before = route[q - 2]
            arrival = max(starts[q - 1] + dur[prev],
                          starts[q - 2] + dur[before] + dur[prev] + travel[before, node])
        else:
            arrival = starts[q - 1] + dur[prev] + travel[prev, node]
        close = starts[q]
        for k in range(wi[node], wi[node + 1]):
            if wo[k] - EPS <= starts[q] <= wc[k] + EPS:
                close = wc[k]
                break
        if through[node]:
            slack = max(0.0, starts[q] - arrival - travel[prev, route[q + 1]])
            room[q] = min(close - arrival, slack + room[q + 1])
        else:
            max_shift = min(close - starts[q], room[q + 1])
            room[q] = (starts[q] - arrival) + max_shift
        multi[q] = multi[q + 1] or (wi[node + 1] - wi[node] > 1)


@njit(cache=True)
def _route_best(r: int, routes: NDArray[np.int64], lengths: NDArray[np.int64],  # pragma: no cover
                starts: NDArray[np.float64], visited: NDArray[np.bool_],
                nodes: NDArray[np.int64], values: NDArray[np.float64],
                travel: NDArray[np.float64], dur: NDArray[np.float64],
                wo: NDArray[np.float64], wc: NDArray[np.float64], wi: NDArray[np.int64],
                through: NDArray[np.bool_], day_close: NDArray[np.float64],
                cost: NDArray[np.float64], where: NDArray[np.int64]) -> None:
    """For every unvisited visit, its cheapest feasible position in route *r* (cost -1: none;
    a visit worth nothing on the route, ``values[v, r]``, has none)."""
    length = lengths[r]
    room = np.empty(length, dtype=np.float64)
    multi = np.zeros(length, dtype=np.bool_)
    _room(routes[r], length, starts[r], travel, dur, wo, wc, wi, through, day_close[r], room,
          multi)
    pause_at = -1  # the position of the route's break (a visit without a place), if any
    for q in range(length):
        if through[routes[r, q]]:
            pause_at = q
    for v in range(nodes.shape[0]):
        cost[v, r] = -1.0
        if visited[v] or values[v, r] <= 0.0:
            continue
        j = nodes[v]
        last_close = wc[wi[j + 1] - 1]
        for p in range(1, length):
            prev = routes[r, p - 1]
            if starts[r, p - 1] + dur[prev] > last_close + EPS:
                break  # starts only grow along the route: no later position can work either
            nxt = routes[r, p]
            if through[j]:
                c = _insertion_cost_by_break(routes[r], length, starts[r], p, j, travel, dur,
                                             wo, wc, wi, through, day_close[r])
                if c < 0.0:
                    continue
            elif p == pause_at:  # right before the break: the trip past it starts from j
                arrival = starts[r, p - 1] + dur[prev] + travel[prev, j]
                sj = _start_in_window(j, arrival, wo, wc, wi)
                if sj < 0.0:
                    continue
                done = sj + dur[j]
                begin = _start_in_window(nxt, done, wo, wc, wi)
                if begin < 0.0:
                    continue
                after = routes[r, p + 1]
                was = max(starts[r, p] + dur[nxt],
                          starts[r, p - 1] + dur[prev] + dur[nxt] + travel[prev, after])
                now = max(begin + dur[nxt], done + dur[nxt] + travel[j, after])
                shift = travel[prev, j] + (sj - arrival) + dur[j] + travel[j, after] \
                    - travel[prev, after]
                if now - was <= room[p + 1] + EPS:
                    c = max(shift, 1e-9)
                elif multi[p + 1]:
                    c = _insertion_cost_by_break(routes[r], length, starts[r], p, j, travel,
                                                 dur, wo, wc, wi, through, day_close[r])
                else:
                    continue
            elif p == pause_at + 1:  # right after the break: the trip to j is past it
                before = routes[r, p - 2]
                done = starts[r, p - 2] + dur[before]
                resume = starts[r, p - 1] + dur[prev]
                arrival = max(resume, done + dur[prev] + travel[before, j])
                sj = _start_in_window(j, arrival, wo, wc, wi)
                if sj < 0.0:
                    continue
                shift = sj + dur[j] + travel[j, nxt] \
                    - max(resume, done + dur[prev] + travel[before, nxt])
                if shift <= room[p] + EPS:
                    c = max(shift, 1e-9)
                elif multi[p]:
                    c = _insertion_cost_by_break(routes[r], length, starts[r], p, j, travel,
                                                 dur, wo, wc, wi, through, day_close[r])
                else:
                    continue
            else:
                arrival = starts[r, p - 1] + dur[prev] + travel[prev, j]
                sj = _start_in_window(j, arrival, wo, wc, wi)
                if sj < 0.0:
                    continue
                shift = travel[prev, j] + (sj - arrival) + dur[j] + travel[j, nxt] \
                    - travel[prev, nxt]
                if shift <= room[p] + EPS:
                    c = max(shift, 1e-9)
                elif multi[p] and p < pause_at:  # the push goes past the break
                    c = _insertion_cost_by_break(routes[r], length, starts[r], p, j, travel,
                                                 dur, wo, wc, wi, through, day_close[r])
                elif multi[p]:
                    c = _insertion_cost(routes[r], length, starts[r], p, j, travel, dur, wo, wc,
                                        wi, day_close[r])
                else:
                    continue
            if c >= 0.0 and (cost[v, r] < 0.0 or c < cost[v, r]):
                cost[v, r] = c
                where[v, r] = p


@njit(cache=True)
def _insert_greedily(routes: NDArray[np.int64], lengths: NDArray[np.int64],  # pragma: no cover
                     starts: NDArray[np.float64], visited: NDArray[np.bool_],
                     nodes: NDArray[np.int64], values: NDArray[np.float64],
                     travel: NDArray[np.float64], dur: NDArray[np.float64],
                     wo: NDArray[np.float64], wc: NDArray[np.float64], wi: NDArray[np.int64],
                     through: NDArray[np.bool_], day_open: NDArray[np.float64],
                     day_close: NDArray[np.float64], power: float, noise: float) -> int:
    """Insert the best visit (value**power / extra time, blurred by *noise*) until none fits.

    The cheapest position of every visit in every route is kept and, after an insertion,
    recomputed for the one route that changed.
    """
    n_routes = routes.shape[0]
    n_visits = nodes.shape[0]
    cost = np.empty((n_visits, n_routes), dtype=np.float64)
    where = np.zeros((n_visits, n_routes), dtype=np.int64)
    for r in range(n_routes):
        _route_best(r, routes, lengths, starts, visited, nodes, values, travel, dur, wo, wc, wi,
                    through, day_close, cost, where)
    inserted = 0
    while True:
        best_ratio = -1.0
        best_v = -1
        best_r = -1
        for v in range(n_visits):
            if visited[v]:
                continue
            for r in range(n_routes):
                c = cost[v, r]
                if c < 0.0:
                    continue
                ratio = values[v, r] ** power / c
                if noise > 0.0:
                    ratio *= 1.0 + noise * np.random.random()
                if ratio > best_ratio:
                    best_ratio = ratio
                    best_v = v
                    best_r = r
        if best_v < 0:
            return inserted
        r = best_r
        p = where[best_v, r]
        length = lengths[r]
        for q in range(length, p, -1):
            routes[r, q] = routes[r, q - 1]
        routes[r, p] = nodes[best_v]
        lengths[r] = length + 1
        visited[best_v] = True
        _schedule(routes[r], lengths[r], starts[r], travel, dur, wo, wc, wi, through,
                  day_open[r], day_close[r])
        _route_best(r, routes, lengths, starts, visited, nodes, values, travel, dur, wo, wc, wi,
                    through, day_close, cost, where)
        inserted += 1


@njit(cache=True)
def _seed(seed: int) -> None:  # pragma: no cover
    """Seed numba's own random generator (used by the kernels)."""
    np.random.seed(seed)


@njit(cache=True)
def _adopt_if_shorter(route: NDArray[np.int64], starts: NDArray[np.float64],  # pragma: no cover
                      candidate: NDArray[np.int64], trial: NDArray[np.float64], length: int,
                      travel: NDArray[np.float64], dur: NDArray[np.float64],
                      wo: NDArray[np.float64], wc: NDArray[np.float64], wi: NDArray[np.int64],
                      through: NDArray[np.bool_], day_open: float, day_close: float) -> bool:
    """Replace *route* by *candidate* (same visits, other order) if it is feasible and ends
    earlier; True if it did."""
    if not _schedule(candidate, length, trial, travel, dur, wo, wc, wi, through, day_open,
                     day_close):
        return False
    if trial[length - 1] >= starts[length - 1] - EPS:
        return False
    for q in range(length):
        route[q] = candidate[q]
        starts[q] = trial[q]
    return True


@njit(cache=True)
def _tighten(routes: NDArray[np.int64], lengths: NDArray[np.int64],  # pragma: no cover
             starts: NDArray[np.float64], movable: NDArray[np.bool_],
             travel: NDArray[np.float64], dur: NDArray[np.float64], wo: NDArray[np.float64],
             wc: NDArray[np.float64], wi: NDArray[np.int64], through: NDArray[np.bool_],
             day_open: NDArray[np.float64], day_close: NDArray[np.float64]) -> None:
    """Shorten each route (2-opt reversals, then moving one visit) while it stays feasible.

    A route ends earlier, so later insertions have more room; the set of visits is unchanged.
    """
    n_routes = routes.shape[0]
    buffer = np.empty(routes.shape[1], dtype=np.int64)
    trial = np.empty(routes.shape[1], dtype=np.float64)
    for r in range(n_routes):
        improved = True
        while improved:
            improved = False
            length = lengths[r]
            for a in range(1, length - 2):
                if not movable[routes[r, a]]:
                    continue
                for b in range(a + 1, length - 1):
                    if not movable[routes[r, b]]:
                        break
                    for q in range(length):
                        buffer[q] = routes[r, q]
                    lo = a
                    hi = b
                    while lo < hi:
                        tmp = buffer[lo]
                        buffer[lo] = buffer[hi]
                        buffer[hi] = tmp
                        lo += 1
                        hi -= 1
                    if _adopt_if_shorter(routes[r], starts[r], buffer, trial, length, travel,
                                         dur, wo, wc, wi, through, day_open[r], day_close[r]):
                        improved = True
            for a in range(1, length - 1):
                if not movable[routes[r, a]]:
                    continue
                for b in range(1, length - 1):
                    if b == a:
                        continue
                    # The visit at a moves to b; 0 < b < length - 1, so it is always placed
                    # before the route's last node and the route keeps its start and end.
                    node = routes[r, a]
                    k = 0
                    for q in range(length):
                        if q == a:
                            continue
                        if k == b:
                            buffer[k] = node
                            k += 1
                        buffer[k] = routes[r, q]
                        k += 1
                    if _adopt_if_shorter(routes[r], starts[r], buffer, trial, length, travel,
                                         dur, wo, wc, wi, through, day_open[r], day_close[r]):
                        improved = True


@njit(cache=True)
def _drop(route: NDArray[np.int64], length: int, starts: NDArray[np.float64],  # pragma: no cover
          drop: NDArray[np.bool_], visited: NDArray[np.bool_], visit_of_node: NDArray[np.int64],
          travel: NDArray[np.float64], dur: NDArray[np.float64], wo: NDArray[np.float64],
          wc: NDArray[np.float64], wi: NDArray[np.int64], through: NDArray[np.bool_],
          day_open: float, day_close: float) -> int:
    """Remove the positions *drop* marks from a route; returns its new length.

    Leaving a visit out delays none of the others when travel times obey the triangle
    inequality. Past a visit without a place it can (the trip after the break then starts from
    an earlier place, perhaps farther away), and real travel times need not obey it: a removal
    that would break the route is then not made, the others are, one at a time.
    """
    kept = route[:length].copy()
    k = 0
    for q in range(length):
        if not drop[q]:
            route[k] = kept[q]
            k += 1
    if _schedule(route, k, starts, travel, dur, wo, wc, wi, through, day_open, day_close):
        for q in range(length):
            if drop[q]:
                visited[visit_of_node[kept[q]]] = False
        return k
    k = length
    for q in range(length):
        route[q] = kept[q]
    for q in range(length - 1, 0, -1):  # from the end: earlier positions stay where they are
        if not drop[q]:
            continue
        node = route[q]
        for x in range(q, k - 1):
            route[x] = route[x + 1]
        if _schedule(route, k - 1, starts, travel, dur, wo, wc, wi, through, day_open,
                     day_close):
            visited[visit_of_node[node]] = False
            k -= 1
        else:
            for x in range(k - 1, q, -1):
                route[x] = route[x - 1]
            route[q] = node
    _schedule(route, k, starts, travel, dur, wo, wc, wi, through, day_open, day_close)
    return k


@njit(cache=True)
def _shake(routes: NDArray[np.int64], lengths: NDArray[np.int64],  # pragma: no cover
           starts: NDArray[np.float64], visited: NDArray[np.bool_],
           visit_of_node: NDArray[np.int64], movable: NDArray[np.bool_], first: int, count: int,
           travel: NDArray[np.float64], dur: NDArray[np.float64], wo: NDArray[np.float64],
           wc: NDArray[np.float64], wi: NDArray[np.int64], through: NDArray[np.bool_],
           day_open: NDArray[np.float64], day_close: NDArray[np.float64]) -> None:
    """Remove *count* consecutive movable visits from every route, from the *first*-th on."""
    drop = np.zeros(routes.shape[1], dtype=np.bool_)
    for r in range(routes.shape[0]):
        length = lengths[r]
        movable_total = 0
        for q in range(1, length - 1):
            if movable[routes[r, q]]:
                movable_total += 1
        if movable_total == 0:
            continue
        begin = first % movable_total
        seen = 0
        for q in range(length):
            node = routes[r, q]
            drop[q] = False
            if 0 < q < length - 1 and movable[node]:
                drop[q] = begin <= seen < begin + count
                seen += 1
        lengths[r] = _drop(routes[r], length, starts[r], drop, visited, visit_of_node, travel,
                           dur, wo, wc, wi, through, day_open[r], day_close[r])


@njit(cache=True)
def _remove_random(routes: NDArray[np.int64], lengths: NDArray[np.int64],  # pragma: no cover
                   starts: NDArray[np.float64], visited: NDArray[np.bool_],
                   visit_of_node: NDArray[np.int64], movable: NDArray[np.bool_],
                   share: float, travel: NDArray[np.float64], dur: NDArray[np.float64],
                   wo: NDArray[np.float64], wc: NDArray[np.float64], wi: NDArray[np.int64],
                   through: NDArray[np.bool_], day_open: NDArray[np.float64],
                   day_close: NDArray[np.float64]) -> None:
    """Remove each movable visit with probability *share* (a random perturbation)."""
    drop = np.zeros(routes.shape[1], dtype=np.bool_)
    for r in range(routes.shape[0]):
        length = lengths[r]
        for q in range(length):
            node = routes[r, q]
            drop[q] = 0 < q < length - 1 and movable[node] and np.random.random() < share
        lengths[r] = _drop(routes[r], length, starts[r], drop, visited, visit_of_node, travel,
                           dur, wo, wc, wi, through, day_open[r], day_close[r])


# --- the search ---------------------------------------------------------------------------------

class _Arrays:
    """The problem as flat arrays for the kernels."""

    def __init__(self, problem: Problem) -> None:
        problem.validate()
        size = problem.travel.shape[0]
        self.travel = np.ascontiguousarray(problem.travel, dtype=np.float64)
        self.dur = np.zeros(size)
        self.nodes = np.array([v.node for v in problem.visits], dtype=np.int64)
        self.values = np.ascontiguousarray(problem.values())  # visits × routes
        self.visit_of_node = np.full(size, -1, dtype=np.int64)
        windows: list[list[tuple[float, float]]] = [[(-math.inf, math.inf)]
                                                    for _ in range(size)]
        locked = {lock.visit: lock for lock in problem.locked if not lock.floating}
        for n, visit in enumerate(problem.visits):
            if self.visit_of_node[visit.node] != -1:
                raise ValueError(f"visits {self.visit_of_node[visit.node]} and {n} share node "
                                 f"{visit.node}; give each visit its own node")
            self.visit_of_node[visit.node] = n
            self.dur[visit.node] = visit.duration
            windows[visit.node] = ([(locked[n].start, locked[n].start)] if n in locked
                                   else sorted(visit.windows))
        self.movable = np.ones(size, dtype=np.bool_)
        for lock in problem.locked:
            self.movable[problem.visits[lock.visit].node] = False
        self.through = np.zeros(size, dtype=np.bool_)
        for visit in problem.visits:
            self.through[visit.node] = visit.anywhere
        if self.through.any():  # getting to a visit without a place takes no time
            self.travel = self.travel.copy()
            self.travel[:, self.through] = 0.0
        self.wi = np.zeros(size + 1, dtype=np.int64)
        flat: list[tuple[float, float]] = []
        for node in range(size):
            flat.extend(windows[node])
            self.wi[node + 1] = len(flat)
        self.wo = np.array([o for o, _ in flat], dtype=np.float64)
        self.wc = np.array([c for _, c in flat], dtype=np.float64)
        self.day_open = np.array([d.open for d in problem.days], dtype=np.float64)
        self.day_close = np.array([d.close for d in problem.days], dtype=np.float64)
        self.capacity = len(problem.visits) + 2


_Initial = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.bool_],
                 list[int]]


def _initial(problem: Problem, a: _Arrays) -> _Initial:
    """Routes holding only the locked visits; also the days whose locks cannot all be kept."""
    m = len(problem.days)
    routes = np.zeros((m, a.capacity), dtype=np.int64)
    lengths = np.full(m, 2, dtype=np.int64)
    starts = np.zeros((m, a.capacity), dtype=np.float64)
    visited = np.zeros(len(problem.visits), dtype=np.bool_)
    by_day: dict[int, list[tuple[float, int]]] = {}
    for lock in problem.locked:
        by_day.setdefault(lock.day, []).append((lock.start, problem.visits[lock.visit].node))
        visited[lock.visit] = True
    broken: list[int] = []
    for r, day in enumerate(problem.days):
        fixed = sorted(by_day.get(r, []))
        sequence = [day.start_node] + [node for _, node in fixed] + [day.end_node]
        routes[r, :len(sequence)] = sequence
        lengths[r] = len(sequence)
        if not _schedule(routes[r], lengths[r], starts[r], a.travel, a.dur, a.wo, a.wc, a.wi,
                         a.through, a.day_open[r], a.day_close[r]):
            broken.append(r)  # keep the locks as they are; add nothing to this day
            starts[r, 0] = a.day_open[r]
            for q, (moment, _) in enumerate(fixed, start=1):
                starts[r, q] = moment
    return routes, lengths, starts, visited, broken


@njit(cache=True)
def _score(values: NDArray[np.float64], routes: NDArray[np.int64],  # pragma: no cover
           lengths: NDArray[np.int64], visit_of_node: NDArray[np.int64],
           movable: NDArray[np.bool_]) -> float:
    """The value the routes collect: each movable visit worth what it is on its route."""
    total = 0.0
    for r in range(routes.shape[0]):
        for q in range(1, lengths[r] - 1):
            node = routes[r, q]
            if movable[node]:
                total += values[visit_of_node[node], r]
    return total


def solve(problem: Problem, seconds: float = 5.0, seed: int | None = 0,
          progress: Progress | None = None, cancel: Callable[[], bool] | None = None,
          max_iterations: int | None = None, stop_when_stale: bool = True) -> Solution:
    """Choose and order visits over the days to collect the most value.

    Locked visits stay exactly where they are (their value is not counted in the score).
    Stops after *seconds*, *max_iterations*, when *cancel* returns True, or (*stop_when_stale*,
    searching by time) when it has stopped improving (see :data:`PATIENCE`); returns the best
    solution found, and why it stopped (:class:`~planner.planning.problem.Stopped`).
    """
    began = time.perf_counter()
    a = _Arrays(problem)
    rng = np.random.default_rng(seed)
    locked = {lock.visit for lock in problem.locked}
    routes, lengths, starts, visited, broken = _initial(problem, a)
    closes = a.day_close.copy()
    closes[broken] = -np.inf  # nothing fits into a day whose locked visits already conflict
    args = (a.travel, a.dur, a.wo, a.wc, a.wi, a.through)
    n_movable = max(1, len(problem.visits) - len(locked))
    # With no day, or nothing but locked visits, there is nothing to choose: searching would only
    # spend the time limit (and a route-free search has no shortest route to shake).
    searching = bool(problem.days) and len(locked) < len(problem.visits)

    _seed(int(rng.integers(0, 2**31 - 1)))

    def insert(power: float, noise: float = 0.0) -> None:
        _insert_greedily(routes, lengths, starts, visited, a.nodes, a.values, *args,
                         a.day_open, closes, power, noise)

    insert(2.0)
    _tighten(routes, lengths, starts, a.movable, *args, a.day_open, closes)
    insert(2.0)
    def snapshot() -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64],
                            NDArray[np.bool_]]:
        return routes.copy(), lengths.copy(), starts.copy(), visited.copy()

    best = snapshot()
    best_score = current_score = _score(a.values, routes, lengths, a.visit_of_node, a.movable)
    current = best
    size, first, stale, iteration = 1, 1, 0, 0
    limit = max(1, n_movable // (3 * max(1, len(problem.days))))
    step = 0.0  # how long the last iteration took: do not start one that would overrun
    restart = max(200, 4 * n_movable)  # iterations without progress before back to the best
    stopped = Stopped.NOTHING_TO_CHOOSE
    best_iteration, best_seconds = 0, time.perf_counter() - began
    while searching:
        if max_iterations is not None and iteration >= max_iterations:
            stopped = Stopped.ITERATIONS
            break
        now = time.perf_counter()
        if now - began + 2 * step + RESERVE >= seconds:
            stopped = Stopped.TIME
            break
        if stop_when_stale and max_iterations is None \
                and stale >= max(PATIENCE * restart, best_iteration) \
                and now - began - best_seconds >= PATIENCE_SHARE * seconds:
            stopped = Stopped.NO_BETTER
            break
        if cancel is not None and cancel():
            stopped = Stopped.CANCELLED
            break
        iteration += 1
        if rng.random() < RANDOM_DESTROY:
            _remove_random(routes, lengths, starts, visited, a.visit_of_node, a.movable,
                           float(rng.uniform(SHARE_MIN, SHARE_MAX)), *args, a.day_open, closes)
        else:
            _shake(routes, lengths, starts, visited, a.visit_of_node, a.movable, first, size,
                   *args, a.day_open, closes)
        insert(float(rng.choice((1.0, 2.0, 2.0, 3.0))), float(rng.choice((0.0, 0.0, 0.3, 1.0))))
        score = _score(a.values, routes, lengths, a.visit_of_node, a.movable)
        if score > best_score + EPS:
            _tighten(routes, lengths, starts, a.movable, *args, a.day_open, closes)
            insert(2.0)
            score = _score(a.values, routes, lengths, a.visit_of_node, a.movable)
            best = snapshot()
            best_score = score
            size, stale = 1, 0
            best_iteration, best_seconds = iteration, time.perf_counter() - began
        else:
            stale += 1
        if score >= current_score - EPS or score >= best_score * (1.0 - DEVIATION):
            current, current_score = snapshot(), score  # record-to-record travel
        else:
            routes, lengths = current[0].copy(), current[1].copy()
            starts, visited = current[2].copy(), current[3].copy()
        first += size
        size += 1
        shortest = int(min(lengths)) - 2
        if shortest > 0 and first >= shortest:
            first -= shortest
        if size > limit:
            size = 1
        if stale and stale % restart == 0:  # wandered off: back to the best
            current, current_score = best, best_score
            routes, lengths = best[0].copy(), best[1].copy()
            starts, visited = best[2].copy(), best[3].copy()
            first = int(rng.integers(1, max(2, n_movable)))
        if progress is not None and iteration % 50 == 0:
            progress(iteration, best_score, time.perf_counter() - began)
        step = time.perf_counter() - now
    routes, lengths, starts, visited = best[0], best[1], best[2], best[3]
    solution_routes = [[Stop(int(a.visit_of_node[routes[r, q]]), float(starts[r, q]))
                        for q in range(1, lengths[r] - 1)] for r in range(len(problem.days))]
    initial = _initial(problem, a)
    left_out: dict[int, LeftOut] = {}
    facts: dict[int, tuple[DayFact, ...]] = {}
    for v in range(len(problem.visits)):
        if not visited[v]:
            left_out[v], facts[v] = _why_left_out(problem, a, v, initial)
    if progress is not None:
        progress(iteration, best_score, time.perf_counter() - began)
    return Solution(solution_routes, left_out, best_score, iteration,
                    time.perf_counter() - began, broken, facts, stopped, best_seconds,
                    best_iteration)


def _why_left_out(problem: Problem, a: _Arrays, visit: int, initial: _Initial
                 ) -> tuple[LeftOut, tuple[DayFact, ...]]:
    """Why *visit* is left out, and the facts of each day its windows meet (of the routes it
    is worth something on): whether it fits the
    day as fixed (only the locked visits), or would fit without the trips (then the trips are
    what does not fit), or not even then (fixed visits fill its window)."""
    node = problem.visits[visit].node
    duration = problem.visits[visit].duration
    routes, lengths, starts, _, broken = initial
    facts: list[DayFact] = []
    for r, day in enumerate(problem.days):
        windows = [(o, c) for o, c in problem.visits[visit].windows
                   if o <= day.close and c >= day.open]
        if not windows:
            continue
        window = windows[0]
        if a.values[visit, r] <= 0.0:  # worth nothing to those who travel the route
            facts.append(DayFact(r, LeftOut.APART, window))
            continue
        if r in broken:
            facts.append(DayFact(r, LeftOut.DAY_LEFT_ALONE, window))
            continue
        length = int(lengths[r])
        if any(_insertion_cost_by_break(routes[r], length, starts[r], p, node, a.travel, a.dur,
                                        a.wo, a.wc, a.wi, a.through,
                                        float(a.day_close[r])) >= 0 for p in range(1, length)):
            facts.append(DayFact(r, LeftOut.LOW_VALUE, window))
            continue
        near = a.travel.copy()  # the same day with the trips to and from the visit left out
        near[node, :] = 0.0
        near[:, node] = 0.0
        room = [p for p in range(1, length)
                if _insertion_cost_by_break(routes[r], length, starts[r], p, node, near, a.dur,
                                            a.wo, a.wc, a.wi, a.through,
                                            float(a.day_close[r])) >= 0]
        if room:
            facts.append(min((_trips(problem, a, r, p, node, duration, windows, initial)
                              for p in room), key=lambda fact: fact[0])[1])
        else:
            facts.append(DayFact(r, LeftOut.NO_ROOM, window,
                                 taken_by=_inside(problem, r, windows, duration)))
    for code in (LeftOut.LOW_VALUE, LeftOut.TOO_FAR, LeftOut.NO_ROOM, LeftOut.DAY_LEFT_ALONE):
        if any(fact.fit is code for fact in facts):
            return code, tuple(fact for fact in facts if fact.fit is not LeftOut.APART)
    if facts:  # only routes it is worth nothing on: its attendees travel apart
        return LeftOut.APART, tuple(facts)
    return LeftOut.NO_SLOT, ()


def _trips(problem: Problem, a: _Arrays, r: int, p: int, node: int, duration: float,
           windows: list[tuple[float, float]], initial: _Initial) -> tuple[float, DayFact]:
    """The visit between positions *p* - 1 and *p* of day *r* as fixed: the places it would be
    reached from and go on to (a visit without a place is passed), the time free between them,
    the trips; and by how much the best of its *windows* misses (the smallest is named)."""
    routes, lengths, starts, _, _ = initial
    route = routes[r]
    before = p - 1
    while a.through[route[before]]:
        before -= 1
    after = p
    while a.through[route[after]]:
        after += 1
    free_from = float(starts[r, p - 1] + a.dur[route[p - 1]])
    free_to = float(a.day_close[r] if after == int(lengths[r]) - 1 else starts[r, after])
    trip_in = float(a.travel[route[before], node])
    trip_out = float(a.travel[node, route[after]])
    best = math.inf
    chosen = windows[0]
    for o, c in windows:
        begin = max(free_from + trip_in, o)
        miss = max(begin - c, begin + duration + trip_out - free_to)
        if miss < best:
            best, chosen = miss, (o, c)
    return best, DayFact(r, LeftOut.TOO_FAR, chosen, int(route[before]), int(route[after]),
                         (free_from, free_to), trip_in, trip_out)


def _inside(problem: Problem, r: int, windows: list[tuple[float, float]], duration: float
            ) -> tuple[int, ...]:
    """The locked visits of day *r* that overlap a meeting started in one of *windows*."""
    found = []
    for lock in sorted(problem.locked, key=lambda lock: lock.start):
        if lock.day != r:
            continue
        end = lock.start + problem.visits[lock.visit].duration
        if any(lock.start < c + duration and end > o for o, c in windows):
            found.append(lock.visit)
    return tuple(found)
