"""One day of a tour as a timeline shows it: who goes where (tracks), the travel between
consecutive items, the free time, the hosts' windows, and the clock the day is read in.

Qt-free, so the desktop timeline only turns it into pixels, and it is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from planner.feasibility.plan import Plan, PlanItem, Window, at_local
from planner.model import ItemStatus
from planner.timezones import to_local
from planner.travel import Leg, TravelModel

#: Free time shorter than this is not worth showing.
MIN_FREE = timedelta(minutes=30)


@dataclass(frozen=True)
class TravelLeg:
    """The way from one item to the next on a track."""

    after: str  # UID of the item it leaves from
    before: str  # UID of the item it goes to
    start: datetime  # when the first item ends
    leg: Leg
    gap: timedelta  # the time there is between the two items

    @property
    def fits(self) -> bool:
        return timedelta(minutes=self.leg.minutes) <= self.gap


@dataclass(frozen=True)
class Free:
    """Free time on a track, within the working day."""

    start: datetime
    end: datetime


@dataclass
class Track:
    """One row of the timeline: the whole delegation, or one traveller on a split day."""

    travellers: frozenset[int]  # empty: everyone
    label: str
    items: list[PlanItem] = field(default_factory=list)
    legs: list[TravelLeg] = field(default_factory=list)
    free: list[Free] = field(default_factory=list)


@dataclass
class DayPlan:
    """A day of the tour, ready to draw."""

    day: date
    zone: str  # the clock the day is read in (where it starts)
    zones: list[str]  # every zone the day's items happen in, in order of appearance
    start: datetime  # the axis: whole hours around the working day and every item
    end: datetime
    tracks: list[Track]
    windows: dict[str, tuple[Window, ...]]  # the hosts' availability by item UID

    @property
    def split(self) -> bool:
        return len(self.tracks) > 1

    def minutes(self, moment: datetime) -> float:
        """Minutes from the start of the axis to *moment*."""
        return (moment - self.start).total_seconds() / 60.0

    @property
    def length(self) -> float:
        return self.minutes(self.end)


def day_plan(plan: Plan, model: TravelModel, day: date, home_zone: str = "UTC") -> DayPlan:
    """The timeline of *day* (which may have no items)."""
    items = plan.items_on(day)
    cancelled = [plan.items[uid] for _, uid in plan._by_day.get(day, [])
                 if plan.items[uid].status is ItemStatus.CANCELLED]
    zones: list[str] = []
    for item in items:
        for zone in (item.zone, item.end_zone or item.zone):
            if zone not in zones:
                zones.append(zone)
    hotel = plan.hotel_for_night(day - timedelta(days=1)) or plan.hotel_for_night(day)
    zone = zones[0] if zones else hotel.zone if hotel else home_zone
    working_start = at_local(day, plan.day_start, zone)
    working_end = at_local(day, plan.day_end, zone)
    start = min([working_start, *(i.start for i in items)])
    end = max([working_end, *(i.end for i in items)])
    local_start = to_local(start, zone).replace(minute=0, second=0, microsecond=0)
    local_end = to_local(end, zone)
    if local_end.minute or local_end.second:
        local_end = local_end.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    tracks = _tracks(plan, items)
    for track in tracks:
        _fill(track, model, working_start, working_end)
    return DayPlan(day, zone, zones, local_start, local_end, tracks,
                   {i.uid: i.windows for i in [*items, *cancelled] if i.windows})


def _tracks(plan: Plan, items: list[PlanItem]) -> list[Track]:
    everyone = frozenset(plan.travellers)
    split = any(plan.attendees(item) != everyone for item in items)
    if not split:
        return [Track(frozenset(), "", list(items))]
    return [Track(frozenset({tid}), traveller.name,
                  [i for i in items if tid in plan.attendees(i)])
            for tid, traveller in plan.travellers.items()]


def _fill(track: Track, model: TravelModel, working_start: datetime,
          working_end: datetime) -> None:
    ordered = sorted(track.items, key=lambda i: (i.start, i.end))
    cursor = working_start
    for previous, current in pairwise(ordered):
        here, there = previous.end_place, current.place
        if here is not None and there is not None and here.id != there.id:
            track.legs.append(TravelLeg(previous.uid, current.uid, previous.end,
                                        model.estimate(here.point, there.point),
                                        current.start - previous.end))
    arrival = {leg.before: leg.start + timedelta(minutes=leg.leg.minutes) for leg in track.legs}
    for item in ordered:
        cursor = max(cursor, arrival.get(item.uid, cursor))  # the way there is not free time
        if item.start - cursor >= MIN_FREE and cursor < working_end:
            track.free.append(Free(cursor, min(item.start, working_end)))
        cursor = max(cursor, item.end)
    if working_end - cursor >= MIN_FREE:
        track.free.append(Free(cursor, working_end))


def snap(moment: datetime, zone: str, minutes: int = 5) -> datetime:
    """*moment* rounded to the nearest *minutes* of the local clock in *zone*."""
    local = to_local(moment, zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    offset = (local - midnight).total_seconds() / 60.0
    rounded = round(offset / minutes) * minutes
    return to_local(midnight + timedelta(minutes=rounded), zone)
