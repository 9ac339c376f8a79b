"""Table models over planner records (organisations, contacts, travellers, goals).

One model class serves every kind; a kind is described by its :class:`Column` list. Rows hold the
detached objects the document read; an edit in a cell (or in the detail form, through a
``QDataWidgetMapper``) becomes an undo command, and the model refreshes the rows the document
reports changed, so a row always shows what the tour file holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from planner import edits
from planner.geo.names import fold
from planner.model import (
    Contact,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Traveller,
)
from ui import commands
from ui.document import TourDocument
from ui.text import tooltip

Index = QModelIndex | QPersistentModelIndex

#: The role that gives a cell's value for sorting and filtering (plain text, or a number).
SortRole = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("Columns", text)


def _joined(values: Sequence[str]) -> str:
    return ", ".join(values)


@dataclass(frozen=True)
class Column:
    """One column: its title, the record field it edits (if any), and how it reads."""

    title: Any  # marked with QT_TRANSLATE_NOOP("Columns", ...), translated when shown
    field: str | None
    text: Callable[[Any], str]
    #: Shown in the table (else only in the detail form).
    listed: bool = True
    #: How the detail form edits it: "line", "text" (several lines), "choice", "flag", or
    #: "reference" (a record of another kind, by key; the browser supplies the records).
    editor: str = "line"
    choices: tuple[str, ...] = ()
    #: How a choice reads (a priority's meaning), else the choice itself.
    choice_text: Callable[[str], str] | None = None
    #: A reference column: what "none" means ("Delegation" for a goal without a traveller).
    none_text: Any = ""

    def choice_label(self, value: str) -> str:
        return self.choice_text(value) if self.choice_text is not None else value


def _attr(name: str) -> Callable[[Any], str]:
    def read(obj: Any) -> str:
        value = getattr(obj, name)
        if isinstance(value, list):
            return _joined(value)
        if isinstance(value, bool):
            return QCoreApplication.translate("Columns", "yes") if value else ""
        return "" if value is None else str(getattr(value, "value", value))
    return read


def _place(obj: Organisation) -> str:
    place = obj.place
    return ", ".join(p for p in (place.city, place.country) if p) if place else ""


def _address(obj: Organisation) -> str:
    return obj.place.address if obj.place else ""


def _organisation(obj: Contact) -> str:
    return obj.organisation.name if obj.organisation else ""


DELEGATION = str(QT_TRANSLATE_NOOP("Columns", "Delegation"))


def _goal_owner(obj: LearningGoal) -> str:
    return obj.traveller.name if obj.traveller else _tr(DELEGATION)


#: What the priorities mean (the ones between go without words).
PRIORITY_MEANINGS: dict[str, Any] = {
    "1": QT_TRANSLATE_NOOP("Columns", "nice to know"),
    "3": QT_TRANSLATE_NOOP("Columns", "useful"),
    "5": QT_TRANSLATE_NOOP("Columns", "must learn"),
}


def priority_text(value: Any) -> str:
    """A goal's priority as people read it: ``5 – must learn``, ``4``."""
    number = str(value)
    meaning = PRIORITY_MEANINGS.get(number)
    return f"{number} – {_tr(str(meaning))}" if meaning else number


def _priority(obj: LearningGoal) -> str:
    return priority_text(obj.priority)


def _field(name: str, title: str, **options: Any) -> Column:
    return Column(title, name, _attr(name), **options)


COLUMNS: dict[str, tuple[Column, ...]] = {
    "organisation": (
        _field("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        _field("name_ja", QT_TRANSLATE_NOOP("Columns", "Japanese name")),
        _field("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), editor="choice",
               choices=tuple(k.value for k in OrganisationKind)),
        Column(QT_TRANSLATE_NOOP("Columns", "City"), None, _place),
        _field("topics", QT_TRANSLATE_NOOP("Columns", "Topics")),
        _field("website", QT_TRANSLATE_NOOP("Columns", "Website")),
        _field("email", QT_TRANSLATE_NOOP("Columns", "E-mail")),
        _field("phone", QT_TRANSLATE_NOOP("Columns", "Phone")),
        Column(QT_TRANSLATE_NOOP("Columns", "Address"), None, _address, listed=False),
        _field("description", QT_TRANSLATE_NOOP("Columns", "Description"),
               listed=False, editor="text"),
        _field("notes", QT_TRANSLATE_NOOP("Columns", "Notes"),
               listed=False, editor="text"),
    ),
    "contact": (
        _field("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        _field("name_ja", QT_TRANSLATE_NOOP("Columns", "Japanese name")),
        Column(QT_TRANSLATE_NOOP("Columns", "Organisation"), None, _organisation),
        _field("role", QT_TRANSLATE_NOOP("Columns", "Role")),
        _field("email", QT_TRANSLATE_NOOP("Columns", "E-mail")),
        _field("phone", QT_TRANSLATE_NOOP("Columns", "Phone")),
        _field("languages", QT_TRANSLATE_NOOP("Columns", "Languages")),
        _field("notes", QT_TRANSLATE_NOOP("Columns", "Notes"),
               listed=False, editor="text"),
    ),
    "traveller": (
        _field("name", QT_TRANSLATE_NOOP("Columns", "Name")),
        _field("name_ja", QT_TRANSLATE_NOOP("Columns", "Japanese name")),
        _field("company", QT_TRANSLATE_NOOP("Columns", "Company")),
        _field("role", QT_TRANSLATE_NOOP("Columns", "Role")),
        _field("email", QT_TRANSLATE_NOOP("Columns", "E-mail")),
        _field("languages", QT_TRANSLATE_NOOP("Columns", "Languages")),
        _field("staff", QT_TRANSLATE_NOOP("Columns", "Staff"), editor="flag"),
        _field("dietary", QT_TRANSLATE_NOOP("Columns", "Dietary needs"),
               listed=False, editor="text"),
        _field("notes", QT_TRANSLATE_NOOP("Columns", "Notes"),
               listed=False, editor="text"),
    ),
    "goal": (
        Column(QT_TRANSLATE_NOOP("Columns", "Owner"), "traveller_id", _goal_owner,
               editor="reference", none_text=DELEGATION),
        _field("title", QT_TRANSLATE_NOOP("Columns", "Goal")),
        _field("title_ja", QT_TRANSLATE_NOOP("Columns", "Japanese title")),
        _field("topics", QT_TRANSLATE_NOOP("Columns", "Topics")),
        Column(QT_TRANSLATE_NOOP("Columns", "Priority"), "priority", _priority,
               editor="choice", choices=("1", "2", "3", "4", "5"), choice_text=priority_text),
        _field("description", QT_TRANSLATE_NOOP("Columns", "Description"),
               listed=False, editor="text"),
    ),
}
# Places (ui/panels/places.py): where the zone and the point follow from the location field.
COLUMNS["place"] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), "name", _attr("name")),
    Column(QT_TRANSLATE_NOOP("Columns", "Kind"), "kind", _attr("kind"), editor="choice",
           choices=tuple(k.value for k in PlaceKind)),
    Column(QT_TRANSLATE_NOOP("Columns", "City"), "city", _attr("city")),
    Column(QT_TRANSLATE_NOOP("Columns", "Country"), "country", _attr("country")),
    Column(QT_TRANSLATE_NOOP("Columns", "Time zone"), None, _attr("zone")),
    Column(QT_TRANSLATE_NOOP("Columns", "Location"), None,
           lambda p: _tr("exact") if p.exact else _tr("approximate")),
    Column(QT_TRANSLATE_NOOP("Columns", "Coordinates"), None,
           lambda p: f"{p.latitude:.5f}, {p.longitude:.5f}", listed=False),
    Column(QT_TRANSLATE_NOOP("Columns", "Address"), "address", _attr("address"), listed=False),
    Column(QT_TRANSLATE_NOOP("Columns", "Phone"), "phone", _attr("phone"), listed=False),
    Column(QT_TRANSLATE_NOOP("Columns", "Notes"), "notes", _attr("notes"), listed=False,
           editor="text"),
)
QT_TRANSLATE_NOOP("Columns", "exact")
QT_TRANSLATE_NOOP("Columns", "approximate")
ENTITIES = {"organisation": Organisation, "contact": Contact, "traveller": Traveller,
            "goal": LearningGoal}
ENTITIES["place"] = Place


class RecordTableModel(QAbstractTableModel):
    """The records of one kind as a table; every column, listed or not, is a model column
    (views hide the unlisted ones; the detail form maps them all).

    A refused value is told once (through the document's ``edit_failed``), and the cell goes
    back to the stored value: an editor that submits the same text again while the refusal is
    being shown (a form field losing its focus to the message box) is not told twice.
    """

    #: A value for (record key, field) was refused; the row shows the stored value again.
    refused = Signal(int, str)

    def __init__(self, kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = COLUMNS[kind]
        self.document: TourDocument | None = None
        self._rows: list[Any] = []
        self._row_of: dict[int, int] = {}
        self._search: dict[int, str] = {}
        self._submitting = False

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None, rows: list[Any]) -> None:
        """Show *rows* of *document* (None: no tour open)."""
        if self.document is not None:
            self.document.records_changed.disconnect(self._records_changed)
        self.beginResetModel()
        self.document = document
        self._rows = list(rows)
        self._search = {}
        self._reindex()
        self.endResetModel()
        if document is not None:
            document.records_changed.connect(self._records_changed)

    def _reindex(self) -> None:
        self._row_of = {obj.id: row for row, obj in enumerate(self._rows)}

    def _records_changed(self, kind: str, keys: list[int]) -> None:
        if kind != self.kind or self.document is None:
            return
        fresh = self.document.load(kind, keys)
        for key in keys:
            self._search.pop(key, None)
            row = self._row_of.get(key)
            obj = fresh.get(key)
            if row is not None and obj is not None:
                self._rows[row] = obj
                self.dataChanged.emit(self.index(row, 0),
                                      self.index(row, len(self.columns) - 1))
            elif row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self._reindex()
                self.endRemoveRows()
            elif obj is not None:
                end = len(self._rows)
                self.beginInsertRows(QModelIndex(), end, end)
                self._rows.append(obj)
                self._row_of[obj.id] = end
                self.endInsertRows()

    # --- reading ------------------------------------------------------------------------------
    def record_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def search_text(self, row: int) -> str:
        """Everything a row shows, folded for matching (kept until the record changes)."""
        obj = self._rows[row]
        text = self._search.get(obj.id)
        if text is None:
            text = fold(" ".join(c.text(obj) for c in self.columns if c.listed))
            self._search[obj.id] = text
        return text

    def row_of(self, key: int) -> int | None:
        return self._row_of.get(key)

    def column_of(self, field: str) -> int:
        return next(n for n, c in enumerate(self.columns) if c.field == field)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self.data(index, Qt.ItemDataRole.DisplayRole))
        if role == Qt.ItemDataRole.EditRole and column.field is not None:
            if column.editor == "flag":
                return bool(getattr(obj, column.field))
            if column.editor == "reference":  # the key as text, "" for none
                key = getattr(obj, column.field)
                return "" if key is None else str(key)
            return _attr(column.field)(obj)  # a choice's value, not its label
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.text(obj)
        if role == SortRole:
            if column.field == "priority":
                return int(obj.priority)
            return column.text(obj).casefold()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].field is not None and self.document is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- editing ------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.document is None:
            return False
        column = self.columns[index.column()]
        if column.field is None:
            return False
        if self._submitting:
            # The same editor again while its refusal is being said (it lost its focus to
            # the message box): the refusal is said once.
            return False
        obj = self._rows[index.row()]
        current = getattr(obj, column.field)
        if column.editor == "reference":
            value = None if value in (None, "") else value
        if _same(current, value):
            return True  # the form submits unchanged fields too; that is not an edit
        name = str(getattr(obj, edits.record(self.kind).name_field))
        command = commands.SetField(self.document, self.kind, obj.id, column.field, value, name)
        if column.field not in commands.FIELD_NAMES:  # "Change owner of ...", not "traveller id"
            command.setText(QCoreApplication.translate("Commands", "Change %1 of %2")
                            .replace("%1", _tr(column.title).lower()).replace("%2", name))
        self._submitting = True
        try:
            done = commands.execute(command)
        finally:
            self._submitting = False
        if not done:
            row = self._row_of.get(obj.id)
            if row is not None:  # every editor of the row shows the stored value again
                self.dataChanged.emit(self.index(row, 0),
                                      self.index(row, len(self.columns) - 1))
            self.refused.emit(obj.id, column.field)
        return done


def _same(current: Any, value: Any) -> bool:
    if isinstance(current, list):
        return _joined(current) == (value if isinstance(value, str) else _joined(value))
    if isinstance(current, bool):
        return current == value
    return str(getattr(current, "value", current)) == str(value)
