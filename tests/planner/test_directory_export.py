"""Exporting the directory: round trips, and cells that must never run as formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from planner.cli import main
from planner.directory.export import directory_rows
from planner.model import Organisation
from planner.store import TourStore

HOSTILE = "=HYPERLINK(\"http://evil.example\",\"click\")"


def run(*args: str | Path) -> int:
    return main([str(a) for a in args], out=io.StringIO())


def rows_of(path: Path) -> list[dict[str, object]]:
    with TourStore.open(path) as store, store.transaction() as session:
        return sorted(directory_rows(session), key=lambda r: (str(r["organisation"]),
                                                              str(r["contact_name"])))


@pytest.fixture
def hostile_demo(demo_path: Path) -> Path:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        org = session.scalars(select(Organisation).where(Organisation.name == "Celonis")).one()
        org.notes = HOSTILE
        org.phone = "+49 89 416159670"
        org.contacts[0].role = "@mention -minus"
        org.description = "A<b>&Co; <font size=40>\nsecond line, with \"quotes\""
    return demo_path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_an_empty_tour_gives_the_same_directory(
        hostile_demo: Path, tmp_path: Path, suffix: str) -> None:
    exported = tmp_path / f"directory{suffix}"
    assert run("export-contacts", hostile_demo, exported) == 0
    fresh = tmp_path / "fresh.ecovisit"
    assert run("new", fresh, "--title", "Fresh", "--start", "2027-05-10",
               "--end", "2027-05-12") == 0
    assert run("import-contacts", fresh, exported) == 0
    assert rows_of(fresh) == rows_of(hostile_demo)


def test_csv_cells_that_look_like_formulas_are_written_as_text(hostile_demo: Path,
                                                               tmp_path: Path) -> None:
    exported = tmp_path / "directory.csv"
    assert run("export-contacts", hostile_demo, exported) == 0
    raw = exported.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the Japanese and accents right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    celonis = next(r for r in rows if r["organisation"] == "Celonis")
    assert celonis["notes"] == "'" + HOSTILE
    assert celonis["organisation_phone"] == "'+49 89 416159670"
    assert celonis["contact_role"] == "'@mention -minus"
    assert all(not value.startswith(("=", "+", "-", "@")) for r in rows for k, value in r.items()
               if k not in ("latitude", "longitude"))


def test_xlsx_cells_are_strings_never_formulas(hostile_demo: Path, tmp_path: Path) -> None:
    exported = tmp_path / "directory.xlsx"
    assert run("export-contacts", hostile_demo, exported) == 0
    sheet = load_workbook(exported).active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
        values = dict(zip(header, [c.value for c in row], strict=True))
        if values["organisation"] == "Celonis":
            assert values["notes"] == HOSTILE
            assert isinstance(values["latitude"], float)


def test_export_refuses_other_formats_and_existing_files(demo_path: Path,
                                                         tmp_path: Path) -> None:
    assert run("export-contacts", demo_path, tmp_path / "directory.txt") == 2
    existing = tmp_path / "directory.csv"
    existing.write_text("keep")
    assert run("export-contacts", demo_path, existing) == 2
    assert existing.read_text() == "keep"
