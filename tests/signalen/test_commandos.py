import io

import pytest
from django.core.management import CommandError, call_command

from signalen.models import TRANSITIES, Signaal, SignaalHistorie


def test_genereer_signalen_maakt_consistente_signalen(referentie):
    uit = io.StringIO()
    call_command("genereer_signalen", aantal=300, seed=7, batch=120, stdout=uit)
    assert "300 signalen gemaakt" in uit.getvalue()
    assert Signaal.objects.count() == 300
    # Every history row is an allowed step, and the last one is the signal's status.
    for s in Signaal.objects.prefetch_related("historie")[:100]:
        rijen = sorted(s.historie.all(), key=lambda h: (h.op, h.id))
        assert rijen[0].van == "" and rijen[0].naar == "nieuw"
        for h in rijen[1:]:
            assert h.naar in TRANSITIES[h.van]
        assert rijen[-1].naar == s.status
        assert s.streefdatum == s.bereken_streefdatum(s.waargenomen_op, s.thema)
        # Doorzetten needs a regie (acties.zet_status), also in generated data.
        if any(h.naar == "doorgezet" for h in rijen):
            assert s.regie_bij, s.pk
    # The stored search vector is filled by PostgreSQL, also for COPY.
    assert Signaal.objects.filter(zoekvector__isnull=True).count() == 0
    assert SignaalHistorie.objects.filter(signaal__status="afgesloten").exists()


def test_genereer_signalen_foute_invoer(referentie):
    with pytest.raises(CommandError, match="minstens 1"):
        call_command("genereer_signalen", aantal=0, stdout=io.StringIO())


def test_laad_demo_voegt_eenmalig_demosignalen_toe(referentie, settings):
    settings.DEBUG = True
    call_command("laad_demo", stdout=io.StringIO())
    aantal = Signaal.objects.count()
    assert aantal > 500 and Signaal.objects.filter(is_demo=False).count() == 0
    call_command("laad_demo", stdout=io.StringIO())
    assert Signaal.objects.count() == aantal


def test_bench_weigert_gewone_database(referentie):
    with pytest.raises(CommandError, match="wijkwerk_bench"):
        call_command("bench", stdout=io.StringIO())


def test_gegenereerde_signalen_gelogd_door_de_regisseur_van_de_wijk(regisseur_a, regisseur_b):
    """The quick log's "Uw laatste signalen" then shows a demo user their own wijken."""
    from signalen.generator import genereer

    genereer(200, seed=3)
    oosterheem = Signaal.objects.filter(wijk__slug="oosterheem")
    assert oosterheem.exists()
    assert set(oosterheem.values_list("aangemaakt_door", flat=True)) == {regisseur_a.pk}
    van_b = Signaal.objects.filter(wijk__slug__in=["noordhove", "seghwaert"])
    assert set(van_b.values_list("aangemaakt_door", flat=True)) == {regisseur_b.pk}


def test_indexen_achteraf(referentie):
    """The benchmark's fill builds the indexes once at the end; a failed fill leaves them."""
    from django.db import connection

    from signalen.generator import genereer, indexen_achteraf

    def indexen():
        # Names and the indexed part: PostgreSQL may write a rebuilt WHERE clause differently.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, split_part(indexdef, ' WHERE ', 1) FROM pg_indexes "
                "WHERE tablename IN ('signalen_signaal', 'signalen_signaalhistorie') "
                "ORDER BY indexname"
            )
            return cursor.fetchall()

    voor = indexen()
    assert any(naam == "signaal_zoekvector" for naam, _ in voor)
    with indexen_achteraf():
        assert {naam for naam, _ in indexen()} == {
            naam for naam, definitie in voor if definitie.startswith("CREATE UNIQUE")
        }
        genereer(50, seed=1)
    assert indexen() == voor and Signaal.objects.count() == 50
    with pytest.raises(RuntimeError), indexen_achteraf():
        genereer(50, seed=2)
        raise RuntimeError("afgebroken")
    assert indexen() == voor and Signaal.objects.count() == 50


def test_demo_noemt_geen_naam_of_adres_buiten_persoonsgegevens(referentie):
    import re

    from signalen.generator import NAMEN, STRATEN, genereer
    from signalen.models import Signaal

    genereer(400, demo=True, seed=11)
    adres = re.compile(rf"({'|'.join(STRATEN)}) \d")
    persoonlijk = Signaal.objects.filter(bevat_persoonsgegevens=True)
    assert persoonlijk.exists()  # the generator still makes signals with personal data
    for s in Signaal.objects.filter(bevat_persoonsgegevens=False):
        assert not adres.search(s.omschrijving), s.omschrijving
        assert not any(n in s.omschrijving for n in NAMEN), s.omschrijving
        assert s.gemeld_door == ""
