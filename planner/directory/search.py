"""Search and filter the directory, fast enough to run on every keystroke.

:class:`DirectoryIndex` holds one folded text per organisation (name, Japanese name, topics,
description, notes, city, country, and its people; topics in English and Japanese, so
``製造業`` finds a host tagged ``manufacturing``), built once from the tour and rebuilt after
edits; a search is then a substring test per organisation, in memory; a topic filter compares
topics as the vocabulary does (:func:`planner.topics.key`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.folding import fold
from planner.geo.countries import country_code, country_name
from planner.model import Contact, Organisation, OrganisationKind, Place
from planner.topics import key, keys, search_words


@dataclass(frozen=True)
class Entry:
    """What the index knows about one organisation."""

    organisation_id: int
    name: str
    kind: OrganisationKind
    city: str
    country: str
    topics: frozenset[str]
    text: str


class DirectoryIndex:
    """Folded search texts of every organisation of a tour."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: (fold(e.name), e.organisation_id))

    @classmethod
    def build(cls, session: Session) -> DirectoryIndex:
        """Index every organisation in *session*."""
        # Plain column queries, not ORM objects: this runs over the whole directory.
        people: dict[int, list[str]] = {}
        for org_id, *fields in session.execute(select(
                Contact.organisation_id, Contact.name, Contact.name_ja, Contact.role,
                Contact.email)):
            people.setdefault(org_id, []).extend(fields)
        query = (select(Organisation.id, Organisation.name, Organisation.name_ja,
                        Organisation.kind, Organisation.topics, Organisation.description,
                        Organisation.notes, Organisation.website, Place.city, Place.country)
                 .outerjoin(Place, Organisation.place_id == Place.id))
        entries = []
        for (org_id, name, name_ja, kind, topics, description, notes, website, city,
             country) in session.execute(query):
            city, country, topics = city or "", country or "", list(topics or [])
            text = " ".join([name, name_ja, " ".join(search_words(t) for t in topics),
                             description, notes, website,
                             city, country, country_name(country) if country else "",
                             *people.get(org_id, [])])
            entries.append(Entry(org_id, name, kind, fold(city), country,
                                 keys(topics), fold(text)))
        return cls(entries)

    def search(self, text: str = "", *, kind: OrganisationKind | str | None = None,
               city: str | None = None, country: str | None = None,
               topic: str | None = None) -> list[int]:
        """Ids of the organisations matching every word of *text* and every filter, by name."""
        words = fold(text).split()
        kind_value = OrganisationKind(kind) if kind else None
        city_key = fold(city) if city else None
        country_key = (country_code(country) or country.upper()) if country else None
        topic_key = key(topic) if topic else None
        return [
            e.organisation_id for e in self.entries
            if (kind_value is None or e.kind is kind_value)
            and (city_key is None or e.city == city_key)
            and (country_key is None or e.country == country_key)
            and (topic_key is None or topic_key in e.topics)
            and all(word in e.text for word in words)
        ]
