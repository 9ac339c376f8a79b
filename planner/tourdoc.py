"""The JSON tour document: a whole tour as one lossless, human-readable file.

Exporting, importing and exporting again gives identical JSON. Each entity is described once, as
a list of :class:`Field` objects (JSON key, model attribute, codec); the same description drives
both directions, so the two cannot drift apart. The format is documented in
``docs/tour-format.md``.

Instants are written as local wall-clock time with their UTC offset, in the zone of the record
(``"2027-01-19T09:30:00+02:00"`` beside ``"zone": "Europe/Helsinki"``): readable, and exact.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planner.errors import InputError
from planner.model import (
    PRESERVE_REVISIONS,
    AgendaItem,
    AvailabilityWindow,
    Base,
    Contact,
    FollowUp,
    FollowUpStatus,
    FollowUpTombstone,
    GoalMatch,
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
    new_uid,
)
from planner.timezones import to_local, zone
from planner.travel import TravelSettings

FORMAT_NAME = "ecovisit-tour"
FORMAT_VERSION = 3
#: The older versions this Ecovisit still reads, migrating them on reading (:func:`_migrate`).
OLDER_VERSIONS = (1, 2)

#: How deep arrays and objects may nest (the format needs 5 levels); checked before parsing.
MAX_DEPTH = 32
#: The years a date or instant of a tour may fall in.
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Whole numbers SQLite can store (64-bit signed).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


class TourDocumentError(InputError):
    """A tour document that cannot be imported: names the file, the JSON path and the reason."""

    def __init__(self, source: str, path: str, reason: str) -> None:
        super().__init__(f"{source}: {path}: {reason}")
        self.source = source
        self.path = path
        self.reason = reason


class _Invalid(Exception):
    """Raised inside the reader with a reason; the caller adds file and JSON path."""


# --- codecs: one per kind of value -----------------------------------------------------------

@dataclass
class _Context:
    """What the reader knows while loading: ids seen so far per entity, for references."""

    ids: dict[type[Base], dict[int, Base]] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)  # the values loaded so far for a record


class Codec:
    """Turns one model value into JSON and back."""

    def dump(self, value: Any, obj: Any) -> Any:
        return value

    def load(self, raw: Any, ctx: _Context) -> Any:
        raise NotImplementedError


def _text(raw: Any) -> str:
    """*raw* if it is text that can be stored (UTF-8: no unpaired surrogates)."""
    if not isinstance(raw, str):
        raise _Invalid(f"expected text, got {_json_type(raw)}")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Invalid(f"text with an unpaired surrogate ({raw[exc.start]!a}) at character "
                       f"{exc.start + 1}") from None
    return raw


class _Str(Codec):
    def load(self, raw: Any, ctx: _Context) -> Any:
        return _text(raw)


class _OptionalStr(_Str):
    def load(self, raw: Any, ctx: _Context) -> Any:
        return None if raw is None else super().load(raw, ctx)


class _Int(Codec):
    def __init__(self, low: int = INT_MIN, high: int = INT_MAX) -> None:
        self.low, self.high = low, high

    def load(self, raw: Any, ctx: _Context) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _Invalid(f"expected a whole number, got {_json_type(raw)}")
        if not self.low <= raw <= self.high:
            shown = str(raw) if len(str(raw)) <= 30 else f"a number of {len(str(abs(raw)))} digits"
            raise _Invalid(f"{shown} is outside {self.low}..{self.high}")
        return raw


class _Float(Codec):
    def __init__(self, low: float = -math.inf, high: float = math.inf) -> None:
        self.low, self.high = low, high

    def load(self, raw: Any, ctx: _Context) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise _Invalid(f"expected a number, got {_json_type(raw)}")
        try:
            value = float(raw)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value) or not self.low <= value <= self.high:
            shown = repr(value) if math.isfinite(value) or isinstance(raw, float) else \
                f"a number of {len(str(abs(raw)))} digits"
            raise _Invalid(f"{shown} is outside {self.low:g}..{self.high:g}")
        return value


class _Bool(Codec):
    def load(self, raw: Any, ctx: _Context) -> Any:
        if not isinstance(raw, bool):
            raise _Invalid(f"expected true or false, got {_json_type(raw)}")
        return raw


class _Optional(Codec):
    """*codec*'s value, or null."""

    def __init__(self, codec: Codec) -> None:
        self.codec = codec

    def dump(self, value: Any, obj: Any) -> Any:
        return None if value is None else self.codec.dump(value, obj)

    def load(self, raw: Any, ctx: _Context) -> Any:
        return None if raw is None else self.codec.load(raw, ctx)


class _StrList(Codec):
    def dump(self, value: Any, obj: Any) -> Any:
        return list(value)

    def load(self, raw: Any, ctx: _Context) -> Any:
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise _Invalid("expected a list of texts")
        for index, value in enumerate(raw):
            try:
                _text(value)
            except _Invalid as exc:
                raise _Invalid(f"[{index}]: {exc}") from None
        return list(raw)


class _TravelSettings(Codec):
    """The tour's travel settings: each one this Ecovisit knows within its range; names it does
    not know are kept as they are (``tests/planner/test_tourdoc.py`` round-trips any names)."""

    def dump(self, value: Any, obj: Any) -> Any:
        return dict(value)

    def load(self, raw: Any, ctx: _Context) -> Any:
        if not isinstance(raw, dict):
            raise _Invalid(f"expected an object, got {_json_type(raw)}")
        for key, value in raw.items():
            _text(key)
            if isinstance(value, str):
                _text(value)
        try:
            TravelSettings.from_json({k: v for k, v in raw.items() if k in TravelSettings.ranges
                                      or k in _TEXT_SETTINGS})
        except InputError as exc:
            raise _Invalid(str(exc).removeprefix("travel settings: ")) from None
        return dict(raw)


_TEXT_SETTINGS = ("city_mode", "earliest_departure", "latest_return", "lunch_window")


def _in_years(value: date, raw: Any) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise _Invalid(f"{raw!r} is outside the years {FIRST_YEAR}..{LAST_YEAR}")


class _Date(Codec):
    def __init__(self, optional: bool = False) -> None:
        self.optional = optional

    def dump(self, value: Any, obj: Any) -> Any:
        return None if value is None else value.isoformat()

    def load(self, raw: Any, ctx: _Context) -> Any:
        if raw is None and self.optional:
            return None
        try:
            value = date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise _Invalid(f"expected a date as YYYY-MM-DD, got {_shown(raw)}") from None
        _in_years(value, raw)
        return value


class _Time(Codec):
    def dump(self, value: Any, obj: Any) -> Any:
        return value.isoformat(timespec="minutes")

    def load(self, raw: Any, ctx: _Context) -> Any:
        try:
            value = time.fromisoformat(raw)
        except (TypeError, ValueError):
            raise _Invalid(f"expected a time as HH:MM, got {_shown(raw)}") from None
        if value.tzinfo is not None:
            raise _Invalid("a working-day time is local; give it without an offset")
        return value


class _Zone(Codec):
    def __init__(self, optional: bool = False) -> None:
        self.optional = optional

    def load(self, raw: Any, ctx: _Context) -> Any:
        if raw is None and self.optional:
            return None
        if not isinstance(raw, str):
            raise _Invalid(f"expected an IANA time-zone name, got {_json_type(raw)}")
        try:
            zone(raw)
        except ValueError as exc:
            raise _Invalid(str(exc)) from None
        return raw


class _Instant(Codec):
    """An aware datetime, written in the zone named by other fields of the same record."""

    def __init__(self, *zone_attrs: str) -> None:
        self.zone_attrs = zone_attrs  # the first one that is set wins

    def _zone_of(self, values: Callable[[str], Any]) -> str:
        for attr in self.zone_attrs:
            if values(attr):
                return str(values(attr))
        return "UTC"

    def dump(self, value: Any, obj: Any) -> Any:
        return to_local(value, self._zone_of(lambda a: getattr(obj, a))).isoformat()

    def load(self, raw: Any, ctx: _Context) -> Any:
        try:
            value = datetime.fromisoformat(raw)
        except (TypeError, ValueError):
            raise _Invalid("expected a date and time as ISO 8601 with offset, got "
                           f"{_shown(raw)}") from None
        if value.tzinfo is None or value.utcoffset() is None:
            raise _Invalid(f"{raw!r} has no UTC offset; write it like "
                           "2027-01-19T09:30:00+02:00")
        _in_years(value, raw)
        _in_years(value.astimezone(UTC), raw)
        return value


class _Enum(Codec):
    def __init__(self, cls: type[enum.StrEnum]) -> None:
        self.cls = cls

    def dump(self, value: Any, obj: Any) -> Any:
        return str(value.value)

    def load(self, raw: Any, ctx: _Context) -> Any:
        try:
            return self.cls(raw)
        except (ValueError, TypeError):
            choices = ", ".join(m.value for m in self.cls)
            raise _Invalid(f"{_shown(raw)} is not one of: {choices}") from None


class _Ref(Codec):
    """A reference to another record by its ``id``."""

    def __init__(self, target: type[Base], optional: bool = True) -> None:
        self.target = target
        self.optional = optional

    def dump(self, value: Any, obj: Any) -> Any:
        return value

    def load(self, raw: Any, ctx: _Context) -> Any:
        if raw is None and self.optional:
            return None
        known = ctx.ids.get(self.target, {})
        if isinstance(raw, bool) or not isinstance(raw, int) or raw not in known:
            raise _Invalid(f"refers to {self.target.__name__.lower()} {_shown(raw)}, "
                           "which is not in the document")
        return raw


class _RefList(Codec):
    """A many-to-many collection written as a list of ids."""

    def __init__(self, target: type[Base]) -> None:
        self.target = target

    def dump(self, value: Any, obj: Any) -> Any:
        return [member.id for member in value]

    def load(self, raw: Any, ctx: _Context) -> Any:
        if not isinstance(raw, list):
            raise _Invalid("expected a list of ids")
        known = ctx.ids.get(self.target, {})
        members = []
        for ref in raw:
            if isinstance(ref, bool) or not isinstance(ref, int) or ref not in known:
                raise _Invalid(f"refers to {self.target.__name__.lower()} {_shown(ref)}, "
                               "which is not in the document")
            members.append(known[ref])
        if len(set(raw)) != len(raw):
            raise _Invalid("lists the same id twice")
        return members


def _json_type(raw: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(raw), "a number")


def _shown(raw: Any) -> str:
    """*raw* as a message quotes it: a scalar in full (up to 60 characters), else its type."""
    if isinstance(raw, dict | list):
        return _json_type(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and len(str(raw)) > 30:
        return f"a number of {len(str(abs(raw)))} digits"
    text = ascii(raw) if isinstance(raw, str) else repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


# --- the description of the document ---------------------------------------------------------

_MISSING = object()


@dataclass(frozen=True)
class Field:
    """One JSON key of a record: the model attribute it maps to and how it is encoded."""

    key: str
    codec: Codec
    default: Any = _MISSING  # _MISSING: the key is required

    attribute: str = ""  # when the model attribute is not the usual one for the key

    @property
    def attr(self) -> str:
        return self.attribute or _ATTR_NAMES.get(self.key, self.key)


# JSON keys that differ from the model attribute (references are named after what they point to).
_ATTR_NAMES = {
    "traveller": "traveller_id", "place": "place_id", "destination": "destination_id",
    "organisation": "organisation_id", "item": "item_id", "owner": "owner_id",
    "contact": "contact_id", "goal": "goal_id",
}

_ID = Field("id", _Int(1))
TEXT, LIST, NO = _Str(), _StrList(), False

TOUR_FIELDS = [
    Field("title", TEXT), Field("title_ja", TEXT, ""), Field("vision", TEXT, ""),
    Field("vision_ja", TEXT, ""), Field("vision_after", TEXT, ""),
    Field("vision_after_ja", TEXT, ""), Field("coordinator", TEXT, ""),
    Field("coordinator_phone", TEXT, ""), Field("coordinator_email", TEXT, ""),
    Field("start_date", _Date()), Field("end_date", _Date()),
    Field("home_zone", _Zone(), "Asia/Tokyo"),
    Field("day_start", _Time(), time(8, 30)), Field("day_end", _Time(), time(19, 0)),
    Field("travel_settings", _TravelSettings(), {}), Field("revision", _Int(0), 1),
    Field("reminder_days", _Int(1, 60), 5),
]
PLACE_FIELDS = [
    _ID, Field("name", TEXT), Field("kind", _Enum(PlaceKind), PlaceKind.OFFICE),
    Field("address", TEXT, ""), Field("city", TEXT, ""), Field("country", TEXT, ""),
    Field("latitude", _Float(-90, 90)), Field("longitude", _Float(-180, 180)),
    Field("exact", _Bool(), NO),
    Field("zone", _Zone()), Field("phone", TEXT, ""), Field("notes", TEXT, ""),
]
TRAVELLER_FIELDS = [
    _ID, Field("name", TEXT), Field("name_ja", TEXT, ""), Field("company", TEXT, ""),
    Field("role", TEXT, ""), Field("email", TEXT, ""), Field("languages", LIST, []),
    Field("dietary", TEXT, ""), Field("notes", TEXT, ""), Field("staff", _Bool(), NO),
    Field("position", _Int(), 0),
]
GOAL_FIELDS = [
    _ID, Field("traveller", _Ref(Traveller), None), Field("title", TEXT),
    Field("title_ja", TEXT, ""), Field("description", TEXT, ""), Field("topics", LIST, []),
    Field("priority", _Int(), 3),
    Field("outcome", _Enum(GoalOutcome), GoalOutcome.OPEN), Field("outcome_summary", TEXT, ""),
]
CONTACT_FIELDS = [
    _ID, Field("name", TEXT), Field("name_ja", TEXT, ""), Field("role", TEXT, ""),
    Field("email", TEXT, ""), Field("phone", TEXT, ""), Field("languages", LIST, []),
    Field("notes", TEXT, ""),
]
WINDOW_FIELDS = [
    _ID, Field("zone", _Zone()), Field("start", _Instant("zone")),
    Field("end", _Instant("zone")), Field("note", TEXT, ""),
]
ORGANISATION_FIELDS = [
    _ID, Field("name", TEXT), Field("name_ja", TEXT, ""),
    Field("kind", _Enum(OrganisationKind), OrganisationKind.OTHER), Field("topics", LIST, []),
    Field("description", TEXT, ""), Field("phone", TEXT, ""), Field("website", TEXT, ""),
    Field("email", TEXT, ""), Field("notes", TEXT, ""), Field("place", _Ref(Place), None),
]
STAY_FIELDS = [
    _ID, Field("place", _Ref(Place, optional=False)), Field("check_in", _Date()),
    Field("check_out", _Date()), Field("booking_reference", TEXT, ""), Field("notes", TEXT, ""),
]
ITEM_FIELDS = [
    _ID, Field("uid", TEXT), Field("revision", _Int(0), 0),
    Field("kind", _Enum(ItemKind), ItemKind.MEETING), Field("title", TEXT),
    Field("title_ja", TEXT, ""), Field("zone", _Zone()), Field("end_zone", _Zone(True), None),
    Field("start", _Instant("zone")), Field("end", _Instant("end_zone", "zone")),
    Field("place", _Ref(Place), None), Field("destination", _Ref(Place), None),
    Field("organisation", _Ref(Organisation), None),
    Field("status", _Enum(ItemStatus), ItemStatus.IDEA), Field("locked", _Bool(), NO),
    Field("attendees", _RefList(Traveller), []), Field("hosts", _RefList(Contact), []),
    Field("goals", _RefList(LearningGoal), []),
    Field("notes", TEXT, ""), Field("questions", LIST, []), Field("language", TEXT, ""),
    Field("interpreter_booked", _Bool(), NO), Field("protocol_notes", TEXT, ""),
    Field("booking_reference", TEXT, ""), Field("learnings", TEXT, ""),
]
FOLLOW_UP_FIELDS = [
    _ID, Field("uid", TEXT, new_uid), Field("revision", _Int(0), 0),
    Field("item", _Ref(AgendaItem), None), Field("goal", _Ref(LearningGoal), None),
    Field("description", TEXT), Field("owner", _Ref(Traveller), None),
    Field("contact", _Ref(Contact), None), Field("due", _Date(optional=True), None),
    Field("status", _Enum(FollowUpStatus), FollowUpStatus.OPEN),
    Field("completed", _Date(optional=True), None), Field("notes", TEXT, ""),
]
FOLLOW_UP_TOMBSTONE_FIELDS = [
    _ID, Field("uid", TEXT), Field("owner", _Ref(Traveller), None), Field("revision", _Int(0)),
    Field("description", TEXT, ""), Field("due", _Date(optional=True), None),
    Field("gone_at", _Instant()),
]
LEARNING_FIELDS = [
    _ID, Field("item", _Ref(AgendaItem, optional=False)), Field("goal", _Ref(LearningGoal), None),
    Field("traveller", _Ref(Traveller), None), Field("text", TEXT),
    Field("tag", _Optional(_Enum(TakeawayTag)), None), Field("next_step", TEXT, ""),
    Field("position", _Int(), 0),
]
RATING_FIELDS = [
    _ID, Field("item", _Ref(AgendaItem, optional=False)),
    Field("traveller", _Ref(Traveller, optional=False)), Field("score", _Int(1, 5)),
    Field("recommend", _Optional(_Bool()), None), Field("comment", TEXT, ""),
]
REQUEST_FIELDS = [
    _ID, Field("organisation", _Ref(Organisation, optional=False)),
    Field("item", _Ref(AgendaItem), None), Field("contact", _Ref(Contact), None),
    Field("state", _Enum(RequestState), RequestState.TO_WRITE),
    Field("language", _Str(), ""), Field("sent_on", _Date(optional=True), None),
    Field("reminded_on", _Date(optional=True), None),
    Field("replied_on", _Date(optional=True), None),
    Field("confirmation_sent_on", _Date(optional=True), None), Field("reason", TEXT, ""),
    Field("notes", TEXT, ""),
]
LETTER_TEMPLATE_FIELDS = [
    _ID, Field("kind", _Enum(LetterKind)), Field("language", TEXT), Field("subject", TEXT, ""),
    Field("body", TEXT, ""),
]
GOAL_MATCH_FIELDS = [
    Field("goal", _Ref(LearningGoal, optional=False), attribute="goal_id"),
    Field("organisation", _Ref(Organisation, optional=False), attribute="organisation_id"),
    Field("score", _Float(0, 1)),
]
TOMBSTONE_FIELDS = [
    Field("uid", TEXT), Field("revision", _Int(0)), Field("title", TEXT), Field("zone", _Zone()),
    Field("start", _Instant("zone")), Field("end", _Instant("zone")),
    Field("deleted_at", _Instant()),
]

DEPARTURE_FIELDS = [
    Field("uid", TEXT), Field("traveller", _Ref(Traveller, optional=False)),
    Field("revision", _Int(0)), Field("title", TEXT), Field("zone", _Zone()),
    Field("start", _Instant("zone")), Field("end", _Instant("zone")),
    Field("left_at", _Instant()),
]
#: Records without an id of their own, and the keys that may not repeat among them.
_KEYS: dict[type[Base], tuple[str, ...]] = {
    ItemTombstone: ("uid",), ItemDeparture: ("uid", "traveller"),
    GoalMatch: ("goal", "organisation")}
#: Records with an id that other keys must also tell apart.
_UNIQUE: dict[type[Base], tuple[str, ...]] = {
    FollowUp: ("uid",), Rating: ("item", "traveller"), HostRequest: ("organisation",),
    LetterTemplate: ("kind", "language")}


@dataclass(frozen=True)
class _Section:
    """A top-level list of the document (or a list nested in each record of one)."""

    key: str
    model: type[Base]
    fields: Sequence[Field]
    order_by: Any
    parent_attr: str | None = None  # for nested sections: the FK attribute to the parent
    nested: Sequence[_Section] = ()


SECTIONS: list[_Section] = [
    _Section("places", Place, PLACE_FIELDS, Place.id),
    _Section("travellers", Traveller, TRAVELLER_FIELDS, Traveller.id),
    _Section("goals", LearningGoal, GOAL_FIELDS, LearningGoal.id),
    _Section("organisations", Organisation, ORGANISATION_FIELDS, Organisation.id, nested=[
        _Section("contacts", Contact, CONTACT_FIELDS, Contact.id, "organisation_id"),
        _Section("availability", AvailabilityWindow, WINDOW_FIELDS, AvailabilityWindow.id,
                 "organisation_id"),
    ]),
    _Section("stays", Stay, STAY_FIELDS, Stay.id),
    _Section("items", AgendaItem, ITEM_FIELDS, AgendaItem.id),
    _Section("learnings", Learning, LEARNING_FIELDS, Learning.id),
    _Section("ratings", Rating, RATING_FIELDS, Rating.id),
    _Section("follow_ups", FollowUp, FOLLOW_UP_FIELDS, FollowUp.id),
    _Section("follow_up_tombstones", FollowUpTombstone, FOLLOW_UP_TOMBSTONE_FIELDS,
             FollowUpTombstone.id),
    _Section("requests", HostRequest, REQUEST_FIELDS, HostRequest.id),
    _Section("letter_templates", LetterTemplate, LETTER_TEMPLATE_FIELDS, LetterTemplate.id),
    _Section("goal_matches", GoalMatch, GOAL_MATCH_FIELDS,
             (GoalMatch.goal_id, GoalMatch.organisation_id)),
    _Section("tombstones", ItemTombstone, TOMBSTONE_FIELDS, ItemTombstone.uid),
    _Section("departures", ItemDeparture, DEPARTURE_FIELDS,
             (ItemDeparture.uid, ItemDeparture.traveller_id)),
]


# --- export ----------------------------------------------------------------------------------

def _dump_record(obj: Any, fields: Sequence[Field]) -> dict[str, Any]:
    return {f.key: f.codec.dump(getattr(obj, f.attr), obj) for f in fields}


def _dump_section(session: Session, section: _Section, parent_id: int | None) -> list[Any]:
    order = section.order_by if isinstance(section.order_by, tuple) else (section.order_by,)
    query = select(section.model).order_by(*order)
    if section.parent_attr is not None:
        query = query.where(getattr(section.model, section.parent_attr) == parent_id)
    records = []
    for obj in session.scalars(query):
        record = _dump_record(obj, section.fields)
        for child in section.nested:
            record[child.key] = _dump_section(session, child, obj.id)  # type: ignore[attr-defined]
        records.append(record)
    return records


def export_document(session: Session) -> dict[str, Any]:
    """The whole tour in *session* as a JSON-ready dict."""
    tour = session.get(Tour, 1)
    if tour is None:
        raise InputError("the database holds no tour")
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "tour": _dump_record(tour, TOUR_FIELDS),
    }
    for section in SECTIONS:
        document[section.key] = _dump_section(session, section, None)
    return document


def dumps(document: dict[str, Any]) -> str:
    """Serialise a document the one canonical way: stable key order, UTF-8, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- import ----------------------------------------------------------------------------------

class _Reader:
    """Loads a document into a session, raising :class:`TourDocumentError` on the first problem."""

    def __init__(self, source: str, session: Session) -> None:
        self.source = source
        self.session = session
        self.ctx = _Context()

    def fail(self, path: str, reason: str) -> TourDocumentError:
        return TourDocumentError(self.source, path, reason)

    def record(self, raw: Any, path: str, fields: Sequence[Field], obj: Any,
               extra_keys: Sequence[str] = ()) -> Any:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected an object, got {_json_type(raw)}")
        known = {f.key for f in fields} | set(extra_keys)
        for key in raw:
            if key not in known:
                raise self.fail(f"{path}.{_key(key)}", "unknown field")
        self.ctx.record = {}
        for f in fields:
            if f.key in raw:
                try:
                    value = f.codec.load(raw[f.key], self.ctx)
                except _Invalid as exc:
                    raise self.fail(f"{path}.{f.key}", str(exc)) from None
            elif f.default is _MISSING:
                raise self.fail(path, f"required field {f.key!r} is missing")
            else:
                value = f.default() if callable(f.default) else _copy(f.default)
            self.ctx.record[f.attr] = value
            try:
                setattr(obj, f.attr, value)
            except (ValueError, TypeError) as exc:
                raise self.fail(f"{path}.{f.key}", str(exc)) from None
        self._check_order(obj, path)
        return obj

    def _check_order(self, obj: Any, path: str) -> None:
        pairs = {Tour: ("start_date", "end_date", False), Stay: ("check_in", "check_out", True),
                 AgendaItem: ("start", "end", True), AvailabilityWindow: ("start", "end", True),
                 ItemTombstone: ("start", "end", True), ItemDeparture: ("start", "end", True)}
        if type(obj) in pairs:
            first, last, strict = pairs[type(obj)]
            a, b = getattr(obj, first), getattr(obj, last)
            if b < a or (strict and b == a):
                raise self.fail(f"{path}.{last}", f"must be after {first} ({a.isoformat()})")
        if isinstance(obj, Tour) and obj.day_end <= obj.day_start:
            raise self.fail(f"{path}.day_end", "the working day must end after it starts")

    def section(self, raw_list: Any, path: str, section: _Section,
                parent_id: int | None = None) -> None:
        if not isinstance(raw_list, list):
            raise self.fail(path, f"expected a list, got {_json_type(raw_list)}")
        seen = self.ctx.ids.setdefault(section.model, {})
        for index, raw in enumerate(raw_list):
            at = f"{path}[{index}]"
            obj = section.model()
            if section.parent_attr is not None:
                setattr(obj, section.parent_attr, parent_id)
            self.record(raw, at, section.fields, obj, [child.key for child in section.nested])
            key = getattr(obj, "id", None) if section.model not in _KEYS else None
            if key is not None:
                if key in seen:
                    raise self.fail(f"{at}.id", f"id {key} is used twice")
                seen[key] = obj
            self.session.add(obj)
            for child in section.nested:
                self.section(raw.get(child.key, []), f"{at}.{child.key}", child, key)
        if section.model is AgendaItem:
            uids = [item.uid for item in seen.values()]  # type: ignore[attr-defined]
            if len(set(uids)) != len(uids):
                raise self.fail(path, "two items share the same uid")
        self._unique(raw_list, path, section)

    def _unique(self, raw_list: list[Any], path: str, section: _Section) -> None:
        """Records without an id of their own may not repeat their key (a tombstone's uid, a
        departure's uid and traveller, a goal match's pair)."""
        keys = _KEYS.get(section.model) or _UNIQUE.get(section.model)
        if keys is None:
            return
        seen: dict[tuple[Any, ...], int] = {}
        for index, raw in enumerate(raw_list):
            if any(k not in raw for k in keys):  # a default: unique by itself (a new uid)
                continue
            key = tuple(raw[k] for k in keys)
            if key in seen:
                raise self.fail(f"{path}[{index}]", f"repeats {path}[{seen[key]}] (the same "
                                                    f"{' and '.join(keys)})")
            seen[key] = index

    def load(self, document: Any) -> None:
        if not isinstance(document, dict):
            raise self.fail("$", "expected a JSON object")
        if document.get("format") != FORMAT_NAME:
            raise self.fail("$.format", f"expected {FORMAT_NAME!r}; is this an Ecovisit tour "
                                        "document?")
        version = document.get("version")
        if isinstance(version, bool) or version not in (FORMAT_VERSION, *OLDER_VERSIONS):
            versions = ", ".join(str(v) for v in (*OLDER_VERSIONS, FORMAT_VERSION))
            raise self.fail("$.version", f"format version {_shown(version)} is not supported "
                                         f"(this Ecovisit reads versions {versions})")
        document = self._migrate(document, version)
        allowed = {"format", "version", "tour", *(s.key for s in SECTIONS)}
        for key in document:
            if key not in allowed:
                raise self.fail(f"$.{_key(key)}", "unknown field")
        if "tour" not in document:
            raise self.fail("$", "required field 'tour' is missing")
        self.session.add(self.record(document["tour"], "$.tour", TOUR_FIELDS, Tour(id=1)))
        for section in SECTIONS:
            self.section(document.get(section.key, []), f"$.{section.key}", section)
        try:
            self.session.flush()
        except IntegrityError as exc:  # a rule of the database the checks above do not know
            raise self.fail("$", f"the tour cannot hold this document ({exc.orig})") from None


    def _migrate(self, document: dict[str, Any], version: int) -> dict[str, Any]:
        """A document of an older *version* as the current version writes it (a copy).

        Version 1 (schema 5) knew neither learnings, ratings, outcomes nor follow-ups' uids,
        revisions and statuses: a follow-up's ``done`` becomes its ``status`` (done or open) and
        it gets a new uid; the new sections and fields take their defaults. Version 2 (schema 6)
        knew no host requests, letter templates or reminder days: they take their defaults."""
        if version >= 3:
            return document
        document = dict(document)
        for key in ("requests", "letter_templates"):
            if key in document:
                raise self.fail(f"$.{key}", f"unknown field in a version-{version} document")
        tour = document.get("tour")
        if isinstance(tour, dict) and "reminder_days" in tour:
            raise self.fail("$.tour.reminder_days",
                            f"unknown field in a version-{version} document")
        if version >= 2:
            return document
        for key in ("learnings", "ratings", "follow_up_tombstones"):
            if key in document:
                raise self.fail(f"$.{key}", "unknown field in a version-1 document")
        follow_ups = document.get("follow_ups", [])
        if isinstance(follow_ups, list):
            migrated = []
            for index, raw in enumerate(follow_ups):
                if isinstance(raw, dict):
                    raw = dict(raw)
                    for key in ("uid", "revision", "goal", "status", "completed", "notes"):
                        if key in raw:
                            raise self.fail(f"$.follow_ups[{index}].{key}",
                                            "unknown field in a version-1 document")
                    if "done" in raw:
                        done = raw.pop("done")
                        if not isinstance(done, bool):
                            raise self.fail(f"$.follow_ups[{index}].done",
                                            f"expected true or false, got {_json_type(done)}")
                        raw["status"] = (FollowUpStatus.DONE if done else FollowUpStatus.OPEN
                                         ).value
                migrated.append(raw)
            document["follow_ups"] = migrated
        return document


def _key(key: str) -> str:
    """A JSON key as a path names it: plain names as they are, anything else quoted."""
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,40}", key) else f"[{_shown(key)}]"


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) \
        if isinstance(value, dict) else value


def import_document(document: Any, session: Session, source: str = "<document>") -> None:
    """Load *document* into an empty tour *session*, exactly as written (ids, UIDs, revisions)."""
    session.info[PRESERVE_REVISIONS] = True
    try:
        _Reader(source, session).load(document)
    finally:
        session.info.pop(PRESERVE_REVISIONS, None)


def read_document_file(path: Path) -> Any:
    """Parse a JSON file, with a clear error naming the file, line and column on bad JSON."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise TourDocumentError(str(path), "$", f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_document(text, str(path))


def parse_document(text: str, source: str = "<document>") -> Any:
    """Parse JSON text, refusing nesting deeper than :data:`MAX_DEPTH` before parsing (Python's
    parser recurses) and the non-standard NaN and Infinity; errors name line and column."""
    depth, at = nesting(text)
    if depth > MAX_DEPTH:
        line, column = _line_column(text, at)
        raise TourDocumentError(source, "$", f"nested {MAX_DEPTH + 1} levels deep at line "
                                             f"{line}, column {column}; a tour document needs "
                                             f"at most {MAX_DEPTH}")
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise TourDocumentError(source, "$", f"not valid JSON: {exc.msg} at line {exc.lineno}"
                                             f", column {exc.colno}") from None
    except _NotJSON as exc:
        raise TourDocumentError(source, "$", f"not valid JSON: {exc}") from None
    except ValueError:  # Python reads no whole number of more than 4,300 digits
        raise TourDocumentError(source, "$", "not valid JSON: a number of more than 4300 "
                                             "digits") from None


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def nesting(text: str) -> tuple[int, int]:
    """(the deepest nesting of arrays and objects in JSON *text*, where it is first exceeded
    :data:`MAX_DEPTH` or reached), found without parsing: brackets inside strings are skipped."""
    depth = deepest = where = 0
    for token in _TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, token.start()
                if deepest > MAX_DEPTH:
                    break
        elif bracket in "]}":
            depth -= 1
    return deepest, where


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _NotJSON(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NotJSON(f"{name} is not a number in JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJSON(f"{text[:30]} is too large a number")
    return value
