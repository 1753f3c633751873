"""Issue 14, point 10: the queue shows each item's budget year; approving and closing ask for
confirmation on a page of their own (no JavaScript), and stay once-only."""

from decimal import Decimal

from django.urls import reverse

from budget import acties
from budget.models import Boeking, WijkBudget


def test_wachtrij_toont_het_budgetjaar_en_goedkeuren_is_een_stap(client, wethouder, voorstel):
    client.force_login(wethouder)
    tekst = client.get(reverse("budget:wachtrij")).content.decode()
    assert f'data-testid="budgetjaar-{voorstel.pk}">2019<' in tekst
    assert "Oosterheem (2019): Buurtbarbecue" in tekst
    url = reverse("budget:goedkeuren", args=[voorstel.pk])
    # A link to the confirmation page, not a form that approves on the first click.
    assert f'href="{url}"' in tekst
    assert f'action="{url}"' not in tekst and f'hx-post="{url}"' not in tekst


def test_goedkeuren_vraagt_eerst_bevestiging(client, wethouder, voorstel):
    client.force_login(wethouder)
    url = reverse("budget:goedkeuren", args=[voorstel.pk])
    response = client.get(url)
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "Voorstel goedkeuren?" in tekst
    assert "nu €\u00a0100.000,00, na goedkeuring €\u00a098.765,50" in tekst
    assert "vastgelegd voor Oosterheem in 2019" in tekst
    assert f'<form method="post" action="{url}"' in tekst and "Ja, goedkeuren" in tekst
    # Asking changed nothing.
    voorstel.refresh_from_db()
    assert voorstel.status == "ingediend" and not Boeking.objects.filter(voorstel=voorstel)

    response = client.post(url, follow=True)
    assert "Goedgekeurd: €\u00a01.234,50 voor Oosterheem" in response.content.decode()
    # The confirmed form sent again (back button, double click): nothing booked twice.
    response = client.post(url, follow=True)
    assert "al goedgekeurd" in response.content.decode()
    assert Boeking.objects.filter(voorstel=voorstel).count() == 1
    tekst = client.get(url).content.decode()
    assert "Over dit voorstel is al beslist: het is goedgekeurd." in tekst
    assert "Ja, goedkeuren" not in tekst


def test_bevestiging_biedt_geen_goedkeuren_dat_niet_kan(client, wethouder, voorstel, regisseur_a):
    te_duur = acties.dien_in(
        budgetjaar=voorstel.budgetjaar,
        wijk=voorstel.wijk,
        omschrijving="Te duur",
        bedrag=Decimal("100000.01"),
        ontvanger="X",
        door=regisseur_a,
    )
    client.force_login(wethouder)
    tekst = client.get(reverse("budget:goedkeuren", args=[te_duur.pk])).content.decode()
    assert "Goedkeuren kan nu niet" in tekst and "Ja, goedkeuren" not in tekst
    assert reverse("budget:herverdelen", args=[2019]) in tekst


def test_bevestigingspagina_alleen_voor_de_wijkwethouder(
    client, personas, voorstel, maak_wethouder
):
    url = reverse("budget:goedkeuren", args=[voorstel.pk])
    for rol in ["regisseur_a", "beheerder", "groene_loper"]:
        client.force_login(personas[rol])
        assert client.get(url).status_code == 403, rol
    client.force_login(maak_wethouder("t-vandriel", "Van Driel", "seghwaert"))
    assert client.get(url).status_code == 404


def test_afsluiten_vraagt_eerst_bevestiging(client, personas, voorstel, wethouder, regisseur_a):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("1000.00"), door=regisseur_a, omschrijving="F1"
    )
    url = reverse("budget:afsluiten", args=[voorstel.pk])
    for rol, status in [("wethouder", 403), ("groene_loper", 403), ("regisseur_b", 404)]:
        client.force_login(personas[rol])
        assert client.get(url).status_code == status, rol
    client.force_login(regisseur_a)
    pagina = client.get(voorstel.get_absolute_url()).content.decode()
    assert f'href="{url}"' in pagina and f'action="{url}"' not in pagina
    tekst = client.get(url).content.decode()
    assert "Verplichting afsluiten?" in tekst
    assert "Na het afsluiten valt €\u00a0234,50 vrij." in tekst
    assert "Ja, afsluiten" in tekst
    voorstel.refresh_from_db()
    assert voorstel.status == "goedgekeurd"

    tekst = client.post(url, follow=True).content.decode()
    assert "Vrijgevallen: €\u00a0234,50; dat is weer beschikbaar in Oosterheem (2019)." in tekst
    wb = WijkBudget.objects.get(wijk=voorstel.wijk, budgetjaar=voorstel.budgetjaar)
    assert wb.beschikbaar == Decimal("99000.00")
    # Sent again: refused, nothing released twice.
    client.post(url)
    assert Boeking.objects.filter(voorstel=voorstel, soort="vrijval").count() == 1
    tekst = client.get(url).content.decode()
    assert "Dit voorstel is afgesloten." in tekst and "Ja, afsluiten" not in tekst
