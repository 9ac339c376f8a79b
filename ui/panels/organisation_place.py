"""An organisation's office under its form: address, city, country and where it is.

The fields edit the organisation's office and the location field moves it (point, how exact,
city and country; the time zone follows in the planner), each one undoable ``SetOffice``
(planner's ``set_office``): only an office of this organisation alone changes; one without a
place, or at a place it shares (a hotel, a venue, another organisation's office), gets a new
office named after it, with the address and city typed above, and the shared place stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from planner import edits
from ui import commands
from ui.commands import SetOffice
from ui.i18n import current_language
from ui.operations import Operations
from ui.panels.places import location_values
from ui.panels.records import RecordBrowser
from ui.text import fill
from ui.widgets.location import LocationField, MapPicker

if TYPE_CHECKING:
    from planner.geo.locate import Located

#: The place's fields this section edits, in order.
FIELDS = ("address", "city", "country")


class OrganisationPlace(QGroupBox):
    """The current organisation's office: address, city, country and location."""

    def __init__(self, browser: RecordBrowser, operations: Operations,
                 picker: MapPicker | None = None) -> None:
        super().__init__()
        self.setObjectName("organisationPlace")
        self.browser = browser
        self.organisation: Any = None
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"organisationPlace_{name}")
            edit.editingFinished.connect(lambda n=name: self._edited(n))
            label = QLabel(self)
            label.setBuddy(edit)
            layout.addRow(label, edit)
            self.edits[name], self.labels[name] = edit, label
        self.status = QLabel(self)
        self.status.setObjectName("organisationPlaceStatus")
        self.status.setWordWrap(True)
        self.location = LocationField(self, operations, picker)
        self.location.located.connect(self._located)
        self.labels["location"] = QLabel(self)
        self.labels["location"].setBuddy(self.location.edit)
        layout.addRow(self.labels["location"], self.location)
        layout.addRow(self.status)
        self._hide_read_only_rows()
        browser.form.add_section(self)
        browser.current_changed.connect(self._follow)
        browser.model.dataChanged.connect(self._row_changed)
        self.retranslate()
        self._follow(None)

    def _hide_read_only_rows(self) -> None:
        """The form's read-only City and Address labels: this section edits them."""
        form = self.browser.form
        for section, column in enumerate(self.browser.model.columns):
            if column.field is None and str(column.title) in ("City", "Address"):
                editor = form.findChild(QWidget, f"organisation_{section}")
                if editor is not None:
                    form.layout_.setRowVisible(editor, False)

    # --- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Office"))
        for name, text in (("address", self.tr("Address:")), ("city", self.tr("City:")),
                           ("country", self.tr("Country:")),
                           ("location", self.tr("Location:"))):
            self.labels[name].setText(text)
        self.edits["country"].setPlaceholderText(self.tr("DK or Denmark"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_status(self) -> None:
        organisation = self.organisation
        if organisation is not None and organisation.place is None:
            self.status.setText(self.tr(
                "No office yet: find where it is (a map link, coordinates or the city); the "
                "address and city above are saved with it."))
            self.status.show()
        else:
            self.status.hide()

    # --- following the current organisation ---------------------------------------------------
    def _follow(self, organisation: Any) -> None:
        self.organisation = organisation
        self.setEnabled(organisation is not None)
        self._show(reset_location=True)

    def _row_changed(self, _top: QModelIndex, _bottom: QModelIndex) -> None:
        current = self.browser.current_record()
        if current is None or self.organisation is None or current.id != self.organisation.id:
            return
        before = _where_of(self.organisation.place)
        self.organisation = current
        self._show(reset_location=_where_of(current.place) != before)

    def _show(self, reset_location: bool) -> None:
        organisation = self.organisation
        place = organisation.place if organisation is not None else None
        if place is not None or reset_location:  # what is typed for a new office stays
            for name, edit in self.edits.items():
                edit.setText(str(getattr(place, name)) if place is not None else "")
        if reset_location:
            where = _where_of(place)
            if where is None:
                self.location.clear()
            else:
                self.location.show_stored(*where)
        self._show_status()

    # --- editing ------------------------------------------------------------------------------
    def _edited(self, name: str) -> None:
        organisation = self.organisation
        document = self.browser.model.document
        place = organisation.place if organisation is not None else None
        if place is None or document is None:
            return  # saved with the place once its location is found
        text = self.edits[name].text().strip()
        if text == str(getattr(place, name)):
            return
        label = edits.field_label(name, current_language())
        title = QCoreApplication.translate("Commands", "Change %1 of %2")
        if not commands.execute(SetOffice(document, organisation.id, {name: text},
                                          fill(title, label, organisation.name))):
            self.edits[name].setText(str(getattr(place, name)))  # the stored value again

    def _located(self, found: Located) -> None:
        """Where the office is: its own office moves; a place it shares (a hotel, another
        organisation's office) stays, and it gets an office of its own (planner's set_office);
        a new office takes the address and city typed above, in one undoable step."""
        organisation = self.organisation
        document = self.browser.model.document
        if organisation is None or document is None:
            return
        values = location_values(found)
        if organisation.place is not None:
            text = self.tr("Move %1")
        else:
            typed = {name: self.edits[name].text().strip() for name in FIELDS}
            values.update({name: text for name, text in typed.items() if text})
            text = self.tr("Set the office of %1")
        commands.execute(SetOffice(document, organisation.id, values,
                                   fill(text, organisation.name)))


def _where_of(place: Any) -> tuple[float, float, str, bool, str, str] | None:
    if place is None:
        return None
    return (place.latitude, place.longitude, place.zone, place.exact, place.city, place.country)
