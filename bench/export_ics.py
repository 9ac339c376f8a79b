"""Export a tour of 2,000 items as .ics: our median time against the library floor.

The floor is building the same number of events directly with icalendar (summary, times with
zone, location, description, one alarm) and serialising them: what any exporter must pay. The
ratio is our overhead over it (reading the tour, descriptions, time zones, tombstones).

    python bench/export_ics.py [--items N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

sys.path.insert(0, str(Path(__file__).resolve().parent))
from open_large_tour import build

from planner.calendar.ics import calendar, to_bytes
from planner.store import TourStore, create_tour_file


def floor(count: int) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    zone = ZoneInfo("Europe/Berlin")
    from datetime import datetime

    start = datetime(2027, 5, 10, 9, tzinfo=zone)
    for n in range(count):
        event = Event()
        event.add("uid", f"{n}@bench")
        event.add("dtstamp", start)
        event.add("dtstart", start + timedelta(minutes=15 * n))
        event.add("dtend", start + timedelta(minutes=15 * n + 60))
        event.add("summary", f"Meeting {n}")
        event.add("location", f"Organisation {n}, Street {n}")
        event.add("description", "Host: Organisation\nParticipants: five travellers")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(minutes=-15))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.ecovisit"
        create_tour_file(path, lambda s: build(s, 500, args.items))
        ours, base = [], []
        size = 0
        for _ in range(args.repeat):
            begin = time.perf_counter()
            with TourStore.open(path) as store, store.transaction() as session:
                size = len(to_bytes(calendar(session)))
            ours.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            floor(args.items)
            base.append(time.perf_counter() - begin)
    print(f"export of {args.items} items: median {statistics.median(ours):.2f} s "
          f"({size / 1e6:.1f} MB); icalendar floor: median {statistics.median(base):.2f} s; "
          f"ratio {statistics.median(ours) / statistics.median(base):.2f} (n={args.repeat})")


if __name__ == "__main__":
    main()
