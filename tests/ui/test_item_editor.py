"""The item editor: every field of an item edited and stored as one undoable step, a flight
between two zones typed in each place's own time, refused values said once in the dialog with
nothing changed, and pictures of it in English and Japanese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication, QDateTimeEdit
from pytestqt.qtbot import QtBot

from planner.formatting import format_day
from tests.ui.conftest import open_window, screenshot
from tests.ui.test_item_creation import (
    KTH,
    build_tour,
    local,
    stored_items,
)
from ui import commands
from ui.dialogs.item import ItemDialog, length_text, new_item_defaults, open_item_editor
from ui.dialogs.new_tour import NewTourDialog
from ui.mainwindow import MainWindow


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    return build_tour(tmp_path)


@pytest.fixture
def window(qtbot: QtBot, tour: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour)
    yield shown
    shown.translators.install("en")
    shown.close()


def when(edit: QDateTimeEdit, text: str) -> None:
    """Type a local date and time ("2027-05-06 10:00") into *edit*."""
    day, clock = text.split()
    edit.setDateTime(QDateTime(QDate.fromString(day, "yyyy-MM-dd"),
                               QTime.fromString(clock, "HH:mm"), QTimeZone.utc()))


def new_dialog(qtbot: QtBot, window: MainWindow) -> ItemDialog:
    assert window.document is not None
    dialog = open_item_editor(window.document, window)
    qtbot.addWidget(dialog)
    return dialog


def a_meeting(window: MainWindow) -> None:
    """A bare meeting on Thursday (in Stockholm, that night's city), added by a command."""
    doc = window.document
    assert doc is not None
    command = commands.AddRecord(doc, "item", {
        "title": "Visit", "kind": "meeting",
        "start": datetime(2027, 5, 6, 8, 0, tzinfo=UTC),
        "end": datetime(2027, 5, 6, 9, 0, tzinfo=UTC)}, "Add Visit")
    assert commands.execute(command)


def test_every_field_of_an_existing_item_is_edited_in_one_step(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    a_meeting(window)
    [before] = stored_items(tour)
    doc = window.document
    assert doc is not None
    dialog = open_item_editor(doc, window, before.uid)
    assert dialog.windowTitle() == "Edit Visit"
    assert dialog.title.text() == "Visit"
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))
    dialog.title.setText("KTH Innovation: from lab to startup")
    dialog.title_ja.setText("KTHイノベーション: 研究室から起業へ")
    dialog.host.set_key(1)  # KTH: its office becomes the place, Anna Lind a host
    assert dialog.place.currentText() == "KTH Innovation office · Stockholm"
    when(dialog.start, "2027-05-06 10:00")
    when(dialog.end, "2027-05-06 11:30")
    assert dialog.start_zone.text() == "Europe/Stockholm (CEST)"
    assert dialog.length.text() == "1 h 30 min"
    dialog.status.setCurrentIndex(dialog.status.findData("confirmed"))
    dialog.locked.setChecked(True)
    dialog.booking.setText("KTH-2027-05")
    dialog.attendee_boxes[3].setChecked(False)  # Yuki Mori stays at the hotel
    assert dialog.everyone.text() == "Everyone (3)"
    goals = dialog.goal_list
    assert goals.item(0).text() == ("★ How universities turn research into startups — "
                                   "Delegation (100%)")
    goals.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.language_edit.setText("English")
    dialog.interpreter.setChecked(True)
    dialog.questions.setPlainText("How do you choose spin-offs?\n\nWho owns the IP?\n")
    dialog.notes.setPlainText("Bring the gifts.")
    dialog.protocol.setPlainText("Exchange cards with both hands.")
    dialog.learnings.setPlainText("Ask again in autumn.")
    dialog.accept()
    assert not dialog.isVisible()
    [item] = stored_items(tour)
    assert item.uid == before.uid
    assert local(item) == "2027-05-06 10:00–11:30 Europe/Stockholm"
    assert (item.title, item.title_ja) == ("KTH Innovation: from lab to startup",
                                           "KTHイノベーション: 研究室から起業へ")
    assert item.organisation.name == KTH and item.place.name == "KTH Innovation office"
    assert [c.name for c in item.hosts] == ["Anna Lind"]
    assert [t.name for t in item.attendees] == ["Aiko Tanaka", "Kenji Sato"]
    assert [g.title for g in item.goals] == ["How universities turn research into startups"]
    assert (item.status.value, item.locked, item.booking_reference) == \
        ("confirmed", True, "KTH-2027-05")
    assert (item.language, item.interpreter_booked) == ("en", True)
    assert item.questions == ["How do you choose spin-offs?", "Who owns the IP?"]
    assert (item.notes, item.protocol_notes, item.learnings) == \
        ("Bring the gifts.", "Exchange cards with both hands.", "Ask again in autumn.")
    stack = doc.undo_stack
    assert stack.count() == 2 and stack.undoText() == "Edit Visit"
    stack.undo()
    [back] = stored_items(tour)
    assert (back.title, local(back), back.organisation, back.hosts, back.locked) == \
        ("Visit", local(before), None, [], False)
    assert len(back.attendees) == 0 and back.questions == []
    stack.redo()
    [again] = stored_items(tour)
    assert local(again) == local(item) and [c.name for c in again.hosts] == ["Anna Lind"]
    dialog = open_item_editor(doc, window, before.uid)  # nothing changed: no new step
    dialog.accept()
    assert stack.count() == 2


def test_a_flight_from_narita_to_copenhagen_is_typed_in_each_places_time(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    dialog = new_dialog(qtbot, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
    assert dialog.start_label.text() == "Dep&arts:" and dialog.place_label.text() == "&From:"
    assert dialog.details_form.isRowVisible(dialog.destination_box)
    dialog.title.setText("SK 984 Tokyo Narita – Copenhagen")
    dialog.title_ja.setText("SK 984 成田 – コペンハーゲン")
    dialog.place.setCurrentText("narita")
    dialog.place.lineEdit().editingFinished.emit()
    dialog.destination.setCurrentText("Copenhagen Airport")
    dialog.destination.lineEdit().editingFinished.emit()
    when(dialog.start, "2027-05-03 11:05")
    when(dialog.end, "2027-05-03 16:35")
    assert dialog.start_zone.text() == "Asia/Tokyo (JST)"
    assert dialog.end_zone.text() == "Europe/Copenhagen (CEST)"
    assert dialog.length.text() == "12 h 30 min across time zones (11:05 JST → 16:35 CEST)"
    dialog.booking.setText("ABC123")
    dialog.status.setCurrentIndex(dialog.status.findData("confirmed"))
    dialog.accept()
    [flight] = stored_items(tour)
    assert (flight.zone, flight.end_zone) == ("Asia/Tokyo", "Europe/Copenhagen")
    assert flight.start == datetime(2027, 5, 3, 2, 5, tzinfo=UTC)
    assert flight.end == datetime(2027, 5, 3, 14, 35, tzinfo=UTC)
    assert (flight.place.name, flight.destination.name) == ("Narita Airport",
                                                            "Copenhagen Airport")
    assert window.agenda_model.all_items()[0].uid == flight.uid
    from planner.formatting import item_time_text

    assert item_time_text(flight) == "11:05 JST – 16:35 CEST"
    dialog = open_item_editor(window.document, window, flight.uid)  # type: ignore[arg-type]
    assert dialog.start.dateTime().toString("HH:mm") == "11:05"
    assert dialog.end.dateTime().toString("HH:mm") == "16:35"  # each in its own zone
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))  # no longer a journey
    assert not dialog.details_form.isRowVisible(dialog.destination_box)
    assert dialog.end_zone.text() == "Asia/Tokyo (JST)"
    dialog.reject()


def test_refused_values_are_said_once_in_the_dialog_and_nothing_changes(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    doc = window.document
    assert doc is not None
    a_meeting(window)
    [item] = stored_items(tour)
    count = doc.undo_stack.count()
    dialog = open_item_editor(doc, window, item.uid)
    dialog.language_edit.setText("Martian")
    dialog.title.setText("Renamed")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "agenda item language: 'Martian' is not a language"
    assert dialog.tabs.currentWidget().isAncestorOf(dialog.language_edit)  # shown there
    assert window.last_message == "" and not [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")]
    dialog.language_edit.setText("")
    dialog.title.setText("   ")
    dialog.accept()
    assert dialog.error.text() == "agenda item title: may not be empty"
    dialog.title.setText("Renamed")
    when(dialog.start, "2027-05-06 12:00")
    when(dialog.end, "2027-05-05 12:00")
    assert dialog.length.text() == "The end comes before the start"
    dialog.accept()
    assert dialog.error.text() == "agenda item end: must come after the start"
    when(dialog.end, "2027-05-09 12:05")
    dialog.accept()
    assert dialog.error.text() == "agenda item end: is more than three days after the start"
    dialog.place.set_key(2)  # the hotel in Stockholm
    when(dialog.start, "2027-03-28 02:30")  # the clocks go from 02:00 to 03:00 that night
    when(dialog.end, "2027-03-28 04:00")
    assert "does not exist" in dialog.start_zone.text()
    dialog.accept()
    assert dialog.error.text() == (
        "Starts 2027-03-28 02:30 does not exist in Europe/Stockholm: the clocks go forward from "
        "02:00 to 03:00 that night; choose a time before 02:00 or from 03:00")
    assert doc.undo_stack.count() == count and stored_items(tour)[0].title == "Visit"
    assert window.last_message == ""
    window.set_language("ja")
    try:
        dialog.language_edit.setText("Martian")
        when(dialog.start, "2027-05-06 12:00")
        when(dialog.end, "2027-05-06 13:00")
        dialog.accept()
        assert "Martian" in dialog.error.text() and "言語" in dialog.error.text()
    finally:
        window.set_language("en")
    dialog.language_edit.setText("")
    dialog.accept()
    assert not dialog.isVisible() and dialog.error.text() == ""
    assert stored_items(tour)[0].title == "Renamed"
    assert doc.undo_stack.count() == count + 1


def test_a_new_start_moves_the_end_with_it(qtbot: QtBot, window: MainWindow) -> None:
    dialog = new_dialog(qtbot, window)
    when(dialog.start, "2027-05-04 10:00")
    dialog.start.editingFinished.emit()
    assert dialog.end.dateTime().toString("yyyy-MM-dd HH:mm") == "2027-05-04 11:00"
    when(dialog.end, "2027-05-04 11:15")
    when(dialog.start, "2027-05-04 14:00")
    dialog.start.editingFinished.emit()  # as when the user leaves the field
    assert dialog.end.dateTime().toString("yyyy-MM-dd HH:mm") == "2027-05-04 15:15"
    assert dialog.length.text() == "1 h 15 min"
    when(dialog.end, "2027-05-04 00:30")  # before the start: after midnight
    assert dialog.length.text() == "10 h 30 min (ends the next day)"
    assert length_text(datetime(2027, 1, 1, 1, tzinfo=UTC) - datetime(2027, 1, 1, tzinfo=UTC)) \
        == "1 h"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_pictures_of_the_editor(qtbot: QtBot, window: MainWindow, language: str) -> None:
    window.set_language(language)
    try:
        dialog = new_dialog(qtbot, window)
        dialog.host.set_key(1)
        when(dialog.start, "2027-05-06 10:00")
        when(dialog.end, "2027-05-06 11:15")
        dialog.status.setCurrentIndex(dialog.status.findData("requested"))
        dialog.show()
        qtbot.waitExposed(dialog)
        screenshot(dialog, f"item-editor-meeting-{language}.png")
        dialog.tabs.setCurrentIndex(1)
        screenshot(dialog, f"item-editor-people-{language}.png")
        dialog.tabs.setCurrentIndex(2)
        screenshot(dialog, f"item-editor-preparation-{language}.png")
        dialog.reject()
        dialog = new_dialog(qtbot, window)
        dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
        dialog.title.setText("SK 984")
        dialog.place.set_key(3)
        dialog.destination.set_key(4)
        when(dialog.start, "2027-05-03 11:05")
        when(dialog.end, "2027-05-03 16:35")
        # a day is written as everywhere else in the window and on paper, the time after it
        gap = " " if language == "ja" else "  "
        assert dialog.start.text() == format_day(date(2027, 5, 3), language) + gap + "11:05"
        new_tour = NewTourDialog(window)  # ... and in every other date field
        qtbot.addWidget(new_tour)
        new_tour.start.setDate(QDate(2027, 5, 10))
        assert new_tour.start.text() == format_day(date(2027, 5, 10), language)
        new_tour.reject()
        dialog.show()
        qtbot.waitExposed(dialog)
        if language == "ja":
            assert dialog.start_label.text() != "Dep&arts:"
        screenshot(dialog, f"item-editor-flight-{language}.png")
        dialog.reject()
    finally:
        window.set_language("en")


def test_an_airport_the_tour_does_not_know_is_added_from_the_editor(qtbot: QtBot,
                                                                    window: MainWindow) -> None:
    """From: New… takes an IATA code; the new airport is chosen, as its own undo step."""
    assert window.document is not None
    dialog = ItemDialog(window.document, None, window,
                        defaults=new_item_defaults(window.document, date(2027, 5, 4)))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
    place_dialog = dialog.new_place(dialog.place)
    assert place_dialog.kind_box.currentData() == "airport"
    place_dialog.name_edit.setText("Arlanda")
    with qtbot.waitSignal(place_dialog.location.located, timeout=30_000):
        place_dialog.location.look_up("ARN")
    place_dialog.accept()
    chosen = dialog.places[dialog.place.key()]
    assert (chosen.name, chosen.zone) == ("Arlanda", "Europe/Stockholm")
    assert window.document.undo_stack.undoText() == "Add Arlanda"
    dialog.reject()


def test_enter_in_a_place_box_chooses_the_place_and_never_presses_ok(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.document is not None
    dialog = ItemDialog(window.document, None, window,
                        defaults=new_item_defaults(window.document, date(2027, 5, 4)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.place.setFocus()
    dialog.place.setEditText("Skeppsholmen")  # typed faster than the completer pops up
    qtbot.keyClick(dialog.place, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # still open: OK was not pressed
    assert dialog.places[dialog.place.key()].name == "Hotel Skeppsholmen"
    dialog.reject()


def test_a_place_typed_in_full_width_or_another_case_is_found_as_the_command_line_finds_it(
        qtbot: QtBot, window: MainWindow) -> None:
    """The box folds what is typed as the planner matches names (planner.folding.fold)."""
    dialog = new_dialog(qtbot, window)
    for typed in ("ＳＫＥＰＰＳＨＯＬＭＥＮ", "hotel  skeppsholmen", "Sképpsholmen"):
        dialog.place.setCurrentIndex(0)
        dialog.place.setEditText(typed)
        dialog.place.lineEdit().editingFinished.emit()
        assert dialog.places[dialog.place.key()].name == "Hotel Skeppsholmen", typed
    completer = dialog.place.completer()  # the list offered while typing folds alike
    for typed in ("ＳＫＥＰＰＳ", "sképps", "SKEPPS"):
        completer.setCompletionPrefix(typed)
        assert completer.completionCount() == 1, typed
        assert completer.currentCompletion().startswith("Hotel Skeppsholmen"), typed
    dialog.reject()


def test_an_end_typed_back_after_a_new_start_is_kept(qtbot: QtBot, window: MainWindow,
                                                     tour: Path) -> None:
    """10:00–11:00 moved to start at 09:00 (the end follows to 10:00), then the end typed back
    to 11:00: saved as 09:00–11:00, not 09:00–10:00."""
    a_meeting(window)
    [before] = stored_items(tour)
    assert local(before) == "2027-05-06 10:00–11:00 Europe/Stockholm"
    assert window.document is not None
    dialog = open_item_editor(window.document, window, before.uid)
    qtbot.addWidget(dialog)
    when(dialog.start, "2027-05-06 09:00")
    dialog.start.editingFinished.emit()
    assert dialog.end.dateTime().toString("yyyy-MM-dd HH:mm") == "2027-05-06 10:00"
    when(dialog.end, "2027-05-06 11:00")
    assert dialog.length.text() == "2 h"
    dialog.accept()
    assert not dialog.isVisible(), dialog.error.text()
    assert local(stored_items(tour)[0]) == "2027-05-06 09:00–11:00 Europe/Stockholm"


def test_a_time_the_clocks_pass_twice_is_refused_with_the_choice(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    """02:30 on the night the clocks go back happens twice: the editor says so, and when, in
    the window's language, and saves nothing (it took the first 02:30 without a word)."""
    a_meeting(window)
    [before] = stored_items(tour)
    doc = window.document
    assert doc is not None
    dialog = open_item_editor(doc, window, before.uid)
    qtbot.addWidget(dialog)
    dialog.place.set_key(2)  # the hotel in Stockholm
    when(dialog.start, "2027-10-31 02:30")
    when(dialog.end, "2027-10-31 04:00")
    assert dialog.start_zone.text() == ("happens twice in Europe/Stockholm (the clocks go "
                                        "back)")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == (
        "Starts 2027-10-31 02:30 happens twice in Europe/Stockholm: the clocks go back from "
        "03:00 to 02:00 that night (CEST then CET); choose a time before 02:00 or from 03:00")
    window.set_language("ja")
    try:
        dialog.accept()
        assert "2回あります" in dialog.error.text() and "CEST" in dialog.error.text()
    finally:
        window.set_language("en")
    assert local(stored_items(tour)[0]) == local(before) and doc.undo_stack.count() == 1
    when(dialog.start, "2027-10-31 03:00")  # after the clocks went back: one instant
    dialog.accept()
    assert not dialog.isVisible(), dialog.error.text()
    assert local(stored_items(tour)[0]) == "2027-10-31 03:00–04:00 Europe/Stockholm"
