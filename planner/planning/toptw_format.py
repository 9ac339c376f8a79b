"""Read the public TOPTW benchmark files (Solomon and Cordeau instances).

The format and its distance convention are described in ``shared/bench/toptw/README.md``:
Euclidean distances truncated to one decimal (Solomon) or two (Cordeau ``pr`` files); vertex 0 is
the depot where every route starts and ends, open from 0 to Tmax.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from planner.planning.problem import Day, Problem, Visit


def read_instance(path: Path, routes: int) -> Problem:
    """The instance at *path* with *routes* days (m is not stored in the file)."""
    tokens = [line.split() for line in Path(path).read_text().splitlines() if line.strip()]
    count = int(tokens[0][2])
    rows = tokens[2:3 + count]
    xy = np.array([[float(r[1]), float(r[2])] for r in rows])
    digits = 2 if Path(path).name.startswith("pr") else 1
    scale = 10 ** digits
    diff = xy[:, None, :] - xy[None, :, :]
    exact = np.sqrt((diff ** 2).sum(axis=2))
    travel = np.floor(exact * scale + 1e-9) / scale
    tmax = float(rows[0][-1])
    visits = [Visit(value=float(r[4]), duration=float(r[3]),
                    windows=((float(r[-2]), float(r[-1])),), node=int(r[0]))
              for r in rows[1:]]
    days = [Day(0, 0, 0.0, tmax) for _ in range(routes)]
    if not math.isfinite(tmax):
        raise ValueError(f"{path}: bad depot line")
    return Problem(visits, days, travel)
