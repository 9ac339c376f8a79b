"""SEQUENCE rises when what an event shows changes through a linked record (issue 18, item 5):
the host renamed, a host contact's name, role or phone, the place's name, address or point, a
goal's title, an attendee's name, the tour's coordinator, and the "Next: ..." leg. Checked
against the calendars themselves: every event whose text changed has a higher SEQUENCE, in the
tour's file and in every traveller's, with ideas and without; a field no event shows raises
nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner import changes, edits
from planner.calendar.ics import IcsOptions, calendar
from planner.cli import main
from planner.model import (
    NEXT_WITHIN,
    AgendaItem,
    ItemStatus,
    Organisation,
    Tour,
    Traveller,
    item_attendees,
    item_goals,
    item_hosts,
)
from planner.store import TourStore
from tests.planner.test_concurrency import CONTEXT, WAIT, _together

Events = dict[tuple[int | None, bool, str], tuple[int, str]]


def events(session: Session) -> Events:
    """(traveller id or None, ideas included, UID): (SEQUENCE, the event's text but its
    DTSTAMP and SEQUENCE), over the tour's calendar and every traveller's."""
    found: Events = {}
    people: list[Traveller | None] = [None, *session.scalars(select(Traveller))]
    for who in people:
        for ideas in (False, True):
            options = IcsOptions(with_phones=True, include_ideas=ideas)
            for event in calendar(session, who, options).walk("VEVENT"):
                lines = event.to_ical().decode().replace("\r\n ", "").splitlines()
                text = "\n".join(x for x in lines if not x.startswith(("DTSTAMP", "SEQUENCE")))
                key = (None if who is None else who.id, ideas, str(event["UID"]))
                found[key] = (int(event["SEQUENCE"]), text)
    return found


def revisions(session: Session) -> dict[int, int]:
    return {key: rev for key, rev in session.execute(select(AgendaItem.id, AgendaItem.revision))}


def uids(session: Session) -> dict[str, int]:
    return {uid: key for key, uid in session.execute(select(AgendaItem.id, AgendaItem.uid))}


def changed_events(before: Events, after: Events, session: Session) -> set[int]:
    """The items whose event reads differently in some calendar; each must have a higher
    SEQUENCE there."""
    keys = uids(session)
    changed = set()
    for key, (sequence, text) in after.items():
        if key in before and before[key][1] != text:
            assert sequence > before[key][0], f"{key}: text changed at SEQUENCE {sequence}"
            if key[2] in keys:  # (else deleted: its cancellation)
                changed.add(keys[key[2]])
    return changed


def observe(store: TourStore, change: Callable[[Session], Any]) -> tuple[set[int], set[int]]:
    """Make *change* in one transaction: (the items raised, the items whose events changed).
    Each raised item is raised by one."""
    with store.transaction() as session:
        before, old = events(session), revisions(session)
    with store.transaction() as session:
        change(session)
    with store.transaction() as session:
        after, new = events(session), revisions(session)
        raised = {key for key in new if key in old and new[key] != old[key]}
        assert {new[key] - old[key] for key in raised} <= {1}
        return raised, changed_events(before, after, session)


def busiest(session: Session, link: Any, column: str) -> int:
    """The record linked to the most items through *link*."""
    return int(session.execute(select(link.c[column]).group_by(link.c[column])
                               .order_by(func.count().desc(), link.c[column])).scalars().first())


def items_where(session: Session, *condition: Any) -> set[int]:
    return set(session.scalars(select(AgendaItem.id).where(*condition)))


def linked(session: Session, link: Any, column: str, key: int) -> set[int]:
    return set(session.scalars(select(link.c.item_id).where(link.c[column] == key)))


def host(session: Session) -> int:
    return int(session.execute(select(AgendaItem.organisation_id).where(
        AgendaItem.organisation_id.is_not(None)).group_by(AgendaItem.organisation_id)
        .order_by(func.count().desc(), AgendaItem.organisation_id)).scalars().first())


# (kind, how to find the record, the values, the items showing it)
CASES: dict[str, tuple[str, Callable[[Session], int], dict[str, Any],
                       Callable[[Session, int], set[int]]]] = {
    "host renamed": ("organisation", host, {"name": "Renamed Host GmbH"},
                     lambda s, k: items_where(s, AgendaItem.organisation_id == k)),
    "contact renamed": ("contact", lambda s: busiest(s, item_hosts, "contact_id"),
                        {"name": "Dr. Renamed"},
                        lambda s, k: linked(s, item_hosts, "contact_id", k)),
    "contact's role": ("contact", lambda s: busiest(s, item_hosts, "contact_id"),
                       {"role": "Chief Listener"},
                       lambda s, k: linked(s, item_hosts, "contact_id", k)),
    "contact's phone": ("contact", lambda s: busiest(s, item_hosts, "contact_id"),
                        {"phone": "+49 89 555 0199"},
                        lambda s, k: linked(s, item_hosts, "contact_id", k)),
    "goal retitled": ("goal", lambda s: busiest(s, item_goals, "goal_id"),
                      {"title": "A new reason to meet"},
                      lambda s, k: linked(s, item_goals, "goal_id", k)),
    "attendee renamed": ("traveller", lambda s: busiest(s, item_attendees, "traveller_id"),
                         {"name": "Yumiko Satō"},
                         lambda s, k: linked(s, item_attendees, "traveller_id", k)),
    "coordinator's phone": ("tour", lambda s: 1, {"coordinator_phone": "+81 3 5555 0100"},
                            lambda s, k: items_where(s)),
}
UNSHOWN: dict[str, tuple[str, Callable[[Session], int], dict[str, Any]]] = {
    "host's notes": ("organisation", host, {"notes": "Parking behind the building"}),
    "host's website": ("organisation", host, {"website": "https://renamed.example"}),
    "contact's e-mail": ("contact", lambda s: busiest(s, item_hosts, "contact_id"),
                         {"email": "new@host.example"}),
    "goal's description": ("goal", lambda s: busiest(s, item_goals, "goal_id"),
                           {"description": "Said otherwise"}),
    "attendee's dietary needs": ("traveller",
                                 lambda s: busiest(s, item_attendees, "traveller_id"),
                                 {"dietary": "vegetarian"}),
    "tour's vision": ("tour", lambda s: 1, {"vision": "Another vision"}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_linked_change_raises_exactly_the_items_showing_it(demo_store: TourStore,
                                                             case: str) -> None:
    kind, find, values, showing = CASES[case]
    with demo_store.transaction() as session:
        key = find(session)
        expected = showing(session, key)
        assert expected
    raised, changed = observe(demo_store, lambda s: edits.set_fields(s, kind, key, values))
    assert raised == expected
    assert changed == expected  # each of them reads differently in some calendar


@pytest.mark.parametrize("case", list(UNSHOWN))
def test_a_field_no_event_shows_raises_nothing(demo_store: TourStore, case: str) -> None:
    kind, find, values = UNSHOWN[case]
    with demo_store.transaction() as session:
        key = find(session)
        tour_before = session.get_one(Tour, 1).revision
    raised, changed = observe(demo_store, lambda s: edits.set_fields(s, kind, key, values))
    assert raised == set() and changed == set()
    with demo_store.transaction() as session:
        assert session.get_one(Tour, 1).revision == tour_before + 1  # the tour did change


def _place_and_before(session: Session, place: int) -> tuple[set[int], set[int]]:
    """The items at or going to *place*, and those that may name one of them as next."""
    at = items_where(session, (AgendaItem.place_id == place)
                     | (AgendaItem.destination_id == place))
    before: set[int] = set()
    for start in session.scalars(select(AgendaItem.start).where(AgendaItem.place_id == place)):
        before |= items_where(session, AgendaItem.start < start,
                              AgendaItem.end >= start - NEXT_WITHIN)
    return at, before


@pytest.mark.parametrize("values", [{"name": "Renamed Venue"},
                                    {"address": "Neue Straße 1, 80331 München"},
                                    {"latitude": 48.15, "longitude": 11.60}])
def test_a_place_changed_raises_its_items_and_those_whose_next_leg_goes_there(
        demo_store: TourStore, values: dict[str, Any]) -> None:
    with demo_store.transaction() as session:
        place = int(session.execute(select(AgendaItem.place_id).where(
            AgendaItem.place_id.is_not(None), AgendaItem.kind == "meeting")
            .group_by(AgendaItem.place_id).order_by(func.count().desc(), AgendaItem.place_id))
            .scalars().first())
        at, before = _place_and_before(session, place)
    raised, changed = observe(demo_store, lambda s: edits.set_fields(s, "place", place, values))
    assert at <= raised <= at | before
    assert changed <= raised


def test_a_destination_renamed_raises_the_trips_going_there(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        place = session.scalars(select(AgendaItem.destination_id).where(
            AgendaItem.destination_id.is_not(None)).order_by(AgendaItem.id)).first()
        going = items_where(session, AgendaItem.destination_id == place)
        at, before = _place_and_before(session, place)
    raised, changed = observe(demo_store, lambda s: edits.set_fields(
        s, "place", place, {"name": "Renamed Terminal"}))
    assert going and going <= changed <= raised <= at | before


def test_the_travel_settings_raise_every_item_whose_travel_line_changed(
        demo_store: TourStore) -> None:
    raised, changed = observe(demo_store, lambda s: edits.set_fields(
        s, "tour", 1, {"travel_settings": {"city_speed_kmh": 9.0}}))
    assert changed and changed <= raised


def test_an_unshown_field_of_a_place_raises_nothing(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        place = session.scalars(select(AgendaItem.place_id).where(
            AgendaItem.place_id.is_not(None))).first()
    raised, _changed = observe(demo_store, lambda s: edits.set_fields(
        s, "place", place, {"notes": "Ring twice", "phone": "+49 30 0000"}))
    assert raised == set()


def _next_candidates(session: Session, key: int, *starts: Any) -> set[int]:
    found = {key}
    for start in starts:
        found |= items_where(session, AgendaItem.start < start,
                             AgendaItem.end >= start - NEXT_WITHIN)
    return found


@pytest.mark.parametrize("what", ["moved", "cancelled", "retitled", "deleted", "attendee off"])
def test_the_items_before_a_changed_item_are_raised_when_their_next_leg_changes(
        demo_store: TourStore, what: str) -> None:
    """The "Next: ... (travel ...)" line of an event names the next item: moving, cancelling,
    retitling or deleting it, or taking a traveller off it (her own calendar's next), raises
    the items before it."""
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Battery recycling and the energy transition")).one()
        key, start, end, uid = item.id, item.start, item.end, item.uid
        new_start = start + timedelta(minutes=40)
        allowed = _next_candidates(session, key, start, new_start)
        first = [t.id for t in item.attendees][:1]

    def change(s: Session) -> None:
        if what == "moved":
            edits.move_item(s, uid, new_start, end + timedelta(minutes=40))
        elif what == "cancelled":
            edits.set_fields(s, "item", key, {"status": ItemStatus.CANCELLED})
        elif what == "retitled":
            edits.set_fields(s, "item", key, {"title": "Battery recycling, revisited"})
        elif what == "deleted":
            edits.delete_record(s, "item", key)
        else:
            edits.set_fields(s, "item", key, {"attendees": first})

    raised, changed = observe(demo_store, change)
    assert changed - {key} <= raised
    assert raised <= allowed
    assert raised - {key}, "the item before it was not raised"
    if what in ("moved", "retitled", "cancelled", "deleted"):  # the whole delegation's meeting
        # Only the items whose text changes, not every item of the 12 hours before (moving
        # Process mining rewrote Venture clients and the lunch before it in the collections).
        assert raised - {key} == changed - {key}, (sorted(raised - changed), sorted(changed))


# --- the undo and redo of big edits -----------------------------------------------------------

def test_an_undo_of_a_host_renamed_in_a_recorded_change_raises_its_items(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        org = host(session)
        showing = items_where(session, AgendaItem.organisation_id == org)
        notes_only = items_where(session, AgendaItem.organisation_id != org)
        _, renamed = changes.record(session, lambda s: edits.set_fields(
            s, "organisation", org, {"name": "Renamed by an import"}))
        _, noted = changes.record(session, lambda s: edits.set_fields(
            s, "organisation", org, {"notes": "an import's note"}))
    for changeset in (noted, renamed):  # undone as the window's undo does, last first
        for undo in (True, False, True):
            raised, changed = observe(
                demo_store, lambda s, c=changeset, u=undo: changes.apply(s, c, undo=u))
            assert changed <= raised
            assert raised == (showing if changeset is renamed else set())
            assert not raised & notes_only


def test_an_undo_of_a_move_raises_the_items_before_it(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Battery recycling and the energy transition")).one()
        key, uid, start, end = item.id, item.uid, item.start, item.end
        later = start + timedelta(minutes=40)
        allowed = _next_candidates(session, key, start, later)
        _, moved = changes.record(session, lambda s: edits.move_item(
            s, uid, later, end + timedelta(minutes=40)))
    for undo in (True, False):
        raised, changed = observe(demo_store, lambda s, u=undo: changes.apply(s, moved, undo=u))
        assert key in raised and changed <= raised <= allowed
        assert raised - {key}


# --- two programs at once ---------------------------------------------------------------------

def _rename_or_note(barrier: Barrier, n: int, location: str, org: int, uid: str,
                    round_: int, results: Any) -> None:
    """Program 0 renames the host (its meetings' events change); program 1 edits one of its
    meetings. Both read the meeting first, then commit at once."""
    with TourStore.open(location) as store:
        with store.transaction() as session:
            item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
            assert item.revision >= 0
            barrier.wait(WAIT)
            if n == 0:
                session.get_one(Organisation, org).name = f"Renamed at once ({round_})"
            else:
                item.notes = f"edited at once ({round_})"
        results.put(item.revision)  # as this program's commit left it


def _linked_commits_never_share_a_revision(location: str | Path, rounds: int) -> None:
    with TourStore.open(location) as store, store.transaction() as session:
        org = host(session)
        uid = session.scalars(select(AgendaItem.uid).where(
            AgendaItem.organisation_id == org)).first()
    for round_ in range(rounds):
        with TourStore.open(location) as store, store.transaction() as session:
            before = session.scalars(select(AgendaItem.revision).where(
                AgendaItem.uid == uid)).one()
        results = CONTEXT.Queue()
        assert _together(_rename_or_note, str(location), org, uid, round_, results) == [0, 0]
        seen = sorted(results.get(timeout=WAIT) for _ in range(2))
        assert seen == [before + 1, before + 2], f"round {round_}"
        with TourStore.open(location) as store, store.transaction() as session:
            assert session.scalars(select(AgendaItem.revision).where(
                AgendaItem.uid == uid)).one() == before + 2


def test_a_host_renamed_while_its_meeting_is_edited_never_shares_a_sequence(
        demo_path: Path) -> None:
    _linked_commits_never_share_a_revision(demo_path, rounds=4)


def test_the_same_in_a_team_database(postgres_url: str, demo_path: Path,
                                     tmp_path: Path) -> None:
    exported = tmp_path / "demo.json"
    assert main(["export-json", str(demo_path), str(exported)], out=io.StringIO()) == 0
    assert main(["import-json", str(exported), postgres_url], out=io.StringIO()) == 0
    _linked_commits_never_share_a_revision(postgres_url, rounds=3)
