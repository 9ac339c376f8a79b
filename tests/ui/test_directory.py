"""The directory and delegation docks: filter, sort, edit in place and in the form, add and
delete, each one undoable and saved at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from planner.model import Contact, LearningGoal, Organisation, Traveller
from planner.store import TourStore
from tests.ui.conftest import tour_rows
from ui.mainwindow import MainWindow
from ui.panels.records import RecordBrowser


def shown_names(browser: RecordBrowser, column: int = 0) -> list[str]:
    proxy = browser.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def stored(path: Path, query: object) -> object:
    with TourStore.open(path) as store, store.transaction() as session:
        return session.execute(query).scalar_one()  # type: ignore[call-overload]


def test_the_filter_box_keeps_matching_rows_ignoring_case_accents_and_width(
        window: MainWindow) -> None:
    browser = window.organisations
    assert browser.proxy.rowCount() == 30
    browser.filter_box.setText("MUNICH corporate")  # every word must match, any column
    assert shown_names(browser) == ["BMW Group", "Siemens AG"]
    assert all("Munich" in browser.proxy.index(r, 3).data()
               for r in range(browser.proxy.rowCount()))
    assert browser.count_label.text() == "2 / 30"
    browser.filter_box.setText("Görlitzer")
    assert shown_names(browser) == ["Factory Berlin Görlitzer Park"]
    browser.filter_box.setText("gorlitzer")  # typed without the umlaut
    assert shown_names(browser) == ["Factory Berlin Görlitzer Park"]
    browser.filter_box.setText("ＢＭＷ")  # full-width letters, as a Japanese keyboard types
    assert shown_names(browser) == ["BMW Group"]
    browser.filter_box.clear()
    assert browser.proxy.rowCount() == 30 and browser.count_label.text() == "30"


def test_columns_sort_by_their_values(window: MainWindow) -> None:
    browser = window.organisations
    browser.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = shown_names(browser)
    assert names == sorted(names, key=str.casefold, reverse=True)
    goals = window.goals
    goals.table.sortByColumn(window.models["goal"].column_of("priority"),
                             Qt.SortOrder.AscendingOrder)
    column = window.models["goal"].column_of("priority")
    priorities = [int(p.split()[0]) for p in shown_names(goals, column)]  # "5 – must learn"
    assert priorities == sorted(priorities)


def test_an_edit_in_the_table_is_saved_and_undone(window: MainWindow, demo_path: Path) -> None:
    browser = window.organisations
    browser.filter_box.setText("celonis")
    cell = browser.proxy.index(0, window.models["organisation"].column_of("email"))
    assert browser.proxy.setData(cell, "visits@celonis.example")
    query = select(Organisation.email).where(Organisation.name == "Celonis")
    assert stored(demo_path, query) == "visits@celonis.example"
    assert cell.data() == "visits@celonis.example"
    assert window.document.undo_stack.undoText() == "Change e-mail of Celonis"  # type: ignore
    window.undo_action.trigger()
    assert stored(demo_path, query) == ""
    assert browser.proxy.index(0, cell.column()).data() == ""


def test_a_bad_value_is_refused_with_its_reason_and_nothing_changes(
        window: MainWindow, demo_path: Path) -> None:
    browser = window.organisations
    browser.filter_box.setText("celonis")
    before = tour_rows(demo_path)
    cell = browser.proxy.index(0, window.models["organisation"].column_of("email"))
    assert not browser.proxy.setData(cell, "not an address")
    assert "is not an e-mail address" in window.last_message
    assert cell.data() == ""
    assert not window.document.undo_stack.canUndo()  # type: ignore[union-attr]
    assert tour_rows(demo_path) == before


def test_the_detail_form_edits_the_current_record_including_unlisted_fields(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    browser = window.organisations
    model = window.models["organisation"]
    key = next(model.record_at(r).id for r in range(model.rowCount())
               if model.record_at(r).name == "Celonis")
    assert browser.select_key(key)
    notes = browser.form.editors["notes"]
    assert not browser.table.isColumnHidden(0) and browser.table.isColumnHidden(
        model.column_of("notes"))
    name = browser.form.editors["name"]
    assert isinstance(name, QLineEdit) and name.text() == "Celonis"
    notes.setFocus()
    notes.setPlainText("Ask for the <b>manufacturing</b> demo; bring badges.")  # type: ignore
    browser.form.mapper.submit()
    query = select(Organisation.notes).where(Organisation.id == key)
    assert stored(demo_path, query) == "Ask for the <b>manufacturing</b> demo; bring badges."
    kind = browser.form.editors["kind"]
    assert isinstance(kind, QComboBox)
    kind.setCurrentText("Corporate")  # the word shown; "corporate" is stored
    kind.activated.emit(kind.currentIndex())  # as when the user picks it
    assert stored(demo_path, select(Organisation.kind).where(Organisation.id == key)) \
        == "corporate"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert stored(demo_path, query) == ""
    assert kind.currentText() == "Scale-up"


def test_adding_and_deleting_organisations_and_contacts_is_undoable(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    organisations, contacts = window.organisations, window.contacts
    count = select(func.count()).select_from(Organisation)
    assert stored(demo_path, count) == 30
    organisations.add_button.click()
    assert stored(demo_path, count) == 31
    assert organisations.current_record().name == "New organisation"
    focused = QApplication.focusWidget()
    assert focused is organisations.form.editors["name"]
    window.undo_action.trigger()
    assert stored(demo_path, count) == 30
    assert window.models["organisation"].rowCount() == 30
    window.redo_action.trigger()
    assert stored(demo_path, count) == 31

    # A contact belongs to the organisation chosen in the Organisations list.
    bmw = next(r for r in range(window.models["organisation"].rowCount())
               if window.models["organisation"].record_at(r).name == "BMW Group")
    organisations.select_key(window.models["organisation"].record_at(bmw).id)
    contacts.add_button.click()
    new_contact = contacts.current_record()
    assert new_contact.name == "New contact" and new_contact.organisation.name == "BMW Group"

    # Deleting BMW takes its contacts along and clears it from its meeting; undo restores all.
    contact_count = select(func.count()).select_from(Contact)
    contacts_before = stored(demo_path, contact_count)
    organisations.filter_box.setText("BMW Group")
    organisations.table.selectRow(0)
    organisations.table.setFocus()
    window.delete_action.trigger()
    assert stored(demo_path, select(func.count()).select_from(Organisation).where(
        Organisation.name == "BMW Group")) == 0
    assert stored(demo_path, contact_count) < contacts_before
    assert organisations.proxy.rowCount() == 0
    assert not any("BMW Group" in (c.organisation.name if c.organisation else "")
                   for c in (window.models["contact"].record_at(r)
                             for r in range(window.models["contact"].rowCount())))
    window.undo_action.trigger()
    assert stored(demo_path, contact_count) == contacts_before
    assert organisations.proxy.rowCount() == 1
    assert any(item.organisation is not None and item.organisation.name == "BMW Group"
               for item in window.agenda_model.all_items())


def test_the_delegation_editor_edits_travellers_and_their_goals(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    travellers, goals = window.travellers, window.goals
    model = window.models["traveller"]
    first = model.record_at(0)
    travellers.select_key(first.id)
    goals.add_button.click()
    goal = goals.current_record()
    assert goal.title == "New learning goal" and goal.traveller_id == first.id
    assert goals.proxy.index(goals.table.currentIndex().row(), 0).data() == first.name
    cell = travellers.proxy.index(0, model.column_of("languages"))
    with qtbot.waitSignal(window.findings_shown, timeout=30_000):
        assert travellers.proxy.setData(cell, "Japanese, English, German")
    assert stored(demo_path, select(Traveller.languages).where(Traveller.id == first.id)) \
        == ["ja", "en", "de"]
    assert cell.data() == "ja, en, de"
    assert stored(demo_path, select(func.count()).select_from(LearningGoal).where(
        LearningGoal.traveller_id == first.id)) >= 1


def test_typed_text_is_never_markup(window: MainWindow, demo_path: Path) -> None:
    """A name like A<b>&Co; shows as typed in the table, the form and tooltips."""
    from PySide6.QtGui import QTextDocument

    browser = window.organisations
    browser.filter_box.setText("celonis")
    cell = browser.proxy.index(0, 0)
    hostile = "A<b>&Co; <font size=40>"
    assert browser.proxy.setData(cell, hostile)
    cell = browser.proxy.index(0, 0)  # the filter may hide it now; find it again
    browser.filter_box.clear()
    key = next(window.models["organisation"].record_at(r).id
               for r in range(window.models["organisation"].rowCount())
               if window.models["organisation"].record_at(r).name == hostile)
    browser.select_key(key)
    tip = browser.proxy.index(browser.table.currentIndex().row(), 0).data(
        Qt.ItemDataRole.ToolTipRole)
    shown = QTextDocument()
    shown.setHtml(tip)
    assert shown.toPlainText() == hostile
    assert browser.form.editors["name"].text() == hostile  # type: ignore[attr-defined]


def test_a_new_traveller_changes_who_everyone_is(window: MainWindow) -> None:
    from ui.models.agenda import AgendaModel

    model = window.agenda_model
    flight = model.index(0, AgendaModel.ATTENDEES, model.index(0, 0))
    assert flight.data() == "Everyone (5)"
    window.travellers.add_button.click()
    assert window.models["traveller"].rowCount() == 6
    # the flight's five travellers are no longer the whole delegation: their names show
    assert flight.data().count(",") == 4 and "Everyone" not in flight.data()
    window.undo_action.trigger()
    assert flight.data() == "Everyone (5)"


def test_a_refusal_is_said_in_the_windows_language(window: MainWindow) -> None:
    browser = window.organisations
    browser.filter_box.setText("celonis")
    cell = browser.proxy.index(0, window.models["organisation"].column_of("email"))
    window.language_actions["ja"].trigger()
    try:
        assert not browser.proxy.setData(cell, "not an address")
        assert window.last_message == "組織のメール: 'not an address' はメールアドレスではありません"
    finally:
        window.language_actions["en"].trigger()
    assert not browser.proxy.setData(cell, "still not")
    assert window.last_message == "organisation e-mail: 'still not' is not an e-mail address"
