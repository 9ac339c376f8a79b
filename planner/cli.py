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
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import select

from planner import __version__
from planner.atomicfile import write_text_atomically
from planner.demo import default_start, write_demo
from planner.directory.fields import FIELDS, map_columns, parse_overrides
from planner.errors import EcovisitError, InputError, NameNotFound, TourFileError, WorkFailed
from planner.formatting import day_cities, item_place_text, item_time_text
from planner.messages import LANGUAGES
from planner.model import AgendaItem, LearningGoal, Organisation, OrganisationKind
from planner.queries import (
    agenda_items,
    find_traveller,
    items_by_day,
    load_tour,
    tour_summary,
)
from planner.store import SUFFIX, TourStore, as_location, create_tour_file
from planner.timezones import local_today, to_local, zone
from planner.tourdoc import dumps, export_document, import_document, read_document_file

if TYPE_CHECKING:
    from planner.planning.tour import PlanProposal

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
    print(f"Wrote the demo tour to {args.out} (starts {start:%a %d %b %Y})", file=out)
    return EXIT_OK


def _summary_text(summary: Any) -> list[str]:
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.items_by_kind.items(),
                                                           key=lambda kv: (-kv[1], kv[0])))
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(summary.items_by_status.items()))
    lines = [summary.title]
    if summary.title_ja:
        lines.append(summary.title_ja)
    lines += [
        f"Dates:       {summary.start_date:%a %d %b %Y} to {summary.end_date:%a %d %b %Y} "
        f"({summary.days} days)",
        f"Route:       {' → '.join(summary.cities) or '(no places yet)'}",
        f"Delegation:  {len(summary.travellers)}: {', '.join(summary.travellers) or '(none)'}",
        f"Goals:       {summary.goals}",
        f"Directory:   {summary.organisations} organisations",
        f"Agenda:      {summary.items} items" + (f" ({kinds}; {statuses})" if kinds else ""),
        f"Revision:    {summary.revision}",
    ]
    return lines


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.tour) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        summary = tour_summary(session, traveller)
    _emit(out, args.json, summary.as_json(), lambda: "\n".join(_summary_text(summary)))
    return EXIT_OK


def _item_line(item: AgendaItem) -> str:
    where = item_place_text(item) or "(no place)"
    return f"  {item_time_text(item):<24} {item.title} · {where}  [{item.status.value}]"


def cmd_agenda(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.tour) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        items = list(session.scalars(agenda_items(traveller)))
        for day, day_items in items_by_day(items).items():
            cities = " / ".join(day_cities(day_items))
            print(f"{day:%a %d %b %Y}" + (f" · {cities}" if cities else ""), file=out)
            for item in day_items:
                print(_item_line(item), file=out)
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args.tour) as store, store.transaction() as session:
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
    with _open(args.tour) as store, store.session() as session:
        report = import_table(session, table, mapping, dry_run=args.dry_run)
        if report.changed and not args.dry_run:
            session.commit()
        else:
            session.rollback()
    _emit(out, args.json, report.as_json(), report.text)
    return EXIT_FAILED if report.all_rejected else EXIT_OK


def cmd_export_contacts(args: argparse.Namespace, out: TextIO) -> int:
    from planner.directory.export import export_directory

    with _open(args.tour) as store, store.transaction() as session:
        rows = export_directory(session, args.out, force=args.force)
    print(f"Wrote {rows} rows to {args.out}", file=out)
    return EXIT_OK


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from planner.directory.search import DirectoryIndex

    with _open(args.tour) as store, store.transaction() as session:
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
        with _open(args.tour) as store, store.transaction() as session:
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

    with _open(args.tour) as store, store.transaction() as session:
        tour = load_tour(session)
        settings = TravelSettings.from_json(tour.travel_settings)
        if args.set:
            changes = dict(settings.to_json())
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
    defaults = asdict(TravelSettings())
    for name, value in asdict(settings).items():
        mark = "" if value == defaults[name] else "   (changed)"
        print(f"{name:<24} {value}{mark}", file=out)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from planner.feasibility import Checker, Severity
    from planner.feasibility.plan import Plan
    from planner.feasibility.report import findings_text

    today = local_today()
    with _open(args.tour) as store, store.transaction() as session:
        plan = Plan.from_session(session)
        if args.traveller:
            plan = plan.for_traveller(find_traveller(session, args.traveller).id)
    findings = Checker(plan, today).check_all()
    _emit(out, args.json, [f.as_json(args.lang) for f in findings],
          lambda: findings_text(findings, args.lang))
    return EXIT_FAILED if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    from planner.goals import coverage

    with _open(args.tour) as store, store.transaction() as session:
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


def _one(session: Any, model: Any, column: Any, query: str, what: str) -> Any:
    """The one record whose name contains *query* (ignoring case); exit 2 listing candidates."""
    everything = list(session.scalars(select(model).order_by(column)))
    wanted = query.casefold()
    exact = [r for r in everything if getattr(r, column.key).casefold() == wanted]
    found = exact or [r for r in everything if wanted in getattr(r, column.key).casefold()]
    if len(found) != 1:
        names = [getattr(r, column.key) for r in (found or everything)]
        raise NameNotFound(what, query, names, ambiguous=len(found) > 1)
    return found[0]


def cmd_match(args: argparse.Namespace, out: TextIO) -> int:
    from planner.goals import match, overrides, set_override

    with _open(args.tour) as store, store.transaction() as session:
        goal = _one(session, LearningGoal, LearningGoal.title, args.goal, "goal")
        org = _one(session, Organisation, Organisation.name, args.organisation, "organisation")
        if args.clear or args.score is not None:
            if args.score is not None and not 0 <= args.score <= 1:
                raise InputError(f"score {args.score}: a match is between 0 and 1")
            set_override(session, goal.id, org.id, None if args.clear else args.score)
            session.flush()
        found = match(goal, org, overrides(session).get((goal.id, org.id)))
        print(f"{goal.title} x {org.name}: {found.score:.0%} ({found.explanation()})", file=out)
    return EXIT_OK


def cmd_plan(args: argparse.Namespace, out: TextIO) -> int:
    from planner.feasibility import Checker, Severity
    from planner.feasibility.plan import Plan
    from planner.goals import coverage
    from planner.planning.tour import apply as apply_plan
    from planner.planning.tour import propose

    store = _open(args.tour)
    try:
        with store.session() as session:
            proposal, context = propose(session, seconds=args.seconds, seed=args.seed,
                                        meeting_minutes=args.meeting_minutes,
                                        max_iterations=args.iterations)
            if not args.dry_run and store.path is not None:
                stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
                store.backup_to(store.path.with_name(f"{store.path.name}.before-plan-{stamp}.bak"))
            apply_plan(session, proposal, context)
            session.flush()
            proposal.coverage_after = coverage(session).score
            findings = Checker(Plan.from_session(session), local_today()).check_all()
            proposal.errors_after = sum(f.severity is Severity.ERROR for f in findings)
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
    lines = [f"{'Proposed' if dry_run else 'Applied'}: "
             + ", ".join(f"{sum(c.action == a for c in proposal.changes)} {a}"
                         for a in ("added", "moved", "dropped"))
             + f"; coverage {proposal.coverage_before:.0%} -> {proposal.coverage_after:.0%}; "
             f"{proposal.errors_after} errors after planning "
             f"({proposal.iterations} iterations, {proposal.seconds:.1f} s)"]
    for change in proposal.changes:
        when = (f"{to_local(change.start, change.zone):%a %d %b %H:%M}" if change.start
                else "")
        why = f" - serves {'; '.join(change.goals)}" if change.goals else ""
        lines.append(f"  {change.action:<8} {change.organisation} {when}{why}")
    if proposal.left_out:
        lines.append("Left out: " + "; ".join(f"{o} ({r})" for o, r in proposal.left_out))
    lines += [f"Conflict among locked items: {c}" for c in proposal.conflicts]
    return "\n".join(lines)


def cmd_export_ics(args: argparse.Namespace, out: TextIO) -> int:
    from planner.exports import write_ics

    if args.alarm < 0:
        raise InputError("--alarm takes minutes before the event (0 for no alarm)")
    with _open(args.tour) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        write_ics(session, args.out, traveller=traveller, alarm_minutes=args.alarm,
                  with_phones=args.with_phones, force=args.force)
    print(f"Wrote {args.out}", file=out)
    return EXIT_OK


def cmd_publish(args: argparse.Namespace, out: TextIO) -> int:
    from planner.calendar.caldav_publish import find_password, publish
    from planner.calendar.ics import IcsOptions

    password = find_password(args.url, args.user, args.password_env) if args.user else None
    with _open(args.tour) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        report = publish(session, args.url, traveller, args.user, password,
                         IcsOptions(args.alarm, args.with_phones))
    _emit(out, args.json, report.as_json(), lambda: report.text(args.url))
    return EXIT_OK


def cmd_import_availability(args: argparse.Namespace, out: TextIO) -> int:
    from planner.calendar.availability import import_availability

    with _open(args.tour) as store, store.transaction() as session:
        org = _one(session, Organisation, Organisation.name, args.organisation, "organisation")
        report = import_availability(session, org, load_tour(session), args.file)
        zone_name = org.place.zone if org.place else "UTC"
    print(report.text(zone_name), file=out)
    return EXIT_OK


def cmd_export_pdf(args: argparse.Namespace, out: TextIO) -> int:
    from planner.exports import write_pdf

    if args.kind == "host-brief" and not args.host:
        raise InputError("--kind host-brief needs --host ORGANISATION")
    with _open(args.tour) as store, store.transaction() as session:
        traveller = find_traveller(session, args.traveller) if args.traveller else None
        host = (_one(session, Organisation, Organisation.name, args.host, "organisation")
                if args.kind == "host-brief" else None)
        pages = write_pdf(session, args.out, args.kind, language=args.lang,
                          traveller=traveller, host=host, paper=args.paper, force=args.force)
    print(f"Wrote {args.out} ({pages} pages)", file=out)
    return EXIT_OK


def _emit(out: TextIO, as_json: bool, data: Any, text: Callable[[], str]) -> None:
    """Print a command's result: *data* as JSON with ``--json``, else the text for people."""
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str), file=out)
    else:
        print(text(), file=out)


def _open(location: str) -> TourStore:
    return TourStore.open(location)


# --- parser -----------------------------------------------------------------------------------

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

    sub = command("check", cmd_check,
                  "Check that the plan works: print the findings by day (exit 1 on errors).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("--traveller", metavar="NAME", help="only this traveller's plan")
    sub.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the text")
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
    sub.add_argument("--meeting-minutes", type=int, default=75,
                     help="length of a new meeting (default 75)")
    sub.add_argument("--dry-run", action="store_true", help="report; change nothing")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("export-ics", cmd_export_ics,
                  "Write the tour (or one traveller's part) as an iCalendar (.ics) file.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.ics")
    sub.add_argument("--traveller", metavar="NAME", help="only the items this traveller attends")
    sub.add_argument("--alarm", type=int, default=15, metavar="MINUTES",
                     help="reminder this many minutes before (default 15; 0: none)")
    sub.add_argument("--with-phones", action="store_true", help="include hosts' phone numbers")
    sub.add_argument("--force", action="store_true", help=force_help)

    sub = command("publish", cmd_publish,
                  "Publish the tour (or one traveller's part) to a CalDAV calendar.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("url", metavar="URL", help="the calendar collection's URL")
    sub.add_argument("--traveller", metavar="NAME", help="only the items this traveller attends")
    sub.add_argument("--user", metavar="U", help="user name (without it: no authentication)")
    sub.add_argument("--password-env", metavar="VAR",
                     help="read the password from this environment variable (else the system "
                          "keyring, else a prompt)")
    sub.add_argument("--alarm", type=int, default=15, metavar="MINUTES")
    sub.add_argument("--with-phones", action="store_true", help="include hosts' phone numbers")
    sub.add_argument("--json", action="store_true", help="print JSON")

    sub = command("import-availability", cmd_import_availability,
                  "Read a host's free slots (or busy time) from an .ics file into its "
                  "availability windows (replacing them).")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("organisation", metavar="ORGANISATION", help="part of its name")
    sub.add_argument("file", type=Path, metavar="FILE.ics")

    sub = command("export-pdf", cmd_export_pdf,
                  "Print the agenda (a page per day) as PDF, in English or Japanese.")
    sub.add_argument("tour", metavar="TOUR", help=tour_help)
    sub.add_argument("out", type=Path, metavar="OUT.pdf")
    sub.add_argument("--kind", choices=["agenda", "book", "host-brief"], default="agenda")
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
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2, already printed)
        return int(exc.code or 0)
    try:
        return int(args.handler(args, out))
    except InputError as exc:
        print(f"ecovisit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (WorkFailed, EcovisitError) as exc:
        print(f"ecovisit: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # e.g. `ecovisit agenda T | head`: the reader left; not an error
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"ecovisit: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("ecovisit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
