"""The main window: for now the tour's day-by-day agenda, read-only."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QMainWindow, QTreeView
from sqlalchemy import select

from planner.model import Traveller
from planner.queries import agenda_items, load_tour
from planner.store import TourStore
from ui.models.agenda import AgendaModel


class MainWindow(QMainWindow):
    """The coordinator's window on one open tour."""

    def __init__(self, store: TourStore) -> None:
        super().__init__()
        self.store = store
        with store.transaction() as session:
            tour = load_tour(session)
            self.tour_title = tour.title
            items = list(session.scalars(agenda_items()))
            delegation_size = len(session.scalars(select(Traveller.id)).all())
            days = len(tour.days)
            revision = tour.revision
        self.setWindowTitle(f"{self.tour_title} — Ecovisit")
        self.agenda_model = AgendaModel(items, delegation_size, self)
        self.agenda_view = QTreeView(self)
        self.agenda_view.setObjectName("agendaView")
        self.agenda_view.setAccessibleName(self.tr("Agenda"))
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setUniformRowHeights(True)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.expandAll()
        for row in range(self.agenda_model.rowCount()):
            self.agenda_view.setFirstColumnSpanned(row, self.agenda_view.rootIndex(), True)
        header = self.agenda_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 330)
        self.setCentralWidget(self.agenda_view)
        self.statusBar().showMessage(
            self.tr("{items} items over {days} days · revision {revision}").format(
                items=len(items), days=days, revision=revision))
        self._build_menus()
        self.resize(1200, 760)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
