"""The tour as an iCalendar file (RFC 5545) that Outlook, Google and Apple Calendar read right.

* One VEVENT per item, with the item's UID (it never changes) and its revision as SEQUENCE, so
  that importing a newer file updates events instead of duplicating them; cancelled items, deleted
  items (tombstones) and items a traveller was taken off (departures, in her file only) are
  written ``STATUS:CANCELLED``.
* No ``METHOD``: the file is a snapshot of the calendar, to import or subscribe to, the same
  object a CalDAV resource is (RFC 4791 forbids METHOD there). ``METHOD:PUBLISH`` would make it
  an iTIP message, which RFC 5546 requires to name an ORGANIZER on every event; and Outlook shows
  an event with an organiser as someone else's meeting, to accept or decline. The coordinator's
  name, phone and e-mail go in the DESCRIPTION instead, where every program shows them.
* Free/busy as Outlook reads it (MS-OXCICAL): a confirmed item is ``TRANSP:OPAQUE`` and busy, a
  requested or idea item ``STATUS:TENTATIVE`` and tentative, a cancelled one ``TRANSPARENT`` and
  free (OPAQUE alone reads as busy, so a cancelled meeting would stay in the day as busy).
* Times in the place's local time with its IANA TZID and a VTIMEZONE built from RRULEs
  (:mod:`planner.calendar.vtimezone`); a flight ends in its arrival zone. A local time that the
  clocks pass twice (the hour they go back) is written in UTC (``20271031T013000Z``): with a TZID
  it names two instants, and readers take different ones.
* A traveller's file holds her items and the cancellations of UIDs she attended, never anything of
  a meeting she was not in. Idea items stay out unless asked for (:attr:`IcsOptions.include_ideas`).
* LOCATION (address), GEO, a map link that opens on a phone, and a DESCRIPTION with the hosts, the
  goals served, the travel to the next item, the prepared questions, the participants (as text,
  not ATTENDEE: no invitation is sent) and the coordinator. One DISPLAY alarm.
* Privacy: internal notes, dietary needs, e-mail addresses and other personal data of travellers
  never leave; hosts' phone numbers only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event, vText
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import __version__
from planner.calendar.vtimezone import vtimezone
from planner.model import AgendaItem, ItemDeparture, ItemStatus, ItemTombstone, Tour, Traveller
from planner.queries import agenda_items, load_tour
from planner.timezones import now_utc, to_local
from planner.travel import Point, TravelModel, TravelSettings

STATUS = {ItemStatus.IDEA: "TENTATIVE", ItemStatus.REQUESTED: "TENTATIVE",
          ItemStatus.CONFIRMED: "CONFIRMED", ItemStatus.CANCELLED: "CANCELLED"}
#: How Outlook shows the time (MS-OXCICAL): TRANSP and its own busy status, by the event's STATUS.
SHOWN_AS = {"CONFIRMED": ("OPAQUE", "BUSY"), "TENTATIVE": ("OPAQUE", "TENTATIVE"),
            "CANCELLED": ("TRANSPARENT", "FREE")}


@dataclass(frozen=True)
class IcsOptions:
    """What goes into the file."""

    alarm_minutes: int = 15  # 0: no alarm
    with_phones: bool = False
    include_ideas: bool = False  # idea items are the coordinator's, not yet the executives'


def map_link(latitude: float, longitude: float) -> str:
    """A link that opens the point in the phone's map (OpenStreetMap on the web otherwise)."""
    return (f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}"
            f"#map=17/{latitude:.6f}/{longitude:.6f}")


def wall_clock(moment: datetime, zone_name: str) -> datetime:
    """*moment* as DTSTART/DTEND carry it: local time in *zone_name* (written with its TZID), or
    UTC where that local time does not name exactly one instant: the clocks pass it twice (they
    go back) or skip it (they go forward; an instant never falls there, but nothing else is
    written with a TZID). PEP 495: only such a time has two offsets for its two folds."""
    local = to_local(moment, zone_name)
    if local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset():
        return moment.astimezone(UTC)
    return local


def _coordinator(tour: Tour) -> str:
    parts = [p for p in (tour.coordinator, tour.coordinator_phone, tour.coordinator_email) if p]
    return "Coordinator: " + ", ".join(parts) if parts else ""


def _travel_line(item: AgendaItem, following: AgendaItem, model: TravelModel) -> str:
    start = to_local(following.start, following.zone)
    clock = f"{start:%H:%M}"
    if wall_clock(following.start, following.zone).tzinfo is UTC:  # the clocks pass it twice
        clock += f" {start.tzname()}"
    where = following.place.name if following.place else ""
    line = f"Next: {following.title} at {clock}" + (f", {where}" if where else "")
    origin = item.destination or item.place
    if origin is not None and following.place is not None and origin.id != following.place.id:
        leg = model.estimate(Point(origin.latitude, origin.longitude, origin.exact,
                                   origin.kind),
                             Point(following.place.latitude, following.place.longitude,
                                   following.place.exact, following.place.kind))
        line += f" (travel: {leg.mode}, about {leg.minutes} min, {leg.distance_km:.1f} km)"
    return line


def _description(item: AgendaItem, following: AgendaItem | None, options: IcsOptions,
                 model: TravelModel, coordinator: str) -> str:
    lines: list[str] = []
    if item.organisation is not None:
        lines.append(f"Host: {item.organisation.name}")
    for contact in item.hosts:
        role = f", {contact.role}" if contact.role else ""
        phone = f" ({contact.phone})" if options.with_phones and contact.phone else ""
        lines.append(f"  {contact.name}{role}{phone}")
    if item.goals:
        lines.append("Why we meet: " + "; ".join(g.title for g in item.goals))
    if item.questions:
        lines.append("Prepared questions:")
        lines += [f"  - {q}" for q in item.questions]
    if item.language:
        interpreter = ", interpreter booked" if item.interpreter_booked else ""
        lines.append(f"Language: {item.language}{interpreter}")
    if item.attendees:
        lines.append("Participants: " + ", ".join(t.name for t in item.attendees))
    if item.booking_reference:
        lines.append(f"Booking reference: {item.booking_reference}")
    if following is not None and following.start - item.end < timedelta(hours=12):
        lines.append(_travel_line(item, following, model))
    if coordinator:
        lines.append(coordinator)
    return "\n".join(lines)


def _shown_as(event: Event, status: str) -> None:
    transparency, busy = SHOWN_AS[status]
    event.add("status", status)
    event.add("transp", transparency)
    # An X- property is not escaped unless typed as text (vText), see X-WR-CALNAME.
    event.add("x-microsoft-cdo-busystatus", vText(busy))


def _event(item: AgendaItem, following: AgendaItem | None, options: IcsOptions,
           stamp: datetime, model: TravelModel, coordinator: str) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("sequence", item.revision)
    event.add("dtstamp", stamp)
    event.add("dtstart", wall_clock(item.start, item.zone))
    event.add("dtend", wall_clock(item.end, item.end_zone or item.zone))
    event.add("summary", item.title)
    place = item.place
    if place is not None:
        where = ", ".join(p for p in (place.name, place.address) if p)
        if item.destination is not None:
            where += f" → {item.destination.name}"
        event.add("location", where)
        event.add("geo", (place.latitude, place.longitude))
        event.add("url", map_link(place.latitude, place.longitude))
    event.add("description", _description(item, following, options, model, coordinator))
    _shown_as(event, STATUS[item.status])
    if options.alarm_minutes > 0 and item.status is not ItemStatus.CANCELLED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.title)
        alarm.add("trigger", timedelta(minutes=-options.alarm_minutes))
        event.add_component(alarm)
    return event


def _next_live(items: list[AgendaItem]) -> list[AgendaItem | None]:
    """For each item (in time order), the first later item that is not cancelled."""
    result: list[AgendaItem | None] = [None] * len(items)
    upcoming: AgendaItem | None = None
    end = len(items)
    while end > 0:
        begin = end - 1
        while begin > 0 and items[begin - 1].start == items[end - 1].start:
            begin -= 1  # items starting together share the same "next"
        for index in range(begin, end):
            result[index] = upcoming
        live = [i for i in items[begin:end] if i.status is not ItemStatus.CANCELLED]
        if live:
            upcoming = live[0]
        end = begin
    return result


def _cancelled(gone: ItemTombstone | ItemDeparture, stamp: datetime) -> Event:
    """The cancellation of a UID that is no longer live: a deleted item (tombstone) or an item a
    traveller left (departure)."""
    event = Event()
    event.add("uid", gone.uid)
    event.add("sequence", gone.revision)
    event.add("dtstamp", stamp)
    event.add("dtstart", wall_clock(gone.start, gone.zone))
    event.add("dtend", wall_clock(gone.end, gone.zone))
    event.add("summary", gone.title)
    _shown_as(event, "CANCELLED")
    return event


def _gone(session: Session, traveller: Traveller | None,
          live: set[str]) -> list[ItemTombstone | ItemDeparture]:
    """What the file cancels: for the whole tour, every deleted item; for a traveller, only the
    UIDs she attended and left (taken off, or the item deleted while she was in it). Never a
    UID live in the file."""
    gone: Iterable[ItemTombstone | ItemDeparture]
    if traveller is None:
        gone = session.scalars(select(ItemTombstone).order_by(ItemTombstone.start))
    else:
        gone = session.scalars(select(ItemDeparture).where(
            ItemDeparture.traveller_id == traveller.id).order_by(ItemDeparture.start))
    return [g for g in gone if g.uid not in live]


def ideas_left_out(session: Session, traveller: Traveller | None = None) -> list[str]:
    """The titles of the idea items a calendar leaves out unless asked (in time order)."""
    return [item.title for item in session.scalars(agenda_items(traveller))
            if item.status is ItemStatus.IDEA]


def calendar(session: Session, traveller: Traveller | None = None,
             options: IcsOptions | None = None, stamp: datetime | None = None) -> Calendar:
    """The tour (or one traveller's items) as an iCalendar object."""
    options = options or IcsOptions()
    stamp = stamp or now_utc()
    tour = load_tour(session)
    query = agenda_items(traveller).options(selectinload(AgendaItem.hosts),
                                            selectinload(AgendaItem.goals))
    every = list(session.scalars(query))
    items = [i for i in every if options.include_ideas or i.status is not ItemStatus.IDEA]
    cal = Calendar()
    cal.add("prodid", f"-//Ecovisit//Ecovisit {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = tour.title if traveller is None else f"{tour.title} – {traveller.name}"
    cal.add("x-wr-calname", vText(name))  # an X- property is not escaped unless typed as text
    model = TravelModel(TravelSettings.from_json(tour.travel_settings))
    coordinator = _coordinator(tour)
    events = [_event(item, following, options, stamp, model, coordinator)
              for item, following in zip(items, _next_live(items), strict=True)]
    events += [_cancelled(g, stamp) for g in _gone(session, traveller, {i.uid for i in every})]
    zones: dict[str, int] = {}
    for event in events:
        for prop in ("DTSTART", "DTEND"):  # a zone only for the times written with its TZID
            zone_name = event[prop].params.get("TZID")
            if zone_name is not None:
                zones.setdefault(str(zone_name), event.decoded(prop).year)
        cal.add_component(event)
    for zone_name, year in sorted(zones.items()):
        cal.add_component(vtimezone(zone_name, year))
    return cal


def to_bytes(cal: Calendar) -> bytes:
    """Serialised with CRLF line ends and lines folded at 75 octets (icalendar does both)."""
    data: Any = cal.to_ical()
    return bytes(data)
