"""Export the directory to CSV or Excel, in the import format (so a file round-trips).

One row per contact (the organisation's fields repeated), or one row for an organisation without
contacts. Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``) are written as text: in CSV behind an apostrophe (which the importer removes again), in
Excel as string cells.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.atomicfile import atomic_destination
from planner.directory.normalise import FORMULA_STARTS
from planner.errors import InputError
from planner.model import Organisation

COLUMNS = ["organisation", "organisation_ja", "kind", "topics", "description", "website",
           "organisation_phone", "organisation_email", "address", "city", "country",
           "latitude", "longitude", "exact", "contact_name", "contact_name_ja", "contact_role",
           "contact_email", "contact_phone", "contact_languages", "notes"]
_NUMERIC = {"latitude", "longitude"}


def directory_rows(session: Session) -> list[dict[str, Any]]:
    """The directory as export rows (column -> value), organisations in name order."""
    query = (select(Organisation)
             .options(selectinload(Organisation.place), selectinload(Organisation.contacts))
             .order_by(Organisation.name, Organisation.id))
    rows: list[dict[str, Any]] = []
    for org in session.scalars(query):
        place = org.place
        base: dict[str, Any] = {
            "organisation": org.name, "organisation_ja": org.name_ja, "kind": org.kind.value,
            "topics": "; ".join(org.topics), "description": org.description,
            "website": org.website, "organisation_phone": org.phone,
            "organisation_email": org.email, "notes": org.notes,
            "address": place.address if place else "", "city": place.city if place else "",
            "country": place.country if place else "",
            "latitude": place.latitude if place else "",
            "longitude": place.longitude if place else "",
            "exact": ("yes" if place.exact else "no") if place else "",
        }
        empty = {"contact_name": "", "contact_name_ja": "", "contact_role": "",
                 "contact_email": "", "contact_phone": "", "contact_languages": ""}
        if not org.contacts:
            rows.append({**base, **empty})
        for contact in org.contacts:
            rows.append({**base, "contact_name": contact.name, "contact_name_ja": contact.name_ja,
                         "contact_role": contact.role, "contact_email": contact.email,
                         "contact_phone": contact.phone,
                         "contact_languages": "; ".join(contact.languages)})
    return rows


def protect(text: str) -> str:
    """Make a text cell inert for spreadsheets: an apostrophe before a formula-like start."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([repr(row[c]) if c in _NUMERIC and row[c] != "" else protect(str(row[c]))
                         for c in COLUMNS])
    # UTF-8 with a BOM: Excel then opens Japanese and accented text correctly.
    return buffer.getvalue().encode("utf-8-sig")


def _write_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "Directory"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
    sheet.freeze_panes = "A2"
    # Built in memory, then written in one go: openpyxl writing to the file itself on a full
    # disk left a zip file whose second close, at garbage collection, printed a traceback.
    buffer = io.BytesIO()
    workbook.save(buffer)
    Path(path).write_bytes(buffer.getvalue())


def export_directory(session: Session, path: Path, *, force: bool = False) -> int:
    """Write the directory to *path* (``.csv`` or ``.xlsx``); returns the number of rows."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"{path}: export to .csv or .xlsx")
    rows = directory_rows(session)
    with atomic_destination(Path(path), force=force) as tmp:
        if suffix == ".csv":
            tmp.write_bytes(_csv_bytes(rows))
        else:
            _write_xlsx(rows, tmp)
    return len(rows)
