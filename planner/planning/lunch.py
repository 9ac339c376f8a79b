"""The delegation's lunch break on the days planning routes (on a day the delegation splits,
each group's on its own route, asked of its members only).

On a day the checker asks a lunch break of (no meal or long journey at lunchtime for everyone),
planning keeps one by the checker's rule: ``lunch_min`` free inside ``lunch_window`` (its travel
settings), the trip between the stops around it not counted. The break is a stop without a place
between two fixed stops that leave room for it (nearest :data:`LUNCH_AT`), free to move inside
the window: a meeting before it ends by its start, and the meeting after it starts no earlier
than its end, nor than the one before it ends plus the break plus the trip, so neither a meeting
nor a trip eats it. Where the fixed items leave no room for it, planning keeps the lunch the
checker finds before the day's first fixed item or after its last one (it counts no trip from or
to the hotel) by adding nothing before or after it; failing that, it adds nothing inside the
lunch window: the checker's warning is then the coordinator's own, as it was before planning.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
from numpy.typing import NDArray

from planner.feasibility.plan import Plan, PlanItem, at_local
from planner.model import ItemKind
from planner.planning.days import RoutedDay
from planner.planning.grid import grid_down, grid_up, minutes

#: When planning starts the delegation's lunch break (local time) if the fixed items allow; how
#: long it lasts and the window it must lie in are the checker's (``lunch_min``, ``lunch_window``).
LUNCH_AT = time(12, 0)


@dataclass(frozen=True)
class DayRoute:
    """A routed day as its lunch break needs it: the day's index in the problem, and its route
    before planning, in order: its start (node, open, open), the fixed stops (node, start, end on
    the grid) and its end (node, close, close)."""

    index: int
    routed: RoutedDay
    route: tuple[tuple[int, float, float], ...]


@dataclass(frozen=True)
class LunchBreak:
    """A break to keep on day *index*: between the stops around *moment*, starting anywhere
    from *earliest* to *latest* (minutes since the tour's origin)."""

    index: int
    moment: float
    earliest: float
    latest: float


@dataclass(frozen=True)
class KeepFree:
    """No room for a break on day *index*: add no meeting that overlaps or touches the open
    interval (*begin*, *end*)."""

    index: int
    begin: float
    end: float


def lunch_needed(plan: Plan, day: date, fixed: Sequence[PlanItem],
                 group: Collection[int] = ()) -> bool:
    """Whether the checker asks a lunch break of anyone (of *group*, if given) on *day* with the
    *fixed* items (in time order): its exemption, a meal or a journey of ``onboard_meal_min`` or
    more in someone's lunch window (read in the zone of their first item), must hold for every
    traveller."""
    s = plan.settings
    first, last = (time.fromisoformat(text) for text in s.lunch_window.split("-"))
    onboard = timedelta(minutes=s.onboard_meal_min)
    for traveller in group or plan.travellers:
        mine = [i for i in fixed if traveller in plan.attendees(i)]
        if not mine:
            return True
        w0, w1 = at_local(day, first, mine[0].zone), at_local(day, last, mine[0].zone)
        if not any(i.start < w1 and i.end > w0 and (i.kind is ItemKind.MEAL or (
                i.is_journey and i.end - i.start >= onboard)) for i in mine):
            return True
    return False


def lunch_breaks(plan: Plan, routes: list[DayRoute], travel: NDArray[np.float64],
                 same_day: list[set[int]], offices: list[tuple[int, str, float]],
                 origin: datetime) -> list[LunchBreak | KeepFree]:
    """Where each routed day that needs one keeps its lunch break: between which of its stops
    (a minute between them) and in which window (the checker's lunch window, less the break), or
    (no room for one) the times to keep free of new meetings: before the day's first fixed item
    or after its last one, where the checker finds lunch in the day as it is, else the lunch
    window.

    The break lies inside the checker's lunch window in every zone the checker may read it in:
    the zone of each traveller's first fixed item, or of the office of a meeting planned before
    it (*offices*: node, zone and minutes of each candidate). It goes between the two stops of the
    day before planning that leave room for it and the trip between them (with the checker's
    rule: the gap less the trip), nearest :data:`LUNCH_AT`; it floats in its window as meetings
    are added around it.
    """
    length = grid_up(plan.settings.lunch_min)
    breaks: list[LunchBreak | KeepFree] = []
    for day_route in routes:
        routed, route = day_route.routed, day_route.route
        day = routed.day
        if not lunch_needed(plan, day, routed.fixed, routed.group):
            continue
        start_node, open_at, _ = route[0]
        end_node, close_at, _ = route[-1]
        firsts = {mine[0].zone for traveller in routed.group or plan.travellers
                  if (mine := [i for i in routed.fixed if traveller in plan.attendees(i)])}
        today = {zone for node, zone, length_of in offices if node in same_day[day_route.index]
                 and travel[start_node, node] + length_of + travel[node, end_node]
                 <= close_at - open_at}
        choices = [(firsts | today) or {routed.zone}, firsts | {routed.zone}, {routed.zone}]
        windows = [_lunch_window(plan, day, zones, origin) for zones in choices]
        w0, w1 = next((w for w in windows if w[1] - w[0] >= length), windows[-1])
        prefer = grid_up(minutes(at_local(day, LUNCH_AT, routed.zone), origin))
        earliest, latest = grid_up(w0), grid_down(w1 - length)
        best: float | None = None
        for (before, _, free_from), (after, free_until, _) in itertools.pairwise(route):
            if any(u0 < free_until and u1 > free_from for u0, u1 in routed.placeless):
                continue  # the checker sees an item there that the route does not
            begin = max(free_from, earliest)
            if begin > min(latest, free_until - length) or max(
                    begin + length, free_from + length + travel[before, after]) > free_until:
                continue
            moment = min(max(prefer, begin), latest, free_until - length)
            if best is None or abs(moment - prefer) < abs(best - prefer):
                best = moment
        if best is not None:
            breaks.append(LunchBreak(day_route.index, best, earliest, latest))
            continue
        # No room for a break: the checker may still find lunch before the day's first item
        # or after its last one (it counts no trip from or to the hotel): keep that as it is,
        # by adding nothing before the first, or after the last, whichever leaves more room.
        lunch_min = plan.settings.lunch_min
        edges: list[tuple[float, tuple[float, float]]] = []
        if routed.fixed:
            first = minutes(routed.fixed[0].start, origin)
            last = routed.fixed[-1]
            last_start, last_end = minutes(last.start, origin), minutes(last.end, origin)
            if min(first, w1) - w0 >= lunch_min:
                edges.append((first - open_at, (open_at - 1, first)))
            if w1 - max(last_end, w0) >= lunch_min:
                edges.append((close_at - last_start, (last_start, close_at + 1)))
        if edges:
            breaks.append(KeepFree(day_route.index, *min(edges)[1]))
            continue
        # The fixed items take the lunch window: the coordinator's warning, as it was.
        each = [_lunch_window(plan, day, {zone}, origin) for zone in choices[0] | {routed.zone}]
        breaks.append(KeepFree(day_route.index, min(w[0] for w in each),
                               max(w[1] for w in each)))
    return breaks


def _lunch_window(plan: Plan, day: date, zones: set[str], origin: datetime) -> tuple[float, float]:
    """The checker's lunch window on *day* as it is in every one of *zones* (minutes)."""
    first, last = (time.fromisoformat(text) for text in plan.settings.lunch_window.split("-"))
    return (max(minutes(at_local(day, first, zone), origin) for zone in zones),
            min(minutes(at_local(day, last, zone), origin) for zone in zones))
