"""Run the planning core on every benchmark case with a best-known score, and on c2/r2/rc2.

    python bench/toptw_all.py [--seconds S] [--seed N] [--only PREFIX]

Prints one row per case (instance, m, score, best known, gap %, seconds), the average gap per
family (c1, r1, rc1, pr) and overall, the median seconds, and the cold first run (the first
solve in a fresh process, which loads the compiled kernels from numba's disk cache, or compiles
them if the cache is empty). Every solution is re-checked by the independent verifier.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from pathlib import Path

from planner.planning.solver import solve
from planner.planning.toptw_format import read_instance
from planner.planning.verify import score, violations

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "toptw"


def family(instance: str) -> str:
    return "pr" if instance.startswith("pr") else re.sub(r"\d\d$", "", instance)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="run only instances starting with this")
    parser.add_argument("--bench", type=Path, default=BENCH)
    args = parser.parse_args()
    with (args.bench / "bks.csv").open() as handle:
        cases = [(r["instance"], int(r["m"]), float(r["bks_score"]))
                 for r in csv.DictReader(handle)]
    extra = sorted(p.stem for p in (args.bench / "instances").glob("*.txt")
                   if re.fullmatch(r"(c2|r2|rc2)\d\d", p.stem))
    cases += [(name, 1, float("nan")) for name in extra]
    cases = [c for c in cases if c[0].startswith(args.only)]

    begin = time.perf_counter()
    warm = read_instance(args.bench / "instances" / "c101.txt", 1)
    solve(warm, seconds=0.0)
    cold = time.perf_counter() - begin

    print(f"{'instance':<8} {'m':>2} {'score':>7} {'best':>7} {'gap %':>7} {'seconds':>8}")
    gaps: dict[str, list[float]] = {}
    times: list[float] = []
    infeasible = 0
    for instance, m, best in cases:
        problem = read_instance(args.bench / "instances" / f"{instance}.txt", m)
        start = time.perf_counter()
        solution = solve(problem, seconds=args.seconds, seed=args.seed)
        seconds = time.perf_counter() - start
        if violations(problem, solution):
            infeasible += 1
            print(f"{instance:<8} {m:>2} INFEASIBLE: {violations(problem, solution)[0]}")
            continue
        value = score(problem, solution)
        times.append(seconds)
        if best == best:  # a best-known score exists
            gap = 100.0 * (best - value) / best
            gaps.setdefault(family(instance), []).append(gap)
            print(f"{instance:<8} {m:>2} {value:>7g} {best:>7g} {gap:>7.2f} {seconds:>8.2f}",
                  flush=True)
        else:
            print(f"{instance:<8} {m:>2} {value:>7g} {'-':>7} {'-':>7} {seconds:>8.2f}",
                  flush=True)
    print()
    for name in ("c1", "r1", "rc1", "pr"):
        if name in gaps:
            print(f"average gap {name:<4} {statistics.mean(gaps[name]):6.2f} %  "
                  f"({len(gaps[name])} cases)")
    every = [g for values in gaps.values() for g in values]
    if every:
        print(f"average gap all  {statistics.mean(every):6.2f} %  ({len(every)} cases; "
              f"worst {max(every):.2f} %)")
    if times:
        print(f"median seconds {statistics.median(times):.2f} (max {max(times):.2f}); "
              f"cold first run (kernels loaded or compiled) {cold:.2f} s")
    print(f"infeasible solutions: {infeasible}")
    return 1 if infeasible else 0


if __name__ == "__main__":
    sys.exit(main())
