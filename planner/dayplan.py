"""One day of a tour as a timeline shows it: who goes where (tracks), the travel between
consecutive items, the free time, the hosts' windows, and the clock the day is read in.

Qt-free, so the desktop timeline only turns it into pixels, and it is tested on its own.

The clock a day is read in (:func:`day_zone`) is decided here, once, for the timeline, the
item editor, new items without a place (:func:`planner.edits.add_record`) and the command line
(``ecovisit add-item`` without ``--place``): a local time typed for a day means the same instant
wherever it is typed. The rule is the timeline's, since that is what the coordinator sees:

1. the zone of the day's first item (not cancelled; an item is on the day its start's local
   date in its own zone says);
2. else the hotel the delegation woke up in (the night before that day);
3. else the hotel it sleeps in that night (the first day of the tour);
4. else the delegation's home zone.

So on a changeover day from Stockholm to Helsinki the day is read in Stockholm's time until
the day's first item says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.feasibility.plan import Plan, PlanItem, Window, at_local
from planner.model import AgendaItem, ItemStatus, Place, Stay, Tour
from planner.timezones import to_local
from planner.travel import Leg, TravelModel

#: Free time shorter than this is not worth showing.
MIN_FREE = timedelta(minutes=30)
#: How long a meeting lasts unless it says otherwise: a planned one, one dropped on the
#: timeline or made from the directory, and ``ecovisit add-item`` without ``--minutes``.
MEETING_MINUTES = 75


# --- the clock a day is read in ------------------------------------------------------------------
def _rule(first_item: str | None, woke_in: str | None, sleeps_in: str | None,
          home_zone: str) -> str:
    """The rule of the module's docstring, given what each step finds (None: nothing)."""
    return first_item or woke_in or sleeps_in or home_zone


def day_zone(plan: Plan, day: date, home_zone: str = "UTC") -> str:
    """The zone *day* is read in, from a :class:`Plan` (the rule in the module's docstring)."""
    items = plan.items_on(day)
    woke_in = plan.hotel_for_night(day - timedelta(days=1))
    sleeps_in = plan.hotel_for_night(day)
    return _rule(items[0].zone if items else None, woke_in.zone if woke_in else None,
                 sleeps_in.zone if sleeps_in else None, home_zone)


def day_zone_in(session: Session, day: date) -> str:
    """The zone *day* is read in, from the tour in *session* (the same rule as
    :func:`day_zone`, without reading the whole plan)."""
    with session.no_autoflush:  # an item being added has no zone yet
        low = datetime.combine(day - timedelta(days=2), time(), UTC)
        high = datetime.combine(day + timedelta(days=2), time(), UTC)
        rows = session.execute(select(AgendaItem.start, AgendaItem.uid, AgendaItem.zone).where(
            AgendaItem.status != ItemStatus.CANCELLED, AgendaItem.zone.is_not(None),
            AgendaItem.start >= low, AgendaItem.start < high)).all()
        found = sorted((start, uid, zone) for start, uid, zone in rows
                       if to_local(start, zone).date() == day)
        stays = session.execute(select(Stay.check_in, Stay.check_out, Place.zone).join(
            Place, Stay.place_id == Place.id).order_by(Stay.check_in, Stay.id)).all()
        tour = session.get(Tour, 1)

    def hotel(night: date) -> str | None:
        return next((str(zone) for check_in, check_out, zone in stays
                     if check_in <= night < check_out), None)

    return _rule(found[0][2] if found else None, hotel(day - timedelta(days=1)), hotel(day),
                 tour.home_zone if tour is not None else "UTC")


def instant_zone(moment: datetime, zone_of: Callable[[date], str]) -> str:
    """The zone of the day the instant *moment* is on, *zone_of* giving a day's zone (e.g.
    ``lambda day: day_zone_in(session, day)``): its date is read in the zone of its UTC date's
    day, and again in the zone that gives, should it differ (near midnight)."""
    zone = zone_of(moment.astimezone(UTC).date())
    for _ in range(2):
        again = zone_of(to_local(moment, zone).date())
        if again == zone:
            break
        zone = again
    return zone


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
    zone = day_zone(plan, day, home_zone)
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
