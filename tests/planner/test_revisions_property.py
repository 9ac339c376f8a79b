"""Any sequence of edits, undos and redos keeps the calendars' promise (issue 18, items 4 and
5): a SEQUENCE never goes down; an event that leaves a traveller's calendar (she is taken off,
or the item is deleted) is cancelled there above every version she was sent; an item that
leaves the tour is cancelled above every version anyone was sent."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import changes, edits
from planner.model import AgendaItem, ItemDeparture, ItemTombstone, Tour, Traveller
from planner.store import TourStore

Undo = Callable[[Session], Any]
Step = tuple[str, int, int]

STEPS = st.lists(st.tuples(
    st.sampled_from(["off", "on", "move", "rename host", "delete", "bulk off", "bulk move",
                     "undo", "undo", "redo"]),
    st.integers(0, 40), st.integers(0, 4)), min_size=1, max_size=8)


class Books:
    """What every calendar has been sent so far, and the checks of what it holds now."""

    def __init__(self) -> None:
        self.tour = 0
        self.seen: dict[str, int] = {}  # UID: the highest SEQUENCE sent in the tour's file
        self.hers: dict[tuple[str, int], int] = {}  # (UID, traveller): hers
        self.shown: dict[str, tuple[int, tuple[Any, ...]]] = {}  # UID: (SEQUENCE, what showed)

    def check(self, session: Session, step: int) -> None:
        tour = session.get_one(Tour, 1).revision
        assert tour >= self.tour, f"step {step}: the tour's revision went down"
        self.tour = tour
        live = {i.uid: i for i in session.scalars(select(AgendaItem))}
        stones = {s.uid: s.revision for s in session.scalars(select(ItemTombstone))}
        left = {(d.uid, d.traveller_id): d.revision
                for d in session.scalars(select(ItemDeparture))}
        for uid, sent in self.seen.items():
            if uid in live:
                assert live[uid].revision >= sent, f"step {step}: {uid} went down"
            else:
                assert stones.get(uid, -1) > sent, f"step {step}: {uid} gone, not cancelled"
        attending = {(i.uid, t.id) for i in live.values() for t in i.attendees}
        for (uid, who), sent in self.hers.items():
            if (uid, who) in attending:
                assert live[uid].revision >= sent, f"step {step}: {uid} went down for {who}"
            else:
                assert left.get((uid, who), -1) > sent, \
                    f"step {step}: {uid} left {who}'s calendar without a cancellation"
        for uid, item in live.items():
            shows = _shows(item)
            if uid in self.shown and self.shown[uid][1] != shows:
                assert item.revision > self.shown[uid][0], \
                    f"step {step}: {uid} shows something else at the same SEQUENCE"
            self.shown[uid] = (item.revision, shows)
            self.seen[uid] = max(self.seen.get(uid, 0), item.revision)
        for uid, who in attending:
            self.hers[(uid, who)] = max(self.hers.get((uid, who), 0), live[uid].revision)


def _shows(item: AgendaItem) -> tuple[Any, ...]:
    """Some of what an item's event shows: its time, title, status, host's name, attendees."""
    host = item.organisation.name if item.organisation is not None else None
    return (item.start, item.end, item.title, item.status, host,
            tuple(sorted(t.name for t in item.attendees)))


def _items(session: Session) -> list[AgendaItem]:
    return list(session.scalars(select(AgendaItem).order_by(AgendaItem.id)))


def _do(session: Session, what: str, n: int, who: int) -> tuple[Undo, Undo] | None:
    """Make one edit; what undoes and redoes it (None: nothing to do)."""
    items = _items(session)
    if not items:
        return None
    item = items[n % len(items)]
    people = list(session.scalars(select(Traveller).order_by(Traveller.id)))
    person = people[who % len(people)]
    attendees = [t.id for t in item.attendees]
    if what in ("off", "on"):
        wanted = [t for t in attendees if t != person.id] if what == "off" \
            else [*attendees, person.id]
        done = edits.set_fields(session, "item", item.id, {"attendees": wanted})
        key, old = item.id, done.value
        return (lambda s: edits.restore_fields(s, "item", key, old),
                lambda s: edits.set_fields(s, "item", key, {"attendees": wanted}))
    if what == "move":
        uid, start, end = item.uid, item.start, item.end
        later = (start + timedelta(minutes=35), end + timedelta(minutes=35))
        edits.move_item(session, uid, *later)
        return (lambda s: edits.move_item(s, uid, start, end),
                lambda s: edits.move_item(s, uid, *later))
    if what == "rename host":
        if item.organisation_id is None:
            return None
        org, name = item.organisation_id, f"Host {n}-{who}"
        old = edits.set_fields(session, "organisation", org, {"name": name}).value
        return (lambda s: edits.restore_fields(s, "organisation", org, old),
                lambda s: edits.set_fields(s, "organisation", org, {"name": name}))
    if what == "delete":
        removed = [edits.delete_record(session, "item", item.id).value]

        def restore(s: Session) -> None:
            edits.restore_record(s, removed[0])

        def again(s: Session) -> None:
            removed[0] = edits.delete_record(s, "item", removed[0].key).value

        return restore, again
    key = item.id  # a big edit (an import, a plan): recorded rows, undone in SQL

    def bulk(s: Session) -> None:
        found = s.get_one(AgendaItem, key)
        if what == "bulk off":
            found.attendees = [t for t in found.attendees if t.id != person.id]
        else:
            found.start += timedelta(minutes=20)
            found.end += timedelta(minutes=20)

    _, changeset = changes.record(session, bulk)
    return (lambda s: changes.apply(s, changeset, undo=True),
            lambda s: changes.apply(s, changeset, undo=False))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=STEPS)
def test_any_edits_undos_and_redos_keep_the_calendars_promise(
        steps: list[Step], demo_master: Path, tmp_path: Path) -> None:
    path = tmp_path / "tour.ecovisit"
    shutil.copyfile(demo_master, path)
    books = Books()
    undo: list[tuple[Undo, Undo]] = []
    redo: list[tuple[Undo, Undo]] = []
    with TourStore.open(path) as store:
        with store.transaction() as session:
            books.check(session, 0)
        for number, (what, n, who) in enumerate(steps, start=1):
            with store.transaction() as session:
                if what == "undo":
                    if undo:
                        pair = undo.pop()
                        pair[0](session)
                        redo.append(pair)
                elif what == "redo":
                    if redo:
                        pair = redo.pop()
                        pair[1](session)
                        undo.append(pair)
                else:
                    done = _do(session, what, n, who)
                    if done is not None:
                        undo.append(done)
                        redo.clear()
            with store.transaction() as session:
                books.check(session, number)
