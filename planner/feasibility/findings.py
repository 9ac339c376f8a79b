"""What the checker reports: structured findings, and their text in English or Japanese."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.formatting import LocalSpan, format_day, format_weekday
from planner.messages import N_, render, translate

#: Words that appear inside messages (statuses), marked for the catalogue.
STATUS_WORDS = (N_("idea"), N_("requested"), N_("confirmed"), N_("cancelled"))


class Severity(enum.StrEnum):
    """How bad a finding is: an error makes the plan infeasible."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: code -> (severity, message template, suggestion template). Templates are the catalogue's ids.
CODES: dict[str, tuple[Severity, str, str]] = {
    "overlap": (
        Severity.ERROR,
        N_("{first} ({first_time}) and {second} ({second_time}) overlap for {who}."),
        N_("Start {second} at {suggested} or later, or end {first} by {second_start}."),
    ),
    "travel_time": (
        Severity.ERROR,
        N_("Only {gap} min between {first} and {second}, but getting from {origin} to "
           "{destination} takes {needed} min ({how})."),
        N_("Start {second} {short} min later, at {suggested}, or leave {first} by {leave_by}."),
    ),
    "travel_to_departure": (
        Severity.ERROR,
        N_("Only {gap} min between {first} and {second}, but getting from {origin} to "
           "{destination} and checking in takes {needed} min ({how})."),
        N_("Leave {first} by {leave_by}."),
    ),
    "early_departure": (
        Severity.WARNING,
        N_("To reach {second} by {start}, {who} must leave {hotel} at {leave} (earlier than "
           "{earliest}; {how})."),
        N_("Start {second} at {suggested} or later."),
    ),
    "late_return": (
        Severity.WARNING,
        N_("After {first}, {who} reach {hotel} only at {arrive} (later than {latest}; {how})."),
        N_("End {first} by {suggested}."),
    ),
    "moving_day_checkout": (
        Severity.WARNING,
        N_("Moving day: to reach {second} by {start}, check-out at {hotel} would have to start "
           "at {checkout} ({checkout_min} min with luggage, then {how})."),
        N_("Start {second} at {suggested} or later, or send the luggage ahead."),
    ),
    "outside_availability": (
        Severity.ERROR,
        N_("{item} ({time}) is outside {host}'s availability ({windows})."),
        N_("Move it into the host's window, e.g. {suggested}."),
    ),
    "no_availability": (
        Severity.INFO,
        N_("{host} has given no availability; {item} ({time}) is not checked against it."),
        N_("Ask {host} for available slots."),
    ),
    "outside_working_day": (
        Severity.WARNING,
        N_("{item} ({time}) is outside the working day ({day_start}-{day_end})."),
        N_("Move it between {day_start} and {day_end}."),
    ),
    "no_lunch": (
        Severity.WARNING,
        N_("No lunch break for {who} on {day}: no {lunch_min} min free between {window}."),
        N_("Keep {lunch_min} min free between {window}, or plan a working lunch."),
    ),
    "weekend": (
        Severity.WARNING,
        N_("{item} is on a {weekday}, when {host} is usually closed."),
        N_("Move it to a weekday."),
    ),
    "holiday": (
        Severity.WARNING,
        N_("{item} is on {holiday}, a public holiday in {region}."),
        N_("Move it to another day, or confirm that {host} receives visitors that day."),
    ),
    "too_many_meetings": (
        Severity.WARNING,
        N_("{count} meetings for {who} on {day} (at most {maximum} recommended)."),
        N_("Move a meeting to a lighter day."),
    ),
    "zone_change": (
        Severity.INFO,
        N_("Clocks change on {day}: {origin} ({from_zone}) to {destination} ({to_zone}), "
           "{shift_hours:+d} h."),
        N_("Remind the delegation to set their watches; times are local."),
    ),
    "no_place": (
        Severity.WARNING,
        N_("{item} has no place, so travel to and from it cannot be checked."),
        N_("Give it a place."),
    ),
    "no_host": (
        Severity.WARNING,
        N_("Meeting {item} has no host organisation."),
        N_("Choose the host organisation."),
    ),
    "unconfirmed": (
        Severity.WARNING,
        N_("{item} ({date}) is still '{status}', {days} days before."),
        N_("Confirm it with {host} or drop it."),
    ),
    "outside_tour": (
        Severity.ERROR,
        N_("{item} ({date}) is outside the tour's dates ({start}-{end})."),
        N_("Move it into the tour or change the tour's dates."),
    ),
    "follow_up_overdue": (
        Severity.WARNING,
        N_("Follow-up \"{follow_up}\" ({owner}) was due on {due} and is still open."),
        N_("Do it and mark it done, give it a new due day, or drop it."),
    ),
    "reply_overdue": (
        Severity.WARNING,
        N_("{host} has not answered the request sent on {sent}: {days} working days "
           "without a reply."),
        N_("Send {host} a reminder and mark it sent, or mark the request as not answered."),
    ),
    "confirmation_not_sent": (
        Severity.WARNING,
        N_("{item} ({date}) is confirmed, but {host} has not had the confirmation letter."),
        N_("Send {host} the confirmation and mark it sent."),
    ),
    "language": (
        Severity.WARNING,
        N_("{item} is held in {language}, which {who} do not speak, and no interpreter is "
           "booked."),
        N_("Book an interpreter."),
    ),
}


@dataclass(frozen=True)
class Finding:
    """One thing wrong or risky in the plan."""

    code: str
    items: tuple[str, ...]  # agenda item UIDs, in time order
    travellers: tuple[str, ...]  # names of the travellers concerned (empty: the delegation)
    day: date | None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def _fields(self, language: str) -> dict[str, Any]:
        """The data with its language-dependent parts written out in *language*."""
        fields = dict(self.data)
        for key, value in self.data.items():
            if key == "weekday":
                fields[key] = format_weekday(value, language)
            elif key in ("due", "sent", "reminded") and isinstance(value, date):
                # a follow-up's due day, a letter's: months from the tour, with its year
                fields[key] = format_day(value, language)
            elif isinstance(value, date):
                fields[key] = format_day(value, language, short=True)
            elif isinstance(value, LocalSpan):
                fields[key] = value.text(language)
            elif isinstance(value, tuple) and all(isinstance(v, LocalSpan) for v in value):
                fields[key] = ", ".join(span.text(language) for span in value)
        fields["who"] = (", ".join(self.travellers) if self.travellers
                         else translate(N_("the delegation"), language))
        if fields.get("owner") == "":
            fields["owner"] = translate(N_("the coordinator"), language)
        if "status" in fields:
            fields["status"] = translate(fields["status"], language)
        return fields

    def message(self, language: str = "en") -> str:
        """What is wrong, in plain words."""
        return render(CODES[self.code][1], self._fields(language), language)

    def suggestion(self, language: str = "en") -> str:
        """What to do about it, with numbers."""
        return render(CODES[self.code][2], self._fields(language), language)

    def as_json(self, language: str = "en") -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity.value, "items": list(self.items),
                "travellers": list(self.travellers),
                "day": self.day.isoformat() if self.day else None,
                "message": self.message(language), "suggestion": self.suggestion(language),
                "data": {k: _plain(v) for k, v in self.data.items()}}


def _plain(value: Any) -> Any:
    """*value* as JSON has it: days and instants in ISO 8601, spans as their two ends."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, LocalSpan):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def sort_key(finding: Finding) -> tuple[Any, ...]:
    """Findings by day, then the worst first."""
    return (finding.day or date.min, SEVERITY_ORDER[finding.severity], finding.code,
            finding.items)


def worst_by_item(findings: Iterable[Finding]) -> dict[str, Severity]:
    """The worst severity among the findings of each item (by UID), for marking items."""
    worst: dict[str, Severity] = {}
    for finding in findings:
        for uid in finding.items:
            if uid not in worst or SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[worst[uid]]:
                worst[uid] = finding.severity
    return worst
