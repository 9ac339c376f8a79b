"""How agenda items read as text, the same in the CLI, the GUI and (later) the printed agenda.

Times are local to the place; a zone is named wherever the time could be misread (an item that
starts in one zone and ends in another).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date

from planner import topics
from planner.messages import N_, translate
from planner.model import AgendaItem, ItemStatus, OrganisationKind, Traveller

#: How a day is written in each language: ``Tue 12 May 2026`` / ``2026年5月12日(火)``.
DAY_FORMATS = {"en": "EEE d MMM y", "ja": "y年M月d日(E)"}
SHORT_DAY_FORMATS = {"en": "EEE d MMM", "ja": "M月d日(E)"}


def format_day(day: date, language: str = "en", short: bool = False) -> str:
    """A calendar day for people, in *language*."""
    formats = SHORT_DAY_FORMATS if short else DAY_FORMATS
    return format_date(day, formats[language], locale=language)


def format_weekday(day: date, language: str = "en") -> str:
    """The day of the week, in *language* (``Saturday`` / ``土曜日``)."""
    return format_date(day, "EEEE", locale=language)


#: What each kind of organisation is called (the window's Qt catalogue says the same words).
ORGANISATION_KINDS = {
    OrganisationKind.STARTUP: N_("Startup"), OrganisationKind.SCALEUP: N_("Scale-up"),
    OrganisationKind.INVESTOR: N_("Investor"), OrganisationKind.ACCELERATOR: N_("Accelerator"),
    OrganisationKind.CORPORATE: N_("Corporate"), OrganisationKind.UNIVERSITY: N_("University"),
    OrganisationKind.RESEARCH: N_("Research institute"),
    OrganisationKind.PUBLIC_AGENCY: N_("Public agency"), OrganisationKind.HUB: N_("Hub"),
    OrganisationKind.OTHER: N_("Other"),
}


def organisation_kind_text(kind: OrganisationKind | str, language: str = "en") -> str:
    """An organisation's kind as a word of *language* (``研究機関``, never ``research``)."""
    return translate(ORGANISATION_KINDS[OrganisationKind(kind)], language)


#: What an item's status is called where it is marked (the printed agenda): an item not yet
#: agreed, or called off, says so beside its title.
ITEM_STATUSES = {ItemStatus.IDEA: N_("idea"), ItemStatus.REQUESTED: N_("requested"),
                 ItemStatus.CONFIRMED: N_("confirmed"), ItemStatus.CANCELLED: N_("cancelled")}


def status_text(status: ItemStatus | str, language: str = "en") -> str:
    """An item's status as a word of *language* (``依頼中``, never ``requested`` in Japanese)."""
    return translate(ITEM_STATUSES[ItemStatus(status)], language)


def bracketed(text: str, language: str = "en") -> str:
    """*text* as an aside after what precedes it: `` (requested)`` / ``（依頼中）`` (Japanese
    brackets are full width and take no space before them)."""
    return f"（{text}）" if language == "ja" else f" ({text})"


#: How travel modes are called (``taxi`` / ``タクシー``).
TRAVEL_MODES = {"walk": N_("walk"), "taxi": N_("taxi"), "transit": N_("transit"),
                "rail": N_("rail"), "flight": N_("flight"), "ferry": N_("ferry")}


def travel_mode_text(mode: str, language: str = "en") -> str:
    """A travel mode of the travel model as a word of *language*."""
    return translate(TRAVEL_MODES[mode], language)


def duration_text(minutes: int, language: str = "en") -> str:
    """A length of time in *language*: ``51 min``, ``2 h 5 min`` / ``51分``, ``2時間5分``."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return translate(N_("{minutes} min"), language).format(minutes=rest)
    if not rest:
        return translate(N_("{hours} h"), language).format(hours=hours)
    return translate(N_("{hours} h {minutes} min"), language).format(hours=hours, minutes=rest)


def distance_text(km: float, language: str = "en") -> str:
    """A distance with the number written as *language* writes it: ``16.7 km``, ``1,204 km``."""
    from babel.numbers import format_decimal  # not on the window's start path

    return f"{format_decimal(round(km, 1), format='#,##0.0', locale=language)} km"


def language_names(codes: list[str], language: str = "en") -> str:
    """Language codes (``ja``, ``en``, ``de-CH``) as words of *language*: ``Japanese, English``
    / ``日本語、英語``; a code babel does not know stays as it is."""
    names = Locale.parse(language).languages
    words = []
    for code in codes:
        try:
            known = Locale.parse(code.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            words.append(code)
            continue
        word = known.get_display_name(language) if known.territory else \
            names.get(known.language)
        words.append(word or code)
    return ("、" if language == "ja" else ", ").join(words)


def traveller_name(person: Traveller, language: str = "en") -> str:
    """A traveller as a reader of *language* names her: the Japanese name first for a Japanese
    reader, ``高橋 健二 (Kenji Takahashi)``, the Latin one first otherwise."""
    if not person.name_ja:
        return person.name
    if language == "ja":
        return f"{person.name_ja} ({person.name})"
    return f"{person.name} ({person.name_ja})"


#: How the vocabulary's topics print in English prose where its tag (the concept's key) is
#: not a word: ``ai`` is AI, ``industry-4.0`` Industry 4.0. Other tags print with spaces for
#: hyphens (``venture-capital``: venture capital).
TOPIC_WORDS = {
    "ai": "AI", "cvc": "CVC", "sme": "SMEs", "iot": "IoT", "5g": "5G", "6g": "6G",
    "maas": "MaaS", "esg": "ESG", "industry-4.0": "Industry 4.0", "scale-ups": "scale-ups",
    "spin-off": "spin-offs", "generative-ai": "generative AI", "industrial-ai": "industrial AI",
    "software-defined-vehicle": "software-defined vehicles", "tech-transfer":
    "technology transfer", "deep-tech": "deep tech", "smart-city": "smart cities",
}


def topic_words(tags: list[str], language: str = "en") -> list[str]:
    """Topics as a printed page says them in *language*, each concept once: ``process mining``,
    ``industrial AI`` / ``プロセスマイニング``, ``産業AI``; a topic outside the vocabulary as
    typed."""
    words = []
    for tag in topics.distinct(tags):
        found = topics.concept(tag)
        if found is None:
            words.append(tag)
        elif language == "ja":
            words.append(found.ja)
        else:
            words.append(TOPIC_WORDS.get(found.name, found.name.replace("-", " ")))
    return words


def format_moment(moment: datetime, language: str = "en", *, year: bool = False) -> str:
    """A local instant: the day as :func:`format_day` writes it, then the time
    (``Thu 4 Feb 09:00`` / ``2月4日(木) 09:00``; with *year*, ``Thu 4 Feb 2027 09:00``)."""
    return f"{format_day(moment.date(), language, short=not year)} {moment:%H:%M}"


@dataclass(frozen=True)
class LocalSpan:
    """A span of local time that starts and ends on one day (a host's window), kept as
    instants so each reader gets it in their language: ``Thu 4 Feb 09:00–12:00``."""

    start: datetime
    end: datetime

    def text(self, language: str = "en") -> str:
        return f"{format_moment(self.start, language)}–{self.end:%H:%M}"

    def __str__(self) -> str:
        return self.text()


def item_time_text(item: AgendaItem) -> str:
    """``09:00–10:30``; ``10:35 JST – 17:50 EET`` when start and end zones differ."""
    start, end = item.local_start, item.local_end
    next_day = " (+1)" if end.date() > start.date() else ""
    if item.end_zone and item.end_zone != item.zone:
        return f"{start:%H:%M} {start.tzname()} – {end:%H:%M} {end.tzname()}{next_day}"
    return f"{start:%H:%M}–{end:%H:%M}{next_day}"


def item_place_text(item: AgendaItem) -> str:
    """Where the item happens: ``A → B`` for journeys, else the host or place, with the city.

    Every listing shows the title beside this text, so a name the title already says is left
    out: ``Meeting with Celonis · Munich``, not ``Meeting with Celonis · Celonis, Munich`` (an
    office is usually named after its organisation, and planning titles meetings by the host).
    """
    if item.destination is not None and item.place is not None:
        return f"{item.place.name} → {item.destination.name}"
    names = [item.organisation.name if item.organisation else "",
             item.place.name if item.place else ""]
    said = [name for name in names if name and _says(item, name)]
    name = next((n for n in names if n and n not in said), "")
    city = item.place.city if item.place else ""
    if not name:
        return city if said else ""
    return f"{name}, {city}" if city and city not in name else name


def _says(item: AgendaItem, name: str) -> bool:
    """Whether the item's title (or Japanese title) already names *name*, as whole words."""
    pattern = _whole_words(name.casefold())
    return any(pattern.search(title.casefold()) for title in (item.title, item.title_ja)
               if title)


@functools.lru_cache(maxsize=4096)
def _whole_words(name: str) -> re.Pattern[str]:
    # Compiled once per name: every agenda row and printed line asks, and a tour has more
    # hosts than re's own cache keeps (2,000 items took 150 ms a pass without this).
    return re.compile(rf"(?<![0-9a-z]){re.escape(name)}(?![0-9a-z])")


def day_cities(items: list[AgendaItem]) -> list[str]:
    """The cities a day's items take place in, in order of first appearance."""
    cities: list[str] = []
    for item in items:
        for place in (item.place, item.destination):
            if place is not None and place.city and place.city not in cities:
                cities.append(place.city)
    return cities


def attendees_text(item: AgendaItem, delegation_size: int, everyone: str,
                   language: str = "en") -> str:
    """Who attends *item*: *everyone* when the whole delegation does, else their names (in
    Japanese where known, for a Japanese reader)."""
    if delegation_size and len(item.attendees) == delegation_size:
        return everyone
    return ", ".join(t.name_ja if language == "ja" and t.name_ja else t.name
                     for t in item.attendees)
