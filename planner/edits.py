"""The edits a person makes to a tour, one function per kind of change, each returning what it
changed and what undoes it.

The desktop program's undo commands and the command line call these (one call per command, inside
one transaction of :meth:`planner.store.TourStore.transaction`), so every rule about what a value
may be lives here, not in the widgets. Each function validates first and raises
:class:`InputError` naming the record and the field before it changes anything.

Every edit returns a :class:`Done`: its value (what undoes it, or the new record's key) and the
:class:`Changes` it made, by :class:`Kind` of record, as Anki's operations return ``OpChanges``.
The window refreshes exactly those records and re-checks what they can affect; nothing reads the
session to find out.

Records are addressed by a :class:`Kind` and their primary key; agenda items are moved by UID.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from planner.directory.normalise import is_email, parse_language, parse_topics, split_list
from planner.errors import InputError
from planner.formatting import LocalSpan
from planner.geo.countries import country_code
from planner.geo.zones import zone_at
from planner.messages import N_, render, translate
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    Base,
    Contact,
    FollowUp,
    FollowUpStatus,
    FollowUpTombstone,
    GoalOutcome,
    HostRequest,
    ItemDeparture,
    ItemKind,
    ItemStatus,
    ItemTombstone,
    Learning,
    LearningGoal,
    LetterKind,
    LetterTemplate,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Rating,
    RequestState,
    Stay,
    TakeawayTag,
    Tour,
    Traveller,
)
from planner.store import create_tour_file
from planner.timezones import now_utc, require_aware, to_local, validate_zone_name

T = TypeVar("T")


# --- what an edit changed -------------------------------------------------------------------
class Kind(enum.StrEnum):
    """The kinds of record people edit, by the names the window and the command line use."""

    TOUR = "tour"
    TRAVELLER = "traveller"
    GOAL = "goal"
    ORGANISATION = "organisation"
    CONTACT = "contact"
    PLACE = "place"
    STAY = "stay"
    AVAILABILITY = "availability"
    ITEM = "item"
    LEARNING = "learning"
    RATING = "rating"
    FOLLOW_UP = "follow_up"
    REQUEST = "request"
    TEMPLATE = "template"


#: The kind of the records of each table.
TABLE_KINDS: dict[str, Kind] = {
    "tour": Kind.TOUR, "travellers": Kind.TRAVELLER, "goals": Kind.GOAL,
    "organisations": Kind.ORGANISATION, "contacts": Kind.CONTACT, "places": Kind.PLACE,
    "stays": Kind.STAY, "availability_windows": Kind.AVAILABILITY, "agenda_items": Kind.ITEM,
    "item_learnings": Kind.LEARNING, "item_ratings": Kind.RATING, "follow_ups": Kind.FOLLOW_UP,
    "host_requests": Kind.REQUEST, "letter_templates": Kind.TEMPLATE,
}
#: Link tables: a row changes the agenda item it names.
_ITEM_LINKS = ("item_attendees", "item_hosts", "item_goals")


@dataclass
class Changes:
    """The records an edit added, changed or removed, by kind (primary keys)."""

    records: dict[Kind, set[int]] = field(default_factory=dict)

    def note(self, kind: Kind | str, keys: Iterable[int]) -> Changes:
        found = {int(k) for k in keys}
        if found:
            self.records.setdefault(Kind(kind), set()).update(found)
        return self

    def merge(self, other: Changes) -> Changes:
        for kind, keys in other.records.items():
            self.note(kind, keys)
        return self

    def of(self, kind: Kind | str) -> set[int]:
        return self.records.get(Kind(kind), set())

    def __bool__(self) -> bool:
        return any(self.records.values())

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> Changes:
        """The records some row images (table, row) concern: their own, and an agenda item
        whose attendees, hosts or goals a link row changes."""
        changes = cls()
        for table, row in rows:
            kind = TABLE_KINDS.get(table)
            if kind is not None and "id" in row:
                changes.note(kind, [row["id"]])
                if table == "availability_windows":  # the organisation's form lists it
                    changes.note(Kind.ORGANISATION, [row["organisation_id"]])
            elif table in _ITEM_LINKS:
                changes.note(Kind.ITEM, [row["item_id"]])
        return changes


@dataclass(frozen=True)
class Done(Generic[T]):
    """What an edit returns: its value (what undoes it, or a new record's key) and what it
    changed."""

    value: T
    changes: Changes


def _done(value: T, changes: Changes, session: Session) -> Done[T]:
    """*value* with *changes* widened to the records that show the changed ones."""
    return Done(value, widen(session, changes))


def widen(session: Session, changes: Changes) -> Changes:
    """Add the records whose rows (or checks) show something of the changed ones: an
    organisation's name appears in its contacts' and meetings' rows, its availability in its
    meetings' checks; a traveller's in their goals and attendances; a place's in the
    organisations and items there."""
    from planner.queries import dependents

    wider = Changes().merge(changes)
    places = changes.of(Kind.PLACE)
    if places:
        wider.note(Kind.ORGANISATION, session.scalars(select(Organisation.id).where(
            Organisation.place_id.in_(places))))
        wider.note(Kind.ITEM, session.scalars(select(AgendaItem.id).where(
            AgendaItem.place_id.in_(places) | AgendaItem.destination_id.in_(places))))
        wider.note(Kind.STAY, session.scalars(select(Stay.id).where(Stay.place_id.in_(places))))
    windows = changes.of(Kind.AVAILABILITY)
    if windows:
        wider.note(Kind.ORGANISATION, session.scalars(select(
            AvailabilityWindow.organisation_id).where(AvailabilityWindow.id.in_(windows))))
    for kind in (Kind.ORGANISATION, Kind.TRAVELLER, Kind.CONTACT):
        for other, keys in dependents(session, kind.value, wider.of(kind)).items():
            wider.note(other, keys)
    return wider


# --- what may be edited, and how a value is read --------------------------------------------
class Reason(ValueError):
    """Why a value cannot be taken: a catalogue template and its data (shown in the window's
    language)."""

    def __init__(self, template: str, **data: Any) -> None:
        super().__init__(template.format(**data))
        self.template, self.data = template, data

    def message(self, language: str = "en") -> str:
        return render(self.template, self.data, language)


class FieldError(InputError):
    """A value refused for one field of one kind of record: ``organisation e-mail: 'x' is not
    an e-mail address``, or in Japanese ``組織のメール: 'x' はメールアドレスではありません``."""

    def __init__(self, label: str, field: str, reason: ValueError) -> None:
        self.label, self.field, self.reason = label, field, reason
        self.kind = next((kind for kind, rec in RECORDS.items() if rec.label == label), None)
        super().__init__(f"{label} {field_label(field, kind=self.kind)}: {reason}")

    def message(self, language: str = "en") -> str:
        reason = self.reason.message(language) if isinstance(self.reason, Reason) \
            else str(self.reason)
        return render(N_("{record} {field}: {reason}"),
                      {"record": translate(self.label, language),
                       "field": field_label(self.field, language, kind=self.kind),
                       "reason": reason}, language)


#: How each field is called: the one table of field labels. Messages, undo texts ("Change
#: e-mail of Celonis"), and the window's column titles and form labels (:func:`field_title`)
#: all read it; the catalogue translates them. A field called otherwise in one kind of record
#: has a (kind, field) key, read first: a learning's traveller is who said it, a rating's the
#: attendee who gave it (a goal's is its owner).
FIELD_LABELS: dict[str | tuple[str, str], str] = {
    "name": N_("name"), "name_ja": N_("Japanese name"), "kind": N_("kind"),
    "topics": N_("topics"), "description": N_("description"), "phone": N_("phone"),
    "website": N_("website"), "email": N_("e-mail"), "notes": N_("notes"), "role": N_("role"),
    "languages": N_("languages"), "company": N_("company"), "dietary": N_("dietary needs"),
    "staff": N_("staff"), "title": N_("title"), "title_ja": N_("Japanese title"),
    "priority": N_("priority"), "status": N_("status"), "locked": N_("locked"),
    "questions": N_("questions"), "language": N_("language"),
    "interpreter_booked": N_("interpreter booked"), "protocol_notes": N_("protocol notes"),
    "booking_reference": N_("booking reference"), "learnings": N_("learnings"),
    "vision": N_("vision"), "vision_ja": N_("Japanese vision"),
    "coordinator": N_("coordinator"), "travel_settings": N_("travel settings"),
    "coordinator_phone": N_("coordinator's phone"),
    "coordinator_email": N_("coordinator's e-mail"),
    "start_date": N_("first day"), "end_date": N_("last day"), "home_zone": N_("home time zone"),
    "day_start": N_("working day start"), "day_end": N_("working day end"),
    "address": N_("address"), "city": N_("city"), "country": N_("country"),
    "latitude": N_("latitude"), "longitude": N_("longitude"), "exact": N_("exact location"),
    "zone": N_("time zone"), "end_zone": N_("arrival time zone"),
    "check_in": N_("check-in"), "check_out": N_("check-out"), "place_id": N_("place"),
    "destination_id": N_("arrival place"), "organisation_id": N_("organisation"),
    "traveller_id": N_("owner"), "start": N_("start"), "end": N_("end"), "note": N_("note"),
    "attendees": N_("attendees"), "hosts": N_("hosts"), "goals": N_("goals"),
    "vision_after": N_("vision after"), "vision_after_ja": N_("Japanese vision after"),
    "outcome": N_("outcome"), "outcome_summary": N_("outcome summary"),
    "item_id": N_("meeting"), "goal_id": N_("goal"), "text": N_("text"), "tag": N_("takeaway"),
    "state": N_("state"), "sent_on": N_("sent on"), "reminded_on": N_("reminded on"),
    "replied_on": N_("replied on"), "confirmation_sent_on": N_("confirmation sent on"),
    "reason": N_("reason"), "subject": N_("subject"), "body": N_("text of the letter"),
    "reminder_days": N_("working days before a reminder"),
    "next_step": N_("next step"), "score": N_("rating"), "recommend": N_("would recommend"),
    "comment": N_("comment"), "owner_id": N_("owner"), "contact_id": N_("host contact"),
    "due": N_("due"), "completed": N_("completed on"),
    ("learning", "traveller_id"): N_("said by"), ("rating", "traveller_id"): N_("attendee"),
}


def field_label(field: str, language: str = "en", kind: str | None = None) -> str:
    """How *field* (of a record of *kind*, if given) is called in a sentence, in *language*:
    ``e-mail``, ``Japanese name``, ``said by`` (a learning's ``traveller_id``)."""
    label = FIELD_LABELS.get((kind, field)) if kind is not None else None
    return translate(label or FIELD_LABELS.get(field, field.replace("_", " ")), language)


def field_title(field: str, language: str = "en", kind: str | None = None) -> str:
    """*field*'s label as a heading (a column's title, a form's label): ``E-mail``."""
    label = field_label(field, language, kind)
    return label[:1].upper() + label[1:]


def _text(limit: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = "" if value is None else str(value)
        if len(text) > limit:
            raise Reason(N_("is longer than {limit} characters"), limit=limit)
        return text
    return parse


def _required(limit: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(limit)(value).strip()
        if not text:
            raise Reason(N_("may not be empty"))
        return text
    return parse


def _email(value: Any) -> str:
    text = _text(254)(value).strip()
    if text and not is_email(text):
        raise Reason(N_("{text!r} is not an e-mail address"), text=text)
    return text


def _items(value: Any) -> list[str]:
    return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) \
        else split_list(str(value or ""))


def _topics(value: Any) -> list[str]:
    return parse_topics(", ".join(_items(value)))


def _languages(value: Any) -> list[str]:
    codes = []
    for word in _items(value):
        code = parse_language(word)
        if code is None:
            raise Reason(N_("{word!r} is not a language"), word=word)
        if code not in codes:
            codes.append(code)
    return codes


def _language(value: Any) -> str:
    word = str(value or "").strip()
    if not word:
        return ""
    code = parse_language(word)
    if code is None:
        raise Reason(N_("{word!r} is not a language"), word=word)
    return code


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("1", "true", "yes", "y", "on", "はい"):
        return True
    if text in ("0", "false", "no", "n", "off", "", "いいえ"):
        return False
    raise Reason(N_("{value!r} is neither yes nor no"), value=value)


def _optional_flag(value: Any) -> bool | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _flag(value)


def _score(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 5:
        raise Reason(N_("is a rating from 1 (poor) to 5 (excellent)"))
    return number


def _reminder_days(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 60:
        raise Reason(N_("is a number of working days from 1 to 60"))
    return number


def _letter_language(value: Any) -> str:
    """A letter's language: "en", "ja", or empty (chosen from the host)."""
    text = str(value or "").strip().lower()
    if text not in ("", "en", "ja"):
        raise Reason(N_("{value!r} is not a letter language (en or ja)"), value=str(value))
    return text


def _position(value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise Reason(N_("is not a whole number")) from None


def _priority(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 5:
        raise Reason(N_("is a priority from 1 (nice to know) to 5 (must learn)"))
    return number


def _travel_settings(value: Any) -> dict[str, Any]:
    from planner.travel import TravelSettings

    try:
        return TravelSettings.from_json(dict(value)).to_json()
    except (InputError, TypeError) as exc:
        raise ValueError(str(exc).removeprefix("travel settings: ")) from None


def _choice(kind: type[enum.StrEnum]) -> Callable[[Any], enum.StrEnum]:
    def parse(value: Any) -> enum.StrEnum:
        try:
            return kind(str(getattr(value, "value", value)).strip().lower())
        except ValueError:
            raise Reason(N_("is one of {choices}"),
                         choices=", ".join(k.value for k in kind)) from None
    return parse


def _optional_choice(kind: type[enum.StrEnum]) -> Callable[[Any], enum.StrEnum | None]:
    choose = _choice(kind)

    def parse(value: Any) -> enum.StrEnum | None:
        if value is None or not str(getattr(value, "value", value)).strip():
            return None
        return choose(value)
    return parse


def _optional_date(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _date(value)


def _date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Reason(N_("{value!r} is not a date (YYYY-MM-DD)"), value=str(value)) from None


def _clock(value: Any) -> time:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = str(value).strip()
    try:
        hours, _, minutes = text.partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise Reason(N_("{value!r} is not a time of day (HH:MM)"), value=text) from None


def _zone(value: Any) -> str:
    text = str(value or "").strip()
    try:
        return validate_zone_name(text)
    except ValueError:
        raise Reason(N_("{value!r} is not an IANA time zone such as Europe/Berlin"),
                     value=text) from None


def _optional_zone(value: Any) -> str | None:
    return None if value in (None, "") else _zone(value)


def _instant(value: Any) -> datetime:
    """An aware datetime, or ISO 8601 text with its offset (``2027-05-04T10:00+02:00``)."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise Reason(N_("{value!r} is not a date and time"), value=str(value)) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Reason(N_("{value!r} has no time zone"), value=moment.isoformat())
    return moment


def _number(low: float, high: float) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise Reason(N_("{value!r} is not a number"), value=str(value)) from None
        if not low <= number <= high:
            raise Reason(N_("{value} is outside {low} to {high}"), value=f"{number:g}",
                         low=f"{low:g}", high=f"{high:g}")
        return number
    return parse


def _country(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    code = country_code(text)
    if code is None:
        raise Reason(N_("{value!r} is not a country"), value=text)
    return code


def _key(value: Any) -> int | None:
    """A reference to another record by its primary key (None or "" for none)."""
    if value is None or value == "":
        return None
    key = getattr(value, "id", value)
    try:
        return int(key)
    except (TypeError, ValueError):
        raise Reason(N_("{value!r} is not a record number"), value=str(value)) from None


def _keys(value: Any) -> list[int]:
    """References to several records (attendees, hosts, goals), in order, once each."""
    found: list[int] = []
    for one in (value or []):
        key = _key(one)
        if key is not None and key not in found:
            found.append(key)
    return found


@dataclass(frozen=True)
class Record:
    """A kind of record people edit: its class, its name for messages, its editable fields."""

    kind: str
    entity: type[Base]
    label: str
    fields: Mapping[str, Callable[[Any], Any]]
    #: The field that names a record in messages.
    name_field: str = "name"
    #: The fields a new record cannot do without.
    required: tuple[str, ...] = ()


#: Reference fields: the entity each points to (which may not be empty: :data:`_NOT_EMPTY`).
REFERENCES: dict[str, type[Base]] = {
    "organisation_id": Organisation, "traveller_id": Traveller, "place_id": Place,
    "destination_id": Place, "item_id": AgendaItem, "goal_id": LearningGoal,
    "owner_id": Traveller, "contact_id": Contact,
}
#: Reference fields that must not be empty for these kinds.
_NOT_EMPTY = {("contact", "organisation_id"), ("stay", "place_id"),
              ("availability", "organisation_id"), ("learning", "item_id"),
              ("rating", "item_id"), ("rating", "traveller_id"),
              ("request", "organisation_id")}
#: Collections of references on agenda items: the relationship and its entity.
COLLECTIONS: dict[str, type[Base]] = {
    "attendees": Traveller, "hosts": Contact, "goals": LearningGoal}

RECORDS: dict[str, Record] = {r.kind: r for r in (
    Record("organisation", Organisation, N_("organisation"), {
        "name": _required(200), "name_ja": _text(200), "kind": _choice(OrganisationKind),
        "topics": _topics, "description": _text(20_000), "phone": _text(50),
        "website": _text(300), "email": _email, "notes": _text(20_000),
        "place_id": _key}, required=("name",)),
    Record("contact", Contact, N_("contact"), {
        "name": _required(200), "name_ja": _text(200), "role": _text(200), "email": _email,
        "phone": _text(50), "languages": _languages, "notes": _text(20_000),
        "organisation_id": _key}, required=("name", "organisation_id")),
    Record("traveller", Traveller, N_("traveller"), {
        "name": _required(200), "name_ja": _text(200), "company": _text(200),
        "role": _text(200), "email": _email, "languages": _languages,
        "dietary": _text(2_000), "notes": _text(20_000), "staff": _flag}, required=("name",)),
    Record("goal", LearningGoal, N_("learning goal"), {
        "title": _required(300), "title_ja": _text(300), "description": _text(20_000),
        "topics": _topics, "priority": _priority, "traveller_id": _key,
        "outcome": _choice(GoalOutcome), "outcome_summary": _text(20_000)}, name_field="title",
        required=("title",)),
    Record("place", Place, N_("place"), {
        "name": _required(200), "kind": _choice(PlaceKind), "address": _text(2_000),
        "city": _text(100), "country": _country, "latitude": _number(-90, 90),
        "longitude": _number(-180, 180), "exact": _flag, "zone": _zone, "phone": _text(50),
        "notes": _text(20_000)}, required=("name", "latitude", "longitude")),
    Record("stay", Stay, N_("hotel stay"), {
        "place_id": _key, "check_in": _date, "check_out": _date,
        "booking_reference": _text(100), "notes": _text(20_000)},
        name_field="booking_reference", required=("place_id", "check_in", "check_out")),
    Record("availability", AvailabilityWindow, N_("available slot"), {
        "organisation_id": _key, "start": _instant, "end": _instant, "zone": _zone,
        "note": _text(2_000)}, name_field="note", required=("organisation_id", "start", "end")),
    Record("item", AgendaItem, N_("agenda item"), {
        "title": _required(300), "title_ja": _text(300), "kind": _choice(ItemKind),
        "status": _choice(ItemStatus), "locked": _flag, "notes": _text(20_000),
        "questions": _items, "language": _language, "interpreter_booked": _flag,
        "protocol_notes": _text(20_000), "booking_reference": _text(100),
        "learnings": _text(20_000), "start": _instant, "end": _instant, "zone": _zone,
        "end_zone": _optional_zone, "place_id": _key, "destination_id": _key,
        "organisation_id": _key, "attendees": _keys, "hosts": _keys, "goals": _keys},
        name_field="title", required=("title", "start", "end")),
    Record("learning", Learning, N_("learning"), {
        "item_id": _key, "goal_id": _key, "traveller_id": _key, "text": _required(20_000),
        "tag": _optional_choice(TakeawayTag), "next_step": _text(20_000),
        "position": _position}, name_field="text", required=("item_id", "text")),
    Record("rating", Rating, N_("rating"), {
        "item_id": _key, "traveller_id": _key, "score": _score, "recommend": _optional_flag,
        "comment": _text(20_000)}, name_field="score",
        required=("item_id", "traveller_id", "score")),
    Record("follow_up", FollowUp, N_("follow-up"), {
        "description": _required(20_000), "owner_id": _key, "contact_id": _key,
        "item_id": _key, "goal_id": _key, "due": _optional_date,
        "status": _choice(FollowUpStatus), "completed": _optional_date,
        "notes": _text(20_000)}, name_field="description", required=("description",)),
    Record("request", HostRequest, N_("host request"), {
        "organisation_id": _key, "item_id": _key, "contact_id": _key,
        "state": _choice(RequestState), "language": _letter_language,
        "sent_on": _optional_date, "reminded_on": _optional_date, "replied_on": _optional_date,
        "confirmation_sent_on": _optional_date, "reason": _text(20_000),
        "notes": _text(20_000)}, name_field="host_name", required=("organisation_id",)),
    Record("template", LetterTemplate, N_("letter template"), {
        "kind": _choice(LetterKind), "language": _letter_language, "subject": _text(300),
        "body": _text(100_000)}, name_field="kind", required=("kind", "language")),
    Record("tour", Tour, N_("tour"), {
        "title": _required(200), "title_ja": _text(200), "vision": _text(20_000),
        "vision_ja": _text(20_000), "vision_after": _text(20_000),
        "vision_after_ja": _text(20_000), "coordinator": _text(200),
        "coordinator_phone": _text(50), "coordinator_email": _email,
        "start_date": _date, "end_date": _date, "home_zone": _zone, "day_start": _clock,
        "day_end": _clock, "travel_settings": _travel_settings,
        "reminder_days": _reminder_days}, name_field="title"),
)}


def record(kind: str) -> Record:
    """The description of the records of *kind*; ValueError for an unknown kind."""
    try:
        return RECORDS[kind]
    except KeyError:
        raise ValueError(f"unknown kind of record {kind!r}") from None


def parse_value(kind: str, field: str, value: Any) -> Any:
    """*value* as field *field* of a *kind* record stores it; InputError if it cannot be."""
    rec = record(kind)
    parse = rec.fields.get(field)
    if parse is None:
        raise InputError(f"{rec.label} field {field!r} cannot be edited")
    try:
        return parse(value)
    except ValueError as exc:
        raise FieldError(rec.label, field, exc) from None


def parse_values(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of *values* read as :func:`parse_value` reads it (the first refused one
    raises)."""
    return {name: parse_value(kind, name, value) for name, value in values.items()}


def _load(session: Session, kind: str, key: int) -> Any:
    rec = record(kind)
    obj = session.get(rec.entity, key)
    if obj is None:
        raise InputError(f"{rec.label} #{key} no longer exists")
    return obj


def name_of(obj: Any, kind: str, language: str = "en") -> str:
    """How a record is named in messages and undo texts (a rating: whose, of which meeting)."""
    if kind == "rating":
        return render(N_("{traveller}'s rating of {meeting}"), {
            "traveller": obj.traveller.name if obj.traveller is not None else "?",
            "meeting": obj.item.title if obj.item is not None else "?"}, language)
    if kind == "stay":
        return f"{obj.place.name if obj.place else ''} {obj.check_in}–{obj.check_out}".strip()
    if kind == "availability":
        return LocalSpan(to_local(obj.start, obj.zone), to_local(obj.end, obj.zone)).text()
    return str(getattr(obj, record(kind).name_field))


# --- a new tour -------------------------------------------------------------------------------
def create_tour(location: str | Path, title: str, start: date, end: date, *, title_ja: str = "",
                home_zone: str = "Asia/Tokyo", force: bool = False,
                values: Mapping[str, Any] | None = None) -> None:
    """A new, empty tour file (or database) with its title and dates (and any other tour
    *values*, such as the vision); nothing is left behind if it cannot be made."""
    title = parse_value("tour", "title", title)
    title_ja = parse_value("tour", "title_ja", title_ja)
    extra = parse_values("tour", values or {})
    if end < start:
        raise InputError(f"the last day {end} is before the first day {start}")
    try:
        ZoneInfo(home_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{home_zone!r} is not an IANA time zone") from None

    def fill(session: Session) -> None:
        tour = Tour(title=title, title_ja=title_ja, start_date=start, end_date=end,
                    home_zone=home_zone, day_start=time(8, 30), day_end=time(19, 0))
        for name, value in extra.items():
            setattr(tour, name, value)
        _check_record(tour, "tour")
        session.add(tour)

    create_tour_file(location, fill, force=force)


# --- changing fields -------------------------------------------------------------------------
def _stored(obj: Any, name: str) -> Any:
    """A field's value as :func:`restore_fields` puts it back (references by key)."""
    if name in COLLECTIONS:
        return [other.id for other in getattr(obj, name)]
    value = getattr(obj, name)
    return list(value) if isinstance(value, list) else value


def _assign(session: Session, obj: Any, kind: str, name: str, value: Any) -> None:
    """Set one parsed value, loading the records a reference names (refused if gone)."""
    rec = record(kind)
    if name in COLLECTIONS:
        entity = COLLECTIONS[name]
        found = [session.get(entity, key) for key in value]
        missing = [key for key, other in zip(value, found, strict=True) if other is None]
        if missing:
            raise FieldError(rec.label, name, Reason(N_("no record #{key}"), key=missing[0]))
        setattr(obj, name, found)
        return
    if name in REFERENCES:
        entity = REFERENCES[name]
        if value is None and (kind, name) in _NOT_EMPTY:
            raise FieldError(rec.label, name, Reason(N_("may not be empty")))
        if value is not None and session.get(entity, value) is None:
            raise FieldError(rec.label, name, Reason(N_("no record #{key}"), key=value))
        relation = name.removesuffix("_id")
        if relation in ("organisation", "traveller", "place", "destination") \
                and hasattr(obj, relation):
            setattr(obj, relation, None if value is None else session.get(entity, value))
        setattr(obj, name, value)
        return
    setattr(obj, name, value)


def _check_record(obj: Any, kind: str) -> None:
    """The rules that span fields, checked before anything is written."""
    label = record(kind).label
    if kind == "tour":
        if obj.end_date < obj.start_date:
            raise FieldError(label, "end_date", Reason(
                N_("{end} is before the first day {start}"), end=obj.end_date,
                start=obj.start_date))
        if obj.day_end <= obj.day_start:
            raise FieldError(label, "day_end", Reason(
                N_("{end} is not after the start of the day {start}"),
                end=f"{obj.day_end:%H:%M}", start=f"{obj.day_start:%H:%M}"))
    elif kind in ("item", "availability"):
        if obj.end <= obj.start:
            raise FieldError(label, "end", Reason(N_("must come after the start")))
        if kind == "item" and obj.end - obj.start > timedelta(days=3):
            raise FieldError(label, "end", Reason(N_("is more than three days after the start")))
    elif kind == "stay" and obj.check_out <= obj.check_in:
        raise FieldError(label, "check_out", Reason(N_("must come after the check-in")))


def _check_links(session: Session, obj: Any, kind: str) -> None:
    """The rules that read other records: a rating is of a meeting, by one of its attendees,
    once. (A learning may be of any item, and may answer any goal, not only the goals the
    item was planned for: a lunch or a site walk teaches too, and a meeting can answer a
    question nobody expected it to.)"""
    if kind != "rating":
        return
    label = record(kind).label
    with session.no_autoflush:
        item = session.get(AgendaItem, obj.item_id)
        traveller = session.get(Traveller, obj.traveller_id)
        if item is None or traveller is None:
            return
        if item.kind is not ItemKind.MEETING:
            raise FieldError(label, "item_id", Reason(
                N_("{meeting} is not a meeting: only meetings are rated"), meeting=item.title))
        if not item.attended_by(traveller):
            raise FieldError(label, "traveller_id", Reason(
                N_("{traveller} did not attend {meeting}: only its attendees rate it"),
                traveller=traveller.name, meeting=item.title))
        other = session.scalar(select(Rating.id).where(
            Rating.item_id == item.id, Rating.traveller_id == traveller.id,
            Rating.id != obj.id if obj.id is not None else Rating.id.is_not(None)))
    if other is not None:
        raise FieldError(label, "traveller_id", Reason(
            N_("{traveller} has rated {meeting} already"), traveller=traveller.name,
            meeting=item.title))


def tour_today(session: Session) -> date:
    """Today in the tour's home zone (where the coordinator works)."""
    tour = session.get(Tour, 1)
    return to_local(now_utc(), tour.home_zone if tour is not None else "UTC").date()


def _follow_status(session: Session, obj: Any, kind: str, values: Mapping[str, Any]) -> None:
    """A follow-up marked done is completed today (in the tour's home zone) unless a day is
    given; one opened again or dropped is not completed."""
    if kind != "follow_up" or "status" not in values or "completed" in values:
        return
    if obj.status is FollowUpStatus.DONE:
        if obj.completed is None:
            obj.completed = tour_today(session)
    else:
        obj.completed = None


def _follow_location(obj: Any, kind: str, values: Mapping[str, Any]) -> None:
    """The time zone follows the coordinates (a place) or the place (an agenda item, a host's
    window), unless one is given."""
    if kind == "place" and ("latitude" in values or "longitude" in values) \
            and "zone" not in values:
        obj.zone = zone_at(obj.latitude, obj.longitude)
    if kind == "item":
        if "place_id" in values and "zone" not in values and obj.place is not None:
            obj.zone = obj.place.zone
        if "destination_id" in values and "end_zone" not in values:
            arrival = obj.destination.zone if obj.destination is not None else None
            obj.end_zone = arrival if arrival != obj.zone else None


def set_fields(session: Session, kind: str, key: int, values: Mapping[str, Any]
               ) -> Done[dict[str, Any]]:
    """Set several fields of one record in one step; the value is the fields as they were
    (:func:`restore_fields` puts them back). Every value is checked before any is set."""
    parsed = parse_values(kind, values)
    obj = _load(session, kind, key)
    old = {name: _stored(obj, name) for name in parsed}
    if kind == "item" and {"zone", "end_zone", "place_id", "destination_id"} & parsed.keys():
        old.update({name: _stored(obj, name) for name in ("zone", "end_zone")})
    if kind == "place" and {"latitude", "longitude"} & parsed.keys():
        old["zone"] = obj.zone
    if kind == "follow_up" and "status" in parsed:
        old["completed"] = obj.completed
    for name, value in parsed.items():
        _assign(session, obj, kind, name, value)
    _follow_location(obj, kind, parsed)
    _follow_status(session, obj, kind, parsed)
    _check_record(obj, kind)
    _check_links(session, obj, kind)
    return _done(old, Changes().note(kind, [key]), session)


def set_field(session: Session, kind: str, key: int, field: str, value: Any) -> Done[Any]:
    """Set one field of one record; the value is the value it had (set it back to undo)."""
    done = set_fields(session, kind, key, {field: value})
    return Done(done.value[field], done.changes)


def restore_fields(session: Session, kind: str, key: int, old: Mapping[str, Any]
                   ) -> Done[None]:
    """Undo :func:`set_fields`: put back the values it returned exactly as they were stored
    (they are not read again as typed input, which could change or refuse them)."""
    rec = record(kind)
    obj = _load(session, kind, key)
    for name, value in old.items():
        if name not in rec.fields:
            raise InputError(f"{rec.label} field {name!r} cannot be edited")
        _assign(session, obj, kind, name, list(value) if isinstance(value, list) else value)
    return _done(None, Changes().note(kind, [key]), session)


def restore_field(session: Session, kind: str, key: int, field: str, old: Any) -> Done[None]:
    """Undo :func:`set_field` (a single field's old value)."""
    return restore_fields(session, kind, key, {field: old})


def move_item(session: Session, uid: str, start: datetime, end: datetime
              ) -> Done[tuple[datetime, datetime]]:
    """Give the agenda item *uid* a new start and end; the value is the old ones (to undo)."""
    require_aware(start, "start")
    require_aware(end, "end")
    item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one_or_none()
    if item is None:
        raise InputError(f"agenda item {uid} no longer exists")
    if end <= start:
        raise InputError(f"{item.title}: the end must come after the start")
    old = (item.start, item.end)
    item.start, item.end = start, end
    return Done(old, Changes().note(Kind.ITEM, [item.id]))


# --- adding records --------------------------------------------------------------------------
def _default_zone(session: Session, item: AgendaItem) -> str:
    """Where an item without a place happens: the host's office, else the zone its day is read
    in (:func:`planner.dayplan.day_zone_in`, as the timeline, the editor and the command line
    read it: the day's first item, the hotel woken up in, that night's, the home zone)."""
    from planner.dayplan import day_zone_in, instant_zone

    if item.place is not None:
        return item.place.zone
    if item.organisation is not None and item.organisation.place is not None:
        return item.organisation.place.zone
    return instant_zone(item.start, lambda day: day_zone_in(session, day))


def add_record(session: Session, kind: str, values: Mapping[str, Any]) -> Done[int]:
    """A new record of *kind* with *values*; the value is its primary key.

    An agenda item's zone follows its place (else the host's office, the night's hotel, the
    delegation's home); a place's zone follows its coordinates; a host's window's follows its
    office. Everything is checked before anything is written."""
    rec = record(kind)
    if kind == "tour":
        raise InputError("a tour is made with create_tour")
    parsed = parse_values(kind, values)
    missing = [name for name in rec.required if parsed.get(name) in (None, "")]
    if missing:
        raise FieldError(rec.label, missing[0], Reason(N_("may not be empty")))
    obj: Any = rec.entity()
    for name, value in parsed.items():
        _assign(session, obj, kind, name, value)
    if kind == "place" and "zone" not in parsed:
        obj.zone = zone_at(obj.latitude, obj.longitude)
    if kind == "availability" and "zone" not in parsed:
        office = session.get(Organisation, obj.organisation_id)
        obj.zone = office.place.zone if office is not None and office.place is not None \
            else "UTC"
    if kind == "item":
        obj.kind = parsed.get("kind", ItemKind.MEETING)
        if "zone" not in parsed:
            obj.zone = _default_zone(session, obj)
        if "end_zone" not in parsed and obj.destination is not None \
                and obj.destination.zone != obj.zone:
            obj.end_zone = obj.destination.zone
        if "organisation_id" in parsed and "place_id" not in parsed \
                and obj.organisation is not None and obj.organisation.place is not None \
                and obj.kind is ItemKind.MEETING:
            obj.place = obj.organisation.place
    _follow_status(session, obj, kind, parsed)
    _check_record(obj, kind)
    _check_links(session, obj, kind)
    if kind == "traveller":
        obj.position = (session.scalar(select(Traveller.position).order_by(
            Traveller.position.desc()).limit(1)) or 0) + 1
    session.add(obj)
    session.flush()
    return _done(int(obj.id), Changes().note(kind, [obj.id]), session)


#: What a duplicate keeps of an agenda item (everything but its identity and history).
_DUPLICATED = ("kind", "title", "title_ja", "start", "end", "zone", "end_zone", "place_id",
               "destination_id", "organisation_id", "status", "locked", "notes", "questions",
               "language", "interpreter_booked", "protocol_notes", "booking_reference")


def duplicate_item(session: Session, key: int, start: datetime | None = None) -> Done[int]:
    """A copy of the agenda item *key* (a new calendar event), at *start* if given (same
    length), else right after the original; never locked, whatever the original was."""
    item = _load(session, "item", key)
    values: dict[str, Any] = {name: _stored(item, name) for name in _DUPLICATED}
    length = item.end - item.start
    values["start"] = start if start is not None else item.end
    values["end"] = values["start"] + length
    values["locked"] = False
    values.update({name: _stored(item, name) for name in COLLECTIONS})
    return add_record(session, "item", values)


def add_weekly_availability(session: Session, organisation_id: int, weekdays: Iterable[int],
                            start: time, end: time, *, first: date | None = None,
                            last: date | None = None, note: str = "") -> Done[list[int]]:
    """A host's regular slots ("Tue–Thu 10:00–16:00") as one window per matching day of the
    tour (or of *first* to *last*), in the office's time zone. Weekdays are 0 = Monday."""
    label = record("availability").label
    days = sorted(set(weekdays))
    if not days or any(not 0 <= d <= 6 for d in days):
        raise FieldError(label, "start", Reason(N_("choose at least one weekday")))
    if end <= start:
        raise FieldError(label, "end", Reason(N_("must come after the start")))
    host = _load(session, "organisation", organisation_id)
    if host.place is None:
        raise FieldError(label, "organisation_id", Reason(
            N_("{name} has no address yet: give its place first"), name=host.name))
    tour = session.get(Tour, 1)
    first = first or (tour.start_date if tour is not None else None)
    last = last or (tour.end_date if tour is not None else None)
    if first is None or last is None or last < first:
        raise FieldError(label, "start", Reason(N_("the days are not in order")))
    zone_name = host.place.zone
    tz = ZoneInfo(zone_name)
    keys: list[int] = []
    changes = Changes()
    day = first
    while day <= last:
        if day.weekday() in days:
            done = add_record(session, "availability", {
                "organisation_id": organisation_id, "zone": zone_name, "note": note,
                "start": datetime.combine(day, start, tz), "end": datetime.combine(day, end, tz)})
            keys.append(done.value)
            changes.merge(done.changes)
        day += timedelta(days=1)
    if not keys:
        raise FieldError(label, "start", Reason(N_("none of these weekdays falls in the tour")))
    return Done(keys, changes)


# --- deleting records ------------------------------------------------------------------------
@dataclass(frozen=True)
class Removed:
    """What deleting a record took away: its row, the rows that went with it, the references
    to it that were cleared; :func:`restore_record` puts all of it back."""

    kind: str
    key: int
    rows: tuple[tuple[str, dict[str, Any]], ...]  # (table, row), parents before children
    cleared: tuple[tuple[str, str, dict[str, Any], Any], ...]  # (table, column, key, old value)
    tombstone: str | None = None  # an agenda item's UID
    #: An agenda item's departures as they were before the delete (the delete writes one for
    #: each of its attendees; the restore puts these back instead).
    departures: tuple[dict[str, Any], ...] = ()

    def changes(self) -> Changes:
        """The records the delete took away or changed."""
        changes = Changes.of_rows(self.rows)
        for table, _column, key, _old in self.cleared:
            kind = TABLE_KINDS.get(table)
            if kind is not None and "id" in key:
                changes.note(kind, [key["id"]])
        return changes


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


#: Why a record cannot go while others need it (ON DELETE RESTRICT), by referring table.
_RESTRICTED = {"stays": N_("{name} is the hotel of {count} stay(s): delete those nights first")}


def _collect(session: Session, table: Table, where: Any, rows: list[tuple[str, dict[str, Any]]],
             cleared: list[tuple[str, str, dict[str, Any], Any]]) -> None:
    """The rows of *table* matching *where*, then whatever the database's foreign keys would
    delete (ON DELETE CASCADE) or clear (ON DELETE SET NULL) with them; a row that another
    still needs (ON DELETE RESTRICT) refuses the delete."""
    found = [dict(r._mapping) for r in session.execute(select(table).where(where))]
    if not found:
        return
    rows.extend((table.name, row) for row in found)
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is not table:
                continue
            keys = [row[fk.column.name] for row in found]
            condition = fk.parent.in_(keys)
            if fk.ondelete == "CASCADE":
                _collect(session, other, condition, rows, cleared)
            elif fk.ondelete == "SET NULL":
                primary = list(other.primary_key.columns)
                for hit in session.execute(select(fk.parent, *primary).where(condition)):
                    values = dict(hit._mapping)
                    old = values.pop(fk.parent.name)
                    cleared.append((other.name, fk.parent.name, values, old))
            elif fk.ondelete == "RESTRICT":
                count = len(session.execute(select(fk.parent).where(condition)).all())
                if count:
                    name = str(found[0].get("name", found[0].get("id")))
                    kind = TABLE_KINDS.get(table.name)
                    label = record(kind.value).label if kind is not None else table.name
                    raise FieldError(label, "name", Reason(
                        _RESTRICTED.get(other.name, N_("{name} is still used ({count})")),
                        name=name, count=count))


def delete_record(session: Session, kind: str, key: int) -> Done[Removed]:
    """Delete a record with everything that belongs to it (an organisation's contacts and
    availability, a traveller's goals); the value is what :func:`restore_record` needs to undo
    it."""
    rec = record(kind)
    if kind == "tour":
        raise InputError("the tour itself cannot be deleted")
    obj = _load(session, kind, key)
    table = _table(rec.entity.__tablename__)
    rows: list[tuple[str, dict[str, Any]]] = []
    cleared: list[tuple[str, str, dict[str, Any], Any]] = []
    session.flush()
    changes = widen(session, Changes().note(kind, [key]))  # before the rows are gone
    departures = _departures(session, obj.uid) if kind == "item" else ()
    _collect(session, table, table.c.id == key, rows, cleared)
    _touch_items(session, rows, cleared)
    session.delete(obj)
    session.flush()
    _expire_cleared(session, cleared)
    removed = Removed(kind, key, tuple(rows), tuple(cleared),
                      tombstone=obj.uid if kind == "item" else None, departures=departures)
    return Done(removed, changes.merge(removed.changes()))


def delete_records(session: Session, kind: str, keys: Iterable[int]) -> Done[list[Removed]]:
    """Delete several records of one kind (each as :func:`delete_record`)."""
    removed: list[Removed] = []
    changes = Changes()
    for key in keys:
        done = delete_record(session, kind, key)
        removed.append(done.value)
        changes.merge(done.changes)
    return Done(removed, changes)


def restore_record(session: Session, removed: Removed) -> Done[None]:
    """Undo :func:`delete_record`: the same rows with the same keys, references set again."""
    session.flush()
    order = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}
    for name, row in sorted(removed.rows, key=lambda r: order[r[0]]):
        session.execute(insert(_table(name)).values(**row))
    for name, column, key, old in removed.cleared:
        table = _table(name)
        condition = [table.c[k] == v for k, v in key.items()]
        session.execute(update(table).where(*condition).values({column: old}))
    if removed.tombstone is not None:
        gone = session.get(ItemTombstone, removed.tombstone)
        revision = gone.revision if gone is not None else 0
        session.execute(delete(ItemTombstone).where(ItemTombstone.uid == removed.tombstone))
        session.execute(update(AgendaItem).where(AgendaItem.uid == removed.tombstone)
                        .values(revision=revision))
        session.execute(delete(ItemDeparture).where(ItemDeparture.uid == removed.tombstone))
        for row in removed.departures:
            session.execute(insert(ItemDeparture).values(**row))
    _follow_ups_back(session, removed)
    session.expire_all()
    _touch_items(session, removed.rows, removed.cleared)
    _touch_follow_ups(session, removed)
    tour = session.get(Tour, 1)
    if tour is not None:
        tour.revision += 1  # a change, not a new title
    return _done(None, removed.changes(), session)


def _expire_cleared(session: Session, cleared: Sequence[tuple[str, str, dict[str, Any], Any]]
                    ) -> None:
    """Forget the loaded values of the records whose references the database just cleared
    (a deleted meeting's follow-ups), so that they are read again."""
    tables = {name for name, _column, _key, _old in cleared}
    for obj in list(session.identity_map.values()):
        if getattr(obj, "__tablename__", None) in tables:
            session.expire(obj)


def _follow_ups_back(session: Session, removed: Removed) -> None:
    """Deleted follow-ups put back (their rows just inserted) are on their owners' lists
    again: the tombstone each delete left there goes, and the revision starts from it
    (:func:`_touch_follow_ups` raises it above). Follow-ups given back to a restored owner
    (the coordinator had them meanwhile) leave no tombstone in the coordinator's list: the
    restore gives back the tour as it was, and their revision rises above what it had."""
    follow_ups, stones = _table(FollowUp.__tablename__), _table(FollowUpTombstone.__tablename__)

    def owned(uid: str, owner_id: int | None) -> Any:
        owner = stones.c.owner_id
        return (stones.c.uid == uid) & (owner.is_(None) if owner_id is None
                                        else owner == owner_id)

    for name, row in removed.rows:
        if name != follow_ups.name:
            continue
        mine = owned(row["uid"], row["owner_id"])
        gone = session.scalar(select(func.max(stones.c.revision)).where(mine))
        if gone is not None and gone > row["revision"]:
            session.execute(update(follow_ups).where(follow_ups.c.id == row["id"])
                            .values(revision=gone))
        session.execute(delete(stones).where(mine))


def _touch_follow_ups(session: Session, removed: Removed) -> None:
    """Mark the follow-ups a restore brought back or whose references it set again, so their
    revision (the VTODO's SEQUENCE) goes up and a deleted one's tombstone goes."""
    ids = {row["id"] for name, row in removed.rows if name == FollowUp.__tablename__}
    ids |= {key["id"] for name, _column, key, _old in removed.cleared
            if name == FollowUp.__tablename__}
    for follow_up in session.scalars(select(FollowUp).where(FollowUp.id.in_(ids))):
        flag_modified(follow_up, "description")


def _departures(session: Session, uid: str) -> tuple[dict[str, Any], ...]:
    """The departures of the item *uid* (travellers taken off it before), as rows."""
    table = _table(ItemDeparture.__tablename__)
    return tuple(dict(r._mapping) for r in session.execute(
        select(table).where(table.c.uid == uid)))


def restore_records(session: Session, removed: Sequence[Removed]) -> Done[None]:
    """Undo :func:`delete_records` (last deleted first)."""
    changes = Changes()
    for one in reversed(removed):
        changes.merge(restore_record(session, one).changes)
    return Done(None, changes)


def _touch_items(session: Session, rows: Sequence[tuple[str, dict[str, Any]]],
                 cleared: Sequence[tuple[str, str, dict[str, Any], Any]]) -> None:
    """Mark the agenda items whose hosts, attendees, goals or host organisation a delete or
    restore changes, so their revision (the calendar SEQUENCE) goes up."""
    ids = {row["item_id"] for name, row in rows if name in _ITEM_LINKS}
    ids |= {key["id"] for name, _column, key, _old in cleared if name == "agenda_items"}
    ids |= {row["id"] for name, row in rows if name == "agenda_items"}
    for item in session.scalars(select(AgendaItem).where(AgendaItem.id.in_(ids))):
        flag_modified(item, "title")


# --- an organisation's office ----------------------------------------------------------------
#: What a new office copies of the place an organisation had (a shared one, or a hotel).
_OFFICE_COPIED = ("address", "city", "country", "latitude", "longitude", "exact", "zone")


@dataclass(frozen=True)
class OfficeSet:
    """What :func:`set_office` did: the organisation's own office moved (``moved``: its fields
    as they were), or a new office made (``old_place_id``: the place it had before);
    :func:`restore_office` undoes it, :func:`redo_office` does it again with the same key."""

    organisation_id: int
    office_id: int
    values: dict[str, Any]
    moved: dict[str, Any] | None
    old_place_id: int | None = None
    removed: Removed | None = None  # the new office, once undone


def set_office(session: Session, organisation_id: int, values: Mapping[str, Any]
               ) -> Done[OfficeSet]:
    """Change an organisation's office (its address, city, where it is...). Only an office of
    this organisation alone is changed: an organisation without a place, or at one it shares
    (a hotel, a venue, another organisation's office), gets a new office named after it, with
    what the old place had and *values*, so the shared place stays where it is."""
    parse_values("place", values)  # refused before anything is looked at
    org = _load(session, "organisation", organisation_id)
    place = org.place
    users = [] if place is None else session.scalars(select(Organisation.id).where(
        Organisation.place_id == place.id).limit(2)).all()
    if place is not None and place.kind is PlaceKind.OFFICE and len(users) == 1:
        done = set_fields(session, "place", place.id, values)
        return Done(OfficeSet(organisation_id, place.id, dict(values), done.value),
                    done.changes)
    copied = {} if place is None else {name: getattr(place, name) for name in _OFFICE_COPIED}
    if place is not None and {"latitude", "longitude"} & values.keys() and "zone" not in values:
        del copied["zone"]  # follows the new point
    new = {"name": org.name, "kind": PlaceKind.OFFICE, **copied, **values}
    added = add_record(session, "place", new)
    linked = set_fields(session, "organisation", organisation_id, {"place_id": added.value})
    change = OfficeSet(organisation_id, added.value, dict(values), None,
                       old_place_id=None if place is None else place.id)
    return Done(change, added.changes.merge(linked.changes))


def restore_office(session: Session, change: OfficeSet) -> Done[OfficeSet]:
    """Undo :func:`set_office`: the office's fields as they were, or the organisation back at
    its old place and the new office gone; the value is what :func:`redo_office` needs."""
    if change.moved is not None:
        done = restore_fields(session, "place", change.office_id, change.moved)
        return Done(change, done.changes)
    back = restore_fields(session, "organisation", change.organisation_id,
                          {"place_id": change.old_place_id})
    removed = delete_record(session, "place", change.office_id)
    return Done(OfficeSet(change.organisation_id, change.office_id, change.values, None,
                          change.old_place_id, removed.value),
                back.changes.merge(removed.changes))


def redo_office(session: Session, change: OfficeSet) -> Done[OfficeSet]:
    """Do :func:`set_office` again after :func:`restore_office` (a new office under the same
    key as before)."""
    if change.moved is not None or change.removed is None:
        done = set_fields(session, "place", change.office_id, change.values)
        return Done(change, done.changes)
    restored = restore_record(session, change.removed)
    linked = set_fields(session, "organisation", change.organisation_id,
                        {"place_id": change.office_id})
    return Done(OfficeSet(change.organisation_id, change.office_id, change.values, None,
                          change.old_place_id), restored.changes.merge(linked.changes))
