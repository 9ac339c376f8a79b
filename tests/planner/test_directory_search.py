"""Searching and filtering the directory."""

from __future__ import annotations

from sqlalchemy import select

from planner.directory.search import DirectoryIndex
from planner.model import Organisation
from planner.store import TourStore


def names(store: TourStore, *args: str, **filters: str) -> list[str]:
    with store.transaction() as session:
        index = DirectoryIndex.build(session)
        ids = index.search(*args, **filters)
        by_id = {o.id: o.name for o in session.scalars(select(Organisation))}
    return [by_id[i] for i in ids]


def test_text_search_finds_names_topics_people_and_notes(demo_store: TourStore) -> None:
    assert names(demo_store, "celonis") == ["Celonis"]
    assert names(demo_store, "PROCESS mining") == ["Celonis"]  # a topic, any case
    assert names(demo_store, "zimmermann") == ["BMW Group"]  # a contact person
    assert names(demo_store, "muenchen") == []  # no transliteration games
    assert names(demo_store, "japan desk") == ["Berlin Partner für Wirtschaft und Technologie"]
    assert names(demo_store, "gasometer") == ["EUREF-Campus"]  # the description


def test_filters_by_kind_city_country_and_topic(demo_store: TourStore) -> None:
    assert names(demo_store, kind="university") == [
        "Aalto University (A Grid)", "Hasso Plattner Institute", "Institut Polytechnique de Paris"]
    assert names(demo_store, city="Munich", topic="ai") == ["BMW Group", "Celonis"]
    assert names(demo_store, country="Finland", kind="corporate") == ["Fortum"]
    assert names(demo_store, country="フランス", text="battery") == ["Renault Group"]
    assert names(demo_store, kind="accelerator", country="DE") == ["UnternehmerTUM"]
    assert names(demo_store, "garching") == ["UnternehmerTUM"]  # the city is searched too
