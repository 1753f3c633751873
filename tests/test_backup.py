"""make backup and make restore-drill on the test database: OK when all is there, NIET OK
(and a non-zero exit) when a count differs."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget import acties
from budget.models import Budgetjaar
from tests.factories import UserFactory
from wijken.models import Wijk


@pytest.fixture
def gegevens(transactional_db):
    # pg_dump reads through its own connection: the rows must be committed.
    call_command("laad_referentiedata", stdout=io.StringIO())
    wijk = Wijk.objects.order_by("pk").first()
    jaar = Budgetjaar.objects.create(jaar=2030, integraal_budget=Decimal("1000.00"))
    acties.wijs_toe_aan_wijk(budgetjaar=jaar, wijk=wijk, bedrag=Decimal("400.50"))
    UserFactory()


def _drill(map_):
    uit = io.StringIO()
    try:
        call_command("restore_drill", map=map_, stdout=uit)
    except CommandError:
        return False, uit.getvalue()
    return True, uit.getvalue()


def test_backup_en_hersteloefening(gegevens, tmp_path):
    call_command("backup", map=tmp_path, stdout=io.StringIO())
    (dump,) = tmp_path.glob("wijkwerk-*.dump")
    telling = json.loads(dump.with_suffix(".json").read_text())
    assert telling["grootboek"]["wijkbudget begroot"] == "400.50"
    assert telling["rijen"]["wijken_wijk"] == Wijk.objects.count() > 0

    ok, uit = _drill(tmp_path)
    assert ok, uit
    assert "OK: " in uit and "NIET OK" not in uit
    assert "| wijken_wijk" in uit and "| boekingen toekenning" in uit

    # The source had one row more than the dump holds: the drill must say so.
    telling["rijen"]["auth_user"] += 1
    dump.with_suffix(".json").write_text(json.dumps(telling))
    ok, uit = _drill(tmp_path)
    assert not ok
    assert "NIET OK: 1 verschil" in uit


def test_zonder_telling_vergelijkt_met_de_bron_nu(gegevens, tmp_path):
    call_command("backup", map=tmp_path, stdout=io.StringIO())
    next(tmp_path.glob("wijkwerk-*.json")).unlink()
    assert _drill(tmp_path)[0]
    UserFactory()  # after the backup: the live source now has a row the dump lacks
    ok, uit = _drill(tmp_path)
    assert not ok
    assert "de bron nu" in uit and "auth_user" in uit


def test_geen_backup(tmp_path, db):
    with pytest.raises(CommandError, match="Geen back-up"):
        call_command("restore_drill", map=tmp_path)


def test_lege_database_is_niet_ok(transactional_db, tmp_path, monkeypatch):
    from wijkwerk import backup

    monkeypatch.setattr(
        backup, "drill", lambda dump: ({"rijen": {}, "grootboek": {}},) * 2 + ("x",)
    )
    (tmp_path / "wijkwerk-20260101-000000.dump").write_bytes(b"")
    ok, uit = _drill(tmp_path)
    assert not ok and "geen tabellen" in uit
