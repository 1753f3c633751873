"""Never overspend, also when approvals arrive at the same moment (real PostgreSQL, threads).

Each thread uses its own database connection. A naive read-then-write would keep the sign
non-negative while still losing updates, so these tests assert conservation of money.
"""

import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum

from budget import acties
from budget.models import Bestedingsvoorstel, Boeking, Budgetjaar, WijkBudget
from tests.factories import UserFactory
from wijken.models import Wethouder, Wijk
from wijkwerk import rollen as r

pytestmark = pytest.mark.django_db(transaction=True)

AANTAL = 50


def _opzet(toekenning):
    # Transactional tests flush the database: restore groups and reference data here.
    r.maak_rollen(apps)
    call_command("laad_referentiedata", verbosity=0, stdout=__import__("io").StringIO())
    wethouder_user = UserFactory(username="t-gelijktijdig-wethouder", rol=r.WETHOUDER)
    regisseur_user = UserFactory(username="t-gelijktijdig-regisseur", rol=r.REGISSEUR)
    wethouder = Wethouder.objects.get(naam="Paalvast")
    wethouder.gebruiker = wethouder_user
    wethouder.save()
    wijk = Wijk.objects.get(slug="oosterheem")
    wijk.wethouder = wethouder
    wijk.save()
    jaar = Budgetjaar.objects.create(jaar=2099, integraal_budget=Decimal("5000.00"))
    acties.wijs_toe_aan_wijk(budgetjaar=jaar, wijk=wijk, bedrag=Decimal(toekenning))
    return jaar, wijk, wethouder_user, regisseur_user


def _tegelijk(werk, n):
    """Run werk(i) in n threads that start together; return the results or exceptions."""
    start = threading.Barrier(n)
    uitkomsten = [None] * n

    def draai(i):
        try:
            start.wait(timeout=30)
            uitkomsten[i] = werk(i)
        except Exception as fout:  # noqa: BLE001 - collected and asserted by the test
            uitkomsten[i] = fout
        finally:
            connection.close()

    threads = [threading.Thread(target=draai, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "vastgelopen (deadlock?)"
    return uitkomsten


def test_vijftig_goedkeuringen_van_30_op_1000():
    jaar, wijk, wethouder, regisseur = _opzet("1000.00")
    voorstellen = [
        acties.dien_in(
            budgetjaar=jaar,
            wijk=wijk,
            omschrijving=f"Voorstel {i}",
            bedrag=Decimal("30.00"),
            ontvanger="Test",
            door=regisseur,
        )
        for i in range(AANTAL)
    ]

    uitkomsten = _tegelijk(
        lambda i: acties.keur_goed(voorstel=voorstellen[i], door=wethouder), AANTAL
    )

    goed = [u for u in uitkomsten if isinstance(u, Bestedingsvoorstel)]
    geweigerd = [u for u in uitkomsten if isinstance(u, acties.OnvoldoendeBudget)]
    anders = [u for u in uitkomsten if u not in goed and u not in geweigerd]
    assert not anders, anders
    assert (len(goed), len(geweigerd)) == (33, 17)
    assert all(f.beschikbaar == Decimal("10.00") for f in geweigerd[-1:])

    wb = WijkBudget.objects.get(budgetjaar=jaar, wijk=wijk)
    verplicht = Boeking.objects.filter(budgetjaar=jaar, soort="verplichting").aggregate(
        s=Sum("bedrag")
    )["s"]
    # Conservation: what is left plus everything committed is exactly the allocation.
    assert wb.beschikbaar + verplicht == Decimal("1000.00")
    assert wb.beschikbaar == Decimal("10.00")
    assert wb.toegekend == verplicht == Decimal("990.00")
    assert Bestedingsvoorstel.objects.filter(status="goedgekeurd").count() == 33
    assert Boeking.objects.filter(soort="verplichting").count() == 33
    assert acties.saldi_uit_grootboek(jaar, wijk)["beschikbaar"] == wb.beschikbaar


def test_vijftig_keer_hetzelfde_voorstel_goedkeuren_boekt_een_keer():
    jaar, wijk, wethouder, regisseur = _opzet("1000.00")
    voorstel = acties.dien_in(
        budgetjaar=jaar,
        wijk=wijk,
        omschrijving="Dubbelklik",
        bedrag=Decimal("30.00"),
        ontvanger="Test",
        door=regisseur,
    )

    uitkomsten = _tegelijk(lambda i: acties.keur_goed(voorstel=voorstel, door=wethouder), AANTAL)

    goed = [u for u in uitkomsten if isinstance(u, Bestedingsvoorstel)]
    al_beoordeeld = [u for u in uitkomsten if isinstance(u, acties.VerkeerdeStatus)]
    assert (len(goed), len(al_beoordeeld)) == (1, AANTAL - 1), uitkomsten
    assert Boeking.objects.filter(voorstel=voorstel).count() == 1
    wb = WijkBudget.objects.get(budgetjaar=jaar, wijk=wijk)
    assert (wb.toegekend, wb.beschikbaar) == (Decimal("30.00"), Decimal("970.00"))


def test_gelijktijdig_herverdelen_en_goedkeuren_blijft_in_balans():
    """Crossing lock orders (approve in A, move money A→B and B→A) must not deadlock."""
    jaar, oosterheem, wethouder, regisseur = _opzet("1000.00")
    seghwaert = Wijk.objects.get(slug="seghwaert")
    seghwaert.wethouder = oosterheem.wethouder
    seghwaert.save()
    acties.wijs_toe_aan_wijk(budgetjaar=jaar, wijk=seghwaert, bedrag=Decimal("1000.00"))
    voorstellen = [
        acties.dien_in(
            budgetjaar=jaar,
            wijk=oosterheem,
            omschrijving=f"V{i}",
            bedrag=Decimal("45.00"),
            ontvanger="Test",
            door=regisseur,
        )
        for i in range(20)
    ]

    def werk(i):
        if i < 20:
            return acties.keur_goed(voorstel=voorstellen[i], door=wethouder)
        van, naar = (oosterheem, seghwaert) if i % 2 else (seghwaert, oosterheem)
        return acties.herverdeel(
            budgetjaar=jaar,
            van=van,
            naar=naar,
            bedrag=Decimal("25.00"),
            reden="test",
            door=wethouder,
        )

    uitkomsten = _tegelijk(werk, 40)
    onverwacht = [
        u for u in uitkomsten if isinstance(u, Exception) and not isinstance(u, acties.BudgetFout)
    ]
    assert not onverwacht, onverwacht
    totaal = WijkBudget.objects.filter(budgetjaar=jaar)
    som = sum(wb.beschikbaar + wb.toegekend for wb in totaal)
    assert som == Decimal("2000.00")
    for wb in totaal.select_related("wijk"):
        assert acties.saldi_uit_grootboek(jaar, wb.wijk)["beschikbaar"] == wb.beschikbaar
        assert wb.beschikbaar >= 0


def test_vijftig_keer_hetzelfde_formulier_indienen_geeft_een_voorstel():
    import uuid

    jaar, wijk, _wethouder, regisseur = _opzet("1000.00")
    token = uuid.uuid4()

    def werk(i):
        return acties.dien_in(
            budgetjaar=jaar,
            wijk=wijk,
            omschrijving="Retry",
            bedrag=Decimal("30.00"),
            ontvanger="Test",
            door=regisseur,
            idempotentie_token=token,
        )

    uitkomsten = _tegelijk(werk, AANTAL)
    assert all(isinstance(u, Bestedingsvoorstel) for u in uitkomsten), uitkomsten
    assert len({u.pk for u in uitkomsten}) == 1
    assert Bestedingsvoorstel.objects.count() == 1
