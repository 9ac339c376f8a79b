"""Building a tour from an empty file with the planner's edits: places, hotel nights, hosts'
slots, agenda items of every kind, tour properties; each edit says what it changed and is undone
exactly."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from planner import edits
from planner.edits import Kind
from planner.errors import InputError
from planner.model import AgendaItem, AvailabilityWindow, Place, Stay, Tour
from planner.store import TourStore
from tests.planner.test_edits import dump

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def empty(tmp_path: Path) -> TourStore:
    path = tmp_path / "nordic.ecovisit"
    edits.create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7),
                      values={"vision": "Learn fast", "coordinator_email": "kim@example.com"})
    return TourStore.open(path)


def test_a_tour_is_built_from_nothing_with_every_kind_of_record(empty: TourStore) -> None:
    with empty.transaction() as session:
        hotel = edits.add_record(session, "place", {
            "name": "Hotel Ottilia", "kind": "hotel", "latitude": 55.6687,
            "longitude": 12.5335, "exact": True, "city": "Copenhagen", "country": "Denmark"})
        assert hotel.changes.of(Kind.PLACE) == {hotel.value}
        place = session.get(Place, hotel.value)
        assert place is not None and place.zone == "Europe/Copenhagen" and place.country == "DK"
        stay = edits.add_record(session, "stay", {"place_id": hotel.value,
                                                  "check_in": "2027-05-03",
                                                  "check_out": "2027-05-05"}).value
        ana = edits.add_record(session, "traveller", {"name": "Ana Sato"}).value
        goal = edits.add_record(session, "goal", {"title": "Energy", "topics": "energy"}).value
        host = edits.add_record(session, "organisation", {"name": "Orsted", "topics": "energy",
                                                          "place_id": hotel.value}).value
        slots = edits.add_weekly_availability(session, host, [0, 1], time(10), time(16))
        assert len(slots.value) == 2  # Mon 3 and Tue 4 May
        assert Kind.ORGANISATION in slots.changes.records
        meeting = edits.add_record(session, "item", {
            "title": "Orsted", "organisation_id": host,
            "start": datetime(2027, 5, 4, 10, 0, tzinfo=CPH),
            "end": datetime(2027, 5, 4, 11, 15, tzinfo=CPH),
            "attendees": [ana], "goals": [goal]}).value
        item = session.get(AgendaItem, meeting)
        assert item is not None and item.zone == "Europe/Copenhagen"
        assert item.place_id == hotel.value  # the host's office
        assert [t.id for t in item.attendees] == [ana] and [g.id for g in item.goals] == [goal]
        window = session.scalars(select(AvailabilityWindow)).first()
        assert window is not None and window.zone == "Europe/Copenhagen"
        assert session.get(Stay, stay) is not None


def test_a_flight_arrives_in_its_own_zone(empty: TourStore) -> None:
    with empty.transaction() as session:
        nrt = edits.add_record(session, "place", {"name": "Narita", "kind": "airport",
                                                  "latitude": 35.772, "longitude": 140.393})
        cph = edits.add_record(session, "place", {"name": "Kastrup", "kind": "airport",
                                                  "latitude": 55.618, "longitude": 12.656})
        tokyo = ZoneInfo("Asia/Tokyo")
        flight = edits.add_record(session, "item", {
            "kind": "flight", "title": "SK 984", "place_id": nrt.value,
            "destination_id": cph.value, "start": datetime(2027, 5, 3, 1, 0, tzinfo=tokyo),
            "end": datetime(2027, 5, 3, 7, 0, tzinfo=CPH)}).value
        item = session.get(AgendaItem, flight)
        assert item is not None and (item.zone, item.end_zone) == ("Asia/Tokyo",
                                                                   "Europe/Copenhagen")
        assert item.local_end.hour == 7


def test_tour_properties_change_in_one_step_and_undo_exactly(empty: TourStore) -> None:
    before = dump(empty)
    with empty.transaction() as session:
        done = edits.set_fields(session, "tour", 1, {
            "title_ja": "北欧視察", "start_date": "2027-05-04", "end_date": "2027-05-06",
            "day_start": "09:00", "day_end": "18:30", "home_zone": "Asia/Tokyo",
            "coordinator": "Kim", "coordinator_phone": "+45 1234"})
        assert done.changes.of(Kind.TOUR) == {1}
    with empty.transaction() as session:
        tour = session.get_one(Tour, 1)
        assert (tour.start_date, tour.day_start) == (date(2027, 5, 4), time(9))
        edits.restore_fields(session, "tour", 1, done.value)
    assert dump(empty) == before


@pytest.mark.parametrize(("kind", "values", "message"), [
    ("tour", {"end_date": "2027-05-01"}, "tour last day: 2027-05-01 is before the first day"),
    ("tour", {"day_end": "07:00"}, "tour working day end: 07:00 is not after"),
    ("tour", {"home_zone": "Mars/Base"}, "not an IANA time zone"),
    ("tour", {"start_date": "2027-02-30"}, "tour first day: '2027-02-30' is not a date"),
    ("tour", {"coordinator_email": "kim at home"}, "is not an e-mail address"),
])
def test_bad_tour_properties_are_refused_naming_the_field(empty: TourStore, kind: str,
                                                          values: dict[str, str],
                                                          message: str) -> None:
    before = dump(empty)
    with pytest.raises(InputError, match=message), empty.transaction() as session:
        edits.set_fields(session, kind, 1, values)
    assert dump(empty) == before


def test_bad_new_records_are_refused_naming_the_field(empty: TourStore) -> None:
    with empty.transaction() as session:
        hotel = edits.add_record(session, "place", {"name": "H", "latitude": 55.6,
                                                    "longitude": 12.5}).value
    cases = [
        ("place", {"name": "X", "latitude": 95, "longitude": 1}, "place latitude: 95 is outside"),
        ("place", {"name": "X", "latitude": 5}, "place longitude: may not be empty"),
        ("stay", {"place_id": hotel, "check_in": "2027-05-05", "check_out": "2027-05-05"},
         "hotel stay check-out: must come after the check-in"),
        ("stay", {"place_id": 999, "check_in": "2027-05-03", "check_out": "2027-05-04"},
         "hotel stay place: no record #999"),
        ("item", {"title": "X", "start": "2027-05-04T10:00", "end": "2027-05-04T11:00"},
         "agenda item start: '2027-05-04T10:00:00' has no time zone"),
        ("item", {"title": "X", "start": "2027-05-04T10:00+02:00",
                  "end": "2027-05-04T09:00+02:00"}, "agenda item end: must come after"),
        ("item", {"title": "X", "start": "2027-05-04T10:00+02:00",
                  "end": "2027-05-04T11:00+02:00", "attendees": [42]},
         "agenda item attendees: no record #42"),
    ]
    for kind, values, message in cases:
        before = dump(empty)
        with pytest.raises(InputError, match=message), empty.transaction() as session:
            edits.add_record(session, kind, values)
        assert dump(empty) == before, kind


def test_a_hotel_with_nights_cannot_be_deleted_until_its_stays_are(empty: TourStore) -> None:
    with empty.transaction() as session:
        hotel = edits.add_record(session, "place", {"name": "Hotel Ottilia", "latitude": 55.6,
                                                    "longitude": 12.5}).value
        stay = edits.add_record(session, "stay", {"place_id": hotel, "check_in": "2027-05-03",
                                                  "check_out": "2027-05-04"}).value
    with pytest.raises(InputError, match="Hotel Ottilia is the hotel of 1 stay"), \
            empty.transaction() as session:
        edits.delete_record(session, "place", hotel)
    with empty.transaction() as session:
        edits.delete_record(session, "stay", stay)
        gone = edits.delete_record(session, "place", hotel)
        assert session.scalar(select(func.count()).select_from(Place)) == 0
        edits.restore_record(session, gone.value)
        assert session.get_one(Place, hotel).name == "Hotel Ottilia"


def test_moving_a_place_moves_its_zone_and_tells_what_shows_it(empty: TourStore) -> None:
    with empty.transaction() as session:
        place = edits.add_record(session, "place", {"name": "Office", "latitude": 55.6,
                                                    "longitude": 12.5}).value
        org = edits.add_record(session, "organisation", {"name": "Host",
                                                         "place_id": place}).value
        done = edits.set_fields(session, "place", place, {"latitude": 52.37,
                                                          "longitude": 4.89})
        assert session.get_one(Place, place).zone == "Europe/Amsterdam"
        assert done.changes.of(Kind.ORGANISATION) == {org}
        edits.restore_fields(session, "place", place, done.value)
        assert session.get_one(Place, place).zone == "Europe/Copenhagen"


def test_a_duplicate_is_a_new_event_right_after_the_original(empty: TourStore) -> None:
    with empty.transaction() as session:
        ana = edits.add_record(session, "traveller", {"name": "Ana"}).value
        key = edits.add_record(session, "item", {
            "title": "Lunch", "kind": "meal", "locked": True, "attendees": [ana],
            "start": datetime(2027, 5, 4, 12, 0, tzinfo=CPH),
            "end": datetime(2027, 5, 4, 13, 0, tzinfo=CPH)}).value
        copy = edits.duplicate_item(session, key).value
        original, twin = session.get_one(AgendaItem, key), session.get_one(AgendaItem, copy)
        assert twin.uid != original.uid and twin.title == "Lunch" and not twin.locked
        assert twin.start == original.end and [t.id for t in twin.attendees] == [ana]


def test_a_goal_changes_owner_and_the_delegation_can_have_goals(empty: TourStore) -> None:
    with empty.transaction() as session:
        ana = edits.add_record(session, "traveller", {"name": "Ana"}).value
        goal = edits.add_record(session, "goal", {"title": "Why Denmark wins at wind"}).value
        done = edits.set_field(session, "goal", goal, "traveller_id", ana)
        assert done.value is None and done.changes.of(Kind.GOAL) == {goal}
        edits.set_field(session, "goal", goal, "traveller_id", None)
