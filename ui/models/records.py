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

from planner import edits, topics
from planner.directory.normalise import split_list
from planner.folding import fold
from planner.model import (
    Contact,
    GoalOutcome,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Traveller,
)
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language
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

    #: In English: the planner's label of the field *label* names, or a title of the column's
    #: own (marked with QT_TRANSLATE_NOOP("Columns", ...)); :meth:`heading` translates it.
    title: Any
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
    #: What the column typically holds, for its width (measured with the table's font; a
    #: choice column is as wide as its longest label as well).
    typical: str = "x" * 12
    #: The column that takes the room the others leave (a goal's title), never narrower than
    #: its typical text.
    room: bool = False
    #: The field whose label (the planner's one table, :data:`planner.edits.FIELD_LABELS`)
    #: titles the column, translated by the planner's catalogue; "" for a title of its own.
    label: str = ""
    #: A column edited as shown, in the window's language (topics): the value to store for
    #: the record and the edited text (what was left as shown stays as it was typed).
    stored: Callable[[Any, str], Any] | None = None

    def heading(self) -> str:
        """The column's title in the window's language (a table's header, a form's label)."""
        if self.label:
            return edits.field_title(self.label, current_language())
        return _tr(str(self.title))

    def choice_label(self, value: str) -> str:
        return self.choice_text(value) if self.choice_text is not None else value

    def samples(self) -> list[str]:
        """The texts the column's width must hold, in the window's language."""
        texts = [self.typical] + [self.choice_label(value) for value in self.choices]
        if self.none_text:
            texts.append(_tr(str(self.none_text)))
        return texts


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


def _labelled(label: str, field: str | None, text: Callable[[Any], str],
              **options: Any) -> Column:
    """A column titled as the planner calls the field *label* ("E-mail", "メール")."""
    return Column(edits.field_title(label), field, text, label=label, **options)


def _field(name: str, title: Any = None, **options: Any) -> Column:
    """A column of the field *name*, titled with the planner's label of it unless it has a
    *title* of its own (a goal's title column is "Goal")."""
    if title is not None:
        return Column(title, name, _attr(name), **options)
    return _labelled(name, name, _attr(name), **options)


def _topics(obj: Organisation | LearningGoal) -> str:
    """Topics in the window's language (``製造業`` for ``manufacturing``), each once."""
    return _joined(topics.labels(obj.topics, current_language()))


def _stored_topics(obj: Organisation | LearningGoal, text: str) -> list[str]:
    return topics.restore(split_list(text), obj.topics, current_language())


def _topics_field(**options: Any) -> Column:
    return _labelled("topics", "topics", _topics, stored=_stored_topics, **options)


#: What each kind of organisation is called in the window.
ORGANISATION_KINDS: dict[str, Any] = {
    "startup": QT_TRANSLATE_NOOP("Columns", "Startup"),
    "scaleup": QT_TRANSLATE_NOOP("Columns", "Scale-up"),
    "investor": QT_TRANSLATE_NOOP("Columns", "Investor"),
    "accelerator": QT_TRANSLATE_NOOP("Columns", "Accelerator"),
    "corporate": QT_TRANSLATE_NOOP("Columns", "Corporate"),
    "university": QT_TRANSLATE_NOOP("Columns", "University"),
    "research": QT_TRANSLATE_NOOP("Columns", "Research institute"),
    "public_agency": QT_TRANSLATE_NOOP("Columns", "Public agency"),
    "hub": QT_TRANSLATE_NOOP("Columns", "Hub"),
    "other": QT_TRANSLATE_NOOP("Columns", "Other"),
}
assert list(ORGANISATION_KINDS) == [k.value for k in OrganisationKind]
#: What each kind of place is called (the words of the place dialog, ui/panels/places.py).
PLACE_KINDS: dict[str, Any] = {
    "hotel": QT_TRANSLATE_NOOP("Places", "Hotel"),
    "venue": QT_TRANSLATE_NOOP("Places", "Venue"),
    "office": QT_TRANSLATE_NOOP("Places", "Office"),
    "restaurant": QT_TRANSLATE_NOOP("Places", "Restaurant"),
    "station": QT_TRANSLATE_NOOP("Places", "Station"),
    "airport": QT_TRANSLATE_NOOP("Places", "Airport"),
    "port": QT_TRANSLATE_NOOP("Places", "Ferry port"),
    "other": QT_TRANSLATE_NOOP("Places", "Other"),
}
assert set(PLACE_KINDS) == {k.value for k in PlaceKind}
#: How far a learning goal was answered after the tour (the Debrief view uses them too).
GOAL_OUTCOMES: dict[str, Any] = {
    "open": QT_TRANSLATE_NOOP("Columns", "Open"),
    "partly": QT_TRANSLATE_NOOP("Columns", "Partly answered"),
    "answered": QT_TRANSLATE_NOOP("Columns", "Answered"),
}
assert list(GOAL_OUTCOMES) == [k.value for k in GoalOutcome]


def outcome_text(value: Any) -> str:
    """A goal's outcome as the window's language says it (``Partly answered``, ``一部回答``)."""
    key = str(getattr(value, "value", value))
    return _tr(str(GOAL_OUTCOMES.get(key, key)))


def _named_choice(name: str, names: dict[str, Any], context: str, **options: Any) -> Column:
    """A choice shown by its name in the window's language (*names*, marked in *context*),
    stored as its value; the table sorts and filters by the name shown."""
    def label(value: str) -> str:
        return QCoreApplication.translate(context, str(names.get(value, value)))

    read = _attr(name)
    return _labelled(name, name, lambda obj: label(read(obj)), editor="choice",
                     choices=tuple(names), choice_text=label, **options)


#: Typical contents, for the columns' widths: a name, a Japanese name, an e-mail address...
NAME, NAME_JA, EMAIL, PHONE = ("Hiroshi Nakamura", "中村 浩二", "hiroshi.nakamura@example.com",
                               "+49 89 1234 5678")
COLUMNS: dict[str, tuple[Column, ...]] = {
    "organisation": (
        _field("name", room=True, typical="Factory Berlin Görlitzer Park"),
        _field("name_ja", typical="ファクトリー・ベルリン"),
        _named_choice("kind", ORGANISATION_KINDS, "Columns", typical=""),
        _labelled("city", None, _place, typical="Rueil-Malmaison, FR"),
        _topics_field(typical="ecosystem, deal-flow, culture, soft-landing"),
        _field("website", typical="https://www.berlin-partner.de"),
        _field("email", typical=EMAIL),
        _field("phone", typical=PHONE),
        _labelled("address", None, _address, listed=False),
        _field("description", listed=False, editor="text"),
        _field("notes", listed=False, editor="text"),
    ),
    "contact": (
        _field("name", room=True, typical="Dr. Elina Mäkinen-Virtanen"),
        _field("name_ja", typical=NAME_JA),
        _labelled("organisation_id", None, _organisation,
                  typical="Siemensstadt Square (Siemens)"),
        _field("role", typical="Program Director, Venture Client"),
        _field("email", typical=EMAIL),
        _field("phone", typical=PHONE),
        _field("languages", typical="de, en, fr"),
        _field("notes", listed=False, editor="text"),
    ),
    "traveller": (
        _field("name", room=True, typical=NAME),
        _field("name_ja", typical=NAME_JA),
        _field("company", typical="Hokuto Mobility Systems"),
        _field("role", typical="General Manager, Corporate Venture"),
        _field("email", typical=EMAIL),
        _field("languages", typical="ja, en, de"),
        _field("staff", editor="flag", typical="yes"),
        _field("dietary", listed=False, editor="text"),
        _field("notes", listed=False, editor="text"),
    ),
    "goal": (
        _labelled("traveller_id", "traveller_id", _goal_owner, editor="reference",
                  none_text=DELEGATION, typical=NAME),
        _field("title", QT_TRANSLATE_NOOP("Columns", "Goal"), room=True,
               typical="Industrial AI and process mining in manufacturing"),
        _field("title_ja", typical="製造業における産業AIと"),
        _topics_field(typical="industrial-ai, process-mining"),
        _labelled("priority", "priority", _priority, editor="choice",
                  choices=("1", "2", "3", "4", "5"), choice_text=priority_text, typical=""),
        _field("description", listed=False, editor="text"),
        # After the tour: how far the goal was answered, and in a few lines what the answer is
        _labelled("outcome", "outcome", lambda g: outcome_text(g.outcome), editor="choice",
                  choices=tuple(GOAL_OUTCOMES), choice_text=outcome_text, typical=""),
        _field("outcome_summary", listed=False, editor="text"),
    ),
}
# Places (ui/panels/places.py): where the zone and the point follow from the location field.
COLUMNS["place"] = (
    _field("name", room=True, typical="Hotel d'Angleterre Copenhagen"),
    _named_choice("kind", PLACE_KINDS, "Places", typical=""),
    _field("city", typical="Copenhagen"),
    _field("country", typical="DE"),
    _labelled("zone", None, _attr("zone"), typical="Europe/Copenhagen"),
    Column(QT_TRANSLATE_NOOP("Columns", "Location"), None,
           lambda p: _tr("exact") if p.exact else _tr("approximate"), typical="approximate"),
    Column(QT_TRANSLATE_NOOP("Columns", "Coordinates"), None,
           lambda p: f"{p.latitude:.5f}, {p.longitude:.5f}", listed=False),
    _field("address", listed=False),
    _field("phone", listed=False),
    _field("notes", listed=False, editor="text"),
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
        # The window asks for the headers again when the language changes (retranslate)
        self._shown_words = self._words()
        self.headerDataChanged.connect(self._relabel)

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

    def _words(self) -> tuple[str, ...]:
        """The words this table shows besides the records' own text, as translated now."""
        words = [_tr("yes"), _tr("exact"), _tr("approximate")]
        for column in self.columns:
            words += [column.heading(), *column.samples()]
        return tuple(words)

    def _relabel(self, orientation: Qt.Orientation, _first: int, _last: int) -> None:
        """The language changed: the cells that show words (a kind, what a priority means, the
        delegation) are shown, sorted and filtered again in the new one. Only when the words
        did change: a cell being edited would lose what was typed."""
        words = self._words()
        if orientation != Qt.Orientation.Horizontal or words == self._shown_words:
            return
        self._shown_words = words
        self._search.clear()
        if not self._rows:
            return
        self.dataChanged.emit(self.index(0, 0),
                              self.index(len(self._rows) - 1, len(self.columns) - 1))

    # --- reading ------------------------------------------------------------------------------
    def record_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def search_text(self, row: int) -> str:
        """Everything a row shows, folded for matching (kept until the record changes); its
        topics in every language too (``manufacturing`` finds ``製造業``)."""
        obj = self._rows[row]
        text = self._search.get(obj.id)
        if text is None:
            shown = [c.text(obj) for c in self.columns if c.listed]
            shown += [topics.search_words(t) for t in getattr(obj, "topics", ())]
            text = fold(" ".join(shown))
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
            return self.columns[section].heading()
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
            if column.stored is not None:
                return column.text(obj)
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
        if column.stored is not None and isinstance(value, str):
            value = column.stored(obj, value)
        if _same(current, value):
            return True  # the form submits unchanged fields too; that is not an edit
        name = str(getattr(obj, edits.record(self.kind).name_field))
        command = commands.SetField(self.document, self.kind, obj.id, column.field, value, name)
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
        return bool(current == value)
    return str(getattr(current, "value", current)) == str(value)
