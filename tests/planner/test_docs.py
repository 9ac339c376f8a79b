"""The documents show examples that really work."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from planner.store import TourStore, create_tour_file
from planner.tourdoc import export_document, import_document

ROOT = Path(__file__).parent.parent.parent


def test_the_minimal_example_of_the_tour_format_imports(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "tour-format.md").read_text(encoding="utf-8")
    example = json.loads(re.findall(r"```json\n(.*?)```", text, re.S)[-1])
    path = tmp_path / "t.ecovisit"
    create_tour_file(path, lambda s: import_document(example, s, "tour-format.md"))
    with TourStore.open(path) as store, store.transaction() as session:
        items = export_document(session)["items"]
    assert items[0]["start"] == "2027-05-10T10:00:00+02:00"


def test_the_readme_names_both_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/start-demo" in text and "bash .ci/run" in text
    assert (ROOT / "scripts" / "start-demo").exists() and (ROOT / ".ci" / "run").exists()


def test_the_import_format_document_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_format_doc.py"),
                             "--check"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    text = (ROOT / "docs" / "import-format.md").read_text(encoding="utf-8")
    assert "| `organisation` | name of the organisation (required) |" in text
