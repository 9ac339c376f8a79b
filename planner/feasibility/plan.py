"""A snapshot of the tour for checking: plain, immutable data, no database session needed.

The checker works on this snapshot so that its checks are pure functions (easy to test, safe on a
worker thread) and so that one edited item can be swapped in without reloading the tour.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.model import (
    AgendaItem,
    FollowUp,
    FollowUpStatus,
    HostRequest,
    ItemKind,
    ItemStatus,
    Organisation,
    Place,
    PlaceKind,
    RequestState,
    Stay,
    Traveller,
    follow_up_overdue,
    request_reminder_due,
    request_waiting_days,
)
from planner.queries import load_tour
from planner.timezones import to_local
from planner.timezones import zone as zone_info
from planner.travel import Point, TravelSettings


@dataclass(frozen=True)
class PlanPlace:
    """Where something happens."""

    id: int
    name: str
    city: str
    country: str
    latitude: float
    longitude: float
    exact: bool
    kind: PlaceKind
    zone: str

    @property
    def point(self) -> Point:
        return Point.of(self)

    @classmethod
    def of(cls, place: Place | None) -> PlanPlace | None:
        if place is None:
            return None
        return cls(place.id, place.name, place.city, place.country, place.latitude,
                   place.longitude, place.exact, place.kind, place.zone)


@dataclass(frozen=True)
class Window:
    """A host's availability window."""

    start: datetime
    end: datetime
    zone: str


@dataclass(frozen=True)
class PlanItem:
    """An agenda item as the checks see it."""

    uid: str
    kind: ItemKind
    title: str
    start: datetime
    end: datetime
    zone: str
    end_zone: str | None
    place: PlanPlace | None
    destination: PlanPlace | None
    host: str  # the host organisation's name, "" if none
    windows: tuple[Window, ...]
    attendees: frozenset[int]  # empty: the whole delegation
    status: ItemStatus
    locked: bool
    language: str
    interpreter: bool

    @property
    def local_start(self) -> datetime:
        return to_local(self.start, self.zone)

    @property
    def local_end(self) -> datetime:
        return to_local(self.end, self.end_zone or self.zone)

    @property
    def day(self) -> date:
        return self.local_start.date()

    @property
    def end_place(self) -> PlanPlace | None:
        """Where the delegation is when the item ends."""
        return self.destination or self.place

    @property
    def is_journey(self) -> bool:
        return self.kind in (ItemKind.TRAIN, ItemKind.FLIGHT)

    @classmethod
    def of(cls, item: AgendaItem) -> PlanItem:
        org: Organisation | None = item.organisation
        return cls(
            uid=item.uid, kind=item.kind, title=item.title, start=item.start, end=item.end,
            zone=item.zone, end_zone=item.end_zone, place=PlanPlace.of(item.place),
            destination=PlanPlace.of(item.destination), host=org.name if org else "",
            windows=tuple(Window(w.start, w.end, w.zone) for w in org.availability) if org
            else (),
            attendees=frozenset(t.id for t in item.attendees), status=item.status,
            locked=item.locked, language=item.language, interpreter=item.interpreter_booked)


@dataclass(frozen=True)
class PlanTraveller:
    """A member of the delegation."""

    id: int
    name: str
    languages: tuple[str, ...]

    def speaks(self, language: str) -> bool:
        primary = language.split("-")[0].lower()
        return any(code.split("-")[0].lower() == primary for code in self.languages)


@dataclass(frozen=True)
class PlanStay:
    """A hotel for the nights from check-in up to check-out."""

    check_in: date
    check_out: date
    hotel: PlanPlace


@dataclass(frozen=True)
class PlanFollowUp:
    """A follow-up as the overdue check sees it."""

    id: int
    uid: str
    description: str
    owner_id: int | None  # None: the coordinator
    owner: str  # the owner's name, "" for the coordinator
    due: date | None
    status: FollowUpStatus
    item_uid: str | None  # the meeting it comes from

    def overdue_on(self, today: date) -> bool:
        """The one rule of an overdue follow-up (:func:`planner.model.follow_up_overdue`)."""
        return follow_up_overdue(self.status, self.due, today)

    @classmethod
    def of(cls, row: FollowUp) -> PlanFollowUp:
        return cls(row.id, row.uid, row.description, row.owner_id,
                   row.owner.name if row.owner is not None else "", row.due, row.status,
                   row.item.uid if row.item is not None else None)


def follow_ups_of(session: Session) -> tuple[PlanFollowUp, ...]:
    """The tour's follow-ups as the checks see them (for :meth:`Checker.update_follow_ups`
    after a follow-up was added, changed or deleted), soonest due first."""
    query = select(FollowUp).options(selectinload(FollowUp.owner), selectinload(FollowUp.item))
    rows = sorted(session.scalars(query), key=lambda r: (
        r.due is None, r.due or date.min, r.description.casefold(), r.id))
    return tuple(PlanFollowUp.of(row) for row in rows)


@dataclass(frozen=True)
class PlanRequest:
    """A host request as the outreach checks see it (:class:`planner.model.HostRequest`)."""

    id: int
    host: str  # the host organisation's name
    item_uid: str | None  # the meeting it is for
    state: RequestState
    sent_on: date | None
    reminded_on: date | None
    confirmation_sent_on: date | None

    def waiting_days(self, today: date) -> int | None:
        """The one rule (:func:`planner.model.request_waiting_days`)."""
        return request_waiting_days(self.state, self.sent_on, today)

    def reminder_due_on(self, today: date, reminder_days: int) -> bool:
        """The one rule (:func:`planner.model.request_reminder_due`)."""
        return request_reminder_due(self.state, self.sent_on, self.reminded_on, today,
                                    reminder_days)

    @classmethod
    def of(cls, row: HostRequest) -> PlanRequest:
        return cls(row.id, row.host_name, row.item.uid if row.item is not None else None,
                   row.state, row.sent_on, row.reminded_on, row.confirmation_sent_on)


def requests_of(session: Session) -> tuple[PlanRequest, ...]:
    """The tour's host requests as the checks see them (for :meth:`Checker.update_requests`
    after a request was added, changed or deleted), by host name."""
    query = select(HostRequest).options(selectinload(HostRequest.organisation),
                                        selectinload(HostRequest.item))
    rows = sorted(session.scalars(query), key=lambda r: (r.host_name.casefold(), r.id))
    return tuple(PlanRequest.of(row) for row in rows)


def home_today(home_zone: str) -> date:
    """Today in the tour's home zone."""
    return datetime.now(zone_info(home_zone)).date()


@dataclass
class Plan:
    """The whole tour as the checks see it, with an index of items by local day."""

    start_date: date
    end_date: date
    day_start: time
    day_end: time
    settings: TravelSettings
    travellers: dict[int, PlanTraveller]
    stays: list[PlanStay]
    items: dict[str, PlanItem] = field(default_factory=dict)
    #: Whether findings that concern every traveller say "the delegation" (or list the names).
    name_everyone: bool = True
    #: The follow-ups (the overdue check's; not per day: they concern the whole tour).
    follow_ups: tuple[PlanFollowUp, ...] = ()
    #: The day the snapshot was taken for: a checker's default "today" (for overdue
    #: follow-ups and items not yet confirmed); None: today in the tour's home zone.
    today: date | None = None
    home_zone: str = "Asia/Tokyo"
    #: The host requests (the outreach checks': overdue replies, confirmations not sent).
    requests: tuple[PlanRequest, ...] = ()
    #: Working days a host has to answer before a reminder is due (the tour's).
    reminder_days: int = 5
    _by_day: dict[date, list[tuple[datetime, str]]] = field(default_factory=dict)

    # --- keeping the index -------------------------------------------------------------------
    def put(self, item: PlanItem) -> None:
        """Add *item*, or replace the item with the same UID."""
        self.remove(item.uid)
        self.items[item.uid] = item
        bisect.insort(self._by_day.setdefault(item.day, []), (item.start, item.uid))

    def remove(self, uid: str) -> PlanItem | None:
        """Take the item *uid* out of the plan (if present) and return it."""
        old = self.items.pop(uid, None)
        if old is not None:
            entries = self._by_day[old.day]
            entries.remove((old.start, uid))
            if not entries:
                del self._by_day[old.day]
        return old

    # --- questions the checks ask ------------------------------------------------------------
    def days(self) -> list[date]:
        """Every day that has at least one item, in order."""
        return sorted(self._by_day)

    def items_on(self, day: date) -> list[PlanItem]:
        """The (not cancelled) items starting on *day*, in time order."""
        return [self.items[uid] for _, uid in self._by_day.get(day, [])
                if self.items[uid].status is not ItemStatus.CANCELLED]

    def attendees(self, item: PlanItem) -> frozenset[int]:
        """Who attends *item* (an item with no attendees set concerns everyone)."""
        return item.attendees or frozenset(self.travellers)

    def hotel_for_night(self, day: date) -> PlanPlace | None:
        """The hotel of the night that starts on *day*."""
        for stay in self.stays:
            if stay.check_in <= day < stay.check_out:
                return stay.hotel
        return None

    def names(self, traveller_ids: Iterable[int]) -> tuple[str, ...]:
        """Traveller names in delegation order; () when that is everyone."""
        ids = set(traveller_ids)
        if self.name_everyone and ids >= set(self.travellers):
            return ()
        return tuple(t.name for t in self.travellers.values() if t.id in ids)

    def for_traveller(self, traveller: int) -> Plan:
        """The part of the plan one traveller takes part in, as if they travelled alone."""
        alone = Plan(self.start_date, self.end_date, self.day_start, self.day_end,
                     self.settings, {traveller: self.travellers[traveller]}, self.stays,
                     name_everyone=False,
                     follow_ups=tuple(f for f in self.follow_ups if f.owner_id == traveller),
                     today=self.today, home_zone=self.home_zone,
                     reminder_days=self.reminder_days)
        for item in self.items.values():
            if traveller in self.attendees(item):
                alone.put(item)
        # the requests for her meetings (a reply overdue there concerns her; the rest are the
        # coordinator's)
        alone.requests = tuple(r for r in self.requests if r.item_uid in alone.items)
        return alone

    def request_for(self, uid: str) -> PlanRequest | None:
        """The host request of the meeting *uid*, if it has one."""
        return next((r for r in self.requests if r.item_uid == uid), None)

    def day_today(self) -> date:
        """The snapshot's today (:attr:`today`), or today in the tour's home zone."""
        return self.today if self.today is not None else home_today(self.home_zone)

    @classmethod
    def from_session(cls, session: Session, today: date | None = None) -> Plan:
        """Snapshot the tour in *session* (*today*: see :attr:`today`)."""
        tour = load_tour(session)
        travellers = {t.id: PlanTraveller(t.id, t.name, tuple(t.languages)) for t in
                      session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id))}
        stays = [PlanStay(s.check_in, s.check_out, PlanPlace.of(s.place))  # type: ignore[arg-type]
                 for s in session.scalars(select(Stay).options(selectinload(Stay.place))
                                          .order_by(Stay.check_in))]
        plan = cls(tour.start_date, tour.end_date, tour.day_start, tour.day_end,
                   TravelSettings.from_json(tour.travel_settings), travellers, stays,
                   follow_ups=follow_ups_of(session), today=today, home_zone=tour.home_zone,
                   requests=requests_of(session), reminder_days=tour.reminder_days)
        query = select(AgendaItem).options(
            selectinload(AgendaItem.place), selectinload(AgendaItem.destination),
            selectinload(AgendaItem.organisation).selectinload(Organisation.availability),
            selectinload(AgendaItem.attendees))
        for item in session.scalars(query):
            plan.put(PlanItem.of(item))
        return plan


def at_local(day: date, clock: time, zone: str) -> datetime:
    """The aware instant of wall-clock *clock* on *day* in *zone*."""
    from planner.timezones import zone as zone_info

    return datetime.combine(day, clock, tzinfo=zone_info(zone))


def next_day(day: date) -> date:
    return day + timedelta(days=1)
