"""Issue 14, point 9: the beheerder opens a budget year in the app, the demo opens this year
(marked demo), the overview says which year is current, and proposals land in it."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from budget import acties
from budget.models import Boeking, Budgetjaar, Overheveling, WijkBudget
from budget.views import _huidig_jaar
from wijken.models import Wijk

NU = timezone.localdate().year


def _id(slug):
    return Wijk.objects.get(slug=slug).pk


def _form(**kwargs):
    data = {
        "jaar": str(NU),
        "omschrijving": "",
        "integraal_budget": "400.000,00",
        "bron_1": "Wijk aan Zet",
        "bron_1_bedrag": "250.000",
        "bron_2": "Leefbaarheid",
        "bron_2_bedrag": "150.000,00",
        f"wijk_{_id('oosterheem')}": "200.000",
        f"wijk_{_id('seghwaert')}": "150.000",
        f"wijk_{_id('meerzicht')}": "25.000,00",
    }
    data.update(kwargs)
    return data


def test_beheerder_opent_een_budgetjaar(client, beheerder, budget, max_queries):
    client.force_login(beheerder)
    url = reverse("budget:jaar_openen")
    with max_queries(10):
        tekst = client.get(url).content.decode()
    assert f'name="jaar" value="{NU}"' in tekst  # this year is proposed
    assert "Oosterheem (pilotwijk)" in tekst and "Meerzicht" in tekst
    token = tekst.split('name="idempotentie_token" value="')[1][:36]

    eerste = client.post(url, _form(idempotentie_token=token))
    assert eerste.status_code == 302 and eerste["Location"] == f"/budget/{NU}/"
    # The same form once more (double click, retry): the year it opened, not "bestaat al".
    tweede = client.post(url, _form(idempotentie_token=token))
    assert tweede.status_code == 302 and tweede["Location"] == eerste["Location"]

    jaar = Budgetjaar.objects.get(jaar=NU)
    assert jaar.integraal_budget == Decimal("400000.00") and not jaar.is_demo
    assert jaar.omschrijving == f"Integraal wijkbudget {NU}"
    assert sorted(jaar.overhevelingen.values_list("bronbudget", "bedrag")) == [
        ("Leefbaarheid", Decimal("150000.00")),
        ("Wijk aan Zet", Decimal("250000.00")),
    ]
    saldi = dict(
        WijkBudget.objects.filter(budgetjaar=jaar).values_list("wijk__slug", "beschikbaar")
    )
    # Pilot wijken always, Meerzicht because it got an amount, the rest not.
    assert saldi == {
        "oosterheem": Decimal("200000.00"),
        "seghwaert": Decimal("150000.00"),
        "meerzicht": Decimal("25000.00"),
    }
    toekenningen = Boeking.objects.filter(budgetjaar=jaar, soort=Boeking.Soort.TOEKENNING)
    assert toekenningen.count() == 3
    assert set(toekenningen.values_list("door", flat=True)) == {beheerder.pk}
    assert Budgetjaar.objects.filter(jaar=NU).count() == 1

    tekst = client.get(eerste["Location"]).content.decode()
    assert f"Het budgetjaar {NU} is geopend." in tekst
    assert "Dit is het wijkbudget van dit jaar." in tekst


def test_pilotwijk_zonder_bedrag_krijgt_een_leeg_wijkbudget(client, beheerder, budget):
    client.force_login(beheerder)
    data = _form(**{f"wijk_{_id('seghwaert')}": "", f"wijk_{_id('meerzicht')}": ""})
    assert client.post(reverse("budget:jaar_openen"), data).status_code == 302
    saldi = dict(
        WijkBudget.objects.filter(budgetjaar__jaar=NU).values_list("wijk__slug", "begroot")
    )
    assert saldi == {"oosterheem": Decimal("200000.00"), "seghwaert": Decimal("0.00")}


@pytest.mark.parametrize(
    "wijziging,veld,melding",
    [
        (
            {"integraal_budget": "300.000"},
            "integraal_budget",
            "De wijken krijgen samen €\u00a0375.000,00; dat is meer dan het integrale budget.",
        ),
        (
            {"integraal_budget": "380.000"},
            "integraal_budget",
            "De bronnen zijn samen €\u00a0400.000,00; dat is meer dan het integrale budget.",
        ),
        ({"jaar": "2019"}, "jaar", "Het budgetjaar 2019 bestaat al."),
        ({"jaar": str(NU + 2)}, "jaar", f"Kies een jaar van 2019 tot en met {NU + 1}."),
        ({"jaar": "twintig"}, "jaar", "Vul een jaartal in, zoals 2026."),
        ({"integraal_budget": ""}, "integraal_budget", "Vul het bedrag in."),
        ({"bron_2_bedrag": ""}, "bron_2_bedrag", "Vul in hoeveel uit deze bron komt."),
        ({"bron_1": ""}, "bron_1", "Vul in uit welk budget dit bedrag komt."),
        ({"bron_2": "wijk aan zet"}, "bron_2", "Deze bron staat er al."),
        (
            {f"wijk_{1}": "-5"},
            None,
            "Een bedrag kan niet negatief zijn.",
        ),
    ],
)
def test_budgetjaar_openen_weigert_met_melding_bij_het_veld(
    client, beheerder, budget, wijziging, veld, melding
):
    client.force_login(beheerder)
    if f"wijk_{1}" in wijziging:
        wijziging = {f"wijk_{_id('oosterheem')}": wijziging.pop(f"wijk_{1}")}
        veld = f"wijk_{_id('oosterheem')}"
    aantal = Budgetjaar.objects.count()
    response = client.post(reverse("budget:jaar_openen"), _form(**wijziging))
    tekst = response.content.decode()
    assert response.status_code == 400
    assert melding in tekst
    # At the field: its error message carries the field's id, and the summary links to it.
    assert f'id="id_{veld}_error"' in tekst and f'href="#id_{veld}"' in tekst
    assert "niet goed ingevuld" in tekst
    assert Budgetjaar.objects.count() == aantal
    assert not Overheveling.objects.filter(budgetjaar__jaar=NU).exists()


@pytest.mark.parametrize("rol", ["regisseur_a", "wethouder", "groene_loper"])
def test_alleen_de_beheerder_opent_een_jaar(client, personas, budget, rol):
    client.force_login(personas[rol])
    url = reverse("budget:jaar_openen")
    assert client.get(url).status_code == 403
    assert client.post(url, _form()).status_code == 403
    assert not Budgetjaar.objects.filter(jaar=NU).exists()


def test_budgetjaar_openen_andere_methoden(client, beheerder, budget):
    client.force_login(beheerder)
    assert client.put(reverse("budget:jaar_openen")).status_code == 405


def test_open_budgetjaar_weigert_te_veel_verdeeld(budget, beheerder):
    with pytest.raises(acties.BudgetFout, match="meer dan het integrale budget"):
        acties.open_budgetjaar(
            jaar=NU,
            integraal_budget=Decimal("10.00"),
            verdeling={Wijk.objects.get(slug="oosterheem"): Decimal("10.01")},
            door=beheerder,
        )
    with pytest.raises(acties.BudgetFout, match="bestaat al"):
        acties.open_budgetjaar(jaar=2019, integraal_budget=Decimal("1"), door=beheerder)
    assert not Budgetjaar.objects.filter(jaar=NU).exists()


# --- Which year is current ---------------------------------------------------------------------


def test_zonder_dit_jaar_zegt_het_overzicht_dat(client, beheerder, regisseur_a, budget):
    client.force_login(beheerder)
    response = client.get(reverse("budget:overzicht"))
    assert response["Location"] == "/budget/2020/"
    tekst = client.get("/budget/2020/").content.decode()
    assert f"Voor {NU} is nog geen wijkbudget geopend." in tekst
    assert reverse("budget:jaar_openen") in tekst
    client.force_login(regisseur_a)
    assert reverse("budget:jaar_openen") not in client.get("/budget/2020/").content.decode()
    assert "Het openen van een budgetjaar doet de beheerder." in (
        client.get("/budget/2020/").content.decode()
    )
    formulier = client.get("/budget/2020/voorstel/nieuw/").content.decode()
    assert f"Voor {NU} is nog geen wijkbudget geopend" in formulier


def test_voorstellen_komen_in_dit_jaar_en_het_overzicht_zegt_welk(
    client, regisseur_a, beheerder, budget
):
    acties.open_budgetjaar(
        jaar=NU,
        integraal_budget=Decimal("1000"),
        verdeling={Wijk.objects.get(slug="oosterheem"): Decimal("1000")},
        door=beheerder,
    )
    client.force_login(regisseur_a)
    assert client.get(reverse("budget:overzicht"))["Location"] == f"/budget/{NU}/"
    assert client.get(reverse("budget:nieuw_huidig"))["Location"] == f"/budget/{NU}/voorstel/nieuw/"
    formulier = client.get(f"/budget/{NU}/voorstel/nieuw/").content.decode()
    assert "nog geen wijkbudget geopend" not in formulier and "ander-jaar" not in formulier
    # A form for an earlier year says so and links to this year's.
    formulier = client.get("/budget/2019/voorstel/nieuw/").content.decode()
    assert "dit voorstel komt in het wijkbudget van 2019, niet in dat van dit jaar" in formulier
    assert f'href="/budget/{NU}/voorstel/nieuw/"' in formulier
    tekst = client.get(f"/budget/{NU}/").content.decode()
    assert "Dit is het wijkbudget van dit jaar." in tekst
    assert f'aria-current="page">{NU} (dit jaar)</a>' in tekst
    assert 'href="/budget/2019/"' in tekst and 'href="/budget/2020/"' in tekst
    tekst = client.get("/budget/2019/").content.decode()
    assert f'Het wijkbudget van dit jaar is <a class="utrecht-link" href="/budget/{NU}/"' in tekst


def test_een_jaar_ver_vooruit_is_niet_het_huidige(budget):
    """The bench opens years from 2100: 'now' stays the latest year up to this one."""
    Budgetjaar.objects.create(jaar=2100, integraal_budget=Decimal("1"))
    assert _huidig_jaar() == 2020


# --- Demo ---------------------------------------------------------------------------------------


def test_demo_opent_dit_jaar_gemarkeerd(client, beheerder, referentie):
    call_command("laad_demo", "--force", stdout=io.StringIO())
    call_command("laad_demo", "--force", stdout=io.StringIO())  # idempotent
    jaar = Budgetjaar.objects.get(jaar=NU)
    assert jaar.is_demo
    assert jaar.integraal_budget == Decimal("350000.00")
    assert Boeking.objects.filter(budgetjaar=jaar, soort=Boeking.Soort.TOEKENNING).count() == 2
    assert not Boeking.objects.filter(budgetjaar=jaar, is_demo=False).exists()
    assert set(jaar.overhevelingen.values_list("is_demo", flat=True)) == {True}
    # A demo proposal waits in this year, so the wethouder's queue shows this year too.
    assert jaar.voorstellen.filter(status="ingediend", is_demo=True).count() == 1
    client.force_login(beheerder)
    tekst = client.get(reverse("budget:overzicht"), follow=True).content.decode()
    assert f'Wijkbudget {NU} <span class="ww-label ww-label--demo">demo</span>' in tekst
    assert "Dit budgetjaar en de bedragen zijn verzonnen voor de demo." in tekst
    assert "Dit is het wijkbudget van dit jaar." in tekst
