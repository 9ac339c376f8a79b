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
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from planner import __version__
from planner.atomicfile import write_text_atomically
from planner.demo import default_start, write_demo
from planner.errors import EcovisitError, InputError, TourFileError, WorkFailed
from planner.formatting import day_cities, item_place_text, item_time_text
from planner.model import AgendaItem, Tour
from planner.queries import agenda_items, find_traveller, items_by_day, tour_summary
from planner.store import SUFFIX, TourStore, as_location, create_tour_file
from planner.timezones import local_today, zone
from planner.tourdoc import dumps, export_document, import_document, read_document_file

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
    if args.end < args.start:
        raise InputError(f"--end {args.end} is before --start {args.start}")

    def fill(session: Any) -> None:
        session.add(Tour(title=args.title, title_ja=args.title_ja, start_date=args.start,
                         end_date=args.end, home_zone=args.home_zone))

    create_tour_file(args.tour, fill, force=args.force)
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
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2), file=out)
    else:
        print("\n".join(_summary_text(summary)), file=out)
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


def _open(location: str) -> TourStore:
    return TourStore.open(location)


# --- parser -----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="ecovisit",
        description="Plan ecosystem-visit study tours. Run without arguments to open the "
                    "desktop program (or 'ecovisit gui [TOUR]').",
        epilog="Exit codes: 0 success, 1 the work failed or found errors, 2 bad usage or "
               "unreadable input.",
    )
    parser.add_argument("--version", action="version", version=f"ecovisit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Callable[[argparse.Namespace, TextIO], int],
                help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
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
