"""Feasibility check speed: full check and single-edit re-check on 50, 500 and 5,000 items.

The tours are synthetic but shaped like real ones: five travellers in up to three parallel tracks,
five or six items a day per track, meetings spread over a few cities, a hotel per week. Prints
the median time of a full check, of a single-edit re-check (one meeting moved by 30 minutes), and
how each grows with the tour's size (a full check should grow linearly; a re-check not at all).

    python bench/check_tour.py [--sizes 50 500 5000] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from timing import timed  # bench/timing.py, beside this script

from planner.feasibility import Checker
from planner.feasibility.plan import Plan, PlanItem, PlanPlace, PlanStay, PlanTraveller, Window
from planner.model import ItemKind, ItemStatus
from planner.travel import TravelModel, TravelSettings

CITIES = [("Berlin", 52.52, 13.40, "Europe/Berlin", "DE"), ("Munich", 48.14, 11.58,
          "Europe/Berlin", "DE"), ("Paris", 48.86, 2.35, "Europe/Paris", "FR"),
          ("Helsinki", 60.17, 24.94, "Europe/Helsinki", "FI")]


def synthetic_plan(size: int, seed: int = 1) -> Plan:
    rng = random.Random(seed)
    travellers = {n: PlanTraveller(n, f"T{n}", ("ja", "en")) for n in range(1, 6)}
    tracks = [frozenset({1, 2}), frozenset({3, 4}), frozenset({5})]
    per_day = 5 * len(tracks)
    days = max(1, size // per_day)
    start = date(2027, 3, 1)
    stays, places, pid = [], {}, 0
    for week in range(days // 7 + 1):
        city = CITIES[week % len(CITIES)]
        pid += 1
        hotel = PlanPlace(pid, f"Hotel {week}", city[0], city[4], city[1], city[2], True,
                          "hotel", city[3])
        stays.append(PlanStay(start + timedelta(days=7 * week),
                              start + timedelta(days=7 * week + 7), hotel))
        places[week] = []
        for _ in range(12):
            pid += 1
            places[week].append(PlanPlace(pid, f"Office {pid}", city[0], city[4],
                                          city[1] + rng.uniform(-0.06, 0.06),
                                          city[2] + rng.uniform(-0.09, 0.09), True, "office",
                                          city[3]))
    plan = Plan(start, start + timedelta(days=days), clock(8, 30), clock(19, 0),
                TravelSettings(), travellers, stays)
    made = 0
    for day in range(days):
        week = day // 7
        zone = ZoneInfo(CITIES[week % len(CITIES)][3])
        for track in tracks:
            begin = datetime.combine(start + timedelta(days=day), clock(9, 0), tzinfo=zone)
            for slot in range(5):
                if made >= size:
                    break
                place = rng.choice(places[week])
                length = timedelta(minutes=rng.choice([60, 75, 90]))
                window = Window(begin - timedelta(hours=1), begin + length + timedelta(hours=2),
                                zone.key)
                plan.put(PlanItem(f"i{made}", ItemKind.MEETING, f"Meeting {made}", begin,
                                  begin + length, zone.key, None, place, None, "Host",
                                  (window,), track, ItemStatus.CONFIRMED, False, "en", True))
                made += 1
                begin += length + timedelta(minutes=rng.choice([30, 45, 60, 120 if slot == 1
                                                                 else 45]))
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    TravelModel().estimate  # noqa: B018 - import everything before timing
    from planner.geo.landmask import land_mask

    land_mask()
    rows = []
    for size in args.sizes:
        plan = synthetic_plan(size)
        fulls = []
        for _ in range(args.repeat):
            checker = Checker(plan, date(2027, 1, 1))  # a fresh travel cache each time
            fulls.append(timed(checker.check_all))
        rng = random.Random(3)
        edits = []
        for _ in range(max(20, args.repeat * 4)):
            uid = rng.choice(sorted(plan.items))
            old = plan.items[uid]
            moved = PlanItem(**{**old.__dict__, "start": old.start + timedelta(minutes=30),
                                "end": old.end + timedelta(minutes=30)})
            edits.append(timed(lambda moved=moved, checker=checker: checker.update(moved)))
        findings = len(checker.findings())
        rows.append((len(plan.items), statistics.median(fulls), statistics.median(edits),
                     findings))
    print(f"{'items':>6} {'full check':>12} {'per item':>10} {'re-check':>10} {'findings':>9}")
    for items, full, edit, findings in rows:
        print(f"{items:>6} {full * 1e3:>9.1f} ms {full / items * 1e6:>7.0f} µs "
              f"{edit * 1e3:>7.2f} ms {findings:>9}")
    if len(rows) > 1:
        (n0, f0, e0, _), (n1, f1, e1, _) = rows[0], rows[-1]
        print(f"items x{n1 / n0:.0f}: full check x{f1 / f0:.1f}, single-edit re-check "
              f"x{e1 / e0:.1f}")


if __name__ == "__main__":
    main()
