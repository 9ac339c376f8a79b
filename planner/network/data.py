"""The travel network shipped with Ecovisit: stations, ports, their links, and the airports.

``resources/travel/stations.csv`` holds the main intercity stations and ferry terminals of the
countries study tours visit (coordinates, city, country); ``links.csv`` the direct services
between them (a train or a boat without a change): the fastest scheduled in-vehicle time, the
operator, the service a traveller recognises (ICE, TGV INOUI, Eurostar, Tallink Megastar), its
main stops and the timetable and year the figure comes from. ``airports.csv`` lists the airports
with scheduled service a tour flies between (IATA code, whether it is a hub); their coordinates
and zones come from the airportsdata table. Everything is read once, offline; a damaged file is
an :class:`~planner.errors.InputError` naming the file, row and field.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from planner.errors import InputError

STATION, PORT = "station", "port"
RAIL, FERRY = "rail", "ferry"


@dataclass(frozen=True)
class Node:
    """A station or a ferry terminal."""

    id: str
    name: str
    city: str
    country: str
    latitude: float
    longitude: float
    kind: str  # STATION or PORT


@dataclass(frozen=True)
class Link:
    """A direct service between two nodes, the same both ways."""

    a: str
    b: str
    mode: str  # RAIL or FERRY
    minutes: int  # the fastest scheduled in-vehicle time
    operator: str
    service: str
    via: tuple[str, ...]  # its main stops between the two ends (cities), from *a* to *b*
    source: str
    year: int


@dataclass(frozen=True)
class Airport:
    """An airport with scheduled service."""

    code: str
    name: str
    city: str
    latitude: float
    longitude: float
    zone: str
    hub: bool


@dataclass(frozen=True)
class NetworkData:
    nodes: tuple[Node, ...]
    links: tuple[Link, ...]
    airports: tuple[Airport, ...]


def _rows(name: str, header: Iterable[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of ``resources/travel/NAME`` with their line numbers, the header checked."""
    text = (resources.files("resources") / "travel" / name).read_text(encoding="utf-8")
    reader = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    if reader.fieldnames != list(header):
        raise InputError(f"{name}: expected the columns {', '.join(header)}; "
                         f"found {', '.join(reader.fieldnames or [])}")
    return [(reader.line_num, row) for row in reader]


def _number(name: str, line: int, row: dict[str, str], field: str, kind: type) -> float:
    try:
        return kind(row[field])  # type: ignore[no-any-return]
    except (TypeError, ValueError):
        raise InputError(f"{name}, row {line}, {field}: {row[field]!r} is not a number") \
            from None


def _nodes() -> tuple[Node, ...]:
    name = "stations.csv"
    nodes = []
    for line, row in _rows(name, ("id", "name", "city", "country", "latitude", "longitude",
                                  "kind")):
        if row["kind"] not in (STATION, PORT):
            raise InputError(f"{name}, row {line}, kind: {row['kind']!r} is neither "
                             f"{STATION} nor {PORT}")
        nodes.append(Node(row["id"], row["name"], row["city"], row["country"],
                          _number(name, line, row, "latitude", float),
                          _number(name, line, row, "longitude", float), row["kind"]))
    return tuple(nodes)


def _links(known: set[str]) -> tuple[Link, ...]:
    name = "links.csv"
    links = []
    for line, row in _rows(name, ("from", "to", "mode", "minutes", "operator", "service", "via",
                                  "source", "year")):
        for end in ("from", "to"):
            if row[end] not in known:
                raise InputError(f"{name}, row {line}, {end}: no station {row[end]!r}")
        if row["mode"] not in (RAIL, FERRY):
            raise InputError(f"{name}, row {line}, mode: {row['mode']!r} is neither "
                             f"{RAIL} nor {FERRY}")
        minutes = int(_number(name, line, row, "minutes", int))
        if minutes <= 0:
            raise InputError(f"{name}, row {line}, minutes: must be more than 0")
        via = tuple(part.strip() for part in row["via"].split(";") if part.strip())
        links.append(Link(row["from"], row["to"], row["mode"], minutes, row["operator"],
                          row["service"], via, row["source"],
                          int(_number(name, line, row, "year", int))))
    return tuple(links)


def _airports() -> tuple[Airport, ...]:
    import airportsdata  # the table of every airport, read when a flight is first estimated

    table = airportsdata.load("IATA")
    name = "airports.csv"
    airports = []
    for line, row in _rows(name, ("iata", "hub")):
        found = table.get(row["iata"])
        if found is None:
            raise InputError(f"{name}, row {line}, iata: {row['iata']!r} is not an airport code")
        airports.append(Airport(row["iata"], found["name"], found["city"], float(found["lat"]),
                                float(found["lon"]), found["tz"], row["hub"] == "yes"))
    return tuple(airports)


@functools.cache
def network_data() -> NetworkData:
    """The shipped network, read once."""
    nodes = _nodes()
    return NetworkData(nodes, _links({node.id for node in nodes}), _airports())
