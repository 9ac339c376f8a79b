"""Open a large tour: 5,000 organisations and 2,000 agenda items.

Prints the time to build the file once, the median time to open it (inspect, connect, read the
tour row) and to load every agenda item as the agenda view does, and the file size.

    python bench/open_large_tour.py [--organisations N] [--items N] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session
from timing import timed  # bench/timing.py, beside this script

from planner.model import (
    AgendaItem,
    Contact,
    ItemKind,
    ItemStatus,
    Organisation,
    OrganisationKind,
    Place,
    Tour,
    Traveller,
)
from planner.queries import agenda_items, load_tour
from planner.store import TourStore, create_tour_file

CITIES = [("Berlin", 52.52, 13.40, "Europe/Berlin", "DE"), ("Munich", 48.14, 11.58,
          "Europe/Berlin", "DE"), ("Paris", 48.86, 2.35, "Europe/Paris", "FR"),
          ("Helsinki", 60.17, 24.94, "Europe/Helsinki", "FI")]


def build(session: Session, organisations: int, items: int) -> None:
    rng = random.Random(7)
    start = date(2027, 5, 10)
    session.add(Tour(title="Large tour", start_date=start, end_date=start + timedelta(days=20)))
    travellers = [Traveller(name=f"Traveller {n}", position=n) for n in range(15)]
    session.add_all(travellers)
    orgs = []
    for n in range(organisations):
        city, lat, lon, zone, country = rng.choice(CITIES)
        place = Place(name=f"Organisation {n}", address=f"Street {n}", city=city,
                      country=country, latitude=lat + rng.uniform(-0.1, 0.1),
                      longitude=lon + rng.uniform(-0.1, 0.1), zone=zone)
        org = Organisation(name=f"Organisation {n}", kind=rng.choice(list(OrganisationKind)),
                           topics=["ai", "mobility"], description="x" * 200, place=place,
                           contacts=[Contact(name=f"Contact {n}", email=f"c{n}@example.com")])
        orgs.append(org)
    session.add_all(orgs)
    t0 = datetime(2027, 5, 10, 7, 0, tzinfo=UTC)
    for n in range(items):
        org = orgs[n % organisations]
        begin = t0 + timedelta(days=n % 21, minutes=15 * (n // 21 % 40))
        session.add(AgendaItem(
            kind=ItemKind.MEETING, title=f"Meeting {n}", start=begin,
            end=begin + timedelta(minutes=60), zone=org.place.zone, place=org.place,  # type: ignore[union-attr]
            organisation=org, status=ItemStatus.CONFIRMED,
            attendees=rng.sample(travellers, 5), hosts=org.contacts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.ecovisit"
        seconds = timed(lambda: create_tour_file(
            path, lambda s: build(s, args.organisations, args.items)))
        print(f"built {args.organisations} organisations, {args.items} items in {seconds:.2f} s")
        print(f"file size: {path.stat().st_size / 1e6:.1f} MB")

        def open_tour() -> None:
            with TourStore.open(path) as store, store.transaction() as session:
                load_tour(session)

        def load_items() -> None:
            with TourStore.open(path) as store, store.transaction() as session:
                loaded = list(session.scalars(agenda_items()))
                assert len(loaded) == args.items
                _ = [(i.local_start, i.place.name if i.place else "") for i in loaded]

        opens = [timed(open_tour) for _ in range(args.repeat)]
        loads = [timed(load_items) for _ in range(args.repeat)]
        print(f"open (inspect + connect + tour row): median {statistics.median(opens) * 1e3:.1f} ms"
              f" (min {min(opens) * 1e3:.1f}, max {max(opens) * 1e3:.1f}; n={args.repeat})")
        print(f"open + load all items: median {statistics.median(loads) * 1e3:.1f} ms"
              f" (min {min(loads) * 1e3:.1f}, max {max(loads) * 1e3:.1f}; n={args.repeat})")
        alone = statistics.median(loads) - statistics.median(opens)
        print(f"load items alone ≈ {alone * 1e3:.1f} ms (difference of medians)")


if __name__ == "__main__":
    main()
