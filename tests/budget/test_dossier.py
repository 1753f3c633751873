"""The wijkdossier's budget section (budget.dossier): this year's balances of the wijk."""

import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils import timezone

from budget import acties, dossier
from wijken.models import Wijk
from wijkwerk import rollen as r

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
            ("Begroot", "€\u00a0100.000,00"),
            ("Toegekend (verplicht)", "€\u00a01.234,50"),
            ("Besteed", "€\u00a0200,00"),
            ("Beschikbaar", "€\u00a098.765,50"),
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
    assert "Voor Buytenwegh is in 2020 geen wijkbudget." in tekst


def test_sectie_in_een_query(budget, wethouder, django_assert_num_queries):
    oosterheem = Wijk.objects.get(slug="oosterheem")
    r.heeft_rol(wethouder, r.WETHOUDER)  # in a request the roles come with the user
    with time_machine.travel(IN_2019, tick=False), django_assert_num_queries(1):
        context = dossier.sectie(oosterheem, wethouder)
    assert context["sjabloon"] == "budget/_dossier.html"
    wb = context["wijkbudget"]
    assert (wb.budgetjaar.jaar, wb.begroot, wb.beschikbaar) == (
        2019,
        Decimal("100000.00"),
        Decimal("100000.00"),
    )
    # A wijk without a budget row: one query more, to name the year.
    buytenwegh = Wijk.objects.get(slug="buytenwegh")
    with time_machine.travel(IN_2019, tick=False), django_assert_num_queries(2):
        context = dossier.sectie(buytenwegh, wethouder)
    assert context["wijkbudget"] is None and context["budgetjaar"] == 2019


def test_sectie_niet_voor_de_groene_loper(budget, groene_loper):
    assert dossier.sectie(Wijk.objects.get(slug="oosterheem"), groene_loper) is None


def test_de_groene_loper_ziet_geen_budgetsectie(client, budget, groene_loper):
    client.force_login(groene_loper)
    tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
    assert 'id="budget-kop"' not in tekst and 'id="signalen-kop"' in tekst
