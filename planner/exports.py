"""The tour's calendar (.ics), printed (PDF) and notes-sheet (.xlsx) files, written the one way
the command line (``export-ics``, ``export-pdf``, ``export-notes``) and the desktop program's
export dialogs both use.

Each file is written to a temporary name beside its destination and renamed when complete
(:func:`planner.atomicfile.atomic_destination`), so a failed or cancelled export leaves nothing.
``before_replace`` is called with the complete file still under its temporary name: the last
moment a caller (the desktop program, when the user cancelled) can refuse it by raising.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from planner.atomicfile import atomic_destination
from planner.errors import InputError
from planner.model import AgendaItem, ItemStatus, Organisation, Traveller

#: What ``export-pdf --kind`` can print.
PDF_KINDS = ("agenda", "book", "host-brief", "debrief")
#: Paper sizes (``planner.printing.layout.PAPERS``).
PAPERS = ("a4", "letter")


def write_ics(session: Session, path: Path, *, traveller: Traveller | None = None,
              alarm_minutes: int = 15, with_phones: bool = False, include_ideas: bool = False,
              force: bool = False, before_replace: Callable[[], None] | None = None) -> int:
    """Write the tour (or *traveller*'s items) as an .ics file; returns the number of events.

    *alarm_minutes* 0 means no reminder; idea items are left out unless *include_ideas*. Raises
    :class:`InputError` for a negative reminder, and for a destination that exists (unless
    *force*) or whose folder does not.
    """
    from planner.calendar.ics import IcsOptions, calendar, to_bytes

    if alarm_minutes < 0:
        raise InputError("a reminder is given in minutes before the event (0 for none)")
    cal = calendar(session, traveller, IcsOptions(alarm_minutes, with_phones, include_ideas))
    data = to_bytes(cal)
    with atomic_destination(path, force=force) as tmp:
        tmp.write_bytes(data)
        if before_replace is not None:
            before_replace()
    return len(cal.walk("VEVENT"))


def write_pdf(session: Session, path: Path, kind: str = "agenda", *, language: str = "en",
              traveller: Traveller | None = None, host: Organisation | None = None,
              paper: str = "a4", force: bool = False, today: date | None = None,
              before_replace: Callable[[], None] | None = None) -> int:
    """Print the agenda, the briefing book, a host brief or the debrief as PDF; returns the
    number of pages.

    *traveller* narrows the agenda and the book to that person's items; a host brief is for
    *host* (required) and the whole delegation; the debrief is the whole tour's, as of *today*
    (what is overdue; default: today in the tour's home zone).
    """
    from planner.printing.agenda import build_agenda
    from planner.printing.book import build_book
    from planner.printing.host_brief import build_host_brief

    if kind not in PDF_KINDS:
        raise InputError(f"{kind!r}: a PDF is one of {', '.join(PDF_KINDS)}")
    if paper not in PAPERS:
        raise InputError(f"{paper!r}: the paper is one of {', '.join(PAPERS)}")
    if kind == "host-brief" and host is None:
        raise InputError("a host brief needs the organisation it is for")
    with atomic_destination(path, force=force) as tmp:
        if kind == "debrief":
            from planner.debrief.follow_ups import home_today
            from planner.printing.debrief import build_debrief

            pages = build_debrief(session, tmp, language=language, paper=paper,
                                  today=today or home_today(session))
        elif kind == "host-brief":
            assert host is not None
            pages = build_host_brief(session, host, tmp, language=language, paper=paper)
        elif kind == "book":
            pages = build_book(session, tmp, language=language, traveller=traveller,
                               paper=paper)
        else:
            pages = build_agenda(session, tmp, language=language, traveller=traveller,
                                 paper=paper)
        if before_replace is not None:
            before_replace()
    return pages


def hosts() -> Select[Organisation]:
    """The organisations a host brief can be printed for: those receiving the delegation
    (an agenda item of theirs that is not cancelled), by name."""
    receiving = select(AgendaItem.organisation_id).where(
        AgendaItem.organisation_id.is_not(None), AgendaItem.status != ItemStatus.CANCELLED)
    return select(Organisation).where(Organisation.id.in_(receiving)).order_by(
        Organisation.name, Organisation.id)
