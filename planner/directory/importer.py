"""Import organisations and contacts from a :class:`~planner.directory.sources.Table`.

Rows are validated one by one; a row with an error in the organisation or its place is rejected
as a whole and reported with its number, the column and the reason (every problem of the row, not
only the first). A contact's bad e-mail address only leaves that address out: the organisation
and the contact are imported, and the field is reported (``dropped``), so one typo never costs a
coordinator the organisation. A city the gazetteer does not know is reported with the closest
names it does know ("did you mean Copenhagen?").

Accepted rows are matched against the directory (and against earlier rows of the same file): an
organisation already there is *merged*: empty fields filled, new contacts added, nothing the
coordinator typed overwritten, so importing the same file twice changes nothing. It is already
there when it has the same name (:func:`organisation_key`) and city, a fuzzy match of the name in
the same city, the same name within :data:`NEAR_KM`, or the same street address
(:func:`street_key`) within :data:`STREET_KM` under a name like its own. Another name at the same
address is a neighbour (a building holds many organisations): added, with a warning.

:func:`import_table` only changes the session it is given; the caller commits (one transaction
for the whole file) or rolls back (``--dry-run``, or nothing accepted).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.directory.normalise import (
    is_email,
    organisation_key,
    parse_coordinates,
    parse_kind,
    parse_language,
    parse_number,
    parse_topics,
    split_list,
    street_key,
    unprotect,
)
from planner.directory.sources import MAX_FIELD, Table
from planner.errors import InputError
from planner.folding import fold
from planner.geo.countries import country_code
from planner.geo.gazetteer import PlaceNotFound, gazetteer
from planner.geo.names import has_japanese
from planner.geo.sphere import distance_km
from planner.geo.zones import zone_at
from planner.messages import N_, render
from planner.model import Contact, Organisation, OrganisationKind, Place, PlaceKind
from planner.topics import distinct, key, keys

#: Two names in the same city at least this similar (0-100) are the same organisation.
FUZZY_THRESHOLD = 90
#: The same name (:func:`organisation_key`) this close (km) is the same organisation, whatever
#: town each row names.
NEAR_KM = 5.0
#: The same street address this close (km) is the same place: a place read from a town's name
#: is the town's centre, which can be this far from an office in a neighbouring town (Munich's
#: centre and UnternehmerTUM in Garching are 16 km apart).
STREET_KM = 30.0
#: A file's unknown cities get suggestions for this many different names (each costs about 25 ms
#: of comparing against the gazetteer's 220,000 spellings): a file of a thousand misspelt towns is
#: reported in about a second, not half a minute.
MAX_CITY_SUGGESTIONS = 40


@dataclass
class RowIssue:
    """Why a row was rejected, or a warning about an accepted row."""

    row: int
    column: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class RowResult:
    """What happened to an accepted row."""

    row: int
    organisation: str
    outcome: str  # "added", "merged" or "unchanged"
    details: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "organisation": self.organisation, "outcome": self.outcome,
                "details": self.details}


@dataclass
class ImportReport:
    """The outcome of importing one file, row by row."""

    source: str
    row_label: str = "row"
    results: list[RowResult] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)  # every problem of a rejected row
    dropped: list[RowIssue] = field(default_factory=list)  # values left out of imported rows
    warnings: list[RowIssue] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False

    def _with(self, outcome: str) -> list[RowResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def added(self) -> list[RowResult]:
        return self._with("added")

    @property
    def merged(self) -> list[RowResult]:
        return self._with("merged")

    @property
    def unchanged(self) -> list[RowResult]:
        return self._with("unchanged")

    @property
    def rejected_rows(self) -> list[int]:
        """The numbers of the rejected rows, each once, in file order."""
        return list(dict.fromkeys(issue.row for issue in self.rejected))

    @property
    def changed(self) -> bool:
        """Whether applying the import changes the tour."""
        return bool(self.added or self.merged)

    @property
    def all_rejected(self) -> bool:
        """Every row was rejected (the import failed: exit code 1)."""
        return not self.results

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "dry_run": self.dry_run, "mapping": self.mapping,
            "added": [r.as_json() for r in self.added],
            "merged": [r.as_json() for r in self.merged],
            "unchanged": [r.as_json() for r in self.unchanged],
            "rejected": [i.as_json() for i in self.rejected],
            "dropped": [i.as_json() for i in self.dropped],
            "warnings": [i.as_json() for i in self.warnings],
        }

    def text(self) -> str:
        """The report as lines for a terminal."""
        verb = "would not be" if self.dry_run else "were not"
        lines = [f"{self.source}: {len(self.added)} added, {len(self.merged)} merged, "
                 f"{len(self.unchanged)} unchanged, {len(self.rejected_rows)} rejected"
                 + (" (dry run: nothing was changed)" if self.dry_run else "")]
        for result in self.results:
            if result.outcome != "unchanged":
                extra = f": {'; '.join(result.details)}" if result.details else ""
                lines.append(f"  {self.row_label} {result.row}: {result.outcome} "
                             f"{result.organisation!r}{extra}")
        for title, issues in ((f"Rejected {self.row_label}s ({verb} imported):", self.rejected),
                              (f"Values left out ({verb} imported; the rest of their "
                               f"{self.row_label} {'would be' if self.dry_run else 'was'}):",
                               self.dropped),
                              ("Warnings:", self.warnings)):
            if issues:
                lines.append(title)
                lines += [self.issue_text(i) for i in issues]
        return "\n".join(lines)

    def issue_text(self, issue: RowIssue) -> str:
        """``file: row 4, column 'Email': reason``."""
        return (f"  {self.source}: {self.row_label} {issue.row}, column {issue.column!r}: "
                f"{issue.reason}")


class _Reject(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field_name = field_name
        self.reason = reason


@dataclass
class _PlaceData:
    address: str
    city: str
    country: str
    latitude: float
    longitude: float
    exact: bool
    zone: str


@dataclass
class _ContactData:
    name: str
    name_ja: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    languages: list[str] = field(default_factory=list)


@dataclass
class _OrgData:
    name: str
    name_ja: str = ""
    kind: OrganisationKind | None = None
    topics: list[str] = field(default_factory=list)
    description: str = ""
    website: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    place: _PlaceData | None = None
    contact: _ContactData | None = None


class _RowReader:
    """Validates one row's cells (already mapped to fields) into organisation data."""

    def __init__(self, values: dict[str, str], columns: dict[str, str],
                 warn: Callable[[str, str], None], suggest: _CitySuggestions) -> None:
        self.values = values  # field -> text
        self.columns = columns  # field -> column name, for messages
        self.warn = warn
        self.suggest = suggest
        self.dropped: list[tuple[str, str]] = []  # (field, reason) of values left out

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def read(self) -> _OrgData:
        for name, text in self.values.items():
            if len(text) > MAX_FIELD:
                raise _Reject(name, f"is too long ({len(text):,} characters; at most "
                                    f"{MAX_FIELD:,})")
        name = self.get("organisation")
        if not name:
            raise _Reject("organisation", "the organisation name is empty")
        data = _OrgData(name=name, name_ja=self.get("organisation_ja"),
                        description=self.get("description"), website=self.get("website"),
                        notes=self.get("notes"), topics=parse_topics(self.get("topics")))
        if self.get("kind"):
            data.kind = parse_kind(self.get("kind"))
            if data.kind is None:
                self.warn("kind", f"unknown kind {self.get('kind')!r}, imported as 'other' "
                                  f"(kinds: {', '.join(k.value for k in OrganisationKind)})")
                data.kind = OrganisationKind.OTHER
        data.contact = self._contact()
        data.phone = self.get("organisation_phone")
        data.email = self._email("organisation_email")
        if data.contact is None:  # phone and email belong to the organisation
            data.phone = data.phone or self.get("phone") or self.get("contact_phone")
            data.email = data.email or self._email("email") or self._email("contact_email")
        data.place = self._place()
        return data

    def _email(self, name: str, contact: bool = False) -> str:
        """The address in field *name*; a bad one rejects the row, or for a *contact* is left
        out (and reported) so that the organisation and the person are still imported."""
        text = self.get(name)
        if text.lower().startswith("mailto:"):
            text = text[7:]
        if text and not is_email(text):
            reason = render(N_("{text!r} is not an e-mail address"), {"text": text})
            if not contact:
                raise _Reject(name, reason)
            self.dropped.append((name, reason))
            return ""
        return text

    def _contact(self) -> _ContactData | None:
        name = self.get("contact_name") or " ".join(
            p for p in (self.get("contact_first_name"), self.get("contact_last_name")) if p)
        if not name:
            return None
        contact = _ContactData(name=name, name_ja=self.get("contact_name_ja"),
                               role=self.get("contact_role"))
        if not contact.name_ja and has_japanese(name):
            contact.name_ja = name
        contact.email = (self._email("contact_email", contact=True)
                         or self._email("email", contact=True))
        contact.phone = self.get("contact_phone") or self.get("phone")
        for word in split_list(self.get("contact_languages")):
            code = parse_language(word)
            if code is None:
                self.warn("contact_languages", f"unknown language {word!r}, left out")
            elif code not in contact.languages:
                contact.languages.append(code)
        return contact

    def _coordinates(self) -> tuple[float, float] | None:
        lat_text, lon_text, geo = self.get("latitude"), self.get("longitude"), self.get("geo")
        if geo and not (lat_text or lon_text):
            try:
                lat, lon = parse_coordinates(geo)
            except ValueError as exc:
                raise _Reject("geo", f"{geo!r}: {exc}") from None
            return self._in_range("geo", lat, lon)
        if not lat_text and not lon_text:
            return None
        if not (lat_text and lon_text):
            missing = "longitude" if lat_text else "latitude"
            raise _Reject(missing, f"{missing} is missing (latitude and longitude go together)")
        numbers = []
        for name, text in (("latitude", lat_text), ("longitude", lon_text)):
            try:
                numbers.append(parse_number(text))
            except ValueError:
                raise _Reject(name, f"{text!r} is not a number") from None
        return self._in_range("latitude", numbers[0], numbers[1])

    @staticmethod
    def _in_range(name: str, lat: float, lon: float) -> tuple[float, float]:
        if not -90 <= lat <= 90:
            raise _Reject(name if name == "geo" else "latitude",
                          f"latitude {lat:g} is out of range (-90 to 90)")
        if not -180 <= lon <= 180:
            raise _Reject(name if name == "geo" else "longitude",
                          f"longitude {lon:g} is out of range (-180 to 180)")
        return lat, lon

    def _place(self) -> _PlaceData | None:
        country = ""
        if self.get("country"):
            country = country_code(self.get("country")) or ""
            if not country:
                raise _Reject("country", f"unknown country {self.get('country')!r}")
        address = ", ".join(p for p in (self.get("address"), self.get("postal_code")) if p)
        city = self.get("city")
        point = self._coordinates()
        if point is not None:
            exact = self._exact()
            if not city or not country:
                near = gazetteer().nearest(*point)
                city = city or (near.name if near else "")
                country = country or (near.country if near else "")
            return _PlaceData(address, city, country, point[0], point[1], exact, zone_at(*point))
        if not city:
            raise _Reject("city", "needs a city, or latitude and longitude, to be placed on the "
                                  "map")
        try:
            match = gazetteer().lookup(city, country or None)
        except PlaceNotFound as exc:
            if exc.candidates:  # ambiguous: the message lists them
                raise _Reject("city", str(exc)) from None
            raise _Reject("city", self.suggest.unknown(city, country)) from None
        if match.note:
            self.warn("city", match.note)
        town = match.city
        return _PlaceData(address, town.name, town.country, town.latitude, town.longitude, False,
                          zone_at(town.latitude, town.longitude))

    def _exact(self) -> bool:
        text = fold(self.get("exact"))
        if text in ("", "yes", "y", "true", "1", "exact", "はい"):
            return True
        if text in ("no", "n", "false", "0", "approximate", "いいえ"):
            return False
        raise _Reject("exact", f"{self.get('exact')!r}: expected yes or no")


class _CitySuggestions:
    """What to say about a city the gazetteer does not know: the closest names it knows, each
    name looked up once per file and at most :data:`MAX_CITY_SUGGESTIONS` names."""

    def __init__(self) -> None:
        self._said: dict[tuple[str, str], str] = {}

    def unknown(self, city: str, country: str) -> str:
        key = (fold(city), country)
        if key not in self._said:
            where = f" in {country}" if country else ""
            if len(self._said) >= MAX_CITY_SUGGESTIONS:
                self._said[key] = render(N_(
                    "unknown city {city!r}{where} (not in the offline gazetteer; no suggestions: "
                    "more than {limit} unknown cities in this file); give latitude and "
                    "longitude instead"), {"city": city, "where": where,
                                           "limit": MAX_CITY_SUGGESTIONS})
                return self._said[key]
            found = gazetteer().similar(city, 3, country or None)
            names = [c.name for c in found]
            guesses = [n if names.count(n) == 1 else f"{n} ({c.country})"
                       for n, c in zip(names, found, strict=True)]
            self._said[key] = render(N_(
                "unknown city {city!r}{where} (not in the offline gazetteer); did you mean "
                "{guesses}? Or give latitude and longitude"), {
                    "city": city, "where": where, "guesses": " / ".join(guesses)}) \
                if guesses else render(N_(
                    "unknown city {city!r}{where} (not in the offline gazetteer; give latitude "
                    "and longitude instead)"), {"city": city, "where": where})
        return self._said[key]


class _Directory:
    """The organisations known so far (existing and imported), for matching rows to them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cities: dict[tuple[str, str], str] = {}
        self.by_key: dict[tuple[str, str], Organisation] = {}
        self.by_city: dict[str, dict[str, Organisation]] = {}  # city -> key -> organisation
        self.by_name: dict[str, list[Organisation]] = {}  # key -> organisations anywhere
        self.by_street: dict[str, list[Organisation]] = {}  # street_key -> organisations
        query = select(Organisation).options(selectinload(Organisation.place),
                                             selectinload(Organisation.contacts))
        for organisation in session.scalars(query):
            self.add(organisation)

    def city_key(self, city: str, country: str) -> str:
        """One key per town however it is written: ``München`` and ``Munich`` are one."""
        if (city, country) not in self._cities:
            key = fold(city)
            if city:
                with contextlib.suppress(PlaceNotFound):
                    key = f"#{gazetteer().lookup(city, country or None).city.geonameid}"
            self._cities[(city, country)] = key
        return self._cities[(city, country)]

    def _city(self, organisation: Organisation) -> str:
        place = organisation.place
        return self.city_key(place.city, place.country) if place else ""

    def add(self, organisation: Organisation) -> None:
        key = organisation_key(organisation.name)
        city = self._city(organisation)
        self.by_key.setdefault((key, city), organisation)
        self.by_city.setdefault(city, {}).setdefault(key, organisation)
        self.by_name.setdefault(key, []).append(organisation)
        street = street_key(organisation.place.address) if organisation.place else ""
        if street:
            self.by_street.setdefault(street, []).append(organisation)

    def find(self, data: _OrgData) -> tuple[Organisation | None, str]:
        """The organisation *data* names (and a note on how it was found), or None."""
        key = organisation_key(data.name)
        city = self.city_key(data.place.city, data.place.country) if data.place else ""
        found = self.by_key.get((key, city))
        if found is not None:
            return found, ""
        candidates = self.by_city.get(city, {})
        best = process.extractOne(key, list(candidates), scorer=fuzz.token_sort_ratio,
                                  score_cutoff=FUZZY_THRESHOLD) if candidates else None
        if best is not None:
            match = candidates[best[0]]
            return match, f"similar to {match.name!r} ({best[1]:.0f}%)"
        if data.place is None:
            return None, ""
        for other in self.by_name.get(key, []):
            away = _km(data.place, other.place)
            if away <= NEAR_KM:
                return other, f"the same name {away:.1f} km away"
        for other in self.neighbours(data):
            if _alike(key, other):
                assert other.place is not None
                return other, f"same address as {other.name!r} ({other.place.address})"
        return None, ""

    def neighbours(self, data: _OrgData) -> list[Organisation]:
        """The organisations at *data*'s street address (within :data:`STREET_KM`)."""
        street = street_key(data.place.address) if data.place else ""
        return [other for other in self.by_street.get(street, []) if street and data.place
                and _km(data.place, other.place) <= STREET_KM]


def _km(place: _PlaceData, other: Place | None) -> float:
    if other is None:
        return math.inf
    return distance_km(place.latitude, place.longitude, other.latitude, other.longitude)


def _alike(key: str, organisation: Organisation) -> bool:
    """Whether *key* names *organisation* (its name or Japanese name, or nearly so)."""
    return any(fuzz.token_sort_ratio(key, organisation_key(name)) >= FUZZY_THRESHOLD
               for name in (organisation.name, organisation.name_ja) if name)


def _fill(obj: Any, attr: str, value: Any, changes: list[str], label: str) -> None:
    """Set an empty attribute to *value*; never overwrite what is already there."""
    if value and not getattr(obj, attr):
        setattr(obj, attr, value)
        changes.append(f"filled {label}")


def _new_place(data: _OrgData) -> Place:
    p = data.place
    assert p is not None
    return Place(name=data.name, kind=PlaceKind.OFFICE, address=p.address, city=p.city,
                 country=p.country, latitude=p.latitude, longitude=p.longitude, exact=p.exact,
                 zone=p.zone)


class _Contacts:
    """Each organisation's contacts by folded e-mail and name, so that matching a row's contact
    costs the same for the thousandth contact of an organisation as for the first."""

    def __init__(self) -> None:
        self._index: dict[int, dict[str, tuple[int, Contact]]] = {}
        self._position: dict[int, int] = {}  # id of a contact -> its place in its organisation

    def _of(self, organisation: Organisation) -> dict[str, tuple[int, Contact]]:
        index = self._index.get(id(organisation))
        if index is None:
            index = self._index[id(organisation)] = {}
            for position, contact in enumerate(organisation.contacts):
                self._note(index, position, contact)
        return index

    def _note(self, index: dict[str, tuple[int, Contact]], position: int,
              contact: Contact) -> None:
        self._position[id(contact)] = position
        if contact.email:
            index.setdefault(f"@{contact.email.casefold()}", (position, contact))
        index.setdefault(f"n{fold(contact.name)}", (position, contact))

    def find(self, organisation: Organisation, data: _ContactData) -> Contact | None:
        """The first contact (in the organisation's order) with the e-mail or the name."""
        index = self._of(organisation)
        found = [index[key] for key in (f"@{data.email.casefold()}" if data.email else "",
                                         f"n{fold(data.name)}") if key in index]
        return min(found, key=lambda hit: hit[0])[1] if found else None

    def noted(self, organisation: Organisation, contact: Contact) -> None:
        """*contact* was added to *organisation*, or got an e-mail address."""
        index = self._of(organisation)
        self._note(index, self._position.get(id(contact), len(organisation.contacts) - 1),
                   contact)


def _merge_contact(organisation: Organisation, data: _ContactData, changes: list[str],
                   contacts: _Contacts) -> None:
    contact = contacts.find(organisation, data)
    if contact is not None:
        had_email = bool(contact.email)
        for attr in ("name_ja", "role", "email", "phone"):
            _fill(contact, attr, getattr(data, attr), changes, f"{attr} of {contact.name}")
        if data.languages and not contact.languages:
            contact.languages = list(data.languages)
            changes.append(f"filled languages of {contact.name}")
        if contact.email and not had_email:
            contacts.noted(organisation, contact)
        return
    added = Contact(name=data.name, name_ja=data.name_ja, role=data.role, email=data.email,
                    phone=data.phone, languages=list(data.languages))
    organisation.contacts.append(added)
    contacts.noted(organisation, added)
    changes.append(f"added contact {data.name}")


def _merge(organisation: Organisation, data: _OrgData, changes: list[str],
           contacts: _Contacts) -> None:
    for attr in ("name_ja", "description", "website", "phone", "email", "notes"):
        _fill(organisation, attr, getattr(data, attr), changes, attr)
    if data.kind and organisation.kind is OrganisationKind.OTHER \
            and data.kind is not OrganisationKind.OTHER:
        organisation.kind = data.kind
        changes.append("filled kind")
    known = keys(organisation.topics)  # 製造業 is no new topic beside manufacturing
    new_topics = [t for t in distinct(data.topics) if key(t) not in known]
    if new_topics:
        organisation.topics = [*organisation.topics, *new_topics]
        changes.append(f"added topics {', '.join(new_topics)}")
    place = organisation.place
    if data.place is not None:
        if place is None:
            organisation.place = _new_place(data)
            changes.append("placed on the map")
        elif data.place.exact and not place.exact:
            for attr in ("latitude", "longitude", "zone"):
                setattr(place, attr, getattr(data.place, attr))
            place.exact = True
            _fill(place, "address", data.place.address, changes, "address")
            changes.append("exact coordinates")
        else:
            _fill(place, "address", data.place.address, changes, "address")
    if data.contact is not None:
        _merge_contact(organisation, data.contact, changes, contacts)


def import_table(session: Session, table: Table, mapping: Mapping[str, str],
                 dry_run: bool = False) -> ImportReport:
    """Import every acceptable row of *table* into *session* and report on every row.

    *mapping* is column -> field (see :func:`planner.directory.fields.map_columns`); it must map
    a column to ``organisation``.
    """
    if "organisation" not in mapping.values():
        raise InputError(
            f"{table.source}: no column holds the organisation name; the columns are "
            + ", ".join(repr(c) for c in table.columns)
            + ". Map one with --map COLUMN=organisation")
    report = ImportReport(table.source, table.row_label, mapping=dict(mapping), dry_run=dry_run)
    for problem in table.problems:
        report.rejected.append(RowIssue(problem.number, "", problem.reason))
    columns = {name: column for column, name in mapping.items()}
    directory = _Directory(session)
    contacts = _Contacts()
    suggest = _CitySuggestions()
    for row in table.rows:
        values = {name: unprotect(row.values.get(column, "").strip())
                  for column, name in mapping.items()}
        values = {k: v for k, v in values.items() if v}
        warnings: list[RowIssue] = []

        def warn(name: str, reason: str, number: int = row.number,
                 sink: list[RowIssue] = warnings) -> None:
            sink.append(RowIssue(number, columns.get(name, name), reason))

        reader = _RowReader(values, columns, warn, suggest)
        try:
            data = reader.read()
        except _Reject as exc:
            report.rejected += [RowIssue(row.number, columns.get(name, name), reason)
                                for name, reason in [*reader.dropped,
                                                     (exc.field_name, exc.reason)]]
            continue
        report.dropped += [RowIssue(row.number, columns.get(name, name), reason)
                           for name, reason in reader.dropped]
        existing, similarity = directory.find(data)
        if existing is None:
            neighbours = directory.neighbours(data)
            if neighbours:  # one warning a row, however many share the building
                names = ", ".join(repr(o.name) for o in neighbours[:3]) + (
                    f" (+{len(neighbours) - 3})" if len(neighbours) > 3 else "")
                warn("address", render(N_(
                    "the same street address as {other}; imported as another organisation "
                    "(a building holds many; merge them by hand if they are one)"),
                    {"other": names}))
        report.warnings += warnings
        if existing is None:
            organisation = Organisation(
                name=data.name, name_ja=data.name_ja, kind=data.kind or OrganisationKind.OTHER,
                topics=data.topics, description=data.description, website=data.website,
                phone=data.phone, email=data.email, notes=data.notes,
                place=_new_place(data) if data.place else None)
            details: list[str] = []
            if data.contact is not None:
                _merge_contact(organisation, data.contact, details, contacts)
            session.add(organisation)
            directory.add(organisation)
            report.results.append(RowResult(row.number, data.name, "added", details))
            continue
        changes: list[str] = [similarity] if similarity else []
        _merge(existing, data, changes, contacts)
        real = [c for c in changes if c != similarity]
        report.results.append(RowResult(row.number, existing.name,
                                        "merged" if real else "unchanged", changes))
    session.flush()
    return report
