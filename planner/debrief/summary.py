"""The debrief as one read of the tour: what the printed report, the thank-you letters, the
window's Debrief view and the command line show of the tour's outcome.

:func:`debrief` reads everything in one go and returns frozen records (no ORM object escapes,
so a caller may close the session and keep the answer): the tour's visions before and after,
each learning goal with its outcome and the learnings that served it, the meetings ranked by
the delegation's ratings, the partner candidates flagged by the takeaways, the follow-ups (the
one query, :func:`planner.debrief.follow_ups.follow_ups`) and the people met.

Every name comes in both scripts (``name`` and ``name_ja``, the latter empty when unknown), so
that a reader of either language picks the one she reads; :func:`pick` does it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.debrief.follow_ups import follow_ups as follow_up_rows
from planner.messages import N_, translate
from planner.model import (
    AgendaItem,
    Contact,
    FollowUpStatus,
    GoalOutcome,
    ItemStatus,
    Learning,
    LearningGoal,
    Rating,
    TakeawayTag,
    Traveller,
)
from planner.queries import load_tour

#: How a takeaway's tag, a goal's outcome and a follow-up's status read (the report, the
#: letters, the command line and the window say the same words).
TAG_WORDS = {TakeawayTag.TREND: N_("trend"), TakeawayTag.TECHNOLOGY: N_("technology"),
             TakeawayTag.BUSINESS_MODEL: N_("business model"),
             TakeawayTag.PARTNER_CANDIDATE: N_("partner candidate"),
             TakeawayTag.RISK: N_("risk"), TakeawayTag.OTHER: N_("other takeaway")}
OUTCOME_WORDS = {GoalOutcome.ANSWERED: N_("answered"), GoalOutcome.PARTLY: N_("partly answered"),
                 GoalOutcome.OPEN: N_("still open")}
STATUS_WORDS = {FollowUpStatus.OPEN: N_("open"), FollowUpStatus.DONE: N_("done"),
                FollowUpStatus.DROPPED: N_("dropped")}
OVERDUE_WORD = N_("overdue")


def tag_text(tag: TakeawayTag | str, language: str = "en") -> str:
    """A takeaway's tag as a word of *language* (``パートナー候補``)."""
    return translate(TAG_WORDS[TakeawayTag(tag)], language)


def outcome_text(outcome: GoalOutcome | str, language: str = "en") -> str:
    """A goal's outcome as words of *language*."""
    return translate(OUTCOME_WORDS[GoalOutcome(outcome)], language)


def status_text(status: FollowUpStatus | str, language: str = "en", *,
                overdue: bool = False) -> str:
    """A follow-up's status as a word of *language* (``overdue`` for an open one past due)."""
    if overdue:
        return translate(OVERDUE_WORD, language)
    return translate(STATUS_WORDS[FollowUpStatus(status)], language)


def pick(english: str, japanese: str, language: str) -> str:
    """*japanese* for a Japanese reader when there is one, else *english*."""
    return japanese if language == "ja" and japanese else english


@dataclass(frozen=True)
class Person:
    """A traveller as the debrief names her (``id`` None: the delegation or the coordinator)."""

    id: int | None
    name: str
    name_ja: str = ""
    role: str = ""
    company: str = ""

    def text(self, language: str = "en") -> str:
        return pick(self.name, self.name_ja, language)


@dataclass(frozen=True)
class MeetingRef:
    """Which meeting something comes from."""

    id: int
    title: str
    title_ja: str
    day: date
    start: datetime  # local, aware
    organisation_id: int | None
    organisation: str
    organisation_ja: str

    def text(self, language: str = "en") -> str:
        return pick(self.title, self.title_ja, language)

    def host_text(self, language: str = "en") -> str:
        return pick(self.organisation, self.organisation_ja, language)


@dataclass(frozen=True)
class Learned:
    """One learning of a meeting: what was learned, who said it (``speaker`` None: the
    delegation), the goal it served, its takeaway tag (None: a plain learning) and, for a
    partner candidate, the next step."""

    id: int
    text: str
    tag: TakeawayTag | None
    next_step: str
    speaker: Person | None
    goal_id: int | None
    meeting: MeetingRef


@dataclass(frozen=True)
class GoalReport:
    """A learning goal after the tour: whose (``owner`` None: the delegation's), its priority,
    outcome and summary, and the learnings that served it (in the order of the meetings)."""

    id: int
    title: str
    title_ja: str
    description: str
    owner: Person | None
    priority: int
    outcome: GoalOutcome
    summary: str
    learnings: tuple[Learned, ...]
    #: The meetings planned for the goal (not cancelled), learnings or not.
    meetings: tuple[MeetingRef, ...]

    def text(self, language: str = "en") -> str:
        return pick(self.title, self.title_ja, language)


@dataclass(frozen=True)
class RatingReport:
    """One attendee's rating of a meeting."""

    by: Person
    score: int
    recommend: bool | None
    comment: str


@dataclass(frozen=True)
class MeetingReport:
    """A meeting held (not cancelled) with learnings or ratings: the delegation's ratings, the
    meeting's summary (what was learned, in a few lines) and its learnings and takeaways."""

    meeting: MeetingRef
    city: str
    attendees: tuple[Person, ...]
    #: Mean of the scores (None: nobody rated it).
    average: float | None
    ratings: tuple[RatingReport, ...]
    #: How many raters would recommend the host to another delegation.
    recommend: int
    summary: str
    learnings: tuple[Learned, ...]

    @property
    def count(self) -> int:
        return len(self.ratings)

    @property
    def takeaways(self) -> tuple[Learned, ...]:
        return tuple(x for x in self.learnings if x.tag is not None)


@dataclass(frozen=True)
class PartnerCandidate:
    """An organisation a partner-candidate takeaway flagged, with the next steps and the
    meetings it was flagged at."""

    organisation_id: int
    name: str
    name_ja: str
    takeaways: tuple[Learned, ...]

    @property
    def next_steps(self) -> tuple[str, ...]:
        steps: list[str] = []
        for x in self.takeaways:
            if x.next_step and x.next_step not in steps:
                steps.append(x.next_step)
        return tuple(steps)

    @property
    def meetings(self) -> tuple[MeetingRef, ...]:
        seen: dict[int, MeetingRef] = {}
        for x in self.takeaways:
            seen.setdefault(x.meeting.id, x.meeting)
        return tuple(seen.values())

    def text(self, language: str = "en") -> str:
        return pick(self.name, self.name_ja, language)


@dataclass(frozen=True)
class HostContact:
    """A person met: a host contact of a meeting held."""

    id: int
    name: str
    name_ja: str
    role: str
    email: str
    phone: str
    languages: tuple[str, ...]
    organisation_id: int
    organisation: str
    organisation_ja: str
    meetings: tuple[MeetingRef, ...]

    def text(self, language: str = "en") -> str:
        return pick(self.name, self.name_ja, language)


@dataclass(frozen=True)
class FollowUpReport:
    """A follow-up: who (``owner.id`` None: the coordinator) does what, by when, with whom."""

    id: int
    description: str
    owner: Person
    contact: HostContactRef | None
    meeting: MeetingRef | None
    goal_id: int | None
    goal: str
    goal_ja: str
    due: date | None
    status: FollowUpStatus
    completed: date | None
    overdue: bool
    notes: str


@dataclass(frozen=True)
class HostContactRef:
    """The host contact on the other side of a follow-up."""

    id: int
    name: str
    name_ja: str
    email: str
    organisation_id: int
    organisation: str

    def text(self, language: str = "en") -> str:
        return pick(self.name, self.name_ja, language)


@dataclass(frozen=True)
class Debrief:
    """The tour's outcome, read on *today* (which decides what is overdue)."""

    today: date
    title: str
    title_ja: str
    start_date: date
    end_date: date
    coordinator: Person
    coordinator_phone: str
    coordinator_email: str
    vision: str
    vision_ja: str
    vision_after: str
    vision_after_ja: str
    goals: tuple[GoalReport, ...]
    #: Best rated first; meetings nobody rated after the rated ones, in time order.
    meetings: tuple[MeetingReport, ...]
    partner_candidates: tuple[PartnerCandidate, ...]
    #: Soonest due first (the one query's order).
    follow_ups: tuple[FollowUpReport, ...]
    #: The people met, by organisation then name.
    people: tuple[HostContact, ...]
    travellers: tuple[Person, ...]

    def text(self, language: str = "en") -> str:
        return pick(self.title, self.title_ja, language)

    def outcome_counts(self) -> dict[GoalOutcome, int]:
        """How many goals are answered, partly answered and open (every outcome present)."""
        counted = Counter(goal.outcome for goal in self.goals)
        return {outcome: counted.get(outcome, 0) for outcome in
                (GoalOutcome.ANSWERED, GoalOutcome.PARTLY, GoalOutcome.OPEN)}

    def open_follow_ups(self) -> tuple[FollowUpReport, ...]:
        return tuple(f for f in self.follow_ups if f.status is FollowUpStatus.OPEN)


def _person(traveller: Traveller | None) -> Person | None:
    if traveller is None:
        return None
    return Person(traveller.id, traveller.name, traveller.name_ja, traveller.role,
                  traveller.company)


def _meeting(item: AgendaItem) -> MeetingRef:
    host = item.organisation
    return MeetingRef(item.id, item.title, item.title_ja, item.day, item.local_start,
                      host.id if host else None, host.name if host else "",
                      host.name_ja if host else "")


def held(item: AgendaItem, debriefed: bool) -> bool:
    """Whether the delegation met this item's host: a confirmed item, or one not cancelled
    that someone wrote a learning or a rating of (it took place, whatever its status says)."""
    if item.status is ItemStatus.CANCELLED:
        return False
    return item.status is ItemStatus.CONFIRMED or debriefed


def debrief(session: Session, *, today: date) -> Debrief:
    """The tour's debrief, read from *session* in one go (see the module docstring)."""
    tour = load_tour(session)
    items = list(session.scalars(
        select(AgendaItem).options(selectinload(AgendaItem.organisation),
                                   selectinload(AgendaItem.place),
                                   selectinload(AgendaItem.attendees),
                                   selectinload(AgendaItem.hosts).selectinload(
                                       Contact.organisation),
                                   selectinload(AgendaItem.goals))
        .order_by(AgendaItem.start, AgendaItem.end, AgendaItem.id)))
    delegation = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id)))
    refs = {item.id: _meeting(item) for item in items}
    order = {item.id: n for n, item in enumerate(items)}
    learnings = sorted(session.scalars(select(Learning).options(
        selectinload(Learning.traveller))), key=lambda x: (order.get(x.item_id, 0),
                                                            x.position, x.id))
    ratings = list(session.scalars(select(Rating).options(selectinload(Rating.traveller))
                                   .order_by(Rating.id)))
    learned = [Learned(x.id, x.text, x.tag, x.next_step, _person(x.traveller), x.goal_id,
                       refs[x.item_id]) for x in learnings if x.item_id in refs]
    by_item: dict[int, list[Learned]] = {}
    for x in learned:
        by_item.setdefault(x.meeting.id, []).append(x)
    rated: dict[int, list[RatingReport]] = {}
    for r in ratings:
        rated.setdefault(r.item_id, []).append(RatingReport(
            Person(r.traveller.id, r.traveller.name, r.traveller.name_ja, r.traveller.role,
                   r.traveller.company), r.score, r.recommend, r.comment))
    cancelled = {item.id for item in items if item.status is ItemStatus.CANCELLED}

    meetings: list[MeetingReport] = []
    for item in items:
        mine, scores = by_item.get(item.id, []), rated.get(item.id, [])
        if item.id in cancelled or not (mine or scores or item.learnings.strip()):
            continue
        average = sum(r.score for r in scores) / len(scores) if scores else None
        attendees = tuple(p for p in map(_person, item.attending(delegation)) if p is not None)
        meetings.append(MeetingReport(
            refs[item.id], item.place.city if item.place else "", attendees, average,
            tuple(scores), sum(1 for r in scores if r.recommend), item.learnings.strip(),
            tuple(mine)))
    meetings.sort(key=lambda m: (m.average is None, -(m.average or 0), -m.count,
                                 -m.recommend, order[m.meeting.id]))

    goals: list[GoalReport] = []
    for goal in session.scalars(select(LearningGoal).options(
            selectinload(LearningGoal.traveller)).order_by(LearningGoal.id)):
        served = tuple(x for x in learned if x.goal_id == goal.id
                       and x.meeting.id not in cancelled)
        planned = tuple(refs[i.id] for i in items if i.id not in cancelled
                        and any(g.id == goal.id for g in i.goals))
        goals.append(GoalReport(goal.id, goal.title, goal.title_ja, goal.description,
                                _person(goal.traveller), goal.priority, goal.outcome,
                                goal.outcome_summary.strip(), served, planned))
    goals.sort(key=lambda g: (-g.priority, g.owner is not None,
                              g.owner.name.casefold() if g.owner else "", g.id))

    flagged: dict[int, list[Learned]] = {}
    names: dict[int, tuple[str, str]] = {}
    for x in learned:
        ref = x.meeting
        if x.tag is TakeawayTag.PARTNER_CANDIDATE and ref.organisation_id is not None \
                and ref.id not in cancelled:
            flagged.setdefault(ref.organisation_id, []).append(x)
            names[ref.organisation_id] = (ref.organisation, ref.organisation_ja)
    candidates = tuple(PartnerCandidate(key, *names[key], tuple(found))
                       for key, found in flagged.items())

    coordinator = Person(None, tour.coordinator)
    follow_ups: list[FollowUpReport] = []
    for row in follow_up_rows(session):
        contact = row.contact
        follow_ups.append(FollowUpReport(
            row.id, row.description, _person(row.owner) or coordinator,
            HostContactRef(contact.id, contact.name, contact.name_ja, contact.email,
                           contact.organisation_id, contact.organisation.name)
            if contact is not None else None,
            refs.get(row.item_id) if row.item_id is not None else None,
            row.goal_id, row.goal.title if row.goal else "",
            row.goal.title_ja if row.goal else "", row.due, row.status, row.completed,
            row.overdue_on(today), row.notes))

    met: dict[int, tuple[Contact, list[MeetingRef]]] = {}
    for item in items:
        if not held(item, bool(by_item.get(item.id) or rated.get(item.id))):
            continue
        for contact in item.hosts:
            met.setdefault(contact.id, (contact, []))[1].append(refs[item.id])
    people = tuple(sorted((HostContact(
        c.id, c.name, c.name_ja, c.role, c.email, c.phone, tuple(c.languages),
        c.organisation_id, c.organisation.name, c.organisation.name_ja, tuple(seen))
        for c, seen in met.values()), key=lambda h: (h.organisation.casefold(),
                                                     h.name.casefold(), h.id)))
    travellers = tuple(p for p in map(_person, session.scalars(
        select(Traveller).order_by(Traveller.position, Traveller.id))) if p is not None)
    return Debrief(today, tour.title, tour.title_ja, tour.start_date, tour.end_date,
                   coordinator, tour.coordinator_phone, tour.coordinator_email,
                   tour.vision.strip(), tour.vision_ja.strip(), tour.vision_after.strip(),
                   tour.vision_after_ja.strip(), tuple(goals), tuple(meetings), candidates,
                   tuple(follow_ups), people, travellers)
