"""The main window: the tour's day-by-day agenda, and the findings of the feasibility check."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QTableView,
    QTreeView,
)
from sqlalchemy import select

from planner.feasibility import Checker
from planner.feasibility.plan import Plan
from planner.model import Traveller
from planner.queries import agenda_items, load_tour
from planner.store import TourStore
from planner.timezones import local_today
from ui.models.agenda import AgendaModel
from ui.models.findings import FindingsModel


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
            findings = Checker(Plan.from_session(session), local_today()).check_all()
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
        self.findings_model = FindingsModel(parent=self)
        self.findings_model.set_findings(findings)
        self.findings_view = QTableView(self)
        self.findings_view.setObjectName("findingsView")
        self.findings_view.setAccessibleName(self.tr("Findings"))
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setWordWrap(True)
        self.findings_view.verticalHeader().hide()
        findings_header = self.findings_view.horizontalHeader()
        findings_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        findings_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.findings_view.clicked.connect(self.show_finding)
        self.findings_dock = QDockWidget(self.tr("Findings"), self)
        self.findings_dock.setObjectName("findingsDock")
        self.findings_dock.setWidget(self.findings_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.statusBar().showMessage(
            self.tr("{items} items over {days} days · revision {revision}").format(
                items=len(items), days=days, revision=revision))
        self._build_menus()
        self.resize(1200, 760)

    def show_finding(self, index: QModelIndex) -> None:
        """Select the agenda items a finding is about (and show the first of them)."""
        finding = self.findings_model.finding_at(index)
        if finding is None:
            return
        selection = self.agenda_view.selectionModel()
        selection.clearSelection()
        first = None
        for uid in finding.items:
            found = self.agenda_model.index_of(uid)
            if found.isValid():
                selection.select(found, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
                first = first or found
        if first is not None:
            self.agenda_view.scrollTo(first)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
