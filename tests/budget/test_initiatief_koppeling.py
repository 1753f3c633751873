"""Issue 4's hand-off: an accepted initiative that asked for money becomes a spend proposal."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.models import Bestedingsvoorstel
from initiatieven import acties as gl
from initiatieven.models import Vergadering
from initiatieven.referentiedata import zorg_voor_disciplines
from tests.initiatieven.conftest import klaar_initiatief


def _besloten(groene_loper, uitkomst, **extra):
    zorg_voor_disciplines()
    # Today: a decision is recorded on or after its meeting's day.
    vergadering = Vergadering.objects.create(datum=timezone.localdate())
    initiatief = klaar_initiatief(groene_loper, gevraagd="geld", bedrag=Decimal("300.00"), **extra)
    punt = gl.agendeer(vergadering=vergadering, initiatief=initiatief, door=groene_loper)
    gl.leg_besluit_vast(
        agendapunt=punt, uitkomst=uitkomst, motivering="Past bij de wijk.", door=groene_loper
    )
    return initiatief


@pytest.fixture
def geaccepteerd(budget, groene_loper):
    return _besloten(groene_loper, "akkoord")


def test_regisseur_maakt_voorstel_vanuit_initiatief(client, regisseur_a, geaccepteerd):
    client.force_login(regisseur_a)
    detail = client.get(geaccepteerd.get_absolute_url()).content.decode()
    link = f"/budget/voorstel/nieuw/?initiatief={geaccepteerd.referentie}"
    assert link in detail.replace("&amp;", "&")
    # Budget chooses the year (the latest of the memo's two here), the initiative comes along.
    doorverwezen = client.get(link)
    assert (
        doorverwezen["Location"]
        == f"/budget/2020/voorstel/nieuw/?initiatief={geaccepteerd.referentie}"
    )
    formulier = client.get(doorverwezen["Location"]).content.decode()
    assert 'value="300,00"' in formulier or 'value="300.00"' in formulier
    assert geaccepteerd.titel in formulier
    assert f'value="{geaccepteerd.referentie}"' in formulier

    response = client.post(
        reverse("budget:nieuw", args=[2019]),
        {
            "wijk": geaccepteerd.wijk_id,
            "omschrijving": geaccepteerd.titel,
            "bedrag": "300,00",
            "ontvanger": "Initiatiefnemer",
            "initiatief": geaccepteerd.referentie,
        },
    )
    assert response.status_code == 302
    voorstel = Bestedingsvoorstel.objects.get()
    assert voorstel.initiatief == geaccepteerd
    assert voorstel.bedrag == Decimal("300.00")
    # Both ways: the initiative lists its proposal, the proposal links to the initiative.
    assert (
        voorstel.get_absolute_url() in client.get(geaccepteerd.get_absolute_url()).content.decode()
    )
    assert geaccepteerd.referentie in client.get(voorstel.get_absolute_url()).content.decode()


def test_afgewezen_initiatief_kan_niet_gekoppeld_worden(client, regisseur_a, budget, groene_loper):
    afgewezen = _besloten(groene_loper, "afgewezen")
    client.force_login(regisseur_a)
    assert (
        "Bestedingsvoorstel maken" not in client.get(afgewezen.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("budget:nieuw", args=[2019]),
        {
            "wijk": afgewezen.wijk_id,
            "omschrijving": "x",
            "bedrag": "300,00",
            "ontvanger": "x",
            "initiatief": afgewezen.referentie,
        },
    )
    assert response.status_code == 400
    assert "kan niet aan een voorstel gekoppeld worden" in response.content.decode()
    assert not Bestedingsvoorstel.objects.exists()


def test_regisseur_van_andere_wijk_krijgt_geen_link(client, regisseur_b, geaccepteerd):
    client.force_login(regisseur_b)
    tekst = client.get(geaccepteerd.get_absolute_url()).content.decode()
    assert "Bestedingsvoorstel maken" not in tekst
    # Opening the prefill link for a wijk that is not theirs fills in nothing.
    formulier = client.get(
        f"/budget/2019/voorstel/nieuw/?initiatief={geaccepteerd.referentie}"
    ).content.decode()
    assert geaccepteerd.titel not in formulier
