"""The delegation's follow-ups as they are read: the one query behind the follow-ups panel, the
command line, the debrief report and the exports, and the follow-ups sheet (xlsx)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.model import Contact, FollowUp, FollowUpStatus


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
        selectinload(FollowUp.item),
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
