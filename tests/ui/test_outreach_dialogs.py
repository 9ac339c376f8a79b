"""Asking hosts through the window's dialogs (issue 20), opened by the window's own menu actions:
request letters written for the demo into a folder (the .eml drafts there, the tour unchanged);
a host's offered slots on a tour typed from nothing, previewed (unreadable text refused in the
dialog), applied as one undoable step (the meeting moved, the windows added) and undone; a
letter template with an unknown placeholder refused in the dialog, a good one saved and undone.
English and Japanese screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from planner import edits
from planner.model import AgendaItem, AvailabilityWindow, LetterTemplate
from planner.store import TourStore
from tests.ui.conftest import dialog_of, open_window, screenshot, tour_rows
from ui.dialogs.letter_templates import LetterTemplatesDialog
from ui.dialogs.offer_slots import OfferSlotsDialog
from ui.dialogs.outreach_letters import WriteLettersDialog
from ui.mainwindow import MainWindow

WAIT = 30_000
BERLIN = ZoneInfo("Europe/Berlin")


def opened(qtbot: QtBot, menu: QMenu, name: str) -> Any:
    """Trigger the action *name* of *menu* and return the dialog it opened."""
    actions = {action.objectName(): action for action in menu.actions()}
    assert actions[name].shortcut().isEmpty()
    return dialog_of(qtbot, actions[name])


# --- letters ------------------------------------------------------------------------------------
def test_request_letters_for_the_demo(qtbot: QtBot, window: MainWindow, demo_path: Path,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [a.text().replace("&", "") for a in window.file_menu.actions()]
    assert "Write Host Letters…" in texts
    before = tour_rows(demo_path)
    dialog = opened(qtbot, window.file_menu, "writeHostLetters")
    assert isinstance(dialog, WriteLettersDialog)
    assert dialog.kind.currentData() == "request"
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=WAIT)
    assert dialog.hosts.count() >= 1
    assert dialog.hosts.item(0).text().endswith(("(English)", "(Japanese)"))
    assert "Subject: " in dialog.text.toPlainText()
    assert dialog.folder.text().endswith("Requests")
    screenshot(dialog, "host-letters-en.png")
    folder = tmp_path / "requests"
    dialog.folder.setText(str(folder))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=WAIT)
    written = sorted(p.name for p in folder.iterdir())
    assert any(name.endswith(".eml") for name in written)
    assert any(name.endswith(".txt") for name in written)
    assert dialog.status.text() == f"Wrote {len(written)} files to {folder}."
    assert dialog.open_button.isEnabled()
    # again: asked before replacing; No writes nothing
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_kw: (
        asked.append(str(args[2])), QMessageBox.StandardButton.No)[1])
    dialog.written = []
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing was written.", timeout=WAIT)
    assert asked == [f"{folder} already holds letters for these hosts. Replace them?"]
    # reminders: another list, read again
    dialog.kind.setCurrentIndex(dialog.kind.findData("reminder"))
    qtbot.waitUntil(lambda: not dialog.work.running, timeout=WAIT)
    assert dialog.folder.text() == str(folder)  # chosen: kept
    dialog.close()
    # writing letters changed nothing in the tour
    assert tour_rows(demo_path) == before


def test_host_letters_in_japanese(qtbot: QtBot, window: MainWindow) -> None:
    window.set_language("ja")
    dialog = opened(qtbot, window.file_menu, "writeHostLetters")
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=WAIT)
    screenshot(dialog, "host-letters-ja.png")
    dialog.close()


# --- offered slots ------------------------------------------------------------------------------
@pytest.fixture
def tour_path(tmp_path: Path) -> Path:
    """Mon 7 to Fri 11 June 2027: a host with an office in Berlin and an idea meeting with it on
    Tuesday at 10:00, an hour, no windows yet."""
    path = tmp_path / "offers.ecovisit"
    edits.create_tour(path, "Berlin week", date(2027, 6, 7), date(2027, 6, 11))
    with TourStore.open(path) as store, store.transaction() as session:
        office = edits.add_record(session, "place", {
            "name": "Neue Fabrik office", "kind": "office", "city": "Berlin", "country": "DE",
            "latitude": 52.5450, "longitude": 13.3550}).value
        host = edits.add_record(session, "organisation", {"name": "Neue Fabrik",
                                                          "place_id": office}).value
        edits.add_record(session, "item", {
            "title": "Neue Fabrik visit", "kind": "meeting", "status": "idea",
            "organisation_id": host, "place_id": office,
            "start": datetime(2027, 6, 8, 10, tzinfo=BERLIN),
            "end": datetime(2027, 6, 8, 11, tzinfo=BERLIN), "zone": "Europe/Berlin"})
    return path


@pytest.fixture
def typed_window(qtbot: QtBot, tour_path: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour_path)
    yield shown
    shown.translators.install("en")
    shown.close()


def meeting_and_windows(path: Path) -> tuple[tuple[datetime, datetime], int]:
    with TourStore.open(path) as store, store.session() as session:
        item = session.scalars(select(AgendaItem)).one()
        count = session.scalar(select(func.count()).select_from(AvailabilityWindow)) or 0
        return (item.start, item.end), int(count)


def preview(qtbot: QtBot, dialog: OfferSlotsDialog, text: str) -> None:
    dialog.offer.setPlainText(text)
    qtbot.waitUntil(lambda: not dialog.timer.isActive() and not dialog.work.running
                    and (dialog.preview_result is not None or bool(dialog.refusal)),
                    timeout=WAIT)


def test_offered_slots_move_the_meeting_in_one_undo_step(qtbot: QtBot, typed_window: MainWindow,
                                                         tour_path: Path) -> None:
    window = typed_window
    before = meeting_and_windows(tour_path)
    assert before[1] == 0
    window.selection.select_organisations([1])
    dialog = opened(qtbot, window.tour_menu, "offeredSlots")
    assert isinstance(dialog, OfferSlotsDialog)
    qtbot.waitUntil(lambda: dialog.host.currentText() == "Neue Fabrik", timeout=WAIT)
    # unreadable text: refused in the dialog, nothing to apply
    preview(qtbot, dialog, "whenever suits you")
    assert dialog.refusal.startswith("“whenever suits you” cannot be read")
    assert dialog.error.isVisibleTo(dialog) and dialog.error.text() == dialog.refusal
    assert not dialog.apply_button.isEnabled()
    screenshot(dialog, "offered-slots-refused-en.png")
    # the example: previewed, nothing changed
    preview(qtbot, dialog, "Thu 14:00–16:00, Wed morning")
    result = dialog.preview_result
    assert result is not None and result.moved and len(result.added) == 2
    shown = dialog.would.toPlainText()
    assert shown.startswith("Windows added for Neue Fabrik")
    assert "Moved Neue Fabrik visit from " in shown
    assert dialog.apply_button.isEnabled() and not dialog.error.isVisibleTo(dialog)
    assert meeting_and_windows(tour_path) == before
    screenshot(dialog, "offered-slots-preview-en.png")
    # applied: one step, the meeting in the first offered slot (Wed 9 June, 09:00)
    stack = window.document.undo_stack  # type: ignore[union-attr]
    count = stack.count()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.applied is not None, timeout=WAIT)
    (start, end), windows = meeting_and_windows(tour_path)
    assert windows == 2
    assert start.astimezone(BERLIN) == datetime(2027, 6, 9, 9, tzinfo=BERLIN)
    assert end - start == before[0][1] - before[0][0]
    assert stack.count() == count + 1
    assert stack.undoText() == "Offered slots of Neue Fabrik"
    assert dialog.status.text().startswith("Applied: Moved Neue Fabrik visit")
    dialog.close()
    # Edit > Undo puts both back, Redo does both again
    window.undo_action.trigger()
    assert meeting_and_windows(tour_path) == before
    window.redo_action.trigger()
    assert meeting_and_windows(tour_path)[1] == 2


def test_offered_slots_in_japanese(qtbot: QtBot, typed_window: MainWindow) -> None:
    window = typed_window
    window.set_language("ja")
    dialog = opened(qtbot, window.tour_menu, "offeredSlots")
    qtbot.waitUntil(lambda: dialog.host.count() == 1, timeout=WAIT)
    preview(qtbot, dialog, "いつでも")
    assert "いつでも" in dialog.refusal and "cannot be read" not in dialog.refusal
    preview(qtbot, dialog, "6月9日(水) 午前")
    assert dialog.preview_result is not None
    screenshot(dialog, "offered-slots-preview-ja.png")
    dialog.close()


# --- templates ----------------------------------------------------------------------------------
def stored_templates(path: Path) -> list[tuple[str, str, str]]:
    with TourStore.open(path) as store, store.session() as session:
        return [(row.kind.value, row.language, row.subject)
                for row in session.scalars(select(LetterTemplate))]


def test_a_template_checked_saved_and_undone(qtbot: QtBot, typed_window: MainWindow,
                                             tour_path: Path) -> None:
    window = typed_window
    dialog = opened(qtbot, window.tour_menu, "letterTemplates")
    assert isinstance(dialog, LetterTemplatesDialog)
    qtbot.waitUntil(lambda: dialog.loaded is not None and not dialog.work.running,
                    timeout=WAIT)
    assert dialog.origin.text() == "Built in" and not dialog.reset_button.isEnabled()
    assert "{host}" in dialog.subject.text() + dialog.body.toPlainText()
    names = [dialog.placeholders.topLevelItem(n).text(0)  # type: ignore[union-attr]
             for n in range(dialog.placeholders.topLevelItemCount())]
    assert "{slots}" in names and "{signature}" in names
    # an unknown placeholder: refused, nothing stored
    dialog.subject.setText("Visit of {delegatoin}")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "unknown placeholder {delegatoin}" in dialog.error.text()
    assert dialog.error.isVisibleTo(dialog)
    screenshot(dialog, "letter-template-refused-en.png")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert stored_templates(tour_path) == []
    # a good one: saved as one undo step
    dialog.subject.setText("A visit to {host} during {tour}")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.key is not None and not dialog.work.running, timeout=WAIT)
    assert stored_templates(tour_path) == [("request", "en", "A visit to {host} during {tour}")]
    assert dialog.origin.text() == "The tour's own template"
    assert window.document.undo_stack.undoText() == \
        "Save letter template Request (English)"  # type: ignore[union-attr]
    # edited again: one SetFields
    dialog.subject.setText("Visit to {host}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_templates(tour_path)[0][2] == "Visit to {host}",
                    timeout=WAIT)
    window.undo_action.trigger()
    assert stored_templates(tour_path) == [("request", "en", "A visit to {host} during {tour}")]
    window.undo_action.trigger()
    assert stored_templates(tour_path) == []
    qtbot.waitUntil(lambda: dialog.origin.text() == "Built in" and not dialog.work.running,
                    timeout=WAIT)
    # reset to built-in: one undoable delete
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: dialog.key is not None and not dialog.work.running, timeout=WAIT)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert stored_templates(tour_path) == []
    window.undo_action.trigger()
    assert len(stored_templates(tour_path)) == 1
    dialog.close()


def test_templates_in_japanese(qtbot: QtBot, typed_window: MainWindow) -> None:
    window = typed_window
    window.set_language("ja")
    dialog = opened(qtbot, window.tour_menu, "letterTemplates")
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    qtbot.waitUntil(lambda: dialog.loaded is not None and dialog.loaded.language == "ja"
                    and not dialog.work.running, timeout=WAIT)
    screenshot(dialog, "letter-template-ja.png")
    # a refusal in the window's language
    dialog.subject.setText("{delegatoin}様ご訪問のお願い")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "不明な差し込み項目 {delegatoin}" in dialog.error.text()
    dialog.close()
    window.set_language("en")


def test_read_only_tour_disables_the_changing_actions(qtbot: QtBot, tour_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.findings_shown, timeout=WAIT):
        window.open_tour(str(tour_path), read_only=True)
    assert not window.offer_slots_action.isEnabled()
    assert not window.letter_templates_action.isEnabled()
    assert window.write_letters_action.isEnabled()  # writing letters changes nothing
    window.close()


def test_offered_slots_from_a_calendar_file(qtbot: QtBot, typed_window: MainWindow,
                                            tmp_path: Path) -> None:
    ics = tmp_path / "options.ics"
    ics.write_text("\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Neue Fabrik//EN", "BEGIN:VEVENT",
        "UID:option-1@neue-fabrik.example", "DTSTAMP:20270501T080000Z",
        "DTSTART:20270610T120000Z", "DTEND:20270610T140000Z", "SUMMARY:Option",
        "END:VEVENT", "END:VCALENDAR", ""]), encoding="utf-8")
    dialog = opened(qtbot, typed_window.tour_menu, "offeredSlots")
    qtbot.waitUntil(lambda: dialog.host.count() == 1, timeout=WAIT)
    dialog.ics.setText(str(ics))
    dialog.ics.editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog.timer.isActive() and not dialog.work.running
                    and dialog.preview_result is not None, timeout=WAIT)
    assert dialog.would.toPlainText().splitlines() == [
        "Windows added for Neue Fabrik (Europe/Berlin): Thu 10 Jun 14:00–16:00",
        "Moved Neue Fabrik visit from Tue 8 Jun 10:00–11:00 to Thu 10 Jun 14:00–15:00"]
    dialog.close()
