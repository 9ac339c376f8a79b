"""The coverage view on the demo tour: goals by meetings, uncovered goals, the traveller filter,
clicks that select meetings, and the selection shown from elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.model import AgendaItem
from tests.ui.conftest import screenshot
from ui import commands
from ui.mainwindow import MainWindow
from ui.models.coverage import UNCOVERED, CoverageModel, MarkRole, UidRole
from ui.views.coverage import CoverageView

GENAI = "Generative AI in business under the EU AI Act"
MERANTIX = "AI venture building and the EU AI Act in practice"
#: What `ecovisit coverage` prints for the demo tour: meetings serving each goal.
CLI_COUNTS = {
    "How European corporates work with startups: venture clients, CVC and open innovation": 5,
    "Software-defined vehicles and automotive AI": 3,
    "New mobility business models: MaaS, micromobility, fleets": 4,
    "Deal flow: European startups that fit our CVC thesis": 4,
    "Startup speed and culture: what we can bring home to our own organisation": 5,
    "Battery, charging and energy-storage innovation": 3,
    "Industrial AI and process mining in manufacturing": 4,
    "Setting up a European innovation outpost: where, how, with whom": 3,
    "Circular economy and sustainable manufacturing": 4,
    "How public agencies fund deep tech (Finland, Germany, France)": 3,
    GENAI: 1,
    "University spin-offs and technology transfer": 3,
    "Digital twins, 5G/6G and the connected factory": 3,
}


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow) -> CoverageView:
    shown = CoverageView(window.selection, window.operations)
    qtbot.addWidget(shown)
    shown.set_document(window.document)  # read once it can be seen
    shown.resize(1250, 640)
    with qtbot.waitSignal(shown.refreshed, timeout=30_000):
        shown.show()
        qtbot.waitExposed(shown)
    return shown


def rows(view: CoverageView) -> dict[str, str]:
    """Goal title -> what its "Served by" cell says."""
    model = view.model
    return {model.index(r, CoverageModel.GOAL).data(): model.index(r, CoverageModel.SUMMARY).data()
            for r in range(model.rowCount())}


def row_of(view: CoverageView, title: str) -> int:
    model = view.model
    return next(r for r in range(model.rowCount())
                if model.index(r, CoverageModel.GOAL).data() == title)


def hosts(view: CoverageView) -> list[str]:
    model = view.model
    return [model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(CoverageModel.FIRST_MEETING, model.columnCount())]


def item(window: MainWindow, title: str) -> AgendaItem:
    return next(i for i in window.agenda_model.all_items() if i.title == title)


def click_cell(qtbot: QtBot, view: CoverageView, row: int, column: int) -> None:
    """Click a cell where a user sees it (the goal titles are a table of their own)."""
    table = view.goal_table if column == CoverageModel.GOAL else view.table
    index = view.model.index(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())


def test_every_goal_is_a_row_and_the_demo_plan_covers_them_all(
        window: MainWindow, view: CoverageView) -> None:
    goals = window.models["goal"]
    assert set(rows(view)) == {goals.record_at(r).title for r in range(goals.rowCount())}
    expected = {title: "1 meeting" if n == 1 else f"{n} meetings"
                for title, n in CLI_COUNTS.items()}
    assert rows(view) == expected
    assert view.summary_label.text().startswith("All 13 goals covered")
    assert "100%" in view.summary_label.text()
    assert len(hosts(view)) == 19
    assert hosts(view)[:3] == ["Business Finland", "Maria 01", "Fortum"]  # Tuesday morning
    row = row_of(view, GENAI)
    model = view.model
    assert model.index(row, CoverageModel.OWNER).data() == "Yumiko Sato"
    assert model.index(row, CoverageModel.PRIORITY).data() == "3"
    marks = [model.index(row, c).data(MarkRole) for c in range(4, model.columnCount())]
    assert marks.count("serves") == 1
    assert hosts(view)[marks.index("serves")] == "Merantix AI Campus"
    assert model.index(row, CoverageModel.GOAL).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, CoverageModel.OWNER).data() == "Delegation"


def test_deleting_the_only_meeting_of_a_goal_uncovers_it_and_undo_brings_it_back(
        qtbot: QtBot, window: MainWindow, view: CoverageView) -> None:
    document = window.document
    assert document is not None
    merantix = item(window, MERANTIX)
    with qtbot.waitSignal(view.refreshed):
        assert commands.execute(commands.DeleteRecord(document, "item", merantix.id,
                                                      merantix.title))
    assert rows(view)[GENAI] == "Not covered"
    assert "Merantix AI Campus" not in hosts(view)
    model = view.model
    row = row_of(view, GENAI)
    for column in (CoverageModel.GOAL, CoverageModel.SUMMARY, CoverageModel.FIRST_MEETING):
        assert model.index(row, column).data(Qt.ItemDataRole.BackgroundRole) == UNCOVERED
    assert model.index(row, CoverageModel.SUMMARY).data(Qt.ItemDataRole.DecorationRole)
    assert model.index(row, CoverageModel.SUMMARY).data(Qt.ItemDataRole.FontRole).bold()
    assert "no planned meeting serves this goal" in model.index(row, 0).data(
        Qt.ItemDataRole.ToolTipRole)
    assert view.summary_label.text().startswith("1 of 13 goals not covered")
    others = [title for title, text in rows(view).items() if title != GENAI]
    assert all(rows(view)[t] != "Not covered" for t in others)
    # What people look at: an uncovered goal, and a meeting selected in the agenda.
    window.selection.select_items([item(window, "Process mining for manufacturing").uid])
    # The whole matrix fits a wide window: no sideways scrolling once the layout settles.
    qtbot.waitUntil(lambda: view.table.horizontalScrollBar().maximum() == 0)
    path = screenshot(view, "coverage.png")
    assert path.stat().st_size > 10_000

    with qtbot.waitSignal(view.refreshed):
        document.undo_stack.undo()
    assert rows(view)[GENAI] == "1 meeting"
    assert "Merantix AI Campus" in hosts(view)
    assert model.index(row_of(view, GENAI), 0).data(Qt.ItemDataRole.BackgroundRole) is None
    with qtbot.waitSignal(view.refreshed):
        document.undo_stack.redo()
    assert rows(view)[GENAI] == "Not covered"


def test_the_traveller_filter_shows_their_goals_and_meetings(
        qtbot: QtBot, window: MainWindow, view: CoverageView) -> None:
    box = view.traveller_box
    assert [box.itemText(n) for n in range(box.count())] == [
        "Whole delegation", "Kenji Takahashi", "Yumiko Sato", "Hiroshi Nakamura",
        "Aiko Yamamoto", "Takeshi Ito"]
    with qtbot.waitSignal(view.refreshed):
        box.setCurrentIndex(box.findText("Aiko Yamamoto"))
    model = view.model
    owners = {model.index(r, CoverageModel.OWNER).data() for r in range(model.rowCount())}
    assert owners == {"Aiko Yamamoto", "Delegation"}
    assert set(rows(view)) == {
        "Industrial AI and process mining in manufacturing",
        "Digital twins, 5G/6G and the connected factory",
        "How European corporates work with startups: venture clients, CVC and open innovation",
        "Startup speed and culture: what we can bring home to our own organisation",
        "Circular economy and sustainable manufacturing"}
    assert "WERK1" not in hosts(view)  # she is at Celonis meanwhile
    assert len(hosts(view)) == 18
    # The filter stays through edits; the whole delegation comes back with the first entry.
    document = window.document
    assert document is not None
    merantix = item(window, MERANTIX)
    with qtbot.waitSignal(view.refreshed):
        commands.execute(commands.DeleteRecord(document, "item", merantix.id, merantix.title))
    assert box.currentText() == "Aiko Yamamoto"
    assert rows(view)["Industrial AI and process mining in manufacturing"] == "3 meetings"
    with qtbot.waitSignal(view.refreshed):
        view.show_traveller(None)
    assert box.currentText() == "Whole delegation" and model.rowCount() == 13


def test_clicks_select_meetings_in_the_window(
        qtbot: QtBot, window: MainWindow, view: CoverageView) -> None:
    model = view.model
    row = row_of(view, GENAI)
    column = next(c for c in range(4, model.columnCount())
                  if model.index(row, c).data(MarkRole) == "serves")
    merantix = item(window, MERANTIX)
    click_cell(qtbot, view, row, column)
    assert window.selection.items == (merantix.uid,)
    selected = [window.agenda_model.item_at(i) for i in
                window.agenda_view.selectionModel().selectedRows()]
    assert [i.title for i in selected if i is not None] == [MERANTIX]
    assert view.chosen_meetings() == [merantix.uid]

    empty = next(c for c in range(4, model.columnCount())
                 if model.index(row, c).data(MarkRole) == "")
    click_cell(qtbot, view, row, empty)  # nothing there: the selection stays
    assert window.selection.items == (merantix.uid,)

    circular = row_of(view, "Circular economy and sustainable manufacturing")
    click_cell(qtbot, view, circular, CoverageModel.GOAL)
    assert len(window.selection.items) == 4
    assert set(window.selection.items) == set(model.goal_at(circular).meetings)  # type: ignore[union-attr]

    header = view.header
    first = CoverageModel.FIRST_MEETING
    x = header.sectionViewportPosition(first) + header.sectionSize(first) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() - 20))
    assert window.selection.items == (model.headerData(first, Qt.Orientation.Horizontal,
                                                       UidRole),)
    assert view.chosen_meetings() == list(window.selection.items)


def test_meetings_selected_elsewhere_are_highlighted(
        window: MainWindow, view: CoverageView) -> None:
    bmw = item(window, "BMW Startup Garage and the software-defined vehicle")
    celonis = item(window, "Process mining for manufacturing")
    lunch = next(i for i in window.agenda_model.all_items() if i.kind.value == "meal")
    window.selection.select_items([celonis.uid, bmw.uid, lunch.uid])  # a meal has no column
    assert view.chosen_meetings() == [bmw.uid, celonis.uid]
    window.selection.select_organisations([1])
    assert view.chosen_meetings() == []


def test_goal_titles_stay_in_sight_while_the_meetings_scroll(
        qtbot: QtBot, window: MainWindow, view: CoverageView) -> None:
    view.resize(520, 420)  # as in a narrow dock
    qtbot.waitUntil(lambda: view.table.horizontalScrollBar().maximum() > 0)
    renault = item(window, "Software-defined vehicles and the circular economy at Renault")
    window.selection.select_items([renault.uid])
    column = view.model.column_of(renault.uid)
    assert column is not None and view.chosen_meetings() == [renault.uid]
    goals = view.goal_table
    assert goals.isVisible() and view.table.horizontalScrollBar().value() > 0
    shown = view.table.visualRect(view.model.index(0, column))
    assert shown.left() >= goals.width() and shown.right() <= view.table.viewport().width()
    assert goals.visualRect(view.model.index(0, CoverageModel.GOAL)).left() == 0
    assert goals.horizontalHeader().height() == view.header.height()
    assert goals.columnWidth(CoverageModel.GOAL) == view.header.sectionSize(CoverageModel.GOAL)


def test_the_model_is_a_well_behaved_qt_model(
        qtbot: QtBot, qtmodeltester: ModelTester, window: MainWindow,
        view: CoverageView) -> None:
    qtmodeltester.check(view.model, force_py=True)
    document = window.document
    assert document is not None
    merantix = item(window, MERANTIX)
    with qtbot.waitSignal(view.refreshed):
        commands.execute(commands.DeleteRecord(document, "item", merantix.id, merantix.title))
    with qtbot.waitSignal(view.refreshed):
        view.traveller_box.setCurrentIndex(2)
    view.set_document(None)
    assert view.model.rowCount() == 0 and view.model.columnCount() == 4
    qtmodeltester.check(view.model)


def test_japanese_titles_and_user_text_as_data(
        qtbot: QtBot, window: MainWindow, view: CoverageView) -> None:
    view.set_language("ja")
    model = view.model
    titles = [model.index(r, CoverageModel.GOAL).data() for r in range(model.rowCount())]
    assert "スタートアップのスピードと文化：自社に持ち帰れること" in titles
    assert "Aiko Yamamoto" not in {model.index(r, 1).data() for r in range(model.rowCount())}
    assert "2027年5月11日" in model.headerData(4, Qt.Orientation.Horizontal,
                                              Qt.ItemDataRole.ToolTipRole) \
        or "5月11日" in model.headerData(4, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.ToolTipRole)
    view.set_language("en")
    document = window.document
    assert document is not None
    goal = next(window.models["goal"].record_at(r) for r in range(13)
                if window.models["goal"].record_at(r).title == GENAI)
    with qtbot.waitSignal(view.refreshed):
        commands.execute(commands.SetField(document, "goal", goal.id, "title", "A<b>&Co;",
                                           goal.title))
    row = row_of(view, "A<b>&Co;")
    tip = model.index(row, CoverageModel.GOAL).data(Qt.ItemDataRole.ToolTipRole)
    assert "A&lt;b&gt;&amp;Co;" in tip and "<b>&Co;" not in tip
    column = next(c for c in range(4, model.columnCount())
                  if model.index(row, c).data(MarkRole) == "serves")
    assert "“A&lt;b&gt;&amp;Co;”" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
