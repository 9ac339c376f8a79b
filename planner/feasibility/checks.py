"""The checks. Each takes the plan (and a day) and returns raw findings; no I/O, no session.

Per traveller, items are taken in time order: consecutive items must not overlap and must leave
the door-to-door travel time between them (plus check-in before a train or flight, baggage after
a flight); the first item of a day must be reachable from the previous night's hotel without
leaving before ``earliest_departure`` (and, on a moving day, after checking out with luggage);
after the last one the delegation must reach that night's hotel by ``latest_return``. A day
needs a lunch break. Each item is checked on its own: inside the tour, the host's availability,
the working day, weekends and public holidays, confirmation, language.

Besides the days, the tour as a whole: each follow-up still open after its due day
(:func:`check_follow_ups`) and each host request whose reminder is due (:func:`check_requests`);
their findings have no day and no item. A confirmed meeting whose host's request has had no
confirmation letter is its day's finding (``confirmation_not_sent``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from planner.feasibility.findings import Finding
from planner.feasibility.plan import Plan, PlanItem, PlanPlace, at_local
from planner.formatting import LocalSpan
from planner.geo.regions import holiday_name, subdivision
from planner.geo.sphere import KM_PER_DEGREE
from planner.model import ItemKind, ItemStatus
from planner.timezones import to_local
from planner.travel import TravelModel


@dataclass
class Context:
    """What the checks need besides the plan."""

    plan: Plan
    model: TravelModel
    today: date


@dataclass
class Raw:
    """A finding for some travellers, before findings of several travellers are merged."""

    code: str
    items: tuple[str, ...]
    day: date
    travellers: frozenset[int]
    data: dict[str, Any] = field(default_factory=dict)


# --- formatting helpers -----------------------------------------------------------------------

def hhmm(moment: datetime, zone: str | None = None) -> str:
    return f"{(to_local(moment, zone) if zone else moment):%H:%M}"


def span(item: PlanItem) -> str:
    """``09:00-10:30`` in the item's local time(s)."""
    return f"{item.local_start:%H:%M}-{item.local_end:%H:%M}"


def ceil5(moment: datetime) -> datetime:
    """Round up to the next multiple of five minutes."""
    extra = (-moment.minute) % 5
    rounded = moment.replace(second=0, microsecond=0) + timedelta(minutes=extra)
    return rounded if rounded >= moment else rounded + timedelta(minutes=5)


def floor5(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0) - timedelta(minutes=moment.minute % 5)


def _clock(text: str) -> time:
    return time.fromisoformat(text)


# --- legs -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Need:
    """The time needed between two items: travel plus what a station or airport demands."""

    minutes: int
    how: str
    departure: bool  # the second item is a train or flight the group must board


def _same_place(a: PlanPlace, b: PlanPlace) -> bool:
    """The same place, or two places within 50 m (one building)."""
    if a.id == b.id:
        return True
    north = (b.latitude - a.latitude) * KM_PER_DEGREE
    east = (b.longitude - a.longitude) * KM_PER_DEGREE * math.cos(math.radians(a.latitude))
    return north * north + east * east < 0.05 * 0.05


def need_between(ctx: Context, a: PlanItem, b: PlanItem) -> Need | None:
    """What it takes to get from the end of *a* to the start of *b* (None: places unknown)."""
    origin, destination = a.end_place, b.place
    if origin is None or destination is None:
        return None
    return need_from(ctx, origin, b, arriving_by_air=a.kind is ItemKind.FLIGHT)


def need_from(ctx: Context, origin: PlanPlace, b: PlanItem,
              arriving_by_air: bool = False) -> Need | None:
    """What it takes to get from *origin* to the start of *b*."""
    if b.place is None:
        return None
    return need_between_places(ctx, origin, b.place, arriving_by_air, b.kind)


def need_between_places(ctx: Context, origin: PlanPlace, destination: PlanPlace,
                        arriving_by_air: bool, departure: ItemKind | None) -> Need:
    """Travel from *origin* to *destination*, plus baggage after a flight and check-in before a
    train or flight (*departure*: the kind of item that starts at the destination)."""
    s = ctx.plan.settings
    parts = []
    if _same_place(origin, destination):
        minutes = s.min_transfer_min
        parts.append("same place")
    else:
        leg = ctx.model.estimate(origin.point, destination.point)
        minutes = leg.minutes
        parts.append(f"{leg.mode} {leg.minutes} min, {leg.distance_km:.1f} km")
    if arriving_by_air:
        minutes += s.airport_exit_min
        parts.append(f"{s.airport_exit_min:.0f} min baggage")
    if departure is ItemKind.FLIGHT:
        minutes += s.airport_checkin_min
        parts.append(f"{s.airport_checkin_min:.0f} min check-in")
    elif departure is ItemKind.TRAIN:
        minutes += s.station_buffer_min
        parts.append(f"{s.station_buffer_min:.0f} min at the station")
    return Need(math.ceil(minutes), ", ".join(parts),
                departure in (ItemKind.FLIGHT, ItemKind.TRAIN))


def need_to(ctx: Context, a: PlanItem, destination: PlanPlace) -> Need | None:
    """What it takes to get from the end of *a* to *destination* (a hotel)."""
    origin = a.end_place
    if origin is None:
        return None
    s = ctx.plan.settings
    if _same_place(origin, destination):
        return Need(0, "same place", False)
    leg = ctx.model.estimate(origin.point, destination.point)
    minutes, how = leg.minutes, f"{leg.mode} {leg.minutes} min, {leg.distance_km:.1f} km"
    if a.kind is ItemKind.FLIGHT:
        minutes += math.ceil(s.airport_exit_min)
        how += f", {s.airport_exit_min:.0f} min baggage"
    return Need(minutes, how, False)


# --- sequences per traveller --------------------------------------------------------------------

def traveller_items(plan: Plan, traveller: int, day: date) -> list[PlanItem]:
    return [i for i in plan.items_on(day) if traveller in plan.attendees(i)]


def previous_item(plan: Plan, traveller: int, day: date) -> PlanItem | None:
    """The traveller's item of the day before if it runs into *day* (an overnight flight)."""
    earlier = traveller_items(plan, traveller, day - timedelta(days=1))
    if not earlier:
        return None
    last = max(earlier, key=lambda i: (i.end, i.start))
    return last if last.local_end.date() >= day else None


def runs_overnight(item: PlanItem) -> bool:
    """Whether *item* ends on a later day than it starts (no hotel that night)."""
    return item.local_end.date() > item.day


def check_pair(ctx: Context, a: PlanItem, b: PlanItem, who: frozenset[int]) -> Iterator[Raw]:
    """Overlap and travel time between consecutive items *a* and *b*."""
    day = b.day
    if b.start < a.end:
        yield Raw("overlap", (a.uid, b.uid), day, who, {
            "first": a.title, "first_time": span(a), "second": b.title, "second_time": span(b),
            "suggested": hhmm(ceil5(a.end), b.zone), "second_start": hhmm(b.start, a.end_zone or
                                                                         a.zone)})
        return
    need = need_between(ctx, a, b)
    if need is None:
        return
    gap = int((b.start - a.end).total_seconds() // 60)
    if gap >= need.minutes:
        return
    leave_by = floor5(b.start - timedelta(minutes=need.minutes))
    origin, destination = a.end_place, b.place
    assert origin is not None and destination is not None
    data = {"first": a.title, "second": b.title, "gap": gap, "needed": need.minutes,
            "origin": origin.name, "destination": destination.name, "how": need.how,
            "short": need.minutes - gap, "leave_by": hhmm(leave_by, a.end_zone or a.zone),
            "suggested": hhmm(ceil5(a.end + timedelta(minutes=need.minutes)), b.zone)}
    code = "travel_to_departure" if need.departure and b.locked else "travel_time"
    yield Raw(code, (a.uid, b.uid), day, who, data)


def check_morning(ctx: Context, day: date, first: PlanItem, who: frozenset[int]) -> Iterator[Raw]:
    """From the previous night's hotel to the day's first item (and check-out on moving days)."""
    plan, s = ctx.plan, ctx.plan.settings
    hotel = plan.hotel_for_night(day - timedelta(days=1))
    if hotel is None:
        return
    need = need_from(ctx, hotel, first)
    if need is None:
        return
    leave = first.start - timedelta(minutes=need.minutes)
    earliest = at_local(day, _clock(s.earliest_departure), hotel.zone)
    moving = plan.hotel_for_night(day) not in (None, hotel)
    data: dict[str, Any] = {"second": first.title, "start": hhmm(first.start, first.zone),
            "hotel": hotel.name,
            "leave": hhmm(floor5(leave), hotel.zone), "earliest": s.earliest_departure,
            "how": need.how}
    if leave < earliest:
        data["suggested"] = hhmm(ceil5(earliest + timedelta(minutes=need.minutes)), first.zone)
        yield Raw("early_departure", (first.uid,), day, who, data)
    elif moving and leave - timedelta(minutes=s.checkout_min) < earliest:
        checkout = leave - timedelta(minutes=s.checkout_min)
        data.update(checkout=hhmm(floor5(checkout), hotel.zone),
                    checkout_min=int(s.checkout_min),
                    suggested=hhmm(ceil5(earliest + timedelta(minutes=need.minutes
                                                              + s.checkout_min)), first.zone))
        yield Raw("moving_day_checkout", (first.uid,), day, who, data)


def check_evening(ctx: Context, day: date, last: PlanItem, who: frozenset[int]) -> Iterator[Raw]:
    """From the day's last item to that night's hotel."""
    plan, s = ctx.plan, ctx.plan.settings
    hotel = plan.hotel_for_night(day)
    if hotel is None:
        return
    need = need_to(ctx, last, hotel)
    if need is None:
        return
    arrive = last.end + timedelta(minutes=need.minutes)
    latest = at_local(day, _clock(s.latest_return), hotel.zone)
    if arrive > latest:
        yield Raw("late_return", (last.uid,), day, who, {
            "first": last.title, "hotel": hotel.name, "arrive": hhmm(ceil5(arrive), hotel.zone),
            "latest": s.latest_return, "how": need.how,
            "suggested": hhmm(floor5(latest - timedelta(minutes=need.minutes)),
                              last.end_zone or last.zone)})


def check_lunch(ctx: Context, day: date, items: list[PlanItem],
                who: frozenset[int]) -> Iterator[Raw]:
    """A gap of ``lunch_min`` inside the lunch window, unless a meal or a long journey is there."""
    s = ctx.plan.settings
    if not items:
        return
    zone = items[0].zone
    first_text, last_text = s.lunch_window.split("-")
    w0, w1 = at_local(day, _clock(first_text), zone), at_local(day, _clock(last_text), zone)
    lunch = timedelta(minutes=s.lunch_min)
    inside = [i for i in items if i.start < w1 and i.end > w0]
    if not inside:
        return
    for item in inside:
        if item.kind is ItemKind.MEAL or (item.is_journey and item.end - item.start
                                           >= timedelta(minutes=s.onboard_meal_min)):
            return
    ordered = sorted(items, key=lambda i: i.start)
    edges: list[tuple[PlanItem | None, PlanItem | None]] = [(None, ordered[0])]
    edges += list(itertools.pairwise(ordered))
    edges.append((ordered[-1], None))
    for before, after in edges:
        g0 = before.end if before else w0
        g1 = after.start if after else w1
        travel = timedelta(0)
        if before is not None and after is not None:
            need = need_between(ctx, before, after)
            travel = timedelta(minutes=need.minutes) if need else timedelta(0)
        overlap = min(g1, w1) - max(g0, w0)
        if g1 - g0 - travel >= lunch and overlap >= lunch:
            return
    yield Raw("no_lunch", tuple(i.uid for i in inside), day, who, {
        "day": day, "lunch_min": int(s.lunch_min), "window": s.lunch_window})


def check_traveller_day(ctx: Context, day: date, traveller: int) -> Iterator[Raw]:
    plan = ctx.plan
    items = traveller_items(plan, traveller, day)
    if not items:
        return
    who = frozenset({traveller})
    first = items[0]
    before = previous_item(plan, traveller, day)
    if before is not None:
        yield from check_pair(ctx, before, first, who)
    else:
        yield from check_morning(ctx, day, first, who)
    for a, b in itertools.pairwise(items):
        yield from check_pair(ctx, a, b, who)
    last = max(items, key=lambda i: i.end)
    if not runs_overnight(last):
        yield from check_evening(ctx, day, last, who)
    yield from check_lunch(ctx, day, [i for i in items if not i.is_journey or i.day == day],
                           who)
    meetings = [i for i in items if i.kind is ItemKind.MEETING]
    if len(meetings) > plan.settings.max_meetings_per_day:
        yield Raw("too_many_meetings", tuple(i.uid for i in meetings), day, who, {
            "count": len(meetings), "day": day, "maximum": plan.settings.max_meetings_per_day})


# --- single items -----------------------------------------------------------------------------

def _window_text(item: PlanItem) -> tuple[tuple[LocalSpan, ...], LocalSpan | str]:
    """The host's windows near the item's day, and a suggested slot of the item's length
    (local spans, written in the reader's language by the finding)."""
    length = item.end - item.start
    zone = item.zone
    near = sorted(item.windows, key=lambda w: abs((w.start - item.start).total_seconds()))[:3]
    spans = tuple(LocalSpan(to_local(w.start, zone), to_local(w.end, zone))
                  for w in sorted(near, key=lambda w: w.start))
    fitting = [w for w in near if w.end - w.start >= length]
    suggested: LocalSpan | str = "-"
    if fitting:
        best = min(fitting, key=lambda w: abs((w.start - item.start).total_seconds()))
        start = max(best.start, min(item.start, best.end - length))
        suggested = LocalSpan(to_local(start, zone), to_local(start + length, zone))
    return spans, suggested


def check_item(ctx: Context, item: PlanItem) -> Iterator[Raw]:
    plan, s = ctx.plan, ctx.plan.settings
    day = item.day
    everyone = plan.attendees(item)
    if not plan.start_date <= day <= plan.end_date:
        yield Raw("outside_tour", (item.uid,), day, everyone, {
            "item": item.title, "date": day, "start": plan.start_date, "end": plan.end_date})
    if item.place is None and item.kind is not ItemKind.FREE:
        yield Raw("no_place", (item.uid,), day, everyone, {"item": item.title})
    if item.kind is not ItemKind.MEETING:
        return
    if not item.host:
        yield Raw("no_host", (item.uid,), day, everyone, {"item": item.title})
    elif item.windows:
        if not any(w.start <= item.start and item.end <= w.end for w in item.windows):
            windows, suggested = _window_text(item)
            yield Raw("outside_availability", (item.uid,), day, everyone, {
                "item": item.title, "time": span(item), "host": item.host, "windows": windows,
                "suggested": suggested})
    else:
        yield Raw("no_availability", (item.uid,), day, everyone, {
            "item": item.title, "time": span(item), "host": item.host})
    local_start, local_end = item.local_start, item.local_end
    if local_start.time() < plan.day_start or local_end.time() > plan.day_end or \
            local_end.date() != local_start.date():
        yield Raw("outside_working_day", (item.uid,), day, everyone, {
            "item": item.title, "time": span(item), "day_start": f"{plan.day_start:%H:%M}",
            "day_end": f"{plan.day_end:%H:%M}"})
    host = item.host or "the host"
    if day.weekday() >= 5:
        yield Raw("weekend", (item.uid,), day, everyone, {"item": item.title, "weekday": day,
                                                          "host": host})
    place = item.place
    if place is not None and place.country:
        subdiv = subdivision(place.country, place.latitude, place.longitude)
        name = holiday_name(day, place.country, subdiv)
        if name:
            region = f"{place.country}-{subdiv}" if subdiv else place.country
            yield Raw("holiday", (item.uid,), day, everyone, {
                "item": item.title, "holiday": name, "region": region, "host": host})
    days_left = (day - ctx.today).days
    if item.status in (ItemStatus.IDEA, ItemStatus.REQUESTED) and \
            0 <= days_left <= s.confirm_days:
        yield Raw("unconfirmed", (item.uid,), day, everyone, {
            "item": item.title, "date": day, "status": item.status.value, "days": days_left,
            "host": host})
    request = plan.request_for(item.uid) if item.status is ItemStatus.CONFIRMED else None
    if request is not None and request.confirmation_sent_on is None and days_left >= 0:
        yield Raw("confirmation_not_sent", (item.uid,), day, everyone, {
            "item": item.title, "date": day, "host": host, "request_id": request.id})
    if item.language and not item.interpreter:
        lost = frozenset(t for t in everyone
                         if t in plan.travellers and not plan.travellers[t].speaks(item.language))
        if lost:
            yield Raw("language", (item.uid,), day, lost, {"item": item.title,
                                                           "language": item.language})


# --- the delegation's day -----------------------------------------------------------------------

def check_zones(ctx: Context, day: date) -> Iterator[Raw]:
    """A change of clock time on this day: inside a flight, or between consecutive items."""
    plan = ctx.plan
    items = plan.items_on(day)
    if not items:
        return
    everyone = frozenset(plan.travellers)
    earlier = plan.items_on(day - timedelta(days=1))
    chain = ([max(earlier, key=lambda i: i.end)] if earlier else []) + items
    steps: list[tuple[PlanItem, str, PlanPlace | None, str, PlanPlace | None, datetime]] = []
    for item in items:
        if item.end_zone and item.end_zone != item.zone:
            steps.append((item, item.zone, item.place, item.end_zone, item.end_place, item.end))
    for a, b in itertools.pairwise(chain):
        steps.append((b, a.end_zone or a.zone, a.end_place, b.zone, b.place, b.start))
    for item, z1, p1, z2, p2, moment in steps:
        before, after = to_local(moment, z1), to_local(moment, z2)
        shift = (after.utcoffset() or timedelta(0)) - (before.utcoffset() or timedelta(0))
        if shift:
            yield Raw("zone_change", (item.uid,), day, everyone, {
                "day": day, "origin": p1.city if p1 else z1, "from_zone": before.tzname(),
                "destination": p2.city if p2 else z2, "to_zone": after.tzname(),
                "shift_hours": round(shift.total_seconds() / 3600)})


def check_day(ctx: Context, day: date) -> list[Raw]:
    """Every finding that belongs to *day*."""
    raws: list[Raw] = []
    for traveller in ctx.plan.travellers:
        raws += check_traveller_day(ctx, day, traveller)
    for item in ctx.plan.items_on(day):
        raws += check_item(ctx, item)
    raws += check_zones(ctx, day)
    return raws


#: The longest follow-up description a finding quotes (its first line).
QUOTED = 80


def quoted(description: str) -> str:
    """A follow-up's description as a finding quotes it: its first line, cut short."""
    first = description.strip().split("\n", 1)[0].strip()
    return first if len(first) <= QUOTED else first[:QUOTED - 1] + "…"


def check_follow_ups(ctx: Context) -> list[Finding]:
    """A warning for every follow-up still open after its due day (on the checker's today),
    soonest due first. Tour-wide: no day (the report's "Whole tour"), no agenda item (the
    meeting it came from is not at fault); the owner, when a traveller, is the one concerned."""
    found: list[Finding] = []
    for follow_up in ctx.plan.follow_ups:
        if not follow_up.overdue_on(ctx.today):
            continue
        assert follow_up.due is not None
        found.append(Finding(
            "follow_up_overdue", (), (follow_up.owner,) if follow_up.owner else (), None,
            {"follow_up": quoted(follow_up.description), "owner": follow_up.owner,
             "due": follow_up.due, "days": (ctx.today - follow_up.due).days,
             "follow_up_id": follow_up.id, "uid": follow_up.uid}))
    return found


def check_requests(ctx: Context) -> list[Finding]:
    """A warning for every host request sent whose reminder is due on the checker's today
    (no answer after the tour's ``reminder_days`` working days since the last letter), longest
    waiting first. Tour-wide: no day, no agenda item (the meeting is not at fault)."""
    found: list[Finding] = []
    plan = ctx.plan
    for request in plan.requests:
        if not request.reminder_due_on(ctx.today, plan.reminder_days):
            continue
        assert request.sent_on is not None
        found.append(Finding(
            "reply_overdue", (), (), None,
            {"host": request.host, "sent": request.sent_on,
             "days": request.waiting_days(ctx.today) or 0,
             "reminded": request.reminded_on, "request_id": request.id}))
    found.sort(key=lambda f: (-f.data["days"], f.data["host"].casefold()))
    return found


def merge(plan: Plan, raws: list[Raw]) -> list[Finding]:
    """One finding per problem, naming every traveller it concerns."""
    merged: dict[tuple[str, tuple[str, ...], date], Raw] = {}
    for raw in raws:
        key = (raw.code, raw.items, raw.day)
        if key in merged:
            merged[key].travellers |= raw.travellers
        else:
            merged[key] = Raw(raw.code, raw.items, raw.day, raw.travellers, raw.data)
    return [Finding(r.code, r.items, plan.names(r.travellers), r.day, r.data)
            for r in merged.values()]
