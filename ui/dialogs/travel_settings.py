"""Travel settings: every parameter of the travel model (:class:`planner.travel.TravelSettings`),
the day rules the checks use and whether planning may split the delegation, in one form; values
that differ from the defaults are shown in bold. OK applies the whole new settings as one
undoable step, after which the tour is checked again. The days' own choices on splitting
(``split_days``, set from a day's context menu) are not edited here: OK and Restore Defaults
keep them, and the form lists them."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, fields
from datetime import date, time
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.edits import parse_value
from planner.errors import InputError
from planner.formatting import format_day
from planner.travel import TravelSettings
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.operations import Operations
from ui.text import fill

DEFAULTS = TravelSettings()
#: The planner's units (TravelSettings.ranges), shown translated.
MIN, KM, KMH, TIMES, DAYS = "min", "km", "km/h", "× the straight line", "days"


@dataclass(frozen=True)
class Field:
    """How one setting is edited: its step and decimals; its unit and range are the planner's
    (``TravelSettings.ranges``, which refuses the same values on the command line); labels come
    from the dialog, translated."""

    name: str
    step: float = 5.0
    decimals: int = 0

    @property
    def unit(self) -> str:
        found = TravelSettings.ranges.get(self.name)
        return found.unit if found else ""

    @property
    def minimum(self) -> float:
        return TravelSettings.ranges[self.name].low

    @property
    def maximum(self) -> float:
        return TravelSettings.ranges[self.name].high


#: The groups of the form, in reading order, and their fields.
GROUPS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("walking", (Field("walk_max_km", 0.1, 1),
                 Field("walk_speed_kmh", 0.5, 1),
                 Field("walk_buffer_min", 1))),
    ("city", (Field("city_mode"),
              Field("city_access_min", 1),
              Field("city_speed_kmh", 1),
              Field("motorway_speed_kmh", 5),
              Field("road_detour", 0.05, 2),
              Field("road_max_km", 10))),
    ("ferry", (Field("ferry_max_km", 10),
               Field("ferry_speed_kmh", 1),
               Field("ferry_checkin_min"),
               Field("port_access_min"),
               Field("sea_tolerance_km", 1))),
    ("rail", (Field("rail_min_km", 10),
              Field("rail_max_km", 10),
              Field("rail_speed_kmh", 5),
              Field("rail_detour", 0.05, 2),
              Field("rail_wait_min"),
              Field("station_buffer_min"),
              Field("station_access_min"),
              Field("rail_change_min"))),
    ("flight", (Field("flight_min_km", 10),
                Field("flight_speed_kmh", 10),
                Field("flight_fixed_min"),
                Field("airport_checkin_min"),
                Field("airport_exit_min"),
                Field("airport_access_min"),
                Field("flight_change_min"))),
    ("day", (Field("earliest_departure"),
             Field("latest_return"),
             Field("checkout_min"),
             Field("lunch_window"),
             Field("lunch_min"),
             Field("onboard_meal_min"),
             Field("max_meetings_per_day", 1),
             Field("confirm_days", 1),
             Field("min_transfer_min"),
             Field("approximate_margin_min"))),
    ("planning", (Field("split_delegation"),)),
)
#: Which groups stack in which column.
COLUMNS = (("walking", "city", "ferry"), ("rail", "flight"), ("day", "planning"))
TIME_FIELDS = ("earliest_departure", "latest_return")
#: Settings edited by a check box (its text is its label). The days' own choices on splitting
#: (``split_days``, from a day's menu) have no editor: they are kept as the tour has them.
CHECK_FIELDS = ("split_delegation",)


def _qtime(text: str) -> QTime:
    try:
        value = time.fromisoformat(text.strip())
    except ValueError:
        return QTime()
    return QTime(value.hour, value.minute)


def _same_width(labels: list[QLabel]) -> None:
    """One width for *labels*, room for the widest in bold (a changed value's label), so the
    fields of a column line up and marking a value never squeezes the form."""
    bold = QFont(labels[0].font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    width = max(metrics.horizontalAdvance(label.text()) for label in labels) + 4
    for label in labels:
        label.setMinimumWidth(width)


def _decimals(value: float, at_least: int) -> int:
    """Enough decimals to show *value* exactly (up to 2), and at least *at_least*."""
    for decimals in range(at_least, 3):
        if abs(round(value, decimals) - value) < 1e-9:
            return decimals
    return 2


class TravelSettingsDialog(QDialog):
    """Edits the tour's travel settings; OK applies them as one undoable step."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        self.setWindowTitle(self.tr("Travel Settings"))
        self.current = TravelSettings.from_json(document.tour.travel_settings)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QWidget] = {}  # a check box is its own label
        titles, texts, units = self._group_titles(), self._labels(), self._units()
        explanation = QLabel(self.tr(
            "How long travel takes, door to door, and what a day may hold. Estimates must "
            "never be optimistic. Values in bold differ from the defaults."), self)
        explanation.setWordWrap(True)
        grid = QGridLayout()
        chain: list[QWidget] = []
        groups = dict(GROUPS)
        for column, names in enumerate(COLUMNS):
            stack = QVBoxLayout()
            column_labels: list[QLabel] = []
            for group in names:
                box = QGroupBox(titles[group], self)
                form = QFormLayout(box)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
                for spec in groups[group]:
                    field, focusable = self._editor(spec, box, texts[spec.name],
                                                    units.get(spec.unit, ""))
                    chain += focusable
                    if isinstance(field, QCheckBox):  # its own text is its label
                        field.setToolTip(spec.name)
                        self.labels[spec.name] = field
                        form.addRow(field)
                        continue
                    label = QLabel(texts[spec.name], box)
                    label.setBuddy(focusable[0])
                    label.setToolTip(spec.name)
                    self.labels[spec.name] = label
                    column_labels.append(label)
                    form.addRow(label, field)
                if group == "planning":
                    self.split_days_note = self._split_days_note(box)
                    form.addRow(self.split_days_note)
                stack.addWidget(box)
            stack.addStretch(1)
            grid.addLayout(stack, 0, column)
            _same_width(column_labels)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.RestoreDefaults | QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.button(
            QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.clicked.connect(self.restore_defaults)
        self.restore_button.setToolTip(self.tr(
            "Put every default into the form (applied with OK); the days' own choices on "
            "splitting the delegation are kept"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        chain += [self.buttons.button(QDialogButtonBox.StandardButton.Ok),
                  self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                  self.restore_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.show_settings(self.current)

    # --- editors ------------------------------------------------------------------------------
    def _group_titles(self) -> dict[str, str]:
        return {"walking": self.tr("Walking"), "city": self.tr("In the city"),
                "ferry": self.tr("Ferry"), "rail": self.tr("Rail"), "flight": self.tr("Flight"),
                "day": self.tr("Day rules"), "planning": self.tr("Planning")}

    def _units(self) -> dict[str, str]:
        return {MIN: self.tr(" min"), KM: self.tr(" km"), KMH: self.tr(" km/h"),
                TIMES: self.tr(" × straight line"), DAYS: self.tr(" days before")}

    def _labels(self) -> dict[str, str]:
        """Each setting's label (the setting's own name is in the label's tool tip)."""
        return {
            "walk_max_km": self.tr("Longest walk:"),
            "walk_speed_kmh": self.tr("Walking speed:"),
            "walk_buffer_min": self.tr("Gathering the group:"),
            "city_mode": self.tr("Getting around by:"),
            "city_access_min": self.tr("Waiting and boarding:"),
            "city_speed_kmh": self.tr("City speed:"),
            "motorway_speed_kmh": self.tr("Long road trip speed:"),
            "road_detour": self.tr("Road distance:"),
            "road_max_km": self.tr("Longest road trip:"),
            "ferry_max_km": self.tr("Longest crossing:"),
            "ferry_speed_kmh": self.tr("Ferry speed:"),
            "ferry_checkin_min": self.tr("Check-in before sailing:"),
            "port_access_min": self.tr("Door to port:"),
            "sea_tolerance_km": self.tr("Open sea a land route may cross:"),
            "rail_min_km": self.tr("Shortest train trip:"),
            "rail_max_km": self.tr("Longest train trip:"),
            "rail_speed_kmh": self.tr("Average train speed:"),
            "rail_detour": self.tr("Rail distance:"),
            "rail_wait_min": self.tr("Wait for a train:"),
            "station_buffer_min": self.tr("At the station before:"),
            "station_access_min": self.tr("Door to station:"),
            "rail_change_min": self.tr("Change of trains:"),
            "flight_min_km": self.tr("Shortest flight:"),
            "flight_speed_kmh": self.tr("Block speed:"),
            "flight_fixed_min": self.tr("Taxiing, climb, approach:"),
            "airport_checkin_min": self.tr("At the airport before:"),
            "airport_exit_min": self.tr("Deplaning and baggage:"),
            "airport_access_min": self.tr("Door to airport:"),
            "flight_change_min": self.tr("Change of planes (no hub):"),
            "earliest_departure": self.tr("Leave the hotel from:"),
            "latest_return": self.tr("Back at the hotel by:"),
            "checkout_min": self.tr("Check-out with luggage:"),
            "lunch_window": self.tr("Lunch between:"),
            "lunch_min": self.tr("Lunch takes:"),
            "onboard_meal_min": self.tr("Lunch on board from:"),
            "max_meetings_per_day": self.tr("Meetings a day, at most:"),
            "confirm_days": self.tr("Confirmed by:"),
            "min_transfer_min": self.tr("Between items at one place:"),
            "approximate_margin_min": self.tr("Margin per approximate place:"),
            "split_delegation": self.tr("Planning may split the delegation when goals differ"),
        }

    def _editor(self, spec: Field, parent: QWidget, text: str,
                unit: str) -> tuple[QWidget, list[QWidget]]:
        """The editor of one setting, and its focusable parts in tab order."""
        name = spec.name
        label = text.rstrip(":：")
        if name in CHECK_FIELDS:
            check = QCheckBox(text, parent)
            bold = QFont(check.font())
            bold.setBold(True)
            # room for its text in bold (a changed value's), so marking it never widens the form
            check.setMinimumWidth(check.sizeHint().width()
                                  + QFontMetrics(bold).horizontalAdvance(text)
                                  - QFontMetrics(check.font()).horizontalAdvance(text))
            check.toggled.connect(lambda _on: self._mark(name))
            self.editors[name] = check
            return check, [check]
        if name == "city_mode":
            combo = QComboBox(parent)
            combo.addItem(self.tr("Taxi or minibus"), "taxi")
            combo.addItem(self.tr("Public transport"), "transit")
            combo.currentIndexChanged.connect(lambda _i: self._mark(name))
            combo.setAccessibleName(label)
            self.editors[name] = combo
            return combo, [combo]
        if name in TIME_FIELDS:
            edit = self._time_edit(parent, label)
            edit.timeChanged.connect(lambda _t: self._mark(name))
            self.editors[name] = edit
            return edit, [edit]
        if name == "lunch_window":
            first = self._time_edit(parent, self.tr("Lunch from"))
            last = self._time_edit(parent, self.tr("Lunch until"))
            row = QWidget(parent)
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(first, 1)
            box.addWidget(QLabel("–", row))
            box.addWidget(last, 1)
            for edit in (first, last):
                edit.timeChanged.connect(lambda _t: self._mark(name))
            self.editors[name] = row
            self.lunch_from, self.lunch_until = first, last
            return row, [first, last]
        spin: QSpinBox | QDoubleSpinBox
        current = getattr(self.current, name)  # a tour may hold a value beyond the range
        if isinstance(getattr(DEFAULTS, name), int):
            spin = QSpinBox(parent)
            spin.setRange(min(int(spec.minimum), current), max(int(spec.maximum), current))
            spin.setSingleStep(int(spec.step))
        else:
            spin = QDoubleSpinBox(parent)
            spin.setDecimals(_decimals(current, spec.decimals))
            spin.setRange(min(spec.minimum, current), max(spec.maximum, current))
            spin.setSingleStep(spec.step)
        spin.setSuffix(unit)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setAccessibleName(label)
        spin.valueChanged.connect(lambda _v: self._mark(name))
        self.editors[name] = spin
        return spin, [spin]

    def _split_days_note(self, parent: QWidget) -> QLabel:
        """The days with a choice of their own on splitting the delegation (kept as they are;
        hidden when there are none)."""
        days = self.current.split_days
        note = QLabel(parent)
        note.setObjectName("splitDaysNote")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setVisible(bool(days))
        if days:
            language = current_language()
            choices = [fill(self.tr("%1 may split") if split else self.tr("%1 together"),
                            format_day(date.fromisoformat(day), language, short=True))
                       for day, split in days]
            note.setText(fill(self.tr("Days with their own choice (right-click a day in the "
                                      "agenda; Restore Defaults keeps them): %1"),
                              self.tr(", ").join(choices)))
        return note

    def _time_edit(self, parent: QWidget, name: str) -> QTimeEdit:
        edit = QTimeEdit(parent)
        edit.setDisplayFormat("HH:mm")
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setAccessibleName(name)
        return edit

    # --- values -------------------------------------------------------------------------------
    def show_settings(self, settings: TravelSettings) -> None:
        """Put *settings* into the editors."""
        for name, value in asdict(settings).items():
            editor = self.editors.get(name)
            if editor is None:  # the days' own choices: kept, not edited here
                continue
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif name == "city_mode":
                assert isinstance(editor, QComboBox)
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif name in TIME_FIELDS:
                assert isinstance(editor, QTimeEdit)
                editor.setTime(_qtime(value))
            elif name == "lunch_window":
                first, _, last = str(value).partition("-")
                self.lunch_from.setTime(_qtime(first))
                self.lunch_until.setTime(_qtime(last))
            else:
                assert isinstance(editor, QSpinBox | QDoubleSpinBox)
                editor.setValue(value)
            self._mark(name)
        self.error.clear()

    def values(self) -> dict[str, Any]:
        """Every setting as the editors hold it."""
        return {name: self.value(name) for name in self.editors}

    def value(self, name: str) -> Any:
        """Setting *name* as its editor holds it."""
        editor = self.editors[name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QTimeEdit):
            return editor.time().toString("HH:mm")
        if name == "lunch_window":
            return (f"{self.lunch_from.time().toString('HH:mm')}-"
                    f"{self.lunch_until.time().toString('HH:mm')}")
        if isinstance(editor, QSpinBox):
            return int(editor.value())
        assert isinstance(editor, QDoubleSpinBox)
        return float(editor.value())

    def settings(self) -> TravelSettings:
        """The settings as edited, with the days' own choices on splitting as the tour has
        them now; InputError if they do not make sense."""
        values: dict[str, Any] = self.values()
        kept = TravelSettings.from_json(self.document.tour.travel_settings)
        values["split_days"] = dict(kept.split_days)
        if self.lunch_from.time() >= self.lunch_until.time():
            raise InputError(self.tr("Lunch must start before it ends."))
        departure = self.editors["earliest_departure"]
        back = self.editors["latest_return"]
        assert isinstance(departure, QTimeEdit) and isinstance(back, QTimeEdit)
        if departure.time() >= back.time():
            raise InputError(self.tr("The delegation must leave the hotel before it is due "
                                     "back."))
        return TravelSettings.from_json(values)

    def _mark(self, name: str) -> None:
        """Show in bold a value that differs from the default (with the default in the
        tool tip)."""
        label = self.labels.get(name)
        if label is None:  # still building the form
            return
        value = self.value(name)
        default = getattr(DEFAULTS, name)
        changed = value != default
        font = label.font()
        font.setBold(changed)
        label.setFont(font)
        shown = self._shown(name, default)
        label.setToolTip(fill(self.tr("%1 · changed; the default is %2"), name, shown)
                         if changed else name)

    def _shown(self, name: str, value: Any) -> str:
        """*value* of setting *name* as the editor shows it."""
        editor = self.editors[name]
        if isinstance(editor, QCheckBox):
            return self.tr("on") if value else self.tr("off")
        if isinstance(editor, QComboBox):
            return editor.itemText(max(0, editor.findData(value)))
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.textFromValue(value) + editor.suffix()
        return str(value)

    def changed_names(self) -> list[str]:
        """The settings whose values differ from the defaults, as edited."""
        values = self.values()
        return [f.name for f in fields(TravelSettings)
                if f.name in values and values[f.name] != getattr(DEFAULTS, f.name)]

    def restore_defaults(self) -> None:
        """Put the default values into the form (applied with OK); the days' own choices on
        splitting the delegation are kept (the form says so)."""
        self.show_settings(DEFAULTS)

    # --- applying -----------------------------------------------------------------------------
    def accept(self) -> None:
        """Apply the new settings as one undoable step (then the tour is checked again); stay
        open, changing nothing, if they are refused."""
        try:
            new = self.settings()
            value = parse_value("tour", "travel_settings", new.to_json())
        except InputError as exc:
            self.error.setText(message_of(exc))
            return
        if new == self.current:
            super().accept()
            return
        document = self.document
        if not commands.execute(commands.SetField(document, "tour", document.tour.id,
                                                  "travel_settings", value,
                                                  document.tour.title)):
            self.error.setText(self.tr("The settings could not be applied."))
            return
        super().accept()
