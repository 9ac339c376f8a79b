"""What people type on the command line, read into records and instants: names of records as a
user types them, local times in a place's zone, weekly slots ("Tue-Thu 10:00-16:00").

A name is matched the way ``--traveller`` is (:func:`planner.folding.named`): folded by
:func:`planner.folding.fold` (case, accents, width, separators), an exact match (spaces aside)
before a unique part of a name. Nothing found, or more than one, raises :class:`NameNotFound`
listing the candidates, each written so that typing it back picks that very record (``Hotel
Ottilia (Copenhagen)``, ``Lunch (2027-05-04 12:30)``, with ``#key`` added where two would read
the same).

Before it: a host request is named by its host's name, a letter template by its kind and
language (``request ja``). After the tour: a learning is named by its text, a follow-up by its
description (or its number, ``7`` or ``#7``), a rating by ``TRAVELLER@MEETING``
(:func:`_rating`); a meeting (:func:`meeting`) by its title or, when no title holds the name, by
its host's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.errors import InputError, NameNotFound
from planner.folding import fold, named
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    Contact,
    FollowUp,
    HostRequest,
    ItemKind,
    ItemStatus,
    Learning,
    LearningGoal,
    LetterTemplate,
    Organisation,
    Place,
    Rating,
    Stay,
)
from planner.queries import find_traveller
from planner.timezones import local_instant, to_local

#: The kinds of record a name can be given for, as the command line calls them.
KINDS = ("organisation", "contact", "traveller", "goal", "place", "stay", "availability", "item",
         "learning", "rating", "follow_up", "request", "template")
#: How many candidates a message lists before it says how many more there are.
LISTED = 12


@dataclass(frozen=True)
class _Kind:
    entity: Any
    what: str  # how messages call it
    label: Callable[[Any], str]  # how it is listed (typing it back finds it)
    keys: Callable[[Any], Sequence[str]]  # what it is found by
    order: Callable[[Any], Any]


def _place_label(place: Place) -> str:
    return f"{place.name} ({place.city})" if place.city and place.city not in place.name \
        else place.name


def _goal_label(goal: LearningGoal) -> str:
    owner = goal.traveller.name if goal.traveller is not None else "delegation"
    return f"{goal.title} ({owner})"


def _stay_label(stay: Stay) -> str:
    return f"{stay.place.name} ({stay.check_in} to {stay.check_out})"


def _window_label(window: AvailabilityWindow) -> str:
    start, end = to_local(window.start, window.zone), to_local(window.end, window.zone)
    return f"{window.organisation.name} ({start:%Y-%m-%d %H:%M}-{end:%H:%M})"


def _item_label(item: AgendaItem) -> str:
    return f"{item.title} ({item.local_start:%Y-%m-%d %H:%M})"


def _short(text: str, width: int = 60) -> str:
    """*text* on one line, cut to *width* characters (a part of it still finds the record)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1].rstrip() + "…"


def _learning_label(learning: Learning) -> str:
    return f"{_short(learning.text)} ({learning.item.title})"


def _rating_label(rating: Rating) -> str:
    return f"{rating.traveller.name}@{rating.item.title}"


def _follow_up_label(follow_up: FollowUp) -> str:
    return _short(follow_up.description)


_KINDS: dict[str, _Kind] = {
    "organisation": _Kind(Organisation, "organisation", lambda o: str(o.name),
                          lambda o: (o.name, o.name_ja), lambda o: (o.name, o.id)),
    "contact": _Kind(Contact, "contact",
                     lambda c: f"{c.name} ({c.organisation.name})",
                     lambda c: (c.name, c.name_ja, c.email), lambda c: (c.name, c.id)),
    "goal": _Kind(LearningGoal, "goal", _goal_label, lambda g: (g.title, g.title_ja),
                  lambda g: g.id),
    "place": _Kind(Place, "place", _place_label, lambda p: (p.name,), lambda p: (p.name, p.id)),
    "stay": _Kind(Stay, "hotel stay", _stay_label,
                  lambda s: (s.place.name, s.booking_reference), lambda s: (s.check_in, s.id)),
    "availability": _Kind(AvailabilityWindow, "available slot", _window_label,
                          lambda w: (w.organisation.name, w.organisation.name_ja),
                          lambda w: (w.start, w.id)),
    "item": _Kind(AgendaItem, "agenda item", _item_label,
                  lambda i: (i.title, i.title_ja, i.uid), lambda i: (i.start, i.id)),
    "learning": _Kind(Learning, "learning", _learning_label, lambda n: (n.text,),
                      lambda n: (n.item.start, n.position, n.id)),
    "rating": _Kind(Rating, "rating", _rating_label, lambda r: (), lambda r: (r.item.start, r.id)),
    "follow_up": _Kind(FollowUp, "follow-up", _follow_up_label, lambda f: (f.description,),
                       lambda f: f.id),
    # a host request by its host's name (one per host), a letter template by its kind and
    # language ("request ja")
    "request": _Kind(HostRequest, "host request", lambda r: str(r.host_name),
                     lambda r: (r.organisation.name, r.organisation.name_ja),
                     lambda r: (r.host_name, r.id)),
    "template": _Kind(LetterTemplate, "letter template",
                      lambda t: f"{t.kind.value} {t.language}", lambda t: (t.kind.value,),
                      lambda t: (t.kind.value, t.language, t.id)),
}


def _labels(kind: _Kind, records: Sequence[Any]) -> list[str]:
    """How *records* are listed: their labels, with ``#key`` where two would read the same."""
    labels = [kind.label(r) for r in records]
    folded = [fold(label) for label in labels]
    return [f"{label} #{r.id}" if folded.count(fold(label)) > 1 else label
            for label, r in zip(labels, records, strict=True)]


def _listing(labels: list[str]) -> list[str]:
    if len(labels) <= LISTED:
        return labels
    return [*labels[:LISTED], f"... ({len(labels) - LISTED} more)"]


def find(session: Session, kind: str, text: str, what: str | None = None,
         prefer: Callable[[Any], bool] | None = None) -> Any:
    """The one *kind* record that *text* names (see the module's rules); *what* names the kind
    in messages (``hotel``, ``host``) when the command line says it so. With *prefer* (hotels
    among places), the preferred records are searched first, and listed if nothing matches."""
    if kind == "traveller":
        return find_traveller(session, text)
    if kind == "rating" and "@" in text:
        return _rating(session, text)
    if kind == "follow_up" and text.strip().isdigit():  # "done 7": the follow-up #7
        text = f"#{text.strip()}"
    try:
        spec = _KINDS[kind]
    except KeyError:
        raise InputError(f"unknown kind of record {kind!r} (one of {', '.join(KINDS)})") \
            from None
    what = what or spec.what
    everything = sorted(session.scalars(select(spec.entity)).all(), key=spec.order)
    preferred = [r for r in everything if prefer(r)] if prefer is not None else []
    if not preferred:
        return _match(spec, everything, text, what)
    for records in (preferred, everything):
        try:
            return _match(spec, records, text, what)
        except NameNotFound as exc:
            if exc.ambiguous:
                raise
    raise NameNotFound(what, text, _listing(_labels(spec, preferred)), ambiguous=False)


def _match(spec: _Kind, everything: list[Any], text: str, what: str) -> Any:
    wanted = fold(text)
    numbered = re.fullmatch(r"(.*?)\s*#(\d+)", wanted)
    if numbered:  # "Lunch (2027-05-04 12:30) #7" or just "#7"
        everything = [r for r in everything if r.id == int(numbered[2])]
        wanted = numbered[1]
    labels = dict(zip((r.id for r in everything), _labels(spec, everything), strict=True))
    if not wanted and not numbered:
        raise NameNotFound(what, text, _listing(list(labels.values())), ambiguous=False)

    def keys(record: Any) -> tuple[str, ...]:
        return (*spec.keys(record), spec.label(record), labels[record.id])

    matches = named(wanted, everything, keys) if wanted else everything  # "#7": that one
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NameNotFound(what, text, _listing([labels[r.id] for r in matches]), ambiguous=True)
    raise NameNotFound(what, text, _listing(list(labels.values())), ambiguous=False)


def _host_names(item: AgendaItem) -> tuple[str, ...]:
    host = item.organisation
    return (host.name, host.name_ja) if host is not None else ()


def meeting(session: Session, text: str) -> AgendaItem:
    """The agenda item *text* names, meetings first (a dinner or a visit is found too); a name
    no title holds may name the host: its one item not cancelled (``Business Finland``)."""
    try:
        found: AgendaItem = find(session, "item", text, "meeting",
                                 prefer=lambda i: i.kind is ItemKind.MEETING)
        return found
    except NameNotFound as exc:
        if exc.ambiguous or not fold(text):
            raise
        hosted = [i for i in session.scalars(select(AgendaItem).options(
                      selectinload(AgendaItem.organisation)).order_by(AgendaItem.start))
                  if i.organisation is not None and i.status is not ItemStatus.CANCELLED]
        by_host = named(fold(text), hosted, _host_names)
        if len(by_host) == 1:
            return by_host[0]
        if by_host:
            raise NameNotFound("meeting", text, _listing(_labels(_KINDS["item"], by_host)),
                               ambiguous=True) from None
        raise


def _rating(session: Session, text: str) -> Rating:
    """The rating ``TRAVELLER@MEETING`` names: the traveller (as ``--traveller`` finds her) and
    the meeting (by its title or a part of it) around an ``@``; an e-mail address before the
    ``@`` (``kenji@example.jp@Vinnova``) and an ``@`` in a title are tried each way."""
    found: dict[int, Rating] = {}
    errors: list[InputError] = []
    for at in (m.start() for m in re.finditer("@", text)):
        who, what = text[:at].strip(), text[at + 1:].strip()
        try:
            traveller = find_traveller(session, who)
            item = meeting(session, what)
        except InputError as exc:
            errors.append(exc)
            continue
        rating = session.scalars(select(Rating).where(
            Rating.traveller_id == traveller.id, Rating.item_id == item.id)).one_or_none()
        if rating is None:
            errors.append(InputError(f"{traveller.name} has not rated {item.title!r} (yet)"))
        else:
            found[rating.id] = rating
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        ratings = sorted(found.values(), key=lambda r: r.id)
        raise NameNotFound("rating", text, [f"{_rating_label(r)} #{r.id}" for r in ratings],
                           ambiguous=True)
    raise errors[-1] if len(errors) == 1 else errors[0]


def label(kind: str, record: Any) -> str:
    """How *record* is named in lists and messages (typing it back finds it)."""
    if kind == "traveller":
        return str(record.name)
    return _KINDS[kind].label(record)


# --- instants and days -------------------------------------------------------------------------
_LOCAL = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?"
                    r"\s*(Z|[+-]\d{2}:?\d{2})?")


def local_time(text: str, zone_name: str, what: str = "time") -> datetime:
    """The instant *text* (``2027-05-04 10:00``) names as wall-clock time in *zone_name*.

    A time the clocks skip (the hour they go forward) or pass twice (the hour they go back) is
    refused with the reason (:func:`planner.timezones.local_instant`), not silently moved; an
    offset written after the time (``2027-10-31 02:30+01:00``) says which of two is meant, and
    is then taken as it is."""
    match = _LOCAL.fullmatch(text.strip())
    if match is None:
        raise InputError(f"{what} {text!r} is not a date and time (YYYY-MM-DD HH:MM, "
                         "e.g. 2027-05-04 10:00)")
    day, hours, minutes, seconds, offset = match.groups()
    try:
        naive = datetime.combine(date.fromisoformat(day),
                                 time(int(hours), int(minutes), int(seconds or 0)))
    except ValueError as exc:
        raise InputError(f"{what} {text!r} is not a date and time ({exc})") from None
    if offset:
        iso = f"{naive.isoformat()}{'+00:00' if offset == 'Z' else offset}"
        return datetime.fromisoformat(iso)
    return local_instant(naive, zone_name, what, offsets=True)


def day_of(text: str) -> date | None:
    """The calendar day a typed date-and-time starts with (None if it has none)."""
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", text)
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        return None


# --- weekly slots --------------------------------------------------------------------------------
_DAYS = {name: n for n, names in enumerate((
    ("mon", "monday", "mo"), ("tue", "tues", "tuesday", "tu"),
    ("wed", "wednesday", "we"), ("thu", "thur", "thurs", "thursday", "th"),
    ("fri", "friday", "fr"), ("sat", "saturday", "sa"), ("sun", "sunday", "su"))) for name in names}
_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?"
_WEEKLY = re.compile(rf"(?P<days>.*?)\s*(?P<start>{_CLOCK})\s*(?:-|–|—|to)\s*(?P<end>{_CLOCK})")


def _weekday(word: str, pattern: str) -> int:
    found = _DAYS.get(word.strip().casefold().rstrip("."))
    if found is None:
        raise InputError(f"--weekly {pattern!r}: {word.strip()!r} is not a day of the week "
                         "(Mon, Tue, Wed, Thu, Fri, Sat, Sun)")
    return found


def weekdays(text: str, pattern: str | None = None) -> list[int]:
    """``Tue-Thu`` -> [1, 2, 3]; ``Mon, Wed`` -> [0, 2]; also ``weekdays`` and ``daily``
    (0 = Monday)."""
    pattern = pattern or text
    words = re.sub(r"\s*[-–—]\s*", "-", text.strip().casefold())
    if words in ("weekdays", "workdays"):
        return [0, 1, 2, 3, 4]
    if words in ("daily", "every day", "all week"):
        return list(range(7))
    if not words:
        raise InputError(f"--weekly {pattern!r}: say which days, e.g. 'Tue-Thu 10:00-16:00'")
    days: list[int] = []
    for part in re.split(r"\s*(?:[,;/&+]|\band\b)\s*|\s+", words):
        ends = part.split("-")
        if not part:
            continue
        if len(ends) == 1:
            days.append(_weekday(part, pattern))
            continue
        if len(ends) > 2 or not all(ends):
            raise InputError(f"--weekly {pattern!r}: {part!r} is not a range of days such as "
                             "Tue-Thu")
        low, high = _weekday(ends[0], pattern), _weekday(ends[1], pattern)
        if high < low:
            raise InputError(f"--weekly {pattern!r}: {part!r} runs backwards; write the days "
                             f"from Monday to Sunday, e.g. {_SHORT[low]}-Sun,Mon-{_SHORT[high]}")
        days.extend(range(low, high + 1))
    return sorted(set(days))


def _clock(text: str, pattern: str) -> time:
    hours, _, minutes = text.replace(".", ":").partition(":")
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise InputError(f"--weekly {pattern!r}: {text!r} is not a time of day (HH:MM)") \
            from None


def weekly(text: str) -> tuple[list[int], time, time]:
    """``Tue-Thu 10:00-16:00`` -> ([1, 2, 3], 10:00, 16:00): days, then the hours."""
    match = _WEEKLY.fullmatch(text.strip())
    if match is None:
        raise InputError(f"--weekly {text!r}: expected days and hours such as "
                         "'Tue-Thu 10:00-16:00' or 'Mon,Wed 09:00-12:00'")
    start, end = _clock(match["start"], text), _clock(match["end"], text)
    if end <= start:
        raise InputError(f"--weekly {text!r}: {end:%H:%M} is not after {start:%H:%M}")
    return weekdays(match["days"], text), start, end
