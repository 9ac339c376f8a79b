"""Whether the delegation may split up: the travel settings dialog's new fields (the change of
trains and of planes, "planning may split the delegation"), the days' own choices kept by its OK
and its Restore Defaults, and the day menu of the agenda and the timeline that sets a day's
choice as one undoable step named after the day, shown on the agenda's day row."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QPainter
from PySide6.QtWidgets import QApplication, QCheckBox, QDoubleSpinBox, QMenu, QWidget
from pytestqt.qtbot import QtBot

from planner import edits
from planner.queries import load_tour
from planner.store import TourStore
from planner.travel import TravelSettings
from tests.ui.conftest import SCREENSHOTS, open_window, screenshot
from ui import commands
from ui.dialogs.travel_settings import TravelSettingsDialog
from ui.document import TourDocument
from ui.mainwindow import MainWindow
from ui.widgets.split_day import SplitDayMenu

FIRST, LAST = date(2027, 5, 10), date(2027, 5, 14)
TUESDAY, WEDNESDAY = date(2027, 5, 11), date(2027, 5, 12)
BERLIN = ZoneInfo("Europe/Berlin")
WAIT = 120_000
#: A context menu popped up on the offscreen platform says so.
MENUS = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    """An empty tour, Monday to Friday."""
    path = tmp_path / "split.ecovisit"
    edits.create_tour(path, "Split tour", FIRST, LAST)
    return path


@pytest.fixture
def window(qtbot: QtBot, tour: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour)
    shown.resize(1200, 800)
    yield shown
    shown.translators.install("en")
    shown.close()


def stored(path: Path) -> dict[str, Any]:
    """The travel settings the tour file holds, read by a new store."""
    with TourStore.open(path) as store, store.transaction() as session:
        return dict(load_tour(session).travel_settings)


def dialog_on(qtbot: QtBot, window: MainWindow) -> TravelSettingsDialog:
    assert window.document is not None
    dialog = TravelSettingsDialog(window.document, window.operations, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.sendPostedEvents()
    return dialog


def checked(qtbot: QtBot, window: MainWindow, work: Any) -> Any:
    """Run *work* (an edit of the tour's settings) and wait for the tour's check it starts."""
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        return work()


def spin(dialog: TravelSettingsDialog, name: str) -> QDoubleSpinBox:
    editor = dialog.editors[name]
    assert isinstance(editor, QDoubleSpinBox)
    return editor


def check_box(dialog: TravelSettingsDialog) -> QCheckBox:
    editor = dialog.editors["split_delegation"]
    assert isinstance(editor, QCheckBox)
    return editor


def two_days(window: MainWindow) -> TourDocument:
    """The window's tour with a meeting on Tuesday and one on Wednesday (the agenda's two day
    rows); returns its document."""
    document = window.document
    assert document is not None
    for day, title in ((TUESDAY, "Visit"), (WEDNESDAY, "Workshop")):
        start = datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN)
        assert commands.execute(commands.AddRecord(document, "item", {
            "title": title, "kind": "meeting", "start": start,
            "end": start.replace(hour=11)}, f"Add {title}"))
    return document


# --- the dialog -------------------------------------------------------------------------------

def test_the_dialog_edits_the_new_settings_in_one_undoable_step(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    assert window.document is not None
    stack = window.document.undo_stack
    dialog = dialog_on(qtbot, window)
    assert (spin(dialog, "rail_change_min").value(),
            spin(dialog, "flight_change_min").value()) == (30, 120)
    assert spin(dialog, "rail_change_min").suffix() == " min"
    assert (spin(dialog, "flight_change_min").minimum(),
            spin(dialog, "flight_change_min").maximum()) == (0, 600)
    assert not check_box(dialog).isChecked()
    assert check_box(dialog).text() == "Planning may split the delegation when goals differ"
    assert not dialog.split_days_note.isVisibleTo(dialog)  # no day has a choice of its own
    width = dialog.sizeHint().width()
    spin(dialog, "rail_change_min").setValue(20)
    spin(dialog, "flight_change_min").setValue(90)
    check_box(dialog).setChecked(True)
    for name in ("rail_change_min", "flight_change_min", "split_delegation"):
        assert dialog.labels[name].font().bold(), name
    assert "the default is off" in dialog.labels["split_delegation"].toolTip()
    assert "the default is 120 min" in dialog.labels["flight_change_min"].toolTip()
    assert dialog.sizeHint().width() == width  # a bold label never widens the form
    assert sorted(dialog.changed_names()) == ["flight_change_min", "rail_change_min",
                                              "split_delegation"]
    screenshot(dialog, "travel-settings-split.png")
    checked(qtbot, window, dialog.buttons.button(dialog.buttons.StandardButton.Ok).click)
    assert stored(tour) == {"rail_change_min": 20.0, "flight_change_min": 90.0,
                            "split_delegation": True}
    assert window.document.plan.settings.split_delegation
    assert stack.count() == 1 and stack.undoText() == "Change travel settings of Split tour"
    checked(qtbot, window, stack.undo)
    assert stored(tour) == {}
    checked(qtbot, window, stack.redo)
    # the check box round-trips: shown ticked, unticked again it is gone from the tour
    again = dialog_on(qtbot, window)
    assert check_box(again).isChecked() and again.labels["split_delegation"].font().bold()
    assert again.value("rail_change_min") == 20.0
    check_box(again).setChecked(False)
    assert not again.labels["split_delegation"].font().bold()
    checked(qtbot, window, again.accept)
    assert stored(tour) == {"rail_change_min": 20.0, "flight_change_min": 90.0}
    assert stack.count() == 2


def test_the_days_own_choices_survive_ok_and_restore_defaults(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    document = window.document
    assert document is not None
    checked(qtbot, window, lambda: SplitDayMenu(document, TUESDAY).choose(True))
    checked(qtbot, window, lambda: SplitDayMenu(document, WEDNESDAY).choose(False))
    days = {"2027-05-11": True, "2027-05-12": False}
    assert stored(tour) == {"split_days": days}
    dialog = dialog_on(qtbot, window)
    assert dialog.split_days_note.isVisibleTo(dialog)
    assert dialog.split_days_note.text().endswith(
        ": Tue 11 May may split, Wed 12 May together")
    assert "kept" in dialog.restore_button.toolTip()
    assert "split_days" not in dialog.editors and "split_days" not in dialog.changed_names()
    spin(dialog, "rail_change_min").setValue(45)
    checked(qtbot, window, dialog.accept)
    assert stored(tour) == {"rail_change_min": 45.0, "split_days": days}
    # Restore Defaults puts every default into the form and keeps the days' choices (as the
    # form says): OK stores only those
    again = dialog_on(qtbot, window)
    again.restore_button.click()
    assert again.values() == {k: v for k, v in asdict(TravelSettings()).items()
                              if k != "split_days"}
    assert again.changed_names() == []
    assert again.split_days_note.isVisibleTo(again)
    checked(qtbot, window, again.accept)
    assert stored(tour) == {"split_days": days}
    assert document.undo_stack.count() == 4
    checked(qtbot, window, document.undo_stack.undo)
    assert stored(tour) == {"rail_change_min": 45.0, "split_days": days}


def test_the_dialog_keeps_a_day_chosen_while_it_was_open(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    """OK writes the days' choices the tour has when it is pressed, not when it opened."""
    document = window.document
    assert document is not None
    dialog = dialog_on(qtbot, window)
    checked(qtbot, window, lambda: SplitDayMenu(document, TUESDAY).choose(True))
    check_box(dialog).setChecked(True)
    checked(qtbot, window, dialog.accept)
    assert stored(tour) == {"split_delegation": True, "split_days": {"2027-05-11": True}}


# --- the day menus ----------------------------------------------------------------------------

def split_menu(menu: QMenu) -> SplitDayMenu:
    found = menu.findChild(SplitDayMenu, "splitDayMenu")
    assert isinstance(found, SplitDayMenu)
    return found


def choices(menu: SplitDayMenu) -> dict[str, bool]:
    """Each choice's text and whether it is the day's now."""
    return {action.text(): action.isChecked() for action in menu.actions()}


def day_menu(window: MainWindow, row: int) -> tuple[QMenu, SplitDayMenu]:
    """The agenda's context menu on day *row*, and its "Delegation May Split" submenu."""
    view = window.agenda_view
    view.customContextMenuRequested.emit(
        view.visualRect(window.agenda_model.index(row, 0)).center())
    menu = window.agenda_context_menu
    return menu, split_menu(menu)


def choose(qtbot: QtBot, window: MainWindow, action: QAction, menu: QMenu) -> None:
    """Choose *action* of *menu*, which closes as a click closes it (deleted later)."""
    menu.close()
    checked(qtbot, window, action.trigger)


def picture_with_menu(widget: QWidget, menu: QMenu, submenu: QMenu, name: str) -> None:
    """A picture of *widget* with the context menu and its submenu drawn over it."""
    picture = widget.grab()
    painter = QPainter(picture)
    at = widget.mapFromGlobal(menu.pos())
    painter.drawPixmap(at, menu.grab())
    item = menu.actionGeometry(submenu.menuAction())
    painter.drawPixmap(at + QPoint(item.right() - 4, item.top()), submenu.grab())
    painter.end()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert picture.save(str(SCREENSHOTS / name))


@MENUS
def test_the_agenda_day_menu_sets_shows_and_undoes_a_days_choice(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    document = two_days(window)
    model = window.agenda_model
    tuesday = model.index(0, 0)
    assert tuesday.data() == "Tue 11 May 2027"
    assert tuesday.data(Qt.ItemDataRole.ToolTipRole) is None
    item_row = model.index(0, 0, tuesday)
    window.agenda_view.customContextMenuRequested.emit(
        window.agenda_view.visualRect(item_row).center())
    assert window.agenda_context_menu.findChild(SplitDayMenu) is None  # an item's menu
    window.agenda_context_menu.close()
    menu, split = day_menu(window, 0)
    assert split.title() == "Delegation May Split This Day" and split.isEnabled()
    assert split.menuAction().isCheckable() and not split.menuAction().isChecked()
    assert choices(split) == {"As the Tour Setting (Together)": True, "May Split": False,
                              "Stay Together": False}
    picture_with_menu(window, menu, split, "agenda-split-day-menu.png")
    steps = document.undo_stack.count()
    choose(qtbot, window, split.choices[True], menu)
    assert stored(tour) == {"split_days": {"2027-05-11": True}}
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Let the delegation split on Tue 11 May"
    assert tuesday.data() == "Tue 11 May 2027 · may split"
    assert "this day's own choice" in tuesday.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data() == "Wed 12 May 2027"  # the other day as it was
    screenshot(window.agenda_view, "agenda-split-day-row.png")
    menu, split = day_menu(window, 0)
    assert split.menuAction().isChecked()
    assert choices(split) == {"As the Tour Setting (Together)": False, "May Split": True,
                              "Stay Together": False}
    menu.close()
    split.choices[True].trigger()  # the choice the day has already: no step, no check
    assert document.undo_stack.count() == steps + 1
    menu, split = day_menu(window, 0)
    choose(qtbot, window, split.choices[False], menu)
    assert stored(tour) == {"split_days": {"2027-05-11": False}}
    assert document.undo_stack.undoText() == "Keep the delegation together on Tue 11 May"
    assert tuesday.data() == "Tue 11 May 2027"
    menu, split = day_menu(window, 0)
    choose(qtbot, window, split.choices[None], menu)
    assert stored(tour) == {}
    assert document.undo_stack.undoText() == "Delegation on Tue 11 May as the tour setting"
    checked(qtbot, window, document.undo_stack.undo)
    assert stored(tour) == {"split_days": {"2027-05-11": False}}
    checked(qtbot, window, document.undo_stack.undo)
    assert stored(tour) == {"split_days": {"2027-05-11": True}}
    assert tuesday.data() == "Tue 11 May 2027 · may split"
    checked(qtbot, window, document.undo_stack.undo)
    assert stored(tour) == {} and tuesday.data() == "Tue 11 May 2027"


@MENUS
def test_a_tour_that_may_split_shows_it_on_every_day_but_one_kept_together(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    document = two_days(window)
    checked(qtbot, window, lambda: commands.execute(commands.SetField(
        document, "tour", 1, "travel_settings", {"split_delegation": True}, "Split tour")))
    model = window.agenda_model
    assert [model.index(r, 0).data() for r in range(2)] == [
        "Tue 11 May 2027 · may split", "Wed 12 May 2027 · may split"]
    assert "the tour's travel setting" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    menu, split = day_menu(window, 1)
    assert split.menuAction().isChecked()
    assert choices(split) == {"As the Tour Setting (May Split)": True, "May Split": False,
                              "Stay Together": False}
    choose(qtbot, window, split.choices[False], menu)
    assert stored(tour) == {"split_delegation": True, "split_days": {"2027-05-12": False}}
    assert [model.index(r, 0).data() for r in range(2)] == [
        "Tue 11 May 2027 · may split", "Wed 12 May 2027"]


@MENUS
def test_the_timeline_slot_menu_offers_the_same_choice_for_its_day(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    document = window.document
    assert document is not None
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(WEDNESDAY)
    canvas = window.timeline.canvas
    qtbot.waitUntil(lambda: canvas.isVisible() and window.timeline.current_day() == WEDNESDAY)
    assert canvas.day is not None
    point = canvas.point_of(datetime(2027, 5, 12, 14, 1, tzinfo=ZoneInfo(canvas.day.zone)), 0)
    QApplication.sendEvent(canvas, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                     canvas.mapToGlobal(point)))
    menu = window.timeline.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    split = split_menu(menu)
    assert split.day == WEDNESDAY and not split.menuAction().isChecked()
    choose(qtbot, window, split.choices[True], menu)
    assert stored(tour) == {"split_days": {"2027-05-12": True}}
    assert document.undo_stack.undoText() == "Let the delegation split on Wed 12 May"


def test_a_read_only_tour_offers_the_choice_disabled(qtbot: QtBot, window: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    document = window.document
    assert document is not None
    monkeypatch.setattr(document, "read_only", True)
    menu = QMenu(window)
    split = SplitDayMenu(document, TUESDAY, menu)
    assert not split.isEnabled()
    menu.deleteLater()
