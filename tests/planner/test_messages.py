"""The planner's catalogue: every message marked for it has its Japanese."""

from __future__ import annotations

import ast
from pathlib import Path

from planner.messages import catalog

ROOT = Path(__file__).resolve().parents[2]


def marked_messages() -> dict[str, str]:
    """Every literal passed to ``N_(...)`` in planner/, with where it is."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "planner").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_" \
                    and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_marked_message_has_a_japanese_translation() -> None:
    japanese = catalog("ja")
    assert japanese is not None
    missing = [f"{where}: {message!r}" for message, where in marked_messages().items()
               if (entry := japanese.get(message)) is None or not entry.string or entry.fuzzy]
    assert missing == []
