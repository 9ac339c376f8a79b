"""The feasibility checker: does the plan work in real life, and if not, why and what to do.

``plan.py`` takes a snapshot of the tour (plain data, no ORM), ``checks.py`` holds the checks
(pure functions, plan in, findings out), ``checker.py`` runs them and re-checks incrementally
after an edit, ``findings.py`` defines what a finding is and how it reads.
"""

from planner.feasibility.checker import Checker, check_tour
from planner.feasibility.findings import Finding, Severity, worst_by_item

__all__ = ["Checker", "Finding", "Severity", "check_tour", "worst_by_item"]
