"""A debrief entered as a coordinator enters it after the tour (learnings with goals and
speakers, takeaways, a partner candidate, ratings, follow-ups with owners, hosts and due days,
goal outcomes, the vision after), through the editor's generic records: for the demo (when it
has no debrief of its own yet) and for a tour built from nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner import edits
from planner.model import AgendaItem, ItemKind, ItemStatus, Learning, LearningGoal, Traveller


def add(session: Session, what: str, /, **values: Any) -> int:
    """A new record of the kind *what* (its values as typed), its key."""
    return int(edits.add_record(session, what, values).value)


def has_debrief(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Learning)))


def debrief_demo(session: Session) -> None:
    """A debrief of the demo tour: its meetings, travellers, goals and hosts."""
    items = {i.organisation.name: i for i in session.scalars(select(AgendaItem))
             if i.organisation is not None and i.kind is ItemKind.MEETING}
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.id)))
    kenji, yumiko, hiroshi, aiko = (t.id for t in travellers[:4])
    edits.set_fields(session, "tour", 1, {
        "vision_after": "Work with European startups as a venture client first, invest second; "
                        "open a small outpost in Munich in 2028.",
        "vision_after_ja": "まずベンチャークライアントとして欧州スタートアップと協業し、投資は"
                           "その次に。2028年にミュンヘンに小さな拠点を開く。"})
    bmw, utum, finland = items["BMW Group"], items["UnternehmerTUM"], items["Business Finland"]
    siemens, project_a = items["Siemens AG"], items["Project A Ventures"]
    add(session, "learning", item_id=utum.id, goal_id=1, traveller_id=hiroshi,
        text="A venture client buys the startup's product first: a pilot in 90 days, "
             "no equity, a purchase order the business unit signs.", tag="business_model")
    add(session, "learning", item_id=utum.id, goal_id=1, traveller_id=kenji,
        text="UnternehmerTUM could run our first venture-client programme in Munich.",
        tag="partner_candidate", next_step="Ask for a proposal for a 6-month programme.")
    add(session, "learning", item_id=bmw.id, goal_id=4, traveller_id=kenji,
        text="BMW separates the vehicle's software release train from the hardware's.",
        tag="technology")
    add(session, "learning", item_id=bmw.id, goal_id=1,
        text="The Startup Garage's contract template fits on two pages.")
    add(session, "learning", item_id=finland.id, goal_id=7, traveller_id=yumiko,
        text="Business Finland co-funds pilots of foreign corporates with Finnish startups.",
        tag="trend")
    add(session, "learning", item_id=siemens.id, goal_id=11, traveller_id=aiko,
        text="Process mining paid back in under a year in two of Siemens' plants.",
        tag="technology")
    add(session, "learning", item_id=project_a.id, goal_id=9, traveller_id=hiroshi,
        text="Project A shares its deal flow with corporate LPs.",
        tag="partner_candidate", next_step="Meet their partner for LP relations in Tokyo.")
    add(session, "learning", item_id=project_a.id, traveller_id=hiroshi,
        text="Portfolio support needs 40 people; we cannot copy it.", tag="risk")
    edits.set_fields(session, "item", utum.id, {
        "learnings": "The venture-client model suits our business units better than CVC."})
    for item, scores in ((utum, (5, 5, 4)), (bmw, (4, 4, 5)), (finland, (3, 4, 3)),
                         (siemens, (4, 3, 4)), (project_a, (3, 3, 2))):
        for who, score in zip((kenji, yumiko, hiroshi), scores, strict=True):
            add(session, "rating", item_id=item.id, traveller_id=who, score=score,
                recommend="yes" if score >= 4 else "no")
    utum_contact, bmw_contact = utum.hosts[0], bmw.hosts[0]
    add(session, "follow_up", description="Send UnternehmerTUM our three pilot topics",
        owner_id=hiroshi, contact_id=utum_contact.id, item_id=utum.id, goal_id=1,
        due="2027-03-20")
    add(session, "follow_up", description="Share the BMW contract template with legal",
        owner_id=kenji, contact_id=bmw_contact.id, item_id=bmw.id, goal_id=1,
        due="2027-04-30")
    add(session, "follow_up", description="Book the board slot for the debrief",
        due="2027-03-15", status="done")
    add(session, "follow_up", description="Introduce Business Finland to our R&D centre",
        owner_id=yumiko, contact_id=finland.hosts[0].id, item_id=finland.id, goal_id=7)
    for goal_id, outcome, summary in (
            (1, "answered", "Venture clients first: a 90-day pilot, no equity."),
            (4, "partly", "BMW's release train; the supplier side is still open."),
            (7, "partly", "Finland and Germany co-fund; France not seen.")):
        edits.set_fields(session, "goal", goal_id, {"outcome": outcome,
                                                    "outcome_summary": summary})


def debrief_fresh(session: Session) -> None:
    """A debrief of :func:`tests.printed_pdf.fresh_tour` (one traveller, one goal, one host
    organisation without contacts): a contact with a hostile name, learnings, ratings and
    follow-ups, one overdue."""
    contact = add(session, "contact", organisation_id=1, name='Zoë "Z" <Ö> Müller',
                  name_ja="ミュラー ゾエ", role="Head of Funding",
                  email="zoe@agency.example", languages="de, en")
    meetings = [i for i in session.scalars(select(AgendaItem).order_by(AgendaItem.start))
                if i.status is ItemStatus.CONFIRMED][:3]
    goal = session.scalars(select(LearningGoal)).first()
    assert goal is not None
    for n, item in enumerate(meetings):
        edits.set_fields(session, "item", item.id, {"hosts": [contact]})
        add(session, "learning", item_id=item.id, goal_id=goal.id, traveller_id=1,
            text=f"Grants cover {40 + 10 * n} % of a pilot; <b>bold</b> & more.",
            tag="trend" if n else "partner_candidate",
            next_step="Apply for the 2028 call" if not n else "")
        add(session, "rating", item_id=item.id, traveller_id=1, score=5 - n,
            recommend="yes")
    add(session, "follow_up", description="Apply for the Agency's pilot grant",
        owner_id=1, contact_id=contact, item_id=meetings[0].id, goal_id=goal.id,
        due=str(date(2027, 3, 20)))
    add(session, "follow_up", description="Write the board memo", due=str(date(2027, 4, 20)))
    edits.set_fields(session, "goal", goal.id, {"outcome": "answered",
                                                "outcome_summary": "Grants co-fund pilots."})
    edits.set_fields(session, "tour", 1, {"vision_after": "Apply for public co-funding.",
                                          "vision_after_ja": "公的な共同資金に応募する。"})
