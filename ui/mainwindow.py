"""The main window: the agenda in the middle; the directory, the delegation and the findings in
docks around it; menus for tours, editing, panels and language.

A tour is read on a worker (:meth:`MainWindow.open_tour`), then shown; the window stays
responsive while a big tour opens or is checked. Every edit is an undo command on the document's
undo stack and is committed at once, so there is no Save; Save As copies the tour with SQLite's
backup API and carries on in the copy.

Other programs may use the tour at the same time: every two seconds, and whenever the window
comes forward, it asks whether one changed it (:meth:`TourDocument.check_outside`, a cheap
question) and shows the tour as it is then. A tour that cannot be written (a read-only file or
folder) opens for reading: the title and a banner say so, and what would change it is disabled
with the reason as its tooltip.
"""

from __future__ import annotations

import gc
import importlib
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import DamagedTourFile, TourReadOnly
from planner.feasibility import Severity
from planner.formatting import format_day
from planner.geo.landmask import land_mask
from planner.store import SUFFIX, TourStore
from ui import commands, settings
from ui.commands import DeleteRecord
from ui.document import TourContents, TourDocument, read_contents
from ui.i18n import LANGUAGES, Translators, current_language, resolve
from ui.models.agenda import AgendaModel
from ui.models.findings import FindingsModel
from ui.models.records import RecordTableModel
from ui.operations import OperationIndicator, Operations, Progress, collections_paused
from ui.panels.availability import AvailabilitySection
from ui.panels.follow_ups import install_follow_ups
from ui.panels.organisation_place import OrganisationPlace
from ui.panels.outreach import install_outreach
from ui.panels.places import PlacesPanel
from ui.panels.records import RecordBrowser
from ui.panels.stays import StaysPanel
from ui.selection import Selection
from ui.text import fill, tooltip
from ui.views.coverage import CoverageView
from ui.views.debrief import DebriefView
from ui.views.empty_state import EmptyStateGuide
from ui.views.route_map import RouteMapView
from ui.views.timeline import OrganisationDragSource, TimelineView
from ui.widgets.location import MapPicker
from ui.widgets.split_day import SplitDayMenu

TOUR_FILES = "*" + SUFFIX
#: How often, at most, the window asks whether a backup is due (seconds).
BACKUP_ASK_SECONDS = 60.0
#: How often the window asks whether another program changed the open tour (milliseconds).
OUTSIDE_CHECK_MS = 2_000
#: The first-start layout: the directory's width and the findings' height (pixels).
FIRST_DOCK_WIDTH, FIRST_FINDINGS_HEIGHT = 480, 230


class MainWindow(QMainWindow):
    """The coordinator's window on one open tour."""

    #: A tour was opened and is shown (its location).
    tour_opened = Signal(str)
    #: The findings panel shows the current findings.
    findings_shown = Signal()

    def __init__(self, translators: Translators | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.translators = translators or Translators()
        self.operations = Operations(self)
        self.selection = Selection(self)
        self.selection.changed.connect(self._selection_changed)
        self.document: TourDocument | None = None
        self._frozen_checker: object = None
        self.location = ""
        self.last_message = ""
        self.repair_box: QMessageBox | None = None
        self._backup_tried = 0.0
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._install_debrief_parts()
        self.indicator = OperationIndicator(self.operations, self)
        self.statusBar().addPermanentWidget(self.indicator)
        #: The tour's size and current revision: a widget of its own, so the status bar's
        #: passing messages never hide it for good.
        self.tour_status = QLabel(self)
        self.tour_status.setObjectName("tourStatus")
        self.statusBar().addPermanentWidget(self.tour_status)
        self.findings_status = QLabel(self)
        self.findings_status.setContentsMargins(0, 0, 12, 0)
        self.statusBar().addPermanentWidget(self.findings_status)
        #: Closed: a tour still being read when the window closed is not shown (it would start
        #: the window polling the file again behind a closed window).
        self.closed = False
        self._fit_on_first_show = False  # set by _restore_layout
        #: Closed with every worker ended and the tour's store closed (see closeEvent).
        self.closed_cleanly = False
        self.outside_timer = QTimer(self)
        self.outside_timer.setInterval(OUTSIDE_CHECK_MS)
        self.outside_timer.timeout.connect(self.check_outside)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state)
        self.resize(1280, 800)
        self.retranslate()
        self._restore_layout()
        self._show_document_state()

    # --- building -----------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.agenda_model = AgendaModel(self)
        self.agenda_view = QTreeView(self)
        self.agenda_view.setObjectName("agendaView")
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setUniformRowHeights(True)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.agenda_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.agenda_view.header()
        header.setStretchLastSection(False)
        # Fixed widths from the font, never ResizeToContents: that re-measures every row on
        # every change, which froze the window for seconds on a 500-item tour.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AgendaModel.WHERE, QHeaderView.ResizeMode.Stretch)
        metrics = self.agenda_view.fontMetrics()
        for column, sample in ((AgendaModel.TIME, "10:35 EEST – 17:50 EEST (+1)"),
                               (AgendaModel.TITLE, "x" * 34),
                               (AgendaModel.ATTENDEES, "Everyone (15)xx"),
                               (AgendaModel.STATUS, "Requestedxx")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.agenda_model.rowsInserted.connect(self._day_inserted)
        self.agenda_view.selectionModel().selectionChanged.connect(self._agenda_selected)
        self.agenda_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agenda_view.customContextMenuRequested.connect(self._agenda_menu)
        self.timeline = TimelineView(self.selection, self)
        self.central_tabs = QTabWidget(self)
        self.central_tabs.setObjectName("centralTabs")
        self.central_tabs.setDocumentMode(True)
        self.central_tabs.addTab(self.agenda_view, "")
        self.central_tabs.addTab(self.timeline, "")
        # After the tour: what was learned at each meeting, and how the delegation rated it
        self.debrief = DebriefView(self.selection, self.operations, self)
        self.central_tabs.addTab(self.debrief, "")
        self.add_item_button = QToolButton(self.central_tabs)  # its action: _build_actions
        self.add_item_button.setObjectName("addItemButton")
        self.add_item_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.central_tabs.setCornerWidget(self.add_item_button, Qt.Corner.TopRightCorner)
        # an organisation dragged from the directory over the Timeline tab opens it
        self.central_tabs.tabBar().setChangeCurrentOnDrag(True)
        self.central_tabs.tabBar().setAcceptDrops(True)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self.read_only_banner = QLabel(central)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_banner.setStyleSheet(
            "QLabel#readOnlyBanner { background: #fff3cd; color: #5c4400; padding: 6px 10px;"
            " border-bottom: 1px solid #e0c97f; }")
        self.read_only_banner.hide()
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.central_tabs)
        self.setCentralWidget(central)
        # What to do next, over a new tour's empty agenda and timeline (gone with the first item)
        self.agenda_guide = EmptyStateGuide(self, self.agenda_model, self.agenda_view.viewport(),
                                            "agendaGuide")
        self.timeline_guide = EmptyStateGuide(self, self.agenda_model, self.timeline,
                                              "timelineGuide", at_bottom=True)

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        # The directory takes the right side from top to bottom, so its form shows every field
        # beside its table at 1280×800; the findings sit under the agenda. (Set before the
        # docks are added: later, it left the window a minimum height of the docks as added.)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.models = {kind: RecordTableModel(kind, self)
                       for kind in ("organisation", "contact", "traveller", "goal")}
        self.organisations = RecordBrowser(self.models["organisation"], lambda: {}, self)
        self.contacts = RecordBrowser(self.models["contact"], self._new_contact_values, self)
        self.travellers = RecordBrowser(self.models["traveller"], lambda: {}, self)
        self.goals = RecordBrowser(self.models["goal"], self._new_goal_values, self)
        self.goals.set_choices("traveller_id", self._traveller_choices)
        self.goals.set_add_choices(self._goal_add_choices)
        # Places: the route map is lent to location fields once it is built (below)
        self.map_picker = MapPicker(parent=self)
        self.organisation_place = OrganisationPlace(self.organisations, self.operations,
                                                    self.map_picker)
        self.places = PlacesPanel(self.operations, self.map_picker, self)
        self.models["place"] = self.places.model
        self.availability = AvailabilitySection(self.organisations, self.operations, self)
        self.organisations.form.add_section(self.availability)
        self.browsers = (self.organisations, self.contacts, self.travellers, self.goals,
                         self.places)
        self.organisations.table.selectionModel().selectionChanged.connect(
            self._organisations_selected)
        self.organisation_drag = OrganisationDragSource(self.organisations)  # to the timeline
        self.directory_tabs = QTabWidget(self)
        self.directory_tabs.setObjectName("directoryTabs")
        self.directory_tabs.addTab(self.organisations, "")
        self.directory_tabs.addTab(self.contacts, "")
        self.directory_tabs.addTab(self.places, "")
        self.directory_dock = self._dock("directoryDock", self.directory_tabs,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        delegation = QSplitter(Qt.Orientation.Vertical, self)
        delegation.setObjectName("delegationSplitter")
        delegation.addWidget(self.travellers)
        delegation.addWidget(self.goals)
        self.delegation_dock = self._dock("delegationDock", delegation,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.directory_dock, self.delegation_dock)
        self.directory_dock.raise_()
        self.findings_model = FindingsModel(parent=self)
        self.findings_view = QTableView(self)
        self.findings_view.setObjectName("findingsView")
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setWordWrap(True)
        self.findings_view.verticalHeader().hide()
        findings_header = self.findings_view.horizontalHeader()
        findings_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        findings_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        metrics = self.findings_view.fontMetrics()
        for column, sample in ((0, "Mon 10 Mayxx"), (1, "warningxx"), (3, "x" * 42)):
            findings_header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.findings_view.clicked.connect(self.show_finding)
        self.findings_view.activated.connect(self.show_finding)
        findings_panel = QWidget(self)
        layout = QVBoxLayout(findings_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.findings_view)
        self.findings_dock = self._dock("findingsDock", findings_panel,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.route_map = RouteMapView(self.selection, self.operations, self)
        self.map_dock = self._dock("mapDock", self.route_map,
                                   Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.delegation_dock, self.map_dock)
        self.map_picker.map_view, self.map_picker.dock = self.route_map, self.map_dock
        self.stays = StaysPanel(self.operations, self.map_picker, self)
        self.stays_dock = self._dock("staysDock", self.stays,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.map_dock, self.stays_dock)
        self.directory_dock.raise_()
        self.coverage = CoverageView(self.selection, self.operations, self)
        self.map_dock.visibilityChanged.connect(
            lambda shown: shown and QTimer.singleShot(0, self.route_map.catch_up))
        self.coverage_dock = self._dock("coverageDock", self.coverage,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.findings_dock, self.coverage_dock)
        self.coverage_dock.visibilityChanged.connect(
            lambda shown: shown and QTimer.singleShot(0, self.coverage.catch_up))
        self.findings_dock.raise_()
        # The first-start layout (a saved one replaces it), usable at 1280×800: the findings
        # tall enough for several rows, the agenda's columns all in sight
        self.resizeDocks([self.directory_dock], [FIRST_DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findings_dock], [FIRST_FINDINGS_HEIGHT], Qt.Orientation.Vertical)

    def _action(self, slot: Any, shortcut: Any = None, name: str = "") -> QAction:
        action = QAction(self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcuts(key_sequences(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.new_tour, keys.New, "newTour")
        self.open_action = self._action(self.choose_tour, keys.Open, "openTour")
        self.save_as_action = self._action(self.save_as, keys.SaveAs, "saveAs")
        self.restore_action = self._action(self.restore_from_backup, None, "restoreBackup")
        self.quit_action = self._action(self.close, keys.Quit, "quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action(self.undo, keys.Undo, "undo")
        # Ctrl+Shift+Z everywhere, as well as what the platform binds (Ctrl+Y on Windows): each
        # key once, or Qt calls the key ambiguous and neither does anything (X11 binds it too)
        self.redo_action = self._action(self.redo, (keys.Redo, "Ctrl+Shift+Z"), "redo")
        self.delete_action = self._action(self.delete_selection, keys.Delete, "delete")
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action = self._action(self.find_in_directory, keys.Find, "find")
        self.check_action = self._action(self.check_again, "F5", "checkAgain")
        self.import_action = self._action(self.import_contacts, None, "importContacts")
        # Dialogs are imported when first opened: the window starts without their modules.
        self.travel_action = self._action(
            lambda: self._open_dialog("travel_settings", "TravelSettingsDialog"), None,
            "travelSettings")
        self.export_ics_action = self._action(
            lambda: self._open_dialog("export", "ExportCalendarDialog"), None, "exportCalendar")
        self.export_pdf_action = self._action(
            lambda: self._open_dialog("export", "ExportPdfDialog"), keys.Print, "exportPdf")
        self.publish_action = self._action(
            lambda: self._open_dialog("publish", "PublishDialog"), None, "publish")
        self.plan_action = self._action(self.plan_tour, None, "planTour")
        # After the tour: the notes sheet out and back, the follow-ups out, the letters
        self.export_notes_action = self._action(
            lambda: self._open_dialog("debrief_files", "ExportNotesDialog"), None, "exportNotes")
        self.import_notes_action = self._action(
            lambda: self._open_dialog("debrief_files", "ImportNotesDialog"), None, "importNotes")
        self.export_follow_ups_action = self._action(
            lambda: self._open_dialog("debrief_files", "ExportFollowUpsDialog"), None,
            "exportFollowUps")
        self.write_thanks_action = self._action(
            lambda: self._open_dialog("debrief_files", "WriteThanksDialog"), None, "writeThanks")
        # Before the tour: the letters that ask hosts, their replies' slots, the templates
        self.write_letters_action = self._action(
            lambda: self._open_dialog("outreach_letters", "WriteLettersDialog"), None,
            "writeHostLetters")
        self.offer_slots_action = self._action(self.offered_slots, None, "offeredSlots")
        self.letter_templates_action = self._action(
            lambda: self._open_dialog("letter_templates", "LetterTemplatesDialog"), None,
            "letterTemplates")
        self.add_item_action = self._action(lambda: self.add_item(), "Ctrl+Shift+N", "addItem")
        self.add_item_action.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.ListAdd))
        self.add_item_button.setDefaultAction(self.add_item_action)
        self.edit_item_action = self._action(self.edit_selected_item, None, "editItem")
        self.duplicate_item_action = self._action(self.duplicate_selected_items, None,
                                                  "duplicateItem")
        self.add_place_action = self._action(lambda: self.places.add(), None, "addPlace")
        self.add_stay_action = self._action(lambda: self.stays.add(), None, "addStay")
        self.properties_action = self._action(
            lambda: self._open_dialog("tour_properties", "TourPropertiesDialog"), None,
            "tourProperties")
        self.about_action = self._action(self.about, None, "about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(QApplication.aboutQt, None, "aboutQt")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", *LANGUAGES):
            action = QAction(self.language_group)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_actions[code] = action
        self.language_actions[settings.get(settings.LANGUAGE)
                              if settings.get(settings.LANGUAGE) in LANGUAGES
                              else ""].setChecked(True)
        for action in (self.undo_action, self.redo_action, self.delete_action):
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addActions([self.new_action, self.open_action])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.save_as_action, self.restore_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_ics_action, self.export_pdf_action,
                                   self.publish_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_notes_action, self.import_notes_action,
                                   self.export_follow_ups_action, self.write_thanks_action])
        self.file_menu.addAction(self.write_letters_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.delete_action, self.find_action])
        self.edit_menu.aboutToShow.connect(self._name_undo_actions)
        self.agenda_menu = bar.addMenu("")
        self.agenda_menu.setObjectName("agendaMenu")
        self.agenda_menu.addActions([self.add_item_action, self.edit_item_action,
                                     self.duplicate_item_action])
        self.agenda_menu.aboutToShow.connect(self._enable_item_actions)
        self.tour_menu = bar.addMenu("")
        self.tour_menu.setObjectName("tourMenu")
        self.tour_menu.addActions([self.import_action, self.plan_action])
        self.tour_menu.addSeparator()
        self.tour_menu.addActions([self.properties_action, self.travel_action])
        self.tour_menu.addActions([self.offer_slots_action, self.letter_templates_action])
        self.tour_menu.addSeparator()
        self.tour_menu.addActions([self.add_place_action, self.add_stay_action])
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        for dock in (self.directory_dock, self.delegation_dock, self.map_dock,
                     self.findings_dock, self.coverage_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(self.stays_dock.toggleViewAction())
        self._view_docks_end = self.view_menu.addSeparator()
        self.view_menu.addAction(self.check_action)
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addActions([self.about_action, self.about_qt_action])

    def _install_debrief_parts(self) -> None:
        """After the tour: the follow-ups dock (tabbed with the findings, listed with the
        other docks in the View menu)."""
        self.follow_ups_dock = install_follow_ups(self)
        toggle = self.follow_ups_dock.toggleViewAction()
        self.view_menu.removeAction(toggle)  # among the docks, not after the languages
        self.view_menu.insertAction(self._view_docks_end, toggle)
        self.outreach_dock = install_outreach(self)  # asking hosts, tabbed likewise
        toggle = self.outreach_dock.toggleViewAction()
        self.view_menu.removeAction(toggle)
        self.view_menu.insertAction(self._view_docks_end, toggle)

    # --- language -----------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The window's language (:func:`ui.i18n.current_language`, the one source)."""
        return current_language()

    def set_language(self, choice: str) -> None:
        """Switch the window to a language ('' follows the system) and remember the choice."""
        settings.put(settings.LANGUAGE, choice)
        self.translators.install(resolve(choice))  # sends LanguageChange to every widget
        self.language_actions[choice if choice in LANGUAGES else ""].setChecked(True)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text of the window in the current language."""
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.agenda_menu.setTitle(self.tr("A&genda"))
        self.add_item_action.setText(self.tr("&Add Item…"))
        self.edit_item_action.setText(self.tr("&Edit Item…"))
        self.duplicate_item_action.setText(self.tr("&Duplicate Item"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tour_menu.setTitle(self.tr("&Tour"))
        self.import_action.setText(self.tr("&Import Contacts…"))
        self.plan_action.setText(self.tr("&Plan Automatically…"))
        self.travel_action.setText(self.tr("&Travel Settings…"))
        self.add_place_action.setText(self.tr("Add &Place…"))
        self.add_stay_action.setText(self.tr("Add &Hotel Night…"))
        self.stays_dock.setWindowTitle(self.tr("Hotels"))
        self.directory_tabs.setTabText(self.directory_tabs.indexOf(self.places),
                                       self.tr("Places"))
        self.properties_action.setText(self.tr("P&roperties…"))
        self.export_ics_action.setText(self.tr("Export &Calendar…"))
        self.export_pdf_action.setText(self.tr("Export &PDF…"))
        self.publish_action.setText(self.tr("P&ublish to Calendar Server…"))
        self.export_notes_action.setText(self.tr("&Export Notes Sheet…"))
        self.import_notes_action.setText(self.tr("&Import Notes Sheet…"))
        self.export_follow_ups_action.setText(self.tr("Export &Follow-ups…"))
        self.write_thanks_action.setText(self.tr("Write &Thank-you Letters…"))
        self.write_letters_action.setText(self.tr("Write &Host Letters…"))
        self.offer_slots_action.setText(self.tr("Offered &Slots…"))
        self.letter_templates_action.setText(self.tr("Letter &Templates…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.new_action.setText(self.tr("&New Tour…"))
        self.open_action.setText(self.tr("&Open Tour…"))
        self.save_as_action.setText(self.tr("Save &As…"))
        self.restore_action.setText(self.tr("Restore from &Backup…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.delete_action.setText(self.tr("&Delete"))
        self.find_action.setText(self.tr("&Find…"))
        self.check_action.setText(self.tr("Check the Whole Tour Again"))
        self.about_action.setText(self.tr("&About Ecovisit"))
        self.about_qt_action.setText(self.tr("About &Qt"))
        self.language_actions[""].setText(self.tr("System Language"))
        for code, name in LANGUAGES.items():
            self.language_actions[code].setText(name)
        self._name_undo_actions()
        if self.document is not None and self.document.read_only:
            self._show_read_only()
        self.directory_dock.setWindowTitle(self.tr("Directory"))
        self.delegation_dock.setWindowTitle(self.tr("Delegation and Goals"))
        self.findings_dock.setWindowTitle(self.tr("Findings"))
        self.coverage_dock.setWindowTitle(self.tr("Coverage"))
        self.map_dock.setWindowTitle(self.tr("Map"))
        self.route_map.retranslate()
        self.coverage.retranslate()
        self.directory_tabs.setTabText(0, self.tr("Organisations"))
        self.directory_tabs.setTabText(1, self.tr("Contacts"))
        self.agenda_view.setAccessibleName(self.tr("Agenda"))
        self.central_tabs.setTabText(0, self.tr("Agenda"))
        self.central_tabs.setTabText(1, self.tr("Timeline"))
        self.central_tabs.setTabText(self.central_tabs.indexOf(self.debrief),
                                     self.tr("Debrief"))
        self.timeline.retranslate()
        self.findings_view.setAccessibleName(self.tr("Findings"))
        for browser in self.browsers:
            browser.retranslate()
        self.indicator.retranslate()
        self.agenda_model.set_language(self.language)
        self.timeline.set_language(self.language)
        self.coverage.set_language(self.language)
        self.debrief.set_language(self.language)
        self.findings_model.set_language(self.language)
        for model in self.models.values():
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        self._show_document_state()

    def _name_undo_actions(self) -> None:
        stack = self.document.undo_stack if self.document else None
        undo_text = stack.undoText() if stack else ""
        redo_text = stack.redoText() if stack else ""
        self.undo_action.setText(fill(self.tr("&Undo %1"), undo_text).strip()
                                 if undo_text else self.tr("&Undo"))
        self.redo_action.setText(fill(self.tr("&Redo %1"), redo_text).strip()
                                 if redo_text else self.tr("&Redo"))
        writable = not (self.document is not None and self.document.read_only)
        self.undo_action.setEnabled(bool(stack and stack.canUndo()) and writable)
        self.redo_action.setEnabled(bool(stack and stack.canRedo()) and writable)

    # --- opening and closing tours ------------------------------------------------------------
    def open_tour(self, location: str, *, read_only: bool = False) -> None:
        """Open a tour file or database URL in the background; the current tour stays until
        the new one is read, and stays if it cannot be. A tour this user may not write (a
        read-only file or folder) opens for reading, as it does with *read_only*."""

        def work(progress: Progress) -> tuple[TourStore, TourContents]:
            store = open_store(location, read_only=read_only)
            try:
                with collections_paused():
                    return store, read_contents(store, progress)
            except BaseException:
                store.close()
                raise

        self.operations.run(fill(self.tr("Opening %1"), _short(location)), work,
                            lambda result: self._show_tour(location, *result),
                            lambda error: self._open_failed(location, error))

    def _open_failed(self, location: str, error: BaseException) -> None:
        if isinstance(error, DamagedTourFile) and "://" not in location:
            from ui.dialogs.restore import offer_repair

            self.last_message = str(error)
            offer_repair(self, Path(location), error)
            return
        self.tell(self.tr("The tour cannot be opened"), str(error))

    def _show_tour(self, location: str, store: TourStore, contents: TourContents) -> None:
        if self.closed:
            store.close()
            return
        self._close_document()
        document = TourDocument(store, contents, self.operations, self)
        self.document = document
        self.location = location
        travellers = contents.records["traveller"]
        self.agenda_model.set_document(document, contents.records["item"], len(travellers))
        for kind, model in self.models.items():
            model.set_document(document, contents.records[kind])
        self.agenda_view.expandAll()
        self._span_days()
        self.timeline.set_document(document)
        self.coverage.set_document(document)
        self.debrief.set_document(document)
        self.stays.set_document(document)
        document.records_changed.connect(self._records_changed)
        document.findings_changed.connect(self._show_findings)
        document.tour_changed.connect(self._show_document_state)
        document.edit_failed.connect(lambda text: self.tell(self.tr("The change was not made"),
                                                            text))
        document.changed_outside.connect(self._changed_outside)
        stack = document.undo_stack
        for signal in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged):
            signal.connect(self._name_undo_actions)
        stack.indexChanged.connect(self._back_up_when_due)
        stack.indexChanged.connect(self._show_document_state)  # the revision each step made
        self._name_undo_actions()
        settings.remember_tour(location)
        self._show_document_state()
        self.findings_model.set_findings([])
        self._show_read_only()
        upgraded = getattr(store, "upgraded_from", None)
        if upgraded is not None:
            self.last_message = fill(self.tr(
                "%1 was written by an older Ecovisit (schema %2) and was upgraded; the file "
                "as it was is kept as %3."), _short(location), upgraded,
                _short(str(store.migration_backup)))
            self.statusBar().showMessage(self.last_message, 15_000)
        self.outside_timer.start()
        gc.freeze()  # the tour's objects stay: full collections need not scan them again
        # The first full check and the map's land mask start once the tour is painted (a zero
        # timer fires after the window's pending paints): the user sees the tour first.
        QTimer.singleShot(0, self, lambda: self._start_background_work(document))
        self.tour_opened.emit(location)

    def _start_background_work(self, document: TourDocument) -> None:
        if document is not self.document:  # closed or replaced meanwhile
            return
        document.check_everything()
        # The land mask is read (built, on a first start) on a worker; then the map draws.
        self.operations.run(self.tr("Preparing the map"), lambda _progress: land_mask(),
                            lambda _mask: self._show_map(document))

    # --- backups ------------------------------------------------------------------------------
    def _back_up_when_due(self) -> None:
        """After an edit: a backup of the tour on a worker if one is due (one a day; asked at
        most once a minute). A backup that cannot be made never stops the work."""
        document = self.document
        if document is None or document.read_only or document.store.path is None:
            return
        now = time.monotonic()
        if self._backup_tried and now - self._backup_tried < BACKUP_ASK_SECONDS:
            return
        self._backup_tried = now
        path = document.store.path

        def back_up(_progress: Progress) -> object:
            from planner.backups import take_backup_if_due

            return take_backup_if_due(path)

        self.operations.run(fill(self.tr("Backing up %1"), path.name), back_up)

    def restore_from_backup(self) -> None:
        """File > Restore from Backup…: choose one of the tour's backups to put in place."""
        dialog = self._open_dialog("restore", "RestoreDialog")
        if dialog is not None and self.document is not None and \
                self.document.store.path is not None:
            path = self.document.store.path
            dialog.restore_requested.connect(  # type: ignore[attr-defined]
                lambda backup: self.restore_backup(backup, path))

    def restore_backup(self, backup: Any, path: Path) -> None:
        """Put *backup* in place of the tour file *path* as one step: the open tour is closed,
        the backup restored on a worker (the replaced tour kept among the backups), and the
        tour opened again; if the restore is refused, the tour opens as it was."""
        reopen = self.document is not None
        self._close_document()

        def restore(_progress: Progress) -> object:
            from planner.backups import restore_backup

            return restore_backup(backup, path)

        def restored(_kept: object) -> None:
            self.open_tour(str(path))
            when = backup.taken.astimezone().strftime("%Y-%m-%d %H:%M")
            self.last_message = fill(self.tr(
                "Restored the backup of %1 (revision %2); the tour as it was is kept among "
                "its backups. The undo history was cleared."), when, backup.revision)
            self.statusBar().showMessage(self.last_message, 15_000)

        def failed(error: BaseException) -> None:
            self.tell(self.tr("The backup was not restored"), str(error))
            if reopen:
                self.open_tour(str(path))

        self.operations.run(fill(self.tr("Restoring a backup of %1"), path.name),
                            restore, restored, failed)

    def rescue_tour(self, path: Path, destination: Path) -> None:
        """Rescue what can be read of the damaged tour *path* into the new file
        *destination* (on a worker), say what was lost, and open it."""

        def rescue(_progress: Progress) -> object:
            from planner import rescue as rescuing

            # the file dialog asked before a file there is replaced
            return rescuing.rescue(path, destination, force=True).text()

        def rescued(report: object) -> None:
            self.open_tour(str(destination))
            self.tell(fill(self.tr("Rescued into %1"), destination.name), str(report))

        self.operations.run(fill(self.tr("Rescuing %1"), path.name), rescue, rescued,
                            lambda error: self.tell(self.tr("The tour could not be rescued"),
                                                    str(error)))

    # --- other programs, and tours that cannot be written -------------------------------------
    def check_outside(self) -> bool:
        """Whether another program changed the open tour (then it is shown as it is now)."""
        return self.document is not None and self.document.check_outside()

    def _application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check_outside()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self.check_outside)
            if self._fit_on_first_show:
                self._fit_on_first_show = False
                self._fit_into_screen()
        return super().event(event)

    def _fit_into_screen(self) -> None:
        """A first start's window, framed by the window manager, fits the screen's free area:
        at 1280x800 the title bar pushed the status bar (what an import added, the revision)
        off the bottom. Known once the window manager has framed it (it is active then)."""
        frame, inner = self.frameGeometry(), self.geometry()
        extra_width, extra_height = frame.width() - inner.width(), frame.height() - inner.height()
        screen = self.screen()
        if extra_height <= 0 or screen is None or not shown_on_a_real_screen():
            return  # not framed yet, or the offscreen platform's fixed stand-in screen
        free = screen.availableGeometry()
        if free.contains(frame):
            return
        self.resize(min(inner.width(), free.width() - extra_width),
                    min(inner.height(), free.height() - extra_height))
        self.move(free.topLeft())

    def _changed_outside(self, text: str) -> None:
        self.last_message = text
        self.statusBar().showMessage(text, 15_000)
        self._name_undo_actions()
        self._show_document_state()

    def _editing_actions(self) -> list[QAction]:
        return [self.undo_action, self.redo_action, self.delete_action, self.import_action,
                self.travel_action, self.plan_action, self.add_item_action,
                self.edit_item_action, self.duplicate_item_action, self.add_place_action,
                self.add_stay_action, self.properties_action, self.restore_action,
                self.import_notes_action, self.offer_slots_action, self.letter_templates_action]

    def _show_read_only(self) -> None:
        """Mark a tour opened for reading only: the banner, and every way of changing it
        disabled, its tooltip saying why."""
        document = self.document
        read_only = document is not None and document.read_only
        reason = document.read_only_reason() if document is not None and read_only else ""
        self.read_only_banner.setText(reason)
        self.read_only_banner.setVisible(read_only)
        for action in self._editing_actions():
            if read_only:
                action.setEnabled(False)
                action.setToolTip(reason)
            elif action.toolTip() == action.property("readOnlyTip"):
                action.setToolTip("")
            action.setProperty("readOnlyTip", reason)
        for browser in self.browsers:
            browser.retranslate()  # the buttons' own tooltips
            for button in (browser.add_button, browser.delete_button):
                button.setEnabled(not read_only)
                if read_only:
                    button.setToolTip(reason)
        if not read_only:
            for action in self._editing_actions():
                action.setEnabled(True)
            self._name_undo_actions()

    def _show_map(self, document: TourDocument) -> None:
        if document is self.document:
            self.route_map.set_document(document)

    def _close_document(self) -> None:
        if self.document is None:
            return
        document, self.document = self.document, None
        self.outside_timer.stop()
        self.operations.cancel_all()
        self.timeline.set_document(None)
        self.coverage.set_document(None)
        self.debrief.set_document(None)
        self.follow_ups_dock.panel.set_document(None)
        self.outreach_dock.panel.set_document(None)
        self.stays.set_document(None)
        self.route_map.set_document(None)
        self.agenda_model.set_document(None, [], 0)
        for model in self.models.values():
            model.set_document(None, [])
        document.close()
        document.deleteLater()
        gc.unfreeze()  # what the closed tour leaves behind may be collected

    def _show_document_state(self) -> None:
        document = self.document
        if document is None:
            self.setWindowTitle("Ecovisit")
            self.findings_status.setText("")
            self.tour_status.setText("")
            return
        tour = document.tour
        title = tour.title_ja if self.language == "ja" and tour.title_ja else tour.title
        marked = " " + self.tr("[read-only]") if document.read_only else ""
        self.setWindowTitle(f"{title}{marked} — {_short(self.location)} — Ecovisit")
        items = len(self.agenda_model.all_items())
        # Each count its own plural ("1 item", "1 day"), then put in the order a language says
        # them (Japanese: the days first).
        self.tour_status.setText(fill(self.tr("%1 over %2 · revision %3"),
                                      self.tr("%n items", "", items),
                                      self.tr("%n days", "", len(tour.days)), tour.revision))
        self._show_findings_status()

    def _show_findings_status(self) -> None:
        document = self.document
        if document is None or (document.checker is None and document.checking):
            self.findings_status.setText(self.tr("Checking…") if document else "")
            return
        if document.checker is None:  # the first check was cancelled
            self.findings_status.setText(self.tr("Not checked (F5 checks the tour)"))
            return
        findings = document.findings
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        if not findings:
            self.findings_status.setText(self.tr("No findings"))
            return
        error_text = self.tr("1 error") if errors == 1 else \
            fill(self.tr("%1 errors"), str(errors))
        finding_text = self.tr("1 finding") if len(findings) == 1 else \
            fill(self.tr("%1 findings"), str(len(findings)))
        self.findings_status.setText(f"{error_text} · {finding_text}")

    def choose_tour(self) -> None:
        start = str(Path(self.location).parent) if self.location else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Tour"), start,
                                              fill(self.tr("Ecovisit tours (%1)"), TOUR_FILES))
        if path:
            self.open_tour(path)

    def new_tour(self) -> None:
        from ui.dialogs.new_tour import NewTourDialog

        dialog = NewTourDialog(self)  # not blocking: the welcome dialog and tests go on
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_tour(dialog.created))
        dialog.open()

    def save_as(self) -> None:
        document = self.document
        if document is None or document.store.path is None:
            self.tell(self.tr("Save As"), self.tr("Only tour files can be saved under another "
                                                  "name; this tour is in a database."))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Tour As"),
                                              str(document.store.path.parent),
                                              fill(self.tr("Ecovisit tours (%1)"), TOUR_FILES))
        if path:
            self.save_copy_and_switch(Path(path) if path.endswith(SUFFIX)
                                      else Path(path + SUFFIX))

    def save_copy_and_switch(self, destination: Path) -> None:
        """Copy the open tour to *destination* (replacing a file there, which the file dialog
        asked about) and go on working in the copy, undo history included. Nothing can be
        changed while the copy is made, so nothing goes to the old file by mistake."""
        document = self.document
        if document is None:
            return
        store = document.store
        document.busy = fill(self.tr("The tour is being copied to %1; try again in a moment."),
                             destination.name)

        def copy(_progress: Progress) -> TourStore:
            store.backup_to(destination, force=True)
            return TourStore.open(destination)

        def copied(copy_store: TourStore) -> None:
            if document is not self.document:
                copy_store.close()
                return
            document.switch_store(copy_store)
            self.location = str(destination)
            settings.remember_tour(self.location)
            self._show_read_only()  # a copy of a read-only tour can be edited
            self._show_document_state()
            self.tour_opened.emit(self.location)

        def failed(error: BaseException) -> None:
            document.busy = ""
            self.tell(self.tr("The copy was not saved"), str(error))

        self.operations.run(fill(self.tr("Saving a copy as %1"), destination.name),
                            copy, copied, failed)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in settings.get(settings.RECENT_TOURS):
            action = self.recent_menu.addAction(_short(location))
            action.setToolTip(tooltip(location))
            action.triggered.connect(lambda _checked=False, loc=location: self.open_tour(loc))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    # --- editing ------------------------------------------------------------------------------
    def undo(self) -> None:
        if self._editable():
            self._finish_editing()
            self.document.undo_stack.undo()  # type: ignore[union-attr]

    def redo(self) -> None:
        if self._editable():
            self._finish_editing()
            self.document.undo_stack.redo()  # type: ignore[union-attr]

    def _editable(self) -> bool:
        """Whether the tour may change now (a Save As copying it says why not)."""
        if self.document is None:
            return False
        if self.document.read_only:
            self.statusBar().showMessage(self.document.read_only_reason(), 5_000)
            return False
        if self.document.busy:
            self.statusBar().showMessage(self.document.busy, 5_000)
            return False
        return True

    def _finish_editing(self) -> None:
        """Commit a half-typed form field before undo, so undo undoes what the user sees."""
        focused = QApplication.focusWidget()
        if focused is not None:
            for browser in self.browsers:
                if browser.form.isAncestorOf(focused):
                    browser.form.mapper.submit()
        self.debrief.finish_editing()

    def delete_selection(self) -> None:
        document = self.document
        if document is None:
            return
        focused = QApplication.focusWidget()
        for browser in self.browsers:
            if (focused is not None and browser.table.isAncestorOf(focused)) \
                    or focused is browser.table:
                browser.delete()
                return
        if focused is self.stays.view:  # the window's one Delete key serves the hotel nights
            self.stays.delete()
            return
        follow_ups = self.follow_ups_dock.panel.table
        if focused is not None and (focused is follow_ups or follow_ups.isAncestorOf(focused)):
            self.follow_ups_dock.panel.delete()  # ... the chosen follow-ups
            return
        outreach = self.outreach_dock.panel.table
        if focused is not None and (focused is outreach or outreach.isAncestorOf(focused)):
            self.outreach_dock.panel.delete()  # ... the chosen host requests
            return
        takeaways = self.debrief.learnings_table
        if focused is not None and (focused is takeaways or takeaways.isAncestorOf(focused)):
            self.debrief.delete_takeaways()  # ... and a meeting's takeaways
            return
        if focused is not None and (focused is self.agenda_view
                                    or self.agenda_view.isAncestorOf(focused)):
            items = [self.agenda_model.item_at(i)
                     for i in self.agenda_view.selectionModel().selectedRows()]
            chosen = [item for item in items if item is not None]
            if not chosen:
                return
            stack = document.undo_stack
            if len(chosen) > 1:
                stack.beginMacro(self.tr("Delete %n items", "", len(chosen)))
            try:
                for item in chosen:
                    commands.execute(DeleteRecord(document, "item", item.id, item.title))
            finally:
                if len(chosen) > 1:
                    stack.endMacro()

    def find_in_directory(self) -> None:
        """Jump to the filter box of the directory."""
        self.directory_dock.show()
        self.directory_dock.raise_()
        browser = self.directory_tabs.currentWidget()
        if isinstance(browser, RecordBrowser):
            browser.filter_box.setFocus()
            browser.filter_box.selectAll()

    def _open_dialog(self, module: str, name: str, *args: Any) -> QDialog | None:
        """Open the dialog *name* of ``ui.dialogs.<module>`` on the tour (window-modal,
        deleted when closed)."""
        if self.document is None:
            return None
        dialog_class = getattr(importlib.import_module(f"ui.dialogs.{module}"), name)
        dialog: QDialog = dialog_class(self.document, self.operations, *args, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def offered_slots(self) -> None:
        """Open the dialog that puts a host's offered slots into the plan, on the selected
        organisation if one is selected."""
        chosen = self.selection.organisations
        self._open_dialog("offer_slots", "OfferSlotsDialog", chosen[0] if chosen else None)

    def import_contacts(self) -> None:
        """Open the import dialog (it applies the import as one undoable step)."""
        self._open_dialog("import_contacts", "ImportContactsDialog")

    def plan_tour(self) -> None:
        """Open the planning dialog (progress, review, one undoable step)."""
        self._open_dialog("planning", "PlanningDialog")

    def check_again(self) -> None:
        if self.document is not None:
            self.document.check_everything()
            self._show_findings_status()

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind == "traveller":
            self.agenda_model.set_delegation_size(self.models["traveller"].rowCount())
        self._show_document_state()  # new day rows are spanned as they come (_day_inserted)

    # --- findings -----------------------------------------------------------------------------
    def _show_findings(self) -> None:
        if self.document is None:
            return
        findings = self.document.findings
        self.findings_model.set_findings(findings)
        self.agenda_model.set_findings(findings)
        checker = self.document.checker
        if checker is not None and checker is not self._frozen_checker:
            self._frozen_checker = checker
            gc.freeze()  # a full check's plan and findings stay until the next one
        self._show_findings_status()
        self.findings_shown.emit()

    def show_finding(self, index: QModelIndex) -> None:
        """Select the agenda items a finding is about (in every view)."""
        finding = self.findings_model.finding_at(index)
        if finding is not None:
            self.selection.select_items(list(finding.items), source=self.findings_view)

    # --- the shared selection -----------------------------------------------------------------
    def _agenda_selected(self) -> None:
        uids = [item.uid for item in (self.agenda_model.item_at(i) for i in
                                      self.agenda_view.selectionModel().selectedRows())
                if item is not None]
        if uids or self.selection.items:
            self.selection.select_items(uids, source=self.agenda_view)

    def _agenda_menu(self, position: Any) -> None:
        """On an item: edit, duplicate, show, delete it; anywhere: add an item on that day
        (a day row's, or the timeline's day on the empty area); on a day row, whether the
        delegation may split up that day."""
        if self.document is None:
            return
        index = self.agenda_view.indexAt(position)
        item = self.agenda_model.item_at(index)
        day = self.agenda_model.day_at(index) or self.timeline.current_day() \
            or self.document.tour.start_date
        menu = QMenu(self)
        menu.setObjectName("agendaContextMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if item is not None:
            uid = item.uid
            menu.addAction(self.tr("Edit…"), lambda: self.timeline.edit_item(uid))
            menu.addAction(self.tr("Duplicate"), lambda: self.timeline.duplicate_item(uid))
            menu.addAction(self.tr("Show in Timeline"), lambda: self.show_in_timeline(uid))
            menu.addSeparator()
            menu.addAction(self.delete_action)
            menu.addSeparator()
        menu.addAction(fill(self.tr("Add item on %1…"),
                            format_day(day, self.language, short=True)),
                       lambda: self.add_item(day))
        if item is None and index.isValid():  # a day row
            menu.addSeparator()
            menu.addMenu(SplitDayMenu(self.document, day, menu))
        self.agenda_context_menu = menu  # tests look at it
        menu.popup(self.agenda_view.viewport().mapToGlobal(position))

    def add_item(self, day: Any = None) -> None:
        """Open the editor on a new agenda item on *day* (else the agenda's current day, or
        the timeline's)."""
        if not self._editable():
            return
        if day is None and self.central_tabs.currentWidget() is self.agenda_view:
            day = self.agenda_model.day_at(self.agenda_view.currentIndex())
        self.timeline.add_item(day)

    def edit_selected_item(self) -> None:
        if self._editable() and self.selection.items:
            self.timeline.edit_item(self.selection.items[0])

    def duplicate_selected_items(self) -> None:
        """A copy of each selected item, right after it (one undoable step)."""
        uids = list(self.selection.items)
        if not self._editable() or not uids:
            return
        stack = self.document.undo_stack  # type: ignore[union-attr]
        if len(uids) > 1:
            stack.beginMacro(self.tr("Duplicate %n items", "", len(uids)))
        try:
            for uid in uids:
                self.timeline.duplicate_item(uid)
        finally:
            if len(uids) > 1:
                stack.endMacro()

    def _enable_item_actions(self) -> None:
        chosen = self.document is not None and bool(self.selection.items) \
            and not self.document.read_only
        self.edit_item_action.setEnabled(chosen)
        self.duplicate_item_action.setEnabled(chosen)

    def show_in_timeline(self, uid: str) -> None:
        """Switch to the timeline on the item's day, with the item selected."""
        self.selection.select_items([uid], source=self.agenda_view)
        self.central_tabs.setCurrentWidget(self.timeline)
        self.timeline.canvas.setFocus()

    def _organisations_selected(self) -> None:
        browser = self.organisations
        keys = [browser.model.record_at(browser.proxy.mapToSource(i).row()).id
                for i in browser.table.selectionModel().selectedRows()]
        if keys:
            self.selection.select_organisations(keys, source=browser.table)

    def _selection_changed(self, source: object) -> None:
        if source is not self.agenda_view:
            self._select_in_agenda(self.selection.items)
        if source is not self.organisations.table and self.selection.organisations:
            self.organisations.select_key(self.selection.organisations[0])

    def _select_in_agenda(self, uids: tuple[str, ...]) -> None:
        selection = self.agenda_view.selectionModel()
        selection.blockSignals(True)
        try:
            selection.clearSelection()
            first = None
            for uid in uids:
                found = self.agenda_model.index_of(uid)
                if found.isValid():
                    selection.select(found, QItemSelectionModel.SelectionFlag.Select
                                     | QItemSelectionModel.SelectionFlag.Rows)
                    first = first or found
            if first is not None:
                selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.agenda_view.viewport().update()
        if first is not None:
            self.agenda_view.scrollTo(first)

    # --- helpers ------------------------------------------------------------------------------
    def _new_contact_values(self) -> dict[str, Any] | None:
        organisation = self.organisations.current_record()
        contact = self.contacts.current_record()
        key = organisation.id if organisation is not None else \
            contact.organisation_id if contact is not None else None
        if key is None:
            self.tell(self.tr("Add contact"),
                      self.tr("Choose the contact's organisation in the Organisations list "
                              "first."))
            return None
        return {"organisation_id": key}

    def _new_goal_values(self) -> dict[str, Any] | None:
        traveller = self.travellers.current_record()
        return {"traveller_id": traveller.id if traveller is not None else None}

    def _traveller_choices(self) -> list[tuple[str, int]]:
        """The travellers as a goal's owner may name them (name, key), in delegation order."""
        model = self.models["traveller"]
        return [(obj.name, obj.id) for obj in (model.record_at(r)
                                               for r in range(model.rowCount()))]

    def _goal_add_choices(self) -> list[tuple[str, dict[str, Any]]]:
        """What the goals' Add button offers: a goal for the whole delegation or for one."""
        return [(self.tr("Goal for the whole delegation"), {"traveller_id": None})] + [
            (fill(self.tr("Goal for %1"), name), {"traveller_id": key})
            for name, key in self._traveller_choices()]

    def _span_days(self) -> None:
        root = self.agenda_view.rootIndex()
        for row in range(self.agenda_model.rowCount()):
            self.agenda_view.setFirstColumnSpanned(row, root, True)

    def _day_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.agenda_view.setFirstColumnSpanned(row, QModelIndex(), True)
                self.agenda_view.expand(self.agenda_model.index(row, 0))

    def tell(self, title: str, text: str) -> None:
        """Show a message without blocking (tests read :attr:`last_message`)."""
        self.last_message = text
        self.statusBar().showMessage(text, 10_000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # user text is data
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Ecovisit"),
                          self.tr("Ecovisit plans ecosystem-visit study tours: contacts, "
                                  "meetings, travel, and what the delegation wants to learn."))

    # --- layout -------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = settings.get(settings.WINDOW_GEOMETRY)
        #: No size remembered: fit the first window into the screen once it is framed.
        self._fit_on_first_show = geometry.isEmpty()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.get(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        columns = settings.get(settings.AGENDA_COLUMNS)
        if not columns.isEmpty():
            self.agenda_view.header().restoreState(columns)

    def save_layout(self) -> None:
        settings.put(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        settings.put(settings.AGENDA_COLUMNS, self.agenda_view.header().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Commit a half-typed field, remember the layout, then hide at once while the
        workers are cancelled and waited for and the tour's store is closed (SQLite folds its
        log back into the file). :attr:`closed_cleanly` says whether all of that ended: then
        nothing is left to write and the program may end without tearing down every object
        (``ui.app.run``)."""
        self.closed = True
        self._finish_editing()
        self.save_layout()
        self.hide()  # the user sees the window go now; the rest finishes behind
        workers_done = self.operations.shut_down()
        self._close_document()
        self.closed_cleanly = workers_done
        super().closeEvent(event)


def shown_on_a_real_screen() -> bool:
    """False on the offscreen platform (tests, benchmarks): its screen is a fixed stand-in
    that windows are not fitted into."""
    return QGuiApplication.platformName() != "offscreen"


def open_store(location: str, *, read_only: bool = False) -> TourStore:
    """The tour at *location*, for editing; for reading if asked, or if this user may not
    write it (a read-only file or folder)."""
    if read_only:
        return TourStore.open(location, read_only=True)
    try:
        return TourStore.open(location)
    except TourReadOnly:  # a file or folder this user may not write
        return TourStore.open(location, read_only=True)


def key_sequences(keys: Any) -> list[QKeySequence]:
    """The key sequences of *keys* (a standard key, a key's text, or a tuple of them), each
    once: a standard key brings every sequence the platform binds to it (Qt would take the
    first alone), and a key held twice, even by one action, is ambiguous and does nothing."""
    found: list[QKeySequence] = []
    for key in keys if isinstance(keys, tuple) else (keys,):
        sequences = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) \
            else [QKeySequence(key)]
        for sequence in sequences:
            if not sequence.isEmpty() and sequence not in found:
                found.append(sequence)
    return found


def _short(location: str) -> str:
    return Path(location).name if "://" not in location else location
