"""The planning core: optimal on tiny instances, locked visits kept, always feasible."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest

from planner.planning import Day, LeftOut, Locked, Problem, Stop, Visit, solve
from planner.planning.problem import DayFact
from planner.planning.toptw_format import read_instance
from planner.planning.verify import score, violations

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "toptw" / "instances"


def random_problem(rng: random.Random, visits: int, days: int,
                   multi_windows: bool = False) -> Problem:
    points = [(rng.uniform(0, 50), rng.uniform(0, 50)) for _ in range(visits + 1)]
    travel = np.array([[round(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5, 1) for bx, by in points]
                       for ax, ay in points])
    made = []
    for n in range(1, visits + 1):
        opening = rng.uniform(0, 150)
        windows = [(opening, opening + rng.uniform(5, 60))]
        if multi_windows and rng.random() < 0.5:
            later = windows[0][1] + rng.uniform(10, 60)
            windows.append((later, later + rng.uniform(5, 40)))
        made.append(Visit(float(rng.randint(1, 20)), float(rng.randint(5, 30)), tuple(windows),
                          n))
    return Problem(made, [Day(0, 0, 0.0, 240.0) for _ in range(days)], travel)


def optimum(problem: Problem) -> float:
    """Exact optimum by dynamic programming over subsets (earliest finish per subset and last)."""
    n = len(problem.visits)
    best_sets: list[dict[int, bool]] = []
    for day in problem.days:
        finish: dict[tuple[int, int], float] = {}
        for v, visit in enumerate(problem.visits):
            arrival = day.open + problem.travel[day.start_node, visit.node]
            start = min((max(arrival, o) for o, c in visit.windows if arrival <= c + 1e-9),
                        default=None)
            if start is not None:
                finish[(1 << v, v)] = start + visit.duration
        for size in range(2, n + 1):
            for subset in itertools.combinations(range(n), size):
                mask = sum(1 << v for v in subset)
                for last in subset:
                    before = mask ^ (1 << last)
                    best = None
                    for prev in subset:
                        if prev == last or (before, prev) not in finish:
                            continue
                        visit = problem.visits[last]
                        arrival = finish[(before, prev)] + problem.travel[
                            problem.visits[prev].node, visit.node]
                        starts = [max(arrival, o) for o, c in visit.windows
                                  if arrival <= c + 1e-9]
                        if starts:
                            done = min(starts) + visit.duration
                            best = done if best is None else min(best, done)
                    if best is not None:
                        finish[(mask, last)] = best
        feasible = {0: True}
        for (mask, last), done in finish.items():
            if done + problem.travel[problem.visits[last].node, day.end_node] <= day.close + 1e-9:
                feasible[mask] = True
        best_sets.append(feasible)
    values = [v.value for v in problem.visits]

    def value(mask: int) -> float:
        return sum(values[v] for v in range(n) if mask >> v & 1)

    if len(best_sets) == 1:
        return max(value(m) for m in best_sets[0])
    return max(value(a) + value(b) for a in best_sets[0] for b in best_sets[1] if not a & b)


@pytest.mark.parametrize("case", range(24))
def test_the_core_finds_the_optimum_of_tiny_instances(case: int) -> None:
    rng = random.Random(case)
    problem = random_problem(rng, visits=rng.randint(4, 8), days=1 + case % 2,
                             multi_windows=case % 3 == 0)
    solution = solve(problem, seconds=10, seed=case, max_iterations=300)
    assert violations(problem, solution) == []
    assert score(problem, solution) == solution.score
    assert solution.score == pytest.approx(optimum(problem))


def test_locked_visits_stay_exactly_where_they_are() -> None:
    rng = random.Random(42)
    problem = random_problem(rng, visits=12, days=2)
    locks = [Locked(0, 1, 30.0), Locked(1, 0, 170.0)]  # a lock overrides the visit's window
    problem.locked = locks
    solution = solve(problem, seconds=5, seed=1, max_iterations=200)
    assert violations(problem, solution) == [] and solution.broken_days == []
    for lock in locks:
        [stop] = [s for s in solution.routes[lock.day] if s.visit == lock.visit]
        assert stop.start == lock.start
    assert len(solution.visits()) > 4  # and the rest of the days were filled around them


def test_locks_that_conflict_are_reported_and_never_moved() -> None:
    problem = random_problem(random.Random(42), visits=12, days=2)
    problem.locked = [Locked(0, 1, 5.0)]  # 20.7 minutes from the depot: cannot start at 5.0
    solution = solve(problem, seconds=5, seed=1, max_iterations=100)
    assert solution.broken_days == [1]
    assert solution.routes[1] == [Stop(0, 5.0)]  # kept, and nothing added to that day
    assert violations(problem, solution) == [
        "locked visit 0 cannot start at 5.0 on day 1"]


def test_a_visit_with_one_narrow_window_gets_it_or_is_left_out_with_a_reason() -> None:
    travel = np.array([[0, 10, 10, 80], [10, 0, 5, 80], [10, 5, 0, 80], [80, 80, 80, 0]],
                      dtype=float)
    visits = [Visit(10, 30, ((60.0, 60.0 + 30 - 30),), 1),  # may start only at 60
              Visit(5, 30, ((500.0, 530.0),), 2),  # after every day: no slot
              Visit(8, 30, ((0.0, 200.0),), 3)]  # 80 each way: too far for a 150-minute day
    problem = Problem(visits, [Day(0, 0, 0.0, 150.0)], travel)
    solution = solve(problem, seconds=5, max_iterations=50)
    assert [stop.visit for stop in solution.routes[0]] == [0]
    assert solution.routes[0][0].start == 60.0
    assert solution.left_out == {1: LeftOut.NO_SLOT, 2: LeftOut.TOO_FAR}


def test_crowded_out_visits_are_low_value() -> None:
    travel = np.array([[0, 10, 10], [10, 0, 1], [10, 1, 0]], dtype=float)
    visits = [Visit(10, 60, ((0.0, 100.0),), 1), Visit(1, 60, ((0.0, 100.0),), 2)]
    problem = Problem(visits, [Day(0, 0, 0.0, 90.0)], travel)
    solution = solve(problem, seconds=5, max_iterations=20)
    assert solution.left_out == {1: LeftOut.LOW_VALUE}


def test_the_same_seed_gives_the_same_plan() -> None:
    problem = random_problem(random.Random(7), visits=40, days=2, multi_windows=True)
    first = solve(problem, seconds=30, seed=3, max_iterations=150)
    second = solve(problem, seconds=30, seed=3, max_iterations=150)
    assert first.routes == second.routes and first.score == second.score


def test_progress_is_reported_and_cancel_stops_the_search() -> None:
    problem = random_problem(random.Random(9), visits=60, days=3)
    reports: list[tuple[int, float, float]] = []
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 120

    solution = solve(problem, seconds=60, progress=lambda *r: reports.append(r), cancel=cancel)
    assert solution.iterations == 120  # cancel() is asked before each iteration
    assert reports and reports[-1][1] == solution.score
    assert violations(problem, solution) == []


def test_nothing_to_choose_returns_at_once() -> None:
    """No day at all, or only locked visits: a solution straight away, not a search that spends
    the time limit (or fails on an empty list of routes)."""
    travel = np.zeros((3, 3))
    visits = [Visit(5.0, 10.0, ((0.0, 100.0),), 1), Visit(0.0, 10.0, ((0.0, 0.0),), 2)]
    no_day = solve(Problem(visits[:1], [], travel), seconds=30)
    assert no_day.routes == [] and no_day.left_out == {0: LeftOut.NO_SLOT} and no_day.seconds < 5
    locked_only = Problem(visits[1:], [Day(0, 0, 0.0, 240.0)], travel, [Locked(0, 0, 30.0)])
    kept = solve(locked_only, seconds=30)
    assert kept.routes == [[Stop(0, 30.0)]] and kept.iterations == 0 and kept.seconds < 5
    assert violations(locked_only, kept) == []


@pytest.mark.parametrize(("instance", "m", "floor", "iterations"),
                         [("c101", 1, 300, 5_000), ("pr01", 2, 480, 40_000)])
def test_benchmark_cases_are_solved_feasibly_above_a_floor(instance: str, m: int, floor: float,
                                                           iterations: int) -> None:
    problem = read_instance(BENCH / f"{instance}.txt", m)
    # An iteration budget, not a time limit: the same result on a slow or busy machine.
    solution = solve(problem, seconds=120, seed=0, max_iterations=iterations)
    assert violations(problem, solution) == []
    assert score(problem, solution) >= floor  # best known: c101 320, pr01 (m=2) 502


def test_each_visit_left_out_gets_the_facts_of_the_days_its_windows_meet() -> None:
    """Too far only when the trips are what keeps it out (the places, the time free between
    them, the trips); no room when locked visits fill its window even without trips (named);
    day left alone when its windows meet only a day whose locked visits conflict."""
    travel = np.full((7, 7), 5.0)
    travel[1, :] = travel[:, 1] = 80.0
    np.fill_diagonal(travel, 0.0)
    fixed = ((0.0, 0.0),)
    visits = [Visit(8, 30, ((0.0, 100.0),), 1),  # 80 min each way: too far for the day
              Visit(8, 30, ((40.0, 50.0),), 2),  # its window inside the locked visit 2
              Visit(0, 60, fixed, 3), Visit(0, 60, fixed, 4), Visit(0, 60, fixed, 5),
              Visit(8, 30, ((300.0, 320.0),), 6)]  # only on day 1, whose locks overlap
    problem = Problem(visits, [Day(0, 0, 0.0, 150.0), Day(0, 0, 200.0, 400.0)], travel,
                      [Locked(2, 0, 30.0), Locked(3, 1, 250.0), Locked(4, 1, 260.0)])
    solution = solve(problem, seconds=5, max_iterations=20)
    assert solution.left_out == {0: LeftOut.TOO_FAR, 1: LeftOut.NO_ROOM,
                                 5: LeftOut.DAY_LEFT_ALONE}
    # named for the gap it misses least: after the locked visit (node 3), back to the hotel
    assert solution.facts[0] == (DayFact(0, LeftOut.TOO_FAR, (0.0, 100.0), origin=3, onward=0,
                                         free=(90.0, 150.0), trip_in=80.0, trip_out=80.0),)
    assert solution.facts[1] == (DayFact(0, LeftOut.NO_ROOM, (40.0, 50.0), taken_by=(2,)),)
    assert solution.facts[5] == (DayFact(1, LeftOut.DAY_LEFT_ALONE, (300.0, 320.0)),)
