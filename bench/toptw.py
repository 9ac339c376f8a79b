"""Solve one TOPTW benchmark case with the planning core.

    python bench/toptw.py INSTANCE_PATH M [--seconds S] [--seed N] [--out SOLUTION.json]

Writes ``{"routes": [[vertex ids in visiting order], ...]}`` (depot 0 not listed) and prints
``score=<number> seconds=<number>``. The solution is re-checked by the independent verifier.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from planner.planning.solver import solve
from planner.planning.toptw_format import read_instance
from planner.planning.verify import score, violations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("m", type=int, help="number of routes (days)")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    problem = read_instance(args.instance, args.m)
    begin = time.perf_counter()
    solution = solve(problem, seconds=args.seconds, seed=args.seed)
    seconds = time.perf_counter() - begin
    wrong = violations(problem, solution)
    if wrong:
        print("INFEASIBLE: " + "; ".join(wrong), file=sys.stderr)
        return 1
    if args.out:
        routes = [[problem.visits[stop.visit].node for stop in route]
                  for route in solution.routes]
        args.out.write_text(json.dumps({"routes": routes}) + "\n")
    print(f"score={score(problem, solution):g} seconds={seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
