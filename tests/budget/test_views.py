"""Views of the wijkbudget: role × view × object, methods, htmx, bad input, query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budget import acties
from budget.models import Bestedingsvoorstel, Boeking, Budgetjaar, WijkBudget
from wijken.models import Wijk
from wijkwerk import rollen as r

HTMX = {"HTTP_HX_REQUEST": "true"}


def _beschikbaar(slug="oosterheem"):
    return WijkBudget.objects.get(wijk__slug=slug, budgetjaar__jaar=2019).beschikbaar


@pytest.fixture
def andere_wethouder(budget, maak_wethouder):
    """Wethouder Van Driel, wijkwethouder of Seghwaert, not of Oosterheem."""
    return maak_wethouder("t-vandriel", "Van Driel", "seghwaert")


# --- Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["regisseur_a", "regisseur_b", "wethouder", "beheerder"])
def test_overzicht_per_rol(client, personas, budget, rol, max_queries):
    client.force_login(personas[rol])
    assert client.get(reverse("budget:overzicht")).status_code == 302
    with max_queries(10):
        response = client.get(reverse("budget:jaar", args=[2019]))
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "€\u00a0350.000,00" in tekst
    assert "€\u00a0129.000,00" in tekst and "personeelskosten" in tekst
    assert "€\u00a0100.000,00" in tekst and "€\u00a0150.000,00" in tekst  # Oosterheem, totaal
    assert "<svg" in tekst and "<table" in tekst
    assert 'href="/budget/"' in tekst  # navigation item "Wijkbudget"
    # Years and ids without a thousands separator (USE_THOUSAND_SEPARATOR is on).
    assert "Wijkbudget 2019" in tekst and "2.019" not in tekst
    assert "demo" not in tekst  # the test allocations are not demo data


def test_demoverdeling_zichtbaar_gemarkeerd(client, beheerder, budget):
    import io

    from django.core.management import call_command

    call_command("laad_demo", "--force", stdout=io.StringIO())
    client.force_login(beheerder)
    tekst = client.get(reverse("budget:jaar", args=[2020])).content.decode()
    assert "De verdeling over de wijken staat niet in de memo" in tekst
    assert tekst.count('<span class="ww-label ww-label--demo">demo</span> €\u00a0175.000,00') == 2
    assert "Wijk aan Zet" in tekst


def test_groene_loper_en_anoniem_geen_budget(client, groene_loper, budget):
    client.force_login(groene_loper)
    assert client.get(reverse("budget:jaar", args=[2019])).status_code == 403
    assert "Wijkbudget" not in client.get(reverse("start")).content.decode()
    client.logout()
    response = client.get(reverse("budget:jaar", args=[2019]))
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_onbekend_jaar_404(client, beheerder, budget):
    client.force_login(beheerder)
    assert client.get(reverse("budget:jaar", args=[1999])).status_code == 404


def test_voorstel_zichtbaar_per_rol(client, personas, voorstel, andere_wethouder):
    url = reverse("budget:voorstel", args=[voorstel.pk])
    for rol, status in [
        ("regisseur_a", 200),
        ("wethouder", 200),
        ("beheerder", 200),
        ("regisseur_b", 404),
    ]:
        client.force_login(personas[rol])
        assert client.get(url).status_code == status, rol
    client.force_login(andere_wethouder)
    assert client.get(url).status_code == 404


def test_voorstel_toont_hele_geschiedenis(client, voorstel, wethouder, regisseur_a):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("100"), door=regisseur_a, omschrijving="Factuur 17"
    )
    client.force_login(regisseur_a)
    tekst = client.get(reverse("budget:voorstel", args=[voorstel.pk])).content.decode()
    assert "verplichting (goedgekeurd voorstel), €\u00a01.234,50" in tekst
    assert "realisatie (betaling), €\u00a0100,00" in tekst and "Factuur 17" in tekst
    assert "€\u00a01.134,50 nog open" in tekst
    assert "ingediend door" in tekst and "goedgekeurd door" in tekst
    assert tekst.index("goedgekeurd door") < tekst.index("verplichting (goedgekeurd voorstel)")


@pytest.mark.parametrize("methode", ["post", "put", "delete"])
def test_leespaginas_weigeren_andere_methoden(client, beheerder, voorstel, methode):
    client.force_login(beheerder)
    for url in [
        reverse("budget:jaar", args=[2019]),
        reverse("budget:voorstel", args=[voorstel.pk]),
        reverse("budget:export_boekingen", args=[2019]),
        reverse("budget:export_voorstellen", args=[2019]),
    ]:
        assert getattr(client, methode)(url).status_code == 405, url


def test_wachtrij_alleen_eigen_wijken_oudste_eerst(
    client, wethouder, voorstel, regisseur_a, max_queries
):
    tweede = acties.dien_in(
        budgetjaar=voorstel.budgetjaar,
        wijk=voorstel.wijk,
        omschrijving="Tweede voorstel",
        bedrag=Decimal("99999.00"),
        ontvanger="X",
        door=regisseur_a,
    )
    client.force_login(wethouder)
    with max_queries(10):
        response = client.get(reverse("budget:wachtrij"))
    tekst = response.content.decode()
    assert tekst.index("Buurtbarbecue") < tekst.index("Tweede voorstel")
    assert "€\u00a098.765,50 (nu €\u00a0100.000,00)" in tekst  # what remains after approval
    assert "€\u00a01,00 (nu €\u00a0100.000,00)" in tekst
    assert tweede.pk


def test_wachtrij_toont_wat_er_over_is_in_de_jaren_die_ertoe_doen(client, wethouder, voorstel):
    """Not every year the wethouder ever had: the queue's years, this year, the one decided."""
    oosterheem = voorstel.wijk
    oud = Budgetjaar.objects.get(jaar=2020)  # a wijkbudget, no proposal waiting
    nu = Budgetjaar.objects.create(jaar=timezone.localdate().year, integraal_budget=Decimal(0))
    WijkBudget.objects.create(budgetjaar=nu, wijk=oosterheem)
    client.force_login(wethouder)
    tekst = client.get(reverse("budget:wachtrij")).content.decode()
    assert 'data-testid="beschikbaar-oosterheem-2019"' in tekst
    assert f'data-testid="beschikbaar-oosterheem-{nu.jaar}"' in tekst
    assert f'data-testid="beschikbaar-oosterheem-{oud.jaar}"' not in tekst
    # After the last 2019 proposal is decided, its new balance still shows in place.
    tekst = client.post(reverse("budget:goedkeuren", args=[voorstel.pk]), **HTMX).content.decode()
    assert "Er wacht niets op uw besluit" in tekst
    assert 'data-testid="beschikbaar-oosterheem-2019">€\u00a098.765,50<' in tekst


def test_wachtrij_leeg_voor_andere_wethouder(client, andere_wethouder, voorstel):
    client.force_login(andere_wethouder)
    tekst = client.get(reverse("budget:wachtrij")).content.decode()
    assert "Buurtbarbecue" not in tekst and "Er wacht niets op uw besluit" in tekst


@pytest.mark.parametrize("rol", ["regisseur_a", "beheerder", "groene_loper"])
def test_wachtrij_alleen_wethouders(client, personas, rol):
    client.force_login(personas[rol])
    assert client.get(reverse("budget:wachtrij")).status_code == 403


# --- Approving and rejecting ----------------------------------------------------------------


def test_goedkeuren_zonder_javascript(client, wethouder, voorstel):
    client.force_login(wethouder)
    response = client.post(reverse("budget:goedkeuren", args=[voorstel.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("budget:wachtrij")
    assert "Nog beschikbaar in Oosterheem (2019): €\u00a098.765,50" in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "goedgekeurd" and voorstel.beoordeeld_door == wethouder
    assert _beschikbaar() == Decimal("98765.50")


def test_goedkeuren_met_htmx_geeft_partial(client, wethouder, voorstel):
    client.force_login(wethouder)
    response = client.post(reverse("budget:goedkeuren", args=[voorstel.pk]), **HTMX)
    tekst = response.content.decode()
    assert response.status_code == 200
    assert tekst.lstrip().startswith('<div id="wachtrij"') and "<html" not in tekst
    assert "Goedgekeurd: €\u00a01.234,50 voor Oosterheem" in tekst
    assert "autofocus" in tekst  # htmx moves the focus to the message after the swap
    assert "€\u00a098.765,50" in tekst
    assert response["Vary"] and "HX-Request" in response["Vary"]
    # The second click (double click, other tab) books nothing more.
    tekst = client.post(reverse("budget:goedkeuren", args=[voorstel.pk]), **HTMX).content.decode()
    assert "al goedgekeurd" in tekst
    assert Boeking.objects.filter(voorstel=voorstel).count() == 1


def test_goedkeuren_boven_beschikbaar_zegt_wat_er_is(client, wethouder, regisseur_a, budget):
    v = acties.dien_in(
        budgetjaar=budget,
        wijk=Wijk.objects.get(slug="oosterheem"),
        omschrijving="Te duur",
        bedrag=Decimal("100000.01"),
        ontvanger="X",
        door=regisseur_a,
    )
    client.force_login(wethouder)
    tekst = client.post(reverse("budget:goedkeuren", args=[v.pk]), **HTMX).content.decode()
    assert "Oosterheem heeft nog €\u00a0100.000,00 beschikbaar" in tekst
    v.refresh_from_db()
    assert v.status == "ingediend" and not Boeking.objects.filter(voorstel=v).exists()


def test_alleen_wijkwethouder_keurt_goed(client, personas, voorstel, andere_wethouder):
    url = reverse("budget:goedkeuren", args=[voorstel.pk])
    for rol, status in [("regisseur_a", 403), ("beheerder", 403), ("groene_loper", 403)]:
        client.force_login(personas[rol])
        assert client.post(url).status_code == status, rol
        assert client.post(url, **HTMX).status_code == status, rol
    client.force_login(andere_wethouder)
    assert client.post(url).status_code == 404  # not even visible to them
    voorstel.refresh_from_db()
    assert voorstel.status == "ingediend"
    assert not Boeking.objects.filter(voorstel=voorstel).exists()


def test_regisseur_die_ook_wethouder_is_keurt_eigen_voorstel_niet_goed(
    client, regisseur_b, voorstel, budget
):
    """Even with both roles, only the wijkwethouder of the wijk decides."""
    regisseur_b.groups.add(
        __import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.get(
            name=r.WETHOUDER
        )
    )
    v = acties.dien_in(
        budgetjaar=budget,
        wijk=Wijk.objects.get(slug="seghwaert"),
        omschrijving="Eigen",
        bedrag=Decimal("10"),
        ontvanger="X",
        door=regisseur_b,
    )
    client.force_login(regisseur_b)
    assert client.post(reverse("budget:goedkeuren", args=[v.pk])).status_code == 403


@pytest.mark.parametrize("naam", ["afwijzen", "realisatie"])
def test_schrijfacties_alleen_post(client, wethouder, voorstel, naam):
    client.force_login(wethouder)
    assert client.get(reverse(f"budget:{naam}", args=[voorstel.pk])).status_code == 405


@pytest.mark.parametrize("naam", ["goedkeuren", "afsluiten"])
def test_bevestigen_en_uitvoeren_geen_andere_methoden(client, wethouder, voorstel, naam):
    client.force_login(wethouder)
    url = reverse(f"budget:{naam}", args=[voorstel.pk])
    assert client.put(url).status_code == 405 and client.delete(url).status_code == 405


def test_afwijzen_vraagt_een_reden(client, wethouder, voorstel):
    client.force_login(wethouder)
    url = reverse("budget:afwijzen", args=[voorstel.pk])
    tekst = client.post(url, {"reden": " "}, **HTMX).content.decode()
    assert "Geef een reden waarom u het voorstel afwijst." in tekst
    assert 'aria-invalid="true"' in tekst or "utrecht-form-field--invalid" in tekst
    voorstel.refresh_from_db()
    assert voorstel.status == "ingediend"
    response = client.post(url, {"reden": "Past niet in het wijkplan"})
    assert response.status_code == 302
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.reden) == ("afgewezen", "Past niet in het wijkplan")
    assert not Boeking.objects.filter(voorstel=voorstel).exists()


# --- Submitting ------------------------------------------------------------------------------


def _form(**kwargs):
    data = {
        "wijk": Wijk.objects.get(slug="oosterheem").pk,
        "omschrijving": "Bankjes bij de vijver",
        "bedrag": "1.234,50",
        "ontvanger": "Stadsbeheer",
        "focuspunt": "",
    }
    data.update(kwargs)
    return data


@pytest.mark.parametrize("invoer", ["1.234,50", "1234,50", "1234.50", "€ 1.234,50", " 1234,5 "])
def test_indienen_begrijpt_nederlandse_bedragen(client, regisseur_a, budget, invoer):
    client.force_login(regisseur_a)
    response = client.post(reverse("budget:nieuw", args=[2019]), _form(bedrag=invoer))
    assert response.status_code == 302, response.content.decode()[:3000]
    v = Bestedingsvoorstel.objects.get()
    assert v.bedrag == Decimal("1234.50") and v.status == "ingediend"
    assert response["Location"] == v.get_absolute_url()
    assert not Boeking.objects.filter(voorstel=v).exists()  # nothing booked before approval


@pytest.mark.parametrize(
    "invoer,melding",
    [
        ("-5", "Een bedrag kan niet negatief zijn."),
        ("0", "Het bedrag moet groter zijn dan € 0."),
        ("0,00", "Het bedrag moet groter zijn dan € 0."),
        ("12,345", "Gebruik hoogstens twee cijfers achter de komma (centen)."),
        ("12.3456", "Gebruik hoogstens twee cijfers achter de komma (centen)."),
        ("twaalf", "Vul een bedrag in cijfers in, bijvoorbeeld 1.234,50."),
        ("1,234.50", "Vul een bedrag in cijfers in, bijvoorbeeld 1.234,50."),
        ("", "Vul een bedrag in."),
        ("99999999999999", "Dit bedrag is te groot."),
    ],
)
def test_indienen_weigert_foute_bedragen(client, regisseur_a, budget, invoer, melding):
    client.force_login(regisseur_a)
    response = client.post(reverse("budget:nieuw", args=[2019]), _form(bedrag=invoer))
    tekst = response.content.decode()
    assert response.status_code == 400
    assert melding in tekst
    assert "niet goed ingevuld" in tekst  # error summary
    assert f'value="{invoer.strip()}"' in tekst or invoer == ""  # input kept
    assert not Bestedingsvoorstel.objects.exists()


def test_dubbel_indienen_maakt_een_voorstel(client, regisseur_a, budget):
    client.force_login(regisseur_a)
    url = reverse("budget:nieuw", args=[2019])
    tekst = client.get(url).content.decode()
    token = tekst.split('name="idempotentie_token" value="')[1].split('"')[0]
    eerste = client.post(url, _form(idempotentie_token=token))
    tweede = client.post(url, _form(idempotentie_token=token))
    assert eerste.status_code == tweede.status_code == 302
    assert eerste["Location"] == tweede["Location"]
    assert Bestedingsvoorstel.objects.count() == 1


def test_indienen_alleen_voor_eigen_wijk_vandaag(client, regisseur_a, budget):
    client.force_login(regisseur_a)
    seghwaert = Wijk.objects.get(slug="seghwaert")
    response = client.post(reverse("budget:nieuw", args=[2019]), _form(wijk=seghwaert.pk))
    assert response.status_code == 400
    assert "Kies een van uw wijken." in response.content.decode()
    assert not Bestedingsvoorstel.objects.exists()


def test_indienen_met_focuspunt_van_de_wijk(client, regisseur_a, budget):
    from wijken.models import Focuspunt

    client.force_login(regisseur_a)
    anders = Focuspunt.objects.filter(wijken__slug="buytenwegh").first()
    response = client.post(reverse("budget:nieuw", args=[2019]), _form(focuspunt=anders.pk))
    assert response.status_code == 400
    assert "Kies een focuspunt van deze wijk." in response.content.decode()
    eigen = Focuspunt.objects.filter(wijken__slug="oosterheem").first()
    response = client.post(reverse("budget:nieuw", args=[2019]), _form(focuspunt=eigen.pk))
    assert response.status_code == 302
    assert Bestedingsvoorstel.objects.get().focuspunt == eigen


@pytest.mark.parametrize("rol", ["wethouder", "beheerder", "groene_loper"])
def test_indienen_alleen_regisseurs(client, personas, budget, rol):
    client.force_login(personas[rol])
    assert client.get(reverse("budget:nieuw", args=[2019])).status_code == 403
    assert client.post(reverse("budget:nieuw", args=[2019]), _form()).status_code == 403


# --- Realisation, closing, reallocation ------------------------------------------------------


def test_realisatie_en_afsluiten(client, personas, voorstel, wethouder, regisseur_a):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    url = reverse("budget:realisatie", args=[voorstel.pk])
    for rol in ["regisseur_b", "wethouder", "groene_loper"]:
        client.force_login(personas[rol])
        assert client.post(url, {"bedrag": "10", "omschrijving": "x"}).status_code in (403, 404)
    client.force_login(regisseur_a)
    response = client.post(url, {"bedrag": "2000", "omschrijving": "Te veel"})
    assert response.status_code == 400
    assert "Van deze verplichting is nog €\u00a01.234,50 over" in response.content.decode()
    assert client.post(url, {"bedrag": "1.000,00", "omschrijving": "Factuur 1"}).status_code == 302
    assert client.post(reverse("budget:afsluiten", args=[voorstel.pk])).status_code == 302
    wb = WijkBudget.objects.get(wijk=voorstel.wijk, budgetjaar=voorstel.budgetjaar)
    assert (wb.toegekend, wb.besteed, wb.beschikbaar) == (
        Decimal("1000.00"),
        Decimal("1000.00"),
        Decimal("99000.00"),
    )


def test_vrijval_leest_als_vrijgevallen_zonder_minteken(client, voorstel, wethouder, regisseur_a):
    """Issue 14, point 7: money released back reads "vrijgevallen € 234,50", not "€ -234,50"."""
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("1000.00"), door=regisseur_a, omschrijving="F1"
    )
    acties.sluit_verplichting(voorstel=voorstel, door=regisseur_a)
    client.force_login(regisseur_a)
    tekst = client.get(reverse("budget:voorstel", args=[voorstel.pk])).content.decode()
    assert "vrijgevallen €\u00a0234,50" in tekst
    assert "€\u00a0-" not in tekst and "-234,50" not in tekst


def test_herverdelen_via_formulier(client, wethouder, budget):
    client.force_login(wethouder)
    url = reverse("budget:herverdelen", args=[2019])
    oosterheem, seghwaert = Wijk.objects.get(slug="oosterheem"), Wijk.objects.get(slug="seghwaert")
    data = {
        "van": oosterheem.pk,
        "naar": seghwaert.pk,
        "bedrag": "100.000,01",
        "reden": "Meer nodig",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Oosterheem heeft nog €\u00a0100.000,00 beschikbaar" in response.content.decode()
    response = client.post(url, {**data, "reden": ""})
    assert "Geef een reden voor de herverdeling." in response.content.decode()
    response = client.post(url, {**data, "van": seghwaert.pk})  # not their wijk
    assert response.status_code == 400
    assert client.post(url, {**data, "bedrag": "500"}).status_code == 302
    assert _beschikbaar("oosterheem") == Decimal("99500.00")
    assert _beschikbaar("seghwaert") == Decimal("50500.00")


@pytest.mark.parametrize("rol", ["regisseur_a", "beheerder"])
def test_herverdelen_alleen_wethouders(client, personas, budget, rol):
    client.force_login(personas[rol])
    assert client.get(reverse("budget:herverdelen", args=[2019])).status_code == 403


# --- Exports ----------------------------------------------------------------------------------


def test_csv_export_boekingen(client, beheerder, voorstel, wethouder):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    client.force_login(beheerder)
    response = client.get(reverse("budget:export_boekingen", args=[2019]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    inhoud = response.content.decode("utf-8")
    assert inhoud.startswith("\ufeffboeking;geboekt op;wijk;soort;bedrag (euro)")
    assert ";100000,00;" in inhoud and ";1234,50;" in inhoud


def test_csv_export_voorstellen_alleen_zichtbare(client, regisseur_b, voorstel, beheerder):
    client.force_login(beheerder)
    inhoud = client.get(reverse("budget:export_voorstellen", args=[2019])).content.decode()
    assert inhoud.startswith("\ufeffvoorstel;wijk;omschrijving;bedrag (euro)")
    assert "Buurtbarbecue op het Oosterheemplein;1234,50;" in inhoud
    client.force_login(regisseur_b)
    inhoud = client.get(reverse("budget:export_voorstellen", args=[2019])).content.decode()
    assert "Buurtbarbecue" not in inhoud


def test_beheer_kan_grootboek_niet_wijzigen(client, beheerder, voorstel, wethouder):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    client.force_login(beheerder)
    boeking = Boeking.objects.get(voorstel=voorstel)
    assert client.get("/beheer/budget/boeking/").status_code == 200
    assert client.get("/beheer/budget/boeking/add/").status_code == 403
    assert client.post(f"/beheer/budget/boeking/{boeking.pk}/delete/").status_code == 403
    # The change page shows the row read-only; a POST does not alter it.
    client.post(f"/beheer/budget/boeking/{boeking.pk}/change/", {"bedrag": "1"})
    boeking.refresh_from_db()
    assert boeking.bedrag == Decimal("1234.50")


def test_lange_wachtrij_toont_de_oudste_tien(client, wethouder, voorstel, regisseur_a, max_queries):
    for i in range(24):
        acties.dien_in(
            budgetjaar=voorstel.budgetjaar,
            wijk=voorstel.wijk,
            omschrijving=f"Voorstel nummer {i:02d}",
            bedrag=Decimal("10.00"),
            ontvanger="X",
            door=regisseur_a,
        )
    client.force_login(wethouder)
    with max_queries(10):
        tekst = client.get(reverse("budget:wachtrij")).content.decode()
    assert "Wachtend op uw besluit (25)" in tekst
    assert "Buurtbarbecue" in tekst and "Voorstel nummer 08" in tekst
    assert "Voorstel nummer 09" not in tekst
    assert "De oudste 10 staan hieronder" in tekst


def test_csv_export_voert_geen_formules_uit(client, beheerder, budget, regisseur_a, wethouder):
    v = acties.dien_in(
        budgetjaar=budget,
        wijk=Wijk.objects.get(slug="oosterheem"),
        omschrijving='=HYPERLINK("http://example.invalid","klik")',
        bedrag=Decimal("100.00"),
        ontvanger="@bewonersgroep",
        door=regisseur_a,
    )
    acties.keur_goed(voorstel=v, door=wethouder)
    acties.sluit_verplichting(voorstel=v, door=wethouder)
    client.force_login(beheerder)
    voorstellen = client.get(reverse("budget:export_voorstellen", args=[2019])).content.decode()
    assert "'=HYPERLINK(" in voorstellen and "'@bewonersgroep" in voorstellen
    boekingen = client.get(reverse("budget:export_boekingen", args=[2019])).content.decode()
    # The released rest is a negative amount and must stay a number for Excel.
    assert ";-100,00;" in boekingen


def test_excel_cel():
    from wijkwerk.excel import cel

    assert cel("=1+1") == "'=1+1"
    assert cel("+31 6 1234") == "'+31 6 1234"
    assert cel("-1234,50") == "-1234,50"
    assert cel(None) == ""
    assert cel("gewone tekst") == "gewone tekst"
