"""The shipped travel network (resources/travel/): its files are whole, its places real and in
Europe, its times possible for a train or a boat, and it holds together from Paris to Helsinki."""

from __future__ import annotations

import csv
from collections import defaultdict, deque
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest

TRAVEL = Path(__file__).parents[2] / "resources" / "travel"
STATION_COLUMNS = ["id", "name", "city", "country", "latitude", "longitude", "kind"]
LINK_COLUMNS = ["from", "to", "mode", "minutes", "operator", "service", "via", "source", "year"]
AIRPORT_COLUMNS = ["iata", "hub"]
COUNTRIES = ("FR", "BE", "NL", "LU", "DE", "AT", "CH", "IT", "ES", "PT", "GB", "DK", "SE", "NO",
             "FI", "EE", "PL", "CZ")


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (TRAVEL / name).open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(line for line in file if not line.startswith("#"))
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@cache
def stations() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read("stations.csv")[1]}


@cache
def links() -> tuple[dict[str, str], ...]:
    return tuple(read("links.csv")[1])


def km_between(a: str, b: str) -> float:
    from geopy.distance import geodesic

    one, other = stations()[a], stations()[b]
    return float(geodesic((float(one["latitude"]), float(one["longitude"])),
                          (float(other["latitude"]), float(other["longitude"]))).km)


def reachable(start: str, modes: Iterable[str] = ("rail", "ferry")) -> set[str]:
    """Every place reached from *start* over the links of *modes* (changes allowed)."""
    wanted = set(modes)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for link in links():
        if link["mode"] in wanted:
            neighbours[link["from"]].add(link["to"])
            neighbours[link["to"]].add(link["from"])
    seen, queue = {start}, deque([start])
    while queue:
        for other in neighbours[queue.popleft()] - seen:
            seen.add(other)
            queue.append(other)
    return seen


@pytest.mark.parametrize(("name", "columns"), [("stations.csv", STATION_COLUMNS),
                                               ("links.csv", LINK_COLUMNS),
                                               ("airports.csv", AIRPORT_COLUMNS)])
def test_every_file_has_its_columns_and_whole_rows(name: str, columns: list[str]) -> None:
    header, rows = read(name)
    assert header == columns
    assert rows
    for row in rows:
        assert None not in row and all(row[column] is not None for column in columns), row


def test_stations_are_unique_and_in_europe() -> None:
    rows = read("stations.csv")[1]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for row in rows:
        assert row["id"] == row["id"].strip() and row["id"].isascii() and row["id"] == \
            row["id"].lower() and " " not in row["id"], row["id"]
        assert row["name"] and row["city"], row
        assert len(row["country"]) == 2 and row["country"].isupper(), row
        assert row["kind"] in ("station", "port"), row
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        assert 34 <= latitude <= 72 and -11 <= longitude <= 35, row


def test_every_country_of_the_tours_has_stations() -> None:
    countries = {row["country"] for row in stations().values()}
    assert not set(COUNTRIES) - countries


def test_every_link_joins_two_known_places_once() -> None:
    pairs: set[frozenset[str]] = set()
    for link in links():
        assert link["from"] in stations(), link
        assert link["to"] in stations(), link
        assert link["from"] != link["to"], link
        pair = frozenset((link["from"], link["to"]))
        assert pair not in pairs, f"a second link between {link['from']} and {link['to']}"
        pairs.add(pair)


def test_every_link_says_who_runs_it_and_where_its_time_comes_from() -> None:
    for link in links():
        assert link["mode"] in ("rail", "ferry"), link
        assert link["minutes"].isdigit() and int(link["minutes"]) > 0, link
        assert link["operator"].strip() and link["service"].strip(), link
        assert link["source"].strip(), link
        assert link["year"].isdigit() and 2020 <= int(link["year"]) <= 2026, link
        assert all(stop.strip() for stop in link["via"].split(";")) or not link["via"], link


def test_trains_and_boats_are_no_faster_than_they_can_be() -> None:
    """Straight-line speed: a train between 20 and 300 km/h (no train averages 300 km/h over
    the straight line, and one slower than 20 is a walk), a boat at most 60 km/h."""
    for link in links():
        speed = km_between(link["from"], link["to"]) / int(link["minutes"]) * 60
        if link["mode"] == "rail":
            assert 20 < speed <= 300, f"{link['from']}-{link['to']}: {speed:.0f} km/h"
        else:
            assert speed <= 60, f"{link['from']}-{link['to']}: {speed:.0f} km/h"


def test_every_port_has_a_boat() -> None:
    served = {end for link in links() if link["mode"] == "ferry" for end in (link["from"],
                                                                             link["to"])}
    ports = {sid for sid, row in stations().items() if row["kind"] == "port"}
    assert not ports - served


def test_every_airport_is_known_with_its_time_zone() -> None:
    import airportsdata

    table = airportsdata.load("IATA")
    rows = read("airports.csv")[1]
    codes = [row["iata"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert row["hub"] in ("yes", "no"), row
        assert row["iata"] in table, row
        assert table[row["iata"]]["tz"], row
    hubs = {row["iata"] for row in rows if row["hub"] == "yes"}
    assert {"FRA", "MUC", "CDG", "AMS", "LHR", "HEL"} <= hubs
    assert {"HND", "NRT", "KIX", "NGO"} <= set(codes)


def test_the_continent_is_one_network_from_paris() -> None:
    """Every station of France, the Benelux, Germany and Britain is reached from Paris Nord by
    trains and boats (ports stand apart where no train runs to the quay)."""
    reached = reachable("paris-nord")
    missing = sorted(sid for sid, row in stations().items()
                     if row["country"] in ("FR", "BE", "NL", "LU", "DE", "GB")
                     and row["kind"] == "station" and sid not in reached)
    assert not missing


def test_helsinki_is_reached_from_tallinn_by_sea() -> None:
    """By boat to its harbours, and on to its main station (by way of Stockholm and the train
    from Turku harbour: the links alone, no walk between a harbour and a station)."""
    assert {"helsinki-west-harbour", "helsinki-katajanokka"} <= \
        reachable("tallinn-d-terminal", ("ferry",))
    assert "helsinki-central" in reachable("tallinn-d-terminal")
