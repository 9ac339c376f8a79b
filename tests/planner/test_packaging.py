"""The wheel ships everything the program loads at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def test_the_wheel_contains_the_packages_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("ecovisit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("planner/cli.py", "planner/py.typed", "ui/main.py", "ui/models/agenda.py",
                     "resources/__init__.py", "resources/demo/tour.json",
                     "planner/migrations/env.py", "planner/locale/ja/LC_MESSAGES/ecovisit.po",
                     "planner/migrations/versions/0001_first_tour_schema.py",
                     "planner/migrations/versions/0002_follow_ups_and_learnings.py"):
        assert required in names, required
    assert not any(name.startswith("tests/") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "ecovisit = ui.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
