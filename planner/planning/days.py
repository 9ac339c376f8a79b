"""The days planning routes, and the fixed items each day keeps.

**Days**: every weekday of the tour (:func:`planner.model.tour_days`) that starts at a hotel (the
previous night's) or right after an arrival, and ends at a hotel (that night's) or at a
departure. Moving days allow time to check out first. A day that would end before it starts
(arriving after the day's end, leaving before it starts) is not routed.

**Groups**: a day the delegation splits (:mod:`planner.planning.groups`) is routed once for
each group, around the fixed items its members attend.

**Fixed items** (everything locked, and every item that is not a meeting planning may move)
stay exactly where they are: those with a place are stops of the day's route, the others only
keep their time free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.feasibility.plan import Plan, PlanItem, PlanPlace, at_local
from planner.model import ItemKind, tour_days
from planner.planning.grid import grid_up, minutes
from planner.planning.groups import Group


@dataclass(frozen=True)
class RoutedDay:
    """A day planning routes (times in minutes since the tour's origin, see
    :mod:`planner.planning.grid`)."""

    day: date
    start: PlanPlace  # where the day starts: last night's hotel, or where an arrival ends
    end: PlanPlace  # where it ends: tonight's hotel, or where a departure leaves from
    end_kind: ItemKind | None  # the departure the day ends by boarding (None: a hotel)
    open: float  # leave the start no earlier
    close: float  # be at the end by then
    fixed: tuple[PlanItem, ...]  # every fixed item of the day in time order, as the checker sees
    stops: tuple[PlanItem, ...]  # the fixed items with a place between the start and the end
    placeless: tuple[tuple[float, float], ...]  # fixed items without a place: (start, end)
    #: Who travels this route (traveller ids): the delegation, or a group of it on a day it
    #: splits (:mod:`planner.planning.groups`); ``fixed`` is what its members attend.
    group: Group = frozenset()

    @property
    def zone(self) -> str:
        """Where the day starts."""
        return self.start.zone


def routed_days(plan: Plan, fixed_items: Iterable[PlanItem], origin: datetime,
                groups: Callable[[date, Sequence[PlanItem]], tuple[Group, ...]] | None = None
                ) -> list[RoutedDay]:
    """The days of *plan* that planning routes, around the *fixed_items*: one route a day, or
    one a group of travellers where *groups* (given the day and its fixed items in time order,
    see :mod:`planner.planning.groups`) splits the delegation: a group's route keeps the fixed
    items its members attend."""
    fixed_by_day: dict[date, list[PlanItem]] = {}
    for plan_item in fixed_items:
        fixed_by_day.setdefault(plan_item.day, []).append(plan_item)
    everyone: Group = frozenset(plan.travellers)
    days: list[RoutedDay] = []
    for day in tour_days(plan.start_date, plan.end_date):
        if day.weekday() >= 5:
            continue
        todays = sorted(fixed_by_day.get(day, []), key=lambda i: i.start)
        for group in groups(day, todays) if groups is not None else (everyone,):
            routed = _routed_day(plan, day, [i for i in todays if plan.attendees(i) & group],
                                 origin, group)
            if routed is not None:
                days.append(routed)
    return days


def _routed_day(plan: Plan, day: date, todays: list[PlanItem], origin: datetime, group: Group
                ) -> RoutedDay | None:
    """*day* routed for *group* around its fixed items *todays* (in time order); None when it
    cannot be routed (no hotel or journey to start or end it, or no room between them)."""
    s = plan.settings
    before = plan.hotel_for_night(day - timedelta(days=1))
    tonight = plan.hotel_for_night(day)
    on_route = list(todays)
    if before is not None:
        start = before
        departure = at_local(day, time.fromisoformat(s.earliest_departure), before.zone)
        if tonight is not None and tonight.id != before.id:
            departure += timedelta(minutes=s.checkout_min)
        open_at = grid_up(minutes(departure, origin))
    elif on_route:
        first = on_route.pop(0)  # the day starts when this (an arrival) ends
        if first.end_place is None:
            return None
        start = first.end_place
        open_at = grid_up(minutes(first.end, origin) + (
            s.airport_exit_min if first.kind is ItemKind.FLIGHT else 0.0))
    else:
        return None
    end_kind: ItemKind | None = None
    if tonight is not None:
        end = tonight
        close_at = minutes(at_local(day, time.fromisoformat(s.latest_return), tonight.zone),
                           origin)
    elif on_route:
        last = on_route.pop()  # the day ends by boarding this (a departure)
        if last.place is None:
            return None
        end, end_kind = last.place, last.kind
        close_at = minutes(last.start, origin)
    else:
        return None
    if close_at <= open_at:
        return None  # arriving after the day's end, or leaving before it starts: no room
    return RoutedDay(
        day, start, end, end_kind, open_at, close_at, tuple(todays),
        tuple(i for i in on_route if i.place is not None),
        tuple((minutes(i.start, origin), minutes(i.end, origin))
              for i in on_route if i.place is None), group)
