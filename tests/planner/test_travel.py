"""The door-to-door travel model: never faster than reality, sane, symmetric, monotonic."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.errors import InputError
from planner.travel import Point, TravelModel, TravelSettings

DATA = Path(__file__).parent.parent / "data"


def connections() -> list[dict[str, str]]:
    text = (DATA / "real_connections.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.mark.parametrize("row", connections(), ids=lambda r: f"{r['from']}->{r['to']}")
def test_never_faster_than_the_real_fastest_connection(row: dict[str, str]) -> None:
    model = TravelModel()
    a = Point(float(row["from_lat"]), float(row["from_lon"]), True, row["from_kind"])
    b = Point(float(row["to_lat"]), float(row["to_lon"]), True, row["to_kind"])
    real = int(row["minutes"])
    for leg in (model.estimate(a, b), model.estimate(b, a)):
        assert leg.minutes >= real, f"{leg.minutes} min < {real} min: {leg.explanation}"
        # ...but still a useful estimate, not a refusal to plan:
        assert leg.minutes <= 3 * real + 240, leg.explanation


def test_the_sea_is_crossed_by_ferry_or_plane_and_said_so() -> None:
    model = TravelModel(network=False)  # by the distance alone
    helsinki, tallinn = Point(60.1699, 24.9384), Point(59.4370, 24.7536)
    leg = model.estimate(helsinki, tallinn)
    assert leg.mode == "ferry" and "open sea" in leg.explanation
    berlin, munich = Point(52.52, 13.40), Point(48.14, 11.58)
    assert "sea" not in model.estimate(berlin, munich).explanation


def test_short_hops_are_walked_city_trips_driven() -> None:
    model = TravelModel()
    adlon, brandenburg_gate = Point(52.5160, 13.3800), Point(52.5163, 13.3777)
    assert model.estimate(adlon, brandenburg_gate).mode == "walk"
    euref = Point(52.4838, 13.3566)
    leg = model.estimate(adlon, euref)
    assert leg.mode == "taxi" and 20 <= leg.minutes <= 45
    transit = TravelModel(TravelSettings(city_mode="transit")).estimate(adlon, euref)
    assert transit.mode == "transit"


def test_approximate_places_add_a_margin_and_say_why() -> None:
    model = TravelModel()
    exact = model.estimate(Point(52.5160, 13.3800), Point(52.4838, 13.3566))
    vague = model.estimate(Point(52.5160, 13.3800), Point(52.4838, 13.3566, exact=False))
    assert vague.minutes == exact.minutes + 15
    assert "approximately located" in vague.explanation


def test_settings_come_from_the_tour_and_are_validated() -> None:
    settings = TravelSettings.from_json({"walk_speed_kmh": 5, "city_mode": "transit"})
    assert settings.walk_speed_kmh == 5.0 and settings.to_json() == {
        "walk_speed_kmh": 5.0, "city_mode": "transit"}
    with pytest.raises(InputError, match="unknown setting 'warp_speed'"):
        TravelSettings.from_json({"warp_speed": 9})
    with pytest.raises(InputError, match="must be a float"):
        TravelSettings.from_json({"walk_speed_kmh": "fast"})


EUROPE = st.tuples(st.floats(40.0, 60.0), st.floats(-5.0, 25.0))


@settings(max_examples=150, deadline=None)
@given(EUROPE, EUROPE)
def test_the_estimate_is_symmetric(a: tuple[float, float], b: tuple[float, float]) -> None:
    model = TravelModel()
    there = model.estimate(Point(*a), Point(*b))
    back = model.estimate(Point(*b), Point(*a))
    assert abs(there.minutes - back.minutes) <= max(2, 0.02 * there.minutes)


def all_land(*_args: float) -> tuple[float, float]:
    return 0.0, 0.0


@settings(max_examples=150, deadline=None)
@given(st.floats(0.05, 3000.0), st.floats(0.05, 3000.0), st.floats(0.0, 359.0))
def test_the_estimate_grows_with_distance_where_no_network_applies(d1: float, d2: float, bearing: float) -> None:
    from geopy.distance import geodesic

    near, far = sorted((d1, d2))
    origin = (48.0, 10.0)
    model = TravelModel(sea_share=all_land, network=False)  # by the distance alone
    p_near = geodesic(kilometers=near).destination(origin, bearing)
    p_far = geodesic(kilometers=far).destination(origin, bearing)
    leg_near = model.estimate(Point(*origin), Point(p_near.latitude, p_near.longitude))
    leg_far = model.estimate(Point(*origin), Point(p_far.latitude, p_far.longitude))
    assert leg_far.minutes >= leg_near.minutes


def test_the_travel_command(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["travel", "52.5160,13.3800", "52.4838,13.3566", "--json"], out=out) == 0
    leg = json.loads(out.getvalue())
    assert set(leg) == {"minutes", "mode", "distance_km", "explanation"}
    assert isinstance(leg["minutes"], int) and leg["mode"] == "taxi"
    assert leg["distance_km"] == pytest.approx(3.9, abs=0.1)
    out = io.StringIO()
    assert main(["travel", "52.5160,13.3800", "52.4838,13.3566"], out=out) == 0
    assert out.getvalue().startswith(f"{leg['minutes']} min by taxi, 3.9 km")
    assert main(["travel", "north", "52.4838,13.3566"], out=io.StringIO()) == 2
    assert "expected LAT,LON" in capsys.readouterr().err


def test_the_travel_settings_command_changes_the_tour(demo_path: Path) -> None:
    out = io.StringIO()
    assert main(["travel-settings", str(demo_path), "city_mode=transit", "checkout_min=60"],
                out=out) == 0
    assert "city_mode                transit   (changed)" in out.getvalue()
    out = io.StringIO()
    assert main(["info", str(demo_path), "--json"], out=out) == 0
    from planner.queries import load_tour
    from planner.store import TourStore

    with TourStore.open(demo_path) as store, store.transaction() as session:
        assert load_tour(session).travel_settings == {"city_mode": "transit",
                                                      "checkout_min": 60.0}
    assert main(["travel-settings", str(demo_path), "checkout_min=soon"], out=io.StringIO()) == 2
    assert main(["travel", "52.5160,13.3800", "52.4838,13.3566", "--tour", str(demo_path),
                 "--json"], out=(out := io.StringIO())) == 0
    assert json.loads(out.getvalue())["mode"] == "transit"


def network_ends(row: dict[str, str]) -> bool:
    """Whether both ends of a real connection are stations or ports of the shipped network."""
    from planner.network.routes import shipped_network

    network = shipped_network()
    return all(
        row[f"{end}_kind"] in ("station", "port")
        and network.nodes_near(float(row[f"{end}_lat"]), float(row[f"{end}_lon"]), 1.0, 1)
        for end in ("from", "to"))


CORRIDORS = [row for row in connections() if row["mode"] in ("rail", "ferry")]


@pytest.mark.parametrize("row", CORRIDORS, ids=lambda r: f"{r['from']}->{r['to']}")
def test_a_corridor_of_the_network_is_priced_near_its_timetable(row: dict[str, str]) -> None:
    """Between the real fastest time and 1.5 times it plus an hour, by the network's train or
    boat, named; the distance alone gave Paris-Brussels 5 hours."""
    assert network_ends(row), "both ends should be stations or ports of the network"
    model = TravelModel()
    a = Point(float(row["from_lat"]), float(row["from_lon"]), True, row["from_kind"])
    b = Point(float(row["to_lat"]), float(row["to_lon"]), True, row["to_kind"])
    real = int(row["minutes"])
    for leg in (model.estimate(a, b), model.estimate(b, a)):
        assert real <= leg.minutes <= 1.5 * real + 60, leg.explanation
        if leg.mode in ("rail", "ferry"):
            service = leg.explanation.split("; ", 1)[1].split(": ", 2)[1]
            assert service and not service.startswith("about"), leg.explanation


def test_the_fastest_corridors_are_the_trains_travellers_take() -> None:
    model = TravelModel()
    paris, brussels = Point(48.8809, 2.3553, True, "station"), Point(50.8357, 4.3363, True,
                                                                    "station")
    leg = model.estimate(paris, brussels)
    assert leg.mode == "rail" and "Eurostar" in leg.explanation and leg.minutes <= 150
    london = Point(51.5317, -0.1263, True, "station")
    assert model.estimate(london, paris).mode == "rail"  # under the Channel, not a flight
    # office to office: from a door to a door in the city centres, still by train
    office_paris, office_lyon = Point(48.8700, 2.3300), Point(45.7640, 4.8357)
    leg = model.estimate(office_paris, office_lyon)
    assert leg.mode == "rail" and "TGV" in leg.explanation and leg.minutes <= 4 * 60


def test_helsinki_to_tallinn_goes_by_sea_or_air_never_by_land() -> None:
    model = TravelModel()
    helsinki, tallinn = Point(60.1699, 24.9384), Point(59.4370, 24.7536)
    for leg in (model.estimate(helsinki, tallinn), model.estimate(tallinn, helsinki)):
        assert leg.mode in ("ferry", "flight"), leg.explanation
        assert leg.minutes >= 120


def test_a_train_item_proposes_the_timetable_ride() -> None:
    model = TravelModel()
    berlin = Point(52.5251, 13.3694, True, "station")
    munich = Point(48.1402, 11.5600, True, "station")
    ride = model.ride(berlin, munich, "rail")
    assert ride is not None and ride.mode == "rail" and 235 <= ride.minutes <= 300
    assert "ICE" in ride.summary
    haneda, helsinki = Point(35.5494, 139.7798, True, "airport"), Point(60.3172, 24.9633, True,
                                                                        "airport")
    flight = model.ride(haneda, helsinki, "flight")
    assert flight is not None and flight.summary.startswith("HND to HEL")
