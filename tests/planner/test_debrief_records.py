"""The debrief's records in the editor: follow-ups' books (revision, tombstones, hand-backs)
through edits, deletes, restores and the Core undo and redo of recorded changes; the rules a
rating, a learning and a follow-up's status obey; their names and field labels."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import changes, edits
from planner.errors import InputError
from planner.messages import translate
from planner.model import (
    FollowUp,
    FollowUpStatus,
    FollowUpTombstone,
    Learning,
    Rating,
)
from planner.store import TourStore
from planner.tourdoc import dumps, export_document


@pytest.fixture(scope="module")
def tour_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tour from nothing: two travellers, a meeting both attend, a meeting only Aiko attends,
    a host contact, a goal, a follow-up of Aiko's."""
    path = tmp_path_factory.mktemp("records") / "records.ecovisit"
    edits.create_tour(path, "Berlin", date(2027, 5, 10), date(2027, 5, 12),
                      home_zone="Asia/Tokyo")
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        def add(what: str, **values: Any) -> int:
            return edits.add_record(session, what, values).value

        aiko = add("traveller", name="Aiko Tanaka")
        ken = add("traveller", name="Ken Mori")
        goal = add("goal", title="Depot charging")
        org = add("organisation", name="Voltpark GmbH")
        contact = add("contact", name="Jonas Weber", organisation_id=org)
        place = add("place", name="Voltpark HQ", latitude=52.5, longitude=13.4)
        start = datetime(2027, 5, 11, 8, tzinfo=UTC)
        add("item", title="Voltpark depot visit", start=start, end=start + timedelta(hours=1),
            place_id=place, organisation_id=org, attendees=[aiko, ken], hosts=[contact],
            goals=[goal], status="confirmed")
        add("item", title="Fleet workshop", start=start + timedelta(hours=3),
            end=start + timedelta(hours=4), place_id=place, attendees=[aiko])
        add("item", title="Dinner", kind="meal", start=start + timedelta(hours=9),
            end=start + timedelta(hours=10), place_id=place, attendees=[aiko])
    return path


@pytest.fixture
def session(tour_file: Path, tmp_path: Path) -> Iterator[Session]:
    copy = tmp_path / "copy.ecovisit"
    copy.write_bytes(tour_file.read_bytes())
    with TourStore.open(copy) as store, store.transaction(write=True) as session:
        yield session


AIKO, KEN, MEETING, WORKSHOP, DINNER, CONTACT, GOAL = 1, 2, 1, 2, 3, 1, 1


def follow_up(session: Session, **values: Any) -> FollowUp:
    values = {"description": "Send the fleet data", "owner_id": AIKO, "item_id": MEETING,
              "contact_id": CONTACT, "goal_id": GOAL, "due": "2027-06-01", **values}
    key = edits.add_record(session, "follow_up", values).value
    found = session.get(FollowUp, key)
    assert found is not None
    return found


def tombstones(session: Session) -> list[tuple[str, int | None, int]]:
    session.flush()
    return [(t.uid, t.owner_id, t.revision) for t in session.scalars(
        select(FollowUpTombstone).order_by(FollowUpTombstone.id))]


def revision(session: Session, key: int) -> int:
    session.flush()
    session.expire_all()
    found = session.get(FollowUp, key)
    assert found is not None
    return found.revision


def test_a_follow_ups_revision_rises_with_every_change(session: Session) -> None:
    task = follow_up(session)
    first = revision(session, task.id)
    edits.set_fields(session, "follow_up", task.id, {"due": "2027-06-15"})
    second = revision(session, task.id)
    edits.set_fields(session, "follow_up", task.id, {"notes": "NDA first"})
    assert first < second < revision(session, task.id)
    assert tombstones(session) == []  # same owner: nothing left anyone's list


def test_a_follow_up_rises_when_what_its_task_shows_changes(session: Session) -> None:
    task = follow_up(session)
    other = follow_up(session, item_id=WORKSHOP, contact_id=None, goal_id=None)
    seen = {key: revision(session, key) for key in (task.id, other.id)}
    for kind, key, values in (("item", MEETING, {"title": "Voltpark depot tour"}),
                              ("contact", CONTACT, {"role": "CTO"}),
                              ("organisation", 1, {"name": "Voltpark SE"}),
                              ("goal", GOAL, {"title": "Depot charging as a service"})):
        edits.set_fields(session, kind, key, values)
        assert revision(session, task.id) > seen[task.id], kind
        seen[task.id] = revision(session, task.id)
    assert revision(session, other.id) == seen[other.id]  # it shows none of them
    edits.set_fields(session, "organisation", 1, {"notes": "not shown"})
    assert revision(session, task.id) == seen[task.id]


def test_handing_over_leaves_a_tombstone_and_handing_back_removes_it(session: Session) -> None:
    task = follow_up(session)
    uid = task.uid
    old = edits.set_fields(session, "follow_up", task.id, {"owner_id": KEN}).value
    handed = revision(session, task.id)
    assert tombstones(session) == [(uid, AIKO, handed)]  # Aiko's list cancels it
    edits.set_fields(session, "follow_up", task.id, {"owner_id": ""})  # to the coordinator
    assert tombstones(session) == [(uid, AIKO, handed), (uid, KEN, revision(session, task.id))]
    edits.restore_fields(session, "follow_up", task.id, old)  # back to Aiko
    back = revision(session, task.id)
    # Aiko's tombstone went; the coordinator's list cancels the version after the one it had
    assert tombstones(session)[1:] == [(uid, None, back)]
    assert tombstones(session)[0][:2] == (uid, KEN) and back > handed


def test_deleting_and_restoring_a_follow_up(session: Session) -> None:
    task = follow_up(session, notes="kept")
    key, uid, seen = task.id, task.uid, revision(session, task.id)
    before = dumps(export_document(session))
    removed = edits.delete_record(session, "follow_up", key).value
    assert tombstones(session) == [(uid, AIKO, seen + 1)]
    edits.restore_record(session, removed)
    assert tombstones(session) == []
    assert revision(session, key) > seen + 1  # above the cancelled version
    after = dumps(export_document(session))
    assert _without_revisions(after) == _without_revisions(before)


def _without_revisions(text: str) -> str:
    document = json.loads(text)
    for name in ("tour", ):
        document[name].pop("revision")
    for section in ("items", "follow_ups"):
        for row in document[section]:
            row.pop("revision")
    return json.dumps(document)


def test_deleting_a_meeting_and_restoring_it_brings_everything_back(session: Session) -> None:
    task = follow_up(session)
    edits.add_record(session, "learning", {"item_id": MEETING, "text": "Depots pay back",
                                           "tag": "business_model", "traveller_id": KEN})
    edits.add_record(session, "rating", {"item_id": MEETING, "traveller_id": KEN,
                                         "score": 4, "recommend": "yes"})
    key, seen = task.id, revision(session, task.id)
    before = dumps(export_document(session))
    removed = edits.delete_record(session, "item", MEETING).value
    assert session.scalars(select(Learning)).all() == []
    assert session.scalars(select(Rating)).all() == []
    assert session.get(FollowUp, key).item_id is None  # type: ignore[union-attr]
    cleared = revision(session, key)
    assert cleared > seen  # its task no longer names the meeting
    edits.restore_record(session, removed)
    assert revision(session, key) > cleared
    assert _without_revisions(dumps(export_document(session))) == _without_revisions(before)


def test_deleting_and_restoring_an_owner(session: Session) -> None:
    task = follow_up(session, owner_id=KEN)
    edits.set_fields(session, "follow_up", task.id, {"owner_id": AIKO})  # Ken's list cancels it
    key, uid = task.id, task.uid
    before = _without_revisions(dumps(export_document(session)))
    seen = revision(session, key)
    removed = edits.delete_record(session, "traveller", AIKO).value
    found = session.get(FollowUp, key)
    assert found is not None and found.owner_id is None  # the coordinator's now
    coordinators = revision(session, key)
    assert coordinators > seen
    edits.restore_record(session, removed)
    back = revision(session, key)
    assert tombstones(session) == [(uid, KEN, seen)]  # the tour as it was, ...
    assert back > coordinators  # ... its task above any version the coordinator had
    assert _without_revisions(dumps(export_document(session))) == before


def test_core_undo_and_redo_keep_the_follow_ups_books(session: Session) -> None:
    kept = follow_up(session, description="Book the return visit")
    session.flush()

    def import_like(s: Session) -> None:  # as a notes import does: add, hand over, delete
        edits.add_record(s, "follow_up", {"description": "New one", "owner_id": KEN})
        edits.set_fields(s, "follow_up", kept.id, {"owner_id": KEN, "notes": "from Ken"})

    _, changeset = changes.record(session, import_like)
    new = session.scalars(select(FollowUp).where(FollowUp.description == "New one")).one()
    new_uid, kept_uid = new.uid, kept.uid
    handed = revision(session, kept.id)
    assert tombstones(session) == [(kept_uid, AIKO, handed)]
    changes.apply(session, changeset, undo=True)
    back = revision(session, kept.id)
    assert back > handed
    found = session.get(FollowUp, kept.id)
    assert found is not None and found.owner_id == AIKO and found.notes == ""
    assert sorted(tombstones(session)) == sorted([(kept_uid, KEN, back),
                                                  (new_uid, KEN, 1)])
    changes.apply(session, changeset, undo=False)
    again = revision(session, kept.id)
    assert again > back
    assert sorted(tombstones(session)) == [(kept_uid, AIKO, again)]
    redone = session.scalars(select(FollowUp).where(FollowUp.uid == new_uid)).one()
    assert redone.revision > 1  # above the version its undo cancelled


def test_core_undo_of_a_renamed_host_raises_its_follow_ups(session: Session) -> None:
    task = follow_up(session)
    _, changeset = changes.record(session, lambda s: edits.set_fields(
        s, "contact", CONTACT, {"name": "Jonas Weber-Lang"}))
    seen = revision(session, task.id)
    changes.apply(session, changeset, undo=True)
    undone = revision(session, task.id)
    changes.apply(session, changeset, undo=False)
    assert seen < undone < revision(session, task.id)
    assert tombstones(session) == []


# --- editor rules ---------------------------------------------------------------------------

def test_a_rating_only_by_an_attendee(session: Session) -> None:
    with pytest.raises(InputError) as caught:
        edits.add_record(session, "rating", {"item_id": WORKSHOP, "traveller_id": KEN,
                                             "score": 3})
    assert str(caught.value) == ("rating attendee: Ken Mori did not attend Fleet workshop: "
                                 "only its attendees rate it")


def test_a_rating_only_of_a_meeting(session: Session) -> None:
    with pytest.raises(InputError, match="not a meeting"):
        edits.add_record(session, "rating", {"item_id": DINNER, "traveller_id": AIKO,
                                             "score": 3})
    edits.add_record(session, "learning", {"item_id": DINNER, "text": "Hosts talk freely"})


def test_a_rating_once_per_attendee_and_named_by_whose_and_what(session: Session) -> None:
    key = edits.add_record(session, "rating", {"item_id": MEETING, "traveller_id": AIKO,
                                               "score": 5}).value
    with pytest.raises(InputError, match="Aiko Tanaka has rated Voltpark depot visit already"):
        edits.add_record(session, "rating", {"item_id": MEETING, "traveller_id": AIKO,
                                             "score": 2})
    rating = session.get(Rating, key)
    assert rating is not None
    assert edits.name_of(rating, "rating") == "Aiko Tanaka's rating of Voltpark depot visit"
    with pytest.raises(InputError, match="Dinner is not a meeting"):
        edits.set_fields(session, "rating", key, {"item_id": DINNER})


def test_done_sets_the_completed_day_and_open_clears_it(session: Session) -> None:
    task = follow_up(session)
    edits.set_fields(session, "follow_up", task.id, {"status": "done"})
    assert task.status is FollowUpStatus.DONE and task.completed is not None
    edits.set_fields(session, "follow_up", task.id, {"status": "open"})
    assert task.completed is None
    edits.set_fields(session, "follow_up", task.id, {"status": "done",
                                                     "completed": "2027-05-20"})
    assert task.completed == date(2027, 5, 20)
    edits.set_fields(session, "follow_up", task.id, {"status": "dropped"})
    assert task.completed is None
    added = edits.add_record(session, "follow_up", {"description": "x", "status": "done"})
    found = session.get(FollowUp, added.value)
    assert found is not None and found.completed is not None


def test_field_labels_follow_the_kind() -> None:
    assert edits.field_label("traveller_id") == "owner"
    assert edits.field_label("traveller_id", kind="learning") == "said by"
    assert edits.field_label("traveller_id", kind="rating") == "attendee"
    assert edits.field_label("traveller_id", "ja", kind="rating") == translate("attendee", "ja")
    error = edits.FieldError("rating", "traveller_id", ValueError("x"))
    assert str(error) == "rating attendee: x"
