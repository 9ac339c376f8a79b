"""A host's available slots in the organisation's form, on a tour built from nothing: listed in
the office's time, added, changed, deleted, made from a weekly pattern and imported from a
free/busy .ics file, each one undoable step."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits
from planner.model import AvailabilityWindow
from planner.store import TourStore
from tests.ui.conftest import open_window, screenshot, tour_rows
from ui.dialogs.weekly_slots import SlotDialog, WeeklySlotsDialog
from ui.mainwindow import MainWindow
from ui.panels.availability import AvailabilitySection

UTC = ZoneInfo("UTC")

#: Free time offered by a host's calendar (Tuesday and Wednesday of the tour).
FREE = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Host//Slots//EN
BEGIN:VFREEBUSY
UID:slots@host
DTSTAMP:20270101T000000Z
FREEBUSY;FBTYPE=FREE:20270504T070000Z/20270504T100000Z,20270505T120000Z/PT2H
END:VFREEBUSY
END:VCALENDAR
"""


@pytest.fixture
def empty_tour(tmp_path: Path) -> Path:
    """A new five-day tour (Mon 3 – Fri 7 May 2027) with one host that has an office in
    Copenhagen and one that has no address yet."""
    path = tmp_path / "nordic.ecovisit"
    edits.create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7))
    with TourStore.open(path) as store, store.transaction() as session:
        office = edits.add_record(session, "place", {
            "name": "Novo Nordisk HQ", "kind": "office", "city": "Bagsværd", "country": "DK",
            "latitude": 55.7596, "longitude": 12.4546}).value
        edits.add_record(session, "organisation", {"name": "Novo Nordisk", "place_id": office})
        edits.add_record(session, "organisation", {"name": "Unplaced Labs"})
    return path


@pytest.fixture
def window(qtbot: QtBot, empty_tour: Path) -> MainWindow:
    shown = open_window(qtbot, empty_tour)
    yield shown  # type: ignore[misc]
    shown.translators.install("en")
    shown.close()


def choose(window: MainWindow, name: str) -> AvailabilitySection:
    model = window.models["organisation"]
    key = next(model.record_at(r).id for r in range(model.rowCount())
               if model.record_at(r).name == name)
    window.directory_dock.raise_()
    assert window.organisations.select_key(key)
    return window.availability


def show_section(window: MainWindow, section: AvailabilitySection) -> None:
    """The organisations' panel with its form scrolled down to the slots (for a picture)."""
    browser = window.organisations
    browser.resize(560, 900)
    browser.splitter.setSizes([120, 780])
    QApplication.processEvents()
    browser.form.ensureWidgetVisible(section)


def stored_slots(path: Path) -> list[tuple[str, str, str]]:
    """(start, end) in UTC and the note of every slot in the tour file."""
    with TourStore.open(path) as store, store.transaction() as session:
        return [(f"{w.start.astimezone(UTC):%d %H:%M}", f"{w.end.astimezone(UTC):%H:%M}", w.note)
                for w in session.scalars(select(AvailabilityWindow).order_by(
                    AvailabilityWindow.start))]


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def ok(dialog: object) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore


def test_slots_are_added_changed_and_deleted_in_the_offices_time(
        qtbot: QtBot, window: MainWindow, empty_tour: Path) -> None:
    section = choose(window, "Novo Nordisk")
    assert section.shown_slots() == []
    assert "Europe/Copenhagen" in section.hint.text()
    stack = window.document.undo_stack  # type: ignore[union-attr]

    dialog = section.add()
    assert isinstance(dialog, SlotDialog)
    assert "CEST" in dialog.zone.text()
    dialog.day.setDate(QDate(2027, 5, 4))
    dialog.start.setTime(QTime(10, 0))
    dialog.end.setTime(QTime(16, 0))
    dialog.note.setText("Lab tour possible")
    ok(dialog)
    assert section.shown_slots() == [("Tue 4 May 10:00–16:00 CEST", "Lab tour possible")]
    assert stored_slots(empty_tour) == [("04 08:00", "14:00", "Lab tour possible")]

    # A slot that ends before it starts is refused in the dialog, which stays open.
    section.select_slot(0)
    dialog = section.edit()
    assert isinstance(dialog, SlotDialog)
    assert dialog.start.time() == QTime(10, 0) and dialog.note.text() == "Lab tour possible"
    dialog.end.setTime(QTime(9, 0))
    ok(dialog)
    assert dialog.isVisible() and dialog.error.text() == "The slot must end after it starts."
    assert stored_slots(empty_tour) == [("04 08:00", "14:00", "Lab tour possible")]
    dialog.end.setTime(QTime(17, 30))
    ok(dialog)
    assert not dialog.isVisible()
    assert section.shown_slots() == [("Tue 4 May 10:00–17:30 CEST", "Lab tour possible")]

    section.select_slot(0)
    section.delete()
    assert section.shown_slots() == [] and stored_slots(empty_tour) == []
    assert stack.undoText().startswith("Delete the slot Tue 4 May")
    window.undo_action.trigger()
    assert section.shown_slots() == [("Tue 4 May 10:00–17:30 CEST", "Lab tour possible")]
    window.undo_action.trigger()
    assert stored_slots(empty_tour) == [("04 08:00", "14:00", "Lab tour possible")]
    window.undo_action.trigger()
    assert section.shown_slots() == [] and stored_slots(empty_tour) == []
    window.redo_action.trigger()
    assert section.shown_slots() == [("Tue 4 May 10:00–16:00 CEST", "Lab tour possible")]


def test_an_organisation_without_an_address_is_told_to_give_it_first(
        window: MainWindow, empty_tour: Path) -> None:
    section = choose(window, "Unplaced Labs")
    assert "give its address first" in section.hint.text()
    assert not section.add_button.isEnabled() and not section.weekly_button.isEnabled()
    assert not section.import_button.isEnabled()
    before = tour_rows(empty_tour)
    assert section.add() is None and section.weekly() is None
    assert "Unplaced Labs has no address yet: give its address first" in window.last_message
    assert tour_rows(empty_tour) == before


def test_a_weekly_pattern_makes_the_slots_in_local_time_and_one_undo_takes_them_back(
        qtbot: QtBot, window: MainWindow, empty_tour: Path) -> None:
    section = choose(window, "Novo Nordisk")
    stack = window.document.undo_stack  # type: ignore[union-attr]
    dialog = section.weekly()
    assert isinstance(dialog, WeeklySlotsDialog)
    assert (dialog.first.date(), dialog.last.date()) == (QDate(2027, 5, 3), QDate(2027, 5, 7))
    assert not dialog.ok_button.isEnabled()
    assert dialog.preview.text() == "Choose at least one weekday."
    for weekday in (1, 2, 3):  # Tue, Wed, Thu
        dialog.weekdays[weekday].setChecked(True)
    dialog.start.setTime(QTime(10, 0))
    dialog.end.setTime(QTime(16, 0))
    assert dialog.preview.text() == "Makes 3 slots: Tue 4 May, Wed 5 May, Thu 6 May."
    screenshot(dialog, "weekly-slots-dialog-en.png")
    count = stack.count()
    ok(dialog)
    assert not dialog.isVisible()
    assert section.shown_slots() == [("Tue 4 May 10:00–16:00 CEST", ""),
                                     ("Wed 5 May 10:00–16:00 CEST", ""),
                                     ("Thu 6 May 10:00–16:00 CEST", "")]
    assert stored_slots(empty_tour) == [("04 08:00", "14:00", ""), ("05 08:00", "14:00", ""),
                                        ("06 08:00", "14:00", "")]
    assert stack.count() == count + 1 and stack.undoText() == "Weekly slots for Novo Nordisk"
    show_section(window, section)
    screenshot(window.organisations, "organisation-slots-en.png")

    window.undo_action.trigger()
    assert section.shown_slots() == [] and stored_slots(empty_tour) == []
    window.redo_action.trigger()
    assert len(section.shown_slots()) == 3 and len(stored_slots(empty_tour)) == 3


def test_the_slots_and_the_weekly_dialog_in_japanese(
        qtbot: QtBot, window: MainWindow, empty_tour: Path) -> None:
    window.language_actions["ja"].trigger()
    section = choose(window, "Novo Nordisk")
    dialog = section.weekly()
    assert isinstance(dialog, WeeklySlotsDialog)
    assert [box.text() for box in dialog.weekdays] == ["月", "火", "水", "木", "金", "土", "日"]
    for weekday in (1, 3):  # 火, 木
        dialog.weekdays[weekday].setChecked(True)
    dialog.start.setTime(QTime(10, 0))
    dialog.end.setTime(QTime(15, 30))
    dialog.note.setText("Demo lab")
    assert "5月4日(火), 5月6日(木)" in dialog.preview.text()
    screenshot(dialog, "weekly-slots-dialog-ja.png")
    ok(dialog)
    assert section.shown_slots() == [("5月4日(火) 10:00–15:30 CEST", "Demo lab"),
                                     ("5月6日(木) 10:00–15:30 CEST", "Demo lab")]
    show_section(window, section)
    screenshot(window.organisations, "organisation-slots-ja.png")
    section.select_slot(0)
    edit = section.edit()
    assert isinstance(edit, SlotDialog)
    screenshot(edit, "slot-dialog-ja.png")
    edit.reject()


def test_an_ics_file_is_imported_through_the_operations_layer_and_undone(
        qtbot: QtBot, window: MainWindow, empty_tour: Path, tmp_path: Path) -> None:
    section = choose(window, "Novo Nordisk")
    dialog = section.add()  # one slot of its own first: the import replaces it
    assert dialog is not None
    screenshot(dialog, "slot-dialog-en.png")
    ok(dialog)
    before = stored_slots(empty_tour)
    assert len(before) == 1
    source = tmp_path / "novo-free.ics"
    source.write_text(FREE, encoding="utf-8")
    stack = window.document.undo_stack  # type: ignore[union-attr]
    count = stack.count()
    started: list[str] = []
    window.operations.started.connect(lambda operation: started.append(operation.title))
    section.import_file(source)
    qtbot.waitUntil(lambda: section.status.text().startswith("novo-free.ics:"), timeout=10_000)
    assert started == ["Importing novo-free.ics"]
    assert section.status.text() == "novo-free.ics: 2 slots from its free time, replacing 1."
    assert section.shown_slots() == [("Tue 4 May 09:00–12:00 CEST", ""),
                                     ("Wed 5 May 14:00–16:00 CEST", "")]
    assert stored_slots(empty_tour) == [("04 07:00", "10:00", ""), ("05 12:00", "14:00", "")]
    assert stack.count() == count + 1
    assert stack.undoText() == "Import novo-free.ics into the slots of Novo Nordisk"
    window.undo_action.trigger()
    assert stored_slots(empty_tour) == before
    assert len(section.shown_slots()) == 1
    window.redo_action.trigger()
    assert len(section.shown_slots()) == 2


@pytest.mark.parametrize(("name", "content", "says"), [
    ("notes.ics", "this is not a calendar", "is not a calendar file that can be read"),
    ("empty.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//EN\nEND:VCALENDAR\n",
     "holds no free or busy time"),
    ("missing.ics", None, "is not a calendar file that can be read"),
])
def test_a_bad_ics_file_is_named_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, empty_tour: Path, tmp_path: Path, name: str,
        content: str | None, says: str) -> None:
    section = choose(window, "Novo Nordisk")
    source = tmp_path / name
    if content is not None:
        source.write_text(content, encoding="utf-8")
    before = tour_rows(empty_tour)
    boxes = len(message_boxes())
    section.import_file(source)
    qtbot.waitUntil(lambda: name in window.last_message, timeout=10_000)
    assert says in window.last_message and "Nothing was changed." in window.last_message
    assert len(message_boxes()) == boxes + 1  # said once
    assert tour_rows(empty_tour) == before
    assert not window.document.undo_stack.canUndo()  # type: ignore[union-attr]
    assert section.import_button.isEnabled() and section.status.text() == ""


def test_the_section_follows_the_organisation_and_its_edits(
        window: MainWindow, empty_tour: Path) -> None:
    section = choose(window, "Novo Nordisk")
    weekly = section.weekly()
    assert isinstance(weekly, WeeklySlotsDialog)
    weekly.weekdays[0].setChecked(True)  # Monday 3 May
    ok(weekly)
    assert len(section.shown_slots()) == 1
    choose(window, "Unplaced Labs")
    assert section.shown_slots() == []
    choose(window, "Novo Nordisk")
    assert section.shown_slots() == [("Mon 3 May 08:30–19:00 CEST", "")]  # the working day
    window.undo_action.trigger()  # an undo while it is shown
    assert section.shown_slots() == []


def test_the_window_starts_without_loading_the_calendar_reader() -> None:
    """icalendar (85–100 ms) is loaded when a host's calendar file is imported, not at
    start-up."""
    import os
    import subprocess
    import sys

    code = ("import sys; import ui.mainwindow; "
            "sys.exit(1 if 'icalendar' in sys.modules else 0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                         cwd=Path(__file__).resolve().parents[2], check=False)
    assert run.returncode == 0, run.stderr or "icalendar was imported at start-up"


def test_a_refused_slot_is_said_once_in_the_dialog(
        qtbot: QtBot, window: MainWindow, empty_tour: Path) -> None:
    """The host removed while its dialog is open: OK says why there, once (no message box of
    the window besides, and no second line saying it was not saved)."""
    section = choose(window, "Novo Nordisk")
    dialog = section.add()
    assert isinstance(dialog, SlotDialog)
    document = window.document
    assert document is not None
    document.apply(lambda s: edits.delete_record(s, "organisation", dialog.organisation_id))
    ok(dialog)
    assert dialog.isVisible()
    assert dialog.error.text() == f"available slot organisation: no record #{dialog.organisation_id}"
    assert window.last_message == "" and message_boxes() == []
    assert stored_slots(empty_tour) == [] and document.undo_stack.count() == 0
    dialog.reject()


def test_a_slot_at_a_time_the_clocks_skip_or_pass_twice_is_refused(
        qtbot: QtBot, window: MainWindow, empty_tour: Path) -> None:
    section = choose(window, "Novo Nordisk")
    dialog = section.add()
    assert isinstance(dialog, SlotDialog)
    dialog.day.setDate(QDate(2027, 10, 31))  # the clocks go back from 03:00 to 02:00
    dialog.start.setTime(QTime(2, 30))
    dialog.end.setTime(QTime(4, 0))
    ok(dialog)
    assert dialog.isVisible() and dialog.error.text() == (
        "From 2027-10-31 02:30 happens twice in Europe/Copenhagen: the clocks go back from "
        "03:00 to 02:00 that night (CEST then CET); choose a time before 02:00 or from 03:00")
    dialog.day.setDate(QDate(2027, 3, 28))  # and forward from 02:00 to 03:00
    ok(dialog)
    assert dialog.isVisible() and "does not exist in Europe/Copenhagen" in dialog.error.text()
    assert stored_slots(empty_tour) == [] and window.last_message == ""
    dialog.reject()

    weekly = section.weekly()
    assert isinstance(weekly, WeeklySlotsDialog)
    weekly.weekdays[6].setChecked(True)  # Sundays, 02:30 to 04:00, through the spring change
    weekly.first.setDate(QDate(2027, 3, 21))
    weekly.last.setDate(QDate(2027, 4, 4))
    weekly.start.setTime(QTime(2, 30))
    weekly.end.setTime(QTime(4, 0))
    assert not weekly.ok_button.isEnabled()
    assert weekly.preview.text().startswith("From 2027-03-28 02:30 does not exist in "
                                            "Europe/Copenhagen")
    weekly.reject()
