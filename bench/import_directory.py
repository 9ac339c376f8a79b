"""Import 10,000 organisations with 20,000 contacts from CSV and from xlsx; search them.

Prints, for each format: rows per second of the whole import (read, validate, place, de-duplicate,
write in one transaction), the peak memory of the importing process, and then the median time of
a text search over the imported directory. Each import runs in its own process so that its peak
memory is its own; the gazetteer's index is built (once) before timing.

    python bench/import_directory.py [--organisations N] [--searches N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CITIES = [("Berlin", "DE"), ("München", "DE"), ("Hamburg", "DE"), ("Paris", "FR"),
          ("Lyon", "FR"), ("Helsinki", "FI"), ("Espoo", "FI"), ("Stockholm", "SE"),
          ("Amsterdam", "NL"), ("ミュンヘン", ""), ("Barcelona", "ES"), ("Wien", "AT")]
KINDS = ["startup", "investor", "corporate", "university", "research", "hub", "accelerator"]
TOPICS = ["ai", "mobility", "battery", "energy", "robotics", "health", "fintech", "quantum"]
HEADER = ["Company", "Type", "Topics", "City", "Country", "Latitude", "Longitude",
          "Contact", "Title", "Email", "Description"]


def rows(organisations: int) -> list[list[str]]:
    rng = random.Random(11)
    out = []
    for n in range(organisations):
        city, country = CITIES[n % len(CITIES)]
        exact = n % 10 == 0
        lat, lon = (f"{48 + rng.random():.5f}", f"{11 + rng.random():.5f}") if exact else ("", "")
        for k in range(2):
            out.append([f"Company {n:05d}", rng.choice(KINDS),
                        "; ".join(rng.sample(TOPICS, 3)), city, country, lat, lon,
                        f"Person {n}-{k}", "Director", f"p{n}.{k}@example.com",
                        "Builds things for the energy and mobility transition. " * 3])
    return out


def write_csv(path: Path, data: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(data)


def write_xlsx(path: Path, data: list[list[str]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    workbook.save(path)


def child(tour: str, source: str) -> None:
    """Import *source* into *tour* in this process; print seconds and peak RSS as JSON."""
    from planner.directory.fields import map_columns
    from planner.directory.importer import import_table
    from planner.directory.sources import read_table
    from planner.geo.gazetteer import gazetteer
    from planner.store import TourStore

    gazetteer().lookup("Berlin")  # open the index outside the timing
    begin = time.perf_counter()
    table = read_table(Path(source))
    with TourStore.open(tour) as store, store.transaction() as session:
        report = import_table(session, table, map_columns(table.columns))
    seconds = time.perf_counter() - begin
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rows": len(table.rows), "peak_mb": peak_mb,
                      "added": len(report.added), "rejected": len(report.rejected)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from planner.directory.search import DirectoryIndex
    from planner.geo.gazetteer import gazetteer
    from planner.store import TourStore

    gazetteer()  # build the index once, outside the timing
    data = rows(args.organisations)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        sources = {"csv": base / "directory.csv", "xlsx": base / "directory.xlsx"}
        write_csv(sources["csv"], data)
        write_xlsx(sources["xlsx"], data)
        tour = base / "csv.ecovisit"
        for kind, source in sources.items():
            tour = base / f"{kind}.ecovisit"
            subprocess.run([sys.executable, "-m", "planner.cli", "new", str(tour), "--title",
                            "Bench", "--start", "2027-05-10", "--end", "2027-05-20"],
                           check=True, capture_output=True)
            result = subprocess.run([sys.executable, __file__, "--child", str(tour),
                                     str(source)], check=True, capture_output=True, text=True)
            figures = json.loads(result.stdout)
            print(f"{kind:>4}: {figures['rows']:,} rows ({figures['added']:,} organisations, "
                  f"{figures['rejected']} rejected) in {figures['seconds']:.1f} s = "
                  f"{figures['rows'] / figures['seconds']:,.0f} rows/s; peak memory "
                  f"{figures['peak_mb']:.0f} MB; file {source.stat().st_size / 1e6:.1f} MB")
        with TourStore.open(tour) as store, store.transaction() as session:
            begin = time.perf_counter()
            index = DirectoryIndex.build(session)
            build = time.perf_counter() - begin
        queries = ["c", "co", "com", "company 0", "company 07", "mobility", "person 123",
                   "battery berlin", "director", "zzz"]
        times = []
        for n in range(args.searches):
            begin = time.perf_counter()
            index.search(queries[n % len(queries)])
            times.append(time.perf_counter() - begin)
        print(f"search index over {len(index.entries):,} organisations built in "
              f"{build * 1e3:.0f} ms; text search median {statistics.median(times) * 1e3:.2f} ms"
              f" (max {max(times) * 1e3:.2f} ms, n={len(times)})")


if __name__ == "__main__":
    main()
