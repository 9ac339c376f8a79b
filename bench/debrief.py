"""After the tour on the demo (five travellers, 34 meetings' learnings, ten follow-ups): median
times of the notes sheet out and back in, the debrief report, the follow-ups' task lists and
the thank-you letters, with the briefing book beside them as the printing yardstick.

    python bench/debrief.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timed

from planner.calendar.todos import write_follow_ups_ics
from planner.debrief.letters import write_thanks
from planner.debrief.notes import export_notes, import_notes, read_notes
from planner.demo import write_demo
from planner.exports import write_pdf
from planner.store import TourStore

#: After the demo tour: some follow-ups due, none of the tour's days to come.
TODAY = date(2027, 6, 1)


def fill_in(path: Path) -> int:
    """Every row of every sheet filled as an executive would: a learning, a takeaway, a
    rating, a recommendation and a follow-up; returns the number of rows."""
    book = openpyxl.load_workbook(path)
    rows = 0
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        if "item_uid" not in header:
            continue
        column = {name: n + 1 for n, name in enumerate(header)}
        for row in range(2, sheet.max_row + 1):
            if not sheet.cell(row, column["item_uid"]).value:
                continue
            sheet.cell(row, column["What I learned"], f"Learned at row {row}: pilots first")
            sheet.cell(row, column["Key takeaways"], f"trend: buyers pay per use ({row})")
            sheet.cell(row, column["Rating 1–5"], 1 + row % 5)
            sheet.cell(row, column["Would recommend"], "yes")
            sheet.cell(row, column["Follow-ups"], f"Send the deck ({row}); coordinator; 2027-06-20")
            rows += 1
    book.save(path)
    return rows


def one_round(store: TourStore, here: Path, n: int, times: dict[str, list[float]]) -> None:
    """Each piece timed once, added to *times*."""

    def measure(name: str, action: Callable[[], object]) -> None:
        times.setdefault(name, []).append(timed(action))

    with store.transaction() as session:
        measure("notes sheet out (all travellers)", lambda: export_notes(
            session, here / "notes.xlsx", force=True))
        measure("notes sheet read (filled in)", lambda: read_notes(session, here / "filled.xlsx"))
        measure("briefing book (en, yardstick)", lambda: write_pdf(
            session, here / "book.pdf", "book", force=True))
        measure("debrief report (en)", lambda: write_pdf(
            session, here / "debrief.pdf", "debrief", force=True, today=TODAY))
        measure("debrief report (ja)", lambda: write_pdf(
            session, here / "debrief-ja.pdf", "debrief", language="ja", force=True,
            today=TODAY))
        measure("follow-ups as tasks (.ics)", lambda: write_follow_ups_ics(
            session, here / "tasks.ics", None, force=True))
        letters = here / f"letters-{n}"
        letters.mkdir()
        measure("thank-you letters", lambda: write_thanks(session, letters, today=TODAY))
    session = store.session()
    try:
        measure("notes sheet imported (rolled back)", lambda: import_notes(
            session, here / "filled.xlsx"))
    finally:
        session.rollback()
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        tour = here / "demo.ecovisit"
        write_demo(tour, date(2027, 5, 10))
        times: dict[str, list[float]] = {}
        with TourStore.open(tour) as store:
            with store.transaction() as session:
                export_notes(session, here / "filled.xlsx", force=True)
            rows = fill_in(here / "filled.xlsx")
            for n in range(args.repeat):
                one_round(store, here, n, times)
    print(f"demo tour, {rows} filled-in notes rows, median of {args.repeat}:")
    for name, values in times.items():
        print(f"  {name:38s} {statistics.median(values) * 1000:8.0f} ms")
    book = statistics.median(times["briefing book (en, yardstick)"])
    report = statistics.median(times["debrief report (en)"])
    print(f"  debrief report / briefing book: x{report / book:.2f}")


if __name__ == "__main__":
    main()
