"""Initiatieven in real Chromium: the public intake at desktop and phone width, and a whole
Groene Loper meeting worked through by the secretary, with axe on every page."""

import datetime
import re
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import Besluit, Initiatief, Status
from initiatieven.referentiedata import zorg_voor_disciplines
from tests.browser.test_paginas import _controleer
from tests.conftest import log_in, screenshot
from wijken.models import Wijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _nieuw(titel, **extra):
    gegevens = {
        "titel": titel,
        "omschrijving": "Met de buren samen iets moois maken.",
        "wijk": Wijk.objects.get(slug="oosterheem"),
        "gevraagd": "geld",
        "bedrag": 300,
        "contact_naam": "Ilse",
        "contact_email": "ilse@example.org",
    }
    gegevens.update(extra)
    return acties.dien_in(
        gegevens=gegevens, idempotentie_token=uuid.uuid5(uuid.NAMESPACE_URL, titel)
    )[0]


def test_publiek_formulier_bevestiging_en_status(pagina, referentie, settings):
    url = pagina.live_server.url
    settings.PUBLIEKE_URL = url
    pagina.goto(f"{url}/initiatief/")
    _controleer(pagina, "initiatief-formulier")
    # Send it half filled in: errors with a summary, the text kept.
    pagina.get_by_label("Naam van uw initiatief").fill('<script>alert("x")</script> Moestuin')
    pagina.get_by_label("geld").check()
    pagina.get_by_role("button", name="Initiatief versturen").click()
    assert pagina.get_by_text("niet goed ingevuld").is_visible()
    assert "Moestuin" in pagina.get_by_label("Naam van uw initiatief").input_value()
    _controleer(pagina, "initiatief-formulier-fouten")
    pagina.get_by_label("Wat wilt u doen?").fill("Een moestuin voor de hele straat.")
    pagina.get_by_label("Wijk").select_option(label="Seghwaert")
    pagina.get_by_label("Welk bedrag vraagt u?").fill("125,50".replace(",", "."))
    pagina.get_by_label("Uw naam").fill("Ilse Indiener")
    pagina.get_by_label("Uw e-mailadres").fill("ilse@example.org")
    pagina.get_by_role("button", name="Initiatief versturen").click()
    pagina.wait_for_url("**/initiatief/ontvangen/")
    initiatief = Initiatief.objects.get()
    assert pagina.get_by_text(initiatief.referentie).first.is_visible()
    _controleer(pagina, "initiatief-bevestiging")
    pagina.get_by_role("link", name=f"{url}/initiatief/status/{initiatief.status_token}/").click()
    assert pagina.get_by_role("heading", name=f"Uw initiatief {initiatief.referentie}").is_visible()
    assert pagina.get_by_text('<script>alert("x")</script> Moestuin').is_visible()
    _controleer(pagina, "initiatief-status")
    pagina.goto(f"{url}/initiatief/status/bestaat-niet/")
    assert pagina.get_by_role("heading", name="Deze statuslink kennen wij niet").is_visible()
    _controleer(pagina, "initiatief-status-onbekend")


def test_bedrag_met_punt_en_komma(pagina, referentie):
    """Typed as people write it: "1.234,50" is stored as 1234.50 (a number input made
    123450 of "1234,50" in Chromium); a negative amount is named as such."""
    pagina.goto(f"{pagina.live_server.url}/initiatief/")
    pagina.get_by_label("Naam van uw initiatief").fill("Bankjes in het park")
    pagina.get_by_label("Wat wilt u doen?").fill("Drie bankjes bij de vijver.")
    pagina.get_by_label("Wijk").select_option(label="Seghwaert")
    pagina.get_by_label("geld").check()
    bedrag = pagina.get_by_label("Welk bedrag vraagt u?")
    assert bedrag.get_attribute("type") == "text"
    assert bedrag.get_attribute("inputmode") == "decimal"
    bedrag.fill("-1.234,50")
    pagina.get_by_label("Uw naam").fill("Ilse Indiener")
    pagina.get_by_label("Uw e-mailadres").fill("ilse@example.org")
    pagina.get_by_role("button", name="Initiatief versturen").click()
    melding = pagina.locator(".utrecht-form-field-error-message", has_text="negatief")
    assert melding.text_content().strip() == "Een bedrag kan niet negatief zijn."
    assert pagina.get_by_text("Vul het bedrag in").count() == 0
    assert pagina.get_by_label("Welk bedrag vraagt u?").input_value() == "-1.234,50"
    _controleer(pagina, "initiatief-bedrag-negatief")
    pagina.get_by_label("Welk bedrag vraagt u?").fill("1.234,50")
    screenshot(pagina, "initiatief-bedrag-ingevuld")
    pagina.get_by_role("button", name="Initiatief versturen").click()
    pagina.wait_for_url("**/initiatief/ontvangen/")
    assert Initiatief.objects.get().bedrag == Decimal("1234.50")


def test_te_veel_inzendingen(pagina, referentie, settings):
    settings.INITIATIEF_LIMIET_PER_UUR = 0
    pagina.goto(f"{pagina.live_server.url}/initiatief/")
    pagina.get_by_role("button", name="Initiatief versturen").click()
    assert pagina.get_by_role(
        "heading", name="U heeft veel initiatieven tegelijk verstuurd"
    ).is_visible()
    _controleer(pagina, "initiatief-429")


def test_secretaris_werkt_een_hele_vergadering_af(pagina, groene_loper, regisseur_a):
    zorg_voor_disciplines()
    url = pagina.live_server.url
    nieuw = _nieuw(
        "Moestuin achter de flat",
        wijk=None,
        adres_vrij="Oosterheemplein 1",
        gevraagd="ruimte",
        bedrag=None,
    )
    for titel in ["Buurtbarbecue", "Speeltuin opknappen", "Bankje weg"]:
        klaar = _nieuw(titel)
        acties.triage(initiatief=klaar, wijk=klaar.wijk, door=groene_loper)
        acties.markeer_compleet(initiatief=klaar, door=groene_loper)

    log_in(pagina, "t-groeneloper")
    pagina.get_by_role("link", name="Initiatieven", exact=True).click()
    _controleer(pagina, "initiatieven-werklijst")

    # Triage of the new one: wijk, contact person by default the regisseur, then complete.
    pagina.get_by_role("link", name=nieuw.referentie).click()
    pagina.get_by_label("Wijk", exact=True).select_option(label="Oosterheem")
    pagina.get_by_role("button", name="Wijk en contactpersoon opslaan").click()
    assert pagina.get_by_text("De wijk en de contactpersoon zijn opgeslagen.").is_visible()
    _controleer(pagina, "initiatief-detail")
    pagina.get_by_role("button", name="Klaar voor de Groene Loper").click()
    assert pagina.get_by_text("Het initiatief is klaar voor de Groene Loper.").is_visible()
    nieuw.refresh_from_db()
    assert nieuw.contactpersoon == regisseur_a and nieuw.status == Status.COMPLEET

    pagina.goto(f"{url}/initiatieven/doorlooptijd/")
    _controleer(pagina, "initiatieven-doorlooptijd")

    # A new meeting: a date in the past is refused, what was typed stays.
    pagina.get_by_role("link", name="Groene Loper", exact=True).click()
    _controleer(pagina, "vergaderingen")
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    pagina.get_by_label("Datum").fill(gisteren.isoformat())
    pagina.get_by_label("veiligheid").check()
    pagina.get_by_role("button", name="Vergadering maken").click()
    assert pagina.get_by_text("Deze datum ligt in het verleden").first.is_visible()
    _controleer(pagina, "vergaderingen-fout")
    # Today: the decisions below are recorded on the meeting's day (not before it).
    pagina.get_by_label("Datum").fill(timezone.localdate().isoformat())
    pagina.get_by_label("openbare ruimte").check()
    pagina.get_by_role("button", name="Vergadering maken").click()
    pagina.wait_for_url("**/initiatieven/vergaderingen/*/")

    # Build the agenda with htmx: no page loads.
    pagina.evaluate("window.geenHerlaad = true")
    for titel in ["Buurtbarbecue", "Speeltuin opknappen", "Moestuin achter de flat", "Bankje weg"]:
        pagina.get_by_label("Initiatief", exact=True).select_option(
            label=Initiatief.objects.get(titel=titel).referentie + " " + titel
        )
        pagina.get_by_role("button", name="Op de agenda zetten").click()
        pagina.locator(".ww-agendapunt h3", has_text=titel).wait_for()
    assert pagina.get_by_text("Er zijn geen initiatieven klaar voor de Groene Loper.").is_visible()
    # Off the agenda again (the button posts to its own formaction, also with htmx).
    # Only the current item has forms: the last one is opened first (htmx, no reload).
    weg = Initiatief.objects.get(titel="Bankje weg").referentie
    pagina.get_by_role("link", name=re.compile(rf"Dit punt behandelen\s*:\s*{weg}")).click()
    pagina.locator(".ww-agendapunt--huidig h3", has_text="Bankje weg").wait_for()
    pagina.get_by_role("button", name=re.compile(rf"Van de agenda halen\s*:\s*{weg}")).click()
    pagina.locator(".ww-agendapunt h3", has_text="Bankje weg").wait_for(state="detached")
    assert Initiatief.objects.get(titel="Bankje weg").status == Status.COMPLEET
    # Last item up one place.
    moestuin = Initiatief.objects.get(titel="Moestuin achter de flat").referentie
    pagina.get_by_role("link", name=re.compile(rf"Dit punt behandelen\s*:\s*{moestuin}")).click()
    pagina.get_by_role("button", name=re.compile(rf"Omhoog\s*:\s*{moestuin}")).click()
    pagina.locator(".ww-agendapunt h3").nth(1).filter(has_text="Moestuin").wait_for()
    # The moved item stays open, so it can be moved again.
    assert pagina.locator(".ww-agendapunt--huidig h3").text_content().startswith("2. Moestuin")
    _controleer(pagina, "vergadering-agenda")
    barbecue = Initiatief.objects.get(titel="Buurtbarbecue").referentie
    pagina.get_by_role("link", name=re.compile(rf"Dit punt behandelen\s*:\s*{barbecue}")).click()
    pagina.locator(".ww-agendapunt--huidig h3", has_text="Buurtbarbecue").wait_for()

    # Item 1: advice, then a decision without motivation (refused), then with.
    pagina.get_by_label("Discipline").select_option(label="veiligheid")
    pagina.get_by_label("Advies", exact=True).fill("Geen bezwaren vanuit veiligheid.")
    pagina.get_by_role("button", name="Advies opslaan").click()
    pagina.get_by_text("Geen bezwaren vanuit veiligheid.").first.wait_for()
    pagina.get_by_label("Besluit", exact=True).select_option(label="akkoord")
    pagina.get_by_label("Actiehouder").fill("Wijkregisseur A")
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    pagina.get_by_text("Schrijf de motivering op").first.wait_for()
    assert pagina.get_by_label("Actiehouder").input_value() == "Wijkregisseur A"
    _controleer(pagina, "vergadering-besluit-fout")
    pagina.get_by_label("Motivering").fill("Past goed bij de wijkagenda.")
    pagina.get_by_label("Deadline").fill("2027-06-30")
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    pagina.get_by_text("Besluit: akkoord.").wait_for()
    # Keyboard users continue at the next item: focus moved there after the swap.
    pagina.wait_for_function("document.activeElement && document.activeElement.tagName === 'H3'")
    assert "Moestuin" in pagina.evaluate("document.activeElement.textContent")

    # Item 2 (the moestuin) is now current: rejected. Item 3: aangehouden.
    pagina.get_by_label("Besluit", exact=True).select_option(label="afgewezen")
    pagina.get_by_label("Motivering").fill("Deze plek is al verhuurd.")
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    pagina.get_by_text("Besluit: afgewezen.").wait_for()
    pagina.get_by_label("Besluit", exact=True).select_option(label="aangehouden")
    pagina.get_by_label("Motivering").fill("Eerst een gesprek met de school.")
    pagina.get_by_role("button", name="Besluit vastleggen").click()
    pagina.get_by_text("Besluit: aangehouden.").wait_for()
    assert pagina.evaluate("window.geenHerlaad") is True  # htmx: the page never reloaded
    _controleer(pagina, "vergadering-klaar")
    assert Besluit.objects.count() == 3
    assert Initiatief.objects.get(titel="Buurtbarbecue").status in (
        Status.BESLOTEN,
        Status.GEINFORMEERD,
    )

    pagina.get_by_role("link", name="Besluitenlijst").click()
    assert pagina.get_by_role("heading", name="Besluitenlijst Groene Loper").is_visible()
    assert pagina.get_by_text("Past goed bij de wijkagenda.").is_visible()
    _controleer(pagina, "besluitenlijst")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.emulate_media(media="print")
    assert not pagina.locator(".ww-nav").is_visible()
    screenshot(pagina, "besluitenlijst-print")
    pagina.emulate_media(media="screen")

    # The wijkdossier shows it as picked up (section loaded with htmx).
    pagina.goto(f"{url}/wijken/oosterheem/")
    pagina.get_by_role("cell", name="Wijkregisseur A").wait_for()
    assert pagina.get_by_text("30 juni 2027").is_visible()
    _controleer(pagina, "dossier-initiatieven")


def test_vergadering_zonder_javascript(browser, live_server, groene_loper):
    """Every form also works without JavaScript (a redirect after the POST)."""
    zorg_voor_disciplines()
    klaar = _nieuw("Zonder JS")
    acties.triage(initiatief=klaar, wijk=klaar.wijk, door=groene_loper)
    acties.markeer_compleet(initiatief=klaar, door=groene_loper)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    pagina = context.new_page()
    pagina.live_server = live_server
    try:
        log_in(pagina, "t-groeneloper")
        pagina.goto(f"{live_server.url}/initiatieven/vergaderingen/")
        pagina.get_by_label("Datum").fill(timezone.localdate().isoformat())
        pagina.get_by_role("button", name="Vergadering maken").click()
        pagina.get_by_role("button", name="Op de agenda zetten").click()
        assert pagina.get_by_text("Kies een initiatief.").first.is_visible()
        pagina.get_by_label("Initiatief", exact=True).select_option(
            label=f"{klaar.referentie} Zonder JS"
        )
        pagina.get_by_role("button", name="Op de agenda zetten").click()
        assert pagina.get_by_text("Het initiatief staat op de agenda.").is_visible()
        pagina.get_by_label("Besluit", exact=True).select_option(label="doorverwezen")
        pagina.get_by_label("Motivering").fill("Past beter bij de Rode Loper.")
        pagina.get_by_role("button", name="Besluit vastleggen").click()
        assert pagina.get_by_text("Het besluit is vastgelegd.").is_visible()
        assert Besluit.objects.get().uitkomst == "doorverwezen"
    finally:
        context.close()


def test_lezende_rollen_en_status_met_besluit(pagina, wethouder, groene_loper, settings):
    """Pages as a reader sees them (no forms, no personal data) and the decision as the
    initiator sees it."""
    from initiatieven.models import Vergadering

    zorg_voor_disciplines()
    initiatief = _nieuw("Bankje bij de vijver")
    acties.triage(initiatief=initiatief, wijk=initiatief.wijk, door=groene_loper)
    acties.markeer_compleet(initiatief=initiatief, door=groene_loper)
    vergadering = Vergadering.objects.create(datum=timezone.localdate())
    punt = acties.agendeer(vergadering=vergadering, initiatief=initiatief, door=groene_loper)
    acties.leg_besluit_vast(
        agendapunt=punt,
        uitkomst="akkoord",
        motivering="Een bankje maakt de plek gezelliger.",
        actiehouder="Team Openbare Ruimte",
        deadline=datetime.date(2027, 5, 1),
        door=groene_loper,
    )
    url = pagina.live_server.url
    pagina.goto(f"{url}/initiatief/status/{initiatief.status_token}/")
    assert pagina.get_by_text("Een bankje maakt de plek gezelliger.").is_visible()
    _controleer(pagina, "initiatief-status-besluit")

    log_in(pagina, "t-paalvast")
    for pad, naam in [
        ("/initiatieven/?filter=besloten", "initiatieven-wethouder"),
        (f"/initiatieven/{initiatief.referentie}/", "initiatief-detail-wethouder"),
        ("/initiatieven/vergaderingen/", "vergaderingen-wethouder"),
        (
            f"/initiatieven/vergaderingen/{vergadering.pk}/besluitenlijst/",
            "besluitenlijst-wethouder",
        ),
        ("/initiatieven/wijk/oosterheem/", "initiatieven-wijk"),
    ]:
        pagina.goto(url + pad)
        assert "ilse@example.org" not in pagina.content()
        _controleer(pagina, naam)
    assert pagina.get_by_text("Team Openbare Ruimte").is_visible()
