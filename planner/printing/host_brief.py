"""The host brief: one or two pages a host receives before the visit.

Who is coming (names, roles, languages), what they want to learn from this host, and the agenda
of the visit. Nothing internal: no notes, no other hosts, no dietary needs, no e-mail addresses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.formatting import format_day, item_time_text, language_names, traveller_name
from planner.goals import SERVES, match
from planner.messages import N_, translate
from planner.model import AgendaItem, ItemKind, ItemStatus, LearningGoal, Organisation, Traveller
from planner.printing.layout import Document, bookmarked, build, para
from planner.printing.layout import styles as paragraph_styles
from planner.queries import load_tour

TEXT = {
    "title": N_("Visit of {delegation}"), "for": N_("Briefing for {host}"),
    "agenda": N_("Agenda of the visit"), "coming": N_("Who is coming"),
    "learn": N_("What we hope to learn from you"),
    "questions": N_("Questions we would like to discuss"),
    "languages": N_("Languages"), "interpreter": N_("An interpreter accompanies the delegation."),
    "none": N_("No visit is planned yet."),
    "brief": N_("Host brief"),
}


def build_host_brief(session: Session, organisation: Organisation, path: Path, *,
                     language: str = "en", paper: str = "a4") -> int:
    """Write the host brief for *organisation* to *path*; returns the number of pages."""
    styles = paragraph_styles(language)
    tour = load_tour(session)

    def say(key: str, **values: Any) -> str:
        return translate(TEXT[key], language).format(**values)

    visits = [i for i in session.scalars(
        select(AgendaItem).options(selectinload(AgendaItem.attendees),
                                   selectinload(AgendaItem.goals))
        .where(AgendaItem.organisation_id == organisation.id).order_by(AgendaItem.start))
        if i.status is not ItemStatus.CANCELLED]
    delegation = tour.title_ja if language == "ja" and tour.title_ja else tour.title
    story: list[Any] = [para(say("title", delegation=delegation), styles["title"]),
                        para(say("for", host=organisation.name), styles["meta"]),
                        Spacer(1, 5 * mm), para(say("agenda"), styles["title"])]
    if not visits:
        story.append(para(say("none"), styles["cell"]))
    days = set()
    for visit in visits:
        title = visit.title_ja if language == "ja" and visit.title_ja else visit.title
        place = visit.place.name + (f", {visit.place.address}" if visit.place and
                                    visit.place.address else "") if visit.place else ""
        line = para(f"{format_day(visit.day, language)}  {item_time_text(visit)}  {title}",
                    styles["cell"])
        if visit.day not in days:  # a bookmark per day, at its first visit
            days.add(visit.day)
            line = bookmarked(line, format_day(visit.day, language))
        story.append(line)
        if place:
            story.append(para(place, styles["meta"]))
    travellers: list[Traveller] = []
    for visit in visits:
        for person in visit.attendees:
            if person not in travellers:
                travellers.append(person)
    story += [Spacer(1, 5 * mm), para(say("coming"), styles["title"])]
    for person in travellers:
        name = traveller_name(person, language)
        role = ", ".join(x for x in (person.role, person.company) if x)
        languages = language_names(person.languages, language)  # 日本語、英語, not ja, en
        story.append(para(f"{name} — {role}" + (f" · {say('languages')}: {languages}"
                                              if languages else ""), styles["cell"]))
    if any(v.interpreter_booked for v in visits):
        story.append(para(say("interpreter"), styles["meta"]))
    goals = {g.id: g for v in visits for g in v.goals}
    for goal in session.scalars(select(LearningGoal)):
        if goal.id not in goals and match(goal, organisation).score >= SERVES and \
                (goal.traveller is None or goal.traveller in travellers):
            goals[goal.id] = goal
    story += [Spacer(1, 5 * mm), para(say("learn"), styles["title"])]
    for goal in sorted(goals.values(), key=lambda g: -g.priority):
        text = goal.title_ja if language == "ja" and goal.title_ja else goal.title
        story.append(para(f"• {text}", styles["cell"]))
    questions = [q for v in visits if v.kind is ItemKind.MEETING for q in v.questions]
    if questions:
        story += [Spacer(1, 5 * mm), para(say("questions"), styles["title"])]
        story += [para(f"• {q}", styles["cell"]) for q in questions]
    document = Document(str(path), paper=paper, language=language,
                        title=say("for", host=organisation.name), author=tour.coordinator,
                        subject=say("brief"), leftMargin=18 * mm, rightMargin=18 * mm,
                        topMargin=18 * mm)
    return build(document, story, delegation, language)
