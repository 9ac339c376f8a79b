"""A team's tour in a real PostgreSQL database, through the same code paths as a file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from planner.cli import main
from planner.errors import NotATourFile
from planner.store import TourStore


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    return main([str(a) for a in args], out=out), out.getvalue()


def tables(url: str) -> set[str]:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as connection:
        rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}


def test_the_demo_round_trips_through_a_team_database(postgres_url: str, demo_path: Path,
                                                      tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("export-json", demo_path, first)[0] == 0
    assert run("import-json", first, postgres_url)[0] == 0
    assert run("export-json", postgres_url, second)[0] == 0
    assert first.read_text() == second.read_text()
    code, text = run("info", postgres_url, "--json")
    assert code == 0 and json.loads(text)["cities"] == ["Helsinki", "Berlin", "Munich", "Paris"]


def test_instants_keep_their_zone_in_postgres(postgres_url: str) -> None:
    assert run("new", postgres_url, "--title", "Team", "--start", "2027-01-01",
               "--end", "2027-01-02")[0] == 0
    with TourStore.open(postgres_url) as store, store.engine.connect() as connection:
        kind = connection.exec_driver_sql(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'agenda_items' AND column_name = 'start'").scalar()
    assert kind == "timestamp with time zone"


def test_a_failed_import_leaves_the_database_empty(postgres_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "ecovisit-tour", "version": 1, "tour": {
        "title": "T", "start_date": "2027-01-01", "end_date": "2027-01-02"},
        "items": [{"id": 1, "uid": "u", "title": "x", "zone": "Mars/Olympus",
                   "start": "2027-01-01T10:00:00+01:00", "end": "2027-01-01T11:00:00+01:00"}]}))
    assert run("import-json", bad, postgres_url)[0] == 2
    assert tables(postgres_url) == set()


def test_an_empty_or_foreign_database_is_refused_unchanged(postgres_url: str) -> None:
    with pytest.raises(NotATourFile, match="empty"):
        TourStore.open(postgres_url)
    dsn = make_url(postgres_url).set(drivername="postgresql").render_as_string(
        hide_password=False)
    with psycopg.connect(dsn) as connection:
        connection.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(NotATourFile, match="not an Ecovisit tour database"):
        TourStore.open(postgres_url)
    assert tables(postgres_url) == {"invoices"}


def _takes_new_rows(url: str, tmp_path: Path) -> None:
    """A team tour filled with explicit ids takes new organisations, places and items."""
    contacts = tmp_path / "new.csv"
    contacts.write_text("Company,City\nNordwind Kollektiv,Hamburg\nSeebrise Labor,Kiel\n",
                        encoding="utf-8")
    code, text = run("import-contacts", url, contacts)
    assert code == 0 and "2 added" in text, text
    code, text = run("add-place", url, "Landungsbrücken", "--at", "53.5456,9.9664")
    assert code == 0, text
    code, text = run("add-item", url, "Harbour walk", "--place", "Landungsbrücken",
                     "--start", "2027-05-12 18:00", "--minutes", "60")
    assert code == 0, text
    code, text = run("export-json", url, tmp_path / "after.json")
    assert code == 0, text
    document = json.loads((tmp_path / "after.json").read_text())
    names = {o["name"] for o in document["organisations"]}
    assert {"Nordwind Kollektiv", "Seebrise Labor"} <= names
    assert "Landungsbrücken" in {p["name"] for p in document["places"]}
    assert "Harbour walk" in {i["title"] for i in document["items"]}


def test_a_team_tour_made_by_demo_takes_new_records(postgres_url: str, tmp_path: Path) -> None:
    assert run("demo", postgres_url, "--start", "2027-05-10")[0] == 0
    _takes_new_rows(postgres_url, tmp_path)


def test_a_team_tour_made_by_import_json_takes_new_records(postgres_url: str, demo_path: Path,
                                                           tmp_path: Path) -> None:
    exported = tmp_path / "demo.json"
    assert run("export-json", demo_path, exported)[0] == 0
    assert run("import-json", exported, postgres_url)[0] == 0
    _takes_new_rows(postgres_url, tmp_path)
