"""The delegation's follow-ups as they are read: the one query behind the follow-ups panel, the
command line, the debrief report and the exports, and the follow-ups sheet (xlsx)."""

from __future__ import annotations

import enum
import io
from datetime import date, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.atomicfile import atomic_destination
from planner.errors import InputError
from planner.formatting import traveller_name
from planner.messages import N_, render, translate
from planner.model import AgendaItem, Contact, FollowUp, FollowUpStatus, Tour
from planner.queries import load_tour
from planner.timezones import to_local, zone


class _AllOwners(enum.Enum):
    """The type of :data:`ALL_OWNERS` (an enum member, so a type checker tells it apart)."""

    ALL = "all"


#: Every owner's follow-ups (``owner_id=None`` means the coordinator's own).
ALL_OWNERS: Final = _AllOwners.ALL


def follow_ups(
    session: Session,
    *,
    owner_id: int | _AllOwners | None = ALL_OWNERS,
    overdue_on: date | None = None,
    goal_id: int | None = None,
    status: FollowUpStatus | None = None,
) -> list[FollowUp]:
    """The tour's follow-ups, soonest due first (those without a due day last), then by
    description (case-insensitive), then by id.

    *owner_id*: a traveller's id, None for the coordinator's own, :data:`ALL_OWNERS` (the
    default) for everyone's. *overdue_on*: only those overdue on that day
    (:meth:`FollowUp.overdue_on`, the one rule). *goal_id*: only those serving that goal.
    *status*: only those with that status. The rows come with their owner, contact (and its
    organisation), meeting and goal loaded."""
    query = select(FollowUp).options(
        selectinload(FollowUp.owner),
        selectinload(FollowUp.contact).selectinload(Contact.organisation),
        selectinload(FollowUp.item).selectinload(AgendaItem.organisation),
        selectinload(FollowUp.goal),
    )
    if owner_id is None:
        query = query.where(FollowUp.owner_id.is_(None))
    elif not isinstance(owner_id, _AllOwners):
        query = query.where(FollowUp.owner_id == owner_id)
    if goal_id is not None:
        query = query.where(FollowUp.goal_id == goal_id)
    if status is not None:
        query = query.where(FollowUp.status == status)
    rows = list(session.scalars(query))
    if overdue_on is not None:
        rows = [row for row in rows if row.overdue_on(overdue_on)]
    rows.sort(key=_order)
    return rows


def _order(row: FollowUp) -> tuple[bool, date, str, int]:
    return (row.due is None, row.due or date.min, row.description.casefold(), row.id)


#: What each status is called in the sheet.
STATUS_WORDS = {FollowUpStatus.OPEN: N_("open"), FollowUpStatus.DONE: N_("done"),
                FollowUpStatus.DROPPED: N_("dropped")}
#: The sheet's columns: the header (translated) and the column's width in characters.
COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Follow-up"), 48), (N_("Owner"), 24), (N_("Contact"), 24), (N_("Organisation"), 24),
    (N_("Meeting"), 36), (N_("Meeting day"), 13), (N_("Goal"), 36), (N_("Due"), 12),
    (N_("Status"), 10), (N_("Overdue"), 10), (N_("Completed"), 12), (N_("Notes"), 40))
_DATE_COLUMNS = (5, 7, 10)  # meeting day, due, completed: real dates, sortable and filterable
_DATE_FORMAT = "yyyy-mm-dd"


def home_today(session: Session) -> date:
    """Today in the tour's home zone (where the coordinator and the executives are after the
    tour): the day against which a follow-up is overdue unless a caller gives another."""
    return datetime.now(zone(load_tour(session).home_zone)).date()


def owner_text(row: FollowUp, tour: Tour, language: str = "en") -> str:
    """Who owns *row*: the traveller's name, or the coordinator (by name when the tour has
    one)."""
    if row.owner is not None:
        return traveller_name(row.owner, language)
    if tour.coordinator:
        return render(N_("{name} (coordinator)"), {"name": tour.coordinator}, language)
    return translate(N_("Coordinator"), language)


def sheet_rows(session: Session, *, owner_id: int | _AllOwners | None = ALL_OWNERS,
               language: str = "en", today: date | None = None) -> list[list[object]]:
    """The follow-ups sheet's rows below its header (:data:`COLUMNS`), in the order of
    :func:`follow_ups`; dates as dates, texts as typed."""
    tour = load_tour(session)
    today = today or home_today(session)
    yes, no = translate(N_("yes"), language), translate(N_("no"), language)
    rows: list[list[object]] = []
    for row in follow_ups(session, owner_id=owner_id):
        contact, item = row.contact, row.item
        if contact is not None:
            contact_name = (f"{contact.name_ja} ({contact.name})"
                            if language == "ja" and contact.name_ja else contact.name)
            organisation = contact.organisation.name
        else:
            contact_name = ""
            organisation = (item.organisation.name
                            if item is not None and item.organisation is not None else "")
        meeting = ""
        if item is not None:
            meeting = item.title_ja if language == "ja" and item.title_ja else item.title
        goal = ""
        if row.goal is not None:
            goal = row.goal.title_ja if language == "ja" and row.goal.title_ja else row.goal.title
        rows.append([
            row.description, owner_text(row, tour, language), contact_name, organisation,
            meeting, to_local(item.start, item.zone).date() if item is not None else None,
            goal, row.due, translate(STATUS_WORDS[row.status], language),
            yes if row.overdue_on(today) else no, row.completed, row.notes])
    return rows


def write_follow_ups_xlsx(session: Session, path: Path, *,
                          owner_id: int | _AllOwners | None = ALL_OWNERS,
                          language: str = "en", today: date | None = None,
                          force: bool = False) -> int:
    """Write the follow-ups (one owner's, the coordinator's with None, everyone's by default)
    as one sheet of an Excel workbook, a row per follow-up, the headers in *language*; returns
    the number of rows. Every text cell is a string, never a formula, whatever it starts with;
    the header is frozen and filters sit on it. *today*: for the "overdue" column (the tour's
    home zone's today by default). Written whole or not at all (refuses an existing file
    unless *force*)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    if Path(path).suffix.lower() != ".xlsx":
        raise InputError(f"{path}: the follow-ups sheet is an .xlsx file")
    rows = sheet_rows(session, owner_id=owner_id, language=language, today=today)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = translate(N_("Follow-ups"), language)[:31]
    sheet.append([translate(header, language) for header, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(values)
    for cells in sheet.iter_rows(min_row=2):
        for index, cell in enumerate(cells):
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif index in _DATE_COLUMNS and cell.value is not None:
                cell.number_format = _DATE_FORMAT
                cell.alignment = Alignment(vertical="top")
    for number, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    buffer = io.BytesIO()  # built in memory, written in one go (as the directory's export)
    workbook.save(buffer)
    with atomic_destination(Path(path), force=force) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return len(rows)
