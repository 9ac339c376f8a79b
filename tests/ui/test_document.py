"""The document keeps the window's picture of the tour right in the awkward moments: a cancel
that comes after the work was done, an undone delete, an edit while a full check runs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from planner.model import AgendaItem, Organisation
from planner.store import TourStore
from tests.ui.test_import_and_planning import checked_import
from ui import commands, document
from ui.mainwindow import MainWindow

DINNER = "Bavarian dinner"


def stored_count(path: Path, query: Any) -> int:
    with TourStore.open(path) as store, store.transaction() as session:
        return int(session.execute(query).scalar_one())


def item_key(window: MainWindow, title: str) -> tuple[int, str]:
    item = next(i for i in window.agenda_model.all_items() if i.title == title)
    return item.id, item.uid


def test_an_import_cancelled_too_late_is_shown_and_undoable(
        qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path) -> None:
    dialog = checked_import(qtbot, window, tmp_path)
    with qtbot.waitSignal(window.operations.idle, timeout=60_000):
        dialog.import_button.click()
        window.operations.cancel_all()  # the status bar's Cancel, once the import is under way
    organisations = select(func.count()).select_from(Organisation)
    in_file = stored_count(demo_path, organisations)
    assert in_file == 32  # the import had no point left to stop at: it was made...
    assert window.models["organisation"].rowCount() == in_file  # ...so it is shown...
    assert window.document.undo_stack.canUndo()  # type: ignore[union-attr]  # ...and undoable
    window.undo_action.trigger()
    assert stored_count(demo_path, organisations) == 30


def test_an_item_brought_back_by_undo_can_be_edited_again(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    from ui.dialogs.item import ItemDialog

    key, uid = item_key(window, DINNER)
    doc = window.document
    assert doc is not None
    assert commands.execute(commands.DeleteRecord(doc, "item", key, DINNER))
    assert uid not in doc.plan.items
    doc.undo_stack.undo()
    assert doc.item_key(uid) == key and uid in doc.plan.items
    assert not doc.checking  # bringing an item back is no change to the tour as a whole
    dialog = ItemDialog(doc, uid, window)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == DINNER


def test_a_delete_while_a_full_check_runs_is_not_forgotten(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check reads the tour, then the dinner is deleted, then the check lands: the
    dinner must not come back from the check's older snapshot."""
    read, go_on = threading.Event(), threading.Event()
    real = document.full_check

    def held(store: Any, today: Any, progress: Any = None) -> Any:
        checker = real(store, today, progress)  # the snapshot holds the dinner
        read.set()
        assert go_on.wait(30)
        return checker

    monkeypatch.setattr(document, "full_check", held)
    doc = window.document
    assert doc is not None
    key, uid = item_key(window, DINNER)
    doc.check_everything()
    assert read.wait(30)
    assert commands.execute(commands.DeleteRecord(doc, "item", key, DINNER))
    with qtbot.waitSignal(window.findings_shown, timeout=30_000):
        go_on.set()
    assert uid not in doc.plan.items
    assert doc.checker is not None and uid not in doc.checker.plan.items
    assert all(uid not in finding.items for finding in doc.findings)
    assert doc.item_key(uid) is None
    with TourStore.open(Path(doc.store.location)) as store, store.transaction() as session:
        assert session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).first() is None


def test_opening_reads_only_the_records_a_model_shows(demo_path: Path) -> None:
    """Every stay and every host's slot (with its organisation) was read at each open and
    thrown away; the open reads the kinds the window's lists and agenda show, and edits still
    announce every kind."""
    with TourStore.open(demo_path) as store:
        contents = document.read_contents(store)
    assert set(contents.records) == {"organisation", "contact", "traveller", "goal", "place",
                                     "item"}
    assert all(contents.records[kind] for kind in contents.records)  # the demo has them all
    assert {"stay", "availability"} <= set(document.LISTED)


def test_an_item_is_found_by_its_uid_after_adds_undo_redo_and_another_programs_edits(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    from planner import edits

    doc = window.document
    assert doc is not None
    window.outside_timer.stop()  # only check_outside looks
    for item in window.agenda_model.all_items():
        assert doc.item_key(item.uid) == item.id and doc.uid_of(item.id) == item.uid
    key, uid = item_key(window, DINNER)
    duplicate = commands.DuplicateItem(doc, key, DINNER)
    assert commands.execute(duplicate) and duplicate.key is not None
    copy = duplicate.key
    copy_uid = doc.uid_of(copy)
    assert copy_uid is not None and copy_uid != uid and doc.item_key(copy_uid) == copy
    doc.undo_stack.undo()
    assert doc.item_key(copy_uid) is None and doc.uid_of(copy) is None
    doc.undo_stack.redo()  # the same record under the same key
    assert doc.item_key(copy_uid) == copy and doc.item_key(uid) == key
    # another program takes the copy away and makes a copy of its own
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.delete_record(session, "item", copy)
        theirs = edits.duplicate_item(session, key, None).value
        their_uid = session.get(AgendaItem, theirs).uid  # type: ignore[union-attr]
    with qtbot.waitSignal(doc.changed_outside, timeout=10_000):
        assert window.check_outside()
    # (SQLite may give their copy the key ours had: the key then names their item)
    assert doc.item_key(copy_uid) is None and doc.uid_of(theirs) == their_uid
    assert doc.item_key(their_uid) == theirs and doc.item_key(uid) == key
