"""Routes over a rail and ferry network: direct trains before changes, changes and transfers
counted, both directions alike, and the door-to-door estimate that uses them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model import PlaceKind
from planner.network.data import Link, NetworkData, Node
from planner.network.routes import Costs, Network, Timetable
from planner.travel import Point, TravelModel, TravelSettings


def node(name: str, lon: float, kind: str = "station") -> Node:
    return Node(name.lower(), name, name, "XX", 50.0, lon, kind)


#: A line of stations 71 km apart (a degree of longitude at 50° N), a second station in C's
#: city, and a ferry beyond.
NODES = (node("A", 0.0), node("B", 1.0), node("C", 2.0), node("C2", 2.05),
         node("D", 3.0, "port"), node("E", 4.0, "port"))
LINKS = (Link("a", "b", "rail", 40, "XR", "IC", (), "test", 2026),
         Link("b", "c", "rail", 40, "XR", "IC", (), "test", 2026),
         Link("a", "c", "rail", 70, "XR", "ICE", ("B",), "test", 2026),
         Link("c2", "d", "rail", 45, "XR", "RE", (), "test", 2026),
         Link("d", "e", "ferry", 90, "XF", "Megaferry", (), "test", 2026))
NETWORK = Network(NetworkData(NODES, LINKS, ()))


def timetable(change: float = 30.0) -> Timetable:
    return Timetable(NETWORK, Costs(board=lambda mode: 50.0 if mode == "rail" else 45.0,
                                    change=lambda mode: change if mode == "rail" else 45.0,
                                    transfer=lambda km: 20.0 + km))


def index(name: str) -> int:
    return NETWORK.index[name.lower()]


def test_a_direct_train_beats_a_change_that_costs_more_than_it_saves() -> None:
    route = timetable().route(index("A"), index("C"))
    assert route is not None and route.changes == 0
    assert route.summary() == "ICE via B" and route.minutes == 70 and route.first_board == 50
    quick_changes = timetable(change=0.0).route(index("A"), index("C"))
    assert quick_changes is not None and quick_changes.changes == 0  # 40 + 40 > 70 still
    assert timetable(change=0.0).from_node(index("A"))[0][index("C")] == 120


def test_changes_transfers_and_a_ferry_are_counted_and_named() -> None:
    route = timetable().route(index("A"), index("E"))
    assert route is not None
    # ICE 70, to C2 by road (20 + 3.6 km), RE 45 after boarding again (50), ferry 90 after
    # checking in (45)
    assert route.minutes == pytest.approx(70 + 20 + NETWORK.nearby[index("C")][0][1] + 50 + 45
                                          + 45 + 90)
    assert [hop.link.service for hop in route.rides] == ["ICE", "RE", "Megaferry"]
    assert route.changes == 2 and route.mode == "ferry"
    assert route.summary() == "ICE to C, RE to D, then Megaferry; 2 changes"
    back = route.reversed()
    assert [hop.start.name for hop in back.rides] == ["E", "D", "C"]
    assert back.rides[-1].via == ("B",)


def test_nodes_not_linked_have_no_route() -> None:
    lonely = Network(NetworkData(NODES[:2], (), ()))
    assert Timetable(lonely, timetable().costs).route(0, 1) is None


def all_land(*_args: float) -> tuple[float, float]:
    return 0.0, 0.0


def model(**changes: float) -> TravelModel:
    return TravelModel(TravelSettings(**changes), sea_share=all_land, network=NETWORK)


def test_the_estimate_takes_the_train_door_to_door_and_says_which() -> None:
    office_a, office_c = Point(50.01, 0.02), Point(49.99, 2.01)
    leg = model().estimate(office_a, office_c)
    assert leg.mode == "rail" and "ICE via B" in leg.explanation
    assert "min to A," in leg.explanation and "to the door" in leg.explanation
    assert leg.minutes > 50 + 70  # a trip to the station and from it, boarding, the ICE
    # the distance alone prices it slower: it knows no ICE
    alone = TravelModel(sea_share=all_land, network=False).estimate(office_a, office_c)
    assert alone.minutes > leg.minutes and "ICE" not in alone.explanation


def test_standing_at_the_station_needs_no_trip_to_it() -> None:
    at_a = Point(50.0, 0.0, kind=PlaceKind.STATION)
    at_c = Point(50.0, 2.0, kind=PlaceKind.STATION)
    assert model().estimate(at_a, at_c).minutes == 50 + 70


SPOTS = st.tuples(st.floats(49.7, 50.3), st.floats(-0.3, 4.3))


@settings(max_examples=60, deadline=None)
@given(SPOTS, SPOTS)
def test_both_directions_agree(a: tuple[float, float], b: tuple[float, float]) -> None:
    there = model().estimate(Point(*a), Point(*b))
    back = model().estimate(Point(*b), Point(*a))
    assert there.minutes == back.minutes and there.mode == back.mode


def test_a_train_item_between_two_stations_lasts_as_the_timetable_says() -> None:
    at_a = Point(50.0, 0.001, kind=PlaceKind.STATION)
    at_c = Point(50.0, 2.0, kind=PlaceKind.STATION)
    ride = model().ride(at_a, at_c, "rail")
    assert ride is not None and (ride.minutes, ride.summary) == (70, "ICE via B")
    at_e = Point(50.0, 4.0, kind=PlaceKind.PORT)
    by_boat = model().ride(Point(50.0, 3.0, kind=PlaceKind.PORT), at_e, "ferry")
    assert by_boat is not None and (by_boat.minutes, by_boat.mode) == (90, "ferry")
    # away from the network: from the distance alone
    rough = model().ride(Point(45.0, 0.0), Point(45.0, 2.0), "rail")
    assert rough is not None and rough.summary.startswith("about")
