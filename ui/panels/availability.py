"""A host's available slots, in the organisation's form: listed in the office's local time
("Tue 4 May 10:00–16:00 CEST" and the note), added, changed and deleted one by one, made from a
weekly pattern, or imported from the host's free/busy .ics file.

The section follows the organisation browser's current record and the model's refreshed rows
(an edit of a slot changes its organisation's row, since the document names both). Every change
is one undoable command; the .ics import does what ``ecovisit import-availability`` does
(:func:`planner.calendar.availability.import_availability`): the file is read and applied on a
worker, in one transaction recorded by :func:`planner.changes.record`, and pushed as one
:class:`ui.commands.AppliedChange`. A file that cannot be read changes nothing and is named in
the message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import changes
from planner.errors import InputError
from planner.formatting import format_day
from planner.model import AvailabilityWindow, Organisation, Tour
from planner.store import TourStore
from planner.timezones import to_local
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.operations import Operations
from ui.panels.records import RecordBrowser
from ui.text import fill, tooltip

if TYPE_CHECKING:  # the module loads icalendar: read when a file is imported, not at start-up
    from planner.calendar.availability import AvailabilityReport

Index = QModelIndex | QPersistentModelIndex


def slot_text(window: AvailabilityWindow, zone_name: str, language: str = "en") -> str:
    """``Tue 4 May 10:00–16:00 CEST``: a slot in *zone_name* (the office's), the day written
    in *language*; a slot over midnight names both days."""
    start, end = to_local(window.start, zone_name), to_local(window.end, zone_name)
    day = format_day(start.date(), language, short=True)
    start_zone, end_zone = start.tzname() or "", end.tzname() or ""
    if end.date() != start.date():
        return (f"{day} {start:%H:%M} {start_zone} – "
                f"{format_day(end.date(), language, short=True)} {end:%H:%M} {end_zone}").strip()
    if start_zone != end_zone:  # the clocks change within the slot
        return f"{day} {start:%H:%M} {start_zone} – {end:%H:%M} {end_zone}".strip()
    return f"{day} {start:%H:%M}–{end:%H:%M} {end_zone}".strip()


class ImportRefused(Exception):
    """Why an .ics file changed nothing: ``unreadable`` (with the reader's words), ``empty``,
    ``no place`` or ``gone``; the window says it in its language."""

    def __init__(self, reason: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {reason} {detail}".strip())
        self.reason, self.path, self.detail = reason, path, detail


def import_slots(store: TourStore, key: int, path: Path
                 ) -> tuple[AvailabilityReport, changes.Changeset]:
    """Replace the slots of organisation *key* with the availability in *path*, as
    ``ecovisit import-availability`` does, in one transaction, recorded so that one undo takes
    it back (on a worker). The file is read first: a bad file changes nothing."""
    from planner.calendar.availability import import_availability, read_spans

    with store.transaction(write=True) as session:
        organisation = session.get(Organisation, key)
        if organisation is None:
            raise ImportRefused("gone", path)
        if organisation.place is None:
            raise ImportRefused("no place", path)
        try:
            free, busy = read_spans(path, organisation.place.zone)
        except (InputError, OSError, ValueError, LookupError, TypeError, AttributeError) as exc:
            detail = message_of(exc).removeprefix(f"{path}: ")
            raise ImportRefused("unreadable", path, detail) from None
        if not free and not busy:
            raise ImportRefused("empty", path)
        tour = session.get(Tour, 1)
        assert tour is not None
        return changes.record(
            session, lambda s: import_availability(s, organisation, tour, path))


class AvailabilitySection(QGroupBox):
    """The current organisation's available slots, with Add, Edit, Delete, Weekly pattern and
    Import; put under the organisation form with ``browser.form.add_section``."""

    def __init__(self, browser: RecordBrowser, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("availabilitySection")
        self.browser = browser
        self.operations = operations
        self.organisation: Organisation | None = None
        #: The dialog last opened (tests fill it in).
        self.dialog: QDialog | None = None
        self.hint = QLabel(self)
        self.hint.setObjectName("availabilityHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # it names the organisation
        self.hint.setWordWrap(True)
        self.slots = QTreeWidget(self)
        self.slots.setObjectName("availabilityList")
        self.slots.setColumnCount(2)
        self.slots.setRootIsDecorated(False)
        self.slots.setUniformRowHeights(True)
        self.slots.setAlternatingRowColors(True)
        self.slots.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.slots.header().setStretchLastSection(True)
        self.slots.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.slots.fontMetrics().height() + 8
        self.slots.setMinimumHeight(rows * 5)
        self.slots.itemDoubleClicked.connect(lambda _item, _column: self.edit())
        self.slots.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.slots.customContextMenuRequested.connect(self._menu)
        self.slots.itemSelectionChanged.connect(self._enable)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addSlot")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editSlot")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteSlots")
        self.delete_button.clicked.connect(self.delete)
        self.weekly_button = QPushButton(self)
        self.weekly_button.setObjectName("weeklySlots")
        self.weekly_button.clicked.connect(self.weekly)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importSlots")
        self.import_button.clicked.connect(self.choose_file)
        self.status = QLabel(self)
        self.status.setObjectName("availabilityStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names a file
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        more = QHBoxLayout()
        more.addWidget(self.weekly_button)
        more.addWidget(self.import_button)
        more.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.slots)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.status)
        browser.current_changed.connect(self.show_organisation)
        browser.model.dataChanged.connect(self._rows_changed)
        browser.model.modelReset.connect(lambda: self.show_organisation(None))
        self.retranslate()

    # --- what is shown ------------------------------------------------------------------------
    @property
    def document(self) -> TourDocument | None:
        return self.browser.model.document

    def zone_name(self) -> str:
        """The office's zone, in which the slots are shown and typed."""
        organisation = self.organisation
        if organisation is not None and organisation.place is not None:
            return str(organisation.place.zone)
        windows = organisation.availability if organisation is not None else []
        return windows[0].zone if windows else "UTC"

    def retranslate(self) -> None:
        self.setTitle(self.tr("Available slots"))
        self.slots.setHeaderLabels([self.tr("When"), self.tr("Note")])
        self.slots.setAccessibleName(self.tr("Available slots"))
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Add a time when the host can receive the "
                                           "delegation"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.weekly_button.setText(self.tr("Weekly pattern…"))
        self.weekly_button.setToolTip(self.tr("The same hours on chosen weekdays, e.g. "
                                              "Tue–Thu 10:00–16:00, for every such day of the "
                                              "tour"))
        self.import_button.setText(self.tr("Import free/busy .ics…"))
        self.import_button.setToolTip(self.tr("Replace the slots with the free time in the "
                                              "host's calendar file (or its working hours "
                                              "minus busy time)"))
        self.status.clear()
        self._fill()

    def show_organisation(self, organisation: Any) -> None:
        """Show *organisation*'s slots (None: no organisation)."""
        if not isinstance(organisation, Organisation):
            organisation = None
        if organisation is None or self.organisation is None \
                or organisation.id != self.organisation.id:
            self.status.clear()
        self.organisation = organisation
        self._fill()

    def _rows_changed(self, top: Index, bottom: Index) -> None:
        """An organisation's row was read again (its slots or its place changed)."""
        if self.organisation is None:
            return
        model = self.browser.model
        row = model.row_of(self.organisation.id)
        if row is not None and top.row() <= row <= bottom.row():
            self.show_organisation(model.record_at(row))

    def _fill(self) -> None:
        organisation = self.organisation
        selected = set(self.selected_keys())
        self.slots.clear()
        self.setEnabled(organisation is not None)
        if organisation is None:
            self.hint.setText("")
            self.hint.hide()
            self._enable()
            return
        zone_name, language = self.zone_name(), current_language()
        for window in sorted(organisation.availability, key=lambda w: (w.start, w.id)):
            item = QTreeWidgetItem([slot_text(window, zone_name, language), window.note])
            item.setData(0, Qt.ItemDataRole.UserRole, window.id)
            item.setToolTip(1, tooltip(window.note))
            self.slots.addTopLevelItem(item)
            item.setSelected(window.id in selected)
        if organisation.place is None:
            self.hint.setText(self._no_address(organisation))
        elif not organisation.availability:
            self.hint.setText(fill(
                self.tr("No slots yet. Times are in %1, the office's time zone."), zone_name))
        else:
            self.hint.setText(fill(self.tr("Times are in %1, the office's time zone."),
                                   zone_name))
        self.hint.show()
        self._enable()

    def _no_address(self, organisation: Organisation) -> str:
        return fill(self.tr("%1 has no address yet: give its address first (Office, above), then "
                            "its slots can be added."), organisation.name)

    def _enable(self) -> None:
        organisation = self.organisation
        placed = organisation is not None and organisation.place is not None
        chosen = len(self.selected_keys())
        for button in (self.add_button, self.weekly_button, self.import_button):
            button.setEnabled(placed and self.document is not None)
        self.edit_button.setEnabled(chosen == 1)
        self.delete_button.setEnabled(chosen > 0)

    def _menu(self, position: Any) -> None:
        """Right-click on the list: add, edit, delete."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for button, slot in ((self.add_button, self.add), (self.edit_button, self.edit),
                             (self.delete_button, self.delete)):
            action = menu.addAction(button.text(), slot)
            action.setEnabled(button.isEnabled())
        menu.popup(self.slots.viewport().mapToGlobal(position))

    def shown_slots(self) -> list[tuple[str, str]]:
        """What the list shows: (when, note) per slot."""
        items = (self.slots.topLevelItem(n) for n in range(self.slots.topLevelItemCount()))
        return [(item.text(0), item.text(1)) for item in items if item is not None]

    def selected_keys(self) -> list[int]:
        return [int(item.data(0, Qt.ItemDataRole.UserRole))
                for item in self.slots.selectedItems()]

    def select_slot(self, row: int) -> None:
        self.slots.clearSelection()
        item = self.slots.topLevelItem(row)
        if item is not None:
            item.setSelected(True)
            self.slots.setCurrentItem(item)

    def _window(self, key: int) -> AvailabilityWindow | None:
        organisation = self.organisation
        windows = organisation.availability if organisation is not None else []
        return next((w for w in windows if w.id == key), None)

    # --- changes ------------------------------------------------------------------------------
    def _ready(self) -> tuple[TourDocument, Organisation] | None:
        """The document and organisation to change, or None (the user told why)."""
        document, organisation = self.document, self.organisation
        if document is None or organisation is None:
            return None
        if organisation.place is None:
            document.edit_failed.emit(self._no_address(organisation))
            return None
        return document, organisation

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def add(self) -> QDialog | None:
        """Open the dialog that adds one slot."""
        from ui.dialogs.weekly_slots import SlotDialog  # dialogs load when first opened

        ready = self._ready()
        if ready is None:
            return None
        document, organisation = ready
        return self._open(SlotDialog(document, organisation, self.zone_name(),
                                     parent=self.window()))

    def edit(self) -> QDialog | None:
        """Open the dialog that changes the selected slot."""
        from ui.dialogs.weekly_slots import SlotDialog

        keys = self.selected_keys()
        document, organisation = self.document, self.organisation
        if len(keys) != 1 or document is None or organisation is None:
            return None
        window = self._window(keys[0])
        if window is None:
            return None
        return self._open(SlotDialog(document, organisation, self.zone_name(), window,
                                     parent=self.window()))

    def delete(self) -> None:
        """Delete the selected slots (one undoable step)."""
        document, organisation = self.document, self.organisation
        windows = [w for w in (self._window(k) for k in self.selected_keys()) if w is not None]
        if document is None or organisation is None or not windows:
            return
        stack = document.undo_stack
        zone_name, language = self.zone_name(), current_language()
        if len(windows) > 1:
            stack.beginMacro(fill(self.tr("Delete %n slots of %1", "", len(windows)),
                                  organisation.name))
        try:
            for window in windows:
                name = fill(self.tr("the slot %1 of %2"), slot_text(window, zone_name, language),
                            organisation.name)
                commands.execute(commands.DeleteRecord(document, "availability", window.id,
                                                       name))
        finally:
            if len(windows) > 1:
                stack.endMacro()

    def weekly(self) -> QDialog | None:
        """Open the weekly pattern dialog."""
        from ui.dialogs.weekly_slots import WeeklySlotsDialog

        ready = self._ready()
        if ready is None:
            return None
        document, organisation = ready
        return self._open(WeeklySlotsDialog(document, organisation, self.zone_name(),
                                            parent=self.window()))

    # --- import -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        if self._ready() is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Free/Busy Calendar"), "",
            self.tr("Calendar files (*.ics *.ifb *.vfb);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Replace the current organisation's slots with the availability in the .ics file
        *path*: read and applied on a worker, then one undoable step."""
        ready = self._ready()
        if ready is None:
            return
        document, organisation = ready
        if document.busy:
            document.edit_failed.emit(document.busy)
            return
        store, key, name = document.store, organisation.id, organisation.name
        self.import_button.setEnabled(False)
        self.status.setText(fill(self.tr("Reading %1…"), path.name))
        document.track_write(self.operations.run(
            fill(self.tr("Importing %1"), path.name),
            lambda _progress: import_slots(store, key, path),
            lambda result: self._imported(document, name, path, *result),
            lambda error: self._import_failed(document, path, error)))

    def _imported(self, document: TourDocument, name: str, path: Path,
                  report: AvailabilityReport, changeset: changes.Changeset) -> None:
        self._enable()
        if document.closed:
            return
        document.absorb(changeset)
        if changeset:
            commands.execute(commands.AppliedChange(
                document, changeset,
                fill(self.tr("Import %1 into the slots of %2"), path.name, name)))
        text = self.tr("%1: %n slots from its free time, replacing %2.", "",
                       len(report.windows)) if report.source == "free slots" else \
            self.tr("%1: %n slots from the working hours minus its busy time, replacing %2.",
                    "", len(report.windows))
        self.status.setText(fill(text, path.name, report.replaced))

    def _import_failed(self, document: TourDocument, path: Path, error: BaseException) -> None:
        self._enable()
        self.status.clear()
        if isinstance(error, ImportRefused):
            text = {
                "unreadable": self.tr("%1 is not a calendar file that can be read (%2). Nothing "
                                      "was changed."),
                "empty": self.tr("%1 holds no free or busy time. Nothing was changed."),
                "no place": self.tr("%1 was not imported: the organisation has no address yet; "
                                    "give its address first."),
                "gone": self.tr("%1 was not imported: the organisation no longer exists."),
            }[error.reason]
            message = fill(text, path.name, error.detail)
        else:
            message = fill(self.tr("%1 was not imported: %2"), path.name, message_of(error))
        if not document.closed:
            document.edit_failed.emit(message)
