"""The door-to-door travel model: how long it really takes to get from one place to another.

The estimate starts from the geodesic distance (geopy) and prices every way of making the trip
that fits the distance: walking a short hop, a taxi (or public transport) in and around a city,
rail between cities, a ferry over a short stretch of sea, a flight. Each way includes what
timetables leave out: getting to the station or airport, waiting, check-in, baggage, getting to
the door at the other end. The quickest of them is the estimate.

**It must never be optimistic**: a plan Ecovisit calls feasible must work in reality. Speeds are
door-to-door averages well below top speeds, road and rail distances are longer than the straight
line, approximate places (only the city is known) add a margin, and a straight line that crosses
open sea rules out land routes. ``tests/data/real_connections.csv`` holds real fastest connections
the model is tested against. Every parameter lives in :class:`TravelSettings`, stored with the
tour and editable by the user.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from planner.errors import InputError
from planner.model import PlaceKind

if TYPE_CHECKING:
    from planner.network.data import Airport
    from planner.network.routes import Network, Timetable

MODES = ("walk", "transit", "taxi", "rail", "flight", "ferry")


@dataclass(frozen=True)
class Range:
    """The values a numeric setting may take, both ends included, and its unit."""

    low: float
    high: float
    unit: str

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high  # NaN: False

    def text(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.low:g} to {self.high:g}{unit}"


_MIN, _KM, _KMH, _TIMES = "min", "km", "km/h", "× the straight line"
#: Every numeric setting's sane range (speeds never 0: they divide); the window's spin boxes
#: take the same ranges from here.
RANGES: Mapping[str, Range] = {
    "walk_max_km": Range(0, 10, _KM), "walk_speed_kmh": Range(1, 8, _KMH),
    "walk_buffer_min": Range(0, 60, _MIN), "city_access_min": Range(0, 120, _MIN),
    "road_detour": Range(1, 3, _TIMES), "city_speed_kmh": Range(1, 100, _KMH),
    "motorway_speed_kmh": Range(1, 150, _KMH), "road_max_km": Range(0, 2000, _KM),
    "rail_min_km": Range(0, 2000, _KM), "rail_max_km": Range(0, 5000, _KM),
    "rail_detour": Range(1, 3, _TIMES), "rail_speed_kmh": Range(1, 350, _KMH),
    "rail_wait_min": Range(0, 240, _MIN), "station_buffer_min": Range(0, 240, _MIN),
    "station_access_min": Range(0, 240, _MIN), "flight_min_km": Range(0, 2000, _KM),
    "flight_speed_kmh": Range(100, 1000, _KMH), "flight_fixed_min": Range(0, 240, _MIN),
    "airport_checkin_min": Range(0, 360, _MIN), "airport_exit_min": Range(0, 240, _MIN),
    "airport_access_min": Range(0, 360, _MIN), "ferry_max_km": Range(0, 2000, _KM),
    "ferry_speed_kmh": Range(1, 80, _KMH), "ferry_checkin_min": Range(0, 240, _MIN),
    "port_access_min": Range(0, 240, _MIN), "sea_tolerance_km": Range(0, 200, _KM),
    "approximate_margin_min": Range(0, 120, _MIN), "min_transfer_min": Range(0, 120, _MIN),
    "checkout_min": Range(0, 240, _MIN), "lunch_min": Range(0, 180, _MIN),
    "onboard_meal_min": Range(0, 600, _MIN), "rail_change_min": Range(0, 180, _MIN),
    "flight_change_min": Range(0, 600, _MIN), "max_meetings_per_day": Range(1, 20, "meetings"),
    "confirm_days": Range(0, 365, "days"),
}
_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


@dataclass(frozen=True)
class TravelSettings:
    """The parameters of the travel model (minutes, kilometres, km/h)."""

    walk_max_km: float = 1.2  # farther than this, nobody walks with a delegation
    walk_speed_kmh: float = 4.0
    walk_buffer_min: float = 5.0  # gathering the group, lifts, reception
    city_mode: str = "taxi"  # "taxi" (a car or minibus) or "transit"
    city_access_min: float = 12.0  # waiting for the car, loading, finding the entrance
    road_detour: float = 1.35  # road kilometres per straight-line kilometre
    city_speed_kmh: float = 18.0  # average door-to-door speed for short city trips
    motorway_speed_kmh: float = 65.0  # average for long road trips (reached at 40 km)
    road_max_km: float = 180.0
    rail_min_km: float = 40.0
    rail_max_km: float = 800.0
    rail_detour: float = 1.3
    # Average over the rail distance. High-speed lines are much faster, but without terrain data
    # an Alpine crossing (Zurich-Milan, Munich-Verona) looks the same, and it must not come out
    # optimistic; a booked train item replaces this estimate with its real times.
    rail_speed_kmh: float = 100.0
    rail_wait_min: float = 30.0  # until the next train, when none is booked
    station_buffer_min: float = 20.0  # at the station before departure
    station_access_min: float = 35.0  # from a door to the main station (and back)
    rail_change_min: float = 30.0  # changing trains: platform to platform and the next train
    flight_min_km: float = 150.0
    flight_speed_kmh: float = 720.0  # block speed, taxiing and climbs included below
    flight_fixed_min: float = 35.0  # taxi-out, climb, approach, taxi-in
    airport_checkin_min: float = 90.0  # at the airport before departure
    airport_exit_min: float = 30.0  # deplaning, passport, baggage
    airport_access_min: float = 60.0  # from a door to the airport (and back)
    flight_change_min: float = 120.0  # neither airport a hub: a change on the way
    ferry_max_km: float = 250.0
    ferry_speed_kmh: float = 30.0
    ferry_checkin_min: float = 45.0
    port_access_min: float = 35.0
    sea_tolerance_km: float = 15.0  # more open sea than this on the straight line: no land route
    approximate_margin_min: float = 15.0  # per end whose coordinates are only approximate
    min_transfer_min: float = 0.0  # between two items at the same place
    checkout_min: float = 45.0  # hotel check-out with luggage on a moving day
    earliest_departure: str = "07:00"  # nobody should have to leave the hotel earlier
    latest_return: str = "23:00"  # ... or come back later
    lunch_min: float = 45.0
    onboard_meal_min: float = 90.0  # a train or flight this long serves lunch on board
    lunch_window: str = "11:30-14:30"
    max_meetings_per_day: int = 5
    confirm_days: int = 14  # a meeting not confirmed this close to the date is flagged
    #: Planning may split the delegation on a day where travellers' goals differ (each group
    #: its own route); ``split_days`` overrides it for single days: (ISO date, may split).
    split_delegation: bool = False
    split_days: tuple[tuple[str, bool], ...] = ()

    #: The range and unit of every numeric setting, by name (for forms' spin boxes).
    ranges: ClassVar[Mapping[str, Range]] = RANGES

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> TravelSettings:
        """Settings from a tour's ``travel_settings`` (missing keys take the defaults)."""
        if data is not None and not isinstance(data, Mapping):
            raise InputError(f"travel settings: expected NAME: VALUE pairs, got {data!r:.60}")
        data = dict(data or {})
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise InputError(f"travel settings: unknown setting {unknown[0]!r}")
        values: dict[str, Any] = {}
        for name, value in data.items():
            kind = type(getattr(cls(), name))
            if name == "split_days":
                values[name] = _split_days(value)
            elif kind is float and isinstance(value, int | float) and not isinstance(value, bool):
                values[name] = float(value)
            elif isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
                values[name] = value
            else:
                raise InputError(f"travel settings: {name} must be a {kind.__name__}, "
                                 f"got {value!r}")
        settings = cls(**values)
        settings._check()
        return settings

    def _check(self) -> None:
        """InputError naming the first setting out of its range."""
        for name, allowed in RANGES.items():
            value = getattr(self, name)
            if value not in allowed:
                raise InputError(f"travel settings: {name} = {value!r} is out of range; "
                                 f"it takes {allowed.text()}")
        if self.city_mode not in ("taxi", "transit"):
            raise InputError("travel settings: city_mode must be 'taxi' or 'transit'")
        for name in ("earliest_departure", "latest_return"):
            if not _CLOCK.fullmatch(getattr(self, name)):
                raise InputError(f"travel settings: {name} = {getattr(self, name)!r}: expected "
                                 "a time of day as HH:MM, e.g. 07:00")
        first, _, last = self.lunch_window.partition("-")
        if not (_CLOCK.fullmatch(first) and _CLOCK.fullmatch(last) and first < last):
            raise InputError(f"travel settings: lunch_window = {self.lunch_window!r}: expected "
                             "two times of day, the first earlier, e.g. 11:30-14:30")

    def to_json(self) -> dict[str, Any]:
        """Only the settings that differ from the defaults (what a tour stores)."""
        default = asdict(TravelSettings())
        stored = {k: v for k, v in asdict(self).items() if v != default[k]}
        if "split_days" in stored:
            stored["split_days"] = {day: split for day, split in self.split_days}
        return stored

    def day_choice(self, day: date) -> bool | None:
        """*day*'s own choice (True: may split, False: together), or None: the tour's
        setting."""
        return dict(self.split_days).get(day.isoformat())

    def may_split(self, day: date) -> bool:
        """Whether planning may split the delegation on *day* (its override, else the tour's;
        never at a weekend, which planning leaves alone)."""
        if day.weekday() >= 5:
            return False
        own = self.day_choice(day)
        return self.split_delegation if own is None else own

    def with_split_day(self, day: date, split: bool | None) -> TravelSettings:
        """These settings with *day*'s override set (None: the tour's setting applies)."""
        days = {d: v for d, v in self.split_days if d != day.isoformat()}
        if split is not None:
            days[day.isoformat()] = split
        return replace(self, split_days=tuple(sorted(days.items())))


def _split_days(value: object) -> tuple[tuple[str, bool], ...]:
    """A tour's ``split_days`` ({ISO date: may split}) as the settings hold it."""
    if not isinstance(value, Mapping):
        raise InputError("travel settings: split_days must be pairs of a date and true or "
                         f"false, e.g. {{\"2027-05-10\": true}}, got {value!r:.60}")
    days: dict[str, bool] = {}
    for text, split in value.items():
        try:
            day = date.fromisoformat(str(text))
        except ValueError:
            raise InputError(f"travel settings: split_days: {text!r} is not a date as "
                             "YYYY-MM-DD") from None
        if not isinstance(split, bool):
            raise InputError(f"travel settings: split_days: {text}: expected true or false, "
                             f"got {split!r:.30}")
        days[day.isoformat()] = split
    return tuple(sorted(days.items()))


@dataclass(frozen=True)
class Point:
    """One end of a trip: where it is, how well we know it, and what kind of place it is."""

    latitude: float
    longitude: float
    exact: bool = True
    kind: PlaceKind = PlaceKind.OFFICE  # a station or an airport needs no access trip to itself
    name: str = ""

    @classmethod
    def of(cls, place: Any) -> Point:
        """The end of a trip at *place*: a Place record, a plan's snapshot of one, or any row
        with its latitude, longitude, exact flag, kind (or its value) and name."""
        return cls(float(place.latitude), float(place.longitude), bool(place.exact),
                   PlaceKind(place.kind), place.name)


@dataclass(frozen=True)
class Leg:
    """A travel estimate: whole minutes (rounded up), the mode, and why."""

    minutes: int
    mode: str
    distance_km: float
    explanation: str
    notes: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {"minutes": self.minutes, "mode": self.mode,
                "distance_km": round(self.distance_km, 1), "explanation": self.explanation}


SeaShare = Callable[[float, float, float, float], tuple[float, float]]


def _land_sea(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    from planner.geo.landmask import land_mask

    return land_mask().sea_share(lat1, lon1, lat2, lon2)


#: How far from a door the stations and ports (straight line) a trip may start from are looked
#: for, and how many of the nearest; the same for airports.
STATION_REACH_KM, STATIONS_TRIED = 60.0, 5
AIRPORT_REACH_KM, AIRPORTS_TRIED = 150.0, 3
#: A place of the same kind this close to a station (an airport) is at it: no trip to it.
AT_STATION_KM, AT_AIRPORT_KM = 1.0, 3.0
#: A train or flight item's place is the station (airport) of the network this close to it.
RIDE_KM = 3.0


class TravelModel:
    """Estimates door-to-door legs with one set of settings.

    *network*: the rail and ferry network and the airports to price trips between cities with
    (True: the one shipped with Ecovisit, :mod:`planner.network`; False: none, every trip
    priced from the distance alone)."""

    def __init__(self, settings: TravelSettings | None = None,
                 sea_share: SeaShare | None = None, network: Network | bool = True) -> None:
        self.settings = settings or TravelSettings()
        self._sea_share = sea_share or _land_sea
        self._cache: dict[tuple[Point, Point], Leg] = {}
        self._network = network
        self._timetable: Timetable | None = None
        self._near: dict[Point, list[tuple[int, float]]] = {}
        self._near_airports: dict[Point, list[tuple[Airport, float]]] = {}
        self._flights: dict[tuple[str, str], tuple[float, float] | None] = {}

    def network(self) -> Network | None:
        """The network this model prices trips between cities with, if any."""
        if self._network is True:
            from planner.network.routes import shipped_network

            self._network = shipped_network()
        return self._network or None

    def timetable(self) -> Timetable | None:
        """Routes over the network with this model's costs (boarding, changes, transfers)."""
        network = self.network()
        if network is None:
            return None
        if self._timetable is None:
            from planner.network.routes import Costs, Timetable

            s = self.settings
            self._timetable = Timetable(network, Costs(
                board=lambda mode: (s.station_buffer_min + s.rail_wait_min if mode == "rail"
                                    else s.ferry_checkin_min),
                change=lambda mode: (s.rail_change_min if mode == "rail"
                                     else s.ferry_checkin_min),
                transfer=self._local))
        return self._timetable

    # --- the ways of travelling ----------------------------------------------------------------
    def _walk(self, km: float) -> float:
        s = self.settings
        return km * s.road_detour / s.walk_speed_kmh * 60 + s.walk_buffer_min

    def _local(self, km: float) -> float:
        """Minutes to go *km* (straight line) within a city: on foot if it is that short, else
        by the city's mode."""
        return self._walk(km) if km <= self.settings.walk_max_km else self._road(km)[0]

    def _reach(self, point: Point, latitude: float, longitude: float, km: float,
               kind: PlaceKind) -> float | None:
        """Minutes from *point* to a station, port or airport *km* away (None: over open sea)."""
        if point.kind == kind and km <= (AT_AIRPORT_KM if kind == PlaceKind.AIRPORT
                                         else AT_STATION_KM):
            return 0.0
        s = self.settings
        if km > 2 * s.sea_tolerance_km and self._sea_share(
                point.latitude, point.longitude, latitude, longitude)[1] > s.sea_tolerance_km:
            return None
        return self._local(km)

    def _by_network(self, a: Point, b: Point) -> _Way | None:
        """The fastest door-to-door trip by the network's trains and boats (canonical order,
        so that both directions agree)."""
        timetable = self.timetable()
        if timetable is None:
            return None
        flip = (a.latitude, a.longitude) > (b.latitude, b.longitude)
        if flip:
            a, b = b, a
        ends = self._stations(b)
        best: tuple[float, int, int, float, float] | None = None
        for n, access in self._stations(a):
            ride = timetable.from_node(n)[0]
            for m, egress in ends:
                if m == n or math.isinf(ride[m]):
                    continue
                total = access + ride[m] + egress
                if best is None or total < best[0]:
                    best = (total, n, m, access, egress)
        if best is None:
            return None
        total, n, m, access, egress = best
        route = timetable.route(n, m)
        assert route is not None
        if flip:
            route, access, egress = route.reversed(), egress, access
        start, end = route.start, route.end
        waiting = "at the station" if route.rides[0].link.mode == "rail" else "boarding"
        return _Way(total, route.mode, ", ".join((
            f"{route.summary()}: " + _trip_to(access, start.name),
            f"{route.first_board:.0f} min {waiting}",
            f"{route.minutes:.0f} min from there to {end.name}",
            *([f"{egress:.0f} min to the door"] if egress else []))), scheduled=True)

    def _by_air(self, a: Point, b: Point) -> _Way | None:
        """The fastest door-to-door trip by air between the airports near each end (None: the
        network knows no airport near one of them)."""
        network = self.network()
        if network is None:
            return None
        s = self.settings
        tos = self._airports(b)
        best: _Way | None = None
        for there, access in self._airports(a):
            for back, egress in tos:
                flown = self._flown(there, back)
                if flown is None:
                    continue
                block, change = flown
                total = access + s.airport_checkin_min + block + change + s.airport_exit_min \
                    + egress
                if best is None or total < best.minutes:
                    best = _Way(total, "flight", (
                        f"{there.code} to {back.code}: {_trip_to(access, there.name)}, "
                        f"{s.airport_checkin_min:.0f} min check-in, {block:.0f} min flying"
                        + (f", {change:.0f} min changing planes (neither is a hub)"
                           if change else "")
                        + f", {s.airport_exit_min:.0f} min baggage and exit"
                        + (f", {egress:.0f} min to the door" if egress else "")),
                        scheduled=True)
        return best

    def _stations(self, point: Point) -> list[tuple[int, float]]:
        """The network's stations and ports a trip from *point* may start at (nearest first),
        and the minutes to each (none over open sea)."""
        if point not in self._near:
            network = self.network()
            assert network is not None
            nodes = network.nodes
            self._near[point] = [
                (n, access) for n, km in network.nodes_near(point.latitude, point.longitude,
                                                            STATION_REACH_KM, STATIONS_TRIED)
                if (access := self._reach(point, nodes[n].latitude, nodes[n].longitude, km,
                                          _kind_of(nodes[n].kind))) is not None]
        return self._near[point]

    def _airports(self, point: Point) -> list[tuple[Airport, float]]:
        """The airports a flight from *point* may leave from (nearest first), and the minutes
        to each (none over open sea)."""
        if point not in self._near_airports:
            network = self.network()
            assert network is not None
            self._near_airports[point] = [
                (airport, access) for airport, km in network.airports_near(
                    point.latitude, point.longitude, AIRPORT_REACH_KM, AIRPORTS_TRIED)
                if (access := self._reach(point, airport.latitude, airport.longitude, km,
                                          PlaceKind.AIRPORT)) is not None]
        return self._near_airports[point]

    def _flown(self, there: Airport, back: Airport) -> tuple[float, float] | None:
        """The block time between two airports and the time a change adds (None: too close
        to fly)."""
        key = (there.code, back.code)
        if key not in self._flights:
            self._flights[key] = self._flight_between(there, back)
        return self._flights[key]

    def _flight_between(self, there: Airport, back: Airport) -> tuple[float, float] | None:
        from geopy.distance import geodesic

        s = self.settings
        km = geodesic((there.latitude, there.longitude), (back.latitude, back.longitude)).km
        if there.code == back.code or km < s.flight_min_km:
            return None
        return self._block(km), 0.0 if there.hub or back.hub else s.flight_change_min

    def _block(self, km: float) -> float:
        """Minutes in the air and on the taxiways for a flight of *km* (straight line)."""
        s = self.settings
        # Long-haul routes bend far from the great circle (closed airspace, jet streams).
        detour = 1.05 if km <= 3000 else 1.2
        return km * detour / s.flight_speed_kmh * 60 + s.flight_fixed_min

    def _road(self, km: float) -> tuple[float, str]:
        s = self.settings
        # Average speed grows from city traffic to motorway as trips get longer.
        ramp = min(1.0, max(0.0, (km - 3.0) / 37.0))
        speed = s.city_speed_kmh + ramp * (s.motorway_speed_kmh - s.city_speed_kmh)
        road_km = km * s.road_detour
        minutes = s.city_access_min + road_km / speed * 60
        # A car is never quicker than walking the longest hop we would walk.
        minutes = max(minutes, self._walk(s.walk_max_km))
        return minutes, (f"{s.city_access_min:.0f} min to get going, {road_km:.1f} km by road "
                         f"at {speed:.0f} km/h")

    def _rail(self, km: float, a: Point, b: Point) -> tuple[float, str]:
        s = self.settings
        access = (0 if a.kind == PlaceKind.STATION else s.station_access_min) + \
                 (0 if b.kind == PlaceKind.STATION else s.station_access_min)
        rail_km = km * s.rail_detour
        ride = rail_km / s.rail_speed_kmh * 60
        minutes = access + s.station_buffer_min + s.rail_wait_min + ride
        return minutes, (f"{access:.0f} min to and from the stations, "
                         f"{s.station_buffer_min + s.rail_wait_min:.0f} min at the station, "
                         f"{rail_km:.0f} km by rail at {s.rail_speed_kmh:.0f} km/h")

    def _flight(self, km: float, a: Point, b: Point) -> tuple[float, str]:
        s = self.settings
        access = (0 if a.kind == PlaceKind.AIRPORT else s.airport_access_min) + \
                 (0 if b.kind == PlaceKind.AIRPORT else s.airport_access_min)
        air = self._block(km)
        minutes = access + s.airport_checkin_min + air + s.airport_exit_min
        return minutes, (f"{access:.0f} min to and from the airports, "
                         f"{s.airport_checkin_min:.0f} min check-in, {air:.0f} min flying, "
                         f"{s.airport_exit_min:.0f} min baggage and exit")

    def _ferry(self, km: float) -> tuple[float, str]:
        s = self.settings
        sail = km * 1.1 / s.ferry_speed_kmh * 60
        minutes = 2 * s.port_access_min + s.ferry_checkin_min + sail
        return minutes, (f"{2 * s.port_access_min:.0f} min to and from the ports, "
                         f"{s.ferry_checkin_min:.0f} min boarding, {sail:.0f} min at sea")

    # --- the scheduled part -------------------------------------------------------------------
    def ride(self, a: Point, b: Point, mode: str) -> Ride | None:
        """How long the train (*mode* "rail", a ferry "ferry") or the flight ("flight") from
        *a* to *b* lasts, boarding to arrival; None when there is no such ride between them.
        Between stations (ports, airports) of the network its timetable says it; elsewhere
        the distance alone."""
        from geopy.distance import geodesic

        s = self.settings
        km = geodesic((a.latitude, a.longitude), (b.latitude, b.longitude)).km
        known = self._flight_ride(a, b) if mode == "flight" else self._network_ride(a, b, mode)
        if known is not None:
            return known
        if mode == "flight" and km >= s.flight_min_km:
            return Ride(math.ceil(self._block(km)), "flight", f"about {km:.0f} km flown")
        if mode == "rail" and s.rail_min_km <= km <= s.rail_max_km:
            ride = math.ceil(km * s.rail_detour / s.rail_speed_kmh * 60)
            return Ride(ride, "rail", f"about {km * s.rail_detour:.0f} km by rail")
        if mode == "ferry" and km <= s.ferry_max_km:
            return Ride(math.ceil(km * 1.1 / s.ferry_speed_kmh * 60), "ferry",
                        f"about {km * 1.1:.0f} km at sea")
        return None

    def _network_ride(self, a: Point, b: Point, mode: str) -> Ride | None:
        """The network's fastest route between the stations (ports) at *a* and *b*."""
        timetable = self.timetable()
        if timetable is None:
            return None
        network = timetable.network
        wanted = "station" if mode == "rail" else "port"
        starts, ends = ([n for n, _ in network.nodes_near(p.latitude, p.longitude, RIDE_KM, 3)
                         if network.nodes[n].kind == wanted] for p in (a, b))
        routes = [route for n in starts for m in ends if n != m
                  and (route := timetable.route(n, m)) is not None]
        if not routes:
            return None
        best = min(routes, key=lambda route: route.minutes)
        return Ride(math.ceil(best.minutes), best.mode, best.summary())

    def _flight_ride(self, a: Point, b: Point) -> Ride | None:
        """The block time between the airports at *a* and *b*, and a change if neither is a
        hub."""
        network = self.network()
        if network is None:
            return None
        froms, tos = (network.airports_near(p.latitude, p.longitude, RIDE_KM, 1) for p in (a, b))
        if not (froms and tos):
            return None
        there, back = froms[0][0], tos[0][0]
        flown = self._flown(there, back)
        if flown is None:
            return None
        block, change = flown
        return Ride(math.ceil(block + change), "flight",
                    f"{there.code} to {back.code}" + (", with a change on the way" if change
                                                       else ""))

    # --- the estimate ------------------------------------------------------------------------
    def estimate(self, a: Point, b: Point) -> Leg:
        """The door-to-door leg from *a* to *b*."""
        key = (a, b)
        if key not in self._cache:
            self._cache[key] = self._estimate(a, b)
        return self._cache[key]

    def _estimate(self, a: Point, b: Point) -> Leg:
        # imported on the first estimate: geopy's package imports every geocoder (and requests),
        # about a quarter of a second that the window's start need not wait for
        from geopy.distance import geodesic

        s = self.settings
        km = geodesic((a.latitude, a.longitude), (b.latitude, b.longitude)).km
        notes: list[str] = []
        if km <= s.walk_max_km:
            way = _Way(self._walk(km), "walk", f"{km * s.road_detour:.1f} km on foot at "
                                               f"{s.walk_speed_kmh:.0f} km/h")
        else:
            sea_km = 0.0
            if km > 2 * s.sea_tolerance_km:
                sea_km = self._sea_share(a.latitude, a.longitude, b.latitude, b.longitude)[1]
            way = min(self._ways(km, a, b, overland=sea_km <= s.sea_tolerance_km),
                      key=lambda way: way.minutes)
            if way.scheduled:
                pass  # the network's trains, boats and planes cross the water they cross
            elif sea_km > s.sea_tolerance_km:
                notes.append(f"the straight line crosses about {sea_km:.0f} km of open sea, so "
                             "no land route is assumed")
            elif sea_km > 1:
                notes.append(f"the straight line crosses about {sea_km:.0f} km of water "
                             "(assumed bridged)")
        margin = s.approximate_margin_min * sum(not p.exact for p in (a, b))
        if margin:
            notes.append(f"+{margin:.0f} min because "
                         + ("both places are" if not (a.exact or b.exact) else "one place is")
                         + " only approximately located")
        total = math.ceil(way.minutes + margin)
        explanation = f"{km:.1f} km straight line; {way.mode}: {way.how}"
        if notes:
            explanation += "; " + "; ".join(notes)
        return Leg(total, way.mode, km, explanation, tuple(notes))

    def _ways(self, km: float, a: Point, b: Point, overland: bool) -> list[_Way]:
        """Every way of making a trip of *km* (longer than a walk) that fits it."""
        s = self.settings
        ways: list[_Way] = []
        if km <= s.road_max_km and overland:
            ways.append(_Way.of(self._road(km), s.city_mode))
        if s.rail_min_km <= km <= s.rail_max_km and overland:
            ways.append(_Way.of(self._rail(km, a, b), "rail"))
        if km >= s.rail_min_km and (by_network := self._by_network(a, b)):
            ways.append(by_network)
        if km >= s.flight_min_km:
            ways.append(self._by_air(a, b) or _Way.of(self._flight(km, a, b), "flight"))
        if (not overland and km <= s.ferry_max_km) or not ways:
            # (open sea but too short to fly: a boat is the only way)
            ways.append(_Way.of(self._ferry(km), "ferry"))
        return ways


@dataclass(frozen=True)
class _Way:
    """One way of making a trip: its minutes, mode and why; ``scheduled``: a train, boat or
    plane of the network's, which crosses whatever water lies between."""

    minutes: float
    mode: str
    how: str
    scheduled: bool = False

    @classmethod
    def of(cls, priced: tuple[float, str], mode: str) -> _Way:
        """A way from a pricing's (minutes, why)."""
        return cls(priced[0], mode, priced[1])


@dataclass(frozen=True)
class Ride:
    """The scheduled part of a trip, station to station or airport to airport: what a train or
    flight item lasts (``summary`` says how, e.g. "ICE via Hannover, 1 change")."""

    minutes: int
    mode: str  # "rail", "ferry" or "flight"
    summary: str


def _trip_to(minutes: float, name: str) -> str:
    return f"{minutes:.0f} min to {name}" if minutes else f"from {name}"


def _kind_of(node_kind: str) -> PlaceKind:
    return PlaceKind.STATION if node_kind == "station" else PlaceKind.PORT


def parse_point(text: str) -> Point:
    """``"52.52,13.40"`` -> a :class:`Point` (exact); InputError on anything else."""
    parts = text.replace(";", ",").split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise InputError(f"{text!r}: expected LAT,LON in decimal degrees, e.g. 52.52,13.40") \
            from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{text!r}: latitude must be -90..90 and longitude -180..180")
    return Point(lat, lon)
