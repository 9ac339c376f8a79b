"""Editing records in the delegation's lists as a user does: goals for the whole delegation, a
goal's owner changed, priorities that say what they mean, and a refused value said once, with
the field showing the stored value again and the record that was being edited still current."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits
from planner.model import LearningGoal, Traveller
from planner.store import TourStore
from tests.ui.conftest import open_window, tour_rows
from ui.mainwindow import MainWindow
from ui.panels.records import ChoiceBox, RecordBrowser

PRIORITIES = ["1 – nice to know", "2", "3 – useful", "4", "5 – must learn"]


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    """A new tour with two travellers and three goals (one of the whole delegation)."""
    path = tmp_path / "from-nothing.ecovisit"
    edits.create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7))
    with TourStore.open(path) as store, store.transaction() as session:
        aiko = edits.add_record(session, "traveller", {
            "name": "Aiko Yamamoto", "name_ja": "山本 愛子", "email": "aiko@example.jp"}).value
        edits.add_record(session, "traveller", {"name": "Kenji Sato", "name_ja": "佐藤 健二"})
        edits.add_record(session, "goal", {"title": "Circular plastics", "priority": 5,
                                           "traveller_id": aiko})
        edits.add_record(session, "goal", {"title": "Hydrogen ferries", "priority": 1})
        edits.add_record(session, "goal", {"title": "Wind supply chain", "priority": 3,
                                           "traveller_id": aiko})
    return path


@pytest.fixture
def window(qtbot: QtBot, tour: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour)
    shown.delegation_dock.raise_()
    shown.activateWindow()
    yield shown
    for box in message_boxes():
        box.close()
    shown.translators.install("en")
    shown.close()


def key_of(browser: RecordBrowser, name: str) -> int:
    model = browser.model
    field = "title" if model.kind == "goal" else "name"
    return next(model.record_at(r).id for r in range(model.rowCount())
                if getattr(model.record_at(r), field) == name)


def cell(browser: RecordBrowser, key: int, field: str) -> str:
    row = browser.model.row_of(key)
    assert row is not None
    return str(browser.model.index(row, browser.model.column_of(field)).data())


def stored(path: Path, query: object) -> object:
    with TourStore.open(path) as store, store.transaction() as session:
        return session.execute(query).scalar_one()  # type: ignore[call-overload]


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def close_boxes(qtbot: QtBot, window: MainWindow) -> None:
    """Close the message boxes as the user does; the window is active again."""
    for box in message_boxes():
        box.accept()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


# --- goals ------------------------------------------------------------------------------------
def test_a_delegation_goal_is_created_and_its_owner_changed_and_undone(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    goals, travellers = window.goals, window.travellers
    aiko, kenji = key_of(travellers, "Aiko Yamamoto"), key_of(travellers, "Kenji Sato")
    travellers.select_key(aiko)
    menu = goals.add_button.menu()
    assert menu is not None
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == [
        "Goal for the whole delegation", "Goal for Aiko Yamamoto", "Goal for Kenji Sato"]
    menu.actions()[0].trigger()
    goal = goals.current_record()
    assert goal.title == "New learning goal" and goal.traveller_id is None
    assert cell(goals, goal.id, "traveller_id") == "Delegation"
    query = select(LearningGoal.traveller_id).where(LearningGoal.id == goal.id)
    assert stored(tour, query) is None

    owner = goals.form.editors["traveller_id"]
    assert isinstance(owner, ChoiceBox)
    assert [owner.itemText(i) for i in range(owner.count())] == [
        "Delegation", "Aiko Yamamoto", "Kenji Sato"]
    assert owner.currentText() == "Delegation"
    owner.setCurrentIndex(owner.findData(str(kenji)))
    owner.activated.emit(owner.currentIndex())  # as when the user picks Kenji
    assert stored(tour, query) == kenji
    assert cell(goals, goal.id, "traveller_id") == "Kenji Sato"
    assert window.document.undo_stack.undoText() == "Change owner of New learning goal"  # type: ignore[union-attr]
    window.undo_action.trigger()
    assert stored(tour, query) is None
    assert owner.currentText() == "Delegation"
    window.redo_action.trigger()
    assert owner.currentText() == "Kenji Sato"

    # The + button itself adds a goal for the traveller chosen in the list above.
    goals.add_button.click()
    assert goals.current_record().traveller_id == aiko


def test_a_goals_owner_is_chosen_in_the_table_too(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    goals = window.goals
    key = key_of(goals, "Hydrogen ferries")
    goals.select_key(key)
    index = goals.table.currentIndex().siblingAtColumn(goals.model.column_of("traveller_id"))
    goals.table.edit(index)
    editor = goals.table.findChild(ChoiceBox)
    assert editor is not None and editor.currentText() == "Delegation"
    editor.setCurrentIndex(editor.findText("Aiko Yamamoto"))
    editor.activated.emit(editor.currentIndex())
    aiko = key_of(window.travellers, "Aiko Yamamoto")
    assert stored(tour, select(LearningGoal.traveller_id).where(LearningGoal.id == key)) == aiko
    assert cell(goals, key, "traveller_id") == "Aiko Yamamoto"


def test_the_priority_says_what_it_means_and_sorts_by_number(
        window: MainWindow, tour: Path) -> None:
    goals = window.goals
    column = goals.model.column_of("priority")
    goals.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    shown = [goals.proxy.index(row, column).data() for row in range(goals.proxy.rowCount())]
    assert shown == ["1 – nice to know", "3 – useful", "5 – must learn"]
    goals.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert goals.proxy.index(0, column).data() == "5 – must learn"

    key = key_of(goals, "Wind supply chain")
    goals.select_key(key)
    priority = goals.form.editors["priority"]
    assert isinstance(priority, ChoiceBox)
    assert [priority.itemText(i) for i in range(priority.count())] == PRIORITIES
    assert priority.currentText() == "3 – useful"
    priority.setCurrentIndex(3)
    priority.activated.emit(3)
    assert stored(tour, select(LearningGoal.priority).where(LearningGoal.id == key)) == 4
    assert cell(goals, key, "priority") == "4"
    goals.filter_box.setText("must learn")  # the meaning is searched too
    assert goals.proxy.rowCount() == 1


# --- a refused value --------------------------------------------------------------------------
def type_bad_email(qtbot: QtBot, window: MainWindow, leave: str) -> QLineEdit:
    """Type a bad address into Aiko's e-mail field and leave the field as a user does."""
    travellers = window.travellers
    travellers.select_key(key_of(travellers, "Aiko Yamamoto"))
    email = travellers.form.editors["email"]
    assert isinstance(email, QLineEdit)
    email.setFocus()
    qtbot.waitUntil(email.hasFocus)
    email.selectAll()
    QTest.keyClicks(email, "not an address")
    if leave == "enter":
        QTest.keyClick(email, Qt.Key.Key_Return)
    elif leave == "tab":
        QTest.keyClick(email, Qt.Key.Key_Tab)
    else:  # a click on another traveller
        table = travellers.table
        row = travellers.proxy.mapFromSource(travellers.model.index(
            travellers.model.row_of(key_of(travellers, "Kenji Sato")) or 0, 0)).row()
        rect = table.visualRect(travellers.proxy.index(row, 0))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return email


@pytest.mark.parametrize("leave", ["enter", "tab", "click on another traveller"])
def test_a_refused_value_is_said_once_and_the_field_goes_back(
        qtbot: QtBot, window: MainWindow, tour: Path, leave: str) -> None:
    travellers = window.travellers
    before = tour_rows(tour)
    email = type_bad_email(qtbot, window, leave)
    qtbot.waitUntil(lambda: len(message_boxes()) >= 1)
    qtbot.wait(100)  # a second box would have come by now
    assert [box.text() for box in message_boxes()] == [
        "traveller e-mail: 'not an address' is not an e-mail address"]
    assert email.text() == "aiko@example.jp"  # the stored value again
    assert travellers.current_record().name == "Aiko Yamamoto"
    assert tour_rows(tour) == before
    assert not window.document.undo_stack.canUndo()  # type: ignore[union-attr]

    close_boxes(qtbot, window)
    qtbot.waitUntil(email.hasFocus)  # back in the field of the record being edited
    assert email.selectedText() == "aiko@example.jp"
    QTest.keyClicks(email, "aiko.yamamoto@example.jp")  # typing on replaces the stored value
    QTest.keyClick(email, Qt.Key.Key_Return)
    aiko = key_of(travellers, "Aiko Yamamoto")
    qtbot.waitUntil(lambda: stored(tour, select(Traveller.email).where(Traveller.id == aiko))
                    == "aiko.yamamoto@example.jp")
    assert stored(tour, select(Traveller.email).where(Traveller.name == "Kenji Sato")) == ""
    assert message_boxes() == []


def test_a_value_refused_in_the_table_is_said_once_in_the_windows_language(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    window.language_actions["ja"].trigger()
    travellers = window.travellers
    key = key_of(travellers, "Aiko Yamamoto")
    travellers.select_key(key)
    table = travellers.table
    index = table.currentIndex().siblingAtColumn(travellers.model.column_of("email"))
    table.setCurrentIndex(index)
    table.setFocus()
    table.edit(index)
    editor = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    QTest.keyClicks(editor, "still not")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(message_boxes()) >= 1)
    qtbot.wait(100)
    assert [box.text() for box in message_boxes()] == [
        "参加者のメール: 'still not' はメールアドレスではありません"]
    assert cell(travellers, key, "email") == "aiko@example.jp"
    assert travellers.form.editors["email"].text() == "aiko@example.jp"  # type: ignore
    close_boxes(qtbot, window)
    assert travellers.current_record().id == key
    assert table.currentIndex().column() == travellers.model.column_of("email")
