"""Places: the hotels, venues, stations, airports and restaurants of the tour (and the
organisations' offices), as a list with a filter and a form, and the dialog that adds one.

A place cannot exist without its point, so "Add" asks for the name and the location first
(:class:`PlaceDialog`: anything the location field reads) and adds the place in one undoable step
(``AddRecord``); the form moves it with the same field (``SetFields`` on its coordinates, how
exact they are, its city and country; the time zone follows in the planner). Deleting a hotel that
still has nights is refused with the planner's reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner import edits
from planner.errors import InputError
from ui import commands
from ui.commands import AddRecord, SetFields
from ui.document import TourDocument
from ui.i18n import message_of
from ui.models.records import PLACE_KINDS, RecordTableModel
from ui.operations import Operations
from ui.panels.records import RecordBrowser
from ui.text import fill
from ui.widgets.location import LocationField, MapPicker, reveal

if TYPE_CHECKING:
    from planner.geo.locate import Located


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("Places", str(PLACE_KINDS.get(kind, kind)))


def location_values(found: Located) -> dict[str, Any]:
    """The fields of a place that a location found sets (a city or country only where the
    lookup knows one, so a point at sea keeps the ones typed)."""
    values: dict[str, Any] = {"latitude": found.latitude, "longitude": found.longitude,
                              "exact": found.exact}
    if found.city:
        values["city"] = found.city
    if found.country:
        values["country"] = found.country
    return values


class PlaceDialog(QDialog):
    """A new place: its name, kind, address and location (the location is required).

    With *add* (the default) OK adds it as one undoable step and :attr:`key` is its key; without,
    the dialog only collects :meth:`values` (the hotel-night dialog adds the hotel and the
    night together).
    """

    def __init__(self, document: TourDocument, operations: Operations,
                 picker: MapPicker | None = None, kind: str = "hotel", *, add: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeDialog")
        self.document = document
        self.add = add
        self.key: int | None = None
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("placeName")
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("placeKind")
        for value in PLACE_KINDS:
            self.kind_box.addItem("", value)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.location = LocationField(self, operations, picker)
        self.address_edit = QLineEdit(self)  # after the location: Tab goes down the form
        self.address_edit.setObjectName("placeAddress")
        self.location.located.connect(self._located)
        self.location.failed.connect(lambda _text: self._update())
        self.error = QLabel(self)
        self.error.setObjectName("placeError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.labels, (self.name_edit, self.kind_box, self.location,
                                              self.address_edit), strict=True):
            label.setBuddy(field.edit if isinstance(field, LocationField) else field)
            self.form.addRow(label, field)
        # Not the standard OK: its text would go back to "OK" when the language changes.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("placeOk")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self.resize(620, self.sizeHint().height())
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add Place") if self.add else self.tr("New Hotel"))
        for label, text in zip(self.labels, (self.tr("&Name:"), self.tr("&Kind:"),
                                             self.tr("&Location:"), self.tr("&Address:")),
                               strict=True):
            label.setText(text)
        for row in range(self.kind_box.count()):
            self.kind_box.setItemText(row, kind_name(str(self.kind_box.itemData(row))))
        self.name_edit.setPlaceholderText(self.tr("Hotel d'Angleterre"))
        self.address_edit.setPlaceholderText(self.tr("Street and number (for the book and the "
                                                     "calendars)"))
        self.ok_button.setText(self.tr("Add") if self.add else self.tr("OK"))
        self.form.invalidate()  # the label column follows the new texts' widths

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            # What the location field says may wrap onto a second line: a window's minimum
            # size leaves wrapped lines out, so grow to show it whole.
            layout = self.layout()
            if layout is not None and layout.hasHeightForWidth():
                needed = layout.totalHeightForWidth(self.width())
                if needed > self.height():
                    self.resize(self.width(), needed)
        return handled

    def _located(self, found: Located) -> None:
        if not self.name_edit.text().strip() and found.name:
            self.name_edit.setText(found.name)  # an airport's or a station's name, a link's label
        if found.source in ("airport", "station", "port"):  # found as one: it is one
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(found.source)))
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.name_edit.text().strip())
                                  and self.location.found is not None)
        self.error.hide()

    def values(self) -> dict[str, Any]:
        """The new place's fields (its zone follows its point in the planner)."""
        found = self.location.found
        assert found is not None
        values: dict[str, Any] = {"name": self.name_edit.text().strip(),
                                  "kind": self.kind_box.currentData(),
                                  "address": self.address_edit.text().strip()}
        values.update(location_values(found))
        return values

    def accept(self) -> None:
        if self.location.found is None:
            return
        values = self.values()
        try:
            edits.parse_values("place", values)  # said here, in the dialog, and nothing changes
        except InputError as exc:
            self.error.setText(message_of(exc))
            self.error.show()
            return
        if self.add:
            command = AddRecord(self.document, "place", values,
                                fill(self.tr("Add %1"), values["name"]))
            if not commands.execute(command):
                return  # the window said why
            self.key = command.key
        super().accept()


def _where_of(place: Any) -> tuple[float, float, str, bool, str, str]:
    return (place.latitude, place.longitude, place.zone, place.exact, place.city, place.country)


class PlaceLocation(QWidget):
    """Under a place's form: how exact its point is, and the location field that moves it."""

    def __init__(self, browser: RecordBrowser, operations: Operations,
                 picker: MapPicker | None = None) -> None:
        super().__init__()
        self.setObjectName("placeLocation")
        self.browser = browser
        self.record: Any = None
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.approximate = QLabel(self)
        self.approximate.setObjectName("placeApproximate")
        self.approximate.setWordWrap(True)
        font = self.approximate.font()
        font.setItalic(True)
        self.approximate.setFont(font)
        self.location = LocationField(self, operations, picker)
        self.location.located.connect(self._move)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.approximate)
        layout.addWidget(self.location)
        browser.form.add_section(self)
        browser.current_changed.connect(self._follow)
        browser.model.dataChanged.connect(self._row_changed)
        self.retranslate()
        self._follow(None)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Move the place: type or paste where it is, or pick it on "
                                     "the map (the time zone follows)."))
        self.approximate.setText(self.tr("Approximate: only the centre of the city is known, "
                                         "so travel times get a safety margin. Find the exact "
                                         "place below."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _follow(self, record: Any) -> None:
        self.record = record
        self.setEnabled(record is not None)
        self._show()

    def _row_changed(self, _top: QModelIndex, _bottom: QModelIndex) -> None:
        current = self.browser.current_record()
        if current is None or self.record is None or current.id != self.record.id:
            return
        moved = _where_of(current) != _where_of(self.record)
        self.record = current
        if moved:  # moved here, or moved back by undo: say where it is now
            self._show()

    def _show(self) -> None:
        place = self.record
        self.approximate.setVisible(place is not None and not place.exact)
        if place is None:
            self.location.clear()
        else:
            self.location.show_stored(*_where_of(place))

    def _move(self, found: Located) -> None:
        place = self.record
        document = self.browser.model.document
        if place is None or document is None:
            return
        command = SetFields(document, "place", place.id, location_values(found),
                            fill(self.tr("Move %1"), place.name))
        commands.execute(command)  # the row's refresh shows where it is now


class PlacesPanel(RecordBrowser):
    """The places of the tour: filter, table, add (by location) and delete, and a form."""

    #: A place was added through the panel (its key).
    added = Signal(int)

    def __init__(self, operations: Operations, picker: MapPicker | None = None,
                 parent: QWidget | None = None) -> None:
        model = RecordTableModel("place")
        super().__init__(model, lambda: {}, parent)
        model.setParent(self)
        self.setObjectName("placesPanel")
        self.operations = operations
        self.picker = picker
        self.section = PlaceLocation(self, operations, picker)
        self.dialog: PlaceDialog | None = None

    def texts(self) -> tuple[str, str, str, str, str]:
        return (self.tr("Filter places…"), self.tr("Add place…"), self.tr("Delete place"),
                self.tr("New place"), self.tr("Places"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add(self, chosen: dict[str, Any] | None = None) -> None:
        """Ask for the new place's name and location (of the kind *chosen* gives, else a
        hotel); OK adds it (one undoable step) and shows it in the list (:attr:`dialog` is the
        dialog)."""
        document = self.model.document
        if document is None:
            return
        kind = str((chosen or {}).get("kind", "hotel"))
        dialog = PlaceDialog(document, self.operations, self.picker, kind, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog.key))
        self.dialog = dialog
        dialog.open()

    def _added(self, key: int | None) -> None:
        if key is None:
            return
        reveal(self)
        self.select_key(key)
        self.added.emit(key)
