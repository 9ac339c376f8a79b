"""The route a map draws (planner.route) and the offline map drawing (planner.geo.mapping)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from planner.geo.mapping import (
    Box,
    great_circle,
    land_grid,
    land_tile,
    latitude_at,
    mercator_y,
    paint_land,
    tile_span,
)
from planner.geo.sphere import KM_PER_DEGREE
from planner.model import AgendaItem, ItemStatus
from planner.printing.route_map import LAND, SEA, background
from planner.route import Mode, TourRoute, read_route
from planner.store import TourStore

FRIDAY = date(2027, 5, 14)  # Berlin -> Potsdam -> ICE to Munich -> Siemens -> dinner
MONDAY_MUNICH = date(2027, 5, 17)  # Celonis and WERK1 at the same time, for two groups


@pytest.fixture
def route(demo_store: TourStore) -> TourRoute:
    with demo_store.session() as session:
        return read_route(session)


def names(route: TourRoute, keys: list[int]) -> list[str]:
    return [route.places[key].name for key in keys]


def legs_of(route: TourRoute, day: date) -> list[tuple[str, str, Mode]]:
    return [(route.places[leg.origin].name, route.places[leg.destination].name, leg.mode)
            for leg in route.legs_on(day)]


def test_a_day_goes_from_the_last_hotel_through_its_items_to_the_next_hotel(
        route: TourRoute) -> None:
    assert legs_of(route, FRIDAY) == [
        ("Hotel Adlon Kempinski Berlin", "Hasso Plattner Institute", Mode.GROUND),
        ("Hasso Plattner Institute", "Berlin Hauptbahnhof", Mode.GROUND),
        ("Berlin Hauptbahnhof", "München Hauptbahnhof", Mode.TRAIN),
        ("München Hauptbahnhof", "Siemens AG", Mode.GROUND),
        ("Siemens AG", "Augustiner-Keller", Mode.GROUND),
        ("Augustiner-Keller", "Hotel Bayerischer Hof", Mode.GROUND)]
    assert names(route, route.stops_on(FRIDAY)) == [
        "Hotel Adlon Kempinski Berlin", "Hasso Plattner Institute", "Berlin Hauptbahnhof",
        "München Hauptbahnhof", "Siemens AG", "Augustiner-Keller", "Hotel Bayerischer Hof"]
    train = route.legs_on(FRIDAY)[2]
    assert route.items[train.item].title == "ICE Berlin Hbf → München Hbf"


def test_parallel_meetings_are_two_branches_not_a_trip_between_them(route: TourRoute) -> None:
    legs = legs_of(route, MONDAY_MUNICH)
    assert ("BMW Group", "Celonis", Mode.GROUND) in legs
    assert ("BMW Group", "WERK1", Mode.GROUND) in legs
    assert ("Celonis", "WERK1", Mode.GROUND) not in legs
    assert ("Celonis", "Hotel Bayerischer Hof", Mode.GROUND) in legs


def test_flights_and_the_whole_tour(route: TourRoute) -> None:
    flights = [(route.places[leg.origin].city, route.places[leg.destination].city)
               for leg in route.legs if leg.mode is Mode.FLIGHT]
    assert flights == [("Tokyo", "Helsinki"), ("Helsinki", "Berlin"), ("Munich", "Paris"),
                       ("Paris", "Tokyo")]
    assert route.days[0] == date(2027, 5, 10) and len(route.days) == 10
    assert [leg.day for leg in route.legs] == sorted(leg.day for leg in route.legs)
    assert route.legs_on(date(2027, 5, 15)) == []  # a free Saturday at the hotel
    assert names(route, route.stops_on(date(2027, 5, 15))) == ["Hotel Bayerischer Hof"]


def test_cities_are_named_at_their_hotel_and_ranked_by_the_time_spent(route: TourRoute) -> None:
    cities = {city.name: city for city in route.cities}
    assert {"Helsinki", "Espoo", "Berlin", "Potsdam", "Munich", "Garching", "Paris",
            "Tokyo"} <= set(cities)
    assert [c.name for c in route.cities[:4]] == ["Munich", "Berlin", "Helsinki", "Paris"]
    kamp = next(p for p in route.places.values() if p.name == "Hotel Kämp")
    assert (cities["Helsinki"].latitude, cities["Helsinki"].longitude) == (kamp.latitude,
                                                                           kamp.longitude)
    assert not cities["Neubiberg"].on_route  # Infineon is in the directory, not on the agenda
    assert cities["Neubiberg"].weight == 0


def test_the_map_box_leaves_out_the_far_end_of_the_flights_home(route: TourRoute) -> None:
    whole = route.box()
    for city in ("Helsinki", "Paris", "Munich", "Berlin"):
        place = next(p for p in route.places.values() if p.city == city)
        assert whole.south < place.latitude < whole.north
        assert whole.west < place.longitude < whole.east
    assert whole.east < 60  # not Tokyo
    arrival = route.box(date(2027, 5, 10))  # Tokyo -> Helsinki, dinner at the hotel
    assert arrival.west > 24 and arrival.east < 26 and 60 < arrival.south < arrival.north < 61


def test_what_is_where(route: TourRoute, demo_store: TourStore) -> None:
    celonis = next(p for p in route.places.values() if p.name == "Celonis")
    uids = route.items_at(celonis.id)
    assert [route.items[u].title for u in uids] == ["Process mining for manufacturing"]
    assert route.places_of_items(uids) == [celonis.id]
    assert route.places_of_organisations(celonis.organisations) == [celonis.id]
    infineon = next(p for p in route.places.values() if p.name == "Infineon Technologies")
    assert infineon.items == () and infineon.organisations and not infineon.on_route
    assert route.items_at(celonis.id, FRIDAY) == []


def test_a_cancelled_meeting_is_not_travelled_to(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Process mining for manufacturing")).one()
        item.status = ItemStatus.CANCELLED
    with demo_store.session() as session:
        route = read_route(session)
    celonis = next(p for p in route.places.values() if p.name == "Celonis")
    assert all(celonis.id not in (leg.origin, leg.destination) for leg in route.legs)
    assert not celonis.on_route
    assert route.items[celonis.items[0]].cancelled  # still listed where it was
    assert ("BMW Group", "Hotel Bayerischer Hof", Mode.GROUND) in legs_of(route, MONDAY_MUNICH)


def test_an_empty_tour_has_an_empty_route_and_shows_europe() -> None:
    route = TourRoute()
    assert route.box() == Box(35.0, -11.0, 71.0, 32.0)
    assert route.legs_on(None) == []


# --- the map drawing -------------------------------------------------------------------------
@given(st.floats(min_value=-85.0, max_value=85.0))
def test_mercator_goes_both_ways(latitude: float) -> None:
    assert latitude_at(mercator_y(latitude)) == pytest.approx(latitude, abs=1e-9)


def test_land_is_land_and_sea_is_sea() -> None:
    points = {"Berlin": (52.52, 13.40, True), "Munich": (48.14, 11.58, True),
              "Baltic Sea": (55.5, 17.0, False), "North Sea": (54.0, 4.0, False),
              "Gulf of Finland": (59.9, 25.5, False)}
    for name, (latitude, longitude, land) in points.items():
        found = land_grid(np.array([latitude]), np.array([longitude]))[0, 0]
        assert found == land, name


def test_a_tile_of_central_europe_is_mostly_land_and_of_the_atlantic_all_sea() -> None:
    zoom = 5
    span = tile_span(zoom)
    column = int((10.0 + 180.0) // span)
    row = int((180.0 - mercator_y(50.0)) // span)
    europe = land_tile(zoom, column, row)
    assert europe.shape == (256, 256)

    def pixel(latitude: float, longitude: float) -> float:
        x = ((longitude + 180.0) / span - column) * 256
        y = ((180.0 - mercator_y(latitude)) / span - row) * 256
        return float(europe[int(y), int(x)])

    assert pixel(51.3, 9.5) == pixel(50.1, 8.7) == 1.0  # Kassel, Frankfurt
    assert pixel(54.0, 4.0) == pixel(55.0, 7.5) == 0.0  # the North Sea
    atlantic = land_tile(zoom, int((-35.0 + 180.0) // span), int((180.0 - mercator_y(40.0))
                                                                  // span))
    assert atlantic.max() == 0.0
    deep = land_tile(12, int((11.58 + 180.0) / tile_span(12)),
                     int((180.0 - mercator_y(48.14)) / tile_span(12)))
    assert deep.min() == 1.0  # zoomed in on Munich: all land, interpolated between cells
    image = paint_land(europe, LAND, SEA, 2.0)
    assert image.shape == (256, 256, 3) and image.flags["C_CONTIGUOUS"]
    low, high = np.minimum(LAND, SEA), np.maximum(LAND, SEA)
    assert np.all(image >= low) and np.all(image <= high)  # blends of the two, nothing else


def test_the_book_background_is_drawn_from_the_shared_map_code() -> None:
    image, ratio = background(47.0, 5.0, 55.0, 16.0, width=200)
    assert image.size == (200, round(200 * ratio))
    colours = {image.getpixel((x, y)) for x in range(0, 200, 20)
               for y in range(0, image.size[1], 20)}
    assert colours == {LAND, SEA}


def test_great_circles_start_and_end_at_their_points_and_cross_the_date_line_smoothly() -> None:
    lats, lons = great_circle(60.3172, 24.9633, 35.5494, 139.7798)
    assert (lats[0], lons[0]) == pytest.approx((60.3172, 24.9633))
    assert (lats[-1], lons[-1]) == pytest.approx((35.5494, 139.7798))
    assert lats.max() > 60.3  # the polar route bends north on a Mercator map
    lats, lons = great_circle(35.55, 139.78, 37.62, -122.38)  # Tokyo -> San Francisco
    assert np.all(np.diff(lons) > 0) and lons[-1] == pytest.approx(-122.38 + 360)
    assert Box.around([]) is None
    tiny = Box.around([(48.0, 11.0)], minimum_km=2.0)
    assert tiny is not None and (tiny.north - tiny.south) * KM_PER_DEGREE == pytest.approx(2.0)
