"""The main window on the demo tour: agenda, findings, editing with undo, files, languages."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.locations import demo_tour_path
from planner.model import AgendaItem
from planner.store import TourStore
from tests.ui.conftest import open_window, screenshot, tour_rows
from ui import settings
from ui.app import tour_to_open
from ui.mainwindow import MainWindow
from ui.models.agenda import AgendaModel

CELONIS = "Process mining for manufacturing"
BMW = "BMW Startup Garage and the software-defined vehicle"


def day_rows(window: MainWindow) -> list[str]:
    model = window.agenda_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def item_index(window: MainWindow, title: str, column: int = 0) -> QModelIndex:
    model = window.agenda_model
    for row in range(model.rowCount()):
        day = model.index(row, 0)
        for child in range(model.rowCount(day)):
            if model.index(child, AgendaModel.TITLE, day).data() == title:
                return model.index(child, column, day)
    raise AssertionError(f"{title} is not in the agenda")


def stored_times(path: Path, title: str) -> tuple[str, str]:
    """What the tour file holds, read by a new store (as after a crash and a restart)."""
    with TourStore.open(path) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.title == title)).one()
        return f"{item.local_start:%H:%M}", f"{item.local_end:%H:%M}"


def overlaps(window: MainWindow) -> list[str]:
    model = window.findings_model
    return [model.index(r, 2).data() for r in range(model.rowCount())
            if model.index(r, 1).data() == "error" and "overlap" in model.index(r, 2).data()]


def test_the_window_shows_the_demo_agenda_day_by_day(window: MainWindow) -> None:
    assert window.windowTitle().startswith("Europe Innovation Ecosystem Study Tour")
    assert "demo.ecovisit" in window.windowTitle()
    days = day_rows(window)
    assert days[0] == "Mon 10 May 2027 · Tokyo / Helsinki"
    assert len(days) == 9  # ten days, Saturday free
    model = window.agenda_model
    assert len(model.all_items()) == 30
    flight = model.index(0, 0, model.index(0, 0))
    assert flight.data() == "10:35 JST – 17:50 EEST"
    assert model.index(0, 3, model.index(0, 0)).data() == "Everyone (5)"
    assert window.agenda_view.isExpanded(model.index(0, 0))
    assert window.tour_status.text().startswith("30 items over 10 days · revision ")
    assert window.models["organisation"].rowCount() == 30
    assert window.models["traveller"].rowCount() == 5
    assert window.findings_status.text() == "0 errors · 7 findings"


def test_every_model_of_the_window_is_a_well_behaved_qt_model(
        qtmodeltester: ModelTester, window: MainWindow) -> None:
    qtmodeltester.check(window.agenda_model)
    qtmodeltester.check(window.findings_model)
    for model in window.models.values():
        qtmodeltester.check(model)
    for browser in window.browsers:
        qtmodeltester.check(browser.proxy)
    model = window.agenda_model
    assert model.item_at(model.index(0, 0)) is None
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)
    assert model.rowCount(model.index(0, 1)) == 0  # only column 0 of a day has children


def test_models_stay_well_behaved_while_the_agenda_is_edited(
        qtmodeltester: ModelTester, window: MainWindow) -> None:
    """Moving an item to another day removes and inserts rows (days too); the model tester
    watches every signal of it."""
    qtmodeltester.check(window.agenda_model, force_py=True)
    index = item_index(window, "Bavarian dinner", AgendaModel.TIME)  # Fri evening
    assert window.agenda_model.setData(index, QTime(23, 30))
    window.undo_action.trigger()
    window.redo_action.trigger()
    window.undo_action.trigger()
    assert item_index(window, "Bavarian dinner", AgendaModel.TIME).data() == "19:00–21:00"


def test_a_collision_shows_in_the_findings_and_undo_takes_it_back(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    """Edit a meeting's start so it collides with the one before: the findings panel shows the
    overlap at once; Ctrl+Z restores the time, the finding goes, the file holds the old time."""
    assert overlaps(window) == []
    assert stored_times(demo_path, CELONIS) == ("15:15", "16:30")
    time_cell = item_index(window, CELONIS, AgendaModel.TIME)
    window.agenda_view.setCurrentIndex(time_cell)
    window.agenda_view.edit(time_cell)  # the time editor, as a double-click opens it
    editor = QApplication.focusWidget()
    assert editor is not None and editor.metaObject().className() == "QTimeEdit"
    editor.setTime(QTime(14, 0))  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: item_index(window, CELONIS, AgendaModel.TIME).data()
                    == "14:00–15:15", timeout=5_000)
    assert stored_times(demo_path, CELONIS) == ("14:00", "15:15")  # saved, no Save needed
    found = overlaps(window)
    assert len(found) == 1 and BMW in found[0] and CELONIS in found[0]
    assert item_index(window, CELONIS, AgendaModel.TIME).data(Qt.ItemDataRole.ForegroundRole)
    window.edit_menu.aboutToShow.emit()
    assert window.undo_action.text() == f"&Undo Move {CELONIS}"
    window.activateWindow()
    qtbot.waitActive(window)
    window.agenda_view.setFocus()
    qtbot.keyClick(window.agenda_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert item_index(window, CELONIS, AgendaModel.TIME).data() == "15:15–16:30"
    assert overlaps(window) == []
    assert stored_times(demo_path, CELONIS) == ("15:15", "16:30")
    qtbot.keyClick(window.agenda_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert stored_times(demo_path, CELONIS) == ("14:00", "15:15")
    assert len(overlaps(window)) == 1


def test_an_acknowledged_edit_survives_a_crash(window: MainWindow, demo_path: Path) -> None:
    """Once the row shows the new time, a new store on the file (the program killed and started
    again, the window never closed) reads it."""
    copy = demo_path.with_name("after-crash.ecovisit")
    index = item_index(window, BMW, AgendaModel.TITLE)
    assert window.agenda_model.setData(index, "BMW Garage: software-defined vehicles")
    # What a crash leaves: the database file and its write-ahead log, copied while open.
    shutil.copyfile(demo_path, copy)
    wal = demo_path.with_name(demo_path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    with TourStore.open(copy) as store, store.transaction() as session:
        titles = set(session.scalars(select(AgendaItem.title)))
    assert "BMW Garage: software-defined vehicles" in titles
    assert BMW not in titles


def test_clicking_a_finding_selects_its_items(qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    index = item_index(window, CELONIS, AgendaModel.TIME)
    window.agenda_model.setData(index, "14:00")
    model = window.findings_model
    row = next(r for r in range(model.rowCount())
               if model.index(r, 1).data() == "error" and "overlap" in model.index(r, 2).data())
    window.findings_view.clicked.emit(model.index(row, 2))
    selected = {window.agenda_model.item_at(i).title  # type: ignore[union-attr]
                for i in window.agenda_view.selectionModel().selectedRows()}
    assert selected == {BMW, CELONIS}
    window.close()


def test_a_refused_edit_says_why_and_changes_nothing(window: MainWindow,
                                                     demo_path: Path) -> None:
    before = tour_rows(demo_path)
    index = item_index(window, CELONIS, AgendaModel.TIME)
    assert not window.agenda_model.setData(index, "25:99")
    assert "is not a time of day" in window.last_message
    assert not window.agenda_model.setData(item_index(window, CELONIS, 1), "   ")
    assert window.last_message == "agenda item title: may not be empty"
    assert not window.document.undo_stack.canUndo()  # type: ignore[union-attr]
    assert tour_rows(demo_path) == before


def test_the_first_start_opens_the_demo_tour_then_the_last_one(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert tour_to_open([], store) == str(demo_tour_path())
    assert demo_tour_path().exists()
    settings.put(settings.LAST_TOUR, str(tmp_path / "gone.ecovisit"), store)
    assert tour_to_open([], store) == str(demo_tour_path())  # a vanished last tour
    assert tour_to_open(["other.ecovisit"], store) == "other.ecovisit"


@pytest.mark.parametrize("damage", ["newer", "garbage"])
def test_opening_a_broken_or_newer_file_says_so_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, demo_master: Path, tmp_path: Path,
        damage: str) -> None:
    bad = tmp_path / f"{damage}.ecovisit"
    if damage == "newer":
        shutil.copyfile(demo_master, bad)
        with sqlite3.connect(bad) as connection:
            connection.execute("PRAGMA user_version = 999")
        connection.close()
    else:
        bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 3000)
    before = bad.read_bytes()
    title = window.windowTitle()
    with qtbot.waitSignal(window.operations.idle, timeout=10_000):
        window.open_tour(str(bad))
    assert window.windowTitle() == title  # the demo tour is still open
    assert str(bad) in window.last_message
    expected = "written by a newer Ecovisit" if damage == "newer" else "is damaged"
    assert expected in window.last_message
    assert bad.read_bytes() == before
    assert not Path(str(bad) + "-wal").exists()
    assert str(bad) not in settings.get(settings.RECENT_TOURS)


def test_save_as_copies_the_tour_and_carries_on_in_the_copy(
        qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.ecovisit"
    window.agenda_model.setData(item_index(window, BMW, AgendaModel.TITLE), "BMW Garage")
    before = stored_times(demo_path, CELONIS)
    with qtbot.waitSignal(window.tour_opened, timeout=10_000):
        window.save_copy_and_switch(copy)
        # while the copy is made, nothing may change (it would go to the old file)
        assert not window.agenda_model.setData(item_index(window, CELONIS, 0), "17:00")
        assert "being copied" in window.last_message
    assert window.location == str(copy)
    assert "copy.ecovisit" in window.windowTitle()
    window.agenda_model.setData(item_index(window, CELONIS, AgendaModel.TIME), "17:00")
    assert stored_times(copy, CELONIS) == ("17:00", "18:15")
    assert stored_times(demo_path, CELONIS) == before
    assert settings.get(settings.RECENT_TOURS)[:2] == [str(copy), str(demo_path)]
    window.undo_action.trigger()  # the history came along: both edits undo in the copy
    window.undo_action.trigger()
    assert stored_times(copy, CELONIS) == before
    with TourStore.open(copy) as store, store.transaction() as session:
        assert session.scalars(select(AgendaItem).where(AgendaItem.title == BMW)).one()


def test_layout_and_geometry_come_back_at_the_next_start(qtbot: QtBot, demo_path: Path) -> None:
    first = open_window(qtbot, demo_path)
    first.findings_dock.hide()
    first.resize(720, 560)  # within the offscreen screen (800 x 600)
    size = (first.width(), first.height())
    assert size != (1280, 800)
    first.close()
    second = open_window(qtbot, demo_path)
    assert not second.findings_dock.isVisible()
    assert (second.width(), second.height()) == size
    assert second.directory_dock.isVisible()
    second.close()


def test_the_main_window_in_english_and_japanese(qtbot: QtBot, window: MainWindow) -> None:
    """Menus, dock titles, headers, dates and findings follow the language menu; pictures of
    both are saved for people to look at."""
    window.resize(1400, 860)
    window.agenda_view.setCurrentIndex(item_index(window, CELONIS))
    window.organisations.select_key(window.models["organisation"].record_at(6).id)
    screenshot(window, "main-window-en.png")
    assert window.file_menu.title() == "&File"
    window.language_actions["ja"].trigger()
    assert window.file_menu.title() == "ファイル(&F)"
    assert window.edit_menu.title() == "編集(&E)"
    assert window.view_menu.title() == "表示(&V)"
    assert window.findings_dock.windowTitle() == "チェック結果"
    assert window.directory_dock.windowTitle() == "名簿"
    assert window.delegation_dock.windowTitle() == "視察団と目標"
    assert window.agenda_model.headerData(0, Qt.Orientation.Horizontal) == "時刻"
    assert day_rows(window)[0].startswith("2027年5月10日(月)")
    findings = window.findings_model
    assert any("時計" in (findings.index(r, 2).data() or "") or "時差" in
               (findings.index(r, 2).data() or "") or "祝日" in (findings.index(r, 2).data() or "")
               for r in range(findings.rowCount()))
    assert settings.get(settings.LANGUAGE) == "ja"
    screenshot(window, "main-window-ja.png")
    window.language_actions["en"].trigger()
    assert window.findings_dock.windowTitle() == "Findings"


def test_a_new_tour_is_created_from_the_dialog_and_opened(qtbot: QtBot, window: MainWindow,
                                                          tmp_path: Path) -> None:
    from PySide6.QtCore import QDate

    from ui.dialogs.new_tour import NewTourDialog

    dialog = NewTourDialog(window)
    qtbot.addWidget(dialog)
    path = tmp_path / "nordics.ecovisit"
    dialog.file.setText(str(path))
    dialog.start.setDate(QDate(2027, 9, 6))
    dialog.end.setDate(QDate(2027, 9, 10))
    dialog.accept()  # no title yet: refused, the dialog stays open
    assert "title: may not be empty" in dialog.error.text()
    assert not path.exists()
    dialog.title.setText("Nordic energy transition")
    dialog.title_ja.setText("北欧エネルギー転換視察")
    dialog.zone.setCurrentText("Mars/Olympus")
    dialog.accept()
    assert "is not an IANA time zone" in dialog.error.text()
    dialog.zone.setCurrentText("Asia/Tokyo")
    dialog.accept()
    assert dialog.created == str(path) and path.exists()
    with qtbot.waitSignal(window.tour_opened, timeout=10_000):
        window.open_tour(dialog.created)
    assert window.windowTitle().startswith("Nordic energy transition — nordics.ecovisit")
    assert window.agenda_model.rowCount() == 0
    assert window.models["organisation"].rowCount() == 0
    assert window.tour_status.text().startswith("0 items over 5 days · revision ")


def test_a_new_tours_file_is_named_after_its_title_until_one_is_chosen(
        qtbot: QtBot, window: MainWindow) -> None:
    from planner.locations import tours_dir
    from ui.dialogs.new_tour import NewTourDialog

    dialog = NewTourDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Nordic Innovation 2027")
    assert dialog.file.text() == str(tours_dir() / "Nordic-Innovation-2027.ecovisit")
    tours_dir().mkdir(parents=True, exist_ok=True)
    (tours_dir() / "Nordic-Innovation-2027.ecovisit").write_bytes(b"")  # taken: never offered
    dialog.title.setText("Nordic Innovation 2027 ")
    assert dialog.file.text() == str(tours_dir() / "Nordic-Innovation-2027-2.ecovisit")
    dialog.file.clear()
    qtbot.keyClicks(dialog.file, "/tmp/mine.ecovisit")
    dialog.title.setText("Something else")
    assert dialog.file.text() == "/tmp/mine.ecovisit"


def test_every_tour_dialog_opens_from_the_menus(qtbot: QtBot, window: MainWindow) -> None:
    from ui.dialogs.export import ExportCalendarDialog, ExportPdfDialog
    from ui.dialogs.import_contacts import ImportContactsDialog
    from ui.dialogs.planning import PlanningDialog
    from ui.dialogs.publish import PublishDialog
    from ui.dialogs.travel_settings import TravelSettingsDialog

    for action, kind in ((window.import_action, ImportContactsDialog),
                         (window.plan_action, PlanningDialog),
                         (window.travel_action, TravelSettingsDialog),
                         (window.export_ics_action, ExportCalendarDialog),
                         (window.export_pdf_action, ExportPdfDialog),
                         (window.publish_action, PublishDialog)):
        assert action.text() and action.isEnabled()
        action.trigger()
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)
                 and w.isVisible()]
        assert len(shown) == 1, kind
        shown[0].reject()
    assert window.export_pdf_action.shortcut().matches(
        QKeySequence(QKeySequence.StandardKey.Print)) == QKeySequence.SequenceMatch.ExactMatch


def test_hidden_views_catch_up_when_their_dock_comes_forward(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    """The coverage and the map are behind other dock tabs: an edit does not make them read
    the tour; bringing their tab forward does, on a worker."""
    window.findings_dock.raise_()
    qtbot.waitUntil(lambda: window.coverage.visibleRegion().isEmpty())
    index = item_index(window, CELONIS, AgendaModel.TITLE)
    assert window.agenda_model.setData(index, "Process mining at Celonis")
    assert window.coverage.reader.stale and window.route_map.reader.stale
    with qtbot.waitSignal(window.coverage.refreshed, timeout=20_000):
        window.coverage_dock.raise_()
    assert not window.coverage.reader.stale
    with qtbot.waitSignal(window.route_map.refreshed, timeout=20_000):
        window.map_dock.raise_()
    assert not window.route_map.reader.stale
