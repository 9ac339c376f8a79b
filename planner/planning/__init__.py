"""Automatic planning: the team orienteering problem with time windows (TOPTW).

``problem.py`` states the problem (visits, days, travel times, locked visits) independently of the
ORM; ``solver.py`` solves it (iterated local search, hot loops compiled with numba);
``verify.py`` re-checks any solution with separately written code; ``toptw_format.py`` reads the
public benchmark instances the solver is measured on (``bench/toptw_all.py``).

``tour.py`` plans a real tour (propose, review, apply); the modules it builds the problem from
(``prerequisites``, ``candidates``, ``groups``, ``days``, ``windows``, ``travel_matrix``,
``lunch``, ``grid``, ``tour_problem``) and its results (``proposal``) each say what they do.
"""

from planner.planning.problem import Day, LeftOut, Locked, Problem, Solution, Stop, Visit
from planner.planning.solver import solve

__all__ = ["Day", "LeftOut", "Locked", "Problem", "Solution", "Stop", "Visit", "solve"]
