"""The tour's route as a map shows it: the places (venues, hotels, airports, stations and the
directory's offices), the legs travelled each day by air, by rail or on the ground, the cities
to name, and the box a map should show.

A day's legs follow each traveller from the previous night's hotel through the items they attend
(a journey item goes from its place to its destination) to that night's hotel; the legs of the
day are those that anyone travels, in the order they are first travelled. Cancelled items are
not travelled to.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from planner.formatting import item_time_text
from planner.geo.mapping import EUROPE, Box
from planner.geo.sphere import distance_km
from planner.model import (
    AgendaItem,
    ItemKind,
    ItemStatus,
    Organisation,
    Place,
    PlaceKind,
    Stay,
    Traveller,
    item_attendees,
)
from planner.queries import load_tour

#: A place further than this from the middle of the tour's hotels is the far end of a long-haul
#: flight (home), not part of the region a map of the tour shows.
REGION_KM = 2500.0


class Mode(enum.StrEnum):
    """How a leg is travelled."""

    GROUND = "ground"
    TRAIN = "train"
    FLIGHT = "flight"


_MODES = {ItemKind.FLIGHT: Mode.FLIGHT, ItemKind.TRAIN: Mode.TRAIN}


@dataclass(frozen=True)
class MapPlace:
    """A place with coordinates, and what the tour does there."""

    id: int
    name: str
    kind: PlaceKind
    city: str
    country: str
    latitude: float
    longitude: float
    #: Organisations whose office this is.
    organisations: tuple[int, ...] = ()
    #: Their names (for a tooltip).
    organisation_names: tuple[str, ...] = ()
    #: UIDs of the agenda items that start or end here, in time order (cancelled ones too).
    items: tuple[str, ...] = ()
    #: Whether the itinerary goes here (a stop of a not-cancelled item, or a hotel).
    on_route: bool = False


@dataclass(frozen=True)
class MapItem:
    """An agenda item as a map lists it."""

    uid: str
    title: str
    title_ja: str
    kind: ItemKind
    day: date
    time_text: str
    place: int | None
    destination: int | None
    cancelled: bool


@dataclass(frozen=True)
class Leg:
    """One stretch of the route on one day, from place to place."""

    day: date
    origin: int
    destination: int
    mode: Mode
    #: The UID of the flight, train or transfer it is ('' for the way between two items).
    item: str = ""


@dataclass(frozen=True)
class MapCity:
    """A city to name on the map, at its hotel or in the middle of its places."""

    name: str
    country: str
    latitude: float
    longitude: float
    places: tuple[int, ...]
    nights: int
    items: int
    on_route: bool

    @property
    def weight(self) -> int:
        """How much the city matters to the tour (nights count most)."""
        return 10 * self.nights + self.items


@dataclass
class TourRoute:
    """Everything a route map draws, read once from the tour."""

    days: list[date] = field(default_factory=list)
    places: dict[int, MapPlace] = field(default_factory=dict)
    items: dict[str, MapItem] = field(default_factory=dict)
    #: Day by day, each day's legs in the order they are travelled.
    legs: list[Leg] = field(default_factory=list)
    #: The most important first.
    cities: list[MapCity] = field(default_factory=list)
    #: The hotel (place id) of each night.
    hotels: dict[date, int] = field(default_factory=dict)

    def legs_on(self, day: date | None) -> list[Leg]:
        """The legs of *day* in order (None: of the whole tour)."""
        return list(self.legs) if day is None else [leg for leg in self.legs if leg.day == day]

    def stops_on(self, day: date) -> list[int]:
        """The places of *day* in the order they are reached: the previous night's hotel, then
        each stop; a day without legs has its items' places and its hotel."""
        stops: list[int] = []
        for leg in self.legs_on(day):
            for key in (leg.origin, leg.destination):
                if key not in stops:
                    stops.append(key)
        if not stops:
            hotel = self.hotels.get(day - timedelta(days=1), self.hotels.get(day))
            stops = [hotel] if hotel is not None else []
            for item in self.items.values():
                if item.day == day and not item.cancelled:
                    for found in (item.place, item.destination):
                        if found is not None and found not in stops:
                            stops.append(found)
        return stops

    def items_at(self, place: int, day: date | None = None) -> list[str]:
        """UIDs of the items at *place* (on *day*, or any day), in time order."""
        found = self.places.get(place)
        if found is None:
            return []
        return [uid for uid in found.items if day is None or self.items[uid].day == day]

    def places_of_items(self, uids: Iterable[str]) -> list[int]:
        """The places (and destinations) of these items."""
        keys: list[int] = []
        for uid in uids:
            item = self.items.get(uid)
            if item is not None:
                for key in (item.place, item.destination):
                    if key is not None and key in self.places and key not in keys:
                        keys.append(key)
        return keys

    def places_of_organisations(self, organisations: Iterable[int]) -> list[int]:
        """The offices of these organisations."""
        wanted = set(organisations)
        return [place.id for place in self.places.values() if wanted & set(place.organisations)]

    def route_places(self) -> list[int]:
        return [place.id for place in self.places.values() if place.on_route]

    def box(self, day: date | None = None) -> Box:
        """What a map of the tour (or of *day*) shows: its places, leaving out those far from
        the tour's region (the home end of a long-haul flight), with a margin; at least a
        city across."""
        keys = self.stops_on(day) if day is not None else self.route_places()
        if not keys:
            keys = self.route_places() or list(self.places)
        near = self._in_region(keys) or self._in_region(self.route_places()) or keys
        box = Box.around(((self.places[k].latitude, self.places[k].longitude) for k in near),
                         minimum_km=12.0)
        return box or EUROPE

    def _in_region(self, keys: list[int]) -> list[int]:
        import statistics  # with the first map: the window's start does without it

        centres = [self.places[k] for k in set(self.hotels.values())] or \
            [self.places[k] for k in self.route_places()] or list(self.places.values())
        if not centres:
            return keys
        middle = (statistics.median(p.latitude for p in centres),
                  statistics.median(p.longitude for p in centres))
        return [k for k in keys if distance_km(*middle, self.places[k].latitude,
                                               self.places[k].longitude) <= REGION_KM]


@dataclass(frozen=True)
class _Visit:
    """An agenda item as the legs need it."""

    place: int
    destination: int | None
    mode: Mode
    start: datetime
    uid: str
    attendees: frozenset[int]  # empty: everyone


def read_route(session: Session) -> TourRoute:
    """The route of the tour in *session* (every object it holds is plain data)."""
    tour = load_tour(session)
    items = list(session.scalars(select(AgendaItem).options(load_only(
        AgendaItem.id, AgendaItem.uid, AgendaItem.kind, AgendaItem.title, AgendaItem.title_ja,
        AgendaItem.start, AgendaItem.end, AgendaItem.zone, AgendaItem.end_zone,
        AgendaItem.place_id, AgendaItem.destination_id, AgendaItem.status))
        .order_by(AgendaItem.start, AgendaItem.end, AgendaItem.id)))
    attending: dict[int, set[int]] = {}
    for item_id, traveller_id in session.execute(select(item_attendees.c.item_id,
                                                        item_attendees.c.traveller_id)):
        attending.setdefault(item_id, set()).add(traveller_id)
    stays = list(session.execute(select(Stay.place_id, Stay.check_in, Stay.check_out)
                                 .order_by(Stay.check_in)))
    offices = list(session.execute(select(Organisation.id, Organisation.name,
                                          Organisation.place_id)
                                   .where(Organisation.place_id.is_not(None))
                                   .order_by(Organisation.id)))
    travellers = list(session.scalars(select(Traveller.id)))
    wanted = {key for item in items for key in (item.place_id, item.destination_id)
              if key is not None} | {stay.place_id for stay in stays} | \
        {office.place_id for office in offices}
    places = {row.id: row for row in session.execute(
        select(Place.id, Place.name, Place.kind, Place.city, Place.country, Place.latitude,
               Place.longitude).where(Place.id.in_(wanted)))} if wanted else {}
    hotels: dict[date, int] = {}
    for place_id, check_in, check_out in stays:
        night = check_in
        while night < check_out:
            hotels.setdefault(night, place_id)
            night += timedelta(days=1)
    by_day: dict[date, list[_Visit]] = {}
    for item in items:
        if item.status is not ItemStatus.CANCELLED and item.place_id is not None:
            by_day.setdefault(item.day, []).append(_Visit(
                item.place_id, item.destination_id, _MODES.get(item.kind, Mode.GROUND),
                item.start, item.uid, frozenset(attending.get(item.id, ()))))
    legs = _legs(by_day, hotels, travellers)
    on_route = {key for leg in legs for key in (leg.origin, leg.destination)}
    on_route |= set(hotels.values())
    on_route |= {visit.place for visits in by_day.values() for visit in visits}
    on_route |= {visit.destination for visits in by_day.values() for visit in visits
                 if visit.destination is not None}
    at: dict[int, list[str]] = {}
    for item in items:
        for where in (item.place_id, item.destination_id):
            if where is not None and item.uid not in at.setdefault(where, []):
                at[where].append(item.uid)
    owners: dict[int, list[tuple[int, str]]] = {}
    for organisation, name, office in offices:
        if office is not None:
            owners.setdefault(office, []).append((organisation, name))
    route = TourRoute(days=tour.days)
    for key, place in places.items():
        mine = owners.get(key, [])
        route.places[key] = MapPlace(
            key, place.name, place.kind, place.city.strip(), place.country,
            place.latitude, place.longitude, tuple(o for o, _ in mine),
            tuple(n for _, n in mine), tuple(at.get(key, ())), key in on_route)
    for item in items:
        route.items[item.uid] = MapItem(
            item.uid, item.title, item.title_ja, item.kind, item.day,
            item_time_text(item), item.place_id, item.destination_id,
            item.status is ItemStatus.CANCELLED)
    route.legs = legs
    route.hotels = dict(sorted(hotels.items()))
    route.cities = _cities(route)
    return route


def _legs(by_day: dict[date, list[_Visit]], hotels: dict[date, int],
          travellers: list[int]) -> list[Leg]:
    """Every day's legs, in the order they are first travelled (see the module docstring)."""
    days = sorted(set(by_day) | {night + timedelta(days=1) for night in hotels})
    legs: list[Leg] = []
    for day in days:
        visits = by_day.get(day, [])
        # travellers who attend the same items travel together: one path per such group
        paths: set[tuple[_Visit, ...]] = set()
        if not travellers or not any(visit.attendees for visit in visits):
            paths.add(tuple(visits))
        else:
            for traveller in travellers:
                paths.add(tuple(v for v in visits if not v.attendees
                                or traveller in v.attendees))
        found: dict[tuple[int, int, Mode], tuple[tuple[datetime, int], str]] = {}
        for mine in paths:
            path = _path(day, list(mine), hotels)
            for position, (a, b) in enumerate(pairwise(path)):
                if a[0] == b[0]:
                    continue
                key = (a[0], b[0], b[1])
                order = (b[2], position)
                if key not in found or order < found[key][0]:
                    found[key] = (order, b[3])
        for (origin, destination, mode), (_order, uid) in sorted(found.items(),
                                                                 key=lambda e: e[1][0]):
            legs.append(Leg(day, origin, destination, mode, uid))
    return legs


def _path(day: date, visits: list[_Visit],
          hotels: dict[date, int]) -> list[tuple[int, Mode, datetime, str]]:
    """Where one traveller goes on *day*: (place, how they got there, when, journey UID)."""
    dawn = datetime.combine(day, time.min, tzinfo=UTC)  # only orders a hotel change
    path: list[tuple[int, Mode, datetime, str]] = []
    before = hotels.get(day - timedelta(days=1))
    after = hotels.get(day)
    if before is not None:
        path.append((before, Mode.GROUND, visits[0].start if visits else dawn, ""))
    for visit in visits:
        path.append((visit.place, Mode.GROUND, visit.start, ""))
        if visit.destination is not None:
            path.append((visit.destination, visit.mode, visit.start, visit.uid))
    if after is not None:
        path.append((after, Mode.GROUND, path[-1][2] if path else dawn, ""))
    return path


def _cities(route: TourRoute) -> list[MapCity]:
    import statistics

    grouped: dict[tuple[str, str], list[MapPlace]] = {}
    for place in route.places.values():
        if place.city:
            grouped.setdefault((place.city, place.country), []).append(place)
    hotel_places = set(route.hotels.values())
    nights: dict[int, int] = {}
    for key in route.hotels.values():
        nights[key] = nights.get(key, 0) + 1
    counted = {uid for uid, item in route.items.items() if not item.cancelled}
    cities: list[MapCity] = []
    for (name, country), places in grouped.items():
        hotels = [p for p in places if p.id in hotel_places]
        central = [p for p in places if p.kind not in (PlaceKind.AIRPORT, PlaceKind.STATION,
                                                     PlaceKind.PORT)]
        anchor = hotels or central or places
        latitude = statistics.median(p.latitude for p in anchor)
        longitude = statistics.median(p.longitude for p in anchor)
        uids = {uid for p in places for uid in p.items if uid in counted}
        cities.append(MapCity(name, country, latitude, longitude, tuple(p.id for p in places),
                              sum(nights.get(p.id, 0) for p in places), len(uids),
                              any(p.on_route for p in places)))
    cities.sort(key=lambda c: (not c.on_route, -c.weight, c.name))
    return cities
