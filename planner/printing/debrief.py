"""The debrief report: what the delegation hands to its board and to the colleagues who stayed
at home, in English or Japanese, with the book's fonts (embedded) and rules (user text escaped,
Japanese broken by kinsoku rules, metadata and /Lang, bookmarks).

An executive summary (the vision before and after side by side, how many goals were answered,
the partner candidates, the follow-ups due first), a page per learning goal (its outcome and
summary, then the learnings of each meeting that served it and who said them), the meetings
ranked by the delegation's ratings, the follow-ups by owner with their due days (overdue ones
marked), and the directory of the people met. Everything is read through
:func:`planner.debrief.summary.debrief`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from planner.debrief.summary import (
    Debrief,
    FollowUpReport,
    GoalReport,
    Learned,
    MeetingRef,
    MeetingReport,
    Person,
    debrief,
    outcome_text,
    status_text,
    tag_text,
)
from planner.formatting import bracketed, format_day
from planner.messages import N_, translate
from planner.model import FollowUpStatus, GoalOutcome
from planner.printing.fonts import register
from planner.printing.kinsoku import paragraph
from planner.printing.layout import PAPERS, Document, bookmarked, build, para
from planner.printing.layout import styles as paragraph_styles

T = {
    "report": N_("Debrief report"), "heading": N_("Debrief: {title}"),
    "summary": N_("Executive summary"),
    "before": N_("Vision before the tour"), "after": N_("Vision after the tour"),
    "no_vision": N_("(not written)"),
    "goals_line": N_("Learning goals: {answered} answered, {partly} partly answered, "
                     "{open} still open"),
    "partners": N_("Partner candidates"), "next": N_("Next step"),
    "from": N_("From"), "top": N_("Follow-ups due first"),
    "no_follow_ups": N_("No follow-ups are open."),
    "goal_page": N_("Goal: {title}"), "goals": N_("Learning goals"),
    "whose": N_("Goal of {name}"), "delegation_goal": N_("Goal of the whole delegation"),
    "priority": N_("Priority {priority}"), "outcome": N_("Outcome"),
    "no_summary": N_("No summary written yet."),
    "learned": N_("What we learned"), "nothing": N_("No learnings were recorded for this goal."),
    "planned": N_("Meetings planned for it: {meetings}"),
    "delegation": N_("the delegation"),
    "ranked": N_("Meetings ranked by the delegation"), "rank": N_("#"),
    "meeting": N_("Meeting"), "rating": N_("Rating"), "recommend": N_("Would recommend"),
    "ratings_of": N_("{count} ratings"), "one_rating": N_("1 rating"),
    "more": N_("and {count} more"), "no_ratings": N_("not rated"),
    "recommend_of": N_("{yes} of {count}"),
    "follow_ups": N_("Follow-ups by owner"), "due": N_("Due"), "action": N_("Follow-up"),
    "with": N_("With"), "status": N_("Status"), "no_due": N_("no date"),
    "coordinator_owner": N_("{name} (coordinator)"), "the_coordinator": N_("The coordinator"),
    "done_on": N_("done {date}"),
    "people": N_("People we met"), "organisation": N_("Organisation"), "name": N_("Name"),
    "role": N_("Role"), "reach": N_("E-mail and phone"),
    "delegation_short": N_("The delegation"), "goal_follow_ups": N_("Follow-ups for this goal"),
    "no_people": N_("No host contacts were recorded for the meetings held."),
    "footer": N_("{title} · debrief as of {date}"),
    "goal_column": N_("Goal"), "no_goals": N_("No learning goals were set."),
    "none_agreed": N_("No follow-ups were agreed."),
    "no_meetings": N_("No meeting has learnings or ratings yet."), "owner": N_("Owner"),
}
HEAD_COLOUR = colors.HexColor("#2f4f6f")
RULE_COLOUR = colors.HexColor("#cccccc")
OUTCOME_COLOURS = {GoalOutcome.ANSWERED: "#2e7d32", GoalOutcome.PARTLY: "#c06000",
                   GoalOutcome.OPEN: "#7a7a7a"}
OVERDUE_COLOUR = "#b03030"
TAG_COLOUR = "#2f4f6f"
#: How many open follow-ups the executive summary lists (the rest are on their own pages).
TOP_FOLLOW_UPS = 6
#: How many meetings planned for a goal without learnings its page names.
PLANNED_SHOWN = 8


def _styles(language: str) -> dict[str, ParagraphStyle]:
    styles = paragraph_styles(language)
    _sans, serif = register()
    styles["chapter"] = styles["title"].clone("chapter", fontSize=15, leading=19, spaceAfter=6)
    styles["cover"] = styles["title"].clone("cover", fontSize=20, leading=26, fontName=serif)
    styles["section"] = styles["title"].clone("section", fontSize=11.5, leading=15,
                                              spaceBefore=6, spaceAfter=3)
    styles["body"] = styles["cell"].clone("body", fontSize=10, leading=14)
    styles["bullet"] = styles["cell"].clone("bullet", fontSize=9.5, leading=13, leftIndent=10,
                                            bulletIndent=0, bulletFontName=register()[0])
    return styles


def _text(text: str) -> str:
    """User text as paragraph markup: escaped, its line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def _table(rows: list[list[Any]], widths: list[float], *, head: bool = True,
           extra: list[Any] | None = None) -> Table:
    """A table in the book's look: a dark header row, thin rules between rows."""
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0, hAlign="LEFT")
    style: list[Any] = [("FONTNAME", (0, 0), (-1, -1), register()[0]),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE_COLOUR),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_COLOUR))
    table.setStyle(TableStyle(style + (extra or [])))
    return table


class _Report:
    """The report's story in one language."""

    def __init__(self, report: Debrief, language: str, width: float) -> None:
        self.report, self.language, self.width = report, language, width
        self.styles = _styles(language)

    def say(self, key: str, **values: Any) -> str:
        return translate(T[key], self.language).format(**values)

    def p(self, text: str, style: str = "cell") -> Any:
        return para(text, self.styles[style])

    def day(self, day: date, short: bool = True) -> str:
        return format_day(day, self.language, short=short)

    def name(self, person: Person | None) -> str:
        return person.text(self.language) if person is not None else self.say("delegation")

    def chapter(self, text: str, level: int = 0) -> Any:
        return bookmarked(self.p(text, "chapter"), text, level)

    def section(self, text: str) -> list[Any]:
        """A section heading, never alone at the foot of a page."""
        return [CondPageBreak(35 * mm), self.p(text, "section")]

    def meeting_line(self, meeting: MeetingRef) -> str:
        """A meeting's title, its host (unless the title names it) and its day."""
        title, host = meeting.text(self.language), meeting.host_text(self.language)
        said = not host or host.casefold() in title.casefold() or \
            meeting.organisation.casefold() in meeting.title.casefold()
        return f"{title} — " + ("" if said else f"{host}, ") + self.day(meeting.day)

    # --- the executive summary -----------------------------------------------------------
    def summary(self) -> list[Any]:
        r, language = self.report, self.language
        title = r.text(language)
        flow: list[Any] = [
            self.p(self.say("heading", title=title), "cover"),
            self.p(f"{format_day(r.start_date, language)} – {format_day(r.end_date, language)}",
                   "meta")]
        companies = sorted({t.company for t in r.travellers if t.company})
        people = ("、" if language == "ja" else ", ").join(t.text(language) for t in r.travellers)
        flow += [self.p(" · ".join(x for x in (" · ".join(companies), people) if x), "meta"),
                 Spacer(1, 5 * mm), self.chapter(self.say("summary"))]
        before = r.vision_ja if language == "ja" and r.vision_ja else r.vision
        after = r.vision_after_ja if language == "ja" and r.vision_after_ja else r.vision_after
        half = self.width / 2
        flow.append(_table(
            [[self.p(self.say("before"), "head"), self.p(self.say("after"), "head")],
             [self.p(before or self.say("no_vision"), "body"),
              self.p(after or self.say("no_vision"), "body")]],
            [half, half], extra=[("LINEAFTER", (0, 0), (0, -1), 0.25, RULE_COLOUR)]))
        counts = r.outcome_counts()
        flow += [Spacer(1, 4 * mm), *self.section(self.say(
            "goals_line", answered=counts[GoalOutcome.ANSWERED],
            partly=counts[GoalOutcome.PARTLY], open=counts[GoalOutcome.OPEN]))]
        rows: list[list[Any]] = [[self.p(self.say("goal_column"), "head"),
                                  self.p(self.say("outcome"), "head")]]
        for goal in r.goals:
            whose = goal.owner.text(language) if goal.owner else self.say("delegation_short")
            rows.append([[self.p(f"{goal.text(language)} (P{goal.priority})"),
                          self.p(whose, "leg")], self._outcome(goal.outcome)])
        if r.goals:
            flow.append(_table(rows, [self.width * 0.78, self.width * 0.22]))
        else:
            flow.append(self.p(self.say("no_goals"), "body"))
        if r.partner_candidates:
            flow += [Spacer(1, 4 * mm), *self.section(self.say("partners"))]
            rows = [[self.p(self.say("organisation"), "head"), self.p(self.say("next"), "head"),
                     self.p(self.say("from"), "head")]]
            for candidate in r.partner_candidates:
                rows.append([
                    self.p(candidate.text(language)),
                    self.p("\n".join(candidate.next_steps) or "–"),
                    self.p("\n".join(m.text(language) + bracketed(self.day(m.day), language)
                                     for m in candidate.meetings))])
            flow.append(_table(rows, [self.width * 0.25, self.width * 0.4, self.width * 0.35]))
        flow += [Spacer(1, 4 * mm), *self.section(self.say("top"))]
        top = list(r.open_follow_ups())[:TOP_FOLLOW_UPS]
        if top:
            flow.append(self._follow_up_table(top, owner=True, goal=True))
        else:
            flow.append(self.p(self.say("no_follow_ups"), "body"))
        return flow

    def _outcome(self, outcome: GoalOutcome) -> Any:
        colour = OUTCOME_COLOURS[outcome]
        return self._coloured(outcome_text(outcome, self.language), colour)

    def _coloured(self, text: str, colour: str, style: str = "cell") -> Any:
        return paragraph(f'<font color="{colour}">{escape(text)}</font>', self.styles[style])

    # --- a page per goal -----------------------------------------------------------------
    def goal_page(self, goal: GoalReport, first: bool) -> list[Any]:
        language = self.language
        flow: list[Any] = [] if first else [PageBreak()]
        heading = self.say("goal_page", title=goal.text(language))
        flow.append(bookmarked(self.p(heading, "chapter"), goal.text(language), 1))
        whose = self.say("whose", name=goal.owner.text(language)) if goal.owner else \
            self.say("delegation_goal")
        flow.append(self.p(f"{whose} · {self.say('priority', priority=goal.priority)}",
                           "meta"))
        if goal.description:
            flow.append(self.p(goal.description, "meta"))
        colour = OUTCOME_COLOURS[goal.outcome]
        verdict = f"{self.say('outcome')}: {outcome_text(goal.outcome, language)}"
        box = Table([[[self._coloured(verdict, colour, "section"),
                       self.p(goal.summary or self.say("no_summary"), "body")]]],
                    colWidths=[self.width], hAlign="LEFT")
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register()[0]),
                                 ("LINEBEFORE", (0, 0), (0, 0), 3, colors.HexColor(colour)),
                                 ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f6f8")),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        flow += [Spacer(1, 3 * mm), box, Spacer(1, 2 * mm), *self.section(self.say("learned"))]
        if not goal.learnings:
            flow.append(self.p(self.say("nothing"), "body"))
        by_meeting: dict[int, list[Learned]] = {}
        for learned in goal.learnings:
            by_meeting.setdefault(learned.meeting.id, []).append(learned)
        for found in by_meeting.values():
            meeting = found[0].meeting
            lines: list[Any] = [self.p(self.meeting_line(meeting), "body")]
            lines += [self._learning(x) for x in found]
            flow.append(KeepTogether([*lines, Spacer(1, 2 * mm)]))
        held = [m for m in goal.meetings if m.id not in by_meeting]
        if held:
            named = [m.text(language) + bracketed(self.day(m.day), language)
                     for m in held[:PLANNED_SHOWN]]
            if len(held) > PLANNED_SHOWN:
                named.append(self.say("more", count=len(held) - PLANNED_SHOWN))
            flow.append(self.p(self.say("planned", meetings=("、" if language == "ja" else "; ")
                                        .join(named)), "meta"))
        mine = [f for f in self.report.follow_ups if f.goal_id == goal.id]
        if mine:
            flow += [Spacer(1, 3 * mm), *self.section(self.say("goal_follow_ups")),
                     self._follow_up_table(mine, owner=True, goal=False)]
        return flow

    def _learning(self, learned: Learned) -> Any:
        """A learning as a bullet: its tag (a key takeaway) in colour, the text, who said it
        in grey, and a partner candidate's next step under it."""
        markup = _text(learned.text)
        if learned.tag is not None:
            markup = f'<font color="{TAG_COLOUR}">{_text(tag_text(learned.tag, self.language))}' \
                     f"</font>  {markup}"
        said = _text(self.name(learned.speaker))
        markup += f' <font color="#777777">— {said}</font>'
        if learned.next_step:
            markup += f"<br/>→ {_text(self.say('next'))}: {_text(learned.next_step)}"
        return paragraph(f"<bullet>•</bullet>{markup}", self.styles["bullet"])

    # --- the meetings ranked -------------------------------------------------------------
    def ranking(self) -> list[Any]:
        flow: list[Any] = [PageBreak(), self.chapter(self.say("ranked"))]
        rows: list[list[Any]] = [[self.p(self.say("rank"), "head"),
                                  self.p(self.say("meeting"), "head"),
                                  self.p(self.say("rating"), "head"),
                                  self.p(self.say("recommend"), "head")]]
        for number, meeting in enumerate(self.report.meetings, start=1):
            rows.append([self.p(str(number)), self._meeting_cell(meeting),
                         self.p(self._score(meeting)),
                         self.p(self.say("recommend_of", yes=meeting.recommend,
                                         count=meeting.count) if meeting.count else "–")])
        if len(rows) == 1:
            return [*flow, self.p(self.say("no_meetings"), "body")]
        flow.append(_table(rows, [self.width * 0.06, self.width * 0.64, self.width * 0.14,
                                  self.width * 0.16]))
        return flow

    def _score(self, meeting: MeetingReport) -> str:
        if meeting.average is None:
            return self.say("no_ratings")
        stars = round(meeting.average)
        count = self.say("one_rating") if meeting.count == 1 else \
            self.say("ratings_of", count=meeting.count)
        return f"{meeting.average:.1f} / 5\n{'★' * stars}{'☆' * (5 - stars)}\n{count}"

    def _meeting_cell(self, meeting: MeetingReport) -> Any:
        language, ref = self.language, meeting.meeting
        where = ", ".join(x for x in (ref.host_text(language), meeting.city) if x)
        parts: list[Any] = [self.p(ref.text(language), "body"),
                            self.p(" · ".join(x for x in (where, self.day(ref.day)) if x),
                                   "meta")]
        if meeting.summary:
            parts.append(self.p(meeting.summary))
        for takeaway in meeting.takeaways:
            assert takeaway.tag is not None
            parts.append(self.p(f"• [{tag_text(takeaway.tag, language)}] {takeaway.text}",
                                "leg"))
        comments = [r for r in meeting.ratings if r.comment]
        for rating in comments:
            quoted = f"「{rating.comment}」" if language == "ja" else f"“{rating.comment}”"
            parts.append(self.p(f"{quoted} — {rating.by.text(language)}", "leg"))
        return parts

    # --- the follow-ups by owner ---------------------------------------------------------
    def follow_ups(self) -> list[Any]:
        flow: list[Any] = [PageBreak(), self.chapter(self.say("follow_ups"))]
        owners: dict[int | None, list[FollowUpReport]] = {}
        order = {t.id: n for n, t in enumerate(self.report.travellers)}
        for row in self.report.follow_ups:
            owners.setdefault(row.owner.id, []).append(row)
        if not owners:
            flow.append(self.p(self.say("none_agreed"), "body"))
        for key in sorted(owners, key=lambda k: (k is None, order.get(k, 0) if k else 0)):
            rows = owners[key]
            flow += [*self.section(self._owner(rows[0].owner)),
                     self._follow_up_table(rows, owner=False), Spacer(1, 3 * mm)]
        return flow

    def _owner(self, owner: Person) -> str:
        if owner.id is not None:
            return owner.text(self.language)
        if owner.name:
            return self.say("coordinator_owner", name=owner.name)
        return self.say("the_coordinator")

    def _follow_up_table(self, rows: list[FollowUpReport], *, owner: bool,
                         goal: bool = True) -> Table:
        language = self.language
        head = [self.say("due"), self.say("action"), self.say("with"), self.say("status")]
        widths = [0.15, 0.45, 0.24, 0.16]
        if owner:
            head.insert(2, self.say("owner"))
            widths = [0.14, 0.38, 0.17, 0.18, 0.13]
        table: list[list[Any]] = [[self.p(h, "head") for h in head]]
        extra: list[Any] = []
        for row in rows:
            what = [self.p(row.description, "cell")]
            source = [x for x in (row.meeting.text(language) if row.meeting else "",
                                  (row.goal_ja if language == "ja" and row.goal_ja else row.goal)
                                  if goal else "") if x]
            if source:
                what.append(self.p(" · ".join(source), "leg"))
            contact = ""
            if row.contact is not None:
                contact = f"{row.contact.text(language)}\n{row.contact.organisation}"
            status = status_text(row.status, language, overdue=row.overdue)
            if row.status is FollowUpStatus.DONE and row.completed is not None:
                status = self.say("done_on", date=self.day(row.completed))
            due = self.day(row.due) if row.due else self.say("no_due")
            cells: list[Any] = [self.p(due), what, self.p(contact),
                                self._coloured(status, OVERDUE_COLOUR) if row.overdue
                                else self.p(status)]
            if owner:
                cells.insert(2, self.p(self._owner(row.owner)))
            table.append(cells)
            if row.overdue:
                extra.append(("LINEBEFORE", (0, len(table) - 1), (0, len(table) - 1), 2.5,
                              colors.HexColor(OVERDUE_COLOUR)))
        return _table(table, [self.width * w for w in widths], extra=extra)

    # --- the people met ------------------------------------------------------------------
    def people(self) -> list[Any]:
        language = self.language
        flow: list[Any] = [PageBreak(), self.chapter(self.say("people"))]
        if not self.report.people:
            return [*flow, self.p(self.say("no_people"), "body")]
        rows: list[list[Any]] = [[self.p(self.say(k), "head") for k in
                                  ("organisation", "name", "role", "reach")]]
        last = None
        for person in self.report.people:
            organisation = person.organisation_ja if language == "ja" and \
                person.organisation_ja else person.organisation
            name = person.text(language)
            if language == "ja" and person.name_ja:
                name += f"\n{person.name}"  # as it is written on the card
            rows.append([self.p(organisation if person.organisation_id != last else ""),
                         self.p(name), self.p(person.role),
                         self.p("\n".join(x for x in (person.email, person.phone) if x))])
            last = person.organisation_id
        flow.append(_table(rows, [self.width * w for w in (0.24, 0.2, 0.24, 0.32)]))
        return flow

    def story(self) -> list[Any]:
        flow = self.summary()
        if self.report.goals:
            flow += [PageBreak(), self.chapter(self.say("goals"))]
        for number, goal in enumerate(self.report.goals):
            flow += self.goal_page(goal, first=number == 0)
        return flow + self.ranking() + self.follow_ups() + self.people()


def build_debrief(session: Session, path: Path, *, language: str = "en", paper: str = "a4",
                  today: date) -> int:
    """Write the debrief report of the tour in *session* to *path* (as of *today*, which
    decides what is overdue); returns the number of pages."""
    report = debrief(session, today=today)
    width = PAPERS[paper][0] - 30 * mm
    story = _Report(report, language, width).story()
    title = report.text(language)
    subject = translate(T["report"], language)
    document = Document(str(path), paper=paper, language=language,
                        title=translate(T["heading"], language).format(title=title),
                        author=report.coordinator.name, subject=subject)
    footer = translate(T["footer"], language).format(title=title,
                                                     date=format_day(today, language))
    return build(document, story, footer, language)
