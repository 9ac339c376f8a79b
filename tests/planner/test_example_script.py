"""docs/example-tour.sh, the tour built from nothing with the command line, runs as a user runs
it (bash, the installed ``ecovisit`` on PATH) and gives a plan the checker finds no error in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "example-tour.sh"


def test_the_example_script_builds_a_tour_that_works(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "ecovisit").exists(), "the package is installed in the test environment"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    bash = shutil.which("bash")
    assert bash is not None
    tour = tmp_path / "nordic.ecovisit"
    done = subprocess.run([bash, str(SCRIPT), str(tour)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Added flight" in done.stdout and "15 added, 0 merged" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("0 errors, ")  # the script's check
    check = subprocess.run([str(bin_dir / "ecovisit"), "check", str(tour), "--json"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120, check=False)
    assert check.returncode == 0, check.stdout
    assert [f for f in json.loads(check.stdout) if f["severity"] == "error"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nordic.ecovisit"]  # nothing else
