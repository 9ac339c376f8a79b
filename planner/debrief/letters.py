"""Thank-you letters to the hosts, after the tour (issue 19, item 6).

One short letter per host organisation the delegation met (a meeting held: see
:func:`planner.debrief.summary.held`): who came (the attendees with their roles), what the
delegation valued (the key takeaways and learnings of that host's meetings, else the meeting's
summary) and the follow-ups agreed with that host (what, who, by when), signed by the
coordinator with her phone and e-mail. English; Japanese for a Japanese host (its name is
written in Japanese, or its contacts at the meetings list Japanese as their first language).

Each letter is written as a ``.txt`` (to paste) and, when a host contact at the meetings (or
the organisation) has an e-mail address, an ``.eml`` draft to them (:func:`draft`: Outlook
opens it ready to send). Nothing is sent. File names are made of the organisation's name
(safe on every file system, unique in the folder), and written atomically; existing files are
refused unless *force*, before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.atomicfile import atomic_destination, check_destination
from planner.debrief.summary import held, pick
from planner.errors import InputError
from planner.formatting import format_day
from planner.geo.names import has_japanese
from planner.mail import draft, one_line
from planner.messages import N_, translate
from planner.model import (
    AgendaItem,
    Contact,
    FollowUp,
    FollowUpStatus,
    Learning,
    Organisation,
    Rating,
    Tour,
    Traveller,
)
from planner.queries import load_tour

T = {
    "subject": N_("Thank you for receiving our delegation — {tour}"),
    "dear": N_("Dear {names},"),
    "and": N_(" and "),
    "thanks_plain": N_("Thank you for receiving our delegation at {host} on {days} "
                       "({meetings})."),
    "came": N_("Who came:"),
    "valued": N_("What we valued most:"),
    "agreed": N_("What we agreed to follow up:"),
    "follow_up": N_("{description} — {owner}, by {due}"),
    "follow_up_open": N_("{description} — {owner}"),
    "closing": N_("We look forward to staying in touch."),
    "regards": N_("Kind regards,"),
    "coordinator_for": N_("Coordinator of the delegation"),
    "the_coordinator": N_("our coordinator"),
    "more": N_("and {count} more"),
}
#: At most this many learnings are named in a letter (takeaways first).
VALUED_SHOWN = 4
#: At most this many of a host's meetings are named by their titles.
MEETINGS_NAMED = 3
#: A file name's stem keeps at most this many characters.
STEM_LENGTH = 60


@dataclass(frozen=True)
class Letter:
    """One host's letter: its language, subject, text and the recipients with an address."""

    organisation_id: int
    name: str
    language: str
    subject: str
    text: str
    to: tuple[tuple[str, str], ...]


def is_japanese_host(organisation: Organisation, contacts: Iterable[Contact]) -> bool:
    """Whether a host reads a Japanese letter: its name is written in Japanese, or the contacts
    the delegation met list Japanese first among their languages (a European who also speaks
    Japanese gets an English letter)."""
    if has_japanese(organisation.name):
        return True
    met = list(contacts)
    if any(has_japanese(c.name) for c in met):
        return True
    return bool(met) and all(c.languages and c.languages[0].split("-")[0].lower() == "ja"
                             for c in met)


def safe_stem(name: str) -> str:
    """A file name stem from *name*: letters (any script), digits, ``-`` and ``_``; no
    separators, dots, spaces or control characters; never empty or a reserved device name."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-_")
    text = re.sub(r"-{2,}", "-", text)[:STEM_LENGTH].strip("-_")
    if not text or text.upper() in {"CON", "PRN", "AUX", "NUL"} or \
            re.fullmatch(r"(?i)(COM|LPT)\d", text):
        text = f"host-{text}" if text else "host"
    return text


def _say(key: str, language: str, **values: object) -> str:
    return translate(T[key], language).format(**values)


def person_line(traveller: Traveller, language: str) -> str:
    """A traveller and her role as a letter names them: ``Kenji Takahashi, CTO`` /
    ``高橋 健二（CTO）``."""
    name = pick(traveller.name, traveller.name_ja, language)
    return f"{name}（{traveller.role}）" if language == "ja" and traveller.role else \
        f"{name}, {traveller.role}" if traveller.role else name


def bullets(lines: list[str], language: str) -> list[str]:
    """*lines* as a letter lists them (``- `` / ``・``)."""
    bullet = "・" if language == "ja" else "- "
    return [f"{bullet}{line}" for line in lines]


def letters(session: Session, *, today: date,
            organisation_ids: Iterable[int] | None = None) -> list[Letter]:
    """The letters to write (see the module docstring), one per host organisation met, in the
    order the delegation met them (*today*: the day they are written). *organisation_ids*
    narrows them (an id the delegation did not meet is refused with :class:`InputError`)."""
    tour = load_tour(session)
    items = [i for i in session.scalars(
        select(AgendaItem).options(selectinload(AgendaItem.organisation),
                                   selectinload(AgendaItem.attendees),
                                   selectinload(AgendaItem.hosts))
        .where(AgendaItem.organisation_id.is_not(None))
        .order_by(AgendaItem.start, AgendaItem.id))]
    learnings = list(session.scalars(select(Learning).options(
        selectinload(Learning.traveller)).order_by(Learning.position, Learning.id)))
    rated = set(session.scalars(select(Rating.item_id)))
    by_item: dict[int, list[Learning]] = {}
    for x in learnings:
        by_item.setdefault(x.item_id, []).append(x)
    met: dict[int, list[AgendaItem]] = {}
    for item in items:
        if held(item, bool(by_item.get(item.id)) or item.id in rated):
            assert item.organisation_id is not None
            met.setdefault(item.organisation_id, []).append(item)
    wanted = list(met) if organisation_ids is None else list(dict.fromkeys(organisation_ids))
    unknown = [key for key in wanted if key not in met]
    if unknown:
        names = [o.name for o in session.scalars(select(Organisation).where(
            Organisation.id.in_(unknown)))] or [str(k) for k in unknown]
        raise InputError("the delegation did not meet " + ", ".join(names) +
                         ": a thank-you letter goes to a host of a meeting held")
    follow_ups = list(session.scalars(select(FollowUp).options(
        selectinload(FollowUp.owner), selectinload(FollowUp.contact))
        .where(FollowUp.status != FollowUpStatus.DROPPED)))
    travellers = list(session.scalars(select(Traveller).order_by(Traveller.position,
                                                                 Traveller.id)))
    return [_letter(tour, met[key], by_item, follow_ups, travellers) for key in wanted]


def _letter(tour: Tour, meetings: list[AgendaItem], by_item: dict[int, list[Learning]],
            follow_ups: list[FollowUp], travellers: list[Traveller]) -> Letter:
    organisation = meetings[0].organisation
    assert organisation is not None
    contacts: list[Contact] = []
    for item in meetings:
        contacts += [c for c in item.hosts if c not in contacts]
    language = "ja" if is_japanese_host(organisation, contacts) else "en"
    host = pick(organisation.name, organisation.name_ja, language)
    delegation = pick(tour.title, tour.title_ja, language)
    days = sorted({item.day for item in meetings})
    joiner = "、" if language == "ja" else ", "
    lines: list[str] = []
    if contacts:
        names = [pick(c.name, c.name_ja, language) for c in contacts]
        if language == "ja":
            lines.append(host)
            lines.append("、".join(f"{n} 様" for n in names))
        else:
            lines.append(_say("dear", language, names=", ".join(names[:-1]) +
                              _say("and", language) + names[-1] if len(names) > 1
                              else names[0]))
    else:
        lines.append(host if language == "ja" else _say("dear", language, names=host))
    lines.append("")
    named = list(dict.fromkeys(pick(i.title, i.title_ja, language) for i in meetings))
    if len(named) > MEETINGS_NAMED:
        named = [*named[:MEETINGS_NAMED],
                 _say("more", language, count=len(named) - MEETINGS_NAMED)]
    when = joiner.join(format_day(d, language) for d in days) if len(days) <= 2 else \
        f"{format_day(days[0], language)} – {format_day(days[-1], language)}"
    lines.append(_say("thanks_plain", language, host=host, days=when,
                      meetings=joiner.join(named)))
    attendees: list[Traveller] = []
    for item in meetings:
        attendees += [t for t in item.attending(travellers) if t not in attendees]
    if attendees:
        lines += ["", _say("came", language),
                  *bullets([person_line(t, language) for t in attendees], language)]
    found = [x for item in meetings for x in by_item.get(item.id, [])]
    valued = [x.text.strip() for x in sorted(found, key=lambda x: x.tag is None) if x.text.strip()]
    if not valued:
        valued = [i.learnings.strip() for i in meetings if i.learnings.strip()]
    if valued:
        lines += ["", _say("valued", language), *bullets(valued[:VALUED_SHOWN], language)]
    ids = {item.id for item in meetings}
    contact_ids = {c.id for c in organisation.contacts}
    agreed = [f for f in follow_ups if f.item_id in ids or f.contact_id in contact_ids]
    agreed.sort(key=lambda f: (f.due is None, f.due or date.min, f.id))
    if agreed:
        rows = []
        for row in agreed:
            owner = pick(row.owner.name, row.owner.name_ja, language) if row.owner else \
                (tour.coordinator or _say("the_coordinator", language))
            if row.due is not None:
                rows.append(_say("follow_up", language, description=row.description,
                                 owner=owner, due=format_day(row.due, language)))
            else:
                rows.append(_say("follow_up_open", language, description=row.description,
                                 owner=owner))
        lines += ["", _say("agreed", language), *bullets(rows, language)]
    lines += ["", _say("closing", language), "", _say("regards", language),
              tour.coordinator or _say("the_coordinator", language)]
    lines += [x for x in (_say("coordinator_for", language) + f" · {delegation}",
                          tour.coordinator_phone, tour.coordinator_email) if x]
    to = tuple((one_line(pick(c.name, c.name_ja, language) if language == "ja" else c.name),
                c.email.strip()) for c in contacts if c.email.strip())
    if not to and organisation.email.strip():
        to = ((one_line(host), organisation.email.strip()),)
    return Letter(organisation.id, organisation.name, language,
                  one_line(_say("subject", language, tour=delegation)), "\n".join(lines) + "\n",
                  to)


def write_thanks(session: Session, folder: Path, *, today: date,
                 organisation_ids: Iterable[int] | None = None, force: bool = False
                 ) -> list[Path]:
    """Write the thank-you letters (see the module docstring) into *folder*: per host a
    ``thanks-HOST.txt`` and, when it has an address, a ``thanks-HOST.eml`` draft from the
    coordinator; returns the files written. Every destination is checked before anything is
    written (:class:`InputError` for a folder that does not exist, or a file there already
    unless *force*; a name or address that cannot go into a mail header)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: folder does not exist")
    tour = load_tour(session)
    found = letters(session, today=today, organisation_ids=organisation_ids)
    planned: list[tuple[Path, bytes]] = []
    taken: set[str] = set()
    for letter in found:
        stem = unique_stem("thanks", letter.name, letter.organisation_id, taken)
        planned.append((folder / f"{stem}.txt", letter.text.encode("utf-8")))
        if letter.to:  # from the coordinator; without her address, from the sending account
            sender = (one_line(tour.coordinator), tour.coordinator_email.strip())
            planned.append((folder / f"{stem}.eml", draft(
                to=list(letter.to), sender=sender, subject=letter.subject, body=letter.text)))
    return write_planned(planned, force)


def unique_stem(prefix: str, name: str, key: int, taken: set[str]) -> str:
    """``PREFIX-NAME`` (:func:`safe_stem`), or ``PREFIX-NAME-KEY`` when another file of the
    folder took it already (compared as the file system may: case folded); noted in *taken*."""
    stem = f"{prefix}-{safe_stem(name)}"
    if stem.casefold() in taken:
        stem = f"{stem}-{key}"
    taken.add(stem.casefold())
    return stem


def write_planned(planned: list[tuple[Path, bytes]], force: bool) -> list[Path]:
    """Write each (path, bytes) atomically, once every destination is checked (none there
    already unless *force*, its folder there); returns the paths written."""
    for path, _data in planned:
        check_destination(path, force)
    written = []
    for path, data in planned:
        with atomic_destination(path, force=force) as tmp:
            tmp.write_bytes(data)
        written.append(path)
    return written
