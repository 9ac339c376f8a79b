"""The edits the desktop program's undo commands make: each validates, changes, and undoes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from planner import edits
from planner.errors import InputError
from planner.model import (
    AgendaItem,
    Base,
    Contact,
    ItemTombstone,
    LearningGoal,
    Organisation,
    Place,
    PlaceKind,
    Tour,
    Traveller,
)
from planner.store import TourStore

REVISIONS = {"revision"}


def dump(store: TourStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, revisions left out (they only ever go up)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with store.transaction() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in REVISIONS]
            rows = session.execute(select(*columns)).all()
            tables[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return tables


def org_id(store: TourStore, name: str) -> int:
    with store.transaction() as session:
        return session.scalars(select(Organisation.id).where(Organisation.name == name)).one()


def test_a_field_edit_returns_the_old_value_that_undoes_it(demo_store: TourStore) -> None:
    key = org_id(demo_store, "Celonis")
    before = dump(demo_store)
    with demo_store.transaction() as session:
        old = edits.set_field(session, "organisation", key, "topics",
                              "Process mining; AI, AI").value
    with demo_store.transaction() as session:
        assert session.get(Organisation, key).topics == ["process-mining", "ai"]  # type: ignore
        edits.set_field(session, "organisation", key, "topics", old)
    assert dump(demo_store) == before


@pytest.mark.parametrize(("kind", "field", "value", "message"), [
    ("organisation", "name", "  ", "organisation name: may not be empty"),
    ("organisation", "email", "not-an-address", "'not-an-address' is not an e-mail address"),
    ("organisation", "kind", "bakery", "organisation kind: is one of startup"),
    ("organisation", "revision", 3, "organisation field 'revision' cannot be edited"),
    ("contact", "languages", "German, Blorpish", "'Blorpish' is not a language"),
    ("goal", "priority", "9", "learning goal priority: is a priority from 1"),
    ("traveller", "staff", "perhaps", "'perhaps' is neither yes nor no"),
])
def test_bad_values_are_refused_with_the_field_named_and_nothing_changes(
        demo_store: TourStore, kind: str, field: str, value: Any, message: str) -> None:
    entity = edits.record(kind).entity
    before = dump(demo_store)
    with demo_store.transaction() as session:
        key = session.scalars(select(entity.id)).first()  # type: ignore[attr-defined]
    with pytest.raises(InputError, match=message), demo_store.transaction() as session:
        edits.set_field(session, kind, key, field, value)
    assert dump(demo_store) == before


def test_moving_an_item_bumps_its_revision_and_returns_the_old_times(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Process mining"))).one()
        uid, start, end, revision = item.uid, item.start, item.end, item.revision
    with demo_store.transaction() as session:
        old = edits.move_item(session, uid, start + timedelta(hours=1),
                              end + timedelta(hours=1)).value
    assert old == (start, end)
    with demo_store.transaction() as session:
        moved = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
        assert (moved.start, moved.end) == (start + timedelta(hours=1), end + timedelta(hours=1))
        assert moved.revision == revision + 1
    with pytest.raises(InputError, match="end must come after the start"), \
            demo_store.transaction() as session:
        edits.move_item(session, uid, end, start)
    with pytest.raises(ValueError, match="has no time zone"), demo_store.transaction() as session:
        edits.move_item(session, uid, start.replace(tzinfo=None), end)


@pytest.mark.parametrize("kind", ["organisation", "contact", "traveller", "goal", "item"])
def test_deleting_a_record_and_restoring_it_gives_back_the_same_tour(
        demo_path: Path, kind: str) -> None:
    """An organisation takes its contacts, availability and goal matches with it and clears
    the items it hosts; a traveller takes their goals and attendances; undo restores it all."""
    with TourStore.open(demo_path) as store:
        entity = edits.record(kind).entity
        with store.transaction() as session:
            if kind == "organisation":
                key = org_id(store, "BMW Group")
            else:
                key = session.scalars(select(entity.id)).first()  # type: ignore[attr-defined]
        before = dump(store)
        with store.transaction() as session:
            tour_revision = session.get(Tour, 1).revision  # type: ignore[union-attr]
            removed = edits.delete_record(session, kind, key).value
        after_delete = dump(store)
        assert after_delete != before
        assert len(after_delete[entity.__tablename__]) == len(before[entity.__tablename__]) - 1
        with store.transaction() as session:
            edits.restore_record(session, removed)
        with store.transaction() as session:
            assert session.get(Tour, 1).revision > tour_revision  # type: ignore[union-attr]
            assert session.scalars(select(ItemTombstone)).all() == []
        assert dump(store) == before


def test_an_organisation_delete_clears_the_host_of_its_meetings_and_bumps_them(
        demo_store: TourStore) -> None:
    key = org_id(demo_store, "BMW Group")
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.organisation_id == key)).one()
        uid, revision = item.uid, item.revision
        contacts = len(session.get(Organisation, key).contacts)  # type: ignore[union-attr]
        assert contacts >= 1
    with demo_store.transaction() as session:
        removed = edits.delete_record(session, "organisation", key).value
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
        assert item.organisation_id is None and item.hosts == []
        assert item.revision > revision
        assert session.scalars(select(Contact).where(Contact.organisation_id == key)).all() == []
    with demo_store.transaction() as session:
        edits.restore_record(session, removed)
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
        assert item.organisation_id == key and len(item.hosts) >= 1
        assert item.revision > revision + 1


def test_deleting_an_item_leaves_a_tombstone_until_it_is_restored(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem)).first()
        assert item is not None
        key, uid, revision = item.id, item.uid, item.revision
    with demo_store.transaction() as session:
        removed = edits.delete_record(session, "item", key).value
    with demo_store.transaction() as session:
        assert session.get(ItemTombstone, uid) is not None
    with demo_store.transaction() as session:
        edits.restore_record(session, removed)
    with demo_store.transaction() as session:
        assert session.get(ItemTombstone, uid) is None
        restored = session.get(AgendaItem, key)
        assert restored is not None and restored.revision > revision + 1  # calendars update


def test_new_records_get_keys_and_goals_belong_to_their_traveller(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        org = edits.add_record(session, "organisation", {"name": "Neue Firma GmbH"}).value
        contact = edits.add_record(session, "contact", {"name": "Jana Novak",
                                                        "organisation_id": org}).value
        traveller = edits.add_record(session, "traveller", {"name": "Ken Sato",
                                                            "name_ja": "佐藤 健"}).value
        goal = edits.add_record(session, "goal", {"title": "Learn about hydrogen",
                                                  "traveller_id": traveller}).value
    with demo_store.transaction() as session:
        assert session.get(Contact, contact).organisation_id == org  # type: ignore[union-attr]
        assert session.get(LearningGoal, goal).traveller_id == traveller  # type: ignore
        positions = session.scalars(select(Traveller.position)).all()
        assert session.get(Traveller, traveller).position == max(positions)  # type: ignore
    with pytest.raises(InputError, match="organisation name: may not be empty"), \
            demo_store.transaction() as session:
        edits.add_record(session, "organisation", {"name": ""})


def test_undo_puts_back_exactly_what_was_stored(demo_store: TourStore) -> None:
    """A value stored as written (an older import, the JSON document) is not normalised or
    refused on the way back."""
    key = org_id(demo_store, "Celonis")
    with demo_store.transaction() as session:
        org = session.get(Organisation, key)
        assert org is not None
        org.topics, org.email = ["Smart City"], "info at example.org"
    for field, value in (("topics", "mobility"), ("email", "visits@celonis.example")):
        with demo_store.transaction() as session:
            old = edits.set_field(session, "organisation", key, field, value).value
        with demo_store.transaction() as session:
            edits.restore_field(session, "organisation", key, field, old)
    with demo_store.transaction() as session:
        org = session.get(Organisation, key)
        assert org is not None and org.topics == ["Smart City"]
        assert org.email == "info at example.org"


# --- an organisation's office ------------------------------------------------------------------

def _place_row(store: TourStore, key: int) -> tuple[Any, ...]:
    with store.transaction() as session:
        place = session.get(Place, key)
        assert place is not None
        return (place.name, place.kind, place.address, place.city, place.latitude,
                place.longitude, place.zone)


@pytest.mark.parametrize("shared", ["hotel", "other office", "none"])
def test_an_office_edit_never_moves_a_shared_place_and_undoes_exactly(
        demo_store: TourStore, shared: str) -> None:
    """An organisation at a hotel, or at another organisation's office, or at no place gets a
    new office of its own; the shared place stays; undo gives back the same tour, redo the same
    office under the same key."""
    celonis, bmw = org_id(demo_store, "Celonis"), org_id(demo_store, "BMW Group")
    with demo_store.transaction() as session:
        hotel = session.scalars(select(Place.id).where(Place.kind == PlaceKind.HOTEL)).first()
        bmw_office = session.get(Organisation, bmw).place_id  # type: ignore[union-attr]
        assert hotel is not None and bmw_office is not None
        edits.set_field(session, "organisation", celonis, "place_id",
                        {"hotel": hotel, "other office": bmw_office, "none": None}[shared])
        old = session.get(Organisation, celonis).place_id  # type: ignore[union-attr]
    untouched = None if old is None else _place_row(demo_store, old)
    before = dump(demo_store)
    with demo_store.transaction() as session:
        done = edits.set_office(session, celonis, {"address": "Theresienstr. 6",
                                                   "latitude": 48.1466, "longitude": 11.5795})
        change = done.value
    assert change.office_id != old and change.moved is None
    assert done.changes.of("organisation") >= {celonis}
    assert change.office_id in done.changes.of("place")
    with demo_store.transaction() as session:
        office = session.get(Place, change.office_id)
        assert office is not None
        assert session.get(Organisation, celonis).place_id == office.id  # type: ignore
        assert (office.name, office.kind, office.address, office.zone) == (
            "Celonis", PlaceKind.OFFICE, "Theresienstr. 6", "Europe/Berlin")
        if shared == "other office":  # the other organisation stays where it was
            assert session.get(Organisation, bmw).place_id == bmw_office  # type: ignore
    if old is not None:
        assert _place_row(demo_store, old) == untouched
    with demo_store.transaction() as session:
        undone = edits.restore_office(session, change).value
    assert dump(demo_store) == before
    with demo_store.transaction() as session:
        edits.redo_office(session, undone)
    with demo_store.transaction() as session:
        assert session.get(Organisation, celonis).place_id == change.office_id  # type: ignore
        assert session.get(Place, change.office_id).address == "Theresienstr. 6"  # type: ignore


def test_an_organisations_own_office_is_moved_and_the_move_undone(
        demo_store: TourStore) -> None:
    bmw = org_id(demo_store, "BMW Group")
    before = dump(demo_store)
    with demo_store.transaction() as session:
        office = session.get(Organisation, bmw).place_id  # type: ignore[union-attr]
        change = edits.set_office(session, bmw, {"city": "Munich", "latitude": 48.177,
                                                 "longitude": 11.556}).value
    assert change.office_id == office and change.moved is not None
    with demo_store.transaction() as session:
        moved = session.get(Place, office)
        assert moved is not None and (moved.latitude, moved.longitude) == (48.177, 11.556)
    with demo_store.transaction() as session:
        edits.restore_office(session, change)
    assert dump(demo_store) == before
    with pytest.raises(InputError, match="country"), demo_store.transaction() as session:
        edits.set_office(session, bmw, {"country": "Narnia"})
    assert dump(demo_store) == before
