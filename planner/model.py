"""The domain model: every concept of a tour as a SQLAlchemy 2 typed mapping.

One database holds one tour (a ``.ecovisit`` SQLite file, or one PostgreSQL database for a team).
Instants are :class:`~planner.timezones.UtcDateTime` columns (aware, stored in UTC) with the IANA
zone of the place beside them; calendar dates (tour dates, hotel nights) are plain dates.

Two bookkeeping rules run automatically on every flush of a :class:`TourSession` (see
:func:`_bookkeeping`):

* an agenda item that changes gets a higher ``revision`` (the calendar SEQUENCE), and so does
  every item whose event shows a linked record that changed (:data:`SHOWN_COLUMNS`: the host's
  name, a place's address...) or whose "Next: ..." line may have changed (:data:`NEXT_COLUMNS`);
  the tour's ``revision`` goes up with any change (printed in the book's footer);
* a deleted agenda item leaves an :class:`ItemTombstone` with its UID, so exported calendars can
  cancel it instead of silently forgetting it;
* a traveller taken off an item, or whose item is deleted, gets an :class:`ItemDeparture`, so
  her calendars cancel it; put back, her departure goes;
* a follow-up whose columns change (or whose meeting, goal, owner or contact is deleted, which
  clears the reference, or that shows a linked record that changed: :data:`FOLLOW_UP_SHOWN`)
  gets a higher ``revision`` (the VTODO's SEQUENCE); one given to another
  owner leaves a :class:`FollowUpTombstone` in the old owner's list (None: the coordinator's), a
  deleted one in its owner's; handed back to an owner, her tombstone of it goes
  (:func:`_follow_up_books`). Learnings and ratings have no revisions.

The Core undo and redo of big edits (:func:`planner.changes.apply`) keep the same books in SQL.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Enum,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    event,
    func,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.mutable import MutableDict, MutableList
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Mapper,
    ORMExecuteState,
    Session,
    mapped_column,
    relationship,
    validates,
)
from sqlalchemy.orm.attributes import set_committed_value

from planner.errors import DamagedRecord
from planner.readback import (
    LenientRead,
    Unreadable,
    integer_problem,
    number_problem,
    parsed,
    shown,
    text_problem,
    text_raw_problem,
)
from planner.timezones import UtcDateTime, now_utc, require_aware, to_local, validate_zone_name

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Set ``session.info[PRESERVE_REVISIONS] = True`` to write objects exactly as given (the JSON
#: import does this), without the automatic revision bumps and tombstones.
PRESERVE_REVISIONS = "ecovisit.preserve_revisions"


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention Alembic needs for SQLite."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- column types: every one reads a damaged value as Unreadable (see _check_loaded) ---------

class StoredDate(LenientRead):
    """A calendar date (``YYYY-MM-DD``)."""

    impl = Date
    cache_ok = True
    what = "a date"

    def raw_problem(self, raw: Any) -> str | None:
        return text_raw_problem(raw, self.what)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return parsed(value, date)


class StoredTime(LenientRead):
    """A wall-clock time of day."""

    impl = Time
    cache_ok = True
    what = "a time of day"

    def raw_problem(self, raw: Any) -> str | None:
        return text_raw_problem(raw, self.what)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return parsed(value, time)


class StoredBoolean(LenientRead):
    """True or false, stored as 1 or 0."""

    impl = Boolean
    cache_ok = True
    what = "true or false"

    def raw_problem(self, raw: Any) -> str | None:
        if isinstance(raw, int) and raw in (0, 1):
            return None
        return None if isinstance(raw, bool) else f"{shown(raw)} is not true or false"


class StoredJson(LenientRead):
    """JSON text: a list of texts (``shape=list``) or an object (``shape=dict``)."""

    impl = JSON
    cache_ok = True
    what = "JSON"

    def __init__(self, shape: type[list[Any]] | type[dict[str, Any]]) -> None:
        super().__init__()
        self.shape = shape

    def raw_problem(self, raw: Any) -> str | None:
        return text_raw_problem(raw, self.what)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or isinstance(value, Unreadable):
            return value
        if self.shape is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return Unreadable(value, f"{shown(value)} is not a list of texts")
            return value
        if not isinstance(value, dict):
            return Unreadable(value, f"{shown(value)} is not a JSON object")
        return value


class StoredEnum(LenientRead):
    """A StrEnum stored by its value, as a VARCHAR (portable, readable in the file)."""

    impl = Enum
    cache_ok = True
    what = "a known kind"

    def raw_problem(self, raw: Any) -> str | None:
        choices = ", ".join(self.enum_values)
        return None if raw in self.enum_values else f"{shown(raw)} is not one of: {choices}"

    @property
    def enum_values(self) -> list[str]:
        return list(getattr(self.impl_instance, "enums", []))


def _enum(cls: type[enum.Enum]) -> StoredEnum:
    """Store a StrEnum by its value, as a VARCHAR (portable, readable in the file)."""
    stored = StoredEnum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=20,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )
    return stored


def _string_list() -> Any:
    return MutableList.as_mutable(StoredJson(list))


# --- every record read is checked: damage is named with its table, row and column -------------

#: A check of one loaded value: why it cannot be part of a tour, or None.
_Check = Callable[[Any, Any], "str | None"]


def _column_check(column: Column[Any]) -> _Check:
    """The check of one column's loaded values, from its type and the model's validator."""
    kind = column.type
    if isinstance(kind, LenientRead):
        kind = kind.impl_instance
    if isinstance(kind, String | Enum):  # (Enum is a String; its values are checked on reading)
        by_type: Callable[[Any], str | None] = text_problem
    elif isinstance(kind, Integer):
        by_type = integer_problem
    elif isinstance(kind, Float):
        by_type = number_problem
    else:  # dates, times, instants, booleans, JSON: checked as their types read them
        def by_type(_value: Any) -> str | None:
            return None
    nullable = bool(column.nullable)

    def check(obj: Any, value: Any) -> str | None:
        if isinstance(value, Unreadable):
            return value.reason
        if value is None:
            return None if nullable else "is empty"
        return by_type(value)

    return check


def _record_checks(mapper: Mapper[Any]) -> list[tuple[str, str, _Check]]:
    """(attribute, column name, check) for every column of *mapper*'s class, made once."""
    checks = _CHECKS.get(mapper)
    if checks is None:
        checks = []
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if not isinstance(column, Column):
                continue
            check = _column_check(column)
            validator = mapper.validators.get(prop.key)
            if validator is not None:
                check = _validated(check, validator[0], prop.key)
            checks.append((prop.key, column.name, check))
        _CHECKS[mapper] = checks
    return checks


def _validated(check: _Check, validator: Any, key: str) -> _Check:
    """*check*, then the model's own validator of the attribute *key* (zones, ranges)."""
    def both(obj: Any, value: Any) -> str | None:
        problem = check(obj, value)
        if problem is not None or value is None:
            return problem
        try:
            validator(obj, key, value)
        except (ValueError, TypeError) as exc:
            return str(exc)
        return None
    return both


_CHECKS: dict[Mapper[Any], list[tuple[str, str, _Check]]] = {}


def _location(session: Session | None) -> str:
    """The tour a session reads, for messages: the file, or the URL without its password."""
    bind = session.get_bind() if session is not None else None
    url = getattr(bind, "url", None)
    if url is None:
        return "the tour"
    if url.get_backend_name() == "sqlite":
        return str(url.database or "the tour")
    return str(url.render_as_string(hide_password=True))


def _row_name(state: Any) -> str:
    key: tuple[Any, ...] = tuple(state.identity or ())
    if len(key) == 1:
        return shown(key[0]) if not isinstance(key[0], int) else str(key[0])
    names = [column.name for column in state.mapper.primary_key]
    return ", ".join(f"{name} {value}" for name, value in zip(names, key, strict=False))


def check_record(obj: Any, session: Session | None = None) -> None:
    """Raise :class:`DamagedRecord` if a value of the loaded *obj* cannot be part of a tour."""
    state = inspect(obj)
    values = state.dict
    for key, column, check in _record_checks(state.mapper):
        if key in values:
            problem = check(obj, values[key])
            if problem is not None:
                table = state.mapper.local_table
                raise DamagedRecord(_location(session or state.session), str(table.name),
                                    _row_name(state), column, problem)


@event.listens_for(Base, "load", propagate=True, insert=True)
def _check_loaded(obj: Any, context: Any) -> None:
    check_record(obj, getattr(context, "session", None))


@event.listens_for(Base, "refresh", propagate=True, insert=True)
def _check_refreshed(obj: Any, context: Any, _attrs: Any) -> None:
    check_record(obj, getattr(context, "session", None))


class TourSession(Session):
    """A session on an Ecovisit tour (:class:`planner.store.TourStore` makes them; so do the
    backups' and the rescue's readers). The model's bookkeeping (:func:`_bookkeeping`) and its
    check of column queries (:func:`_check_columns`) listen to this class only: another
    library's or program's :class:`~sqlalchemy.orm.Session` in the same process, on another
    database, flushes and queries as SQLAlchemy alone would."""


@event.listens_for(TourSession, "do_orm_execute")
def _check_columns(state: ORMExecuteState) -> Any:
    """A query of columns (not of records) is checked too: a value a column type could not
    read never reaches the caller (the records' own check names the row; here the row is
    named when the query selected its id)."""
    if not state.is_select or state.is_column_load or state.is_relationship_load:
        return None
    described = getattr(state.statement, "column_descriptions", [])
    if all(isinstance(d.get("expr"), type) for d in described):
        return None  # whole records only: each checked as it loads
    frozen = state.invoke_statement().freeze()
    names = list(frozen.metadata.keys)
    checks = [_column_query_check(d) for d in described]
    for row in frozen.data:
        for position, value in enumerate(row):
            check = checks[position] if position < len(checks) else _any_value
            problem = check(None, value)
            if problem is not None:
                _column_damage(state.session, described, names, row, position, problem)
    return frozen()


def _any_value(_obj: Any, value: Any) -> str | None:
    if isinstance(value, Unreadable):
        return value.reason
    return text_problem(value) if isinstance(value, str) and not value.isascii() else None


def _column_query_check(described: dict[str, Any]) -> _Check:
    """The check of a selected column: its record's check when it is a mapped column."""
    entity = described.get("entity")
    if isinstance(entity, type) and issubclass(entity, Base):
        for key, _column, check in _record_checks(inspect(entity)):
            if key == described.get("name"):
                return check
    return _any_value


def _column_damage(session: Session, described: list[Any], names: list[str], row: Any,
                   position: int, problem: str) -> None:
    entity = described[position].get("entity") if position < len(described) else None
    table = getattr(entity, "__tablename__", "a table")
    key = next((row[n] for n, name in enumerate(names) if name == "id"
                and n < len(described) and described[n].get("entity") is entity), None)
    raise DamagedRecord(_location(session), str(table), "?" if key is None else str(key),
                        names[position], problem)


class OrganisationKind(enum.StrEnum):
    """What kind of ecosystem actor an organisation is."""

    STARTUP = "startup"
    SCALEUP = "scaleup"
    INVESTOR = "investor"
    ACCELERATOR = "accelerator"
    CORPORATE = "corporate"
    UNIVERSITY = "university"
    RESEARCH = "research"
    PUBLIC_AGENCY = "public_agency"
    HUB = "hub"
    OTHER = "other"


class PlaceKind(enum.StrEnum):
    """What a place is; the travel model treats stations and airports specially."""

    OFFICE = "office"
    HOTEL = "hotel"
    RESTAURANT = "restaurant"
    STATION = "station"
    AIRPORT = "airport"
    PORT = "port"  # a ferry terminal
    VENUE = "venue"
    OTHER = "other"


class ItemKind(enum.StrEnum):
    """What an agenda item is."""

    MEETING = "meeting"
    MEAL = "meal"
    TRANSFER = "transfer"
    TRAIN = "train"
    FLIGHT = "flight"
    FREE = "free"
    OTHER = "other"


class ItemStatus(enum.StrEnum):
    """Where an agenda item stands with its host."""

    IDEA = "idea"
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class GoalOutcome(enum.StrEnum):
    """After the tour: how far a learning goal was answered."""

    OPEN = "open"
    PARTLY = "partly"
    ANSWERED = "answered"


class TakeawayTag(enum.StrEnum):
    """What kind of key takeaway a learning is (a learning without a tag is not one)."""

    TREND = "trend"
    TECHNOLOGY = "technology"
    BUSINESS_MODEL = "business_model"
    PARTNER_CANDIDATE = "partner_candidate"
    RISK = "risk"
    OTHER = "other"


class FollowUpStatus(enum.StrEnum):
    """Where a follow-up stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class RequestState(enum.StrEnum):
    """Where the asking of a host stands. Whether a reminder is due is not a state: it follows
    from the day the request went and the tour's ``reminder_days``."""

    TO_WRITE = "to_write"  # a letter to write
    SENT = "sent"  # written and sent (``sent_on``), waiting for an answer
    REPLIED = "replied"  # the host answered (slots offered, a question), nothing agreed yet
    CONFIRMED = "confirmed"  # a time agreed
    DECLINED = "declined"  # the host said no: left out of planning, the reason kept
    NO_ANSWER = "no_answer"  # the coordinator stopped waiting


class LetterKind(enum.StrEnum):
    """The letters outreach writes, each from a template of the tour."""

    REQUEST = "request"
    REMINDER = "reminder"
    CONFIRMATION = "confirmation"
    THANKS = "thanks"


def working_days(after: date, until: date) -> int:
    """The working days (Monday to Friday) after *after* up to and including *until*: a request
    sent on a Friday has waited one working day on the Monday (0 when *until* is not later)."""
    if until <= after:
        return 0
    weeks, rest = divmod((until - after).days, 7)
    count = weeks * 5
    for n in range(1, rest + 1):
        if (after + timedelta(days=n)).weekday() < 5:
            count += 1
    return count


def add_working_days(day: date, count: int) -> date:
    """The day *count* working days after *day* (:func:`working_days` from *day* to it is
    *count*): when a reminder falls due."""
    found = day
    while count > 0:
        found += timedelta(days=1)
        if found.weekday() < 5:
            count -= 1
    return found


def follow_up_overdue(status: FollowUpStatus, due: date | None, today: date) -> bool:
    """Whether a follow-up is still open after its due day (*today*: the coordinator's today,
    in the tour's home zone or where the program runs): the one rule of an overdue follow-up,
    for the findings, the panel's filter, the CLI's ``--overdue`` and the printed report, on
    the values of a record or of a snapshot of one."""
    return status is FollowUpStatus.OPEN and due is not None and due < today


def request_waiting_days(state: RequestState, sent_on: date | None, today: date) -> int | None:
    """The working days a host request has waited for an answer on *today* (None unless sent
    and waiting): the one rule, for the outreach table, the findings and the command line."""
    if state is not RequestState.SENT or sent_on is None:
        return None
    return working_days(sent_on, today)


def request_reminder_due(state: RequestState, sent_on: date | None, reminded_on: date | None,
                         today: date, reminder_days: int) -> bool:
    """Whether a reminder is due on *today*: sent, no answer yet, and *reminder_days* working
    days gone since the last letter (the request, or the last reminder)."""
    last = reminded_on or sent_on
    return state is RequestState.SENT and last is not None \
        and working_days(last, today) >= reminder_days


def tour_days(start_date: date, end_date: date) -> list[date]:
    """A tour's days: every calendar date from its first to its last, both included (none if
    the last comes first). The one definition: :attr:`Tour.days`, planning (from a checker's
    snapshot) and the timeline's day list all use it."""
    return [date.fromordinal(n) for n in range(start_date.toordinal(), end_date.toordinal() + 1)]


class Tour(Base):
    """The study tour itself; exactly one row per database."""

    __tablename__ = "tour"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_tour"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("day_end > day_start", name="working_day_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    title: Mapped[str] = mapped_column(String(200))
    title_ja: Mapped[str] = mapped_column(String(200), default="")
    vision: Mapped[str] = mapped_column(Text, default="")
    vision_ja: Mapped[str] = mapped_column(Text, default="")
    #: After the tour: the vision the delegation came home with, beside the one it left with.
    vision_after: Mapped[str] = mapped_column(Text, default="", server_default="")
    vision_after_ja: Mapped[str] = mapped_column(Text, default="", server_default="")
    coordinator: Mapped[str] = mapped_column(String(200), default="")
    coordinator_phone: Mapped[str] = mapped_column(String(50), default="", server_default="")
    coordinator_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    start_date: Mapped[date] = mapped_column(StoredDate)
    end_date: Mapped[date] = mapped_column(StoredDate)
    home_zone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo")
    day_start: Mapped[time] = mapped_column(StoredTime, default=time(8, 30))
    day_end: Mapped[time] = mapped_column(StoredTime, default=time(19, 0))
    travel_settings: Mapped[dict[str, Any]] = mapped_column(
        MutableDict.as_mutable(StoredJson(dict)), default=dict
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: Working days a host has to answer a request before a reminder is due.
    reminder_days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")

    @validates("home_zone")
    def _check_zone(self, _key: str, value: str) -> str:
        return validate_zone_name(value)

    @property
    def days(self) -> list[date]:
        """Every calendar date of the tour, first to last (:func:`tour_days`)."""
        return tour_days(self.start_date, self.end_date)


class Traveller(Base):
    """An executive or staff member of the delegation."""

    __tablename__ = "travellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_ja: Mapped[str] = mapped_column(String(200), default="")
    company: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    languages: Mapped[list[str]] = mapped_column(_string_list(), default=list)
    dietary: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    staff: Mapped[bool] = mapped_column(StoredBoolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    #: A traveller's goals go with the traveller; a goal handed to the whole delegation
    #: (traveller None) stays (no delete-orphan, which deleted it).
    goals: Mapped[list[LearningGoal]] = relationship(
        back_populates="traveller", cascade="all", order_by="LearningGoal.id"
    )

    def speaks(self, language: str) -> bool:
        """Whether the traveller follows a meeting held in *language* (a BCP 47 code)."""
        primary = language.split("-")[0].lower()
        return any(code.split("-")[0].lower() == primary for code in self.languages)


class LearningGoal(Base):
    """What a traveller (or, with no traveller, the whole delegation) wants to learn."""

    __tablename__ = "goals"
    __table_args__ = (CheckConstraint("priority BETWEEN 1 AND 5", name="priority_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    traveller_id: Mapped[int | None] = mapped_column(
        ForeignKey("travellers.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    title_ja: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[list[str]] = mapped_column(_string_list(), default=list)
    #: 1 = nice to have ... 5 = the reason the traveller came.
    priority: Mapped[int] = mapped_column(Integer, default=3)
    #: After the tour: answered, partly or still open, and what was found, in a few sentences.
    outcome: Mapped[GoalOutcome] = mapped_column(_enum(GoalOutcome), default=GoalOutcome.OPEN,
                                                 server_default=GoalOutcome.OPEN.value)
    outcome_summary: Mapped[str] = mapped_column(Text, default="", server_default="")

    traveller: Mapped[Traveller | None] = relationship(back_populates="goals")

    @validates("priority")
    def _check_priority(self, _key: str, value: int) -> int:
        if not 1 <= value <= 5:
            raise ValueError(f"priority must be 1 to 5, got {value}")
        return value


class Place(Base):
    """Anything with coordinates and a time zone: an office, hotel, restaurant, station, airport."""

    __tablename__ = "places"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PlaceKind] = mapped_column(_enum(PlaceKind), default=PlaceKind.OFFICE)
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    #: ISO 3166-1 alpha-2 code, e.g. ``DE``.
    country: Mapped[str] = mapped_column(String(2), default="")
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    #: True when the coordinates are the venue's door; False when only the city (or district)
    #: is known, so travel estimates add a safety margin.
    exact: Mapped[bool] = mapped_column(StoredBoolean, default=False)
    zone: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    @validates("zone")
    def _check_zone(self, _key: str, value: str) -> str:
        return validate_zone_name(value)

    @validates("latitude", "longitude")
    def _check_coordinate(self, key: str, value: float) -> float:
        limit = 90.0 if key == "latitude" else 180.0
        if not -limit <= value <= limit:
            raise ValueError(f"{key} {value} is outside -{limit:g}..{limit:g}")
        return value


class Organisation(Base):
    """An actor of the ecosystem directory: startup, investor, lab, university, agency..."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_ja: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[OrganisationKind] = mapped_column(
        _enum(OrganisationKind), default=OrganisationKind.OTHER
    )
    topics: Mapped[list[str]] = mapped_column(_string_list(), default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The office where the delegation is received (address, coordinates, zone).
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )

    place: Mapped[Place | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="Contact.id"
    )
    availability: Mapped[list[AvailabilityWindow]] = relationship(
        back_populates="organisation",
        cascade="all, delete-orphan",
        order_by="AvailabilityWindow.start",
    )


class Contact(Base):
    """A person at an organisation."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    name_ja: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    languages: Mapped[list[str]] = mapped_column(_string_list(), default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="contacts")


class AvailabilityWindow(Base):
    """A span of time in which a host can receive the delegation."""

    __tablename__ = "availability_windows"
    __table_args__ = (CheckConstraint('"end" > start', name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    end: Mapped[datetime] = mapped_column(UtcDateTime)
    #: IANA zone the host thinks in (the office's zone); used to show the window.
    zone: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="availability")

    @validates("start", "end")
    def _check_aware(self, key: str, value: datetime) -> datetime:
        return require_aware(value, key)

    @validates("zone")
    def _check_zone(self, _key: str, value: str) -> str:
        return validate_zone_name(value)


class Stay(Base):
    """The hotel the delegation sleeps in from ``check_in`` to the morning of ``check_out``."""

    __tablename__ = "stays"
    __table_args__ = (CheckConstraint("check_out > check_in", name="nights_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="RESTRICT"), index=True)
    check_in: Mapped[date] = mapped_column(StoredDate)
    check_out: Mapped[date] = mapped_column(StoredDate)
    booking_reference: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    place: Mapped[Place] = relationship()

    def covers_night_of(self, day: date) -> bool:
        """Whether the delegation sleeps here in the night that starts on *day*."""
        return self.check_in <= day < self.check_out


item_attendees = Table(
    "item_attendees",
    Base.metadata,
    Column("item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("traveller_id", ForeignKey("travellers.id", ondelete="CASCADE"), primary_key=True),
)

item_hosts = Table(
    "item_hosts",
    Base.metadata,
    Column("item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
)

item_goals = Table(
    "item_goals",
    Base.metadata,
    Column("item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
)


def new_uid() -> str:
    """A calendar UID that is unique for ever (RFC 5545 recommends a domain suffix)."""
    return f"{uuid.uuid4()}@ecovisit"


class AgendaItem(Base):
    """A meeting, meal, transfer, train, flight or free time in the itinerary."""

    __tablename__ = "agenda_items"
    __table_args__ = (CheckConstraint('"end" > start', name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Never changes: calendars recognise the event by it across re-imports.
    uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_uid)
    #: Goes up with every change (the calendar SEQUENCE).
    revision: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind), default=ItemKind.MEETING)
    title: Mapped[str] = mapped_column(String(300))
    title_ja: Mapped[str] = mapped_column(String(300), default="")
    start: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    end: Mapped[datetime] = mapped_column(UtcDateTime)
    #: IANA zone of the start (the place's zone).
    zone: Mapped[str] = mapped_column(String(64))
    #: IANA zone of the end, when it differs (a flight landing in another zone).
    end_zone: Mapped[str | None] = mapped_column(String(64))
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    #: Where a transfer, train or flight arrives.
    destination_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus), default=ItemStatus.IDEA)
    locked: Mapped[bool] = mapped_column(StoredBoolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list[str]] = mapped_column(_string_list(), default=list)
    #: BCP 47 code of the language the meeting is held in (``en``, ``de``, ``ja``...).
    language: Mapped[str] = mapped_column(String(20), default="")
    interpreter_booked: Mapped[bool] = mapped_column(StoredBoolean, default=False)
    protocol_notes: Mapped[str] = mapped_column(Text, default="")
    booking_reference: Mapped[str] = mapped_column(String(100), default="")
    #: After the tour: what the delegation learned at this meeting.
    learnings: Mapped[str] = mapped_column(Text, default="")

    place: Mapped[Place | None] = relationship(foreign_keys=[place_id])
    destination: Mapped[Place | None] = relationship(foreign_keys=[destination_id])
    organisation: Mapped[Organisation | None] = relationship()
    attendees: Mapped[list[Traveller]] = relationship(
        secondary=item_attendees, order_by="Traveller.position, Traveller.id"
    )
    hosts: Mapped[list[Contact]] = relationship(secondary=item_hosts, order_by="Contact.id")
    goals: Mapped[list[LearningGoal]] = relationship(
        secondary=item_goals, order_by="LearningGoal.id"
    )

    @validates("start", "end")
    def _check_aware(self, key: str, value: datetime) -> datetime:
        return require_aware(value, key)

    @validates("zone", "end_zone")
    def _check_zone(self, _key: str, value: str | None) -> str | None:
        return None if value is None else validate_zone_name(value)

    @property
    def local_start(self) -> datetime:
        """Start as wall-clock time where the item begins."""
        return to_local(self.start, self.zone)

    @property
    def local_end(self) -> datetime:
        """End as wall-clock time where the item ends."""
        return to_local(self.end, self.end_zone or self.zone)

    @property
    def day(self) -> date:
        """The local calendar date the item starts on."""
        return self.local_start.date()

    def attended_by(self, traveller: Traveller) -> bool:
        """Whether *traveller* is at the item: one of its attendees, or anyone when it names
        none (an item of the whole delegation, as the checks read it: ``Plan.attendees``)."""
        return not self.attendees or traveller in self.attendees

    def attending(self, delegation: Iterable[Traveller]) -> list[Traveller]:
        """Who is at the item, *delegation* being the tour's travellers in their order: its
        attendees, or the whole delegation when it names none."""
        return list(self.attendees) or list(delegation)


class Learning(Base):
    """After the tour: one thing learned at a meeting, optionally for one goal it served and by
    one traveller (who said it; none: the delegation). With a tag it is a key takeaway; a
    partner-candidate takeaway flags the meeting's organisation, with the next step."""

    __tablename__ = "item_learnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    traveller_id: Mapped[int | None] = mapped_column(
        ForeignKey("travellers.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    tag: Mapped[TakeawayTag | None] = mapped_column(_enum(TakeawayTag))
    #: For a partner candidate: what happens next with the organisation.
    next_step: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    item: Mapped[AgendaItem] = relationship(passive_deletes=True)
    goal: Mapped[LearningGoal | None] = relationship(passive_deletes=True)
    traveller: Mapped[Traveller | None] = relationship(passive_deletes=True)


class Rating(Base):
    """After the tour: an attendee's rating of a meeting, 1 to 5, and whether she would
    recommend the host to another delegation."""

    __tablename__ = "item_ratings"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        UniqueConstraint("item_id", "traveller_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    traveller_id: Mapped[int] = mapped_column(
        ForeignKey("travellers.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)
    #: Would she recommend this host to another delegation (None: not said).
    recommend: Mapped[bool | None] = mapped_column(StoredBoolean)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")

    item: Mapped[AgendaItem] = relationship(passive_deletes=True)
    traveller: Mapped[Traveller] = relationship(passive_deletes=True)

    @validates("score")
    def _check_score(self, _key: str, value: int) -> int:
        if not 1 <= value <= 5:
            raise ValueError(f"a rating is 1 to 5, got {value}")
        return value


class FollowUp(Base):
    """An action that turns a meeting into results: who does what, by when, with whom.

    Its owner is a traveller, or the coordinator when ``owner_id`` is None. It goes to the
    owner's tasks as a VTODO with a UID that never changes and a SEQUENCE (``revision``) that
    rises with every change, as an agenda item's event does."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Never changes: task lists recognise the VTODO by it across exports.
    uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_uid)
    #: Goes up with every change (the VTODO's SEQUENCE).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    #: The traveller who owns the action; None: the coordinator.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("travellers.id", ondelete="SET NULL"), index=True
    )
    #: The host on the other side, if any.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    due: Mapped[date | None] = mapped_column(StoredDate)
    status: Mapped[FollowUpStatus] = mapped_column(
        _enum(FollowUpStatus), default=FollowUpStatus.OPEN,
        server_default=FollowUpStatus.OPEN.value)
    #: The day it was marked done (the VTODO's COMPLETED).
    completed: Mapped[date | None] = mapped_column(StoredDate)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    item: Mapped[AgendaItem | None] = relationship(passive_deletes=True)
    goal: Mapped[LearningGoal | None] = relationship(passive_deletes=True)
    owner: Mapped[Traveller | None] = relationship(passive_deletes=True)
    contact: Mapped[Contact | None] = relationship(passive_deletes=True)

    def overdue_on(self, today: date) -> bool:
        """Whether it is still open after its due day (:func:`follow_up_overdue`)."""
        return follow_up_overdue(self.status, self.due, today)


class FollowUpTombstone(Base):
    """A follow-up gone from an owner's task list: deleted, or handed to another owner. Her
    next export cancels the UID (``owner_id`` None: the coordinator's list)."""

    __tablename__ = "follow_up_tombstones"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("travellers.id", ondelete="CASCADE"), index=True
    )
    #: The follow-up's revision when it left (the cancelled VTODO's SEQUENCE).
    revision: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(StoredDate)
    gone_at: Mapped[datetime] = mapped_column(UtcDateTime)

    owner: Mapped[Traveller | None] = relationship(passive_deletes=True)


class HostRequest(Base):
    """The asking of one host organisation for a meeting, before the tour: the meeting it is
    for (an idea or requested item; none for a host chosen in the directory), the contact
    written to, the letters' language, where it stands and the day each step happened.

    One per organisation: a host is asked once per tour (a reminder and a confirmation follow
    the same request). A declined host is left out of planning, its reason kept here."""

    __tablename__ = "host_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), unique=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    state: Mapped[RequestState] = mapped_column(
        _enum(RequestState), default=RequestState.TO_WRITE,
        server_default=RequestState.TO_WRITE.value)
    #: "en" or "ja"; empty: chosen from the host (Japanese for a Japanese host).
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    sent_on: Mapped[date | None] = mapped_column(StoredDate)
    reminded_on: Mapped[date | None] = mapped_column(StoredDate)
    replied_on: Mapped[date | None] = mapped_column(StoredDate)
    #: The day the confirmation letter went to the host (a confirmed meeting waits for it).
    confirmation_sent_on: Mapped[date | None] = mapped_column(StoredDate)
    #: Why the host declined (or why the coordinator stopped waiting).
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    organisation: Mapped[Organisation] = relationship(passive_deletes=True)
    item: Mapped[AgendaItem | None] = relationship(passive_deletes=True)
    contact: Mapped[Contact | None] = relationship(passive_deletes=True)

    @property
    def host_name(self) -> str:
        """What names the request in messages: its host's name."""
        return self.organisation.name if self.organisation is not None else ""

    @property
    def letter_day(self) -> date | None:
        """The day the last letter asking for an answer went: the reminder's, else the
        request's."""
        return self.reminded_on or self.sent_on

    def waiting_days(self, today: date) -> int | None:
        """The working days it has waited for an answer (:func:`request_waiting_days`)."""
        return request_waiting_days(self.state, self.sent_on, today)

    def reminder_due_on(self, today: date, reminder_days: int) -> bool:
        """Whether a reminder is due on *today* (:func:`request_reminder_due`)."""
        return request_reminder_due(self.state, self.sent_on, self.reminded_on, today,
                                    reminder_days)


class LetterTemplate(Base):
    """The coordinator's own wording of one kind of letter in one language, stored with the
    tour; a kind and language without a row uses the built-in template."""

    __tablename__ = "letter_templates"
    __table_args__ = (UniqueConstraint("kind", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LetterKind] = mapped_column(_enum(LetterKind))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")


class GoalMatch(Base):
    """The coordinator's own judgement of how well an organisation serves a goal (0 to 1)."""

    __tablename__ = "goal_matches"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 1", name="score_range"),)

    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"),
                                         primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)

    # Declared so that the unit of work writes goals and organisations first.
    goal: Mapped[LearningGoal] = relationship(passive_deletes=True)
    organisation: Mapped[Organisation] = relationship(passive_deletes=True)


class ItemTombstone(Base):
    """What remains of a deleted agenda item, so calendars can be told to remove it."""

    __tablename__ = "item_tombstones"

    uid: Mapped[str] = mapped_column(String(100), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    end: Mapped[datetime] = mapped_column(UtcDateTime)
    zone: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ItemDeparture(Base):
    """A traveller taken off an agenda item, or the item deleted while she attended: her
    calendars (her file, her CalDAV collection) cancel the UID. Only hers: a deleted meeting of
    two colleagues leaves a departure for each of them and none for anyone else. A departure of
    a UID that is live for her again (she was put back) is stale and ignored by the calendars."""

    __tablename__ = "item_departures"

    uid: Mapped[str] = mapped_column(String(100), primary_key=True)
    traveller_id: Mapped[int] = mapped_column(
        ForeignKey("travellers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: The item's revision after she left it (the cancelled event's SEQUENCE).
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    start: Mapped[datetime] = mapped_column(UtcDateTime)
    end: Mapped[datetime] = mapped_column(UtcDateTime)
    zone: Mapped[str] = mapped_column(String(64))
    left_at: Mapped[datetime] = mapped_column(UtcDateTime)

    # Declared so that the unit of work writes travellers first.
    traveller: Mapped[Traveller] = relationship(passive_deletes=True)


#: What an agenda item's calendar event shows of the records it links to: its host's name, its
#: host contacts' names, roles and phones, its place's and destination's name, address and
#: where they are (the travel to the next item is estimated from the point, its exactness and
#: kind), the titles of the goals it serves, its attendees' names, and of the tour the travel
#: settings and the coordinator (in every DESCRIPTION). A change of one of these columns raises
#: the revision (the SEQUENCE) of every item showing it; a change of any other column (an
#: organisation's notes) does not.
SHOWN_COLUMNS: dict[str, frozenset[str]] = {
    "organisations": frozenset({"name"}),
    "contacts": frozenset({"name", "role", "phone"}),
    "places": frozenset({"name", "address", "latitude", "longitude", "exact", "kind"}),
    "goals": frozenset({"title"}),
    "travellers": frozenset({"name"}),
    "tour": frozenset({"travel_settings", "coordinator", "coordinator_phone",
                       "coordinator_email"}),
}
#: An item's columns that decide whether it is the next item of the items before it and what
#: their "Next: ..." line says (its title, time, place, and whether it is cancelled); who attends
#: it decides it in each traveller's own calendar.
NEXT_COLUMNS = frozenset({"start", "end", "place_id", "status", "title"})
#: An event names the next item when it starts within this time of the event's end.
NEXT_WITHIN = timedelta(hours=12)
_NEXT_ATTRIBUTES = NEXT_COLUMNS | {"place", "attendees"}


class _Leaving:
    """Travellers taken off items in one flush (or one undo): (item id, traveller id)."""

    def __init__(self) -> None:
        self.pairs: set[tuple[int, int]] = set()

    def note(self, item_id: int | None, traveller_ids: Any) -> None:
        if item_id is not None:
            self.pairs.update((item_id, int(t)) for t in traveller_ids if t is not None)


def linked_items(session: Session, shown: dict[str, set[int]], moments: set[datetime],
                 changing: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """The agenda items whose event shows one of the records *shown* (table name to the ids
    whose shown columns changed; the tour's: every item), or whose "Next: ..." line may name an
    item starting at one of *moments* (an item moved, added, deleted, cancelled...; the items
    *changing* are those being changed, raised anyway): see :func:`_next_of`. Read in SQL at
    the time of the call."""
    items = cast(Table, AgendaItem.__table__)
    if shown.get("tour"):
        return set(session.scalars(select(items.c.id)))
    found: set[int] = set()
    organisations = shown.get("organisations")
    if organisations:
        found.update(session.scalars(select(items.c.id).where(
            items.c.organisation_id.in_(organisations))))
    for name, link, column in (("contacts", item_hosts, "contact_id"),
                               ("goals", item_goals, "goal_id"),
                               ("travellers", item_attendees, "traveller_id")):
        keys = shown.get(name)
        if keys:
            found.update(session.scalars(select(link.c.item_id).where(link.c[column].in_(keys))))
    places = shown.get("places")
    if places:
        found.update(session.scalars(select(items.c.id).where(
            items.c.place_id.in_(places) | items.c.destination_id.in_(places))))
        # the travel to an item there, and its place's name, in the line of the item before it
        moments = moments | set(session.scalars(select(items.c.start).where(
            items.c.place_id.in_(places))))
    for moment in sorted(m for m in moments if isinstance(m, datetime)):
        found |= _next_of(session, moment, changing)
    return found


#: Statuses whose items are not in every calendar (cancelled ones are never anyone's "next";
#: ideas are not in a calendar without them).
_NOT_ALWAYS_NEXT = (ItemStatus.CANCELLED, ItemStatus.IDEA)


def _next_of(session: Session, moment: datetime, changing: set[int] | frozenset[int]
             ) -> set[int]:
    """The items whose "Next: ..." line may name an item starting at *moment*, in the tour's
    calendar or a traveller's (:func:`planner.calendar.ics._next_live`): those ending within
    :data:`NEXT_WITHIN` before it that start no earlier than the last item before it that is
    in every calendar (items starting together share their next), for the whole tour and for
    each traveller. The items *changing* do not count as that last item (where they stand is
    changing), which can only widen the answer, never miss an item."""
    items = cast(Table, AgendaItem.__table__)
    before = items.c.start < moment
    near = before & (items.c.end >= moment - NEXT_WITHIN)
    steady = before & items.c.status.not_in(_NOT_ALWAYS_NEXT)
    if changing:
        steady = steady & items.c.id.not_in(sorted(changing))
    last = session.scalar(select(func.max(items.c.start)).where(steady))
    found = set(session.scalars(select(items.c.id).where(
        near, items.c.start >= last) if last is not None else select(items.c.id).where(near)))
    attending = items.join(item_attendees, item_attendees.c.item_id == items.c.id)
    lasts = {int(traveller): start for traveller, start in session.execute(
        select(item_attendees.c.traveller_id, func.max(items.c.start)).select_from(attending)
        .where(steady).group_by(item_attendees.c.traveller_id))}
    for key, start, traveller in session.execute(
            select(items.c.id, items.c.start, item_attendees.c.traveller_id)
            .select_from(attending).where(near)):
        if traveller not in lasts or start >= lasts[traveller]:
            found.add(int(key))
    return found


def _changed(obj: Any, attributes: frozenset[str] | set[str]) -> bool:
    """Whether this flush changes one of *attributes* of *obj*."""
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attributes
               if name in state.attrs)


def _starts(session: Session, obj: AgendaItem) -> set[datetime]:
    """Where an item started when it was read, and where it starts now."""
    with session.no_autoflush:
        return {*inspect(obj).attrs.start.history.deleted, obj.start}


@event.listens_for(TourSession, "before_flush")
def _bookkeeping(session: Session, _context: Any, _instances: Any) -> None:
    """Bump revisions and leave tombstones and departures (see the module docstring).

    Each revision is raised in SQL (``revision = revision + 1``) and read back, never written
    from the value this session read earlier: two programs committing at once then raise it by
    two, and a calendar never sees one SEQUENCE twice. The tour first, so that writers queue on
    its row (PostgreSQL) rather than lock items in different orders.
    """
    if session.info.get(PRESERVE_REVISIONS):
        return
    _follow_up_books(session)
    changed = bool(session.new) or bool(session.deleted)
    edited: list[AgendaItem] = []
    shown: dict[str, set[int]] = {}
    moments: set[datetime] = set()
    leaving, back = _Leaving(), _Leaving()
    for obj in session.dirty:
        if not session.is_modified(obj):
            continue
        changed = True
        if isinstance(obj, AgendaItem):
            edited.append(obj)
            if _changed(obj, _NEXT_ATTRIBUTES):
                moments |= _starts(session, obj)
            attendees = inspect(obj).attrs.attendees.history
            leaving.note(obj.id, [t.id for t in attendees.deleted
                                  if t not in session.deleted])
            back.note(obj.id, [t.id for t in attendees.added])
            continue
        table = getattr(obj, "__tablename__", "")
        if table in SHOWN_COLUMNS and _changed(obj, SHOWN_COLUMNS[table]):
            shown.setdefault(table, set()).add(obj.id)
    deleted = [obj for obj in session.deleted if isinstance(obj, AgendaItem)]
    for obj in (*session.new, *deleted):
        if isinstance(obj, AgendaItem):
            moments |= _starts(session, obj)
    if changed:
        tour = session.identity_map.get(session.identity_key(Tour, (1,)))
        for revision in _raise_revisions(session, Tour, [1]).values():
            if tour is not None and tour not in session.deleted:
                set_committed_value(tour, "revision", revision)
    gone = {obj.id for obj in deleted}
    for item_id, traveller_id in session.execute(select(
            item_attendees.c.item_id, item_attendees.c.traveller_id).where(
            item_attendees.c.item_id.in_(gone))):
        leaving.note(item_id, [traveller_id])  # she had it in her calendars
    changing = {obj.id for obj in edited} | gone
    linked = linked_items(session, shown, moments, changing) if shown or moments else set()
    # A deleted item's tombstone cancels the version after the newest anyone committed.
    revisions = raise_item_revisions(session, changing | linked)
    items = {obj.id: obj for obj in (*edited, *deleted)}
    for obj in deleted:
        _keep(session, ItemTombstone, (obj.uid,), revision=revisions.get(obj.id,
              obj.revision + 1), title=obj.title, start=obj.start, end=obj.end, zone=obj.zone,
              deleted_at=now_utc())
    for item_id, traveller_id in sorted(leaving.pairs - back.pairs):
        obj = items[item_id]
        _keep(session, ItemDeparture, (obj.uid, traveller_id), revision=revisions.get(
              item_id, obj.revision + 1), title=obj.title, start=obj.start, end=obj.end,
              zone=obj.zone, left_at=now_utc())
    for item_id, traveller_id in back.pairs - leaving.pairs:
        if item_id not in gone:  # she is back: her departure is history
            with session.no_autoflush:
                stale = session.get(ItemDeparture, (items[item_id].uid, traveller_id))
            if stale is not None:
                session.delete(stale)


#: A follow-up's references that the database clears when the record they name is deleted.
_FOLLOW_UP_REFERENCES: tuple[tuple[str, type[Base]], ...] = (
    ("item_id", AgendaItem), ("goal_id", LearningGoal), ("owner_id", Traveller),
    ("contact_id", Contact))


#: What a follow-up's task shows of the records it links to (its meeting's title, day and host,
#: its contact's name, role, e-mail and phone and organisation, its goal's title, the tour's
#: coordinator): a change of one of these columns raises the revision of the follow-ups showing
#: it, as :data:`SHOWN_COLUMNS` does for items.
FOLLOW_UP_SHOWN: dict[str, frozenset[str]] = {
    "agenda_items": frozenset({"title", "start", "zone", "organisation_id"}),
    "contacts": frozenset({"name", "role", "email", "phone", "organisation_id"}),
    "organisations": frozenset({"name"}),
    "goals": frozenset({"title"}),
    "tour": frozenset({"coordinator", "coordinator_phone", "coordinator_email"}),
}


def linked_follow_ups(session: Session, shown: dict[str, set[int]]) -> set[int]:
    """The follow-ups whose task shows one of the records *shown* (table name to the ids whose
    :data:`FOLLOW_UP_SHOWN` columns changed; the tour's: every follow-up), read in SQL."""
    table = cast(Table, FollowUp.__table__)
    if shown.get("tour"):
        return set(session.scalars(select(table.c.id)))
    conditions = []
    for name, column in (("agenda_items", table.c.item_id), ("contacts", table.c.contact_id),
                         ("goals", table.c.goal_id)):
        if shown.get(name):
            conditions.append(column.in_(sorted(shown[name])))
    organisations = sorted(shown.get("organisations", ()))
    if organisations:
        contacts = cast(Table, Contact.__table__)
        items = cast(Table, AgendaItem.__table__)
        conditions.append(table.c.contact_id.in_(select(contacts.c.id).where(
            contacts.c.organisation_id.in_(organisations))))
        conditions.append(table.c.item_id.in_(select(items.c.id).where(
            items.c.organisation_id.in_(organisations))))
    if not conditions:
        return set()
    return set(session.scalars(select(table.c.id).where(or_(*conditions))))


def _owner_now(obj: FollowUp) -> int | None:
    """The owner a follow-up has in this flush (its relationship, if that was set)."""
    if inspect(obj).attrs.owner.history.has_changes():
        return obj.owner.id if obj.owner is not None else None
    return obj.owner_id


def _follow_up_books(session: Session) -> None:
    """A follow-up's revision, tombstones and hand-backs (see the module docstring).

    The old owner is read from the database (what the last flush wrote), not from this
    session's history, which an expired object lacks."""
    edited = [obj for obj in session.dirty
              if isinstance(obj, FollowUp) and session.is_modified(obj)]
    deleted = [obj for obj in session.deleted if isinstance(obj, FollowUp)]
    new = [obj for obj in session.new if isinstance(obj, FollowUp)]
    table = cast(Table, FollowUp.__table__)
    clearing = [table.c[column].in_(keys) for column, entity in _FOLLOW_UP_REFERENCES
                if (keys := [getattr(o, "id", None) for o in session.deleted
                             if isinstance(o, entity)])]
    shown: dict[str, set[int]] = {}
    for obj in session.dirty:
        name = getattr(obj, "__tablename__", "")
        if name in FOLLOW_UP_SHOWN and _changed(obj, FOLLOW_UP_SHOWN[name]):
            shown.setdefault(name, set()).add(obj.id)
    if not (edited or deleted or new or clearing or shown):
        return
    with session.no_autoflush:
        ids = {o.id for o in (*edited, *deleted) if o.id is not None}
        for condition in clearing:
            ids |= set(session.scalars(select(table.c.id).where(condition)))
        if shown:
            ids |= linked_follow_ups(session, shown)
        stored = {row.id: row for row in session.execute(
            select(table.c.id, table.c.uid, table.c.owner_id, table.c.description,
                   table.c.due).where(table.c.id.in_(sorted(ids))))}
        revisions = raise_follow_up_revisions(session, stored)
        now = now_utc()
        for obj in edited:
            if obj in session.deleted:
                continue
            owner, row = _owner_now(obj), stored.get(obj.id)
            if row is not None and row.owner_id != owner:
                _tombstone(session, row, revisions[obj.id], now)
                _back_on_list(session, obj, owner)
        for obj in deleted:
            row = stored.get(obj.id)
            if row is not None:
                _tombstone(session, row, revisions[obj.id], now)
        for obj in new:
            _back_on_list(session, obj, _owner_now(obj))


def raise_follow_up_revisions(session: Session, ids: Any) -> dict[int, int]:
    """Raise the revision of the follow-ups *ids* in SQL, keeping loaded ones in step (as
    :func:`raise_item_revisions`); the new revisions."""
    revisions = _raise_revisions(session, FollowUp, sorted(ids))
    for key, revision in revisions.items():
        obj = session.identity_map.get(session.identity_key(FollowUp, (key,)))
        if obj is not None and obj not in session.deleted:
            set_committed_value(obj, "revision", revision)
    return revisions


def _owned_by(owner_id: int | None) -> Any:
    column = FollowUpTombstone.owner_id
    return column.is_(None) if owner_id is None else column == owner_id


def _tombstone(session: Session, row: Any, revision: int, now: datetime) -> None:
    """The follow-up *row* (as stored) leaves its owner's list at *revision*."""
    found = session.scalars(select(FollowUpTombstone).where(
        FollowUpTombstone.uid == row.uid, _owned_by(row.owner_id))).first()
    if found is None:
        session.add(FollowUpTombstone(uid=row.uid, owner_id=row.owner_id, revision=revision,
                                      description=row.description, due=row.due, gone_at=now))
        return
    found.revision = max(found.revision, revision)
    found.description, found.due, found.gone_at = row.description, row.due, now


def _back_on_list(session: Session, obj: FollowUp, owner_id: int | None) -> None:
    """*obj* is on *owner_id*'s list (again): her tombstone of it goes, and its revision is
    above the one that cancelled it."""
    stale = session.scalars(select(FollowUpTombstone).where(
        FollowUpTombstone.uid == obj.uid, _owned_by(owner_id))).all()
    for tombstone in stale:
        if (obj.revision or 0) <= tombstone.revision:
            above = tombstone.revision + 1
            if obj in session.new:
                obj.revision = above
            else:
                follow_ups = cast(Table, FollowUp.__table__)
                session.execute(update(follow_ups).where(follow_ups.c.id == obj.id)
                                .values(revision=above))
                set_committed_value(obj, "revision", above)
        session.delete(tombstone)


def _keep(session: Session, entity: type[ItemTombstone | ItemDeparture], key: tuple[Any, ...],
          **values: Any) -> None:
    """Add the record *key* of *entity* with *values*, or update it if it is there already (a
    departure from an item she was put back on and taken off again)."""
    with session.no_autoflush:
        found = session.get(entity, key)
    if found is None:
        names = [str(column.key) for column in entity.__mapper__.primary_key]
        session.add(entity(**dict(zip(names, key, strict=True)), **values))
        return
    if found in session.deleted:
        session.add(found)  # kept after all
    for name, value in values.items():
        setattr(found, name, value)


def raise_item_revisions(session: Session, ids: set[int] | list[int]) -> dict[int, int]:
    """Raise the revision of the agenda items *ids* in SQL, keep the loaded ones in step (their
    committed revision, so the flush does not write an old one back); the new revisions."""
    revisions = _raise_revisions(session, AgendaItem, sorted(i for i in ids if i is not None))
    for item_id, revision in revisions.items():
        obj = session.identity_map.get(session.identity_key(AgendaItem, (item_id,)))
        if obj is not None and obj not in session.deleted:
            set_committed_value(obj, "revision", revision)
    return revisions


def _raise_revisions(session: Session, entity: type[Tour | AgendaItem | FollowUp],
                     ids: list[int]) -> dict[int, int]:
    """Add one to the stored revision of the rows *ids* of *entity*, in SQL; the new values."""
    if not ids:
        return {}
    table = cast(Table, entity.__table__)
    session.execute(update(table).where(table.c.id.in_(ids))
                    .values(revision=table.c.revision + 1))
    rows = session.execute(select(table.c.id, table.c.revision).where(table.c.id.in_(ids)))
    return {int(key): int(revision) for key, revision in rows}
