"""The edits a person makes to a tour, one function per kind of change, each returning its undo.

The desktop program's undo commands call these (one call per command, inside one transaction of
:meth:`planner.store.TourStore.transaction`), so every rule about what a value may be lives here,
not in the widgets. Each function validates first and raises :class:`InputError` naming the record
and the field before it changes anything.

Records are addressed by a *kind* (``"organisation"``, ``"contact"``, ``"traveller"``, ``"goal"``,
``"item"``, ``"tour"``) and their primary key; agenda items are moved by UID.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from planner.directory.normalise import is_email, parse_language, parse_topics, split_list
from planner.errors import InputError
from planner.messages import N_, render, translate
from planner.model import (
    AgendaItem,
    Base,
    Contact,
    ItemKind,
    ItemStatus,
    ItemTombstone,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Tour,
    Traveller,
)
from planner.store import create_tour_file
from planner.timezones import require_aware


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
    """A value refused for one field of one kind of record: ``organisation email: 'x' is not
    an e-mail address``, or in Japanese ``組織のメール: 'x' はメールアドレスではありません``."""

    def __init__(self, label: str, field: str, reason: ValueError) -> None:
        self.label, self.field, self.reason = label, field, reason
        super().__init__(f"{label} {FIELD_LABELS.get(field, field.replace('_', ' '))}: "
                         f"{reason}")

    def message(self, language: str = "en") -> str:
        reason = self.reason.message(language) if isinstance(self.reason, Reason) \
            else str(self.reason)
        field = FIELD_LABELS.get(self.field, self.field.replace("_", " "))
        return render(N_("{record} {field}: {reason}"),
                      {"record": translate(self.label, language),
                       "field": translate(field, language), "reason": reason}, language)


#: How fields are called in messages (the catalogue translates them).
FIELD_LABELS = {
    "name": N_("name"), "name_ja": N_("Japanese name"), "kind": N_("kind"),
    "topics": N_("topics"), "description": N_("description"), "phone": N_("phone"),
    "website": N_("website"), "email": N_("email"), "notes": N_("notes"), "role": N_("role"),
    "languages": N_("languages"), "company": N_("company"), "dietary": N_("dietary needs"),
    "staff": N_("staff"), "title": N_("title"), "title_ja": N_("Japanese title"),
    "priority": N_("priority"), "status": N_("status"), "locked": N_("locked"),
    "questions": N_("questions"), "language": N_("language"),
    "interpreter_booked": N_("interpreter booked"), "protocol_notes": N_("protocol notes"),
    "booking_reference": N_("booking reference"), "learnings": N_("learnings"),
    "vision": N_("vision"), "vision_ja": N_("Japanese vision"),
    "coordinator": N_("coordinator"), "travel_settings": N_("travel settings"),
}

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


def _priority(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if not 1 <= number <= 5:
        raise Reason(N_("is a priority from 1 (most important) to 5"))
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


@dataclass(frozen=True)
class Record:
    """A kind of record people edit: its class, its name for messages, its editable fields."""

    kind: str
    entity: type[Base]
    label: str
    fields: Mapping[str, Callable[[Any], Any]]
    #: The field that names a record in messages.
    name_field: str = "name"


RECORDS: dict[str, Record] = {r.kind: r for r in (
    Record("organisation", Organisation, N_("organisation"), {
        "name": _required(200), "name_ja": _text(200), "kind": _choice(OrganisationKind),
        "topics": _topics, "description": _text(20_000), "phone": _text(50),
        "website": _text(300), "email": _email, "notes": _text(20_000)}),
    Record("contact", Contact, N_("contact"), {
        "name": _required(200), "name_ja": _text(200), "role": _text(200), "email": _email,
        "phone": _text(50), "languages": _languages, "notes": _text(20_000)}),
    Record("traveller", Traveller, N_("traveller"), {
        "name": _required(200), "name_ja": _text(200), "company": _text(200),
        "role": _text(200), "email": _email, "languages": _languages,
        "dietary": _text(2_000), "notes": _text(20_000), "staff": _flag}),
    Record("goal", LearningGoal, N_("learning goal"), {
        "title": _required(300), "title_ja": _text(300), "description": _text(20_000),
        "topics": _topics, "priority": _priority}, name_field="title"),
    Record("item", AgendaItem, N_("agenda item"), {
        "title": _required(300), "title_ja": _text(300), "kind": _choice(ItemKind),
        "status": _choice(ItemStatus), "locked": _flag, "notes": _text(20_000),
        "questions": _items, "language": _language, "interpreter_booked": _flag,
        "protocol_notes": _text(20_000), "booking_reference": _text(100),
        "learnings": _text(20_000)}, name_field="title"),
    Record("tour", Tour, N_("tour"), {
        "title": _required(200), "title_ja": _text(200), "vision": _text(20_000),
        "vision_ja": _text(20_000), "coordinator": _text(200),
        "travel_settings": _travel_settings}, name_field="title"),
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


def _load(session: Session, kind: str, key: int) -> Any:
    rec = record(kind)
    obj = session.get(rec.entity, key)
    if obj is None:
        raise InputError(f"{rec.label} #{key} no longer exists")
    return obj


# --- a new tour -------------------------------------------------------------------------------
def create_tour(location: str | Path, title: str, start: date, end: date, *, title_ja: str = "",
                home_zone: str = "Asia/Tokyo", force: bool = False) -> None:
    """A new, empty tour file (or database) with its title and dates; nothing is left behind
    if it cannot be made."""
    title = parse_value("tour", "title", title)
    title_ja = parse_value("tour", "title_ja", title_ja)
    if end < start:
        raise InputError(f"the last day {end} is before the first day {start}")
    try:
        ZoneInfo(home_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{home_zone!r} is not an IANA time zone") from None

    def fill(session: Session) -> None:
        session.add(Tour(title=title, title_ja=title_ja, start_date=start, end_date=end,
                         home_zone=home_zone))

    create_tour_file(location, fill, force=force)


# --- changing a field ------------------------------------------------------------------------
def set_field(session: Session, kind: str, key: int, field: str, value: Any) -> Any:
    """Set one field of one record; returns the value it had (set it back to undo)."""
    parsed = parse_value(kind, field, value)
    obj = _load(session, kind, key)
    old = getattr(obj, field)
    if isinstance(old, list):
        old = list(old)
    setattr(obj, field, parsed)
    return old


def restore_field(session: Session, kind: str, key: int, field: str, old: Any) -> None:
    """Undo :func:`set_field`: put back the value it returned exactly as it was stored (it
    is not read again as typed input, which could change or refuse it)."""
    rec = record(kind)
    if field not in rec.fields:
        raise InputError(f"{rec.label} field {field!r} cannot be edited")
    setattr(_load(session, kind, key), field, list(old) if isinstance(old, list) else old)


def move_item(session: Session, uid: str, start: datetime, end: datetime) -> tuple[datetime,
                                                                                  datetime]:
    """Give the agenda item *uid* a new start and end; returns the old ones (to undo)."""
    require_aware(start, "start")
    require_aware(end, "end")
    item = session.scalars(select(AgendaItem).where(AgendaItem.uid == uid)).one_or_none()
    if item is None:
        raise InputError(f"agenda item {uid} no longer exists")
    if end <= start:
        raise InputError(f"{item.title}: the end must come after the start")
    old = (item.start, item.end)
    item.start, item.end = start, end
    return old


# --- adding and deleting records -------------------------------------------------------------
def add_record(session: Session, kind: str, values: Mapping[str, Any]) -> int:
    """A new record of *kind* with *values* (and ``organisation_id`` for a contact,
    ``traveller_id`` for a goal); returns its primary key."""
    rec = record(kind)
    if kind in ("item", "tour"):
        raise InputError(f"a new {rec.label} is not made this way")
    parsed = {name: parse_value(kind, name, value) for name, value in values.items()
              if name not in ("organisation_id", "traveller_id")}
    obj: Any = rec.entity(**parsed)
    if kind == "contact":
        obj.organisation = _load(session, "organisation", int(values["organisation_id"]))
    if kind == "goal" and values.get("traveller_id") is not None:
        obj.traveller = _load(session, "traveller", int(values["traveller_id"]))
    if kind == "traveller":
        obj.position = (session.scalar(select(Traveller.position).order_by(
            Traveller.position.desc()).limit(1)) or 0) + 1
    session.add(obj)
    session.flush()
    return int(obj.id)


@dataclass(frozen=True)
class Removed:
    """What deleting a record took away: its row, the rows that went with it, the references
    to it that were cleared; :func:`restore_record` puts all of it back."""

    kind: str
    key: int
    rows: tuple[tuple[str, dict[str, Any]], ...]  # (table, row), parents before children
    cleared: tuple[tuple[str, str, dict[str, Any], Any], ...]  # (table, column, key, old value)
    tombstone: str | None = None  # an agenda item's UID


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _collect(session: Session, table: Table, where: Any, rows: list[tuple[str, dict[str, Any]]],
             cleared: list[tuple[str, str, dict[str, Any], Any]]) -> None:
    """The rows of *table* matching *where*, then whatever the database's foreign keys would
    delete (ON DELETE CASCADE) or clear (ON DELETE SET NULL) with them."""
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


def delete_record(session: Session, kind: str, key: int) -> Removed:
    """Delete a record with everything that belongs to it (an organisation's contacts and
    availability, a traveller's goals); returns what :func:`restore_record` needs to undo it."""
    rec = record(kind)
    if kind == "tour":
        raise InputError("the tour itself cannot be deleted")
    obj = _load(session, kind, key)
    table = _table(rec.entity.__tablename__)
    rows: list[tuple[str, dict[str, Any]]] = []
    cleared: list[tuple[str, str, dict[str, Any], Any]] = []
    session.flush()
    _collect(session, table, table.c.id == key, rows, cleared)
    _touch_items(session, rows, cleared)
    session.delete(obj)
    session.flush()
    return Removed(kind, key, tuple(rows), tuple(cleared),
                   tombstone=obj.uid if kind == "item" else None)


def restore_record(session: Session, removed: Removed) -> None:
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
    session.expire_all()
    _touch_items(session, removed.rows, removed.cleared)
    tour = session.get(Tour, 1)
    if tour is not None:
        tour.revision += 1  # a change, not a new title


def _touch_items(session: Session, rows: Sequence[tuple[str, dict[str, Any]]],
                 cleared: Sequence[tuple[str, str, dict[str, Any], Any]]) -> None:
    """Mark the agenda items whose hosts, attendees, goals or host organisation a delete or
    restore changes, so their revision (the calendar SEQUENCE) goes up."""
    ids = {row["item_id"] for name, row in rows
           if name in ("item_hosts", "item_attendees", "item_goals")}
    ids |= {key["id"] for name, _column, key, _old in cleared if name == "agenda_items"}
    ids |= {row["id"] for name, row in rows if name == "agenda_items"}
    for item in session.scalars(select(AgendaItem).where(AgendaItem.id.in_(ids))):
        flag_modified(item, "title")
