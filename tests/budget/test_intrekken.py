"""Issue 14, point 8: a proposal above what is available is warned about at submission and in
the queue, and a regisseur withdraws a proposal that is not decided yet (ledger-neutral)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget import acties
from budget.models import Bestedingsvoorstel, Boeking, Statuswijziging, WijkBudget
from wijken.models import Wijk


def _form(**kwargs):
    return {
        "wijk": Wijk.objects.get(slug="oosterheem").pk,
        "omschrijving": "Nieuwe speeltuin",
        "bedrag": "150.000,00",
        "ontvanger": "Stadsbeheer",
        "focuspunt": "",
        **kwargs,
    }


def _saldi():
    return list(
        WijkBudget.objects.order_by("pk").values_list("begroot", "toegekend", "beschikbaar")
    )


# --- Above what is available ------------------------------------------------------------------


def test_indienen_boven_beschikbaar_waarschuwt_eerst(client, regisseur_a, budget):
    client.force_login(regisseur_a)
    url = reverse("budget:nieuw", args=[2019])
    token = client.get(url).content.decode().split('name="idempotentie_token" value="')[1][:36]
    response = client.post(url, _form(idempotentie_token=token))
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "Er is niet genoeg geld beschikbaar" in tekst
    assert "In Oosterheem is in 2019 nog <strong>€\u00a0100.000,00</strong> beschikbaar" in tekst
    assert "U vraagt €\u00a0150.000,00" in tekst
    assert "herverdeelt" in tekst
    assert 'name="toch_indienen"' in tekst
    assert 'value="150.000,00"' in tekst and token in tekst  # input and token kept
    assert not Bestedingsvoorstel.objects.exists()

    # Submitted anyway (the same form, so still once): saved, and the warning stays with it.
    response = client.post(url, _form(idempotentie_token=token, toch_indienen="ja"), follow=True)
    tekst = response.content.decode()
    v = Bestedingsvoorstel.objects.get()
    assert v.status == "ingediend" and v.bedrag == Decimal("150000.00")
    assert "in Oosterheem is nu €\u00a0100.000,00 beschikbaar" in tekst
    assert 'data-testid="te-weinig"' in tekst
    client.post(url, _form(idempotentie_token=token, toch_indienen="ja"))
    assert Bestedingsvoorstel.objects.count() == 1


def test_indienen_binnen_beschikbaar_zonder_waarschuwing(client, regisseur_a, budget):
    client.force_login(regisseur_a)
    response = client.post(reverse("budget:nieuw", args=[2019]), _form(bedrag="100.000,00"))
    assert response.status_code == 302
    tekst = client.get(response["Location"]).content.decode()
    assert "is ingediend" in tekst and "te-weinig" not in tekst and "Let op" not in tekst


def test_wachtrij_biedt_geen_goedkeuren_dat_niet_kan(client, wethouder, voorstel, regisseur_a):
    te_duur = acties.dien_in(
        budgetjaar=voorstel.budgetjaar,
        wijk=voorstel.wijk,
        omschrijving="Te duur",
        bedrag=Decimal("100000.01"),
        ontvanger="X",
        door=regisseur_a,
    )
    client.force_login(wethouder)
    tekst = client.get(reverse("budget:wachtrij")).content.decode()
    item = tekst[tekst.index("Te duur") :]
    assert f'data-testid="te-weinig-{te_duur.pk}"' in item
    assert "Goedkeuren kan nu niet" in item
    assert reverse("budget:herverdelen", args=[2019]) in item
    assert reverse("budget:goedkeuren", args=[te_duur.pk]) not in tekst
    # The affordable one keeps its way to approval.
    assert reverse("budget:goedkeuren", args=[voorstel.pk]) in tekst


# --- Withdrawing ------------------------------------------------------------------------------


def test_regisseur_trekt_in_met_reden(client, regisseur_a, voorstel, wethouder):
    saldi = _saldi()
    client.force_login(regisseur_a)
    pagina = client.get(voorstel.get_absolute_url()).content.decode()
    assert "Voorstel intrekken" in pagina
    url = reverse("budget:intrekken", args=[voorstel.pk])

    response = client.post(url, {"reden": "  "})
    assert response.status_code == 400
    assert "Geef een reden waarom u het voorstel intrekt." in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "ingediend"

    response = client.post(url, {"reden": "Bewonersgroep betaalt het zelf"}, follow=True)
    tekst = response.content.decode()
    assert "Het voorstel is ingetrokken." in tekst
    assert "ingetrokken door" in tekst and "Reden: Bewonersgroep betaalt het zelf" in tekst
    assert "Voorstel intrekken" not in tekst  # done: the form is gone
    voorstel.refresh_from_db()
    assert voorstel.status == "ingetrokken" and voorstel.beoordeeld_door is None
    laatste = Statuswijziging.objects.filter(voorstel=voorstel).last()
    assert (laatste.van, laatste.naar, laatste.door, laatste.toelichting) == (
        "ingediend",
        "ingetrokken",
        regisseur_a,
        "Bewonersgroep betaalt het zelf",
    )
    # Ledger-neutral: no booking, no balance changed; and off the wethouder's queue.
    assert not Boeking.objects.filter(voorstel=voorstel).exists()
    assert _saldi() == saldi
    client.force_login(wethouder)
    assert "Buurtbarbecue" not in client.get(reverse("budget:wachtrij")).content.decode()
    response = client.post(reverse("budget:goedkeuren", args=[voorstel.pk]), follow=True)
    assert "al ingetrokken" in response.content.decode()
    assert not Boeking.objects.filter(voorstel=voorstel).exists()


def test_intrekken_na_besluit_kan_niet(client, regisseur_a, voorstel, wethouder):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    client.force_login(regisseur_a)
    assert "Voorstel intrekken" not in client.get(voorstel.get_absolute_url()).content.decode()
    response = client.post(
        reverse("budget:intrekken", args=[voorstel.pk]), {"reden": "Te laat"}, follow=True
    )
    assert "Dit voorstel is al goedgekeurd. Intrekken kan alleen" in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "goedgekeurd"


@pytest.mark.parametrize(
    "rol,status",
    [("wethouder", 403), ("beheerder", 403), ("groene_loper", 403), ("regisseur_b", 404)],
)
def test_alleen_de_regisseur_trekt_in(client, personas, voorstel, rol, status):
    client.force_login(personas[rol])
    url = reverse("budget:intrekken", args=[voorstel.pk])
    assert client.post(url, {"reden": "Weg ermee"}).status_code == status
    voorstel.refresh_from_db()
    assert voorstel.status == "ingediend"


def test_intrekken_alleen_post(client, regisseur_a, voorstel):
    client.force_login(regisseur_a)
    assert client.get(reverse("budget:intrekken", args=[voorstel.pk])).status_code == 405


def test_trek_in_controleert_zelf_wie(voorstel, wethouder):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        acties.trek_in(voorstel=voorstel, door=wethouder, reden="Niet van mij")
    with pytest.raises(acties.BudgetFout, match="Geef een reden"):
        acties.trek_in(voorstel=voorstel, door=voorstel.ingediend_door, reden="")
