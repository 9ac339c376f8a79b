"""Hotel nights: which hotel the delegation sleeps in on which night.

The panel lists the stays in date order (hotel, city, check-in, check-out, nights, booking
reference) and, between them, every night of the tour that no stay covers ("Tue 4 May: no
hotel") or that two stays claim. Adding, editing and deleting a stay are each one undoable step
(``AddRecord``, ``SetFields``, ``DeleteRecord`` on kind "stay"); a hotel that is not in the
tour yet is added with its first night in the same step ("New hotel…"). The days' cities, the
route map and planning follow from the stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import edits
from planner.errors import EcovisitError, InputError
from planner.formatting import format_day
from planner.model import Place, PlaceKind
from planner.queries import records
from ui import commands
from ui.commands import AddRecord, DeleteRecord, SetFields, TourCommand
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.operations import Operations
from ui.panels.places import PlaceDialog
from ui.panels.record_dock import follow_dock
from ui.text import fill, tooltip
from ui.views.reading import seen
from ui.widgets.clock import date_edit, day_format, pydate
from ui.widgets.forms import ok_cancel, stacked
from ui.widgets.location import MapPicker, reveal

#: Where a row keeps its stay's key, or the night of a gap (its ordinal).
STAY_ROLE = Qt.ItemDataRole.UserRole + 1
NIGHT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Nights:
    """The nights of a tour and who covers them."""

    nights: list[date]  # every night of the tour: the first day up to the eve of the last
    uncovered: list[date]
    doubled: dict[date, list[int]]  # nights two stays or more claim: their keys


def tour_nights(first_day: date, last_day: date,
                stays: Iterable[tuple[int, date, date]]) -> Nights:
    """Which nights of a tour (*first_day* to *last_day*, leaving on the last) the stays
    (key, check-in, check-out) cover, leave uncovered or cover twice."""
    nights = [first_day + timedelta(days=n) for n in range((last_day - first_day).days)]
    covering: dict[date, list[int]] = {night: [] for night in nights}
    for key, check_in, check_out in stays:
        night = check_in
        while night < check_out:
            if night in covering:
                covering[night].append(key)
            night += timedelta(days=1)
    return Nights(nights, [n for n in nights if not covering[n]],
                  {n: keys for n, keys in covering.items() if len(keys) > 1})


def _nights_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("StaysPanel", "1 night")
    return fill(QCoreApplication.translate("StaysPanel", "%1 nights"), str(count))


def _read(document: TourDocument) -> list[Any]:
    """The stays, each with its hotel, detached."""
    with document.store.session() as session:
        return list(session.scalars(records("stay")).unique())


def _read_hotels(document: TourDocument, also: int | None = None) -> list[Any]:
    """The places of kind hotel (and the place *also*, a stay's own, whatever its kind), in
    list order, detached: not every place of the tour (thousands of hosts' offices)."""
    wanted = Place.kind == PlaceKind.HOTEL
    if also is not None:
        wanted = wanted | (Place.id == also)
    with document.store.session() as session:
        return list(session.scalars(select(Place).where(wanted).order_by(Place.name, Place.id)))


def _likely_hotel(night: date, hotels: list[Any], stays: list[Any]) -> int:
    """The hotel a new stay from *night* is likeliest at: the previous night's (a longer stay),
    else the newest hotel without nights (just added for them), else the first."""
    before = night - timedelta(days=1)
    for stay in stays:
        if stay.check_in <= before < stay.check_out:
            return int(stay.place_id)
    booked = {stay.place_id for stay in stays}
    fresh = [hotel.id for hotel in hotels if hotel.id not in booked]
    return int(max(fresh) if fresh else hotels[0].id)


class StayDialog(QDialog):
    """A hotel night (or several): the hotel, check-in, check-out, booking reference, notes.

    OK adds the stay, or changes the one given, as one undoable step; with "New hotel…" the
    hotel is added in the same step.
    """

    def __init__(self, document: TourDocument, operations: Operations,
                 picker: MapPicker | None = None, stay: Any = None,
                 check_in: date | None = None, check_out: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stayDialog")
        self.document = document
        self.operations = operations
        self.picker = picker
        self.stay = stay
        self.key: int | None = None
        #: A hotel to add with the stay (the values of "New hotel…").
        self.new_hotel: dict[str, Any] | None = None
        self._previous = -1
        stays = _read(document)
        hotels = _read_hotels(document, stay.place_id if stay is not None else None)
        self.hotel_box = QComboBox(self)
        self.hotel_box.setObjectName("stayHotel")
        for place in hotels:
            where = ", ".join(x for x in (place.city, place.country) if x)
            self.hotel_box.addItem(f"{place.name} · {where}" if where else place.name, place.id)
        self.hotel_box.addItem("", "new")
        self.hotel_box.setCurrentIndex(-1)
        first = stay.check_in if stay is not None else check_in or document.tour.start_date
        if stay is not None:
            self.hotel_box.setCurrentIndex(self.hotel_box.findData(stay.place_id))
        elif hotels:
            self.hotel_box.setCurrentIndex(self.hotel_box.findData(
                _likely_hotel(first, hotels, stays)))
        self._previous = self.hotel_box.currentIndex()
        self.hotel_box.activated.connect(self._hotel_chosen)
        last = stay.check_out if stay is not None else check_out or first + timedelta(days=1)
        self.check_in = date_edit(first, self)
        self.check_in.setObjectName("stayCheckIn")
        self.check_out = date_edit(last, self)
        self.check_out.setObjectName("stayCheckOut")
        for edit in (self.check_in, self.check_out):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self._update)
        self.check_in.dateChanged.connect(self._keep_order)
        self.nights = QLabel(self)
        self.nights.setObjectName("stayNights")
        self.booking = QLineEdit(stay.booking_reference if stay is not None else "", self)
        self.booking.setObjectName("stayBooking")
        self.notes = QLineEdit(stay.notes if stay is not None else "", self)
        self.notes.setObjectName("stayNotes")
        self.error = QLabel(self)
        self.error.setObjectName("stayError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        dates = QHBoxLayout()
        dates.addWidget(self.check_in)
        self.to_label = QLabel(self)
        dates.addWidget(self.to_label)
        dates.addWidget(self.check_out)
        dates.addWidget(self.nights, 1)
        self.labels = [QLabel(self) for _ in range(4)]
        form = self.form = QFormLayout()
        hotel_row = QHBoxLayout()
        hotel_row.addWidget(self.hotel_box, 1)
        self.new_hotel_button = QPushButton(self)
        self.new_hotel_button.setObjectName("stayNewHotel")
        self.new_hotel_button.setAutoDefault(False)
        self.new_hotel_button.clicked.connect(
            lambda: self._hotel_chosen(self.hotel_box.findData("new")))
        hotel_row.addWidget(self.new_hotel_button)
        form.addRow(self.labels[0], hotel_row)
        form.addRow(self.labels[1], dates)
        form.addRow(self.labels[2], self.booking)
        form.addRow(self.labels[3], self.notes)
        for label, buddy in zip(self.labels, (self.hotel_box, self.check_in, self.booking,
                                              self.notes), strict=True):
            label.setBuddy(buddy)
        self.buttons = ok_cancel(self, "stayOk")
        stacked(self, form, self.error, self.buttons)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hotel Night") if self.stay is not None
                            else self.tr("Add Hotel Night"))
        for label, text in zip(self.labels, (self.tr("&Hotel:"), self.tr("&Nights:"),
                                             self.tr("&Booking reference:"),
                                             self.tr("N&otes:")), strict=True):
            label.setText(text)
        self.to_label.setText(self.tr("to"))
        for edit in (self.check_in, self.check_out):  # the weekday, and no M/D or D/M puzzle
            edit.setLocale(QLocale())  # the window's language
            edit.setDisplayFormat(day_format())
        self.form.invalidate()  # the label column follows the new texts' widths
        self.check_in.setToolTip(self.tr("Check-in: the first night"))
        self.check_out.setToolTip(self.tr("Check-out: the morning they leave"))
        self.check_in.setAccessibleName(self.tr("Check-in"))
        self.check_out.setAccessibleName(self.tr("Check-out"))
        self.hotel_box.setPlaceholderText(self.tr("No hotel yet: add one with New hotel…"))
        self.new_hotel_button.setText(self.tr("New hotel…"))
        self.hotel_box.setItemText(self.hotel_box.findData("new"), self.tr("New hotel…"))
        if self.new_hotel is not None:
            self.hotel_box.setItemText(self.hotel_box.findData("pending"),
                                       fill(self.tr("%1 (new)"), self.new_hotel["name"]))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the hotel ----------------------------------------------------------------------------
    def _hotel_chosen(self, index: int) -> None:
        if self.hotel_box.itemData(index) != "new":
            self._previous = index
            self._update()
            return
        self.hotel_box.setCurrentIndex(self._previous)
        dialog = PlaceDialog(self.document, self.operations, self.picker, "hotel", add=False,
                             parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_new_hotel(dialog.values()))
        self.place_dialog = dialog
        dialog.open()

    def set_new_hotel(self, values: dict[str, Any]) -> None:
        """Add the hotel *values* (a new place) with the stay."""
        self.new_hotel = values
        row = self.hotel_box.findData("pending")
        if row < 0:
            row = self.hotel_box.findData("new")
            self.hotel_box.insertItem(row, "", "pending")
        self.hotel_box.setCurrentIndex(row)
        self._previous = row
        self.retranslate()

    # --- dates --------------------------------------------------------------------------------
    def _keep_order(self, check_in: QDate) -> None:
        if self.check_out.date() <= check_in:
            self.check_out.setDate(check_in.addDays(1))

    def _update(self) -> None:
        count = self.check_in.date().daysTo(self.check_out.date())
        self.nights.setText(_nights_text(count) if count > 0 else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.hotel_box.currentData() not in (None, "new"))
        self.error.hide()

    # --- OK -----------------------------------------------------------------------------------
    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        hotel = self.hotel_box.currentData()
        if hotel in (None, "new"):
            self._refuse(self.tr("Choose the hotel."))
            return
        check_in, check_out = pydate(self.check_in.date()), pydate(self.check_out.date())
        if check_out <= check_in:
            self._refuse(self.tr("The check-out must come after the check-in."))
            return
        values: dict[str, Any] = {"check_in": check_in, "check_out": check_out,
                                  "booking_reference": self.booking.text().strip(),
                                  "notes": self.notes.text().strip()}
        try:  # said here, in the dialog, and nothing changes
            edits.parse_values("stay", values)
            if hotel == "pending":
                assert self.new_hotel is not None
                edits.parse_values("place", self.new_hotel)
        except InputError as exc:
            self._refuse(message_of(exc))
            return
        done = self._save(hotel, values)
        if done:
            super().accept()

    def _save(self, hotel: Any, values: dict[str, Any]) -> bool:
        document = self.document
        if self.stay is not None:
            values["place_id"] = hotel
            changed = {name: value for name, value in values.items()
                       if getattr(self.stay, name) != value}
            if not changed:
                return True
            name = self.hotel_box.currentText().split(" · ")[0]
            command = SetFields(document, "stay", self.stay.id, changed,
                                fill(self.tr("Change the nights at %1"), name))
            self.key = self.stay.id
            return commands.execute(command)
        if hotel != "pending":
            name = self.hotel_box.currentText().split(" · ")[0]
            add = AddRecord(document, "stay", {"place_id": hotel, **values},
                            fill(self.tr("Add nights at %1"), name))
            done = commands.execute(add)
            self.key = add.key
            return done
        assert self.new_hotel is not None
        name = self.new_hotel["name"]
        both = AddHotelStay(document, self.new_hotel, {**values},
                            fill(self.tr("Add nights at %1"), name))
        try:  # one transaction: the hotel alone is never added, nor left on the undo stack
            both.do()
        except EcovisitError as exc:
            self._refuse(message_of(exc))  # said here, in the dialog, once
            return False
        commands.push_done(both)
        self.key = both.keys[1] if both.keys else None
        return True


class AddHotelStay(TourCommand):
    """A new hotel and its first nights, added (and undone, and redone) in one transaction."""

    def __init__(self, document: TourDocument, hotel: dict[str, Any], stay: dict[str, Any],
                 text: str) -> None:
        super().__init__(document, text)
        self.hotel, self.stay = hotel, stay
        self.keys: tuple[int, int] | None = None
        self.removed: list[edits.Removed] = []

    def do(self) -> None:
        if self.removed:  # redo after undo: the same records under the same keys
            removed = self.removed
            self.document.apply(lambda s: edits.restore_records(s, removed))
            return

        def add(session: Session) -> edits.Done[tuple[int, int]]:
            place = edits.add_record(session, "place", self.hotel)
            stay = edits.add_record(session, "stay", {**self.stay, "place_id": place.value})
            return edits.Done((place.value, stay.value), place.changes.merge(stay.changes))

        self.keys = self.document.apply(add)

    def revert(self) -> None:
        assert self.keys is not None
        place, stay = self.keys

        def remove(session: Session) -> edits.Done[list[edits.Removed]]:
            night = edits.delete_record(session, "stay", stay)
            hotel = edits.delete_record(session, "place", place)
            return edits.Done([night.value, hotel.value], night.changes.merge(hotel.changes))

        self.removed = self.document.apply(remove)


class StaysPanel(QWidget):
    """The hotel nights of the tour, with the nights no hotel covers."""

    #: The list shows the tour's stays as they are now.
    refreshed = Signal()

    HOTEL, CITY, CHECK_IN, CHECK_OUT, NIGHTS, BOOKING = range(6)

    def __init__(self, operations: Operations, picker: MapPicker | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staysPanel")
        self.operations = operations
        self.picker = picker
        self.document: TourDocument | None = None
        self.stays: dict[int, Any] = {}
        self.nights = Nights([], [], {})
        self.dialog: StayDialog | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("staysSummary")
        self.summary.setWordWrap(True)
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addStayButton")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("editStayButton")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QToolButton(self)
        self.delete_button.setObjectName("deleteStayButton")
        self.delete_button.clicked.connect(self.delete)
        self.view = QTreeWidget(self)
        self.view.setObjectName("staysView")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setColumnCount(6)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.view.fontMetrics()
        for column, sample in ((self.HOTEL, "x" * 18), (self.CITY, "x" * 14),
                               (self.CHECK_IN, "Wed 30 Mayx"), (self.CHECK_OUT, "Wed 30 Mayx"),
                               (self.NIGHTS, "Nights")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.view.itemDoubleClicked.connect(self._double_clicked)
        self.view.itemSelectionChanged.connect(self._update_buttons)
        # Del: the window's one Delete action calls delete() (a second hold made it ambiguous)
        tools = QHBoxLayout()
        tools.addWidget(self.summary, 1)
        tools.addWidget(self.add_button)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._update)
        #: Something changed while the list was not to be seen (read when it is).
        self.stale = False
        self._dock: QDockWidget | None = None
        self.retranslate()
        self._update_buttons()

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None) -> None:
        """Show the stays of *document* (None: no tour)."""
        if self.document is not None:
            try:
                self.document.records_changed.disconnect(self._records_changed)
                self.document.tour_changed.disconnect(self._timer.start)
            except (RuntimeError, TypeError):
                pass  # already gone
        self.document = document
        if document is not None:
            document.records_changed.connect(self._records_changed)
            document.tour_changed.connect(self._timer.start)
        self._update()

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind in ("stay", "place"):
            self._timer.start()  # once for the several kinds one edit changes

    def _update(self) -> None:
        """Read the stays again if the list can be seen; else when it comes forward."""
        self._timer.stop()
        if self.document is not None and not seen(self):
            self.stale = True
            return
        self.refresh()

    def catch_up(self) -> None:
        """Read what changed while the list was not to be seen (its dock tab came forward)."""
        if self.stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()

    def _follow_dock(self) -> None:
        self._dock = follow_dock(self, self._dock, self.catch_up)

    def refresh(self) -> None:
        """Read the stays again (a few dozen rows: read here, at once)."""
        self._timer.stop()
        self.stale = False
        document = self.document
        chosen = self.selected_stays()
        self.view.clear()
        if document is None:
            self.stays = {}
            self.nights = Nights([], [], {})
            self._show_summary()
            self._update_buttons()
            return
        stays = _read(document)
        self.stays = {stay.id: stay for stay in stays}
        tour = document.tour
        self.nights = tour_nights(tour.start_date, tour.end_date,
                                  ((s.id, s.check_in, s.check_out) for s in stays))
        language = current_language()
        rows: list[tuple[date, int, QTreeWidgetItem]] = []
        for stay in stays:
            item = QTreeWidgetItem()
            place = stay.place
            texts = {self.HOTEL: place.name if place else "", self.CITY: ", ".join(
                x for x in ((place.city, place.country) if place else ()) if x),
                self.CHECK_IN: format_day(stay.check_in, language, short=True),
                self.CHECK_OUT: format_day(stay.check_out, language, short=True),
                self.NIGHTS: str((stay.check_out - stay.check_in).days),
                self.BOOKING: stay.booking_reference}
            for column, text in texts.items():
                item.setText(column, text)
                item.setToolTip(column, tooltip(text))
            item.setData(0, STAY_ROLE, stay.id)
            item.setTextAlignment(self.NIGHTS, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
            rows.append((stay.check_in, 1, item))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for night in self.nights.uncovered:
            item = QTreeWidgetItem()
            item.setText(0, fill(self.tr("%1: no hotel"),
                                 format_day(night, language, short=True)))
            item.setData(0, NIGHT_ROLE, night.toordinal())
            item.setIcon(0, warning)
            item.setToolTip(0, self.tr("Double-click to add the hotel of this night"))
            rows.append((night, 0, item))
        for night, keys in self.nights.doubled.items():
            names = [self.stays[k].place.name for k in keys if self.stays[k].place]
            item = QTreeWidgetItem()
            item.setText(0, fill(self.tr("%1: two hotels (%2)"),
                                 format_day(night, language, short=True), ", ".join(names)))
            item.setData(0, NIGHT_ROLE, night.toordinal())
            item.setIcon(0, warning)
            rows.append((night, 2, item))
        rows.sort(key=lambda row: (row[0], row[1]))
        self.view.addTopLevelItems([item for _day, _order, item in rows])
        for _day, _order, item in rows:
            if item.data(0, STAY_ROLE) is None:
                item.setFirstColumnSpanned(True)
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
            elif item.data(0, STAY_ROLE) in chosen:
                item.setSelected(True)
        self._show_summary()
        self._update_buttons()
        self.refreshed.emit()

    def _show_summary(self) -> None:
        total, missing = len(self.nights.nights), len(self.nights.uncovered)
        if self.document is None:
            text = ""
        elif not total:
            text = self.tr("A one-day tour: no nights.")
        elif not missing:
            text = self.tr("Every night of the tour has a hotel.")
        else:
            text = fill(self.tr("Nights without a hotel: %1 of %2."), missing, total)
        self.summary.setText(text)

    # --- reading ------------------------------------------------------------------------------
    def selected_stays(self) -> list[int]:
        return [int(item.data(0, STAY_ROLE)) for item in self.view.selectedItems()
                if item.data(0, STAY_ROLE) is not None]

    def row_texts(self) -> list[str]:
        """What each row says, in order (the gaps' one text, a stay's columns joined)."""
        texts = []
        for n in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(n)
            assert item is not None
            columns = [item.text(c) for c in range(self.view.columnCount())]
            texts.append(" | ".join(columns).rstrip(" |"))
        return texts

    def _update_buttons(self) -> None:
        editable = self.document is not None
        chosen = self.selected_stays()
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and len(chosen) == 1)
        self.delete_button.setEnabled(editable and bool(chosen))

    # --- editing ------------------------------------------------------------------------------
    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, STAY_ROLE)
        if key is not None:
            self.edit()
            return
        ordinal = item.data(0, NIGHT_ROLE)
        if ordinal is not None:
            self.add(date.fromordinal(int(ordinal)))

    def _gap_from(self, night: date) -> date:
        """The morning after the run of uncovered nights that starts on *night*."""
        missing = set(self.nights.uncovered)
        end = night + timedelta(days=1)
        while end in missing:
            end += timedelta(days=1)
        return end

    def add(self, night: date | None = None) -> StayDialog | None:
        """Open the dialog for a new stay, from *night* (default: the first night without a
        hotel) to the end of the nights without one that follow."""
        document = self.document
        if document is None:
            return None
        reveal(self)
        self.catch_up()  # the gaps as they are now
        if night is None and self.nights.uncovered:
            night = self.nights.uncovered[0]
        if night is None:
            last = max((s.check_out for s in self.stays.values()), default=None)
            night = last if last is not None else document.tour.start_date
            check_out = night + timedelta(days=1)
        else:
            check_out = self._gap_from(night)
        return self._open(StayDialog(document, self.operations, self.picker, None, night,
                                     check_out, parent=self.window()))

    def edit(self) -> StayDialog | None:
        """Open the dialog on the selected stay."""
        chosen = self.selected_stays()
        if self.document is None or len(chosen) != 1:
            return None
        return self._open(StayDialog(self.document, self.operations, self.picker,
                                     self.stays[chosen[0]], parent=self.window()))

    def _open(self, dialog: StayDialog) -> StayDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete(self) -> None:
        """Delete the selected stays (one undoable step)."""
        document = self.document
        chosen = self.selected_stays()
        if document is None or not chosen:
            return
        with commands.one_step(document, len(chosen),
                               self.tr("Delete %n hotel stays", "", len(chosen))):
            for key in chosen:
                stay = self.stays[key]
                name = edits.name_of(stay, "stay") if stay.place is not None else str(key)
                commands.execute(DeleteRecord(document, "stay", key, name))

    # --- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.view.setHeaderLabels([self.tr("Hotel"), self.tr("City"), self.tr("Check-in"),
                                   self.tr("Check-out"), self.tr("Nights"),
                                   self.tr("Booking reference")])
        self.view.setAccessibleName(self.tr("Hotel nights"))
        self.add_button.setText("+")
        self.add_button.setToolTip(self.tr("Add hotel night…"))
        self.add_button.setAccessibleName(self.tr("Add hotel night"))
        self.edit_button.setText(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Change the selected stay"))
        self.delete_button.setText("−")
        self.delete_button.setToolTip(self.tr("Delete the selected stays"))
        self.delete_button.setAccessibleName(self.tr("Delete hotel stay"))
        if self.document is not None:
            self._update()  # the days are written in the window's language
        else:
            self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ParentChange:
            self._follow_dock()
        super().changeEvent(event)
