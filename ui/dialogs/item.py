"""The editor of one agenda item, new or existing: what it is and when (each time typed in the
local time of its place; a flight or a train from one place and zone to another), where and with
which host, who goes, the learning goals it serves, and how it is prepared. A train or flight
between two chosen places proposes its end (:func:`planner.journeys.proposed_ride`): the end
follows the ride until the user sets it herself, then the proposal is said with a "Use" beside it;
opening an existing item never changes its end.

OK checks every value first (:func:`planner.edits.parse_values`, and a local time its zone skips
or passes twice: :func:`planner.timezones.local_instant`), says a refused one once in the dialog
and stays open with nothing changed; else it makes one undoable step:
:class:`ui.commands.AddRecord` for a new item, :class:`ui.commands.SetFields` with the changed
fields for an existing one.

:func:`open_item_editor` opens it; :func:`new_item_defaults` and :func:`meeting_values` give what
a new item starts with (on a day, at a slot of the timeline, or dropped from the directory).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner import edits
from planner.dayplan import MEETING_MINUTES, day_zone, instant_zone
from planner.errors import EcovisitError, InputError
from planner.feasibility.plan import at_local
from planner.folding import fold
from planner.formatting import duration_text
from planner.goals import SERVES, match
from planner.journeys import prepare, proposed_ride, ready, ride_mode
from planner.model import (
    AgendaItem,
    GoalMatch,
    ItemKind,
    ItemStatus,
    LearningGoal,
    Organisation,
    Place,
    PlaceKind,
    Traveller,
)
from planner.timezones import LocalTimeError, local_instant, to_local
from planner.topics import labels
from planner.travel import Ride
from ui import commands
from ui.dialogs.parts import refusal_label
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.models.agenda import AgendaModel
from ui.text import fill, tooltip
from ui.widgets.clock import moment_format, typeable

Index = QModelIndex | QPersistentModelIndex

#: Kinds that go from one place to another (a departure and an arrival place, maybe two zones).
JOURNEYS = (ItemKind.TRAIN, ItemKind.FLIGHT, ItemKind.TRANSFER)
#: Item kinds as the editor names them.
KIND_NAMES = {
    ItemKind.MEETING: QT_TRANSLATE_NOOP("ItemDialog", "Meeting"),
    ItemKind.MEAL: QT_TRANSLATE_NOOP("ItemDialog", "Meal"),
    ItemKind.TRAIN: QT_TRANSLATE_NOOP("ItemDialog", "Train"),
    ItemKind.FLIGHT: QT_TRANSLATE_NOOP("ItemDialog", "Flight"),
    ItemKind.TRANSFER: QT_TRANSLATE_NOOP("ItemDialog", "Transfer"),
    ItemKind.FREE: QT_TRANSLATE_NOOP("ItemDialog", "Free time"),
    ItemKind.OTHER: QT_TRANSLATE_NOOP("ItemDialog", "Other"),
}
#: A new item's length, unless it says otherwise (a meeting made for a host: MEETING_MINUTES).
DEFAULT_MINUTES = 60
#: Every field the editor sets, in the order a new item gets them.
FIELDS = ("kind", "title", "title_ja", "start", "end", "zone", "end_zone", "place_id",
          "destination_id", "organisation_id", "hosts", "attendees", "goals", "status",
          "locked", "language", "interpreter_booked", "questions", "notes", "protocol_notes",
          "booking_reference", "learnings")
#: Fields whose value is a set of keys (order does not make a change).
_KEY_SETS = ("hosts", "attendees", "goals")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemDialog", text)


# --- what a new item starts with --------------------------------------------------------------
def zone_of_day(document: TourDocument, day: date) -> str:
    """The clock *day* is read in: :func:`planner.dayplan.day_zone`, the timeline's (and the
    command line's) rule."""
    return day_zone(document.plan, day, document.tour.home_zone)


def new_item_defaults(document: TourDocument, day: date | None = None,
                      start: datetime | None = None, zone: str | None = None,
                      minutes: int = DEFAULT_MINUTES) -> dict[str, Any]:
    """What a new item on *day* (or at *start*) begins with: at *start*, else right after the
    day's last item if it ends within the working day, else at the start of the working day;
    *minutes* long; everyone attending; in the day's zone."""
    plan = document.plan
    if start is None:
        day = day or document.tour.start_date
        zone = zone or zone_of_day(document, day)
        start = at_local(day, plan.day_start, zone)
        ends = [item.end for item in plan.items_on(day)]
        if ends and start < max(ends) < at_local(day, plan.day_end, zone):
            start = _round_up(max(ends), zone)
    else:
        zone = zone or instant_zone(start, lambda on: zone_of_day(document, on))
    return {"start": start, "end": start + timedelta(minutes=minutes), "zone": zone,
            "kind": ItemKind.MEETING.value}


def _round_up(moment: datetime, zone: str, minutes: int = 5) -> datetime:
    local = to_local(moment, zone).replace(second=0, microsecond=0)
    extra = -local.minute % minutes
    return local + timedelta(minutes=extra)


def meeting_values(session: Session, organisation_id: int, start: datetime,
                   minutes: int = MEETING_MINUTES) -> dict[str, Any]:
    """A meeting with the organisation at *start*: at its office (in its zone), titled by its
    name (and Japanese name), its contacts as hosts, everyone attending, serving the goals it
    matches."""
    host = session.get(Organisation, organisation_id,
                       options=[selectinload(Organisation.contacts),
                                selectinload(Organisation.place)])
    if host is None:
        raise InputError(f"organisation #{organisation_id} no longer exists")
    fixed = {m.goal_id: m.score for m in session.scalars(
        select(GoalMatch).where(GoalMatch.organisation_id == organisation_id))}
    goals = session.scalars(select(LearningGoal).order_by(LearningGoal.id)).all()
    values: dict[str, Any] = {
        "kind": ItemKind.MEETING.value, "title": host.name, "title_ja": host.name_ja,
        "start": start, "end": start + timedelta(minutes=minutes),
        "organisation_id": organisation_id, "hosts": [c.id for c in host.contacts],
        "attendees": list(session.scalars(select(Traveller.id).order_by(
            Traveller.position, Traveller.id))),
        "goals": [g.id for g in goals if match(g, host, fixed.get(g.id)).score >= SERVES]}
    if host.place is not None:
        values["place_id"] = host.place.id
        values["zone"] = host.place.zone
    return values


# --- local times ------------------------------------------------------------------------------
def wall_clock(edit: QDateTimeEdit) -> datetime:
    """The date and time an editor shows, as a naive wall-clock time."""
    shown = edit.dateTime()
    day, clock = shown.date(), shown.time()
    # naive on purpose: a wall clock, given its zone by aware()
    return datetime(day.year(), day.month(), day.day(),  # noqa: DTZ001
                    clock.hour(), clock.minute())


def show_wall_clock(edit: QDateTimeEdit, moment: datetime) -> None:
    """Show *moment*'s date and time (naive or aware: its own wall clock) in *edit*."""
    edit.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day),
                               QTime(moment.hour, moment.minute), QTimeZone.utc()))


def aware(local: datetime, zone: str) -> datetime | None:
    """The instant the wall-clock *local* names in *zone*; None if there is not exactly one
    (the clocks skip that time or pass it twice: :func:`planner.timezones.local_instant` says
    which, and what to choose instead)."""
    try:
        return local_instant(local, zone)
    except LocalTimeError:
        return None


def length_text(length: timedelta) -> str:
    """``1 h 15 min``, ``45 min``, ``2 h`` (``1時間15分`` in Japanese: the program's one way,
    :func:`planner.formatting.duration_text`)."""
    minutes = round(length.total_seconds() / 60)
    return ("−" if minutes < 0 else "") + duration_text(abs(minutes), current_language())


class _Refused(Exception):
    """A value the dialog refuses before the planner sees it (a time that does not exist)."""

    def __init__(self, message: str, widget: QWidget) -> None:
        super().__init__(message)
        self.widget = widget


# --- searchable choices -----------------------------------------------------------------------
#: A row's text folded as the planner matches names (what the completer matches against).
FoldedRole = Qt.ItemDataRole.UserRole + 1


class _Choices(QAbstractListModel):
    """(key, text) rows for a combo box; the key in the user role, the folded text in
    :data:`FoldedRole` (folded when first asked: 5,000 organisations take milliseconds)."""

    def __init__(self, rows: list[tuple[int | None, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self._folded: list[str] | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, text = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(text)
        if role == Qt.ItemDataRole.UserRole:
            return key
        if role == FoldedRole:
            if self._folded is None:
                self._folded = [fold(row_text) for _key, row_text in self.rows]
            return self._folded[index.row()]
        return None


class _FoldingCompleter(QCompleter):
    """Offers the rows whose folded text contains what is typed, folded (``muller`` offers
    Müller, ``ＳＫＥＰＰ`` Skeppsholmen); a row chosen puts its own text in the box."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: Index) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class SearchCombo(QComboBox):
    """A choice of records one can type into to find one (any part of its text, any case),
    with "(none)" first. Text that names no record goes back to the current choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # never measure every row (5,000 organisations): a fixed width in characters
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.setMaxVisibleItems(16)
        self._rows: list[tuple[int | None, str]] = [(None, "")]
        self._row_of: dict[int | None, int] = {None: 0}
        line = self.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._settle)

    def set_choices(self, none_text: str, rows: list[tuple[int, str]]) -> None:
        key = self.key() if self.count() else None
        self._rows = [(None, none_text), *rows]
        self._row_of = {k: n for n, (k, _text) in enumerate(self._rows)}
        model = _Choices(self._rows, self)
        self.blockSignals(True)
        self.setModel(model)
        completer = _FoldingCompleter(model, self)
        completer.setCompletionRole(FoldedRole)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(16)
        self.setCompleter(completer)
        self.set_key(key)
        self.blockSignals(False)

    def key(self) -> int | None:
        row = self.currentIndex()
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def set_key(self, key: int | None) -> None:
        """Choose the record *key* (None: none). The completer is set aside meanwhile: the
        combo would filter all its rows for the new text (20 ms on 5,000 organisations)."""
        line, completer = self.lineEdit(), self.completer()
        assert line is not None
        line.setCompleter(None)  # type: ignore[arg-type]
        try:
            self.setCurrentIndex(self._row_of.get(key, 0))
        finally:
            line.setCompleter(completer)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter chooses what was typed; it never presses the dialog's OK (which took the item
        without the place whose name had just been typed)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._settle()
            event.accept()
            return
        super().keyPressEvent(event)

    def _settle(self) -> None:
        """Typed text chooses the record it names (or the first that contains it), folded as
        the planner matches names (``muller`` names Müller)."""
        text = fold(self.currentText())
        row = self.currentIndex()
        if 0 <= row < len(self._rows) and fold(self._rows[row][1]) == text:
            return
        if not text:
            self.setCurrentIndex(0)
            return
        exact = next((n for n, (_k, t) in enumerate(self._rows) if fold(t) == text), None)
        found = exact if exact is not None else next(
            (n for n, (k, t) in enumerate(self._rows) if k is not None and text in fold(t)),
            None)
        if found is not None:
            self.setCurrentIndex(found)
        else:
            self.setEditText(self._rows[row][1] if 0 <= row < len(self._rows) else "")


# --- the dialog -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlaceChoice:
    id: int
    name: str
    city: str
    zone: str
    #: where it is, whether exactly, and what it is: what a train's or flight's proposed
    #: length is found from (:func:`planner.journeys.proposed_ride`)
    latitude: float
    longitude: float
    exact: bool
    kind: PlaceKind

    @property
    def text(self) -> str:
        return f"{self.name} · {self.city}" if self.city and self.city not in self.name \
            else self.name


@dataclass(frozen=True)
class HostChoice:
    id: int
    name: str
    name_ja: str
    place_id: int | None


class Catalogue:
    """The places and organisations the editor offers, read once per open tour (plain columns,
    no objects: 5,000 organisations take a few milliseconds) and again after places or
    organisations changed."""

    def __init__(self, document: TourDocument) -> None:
        self.stale = True
        self.places: dict[int, PlaceChoice] = {}
        self.hosts: dict[int, HostChoice] = {}
        self.place_rows: list[tuple[int, str]] = []
        self.host_rows: list[tuple[int, str]] = []
        document.records_changed.connect(self._changed)

    def _changed(self, kind: str, _keys: list[int]) -> None:
        if kind in ("place", "organisation"):
            self.stale = True

    def read(self, session: Session) -> None:
        connection = session.connection()
        place, host = Place.__table__.c, Organisation.__table__.c
        self.places = {row[0]: PlaceChoice(*row) for row in connection.execute(select(
            place.id, place.name, place.city, place.zone, place.latitude, place.longitude,
            place.exact, place.kind).order_by(place.name, place.id))}
        self.hosts = {row[0]: HostChoice(*row) for row in connection.execute(select(
            host.id, host.name, host.name_ja, host.place_id).order_by(host.name, host.id))}
        self.place_rows = [(p.id, p.text) for p in self.places.values()]
        self.host_rows = [(h.id, self._host_text(h)) for h in self.hosts.values()]
        self.stale = False

    def _host_text(self, host: HostChoice) -> str:
        place = self.places.get(host.place_id) if host.place_id is not None else None
        name = f"{host.name} ({host.name_ja})" if host.name_ja else host.name
        return f"{name} · {place.city}" if place is not None and place.city else name


#: Each open tour's catalogue (gone with the document).
_CATALOGUES: weakref.WeakKeyDictionary[TourDocument, Catalogue] = weakref.WeakKeyDictionary()


def catalogue(document: TourDocument, session: Session) -> Catalogue:
    """The editor's places and organisations of *document*, read again if they changed."""
    found = _CATALOGUES.get(document)
    if found is None:
        found = _CATALOGUES[document] = Catalogue(document)
    if found.stale:
        found.read(session)
    return found


class ItemDialog(QDialog):
    """Edits the agenda item *uid* of *document*, or makes a new one (*uid* None) starting
    from *defaults* (field values, as :func:`new_item_defaults` gives them)."""

    #: The item was saved (its UID), new or edited.
    saved = Signal(str)

    def __init__(self, document: TourDocument, uid: str | None = None,
                 parent: QWidget | None = None, *,
                 defaults: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self.document = document
        self.uid = uid
        self.language = current_language()
        self.key: int | None = None
        self.item: AgendaItem | None = None
        #: The item's hosts (contact, name, role), kept even if they are not its host's
        self.extra_hosts: list[tuple[int, str, str]] = []
        self._read(uid)
        stored = self._stored() if self.item is not None else dict(defaults or {})
        self.initial: dict[str, Any] = stored
        self.fallback_zone = str(stored.get("zone") or zone_of_day(
            document, document.tour.start_date))
        self._host_office: int | None = None
        self._suggested_title = ("", "")
        self._auto_goals: set[int] = set()
        #: A train's or flight's ride between its two places (None: no proposal); its end
        #: follows the ride until the user sets the end herself (an existing item's end is hers)
        self._ride: Ride | None = None
        self._end_by_hand = self.item is not None
        self._setting_end = False
        #: Whether the travel model is being prepared on a worker (the first ride of a process)
        self._preparing = False
        self._build()
        self._fill(stored)
        self.resize(max(640, self.sizeHint().width()), max(600, self.sizeHint().height()))

    # --- reading ------------------------------------------------------------------------------
    def _read(self, uid: str | None) -> None:
        """Everything the editor offers, read at once: places, organisations, the delegation,
        the goals, and the item with its hosts, attendees and goals."""
        with self.document.store.session() as session:
            self.catalogue = catalogue(self.document, session)
            self.places, self.hosts = self.catalogue.places, self.catalogue.hosts
            self.travellers = list(session.scalars(select(Traveller).order_by(
                Traveller.position, Traveller.id)))
            self.goals = list(session.scalars(select(LearningGoal).options(
                selectinload(LearningGoal.traveller)).order_by(
                LearningGoal.traveller_id.is_(None), LearningGoal.traveller_id,
                LearningGoal.id)))
            if uid is not None:
                self.item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)
                                            .options(selectinload(AgendaItem.hosts),
                                                     selectinload(AgendaItem.attendees),
                                                     selectinload(AgendaItem.goals),
                                                     selectinload(AgendaItem.place),
                                                     selectinload(AgendaItem.organisation))
                                            ).one_or_none()
                if self.item is None:
                    raise InputError(f"agenda item {uid} no longer exists")
                self.key = self.item.id
                self.extra_hosts = [(c.id, c.name, c.role) for c in self.item.hosts]

    def _stored(self) -> dict[str, Any]:
        """The item's fields as the editor compares them (references by key)."""
        item = self.item
        assert item is not None
        values: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(item, name)
            if name in _KEY_SETS:
                value = [other.id for other in value]
            elif isinstance(value, list):
                value = list(value)
            values[name] = getattr(value, "value", value)  # kinds and statuses by name
        return values

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._details_page(), self.tr("&Details"))
        self.tabs.addTab(self._people_page(), self.tr("&People and Goals"))
        self.tabs.addTab(self._preparation_page(), self.tr("P&reparation"))
        self.error = refusal_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if self.item is None:
            self.setWindowTitle(self.tr("New Agenda Item"))
        else:
            self.setWindowTitle(fill(self.tr("Edit %1"), self.item.title))

    def _details_page(self) -> QWidget:
        page = QWidget(self)
        self.kind = QComboBox(page)
        for kind in ItemKind:
            self.kind.addItem(_tr(str(KIND_NAMES[kind])), kind.value)
        self.title = QLineEdit(page)
        self.title_ja = QLineEdit(page)
        display = moment_format(self.language)
        self.start = QDateTimeEdit(page)
        self.end = QDateTimeEdit(page)
        for edit in (self.start, self.end):
            edit.setTimeZone(QTimeZone.utc())  # a plain wall clock: zones are ours to apply
            edit.setDisplayFormat(display)
            edit.setCalendarPopup(True)
            edit.dateTimeChanged.connect(self._show_times)
        typeable(self.start, self.end)
        # the end follows every new start (typed, chosen in the calendar, or set by a program)
        self.start.dateTimeChanged.connect(self._start_edited)
        self.end.dateTimeChanged.connect(self._end_edited)
        self.start_zone = self._note(page)
        self.end_zone = self._note(page)
        self.length = self._note(page)
        self.length.setObjectName("itemLength")
        self.proposal_box = self._proposal_row(page)
        self.place = SearchCombo(page)
        self.place.setObjectName("itemPlace")
        self.destination = SearchCombo(page)
        self.destination.setObjectName("itemDestination")
        self.host = SearchCombo(page)
        self.host.setObjectName("itemHost")
        none = self.tr("(none)")
        self.place.set_choices(none, self.catalogue.place_rows)
        self.destination.set_choices(none, self.catalogue.place_rows)
        self.host.set_choices(none, self.catalogue.host_rows)
        self.status = QComboBox(page)
        for status in ItemStatus:
            self.status.addItem(QCoreApplication.translate(
                "AgendaModel", str(AgendaModel.STATUSES[status.value])), status.value)
        self.locked = QCheckBox(self.tr("Fixed: planning never moves it"), page)
        self.booking = QLineEdit(page)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.start_label, self.end_label = QLabel(page), QLabel(page)
        self.place_label, self.destination_label = QLabel(page), QLabel(page)
        self._row(form, self.tr("&Kind:"), self.kind)
        self._row(form, self.tr("&Title:"), self.title)
        self._row(form, self.tr("&Japanese title:"), self.title_ja)
        self._row(form, self.tr("&Host:"), self.host)
        self._row(form, self.place_label, self._with_new_place(page, self.place))
        self.destination_box = self._with_new_place(page, self.destination)
        self._row(form, self.destination_label, self.destination_box)
        self._row(form, self.start_label, self._beside(page, self.start, self.start_zone))
        self._row(form, self.end_label, self._beside(page, self.end, self.end_zone))
        form.addRow("", self.proposal_box)
        form.setRowVisible(self.proposal_box, False)
        self._row(form, self.tr("Length:"), self.length)
        self._row(form, self.tr("Stat&us:"), self.status)
        form.addRow("", self.locked)
        self._row(form, self.tr("&Booking reference:"), self.booking)
        self.details_form = form
        for widget, label in ((self.start, self.start_label), (self.end, self.end_label),
                              (self.place, self.place_label),
                              (self.destination, self.destination_label)):
            label.setBuddy(widget)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.place.currentIndexChanged.connect(self._places_changed)
        self.destination.currentIndexChanged.connect(self._places_changed)
        self.host.currentIndexChanged.connect(self._host_chosen)
        return page

    def _proposal_row(self, parent: QWidget) -> QWidget:
        """Under the end: the ride a train or flight between its places is proposed (how, how
        long), and a "Use" button when the end shown is not the proposed one."""
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.proposal = self._note(box)
        self.proposal.setObjectName("itemProposal")
        self.use_proposal = QToolButton(box)
        self.use_proposal.setObjectName("itemUseProposal")
        self.use_proposal.setText(self.tr("Use"))
        self.use_proposal.setToolTip(self.tr("Arrive at the proposed time"))
        self.use_proposal.clicked.connect(self.use_ride)
        keep = self.use_proposal.sizePolicy()  # the row keeps its height when "Use" hides
        keep.setRetainSizeWhenHidden(True)
        self.use_proposal.setSizePolicy(keep)
        row.addWidget(self.proposal, 1)
        row.addWidget(self.use_proposal)
        return box

    def _people_page(self) -> QWidget:
        page = QWidget(self)
        self.contacts = QListWidget(page)
        self.contacts.setObjectName("itemContacts")
        self.contacts_hint = self._note(page)
        self.everyone = QCheckBox(page)
        self.everyone.setObjectName("itemEveryone")
        self.everyone.setTristate(True)
        self.everyone.clicked.connect(self._everyone_clicked)
        self.attendee_boxes: dict[int, QCheckBox] = {}
        grid = QGridLayout()
        for n, traveller in enumerate(self.travellers):
            box = QCheckBox(self._person(traveller.name, traveller.name_ja), page)
            box.setToolTip(tooltip(" · ".join(p for p in (traveller.name, traveller.name_ja,
                                                          traveller.company) if p)))
            box.toggled.connect(self._attendee_toggled)
            self.attendee_boxes[traveller.id] = box
            grid.addWidget(box, n // 3, n % 3)
        self.goal_list = QListWidget(page)
        self.goal_list.setObjectName("itemGoals")
        self.goals_hint = self._note(page)
        layout = QFormLayout(page)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        hosts = QVBoxLayout()
        hosts.addWidget(self.contacts)
        hosts.addWidget(self.contacts_hint)
        attendees = QVBoxLayout()
        attendees.addWidget(self.everyone)
        attendees.addLayout(grid)
        goals = QVBoxLayout()
        goals.addWidget(self.goal_list)
        goals.addWidget(self.goals_hint)
        for label, part, buddy in ((self.tr("Host &contacts:"), hosts, self.contacts),
                                   (self.tr("&Attendees:"), attendees, self.everyone),
                                   (self.tr("&Goals served:"), goals, self.goal_list)):
            shown = QLabel(label, page)
            shown.setBuddy(buddy)
            buddy.setAccessibleName(label.replace("&", "").rstrip(":"))
            layout.addRow(shown, part)
        return page

    def _preparation_page(self) -> QWidget:
        page = QWidget(self)
        self.language_edit = QLineEdit(page)
        self.language_edit.setPlaceholderText(self.tr("e.g. en, de, Japanese"))
        self.interpreter = QCheckBox(self.tr("Interpreter booked"), page)
        self.questions = QPlainTextEdit(page)
        self.notes = QPlainTextEdit(page)
        self.protocol = QPlainTextEdit(page)
        self.learnings = QPlainTextEdit(page)
        for text in (self.questions, self.notes, self.protocol, self.learnings):
            text.setTabChangesFocus(True)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, self.tr("&Language:"), self.language_edit)
        form.addRow("", self.interpreter)
        self._row(form, self.tr("&Questions (one per line):"), self.questions)
        self._row(form, self.tr("&Notes:"), self.notes)
        self._row(form, self.tr("Pro&tocol notes:"), self.protocol)
        self._row(form, self.tr("Learn&ings (after the visit):"), self.learnings)
        return page

    @staticmethod
    def _note(parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names of places are data
        label.setWordWrap(True)
        return label

    def _with_new_place(self, parent: QWidget, combo: SearchCombo) -> QWidget:
        """*combo* with a "New…" button: an airport, station or venue the tour does not know
        yet is added without leaving the editor (its own undoable step)."""
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(combo, 1)
        button = QToolButton(box)
        button.setText(self.tr("New…"))
        button.setToolTip(self.tr("Add a place: an airport code, a map link, coordinates or "
                                  "a city"))
        button.setObjectName(f"{combo.objectName()}New")
        button.clicked.connect(lambda: self.new_place(combo))
        row.addWidget(button)
        return box

    def new_place(self, combo: SearchCombo) -> QDialog:
        """Ask for a new place (name and location); once added, *combo* chooses it."""
        from ui.panels.places import PlaceDialog

        owner = self.parentWidget()
        window = owner.window() if owner is not None else None
        kind = {"flight": "airport", "train": "station"}.get(
            str(self.kind.currentData()), "venue")
        dialog = PlaceDialog(self.document, self.document.operations,
                             getattr(window, "map_picker", None), kind, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._place_added(combo, dialog.key))
        dialog.open()
        return dialog

    def _place_added(self, combo: SearchCombo, key: int | None) -> None:
        if key is None:
            return
        with self.document.store.session() as session:
            self.catalogue = catalogue(self.document, session)
        self.places = self.catalogue.places
        none = self.tr("(none)")
        for one in (self.place, self.destination):
            chosen = one.key()
            one.set_choices(none, self.catalogue.place_rows)
            one.set_key(key if one is combo else chosen)
        self._show_times()

    @staticmethod
    def _beside(parent: QWidget, edit: QWidget, note: QLabel) -> QWidget:
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit)
        row.addWidget(note, 1)
        return box

    @staticmethod
    def _row(form: QFormLayout, label: str | QLabel, field: QWidget) -> None:
        form.addRow(label, field)
        if isinstance(label, str):
            shown = form.labelForField(field)
            if isinstance(shown, QLabel):
                shown.setBuddy(field.findChild(QDateTimeEdit) or field)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))

    def _person(self, name: str, name_ja: str) -> str:
        return name_ja if self.language == "ja" and name_ja else name

    # --- showing values -----------------------------------------------------------------------
    def _fill(self, values: dict[str, Any]) -> None:
        kind = str(values.get("kind") or ItemKind.MEETING.value)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.blockSignals(False)
        self.title.setText(values.get("title", ""))
        self.title_ja.setText(values.get("title_ja", ""))
        for combo, name in ((self.place, "place_id"), (self.destination, "destination_id")):
            combo.blockSignals(True)
            combo.set_key(values.get(name))
            combo.blockSignals(False)
        host = values.get("organisation_id")
        self.host.blockSignals(True)
        self.host.set_key(host)
        self.host.blockSignals(False)
        self._host_office = self.hosts[host].place_id if host in self.hosts else None
        start_zone, end_zone = self._zones()
        start = values.get("start") or at_local(self.document.tour.start_date,
                                                self.document.plan.day_start, start_zone)
        end = values.get("end") or start + timedelta(minutes=DEFAULT_MINUTES)
        for edit, moment, zone in ((self.start, start, start_zone), (self.end, end, end_zone)):
            edit.blockSignals(True)
            show_wall_clock(edit, to_local(moment, zone))
            edit.blockSignals(False)
        self._shown_start = wall_clock(self.start)
        self.status.setCurrentIndex(max(0, self.status.findData(
            values.get("status", ItemStatus.IDEA.value))))
        self.locked.setChecked(bool(values.get("locked", False)))
        self.booking.setText(values.get("booking_reference", ""))
        attendees = set(values.get("attendees") or [])
        if not attendees and (self.item is None or not self.initial.get("attendees")):
            attendees = set(self.attendee_boxes)  # a new item, or one for everyone
            self.initial_everyone = set(attendees)
        else:
            self.initial_everyone = set()
        for key, box in self.attendee_boxes.items():
            box.blockSignals(True)
            box.setChecked(key in attendees)
            box.blockSignals(False)
        self._attendee_toggled()
        self._fill_contacts(set(values.get("hosts") or []))
        self._fill_goals(set(values.get("goals") or []))
        if host is not None and self.item is None and not values.get("hosts"):
            self._host_chosen()  # a new meeting with a host: its contacts, goals, office
        self.language_edit.setText(values.get("language", ""))
        self.interpreter.setChecked(bool(values.get("interpreter_booked", False)))
        questions = values.get("questions") or []
        self.questions.setPlainText("\n".join(questions) if isinstance(questions, list)
                                    else str(questions))
        self.notes.setPlainText(values.get("notes", ""))
        self.protocol.setPlainText(values.get("protocol_notes", ""))
        self.learnings.setPlainText(values.get("learnings", ""))
        self._kind_changed()

    def _journey(self) -> bool:
        return self.kind.currentData() in {k.value for k in JOURNEYS}

    def _kind_changed(self) -> None:
        journey = self._journey()
        self.start_label.setText(self.tr("Dep&arts:") if journey else self.tr("&Starts:"))
        self.end_label.setText(self.tr("Arri&ves:") if journey else self.tr("&Ends:"))
        self.place_label.setText(self.tr("&From:") if journey else self.tr("P&lace:"))
        self.destination_label.setText(self.tr("T&o:"))
        for label, widget in ((self.start_label, self.start), (self.end_label, self.end),
                              (self.place_label, self.place),
                              (self.destination_label, self.destination)):
            widget.setAccessibleName(label.text().replace("&", "").rstrip(":"))
        self.details_form.setRowVisible(self.destination_box, journey)
        self._propose()
        self._show_times()

    def _zones(self) -> tuple[str, str]:
        """The zone the start is typed in (the place's, or the departure's) and the end's (the
        arrival's, for a journey)."""
        initial, kept = self.initial, self.item is not None
        key = self.place.key()
        place = self.places.get(key) if key is not None else None
        if kept and key == initial.get("place_id"):  # the item's own zone, as stored
            start_zone = str(initial["zone"])
        else:
            start_zone = place.zone if place is not None else self.fallback_zone
        if not self._journey():
            return start_zone, start_zone
        arrival = self.destination.key()
        there = self.places.get(arrival) if arrival is not None else None
        if kept and key == initial.get("place_id") and arrival == initial.get("destination_id"):
            return start_zone, str(initial.get("end_zone") or start_zone)
        return start_zone, there.zone if there is not None else start_zone

    def _times(self) -> tuple[datetime, datetime]:
        """The start and end the editors say, aware (raises _Refused for a local time that
        does not exist). The end is what its editor shows (a new start has already moved it,
        :meth:`_start_edited`); an end before the start on the same date is the next day's (past
        midnight)."""
        start_zone, end_zone = self._zones()
        start_wall, end_wall = wall_clock(self.start), wall_clock(self.end)
        start = self._instant(self.start_label, self.start, start_wall, start_zone)
        end = self._instant(self.end_label, self.end, end_wall, end_zone)
        if end <= start and end_wall.date() == start_wall.date():
            later = aware(end_wall + timedelta(days=1), end_zone)
            if later is not None:
                end = later
        return start, end

    @staticmethod
    def _instant(label: QLabel, edit: QDateTimeEdit, wall: datetime, zone: str) -> datetime:
        """The instant *wall* names in *zone*; _Refused, saying why in the window's language,
        if the clocks skip it or pass it twice."""
        try:
            what = re.sub(r"\(&\w\)|&", "", label.text()).rstrip(":：")  # "&Starts:", "開始(&S):"
            return local_instant(wall, zone, what)
        except LocalTimeError as exc:
            raise _Refused(message_of(exc), edit) from None

    def _zone_text(self, wall: datetime, zone: str) -> str:
        try:
            moment = local_instant(wall, zone)
        except LocalTimeError as exc:
            text = self.tr("does not exist in %1 (the clocks go forward)") if exc.skipped \
                else self.tr("happens twice in %1 (the clocks go back)")
            return fill(text, zone)
        return f"{zone} ({moment.tzname()})"

    def _show_times(self) -> None:
        start_zone, end_zone = self._zones()
        start_wall, end_wall = wall_clock(self.start), wall_clock(self.end)
        self.start_zone.setText(self._zone_text(start_wall, start_zone))
        self.end_zone.setText(self._zone_text(end_wall, end_zone))
        try:
            start, end = self._times()
        except _Refused:
            self.length.setText("")
            return
        text = length_text(end - start)
        first, last = to_local(start, start_zone), to_local(end, end_zone)
        if end <= start:
            text = self.tr("The end comes before the start")
        elif start_zone != end_zone and first.utcoffset() != last.utcoffset():
            text = fill(self.tr("%1 across time zones (%2 %3 → %4 %5)"), text,
                        f"{first:%H:%M}", first.tzname() or start_zone, f"{last:%H:%M}",
                        last.tzname() or end_zone)
        later = (last.date() - first.date()).days
        if end > start and later == 1:
            text += " " + self.tr("(ends the next day)")
        elif end > start and later > 1:
            text += " " + fill(self.tr("(ends %1 days later)"), str(later))
        self.length.setText(text)

    def _start_edited(self) -> None:
        """A new start typed: the end moves with it (the length stays). A start the clocks
        skip or pass twice moves nothing, nor does the next start after it."""
        start_zone, end_zone = self._zones()
        wall = wall_clock(self.start)
        before, start = aware(self._shown_start, start_zone), aware(wall, start_zone)
        end = aware(wall_clock(self.end), end_zone)
        if wall == self._shown_start:
            return
        self._shown_start = wall
        if start is not None and end is not None and before is not None:
            proposed = self._proposed_end()
            self._show_end(proposed if proposed is not None and not self._end_by_hand
                           else end + (start - before))

    # --- a train's or flight's proposed end ---------------------------------------------------
    def _places_changed(self) -> None:
        self._propose()
        self._show_times()

    def _chosen_place(self, combo: SearchCombo) -> PlaceChoice | None:
        key = combo.key()
        return self.places.get(key) if key is not None else None

    def _propose(self) -> None:
        """Find the ride between the item's two places (a train or flight whose place and
        destination are chosen); the end is the start plus the ride unless the user set it.
        Until the travel model is ready (the first ride of a process loads the network, a
        second or so), it is prepared on a worker and the ride found when it is."""
        settings = self.document.plan.settings
        self._ride = None
        if self._journey() and ride_mode(self.kind.currentData()) is not None:
            if not ready(settings):
                self._prepare_rides()
            else:
                self._ride = proposed_ride(settings, self.kind.currentData(),
                                           self._chosen_place(self.place),
                                           self._chosen_place(self.destination))
        proposed = self._proposed_end()
        if proposed is not None and not self._end_by_hand:
            self._show_end(proposed)
        self._show_proposal()

    def _prepare_rides(self) -> None:
        if self._preparing:
            return
        self._preparing = True
        settings = self.document.plan.settings
        editor = weakref.ref(self)  # the operation never keeps a closed editor alive

        def prepared(_result: None) -> None:
            found = editor()
            if found is not None and shiboken6.isValid(found):  # not closed and deleted
                found._preparing = False
                found._propose()

        # failed (no network to ride on): nothing is proposed, the end is typed as before
        self.document.operations.run(self.tr("Preparing the timetables"),
                                     lambda _progress: prepare(settings), prepared,
                                     lambda _error: None)

    def _proposed_end(self) -> datetime | None:
        """The start plus the ride (None: no ride, or a start the clocks skip or repeat)."""
        if self._ride is None:
            return None
        start = aware(wall_clock(self.start), self._zones()[0])
        return None if start is None else start + timedelta(minutes=self._ride.minutes)

    def _show_end(self, end: datetime) -> None:
        """Show *end* in the end's zone, as the editor's own change (not the user's)."""
        self._setting_end = True
        try:
            show_wall_clock(self.end, to_local(end, self._zones()[1]))
        finally:
            self._setting_end = False

    def _end_edited(self) -> None:
        if not self._setting_end:
            self._end_by_hand = True
        self._show_proposal()

    def _show_proposal(self) -> None:
        """Say the ride and its length under the end; offer "Use" when the end differs."""
        ride = self._ride
        self.details_form.setRowVisible(self.proposal_box, ride is not None)
        if ride is None:
            return
        self.proposal.setText(fill(self.tr("Proposed: %1 · %2"), ride.summary,
                                   duration_text(ride.minutes, self.language)))
        proposed = self._proposed_end()
        try:
            shown: datetime | None = self._times()[1]
        except _Refused:
            shown = None
        self.use_proposal.setVisible(proposed is not None and shown != proposed)

    def use_ride(self) -> None:
        """Take the proposed end; it follows the ride again as the places change."""
        self._end_by_hand = False
        self._propose()

    # --- the host, their contacts, the goals --------------------------------------------------
    def _host_chosen(self) -> None:
        """A host chosen: its office suggested as the place, its contacts as hosts, the goals
        it serves first; a new item takes its name as the title."""
        key = self.host.key()
        host = self.hosts.get(key) if key is not None else None
        office = host.place_id if host is not None else None
        if office is not None and self.place.key() in (None, self._host_office):
            self.place.set_key(office)
        self._host_office = office
        titles = (self.title.text(), self.title_ja.text())
        if self.item is None and host is not None and titles in (("", ""),
                                                                 self._suggested_title):
            self.title.setText(host.name)
            self.title_ja.setText(host.name_ja)
            self._suggested_title = (host.name, host.name_ja)
        self._fill_contacts(set(), check_all=True)
        goals = self._checked(self.goal_list)
        if self.item is None:
            goals -= self._auto_goals
        self._fill_goals(goals, suggest=self.item is None)

    def _fill_contacts(self, checked: set[int], check_all: bool = False) -> None:
        """The host's contacts (and any other contact the item has) as a checkable list."""
        key = self.host.key()
        found: list[tuple[int, str, str]] = []
        if key is not None:
            with self.document.store.session() as session:
                host = session.get(Organisation, key,
                                   options=[selectinload(Organisation.contacts)])
                if host is not None:
                    found = [(c.id, c.name, c.role) for c in host.contacts]
        if check_all:
            checked = checked | {c for c, _n, _r in found}
        known = {c for c, _n, _r in found}
        found += [c for c in self.extra_hosts if c[0] not in known and c[0] in checked]
        self.contacts.clear()
        for contact, name, role in found:
            row = QListWidgetItem(f"{name} — {role}" if role else name, self.contacts)
            row.setData(Qt.ItemDataRole.UserRole, contact)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if contact in checked
                              else Qt.CheckState.Unchecked)
        self.contacts_hint.setText(
            "" if found else self.tr("Choose the host on the first page to see its contacts.")
            if key is None else self.tr("This host has no contacts yet."))

    def _fill_goals(self, checked: set[int], suggest: bool = False) -> None:
        """Every goal, those the host serves first, marked with how well; *suggest* checks
        those (for a new item)."""
        key = self.host.key()
        scores: dict[int, float] = {}
        topics: dict[int, tuple[str, ...]] = {}
        if key is not None and self.goals:
            with self.document.store.session() as session:
                host = session.get(Organisation, key)
                fixed = {m.goal_id: m.score for m in session.scalars(
                    select(GoalMatch).where(GoalMatch.organisation_id == key))}
                if host is not None:
                    for goal in self.goals:
                        found = match(goal, host, fixed.get(goal.id))
                        scores[goal.id] = found.score
                        topics[goal.id] = tuple(labels(found.topics + found.mentioned,
                                                       self.language))
        served = [g for g in self.goals if scores.get(g.id, 0.0) >= SERVES]
        served.sort(key=lambda g: -scores[g.id])
        rest = [g for g in self.goals if scores.get(g.id, 0.0) < SERVES]
        if suggest:
            self._auto_goals = {g.id for g in served}
            checked = checked | self._auto_goals
        self.goal_list.clear()
        bold = QFont(self.goal_list.font())
        bold.setBold(True)
        everyone = self.tr("Delegation")
        for goal in [*served, *rest]:
            owner = self._person(goal.traveller.name, goal.traveller.name_ja) \
                if goal.traveller is not None else everyone
            title = goal.title_ja if self.language == "ja" and goal.title_ja else goal.title
            text = f"{title} — {owner}"
            row = QListWidgetItem(self.goal_list)
            row.setData(Qt.ItemDataRole.UserRole, goal.id)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if goal.id in checked
                              else Qt.CheckState.Unchecked)
            if goal in served:
                row.setFont(bold)
                text = "★ " + text + f" ({scores[goal.id]:.0%})"
                row.setToolTip(tooltip(fill(self.tr("Suggested: the host matches on %1"),
                                            ", ".join(topics.get(goal.id, ())) or "—")))
            row.setText(text)
        if not self.goals:
            self.goals_hint.setText(self.tr("The delegation has no learning goals yet."))
        elif served:
            self.goals_hint.setText(self.tr("★ the goals this host serves, suggested first"))
        else:
            self.goals_hint.setText("" if key is None else
                                    self.tr("This host matches none of the goals."))

    @staticmethod
    def _checked(widget: QListWidget) -> set[int]:
        return {widget.item(n).data(Qt.ItemDataRole.UserRole) for n in range(widget.count())
                if widget.item(n).checkState() == Qt.CheckState.Checked}

    # --- attendees ----------------------------------------------------------------------------
    def _everyone_clicked(self) -> None:
        state = self.everyone.checkState() != Qt.CheckState.Unchecked
        for box in self.attendee_boxes.values():
            box.blockSignals(True)
            box.setChecked(state)
            box.blockSignals(False)
        self._attendee_toggled()

    def _attendee_toggled(self) -> None:
        chosen = sum(box.isChecked() for box in self.attendee_boxes.values())
        total = len(self.attendee_boxes)
        self.everyone.blockSignals(True)
        self.everyone.setCheckState(
            Qt.CheckState.Checked if total and chosen == total else
            Qt.CheckState.PartiallyChecked if chosen else Qt.CheckState.Unchecked)
        self.everyone.blockSignals(False)
        self.everyone.setText(fill(self.tr("Everyone (%1)"), str(total)))

    # --- the values ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every field as the editor has it (raises _Refused for a time that does not exist)."""
        start, end = self._times()
        start_zone, end_zone = self._zones()
        journey = self._journey()
        attendees = [key for key, box in self.attendee_boxes.items() if box.isChecked()]
        return {
            "kind": self.kind.currentData(), "title": self.title.text(),
            "title_ja": self.title_ja.text(), "start": start, "end": end,
            "zone": start_zone, "end_zone": end_zone if end_zone != start_zone else None,
            "place_id": self.place.key(),
            "destination_id": self.destination.key() if journey else None,
            "organisation_id": self.host.key(), "hosts": sorted(self._checked(self.contacts)),
            "attendees": attendees, "goals": sorted(self._checked(self.goal_list)),
            "status": self.status.currentData(), "locked": self.locked.isChecked(),
            "language": self.language_edit.text().strip(),
            "interpreter_booked": self.interpreter.isChecked(),
            "questions": [q.strip() for q in self.questions.toPlainText().splitlines()
                          if q.strip()],
            "notes": self.notes.toPlainText(), "protocol_notes": self.protocol.toPlainText(),
            "booking_reference": self.booking.text().strip(),
            "learnings": self.learnings.toPlainText()}

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """The fields whose value differs from the stored one (all of them for a new item)."""
        if self.item is None:
            return values
        changed = {}
        for name, value in values.items():
            old = self.initial.get(name)
            if name in _KEY_SETS:
                same = set(old or []) == set(value) or (
                    name == "attendees" and not old and set(value) == self.initial_everyone)
            elif name == "language":
                same = (old or "") == value or _language_code(value) == old
            else:
                same = old == value
            if not same:
                changed[name] = value
        if {"start", "end"} & changed.keys():  # a move is its start and end together
            changed["start"], changed["end"] = values["start"], values["end"]
        return changed

    def _widget_of(self, field: str) -> QWidget:
        return {"title": self.title, "title_ja": self.title_ja, "kind": self.kind,
                "start": self.start, "end": self.end, "zone": self.place,
                "end_zone": self.destination, "place_id": self.place,
                "destination_id": self.destination, "organisation_id": self.host,
                "hosts": self.contacts, "attendees": self.everyone, "goals": self.goal_list,
                "status": self.status, "locked": self.locked, "language": self.language_edit,
                "interpreter_booked": self.interpreter, "questions": self.questions,
                "notes": self.notes, "protocol_notes": self.protocol,
                "booking_reference": self.booking, "learnings": self.learnings
                }.get(field, self.title)

    def refuse(self, message: str, widget: QWidget) -> None:
        """Say why the values cannot be taken (once, here) and go to the field."""
        self.error.setText(message)
        for page in range(self.tabs.count()):
            shown = self.tabs.widget(page)
            if shown is not None and shown.isAncestorOf(widget):
                self.tabs.setCurrentIndex(page)
        widget.setFocus()

    def accept(self) -> None:
        """Check every value, then add or change the item as one undoable step; stay open,
        changing nothing, if a value is refused."""
        self.error.clear()
        try:
            values = self.values()
            edits.parse_values("item", values)
        except _Refused as refused:
            self.refuse(str(refused), refused.widget)
            return
        except edits.FieldError as exc:
            self.refuse(message_of(exc), self._widget_of(exc.field))
            return
        except InputError as exc:
            self.refuse(message_of(exc), self.title)
            return
        command: commands.TourCommand
        title = values["title"].strip()
        if self.item is None:
            command = commands.AddRecord(self.document, "item", values,
                                         fill(self.tr("Add %1"), title))
        else:
            changed = self.changes(values)
            if not changed:
                super().accept()
                return
            command = commands.SetFields(self.document, "item", self.item.id, changed,
                                         fill(self.tr("Edit %1"), self.item.title))
        try:  # done here, not by commands.execute: a refusal is said once, in the dialog
            command.do()
        except edits.FieldError as exc:
            self.refuse(message_of(exc), self._widget_of(exc.field))
            return
        except EcovisitError as exc:
            self.refuse(message_of(exc), self.title)
            return
        commands.push_done(command)
        key = command.key if isinstance(command, commands.AddRecord) else self.key
        uid = self.document.uid_of(key) if key is not None else None
        super().accept()
        if uid is not None:
            self.saved.emit(uid)


def _language_code(text: str) -> str:
    try:
        return str(edits.parse_value("item", "language", text))
    except InputError:
        return text


def open_item_editor(document: TourDocument, parent: QWidget, uid: str | None = None,
                     defaults: dict[str, Any] | None = None) -> ItemDialog:
    """Open the editor on the item *uid*, or on a new item from *defaults* (window-modal,
    deleted when closed)."""
    dialog = ItemDialog(document, uid, parent, defaults=defaults)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
