"""The first window: opens offscreen on the demo tour and shows its agenda."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.locations import demo_tour_path
from planner.store import TourStore
from ui.app import tour_to_open
from ui.mainwindow import MainWindow


def day_rows(window: MainWindow) -> list[str]:
    model = window.agenda_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def item_titles(window: MainWindow) -> list[str]:
    model = window.agenda_model
    titles = []
    for row in range(model.rowCount()):
        day = model.index(row, 0)
        titles += [model.index(r, 1, day).data() for r in range(model.rowCount(day))]
    return titles


def test_the_window_shows_the_demo_agenda_day_by_day(qtbot: QtBot, demo_store: TourStore,
                                                     tmp_path: Path) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("Europe Innovation Ecosystem Study Tour")
    days = day_rows(window)
    assert days[0] == "Mon 10 May 2027 · Tokyo / Helsinki"
    assert len(days) == 9  # ten days, Saturday free
    titles = item_titles(window)
    assert len(titles) == 30
    assert "BMW Startup Garage and the software-defined vehicle" in titles
    model = window.agenda_model
    flight = model.index(0, 0, model.index(0, 0))
    assert flight.data() == "10:35 JST – 17:50 EEST"
    assert model.index(0, 3, model.index(0, 0)).data() == "Everyone (5)"
    assert window.agenda_view.isExpanded(model.index(0, 0))
    assert "30 items over 10 days" in window.statusBar().currentMessage()
    window.grab().save(str(tmp_path / "main-window.png"))
    assert (tmp_path / "main-window.png").stat().st_size > 10_000


def test_the_agenda_model_is_a_well_behaved_qt_model(qtmodeltester: ModelTester,
                                                     demo_store: TourStore) -> None:
    window = MainWindow(demo_store)
    qtmodeltester.check(window.agenda_model)
    model = window.agenda_model
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)
    assert model.item_at(model.index(0, 0)) is None
    assert model.item_at(model.index(0, 0, model.index(0, 0))) is not None
    assert model.rowCount(model.index(0, 1)) == 0  # only column 0 of a day has children
    assert not model.parent(QModelIndex()).isValid()
    window.close()


def test_a_first_start_opens_the_demo_tour(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert tour_to_open([], settings) == str(demo_tour_path())
    assert demo_tour_path().exists()
    settings.setValue("tours/last", str(tmp_path / "gone.ecovisit"))  # a vanished last tour
    assert tour_to_open([], settings) == str(demo_tour_path())
    assert tour_to_open(["other.ecovisit"], settings) == "other.ecovisit"


def test_the_findings_dock_lists_the_checkers_findings_and_selects_their_items(
        qtbot: QtBot, qtmodeltester: ModelTester, demo_path: Path, tmp_path: Path) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from planner.model import AgendaItem

    with TourStore.open(demo_path) as store, store.transaction() as session:
        celonis = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Process mining"))).one()
        celonis.start -= timedelta(minutes=60)  # now overlaps BMW
        celonis.end -= timedelta(minutes=60)
    with TourStore.open(demo_path) as store:
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtmodeltester.check(window.findings_model)
        model = window.findings_model
        rows = [(model.index(r, 1).data(), model.index(r, 2).data())
                for r in range(model.rowCount())]
        overlap = next(r for r, (severity, text) in enumerate(rows)
                       if severity == "error" and "overlap" in text)
        assert "BMW Startup Garage" in rows[overlap][1]
        window.findings_view.clicked.emit(model.index(overlap, 2))
        selected = {window.agenda_model.item_at(i).title  # type: ignore[union-attr]
                    for i in window.agenda_view.selectionModel().selectedRows()}
        assert selected == {"BMW Startup Garage and the software-defined vehicle",
                            "Process mining for manufacturing"}
        window.grab().save(str(tmp_path / "findings.png"))
        window.close()
