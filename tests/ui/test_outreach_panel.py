"""The outreach panel on a tour typed from nothing: a host asked through the panel's form (its
idea meeting and contact by default), marked sent (the meeting becomes requested), a reminder
due after the tour's working days in the row, the filter, the counts and the findings; reminder
sent, confirmed (the meeting too), confirmation sent, declined with a reason (the meeting
cancelled); each undone with Edit > Undo; Japanese headers; and the demo's 21 requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits
from planner.model import AgendaItem, HostRequest, ItemStatus, RequestState
from planner.store import TourStore
from tests.conftest import DEMO_START
from tests.ui.conftest import open_window, screenshot
from tests.ui.test_places import to_english, to_japanese
from ui.mainwindow import MainWindow
from ui.models.outreach import ANY
from ui.panels.outreach import AskHostDialog, DeclineDialog, OutreachDock, OutreachPanel

#: "Today" in these tests: a Monday two months before the tour.
MONDAY = date(2027, 3, 1)
#: Five working days later: the reminder is due.
NEXT_MONDAY = date(2027, 3, 8)


@pytest.fixture
def tour_path(tmp_path: Path) -> Path:
    """A five-day tour typed from nothing: a host with a contact and an idea meeting, and a
    second host with nothing yet."""
    path = tmp_path / "asking.ecovisit"
    edits.create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7))
    with TourStore.open(path) as store, store.transaction() as session:
        def add(record: str, **values: object) -> int:
            return int(edits.add_record(session, record, values).value)

        vinnova = add("organisation", name="Vinnova", name_ja="ヴィンノーヴァ")
        add("organisation", name="Almi")
        add("contact", name="Eva Lind", organisation_id=vinnova, email="eva.lind@example.se")
        add("item", title="Meeting at Vinnova", kind="meeting", organisation_id=vinnova,
            status="idea", start="2027-05-04T10:00:00+02:00", end="2027-05-04T11:30:00+02:00")
    return path


def set_today(qtbot: QtBot, window: MainWindow, today: date) -> None:
    assert window.document is not None
    window.document.today = today
    with qtbot.waitSignal(window.findings_shown, timeout=30_000):
        window.document.check_everything()  # the checks' today too


@pytest.fixture
def window(qtbot: QtBot, tour_path: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour_path)
    set_today(qtbot, shown, MONDAY)
    yield shown
    shown.translators.install("en")
    shown.close()


def panel_of(qtbot: QtBot, window: MainWindow) -> OutreachPanel:
    dock = window.outreach_dock  # the window installs it (install_outreach)
    assert isinstance(dock, OutreachDock)
    assert dock.toggleViewAction() in window.view_menu.actions()
    QApplication.processEvents()  # the tab bar is laid out
    with qtbot.waitSignal(dock.panel.refreshed, timeout=10_000):
        dock.raise_()  # the tab comes forward: the list is read then
    return dock.panel


def request_state(path: Path) -> list[tuple[RequestState, date | None, str, ItemStatus]]:
    with TourStore.open(path) as store, store.session() as session:
        found = []
        for r in session.scalars(select(HostRequest).order_by(HostRequest.id)):
            item = session.get_one(AgendaItem, r.item_id)
            found.append((r.state, r.sent_on, r.reason, item.status))
        return found


def findings(window: MainWindow) -> list[str]:
    model = window.findings_model
    return [str(model.index(row, 2).data()) for row in range(model.rowCount())]


def chasing(window: MainWindow) -> list[str]:
    """The findings that Vinnova has not answered."""
    return [text for text in findings(window) if text.startswith("Vinnova has not answered")]


def click(qtbot: QtBot, panel: OutreachPanel, name: str) -> None:
    assert panel.buttons[name].isEnabled(), name
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        qtbot.mouseClick(panel.buttons[name], Qt.MouseButton.LeftButton)


def undo(qtbot: QtBot, window: MainWindow, panel: OutreachPanel, text: str) -> None:
    assert window.document is not None
    assert window.document.undo_stack.undoText() == text
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        window.undo_action.trigger()


def test_a_host_asked_chased_confirmed_and_declined_each_undone(
        qtbot: QtBot, window: MainWindow, tour_path: Path) -> None:
    panel = panel_of(qtbot, window)
    assert panel.row_texts() == []
    assert panel.count_label.text() == "0"
    # --- ask through the form: the host chosen in the directory first -----------------------
    assert window.organisations.select_key(1)  # Vinnova
    qtbot.mouseClick(panel.buttons["ask"], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, AskHostDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert [dialog.host.itemText(i) for i in range(dialog.host.count())] == ["Almi", "Vinnova"]
    assert dialog.host.currentText() == "Vinnova"
    assert dialog.meeting.currentText() == "Tue 4 May · Meeting at Vinnova"
    assert dialog.contact.currentText() == "Eva Lind <eva.lind@example.se>"
    screenshot(dialog, "outreach-ask-en.png")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    to_write = ["Vinnova", "to write", "", "write the request and mark it sent",
                "Tue 4 May · Meeting at Vinnova", "Eva Lind"]
    assert panel.row_texts() == [to_write]
    assert [r.host for r in panel.selected_rows()] == ["Vinnova"]
    assert request_state(tour_path) == [(RequestState.TO_WRITE, None, "", ItemStatus.IDEA)]
    assert panel.count_label.text() == "1 · 1 to write"
    # --- sent: the meeting is requested ------------------------------------------------------
    click(qtbot, panel, "sent")
    assert panel.row_texts()[0][1:3] == ["sent", "0"]
    assert request_state(tour_path) == [(RequestState.SENT, MONDAY, "", ItemStatus.REQUESTED)]
    assert not panel.buttons["sent"].isEnabled() and panel.buttons["reminded"].isEnabled()
    undo(qtbot, window, panel, "Mark request to Vinnova sent")
    assert panel.row_texts() == [to_write]
    assert request_state(tour_path) == [(RequestState.TO_WRITE, None, "", ItemStatus.IDEA)]
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        window.redo_action.trigger()
    assert request_state(tour_path) == [(RequestState.SENT, MONDAY, "", ItemStatus.REQUESTED)]
    # --- five working days later: the reminder is due, in the row and the findings -----------
    set_today(qtbot, window, NEXT_MONDAY)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.refresh()
    row = panel.row_texts()[0]
    assert row[1:4] == ["reminder due", "5", "send a reminder and mark it sent"]
    state_cell = panel.proxy.index(0, 1)
    assert state_cell.data(Qt.ItemDataRole.FontRole).bold()
    assert "reminder due" in state_cell.data(Qt.ItemDataRole.ToolTipRole)
    overdue = chasing(window)
    assert len(overdue) == 1 and "5 working days" in overdue[0], findings(window)
    assert panel.count_label.text() == "1 · 1 sent (1 reminder due)"
    panel.set_filter("reminder_due")
    assert len(panel.row_texts()) == 1
    panel.set_filter("confirmed")
    assert panel.row_texts() == []
    assert panel.count_label.text() == "0 / 1 · 1 sent (1 reminder due)"
    # a click on the finding shows the request, even behind a filter that hid it
    panel.table.clearSelection()
    row_of_finding = findings(window).index(overdue[0])
    window.findings_view.clicked.emit(window.findings_model.index(row_of_finding, 2))
    assert panel.state_box.currentData() == ANY
    assert [r.host for r in panel.selected_rows()] == ["Vinnova"]
    QApplication.processEvents()
    screenshot(window, "outreach-reminder-due-en.png")
    # --- reminder sent: no longer due -------------------------------------------------------
    click(qtbot, panel, "reminded")
    assert panel.row_texts()[0][1] == "sent"
    qtbot.waitUntil(lambda: not chasing(window))
    undo(qtbot, window, panel, "Reminder sent to Vinnova")
    assert panel.row_texts()[0][1] == "reminder due"
    qtbot.waitUntil(lambda: bool(chasing(window)))
    # --- confirmed (the meeting too), confirmation sent -------------------------------------
    click(qtbot, panel, "confirmed")
    assert panel.row_texts()[0][1] == "confirmed"
    assert request_state(tour_path)[0][0::3] == (RequestState.CONFIRMED, ItemStatus.CONFIRMED)
    assert panel.row_texts()[0][3] == "send the confirmation letter and mark it sent"
    click(qtbot, panel, "confirmation")
    assert panel.row_texts()[0][3] == "nothing: confirmation sent on Mon 8 Mar 2027"
    assert not panel.buttons["confirmation"].isEnabled()
    undo(qtbot, window, panel, "Confirmation sent to Vinnova")
    assert panel.row_texts()[0][3] == "send the confirmation letter and mark it sent"
    undo(qtbot, window, panel, "Mark Vinnova confirmed")
    assert request_state(tour_path) == [(RequestState.SENT, MONDAY, "", ItemStatus.REQUESTED)]
    # --- declined with a reason: the meeting cancelled --------------------------------------
    qtbot.mouseClick(panel.buttons["declined"], Qt.MouseButton.LeftButton)
    decline = panel.dialog
    assert isinstance(decline, DeclineDialog)
    qtbot.waitUntil(decline.isVisible)
    qtbot.keyClicks(decline.reason, "no capacity in May")
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        qtbot.mouseClick(decline.buttons.button(decline.buttons.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    assert panel.row_texts()[0][1:4] == ["declined", "",
                                        "nothing: left out of planning for this tour"]
    assert "no capacity in May" in panel.proxy.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert request_state(tour_path) == [
        (RequestState.DECLINED, MONDAY, "no capacity in May", ItemStatus.CANCELLED)]
    undo(qtbot, window, panel, "Mark Vinnova declined")
    assert request_state(tour_path) == [(RequestState.SENT, MONDAY, "", ItemStatus.REQUESTED)]
    # --- no answer, then the request itself undone and redone (the same key) -----------------
    click(qtbot, panel, "no_answer")
    assert panel.row_texts()[0][1] == "no answer"
    undo(qtbot, window, panel, "Mark Vinnova no answer")
    key = panel.model.rows[0].request_id
    undo(qtbot, window, panel, "Mark request to Vinnova sent")
    undo(qtbot, window, panel, "Ask Vinnova")
    assert panel.row_texts() == [] and request_state(tour_path) == []
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        window.redo_action.trigger()
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        window.redo_action.trigger()  # marked sent again: the request has its key
    assert [r.request_id for r in panel.model.rows] == [key]
    # (on the day it was marked, as the step was made)
    assert request_state(tour_path) == [(RequestState.SENT, MONDAY, "", ItemStatus.REQUESTED)]
    # --- the window's Delete key deletes the chosen request ---------------------------------
    window.outreach_dock.raise_()
    window.activateWindow()
    panel.select_host("Vinnova")
    panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.table)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        window.delete_action.trigger()
    assert panel.row_texts() == []
    undo(qtbot, window, panel, "Delete request to Vinnova")
    assert len(panel.row_texts()) == 1
    # --- Japanese -----------------------------------------------------------------------------
    to_japanese(window)
    qtbot.waitUntil(lambda: panel.row_texts()[0][0] == "ヴィンノーヴァ")
    headers = [panel.proxy.headerData(c, Qt.Orientation.Horizontal)
               for c in range(panel.proxy.columnCount())]
    assert [headers[4], headers[5], headers[1]] == ["面談", "先方担当者", "状況"]
    assert panel.row_texts()[0][1] in ("送付済み", "催促期限")
    QApplication.processEvents()
    screenshot(window, "outreach-ja.png")
    to_english(window)
    assert panel.state_box.currentData() == ANY


def test_the_demo_lists_its_requests_with_one_reminder_due(qtbot: QtBot,
                                                           demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    set_today(qtbot, window, DEMO_START - timedelta(days=62))  # as the demo was written
    panel = panel_of(qtbot, window)
    assert len(panel.model.rows) == 21
    first = panel.row_texts()[0]
    assert first[0] == "Celonis" and first[1] == "reminder due"
    text = panel.count_label.text()
    assert text.startswith("21 · ") and "sent (1 reminder due)" in text, text
    panel.set_filter("reminder_due")
    assert [row[0] for row in panel.row_texts()] == ["Celonis"]
    panel.set_filter()
    QApplication.processEvents()
    screenshot(window, "outreach-demo-en.png")
    window.close()
