"""Learning goals: how well each host serves each goal, and which goals the plan covers.

A goal's *match* with an organisation (0 to 1) comes from its topics: each goal topic found
among the organisation's topics counts fully, one found only in its description counts half; an
organisation whose kind fits the goal (investors for venture goals, universities for spin-offs...)
earns a small bonus. Topics are compared as concepts of the topic vocabulary
(:mod:`planner.topics`): ``製造業`` on a host matches a goal's ``manufacturing``, and a
description mentions a topic in any of its words. Every match explains itself ("matches on
mobility, battery"). The coordinator's own judgement wins: an override is stored per goal and
organisation.

*Coverage* counts the planned meetings that serve each goal. The coverage score is the
priority-weighted share of goals served by at least one meeting; for planning, a goal's value
diminishes with every further meeting that serves it (1, 1/2, 1/4...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.model import (
    AgendaItem,
    GoalMatch,
    ItemKind,
    ItemStatus,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Traveller,
)
from planner.topics import keyed, keys, label, mentioned, searchable

#: A match at least this strong makes an organisation a host for the goal.
SERVES = 0.3
#: Each further meeting for the same goal is worth this share of the previous one.
DECAY = 0.5

_KIND_TOPICS: dict[OrganisationKind, set[str]] = {  # concepts' keys (planner.topics.key)
    OrganisationKind.INVESTOR: {"cvc", "deal-flow", "venture-client", "investment",
                                "venture-capital"},
    OrganisationKind.ACCELERATOR: {"venture-client", "open-innovation", "spin-off", "culture"},
    OrganisationKind.UNIVERSITY: {"university", "spin-off", "tech-transfer", "research"},
    OrganisationKind.RESEARCH: {"tech-transfer", "research", "deep-tech"},
    OrganisationKind.PUBLIC_AGENCY: {"public-funding", "policy", "soft-landing"},
    OrganisationKind.HUB: {"ecosystem", "culture", "deal-flow"},
    OrganisationKind.STARTUP: {"deal-flow", "culture"},
    OrganisationKind.SCALEUP: {"deal-flow", "culture"},
    OrganisationKind.CORPORATE: {"open-innovation", "venture-client"},
}


@dataclass(frozen=True)
class Match:
    """How well an organisation serves a goal, and why."""

    score: float
    topics: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()
    kind_fits: bool = False
    overridden: bool = False

    def explanation(self) -> str:
        if self.overridden:
            return f"set by the coordinator to {self.score:.0%}"
        parts = []
        if self.topics:
            parts.append("matches on " + ", ".join(label(t, "en") for t in self.topics))
        if self.mentioned:
            parts.append("its description mentions "
                         + ", ".join(label(t, "en") for t in self.mentioned))
        if self.kind_fits:
            parts.append("its kind fits the goal")
        return "; ".join(parts) or "no common topic"


def match(goal: LearningGoal, organisation: Organisation,
          override: float | None = None) -> Match:
    """The match of *goal* with *organisation* (an *override* replaces the computed score).
    The goal's topics are counted once per concept; :attr:`Match.topics` and
    :attr:`Match.mentioned` are the goal's topics as typed."""
    if override is not None:
        return Match(override, overridden=True)
    topics = keyed(goal.topics)
    if not topics:
        return Match(0.0)
    own = keys(organisation.topics)
    text = searchable(organisation.description)
    shared = tuple(t for t, k in topics if k in own)
    in_text = tuple(t for t, k in topics if k not in own and mentioned(t, text))
    fitting = _KIND_TOPICS.get(organisation.kind, ())
    kind_fits = any(k in fitting for _, k in topics)
    raw = (len(shared) + 0.5 * len(in_text)) / len(topics) + (0.1 if kind_fits else 0.0)
    return Match(round(min(1.0, raw), 3), shared, in_text, kind_fits)


def overrides(session: Session) -> dict[tuple[int, int], float]:
    """The coordinator's overrides: (goal id, organisation id) -> score."""
    return {(m.goal_id, m.organisation_id): m.score for m in session.scalars(select(GoalMatch))}


def set_override(session: Session, goal_id: int, organisation_id: int,
                 score: float | None) -> None:
    """Set (or, with None, remove) the coordinator's match of a goal and an organisation."""
    existing = session.get(GoalMatch, (goal_id, organisation_id))
    if score is None:
        if existing is not None:
            session.delete(existing)
        return
    if not 0.0 <= score <= 1.0:
        raise ValueError("a match is between 0 and 1")
    if existing is None:
        session.add(GoalMatch(goal_id=goal_id, organisation_id=organisation_id, score=score))
    else:
        existing.score = score


def match_table(session: Session) -> dict[tuple[int, int], Match]:
    """Every goal's match with every organisation that serves it at all."""
    fixed = overrides(session)
    goals = session.scalars(select(LearningGoal)).all()
    table = {}
    for org in session.scalars(select(Organisation)):
        for goal in goals:
            found = match(goal, org, fixed.get((goal.id, org.id)))
            if found.score > 0:
                table[(goal.id, org.id)] = found
    return table


# --- coverage -----------------------------------------------------------------------------------

@dataclass
class GoalCoverage:
    """One goal and the planned meetings that serve it."""

    goal: LearningGoal
    meetings: list[AgendaItem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"goal": self.goal.title, "goal_id": self.goal.id,
                "traveller": self.goal.traveller.name if self.goal.traveller else None,
                "priority": self.goal.priority, "meetings": [m.uid for m in self.meetings]}


@dataclass
class Coverage:
    """Which goals the plan serves, for the delegation or one traveller."""

    goals: list[GoalCoverage]

    @property
    def score(self) -> float:
        """Priority-weighted share of goals served by at least one meeting (0 to 1)."""
        total = sum(g.goal.priority for g in self.goals)
        served = sum(g.goal.priority for g in self.goals if g.meetings)
        return served / total if total else 1.0

    @property
    def uncovered(self) -> list[GoalCoverage]:
        return [g for g in self.goals if not g.meetings]

    def as_json(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "goals": [g.as_json() for g in self.goals],
                "uncovered": [g.as_json() for g in self.uncovered]}


def goal_value(priority: int, served: int) -> float:
    """What one more meeting for a goal of *priority* is worth after *served* meetings."""
    return float(priority) * DECAY ** served


def planned_meetings(session: Session, traveller: Traveller | None = None) -> list[AgendaItem]:
    """The meetings that count for coverage, in time order: not cancelled, and with *traveller*
    only those they attend (a meeting with no attendees listed is everyone's). Their goals,
    attendees and host organisation are loaded."""
    meetings = session.scalars(
        select(AgendaItem).options(selectinload(AgendaItem.goals),
                                   selectinload(AgendaItem.attendees),
                                   selectinload(AgendaItem.organisation))
        .where(AgendaItem.kind == ItemKind.MEETING, AgendaItem.status != ItemStatus.CANCELLED)
        .order_by(AgendaItem.start, AgendaItem.id)).all()
    return [item for item in meetings
            if traveller is None or not item.attendees or traveller in item.attendees]


def coverage(session: Session, traveller: Traveller | None = None) -> Coverage:
    """The goals (the traveller's and the delegation's, or all) and the meetings serving them."""
    goals_query = select(LearningGoal).options(selectinload(LearningGoal.traveller)) \
        .order_by(LearningGoal.priority.desc(), LearningGoal.id)
    goals = [g for g in session.scalars(goals_query)
             if traveller is None or g.traveller_id in (None, traveller.id)]
    result = [GoalCoverage(g) for g in goals]
    by_id = {g.goal.id: g for g in result}
    for item in planned_meetings(session, traveller):
        for goal in item.goals:
            if goal.id in by_id:
                by_id[goal.id].meetings.append(item)
    return Coverage(result)


def served_goals(table: dict[tuple[int, int], Match], organisation_id: int,
                 goal_ids: Iterable[int]) -> list[int]:
    """The goals among *goal_ids* that a meeting with the organisation serves."""
    return [g for g in goal_ids
            if (g, organisation_id) in table and table[(g, organisation_id)].score >= SERVES]
