"""The ``ecovisit`` command line: everything that needs no screen.

Rules every command follows (and later ones must too):

* a command that reads or changes a tour takes TOUR (a ``.ecovisit`` file or a database URL) first;
* a command that creates a file refuses to overwrite one unless ``--force``, and writes through a
  temporary file and a rename, so a failure leaves nothing half-written;
* exit codes: 0 success; 1 the work failed or found errors; 2 bad usage or unreadable input;
* user errors print one line, ``ecovisit: error: ...``, never a traceback;
* ``--traveller NAME`` matches the Latin name, Japanese name or email, ignoring case.

This module never imports Qt: ``ecovisit SUBCOMMAND`` starts fast and runs without a display.
"""

from __future__ import annotations

import argparse
import enum
import functools
import json
import os
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import inspect, select

from planner import __version__, lookup
from planner.atomicfile import write_text_atomically
from planner.dayplan import MEETING_MINUTES
from planner.demo import default_start, write_demo
from planner.directory.fields import FIELDS, map_columns, parse_overrides
from planner.errors import (
    EcovisitError,
    InputError,
    TourFileError,
    WorkFailed,
    storage_error,
)
from planner.exports import PDF_KINDS
from planner.formatting import (
    day_cities,
    format_day,
    format_moment,
    item_place_text,
    item_time_text,
)
from planner.messages import LANGUAGES, N_, render, translate
from planner.model import (
    AgendaItem,
    Organisation,
    OrganisationKind,
    PlaceKind,
    Traveller,
)
from planner.queries import (
    agenda_items,
    find_traveller,
    items_by_day,
    load_tour,
    tour_summary,
)
from planner.store import (
    SUFFIX,
    TourStore,
    as_location,
    backup_beside,
    create_tour_file,
    schema_version,
)
from planner.timezones import local_today, to_local, zone
from planner.tourdoc import dumps, export_document, import_document, read_document_file

if TYPE_CHECKING:
    from planner.planning.proposal import PlanProposal

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


# --- argument types ---------------------------------------------------------------------------

def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r} (expected YYYY-MM-DD, e.g. 2027-05-10)") from None


def _zone_name(text: str) -> str:
    try:
        zone(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _new_tour_path(text: str) -> str | Path:
    try:
        location = as_location(text)
    except TourFileError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if isinstance(location, str):
        return location  # a database server URL
    path = location
    if path.suffix != SUFFIX:
        raise argparse.ArgumentTypeError(f"{text}: a tour file name ends in {SUFFIX}")
    return path


# --- commands ---------------------------------------------------------------------------------

def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from planner.edits import create_tour

    if args.end < args.start:
        raise InputError(f"--end {args.end} is before --start {args.start}")
    create_tour(args.tour, args.title, args.start, args.end, title_ja=args.title_ja,
                home_zone=args.home_zone, force=args.force)
    print(f"Created {args.tour}: {args.title}, {args.start} to {args.end}", file=out)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    start = args.start or default_start(local_today())
    write_demo(args.out, start, force=args.force)
    print(f"Wrote the demo tour to {args.out} (starts {format_day(start)})", file=out)
    return EXIT_OK


def _summary_text(summary: Any) -> list[str]:
    kinds = ", ".join(_plural(n, kind) if kind not in _UNCOUNTED else f"{n} {kind}"
                      for kind, n in sorted(summary.items_by_kind.items(),
                                            key=lambda kv: (-kv[1], kv[0])))
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(summary.items_by_status.items()))
    lines = [summary.title]
    if summary.title_ja:
        lines.append(summary.title_ja)
    lines += [
        f"Dates:       {format_day(summary.start_date)} to {format_day(summary.end_date)} "
        f"({_plural(summary.days, 'day')})",
        f"Route:       {' → '.join(summary.cities) or '(no places yet)'}",
        f"Delegation:  {len(summary.travellers)}: {', '.join(summary.travellers) or '(none)'}",
        f"Goals:       {summary.goals}",
        f"Directory:   {_plural(summary.organisations, 'organisation')}",
        f"Agenda:      {_plural(summary.items, 'item')}"
        + (f" ({kinds}; {statuses})" if kinds else ""),
        f"Revision:    {summary.revision}",
    ]
    return lines


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        summary = tour_summary(session, traveller)
    _emit(out, args.json, summary.as_json(), lambda: "\n".join(_summary_text(summary)))
    return EXIT_OK


def _item_line(item: AgendaItem) -> str:
    where = item_place_text(item) or "(no place)"
    return f"  {item_time_text(item):<24} {item.title} · {where}  [{item.status.value}]"


def cmd_agenda(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        items = list(session.scalars(agenda_items(traveller)))
        for day, day_items in items_by_day(items).items():
            cities = " / ".join(day_cities(day_items))
            print(format_day(day) + (f" · {cities}" if cities else ""), file=out)
            for item in day_items:
                print(_item_line(item), file=out)
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.tour, write=False) as store, store.transaction() as session:
        text = dumps(export_document(session))
    write_text_atomically(args.out, text, force=args.force)
    print(f"Wrote {args.out}", file=out)
    return EXIT_OK


def cmd_import_json(args: argparse.Namespace, out: TextIO) -> int:
    document = read_document_file(args.source)
    create_tour_file(args.tour, lambda s: import_document(document, s, str(args.source)),
                     force=args.force)
    print(f"Created {args.tour} from {args.source}", file=out)
    return EXIT_OK


def cmd_import_contacts(args: argparse.Namespace, out: TextIO) -> int:
    from planner.directory.importer import import_table
    from planner.directory.sources import read_table

    table = read_table(args.file, args.encoding)  # unreadable: exit 2, the tour untouched
    mapping = map_columns(table.columns, parse_overrides(args.map), table.source)
    with _open(args.tour, write=not args.dry_run, scratch=args.dry_run) as store:
        # A rehearsal first, without the write lock: it resolves every row's place (the
        # gazetteer and time zones take seconds the first time), and the dry run's report.
        with store.transaction() as session:
            report = import_table(session, table, mapping, dry_run=True)
            session.rollback()
        if not args.dry_run:
            # Then for real, with the write lock taken before the first read: a second import
            # of the same organisations waits for this one, then finds them there.
            with store.transaction(write=True) as session:
                report = import_table(session, table, mapping)
                if not report.changed:
                    session.rollback()
    _emit(out, args.json, report.as_json(), report.text)
    return EXIT_FAILED if report.all_rejected else EXIT_OK


def cmd_export_contacts(args: argparse.Namespace, out: TextIO) -> int:
    from planner.directory.export import export_directory

    with _open(args.tour, write=False) as store, store.transaction() as session:
        rows = export_directory(session, args.out, force=args.force)
    print(f"Wrote {_plural(rows, 'row')} to {args.out}", file=out)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from planner.directory.search import DirectoryIndex

    with _open(args.tour, write=False) as store, store.transaction() as session:
        index = DirectoryIndex.build(session)
        ids = index.search(" ".join(args.text), kind=args.kind, city=args.city,
                           country=args.country, topic=args.topic)
        found = [session.get_one(Organisation, i) for i in ids]
        rows: list[dict[str, Any]] = [{"name": o.name, "kind": o.kind.value,
                 "city": o.place.city if o.place else "",
                 "country": o.place.country if o.place else "", "topics": o.topics,
                 "contacts": [c.name for c in o.contacts]} for o in found]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
    else:
        for row in rows:
            where = ", ".join(x for x in (row["city"], row["country"]) if x)
            print(f"{row['name']} ({row['kind']}; {where}): {', '.join(row['topics'])}", file=out)
        print(f"{len(rows)} organisation{'' if len(rows) == 1 else 's'} found", file=out)
    return EXIT_OK


def cmd_travel(args: argparse.Namespace, out: TextIO) -> int:
    from planner.travel import TravelModel, TravelSettings, parse_point

    settings = TravelSettings()
    if args.tour:
        with _open(args.tour, write=False) as store, store.transaction() as session:
            settings = TravelSettings.from_json(load_tour(session).travel_settings)
    leg = TravelModel(settings).estimate(parse_point(args.origin), parse_point(args.destination))
    if args.json:
        print(json.dumps(leg.as_json(), ensure_ascii=False), file=out)
    else:
        print(f"{leg.minutes} min by {leg.mode}, {leg.distance_km:.1f} km", file=out)
        print(leg.explanation, file=out)
    return EXIT_OK


def cmd_travel_settings(args: argparse.Namespace, out: TextIO) -> int:
    from planner.travel import TravelSettings

    with _open(args.tour, write=bool(args.set)) as store, \
            store.transaction(write=bool(args.set)) as session:
        tour = load_tour(session)  # all settings are written back: none of another's lost
        if args.set:
            # The stored values as they are (not validated first), so a value out of range,
            # stored by an older Ecovisit or a damaged tour, can be set right here.
            stored = tour.travel_settings
            changes = dict(stored) if isinstance(stored, dict) else {}
            for pair in args.set:
                name, sep, text = pair.partition("=")
                if not sep:
                    raise InputError(f"{pair!r}: expected NAME=VALUE")
                try:
                    changes[name] = json.loads(text)
                except json.JSONDecodeError:
                    changes[name] = text  # a bare word such as transit or 07:30
            settings = TravelSettings.from_json(changes)  # validates every value
            tour.travel_settings = settings.to_json()
        else:
            settings = TravelSettings.from_json(tour.travel_settings)
    defaults = asdict(TravelSettings())
    for name, value in asdict(settings).items():
        mark = "" if value == defaults[name] else "   (changed)"
        if name == "split_days":  # the days' own choices, e.g. 2027-05-11 may split
            value = ", ".join(f"{day} {_SPLIT_WORDS[split]}" for day, split in value) or "none"
        print(f"{name:<24} {value}{mark}", file=out)
    return EXIT_OK


#: split-day's choices: the day's own choice (may split, together) or none (the tour's).
_SPLIT_CHOICES: dict[str, bool | None] = {"split": True, "together": False, "tour": None}
_SPLIT_WORDS = {True: "may split", False: "together"}


def cmd_split_day(args: argparse.Namespace, out: TextIO) -> int:
    from planner.travel import TravelSettings

    day: date = args.date
    split = _SPLIT_CHOICES[args.choice]
    with _open(args.tour) as store, store.transaction(write=True) as session:
        tour = load_tour(session)  # all settings are written back: none of another's lost
        if not tour.start_date <= day <= tour.end_date:
            raise InputError(f"{day.isoformat()} is not a day of the tour, which runs from "
                             f"{tour.start_date.isoformat()} to {tour.end_date.isoformat()}")
        if day.weekday() >= 5:
            raise InputError(f"{day.isoformat()} is {format_day(day)}, a weekend day: planning "
                             "leaves weekends alone, so there is nothing to split")
        settings = TravelSettings.from_json(tour.travel_settings)
        changed = settings.with_split_day(day, split)
        if changed != settings:
            tour.travel_settings = changed.to_json()
    own = changed.day_choice(day)
    said = "may split" if changed.may_split(day) else "stays together"
    why = "this day's own choice" if own is not None else \
        f"the tour's setting, split_delegation={str(changed.split_delegation).lower()}"
    print(f"{day.isoformat()} ({format_day(day)}): the delegation {said} ({why})", file=out)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from planner.feasibility import Checker, Severity
    from planner.feasibility.plan import Plan
    from planner.feasibility.report import findings_text

    today = args.today or local_today()
    with _open(args.tour, write=False) as store, store.transaction() as session:
        plan = Plan.from_session(session)
        if args.traveller:
            plan = plan.for_traveller(find_traveller(session, args.traveller).id)
    findings = Checker(plan, today).check_all()
    _emit(out, args.json, [f.as_json(args.lang) for f in findings],
          lambda: findings_text(findings, args.lang))
    return EXIT_FAILED if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    from planner.goals import coverage

    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        result = coverage(session, traveller)
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False, indent=2), file=out)
            return EXIT_OK
        print(f"Coverage {result.score:.0%} (priority-weighted share of goals served)", file=out)
        for goal in result.goals:
            who = goal.goal.traveller.name if goal.goal.traveller else "delegation"
            meetings = ", ".join(m.title for m in goal.meetings) or "NOT COVERED"
            print(f"  P{goal.goal.priority} {goal.goal.title} ({who}): {len(goal.meetings)} "
                  f"- {meetings}", file=out)
    return EXIT_OK


def cmd_match(args: argparse.Namespace, out: TextIO) -> int:
    from planner.goals import match, overrides, set_override

    writing = args.clear or args.score is not None
    with _open(args.tour, write=writing) as store, store.transaction() as session:
        goal = lookup.find(session, "goal", args.goal)
        org = lookup.find(session, "organisation", args.organisation)
        if args.clear or args.score is not None:
            if args.score is not None and not 0 <= args.score <= 1:
                raise InputError(f"score {args.score}: a match is between 0 and 1")
            set_override(session, goal.id, org.id, None if args.clear else args.score)
            session.flush()
        found = match(goal, org, overrides(session).get((goal.id, org.id)))
        print(f"{goal.title} x {org.name}: {found.score:.0%} ({found.explanation()})", file=out)
    return EXIT_OK


def cmd_plan(args: argparse.Namespace, out: TextIO) -> int:
    from planner.planning.tour import apply as apply_plan
    from planner.planning.tour import propose, review

    store = _open(args.tour, write=not args.dry_run, scratch=args.dry_run)
    try:
        with store.session() as session:
            proposal = propose(session, seconds=args.seconds, seed=args.seed,
                               meeting_minutes=args.meeting_minutes,
                               max_iterations=args.iterations)
            if not args.dry_run and store.path is not None:
                backup_beside(store.path, "before-plan")
            proposal = apply_plan(session, review(session, proposal))  # as the window does
            if args.dry_run:
                session.rollback()
            else:
                session.commit()
    finally:
        store.close()
    _emit(out, args.json, proposal.as_json(), lambda: plan_text(proposal, args.dry_run))
    return EXIT_OK


def plan_text(proposal: PlanProposal, dry_run: bool) -> str:
    """The planning report for a terminal."""
    from planner.planning.proposal import Action

    lines = [f"{'Proposed' if dry_run else 'Applied'}: "
             + ", ".join(f"{proposal.count(action)} {action}" for action in Action)
             + f"; coverage {proposal.coverage_before:.0%} -> {proposal.coverage_after:.0%}; "
             f"{proposal.errors_after} errors after planning "
             f"({proposal.iterations} iterations; {proposal.search_text()})"]
    if proposal.coverage_by_traveller:
        lines.append("Coverage by traveller: " + ", ".join(
            f"{mine.name} {mine.before:.0%} -> {mine.after:.0%}"
            for mine in proposal.coverage_by_traveller))
    for change in proposal.changes:
        when = format_moment(to_local(change.start, change.zone)) if change.start else ""
        who = f" ({change.who_text()})" if change.who_text() else ""
        why = f" - serves {'; '.join(change.goals)}" if change.goals else ""
        lines.append(f"  {change.action:<8} {change.organisation} {when}{who}{why}")
    if proposal.left_out:  # one host a line: each reason is a sentence with its numbers
        lines.append("Left out:")
        lines += [f"  {host.organisation}: {host.reason_text()}" for host in proposal.left_out]
    lines += [f"Conflict among locked items: {c}" for c in proposal.conflict_messages()]
    return "\n".join(lines)


def cmd_export_ics(args: argparse.Namespace, out: TextIO) -> int:
    from planner.calendar.ics import ideas_left_out
    from planner.exports import write_ics

    if args.alarm < 0:
        raise InputError("--alarm takes minutes before the event (0 for no alarm)")
    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        write_ics(session, args.out, traveller=traveller, alarm_minutes=args.alarm,
                  with_phones=args.with_phones, include_ideas=args.include_ideas,
                  force=args.force)
        ideas = [] if args.include_ideas else ideas_left_out(session, traveller)
    print(f"Wrote {args.out}", file=out)
    if ideas:
        print(f"Not in the file: {len(ideas)} idea item{'' if len(ideas) == 1 else 's'} "
              "(--include-ideas adds them): " + "; ".join(ideas), file=out)
    return EXIT_OK


def cmd_publish(args: argparse.Namespace, out: TextIO) -> int:
    from planner.calendar.caldav_publish import find_password, publish
    from planner.calendar.ics import IcsOptions

    password = find_password(args.url, args.user, args.password_env) if args.user else None
    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        report = publish(session, args.url, traveller, args.user, password,
                         IcsOptions(args.alarm, args.with_phones, args.include_ideas))
    _emit(out, args.json, report.as_json(), lambda: report.text(args.url))
    return EXIT_OK


def cmd_import_availability(args: argparse.Namespace, out: TextIO) -> int:
    from planner.calendar.availability import import_availability

    with _open(args.tour) as store, store.transaction() as session:
        org = lookup.find(session, "organisation", args.organisation)
        report = import_availability(session, org, load_tour(session), args.file)
        zone_name = org.place.zone if org.place else "UTC"
    print(report.text(zone_name), file=out)
    return EXIT_OK


def cmd_offer_slots(args: argparse.Namespace, out: TextIO) -> int:
    from planner.outreach.offers import Outcome, offer_slots

    if not (args.text or "").strip() and args.ics is None:
        raise InputError("give the slots the host offers as TEXT (e.g. 'Tue 14:00-16:00, Wed "
                         "morning') or --ics FILE")
    def offer(session: Any) -> Any:
        host = lookup.find(session, "organisation", args.host, "host")
        return offer_slots(session, host.id, args.text or "", args.ics, args.meeting)

    store = _open(args.tour, write=not args.dry_run, scratch=args.dry_run)
    try:
        if args.dry_run:
            with store.session() as session:
                result = offer(session)
                session.rollback()
        else:
            with store.transaction(write=True) as session:
                result = offer(session)
    finally:
        store.close()
    _emit(out, args.json, {**result.as_json(), "dry_run": args.dry_run},
          lambda: ("Nothing was changed (--dry-run). " if args.dry_run else "") + result.text())
    return EXIT_FAILED if result.outcome is Outcome.NO_FIT else EXIT_OK


def cmd_export_pdf(args: argparse.Namespace, out: TextIO) -> int:
    from planner.exports import write_pdf

    if args.kind == "host-brief" and not args.host:
        raise InputError("--kind host-brief needs --host ORGANISATION")
    if args.kind == "debrief" and args.traveller:
        raise InputError("the debrief is the whole delegation's: --traveller does not apply")
    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        host = (lookup.find(session, "organisation", args.host, "host")
                if args.kind == "host-brief" else None)
        pages = write_pdf(session, args.out, args.kind, language=args.lang,
                          traveller=traveller, host=host, paper=args.paper, force=args.force)
    print(f"Wrote {args.out} ({_plural(pages, 'page')})", file=out)
    return EXIT_OK


# --- damaged tours: backups, restore, rescue (planner.backups, planner.rescue) ----------------

def _tour_file(location: str) -> Path:
    path = as_location(location)
    if not isinstance(path, Path):
        raise InputError(f"{location}: backups are kept for tour files; a database server "
                         "keeps its own")
    return path


def cmd_backups(args: argparse.Namespace, out: TextIO) -> int:
    from planner.backups import backups_dir, list_backups

    path = _tour_file(args.tour)
    found = list_backups(path)
    rows = [{"name": b.name, "taken": b.taken.isoformat(), "revision": b.revision,
             "items": b.items, "title": b.title, "good": b.good, "replaced": b.replaced,
             "path": str(b.path)} for b in found]

    def text() -> str:
        if not found:
            return f"No backups of {path} yet (they are kept in {backups_dir(path)})"
        lines = [f"Backups of {path}, newest first (in {backups_dir(path)}):"]
        for b in found:
            what = (f"revision {b.revision}, {b.items} items" if b.good
                    else "DAMAGED, cannot be restored")
            note = " (the tour a restore replaced)" if b.replaced else ""
            lines.append(f"  {b.name}  {format_moment(b.taken.astimezone(), year=True)}  "
                         f"{what}{note}")
        return "\n".join(lines)

    _emit(out, args.json, rows, text)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from planner.backups import damage_of, find_backup, newest_good_backup, restore_backup

    path = _tour_file(args.tour)
    if args.newest == bool(args.backup):
        raise InputError("name one backup (see ecovisit backups TOUR) or give --newest")
    chosen = newest_good_backup(path) if args.newest else find_backup(path, args.backup)
    if chosen is None:
        raise InputError(f"{path}: no good backup to restore (see ecovisit backups {path})")
    if path.exists() and not args.force and damage_of(path) is None:
        raise InputError(f"{path}: opens fine; add --force to replace it with the backup "
                         f"{chosen.name} (it is kept as a backup too)")
    kept = restore_backup(chosen, path)
    print(f"Restored {path} from the backup of "
          f"{format_moment(chosen.taken.astimezone(), year=True)} "
          f"(revision {chosen.revision}, {chosen.items} items)"
          + (f"; the replaced tour is kept as the backup {kept.name}" if kept else ""), file=out)
    return EXIT_OK


def cmd_rescue(args: argparse.Namespace, out: TextIO) -> int:
    from planner.rescue import rescue

    report = rescue(_tour_file(args.tour), args.out, force=args.force)
    _emit(out, args.json, report.as_json(), report.text)
    return EXIT_OK


def _backup_when_due(args: argparse.Namespace) -> None:
    """After a command that changed a tour file: a backup when the newest is a day old."""
    from planner.backups import take_backup_if_due

    location = as_location(args.tour)
    if isinstance(location, Path):
        take_backup_if_due(location)


def _said(exc: InputError, args: argparse.Namespace) -> str:
    """The error's line; a damaged tour's ends offering its newest good backup or a rescue."""
    from planner.errors import DamagedTourFile

    tour = getattr(args, "tour", None)
    if not isinstance(exc, DamagedTourFile) or args.handler in _MENDING or tour is None:
        return str(exc)
    from planner.backups import damage_advice

    location = as_location(tour)
    return f"{exc}; {damage_advice(location)}" if isinstance(location, Path) else str(exc)


def _emit(out: TextIO, as_json: bool, data: Any, text: Callable[[], str]) -> None:
    """Print a command's result: *data* as JSON with ``--json``, else the text for people."""
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str), file=out)
    else:
        print(text(), file=out)


def _open(location: str, *, write: bool = True, scratch: bool = False) -> TourStore:
    """The tour a command works on: opened for editing (an older schema is upgraded, and said
    on stderr), or with ``write=False`` for reading, when nothing is ever written to it (a
    read-only file or folder reads fine; ``scratch``: a private copy for a trial run)."""
    if not write:
        return TourStore.open(location, read_only=True, scratch=scratch)
    store = TourStore.open(location)
    if store.upgraded_from is not None:
        print(f"Upgraded {location} from schema {store.upgraded_from} to {schema_version()}; "
              f"the old file is kept as {store.migration_backup}", file=sys.stderr)
    return store


# --- authoring: a tour built record by record (for scripts fed from spreadsheets) ------------
#
# Each command changes one record through planner.edits inside one transaction (so a refused
# value changes nothing), names records as users type them (planner.lookup) and prints what it
# made or changed: one line for people, or the record as JSON.

#: edit-tour's options and the tour fields they set.
_TOUR_OPTIONS = {"title": "title", "title_ja": "title_ja", "start": "start_date",
                 "end": "end_date", "home_zone": "home_zone", "day_start": "day_start",
                 "day_end": "day_end", "vision": "vision", "vision_ja": "vision_ja",
                 "vision_after": "vision_after", "vision_after_ja": "vision_after_ja",
                 "coordinator": "coordinator", "coordinator_phone": "coordinator_phone",
                 "coordinator_email": "coordinator_email", "reminder_days": "reminder_days"}
#: How the command line spells the kinds of record (set, delete), English and American.
_KIND_WORDS = {"organisation": "organisation", "organization": "organisation",
               "contact": "contact", "traveller": "traveller", "traveler": "traveller",
               "goal": "goal", "place": "place", "stay": "stay", "availability": "availability",
               "slot": "availability", "item": "item", "learning": "learning",
               "takeaway": "learning", "rating": "rating", "follow_up": "follow_up",
               "follow-up": "follow_up", "followup": "follow_up", "request": "request",
               "host_request": "request", "host-request": "request", "template": "template",
               "letter_template": "template", "letter-template": "template"}
#: Words for `set` that name a reference or a list by what it points to, by kind.
_SET_ALIASES: dict[str, dict[str, str]] = {
    "organisation": {"place": "place_id", "office": "place_id"},
    "contact": {"organisation": "organisation_id", "organization": "organisation_id"},
    "goal": {"traveller": "traveller_id", "traveler": "traveller_id", "owner": "traveller_id"},
    "stay": {"hotel": "place_id", "place": "place_id"},
    "availability": {"organisation": "organisation_id", "organization": "organisation_id",
                     "from": "start", "until": "end"},
    "item": {"place": "place_id", "to": "destination_id", "destination": "destination_id",
             "host": "organisation_id", "organisation": "organisation_id",
             "organization": "organisation_id", "travellers": "attendees",
             "traveller": "attendees", "contacts": "hosts", "contact": "hosts",
             "goal": "goals", "interpreter": "interpreter_booked", "question": "questions"},
    "learning": {"meeting": "item_id", "item": "item_id", "goal": "goal_id",
                 "by": "traveller_id", "traveller": "traveller_id", "traveler": "traveller_id"},
    "rating": {"meeting": "item_id", "item": "item_id", "traveller": "traveller_id",
               "traveler": "traveller_id", "by": "traveller_id"},
    "follow_up": {"owner": "owner_id", "contact": "contact_id", "meeting": "item_id",
                  "item": "item_id", "goal": "goal_id"},
    "request": {"host": "organisation_id", "organisation": "organisation_id",
                "organization": "organisation_id", "meeting": "item_id", "item": "item_id",
                "contact": "contact_id"},
}
#: Reference fields and the kind of record they name.
_REFERENCE_KINDS = {"place_id": "place", "destination_id": "place",
                    "organisation_id": "organisation", "traveller_id": "traveller",
                    "owner_id": "traveller", "item_id": "item", "goal_id": "goal",
                    "contact_id": "contact"}
#: How a follow-up's owner is named when it is the coordinator (owner_id None).
_COORDINATOR = ("coordinator", "the coordinator")
#: An agenda item's lists of references and the kind of record each names.
_LIST_KINDS = {"attendees": "traveller", "hosts": "contact", "goals": "goal"}
#: An organisation's fields that are its office's (set goes to the place).
_OFFICE_FIELDS = ("address", "city", "country", "latitude", "longitude", "exact")
_EVERYONE = ("everyone", "all", "delegation", "the delegation")
#: Rows a delete takes with it, as people call them.
_ROW_WORDS = {"contacts": "contact", "availability_windows": "available slot",
              "goals": "goal", "agenda_items": "agenda item", "stays": "hotel stay",
              "follow_ups": "follow-up", "organisations": "organisation", "places": "place",
              "travellers": "traveller", "item_learnings": "learning",
              "item_ratings": "rating", "host_requests": "host request",
              "letter_templates": "letter template"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


#: Item kinds counted without a plural: "2 free", "3 other".
_UNCOUNTED = {"free", "other"}


def _kind_word(text: str) -> str:
    kind = _KIND_WORDS.get(text.strip().casefold())
    if kind is None:
        raise InputError(f"unknown kind of record {text!r} (one of organisation, contact, "
                         "traveller, goal, place, stay, availability, item, learning, rating, "
                         "follow_up, request, template)")
    return kind


def _json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record_json(kind: str, obj: Any) -> dict[str, Any]:
    """A record as ``--json`` prints it: its editable fields, local times with their offsets,
    references by name beside their keys."""
    from planner.edits import COLLECTIONS, RECORDS

    data: dict[str, Any] = {"kind": kind, "id": obj.id}
    for name in RECORDS[kind].fields:
        if name == "travel_settings":
            continue
        value = getattr(obj, name)
        if name in COLLECTIONS:
            data[name] = [lookup.label(_LIST_KINDS[name], other) for other in value]
        elif isinstance(value, datetime):
            zone_name = (obj.end_zone or obj.zone) if kind == "item" and name == "end" \
                else obj.zone
            data[name] = to_local(value, zone_name).isoformat()
        else:
            data[name] = _json_value(value)
            if name in _REFERENCE_KINDS:
                other = getattr(obj, name.removesuffix("_id"))
                data[name.removesuffix("_id")] = None if other is None \
                    else lookup.label(_REFERENCE_KINDS[name], other)
    if kind == "item":
        data["uid"] = obj.uid
    if kind == "stay":
        data["nights"] = (obj.check_out - obj.check_in).days
    if kind == "follow_up":
        data.update(uid=obj.uid, revision=obj.revision)
        if obj.owner is None:
            data["owner"] = "coordinator"
    return data


def _record_text(kind: str, obj: Any) -> str:
    """A record in one line for people: ``traveller #2: Kenji Sato (佐藤健二), CEO, ...``."""

    def joined(*parts: str, sep: str = ", ") -> str:
        return sep.join(p for p in parts if p)

    if kind == "traveller":
        name = f"{obj.name} ({obj.name_ja})" if obj.name_ja else obj.name
        speaks = f"speaks {', '.join(obj.languages)}" if obj.languages else ""
        return f"traveller #{obj.id}: " + joined(name, obj.role, obj.company, obj.email,
                                                   speaks, "staff" if obj.staff else "")
    if kind == "goal":
        owner = obj.traveller.name if obj.traveller is not None else "the delegation"
        topics = f"; topics {', '.join(obj.topics)}" if obj.topics else ""
        return f"goal #{obj.id} ({owner}, priority {obj.priority} of 5): {obj.title}{topics}"
    if kind == "place":
        how = "exact" if obj.exact else "approximate"
        return (f"place #{obj.id} ({obj.kind.value}): "
                + joined(obj.name, obj.address, obj.city, obj.country)
                + f" at {obj.latitude:.5f}, {obj.longitude:.5f} ({how}, {obj.zone})")
    if kind == "stay":
        nights = (obj.check_out - obj.check_in).days
        ref = f", booking {obj.booking_reference}" if obj.booking_reference else ""
        return (f"hotel stay #{obj.id}: {lookup.label('place', obj.place)}, check-in "
                f"{format_day(obj.check_in)}, check-out {format_day(obj.check_out)} "
                f"({_plural(nights, 'night')}){ref}")
    if kind == "availability":
        start, end = to_local(obj.start, obj.zone), to_local(obj.end, obj.zone)
        return (f"available slot #{obj.id} of {obj.organisation.name}: "
                f"{format_day(start.date())} {start:%H:%M}–{end:%H:%M} {obj.zone}"
                + (f" ({obj.note})" if obj.note else ""))
    if kind == "item":
        where = item_place_text(obj)
        flags = joined(obj.status.value, "locked" if obj.locked else "")
        who = ", ".join(t.name for t in obj.attendees) or "the whole delegation"
        zones = "" if obj.end_zone and obj.end_zone != obj.zone else f" {obj.zone}"
        return (f"{obj.kind.value} #{obj.id}: {obj.title}"
                + (f" ({obj.title_ja})" if obj.title_ja else "")
                + f", {format_day(obj.day)} {item_time_text(obj)}{zones}"
                + (f", {where}" if where else "") + f"; {flags}; {who}")
    if kind == "organisation":
        where = joined(obj.place.address, obj.place.city, obj.place.country) \
            + ("" if obj.place.exact else " (approximate)") if obj.place else "no address yet"
        topics = f"; topics {', '.join(obj.topics)}" if obj.topics else ""
        return f"organisation #{obj.id} ({obj.kind.value}): {obj.name}, {where}{topics}"
    if kind == "contact":
        name = f"{obj.name} ({obj.name_ja})" if obj.name_ja else obj.name
        return f"contact #{obj.id}: " + joined(name, obj.role, obj.organisation.name, obj.email)
    if kind == "learning":
        tag = f" [{_tag_text(obj.tag)}]" if obj.tag is not None else ""
        return (f"learning #{obj.id} at {lookup.label('item', obj.item)}:{tag} {obj.text}"
                f" ({_said_by(obj.traveller)})"
                + (f"; for the goal {obj.goal.title}" if obj.goal is not None else "")
                + (f"; next step: {obj.next_step}" if obj.next_step else ""))
    if kind == "rating":
        return (f"rating #{obj.id}: {obj.traveller.name} rated "
                f"{lookup.label('item', obj.item)} {_rating_text(obj)}")
    if kind == "follow_up":
        return f"follow-up #{obj.id}: {_follow_up_text(obj)}"
    if kind == "request":
        from planner.outreach.tracking import STATE_TEXT

        days = [f"{label} {format_day(day)}" for label, day in (
            ("sent", obj.sent_on), ("reminded", obj.reminded_on), ("answered", obj.replied_on),
            ("confirmation sent", obj.confirmation_sent_on)) if day is not None]
        return (f"host request #{obj.id} to {obj.host_name}: "
                + joined(f"for {lookup.label('item', obj.item)}" if obj.item else "no meeting",
                         f"to {lookup.label('contact', obj.contact)}" if obj.contact
                         else "no contact", STATE_TEXT[obj.state], *days,
                         f"letters in {obj.language}" if obj.language else "",
                         f"reason: {obj.reason}" if obj.reason else ""))
    if kind == "template":
        return (f"letter template #{obj.id} ({obj.kind.value}, {obj.language}): "
                + joined(obj.subject, f"{len(obj.body)} characters"))
    raise ValueError(kind)


def _tag_text(tag: Any) -> str:
    """A takeaway's tag as people read it: ``partner candidate``."""
    return str(tag.value).replace("_", " ")


def _said_by(traveller: Traveller | None) -> str:
    return traveller.name if traveller is not None else "the delegation"


def _owner_name(traveller: Traveller | None) -> str:
    return traveller.name if traveller is not None else "the coordinator"


def _rating_text(rating: Any) -> str:
    """``4 of 5, would recommend; "comment"``."""
    said = {True: ", would recommend", False: ", would not recommend", None: ""}
    return (f"{rating.score} of 5{said[rating.recommend]}"
            + (f"; {rating.comment!r}" if rating.comment else ""))


def _follow_up_text(follow_up: Any, today: date | None = None, language: str = "en") -> str:
    """A follow-up in one line: what, whose, by when, where it stands (overdue on *today*,
    by default today in the tour's home zone), with whom, from where; in *language*."""
    from sqlalchemy.orm import object_session

    from planner.debrief.follow_ups import home_today, owner_text
    from planner.debrief.summary import pick, status_text

    session = object_session(follow_up)
    if session is not None:
        owner = owner_text(follow_up, load_tour(session), language)
        today = today or home_today(session)
    else:
        owner, today = _owner_name(follow_up.owner), today or local_today()
    overdue = follow_up.overdue_on(today)
    status = status_text(follow_up.status, language, overdue=overdue)
    if overdue and language == "en":
        status = status.upper()
    elif follow_up.completed is not None and not overdue:
        status += f" {format_day(follow_up.completed, language)}"
    contact, item, goal = follow_up.contact, follow_up.item, follow_up.goal
    return _SEPARATOR[language].join(part for part in (
        follow_up.description, owner,
        render(N_("due {day}"), {"day": format_day(follow_up.due, language)}, language)
        if follow_up.due else translate(N_("no due day"), language), status,
        render(N_("with {contact}"), {"contact": (
            f"{pick(contact.name, contact.name_ja, language)} "
            f"({pick(contact.organisation.name, contact.organisation.name_ja, language)})")},
            language) if contact is not None else "",
        render(N_("from {meeting}"), {"meeting": pick(item.title, item.title_ja, language)},
               language) if item is not None else "",
        render(N_("for the goal {goal}"), {"goal": pick(goal.title, goal.title_ja, language)},
               language) if goal is not None else "",
    ) if part)


#: How the parts of a line are separated, by language.
_SEPARATOR = {"en": "; ", "ja": "；"}


def _tour_lines(tour: Any) -> list[str]:
    """``ecovisit edit-tour`` without options: the tour's properties, one per line."""
    data = _record_json("tour", tour)
    return [f"{name.replace('_', ' '):<18} {'' if value is None else value}"
            for name, value in data.items() if name not in ("kind", "id")]


def _shown(kind: str, obj: Any) -> tuple[str, dict[str, Any]]:
    return _record_text(kind, obj), _record_json(kind, obj)


def _report(out: TextIO, as_json: bool, verb: str, shown: tuple[str, dict[str, Any]],
            extra: str = "") -> None:
    line, data = shown
    _emit(out, as_json, data, lambda: f"{verb} {line}{extra}")


def _minutes(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        minutes = int(text)
    except ValueError:
        minutes = 0
    if minutes <= 0:
        raise InputError(f"--minutes {text!r}: give the length in whole minutes, e.g. "
                         f"{MEETING_MINUTES}")
    return minutes


def _given(args: argparse.Namespace, names: dict[str, str]) -> dict[str, Any]:
    """The fields whose options were given: ``{field: text}``."""
    return {field: getattr(args, option) for option, field in names.items()
            if getattr(args, option) is not None}


def _load(session: Any, kind: str, key: int) -> Any:
    from planner.edits import record

    return session.get(record(kind).entity, key)


def cmd_edit_tour(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    values = _given(args, _TOUR_OPTIONS)
    with _open(args.tour, write=bool(values)) as store, store.transaction() as session:
        if values:
            edits.set_fields(session, "tour", 1, values)
            session.flush()
        tour = load_tour(session)
        outside = [i for i in session.scalars(agenda_items())
                   if not tour.start_date <= i.day <= tour.end_date]
        data, lines = _record_json("tour", tour), _tour_lines(tour)
    if values:
        changed = ", ".join(f"--{o.replace('_', '-')}" for o, f in _TOUR_OPTIONS.items()
                            if f in values)
        lines.insert(0, f"Changed the tour ({changed}):")
    if outside:
        lines.append(f"{_plural(len(outside), 'agenda item')} now outside the tour's dates "
                     "(kept; 'ecovisit check' lists them)")
    _emit(out, args.json, data, lambda: "\n".join(lines))
    return EXIT_OK


def cmd_add_traveller(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    values = {"name": args.name, **_given(args, {
        "name_ja": "name_ja", "company": "company", "role": "role", "email": "email",
        "languages": "languages", "dietary": "dietary", "notes": "notes"})}
    if args.staff:
        values["staff"] = True
    with _open(args.tour) as store, store.transaction() as session:
        key = edits.add_record(session, "traveller", values).value
        shown = _shown("traveller", _load(session, "traveller", key))
    _report(out, args.json, "Added", shown)
    return EXIT_OK


def cmd_add_goal(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    values = {"title": args.title, **_given(args, {
        "title_ja": "title_ja", "topics": "topics", "priority": "priority",
        "description": "description"})}
    with _open(args.tour) as store, store.transaction() as session:
        if args.traveller:
            values["traveller_id"] = find_traveller(session, args.traveller).id
        key = edits.add_record(session, "goal", values).value
        shown = _shown("goal", _load(session, "goal", key))
    _report(out, args.json, "Added", shown)
    return EXIT_OK


def _locate(text: str, country: str | None = None, what: str = "--at") -> Any:
    """Where ``--at`` says (coordinates, a map link, an airport code, a city)."""
    from planner.geo.locate import locate

    try:
        return locate(text, country or None)
    except InputError as exc:
        raise InputError(f"{what} {text!r}: {exc}") from None


def _located_values(found: Any) -> dict[str, Any]:
    return {"latitude": found.latitude, "longitude": found.longitude, "exact": found.exact,
            "city": found.city, "country": found.country}


def cmd_add_place(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    found = _locate(args.at, args.country)
    values: dict[str, Any] = {"name": args.name, **_located_values(found), **_given(args, {
        "kind": "kind", "address": "address", "city": "city", "country": "country",
        "phone": "phone", "notes": "notes"})}
    values.setdefault("kind", found.source if found.source in ("airport", "station", "port")
                      else "other")
    edits.parse_values("place", values)  # a bad --kind or --country before the tour is opened
    with _open(args.tour) as store, store.transaction() as session:
        key = edits.add_record(session, "place", values).value
        shown = _shown("place", _load(session, "place", key))
    _report(out, args.json, "Added", shown, f"; {found.note}" if found.note else "")
    return EXIT_OK


def cmd_add_stay(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    values: dict[str, Any] = {"check_in": args.check_in, "check_out": args.check_out,
                              **_given(args, {"booking_reference": "booking_reference",
                                              "notes": "notes"})}
    with _open(args.tour) as store, store.transaction() as session:
        values["place_id"] = lookup.find(session, "place", args.hotel, "hotel", _hotel).id
        key = edits.add_record(session, "stay", values).value
        shown = _shown("stay", _load(session, "stay", key))
    _report(out, args.json, "Added", shown)
    return EXIT_OK


def _everyone(session: Any) -> list[int]:
    """The whole delegation, in its order."""
    return list(session.scalars(select(Traveller.id).order_by(Traveller.position,
                                                              Traveller.id)))


def _hotel(place: Any) -> bool:
    return place.kind is PlaceKind.HOTEL


def _item_zone(session: Any, place: Any, host: Any, start_text: str) -> str:
    """The zone an item's start is typed in: its place's, else the host's office's, else the
    zone its day is read in (:func:`planner.dayplan.day_zone_in`: as the timeline and the
    window read it)."""
    from planner.dayplan import day_zone_in

    if place is not None:
        return str(place.zone)
    if host is not None and host.place is not None:
        return str(host.place.zone)
    day = lookup.day_of(start_text)
    return day_zone_in(session, day) if day is not None else "UTC"  # no day: refused anyway


def cmd_add_item(args: argparse.Namespace, out: TextIO) -> int:
    from datetime import timedelta

    from planner import edits
    from planner.formatting import duration_text
    from planner.journeys import proposed_ride, ride_mode
    from planner.model import ItemKind
    from planner.travel import TravelSettings

    if args.end is not None and args.minutes is not None:
        raise InputError("give --end or --minutes, not both")
    minutes = _minutes(args.minutes)
    kind = edits.parse_value("item", "kind", args.kind or ("transfer" if args.to else "meeting"))
    if args.to and not args.place:
        raise InputError("--to needs --place, where the journey starts")
    # a train or flight between two places without its end: the ride's end is proposed
    propose = args.end is None and minutes is None and bool(args.place and args.to) \
        and ride_mode(kind) is not None
    if args.end is None and minutes is None and not propose:
        if kind is not ItemKind.MEETING:
            raise InputError(f"--end or --minutes: how long is the {kind.value}?")
        minutes = MEETING_MINUTES
    values: dict[str, Any] = {"title": args.title, "kind": kind, **_given(args, {
        "title_ja": "title_ja", "status": "status", "language": "language",
        "booking_reference": "booking_reference", "notes": "notes"})}
    if args.locked:
        values["locked"] = True
    if args.interpreter:
        values["interpreter_booked"] = True
    if args.question:
        values["questions"] = args.question
    with _open(args.tour) as store, store.transaction() as session:
        host = lookup.find(session, "organisation", args.host, "host") if args.host else None
        place = lookup.find(session, "place", args.place) if args.place else None
        to = lookup.find(session, "place", args.to) if args.to else None
        zone_name = _item_zone(session, place, host, args.start)
        start = lookup.local_time(args.start, zone_name, "--start")
        ride = None
        if propose and place is not None and to is not None:
            ride = proposed_ride(TravelSettings.from_json(load_tour(session).travel_settings),
                                 kind, place, to)
            if ride is None:
                raise InputError(f"--end or --minutes: how long is the {kind.value}? (no "
                                 f"{kind.value} from {place.name} to {to.name} is known)")
            minutes = ride.minutes
        end = (start + timedelta(minutes=minutes) if minutes is not None
               else lookup.local_time(args.end, to.zone if to is not None else zone_name,
                                      "--end"))
        values.update(start=start, end=end, zone=zone_name,
                      attendees=[find_traveller(session, name).id for name in args.traveller]
                      if args.traveller else _everyone(session),
                      goals=[lookup.find(session, "goal", g).id for g in args.goal],
                      hosts=[lookup.find(session, "contact", c).id for c in args.contact])
        for field, other in (("organisation_id", host), ("place_id", place),
                             ("destination_id", to)):
            if other is not None:
                values[field] = other.id
        key = edits.add_record(session, "item", values).value
        shown = _shown("item", _load(session, "item", key))
    said = ""
    if ride is not None:  # how the end was found
        shown[1]["proposed"] = {"minutes": ride.minutes, "mode": ride.mode,
                                "summary": ride.summary}
        said = f"; the end proposed: {duration_text(ride.minutes)}, {ride.summary}"
    _report(out, args.json, "Added", shown, said)
    return EXIT_OK


def _office(session: Any, org: Any) -> Any:
    if org.place is None:
        raise InputError(f"{org.name} has no address yet: give its place first "
                         f"(ecovisit set TOUR organisation {org.name!r} --at TEXT)")
    return org.place


def cmd_add_availability(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    timed = args.from_ is not None or args.until is not None
    if bool(args.weekly) == timed:
        raise InputError("give either --from and --until, or --weekly 'Tue-Thu 10:00-16:00'")
    if timed and (args.from_ is None or args.until is None):
        raise InputError("--from and --until go together: when the slot starts and ends")
    pattern = lookup.weekly(args.weekly) if args.weekly else None
    with _open(args.tour) as store, store.transaction() as session:
        org = lookup.find(session, "organisation", args.organisation)
        office = _office(session, org)
        if pattern is not None:
            days, start, end = pattern
            keys = edits.add_weekly_availability(session, org.id, days, start, end,
                                                 note=args.note or "").value
        else:
            keys = [edits.add_record(session, "availability", {
                "organisation_id": org.id, "zone": office.zone, "note": args.note or "",
                "start": lookup.local_time(args.from_, office.zone, "--from"),
                "end": lookup.local_time(args.until, office.zone, "--until")}).value]
        shown = [_shown("availability", _load(session, "availability", k)) for k in keys]
    if args.json:
        _emit(out, True, [data for _line, data in shown], lambda: "")
    else:
        for line, _data in shown:
            print(f"Added {line}", file=out)
    return EXIT_OK


def _set_options(args: argparse.Namespace) -> list[str]:
    """``--at TEXT`` and ``--json`` given among the FIELD=VALUE pairs (after the name) set as if
    given before it; the pairs are returned."""
    rest: list[str] = []
    texts = iter(args.values)
    for text in texts:
        if text == "--json":
            args.json = True
        elif text == "--at":
            args.at = next(texts, None)
            if args.at is None:
                raise InputError("--at needs TEXT: coordinates, a map link, an airport code or "
                                 "a city")
        elif text.startswith("--at="):
            args.at = text.removeprefix("--at=")
        elif text.startswith("-") and "=" not in text:
            raise InputError(f"{text!r}: 'ecovisit set' takes --at TEXT, --json and "
                             "FIELD=VALUE pairs (see ecovisit set --help)")
        else:
            rest.append(text)
    return rest


def _pairs(texts: Sequence[str]) -> list[tuple[str, str]]:
    pairs = []
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise InputError(f"{text!r}: expected FIELD=VALUE, e.g. phone='+46 8 123 45'")
        pairs.append((name.strip().casefold().replace("-", "_"), value.strip()))
    return pairs


def _names(text: str) -> list[str]:
    """A list of names typed in one value: separated by ';' if there is one, else by ','."""
    return [n.strip() for n in text.split(";" if ";" in text else ",") if n.strip()]


def _set_values(session: Any, kind: str, obj: Any, pairs: list[tuple[str, str]]
                ) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """``FIELD=VALUE`` pairs as the edits' values (references and lists by key, times read
    in the record's zones), the office's values for an organisation, and the times typed."""
    from planner.edits import RECORDS

    fields = RECORDS[kind].fields
    aliases = _SET_ALIASES.get(kind, {})
    values: dict[str, Any] = {}
    office: dict[str, Any] = {}
    times: dict[str, str] = {}
    for name, text in pairs:
        field = aliases.get(name, name)
        if (kind == "item" and field == "minutes") or (
                kind in ("item", "availability") and field in ("start", "end")):
            times[field] = text
        elif kind == "organisation" and field in _OFFICE_FIELDS:
            office[field] = text
        elif field not in fields or field == "travel_settings":
            known = sorted({*fields, *aliases} - {"travel_settings"}
                           | ({"minutes"} if kind == "item" else set())
                           | (set(_OFFICE_FIELDS) if kind == "organisation" else set()))
            raise InputError(f"{kind} has no field {name!r} (fields: {', '.join(known)})")
        elif field in _REFERENCE_KINDS:
            empty = not text or (field == "traveller_id" and text.casefold() in _EVERYONE) \
                or (field == "owner_id" and text.casefold() in _COORDINATOR)
            prefer = _hotel if kind == "stay" else (
                (lambda g: g in obj.item.goals) if field == "goal_id" and obj.item is not None
                else None)
            what = "owner" if field == "owner_id" else None
            values[field] = None if empty else (
                lookup.meeting(session, text) if field == "item_id" else
                lookup.find(session, _REFERENCE_KINDS[field], text, what, prefer=prefer)).id
        elif field in _LIST_KINDS:
            if field == "attendees" and text.casefold() in _EVERYONE:
                values[field] = _everyone(session)
            else:
                values[field] = [lookup.find(session, _LIST_KINDS[field], n).id
                                 for n in _names(text)]
        elif kind == "learning" and field == "tag":  # "partner candidate", "business-model"
            values[field] = "_".join(text.casefold().replace("-", " ").split())
        else:
            values[field] = text
    return values, office, times


def _set_times(session: Any, kind: str, obj: Any, values: dict[str, Any],
               times: dict[str, str]) -> None:
    """New start and end typed as local times: the start in the zone the record will have, the
    end in its arrival zone; a new start alone keeps the length, ``minutes=N`` sets it."""
    from datetime import timedelta

    from planner.edits import parse_value

    if not times:
        return
    zone_name, end_zone = obj.zone, getattr(obj, "end_zone", None)
    if kind == "item":
        if values.get("zone"):
            zone_name = parse_value("item", "zone", values["zone"])
        elif values.get("place_id") is not None:
            zone_name = _load(session, "place", values["place_id"]).zone
        if "destination_id" in values:
            to = values["destination_id"]
            end_zone = _load(session, "place", to).zone if to is not None else None
        if values.get("end_zone"):
            end_zone = parse_value("item", "end_zone", values["end_zone"])
    start = lookup.local_time(times["start"], zone_name, "start") if "start" in times \
        else obj.start
    minutes = _minutes(times["minutes"]) if "minutes" in times else None
    if "end" in times and minutes is not None:
        raise InputError("give end= or minutes=, not both")
    if "end" in times:
        values["end"] = lookup.local_time(times["end"], end_zone or zone_name, "end")
    elif minutes is not None:
        values["end"] = start + timedelta(minutes=minutes)
    elif "start" in times:
        values["end"] = start + (obj.end - obj.start)
    if "start" in times:
        values["start"] = start


def _set_office(session: Any, org: Any, office: dict[str, Any], at: str | None,
                values: dict[str, Any]) -> None:
    """An organisation's office moved or corrected (--at, address=, city= ...): its place is
    changed where only this organisation uses it, else a new office is made for it."""
    from planner import edits

    if not office and at is None:
        return
    if "place_id" in values:
        raise InputError("give place=PLACE, or the office's address and --at, not both")
    if at is None and org.place is None and not office.get("city") and not (
            office.get("latitude") and office.get("longitude")):
        raise InputError(f"{org.name} has no address yet: give --at TEXT (coordinates, a map "
                         "link or a city) or city=CITY")
    moves = office.get("city") and not office.get("latitude") and (
        org.place is None or not org.place.exact)  # a city's centre follows the city
    found = _locate(at, office.get("country") or None) if at is not None else (
        _locate(office["city"], office.get("country") or None, "city") if moves else None)
    place_values = {**(_located_values(found) if found is not None else {}), **office}
    edits.set_office(session, org.id, place_values)


def cmd_set(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    kind = _kind_word(args.kind)
    pairs = _pairs(_set_options(args))
    if args.at is not None and kind not in ("organisation", "place"):
        raise InputError("--at moves a place, or an organisation's office")
    if not pairs and args.at is None:
        raise InputError(f"say what to change: FIELD=VALUE ... (ecovisit set --help; the "
                         f"fields of a {kind}: {', '.join(edits.RECORDS[kind].fields)})")
    with _open(args.tour) as store, store.transaction() as session:
        obj = lookup.find(session, kind, args.name)
        name = lookup.label(kind, obj)
        values, office, times = _set_values(session, kind, obj, pairs)
        if kind == "item" and values.get("organisation_id") is not None \
                and "place_id" not in values:  # a meeting at the old host's office moves
            host = _load(session, "organisation", values["organisation_id"])
            old = obj.organisation.place_id if obj.organisation is not None else None
            if host.place_id is not None and obj.place_id in (None, old):
                values["place_id"] = host.place_id
        _set_times(session, kind, obj, values, times)
        if kind == "organisation":
            _set_office(session, obj, office, args.at, values)
        elif args.at is not None:
            found = _locate(args.at, values.get("country"))
            values = {**_located_values(found), **values}
        if values:
            edits.set_fields(session, kind, obj.id, values)
        session.flush()
        if inspect(obj).was_deleted:  # never: the edits keep what they change
            raise WorkFailed(f"changing {name!r} would delete it, which is "
                             "a fault in Ecovisit; nothing was changed")
        session.refresh(obj)
        shown = _shown(kind, obj)
    changed = [name for name, _text in pairs] + (["--at"] if args.at is not None else [])
    _report(out, args.json, "Changed", shown, f" [{', '.join(changed)}]")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, out: TextIO) -> int:
    from collections import Counter

    from planner import edits

    kind = _kind_word(args.kind)
    # Two deletes of one record at once: the second waits, then finds it gone.
    with _open(args.tour) as store, store.transaction(write=True) as session:
        obj = lookup.find(session, kind, args.name)
        key = int(obj.id)
        line, data = _shown(kind, obj)
        removed = edits.delete_record(session, kind, key).value
    table = edits.record(kind).entity.__tablename__
    taken = Counter(_ROW_WORDS[name] for name, row in removed.rows
                    if name in _ROW_WORDS and not (name == table and row.get("id") == key))
    cleared = Counter(_ROW_WORDS[name] for name, _column, _key, _old in removed.cleared
                      if name in _ROW_WORDS)
    notes = [f"with {', '.join(_plural(n, w) for w, n in taken.items())}"] if taken else []
    notes += [f"no longer named by {', '.join(_plural(n, w) for w, n in cleared.items())}"] \
        if cleared else []
    _emit(out, args.json, {"deleted": data, "removed": dict(taken), "cleared": dict(cleared)},
          lambda: f"Deleted {line}" + (f" ({'; '.join(notes)})" if notes else ""))
    return EXIT_OK


# --- after the tour: learnings, ratings, follow-ups and the debrief's files (issue 19) --------

#: Takeaway tags as the command line takes them (``business-model`` reads as business_model).
_TAGS = ("trend", "technology", "business_model", "partner_candidate", "risk", "other")


def _tag(text: str) -> str:
    tag = text.strip().casefold().replace("-", "_").replace(" ", "_")
    if tag not in _TAGS:
        raise argparse.ArgumentTypeError(
            f"invalid tag {text!r} (one of {', '.join(_TAGS)})")
    return tag


def _meeting(session: Any, text: str) -> Any:
    return lookup.meeting(session, text)


def _owner(session: Any, text: str) -> int | None:
    """The follow-ups' owner *text* names: a traveller's id, or None for the coordinator."""
    from planner.errors import NameNotFound

    if text.strip().casefold() in _COORDINATOR:
        return None
    try:
        return int(find_traveller(session, text).id)
    except NameNotFound as exc:
        raise NameNotFound("owner", text, [*exc.candidates, "coordinator"],
                           exc.ambiguous) from None


def _goal_for(session: Any, text: str, item: Any) -> int:
    """The goal *text* names, the goals *item* serves first."""
    prefer = (lambda g: g in item.goals) if item is not None else None
    return int(lookup.find(session, "goal", text, prefer=prefer).id)


def cmd_add_learning(args: argparse.Namespace, out: TextIO) -> int:
    from sqlalchemy import func

    from planner import edits
    from planner.model import Learning

    with _open(args.tour) as store, store.transaction() as session:
        item = _meeting(session, args.meeting)
        last = session.scalar(select(func.max(Learning.position)).where(
            Learning.item_id == item.id))
        values: dict[str, Any] = {"item_id": item.id, "text": args.text,
                                  "position": 0 if last is None else last + 1}
        if args.goal:
            values["goal_id"] = _goal_for(session, args.goal, item)
        if args.by and args.by.strip().casefold() not in _EVERYONE:
            values["traveller_id"] = find_traveller(session, args.by).id
        if args.tag:
            values["tag"] = args.tag
        if args.next_step:
            values["next_step"] = args.next_step
        key = edits.add_record(session, "learning", values).value
        shown = _shown("learning", _load(session, "learning", key))
    _report(out, args.json, "Added", shown)
    return EXIT_OK


def cmd_rate(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits
    from planner.model import Rating

    if args.score.strip() not in ("1", "2", "3", "4", "5"):
        raise InputError(f"SCORE {args.score!r}: a meeting is rated 1 (poor) to 5 (excellent)")
    values: dict[str, Any] = {"score": args.score}
    if args.recommend is not None:
        values["recommend"] = args.recommend
    if args.comment is not None:
        values["comment"] = args.comment
    with _open(args.tour) as store, store.transaction() as session:
        item = _meeting(session, args.meeting)
        traveller = find_traveller(session, args.traveller)
        if not item.attended_by(traveller):
            came = ", ".join(t.name for t in item.attendees)
            raise InputError(f"{traveller.name} did not attend {item.title!r} (its attendees: "
                             f"{came}); a meeting is rated by those who were there")
        rating = session.scalars(select(Rating).where(
            Rating.item_id == item.id, Rating.traveller_id == traveller.id)).one_or_none()
        if rating is None:
            verb = "Added"
            key = edits.add_record(session, "rating", {
                "item_id": item.id, "traveller_id": traveller.id, **values}).value
        else:
            verb, key = "Changed", rating.id
            edits.set_fields(session, "rating", key, values)
            session.flush()
            session.refresh(rating)
        shown = _shown("rating", _load(session, "rating", key))
    _report(out, args.json, verb, shown)
    return EXIT_OK


def _learned_json(learned: Any, goals: dict[int, tuple[str, str]]) -> dict[str, Any]:
    return {"id": learned.id, "text": learned.text,
            "tag": learned.tag.value if learned.tag is not None else None,
            "next_step": learned.next_step,
            "goal": goals[learned.goal_id][0] if learned.goal_id in goals else None,
            "goal_ja": goals[learned.goal_id][1] if learned.goal_id in goals else None,
            "goal_id": learned.goal_id,
            "by": learned.speaker.name if learned.speaker is not None else None,
            "by_ja": learned.speaker.name_ja if learned.speaker is not None else None,
            "traveller_id": learned.speaker.id if learned.speaker is not None else None}


def _meeting_json(report: Any, goals: dict[int, tuple[str, str]], traveller: Any
                  ) -> dict[str, Any]:
    """A meeting of ``ecovisit learnings --json``; with *traveller*, her words (and the
    delegation's) and her rating only."""
    learnings = [x for x in report.learnings if traveller is None or x.speaker is None
                 or x.speaker.id == traveller.id]
    ratings = [r for r in report.ratings if traveller is None or r.by.id == traveller.id]
    scores = [r.score for r in ratings]
    ref = report.meeting
    return {
        "id": ref.id, "title": ref.title, "title_ja": ref.title_ja, "day": ref.day.isoformat(),
        "start": ref.start.isoformat(), "organisation": ref.organisation or None,
        "organisation_ja": ref.organisation_ja or None,
        "organisation_id": ref.organisation_id, "city": report.city,
        "attendees": [p.name for p in report.attendees],
        "summary": report.summary,
        "learnings": [_learned_json(x, goals) for x in learnings],
        "ratings": [{"traveller": r.by.name, "traveller_ja": r.by.name_ja,
                     "traveller_id": r.by.id, "score": r.score,
                     "recommend": r.recommend, "comment": r.comment} for r in ratings],
        "average": round(sum(scores) / len(scores), 2) if scores else None,
        "would_recommend": sum(1 for r in ratings if r.recommend),
    }


def _meeting_lines(data: dict[str, Any], language: str = "en") -> list[str]:
    """One meeting of ``ecovisit learnings`` for people, in *language*."""
    from planner.debrief.summary import pick, tag_text

    def said(template: str, **values: Any) -> str:
        return render(template, values, language)

    start = datetime.fromisoformat(data["start"])
    host = pick(data["organisation"] or "", data["organisation_ja"] or "", language)
    lines = [f"  {start:%H:%M} {pick(data['title'], data['title_ja'], language)}"
             + (f" · {host}" if host else "")]
    if data["summary"].strip():
        lines.append("    " + said(N_("Summary: {text}"), text=" ".join(data["summary"].split())))

    def learning_line(n: dict[str, Any]) -> str:
        tag = f"[{tag_text(n['tag'], language)}] " if n["tag"] else ""
        step = said(N_(" (next step: {step})"), step=n["next_step"]) if n["next_step"] else ""
        who = pick(n["by"], n["by_ja"] or "", language) if n["by"] \
            else translate(N_("the delegation"), language)
        return f"      - {tag}{n['text']}{step} — {who}"

    goals: dict[str, list[dict[str, Any]]] = {}
    for n in data["learnings"]:
        if n["goal"] is not None:
            goals.setdefault(pick(n["goal"], n["goal_ja"] or "", language), []).append(n)
    for goal, found in goals.items():
        lines.append("    " + said(N_("For the goal {goal}:"), goal=goal))
        lines += [learning_line(n) for n in found]
    takeaways = [n for n in data["learnings"] if n["goal"] is None and n["tag"]]
    plain = [n for n in data["learnings"] if n["goal"] is None and not n["tag"]]
    if takeaways:
        lines.append("    " + translate(N_("Key takeaways:"), language))
        lines += [learning_line(n) for n in takeaways]
    if plain:
        lines.append("    " + translate(N_("Learned:"), language))
        lines += [learning_line(n) for n in plain]
    if data["ratings"]:
        lines.append("    " + said(
            N_("Ratings (average {average} of 5, {recommend} of {count} would recommend):"),
            average=f"{data['average']:g}", recommend=data["would_recommend"],
            count=len(data["ratings"])))
        recommends = {True: translate(N_(", would recommend"), language),
                      False: translate(N_(", would not recommend"), language), None: ""}
        lines += [f"      {pick(r['traveller'], r['traveller_ja'] or '', language)}: "
                  f"{r['score']}{recommends[r['recommend']]}"
                  + (f"; {r['comment']!r}" if r["comment"] else "") for r in data["ratings"]]
    return lines


def cmd_learnings(args: argparse.Namespace, out: TextIO) -> int:
    from planner.debrief.follow_ups import home_today
    from planner.debrief.summary import debrief

    with _open(args.tour, write=False) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        meeting = _meeting(session, args.meeting) if args.meeting else None
        if meeting is not None and traveller is not None \
                and not meeting.attended_by(traveller):
            raise InputError(f"{traveller.name} did not attend {meeting.title!r}")
        found = debrief(session, today=home_today(session))
    goals = {g.id: (g.title, g.title_ja) for g in found.goals}
    reports = sorted((m for m in found.meetings
                      if (meeting is None or m.meeting.id == meeting.id)
                      and (traveller is None or any(p.id == traveller.id
                                                    for p in m.attendees))),
                     key=lambda m: (m.meeting.start, m.meeting.id))
    data = [d for d in (_meeting_json(m, goals, traveller) for m in reports)
            if d["learnings"] or d["ratings"] or d["summary"]]

    def text() -> str:
        if not data:
            return translate(N_("Nothing learned or rated yet"), args.lang)
        lines: list[str] = []
        day = None
        for meeting_data in data:
            if meeting_data["day"] != day:
                day = meeting_data["day"]
                lines.append(format_day(date.fromisoformat(day), args.lang))
            lines += _meeting_lines(meeting_data, args.lang)
        return "\n".join(lines)

    _emit(out, args.json, data, text)
    return EXIT_OK


_FOLLOW_UP_ACTIONS = ("add", "done", "drop", "reopen")
#: The options of ``follow-ups`` (each action takes some of them).
_FOLLOW_UP_OPTIONS = ("owner", "goal", "overdue", "status", "today", "due", "contact", "meeting",
                      "notes")  # and --lang, --json


def _follow_up_json(follow_up: Any, today: date) -> dict[str, Any]:
    return {**_record_json("follow_up", follow_up), "overdue": follow_up.overdue_on(today)}


def cmd_follow_ups(args: argparse.Namespace, out: TextIO) -> int:
    action = args.action or "list"
    if action == "list" and args.what is not None:
        raise InputError(f"{args.what!r}: 'follow-ups TOUR' takes add, done, drop or reopen "
                         "(or nothing, to list them)")
    if action != "list" and args.what is None:
        needs = "DESCRIPTION" if action == "add" else "KEY (its number or a part of it)"
        raise InputError(f"follow-ups {action} needs the follow-up's {needs}")
    taken = {"list": ("owner", "goal", "overdue", "status", "today"),
             "add": ("owner", "goal", "due", "contact", "meeting", "notes")}.get(action, ())
    wrong = [f"--{name}" for name in _FOLLOW_UP_OPTIONS
             if name not in taken and getattr(args, name) not in (None, False)]
    if wrong:
        raise InputError(f"'follow-ups {'TOUR' if action == 'list' else action}' takes no "
                         f"{', '.join(wrong)} (see ecovisit follow-ups --help)")
    if action == "list":
        return _list_follow_ups(args, out)
    if action == "add":
        return _add_follow_up(args, out)
    return _mark_follow_up(args, out)


def _list_follow_ups(args: argparse.Namespace, out: TextIO) -> int:
    from planner.debrief.follow_ups import ALL_OWNERS, follow_ups, home_today
    from planner.model import FollowUpStatus

    with _open(args.tour, write=False) as store, store.transaction() as session:
        today = args.today or home_today(session)
        owner = ALL_OWNERS if args.owner is None else _owner(session, args.owner)
        goal = _goal_for(session, args.goal, None) if args.goal else None
        rows = follow_ups(session, owner_id=owner, goal_id=goal,
                          overdue_on=today if args.overdue else None,
                          status=FollowUpStatus(args.status) if args.status else None)
        data = [_follow_up_json(f, today) for f in rows]
        lines = [f"  #{f.id:<4} {_follow_up_text(f, today, args.lang)}" for f in rows]

    def text() -> str:
        if not data:
            return translate(N_("No follow-ups overdue") if args.overdue
                             else N_("No follow-ups"), args.lang)
        head = render(N_("1 follow-up, soonest due first ({open} open, {overdue} overdue on "
                         "{day}):") if len(data) == 1 else
                      N_("{count} follow-ups, soonest due first ({open} open, {overdue} "
                         "overdue on {day}):"),
                      {"count": len(data), "day": format_day(today, args.lang),
                       "open": sum(1 for f in data if f["status"] == "open"),
                       "overdue": sum(1 for f in data if f["overdue"])}, args.lang)
        return "\n".join([head, *lines])

    _emit(out, args.json, data, text)
    return EXIT_OK


def _add_follow_up(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits

    values: dict[str, Any] = {"description": args.what}
    if args.due is not None:
        values["due"] = args.due
    if args.notes is not None:
        values["notes"] = args.notes
    with _open(args.tour) as store, store.transaction() as session:
        item = _meeting(session, args.meeting) if args.meeting else None
        if item is not None:
            values["item_id"] = item.id
        if args.owner is not None:
            values["owner_id"] = _owner(session, args.owner)
        if args.contact:
            values["contact_id"] = lookup.find(
                session, "contact", args.contact,
                prefer=(lambda c: c in item.hosts or c.organisation_id == item.organisation_id)
                if item is not None else None).id
        if args.goal:
            values["goal_id"] = _goal_for(session, args.goal, item)
        key = edits.add_record(session, "follow_up", values).value
        shown = _shown("follow_up", _load(session, "follow_up", key))
    _report(out, args.json, "Added", shown)
    return EXIT_OK


def _mark_follow_up(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits
    from planner.debrief.follow_ups import home_today
    from planner.model import FollowUpStatus

    status = {"done": FollowUpStatus.DONE, "drop": FollowUpStatus.DROPPED,
              "reopen": FollowUpStatus.OPEN}[args.action]
    with _open(args.tour) as store, store.transaction() as session:
        follow_up = lookup.find(session, "follow_up", args.what)
        if follow_up.status is status:
            verb = f"Already {status.value}:"
        else:
            verb = {"done": "Done:", "drop": "Dropped:", "reopen": "Reopened:"}[args.action]
            edits.set_fields(session, "follow_up", follow_up.id, {
                "status": status,
                "completed": home_today(session) if status is FollowUpStatus.DONE else None})
            session.flush()
            session.refresh(follow_up)
        shown = _shown("follow_up", follow_up)
    _report(out, args.json, verb, shown)
    return EXIT_OK


# The debrief's files: the notes sheet, the follow-ups' task lists and sheet, the thank-you
# letters (the PDF is export-pdf --kind debrief).

def cmd_export_notes(args: argparse.Namespace, out: TextIO) -> int:
    from planner.debrief.notes import export_notes

    with _open(args.tour, write=False) as store, store.transaction() as session:
        travellers = [int(find_traveller(session, name).id) for name in args.traveller]
        rows = export_notes(session, args.out, traveller_ids=travellers or None,
                            language=args.lang, force=args.force)
    print(f"Wrote {args.out} ({_plural(rows, 'meeting row')})", file=out)
    return EXIT_OK


def cmd_import_notes(args: argparse.Namespace, out: TextIO) -> int:
    from planner.debrief.notes import NotesRejected, import_notes, read_notes

    try:
        if args.dry_run:
            with _open(args.tour, write=False) as store, store.transaction() as session:
                report = read_notes(session, args.file)
            if not report.ok:
                raise NotesRejected(report)
        else:
            with _open(args.tour) as store, store.transaction(write=True) as session:
                report = import_notes(session, args.file)
    except NotesRejected as exc:
        if not args.json:
            raise
        _emit(out, True, exc.report.as_json(), str)
        return EXIT_USAGE
    _emit(out, args.json, report.as_json(),
          lambda: ("Nothing was changed (--dry-run). " if args.dry_run else "")
          + report.text())
    return EXIT_OK


def cmd_export_follow_ups(args: argparse.Namespace, out: TextIO) -> int:
    from planner.calendar.todos import write_follow_ups_ics
    from planner.debrief.follow_ups import ALL_OWNERS, write_follow_ups_xlsx

    suffix = args.out.suffix.casefold()
    if suffix not in (".ics", ".xlsx"):
        raise InputError(f"{args.out}: follow-ups are written as .ics (an owner's tasks) or "
                         ".xlsx (a sheet); name the file so")
    if suffix == ".ics" and args.owner is None:
        raise InputError("an .ics is one owner's task list: give --owner NAME (a traveller) "
                         "or --owner coordinator")
    with _open(args.tour, write=False) as store, store.transaction() as session:
        owner = ALL_OWNERS if args.owner is None else _owner(session, args.owner)
        if isinstance(owner, int | None):
            count = write_follow_ups_ics(session, args.out, owner, force=args.force) \
                if suffix == ".ics" else write_follow_ups_xlsx(
                    session, args.out, owner_id=owner, language=args.lang, force=args.force)
        else:
            count = write_follow_ups_xlsx(session, args.out, owner_id=owner,
                                          language=args.lang, force=args.force)
    print(f"Wrote {args.out} ({_plural(count, 'follow-up')})", file=out)
    return EXIT_OK




def cmd_write_thanks(args: argparse.Namespace, out: TextIO) -> int:
    from planner.debrief.follow_ups import home_today
    from planner.debrief.letters import write_thanks

    return _write_letters(args, out, lambda session, folder, hosts: write_thanks(
        session, folder, today=home_today(session), organisation_ids=hosts or None,
        force=args.force), "letter", "No letters: no host was met yet (a meeting confirmed, "
        "or with learnings or ratings)")


def _write_letters(args: argparse.Namespace, out: TextIO,
                   write: Callable[[Any, Path, list[int]], list[Path]], what: str,
                   none: str) -> int:
    """Write letters into ``args.outdir`` (made if its parent exists, removed again if nothing
    went into it) by *write*(session, folder, the ``--host`` keys), and say which; *none* when
    there were none to write."""
    folder: Path = args.outdir
    made = not folder.exists() and folder.parent.is_dir()
    if made:
        folder.mkdir()
    try:
        with _open(args.tour, write=False) as store, store.transaction() as session:
            hosts = [int(lookup.find(session, "organisation", name, "host").id)
                     for name in args.host]
            written = write(session, folder, hosts)
    except BaseException:
        if made and not any(folder.iterdir()):
            folder.rmdir()
        raise
    if not written:
        print(none, file=out)
        return EXIT_OK
    letters = sum(1 for path in written if path.suffix == ".txt")
    print(f"Wrote {_plural(letters, what)} to {folder} "
          f"({_plural(len(written) - letters, 'e-mail draft')}):", file=out)
    for path in written:
        print(f"  {path.name}", file=out)
    return EXIT_OK


# --- asking hosts: the letters (planner.outreach.letters, planner.outreach.templates) -------

def cmd_write_requests(args: argparse.Namespace, out: TextIO) -> int:
    from planner.model import LetterKind
    from planner.outreach.letters import nothing_due, write_requests

    if args.kind == "thanks":
        return cmd_write_thanks(args, out)
    kind = LetterKind(args.kind)
    return _write_letters(args, out, lambda session, folder, hosts: write_requests(
        session, folder, kind, organisation_ids=hosts or None, force=args.force),
        f"{args.kind} letter", nothing_due(kind))


def cmd_template(args: argparse.Namespace, out: TextIO) -> int:
    from planner import edits
    from planner.outreach.templates import Template, check, letter_kind, stored, template_for

    kind = letter_kind(args.kind, args.lang)
    changing = args.subject is not None or args.body_file is not None
    if args.reset and changing:
        raise InputError("--reset puts the built-in template back: give it alone")
    body = None
    if args.body_file is not None:
        try:
            body = args.body_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{args.body_file}: cannot be read as UTF-8 text ({exc})") from None
    with _open(args.tour, write=args.reset or changing) as store, \
            store.transaction(write=args.reset or changing) as session:
        row = stored(session, kind, args.lang)
        if args.reset and row is not None:
            edits.delete_record(session, "template", row.id)
        elif changing:
            current = template_for(session, kind, args.lang)
            values = {"subject": args.subject if args.subject is not None else
                      (row.subject if row is not None else ""),
                      "body": body if body is not None else (row.body if row is not None
                                                             else "")}
            check(Template(kind, args.lang, values["subject"] or current.subject,
                           values["body"] or current.body))
            if row is None:
                edits.add_record(session, "template", {"kind": kind.value,
                                                       "language": args.lang, **values})
            else:
                edits.set_fields(session, "template", row.id, values)
        session.flush()
        shown = template_for(session, kind, args.lang)
    origin = "the tour's own" if shown.stored else "built in"
    _emit(out, args.json, {"kind": kind.value, "language": args.lang, "stored": shown.stored,
                           "subject": shown.subject, "body": shown.body},
          lambda: f"{shown.label} template ({origin})\nSubject: {shown.subject}\n\n"
                  f"{shown.body.rstrip()}")
    return EXIT_OK


def _add_letter_commands(command: Callable[..., argparse.ArgumentParser],
                         tour_help: str) -> None:
    """write-requests and template: the letters that ask hosts, and their templates."""
    sub = command("write-requests", cmd_write_requests,
                  "Write request, reminder, confirmation (or thank-you) letters to hosts "
                  "(.txt and an .eml draft; Japanese for Japanese hosts) into a folder.")
    sub.description = (
        "Write a letter to each host one is due to (or to --host): a request proposes two or "
        "three slots that fit the tour and says why this host; a reminder follows a request "
        "with no answer; a confirmation says the meeting's time, place, who comes and the "
        "questions, with the host brief PDF attached. Each is a .txt and, when the host "
        "has an address, an .eml draft (X-Unsent) the coordinator sends herself.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("outdir", type=Path, metavar="OUTDIR")
    sub.add_argument("--host", action="append", default=[], metavar="NAME",
                     help="only this host (repeatable; default: every host the letter is "
                          "due to)")
    sub.add_argument("--kind", choices=("request", "reminder", "confirmation", "thanks"),
                     default="request", help="which letter (default: request)")
    sub.add_argument("--force", action="store_true", help="replace letters already there")

    sub = command("template", cmd_template,
                  "Show, change or reset the template of a kind of letter in one language.")
    sub.description = (
        "Show the template a letter is written from (the tour's own, else the built-in one); "
        "--subject and --body-file store the tour's own (every {placeholder} checked first), "
        "--reset puts the built-in one back. Placeholders: {host}, {contact}, {delegation}, "
        "{goals}, {slots}, {length}, {language}, {interpreter}, {meeting}, {when}, {where}, "
        "{attendees}, {questions}, {signature}, {tour}, {sent_on}; {{ and }} are braces.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("kind", metavar="KIND", help="request, reminder or confirmation")
    sub.add_argument("lang", metavar="LANG", choices=("en", "ja"), help="en or ja")
    sub.add_argument("--subject", metavar="TEXT", help="the subject (one line)")
    sub.add_argument("--body-file", type=Path, metavar="FILE",
                     help="the body, from a UTF-8 text file")
    sub.add_argument("--reset", action="store_true", help="back to the built-in template")
    sub.add_argument("--json", action="store_true", help="print the template as JSON")


def _add_authoring_commands(command: Callable[..., argparse.ArgumentParser],
                            tour_help: str) -> None:
    """edit-tour, add-traveller, add-goal, add-place, add-stay, add-item, add-availability,
    set and delete."""
    json_help = "print the record as JSON"
    when = "YYYY-MM-DD HH:MM"

    sub = command("edit-tour", cmd_edit_tour, "Show or change the tour's properties.")
    sub.description = ("Show or change the tour's properties (title, dates, home zone, working "
                       "day, vision and the vision after the tour, coordinator). Shortening the "
                       "dates keeps every agenda item; 'ecovisit check' reports those left "
                       "outside.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    for option, meta, text in (
            ("title", "TEXT", None), ("title-ja", "TEXT", "Japanese title"),
            ("start", "YYYY-MM-DD", "first day"), ("end", "YYYY-MM-DD", "last day"),
            ("home-zone", "ZONE", "IANA time zone of the delegation's home"),
            ("day-start", "HH:MM", "the working day's start"),
            ("day-end", "HH:MM", "the working day's end"), ("vision", "TEXT", None),
            ("vision-ja", "TEXT", "the vision in Japanese"),
            ("vision-after", "TEXT", "after the tour: the vision revisited"),
            ("vision-after-ja", "TEXT", "the vision after, in Japanese"),
            ("coordinator", "NAME", None),
            ("coordinator-phone", "PHONE", None), ("coordinator-email", "EMAIL", None),
            ("reminder-days", "N", "working days a host has to answer a request before a "
             "reminder is due (default 5)")):
        sub.add_argument(f"--{option}", metavar=meta, help=text)
    sub.add_argument("--json", action="store_true", help="print the properties as JSON")

    sub = command("add-traveller", cmd_add_traveller, "Add a member of the delegation.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("name", metavar="NAME", help="name in Latin letters")
    sub.add_argument("--name-ja", metavar="NAME", help="name in Japanese")
    sub.add_argument("--company")
    sub.add_argument("--role")
    sub.add_argument("--email")
    sub.add_argument("--languages", metavar="LIST", help='languages spoken, e.g. "ja, en"')
    sub.add_argument("--dietary", metavar="TEXT", help="dietary needs")
    sub.add_argument("--notes")
    sub.add_argument("--staff", action="store_true", help="staff, not a delegate")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("add-goal", cmd_add_goal, "Add a learning goal, a traveller's or the "
                  "whole delegation's.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("title", metavar="TITLE")
    sub.add_argument("--traveller", metavar="NAME",
                     help="whose goal it is (default: the whole delegation)")
    sub.add_argument("--title-ja", metavar="TEXT", help="Japanese title")
    sub.add_argument("--topics", metavar="LIST", help='e.g. "energy, mobility"')
    sub.add_argument("--priority", metavar="1-5",
                     help="1 nice to know ... 5 must learn (default 3)")
    sub.add_argument("--description")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("add-place", cmd_add_place, "Add a place (hotel, station, airport, venue ...).")
    sub.description = ("Add a place (hotel, station, airport, venue ...) found offline from "
                       "coordinates, a map link, an airport code or a city (approximate).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("name", metavar="NAME")
    sub.add_argument("--at", required=True, metavar="TEXT",
                     help='"59.3326, 18.0649", a map link (OpenStreetMap, Google, Apple, geo:), '
                          'an airport code (ARN) or a city (approximate); coordinates starting '
                          'with a minus sign: --at="-33.9, 18.4"')
    sub.add_argument("--kind", metavar="KIND", help="hotel, office, station, airport, "
                     "restaurant, venue or other (default: airport for a code, else other)")
    sub.add_argument("--address")
    sub.add_argument("--city", help="default: the town at that point")
    sub.add_argument("--country", help="code or name; also narrows a city given by --at")
    sub.add_argument("--phone")
    sub.add_argument("--notes")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("add-stay", cmd_add_stay, "Add the delegation's nights at a hotel.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("hotel", metavar="HOTEL", help="the place, by name (or part of it)")
    sub.add_argument("--check-in", required=True, metavar="YYYY-MM-DD")
    sub.add_argument("--check-out", required=True, metavar="YYYY-MM-DD")
    sub.add_argument("--booking-reference", metavar="TEXT")
    sub.add_argument("--notes")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("add-item", cmd_add_item, "Add an agenda item (meeting, meal, train, flight, "
                  "transfer, free time).")
    sub.description = ("Add an agenda item (meeting, meal, train, flight, transfer, free time). "
                       "Times are local: the start where it starts (--place, else the host's "
                       "office, else that night's hotel, else home), the end where it ends "
                       "(--to).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("title", metavar="TITLE")
    sub.add_argument("--start", required=True, metavar=when)
    length = sub.add_mutually_exclusive_group()
    length.add_argument("--end", metavar=when, help="in the --to place's zone if given")
    length.add_argument("--minutes", metavar="N",
                        help=f"length (a meeting: {MEETING_MINUTES} by default)")
    sub.add_argument("--kind", metavar="KIND", help="meeting, meal, train, flight, transfer, "
                     "free or other (default: meeting, or transfer with --to)")
    sub.add_argument("--host", metavar="ORGANISATION", help="the host (a meeting without "
                     "--place is at its office)")
    sub.add_argument("--place", metavar="PLACE", help="where it is (a journey: where it leaves)")
    sub.add_argument("--to", metavar="PLACE", help="where a train, flight or transfer arrives")
    sub.add_argument("--traveller", action="append", default=[], metavar="NAME",
                     help="who attends (repeatable; default: everyone)")
    sub.add_argument("--contact", action="append", default=[], metavar="NAME",
                     help="a host's contact person who receives the delegation (repeatable)")
    sub.add_argument("--goal", action="append", default=[], metavar="TITLE",
                     help="a learning goal it serves (repeatable)")
    sub.add_argument("--status", metavar="STATUS",
                     help="idea (default), requested, confirmed or cancelled")
    sub.add_argument("--locked", action="store_true", help="planning never moves it")
    sub.add_argument("--language", metavar="LANG", help="the language it is held in")
    sub.add_argument("--interpreter", action="store_true", help="an interpreter is booked")
    sub.add_argument("--booking-reference", metavar="TEXT")
    sub.add_argument("--title-ja", metavar="TEXT", help="Japanese title")
    sub.add_argument("--notes")
    sub.add_argument("--question", action="append", default=[], metavar="TEXT",
                     help="a question prepared for the host (repeatable)")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("add-availability", cmd_add_availability,
                  "Add a host's available slot, or its weekly slots.")
    sub.description = ("Add a host's available slot, or its weekly slots during the tour, in "
                       "local time at its office.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("organisation", metavar="ORGANISATION", help="by name (or part of it)")
    sub.add_argument("--from", dest="from_", metavar=when)
    sub.add_argument("--until", metavar=when)
    sub.add_argument("--weekly", metavar="PATTERN",
                     help='days and hours, e.g. "Tue-Thu 10:00-16:00" or "Mon,Wed 9-12"')
    sub.add_argument("--note")
    sub.add_argument("--json", action="store_true", help="print the slots as JSON")

    kinds = ("organisation, contact, traveller, goal, place, stay, availability, item, "
             "learning, rating or follow_up")
    names = ("the record's name (or part of it; for an item its title, for a stay its hotel, "
             "for a learning its text, for a follow-up its description, for a rating "
             "TRAVELLER@MEETING; or #ID, the number it is printed with)")
    sub = command("set", cmd_set, "Change fields of one record, named as you would type it.")
    sub.description = ("Change fields of one record, named as you would type it. References "
                       "by name (place=, host=, to=, traveller=, attendees=, goals=; lists "
                       "separated by ';' or ','); times are local; an organisation's address=, "
                       "city=, country= and --at go to its office. After the tour: a "
                       "learning's meeting=, goal=, by=, tag=, next_step=; a rating's score=, "
                       "recommend=yes|no, comment=; a follow-up's owner= (a traveller or "
                       "coordinator), due=, status=open|done|dropped, contact=, meeting=, "
                       "goal=; a goal's outcome=open|partly|answered and outcome_summary=.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("kind", metavar="KIND", help=kinds)
    sub.add_argument("name", metavar="NAME", help=names)
    sub.add_argument("values", nargs=argparse.REMAINDER, metavar="FIELD=VALUE",
                     help="e.g. phone='+45 33 12 34 56' start='2027-05-04 10:30' "
                          "attendees='Sato; Tanaka'")
    sub.add_argument("--at", metavar="TEXT",
                     help="move a place, or an organisation's office (as add-place --at)")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("delete", cmd_delete, "Delete one record, with what belongs to it.")
    sub.description = ("Delete one record, with what belongs to it (an organisation's contacts "
                       "and slots, a traveller's goals). A hotel with nights is kept until its "
                       "stays are deleted.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("kind", metavar="KIND", help=kinds)
    sub.add_argument("name", metavar="NAME", help=names)
    sub.add_argument("--json", action="store_true", help="print what was deleted as JSON")

def _add_debrief_commands(command: Callable[..., argparse.ArgumentParser], tour_help: str,
                          force_help: str) -> None:
    """After the tour: learnings, add-learning, rate, follow-ups, export-notes, import-notes,
    export-follow-ups and write-thanks (the debrief PDF is export-pdf --kind debrief)."""
    json_help = "print the record as JSON"
    meeting_help = "the meeting (or any agenda item) by its title or a part of it"

    sub = command("learnings", cmd_learnings, "Print what was learned at each meeting, day by "
                  "day: its summary, learnings per goal, key takeaways and ratings.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--meeting", metavar="NAME", help="only this meeting")
    sub.add_argument("--traveller", metavar="NAME", help="only the meetings she attended, with "
                     "what she said (and the delegation's own learnings) and her rating")
    sub.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the text")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("add-learning", cmd_add_learning,
                  "Add something learned at a meeting (a key takeaway with --tag).")
    sub.description = ("Add something learned at a meeting: for one goal it served (--goal), "
                       "said by one traveller (--by; default: the delegation). With --tag it is "
                       "a key takeaway; a partner_candidate flags the meeting's organisation, "
                       "with --next-step. The meeting's summary is 'set TOUR item NAME "
                       "learnings=TEXT'.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("meeting", metavar="MEETING", help=meeting_help)
    sub.add_argument("text", metavar="TEXT", help="what was learned")
    sub.add_argument("--goal", metavar="TITLE", help="the learning goal it answers (the "
                     "meeting's goals are searched first)")
    sub.add_argument("--by", metavar="TRAVELLER", help="who said or wrote it")
    sub.add_argument("--tag", type=_tag, metavar="TAG",
                     help=f"a key takeaway: {', '.join(_TAGS)}")
    sub.add_argument("--next-step", metavar="TEXT",
                     help="for a partner candidate: what happens next with the organisation")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("rate", cmd_rate, "Rate a meeting for one traveller who attended it (1-5); "
                  "rating it again changes her rating.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("meeting", metavar="MEETING", help=meeting_help)
    sub.add_argument("traveller", metavar="TRAVELLER", help="who rates it (an attendee)")
    sub.add_argument("score", metavar="SCORE", help="1 (poor) to 5 (excellent)")
    sub.add_argument("--recommend", choices=("yes", "no"),
                     help="would she recommend this host to another delegation")
    sub.add_argument("--comment", metavar="TEXT")
    sub.add_argument("--json", action="store_true", help=json_help)

    sub = command("follow-ups", cmd_follow_ups,
                  "List the follow-ups (soonest due first), or add one, or mark one done, "
                  "dropped or open again.")
    sub.description = textwrap.fill(
        "Who does what, by when, with whom. 'follow-ups TOUR' lists them, soonest due first "
        "(an open one past its due day is OVERDUE); 'follow-ups TOUR add DESCRIPTION' adds one "
        "(the coordinator's unless --owner); 'follow-ups TOUR done|drop|reopen KEY' marks one, "
        "KEY being its number (#7 or 7) or a part of its description.", 78)
    sub.epilog = ("examples:\n"
                  "  ecovisit follow-ups tour.ecovisit --owner Sato --overdue\n"
                  "  ecovisit follow-ups tour.ecovisit add 'Send the pilot proposal' "
                  "--owner Tanaka \\\n      --due 2027-06-15 --meeting BLOXHUB "
                  "--contact 'Mette Friis'\n"
                  "  ecovisit follow-ups tour.ecovisit done 'pilot proposal'")
    sub.formatter_class = argparse.RawDescriptionHelpFormatter
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("action", nargs="?", choices=_FOLLOW_UP_ACTIONS, metavar="ACTION",
                     help="add, done, drop or reopen (none: list)")
    sub.add_argument("what", nargs="?", metavar="DESCRIPTION|KEY",
                     help="add: what is to be done; done, drop, reopen: which follow-up")
    sub.add_argument("--owner", metavar="NAME", help="list: only this owner's; add: who does "
                     "it (a traveller, or 'coordinator', the default)")
    sub.add_argument("--goal", metavar="TITLE", help="list: only those for this goal; add: the "
                     "goal it serves")
    sub.add_argument("--overdue", action="store_true", help="list: only the overdue ones")
    sub.add_argument("--status", choices=("open", "done", "dropped"),
                     help="list: only those open, done or dropped")
    sub.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                     help="list: the day overdue is counted on (default: today in the "
                          "tour's home zone)")
    sub.add_argument("--due", metavar="YYYY-MM-DD", help="add: by when")
    sub.add_argument("--contact", metavar="NAME",
                     help="add: the host's contact on the other side")
    sub.add_argument("--meeting", metavar="NAME", help="add: the meeting it comes from")
    sub.add_argument("--notes", help="add: notes")
    sub.add_argument("--lang", choices=LANGUAGES, default="en",
                     help="list: language of the text")
    sub.add_argument("--json", action="store_true",
                     help="print the follow-ups (or the one changed) as JSON")

    sub = command("export-notes", cmd_export_notes, "Write the notes sheet (.xlsx) the "
                  "travellers fill in on the road: a sheet per traveller, a row per meeting.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.xlsx")
    sub.add_argument("--traveller", action="append", default=[], metavar="NAME",
                     help="only this traveller's sheet (repeatable; default: everyone's)")
    sub.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the headings")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("import-notes", cmd_import_notes, "Read a filled-in notes sheet into the "
                  "tour (all or nothing): learnings, ratings, takeaways and follow-ups.")
    sub.description = ("Read a filled-in notes sheet (from export-notes) into the tour: "
                       "everything or, if any cell is refused, nothing (each bad cell is "
                       "named by sheet, row and column; exit 2). Importing the same sheet "
                       "again changes nothing.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("file", type=Path, metavar="FILE.xlsx")
    sub.add_argument("--dry-run", action="store_true",
                     help="report what would be added and changed; change nothing")
    sub.add_argument("--json", action="store_true", help="print the report as JSON")

    sub = command("export-follow-ups", cmd_export_follow_ups,
                  "Write follow-ups as an owner's tasks (.ics of VTODOs, for Outlook and "
                  "other task lists) or as a sheet (.xlsx).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.ics|OUT.xlsx")
    sub.add_argument("--owner", metavar="NAME", help="whose: a traveller, or 'coordinator' "
                     "(required for .ics; a sheet without it has everyone's)")
    sub.add_argument("--lang", choices=LANGUAGES, default="en",
                     help="language of the sheet's headings and words")
    sub.add_argument("--force", action="store_true", help=force_help)


    sub = command("write-thanks", cmd_write_thanks,
                  "Write a thank-you letter to each host (.txt and an .eml draft; Japanese "
                  "for Japanese hosts) into a folder.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("outdir", type=Path, metavar="OUTDIR")
    sub.add_argument("--host", action="append", default=[], metavar="ORGANISATION",
                     help="only this host (repeatable; default: every host met)")
    sub.add_argument("--force", action="store_true", help="replace letters already there")

# --- parser -----------------------------------------------------------------------------------

# --- asking hosts: the outreach table and the coordinator's steps (issue 20) -----------------

#: mark-sent's kinds of letter.
_LETTER_KINDS = ("request", "reminder", "confirmation")
#: mark-reply's states.
_REPLY_STATES = ("replied", "confirmed", "declined", "no_answer")


def _outreach_text(table: Any, state: str | None) -> str:
    """The outreach table for a terminal: the counts, then a request a line."""
    rows = table.of_state(state)
    head = (f"Outreach on {format_day(table.today)} ({_plural(len(table.rows), 'request')}"
            + (f": {table.counts_text()}" if table.rows else "") + ")")
    if state is not None:
        head += f"; {_plural(len(rows), 'request')} {state.replace('_', ' ')}"
    lines = [head]
    for row in rows:
        meeting = (f"{row.meeting} ({format_day(row.meeting_day)})" if row.meeting_day
                   else "no meeting")
        contact = f"{row.contact} <{row.email}>" if row.email else (row.contact or "no contact")
        lines.append(f"  {row.host}: {meeting}; {contact}; {row.state_text(loud=True)}"
                     + (f"; {row.reason}" if row.reason else "")
                     + f"; next: {row.next_step_text()}")
    if not table.rows:
        lines.append("  No host asked yet: 'ecovisit ask TOUR HOST' starts a request")
    return "\n".join(lines)


def cmd_outreach(args: argparse.Namespace, out: TextIO) -> int:
    from planner.outreach.tracking import outreach

    with _open(args.tour, write=False) as store, store.session() as session:
        table = outreach(session, args.today)
    _emit(out, args.json, table.as_json(args.state), lambda: _outreach_text(table, args.state))
    return EXIT_OK


def _request_shown(session: Any, request_id: int, today: date | None) -> tuple[str, Any]:
    """A request's line and row after a step (the row read as the table reads it)."""
    from planner.edits import tour_today
    from planner.outreach.tracking import row_of

    request = _load(session, "request", request_id)
    session.refresh(request)
    tour = load_tour(session)
    row = row_of(request, today or tour_today(session), tour.reminder_days)
    return (f"{row.host}: {row.state_text()}; next: {row.next_step_text()}", row)


def cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from planner.outreach.tracking import start_request

    with _open(args.tour) as store, store.transaction() as session:
        host = lookup.find(session, "organisation", args.host, "host")
        meeting = lookup.meeting(session, args.meeting).id if args.meeting else None
        contact = lookup.find(session, "contact", args.contact,
                              prefer=lambda c: c.organisation_id == host.id).id \
            if args.contact else None
        step = start_request(session, host.id, meeting, contact, args.language or "")
        session.flush()
        request = _load(session, "request", step.request_id)
        line, data = _record_text("request", request), _record_json("request", request)
        warn = "" if request.item is not None else \
            " (no meeting yet: give it one with 'ecovisit set TOUR request HOST meeting=NAME')"
    _emit(out, args.json, data, lambda: f"Asked: {line}{warn}")
    return EXIT_OK


def _step_day(args: argparse.Namespace, session: Any) -> tuple[date, date]:
    """The day a step happened (--on, else today) and today (--today, else the home zone's)."""
    from planner.edits import tour_today

    today = args.today or tour_today(session)
    return args.on or today, today


def cmd_mark_sent(args: argparse.Namespace, out: TextIO) -> int:
    from planner.outreach import tracking

    with _open(args.tour) as store, store.transaction() as session:
        host = lookup.find(session, "organisation", args.host, "host")
        request = tracking.require_request(session, host.id)
        day, today = _step_day(args, session)
        mark = {"request": tracking.mark_sent, "reminder": tracking.mark_reminded,
                "confirmation": tracking.mark_confirmation_sent}[args.kind]
        mark(session, request.id, day, today)
        session.flush()
        line, row = _request_shown(session, request.id, today)
        name = host.name
    _emit(out, args.json, row.as_json(),
          lambda: f"Marked the {args.kind} to {name} sent on {format_day(day)}: {line}")
    return EXIT_OK


def cmd_mark_reply(args: argparse.Namespace, out: TextIO) -> int:
    from planner.outreach import tracking

    if args.reason is not None and args.state not in ("declined", "no_answer"):
        raise InputError(f"--reason is for --state declined or no_answer, not {args.state}")
    with _open(args.tour) as store, store.transaction() as session:
        host = lookup.find(session, "organisation", args.host, "host")
        request = tracking.require_request(session, host.id)
        day, today = _step_day(args, session)
        if args.state == "declined":
            tracking.mark_declined(session, request.id, args.reason or "", day, today)
        elif args.state == "no_answer":
            tracking.mark_no_answer(session, request.id, args.reason or "")
        else:
            mark = tracking.mark_replied if args.state == "replied" else tracking.mark_confirmed
            mark(session, request.id, day, today)
        session.flush()
        line, row = _request_shown(session, request.id, today)
        meeting, name = request.item, host.name
        after = ""
        if meeting is not None and args.state in ("confirmed", "declined"):
            after = f" ({meeting.title} is now {meeting.status.value})"
    said = args.state.replace("_", " ")
    _emit(out, args.json, row.as_json(), lambda: f"Marked {name} {said}{after}: {line}")
    return EXIT_OK


def _add_outreach_commands(command: Callable[..., argparse.ArgumentParser],
                           tour_help: str) -> None:
    """outreach, ask, mark-sent, mark-reply."""
    from planner.outreach.tracking import FILTERS

    today_help = ("the day taken as today (default: today in the tour's home zone), for "
                  "scripts and tests")
    host_help = "the host organisation (part of its name)"
    sub = command("outreach", cmd_outreach,
                  "The outreach table: each host asked, its meeting and contact, where the "
                  "request stands (to write, sent and the working days waiting, reminder due, "
                  "replied, confirmed, declined, no answer) and the next step, with the counts.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--state", choices=FILTERS, help="only the requests in this state")
    sub.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=today_help)
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("ask", cmd_ask,
                  "Start a request to a host (to write): for its idea meeting and its first "
                  "contact with an e-mail unless given.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("host", metavar="HOST", help=host_help)
    sub.add_argument("--meeting", metavar="NAME", help="the meeting it is for")
    sub.add_argument("--contact", metavar="NAME", help="the contact written to")
    sub.add_argument("--language", choices=("en", "ja"),
                     help="the letters' language (default: the host's)")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("mark-sent", cmd_mark_sent,
                  "Mark a letter to a host sent: the request (its meeting, an idea, becomes "
                  "requested), a reminder, or the confirmation.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("host", metavar="HOST", help=host_help)
    sub.add_argument("--kind", choices=_LETTER_KINDS, default="request",
                     help="which letter (default: request)")
    sub.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="the day it went "
                     "(default: today)")
    sub.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=today_help)
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("mark-reply", cmd_mark_reply,
                  "Mark a host's answer: replied (nothing agreed yet), confirmed (its meeting "
                  "is confirmed), declined (its meeting is cancelled, the host left out of "
                  "planning with the reason), or no_answer (stop waiting).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("host", metavar="HOST", help=host_help)
    sub.add_argument("--state", choices=_REPLY_STATES, required=True)
    sub.add_argument("--reason", metavar="TEXT", help="why it declined, or why you stop "
                     "waiting")
    sub.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="the day of the answer "
                     "(default: today)")
    sub.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=today_help)
    sub.add_argument("--json", action="store_true", help="print JSON")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="ecovisit", allow_abbrev=False,
        description="Plan ecosystem-visit study tours. Run without arguments to open the "
                    "desktop program (or 'ecovisit gui [TOUR]').",
        epilog="Exit codes: 0 success, 1 the work failed or found errors, 2 bad usage or "
               "unreadable input.",
    )
    parser.add_argument("--version", action="version", version=f"ecovisit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace, TextIO], int],
                help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text,
                                  allow_abbrev=False)
        sub.set_defaults(handler=handler)
        return sub

    tour_help = "tour file (.ecovisit) or database URL"
    force_help = "replace the file if it exists"

    sub = command("new", cmd_new, "Create an empty tour file.")
    sub.add_argument("tour", type=_new_tour_path, metavar="TOUR", help="new tour file (.ecovisit)")
    sub.add_argument("--title", required=True)
    sub.add_argument("--title-ja", default="", help="Japanese title")
    sub.add_argument("--start", required=True, type=_date, help="first day, YYYY-MM-DD")
    sub.add_argument("--end", required=True, type=_date, help="last day, YYYY-MM-DD")
    sub.add_argument("--home-zone", default="Asia/Tokyo", type=_zone_name,
                     help="IANA time zone of the delegation's home (default Asia/Tokyo)")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("info", cmd_info, "Print a summary of a tour.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--traveller", metavar="NAME", help="only this traveller's part")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("agenda", cmd_agenda, "Print the agenda day by day, in local times.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--traveller", metavar="NAME", help="only the items this traveller attends")

    sub = command("demo", cmd_demo, "Write the built-in demo tour to a new file.")
    sub.add_argument("out", type=_new_tour_path, metavar="OUT", help="new tour file (.ecovisit)")
    sub.add_argument("--start", type=_date,
                     help="first day (default: the Monday at least eight weeks ahead)")
    sub.add_argument("--force", action="store_true", help=force_help)

    _add_authoring_commands(command, tour_help)
    _add_debrief_commands(command, tour_help, force_help)
    _add_outreach_commands(command, tour_help)
    _add_letter_commands(command, tour_help)

    sub = commands.add_parser(
        "import-contacts", help="Import organisations and contacts (CSV, .xlsx, vCard).",
        allow_abbrev=False,
        description="Import organisations and contacts from CSV (any common delimiter; UTF-8 "
                    "with or without BOM, Shift_JIS/CP932, Windows-1252), Excel .xlsx or vCard "
                    "3.0/4.0. Columns are matched to fields by name, in English or Japanese. "
                    "Organisations already in the tour are merged, never doubled. Either every "
                    "accepted row is imported, in one transaction, or nothing.",
        epilog="fields (COLUMN=FIELD for --map; '-' as FIELD ignores a column):\n"
               + "\n".join(f"  {f.name:<20} {f.description}" for f in FIELDS)
               + "\n\nexit codes: 0 at least one row accepted (or all already there), "
                 "1 every row rejected, 2 unreadable file or bad usage",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.set_defaults(handler=cmd_import_contacts)
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("file", type=Path, metavar="FILE", help="a .csv, .xlsx or .vcf file")
    sub.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="use COLUMN for FIELD (repeatable)")
    sub.add_argument("--encoding", help="the CSV's text encoding, if detection guesses wrong")
    sub.add_argument("--dry-run", action="store_true",
                     help="report what would happen; change nothing")
    sub.add_argument("--json", action="store_true", help="print the report as JSON")

    sub = command("export-contacts", cmd_export_contacts,
                  "Write the directory to .csv or .xlsx (the import format).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.csv|OUT.xlsx")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("search", cmd_search, "Search and filter the directory.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("text", nargs="*", metavar="WORD", help="words to find (all must match)")
    sub.add_argument("--kind", choices=[k.value for k in OrganisationKind])
    sub.add_argument("--city")
    sub.add_argument("--country", help="code or name")
    sub.add_argument("--topic")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("travel", cmd_travel,
                  "Estimate the door-to-door travel time between two points.")
    sub.add_argument("origin", metavar="LAT,LON")
    sub.add_argument("destination", metavar="LAT,LON")
    sub.add_argument("--tour", metavar="TOUR", help="use this tour's travel settings")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("travel-settings", cmd_travel_settings,
                  "Show or change the tour's travel model settings (NAME=VALUE to change).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("set", nargs="*", metavar="NAME=VALUE",
                     help="e.g. city_mode=transit checkout_min=60")

    sub = command("split-day", cmd_split_day,
                  "Say whether planning may split the delegation into groups on DATE, where "
                  "travellers' goals differ: split (it may), together (it stays together) or "
                  "tour (remove the day's own choice: the tour's split_delegation setting "
                  "applies). Prints the day's resulting setting.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("date", type=_date, metavar="DATE", help="a day of the tour, YYYY-MM-DD")
    sub.add_argument("choice", choices=list(_SPLIT_CHOICES),
                     help="split, together, or tour (the tour's setting applies)")

    sub = command("check", cmd_check,
                  "Check that the plan works: print the findings by day (exit 1 on errors).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--traveller", metavar="NAME", help="only this traveller's plan")
    sub.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the text")
    sub.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="the day the checks "
                     "are made on (overdue follow-ups and replies; default: today)")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("coverage", cmd_coverage,
                  "Show which learning goals the planned meetings serve.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--traveller", metavar="NAME", help="this traveller's and the delegation's "
                     "goals, and the meetings they attend")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("match", cmd_match, "Show how well an organisation serves a learning goal, "
                  "and set the coordinator's own score.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("goal", metavar="GOAL", help="part of the goal's title")
    sub.add_argument("organisation", metavar="ORGANISATION", help="part of its name")
    sub.add_argument("score", nargs="?", type=float, help="your score, 0 to 1")
    sub.add_argument("--clear", action="store_true", help="forget your score")

    sub = command("plan", cmd_plan, "Propose, complete or repair the itinerary automatically "
                  "(backs the tour up, then applies the plan in one transaction).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--seconds", type=float, default=10.0, help="search time (default 10)")
    sub.add_argument("--seed", type=int, default=0)
    sub.add_argument("--iterations", type=int, metavar="N",
                     help="stop after N iterations: the same plan on any machine")
    sub.add_argument("--meeting-minutes", type=int, default=MEETING_MINUTES,
                     help=f"length of a new meeting (default {MEETING_MINUTES})")
    sub.add_argument("--dry-run", action="store_true", help="report; change nothing")
    sub.add_argument("--json", action="store_true", help="print JSON")

    ideas_help = "also the idea items (left out of calendars unless asked for)"
    sub = command("export-ics", cmd_export_ics,
                  "Write the tour (or one traveller's part) as an iCalendar (.ics) file.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.ics")
    sub.add_argument("--traveller", metavar="NAME", help="only the items this traveller attends")
    sub.add_argument("--alarm", type=int, default=15, metavar="MINUTES",
                     help="reminder this many minutes before (default 15; 0: none)")
    sub.add_argument("--with-phones", action="store_true", help="include hosts' phone numbers")
    sub.add_argument("--include-ideas", action="store_true", help=ideas_help)
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("publish", cmd_publish,
                  "Publish the tour (or one traveller's part) to a CalDAV calendar collection. "
                  "The collection then holds exactly the tour's live items: new ones are "
                  "created, changed ones updated, and cancelled, deleted or left-out ones "
                  "removed; events Ecovisit did not write are left alone.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("url", metavar="URL", help="the calendar collection's URL")
    sub.add_argument("--traveller", metavar="NAME", help="only the items this traveller attends")
    sub.add_argument("--user", metavar="U", help="user name (without it: no authentication)")
    sub.add_argument("--password-env", metavar="VAR",
                     help="read the password from this environment variable (else the system "
                          "keyring, else a prompt)")
    sub.add_argument("--alarm", type=int, default=15, metavar="MINUTES",
                     help="reminder this many minutes before (default 15; 0: none)")
    sub.add_argument("--with-phones", action="store_true", help="include hosts' phone numbers")
    sub.add_argument("--include-ideas", action="store_true", help=ideas_help)
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("import-availability", cmd_import_availability,
                  "Read a host's free slots (or busy time) from an .ics file into its "
                  "availability windows (replacing them).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("organisation", metavar="ORGANISATION", help="part of its name")
    sub.add_argument("file", type=Path, metavar="FILE.ics")

    sub = command("offer-slots", cmd_offer_slots,
                  "Put the slots a host offers in its reply into the plan: they become its "
                  "availability windows, and its meeting moves into the first one the checks "
                  "pass (exit 1, windows added, when none does).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("host", metavar="HOST", help="the host organisation (part of its name)")
    sub.add_argument("text", nargs="?", default="", metavar="TEXT",
                     help="the slots as the reply says them, e.g. 'Tue 14:00-16:00, Wed "
                          "morning', '12 May 9:30-11' or '5月12日(水) 14:00〜16:00'")
    sub.add_argument("--ics", type=Path, metavar="FILE", help="an .ics of offered slots")
    sub.add_argument("--meeting", metavar="NAME", help="the meeting to move (default: the "
                     "host's one idea or requested meeting)")
    sub.add_argument("--dry-run", action="store_true", help="report; change nothing")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("export-pdf", cmd_export_pdf,
                  "Print the agenda, the briefing book, a host brief or the debrief as PDF, "
                  "in English or Japanese.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.pdf")
    sub.add_argument("--kind", choices=list(PDF_KINDS), default="agenda",
                     help="agenda (a page per day), book (the briefing book), host-brief (for "
                          "--host), debrief (after the tour: goals, learnings, ratings, "
                          "follow-ups)")
    sub.add_argument("--lang", choices=LANGUAGES, default="en")
    sub.add_argument("--traveller", metavar="NAME", help="only this traveller's items")
    sub.add_argument("--host", metavar="ORGANISATION", help="the host of a host brief")
    sub.add_argument("--paper", choices=["a4", "letter"], default="a4")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("export-json", cmd_export_json, "Write a tour as a JSON tour document.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.json")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("import-json", cmd_import_json,
                  "Create a tour file from a JSON tour document (all or nothing).")
    sub.add_argument("source", type=Path, metavar="IN.json")
    sub.add_argument("tour", type=_new_tour_path, metavar="TOUR", help="new tour file (.ecovisit)")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("backups", cmd_backups, "List a tour file's backups (taken by themselves "
                  "after edits: a day's for a week, a week's for eight weeks).")
    sub.add_argument("tour", metavar="TOUR", help="tour file (.ecovisit)")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("restore", cmd_restore, "Put a backup in place of a tour file (the replaced "
                  "tour is kept as a backup too).")
    sub.add_argument("tour", metavar="TOUR", help="tour file (.ecovisit)")
    sub.add_argument("backup", nargs="?", metavar="BACKUP",
                     help="a name from 'ecovisit backups TOUR', or a backup file")
    sub.add_argument("--newest", action="store_true", help="the newest good backup")
    sub.add_argument("--force", action="store_true",
                     help="replace a tour that is not damaged")

    sub = command("rescue", cmd_rescue, "Read what can still be read of a damaged tour into a "
                  "new tour file, and say what was lost (table, row, reason).")
    sub.add_argument("tour", metavar="TOUR", help="the damaged tour file")
    sub.add_argument("out", type=_new_tour_path, metavar="OUT", help="new tour file (.ecovisit)")
    sub.add_argument("--force", action="store_true", help=force_help)
    sub.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


#: The commands that mend a damaged tour (their errors offer nothing more).
_MENDING = (cmd_backups, cmd_restore, cmd_rescue)
#: The commands that may change a tour file: a backup follows when one is due.
_WRITING = (cmd_edit_tour, cmd_add_traveller, cmd_add_goal, cmd_add_place, cmd_add_stay,
            cmd_add_item, cmd_add_availability, cmd_set, cmd_delete, cmd_import_contacts,
            cmd_import_availability, cmd_travel_settings, cmd_split_day, cmd_match, cmd_plan,
            cmd_add_learning, cmd_rate, cmd_follow_ups, cmd_import_notes, cmd_offer_slots,
            cmd_ask, cmd_mark_sent, cmd_mark_reply)


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The one parser of this process: building it takes ~60 ms (some 300 options), which a
    script or a test calling :func:`main` many times pays once; parsing never changes it."""
    return build_parser()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2, already printed)
        return int(exc.code or 0)
    try:
        code = int(args.handler(args, out))
        if code == EXIT_OK and args.handler in _WRITING and not (
                args.handler is cmd_follow_ups and args.action is None) and not (
                args.handler is cmd_import_notes and args.dry_run):
            _backup_when_due(args)
        return code
    except InputError as exc:
        print(f"ecovisit: error: {_said(exc, args)}", file=sys.stderr)
        return EXIT_USAGE
    except (WorkFailed, EcovisitError) as exc:
        print(f"ecovisit: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # e.g. `ecovisit agenda T | head`: the reader left; not an error
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
    except Exception as exc:  # the machine said no: a lock, a full disk, a driver's error
        return _machine_said_no(exc, args)
    except KeyboardInterrupt:
        print("ecovisit: interrupted", file=sys.stderr)
        return 130


def _machine_said_no(exc: Exception, args: argparse.Namespace) -> int:
    """One line for a failure of the disk or the database (never a driver's text with a link
    to its documentation, never a traceback); anything else is a bug and is raised."""
    from sqlalchemy.exc import SQLAlchemyError

    location = getattr(args, "tour", None) or getattr(args, "out", None) or ""
    said = storage_error(exc, location)
    if said is not None:
        print(f"ecovisit: error: {said}", file=sys.stderr)
        return EXIT_USAGE if isinstance(said, InputError) else EXIT_FAILED
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"ecovisit: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    if isinstance(exc, SQLAlchemyError | sqlite3.Error):
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).splitlines() or [type(orig).__name__])[0]
        print(f"ecovisit: error: {location}: the database refused the work ({first})",
              file=sys.stderr)
        return EXIT_FAILED
    raise exc


if __name__ == "__main__":
    sys.exit(main())
