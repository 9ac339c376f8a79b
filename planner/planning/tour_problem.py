"""A tour as a planning problem (:mod:`planner.planning.problem`): visits, days, travel, locks.

The routes are the routed days, one for each group of travellers on a day the delegation splits
(:mod:`planner.planning.groups`); a candidate is worth, on a group's route, what it is worth to
the group's goals (``Problem.route_values``). The visits are the candidates first
(:mod:`planner.planning.candidates`; visit *n* is candidate *n*), then each route's fixed
stops, locked where they are (:mod:`planner.planning.days`), then the lunch breaks
(:mod:`planner.planning.lunch`), each floating in its window. A meeting may start in the host's
windows within the working day (:mod:`planner.planning.windows`); travel between stops comes
from the checker's own model (:mod:`planner.planning.travel_matrix`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

import numpy as np
from numpy.typing import NDArray

from planner.feasibility.checks import Context
from planner.feasibility.plan import Plan, PlanItem, PlanTraveller
from planner.model import ItemStatus
from planner.planning.candidates import Candidate
from planner.planning.days import routed_days
from planner.planning.grid import grid_up, minutes, origin_of
from planner.planning.groups import Group, day_groups
from planner.planning.lunch import DayRoute, KeepFree, lunch_breaks
from planner.planning.prerequisites import NO_HOTEL_DAYS, NothingToPlan
from planner.planning.problem import Day, Locked, Problem, Visit
from planner.planning.travel_matrix import Node, Nodes, nodes_by_day, travel_matrix
from planner.planning.windows import NEVER, Window, meeting_windows, without_starts
from planner.travel import TravelModel


@dataclass(frozen=True)
class TourProblem:
    """The problem, and what its indices stand for in the tour."""

    problem: Problem
    candidates: tuple[Candidate, ...]  # visit n is a meeting with candidates[n]
    days: tuple[date, ...]  # problem.days[r] is days[r] (a day the delegation splits: twice)
    origin: datetime  # minute 0 of the problem's time line
    meeting_minutes: int  # how long a new meeting lasts
    #: What the rows of the travel matrix stand for (lunch breaks have none), the fixed items
    #: with a place (visit len(candidates) + k is stops[k]; the lunch breaks come after them),
    #: and the travel model the matrix comes from: the words for why a host is left out.
    nodes: tuple[Node, ...] = ()
    stops: tuple[PlanItem, ...] = ()
    model: TravelModel | None = None
    #: Who travels each route: problem.days[r] is the route of groups[r] (everyone's, or a
    #: group's on a day the delegation splits, see :mod:`planner.planning.groups`).
    groups: tuple[Group, ...] = ()
    travellers: tuple[PlanTraveller, ...] = ()  # the delegation, in its order


def tour_problem(plan: Plan, ctx: Context, found: list[Candidate], meeting_minutes: int
                 ) -> TourProblem:
    """The planning problem of the tour in *plan*, with meetings with the *found* candidates.
    Raises :class:`NothingToPlan` when no day can be routed."""
    origin = origin_of(plan)
    movable = {c.existing.uid for c in found if c.existing is not None}
    fixed_items = [plan_item for plan_item in plan.items.values()
                   if plan_item.status is not ItemStatus.CANCELLED
                   and plan_item.uid not in movable]
    routed = routed_days(plan, fixed_items, origin, lambda day, fixed: day_groups(
        plan, day, fixed, lambda: _preferences(plan, found, day, meeting_minutes, origin)))
    if not routed:
        raise NothingToPlan(NO_HOTEL_DAYS)
    nodes = Nodes()
    offices = [nodes.add(c.office) for c in found]
    windows: list[list[Window]] = [[] for _ in found]
    stops: list[Visit] = []
    fixed_stops: list[PlanItem] = []
    locked: list[Locked] = []
    days: list[Day] = []
    #: node of a fixed item -> how far its end lies before the grid: the solver sees it end on
    #: the grid (a train at 15:34 ends at 15:35), so a meeting after it, or after a lunch break
    #: after it, starts on the grid too; trips to fixed items and hotels are that much shorter.
    padding: dict[int, float] = {}
    routes: list[DayRoute] = []
    for index, day in enumerate(routed):
        start_node, end_node = nodes.add(day.start), nodes.add(day.end, kind=day.end_kind)
        days.append(Day(start_node, end_node, day.open, day.close))
        route = [(start_node, day.open, day.open)]
        for item in day.stops:
            assert item.place is not None
            begins, ends = minutes(item.start, origin), minutes(item.end, origin)
            node = nodes.add(item.place, item.end_place or item.place, item.kind)
            padding[node] = grid_up(ends) - ends
            locked.append(Locked(len(found) + len(stops), index, begins))
            stops.append(Visit(0.0, grid_up(ends) - begins, ((0.0, 0.0),), node))
            fixed_stops.append(item)
            route.append((node, begins, grid_up(ends)))
        route.append((end_node, day.close, day.close))
        routes.append(DayRoute(index, day, tuple(route)))
        if index and routed[index - 1].day == day.day:
            continue  # another group's route of the same day: the windows are the day's
        for n, candidate in enumerate(found):
            windows[n] += meeting_windows(plan, candidate, day.day, meeting_minutes, origin)
    meetings = [Visit(c.value, float(c.minutes(meeting_minutes)), tuple(windows[n]), offices[n])
                for n, c in enumerate(found)]
    visits = meetings + stops
    # Travel is only needed between nodes that can share a day: the rest stay unreachable.
    same_day = nodes_by_day(days, [(visits[lock.visit].node, lock.day) for lock in locked],
                            meetings)
    travel = travel_matrix(ctx, nodes.all, same_day, padding, set(offices))
    for kept in lunch_breaks(plan, routes, travel, same_day, [
            (offices[n], c.office.zone, float(c.minutes(meeting_minutes)))
            for n, c in enumerate(found)], origin):
        if isinstance(kept, KeepFree):  # no room for a break: add nothing inside these times
            for n, c in enumerate(found):
                visits[n] = without_starts(visits[n], kept.begin - c.minutes(meeting_minutes),
                                           kept.end)
            continue
        locked.append(Locked(len(visits), kept.index, kept.moment, floating=True))
        visits.append(Visit(0.0, grid_up(plan.settings.lunch_min),
                            ((kept.earliest, kept.latest),), len(travel), anywhere=True))
        travel = np.pad(travel, ((0, 1), (0, 1)))  # never read: a break has no place
    # No window on any routed day: the solver reports "no slot".
    visits = [replace(v, windows=tuple(sorted(v.windows)) or NEVER) for v in visits]
    groups = tuple(day.group for day in routed)
    return TourProblem(Problem(visits, days, travel, locked,
                               _route_values(plan, found, groups, len(visits))),
                       tuple(found), tuple(day.day for day in routed), origin, meeting_minutes,
                       tuple(nodes.all), tuple(fixed_stops), ctx.model, groups,
                       tuple(plan.travellers.values()))


def _preferences(plan: Plan, found: list[Candidate], day: date, meeting_minutes: int,
                 origin: datetime) -> dict[int, list[float]]:
    """Per traveller, what each candidate that may be met on *day* is worth to her own goals
    (0 for the others): the hosts her goals ask for that day."""
    open_today = [bool(meeting_windows(plan, c, day, meeting_minutes, origin)) for c in found]
    return {traveller: [c.personal_value(traveller) if today else 0.0
                        for c, today in zip(found, open_today, strict=True)]
            for traveller in plan.travellers}


def _route_values(plan: Plan, found: list[Candidate], groups: tuple[Group, ...],
                  n_visits: int) -> NDArray[np.float64]:
    """What each visit is worth on each route: a candidate its value on a route of everyone,
    on a group's route what it is worth to the group (:meth:`Candidate.value_for`); the fixed
    stops and breaks nothing (they are locked)."""
    everyone = frozenset(plan.travellers)
    values = np.zeros((n_visits, len(groups)))
    for r, group in enumerate(groups):
        for n, candidate in enumerate(found):
            values[n, r] = candidate.value if group == everyone else candidate.value_for(group)
    return values
