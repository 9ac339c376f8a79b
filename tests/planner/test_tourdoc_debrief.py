"""The tour document carries the debrief (format version 2 on; 3 adds the host requests) and still reads version 1."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner import edits
from planner.model import FollowUp, FollowUpStatus, FollowUpTombstone
from planner.store import TourStore, create_tour_file
from planner.tourdoc import TourDocumentError, dumps, export_document, import_document

BERLIN = "Europe/Berlin"


def _built(path: Path) -> None:
    """A tour typed from nothing with one of every debrief record."""
    edits.create_tour(path, "Berlin debrief", date(2027, 5, 10), date(2027, 5, 12))
    with TourStore.open(path) as store, store.transaction(write=True) as session:
        def add(kind: str, **values: Any) -> int:
            return edits.add_record(session, kind, values).value

        aiko = add("traveller", name="Aiko Tanaka")
        ken = add("traveller", name="Ken Mori")
        goal = add("goal", title="Charging as a service", traveller_id=aiko)
        org = add("organisation", name="Voltpark GmbH")
        contact = add("contact", name="Jonas Weber", organisation_id=org)
        place = add("place", name="Voltpark HQ", latitude=52.5, longitude=13.4)
        start = datetime(2027, 5, 11, 8, tzinfo=UTC)
        item = add("item", title="Voltpark depot visit", start=start,
                   end=start + timedelta(hours=1), place_id=place, organisation_id=org,
                   attendees=[aiko, ken], hosts=[contact], goals=[goal], status="confirmed")
        add("learning", item_id=item, goal_id=goal, traveller_id=aiko,
            text="Depot charging pays back in 4 years", tag="business_model",
            next_step="Pilot offer by June", position=1)
        add("learning", item_id=item, text="会議のまとめ")
        add("rating", item_id=item, traveller_id=ken, score="4", recommend="no",
            comment="Too much sales talk")
        follow = add("follow_up", description="Send the fleet data", owner_id=aiko,
                     contact_id=contact, item_id=item, goal_id=goal, due="2027-06-01",
                     notes="NDA first")
        edits.set_fields(session, "follow_up", follow, {"status": "done"})
        goal_obj = session.get(edits.record("goal").entity, goal)
        goal_obj.outcome, goal_obj.outcome_summary = "answered", "Yes: depots first"
        tour = session.get(edits.record("tour").entity, 1)
        tour.vision_after, tour.vision_after_ja = "Partner on depots", "デポで提携する"
        session.add(FollowUpTombstone(uid="gone@x", owner_id=ken, revision=2,
                                      description="Old task", due=date(2027, 6, 2),
                                      gone_at=datetime(2027, 5, 12, 9, tzinfo=UTC)))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("debrief") / "built.ecovisit"
    _built(path)
    return path


def _export(path: Path) -> str:
    with TourStore.open(path) as store, store.transaction() as session:
        return dumps(export_document(session))


def test_every_debrief_record_survives_export_import_export(built: Path, tmp_path: Path) -> None:
    first = _export(built)
    document = json.loads(first)
    assert document["version"] == 3
    assert document["tour"]["vision_after_ja"] == "デポで提携する"
    assert document["goals"][0]["outcome"] == "answered"
    assert [entry["tag"] for entry in document["learnings"]] == ["business_model", None]
    assert document["ratings"][0]["recommend"] is False
    follow_up = document["follow_ups"][0]
    assert follow_up["status"] == "done" and follow_up["notes"] == "NDA first"
    assert follow_up["uid"] and follow_up["goal"] == 1
    assert document["follow_up_tombstones"][0]["uid"] == "gone@x"
    copy = tmp_path / "copy.ecovisit"
    create_tour_file(copy, lambda s: import_document(document, s))
    assert _export(copy) == first


def test_a_version_1_document_still_imports(built: Path, tmp_path: Path) -> None:
    old = json.loads(_export(built))
    old["version"] = 1
    for key in ("learnings", "ratings", "follow_up_tombstones", "requests", "letter_templates"):
        del old[key]
    old["follow_ups"] = [{"id": 1, "item": 1, "description": "Send the fleet data",
                          "owner": 1, "contact": 1, "due": "2027-06-01", "done": True},
                         {"id": 2, "description": "Book the return visit", "done": False},
                         {"id": 3, "description": "Ask about tariffs"}]
    for record in old["goals"]:
        del record["outcome"], record["outcome_summary"]
    del old["tour"]["vision_after"], old["tour"]["vision_after_ja"], old["tour"]["reminder_days"]
    target = tmp_path / "old.ecovisit"
    create_tour_file(target, lambda s: import_document(old, s, "old.json"))
    with TourStore.open(target) as store, store.transaction() as session:
        follow_ups = session.query(FollowUp).order_by(FollowUp.id).all()
        assert [f.status for f in follow_ups] == [FollowUpStatus.DONE, FollowUpStatus.OPEN,
                                                  FollowUpStatus.OPEN]
        assert len({f.uid for f in follow_ups}) == 3  # each got a uid of its own
        assert follow_ups[0].due == date(2027, 6, 1) and follow_ups[0].owner_id == 1
        assert json.loads(dumps(export_document(session)))["version"] == 3


def test_a_bad_version_1_follow_up_is_named(tmp_path: Path) -> None:
    old = {"format": "ecovisit-tour", "version": 1,
           "tour": {"title": "T", "start_date": "2027-05-10", "end_date": "2027-05-14"},
           "follow_ups": [{"id": 1, "description": "x", "done": "yes"}]}
    with pytest.raises(TourDocumentError, match=r"\$\.follow_ups\[0\]\.done: expected true"):
        create_tour_file(tmp_path / "t.ecovisit", lambda s: import_document(old, s, "in.json"))
    assert list(tmp_path.iterdir()) == []


def test_a_rating_twice_by_one_attendee_is_refused(built: Path, tmp_path: Path) -> None:
    document = json.loads(_export(built))
    document["ratings"].append(dict(document["ratings"][0], id=99))
    with pytest.raises(TourDocumentError, match=r"\$\.ratings\[1\]: repeats"):
        create_tour_file(tmp_path / "t.ecovisit", lambda s: import_document(document, s))


def test_a_version_2_document_imports_without_host_requests(built: Path, tmp_path: Path) -> None:
    """Format 3 adds the host requests, the letter templates and the reminder days; a version-2
    document (schema 6) takes their defaults, and may not carry them."""
    old = json.loads(_export(built))
    old["version"] = 2
    del old["requests"], old["letter_templates"], old["tour"]["reminder_days"]
    target = tmp_path / "v2.ecovisit"
    create_tour_file(target, lambda s: import_document(old, s, "v2.json"))
    again = json.loads(_export(target))
    assert again["version"] == 3 and again["tour"]["reminder_days"] == 5
    assert again["requests"] == [] and again["letter_templates"] == []
    assert again["follow_ups"] == old["follow_ups"]
    old["requests"] = []
    with pytest.raises(TourDocumentError, match=r"\$\.requests: unknown field in a version-2"):
        create_tour_file(tmp_path / "bad.ecovisit", lambda s: import_document(old, s, "v2.json"))
