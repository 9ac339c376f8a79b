"""The tour as an iCalendar file (RFC 5545) that Outlook, Google and Apple Calendar read right.

* ``METHOD:PUBLISH`` and one VEVENT per item, with the item's UID (it never changes) and its
  revision as SEQUENCE, so that importing a newer file updates events instead of duplicating them;
  cancelled and deleted items (tombstones) stay in the file as ``STATUS:CANCELLED``.
* Times in the place's local time with its IANA TZID and a VTIMEZONE built from RRULEs
  (:mod:`planner.calendar.vtimezone`); a flight ends in its arrival zone.
* LOCATION (address), GEO, a map link that opens on a phone, and a DESCRIPTION with the hosts, the
  goals served, the travel to the next item, the prepared questions and the participants (as
  text: PUBLISH forbids ATTENDEE). One DISPLAY alarm.
* Privacy: internal notes, dietary needs, e-mail addresses and other personal data of travellers
  never leave; hosts' phone numbers only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event, vText
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import __version__
from planner.calendar.vtimezone import vtimezone
from planner.model import AgendaItem, ItemStatus, ItemTombstone, Traveller
from planner.queries import agenda_items, load_tour
from planner.timezones import now_utc, to_local
from planner.travel import Point, TravelModel, TravelSettings

STATUS = {ItemStatus.IDEA: "TENTATIVE", ItemStatus.REQUESTED: "TENTATIVE",
          ItemStatus.CONFIRMED: "CONFIRMED", ItemStatus.CANCELLED: "CANCELLED"}


@dataclass(frozen=True)
class IcsOptions:
    """What goes into the file."""

    alarm_minutes: int = 15  # 0: no alarm
    with_phones: bool = False


def map_link(latitude: float, longitude: float) -> str:
    """A link that opens the point in the phone's map (OpenStreetMap on the web otherwise)."""
    return (f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}"
            f"#map=17/{latitude:.6f}/{longitude:.6f}")


def _travel_line(item: AgendaItem, following: AgendaItem, model: TravelModel) -> str:
    start = to_local(following.start, following.zone)
    where = following.place.name if following.place else ""
    line = f"Next: {following.title} at {start:%H:%M}" + (f", {where}" if where else "")
    origin = item.destination or item.place
    if origin is not None and following.place is not None and origin.id != following.place.id:
        leg = model.estimate(Point(origin.latitude, origin.longitude, origin.exact,
                                   origin.kind),
                             Point(following.place.latitude, following.place.longitude,
                                   following.place.exact, following.place.kind))
        line += f" (travel: {leg.mode}, about {leg.minutes} min, {leg.distance_km:.1f} km)"
    return line


def _description(item: AgendaItem, following: AgendaItem | None, options: IcsOptions,
                 model: TravelModel) -> str:
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
    return "\n".join(lines)


def _event(item: AgendaItem, following: AgendaItem | None, options: IcsOptions,
           stamp: datetime, model: TravelModel) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("sequence", item.revision)
    event.add("dtstamp", stamp)
    event.add("dtstart", to_local(item.start, item.zone))
    event.add("dtend", to_local(item.end, item.end_zone or item.zone))
    event.add("summary", item.title)
    event.add("status", STATUS[item.status])
    place = item.place
    if place is not None:
        where = ", ".join(p for p in (place.name, place.address) if p)
        if item.destination is not None:
            where += f" → {item.destination.name}"
        event.add("location", where)
        event.add("geo", (place.latitude, place.longitude))
        event.add("url", map_link(place.latitude, place.longitude))
    event.add("description", _description(item, following, options, model))
    event.add("transp", "OPAQUE")
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


def _cancelled(stone: ItemTombstone, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", stone.uid)
    event.add("sequence", stone.revision)
    event.add("dtstamp", stamp)
    event.add("dtstart", to_local(stone.start, stone.zone))
    event.add("dtend", to_local(stone.end, stone.zone))
    event.add("summary", stone.title)
    event.add("status", "CANCELLED")
    return event


def calendar(session: Session, traveller: Traveller | None = None,
             options: IcsOptions | None = None, stamp: datetime | None = None) -> Calendar:
    """The tour (or one traveller's items) as an iCalendar object."""
    options = options or IcsOptions()
    stamp = stamp or now_utc()
    tour = load_tour(session)
    query = agenda_items(traveller).options(selectinload(AgendaItem.hosts),
                                            selectinload(AgendaItem.goals))
    items = list(session.scalars(query))
    cal = Calendar()
    cal.add("prodid", f"-//Ecovisit//Ecovisit {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("calscale", "GREGORIAN")
    name = tour.title if traveller is None else f"{tour.title} – {traveller.name}"
    cal.add("x-wr-calname", vText(name))  # an X- property is not escaped unless typed as text
    zones: dict[str, int] = {}
    model = TravelModel(TravelSettings.from_json(tour.travel_settings))
    for item, following in zip(items, _next_live(items), strict=True):
        cal.add_component(_event(item, following, options, stamp, model))
        for zone_name, moment in ((item.zone, item.start),
                                  (item.end_zone or item.zone, item.end)):
            zones.setdefault(zone_name, to_local(moment, zone_name).year)
    for stone in session.scalars(select(ItemTombstone).order_by(ItemTombstone.start)):
        cal.add_component(_cancelled(stone, stamp))
        zones.setdefault(stone.zone, to_local(stone.start, stone.zone).year)
    for zone_name, year in sorted(zones.items()):
        cal.add_component(vtimezone(zone_name, year))
    return cal


def to_bytes(cal: Calendar) -> bytes:
    """Serialised with CRLF line ends and lines folded at 75 octets (icalendar does both)."""
    data: Any = cal.to_ical()
    return bytes(data)
