"""A traveller taken off an agenda item keeps a departure, so that her calendars cancel it:
whichever way she was taken off, and only she (issue 18, item 4)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from planner import changes, edits
from planner.cli import main
from planner.model import AgendaItem, ItemDeparture, ItemTombstone, Traveller
from planner.planning.proposal import Action, Change, PlanProposal
from planner.planning.tour import apply as apply_plan
from planner.planning.tour import propose
from planner.store import TourStore
from planner.tourdoc import TourDocumentError, export_document, import_document

TWO_COLLEAGUES = "Process mining for manufacturing"  # Takahashi and Yamamoto, not Sato


def traveller(session, name: str) -> Traveller:  # type: ignore[no-untyped-def]
    return session.scalars(select(Traveller).where(Traveller.name.contains(name))).one()


def item_named(session, title: str) -> AgendaItem:  # type: ignore[no-untyped-def]
    return session.scalars(select(AgendaItem).where(AgendaItem.title == title)).one()


def departures(store: TourStore) -> dict[tuple[str, str], int]:
    """(UID, traveller's name): the departure's revision."""
    with store.transaction() as session:
        names = {t.id: t.name for t in session.scalars(select(Traveller))}
        return {(d.uid, names[d.traveller_id]): d.revision
                for d in session.scalars(select(ItemDeparture))}


def revision_of(store: TourStore, uid: str) -> int:
    with store.transaction() as session:
        return session.scalars(select(AgendaItem.revision).where(AgendaItem.uid == uid)).one()


def test_the_item_editor_taking_her_off_leaves_her_a_departure_and_no_one_else(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        uid, before = item.uid, item.revision
        yamamoto = traveller(session, "Yamamoto")
        kept = [t.id for t in item.attendees if t.id != yamamoto.id]
        old = edits.set_fields(session, "item", item.id, {"attendees": kept}).value
    assert departures(demo_store) == {(uid, "Aiko Yamamoto"): before + 1}
    assert revision_of(demo_store, uid) == before + 1  # her cancel is the item's new SEQUENCE
    with demo_store.transaction() as session:
        gone = session.get_one(ItemDeparture, (uid, yamamoto.id))
        item = item_named(session, TWO_COLLEAGUES)
        assert (gone.title, gone.start, gone.end, gone.zone) == \
            (item.title, item.start, item.end, item.zone)
        assert gone.left_at.tzinfo is not None
        edits.restore_fields(session, "item", item.id, old)  # undo: she is back
    assert departures(demo_store) == {}  # nothing of hers to cancel any more
    assert revision_of(demo_store, uid) == before + 2
    with demo_store.transaction() as session:  # redo: cancelled above what the undo sent
        item = item_named(session, TWO_COLLEAGUES)
        edits.set_fields(session, "item", item.id, {"attendees": kept})
    assert departures(demo_store) == {(uid, "Aiko Yamamoto"): before + 3}


def test_the_command_line_set_taking_her_off_leaves_her_a_departure(demo_path: Path) -> None:
    out = io.StringIO()
    assert main(["set", str(demo_path), "item", TWO_COLLEAGUES, "attendees=Takahashi"],
                out=out) == 0, out.getvalue()
    with TourStore.open(demo_path) as store:
        with store.transaction() as session:
            uid = item_named(session, TWO_COLLEAGUES).uid
        assert departures(store) == {(uid, "Aiko Yamamoto"): revision_of(store, uid)}


def test_a_deleted_meeting_of_two_colleagues_leaves_departures_for_them_and_none_for_sato(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        uid, key, before = item.uid, item.id, item.revision
        removed = edits.delete_record(session, "item", key).value
    assert departures(demo_store) == {(uid, "Kenji Takahashi"): before + 1,
                                      (uid, "Aiko Yamamoto"): before + 1}
    with demo_store.transaction() as session:
        assert session.get_one(ItemTombstone, uid).revision == before + 1
        edits.restore_record(session, removed)
    assert departures(demo_store) == {}  # the restore takes back what its delete wrote
    assert revision_of(demo_store, uid) == before + 2


def test_a_restore_gives_back_the_departures_there_were_before_the_delete(
        demo_store: TourStore) -> None:
    """Yamamoto was taken off first; then the meeting was deleted (Takahashi's departure) and
    restored: Yamamoto's departure is as it was, Takahashi's is gone."""
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        uid, key = item.uid, item.id
        takahashi = traveller(session, "Takahashi")
        edits.set_fields(session, "item", key, {"attendees": [takahashi.id]})
    before = departures(demo_store)
    assert list(before) == [(uid, "Aiko Yamamoto")]
    with demo_store.transaction() as session:
        removed = edits.delete_record(session, "item", key).value
    assert departures(demo_store)[(uid, "Kenji Takahashi")] == revision_of_tombstone(
        demo_store, uid)
    with demo_store.transaction() as session:
        edits.restore_record(session, removed)
    assert departures(demo_store) == before
    assert revision_of(demo_store, uid) > before[(uid, "Aiko Yamamoto")]


def revision_of_tombstone(store: TourStore, uid: str) -> int:
    with store.transaction() as session:
        return session.get_one(ItemTombstone, uid).revision


def test_a_traveller_deleted_takes_her_departures_with_her_and_her_restore_brings_them_back(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        yamamoto = traveller(session, "Yamamoto")
        edits.set_fields(session, "item", item.id, {"attendees": [
            t.id for t in item.attendees if t.id != yamamoto.id]})
    before = departures(demo_store)
    assert before
    with demo_store.transaction() as session:
        removed = edits.delete_record(session, "traveller", yamamoto.id).value
    assert departures(demo_store) == {}
    with demo_store.transaction() as session:
        edits.restore_record(session, removed)
    assert departures(demo_store) == before


def test_planning_that_drops_a_meeting_leaves_departures_for_its_attendees(
        demo_store: TourStore) -> None:
    """A plan applied (as the planning dialog and ``ecovisit plan`` apply it) that drops the
    meeting of two colleagues: a departure for each of them, none for anyone else; undone,
    they are gone."""
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        uid, before = item.uid, item.revision
        drop = Change(Action.DROPPED, item.organisation_id or 0, "", item.start, item.end,
                      item.zone, (), (), uid=uid)
        _, changeset = changes.record(
            session, lambda s: apply_plan(s, PlanProposal(changes=(drop,))))
    assert departures(demo_store) == {(uid, "Kenji Takahashi"): before + 1,
                                      (uid, "Aiko Yamamoto"): before + 1}
    with demo_store.transaction() as session:
        changes.apply(session, changeset, undo=True)
    assert departures(demo_store) == {}
    assert revision_of(demo_store, uid) > before + 1
    with demo_store.transaction() as session:
        changes.apply(session, changeset, undo=False)
    found = departures(demo_store)
    assert set(found) == {(uid, "Kenji Takahashi"), (uid, "Aiko Yamamoto")}
    assert min(found.values()) == revision_of_tombstone(demo_store, uid) > before + 2


def test_an_undone_plan_cancels_its_meetings_for_their_attendees_only(
        clean_demo: Path) -> None:
    """A plan adds meetings for everyone; one traveller is taken off one of them; undoing the
    plan removes the meetings in SQL: each remaining attendee gets a departure above the
    version she had, the traveller taken off keeps hers, and a redo brings them back live for
    everyone it put on them, above every cancellation."""
    with TourStore.open(clean_demo) as store:
        with store.transaction() as session:
            for item in session.scalars(select(AgendaItem).where(
                    AgendaItem.kind == "meeting").limit(8)):
                session.delete(item)
        with store.session() as session:
            proposal = propose(session, seconds=30, max_iterations=200)
            _, changeset = changes.record(session, lambda s: apply_plan(s, proposal))
            session.commit()
        added = {row["uid"]: row["id"] for row in changeset.inserted["agenda_items"]}
        uid, key = sorted(added.items())[0]
        with store.transaction() as session:
            ito = traveller(session, "Ito")
            everyone = {t.name for t in session.scalars(select(Traveller))}
            edits.set_fields(session, "item", key, {"attendees": [
                t.id for t in session.get_one(AgendaItem, key).attendees if t.id != ito.id]})
        ito_left = departures(store)[(uid, "Takeshi Ito")]
        live = revision_of(store, uid)
        with store.transaction() as session:
            changes.apply(session, changeset, undo=True)
        found = departures(store)
        assert {name for u, name in found if u == uid} == everyone
        assert found[(uid, "Takeshi Ito")] == ito_left  # hers was written when she left
        for name in everyone - {"Takeshi Ito"}:
            assert found[(uid, name)] > live
        for other in added:  # every meeting of the plan is cancelled for all who had it
            assert {name for u, name in found if u == other} == everyone
        with store.transaction() as session:
            assert session.get_one(ItemTombstone, uid).revision > live
            changes.apply(session, changeset, undo=False)  # the plan as made: everyone on it
        assert {u for u, _name in departures(store)}.isdisjoint(added)  # all live again
        assert revision_of(store, uid) > max(v for (u, _n), v in found.items() if u == uid)
        with store.transaction() as session:
            assert session.scalars(select(ItemTombstone).where(
                ItemTombstone.uid.in_(added))).all() == []


def test_an_undo_taking_back_an_added_attendee_leaves_her_a_departure(
        demo_store: TourStore) -> None:
    """A recorded change (as an import or a plan) puts Sato on a meeting; its undo takes her
    off in SQL: she gets a departure above the version she had; the redo takes it back."""
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        uid, key = item.uid, item.id
        sato = traveller(session, "Sato")

        def add_sato(s) -> None:  # type: ignore[no-untyped-def]
            s.get_one(AgendaItem, key).attendees.append(s.get_one(Traveller, sato.id))

        _, changeset = changes.record(session, add_sato)
    had = revision_of(demo_store, uid)
    with demo_store.transaction() as session:
        changes.apply(session, changeset, undo=True)
    assert departures(demo_store) == {(uid, "Yumiko Sato"): revision_of(demo_store, uid)}
    assert revision_of(demo_store, uid) > had
    with demo_store.transaction() as session:
        changes.apply(session, changeset, undo=False)
    assert departures(demo_store) == {}
    with demo_store.transaction() as session:
        changes.apply(session, changeset, undo=True)
    [(left, revision)] = departures(demo_store).items()
    assert left == (uid, "Yumiko Sato") and revision == revision_of(demo_store, uid)


def test_a_directory_import_leaves_no_departure(demo_store: TourStore, tmp_path: Path) -> None:
    from planner.directory.fields import map_columns
    from planner.directory.importer import import_table
    from planner.directory.sources import read_table

    source = tmp_path / "contacts.csv"
    source.write_text("organisation,city,country,kind,contact\n"
                      "Celonis,Munich,DE,scaleup,Anna Becker\n", encoding="utf-8")
    table = read_table(source)
    with demo_store.transaction() as session:
        _, changeset = changes.record(
            session, lambda s: import_table(s, table, map_columns(table.columns)))
        changes.apply(session, changeset, undo=True)
        changes.apply(session, changeset, undo=False)
    assert departures(demo_store) == {}


# --- the tour document -------------------------------------------------------------------------

def test_departures_go_through_the_tour_document(demo_store: TourStore, tmp_path: Path) -> None:
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        edits.set_fields(session, "item", item.id, {"attendees": []})
        document = export_document(session)
    assert {d["traveller"] for d in document["departures"]} == {1, 4}
    copy = tmp_path / "copy.ecovisit"
    from planner.store import create_tour_file

    create_tour_file(copy, lambda s: import_document(json.loads(json.dumps(document)), s))
    with TourStore.open(copy) as store:
        assert departures(store) == departures(demo_store)


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d["departures"].append(dict(d["departures"][0])), "the same uid and traveller"),
    (lambda d: d["departures"][0].update(traveller=99), "not in the document"),
    (lambda d: d["departures"][0].update(end=d["departures"][0]["start"]), "after start"),
])
def test_a_bad_departure_in_a_document_is_named(demo_store: TourStore, tmp_path: Path,
                                                change, words: str) -> None:  # type: ignore[no-untyped-def]
    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        edits.set_fields(session, "item", item.id, {"attendees": []})
        document = json.loads(json.dumps(export_document(session)))
    change(document)
    from planner.store import create_tour_file

    with pytest.raises(TourDocumentError, match=r"\$\.departures") as raised:
        create_tour_file(tmp_path / "bad.ecovisit", lambda s: import_document(document, s))
    assert words in str(raised.value)
    assert not (tmp_path / "bad.ecovisit").exists()


def test_a_departure_left_from_before_is_raised_not_doubled(demo_store: TourStore) -> None:
    """She was taken off, then put back past the bookkeeping (another version of Ecovisit, a
    database tool): taken off again, her one departure cancels the newest version."""
    from planner.model import item_attendees

    with demo_store.transaction() as session:
        item = item_named(session, TWO_COLLEAGUES)
        uid, key = item.uid, item.id
        yamamoto = traveller(session, "Yamamoto").id
        edits.set_fields(session, "item", key, {"attendees": [
            t.id for t in item.attendees if t.id != yamamoto]})
    with demo_store.transaction() as session:
        session.execute(item_attendees.insert().values(item_id=key, traveller_id=yamamoto))
    first = departures(demo_store)[(uid, "Aiko Yamamoto")]
    with demo_store.transaction() as session:
        item = session.get_one(AgendaItem, key)
        assert session.get_one(ItemDeparture, (uid, yamamoto)).revision == first  # loaded
        edits.set_fields(session, "item", key, {"attendees": [
            t.id for t in item.attendees if t.id != yamamoto]})
    assert departures(demo_store) == {(uid, "Aiko Yamamoto"): revision_of(demo_store, uid)}
    assert revision_of(demo_store, uid) > first


def _take_off(barrier, n: int, location: str, uid: str, names: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Each program takes its own traveller off the same meeting, at the same moment."""
    with TourStore.open(location) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
        leaving = traveller(session, names[n]).id
        kept = [t.id for t in item.attendees if t.id != leaving]
        barrier.wait(60)
        edits.set_fields(session, "item", item.id, {"attendees": kept})


def test_two_programs_taking_two_travellers_off_at_once_give_each_her_own_cancellation(
        demo_path: Path) -> None:
    from tests.planner.test_concurrency import _together

    with TourStore.open(demo_path) as store:
        with store.transaction() as session:
            uid = item_named(session, TWO_COLLEAGUES).uid
        before = revision_of(store, uid)
        assert _together(_take_off, str(demo_path), uid, ("Takahashi", "Yamamoto")) == [0, 0]
        found = departures(store)
        assert set(found) == {(uid, "Kenji Takahashi"), (uid, "Aiko Yamamoto")}
        assert sorted(found.values()) == [before + 1, before + 2]  # never one SEQUENCE twice
        assert revision_of(store, uid) == before + 2
        with store.transaction() as session:
            assert item_named(session, TWO_COLLEAGUES).attendees == []
