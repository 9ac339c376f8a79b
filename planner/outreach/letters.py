"""Request, reminder and confirmation letters to hosts, before the tour (issue 20).

One letter per host organisation, written from the template of its kind and language
(:mod:`planner.outreach.templates`: the coordinator's own, else the built-in one):

* a **request** for each host whose request is still to write (a host chosen in the
  directory has a request without a meeting), or with a meeting that is an idea or requested
  and no request yet;
  it proposes two or three slots that fit the tour (:mod:`planner.outreach.slots`);
* a **reminder** for each host whose request went and has no answer (a requested meeting
  whose request is not marked sent counts as sent);
* a **confirmation** for each host with a confirmed meeting whose confirmation has not gone,
  with the one-page host brief attached (:func:`planner.printing.host_brief.build_host_brief`).

A host the coordinator names is written to whatever its state; a declined host, or one the
coordinator stopped waiting for, is never asked again unless named. The letter's language is
the request's, else Japanese for a Japanese host (:func:`planner.debrief.letters.
is_japanese_host`), else English. It goes to the request's contact, else the meeting's first
host contact, else the organisation's first contact, else the organisation's own address.

Each letter is a ``.txt`` (to paste) and, with an address, an ``.eml`` draft
(:func:`planner.mail.draft`); files are named after the host (``request-HOST.txt``), unique in
the folder, every destination checked before anything is written, then written atomically
(:func:`planner.debrief.letters.write_planned`).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.dayplan import MEETING_MINUTES
from planner.debrief.letters import (
    bullets,
    is_japanese_host,
    person_line,
    unique_stem,
    write_planned,
)
from planner.debrief.summary import pick
from planner.errors import InputError
from planner.formatting import (
    duration_text,
    format_day,
    item_time_text,
    language_names,
    topic_words,
)
from planner.goals import SERVES, match
from planner.mail import draft, one_line
from planner.messages import N_, translate
from planner.model import (
    AgendaItem,
    Contact,
    HostRequest,
    ItemKind,
    ItemStatus,
    LearningGoal,
    LetterKind,
    Organisation,
    RequestState,
    Tour,
    Traveller,
)
from planner.outreach.slots import Slot, SlotFinder
from planner.outreach.templates import KINDS, fill, template_for
from planner.queries import load_tour
from planner.topics import key, keyed, mentioned, searchable

T = {
    "visitors": N_("{count} visitors from {companies}"),
    "visitor": N_("1 visitor from {companies}"),
    "visitors_plain": N_("{count} visitors"),
    "visitor_plain": N_("1 visitor"),
    "to_be_named": N_("The visitors' names will follow."),
    "speaks": N_("Languages of the delegation: {languages}"),
    "no_slots": N_("We are flexible within the tour ({start} – {end}); please tell us the "
                   "times that suit you."),
    "interpreter": N_("An interpreter accompanies the delegation."),
    "no_interpreter": N_("No interpreter is needed."),
    "no_questions": N_("We will send our questions before the visit."),
    "no_goals": N_("The delegation's interest in {host}'s work"),
    "your_words": N_("{goal} — in your words: “{words}”"),
    "your_topics": N_("{goal} — your work on {topics}"),
    "meeting_with": N_("Meeting with {host}"),
    "colleagues": N_("colleagues at {host}"),
    "coordinator_for": N_("Coordinator of {tour}"),
    "phone": N_("Phone: {phone}"),
    "email": N_("E-mail: {email}"),
    "sent_on": N_("on {day}"),
    "recently": N_("recently"),
    "to_be_agreed": N_("to be agreed"),
    "nothing": N_("No {kind} letter is due: a request goes to a host whose request is to "
                  "write, or with an idea or requested meeting not asked yet; a reminder to a "
                  "host whose request went unanswered; a confirmation to a host with a "
                  "confirmed meeting whose confirmation has not gone. Name a host with --host "
                  "to write to it all the same."),
    "no_meeting": N_("{host} has no confirmed meeting: a confirmation needs the meeting "
                     "(its day, time and place)"),
}
#: The kinds of meeting a request or reminder is written for.
OPEN = (ItemStatus.IDEA, ItemStatus.REQUESTED)
#: Requests never written to again unless the coordinator names the host.
CLOSED = (RequestState.DECLINED, RequestState.NO_ANSWER)


def _say(key_: str, language: str, **values: object) -> str:
    return translate(T[key_], language).format(**values)


@dataclass(frozen=True)
class RequestLetter:
    """One host's letter: its kind, language, subject, text, recipients with an address, the
    slots it proposes, and whether the host brief goes with it."""

    organisation_id: int
    name: str
    kind: LetterKind
    language: str
    subject: str
    text: str
    to: tuple[tuple[str, str], ...]
    slots: tuple[Slot, ...] = ()
    item_id: int | None = None
    brief: bool = False


def _meeting(organisation: Organisation, items: list[AgendaItem], kind: LetterKind,
             request: HostRequest | None) -> AgendaItem | None:
    """The meeting a letter is about: the request's, else the host's first open meeting (for a
    confirmation, its first confirmed one)."""
    if request is not None and request.item is not None and \
            request.item.status is not ItemStatus.CANCELLED:
        return request.item
    wanted = (ItemStatus.CONFIRMED,) if kind is LetterKind.CONFIRMATION else OPEN
    mine = [i for i in items if i.organisation_id == organisation.id
            and i.kind is ItemKind.MEETING]
    found = [i for i in mine if i.status in wanted]
    if not found and kind is not LetterKind.CONFIRMATION:
        found = [i for i in mine if i.status is not ItemStatus.CANCELLED]
    return found[0] if found else None


def _due(kind: LetterKind, organisation: Organisation, items: list[AgendaItem],
         request: HostRequest | None) -> bool:
    """Whether a letter of *kind* is due to *organisation* (the hosts written to by default)."""
    state = request.state if request is not None else None
    if state in CLOSED:
        return False
    mine = [i.status for i in items if i.organisation_id == organisation.id
            and i.kind is ItemKind.MEETING]
    if kind is LetterKind.REQUEST:
        return state is RequestState.TO_WRITE or \
            (state is None and any(s in OPEN for s in mine))
    if kind is LetterKind.REMINDER:
        return state is RequestState.SENT or \
            (state in (None, RequestState.TO_WRITE) and ItemStatus.REQUESTED in mine)
    return ItemStatus.CONFIRMED in mine and \
        (request is None or request.confirmation_sent_on is None)


def request_letters(session: Session, kind: LetterKind, *,
                    organisation_ids: Iterable[int] | None = None) -> list[RequestLetter]:
    """The letters of *kind* (see the module docstring): to the hosts named by
    *organisation_ids*, else to every host one is due to, in the order of their meetings."""
    if kind not in KINDS:
        raise InputError(f"{kind}: write-requests writes {', '.join(k.value for k in KINDS)}")
    tour = load_tour(session)
    items = list(session.scalars(
        select(AgendaItem).options(selectinload(AgendaItem.organisation),
                                   selectinload(AgendaItem.attendees),
                                   selectinload(AgendaItem.hosts),
                                   selectinload(AgendaItem.goals),
                                   selectinload(AgendaItem.place))
        .order_by(AgendaItem.start, AgendaItem.id)))
    requests = {r.organisation_id: r for r in session.scalars(select(HostRequest))}
    if organisation_ids is not None:
        wanted = list(dict.fromkeys(organisation_ids))
    else:
        order = [i.organisation_id for i in items if i.organisation_id is not None]
        order += sorted(requests)
        wanted = [key_ for key_ in dict.fromkeys(order)
                  if _due(kind, session.get_one(Organisation, key_), items,
                          requests.get(key_))]
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id)))
    goals = list(session.scalars(select(LearningGoal)))
    finder = SlotFinder(session) if wanted and kind is not LetterKind.CONFIRMATION else None
    found = []
    for key_ in wanted:
        organisation = session.get_one(Organisation, key_)
        request = requests.get(key_)
        item = _meeting(organisation, items, kind, request)
        if kind is LetterKind.CONFIRMATION and item is None:
            raise InputError(_say("no_meeting", "en", host=organisation.name))
        found.append(_letter(session, tour, kind, organisation, request, item, travellers,
                             goals, finder))
    return found


def _contacts(organisation: Organisation, item: AgendaItem | None,
              request: HostRequest | None) -> list[Contact]:
    if request is not None and request.contact is not None:
        return [request.contact]
    if item is not None and item.hosts:
        return list(item.hosts)
    return list(organisation.contacts[:1])


def _letter(session: Session, tour: Tour, kind: LetterKind, organisation: Organisation,
            request: HostRequest | None, item: AgendaItem | None,
            travellers: list[Traveller], goals: list[LearningGoal],
            finder: SlotFinder | None) -> RequestLetter:
    contacts = _contacts(organisation, item, request)
    language = (request.language if request is not None and request.language else
                "ja" if is_japanese_host(organisation, contacts) else "en")
    host = pick(organisation.name, organisation.name_ja, language)
    title = pick(tour.title, tour.title_ja, language)
    slots = finder.propose(organisation, item) if finder is not None else ()
    coming = item.attending(travellers) if item is not None else travellers
    minutes = int((item.end - item.start).total_seconds() // 60) if item is not None \
        else MEETING_MINUTES
    meeting_language = item.language if item is not None and item.language else "en"
    values = {
        "host": host,
        "contact": ("、" if language == "ja" else ", ").join(
            pick(c.name, c.name_ja, language) for c in contacts)
        or ("ご担当者" if language == "ja" else _say("colleagues", language, host=host)),
        "delegation": _delegation(coming, language),
        "goals": "\n".join(bullets(_goals(organisation, item, goals, coming, language)
                                   or [_say("no_goals", language, host=host)], language)),
        "slots": "\n".join(bullets([s.text(language) for s in slots], language)) if slots
        else _say("no_slots", language, start=format_day(tour.start_date, language),
                  end=format_day(tour.end_date, language)),
        "length": duration_text(minutes, language),
        "language": language_names([meeting_language], language),
        "interpreter": _say("interpreter" if item is not None and item.interpreter_booked
                            else "no_interpreter", language),
        "meeting": pick(item.title, item.title_ja, language) if item is not None
        else _say("meeting_with", language, host=host),
        "when": (f"{format_day(item.day, language)} {item_time_text(item)} "
                 f"{item.local_start.tzname()}") if item is not None
        else _say("to_be_agreed", language),
        "where": _where(item, organisation),
        "attendees": "\n".join(bullets([person_line(t, language) for t in coming], language)),
        "questions": "\n".join(bullets(item.questions, language))
        if item is not None and item.questions else _say("no_questions", language),
        "signature": _signature(tour, language),
        "tour": title,
        "sent_on": _say("sent_on", language, day=format_day(request.sent_on, language))
        if request is not None and request.sent_on is not None
        else _say("recently", language),
    }
    template = template_for(session, kind, language)
    subject = one_line(fill(template.subject, values))
    text = fill(template.body, values).rstrip() + "\n"
    to = tuple((one_line(pick(c.name, c.name_ja, language)), c.email.strip())
               for c in contacts if c.email.strip())
    if not to and organisation.email.strip():
        to = ((one_line(host), organisation.email.strip()),)
    return RequestLetter(organisation.id, organisation.name, kind, language, subject, text, to,
                         slots, item.id if item is not None else None,
                         kind is LetterKind.CONFIRMATION)


def _delegation(coming: list[Traveller], language: str) -> str:
    """Who comes, in a few lines: how many from which companies, each with her role, and the
    languages they speak."""
    if not coming:  # a tour typed before its delegation: no "0 visitors from —"
        return _say("to_be_named", language)
    companies = list(dict.fromkeys(t.company.strip() for t in coming if t.company.strip()))
    joiner = "、" if language == "ja" else ", "
    if companies:
        lines = [_say("visitors" if len(coming) != 1 else "visitor", language,
                      count=len(coming), companies=joiner.join(companies))]
    else:
        lines = [_say("visitors_plain" if len(coming) != 1 else "visitor_plain", language,
                      count=len(coming))]
    lines += bullets([person_line(t, language) for t in coming], language)
    spoken = list(dict.fromkeys(code.split("-")[0].lower() for t in coming
                                for code in t.languages if code.strip()))
    if spoken:
        lines.append(_say("speaks", language, languages=language_names(spoken, language)))
    return "\n".join(lines)


def _goals(organisation: Organisation, item: AgendaItem | None, goals: list[LearningGoal],
           coming: list[Traveller], language: str) -> list[str]:
    """The goals this host serves (the meeting's, then those it matches), each said with the
    host's own words where it has them: the sentence of its description that mentions the
    goal's topic, else its own topics that the goal shares."""
    chosen = list(item.goals) if item is not None else []
    for goal in sorted(goals, key=lambda g: (-g.priority, g.id)):
        if goal not in chosen and match(goal, organisation).score >= SERVES and \
                (goal.traveller is None or goal.traveller in coming):
            chosen.append(goal)
    sentences = [s.strip() for s in re.split(r"(?<=[.;!?。])\s*", organisation.description)
                 if s.strip()]
    lines = []
    quoted: set[str] = set()
    for goal in chosen:
        title = pick(goal.title, goal.title_ja, language)
        topics = keyed(goal.topics)
        words = next((s for s in sentences for t, _k in topics
                      if s not in quoted and mentioned(t, searchable(s))), "")
        quoted.add(words)
        own = [t for t in organisation.topics if key(t) in {k for _t, k in topics}]
        if words:
            lines.append(_say("your_words", language, goal=title, words=words))
        elif own:
            lines.append(_say("your_topics", language, goal=title,
                              topics=("、" if language == "ja" else ", ").join(
                                  topic_words(own, language))))
        else:
            lines.append(title)
    return lines


def _where(item: AgendaItem | None, organisation: Organisation) -> str:
    place = item.place if item is not None and item.place is not None else organisation.place
    if place is None:
        return organisation.name
    return ", ".join(x for x in (place.name, place.address) if x.strip())


def _signature(tour: Tour, language: str) -> str:
    title = pick(tour.title, tour.title_ja, language)
    lines = [tour.coordinator, _say("coordinator_for", language, tour=title)]
    if tour.coordinator_phone.strip():
        lines.append(_say("phone", language, phone=tour.coordinator_phone.strip()))
    if tour.coordinator_email.strip():
        lines.append(_say("email", language, email=tour.coordinator_email.strip()))
    return "\n".join(x for x in lines if x.strip())


def write_requests(session: Session, folder: Path, kind: LetterKind, *,
                   organisation_ids: Iterable[int] | None = None, force: bool = False
                   ) -> list[Path]:
    """Write the letters of *kind* into *folder* (see the module docstring); returns the files
    written (none when no letter is due: :func:`nothing_due` says why). Raises
    :class:`InputError` for a folder that does not exist, a file already there (unless
    *force*) or an address a header refuses, before anything is written."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: folder does not exist")
    tour = load_tour(session)
    found = request_letters(session, kind, organisation_ids=organisation_ids)
    planned: list[tuple[Path, bytes]] = []
    taken: set[str] = set()
    sender = (one_line(tour.coordinator), tour.coordinator_email.strip())
    with tempfile.TemporaryDirectory(prefix="ecovisit-letters-") as scratch:
        for letter in found:
            stem = unique_stem(kind.value, letter.name, letter.organisation_id, taken)
            planned.append((folder / f"{stem}.txt", letter.text.encode("utf-8")))
            if not letter.to:
                continue
            attachments = []
            if letter.brief:
                attachments.append(_brief(session, letter, Path(scratch)))
            planned.append((folder / f"{stem}.eml", draft(
                to=list(letter.to), sender=sender, subject=letter.subject, body=letter.text,
                attachments=attachments)))
    return write_planned(planned, force)


def nothing_due(kind: LetterKind, language: str = "en") -> str:
    """What to say when no letter of *kind* is due to any host."""
    return _say("nothing", language, kind=kind.value)


def _brief(session: Session, letter: RequestLetter, scratch: Path) -> Path:
    """The host brief of *letter*'s host, in the letter's language, as a PDF in *scratch*."""
    from planner.printing.host_brief import build_host_brief

    organisation = session.get_one(Organisation, letter.organisation_id)
    stem = unique_stem("host-brief", letter.name, letter.organisation_id, set())
    path = scratch / f"{stem}.pdf"
    build_host_brief(session, organisation, path, language=letter.language)
    return path
