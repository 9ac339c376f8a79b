"""The ``ecovisit`` command line: exit codes, messages, refusals, and no Qt."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main

ROOT = Path(__file__).parent.parent.parent


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_creates_an_empty_tour_and_info_describes_it(tmp_path: Path) -> None:
    tour = tmp_path / "spring.ecovisit"
    code, _ = run("new", tour, "--title", "Spring tour", "--start", "2027-04-05",
                  "--end", "2027-04-09")
    assert code == 0
    code, text = run("info", tour, "--json")
    assert code == 0
    info = json.loads(text)
    assert info["title"] == "Spring tour"
    assert (info["start_date"], info["end_date"], info["days"]) == ("2027-04-05", "2027-04-09", 5)
    assert info["items"] == 0 and info["travellers"] == []


def test_demo_info_and_agenda(demo_path: Path) -> None:
    code, text = run("info", demo_path)
    assert code == 0
    assert "Helsinki → Berlin → Munich → Paris" in text
    assert "Mon 10 May 2027 to Wed 19 May 2027 (10 days)" in text
    code, text = run("agenda", demo_path, "--traveller", "Yamamoto")
    assert code == 0
    assert "Process mining for manufacturing" in text  # she goes to Celonis...
    assert "Pitch session: Munich mobility startups" not in text  # ...not to the pitches
    assert "10:35 JST – 17:50 EEST" in text  # the flight names both zones


@pytest.mark.parametrize("query", ["中村 浩", "中村浩", "HIROSHI.NAKAMURA@example.com",
                                   "hiroshi nakamura", "Nakamura"])
def test_traveller_matches_latin_japanese_or_email(demo_path: Path, query: str) -> None:
    code, text = run("info", demo_path, "--traveller", query, "--json")
    assert code == 0
    assert json.loads(text)["travellers"] == ["Hiroshi Nakamura"]


def test_an_unknown_or_ambiguous_traveller_exits_2_listing_candidates(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("info", demo_path, "--traveller", "Suzuki")[0] == 2
    err = capsys.readouterr().err
    assert "no traveller matches 'Suzuki'" in err and "Kenji Takahashi" in err
    assert run("info", demo_path, "--traveller", "ka")[0] == 2  # Takahashi, Nakamura, Takeshi
    err = capsys.readouterr().err
    assert "ambiguous" in err and "Hiroshi Nakamura" in err and "Yumiko Sato" not in err


def test_creating_commands_refuse_to_overwrite_without_force(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(demo_path)
    assert run("demo", demo_path)[0] == 2
    assert "already exists (use --force" in capsys.readouterr().err
    assert run("new", demo_path, "--title", "X", "--start", "2027-01-01",
               "--end", "2027-01-02")[0] == 2
    assert digest(demo_path) == before
    out = tmp_path / "out.json"
    out.write_text("keep me")
    assert run("export-json", demo_path, out)[0] == 2
    assert out.read_text() == "keep me"
    assert run("export-json", demo_path, out, "--force")[0] == 0
    assert json.loads(out.read_text())["format"] == "ecovisit-tour"


def test_json_round_trip_through_the_command_line(demo_path: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    copy = tmp_path / "copy.ecovisit"
    assert run("export-json", demo_path, first)[0] == 0
    assert run("import-json", first, copy)[0] == 0
    assert run("export-json", copy, second)[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_bad_json_document_exits_2_and_creates_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"format": "ecovisit-tour", "version": 1,\n "tour": [}')
    assert run("import-json", source, tmp_path / "t.ecovisit")[0] == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ecovisit: error: {source}: $: not valid JSON")
    assert "line 2" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.parametrize("args", [
    ["new", "x.ecovisit", "--title", "T", "--start", "2027-02-30", "--end", "2027-03-01"],
    ["new", "x.txt", "--title", "T", "--start", "2027-02-01", "--end", "2027-03-01"],
    ["info"],
    ["frobnicate"],
    ["new", "x.ecovisit", "--title", "T", "--start", "2027-02-01", "--end", "2027-03-01",
     "--home-zone", "Japan/Tokyo"],
])
def test_usage_errors_exit_2_with_a_clear_line(args: list[str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*[str(tmp_path / a) if a.startswith("x.") else a for a in args])[0] == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_reading_a_file_that_is_not_a_tour_exits_2(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.ecovisit"
    bogus.write_text("hello")
    assert run("info", bogus)[0] == 2
    assert "not an Ecovisit tour file" in capsys.readouterr().err


def test_end_before_start_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("new", tmp_path / "t.ecovisit", "--title", "T", "--start", "2027-03-05",
               "--end", "2027-03-01")[0] == 2
    assert "before --start" in capsys.readouterr().err


def test_subcommands_run_without_importing_qt(demo_path: Path) -> None:
    script = (
        "import sys\n"
        "from ui.main import main\n"
        f"code = main(['info', {str(demo_path)!r}])\n"
        "assert code == 0, code\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui.app'))]\n"
        "assert not loaded, loaded\n"
        "print('qt-free')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, check=False, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("qt-free")


def test_the_installed_console_script_works(tmp_path: Path) -> None:
    result = subprocess.run(["ecovisit", "demo", str(tmp_path / "d.ecovisit"),
                             "--start", "2027-05-10"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "starts Mon 10 May 2027" in result.stdout


def test_the_core_never_imports_qt_or_ui_and_the_layers_hold() -> None:
    """The import-linter contracts in pyproject.toml, checked on the real import graph: the
    core imports neither Qt nor ui, and each module of either imports only the layers below."""
    result = subprocess.run(["lint-imports", "--no-cache"], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The planner core imports neither Qt nor the ui package KEPT" in result.stdout
    assert "The core's layers" in result.stdout and "The window's layers" in result.stdout
    assert " 0 broken" in result.stdout and "BROKEN" not in result.stdout
