"""Big edits (an import, a plan) recorded as row images: undo gives back the tour as it was,
redo the tour as the edit left it, and revisions only go up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner import changes
from planner.directory.fields import map_columns
from planner.directory.importer import import_table
from planner.directory.sources import read_table
from planner.model import AgendaItem, Base, ItemDeparture, ItemKind, ItemTombstone, Tour
from planner.planning.tour import apply as apply_plan
from planner.planning.tour import propose
from planner.store import TourStore

CSV = """organisation,city,country,kind,contact,email,topics
Neue Mobilität GmbH,Munich,DE,startup,Jana Novak,jana@neue.example,mobility; batteries
Celonis,Munich,DE,scaleup,Anna Becker,anna@celonis.example,process mining
Station F,Paris,FR,hub,,,
"""


#: The calendars' books: an undo writes cancellations too (of what it takes away).
BOOKS = ("tour", "item_tombstones", "item_departures")


def rows(store: TourStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table except the tour's own and the calendars' books, revisions left
    out."""
    with store.transaction() as session:
        found = {}
        for table in Base.metadata.sorted_tables:
            if table.name in BOOKS:
                continue
            columns = [c for c in table.columns if c.name != "revision"]
            found[table.name] = sorted((tuple(r) for r in session.execute(select(*columns))),
                                       key=repr)
        return found


def revisions(store: TourStore) -> dict[str, int]:
    with store.transaction() as session:
        items = {uid: rev for uid, rev in session.execute(
            select(AgendaItem.uid, AgendaItem.revision))}
        tour = session.get(Tour, 1)
        assert tour is not None
        return {**items, "tour": tour.revision}


def test_an_import_is_undone_and_redone_as_one_change(demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(CSV, encoding="utf-8")
    table = read_table(source)
    with TourStore.open(demo_path) as store:
        before = rows(store)
        with store.transaction() as session:
            report, changeset = changes.record(
                session, lambda s: import_table(s, table, map_columns(table.columns)))
        assert len(report.added) == 1 and len(report.merged) >= 1
        after = rows(store)
        assert after != before
        assert set(changeset.inserted) >= {"organisations", "contacts", "places"}
        assert "organisations" in changeset.updated or "contacts" in changeset.inserted
        with store.transaction() as session:
            changes.apply(session, changeset, undo=True)
        assert rows(store) == before
        with store.transaction() as session:
            changes.apply(session, changeset, undo=False)
        assert rows(store) == after
        with store.transaction() as session:
            assert changes.touched(changeset, session).of("organisation")


def test_a_plan_is_undone_in_one_step_and_calendars_see_higher_revisions(
        clean_demo: Path) -> None:
    with TourStore.open(clean_demo) as store:
        with store.transaction() as session:  # a plan with gaps to fill
            for item in session.scalars(select(AgendaItem).where(
                    AgendaItem.kind == ItemKind.MEETING).limit(8)):
                session.delete(item)
        before, revisions_before = rows(store), revisions(store)
        with store.session() as session:
            proposal = propose(session, seconds=60, max_iterations=300)
            assert proposal.changes
            _, changeset = changes.record(session, lambda s: apply_plan(s, proposal))
            session.commit()
        after, revisions_after = rows(store), revisions(store)
        assert after != before
        with store.transaction() as session:
            changes.apply(session, changeset, undo=True)
        assert rows(store) == before
        undone = revisions(store)
        assert undone["tour"] > revisions_after["tour"]
        for uid, revision in undone.items():  # nothing goes back to an older SEQUENCE
            assert revision >= max(revisions_before.get(uid, 0), revisions_after.get(uid, 0))
        moved = [uid for uid in revisions_after if uid in revisions_before
                 and revisions_after[uid] != revisions_before[uid]]
        for uid in moved:  # what the plan changed and the undo changed back: calendars update
            assert undone[uid] > revisions_after[uid]
        added = revisions_after.keys() - revisions_before.keys()  # the plan's new meetings
        assert added
        with store.transaction() as session:  # the undo cancels them in every calendar
            stones = {s.uid: s.revision for s in session.scalars(select(ItemTombstone))}
            assert {uid: stones.get(uid, -1) > revisions_after[uid] for uid in added} == \
                dict.fromkeys(added, True)
            left = {d.uid for d in session.scalars(select(ItemDeparture))}
            assert added <= left  # and in the calendar of each of their attendees
            assert not stones.keys() & undone.keys()  # nothing live is cancelled
        with store.transaction() as session:
            changes.apply(session, changeset, undo=False)
        assert rows(store) == after
        redone = revisions(store)
        with store.transaction() as session:
            stones = {s.uid: s.revision for s in session.scalars(select(ItemTombstone))}
        assert not stones.keys() & redone.keys()  # the meetings the redo brought back
        for uid in added:
            assert redone[uid] > revisions_after[uid]
        brought_back = [uid for uid in stones if uid in undone]  # items the plan dropped
        for uid in brought_back:  # the cancellation outranks the version the undo published
            assert stones[uid] > undone[uid]


def test_an_empty_change_records_nothing(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        result, changeset = changes.record(session, lambda s: 42)
    assert result == 42 and not changeset


def test_a_recorded_change_names_the_meetings_of_a_host_whose_slots_it_changed(
        demo_store: TourStore, tmp_path: Path) -> None:
    """A host's slots replaced from .ics (and its undo) re-check that host's meetings: the
    findings 'outside the host's availability' must not go stale."""
    from planner.calendar.availability import import_availability
    from planner.model import Organisation
    from planner.queries import load_tour

    slots = tmp_path / "slots.ics"
    slots.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
                     "BEGIN:VFREEBUSY\r\nUID:s@h\r\nDTSTAMP:20270101T000000Z\r\n"
                     "FREEBUSY;FBTYPE=FREE:20270511T080000Z/20270511T100000Z\r\n"
                     "END:VFREEBUSY\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    with demo_store.transaction() as session:
        host = session.scalars(select(Organisation).where(Organisation.name == "Celonis")).one()
        meetings = set(session.scalars(select(AgendaItem.id).where(
            AgendaItem.organisation_id == host.id)))
        assert meetings
        _report, changeset = changes.record(
            session, lambda s: import_availability(s, host, load_tour(s), slots))
        assert changes.touched(changeset, session).of("item") >= meetings
        changes.apply(session, changeset, undo=True)
        assert changes.touched(changeset, session).of("item") >= meetings
