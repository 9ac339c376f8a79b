"""Rescue what can still be read of a damaged tour into a new tour file.

``ecovisit rescue TOUR OUT`` reads the damaged file without writing to it, table by table and
row by row, each row through the model's own checks (:mod:`planner.readback`), so a row that
cannot be read or validated is skipped and said, and every other row is kept. The rows read are
written as a JSON tour document and the new tour is built from it exactly as ``import-json``
builds one (:func:`planner.tourdoc.import_document`): whatever the rescued tour holds has
passed the same validation as an imported one. A reference to a row that was lost is cleared
where it may be empty (a meeting keeps its time when its place is lost) and costs the row where
it may not (a hotel night without its hotel). The report lists every loss: table, row, reason.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, literal_column, select
from sqlalchemy.orm import defer

from planner.atomicfile import check_destination
from planner.errors import DamagedRecord, EcovisitError, InputError, TourFileError
from planner.model import (
    AgendaItem,
    Base,
    Tour,
    TourSession,
    item_attendees,
    item_goals,
    item_hosts,
)
from planner.readback import reading_engine, shown, sqlite_message, watch
from planner.store import create_tour_file
from planner.timezones import local_today
from planner.tourdoc import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SECTIONS,
    TOUR_FIELDS,
    Field,
    TourDocumentError,
    import_document,
)

#: The many-to-many lists of an agenda item, read from their own tables.
_LISTS = {"attendees": (item_attendees, "traveller_id"), "hosts": (item_hosts, "contact_id"),
          "goals": (item_goals, "goal_id")}
_PATH_STEP = re.compile(r"\.(\w+)(?:\[(\d+)\])?")


@dataclass(frozen=True)
class Lost:
    """One thing the rescue could not keep."""

    table: str
    row: str
    reason: str


@dataclass
class RescueReport:
    """What a rescue kept (rows per table) and lost."""

    source: Path
    out: Path
    kept: dict[str, int] = field(default_factory=dict)
    lost: list[Lost] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"source": str(self.source), "out": str(self.out), "kept": self.kept,
                "lost": [{"table": x.table, "row": x.row, "reason": x.reason}
                         for x in self.lost]}

    def text(self) -> str:
        kept = ", ".join(f"{n} {table}" for table, n in self.kept.items() if n)
        lines = [f"Rescued {self.source} into {self.out}: {kept or 'nothing but the tour'}"]
        if not self.lost:
            lines.append("Nothing was lost.")
        else:
            lines.append(f"Lost ({len(self.lost)}):")
            lines += [f"  {x.table} row {x.row}: {x.reason}" for x in self.lost]
        return "\n".join(lines)


def _rowids(connection: sqlite3.Connection, table: str) -> list[int]:
    """The rowids of *table*, as many as can be found: from the front and from the back of
    the table up to a damaged page, and from each of its indexes (a row whose page is lost is
    still named there, so its loss is reported rather than unseen)."""
    queries = [f'SELECT rowid FROM "{table}" ORDER BY rowid', f'SELECT rowid FROM "{table}" '
               "ORDER BY rowid DESC"]
    try:
        indexes = [row[1] for row in connection.execute(f'PRAGMA index_list("{table}")')]
    except sqlite3.DatabaseError:
        indexes = []
    queries += [f'SELECT rowid FROM "{table}" INDEXED BY "{index}"' for index in indexes]
    seen: set[int] = set()
    for query in queries:
        try:
            for (rowid,) in connection.execute(query):
                if isinstance(rowid, int):
                    seen.add(rowid)
        except sqlite3.DatabaseError:
            continue
    return sorted(seen)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DamagedRecord):
        return f"{exc.column}: {exc.problem}"
    if isinstance(exc, TourFileError):
        return exc.reason
    if isinstance(exc, EcovisitError):
        return str(exc)
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).splitlines() or [type(orig).__name__])[0]


class _Rescuer:
    def __init__(self, source: Path) -> None:
        self.source = source
        self.engine = reading_engine(source)
        self.lost: list[Lost] = []

    def lose(self, table: str, row: Any, reason: str) -> None:
        self.lost.append(Lost(table, str(row), reason))

    def rows(self, model: type[Base], dump: _Dump) -> list[tuple[str, dict[str, Any]]]:
        """(rowid, record) of every row of *model* that reads and dumps."""
        table = str(model.__table__.name)  # type: ignore[attr-defined]
        raw = self.engine.raw_connection()
        try:
            rowids = _rowids(raw.driver_connection, table)  # type: ignore[arg-type]
        finally:
            raw.close()
        attrs = {prop.columns[0].name: prop.key for prop in inspect(model).column_attrs}
        keys = {column.name for column in inspect(model).primary_key}
        records = []
        for rowid in rowids:
            left_out: list[str] = []  # the damaged columns of this row, read without them
            while True:
                try:
                    with TourSession(self.engine) as session:
                        obj = session.scalars(select(model).where(
                            literal_column(f'"{table}".rowid') == rowid).options(
                            *(defer(getattr(model, a), raiseload=True) for a in left_out))).one()
                        records.append((str(rowid), dump(obj, left_out)))
                except DamagedRecord as exc:
                    attr = attrs.get(exc.column)
                    if attr is None or attr in left_out or exc.column in keys:
                        self.lose(table, _row_key(rowid, exc), _reason(exc))
                    else:
                        left_out.append(attr)
                        self.lose(table, _row_key(rowid, exc), f"{_reason(exc)}; left out")
                        continue
                except Exception as exc:  # any other failure of a row costs that row only
                    self.lose(table, _row_key(rowid, exc), _reason(exc))
                break
        return records

    def links(self, table: Any, column: str) -> dict[int, list[int]]:
        """item id -> ids in *column*, for an item's list table; unreadable pairs skipped."""
        found: dict[int, list[int]] = {}
        raw = self.engine.raw_connection()
        try:
            connection = raw.driver_connection
            for rowid in _rowids(connection, table.name):  # type: ignore[arg-type]
                try:
                    item, other = connection.execute(  # type: ignore[union-attr]
                        f'SELECT item_id, "{column}" FROM "{table.name}" WHERE rowid = ?',
                        (rowid,)).fetchone()
                except sqlite3.DatabaseError as exc:
                    self.lose(table.name, rowid, _reason(exc))
                    continue
                if all(isinstance(v, int) and not isinstance(v, bool) for v in (item, other)):
                    found.setdefault(item, []).append(other)
                else:
                    self.lose(table.name, rowid, f"{shown(item)}, {shown(other)} are not ids")
        finally:
            raw.close()
        return found


def _row_key(rowid: int, exc: BaseException) -> str:
    row = getattr(exc, "row", None)
    return str(row) if isinstance(row, str) and row else str(rowid)


_Dump = Callable[[Any, list[str]], dict[str, Any]]


def _dumper(fields: list[Field], lists: dict[str, dict[int, list[int]]]) -> _Dump:
    def dump(obj: Any, left_out: list[str]) -> dict[str, Any]:
        record = {}
        for f in fields:
            if f.attr in left_out:
                continue
            if f.key in lists:
                record[f.key] = sorted(set(lists[f.key].get(obj.id, [])))
            else:
                record[f.key] = f.codec.dump(getattr(obj, f.attr), obj)
        return record
    return dump


def _read(rescuer: _Rescuer) -> tuple[dict[str, Any] | None, dict[str, list[Any]]]:
    """The tour record (None if lost) and each section's records (nested ones flat, each with
    its parent's id under ``"@parent"``)."""
    lists = {key: rescuer.links(table, column) for key, (table, column) in _LISTS.items()}
    tours = rescuer.rows(Tour, _dumper(TOUR_FIELDS, {}))
    tour = tours[0][1] if tours else None
    sections: dict[str, list[Any]] = {}
    for section in SECTIONS:
        for part in (section, *section.nested):
            dump = _dumper(list(part.fields), lists if part.model is AgendaItem else {})
            if part.parent_attr is not None:
                attr = part.parent_attr
                inner = dump

                def dump(obj: Any, left_out: list[str], inner: _Dump = inner,
                         attr: str = attr) -> dict[str, Any]:
                    return {**inner(obj, left_out), "@parent": getattr(obj, attr)}

            sections[part.key] = [record for _rowid, record in rescuer.rows(part.model, dump)]
    return tour, sections


def _placeholder_tour(sections: dict[str, list[Any]]) -> dict[str, Any]:
    days = sorted(date.fromisoformat(item["start"][:10]) for item in sections.get("items", [])
                  if isinstance(item.get("start"), str))
    first = days[0] if days else local_today()
    last = days[-1] if days else first + timedelta(days=6)
    return {"title": "Rescued tour", "start_date": first.isoformat(),
            "end_date": last.isoformat()}


def _document(tour: dict[str, Any], sections: dict[str, list[Any]],
              lose: Callable[[str, Any, str], None]) -> dict[str, Any]:
    """The tour document of what was read: references to lost rows cleared or their rows
    dropped, children without their parent dropped."""
    by_model = {part.model: part for s in SECTIONS for part in (s, *s.nested)}
    present = {part.model: {r.get("id") for r in sections[part.key]} for part in by_model.values()}
    document: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "tour": tour}
    for section in SECTIONS:
        children = {child.key: list(_checked(child, sections[child.key], present, lose))
                    for child in section.nested}
        kept = []
        for record in _checked(section, sections[section.key], present, lose):
            for child in section.nested:
                record[child.key] = [{k: v for k, v in c.items() if k != "@parent"}
                                     for c in children[child.key]
                                     if c["@parent"] == record.get("id")]
            kept.append(record)
        document[section.key] = kept
    for child in (c for s in SECTIONS for c in s.nested):
        parents = present[next(s.model for s in SECTIONS if child in s.nested)]
        for record in sections[child.key]:
            if record["@parent"] not in parents:
                lose(str(child.model.__table__.name), record.get("id"),  # type: ignore[attr-defined]
                     "its organisation was lost")
    return document


def _checked(section: Any, records: list[dict[str, Any]], present: dict[Any, set[Any]],
             lose: Callable[[str, Any, str], None]) -> Iterator[dict[str, Any]]:
    table = str(section.model.__table__.name)
    uids: set[Any] = set()
    for record in records:
        ok = True
        for f in section.fields:
            target = getattr(f.codec, "target", None)
            value = record.get(f.key)
            if target is None or value is None:
                continue
            if isinstance(value, list):
                record[f.key] = [v for v in value if v in present.get(target, set())]
            elif value not in present.get(target, set()):
                if getattr(f.codec, "optional", True):
                    record[f.key] = None
                    lose(table, record.get("id", value), f"{f.key}: refers to a lost "
                         f"{target.__table__.name} row ({value}); left empty")
                else:
                    lose(table, record.get("id", value), f"{f.key}: refers to a lost "
                         f"{target.__table__.name} row ({value})")
                    ok = False
        if section.key == "items":
            if record.get("uid") in uids:
                lose(table, record.get("id"), f"uid {record.get('uid')} is used twice")
                ok = False
            uids.add(record.get("uid"))
        if ok:
            yield record


def _validate(document: dict[str, Any], source: str) -> None:
    """Import *document* into a scratch database, as import-json would (raises its error)."""
    engine = watch(create_engine("sqlite://"))
    try:
        Base.metadata.create_all(engine)
        with TourSession(engine) as session:
            import_document(document, session, source)
            session.rollback()
    finally:
        engine.dispose()


def _drop(document: dict[str, Any], error: TourDocumentError,
          lose: Callable[[str, Any, str], None]) -> bool:
    """Mend *document* where import refused it: a field that has a default gets it, else the
    record goes. False when the place cannot be found (nothing more can be done)."""
    steps = _PATH_STEP.findall(error.path[1:] if error.path.startswith("$") else error.path)
    if not steps:
        return False
    fields_of = {s.key: s for s in SECTIONS}
    container: Any = document
    section: Any = None
    parent: Any = None
    index: int | None = None
    record: Any = None
    rest = []
    for position, (key, number) in enumerate(steps):
        if key == "tour" and position == 0:
            record, rest = document["tour"], [k for k, _n in steps[1:]]
            section = None
            break
        found = fields_of.get(key) or next(
            (c for s in SECTIONS for c in s.nested if c.key == key), None)
        if found is None or not isinstance(container, dict) or key not in container:
            rest = [k for k, _n in steps[position:]]  # a field of the record reached
            break
        section = found
        if number == "":
            rest = [k for k, _n in steps[position + 1:]]
            break
        parent, index = container[key], int(number)
        record = parent[index]
        container = record
    fields = TOUR_FIELDS if section is None else list(section.fields)
    key = rest[0] if rest else None
    by_key = {f.key: f for f in fields}
    table = "tour" if section is None else str(section.model.__table__.name)
    row = 1 if section is None else (record or {}).get("id", index)
    if key in by_key and by_key[key].default is not _missing():
        record.pop(key, None)
        lose(table, row, f"{key}: {error.reason}; left as the default")
        return True
    if section is None:
        if record is None or key not in by_key:
            return False
        record.update(_placeholder_tour(document))  # a required field of the tour itself
        lose(table, row, f"{key}: {error.reason}; replaced")
        return True
    if parent is None or index is None:
        return False
    del parent[index]
    lose(table, row, f"{key}: {error.reason}" if key else f"not kept: {error.reason}")
    return True


def _missing() -> Any:
    return Field("x", TOUR_FIELDS[0].codec).default


def _check_schema(engine: Any, source: Path) -> None:
    """Refuse a file whose tables SQLite cannot even list (nothing of it can be read)."""
    raw = engine.raw_connection()
    try:
        tables = {row[0] for row in raw.driver_connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        reason = sqlite_message(exc) if isinstance(exc, UnicodeDecodeError) else str(exc)
        raise InputError(f"{source}: nothing can be read of it ({reason})") from None
    finally:
        raw.close()
    if not {"tour", "agenda_items"} & tables:
        raise InputError(f"{source}: nothing can be read of it (it holds no tour tables)")


def rescue(source: Path, out: Path, *, force: bool = False) -> RescueReport:
    """Read what can be read of the tour file *source* into the new tour file *out*."""
    source, out = Path(source), Path(out)
    if not source.is_file():
        raise InputError(f"{source}: no such file")
    if out.resolve() == source.resolve():
        raise InputError(f"{out}: the rescued tour goes to a new file, not over the damaged one")
    check_destination(out, force)
    rescuer = _Rescuer(source)
    try:
        _check_schema(rescuer.engine, source)
        tour, sections = _read(rescuer)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{source}: nothing can be read of it ({_reason(exc)})") from None
    finally:
        rescuer.engine.dispose()
    lost = rescuer.lost
    if tour is None:
        tour = _placeholder_tour(sections)
        lost.append(Lost("tour", "1", "the tour's own row was lost; its title and dates are "
                                      "made up"))
    for key, value in _placeholder_tour(sections).items():
        if key not in tour:  # a required value of the tour was left out: made up
            tour[key] = value
            lost.append(Lost("tour", "1", f"{key}: made up as {value!r}"))
    document = _document(tour, sections, rescuer.lose)
    for _attempt in range(sum(len(v) for v in sections.values()) + len(TOUR_FIELDS) + 2):
        try:
            _validate(document, str(source))
            break
        except TourDocumentError as exc:
            if not _drop(document, exc, rescuer.lose):
                raise
    create_tour_file(out, lambda session: import_document(document, session, str(source)),
                     force=force)
    kept = {s.key: len(document.get(s.key, [])) for s in SECTIONS}
    for section in SECTIONS:
        for child in section.nested:
            kept[child.key] = sum(len(r.get(child.key, [])) for r in document[section.key])
    return RescueReport(source, out, kept, lost)
