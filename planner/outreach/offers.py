"""The slots a host offers in its reply, read as a coordinator pastes them, and put into the
plan: the host's availability windows, and its meeting moved into one of them with the
checker's approval.

Reading (:func:`read_offer`) is relative to the tour's days and in the host's zone (its office
place's zone, else the tour's home zone), as :class:`OfferContext` says. An offer is slots
separated by commas, semicolons, new lines, ``or`` (``、``, ``・``, ``または`` in Japanese);
each slot is a day and its hours:

* the day: a weekday (``Tue``, ``Tuesday``, ``Tue-Thu``, ``weekdays``, ``火曜``, ``(火)``), a
  date (``12 May``, ``May 12``, ``12th``, ``2027-05-12``, ``5月12日``, ``12日``, ``5/12``), or
  both (``Wed 12 May``, ``5月12日(水)``: the weekday must be the date's). A date without a
  year is the tour's; ``5/12`` is read both ways and must name one day of the tour (its
  weekday, if given, may choose). A weekday without a date means that weekday within the tour:
  the days of it the delegation spends near the host (a hotel night within :data:`CITY_KM` of
  the office puts it there that day and the next morning), or, when the stays say nothing of
  it, every such day of the tour;
* the hours: ``14:00-16:00``, ``14-16``, ``9:30–11``, ``2-4pm``, ``14h30 to 16h``, ``14時〜16時``,
  ``午後2時から4時``, ``from 14:00`` or ``until 12:00`` (the tour's working day at the other end),
  ``at 14:00`` (a slot as long as the meeting: :attr:`OfferContext.minutes`), or a part of
  the day (:data:`PARTS_OF_DAY`: ``morning``, ``afternoon``, ``evening``, ``am``, ``pm``,
  ``午前``, ``午後``, ``夕方``; ``all day`` and ``終日`` are the tour's working day). An hour
  from 1 to 6 written without ``am``/``pm`` is the afternoon's (no host receives a delegation at
  3 at night; ``02:30`` is the night's). Full-width digits and colons read as ASCII (NFKC).

A day given without hours takes the hours of the slot after it (``Tue, Wed 14-16``: both days
14-16; ``Wed, 12 May 10-12``: the weekday of that date); hours without a day take the day before
them (``Tue 10-11, 14-16``); a day left without hours at the end is offered whole (the tour's
working day). Anything else is refused with :class:`OfferError` naming the piece that cannot
be read and the shapes that can; a day outside the tour is refused with the tour's dates.

An .ics file of offered slots (:func:`read_offer_ics`) is read by
:func:`planner.calendar.availability.read_spans`: its free time (``FBTYPE=FREE``, events shown
as free) less its busy time, or, when it holds only ordinary events, the events themselves (a
host's "options" are events); a span of 12 hours or more (an all-day event) is offered as the
working day of each day it covers; slots outside the tour are left out.

Applying (:func:`apply_offer`, in the caller's transaction) adds each offered span the host does
not have yet as one of its windows (:func:`planner.edits.add_record`) and moves the meeting
(given, else the host's one idea or requested meeting) into the first span where the checker
finds no error for it, trying starts on the :data:`GRID_MINUTES` grid from each span's start and
keeping its length (:func:`planner.edits.set_fields`); a meeting already in an offered span
that passes there stays, and a locked one is not moved. One undo is the caller's: the command
line commits one transaction, the window records it with :func:`planner.changes.record`.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import edits, lookup
from planner.calendar.availability import read_spans, subtract
from planner.dayplan import MEETING_MINUTES
from planner.errors import InputError, NameNotFound
from planner.feasibility.checker import Checker
from planner.feasibility.checks import check_day, merge
from planner.feasibility.findings import Finding, Severity
from planner.feasibility.plan import Plan
from planner.folding import fold, named
from planner.formatting import LocalSpan, format_day, format_weekday
from planner.geo.sphere import distance_km
from planner.messages import N_, render, translate
from planner.model import AgendaItem, ItemKind, ItemStatus, Organisation, Stay, Tour
from planner.timezones import LocalTimeError, local_instant, to_local
from planner.timezones import zone as zone_info

#: What a part of the day offers, in the host's local time.
PARTS_OF_DAY: dict[str, tuple[time, time]] = {
    "morning": (time(9, 0), time(12, 0)),
    "afternoon": (time(13, 30), time(17, 30)),
    "evening": (time(17, 30), time(20, 0)),
}
#: The words for each part of the day ("day": the tour's working day).
_PART_WORDS = {
    "morning": "morning", "in the morning": "morning", "mornings": "morning", "am": "morning",
    "a.m.": "morning", "午前": "morning", "午前中": "morning", "朝": "morning",
    "afternoon": "afternoon", "in the afternoon": "afternoon", "afternoons": "afternoon",
    "pm": "afternoon", "p.m.": "afternoon", "午後": "afternoon",
    "evening": "evening", "in the evening": "evening", "夕方": "evening",
    "all day": "day", "whole day": "day", "full day": "day", "the whole day": "day",
    "any time": "day", "anytime": "day", "終日": "day", "一日中": "day", "全日": "day",
}
#: Starts are tried on this grid of the local clock (minutes).
GRID_MINUTES = 5
#: A hotel at most this far from the host's office puts the delegation in the host's city.
CITY_KM = 50.0
#: At most this much text is read, and at most this many slots made of it.
MAX_CHARACTERS = 10_000
MAX_SLOTS = 200
#: A message shows at most this much of the piece it refuses.
SHOWN_PIECE = 80
#: A piece of at most this many words is also read with its hours before its day.
MAX_WORDS = 12
#: A span of an .ics at least this long is read as whole days (an all-day event).
WHOLE_DAY = timedelta(hours=12)

# --- messages ----------------------------------------------------------------------------------
UNREADABLE = N_("“{piece}” cannot be read as an offered slot. Write a day and its hours, e.g. "
                "“Tue 14:00–16:00”, “Wed morning”, “Tuesday 14-16”, “12 May 9:30–11”, "
                "“2027-05-12 14:00–15:30”, “5月12日(水) 14:00〜16:00” or “12日 午前”; "
                "separate slots with commas, semicolons, new lines or “or”")
OUTSIDE = N_("“{piece}”: {day} is not in the tour ({first} to {last})")
NO_SUCH_DAY = N_("“{piece}”: no day of the tour is day {number} of its month ({first} to "
                 "{last})")
NO_WEEKDAY = N_("“{piece}”: the tour has no {weekday} ({first} to {last})")
NOT_WEEKDAY = N_("“{piece}”: {day} is a {actual}, not a {given}")
BAD_DATE = N_("“{piece}”: “{text}” is not a date")
BAD_TIME = N_("“{piece}”: “{text}” is not a time of day")
BACKWARDS = N_("“{piece}”: {end} is not after {start}")
NO_DAY = N_("“{piece}”: which day? Give the day before the hours, e.g. “Tue 14:00–16:00”")
AMBIGUOUS = N_("“{piece}” could be {one} or {other}: write the month's name, e.g. “12 May”")
CLOCKS = N_("“{piece}”: {reason}")
#: How a clock-change refusal names the time it refuses.
OFFERED_TIME = N_("the offered time")
EMPTY = N_("No offered slot given: paste the host's reply, e.g. “Tue 14:00–16:00, Wed "
           "morning”, or give an .ics file")
TOO_LONG = N_("The offer is {length} characters long; at most {limit} are read")
TOO_MANY = N_("The offer names more than {limit} slots")
ICS_EMPTY = N_("{path}: holds no offered slot within the tour ({first} to {last})")
NOT_HOSTED = N_("{meeting} is not a meeting with {host}")
SEVERAL = N_("{host} has several meetings that could move: {meetings}; say which")

ADDED = N_("Windows added for {host} ({zone}): {spans}")
NONE_ADDED = N_("No window added for {host}: every offered slot is one of its windows already")
KNOWN = N_("Already among its windows: {spans}")
MOVED = N_("Moved {meeting} from {before} to {after}")
KEPT = N_("{meeting} stays at {before}: it is in an offered slot already and passes the checks")
NO_FIT = N_("{meeting} stays at {before}: no offered slot fits it")
REFUSED = N_("{span}: {reason}")
TOO_SHORT = N_("shorter than the meeting ({minutes} min)")
LOCKED = N_("{meeting} is locked and stays at {before}: unlock it to move it into an offered "
            "slot")
NO_MEETING = N_("{host} has no idea or requested meeting to move into an offered slot")


class OfferError(InputError):
    """An offer that cannot be read, or names a day outside the tour: says which piece and why,
    in the window's language too (a catalogue template and its data)."""

    def __init__(self, template: str, /, **data: Any) -> None:
        self.template, self.data = template, data
        super().__init__(self.message())

    def message(self, language: str = "en") -> str:
        return translate(self.template, language).format(**_written(self.data, language))


def _written(data: dict[str, Any], language: str) -> dict[str, Any]:
    """*data* with days, weekdays and clock-change reasons written in *language*."""
    shown: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("weekday", "actual", "given") and isinstance(value, date):
            shown[key] = format_weekday(value, language)
        elif isinstance(value, date):
            shown[key] = format_day(value, language)
        elif key == "piece" and len(value) > SHOWN_PIECE:
            shown[key] = value[:SHOWN_PIECE - 1].rstrip() + "…"
        elif isinstance(value, LocalTimeError):
            shown[key] = render(value.template, {**value.data, "what": translate(
                OFFERED_TIME, language)}, language)
        else:
            shown[key] = value
    return shown


# --- reading -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfferContext:
    """What an offer is read against: the tour's days, the host's zone and the tour's working
    day; *near*: the days the delegation spends near the host (empty: the stays do not say);
    *minutes*: how long a slot given by its start alone lasts (the meeting's length)."""

    first: date
    last: date
    zone: str
    day_start: time = time(8, 30)
    day_end: time = time(19, 0)
    near: frozenset[date] = frozenset()
    minutes: int = MEETING_MINUTES

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class OfferedSpan:
    """One offered slot: its instants, the zone it was offered in, the text it was read from."""

    start: datetime
    end: datetime
    zone: str
    text: str = ""

    @property
    def local(self) -> LocalSpan:
        return LocalSpan(to_local(self.start, self.zone), to_local(self.end, self.zone))

    def as_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "zone": self.zone,
                "local": self.local.text(), "text": self.text}


def host_zone(tour: Tour, organisation: Organisation) -> str:
    """The zone a host's offer is read in: its office's, else the tour's home zone."""
    return organisation.place.zone if organisation.place is not None else tour.home_zone


def near_days(session: Session, organisation: Organisation, tour: Tour) -> frozenset[date]:
    """The days of the tour the delegation spends near the host's office: each night in a hotel
    within :data:`CITY_KM` of it puts the delegation there that day and the next morning."""
    office = organisation.place
    if office is None:
        return frozenset()
    found: set[date] = set()
    for stay in session.scalars(select(Stay)):
        hotel = stay.place
        if distance_km(office.latitude, office.longitude, hotel.latitude,
                       hotel.longitude) > CITY_KM:
            continue
        night = stay.check_in
        while night < stay.check_out:
            found.update((night, night + timedelta(days=1)))
            night += timedelta(days=1)
    return frozenset(day for day in found if tour.start_date <= day <= tour.end_date)


def offer_context(session: Session, organisation: Organisation,
                  minutes: int = MEETING_MINUTES) -> OfferContext:
    """The context a host's offer is read in (see :class:`OfferContext`)."""
    tour = session.get_one(Tour, 1)
    return OfferContext(tour.start_date, tour.end_date, host_zone(tour, organisation),
                        tour.day_start, tour.day_end, near_days(session, organisation, tour),
                        minutes)


_MONTHS = {name: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for name in names}
_KANJI_DAYS = "月火水木金土日"
_SPLIT = re.compile(r"\s*(?:[,;\n\r、，；・･]|\bor\b|または|もしくは|\band\b(?=\s*(?:mon|tue|wed|"
                    r"thu|fri|sat|sun|\d{1,2}(?:st|nd|rd|th)?\s*(?:of\s+)?[a-z]{3}|"
                    r"[a-z]{3,9}\.?\s+\d)))\s*", re.IGNORECASE)
_WEEKDAY_EN = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_LEADING_DAYS = re.compile(
    rf"(?P<en>{_WEEKDAY_EN}(?:\s*(?:-|/|&|\+|and)\s*{_WEEKDAY_EN})*|weekdays|workdays)(?![a-z])"
    rf"|\(?(?P<ja>[{_KANJI_DAYS}])(?:曜日?)?\)?")
_TRAILING_DAY = re.compile(rf"\(\s*(?:(?P<ja>[{_KANJI_DAYS}])(?:曜日?)?|(?P<en>{_WEEKDAY_EN}))\s*\)"
                           rf"|(?P<ja2>[{_KANJI_DAYS}])曜日?")
_DATES = (
    ("ymd", re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
                       r"(?!\d)\s*日?")),
    ("md", re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
    ("d", re.compile(r"(?P<d>\d{1,2})\s*日")),
    ("dmon", re.compile(r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?"
                        r"(?P<mon>[a-z]{3,9})\.?(?![a-z])(?:\s*,?\s*(?P<y>20\d\d)(?![\d:.h]))?")),
    ("mond", re.compile(r"(?P<mon>[a-z]{3,9})\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:.h時])"
                        r"(?:\s*,?\s*(?P<y>20\d\d)(?![\d:.h]))?")),
    ("slash", re.compile(r"(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})(?![\d/])")),
    ("nth", re.compile(r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?![a-z])")),
)
_CLOCK = (r"(?:noon|midday|正午|(?:(?:午前|午後)\s*)?\d{1,2}(?:\s*[:.]\s*\d{2}|\s*h(?:\s*\d{2})?"
          r"|\s*時(?:\s*\d{1,2}\s*分|\s*半)?)?(?:\s*[ap]\.?\s*m\.?)?)")
_RANGE = re.compile(rf"(?:from\s+|between\s+)?(?P<a>{_CLOCK})\s*(?:-|to|till|until|and|から)\s*"
                    rf"(?P<b>{_CLOCK})\s*(?:まで)?")
_FROM = re.compile(rf"(?:from|after)\s+(?P<a>{_CLOCK})(?:\s*on(?:wards)?)?"
                   rf"|(?P<b>{_CLOCK})\s*(?:-|から|以降|onwards)")
_UNTIL = re.compile(rf"(?:until|till|to|before|by|-)\s*(?P<a>{_CLOCK})|(?P<b>{_CLOCK})\s*(?:まで)")
_AT = re.compile(rf"(?:at\s+)?(?P<a>{_CLOCK})")
_ONE_CLOCK = re.compile(r"(?P<noon>noon|midday|正午)|(?:(?P<ja>午前|午後)\s*)?(?P<h>\d{1,2})"
                        r"(?:\s*[:.]\s*(?P<m>\d{2})|\s*h(?:\s*(?P<m2>\d{2}))?"
                        r"|\s*時(?:\s*(?P<m3>\d{1,2})\s*分|\s*(?P<half>半))?)?"
                        r"(?:\s*(?P<ap>[ap])\.?\s*m\.?)?")


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str  # "am", "pm" or ""
    text: str
    padded: bool = False  # "02:30": a 24-hour clock, never the afternoon's


@dataclass(frozen=True)
class _Slot:
    """One piece of an offer as written: its day (weekdays, a date, or nothing) and hours."""

    text: str
    weekdays: tuple[int, ...] = ()
    date: tuple[str, dict[str, str]] | None = None  # the pattern's name and its groups
    hours: tuple[time, time] | None = None

    @property
    def has_day(self) -> bool:
        return bool(self.weekdays) or self.date is not None


def _normal(piece: str) -> str:
    """*piece* as the patterns read it: NFKC (full-width digits and colons), lower case, dashes
    and tildes as ``-``, one space between words."""
    text = unicodedata.normalize("NFKC", piece).casefold()
    text = re.sub(r"[‐‑‒–—―−〜~]", "-", text)
    text = text.replace("の", " ")
    return " ".join(text.split()).strip(" .")


def _pieces(text: str) -> list[str]:
    return [piece.strip() for piece in _SPLIT.split(text) if piece and piece.strip(" .\t")]


def read_offer(text: str, context: OfferContext) -> tuple[OfferedSpan, ...]:
    """The slots *text* offers, in time order (each once); :class:`OfferError` for a piece that
    cannot be read or names a day outside the tour (see the module's rules)."""
    if len(text) > MAX_CHARACTERS:
        raise OfferError(TOO_LONG, length=len(text), limit=MAX_CHARACTERS)
    pieces = _pieces(text)
    if not pieces:
        raise OfferError(EMPTY)
    spans: dict[tuple[datetime, datetime], OfferedSpan] = {}
    waiting: list[_Slot] = []  # days given without hours, waiting for the next hours
    last_days: list[date] = []
    for piece in pieces:
        slot = _read_piece(piece, context)
        if waiting and slot.date is not None and not slot.weekdays \
                and waiting[-1].weekdays and waiting[-1].date is None:
            given = waiting.pop()  # "Wed, 12 May 10-12": the weekday of that date
            slot = replace(slot, text=f"{given.text}, {slot.text}", weekdays=given.weekdays)
        if slot.hours is None:
            waiting.append(slot)
            continue
        days = [day for earlier in waiting for day in _days(earlier, context)]
        if slot.has_day:
            days += _days(slot, context)
        elif not days:
            if not last_days:
                raise OfferError(NO_DAY, piece=piece)
            days = last_days
        for day in days:
            _add(spans, _span(day, slot.hours, slot.text, context))
        waiting, last_days = [], days
    for slot in waiting:  # a day without hours at the end: the whole working day
        for day in _days(slot, context):
            _add(spans, _span(day, (context.day_start, context.day_end), slot.text, context))
    return tuple(sorted(spans.values(), key=lambda s: (s.start, s.end)))


def _add(spans: dict[tuple[datetime, datetime], OfferedSpan], span: OfferedSpan) -> None:
    spans.setdefault((span.start, span.end), span)
    if len(spans) > MAX_SLOTS:
        raise OfferError(TOO_MANY, limit=MAX_SLOTS)


def _read_piece(piece: str, context: OfferContext) -> _Slot:
    text = re.sub(r"^on\s+", "", _normal(piece))
    try:
        return _read_words(piece, text, context)
    except OfferError as exc:
        if exc.template != UNREADABLE:
            raise
        refused = exc
    # the hours before the day: "14:00-16:00 on Tuesday", "2-4pm Tue"
    words = text.split(" ")
    for cut in range(len(words) - 1, 0, -1) if len(words) <= MAX_WORDS else ():
        hours, day = " ".join(words[:cut]), re.sub(r"^on\s+", "", " ".join(words[cut:]))
        try:
            slot = _read_words(piece, day, context)
            if slot.has_day and slot.hours is None:
                return replace(slot, hours=_hours(hours, piece, context))
        except OfferError:
            continue
    raise refused


def _read_words(piece: str, rest: str, context: OfferContext) -> _Slot:
    weekdays: list[int] = []
    found = _LEADING_DAYS.match(rest)
    if found:
        weekdays += _weekdays(found, piece)
        rest = rest[found.end():].lstrip(" ,")
    day: tuple[str, dict[str, str]] | None = None
    for name, pattern in _DATES:
        matched = pattern.match(rest)
        if matched is None or (name in ("dmon", "mond") and matched["mon"] not in _MONTHS):
            continue
        day = (name, {"text": matched[0].strip(),
                      **{k: v for k, v in matched.groupdict().items() if v is not None}})
        rest = rest[matched.end():].lstrip(" ,")
        break
    if day is not None:
        trailing = _TRAILING_DAY.match(rest)
        if trailing:
            weekdays += _weekdays(trailing, piece)
            rest = rest[trailing.end():].lstrip(" ,")
    rest = re.sub(r"^(?:on|at the|in the)\s+(?=\D)", "", rest).strip(" ,:")
    rest = re.sub(r"(?:頃|ごろ|位|くらい|ぐらい|が空いています|が可能です|で)$", "", rest).strip()
    hours = _hours(rest, piece, context) if rest else None
    if not weekdays and day is None and hours is None:
        raise OfferError(UNREADABLE, piece=piece)
    return _Slot(piece, tuple(sorted(set(weekdays))), day, hours)


def _weekdays(found: re.Match[str], piece: str) -> list[int]:
    groups = {k: v for k, v in found.groupdict().items() if v}
    kanji = groups.get("ja") or groups.get("ja2")
    if kanji:
        return [_KANJI_DAYS.index(kanji)]
    try:
        return lookup.weekdays(groups["en"])
    except InputError:
        raise OfferError(UNREADABLE, piece=piece) from None


def _hours(rest: str, piece: str, context: OfferContext) -> tuple[time, time]:
    part = _PART_WORDS.get(rest)
    if part == "day":
        return context.day_start, context.day_end
    if part is not None:
        return PARTS_OF_DAY[part]
    if (matched := _RANGE.fullmatch(rest)) is not None:
        return _ordered(_pair(_clock(matched["a"], piece), _clock(matched["b"], piece), piece),
                        piece)
    if (matched := _FROM.fullmatch(rest)) is not None:
        start = _time(_clock(matched["a"] or matched["b"], piece), piece)
        return _ordered((start, context.day_end), piece)
    if (matched := _UNTIL.fullmatch(rest)) is not None:
        end = _time(_clock(matched["a"] or matched["b"], piece), piece)
        return _ordered((context.day_start, end), piece)
    if (matched := _AT.fullmatch(rest)) is not None:
        at = _time(_clock(matched["a"], piece), piece)
        finish = datetime.combine(date.min, at) + timedelta(minutes=context.minutes)
        if finish.date() != date.min:
            raise OfferError(BAD_TIME, piece=piece, text=rest)
        return at, finish.time()
    raise OfferError(UNREADABLE, piece=piece)


def _clock(text: str, piece: str) -> _Clock:
    matched = _ONE_CLOCK.fullmatch(text.strip())
    if matched is None:  # pragma: no cover - the range patterns hold only clocks
        raise OfferError(BAD_TIME, piece=piece, text=text)
    if matched["noon"]:
        return _Clock(12, 0, "pm", text)
    minute = matched["m"] or matched["m2"] or matched["m3"] or ("30" if matched["half"] else "0")
    meridiem = {"午前": "am", "午後": "pm"}.get(matched["ja"] or "", "") or \
        (f"{matched['ap']}m" if matched["ap"] else "")
    return _Clock(int(matched["h"]), int(minute), meridiem, text.strip(),
                  len(matched["h"]) == 2)


def _time(clock: _Clock, piece: str, meridiem: str | None = None) -> time:
    hour, said = clock.hour, meridiem if meridiem is not None else clock.meridiem
    if said and not 1 <= hour <= 12:
        raise OfferError(BAD_TIME, piece=piece, text=clock.text)
    if said == "pm" and hour < 12:
        hour += 12
    elif said == "am" and hour == 12:
        hour = 0
    elif not said and 1 <= hour <= 6 and not clock.padded:  # "Tue 2-4": the afternoon's
        hour += 12
    try:
        return time(hour, clock.minute)
    except ValueError:
        raise OfferError(BAD_TIME, piece=piece, text=clock.text) from None


def _pair(start: _Clock, end: _Clock, piece: str) -> tuple[time, time]:
    """The two ends of a range; an ``am``/``pm`` (午前/午後) written once holds for the other
    end where it keeps the range in order (``2-4pm``, ``午後2時〜4時``; ``11-1pm`` is 11-13)."""
    if start.meridiem and not end.meridiem:
        first = _time(start, piece)
        for meridiem in (start.meridiem, None):
            if 1 <= end.hour <= 12 and _time(end, piece, meridiem) > first:
                return first, _time(end, piece, meridiem)
        return first, _time(end, piece)
    if end.meridiem and not start.meridiem and 1 <= start.hour <= 12:
        last = _time(end, piece)
        borrowed = _time(start, piece, end.meridiem)
        return (borrowed if borrowed < last else _time(start, piece, "am")), last
    return _time(start, piece), _time(end, piece)


def _ordered(hours: tuple[time, time], piece: str) -> tuple[time, time]:
    start, end = hours
    if end <= start:
        raise OfferError(BACKWARDS, piece=piece, start=f"{start:%H:%M}", end=f"{end:%H:%M}")
    return hours


def _days(slot: _Slot, context: OfferContext) -> list[date]:
    """The tour days *slot* names (see the module's rules)."""
    tour_days = context.days
    bounds = {"first": context.first, "last": context.last}
    if slot.date is None:
        found: list[date] = []
        for weekday in slot.weekdays:
            each = [day for day in tour_days if day.weekday() == weekday]
            if not each:
                raise OfferError(NO_WEEKDAY, piece=slot.text, weekday=_a(weekday), **bounds)
            found += [day for day in each if day in context.near] or each
        return sorted(found)
    days = _dated(slot, context)
    if len(slot.weekdays) == 1:
        for day in days:
            if day.weekday() != slot.weekdays[0]:
                raise OfferError(NOT_WEEKDAY, piece=slot.text, day=day, actual=day,
                                 given=_a(slot.weekdays[0]))
    return days


def _a(weekday: int) -> date:
    """A day that is a *weekday* (the messages write its name)."""
    return date(2027, 1, 4) + timedelta(days=weekday)  # a Monday


def _dated(slot: _Slot, context: OfferContext) -> list[date]:
    assert slot.date is not None
    name, groups = slot.date
    bounds = {"first": context.first, "last": context.last}
    if name in ("d", "nth"):
        number = int(groups["d"])
        days = [day for day in context.days if day.day == number]
        if not days:
            raise OfferError(NO_SUCH_DAY, piece=slot.text, number=number, **bounds)
        return days
    if name == "slash":
        first, second = int(groups["a"]), int(groups["b"])
        readings = {day for month, number in ((first, second), (second, first))
                    for day in _in_tour(month, number, None, context)}
        if len(readings) > 1 and slot.weekdays:  # "5/6(木)": the weekday chooses
            readings = {day for day in readings if day.weekday() in slot.weekdays} or readings
        if len(readings) > 1:
            one, other = sorted(readings)
            raise OfferError(AMBIGUOUS, piece=slot.text, one=one, other=other)
        if not readings:
            raise _outside(slot, first, second, context)
        return sorted(readings)
    month = _MONTHS[groups["mon"]] if "mon" in groups else int(groups["m"])
    number, year = int(groups["d"]), int(groups["y"]) if "y" in groups else None
    days = _in_tour(month, number, year, context)
    if not days:
        raise _outside(slot, month, number, context, year)
    return days


def _in_tour(month: int, number: int, year: int | None, context: OfferContext) -> list[date]:
    """The day *number* of *month* (of *year*, else of the tour's years) within the tour."""
    years = [year] if year is not None else sorted({context.first.year, context.last.year})
    found = []
    for each in years:
        try:
            day = date(each, month, number)
        except ValueError:
            continue
        if context.first <= day <= context.last:
            found.append(day)
    return found


def _outside(slot: _Slot, month: int, number: int, context: OfferContext,
             year: int | None = None) -> OfferError:
    try:
        day = date(year or context.first.year, month, number)
    except ValueError:
        return OfferError(BAD_DATE, piece=slot.text, text=slot.date[1]["text"] if slot.date else "")
    return OfferError(OUTSIDE, piece=slot.text, day=day, first=context.first, last=context.last)


def _span(day: date, hours: tuple[time, time], text: str, context: OfferContext) -> OfferedSpan:
    ends = []
    for clock in hours:
        try:
            ends.append(local_instant(datetime.combine(day, clock), context.zone,
                                      OFFERED_TIME))
        except LocalTimeError as exc:
            raise OfferError(CLOCKS, piece=text, reason=exc) from None
    return OfferedSpan(ends[0], ends[1], context.zone, text)


def read_offer_ics(path: Path, context: OfferContext, tour: Tour | None = None
                   ) -> tuple[OfferedSpan, ...]:
    """The slots an .ics file offers (see the module's rules), in time order; recurring
    events are expanded within *tour*'s days."""
    free, busy = read_spans(path, context.zone, tour)
    offered = subtract(free, busy) if free else busy
    here = zone_info(context.zone)
    found: dict[tuple[datetime, datetime], OfferedSpan] = {}
    for start, end in offered:
        if end <= start:
            continue
        if end - start >= WHOLE_DAY:
            pieces = [(max(start, a), min(end, b)) for day in context.days
                      for a, b in [(datetime.combine(day, context.day_start, tzinfo=here),
                                    datetime.combine(day, context.day_end, tzinfo=here))]]
        else:
            pieces = [(start, end)]
        for a, b in pieces:
            if b > a and context.first <= to_local(a, context.zone).date() <= context.last:
                _add(found, OfferedSpan(a, b, context.zone, path.name))
    if not found:
        raise OfferError(ICS_EMPTY, path=str(path), first=context.first, last=context.last)
    return tuple(sorted(found.values(), key=lambda s: (s.start, s.end)))


# --- applying ----------------------------------------------------------------------------------
class Outcome(enum.StrEnum):
    """What became of the meeting."""

    MOVED = "moved"
    KEPT = "kept"  # in an offered span already, and passing there
    NO_FIT = "no_fit"
    LOCKED = "locked"
    NO_MEETING = "no_meeting"


@dataclass(frozen=True)
class Refusal:
    """Why an offered span does not take the meeting (one before the span it moved to, or
    every span when none fits): the checker's first error at the span's first start
    (*finding*), or the span is shorter than the meeting (*minutes*)."""

    span: OfferedSpan
    finding: Finding | None = None
    minutes: int = 0

    def reason(self, language: str = "en") -> str:
        if self.finding is not None:
            return self.finding.message(language)
        return translate(TOO_SHORT, language).format(minutes=self.minutes)

    def text(self, language: str = "en") -> str:
        return translate(REFUSED, language).format(span=self.span.local.text(language),
                                                   reason=self.reason(language))


@dataclass(frozen=True)
class AddedWindow:
    """A window the offer added: its key and its span."""

    key: int
    span: OfferedSpan


@dataclass(frozen=True)
class OfferResult:
    """What putting an offer into the plan did (:func:`apply_offer`)."""

    host: str
    host_id: int
    zone: str
    added: tuple[AddedWindow, ...]
    known: tuple[OfferedSpan, ...]  # offered spans that were windows already
    outcome: Outcome
    meeting: str = ""
    meeting_id: int | None = None
    meeting_uid: str = ""
    meeting_zone: str = ""
    before: tuple[datetime, datetime] | None = None
    after: tuple[datetime, datetime] | None = None
    refusals: tuple[Refusal, ...] = ()
    changes: edits.Changes = field(default_factory=edits.Changes, compare=False)

    @property
    def moved(self) -> bool:
        return self.outcome is Outcome.MOVED

    def _when(self, span: tuple[datetime, datetime] | None, language: str) -> str:
        if span is None:
            return ""
        zone = self.meeting_zone or self.zone
        return LocalSpan(to_local(span[0], zone), to_local(span[1], zone)).text(language)

    def lines(self, language: str = "en") -> list[str]:
        """The result for people, a sentence a line, in *language*."""
        comma = "、" if language == "ja" else ", "

        def said(template: str, **values: Any) -> str:
            return translate(template, language).format(**values)

        spans = comma.join(w.span.local.text(language) for w in self.added)
        lines = [said(ADDED, host=self.host, zone=self.zone, spans=spans) if self.added
                 else said(NONE_ADDED, host=self.host)]
        if self.known and self.added:
            lines.append(said(KNOWN, spans=comma.join(s.local.text(language)
                                                      for s in self.known)))
        before, after = self._when(self.before, language), self._when(self.after, language)
        meeting = self.meeting
        if self.outcome is Outcome.MOVED:
            lines.append(said(MOVED, meeting=meeting, before=before, after=after))
            lines += ["  " + refusal.text(language) for refusal in self.refusals]
        elif self.outcome is Outcome.KEPT:
            lines.append(said(KEPT, meeting=meeting, before=before))
        elif self.outcome is Outcome.LOCKED:
            lines.append(said(LOCKED, meeting=meeting, before=before))
        elif self.outcome is Outcome.NO_MEETING:
            lines.append(said(NO_MEETING, host=self.host))
        else:
            lines.append(said(NO_FIT, meeting=meeting, before=before))
            lines += ["  " + refusal.text(language) for refusal in self.refusals]
        return lines

    def text(self, language: str = "en") -> str:
        return "\n".join(self.lines(language))

    def as_json(self) -> dict[str, Any]:
        zone = self.meeting_zone or self.zone

        def span(value: tuple[datetime, datetime] | None) -> dict[str, str] | None:
            return None if value is None else {"start": to_local(value[0], zone).isoformat(),
                                               "end": to_local(value[1], zone).isoformat(),
                                               "local": self._when(value, "en")}

        return {"host": self.host, "host_id": self.host_id, "zone": self.zone,
                "added": [{"id": w.key, **w.span.as_json()} for w in self.added],
                "known": [s.as_json() for s in self.known], "outcome": self.outcome.value,
                "meeting": self.meeting or None, "meeting_id": self.meeting_id,
                "meeting_uid": self.meeting_uid or None, "before": span(self.before),
                "after": span(self.after),
                "refusals": [{**r.span.as_json(), "reason": r.reason(),
                              "code": r.finding.code if r.finding is not None else "too_short"}
                             for r in self.refusals],
                "message": self.text()}


def choose_meeting(session: Session, organisation: Organisation,
                   meeting: str | int | None = None) -> AgendaItem | None:
    """The meeting an offer is for: *meeting* (a key, or a name among the host's items not
    cancelled: a meal it hosts too), else the host's one idea or requested meeting (None if it
    has none; several are refused, listed)."""
    hosted = list(session.scalars(
        select(AgendaItem).where(AgendaItem.organisation_id == organisation.id,
                                 AgendaItem.status != ItemStatus.CANCELLED)
        .order_by(AgendaItem.start, AgendaItem.id)))
    if isinstance(meeting, int):
        item = session.get(AgendaItem, meeting)
        if item is None or item.organisation_id != organisation.id:
            title = item.title if item is not None else f"#{meeting}"
            raise OfferError(NOT_HOSTED, meeting=title, host=organisation.name)
        return item
    if meeting is not None:
        wanted = fold(meeting)
        found = named(wanted, hosted, lambda i: (i.title, i.title_ja, i.uid)) if wanted else []
        labels = [lookup.label("item", i) for i in (found or hosted)]
        if len(found) != 1:
            raise NameNotFound(f"meeting with {organisation.name}", meeting, labels,
                               ambiguous=len(found) > 1)
        return found[0]
    open_ = [i for i in hosted if i.kind is ItemKind.MEETING
             and i.status in (ItemStatus.IDEA, ItemStatus.REQUESTED)]
    if len(open_) > 1:
        raise OfferError(SEVERAL, host=organisation.name,
                         meetings="; ".join(lookup.label("item", i) for i in open_))
    return open_[0] if open_ else None


def apply_offer(session: Session, organisation_id: int, spans: Sequence[OfferedSpan],
                meeting: str | int | None = None) -> OfferResult:
    """Put *spans* into the plan in the caller's transaction: each span the host does not have
    yet becomes one of its windows, and the meeting (:func:`choose_meeting`) moves into the
    first span where the checker finds no error for it (see the module's rules)."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise InputError(f"organisation #{organisation_id} no longer exists")
    item = choose_meeting(session, organisation, meeting)
    tour = session.get_one(Tour, 1)
    zone_name = host_zone(tour, organisation)
    changes = edits.Changes()
    have = {(w.start, w.end) for w in organisation.availability}
    added: list[AddedWindow] = []
    known: list[OfferedSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if (span.start, span.end) in have:
            known.append(span)
            continue
        done = edits.add_record(session, "availability", {
            "organisation_id": organisation.id, "start": span.start, "end": span.end,
            "zone": span.zone, "note": span.text[:2_000]})
        changes.merge(done.changes)
        have.add((span.start, span.end))
        added.append(AddedWindow(done.value, span))
    base = OfferResult(organisation.name, organisation.id, zone_name, tuple(added),
                       tuple(known), Outcome.NO_MEETING, changes=changes)
    if item is None:
        return base
    before = (item.start, item.end)
    base = replace(base, meeting=item.title, meeting_id=item.id, meeting_uid=item.uid,
                   meeting_zone=item.zone, before=before)
    if item.locked:
        return replace(base, outcome=Outcome.LOCKED)
    session.flush()
    session.expire(organisation, ["availability"])
    outcome, after, refusals = _fit(session, item, sorted(spans, key=lambda s: (s.start, s.end)))
    if outcome is Outcome.MOVED and after is not None:
        moved = edits.set_fields(session, "item", item.id, {"start": after[0], "end": after[1]})
        changes.merge(moved.changes)
    return replace(base, outcome=outcome, after=after, refusals=tuple(refusals))


def _fit(session: Session, item: AgendaItem, spans: Iterable[OfferedSpan]
         ) -> tuple[Outcome, tuple[datetime, datetime] | None, list[Refusal]]:
    """Where the checker lets *item* go among *spans*: its own place if it is in one and passes
    there, else the first start on the grid of the first span that takes it."""
    checker = Checker(Plan.from_session(session))
    plan = checker.plan
    planned = plan.items[item.uid]
    length = item.end - item.start
    spans = list(spans)

    def errors(start: datetime) -> list[Finding]:
        # an item's findings belong to the day it starts on (the Checker's rule): that day is
        # checked again with the item at *start*, as Checker.update would, without the days
        # after it, whose findings never name it
        tried = replace(planned, start=start, end=start + length)
        plan.put(tried)
        found = merge(plan, check_day(checker.context, tried.day))
        return [f for f in found if f.severity is Severity.ERROR and item.uid in f.items]

    if any(s.start <= item.start and item.end <= s.end for s in spans) \
            and not errors(item.start):
        return Outcome.KEPT, (item.start, item.end), []
    refusals: list[Refusal] = []
    minutes = int(length.total_seconds() // 60)
    for span in spans:
        start = _on_grid(span.start, span.zone)
        first: list[Finding] | None = None
        while start + length <= span.end:
            found = errors(start)
            if not found:
                return Outcome.MOVED, (start, start + length), refusals
            first = found if first is None else first
            start += timedelta(minutes=GRID_MINUTES)
        refusals.append(Refusal(span, first[0]) if first else Refusal(span, minutes=minutes))
    return Outcome.NO_FIT, None, refusals


def _on_grid(moment: datetime, zone_name: str) -> datetime:
    """*moment*, or the first minute after it on the local clock's grid."""
    local = to_local(moment, zone_name)
    past = (local.minute % GRID_MINUTES) * 60 + local.second + local.microsecond / 1e6
    if not past:
        return moment
    return moment + timedelta(seconds=GRID_MINUTES * 60 - past)


def offer_slots(session: Session, organisation_id: int, text: str = "",
                ics: Path | None = None, meeting: str | int | None = None) -> OfferResult:
    """Read the host's offer (*text*, an .ics, or both) and apply it (:func:`apply_offer`): the
    command line's ``offer-slots`` and the window's reply dialog in one call."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise InputError(f"organisation #{organisation_id} no longer exists")
    item = choose_meeting(session, organisation, meeting)
    minutes = int((item.end - item.start).total_seconds() // 60) if item else MEETING_MINUTES
    context = offer_context(session, organisation, minutes)
    spans: list[OfferedSpan] = []
    if text.strip():
        spans += read_offer(text, context)
    if ics is not None:
        spans += read_offer_ics(ics, context, session.get_one(Tour, 1))
    if not spans:
        raise OfferError(EMPTY)
    return apply_offer(session, organisation_id, spans, item.id if item is not None else None)
