"""The wijkdossier's budget section (budget.dossier): this year's balances of the wijk."""

import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone

from budget import acties

IN_2019 = timezone.make_aware(datetime.datetime(2019, 6, 1, 12, 0))


def test_dossier_toont_de_vier_bedragen_van_dit_jaar(client, voorstel, wethouder, regisseur_a):
    voorstel = acties.keur_goed(voorstel=voorstel, door=wethouder)
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("200.00"), door=regisseur_a, omschrijving="Huur"
    )
    for wie in (wethouder, regisseur_a):
        client.force_login(wie)
        with time_machine.travel(IN_2019, tick=False):
            tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
        sectie = tekst[tekst.index('id="budget-kop"') :]
        assert "Dit jaar (2019)" in sectie
        for label, bedrag in [
            ("Begroot", "€ 100.000,00"),
            ("Toegekend (verplicht)", "€ 1.234,50"),
            ("Besteed", "€ 200,00"),
            ("Beschikbaar", "€ 98.765,50"),
        ]:
            assert f"{label}</dt>" in sectie and bedrag in sectie, label
        assert 'href="/budget/2019/"' in sectie


def test_na_het_laatste_budgetjaar_zegt_het_dossier_welk_jaar(client, budget, wethouder):
    client.force_login(wethouder)
    tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
    jaar = timezone.localdate().year
    assert f"2020, het laatste jaar met een wijkbudget voor Oosterheem (voor {jaar}" in tekst


def test_wijk_zonder_wijkbudget_krijgt_een_zin(client, budget, regisseur_a):
    client.force_login(regisseur_a)
    tekst = client.get(reverse("wijken:dossier", args=["buytenwegh"])).content.decode()
    assert "Buytenwegh heeft geen wijkbudget" in tekst


def test_de_groene_loper_ziet_geen_budgetsectie(client, budget, groene_loper):
    client.force_login(groene_loper)
    tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
    assert 'id="budget-kop"' not in tekst and 'id="signalen-kop"' in tekst
