"""The wijkbudget in real Chromium: approve from the queue with htmx, axe on every page."""

from decimal import Decimal

import pytest

from budget import acties
from budget.models import Bestedingsvoorstel, Boeking
from tests.browser.test_paginas import _controleer
from tests.conftest import log_in, screenshot
from wijken.models import Wijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wethouder_keurt_goed_vanuit_de_wachtrij(pagina, budget, voorstel, wethouder):
    log_in(pagina, wethouder.username)
    pagina.get_by_role("link", name="Te beoordelen").click()
    pagina.wait_for_url("**/budget/wachtrij/")
    beschikbaar = pagina.get_by_test_id("beschikbaar-oosterheem-2019")
    assert beschikbaar.inner_text() == "€\u00a0100.000,00"
    assert pagina.get_by_text("€\u00a098.765,50 (nu €\u00a0100.000,00)").is_visible()
    _controleer(pagina, "budget-wachtrij")
    pagina.set_viewport_size({"width": 1280, "height": 900})

    # Rejecting without a reason: refused in place, nothing changes.
    pagina.get_by_role("button", name="Afwijzen").click()
    pagina.get_by_text("Geef een reden waarom u het voorstel afwijst.").first.wait_for()
    _controleer(pagina, "budget-wachtrij-afwijzen-zonder-reden")
    pagina.set_viewport_size({"width": 1280, "height": 900})

    # Approving is a step: a confirmation page with the year and what is left after.
    assert pagina.get_by_test_id(f"budgetjaar-{voorstel.pk}").inner_text() == "2019"
    pagina.get_by_role("link", name="Goedkeuren").click()
    pagina.wait_for_url(f"**/budget/voorstel/{voorstel.pk}/goedkeuren/")
    assert pagina.get_by_text("nu €\u00a0100.000,00, na goedkeuring €\u00a098.765,50").is_visible()
    assert not Boeking.objects.filter(voorstel=voorstel).exists()
    screenshot(pagina, "budget-goedkeuren-bevestigen")
    _controleer(pagina, "budget-goedkeuren-bevestigen")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_role("button", name="Ja, goedkeuren").click()
    pagina.get_by_text("Goedgekeurd: €\u00a01.234,50 voor Oosterheem").wait_for()
    # Back on the queue, with the available amount changed.
    assert pagina.url.endswith("/budget/wachtrij/")
    assert pagina.get_by_text("Nog beschikbaar in Oosterheem (2019): €\u00a098.765,50").is_visible()
    assert pagina.get_by_text("Er wacht niets op uw besluit.").is_visible()
    screenshot(pagina, "budget-wachtrij-na-goedkeuring")
    _controleer(pagina, "budget-wachtrij-na-goedkeuring")
    voorstel.refresh_from_db()
    assert voorstel.status == "goedgekeurd"
    assert Boeking.objects.filter(voorstel=voorstel).count() == 1

    pagina.goto(f"{pagina.live_server.url}/budget/2019/")
    assert pagina.get_by_test_id("beschikbaar-oosterheem").inner_text() == "€\u00a098.765,50"
    _controleer(pagina, "budget-jaar-wethouder")
    pagina.goto(f"{pagina.live_server.url}/budget/2019/herverdelen/")
    _controleer(pagina, "budget-herverdelen")


def test_goedkeuren_werkt_zonder_javascript(browser, live_server, budget, voorstel, wethouder):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.live_server = live_server
    log_in(page, wethouder.username)
    page.goto(f"{live_server.url}/budget/wachtrij/")
    page.get_by_role("link", name="Goedkeuren").click()
    page.get_by_role("button", name="Ja, goedkeuren").click()
    assert page.get_by_text("Nog beschikbaar in Oosterheem (2019): €\u00a098.765,50").is_visible()
    context.close()
    voorstel.refresh_from_db()
    assert voorstel.status == "goedgekeurd"


def test_regisseur_dient_in_met_nederlands_bedrag(pagina, budget, regisseur_a, wethouder):
    log_in(pagina, regisseur_a.username)
    pagina.get_by_role("link", name="Wijkbudget").click()
    pagina.goto(f"{pagina.live_server.url}/budget/2019/")
    _controleer(pagina, "budget-jaar-regisseur")
    pagina.get_by_role("link", name="Nieuw bestedingsvoorstel").click()
    _controleer(pagina, "budget-nieuw")
    pagina.get_by_label("Wijk", exact=True).select_option(label="Oosterheem")
    pagina.get_by_label("Waar is het geld voor?").fill("Bankjes bij de vijver")
    pagina.get_by_label("Ontvanger").fill("Stadsbeheer")
    pagina.get_by_label("Bedrag").fill("12,345")
    pagina.get_by_role("button", name="Voorstel indienen").click()
    assert pagina.get_by_text("Gebruik hoogstens twee cijfers achter de komma").first.is_visible()
    assert pagina.get_by_label("Bedrag").input_value() == "12,345"
    _controleer(pagina, "budget-nieuw-fout")
    pagina.get_by_label("Bedrag").fill("1.234,50")
    pagina.get_by_role("button", name="Voorstel indienen").click()
    assert pagina.get_by_text("Uw voorstel van €\u00a01.234,50 is ingediend.").is_visible()
    _controleer(pagina, "budget-voorstel-ingediend")
    v = Bestedingsvoorstel.objects.get()
    assert v.bedrag == Decimal("1234.50")

    # Approved and partly paid: the detail page shows the whole history and the pay form.
    acties.keur_goed(voorstel=v, door=wethouder)
    acties.boek_realisatie(voorstel=v, bedrag=Decimal("200"), door=regisseur_a, omschrijving="F1")
    pagina.reload()
    assert pagina.get_by_text("realisatie (betaling), €\u00a0200,00").is_visible()
    _controleer(pagina, "budget-voorstel-goedgekeurd")
    pagina.set_viewport_size({"width": 1280, "height": 900})

    # Closing asks first, then says what was released, without a minus sign.
    pagina.get_by_role("link", name="Verplichting afsluiten").click()
    assert (
        pagina.get_by_test_id("vrijval")
        .inner_text()
        .startswith("Na het afsluiten valt €\u00a01.034,50 vrij.")
    )
    _controleer(pagina, "budget-afsluiten-bevestigen")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_role("button", name="Ja, afsluiten").click()
    assert pagina.get_by_text("Vrijgevallen: €\u00a01.034,50").is_visible()
    assert pagina.get_by_text(
        "vrijgevallen €\u00a01.034,50 (restant terug naar de wijk)"
    ).is_visible()
    _controleer(pagina, "budget-voorstel-afgesloten")


def test_beheerder_ziet_overzicht(pagina, budget, beheerder, voorstel, wethouder):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    Wijk.objects.all()  # keep the import used when the fixture set changes
    log_in(pagina, beheerder.username)
    pagina.get_by_role("link", name="Wijkbudget").click()
    pagina.goto(f"{pagina.live_server.url}/budget/2019/")
    assert pagina.locator("svg rect.ww-grafiek__balk").count() == 8
    _controleer(pagina, "budget-jaar-beheerder")
    pagina.goto(f"{pagina.live_server.url}/budget/voorstel/{voorstel.pk}/")
    _controleer(pagina, "budget-voorstel-beheerder")


def test_voorstel_boven_beschikbaar_waarschuwing_en_intrekken(
    browser, live_server, budget, regisseur_a, wethouder
):
    """Issue 14, point 8: warned before saving, the queue says approval cannot succeed, and
    the regisseur withdraws the proposal with a reason; nothing is booked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina = context.new_page()
    pagina.live_server = live_server
    log_in(pagina, regisseur_a.username)
    pagina.goto(f"{live_server.url}/budget/2019/voorstel/nieuw/")
    pagina.get_by_label("Wijk", exact=True).select_option(label="Oosterheem")
    pagina.get_by_label("Waar is het geld voor?").fill("Nieuwe speeltuin bij de vijver")
    pagina.get_by_label("Ontvanger").fill("Stadsbeheer")
    pagina.get_by_label("Bedrag").fill("150.000")
    pagina.get_by_role("button", name="Voorstel indienen").click()
    waarschuwing = pagina.get_by_test_id("tekort")
    assert "nog €\u00a0100.000,00 beschikbaar" in waarschuwing.inner_text()
    assert pagina.get_by_label("Bedrag").input_value() == "150.000"
    assert not Bestedingsvoorstel.objects.exists()
    screenshot(pagina, "budget-nieuw-boven-beschikbaar")
    _controleer(pagina, "budget-nieuw-boven-beschikbaar")
    pagina.set_viewport_size({"width": 1280, "height": 900})

    pagina.get_by_role("button", name="Toch indienen").click()
    assert pagina.get_by_text("Goedkeuren kan pas als er geld bij komt.").is_visible()
    assert pagina.get_by_test_id("te-weinig").is_visible()
    v = Bestedingsvoorstel.objects.get()

    # The wethouder's queue: no Goedkeuren button that cannot succeed, a way to reallocate.
    wethouder_tab = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    w = wethouder_tab.new_page()
    w.live_server = live_server
    log_in(w, wethouder.username)
    w.goto(f"{live_server.url}/budget/wachtrij/")
    item = w.get_by_test_id(f"te-weinig-{v.pk}")
    assert "Goedkeuren kan nu niet" in item.inner_text()
    assert w.get_by_role("link", name="Goedkeuren").count() == 0
    assert w.get_by_role("button", name="Goedkeuren").count() == 0
    screenshot(w, "budget-wachtrij-boven-beschikbaar")
    _controleer(w, "budget-wachtrij-boven-beschikbaar")
    wethouder_tab.close()

    # Withdrawing: a reason is required, then the status changes and nothing is booked.
    pagina.get_by_role("button", name="Voorstel intrekken").click()
    assert pagina.get_by_text("Geef een reden waarom u het voorstel intrekt.").first.is_visible()
    _controleer(pagina, "budget-voorstel-intrekken-zonder-reden")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("Reden van intrekken").fill("Te duur; we zoeken een kleinere speeltuin")
    pagina.get_by_role("button", name="Voorstel intrekken").click()
    assert pagina.get_by_text("Het voorstel is ingetrokken.").is_visible()
    assert pagina.get_by_text("Reden: Te duur; we zoeken een kleinere speeltuin").is_visible()
    screenshot(pagina, "budget-voorstel-ingetrokken")
    _controleer(pagina, "budget-voorstel-ingetrokken")
    context.close()
    v.refresh_from_db()
    assert v.status == "ingetrokken"
    assert not Boeking.objects.filter(voorstel=v).exists()


def test_beheerder_opent_budgetjaar(pagina, budget, beheerder):
    """Issue 14, point 9: the form, its messages at the fields, and the year it opens."""
    from django.utils import timezone

    nu = timezone.localdate().year
    log_in(pagina, beheerder.username)
    pagina.goto(f"{pagina.live_server.url}/budget/")
    assert (
        pagina.get_by_test_id("huidig-jaar")
        .inner_text()
        .startswith(f"Voor {nu} is nog geen wijkbudget geopend.")
    )
    pagina.get_by_role("link", name="Budgetjaar openen").click()
    _controleer(pagina, "budget-jaar-openen")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("Integraal wijkbudget").fill("300.000")
    pagina.get_by_label("Bron 1 (niet verplicht)", exact=True).fill("Wijk aan Zet")
    pagina.get_by_label("Bedrag uit bron 1").fill("300.000")
    pagina.get_by_label("Oosterheem (pilotwijk)").fill("200.000")
    pagina.get_by_label("Seghwaert (pilotwijk)").fill("150.000")
    pagina.get_by_role("button", name="Budgetjaar openen").click()
    assert pagina.get_by_text("De wijken krijgen samen €\u00a0350.000,00").first.is_visible()
    assert pagina.get_by_label("Oosterheem (pilotwijk)").input_value() == "200.000"
    screenshot(pagina, "budget-jaar-openen-fout")
    _controleer(pagina, "budget-jaar-openen-fout")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("Seghwaert (pilotwijk)").fill("100.000")
    pagina.get_by_role("button", name="Budgetjaar openen").click()
    pagina.wait_for_url(f"**/budget/{nu}/")
    assert pagina.get_by_text(f"Het budgetjaar {nu} is geopend.").is_visible()
    assert pagina.get_by_test_id("beschikbaar-seghwaert").inner_text() == "€\u00a0100.000,00"
    assert pagina.get_by_role("link", name=f"{nu} (dit jaar)").is_visible()
    screenshot(pagina, "budget-jaar-geopend")
    _controleer(pagina, "budget-jaar-geopend")
