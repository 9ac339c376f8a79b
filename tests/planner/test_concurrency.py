"""Two programs writing one tour at the same moment: nothing doubled, no revision lost.

Real processes (forked, released together by a barrier so that they collide every time) run the
command line's ``import-contacts`` on the same new organisations, or commit an edit to the same
agenda item, on a tour file and on a PostgreSQL team database.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from planner.cli import main
from planner.directory import importer
from planner.geo.gazetteer import gazetteer
from planner.geo.zones import zone_at
from planner.model import AgendaItem, ItemTombstone, Organisation, Tour
from planner.store import TourStore

#: fork: the children start at once, with this module already imported (no second start-up).
CONTEXT = multiprocessing.get_context("fork")
ROUNDS = 10
#: Names no two of which the import takes for one organisation (it merges similar names).
WORDS = ("Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
         "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo",
         "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu", "Amber",
         "Basalt", "Cobalt", "Dune")
WAIT = 60
#: How long an import that has read the tour waits for the other to have read it too.
READ_WAIT = 0.75


def _together(target: Callable[..., None], *args: Any, processes: int = 2) -> list[int]:
    """Run *target(barrier, n, \\*args)* in *processes* processes released at one moment; their
    exit codes."""
    barrier = CONTEXT.Barrier(processes)
    children = [CONTEXT.Process(target=target, args=(barrier, n, *args))
                for n in range(processes)]
    for child in children:
        child.start()
    for child in children:
        child.join(WAIT)
        if child.is_alive():
            child.kill()
    return [child.exitcode if child.exitcode is not None else -9 for child in children]


def _import_contacts(barrier: Barrier, _n: int, tour: str, source: str, read: Barrier) -> None:
    """``ecovisit import-contacts``, which, once it has read the organisations already there,
    waits a moment for the other process to have read them too: without the write lock both
    always read the tour before either adds a row (the race is lost every time, not by luck);
    with it, the other process cannot read yet, and this one goes on alone after the moment."""
    known = importer._Directory.__init__

    def read_then_wait(directory: Any, session: Any) -> None:
        known(directory, session)
        with contextlib.suppress(threading.BrokenBarrierError):
            read.wait(READ_WAIT)

    importer._Directory.__init__ = read_then_wait  # type: ignore[method-assign]
    barrier.wait(WAIT)
    raise SystemExit(main(["import-contacts", tour, source], out=io.StringIO()))


def _organisations(location: str | Path, names: list[str]) -> dict[str, int]:
    with TourStore.open(location) as store, store.transaction() as session:
        rows = session.execute(select(Organisation.name, func.count())
                               .where(Organisation.name.in_(names))
                               .group_by(Organisation.name))
        return {name: count for name, count in rows}


def _imports_never_double(location: str | Path, folder: Path) -> None:
    # The gazetteer's index and the time zones loaded here, once, not in every child.
    gazetteer().lookup("Berlin", None)
    zone_at(52.52, 13.40)
    for round_ in range(ROUNDS):
        names = [f"{word} Energy" for word in WORDS[3 * round_:3 * round_ + 3]]
        source = folder / f"round-{round_}.csv"
        source.write_text("Company,City,Email\n" + "".join(
            f"{name},{city},info{n}@energy{round_}.example\n"
            for n, (name, city) in enumerate(zip(names, ["Berlin", "Munich", "Berlin"],
                                                 strict=True))), encoding="utf-8")
        codes = _together(_import_contacts, str(location), str(source), CONTEXT.Barrier(2))
        assert codes == [0, 0], f"round {round_}: exit codes {codes}"
        assert _organisations(location, names) == dict.fromkeys(names, 1), f"round {round_}"


def test_two_imports_of_the_same_organisations_at_once_add_them_once(
        demo_path: Path, tmp_path: Path) -> None:
    _imports_never_double(demo_path, tmp_path)


def test_two_imports_at_once_into_a_team_database_add_them_once(
        postgres_url: str, demo_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "demo.json"
    assert main(["export-json", str(demo_path), str(exported)], out=io.StringIO()) == 0
    assert main(["import-json", str(exported), postgres_url], out=io.StringIO()) == 0
    _imports_never_double(postgres_url, tmp_path)


# --- revisions --------------------------------------------------------------------------------
def _edit_item(barrier: Barrier, n: int, location: str, uid: str,
               results: Any) -> None:
    """Read the item and the tour, wait for the other process to have read them too, then
    change the item: both commits start from the same revisions."""
    with TourStore.open(location) as store:
        with store.transaction() as session:
            item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
            tour = session.get(Tour, 1)
            assert tour is not None and item.revision >= 0 and tour.revision >= 0
            barrier.wait(WAIT)
            item.notes = f"written by process {n} at revision {item.revision}"
        results.put((item.revision, tour.revision))  # as read back after the commit


def _revisions(location: str | Path, uid: str) -> tuple[int, int]:
    with TourStore.open(location) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
        return item.revision, session.get_one(Tour, 1).revision


def _some_item(location: str | Path) -> str:
    with TourStore.open(location) as store, store.transaction() as session:
        return session.scalars(select(AgendaItem.uid).order_by(AgendaItem.id)).first() or ""


def _commits_never_lose_a_revision(location: str | Path, rounds: int) -> None:
    uid = _some_item(location)
    assert uid
    for round_ in range(rounds):
        item_before, tour_before = _revisions(location, uid)
        results = CONTEXT.Queue()
        assert _together(_edit_item, str(location), uid, results) == [0, 0], f"round {round_}"
        seen = sorted(results.get(timeout=WAIT) for _ in range(2))
        assert _revisions(location, uid) == (item_before + 2, tour_before + 2), f"round {round_}"
        # Each program read back the revision its own commit gave: one each, none shared.
        assert [item for item, _tour in seen] == [item_before + 1, item_before + 2]
        assert [tour for _item, tour in seen] == [tour_before + 1, tour_before + 2]


def test_two_commits_at_once_raise_the_revisions_by_two(demo_path: Path) -> None:
    _commits_never_lose_a_revision(demo_path, rounds=5)


def test_two_commits_at_once_in_a_team_database_raise_the_revisions_by_two(
        postgres_url: str, demo_path: Path, tmp_path: Path) -> None:
    exported = tmp_path / "demo.json"
    assert main(["export-json", str(demo_path), str(exported)], out=io.StringIO()) == 0
    assert main(["import-json", str(exported), postgres_url], out=io.StringIO()) == 0
    _commits_never_lose_a_revision(postgres_url, rounds=5)


def _edit_or_delete(barrier: Barrier, n: int, location: str, uid: str) -> None:
    with TourStore.open(location) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one()
        barrier.wait(WAIT)
        if n == 0:
            item.notes = "changed while another deletes it"
        else:
            session.delete(item)


def test_a_deleted_item_is_cancelled_above_every_version_sent(demo_path: Path) -> None:
    """An edit and a delete of one item at once: the tombstone's SEQUENCE is above every
    revision any commit gave the item, whichever program went first."""
    for round_ in range(4):
        uid = _some_item(demo_path)
        before, _tour = _revisions(demo_path, uid)
        codes = _together(_edit_or_delete, str(demo_path), uid)
        assert codes[1] == 0, f"round {round_}: the delete failed"
        with TourStore.open(demo_path) as store, store.transaction() as session:
            stone = session.get_one(ItemTombstone, uid)
            assert session.scalar(select(AgendaItem).where(AgendaItem.uid == uid)) is None
        # The edit committed first (its revision before + 1, cancelled by before + 2), or the
        # delete did (before + 1) and the edit found nothing left to change.
        assert (codes[0], stone.revision) in ((0, before + 2), (1, before + 1)), \
            f"round {round_}: edit exit {codes[0]}, tombstone {stone.revision}, was {before}"
