"""Who travels together on a day planning routes: the whole delegation, or groups of it.

A day is routed **per group** when its fixed items split the delegation already: travellers
attend different fixed items at the same time (parallel tracks). Each group is the travellers
who attend the same of those items; the fixed items force it, whatever the settings say.

Otherwise, where the coordinator lets the delegation split that day
(:meth:`~planner.travel.TravelSettings.may_split`, the tour's setting or the day's override) and
the travellers' own goals ask for different hosts, it goes in **two groups** by those goals:
the two travellers whose hosts differ most lead them (the hosts that day, each valued by the
traveller's own goals, compared by cosine similarity), every other traveller joins the one whose
hosts are nearer hers, and a traveller without goals of her own goes with the leader who
comes first in the delegation. Nothing here is random: the same tour gives the same groups.

Everywhere else the day stays one route for everyone.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from planner.feasibility.plan import Plan, PlanItem

Group = frozenset[int]  # traveller ids
#: Travellers whose hosts are this similar (cosine) want much the same day: splitting would
#: only share out hosts both want, each then met by half the delegation: no split.
SAME_HOSTS = 0.75


def day_groups(plan: Plan, day: date, fixed: Sequence[PlanItem],
               preferences: Callable[[], Mapping[int, Sequence[float]]]) -> tuple[Group, ...]:
    """The groups that travel on *day* (one group, everyone, when the delegation stays
    together), in delegation order. *fixed*: the day's fixed items; *preferences*: per
    traveller, the value of each host that may be met that day by her own goals (asked only
    where the delegation may split)."""
    everyone: Group = frozenset(plan.travellers)
    forced = forced_groups(plan, fixed)
    if len(forced) > 1:
        return forced
    if plan.settings.may_split(day):
        return goal_groups(list(plan.travellers), preferences()) or (everyone,)
    return (everyone,)


def forced_groups(plan: Plan, fixed: Sequence[PlanItem]) -> tuple[Group, ...]:
    """The groups the *fixed* items force: travellers attending different ones at the same
    time are apart; each group attends the same of those items (one group: no split)."""
    splitting = [item for item, other in itertools.permutations(fixed, 2)
                 if item.start < other.end and other.start < item.end
                 and plan.attendees(item) != plan.attendees(other)]
    by_items: dict[tuple[str, ...], set[int]] = {}
    for traveller in plan.travellers:
        attended = tuple(sorted({item.uid for item in splitting
                                 if traveller in plan.attendees(item)}))
        by_items.setdefault(attended, set()).add(traveller)
    return _in_order(list(plan.travellers), by_items.values())


def goal_groups(travellers: list[int], preferences: Mapping[int, Sequence[float]]
                ) -> tuple[Group, ...] | None:
    """Two groups by the hosts each traveller's goals ask for (see the module), or None when
    fewer than two travellers have goals of their own or all ask for the same hosts."""
    wanting = [t for t in travellers if any(v > 0 for v in preferences.get(t, ()))]
    pairs = [(_similarity(preferences[a], preferences[b]), a, b)
             for a, b in itertools.combinations(wanting, 2)]
    if not pairs:
        return None
    similarity, first, second = min(pairs, key=lambda pair: pair[0])  # the earliest of ties
    if similarity >= SAME_HOSTS:
        return None
    groups: dict[int, set[int]] = {first: {first}, second: {second}}
    for traveller in travellers:
        if traveller in (first, second):
            continue
        mine = preferences.get(traveller, ())
        nearer = second if any(v > 0 for v in mine) and _similarity(
            mine, preferences[second]) > _similarity(mine, preferences[first]) else first
        groups[nearer].add(traveller)
    return _in_order(travellers, groups.values())


def _similarity(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two value vectors (0 when either is all zero)."""
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm if norm else 0.0


def _in_order(travellers: list[int], groups: Iterable[set[int]]) -> tuple[Group, ...]:
    """The groups as frozensets, ordered by their first traveller in delegation order."""
    position = {t: n for n, t in enumerate(travellers)}
    found = [frozenset(g) for g in groups]
    return tuple(sorted(found, key=lambda g: min(position[t] for t in g)))
