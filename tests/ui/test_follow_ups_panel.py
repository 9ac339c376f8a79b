"""The follow-ups panel on a tour built from nothing: a follow-up added through its form (owner,
host contact, meeting, goal, due day), undone and redone; the overdue filter with a fixed today
and the overdue finding in the findings panel; marked done (the finding gone) and undone, given
to another owner, deleted; the list in English and Japanese; one added by another program shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits
from planner.model import FollowUp, FollowUpStatus
from planner.store import TourStore
from tests.ui.conftest import open_window, screenshot
from tests.ui.test_places import to_english, to_japanese
from ui.mainwindow import MainWindow
from ui.models.follow_ups import ANY
from ui.panels.follow_ups import FollowUpDialog, FollowUpsDock, FollowUpsPanel

#: "Today" in these tests: after the tour, some follow-ups already due.
TODAY = date(2027, 6, 1)
OVERDUE_DUE = date(2027, 5, 20)


@pytest.fixture
def tour_path(tmp_path: Path) -> Path:
    """A five-day tour typed from nothing: two travellers, a host with a contact, a meeting
    there, a goal."""
    path = tmp_path / "after.ecovisit"
    edits.create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7))
    with TourStore.open(path) as store, store.transaction() as session:
        def add(record: str, **values: object) -> int:
            return int(edits.add_record(session, record, values).value)

        aiko = add("traveller", name="Aiko Yamamoto", name_ja="山本 愛子")
        add("traveller", name="Kenji Sato", name_ja="佐藤 健二")
        vinnova = add("organisation", name="Vinnova")
        add("contact", name="Eva Lind", organisation_id=vinnova)
        goal = add("goal", title="Deep-tech funding", title_ja="ディープテックの資金", priority=5)
        add("item", title="Meeting at Vinnova", kind="meeting", organisation_id=vinnova,
            start="2027-05-04T10:00:00+02:00", end="2027-05-04T11:30:00+02:00",
            attendees=[aiko], goals=[goal])
    return path


@pytest.fixture
def window(qtbot: QtBot, tour_path: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour_path)
    assert shown.document is not None
    shown.document.today = TODAY
    with qtbot.waitSignal(shown.findings_shown, timeout=30_000):
        shown.document.check_everything()  # the checks' today too
    yield shown
    shown.translators.install("en")
    shown.close()


def panel_of(qtbot: QtBot, window: MainWindow) -> FollowUpsPanel:
    dock = window.follow_ups_dock  # the window installs it (install_follow_ups)
    assert isinstance(dock, FollowUpsDock)
    assert dock.toggleViewAction() in window.view_menu.actions()
    QApplication.processEvents()  # the tab bar is laid out
    with qtbot.waitSignal(dock.panel.refreshed, timeout=10_000):
        dock.raise_()  # the tab comes forward: the list is read then
    assert dock.panel.model.today == TODAY
    return dock.panel


def stored(path: Path) -> list[tuple[str, int | None, FollowUpStatus, date | None]]:
    with TourStore.open(path) as store, store.session() as session:
        return [(f.description, f.owner_id, f.status, f.completed)
                for f in session.scalars(select(FollowUp).order_by(FollowUp.id))]


def findings(window: MainWindow) -> list[str]:
    """What the findings panel says, row by row."""
    model = window.findings_model
    return [str(model.index(row, 2).data()) for row in range(model.rowCount())]


def open_form(qtbot: QtBot, panel: FollowUpsPanel, edit: bool = False) -> FollowUpDialog:
    qtbot.mouseClick(panel.buttons["edit" if edit else "add"], Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def choose(box: object, text: str) -> None:
    index = box.findText(text)  # type: ignore[attr-defined]
    assert index >= 0, text
    box.setCurrentIndex(index)  # type: ignore[attr-defined]


def ok(qtbot: QtBot, panel: FollowUpsPanel, dialog: FollowUpDialog) -> None:
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)


def test_follow_ups_added_undone_filtered_done_and_deleted(
        qtbot: QtBot, window: MainWindow, tour_path: Path) -> None:
    panel = panel_of(qtbot, window)
    stack = window.document.undo_stack  # type: ignore[union-attr]
    assert panel.row_texts() == []
    # --- add through the form --------------------------------------------------------------
    dialog = open_form(qtbot, panel)
    assert dialog.windowTitle() == "Add Follow-up"
    assert dialog.owner.currentText() == "Coordinator"
    qtbot.keyClicks(dialog.description, "Send the pilot proposal")
    choose(dialog.owner, "Aiko Yamamoto")
    choose(dialog.contact, "Eva Lind (Vinnova)")
    choose(dialog.meeting, "Tue 4 May · Meeting at Vinnova")
    choose(dialog.goal, "Deep-tech funding")
    dialog.has_due.setChecked(True)
    dialog.due.setDate(QDate(2027, 5, 20))
    screenshot(dialog, "follow-up-form-en.png")
    ok(qtbot, panel, dialog)
    proposal = ["Send the pilot proposal", "Thu 20 May", "overdue", "Aiko Yamamoto",
                "Eva Lind (Vinnova)", "Tue 4 May · Meeting at Vinnova", "Deep-tech funding"]
    assert panel.row_texts() == [proposal]
    assert panel.selected_rows()[0].description == "Send the pilot proposal"
    assert stack.undoText() == "Add follow-up Send the pilot proposal"
    assert stored(tour_path) == [("Send the pilot proposal", 1, FollowUpStatus.OPEN, None)]
    # the overdue follow-up is a finding (the window re-checks follow-ups after an edit)
    overdue = ('Follow-up "Send the pilot proposal" (Aiko Yamamoto) was due on Thu 20 May 2027 '
               'and is still open.')
    qtbot.waitUntil(lambda: overdue in findings(window))
    day_cell = window.findings_model.index(findings(window).index(overdue), 0)
    assert day_cell.data() == "Whole tour"  # not a day's: the tour's
    screenshot(window.findings_view, "follow-ups-finding-en.png")
    # a click on the finding shows the follow-up, even behind a filter that hid it
    panel.set_filter(owner=None)
    panel.table.clearSelection()
    row = findings(window).index(overdue)
    window.findings_view.clicked.emit(window.findings_model.index(row, 2))
    qtbot.waitUntil(lambda: [r.description for r in panel.selected_rows()]
                    == ["Send the pilot proposal"])
    # --- undo, redo -------------------------------------------------------------------------
    with qtbot.waitSignal(panel.refreshed):
        window.undo_action.trigger()
    assert panel.row_texts() == []
    assert stored(tour_path) == []
    with qtbot.waitSignal(panel.refreshed):
        window.redo_action.trigger()
    assert panel.row_texts() == [proposal]
    # --- a second one, the coordinator's, without a due day ---------------------------------
    dialog = open_form(qtbot, panel)
    qtbot.keyClicks(dialog.description, "Share the photos with the hosts")
    ok(qtbot, panel, dialog)
    assert [row[0] for row in panel.row_texts()] == ["Send the pilot proposal",
                                                     "Share the photos with the hosts"]
    assert panel.row_texts()[1][1:] == ["", "open", "Coordinator", "", "", ""]
    assert panel.count_label.text() == "2 · 1 overdue"
    # --- filters ----------------------------------------------------------------------------
    panel.set_filter(overdue_only=True)
    assert [row[0] for row in panel.row_texts()] == ["Send the pilot proposal"]
    assert panel.count_label.text() == "1 / 2 · 1 overdue"
    QApplication.processEvents()  # the layout after the count's new text
    screenshot(window, "follow-ups-overdue-en.png")
    panel.set_filter(owner=None)
    assert [row[0] for row in panel.row_texts()] == ["Share the photos with the hosts"]
    goal_key = panel.model.rows[0].goal_id
    panel.set_filter(goal=goal_key)
    assert [row[0] for row in panel.row_texts()] == ["Send the pilot proposal"]
    panel.set_filter()
    # sorted by due (none last); a click on the header sorts by description
    panel.table.horizontalHeader().sectionClicked.emit(0)
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in panel.row_texts()] == ["Share the photos with the hosts",
                                                     "Send the pilot proposal"]
    panel.table.sortByColumn(panel.model.DUE, Qt.SortOrder.AscendingOrder)
    # --- done, undone -----------------------------------------------------------------------
    panel.select_keys([panel.model.rows[0].id])
    with qtbot.waitSignal(panel.refreshed):
        qtbot.mouseClick(panel.buttons["done"], Qt.MouseButton.LeftButton)
    assert panel.row_texts()[0][2] == "done · Tue 1 Jun"
    assert stored(tour_path)[0][2:] == (FollowUpStatus.DONE, TODAY)
    qtbot.waitUntil(lambda: overdue not in findings(window))  # done: no longer a finding
    assert panel.count_label.text() == "2"
    panel.set_filter(overdue_only=True)
    assert panel.row_texts() == []
    with qtbot.waitSignal(panel.refreshed):
        window.undo_action.trigger()
    assert [row[2] for row in panel.row_texts()] == ["overdue"]
    assert stored(tour_path)[0][2:] == (FollowUpStatus.OPEN, None)
    qtbot.waitUntil(lambda: overdue in findings(window))
    panel.set_filter()
    # --- handed to Kenji, then deleted and back ---------------------------------------------
    panel.select_keys([panel.model.rows[0].id])
    dialog = open_form(qtbot, panel, edit=True)
    assert dialog.windowTitle() == "Follow-up"
    assert dialog.description.text() == "Send the pilot proposal"
    choose(dialog.owner, "Kenji Sato")
    ok(qtbot, panel, dialog)
    assert panel.row_texts()[0][3] == "Kenji Sato"
    assert stack.undoText() == "Change follow-up Send the pilot proposal"
    panel.select_keys([row.id for row in panel.model.rows])
    with qtbot.waitSignal(panel.refreshed):
        qtbot.mouseClick(panel.buttons["delete"], Qt.MouseButton.LeftButton)
    assert panel.row_texts() == []
    assert stack.undoText() == "Delete 2 follow-ups"
    with qtbot.waitSignal(panel.refreshed):
        window.undo_action.trigger()
    assert len(panel.row_texts()) == 2
    # the window's Delete key deletes the follow-ups chosen in the panel, as in every table
    window.follow_ups_dock.raise_()  # the dock shares its place with others: in front
    window.activateWindow()  # (the forms the test opened had it)
    panel.select_keys([panel.model.rows[1].id])
    panel.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.table)
    with qtbot.waitSignal(panel.refreshed):
        window.delete_action.trigger()
    assert [row[0] for row in panel.row_texts()] == ["Send the pilot proposal"]
    assert stack.undoText() == "Delete Share the photos with the hosts"
    with qtbot.waitSignal(panel.refreshed):
        window.undo_action.trigger()
    assert len(panel.row_texts()) == 2
    # --- Japanese ---------------------------------------------------------------------------
    to_japanese(window)
    qtbot.waitUntil(lambda: panel.row_texts()[0][3] == "佐藤 健二")
    assert panel.row_texts()[0][6] == "ディープテックの資金"
    dialog = open_form(qtbot, panel)  # the form in Japanese, down to its empty choices
    assert [box.itemText(0) for box in (dialog.contact, dialog.meeting, dialog.goal)] == \
        ["（なし）"] * 3
    dialog.reject()
    QApplication.processEvents()
    screenshot(window, "follow-ups-ja.png")
    to_english(window)
    assert panel.owner_box.currentData() == ANY


def test_a_refused_follow_up_is_said_in_the_form(qtbot: QtBot, window: MainWindow,
                                                 tour_path: Path) -> None:
    panel = panel_of(qtbot, window)
    dialog = open_form(qtbot, panel)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == "Say what is to be done."
    dialog.reject()
    assert stored(tour_path) == []


def test_a_follow_up_added_by_another_program_shows(qtbot: QtBot, window: MainWindow,
                                                    tour_path: Path) -> None:
    panel = panel_of(qtbot, window)
    with TourStore.open(tour_path) as store, store.transaction() as session:  # the CLI, say
        edits.add_record(session, "follow_up", {"description": "Book the return visit",
                                                "due": "2027-05-25"})
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        assert window.check_outside()
    assert panel.row_texts() == [["Book the return visit", "Tue 25 May", "overdue",
                                  "Coordinator", "", "", ""]]
