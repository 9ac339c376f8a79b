"""Placing what a coordinator types or pastes: coordinates, map links, airport codes, cities.

All of it offline: a socket that tries to connect fails every test in this file.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.errors import InputError
from planner.geo.gazetteer import gazetteer
from planner.geo.locate import (
    LocationError,
    airport,
    city,
    locate,
    located_at,
    parse_coordinates,
    parse_map_link,
)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may ask a web service: connecting anywhere is an error."""
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- coordinates -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("55.6761, 12.5683", (55.6761, 12.5683)),
    ("55.6761 12.5683", (55.6761, 12.5683)),
    ("55.6761,12.5683", (55.6761, 12.5683)),
    ("55.6761; 12.5683", (55.6761, 12.5683)),
    ("55°40′34″N 12°34′06″E", (55 + 40 / 60 + 34 / 3600, 12 + 34 / 60 + 6 / 3600)),
    ("55°40'34\"N, 12°34'06\"E", (55 + 40 / 60 + 34 / 3600, 12 + 34 / 60 + 6 / 3600)),
    ("55°40.566'N 12°34.098'E", (55.6761, 12.5683)),
    ("55.6761° N, 12.5683° E", (55.6761, 12.5683)),
    ("55.6761N 12.5683E", (55.6761, 12.5683)),
    ("N 55.6761 E 12.5683", (55.6761, 12.5683)),
    ("12.5683E 55.6761N", (55.6761, 12.5683)),  # the letters say which is which
    ("33.8688 S, 151.2093 E", (-33.8688, 151.2093)),
    ("40.7128° N, 74.0060° W", (40.7128, -74.006)),
    ("-33.8688, 151.2093", (-33.8688, 151.2093)),
    ("−33.8688, 151.2093", (-33.8688, 151.2093)),  # a typographic minus
    ("55,6761 12,5683", (55.6761, 12.5683)),  # decimal commas
    ("５５．６７６１，１２．５６８３", (55.6761, 12.5683)),  # typed on a Japanese keyboard
    ("lat 55.6761, lon 12.5683", (55.6761, 12.5683)),
    ("Latitude: 55.6761, Longitude: 12.5683", (55.6761, 12.5683)),
    ("lng 12.5683, lat 55.6761", (55.6761, 12.5683)),
])
def test_coordinates_as_people_copy_them(text: str, expected: tuple[float, float]) -> None:
    found = parse_coordinates(text)
    assert found is not None
    assert found == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("text", ["Copenhagen", "CPH", "", "55.6761", "Tivoli 2",
                                  "55.6, 12.5, 17", "nan, 12", "https://osm.org/#map=1/2/3"])
def test_other_text_is_not_coordinates(text: str) -> None:
    assert parse_coordinates(text) is None


def test_coordinates_out_of_range_name_the_number() -> None:
    with pytest.raises(LocationError, match=r"latitude 95 is out of range \(-90 to 90\)"):
        parse_coordinates("95, 12")
    with pytest.raises(LocationError, match=r"longitude 200 is out of range \(-180 to 180\)"):
        parse_coordinates("55.6, 200")
    with pytest.raises(LocationError, match="latitude -91"):
        parse_coordinates("91 S, 12 E")


def test_a_swapped_pair_is_suggested_the_right_way_round() -> None:
    with pytest.raises(LocationError, match="swapped") as caught:
        parse_coordinates("151.2093, -33.8688")
    assert caught.value.suggestions == ["-33.8688, 151.2093"]
    assert parse_coordinates(caught.value.suggestions[0]) == (-33.8688, 151.2093)


@pytest.mark.parametrize(("text", "reason"), [
    ("-33.8688 S, 151.2093 E", "both a minus sign and S"),
    ("N 55 N 12", "two latitudes"),
    ("12 E, 13 W", "two longitudes"),
    ("55°61'N 12°E", "minutes and seconds go up to 59"),
    ("lat 55 E 12 W", "lat with the compass letter E"),
])
def test_contradictory_coordinates_are_refused(text: str, reason: str | None) -> None:
    if reason is None:
        assert parse_coordinates(text) is None
        return
    with pytest.raises(LocationError, match=reason):
        parse_coordinates(text)


finite_latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
finite_longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(finite_latitudes, finite_longitudes)
def test_any_point_written_as_lat_lon_reads_back(latitude: float, longitude: float) -> None:
    found = parse_coordinates(f"{latitude}, {longitude}")
    assert found is not None
    assert found[0] == pytest.approx(latitude, abs=1e-9)
    assert found[1] == pytest.approx(longitude, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(finite_latitudes, finite_longitudes, st.integers(min_value=0, max_value=19))
def test_any_point_in_an_openstreetmap_link_reads_back(latitude: float, longitude: float,
                                                         zoom: int) -> None:
    found = parse_map_link(f"https://www.openstreetmap.org/#map={zoom}/{latitude}/{longitude}")
    assert found is not None
    assert found[0] == pytest.approx(latitude, abs=1e-9)
    assert found[1] == pytest.approx(longitude, abs=1e-9)


# --- map links -----------------------------------------------------------------------------

TIVOLI = ("https://www.google.com/maps/place/Tivoli+Gardens/@55.6736841,12.5681471,17z/"
          "data=!3m1!4b1!4m6!3m5!1s0x4652531269f1d0c9:0x7e5e2a0e4b0e0a3c!8m2!3d55.6736841"
          "!4d12.5681471!16zL20vMDFneHBr?entry=ttu")


@pytest.mark.parametrize(("link", "expected"), [
    # OpenStreetMap: the marker wins over the map's centre.
    ("https://www.openstreetmap.org/#map=17/55.67594/12.56553", (55.67594, 12.56553, "")),
    ("https://www.openstreetmap.org/?mlat=55.6759&mlon=12.5655#map=17/55.67594/12.56553",
     (55.6759, 12.5655, "")),
    ("https://www.openstreetmap.org/#map=15/52.5163/13.3777&layers=C", (52.5163, 13.3777, "")),
    ("https://www.openstreetmap.org/node/240109189#map=19/52.51628/13.37770",
     (52.51628, 13.3777, "")),
    ("https://www.openstreetmap.org/?lat=52.5163&lon=13.3777&zoom=15", (52.5163, 13.3777, "")),
    ("www.openstreetmap.org/#map=17/55.67594/12.56553", (55.67594, 12.56553, "")),
    # Google Maps: the place's pin wins over the view's centre; the name is decoded.
    (TIVOLI, (55.6736841, 12.5681471, "Tivoli Gardens")),
    ("https://www.google.com/maps/place/Tivoli+Gardens/@55.6739,12.5600,15z/data=!4m6!3m5"
     "!8m2!3d55.6736841!4d12.5681471", (55.6736841, 12.5681471, "Tivoli Gardens")),
    ("https://www.google.com/maps/place/Caf%C3%A9+Victor/@55.6811,12.5862,17z",
     (55.6811, 12.5862, "Café Victor")),
    ("https://www.google.com/maps/@52.3731,4.8922,15z", (52.3731, 4.8922, "")),
    ("https://www.google.com/maps/@55.6761,12.5683,3a,75y,90t/data=!3m6!1e1",
     (55.6761, 12.5683, "")),
    ("https://maps.google.com/?q=52.3731,4.8922", (52.3731, 4.8922, "")),
    ("https://maps.google.com/maps?q=loc:52.3731,4.8922&z=15", (52.3731, 4.8922, "")),
    ("https://www.google.com/maps/search/?api=1&query=59.3293,18.0686", (59.3293, 18.0686, "")),
    ("https://www.google.com/maps/search/52.3731,+4.8922?entry=tts", (52.3731, 4.8922, "")),
    ("https://www.google.com/maps/place/55%C2%B040'34.0%22N+12%C2%B034'06.0%22E/"
     "@55.6761,12.5683,17z", (55 + 40 / 60 + 34 / 3600, 12 + 34 / 60 + 6 / 3600, "")),
    ("https://www.google.de/maps/place/Brandenburger+Tor/@52.5162746,13.3755153,17z/data=!4m6"
     "!3m5!1s0x47a851c655f20989:0x26bbfb4e84674c63!8m2!3d52.5162746!4d13.377704",
     (52.5162746, 13.377704, "Brandenburger Tor")),
    ("https://www.google.co.jp/maps/@35.6812,139.7671,16z?hl=ja", (35.6812, 139.7671, "")),
    ("https://www.google.com/maps/dir/?api=1&destination=59.3293,18.0686",
     (59.3293, 18.0686, "")),
    # Apple Maps: ll/coordinate, then the search centre; the label from name or q.
    ("https://maps.apple.com/?ll=59.3293,18.0686&q=Stockholm", (59.3293, 18.0686, "Stockholm")),
    ("https://maps.apple.com/?address=Vesterbrogade%203,%201630%20K%C3%B8benhavn"
     "&ll=55.6736,12.5681&q=Tivoli", (55.6736, 12.5681, "Tivoli")),
    ("https://maps.apple.com/place?coordinate=59.3293,18.0686&name=Stockholms%20stadshus",
     (59.3293, 18.0686, "Stockholms stadshus")),
    ("https://maps.apple.com/?sll=59.3293,18.0686&q=Coffee", (59.3293, 18.0686, "Coffee")),
    ("https://maps.apple.com/?q=Tivoli&sll=55.6736,12.5681&ll=55.6739,12.5683",
     (55.6739, 12.5683, "Tivoli")),
    # geo: URIs (RFC 5870), and Android's geo:0,0?q=
    ("geo:55.6761,12.5683", (55.6761, 12.5683, "")),
    ("geo:55.6761,12.5683;u=35", (55.6761, 12.5683, "")),
    ("geo:55.6761,12.5683,12;crs=wgs84;u=35", (55.6761, 12.5683, "")),
    ("geo:-33.8688,151.2093?z=15", (-33.8688, 151.2093, "")),
    ("geo:0,0?q=55.6761,12.5683(Hotel)", (55.6761, 12.5683, "Hotel")),
    ("geo:0,0?q=55.6761%2C12.5683(Hotel%20d%27Angleterre)",
     (55.6761, 12.5683, "Hotel d'Angleterre")),
    # Bing
    ("https://www.bing.com/maps?cp=55.67~12.56&lvl=15", (55.67, 12.56, "")),
    ("https://www.bing.com/maps?sp=point.55.6736_12.5681_Tivoli&lvl=16",
     (55.6736, 12.5681, "Tivoli")),
    # a link inside a message
    ("Meet here: https://www.google.com/maps/@52.3731,4.8922,15z.", (52.3731, 4.8922, "")),
])
def test_map_links_are_read_offline(link: str, expected: tuple[float, float, str]) -> None:
    found = parse_map_link(link)
    assert found is not None
    assert found[:2] == pytest.approx(expected[:2], abs=1e-9)
    assert found[2] == expected[2]


@pytest.mark.parametrize(("link", "reason"), [
    ("https://osm.org/go/0MbEUuSq--", "short links cannot be read offline"),
    ("https://www.openstreetmap.org/go/0MbEUuSq--?m=", "short links cannot be read offline"),
    ("https://maps.app.goo.gl/xyzAbc123", "short links cannot be read offline; open it and copy"),
    ("https://goo.gl/maps/xyzAbc123", "short links cannot be read offline"),
    ("https://maps.apple/p/Ab12Cd", "short links cannot be read offline"),
    ("https://www.openstreetmap.org/node/123", "no coordinates.*node 123"),
    ("https://www.openstreetmap.org/way/4567", "no coordinates.*way 4567"),
    ("https://www.openstreetmap.org/directions?route=55.67%2C12.56%3B55.61%2C12.65",
     "directions"),
    ("https://www.google.com/maps/dir/Copenhagen/Malm%C3%B6/@55.6,12.8,10z", "directions"),
    ("https://www.google.com/maps?q=Tivoli+Gardens", "names 'Tivoli Gardens' but holds no"),
    ("https://www.google.com/maps/place/Tivoli+Gardens", "no coordinates"),
    ("https://maps.apple.com/?address=Vesterbrogade%203", "names 'Vesterbrogade 3'"),
    ("geo:0,0?q=1600+Amphitheatre+Parkway", "no coordinates"),
    ("geo:55.6,12.5;crs=epsg:25832", "only WGS 84"),
    ("geo:Copenhagen", "latitude,longitude"),
    ("https://example.com/x", r"not a map link Ecovisit can read \(OpenStreetMap, Google Maps, "
                              r"Apple Maps or geo:\)"),
    ("https://www.google.com/search?q=tivoli", "not a map link"),
    ("ftp://maps.example.org/55.6,12.5", "not a map link"),
    ("https://www.openstreetmap.org/#map=17/95.1/12.5", "latitude 95.1 in the link is out of"),
    ("https://www.google.com/maps/@55.1,212.5,15z", "longitude 212.5 in the link is out of"),
    ("geo:55.6,-181", "longitude -181 in the link"),
    ("https://maps.apple.com/?ll=91,10", "latitude 91"),
])
def test_links_without_a_point_are_refused_with_the_reason(link: str, reason: str) -> None:
    with pytest.raises(LocationError, match=reason):
        parse_map_link(link)


@pytest.mark.parametrize("text", ["55.6761, 12.5683", "Copenhagen", "CPH", "example.com/x", ""])
def test_text_that_is_no_link_is_left_to_the_other_readers(text: str) -> None:
    assert parse_map_link(text) is None


# --- locate: the one box -------------------------------------------------------------------

def test_a_map_link_gives_the_exact_point_its_label_and_its_town() -> None:
    place = locate(TIVOLI)
    assert (place.latitude, place.longitude) == (55.6736841, 12.5681471)
    assert (place.zone, place.exact, place.source) == ("Europe/Copenhagen", True, "map link")
    assert (place.city, place.country, place.name, place.note) == (
        "Copenhagen", "DK", "Tivoli Gardens", "")


def test_a_link_with_only_the_map_view_says_so() -> None:
    place = locate("https://www.google.com/maps/@52.3731,4.8922,15z")
    assert (place.city, place.country, place.zone) == ("Amsterdam", "NL", "Europe/Amsterdam")
    assert "centre of the map view" in place.note


def test_typed_coordinates_are_exact_and_named_after_their_town() -> None:
    place = locate("  59°19′46″N 18°4′7″E ")
    assert place.source == "coordinates" and place.exact
    assert (place.city, place.country, place.zone) == ("Stockholm", "SE", "Europe/Stockholm")


def test_a_click_on_the_map_at_sea_has_a_nautical_zone_and_no_town() -> None:
    place = located_at(30.0, -40.0)
    assert place.zone.startswith("Etc/") and place.zone == "Etc/GMT+3"
    assert (place.city, place.country, place.exact, place.source) == ("", "", True, "map")
    assert located_at(55.6761, 12.5683, "drag").city == "Copenhagen"
    with pytest.raises(LocationError, match="latitude 100"):
        located_at(100, 0)


@pytest.mark.parametrize("code", ["CPH", "cph", " CPH "])
def test_an_airport_code_gives_the_airport(code: str) -> None:
    place = locate(code)
    assert (place.source, place.exact, place.zone) == ("airport", True, "Europe/Copenhagen")
    assert (place.city, place.country) == ("Copenhagen", "DK")
    assert "Kastrup" in place.name
    assert place.latitude == pytest.approx(55.618, abs=0.01)
    assert airport("cph") == airport("CPH") == place


def test_amsterdam_airport_is_schiphol() -> None:
    place = locate("AMS")
    assert "Schiphol" in place.name and place.zone == "Europe/Amsterdam"


def test_three_letters_that_are_no_airport_fall_through_to_the_cities() -> None:
    assert airport("XYZ") is None and airport("CPHX") is None and airport("C1H") is None
    with pytest.raises(LocationError, match="'XYZ' is not a city known offline or an airport "
                                            "code: type coordinates, paste a map link"):
        locate("XYZ")


def test_a_town_spelt_like_an_airport_code_is_never_swapped_for_it_silently() -> None:
    # ULM is New Ulm, Minnesota; Ulm is on the Danube.
    code = locate("ULM")
    assert (code.source, code.country) == ("airport", "US")
    assert "'Ulm, DE'" in code.note
    town = locate("Ulm")
    assert (town.source, town.city, town.country) == ("city", "Ulm", "DE")
    assert "ULM in capitals" in town.note
    with pytest.raises(LocationError, match="both the airport code ULM") as caught:
        locate("ulm")
    assert caught.value.suggestions == ["ULM", "Ulm, DE"]
    assert [locate(s).source for s in caught.value.suggestions] == ["airport", "city"]
    assert locate("ulm", country="DE").country == "DE"  # the country settles it


def test_a_city_gives_its_centre_approximately() -> None:
    place = locate("Copenhagen")
    assert (place.source, place.exact, place.city, place.country) == (
        "city", False, "Copenhagen", "DK")
    assert place.zone == "Europe/Copenhagen"
    assert place.note == "approximate: the centre of Copenhagen"
    assert city("Copenhagen") == place
    assert city("københavn", "dk") == place
    assert locate("Copenhagen, Denmark") == place
    assert locate("Copenhagen, DK") == place


def test_the_gazetteer_knows_japanese_names() -> None:
    place = locate("ミュンヘン")
    assert (place.city, place.country, place.zone) == ("Munich", "DE", "Europe/Berlin")


def test_a_guess_between_towns_of_one_name_is_said() -> None:
    paris = locate("Paris")
    assert paris.country == "FR" and "give the country" in paris.note
    assert locate("Paris", country="FR").note == "approximate: the centre of Paris"


@pytest.mark.parametrize(("typed", "suggestion"), [
    ("Copenhagn", "Copenhagen, DK"),
    ("Amsterdm", "Amsterdam, NL"),
    ("Helsinkki", "Helsinki, FI"),
    ("Dusseldrof", "Düsseldorf, DE"),
    ("Bruxels", "Brussels, BE"),
    ("ミュンヘソ", "Munich, DE"),
])
def test_a_misspelt_city_gets_suggestions_that_work(typed: str, suggestion: str) -> None:
    with pytest.raises(LocationError, match=f"unknown city '{typed}'") as caught:
        locate(typed)
    assert caught.value.suggestions[0] == suggestion
    assert len(caught.value.suggestions) <= 3
    assert suggestion in str(caught.value)
    assert locate(suggestion).city == suggestion.split(",")[0]


def test_stokholm_is_a_known_spelling_of_stockholm() -> None:
    assert locate("Stokholm").city == "Stockholm"
    assert [c.name for c in gazetteer().similar("Stokholmm")] == ["Stockholm"]


def test_suggestions_prefer_the_country_given() -> None:
    with pytest.raises(LocationError) as caught:
        city("Amsterdm", "US")
    assert caught.value.suggestions == ["Amsterdam, US"]


def test_an_ambiguous_name_lists_the_candidates_and_each_can_be_chosen() -> None:
    with pytest.raises(LocationError, match="ambiguous") as caught:
        locate("Frankfurt", country="DE")
    assert caught.value.suggestions == ["Frankfurt am Main, DE", "Frankfurt (Oder), DE"]
    assert [locate(s).longitude for s in caught.value.suggestions] == pytest.approx(
        [8.68, 14.55], abs=0.05)
    with pytest.raises(LocationError, match="ambiguous") as same_name:
        locate("Springfield")
    # Several Springfields in one country: the region tells them apart.
    assert "Springfield, US-IL" in same_name.value.suggestions
    assert locate("Springfield, US-IL").longitude == pytest.approx(-89.64, abs=0.05)


@pytest.mark.parametrize(("text", "reason"), [
    ("", "type coordinates, paste a map link, an airport code or a city"),
    ("   ", "type coordinates, paste a map link, an airport code or a city"),
    ("12345", "not coordinates Ecovisit can read"),
    ("55.6, 12.5, 17", "not coordinates Ecovisit can read"),
    ("Qwxzvbnm", "'Qwxzvbnm' is not a city known offline"),
    ("95, 12", "latitude 95 is out of range"),
    ("https://maps.app.goo.gl/xyz", "short links"),
])
def test_locate_says_why_it_cannot(text: str, reason: str) -> None:
    with pytest.raises(LocationError, match=reason) as caught:
        locate(text)
    assert isinstance(caught.value, InputError)  # the CLI exits 2, the GUI shows the text


def test_an_unknown_country_is_refused() -> None:
    with pytest.raises(LocationError, match="unknown country 'Atlantis'"):
        locate("Copenhagen", country="Atlantis")


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Köln Hbf", "Köln Hbf", "station"), ("koln hbf", "Köln Hbf", "station"),
    ("Gare du Nord", "Paris Gare du Nord", "station"),
    ("Bruxelles-Midi", "Bruxelles-Midi / Brussel-Zuid", "station"),
    ("Helsinki West Harbour", "Helsinki West Harbour (Länsisatama T2)", "port")])
def test_a_station_or_port_of_the_network_gives_its_door(text: str, name: str,
                                                         kind: str) -> None:
    found = locate(text)
    assert (found.source, found.name, found.exact) == (kind, name, True)
    assert found.zone.startswith("Europe/")


def test_a_city_name_alone_is_the_city_not_its_station() -> None:
    for text in ("Tampere", "Munich", "Paris"):
        assert locate(text).source == "city"
