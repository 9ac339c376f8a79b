"""Read-side questions about a tour, answered as SQLAlchemy ``Select`` objects or plain values.

The UI and the CLI never build SQL themselves; they call these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from planner.errors import InputError, NameNotFound
from planner.folding import fold, named
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    Contact,
    LearningGoal,
    Organisation,
    Place,
    Stay,
    Tour,
    Traveller,
    item_attendees,
    item_hosts,
)


def load_tour(session: Session) -> Tour:
    """The tour of this database (there is exactly one)."""
    tour = session.get(Tour, 1)
    if tour is None:
        raise InputError("the database holds no tour")
    return tour


def agenda_items(traveller: Traveller | None = None) -> Select[AgendaItem]:
    """All agenda items in time order, with what a list view shows loaded eagerly.

    With *traveller*, only the items that traveller attends.
    """
    query = (
        select(AgendaItem)
        .options(
            selectinload(AgendaItem.place),
            selectinload(AgendaItem.destination),
            selectinload(AgendaItem.organisation),
            selectinload(AgendaItem.attendees),
        )
        .order_by(AgendaItem.start, AgendaItem.end, AgendaItem.id)
    )
    if traveller is not None:
        query = query.where(AgendaItem.id.in_(
            select(item_attendees.c.item_id).where(item_attendees.c.traveller_id == traveller.id)
        ))
    return query


def items_by_day(items: list[AgendaItem]) -> dict[date, list[AgendaItem]]:
    """Group time-ordered items by the local date they start on."""
    days: dict[date, list[AgendaItem]] = {}
    for item in items:
        days.setdefault(item.day, []).append(item)
    return days


def find_traveller(session: Session, query: str) -> Traveller:
    """The one traveller whose Latin name, Japanese name or e-mail *query* names, as every
    record is found (:func:`planner.folding.named`: folded, an exact match before a part of a
    name). Raises :class:`NameNotFound` (listing the candidates) when nothing or more than one
    matches.
    """
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id)))
    wanted = fold(query)
    if not wanted:
        raise NameNotFound("traveller", query, [t.name for t in travellers], ambiguous=False)

    matches = named(wanted, travellers, lambda t: (t.name, t.name_ja, t.email))
    if len(matches) == 1:
        return matches[0]
    raise NameNotFound("traveller", query, [_label(t) for t in matches or travellers],
                       ambiguous=bool(matches))


def _label(traveller: Traveller) -> str:
    extra = " / ".join(x for x in (traveller.name_ja, traveller.email) if x)
    return f"{traveller.name} ({extra})" if extra else traveller.name


@dataclass
class TourSummary:
    """What ``ecovisit info`` prints: the tour at a glance."""

    title: str
    title_ja: str
    start_date: date
    end_date: date
    days: int
    cities: list[str]
    travellers: list[str]
    goals: int
    organisations: int
    items: int
    items_by_kind: dict[str, int] = field(default_factory=dict)
    items_by_status: dict[str, int] = field(default_factory=dict)
    revision: int = 1

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        data = dict(self.__dict__)
        data["start_date"] = self.start_date.isoformat()
        data["end_date"] = self.end_date.isoformat()
        return data


def route_cities(session: Session) -> list[str]:
    """The cities of the tour in visiting order: from the hotel nights, else from the agenda."""
    cities: list[str] = []
    stays = session.scalars(select(Stay).options(selectinload(Stay.place))
                            .order_by(Stay.check_in))
    for stay in stays:
        if stay.place.city and (not cities or cities[-1] != stay.place.city):
            cities.append(stay.place.city)
    if cities:
        return cities
    for item in session.scalars(agenda_items()):
        city = item.place.city if item.place else ""
        if city and (not cities or cities[-1] != city):
            cities.append(city)
    return cities


def tour_summary(session: Session, traveller: Traveller | None = None) -> TourSummary:
    """Counts and names that describe the tour (or one traveller's part of it)."""
    tour = load_tour(session)
    items = list(session.scalars(agenda_items(traveller)))
    travellers = ([traveller] if traveller is not None else
                  list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                  Traveller.id))))
    goal_query = select(func.count()).select_from(LearningGoal)
    if traveller is not None:
        goal_query = goal_query.where(LearningGoal.traveller_id == traveller.id)
    return TourSummary(
        title=tour.title,
        title_ja=tour.title_ja,
        start_date=tour.start_date,
        end_date=tour.end_date,
        days=len(tour.days),
        cities=route_cities(session),
        travellers=[t.name for t in travellers],
        goals=session.scalar(goal_query) or 0,
        organisations=session.scalar(select(func.count()).select_from(Organisation)) or 0,
        items=len(items),
        items_by_kind=dict(Counter(str(i.kind.value) for i in items)),
        items_by_status=dict(Counter(str(i.status.value) for i in items)),
        revision=tour.revision,
    )


#: The records a list shows, by kind, with what their rows display loaded eagerly (the GUI reads
#: them on a worker thread and shows them detached from any session).
def records(kind: str, keys: Iterable[int] | None = None) -> Select[Any]:
    """The *kind* records (all, or those with primary keys *keys*) in list order."""
    query: Select[Any]
    if kind == "organisation":
        query = select(Organisation).options(
            selectinload(Organisation.place), selectinload(Organisation.availability)).order_by(
            Organisation.name, Organisation.id)
        entity: Any = Organisation
    elif kind == "contact":
        query = select(Contact).options(selectinload(Contact.organisation)).order_by(
            Contact.name, Contact.id)
        entity = Contact
    elif kind == "traveller":
        query = select(Traveller).order_by(Traveller.position, Traveller.id)
        entity = Traveller
    elif kind == "goal":
        query = select(LearningGoal).options(selectinload(LearningGoal.traveller)).order_by(
            LearningGoal.traveller_id.is_(None), LearningGoal.traveller_id, LearningGoal.id)
        entity = LearningGoal
    elif kind == "place":
        query = select(Place).order_by(Place.name, Place.id)
        entity = Place
    elif kind == "stay":
        query = select(Stay).options(selectinload(Stay.place)).order_by(Stay.check_in, Stay.id)
        entity = Stay
    elif kind == "availability":
        query = select(AvailabilityWindow).options(
            selectinload(AvailabilityWindow.organisation)).order_by(
            AvailabilityWindow.start, AvailabilityWindow.id)
        entity = AvailabilityWindow
    elif kind == "item":  # with the hosts' availability, which the checks and timeline use
        query = agenda_items().options(
            selectinload(AgendaItem.organisation).selectinload(Organisation.availability))
        return query.where(AgendaItem.id.in_(list(keys))) if keys is not None else query
    else:
        raise ValueError(f"unknown kind of record {kind!r}")
    if keys is not None:
        query = query.where(entity.id.in_(list(keys)))
    return query


def dependents(session: Session, kind: str, keys: Iterable[int]) -> dict[str, set[int]]:
    """Records whose rows show something of the *kind* records *keys* (an organisation's name
    appears in its contacts' rows and its meetings' rows; a traveller's in their goals' and
    attendances' rows)."""
    keys = list(keys)
    if not keys:
        return {}
    if kind == "organisation":
        return {"contact": set(session.scalars(select(Contact.id).where(
                    Contact.organisation_id.in_(keys)))),
                "item": set(session.scalars(select(AgendaItem.id).where(
                    AgendaItem.organisation_id.in_(keys))))}
    if kind == "traveller":
        return {"goal": set(session.scalars(select(LearningGoal.id).where(
                    LearningGoal.traveller_id.in_(keys)))),
                "item": set(session.scalars(select(item_attendees.c.item_id).where(
                    item_attendees.c.traveller_id.in_(keys))))}
    if kind == "contact":
        return {"item": set(session.scalars(select(item_hosts.c.item_id).where(
                    item_hosts.c.contact_id.in_(keys))))}
    return {}
