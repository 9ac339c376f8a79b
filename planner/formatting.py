"""How agenda items read as text, the same in the CLI, the GUI and (later) the printed agenda.

Times are local to the place; a zone is named wherever the time could be misread (an item that
starts in one zone and ends in another).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date

from planner.messages import N_, translate
from planner.model import AgendaItem, OrganisationKind

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
