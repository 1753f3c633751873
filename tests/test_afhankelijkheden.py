"""Which app may import which: the core (wijken) knows no feature app, and money depends on
initiatives, never the reverse. The project package (wijkwerk) composes by convention
(wijkwerk.apps_met), never by naming a feature app."""

import ast
from pathlib import Path

import pytest

BASIS = Path(__file__).resolve().parent.parent
FEATURES = {"signalen", "initiatieven", "budget", "actieplannen"}

REGELS = {
    "wijken": FEATURES,
    "wijkwerk": FEATURES,
    "initiatieven": {"budget", "actieplannen"},
}


def _imports(app: str, basis: Path = BASIS):
    for pad in sorted((basis / app).rglob("*.py")):
        if "migrations" in pad.parts:
            continue
        for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
            if isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
                namen = [knoop.module]
            else:
                continue
            for naam in namen:
                yield pad.relative_to(basis), naam.split(".")[0]


@pytest.mark.parametrize("app", sorted(REGELS))
def test_app_importeert_geen_verboden_app(app):
    fout = [f"{pad}: {naam}" for pad, naam in _imports(app) if naam in REGELS[app]]
    assert not fout, f"{app} importeert " + ", ".join(fout)


def test_de_controle_ziet_imports_binnen_functies(tmp_path):
    """An import inside a function hides a cycle as well as one at the top: both count."""
    (tmp_path / "wijken").mkdir()
    (tmp_path / "wijken" / "x.py").write_text("def f():\n    from budget.models import Boeking\n")
    assert [naam for _, naam in _imports("wijken", tmp_path)] == ["budget"]
