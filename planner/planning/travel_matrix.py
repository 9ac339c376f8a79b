"""Travel times between the stops of a planning problem, from the checker's own model.

Each row and column of the matrix is a :class:`Node`: where the delegation arrives and where it
leaves from (the same place for a host's office or a hotel; a journey's two ends for a train or
a flight). Times come from the same travel model and buffers as the feasibility checker
(:func:`planner.feasibility.checks.need_between_places`), rounded up to the grid, so a plan
planning proposes passes the checker. Only nodes that can share a day are measured; the rest
stay :data:`UNREACHABLE`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner.feasibility.checks import Context, need_between_places
from planner.feasibility.plan import PlanPlace
from planner.model import ItemKind
from planner.planning.grid import grid_up
from planner.planning.problem import Day, Visit

UNREACHABLE = 1e7  # minutes between nodes that never share a day


@dataclass(frozen=True)
class Node:
    """A row of the travel matrix: where the delegation arrives, and where it leaves from."""

    arrive: PlanPlace
    leave: PlanPlace
    kind: ItemKind | None = None  # the fixed item's kind (check-in before trains and flights)


class Nodes:
    """The nodes of a problem, numbered as they are added."""

    def __init__(self) -> None:
        self.all: list[Node] = []

    def add(self, arrive: PlanPlace, leave: PlanPlace | None = None,
            kind: ItemKind | None = None) -> int:
        """A new node (leaving from where it arrives unless *leave* is given); its number."""
        self.all.append(Node(arrive, leave or arrive, kind))
        return len(self.all) - 1


def nodes_by_day(days: list[Day], fixed: Iterable[tuple[int, int]], meetings: Iterable[Visit]
                 ) -> list[set[int]]:
    """The nodes each day may visit: where it starts and ends, its fixed stops (*fixed*: node
    and day) and every meeting with a window that overlaps it."""
    same_day: list[set[int]] = [{day.start_node, day.end_node} for day in days]
    for node, day in fixed:
        same_day[day].add(node)
    for visit in meetings:
        for r, route_day in enumerate(days):
            if any(o <= route_day.close and c >= route_day.open for o, c in visit.windows):
                same_day[r].add(visit.node)
    return same_day


def travel_matrix(ctx: Context, nodes: list[Node], same_day: list[set[int]],
                  padding: dict[int, float], meetings: set[int]) -> NDArray[np.float64]:
    """Minutes from each node to each other that shares a day with it.

    *padding*: how far before the grid a fixed item really ends (the solver sees it end on the
    grid, so a meeting after it starts on the grid too); trips from it to anything but a meeting
    (a node in *meetings*) are that much shorter.
    """
    size = len(nodes)
    travel = np.full((size, size), UNREACHABLE)
    np.fill_diagonal(travel, 0.0)
    cache: dict[tuple[int, int, bool, ItemKind | None], float] = {}
    for members in same_day:
        for i in members:
            for j in members:
                if i == j:
                    continue
                key = (nodes[i].leave.id, nodes[j].arrive.id, nodes[i].kind is ItemKind.FLIGHT,
                       nodes[j].kind)
                if key not in cache:
                    need = need_between_places(ctx, nodes[i].leave, nodes[j].arrive, key[2],
                                               key[3])
                    cache[key] = grid_up(float(need.minutes))
                travel[i, j] = cache[key]
                if i in padding and j not in meetings:
                    travel[i, j] -= padding[i]  # it really ends off the grid (see padding)
    return travel
