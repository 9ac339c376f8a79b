"""Backups in the window (issue 15, items 8 and 9): taken on a worker after edits, listed by
File > Restore from Backup… with date, revision and item count, restored as one step; a damaged
tour is refused with the offer to restore its newest good backup or to rescue it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from planner import backups
from tests.ui.conftest import screenshot
from ui import commands
from ui.dialogs.restore import RestoreDialog
from ui.mainwindow import MainWindow

DINNER = "Bavarian dinner"


def dinner(window: MainWindow) -> tuple[int, str]:
    item = next(i for i in window.agenda_model.all_items() if "dinner" in i.title.lower()
                and i.title != "Welcome dinner and tour briefing")
    return item.id, item.title


def titles(window: MainWindow) -> set[str]:
    return {item.title for item in window.agenda_model.all_items()}


def test_an_edit_takes_the_days_backup_in_the_background(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    doc = window.document
    assert doc is not None
    assert backups.list_backups(demo_path) == []
    key, title = dinner(window)
    with qtbot.waitSignal(window.operations.idle, timeout=30_000):
        assert commands.execute(commands.SetField(doc, "item", key, "title", "Renamed", title))
    taken = backups.list_backups(demo_path)
    assert len(taken) == 1 and taken[0].good and taken[0].revision == doc.tour.revision
    # the next edits within the minute do not even ask; none is due before tomorrow anyway
    assert commands.execute(commands.SetField(doc, "item", key, "title", "Again", "Renamed"))
    window._backup_tried = 0.0
    with qtbot.waitSignal(window.operations.idle, timeout=30_000):
        assert commands.execute(commands.SetField(doc, "item", key, "title", "Third", "Again"))
    assert len(backups.list_backups(demo_path)) == 1


def test_restore_from_backup_lists_them_and_brings_one_back_as_one_step(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    doc = window.document
    assert doc is not None
    first = backups.take_backup(demo_path)
    key, title = dinner(window)
    assert commands.execute(commands.SetField(doc, "item", key, "title", "Changed my mind",
                                              title))
    window.restore_action.trigger()
    dialog = window.findChild(RestoreDialog)
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=30_000)
    cells = [dialog.table.item(0, c) for c in range(dialog.COLUMNS)]
    row = [cell.text() if cell is not None else "" for cell in cells]
    assert row[0] == first.taken.astimezone().strftime("%Y-%m-%d %H:%M")
    assert row[1] == str(first.revision) and row[2] == str(first.items) and row[3] == "good"
    assert int(row[2]) == len(window.agenda_model.all_items())
    assert dialog.restore_button.isEnabled()
    screenshot(dialog, "restore-from-backup.png")
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        dialog.restore_button.click()
    assert window.document is not None and window.document is not doc
    assert title in titles(window) and "Changed my mind" not in titles(window)
    assert not window.document.undo_stack.canUndo()  # the history described another state
    assert "Restored the backup of" in window.last_message
    # the tour as it was (with the change) is kept among the backups
    kept = [b for b in backups.list_backups(demo_path) if b.replaced]
    assert len(kept) == 1 and kept[0].good


def test_a_backup_is_not_restored_while_another_program_has_the_tour_open(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    backups.take_backup(demo_path)
    other = sqlite3.connect(demo_path)  # another program, in a transaction
    other.execute("BEGIN IMMEDIATE")
    try:
        window.restore_action.trigger()
        dialog = window.findChild(RestoreDialog)
        assert isinstance(dialog, RestoreDialog)
        qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=30_000)
        with qtbot.waitSignal(window.tour_opened, timeout=30_000):
            dialog.restore_button.click()  # refused; the tour opens again as it was
    finally:
        other.rollback()
        other.close()
    assert "open in another program" in window.last_message
    assert window.document is not None


def _damage(path: Path) -> None:
    """Overwrite the first page of the contacts' table, which opening a tour reads (the file's
    header stays whole). A page merely in the middle of the file may belong to a table or an
    index opening never reads, as the schema grows."""
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        root = reader.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contacts'"
                              ).fetchone()[0]
    finally:
        reader.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    start = (root - 1) * page
    data[start + 8: start + 200] = bytes(range(192))
    path.write_bytes(bytes(data))


def _refused(qtbot: QtBot, path: Path) -> tuple[MainWindow, QMessageBox]:
    """A window asked to open *path* once damaged, and the box it answers with."""
    _damage(path)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_tour(str(path))
    qtbot.waitUntil(lambda: window.repair_box is not None, timeout=30_000)
    assert isinstance(window.repair_box, QMessageBox)
    return window, window.repair_box


def test_a_damaged_tour_is_refused_with_the_offer_to_restore_its_newest_backup(
        qtbot: QtBot, demo_path: Path) -> None:
    good = backups.take_backup(demo_path)
    window, box = _refused(qtbot, demo_path)
    assert box.text().startswith("demo.ecovisit is damaged")
    assert str(demo_path) in box.detailedText() and "tree page" in box.detailedText()
    assert f"revision {good.revision}" in box.informativeText()
    screenshot(box, "damaged-tour-offer.png")
    restore = box.findChild(QPushButton, "restoreNewest")
    assert isinstance(restore, QPushButton)
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        restore.click()
    assert window.document is not None
    assert len(window.agenda_model.all_items()) == good.items
    damaged = [b for b in backups.list_backups(demo_path) if b.replaced]
    assert len(damaged) == 1  # the damaged file is kept, in case
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=120_000)  # checked, shown
    window.close()


def test_a_damaged_tour_without_backups_can_be_rescued_into_a_new_file(
        qtbot: QtBot, demo_path: Path, tmp_path: Path) -> None:
    window, box = _refused(qtbot, demo_path)
    assert box.findChild(QPushButton, "restoreNewest") is None
    assert "No backup" in box.informativeText()
    assert box.findChild(QPushButton, "rescue") is not None
    box.close()
    rescued = tmp_path / "rescued.ecovisit"
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        window.rescue_tour(demo_path, rescued)  # what Rescue… does once a file is chosen
    assert window.document is not None and window.location == str(rescued)
    assert "Rescued" in window.last_message and len(window.agenda_model.all_items()) > 0
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=120_000)
    window.close()
