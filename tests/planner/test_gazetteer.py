"""The offline gazetteer, countries and time zones from coordinates."""

from __future__ import annotations

import pytest

from planner.geo.countries import country_code, country_name
from planner.geo.gazetteer import PlaceNotFound, gazetteer
from planner.geo.zones import zone_at


@pytest.mark.parametrize("name", ["Munich", "München", "MUENCHEN", "munchen", "ミュンヘン"])
def test_munich_in_every_spelling_is_one_city(name: str) -> None:
    city = gazetteer().lookup(name).city
    assert (city.name, city.country, city.zone) == ("Munich", "DE", "Europe/Berlin")
    assert city.latitude == pytest.approx(48.137, abs=0.01)


def test_the_two_frankfurts_are_told_apart_and_never_guessed() -> None:
    main = gazetteer().lookup("Frankfurt am Main").city
    oder = gazetteer().lookup("Frankfurt (Oder)").city
    assert (main.country, oder.country) == ("DE", "DE")
    assert main.longitude == pytest.approx(8.68, abs=0.05)
    assert oder.longitude == pytest.approx(14.55, abs=0.05)
    with pytest.raises(PlaceNotFound, match="ambiguous") as caught:
        gazetteer().lookup("Frankfurt", "DE")
    assert {c.name for c in caught.value.candidates} == {"Frankfurt am Main", "Frankfurt (Oder)"}


def test_a_country_resolves_a_shared_name() -> None:
    assert gazetteer().lookup("Paris", "FR").city.zone == "Europe/Paris"
    assert gazetteer().lookup("Paris", "fr").note == ""
    texas = gazetteer().lookup("Paris", "US")  # several in the US, none dominant
    assert texas.city.country == "US" or texas.note
    # Without a country the largest Paris is taken, but the choice is said out loud:
    guess = gazetteer().lookup("Paris")
    assert guess.city.country == "FR" and "give the country" in guess.note


def test_an_unknown_city_is_reported() -> None:
    with pytest.raises(PlaceNotFound, match="unknown city 'Atlantisville'"):
        gazetteer().lookup("Atlantisville")
    with pytest.raises(PlaceNotFound, match="in JP"):
        gazetteer().lookup("Munich", "JP")


def test_small_towns_of_the_demo_are_known() -> None:
    for name in ("Espoo", "Garching bei München", "Neubiberg", "Maisons-Alfort",
                 "Boulogne-Billancourt", "Potsdam", "Palaiseau", "ヘルシンキ", "パリ"):
        assert gazetteer().lookup(name, None).city.population > 1000


def test_nearest_town_of_a_point() -> None:
    assert gazetteer().nearest(52.4966, 13.4493).name == "Berlin"  # type: ignore[union-attr]
    assert gazetteer().nearest(45.0, -20.0) is None  # mid-Atlantic


@pytest.mark.parametrize(("text", "code"), [("DE", "DE"), ("deu", "DE"), ("Germany", "DE"),
                                            ("Deutschland", "DE"), ("ドイツ", "DE"),
                                            ("Suomi", "FI"), ("フランス", "FR"), ("UK", "GB")])
def test_countries_by_code_or_name(text: str, code: str) -> None:
    assert country_code(text) == code


def test_country_names_and_unknown_countries() -> None:
    assert country_code("Atlantis") is None
    assert country_name("FI", "ja") == "フィンランド"


@pytest.mark.parametrize(("lat", "lon", "zone"), [
    (52.52, 13.40, "Europe/Berlin"), (60.17, 24.94, "Europe/Helsinki"),
    (48.86, 2.35, "Europe/Paris"), (51.51, -0.13, "Europe/London"), (35.68, 139.77, "Asia/Tokyo"),
    (47.37, 8.54, "Europe/Zurich"), (41.39, 2.17, "Europe/Madrid"),
])
def test_time_zone_from_coordinates(lat: float, lon: float, zone: str) -> None:
    assert zone_at(lat, lon) == zone
