"""Routes over the shipped network: the fastest way by train and boat between two nodes.

:class:`Network` holds the stations, ports and airports with their coordinates, finds those
near a point, and knows which nodes are a short ride apart in one city (Paris Nord and Paris
Gare de Lyon). :class:`Timetable` searches it with one set of costs (the tour's travel
settings): boarding the first train or boat, each change, and getting from one station to
another nearby; its :meth:`~Timetable.from_node` is a shortest-path search (Dijkstra over
"standing at a node" and "just got off at a node"), run once per node and kept.
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner.network.data import Airport, Link, NetworkData, Node, network_data

EARTH_KM = 6371.0088
#: Two stations this close (straight line) may be changed between by a short trip.
TRANSFER_KM = 10.0

AT, OFF = 0, 1  # standing at a node (about to board), just got off a train or a boat there


def _distances(latitudes: NDArray[np.float64], longitudes: NDArray[np.float64],
               latitude: float, longitude: float) -> NDArray[np.float64]:
    """Great-circle kilometres from one point to many (the haversine; the ellipsoid's few
    kilometres do not matter for choosing nearby stations)."""
    lat1, lon1 = np.radians(latitude), np.radians(longitude)
    lat2, lon2 = np.radians(latitudes), np.radians(longitudes)
    h = np.sin((lat2 - lat1) / 2) ** 2 + \
        np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return np.asarray(2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0))))


@dataclass(frozen=True)
class Hop:
    """One link of a route, in the direction travelled."""

    link: Link
    start: Node
    end: Node

    @property
    def via(self) -> tuple[str, ...]:
        return self.link.via if self.link.a == self.start.id else self.link.via[::-1]


@dataclass(frozen=True)
class Route:
    """A way from one node to another: the hops, and the nodes walked or driven between."""

    hops: tuple[Hop | tuple[Node, Node], ...]
    minutes: float  # from boarding the first hop to getting off the last, changes included
    first_board: float  # what boarding the first hop costs (not in ``minutes``)

    @property
    def start(self) -> Node:
        first = self.hops[0]
        return first.start if isinstance(first, Hop) else first[0]

    @property
    def end(self) -> Node:
        last = self.hops[-1]
        return last.end if isinstance(last, Hop) else last[1]

    @property
    def rides(self) -> tuple[Hop, ...]:
        return tuple(hop for hop in self.hops if isinstance(hop, Hop))

    @property
    def changes(self) -> int:
        return len(self.rides) - 1

    @property
    def mode(self) -> str:
        """The mode of the longest ride."""
        return max(self.rides, key=lambda hop: hop.link.minutes).link.mode

    def summary(self) -> str:
        """"ICE via Erfurt, Nürnberg", "Eurostar to Bruxelles-Midi, then ICE; 1 change"."""
        rides = self.rides
        if len(rides) == 1:
            hop = rides[0]
            return hop.link.service + (f" via {', '.join(hop.via)}" if hop.via else "")
        parts = [f"{hop.link.service} to {hop.end.name}" for hop in rides[:-1]]
        changes = len(rides) - 1
        return (", ".join(parts) + f", then {rides[-1].link.service}; "
                + (f"{changes} change" if changes == 1 else f"{changes} changes"))

    def reversed(self) -> Route:
        hops: list[Hop | tuple[Node, Node]] = []
        for hop in reversed(self.hops):
            hops.append(Hop(hop.link, hop.end, hop.start) if isinstance(hop, Hop)
                        else (hop[1], hop[0]))
        return Route(tuple(hops), self.minutes, self.first_board)


class Network:
    """The shipped stations, ports, links and airports, with their geometry."""

    def __init__(self, data: NetworkData) -> None:
        self.nodes = data.nodes
        self.airports = data.airports
        self.index = {node.id: n for n, node in enumerate(self.nodes)}
        self._lat = np.array([node.latitude for node in self.nodes], dtype=np.float64)
        self._lon = np.array([node.longitude for node in self.nodes], dtype=np.float64)
        self._air_lat = np.array([a.latitude for a in self.airports], dtype=np.float64)
        self._air_lon = np.array([a.longitude for a in self.airports], dtype=np.float64)
        self.links: list[list[tuple[int, Link]]] = [[] for _ in self.nodes]
        for link in data.links:
            a, b = self.index[link.a], self.index[link.b]
            self.links[a].append((b, link))
            self.links[b].append((a, link))
        #: node -> the other nodes within TRANSFER_KM, and how far
        self.nearby: list[list[tuple[int, float]]] = []
        for node in self.nodes:
            km = _distances(self._lat, self._lon, node.latitude, node.longitude)
            self.nearby.append([(int(m), float(km[m])) for m in np.flatnonzero(km < TRANSFER_KM)
                                if self.nodes[m].id != node.id])

    def nodes_near(self, latitude: float, longitude: float, km: float, most: int
                   ) -> list[tuple[int, float]]:
        """The nodes within *km* of a point (at most *most*, nearest first), with distances."""
        return _nearest(_distances(self._lat, self._lon, latitude, longitude), km, most)

    def airports_near(self, latitude: float, longitude: float, km: float, most: int
                      ) -> list[tuple[Airport, float]]:
        """The airports within *km* of a point (at most *most*, nearest first)."""
        found = _nearest(_distances(self._air_lat, self._air_lon, latitude, longitude), km, most)
        return [(self.airports[n], d) for n, d in found]


def _nearest(km: NDArray[np.float64], within: float, most: int) -> list[tuple[int, float]]:
    order = np.argsort(km)[:most]
    return [(int(n), float(km[n])) for n in order if km[n] <= within]


@functools.cache
def shipped_network() -> Network:
    """The network shipped with Ecovisit, read once."""
    return Network(network_data())


@dataclass(frozen=True)
class Costs:
    """What a route costs besides riding (minutes)."""

    board: Callable[[str], float]  # before the first train or boat of a mode
    change: Callable[[str], float]  # getting off one and onto the next of a mode
    transfer: Callable[[float], float]  # between two nearby nodes, by their distance


class Timetable:
    """Shortest routes over a :class:`Network` with one set of :class:`Costs`."""

    def __init__(self, network: Network, costs: Costs) -> None:
        self.network = network
        self.costs = costs
        self._searched: dict[int, tuple[list[float], dict[int, tuple[int, int, object]]]] = {}

    def route(self, start: int, end: int) -> Route | None:
        """The fastest route from node *start* to node *end* (None: not connected)."""
        best, back = self.from_node(start)
        if math.isinf(best[end]):
            return None
        hops: list[Hop | tuple[Node, Node]] = []
        first_board = 0.0
        nodes = self.network.nodes
        key = end * 2 + OFF
        while key != start * 2 + AT:
            previous, previous_state, how = back[key]
            node, before = nodes[key // 2], nodes[previous]
            if isinstance(how, Link):
                hops.append(Hop(how, before, node))
                if (previous, previous_state) == (start, AT):
                    first_board = self.costs.board(how.mode)
            else:
                hops.append((before, node))
            key = previous * 2 + previous_state
        hops.reverse()
        return Route(tuple(hops), best[end] - first_board, first_board)

    def from_node(self, start: int) -> tuple[list[float], dict[int, tuple[int, int, object]]]:
        """From boarding at node *start*: the least minutes to get off at each node (boarding
        the first included), and how each state was reached."""
        if start in self._searched:
            return self._searched[start]
        network, costs = self.network, self.costs
        size = len(network.nodes)
        cost = [math.inf] * (2 * size)
        back: dict[int, tuple[int, int, object]] = {}
        cost[start * 2 + AT] = 0.0
        queue = [(0.0, start, AT)]
        while queue:
            spent, node, state = heapq.heappop(queue)
            if spent > cost[node * 2 + state]:
                continue
            for other, link in network.links[node]:
                step = (costs.board if state == AT else costs.change)(link.mode) + link.minutes
                _relax(queue, cost, back, spent + step, other, OFF, (node, state, link))
            if state == OFF:
                for other, km in network.nearby[node]:
                    _relax(queue, cost, back, spent + costs.transfer(km), other, AT,
                           (node, state, None))
        best = [cost[n * 2 + OFF] for n in range(size)]
        self._searched[start] = (best, back)
        return best, back


def _relax(queue: list[tuple[float, int, int]], cost: list[float],
           back: dict[int, tuple[int, int, object]], spent: float, node: int, state: int,
           how: tuple[int, int, object]) -> None:
    if spent < cost[node * 2 + state]:
        cost[node * 2 + state] = spent
        back[node * 2 + state] = how
        heapq.heappush(queue, (spent, node, state))
