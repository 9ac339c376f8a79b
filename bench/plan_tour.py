"""Plan real tours end to end: the demo from scratch, and a 3-week, 15-traveller tour with 400
candidate hosts, together and allowed to split (two groups a day by their goals).

Prints, per tour: the coverage score before and after, the meetings planned, the wall time, and
how it splits between the planning core (the solver's own search) and everything around it
(reading the tour, building the travel matrix from the travel model, writing the result), and
why the search stopped (it stops once it has stopped improving, else at the time limit).

    python bench/plan_tour.py [--seconds S]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from planner.demo import write_demo
from planner.model import (
    AgendaItem,
    AvailabilityWindow,
    Contact,
    ItemKind,
    LearningGoal,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Stay,
    Tour,
    Traveller,
)
from planner.planning.tour import apply, propose
from planner.store import TourStore, create_tour_file
from planner.travel import TravelSettings

CITIES = [("Berlin", 52.52, 13.40, "Europe/Berlin", "DE"), ("Munich", 48.14, 11.58,
          "Europe/Berlin", "DE"), ("Paris", 48.86, 2.35, "Europe/Paris", "FR")]
TOPICS = ["ai", "mobility", "battery", "energy", "robotics", "health", "fintech", "quantum",
          "manufacturing", "logistics", "cvc", "culture", "spin-off", "policy", "space"]


def large_tour(session, start: date, split: bool = False) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(4)
    session.add(Tour(title="Three weeks", start_date=start, end_date=start + timedelta(days=20),
                     travel_settings=TravelSettings(split_delegation=split).to_json()))
    travellers = [Traveller(name=f"Executive {n}", languages=["ja", "en"], position=n)
                  for n in range(15)]
    session.add_all(travellers)
    for n, traveller in enumerate(travellers):
        for k in range(2):
            session.add(LearningGoal(title=f"Goal {n}.{k}", traveller=traveller,
                                     topics=rng.sample(TOPICS, 2), priority=rng.randint(1, 5)))
    for week, (city, lat, lon, zone, country) in enumerate(CITIES):
        hotel = Place(name=f"Hotel {city}", kind=PlaceKind.HOTEL, city=city, country=country,
                      latitude=lat, longitude=lon, exact=True, zone=zone)
        session.add(Stay(place=hotel, check_in=start + timedelta(days=7 * week),
                         check_out=start + timedelta(days=7 * week + 7)))
        tz = ZoneInfo(zone)
        for n in range(134 if week < 2 else 132):
            place = Place(name=f"{city} office {n}", city=city, country=country,
                          latitude=lat + rng.uniform(-0.08, 0.08),
                          longitude=lon + rng.uniform(-0.12, 0.12), exact=True, zone=zone)
            org = Organisation(name=f"{city} org {n}", kind=rng.choice(list(OrganisationKind)),
                               topics=rng.sample(TOPICS, 3), place=place,
                               contacts=[Contact(name=f"Host {city} {n}")])
            for day in rng.sample(range(5), 2):
                begin = datetime.combine(start + timedelta(days=7 * week + day),
                                         datetime.min.time(), tzinfo=tz) + \
                    timedelta(hours=rng.choice([9, 10, 13, 14]))
                org.availability.append(AvailabilityWindow(
                    start=begin, end=begin + timedelta(hours=rng.choice([2, 3, 4])),
                    zone=zone))
            session.add(org)


def plan_once(path: Path, seconds: float) -> None:
    begin = time.perf_counter()
    with TourStore.open(path) as store, store.session() as session:
        proposal = apply(session, propose(session, seconds=seconds, seed=0))
        session.commit()
    total = time.perf_counter() - begin
    core = proposal.seconds
    added = sum(c.action == "added" for c in proposal.changes)
    for_some = sum(c.action == "added" and not c.everyone for c in proposal.changes)
    from planner.goals import coverage

    with TourStore.open(path) as store, store.transaction() as session:
        after = coverage(session).score
    print(f"  {added} meetings planned over {len(proposal.planned_days)} days ({for_some} of "
          f"them for a group of the delegation); coverage "
          f"{proposal.coverage_before:.0%} -> {after:.0%}; {total:.1f} s in all, "
          f"{core:.1f} s in the planning core ({proposal.iterations} iterations), "
          f"{total - core:.1f} s outside it ({(total - core) / total:.0%}); "
          f"{proposal.search_text()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.ecovisit"
        write_demo(demo, date(2027, 6, 7))
        with TourStore.open(demo) as store, store.transaction() as session:
            for item in session.scalars(select(AgendaItem)):
                if item.kind is ItemKind.MEETING:
                    session.delete(item)
        print("demo tour, meetings removed (trains, flights and meals kept):")
        plan_once(demo, args.seconds)
        large = Path(folder) / "large.ecovisit"
        create_tour_file(large, lambda s: large_tour(s, date(2027, 6, 7)))
        print("3 weeks, 15 travellers, 400 candidate hosts:")
        plan_once(large, args.seconds)
        split = Path(folder) / "split.ecovisit"
        create_tour_file(split, lambda s: large_tour(s, date(2027, 6, 7), split=True))
        print("the same, the delegation allowed to split (two groups a day, by their goals):")
        plan_once(split, args.seconds)


if __name__ == "__main__":
    main()
