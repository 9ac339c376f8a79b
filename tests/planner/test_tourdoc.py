"""The JSON tour document: lossless round trips and clear, harmless failures."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect as sa_inspect

from planner.demo import demo_document
from planner.model import (
    Base,
    FollowUpStatus,
    GoalOutcome,
    ItemKind,
    ItemStatus,
    LetterKind,
    OrganisationKind,
    PlaceKind,
    RequestState,
    TakeawayTag,
    Tour,
)
from planner.store import TourStore, create_tour_file
from planner.tourdoc import (
    ITEM_FIELDS,
    SECTIONS,
    TOUR_FIELDS,
    TourDocumentError,
    dumps,
    export_document,
    import_document,
)
from tests.conftest import DEMO_START


def roundtrip(document: dict[str, Any], folder: Path, name: str = "t.ecovisit") -> str:
    path = folder / name
    create_tour_file(path, lambda s: import_document(document, s), force=True)
    with TourStore.open(path) as store, store.transaction() as session:
        return dumps(export_document(session))


def test_demo_export_import_export_is_identical(demo_store: TourStore, tmp_path: Path) -> None:
    with demo_store.transaction() as session:
        first = dumps(export_document(session))
    second = roundtrip(json.loads(first), tmp_path)
    assert second == first
    assert json.loads(first) == demo_document(DEMO_START)  # the file holds what the demo said


def test_every_column_of_the_model_is_in_the_document() -> None:
    """A new column that the document forgot would be lost silently; this catches it."""
    covered = {Tour: {f.attr for f in TOUR_FIELDS} | {"id"}}  # the tour is always id 1
    stack = list(SECTIONS)
    while stack:
        section = stack.pop()
        covered[section.model] = {f.attr for f in section.fields}
        if section.parent_attr:
            covered[section.model].add(section.parent_attr)
        stack.extend(section.nested)
    models = [mapper.class_ for mapper in Base.registry.mappers]
    assert set(covered) == set(models), "every table of the model is a section of the document"
    for model in models:
        columns = {c.key for c in sa_inspect(model).column_attrs}
        assert columns <= covered[model], f"{model.__name__}: {columns - covered[model]}"
    relations = {f.attr for f in ITEM_FIELDS}
    assert {"attendees", "hosts", "goals"} <= relations


# --- generated tours --------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=25)
ZONES = st.sampled_from(["Europe/Berlin", "Europe/Helsinki", "Europe/Paris", "Asia/Tokyo",
                         "America/New_York", "Europe/London", "UTC"])
INSTANTS = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2090, 1, 1),  # noqa: DTZ001
                        timezones=st.just(UTC))
WORDS = st.lists(TEXT, max_size=3)


def local(moment: datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).isoformat()


@st.composite
def span(draw: st.DrawFn, zone: str, end_zone: str | None = None) -> tuple[str, str]:
    start = draw(INSTANTS)
    end = start + timedelta(seconds=draw(st.integers(60, 5 * 86400)))
    return local(start, zone), local(end, end_zone or zone)


@st.composite
def tour_documents(draw: st.DrawFn) -> dict[str, Any]:
    ids = iter(range(1, 10_000))
    start = draw(st.dates(min_value=date(2001, 1, 1), max_value=date(2080, 1, 1)))
    doc: dict[str, Any] = {"format": "ecovisit-tour", "version": 3, "tour": {
        "title": draw(TEXT), "title_ja": draw(TEXT), "vision": draw(TEXT),
        "vision_ja": draw(TEXT), "vision_after": draw(TEXT), "vision_after_ja": draw(TEXT),
        "coordinator": draw(TEXT),
        "coordinator_phone": draw(TEXT), "coordinator_email": draw(TEXT),
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=draw(st.integers(0, 30)))).isoformat(),
        "home_zone": draw(ZONES), "day_start": "08:30", "day_end": "19:00",
        "travel_settings": draw(st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)),
        "revision": draw(st.integers(1, 1000)), "reminder_days": draw(st.integers(1, 60))}}
    doc["places"] = [{
        "id": next(ids), "name": draw(TEXT), "kind": draw(st.sampled_from(list(PlaceKind))).value,
        "address": draw(TEXT), "city": draw(TEXT), "country": draw(st.sampled_from(["", "DE"])),
        "latitude": draw(st.floats(-90, 90)), "longitude": draw(st.floats(-180, 180)),
        "exact": draw(st.booleans()), "zone": draw(ZONES), "phone": draw(TEXT),
        "notes": draw(TEXT)} for _ in range(draw(st.integers(0, 3)))]
    place_ids = [p["id"] for p in doc["places"]]
    doc["travellers"] = []
    for _ in range(draw(st.integers(0, 3))):
        tid = next(ids)
        doc["travellers"].append({
            "id": tid, "name": draw(TEXT), "name_ja": draw(TEXT), "company": draw(TEXT),
            "role": draw(TEXT), "email": draw(TEXT), "languages": draw(WORDS),
            "dietary": draw(TEXT), "notes": draw(TEXT), "staff": draw(st.booleans()),
            "position": tid})
    traveller_ids = [t["id"] for t in doc["travellers"]]
    optional_traveller = st.sampled_from([None, *traveller_ids])
    doc["goals"] = [{
        "id": next(ids), "traveller": draw(optional_traveller), "title": draw(TEXT),
        "title_ja": draw(TEXT), "description": draw(TEXT), "topics": draw(WORDS),
        "priority": draw(st.integers(1, 5)),
        "outcome": draw(st.sampled_from(list(GoalOutcome))).value,
        "outcome_summary": draw(TEXT)} for _ in range(draw(st.integers(0, 3)))]
    doc["organisations"] = []
    for _ in range(draw(st.integers(0, 2))):
        contacts = [{"id": next(ids), "name": draw(TEXT), "name_ja": draw(TEXT),
                     "role": draw(TEXT), "email": draw(TEXT), "phone": draw(TEXT),
                     "languages": draw(WORDS), "notes": draw(TEXT)}
                    for _ in range(draw(st.integers(0, 2)))]
        windows = []
        for _ in range(draw(st.integers(0, 2))):
            zone = draw(ZONES)
            begin, end = draw(span(zone))
            windows.append({"id": next(ids), "zone": zone, "start": begin, "end": end,
                            "note": draw(TEXT)})
        doc["organisations"].append({
            "id": next(ids), "name": draw(TEXT), "name_ja": draw(TEXT),
            "kind": draw(st.sampled_from(list(OrganisationKind))).value, "topics": draw(WORDS),
            "description": draw(TEXT), "phone": draw(TEXT), "website": draw(TEXT),
            "email": draw(TEXT), "notes": draw(TEXT),
            "place": draw(st.sampled_from([None, *place_ids])),
            "contacts": contacts, "availability": windows})
    org_ids = [o["id"] for o in doc["organisations"]]
    contact_ids = sorted(c["id"] for o in doc["organisations"] for c in o["contacts"])
    goal_ids = [g["id"] for g in doc["goals"]]
    doc["stays"] = [{
        "id": next(ids), "place": draw(st.sampled_from(place_ids)),
        "check_in": start.isoformat(), "check_out": (start + timedelta(days=2)).isoformat(),
        "booking_reference": draw(TEXT), "notes": draw(TEXT)}
        for _ in range(draw(st.integers(0, 2) if place_ids else st.just(0)))]
    doc["items"] = []
    for n in range(draw(st.integers(0, 4))):
        zone = draw(ZONES)
        end_zone = draw(st.sampled_from([None, "Asia/Tokyo"]))
        begin, end = draw(span(zone, end_zone))
        doc["items"].append({
            "id": next(ids), "uid": f"item-{n}@test", "revision": draw(st.integers(0, 50)),
            "kind": draw(st.sampled_from(list(ItemKind))).value, "title": draw(TEXT),
            "title_ja": draw(TEXT), "zone": zone, "end_zone": end_zone, "start": begin,
            "end": end, "place": draw(st.sampled_from([None, *place_ids])),
            "destination": draw(st.sampled_from([None, *place_ids])),
            "organisation": draw(st.sampled_from([None, *org_ids])),
            "status": draw(st.sampled_from(list(ItemStatus))).value,
            "locked": draw(st.booleans()),
            "attendees": sorted(draw(st.sets(st.sampled_from(traveller_ids)))
                                if traveller_ids else []),
            "hosts": sorted(draw(st.sets(st.sampled_from(contact_ids))) if contact_ids else []),
            "goals": sorted(draw(st.sets(st.sampled_from(goal_ids))) if goal_ids else []),
            "notes": draw(TEXT), "questions": draw(WORDS), "language": draw(TEXT),
            "interpreter_booked": draw(st.booleans()), "protocol_notes": draw(TEXT),
            "booking_reference": draw(TEXT), "learnings": draw(TEXT)})
    item_ids = [i["id"] for i in doc["items"]]
    goal_or_none = st.sampled_from([None, *goal_ids])
    doc["learnings"] = [{
        "id": next(ids), "item": draw(st.sampled_from(item_ids)), "goal": draw(goal_or_none),
        "traveller": draw(optional_traveller), "text": draw(TEXT),
        "tag": draw(st.sampled_from([None, *(t.value for t in TakeawayTag)])),
        "next_step": draw(TEXT), "position": draw(st.integers(0, 9))}
        for _ in range(draw(st.integers(0, 3)) if item_ids else 0)]
    pairs_rated = sorted({(i, t) for i in item_ids for t in traveller_ids})
    rated = sorted(draw(st.sets(st.sampled_from(pairs_rated), max_size=3))) if pairs_rated else []
    doc["ratings"] = [{
        "id": next(ids), "item": i, "traveller": t, "score": draw(st.integers(1, 5)),
        "recommend": draw(st.sampled_from([None, True, False])), "comment": draw(TEXT)}
        for i, t in rated]
    doc["follow_ups"] = [{
        "id": next(ids), "uid": f"todo-{n}@test", "revision": draw(st.integers(0, 9)),
        "item": draw(st.sampled_from([None, *item_ids])), "goal": draw(goal_or_none),
        "description": draw(TEXT), "owner": draw(optional_traveller),
        "contact": draw(st.sampled_from([None, *contact_ids])),
        "due": draw(st.sampled_from([None, start.isoformat()])),
        "status": draw(st.sampled_from(list(FollowUpStatus))).value,
        "completed": draw(st.sampled_from([None, start.isoformat()])), "notes": draw(TEXT)}
        for n in range(draw(st.integers(0, 2)))]
    doc["follow_up_tombstones"] = [{
        "id": next(ids), "uid": f"todo-{n}@test", "owner": draw(optional_traveller),
        "revision": draw(st.integers(0, 9)), "description": draw(TEXT),
        "due": draw(st.sampled_from([None, start.isoformat()])),
        "gone_at": draw(INSTANTS).isoformat()} for n in range(draw(st.integers(0, 2)))]
    hosts = sorted(draw(st.sets(st.sampled_from(org_ids), max_size=3))) if org_ids else []
    doc["requests"] = [{
        "id": next(ids), "organisation": host, "item": draw(st.sampled_from([None, *item_ids])),
        "contact": draw(st.sampled_from([None, *contact_ids])),
        "state": draw(st.sampled_from(list(RequestState))).value,
        "language": draw(st.sampled_from(["", "en", "ja"])),
        "sent_on": draw(st.sampled_from([None, start.isoformat()])),
        "reminded_on": draw(st.sampled_from([None, start.isoformat()])),
        "replied_on": draw(st.sampled_from([None, start.isoformat()])),
        "confirmation_sent_on": draw(st.sampled_from([None, start.isoformat()])),
        "reason": draw(TEXT), "notes": draw(TEXT)} for host in hosts]
    kinds = sorted(draw(st.sets(st.sampled_from([(k.value, lang) for k in LetterKind
                                                 for lang in ("en", "ja")]), max_size=3)))
    doc["letter_templates"] = [{"id": next(ids), "kind": kind, "language": language,
                                "subject": draw(TEXT), "body": draw(TEXT)}
                               for kind, language in kinds]
    pairs = sorted({(g, o) for g in goal_ids for o in org_ids})
    chosen = sorted(draw(st.sets(st.sampled_from(pairs), max_size=3))) if pairs else []
    doc["goal_matches"] = [{"goal": g, "organisation": o, "score": draw(st.floats(0, 1))}
                           for g, o in chosen]
    doc["tombstones"] = []
    for n in range(draw(st.integers(0, 2))):
        zone = draw(ZONES)
        begin, end = draw(span(zone))
        doc["tombstones"].append({
            "uid": f"gone-{n}@test", "revision": draw(st.integers(1, 9)), "title": draw(TEXT),
            "zone": zone, "start": begin, "end": end,
            "deleted_at": draw(INSTANTS).isoformat()})
    doc["departures"] = []
    for n in range(draw(st.integers(0, 2)) if traveller_ids else 0):
        zone = draw(ZONES)
        begin, end = draw(span(zone))
        doc["departures"].append({
            "uid": f"left-{n}@test", "traveller": draw(st.sampled_from(traveller_ids)),
            "revision": draw(st.integers(1, 9)), "title": draw(TEXT), "zone": zone,
            "start": begin, "end": end, "left_at": draw(INSTANTS).isoformat()})
    return doc


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=tour_documents())
def test_generated_tours_survive_the_round_trip_exactly(document: dict[str, Any],
                                                        tmp_path: Path) -> None:
    exported = roundtrip(document, tmp_path)
    assert json.loads(exported) == document
    assert roundtrip(json.loads(exported), tmp_path, "again.ecovisit") == exported


# --- bad documents ----------------------------------------------------------------------------

def minimal() -> dict[str, Any]:
    return {"format": "ecovisit-tour", "version": 3,
            "tour": {"title": "T", "start_date": "2027-05-10", "end_date": "2027-05-14"},
            "places": [{"id": 1, "name": "Office", "latitude": 52.5, "longitude": 13.4,
                        "zone": "Europe/Berlin"}],
            "items": [{"id": 1, "uid": "a@x", "title": "Meeting", "zone": "Europe/Berlin",
                       "start": "2027-05-11T09:00:00+02:00", "end": "2027-05-11T10:00:00+02:00",
                       "place": 1}]}


def test_a_minimal_hand_written_document_imports(tmp_path: Path) -> None:
    exported = json.loads(roundtrip(minimal(), tmp_path))
    assert exported["items"][0]["status"] == "idea"
    assert exported["items"][0]["start"] == "2027-05-11T09:00:00+02:00"


def broken(path: str, value: Any) -> dict[str, Any]:
    """The minimal document with one value replaced (path like 'items.0.start')."""
    doc = minimal()
    node: Any = doc
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    for key in keys[:-1]:
        node = node[key]
    if value is KeyError:
        del node[keys[-1]]
    else:
        node[keys[-1]] = value
    return doc


@pytest.mark.parametrize(("path", "value", "where", "words"), [
    ("format", "something-else", "$.format", "Ecovisit tour document"),
    ("version", 99, "$.version", "not supported"),
    ("tour.title", KeyError, "$.tour", "'title' is missing"),
    ("tour.start_date", "2027-02-30", "$.tour.start_date", "YYYY-MM-DD"),
    ("tour.end_date", "2027-05-01", "$.tour.end_date", "after start_date"),
    ("places.0.latitude", "north", "$.places[0].latitude", "expected a number"),
    ("places.0.latitude", 95.0, "$.places[0].latitude", "outside"),
    ("places.0.zone", "Berlin", "$.places[0].zone", "unknown time zone"),
    ("items.0.start", "2027-05-11T09:00:00", "$.items[0].start", "no UTC offset"),
    ("items.0.end", "2027-05-11T08:00:00+02:00", "$.items[0].end", "after start"),
    ("items.0.place", 7, "$.items[0].place", "not in the document"),
    ("items.0.status", "maybe", "$.items[0].status", "not one of"),
    ("items.0.colour", "red", "$.items[0].colour", "unknown field"),
    ("items.0.attendees", [1], "$.items[0].attendees", "not in the document"),
    ("places.0.id", "one", "$.places[0].id", "whole number"),
])
def test_a_bad_document_names_the_place_and_creates_nothing(
        tmp_path: Path, path: str, value: Any, where: str, words: str) -> None:
    target = tmp_path / "t.ecovisit"
    with pytest.raises(TourDocumentError) as caught:
        create_tour_file(target, lambda s: import_document(broken(path, value), s, "in.json"))
    message = str(caught.value)
    assert message.startswith(f"in.json: {where}: "), message
    assert words in message
    assert list(tmp_path.iterdir()) == []


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    doc = minimal()
    doc["places"].append(dict(doc["places"][0]))
    with pytest.raises(TourDocumentError, match=r"\$\.places\[1\]\.id: id 1 is used twice"):
        create_tour_file(tmp_path / "t.ecovisit", lambda s: import_document(doc, s, "in.json"))
