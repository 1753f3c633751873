"""The kwartaalrapportage in Chromium: report, city and public wijkpagina pass axe at 1280 and
360 px; printed, navigation and buttons disappear and a table keeps its header."""

import io

import pytest
from django.core.management import call_command

from rapportage.models import Kwartaalrapport
from rapportage.periode import Kwartaal
from tests.browser.test_paginas import _controleer
from tests.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rapport_stad_en_wijkpagina(pagina, referentie):
    call_command("laad_demo", force=True, stdout=io.StringIO())
    vorig = Kwartaal.huidig().vorige()
    assert Kwartaalrapport.objects.vastgesteld().filter(jaar=vorig.jaar).count() == 3
    basis = pagina.live_server.url

    # The public side first: from the front door to the adopted figures of a wijk.
    pagina.goto(f"{basis}/")
    pagina.get_by_role("link", name="Bekijk wat er in uw wijk gebeurt").click()
    _controleer(pagina, "publiek-wijken")
    pagina.get_by_role("link", name="Oosterheem").click()
    assert pagina.get_by_role("heading", name="Wat de gemeente hoorde", exact=True).is_visible()
    assert pagina.get_by_text("14 079").first.is_visible()
    _controleer(pagina, "publiek-wijk-oosterheem")

    log_in(pagina, "regisseur-a", "wijkwerk-demo")
    pagina.goto(f"{basis}/rapportage/")
    _controleer(pagina, "rapportage-overzicht")
    pagina.goto(f"{basis}/rapportage/{vorig.jaar}/{vorig.nummer}/oosterheem/")
    assert pagina.get_by_text("U ziet de cijfers zoals het college ze kreeg").is_visible()
    _controleer(pagina, "rapport-oosterheem")
    pagina.get_by_role("link", name="Bekijk de actuele cijfers").click()
    assert pagina.get_by_text("Dit is niet het vastgestelde rapport").is_visible()

    pagina.goto(f"{basis}/rapportage/{vorig.jaar}/{vorig.nummer}/")
    pagina.get_by_label("Kaart kleuren naar").select_option(
        label="Nieuwe signalen per 1.000 inwoners"
    )
    pagina.get_by_role("button", name="Kaart tonen").click()
    assert "maat=signalen_per_1000" in pagina.url
    assert (
        pagina.locator(".ww-kaart svg a").count() == pagina.locator("tr[id^=gebied-]").count() > 5
    )
    _controleer(pagina, "rapport-stad")

    # The current quarter: a live preview the regisseur can add highlights to.
    huidig = Kwartaal.huidig()
    pagina.goto(f"{basis}/rapportage/{huidig.jaar}/{huidig.nummer}/oosterheem/")
    pagina.get_by_role("link", name="Hoogtepunten schrijven").click()
    _controleer(pagina, "rapport-hoogtepunten")
    pagina.get_by_label("Hoogtepunten van dit kwartaal").fill(
        "Nieuwe speeltuin aan de Oosterheemlaan."
    )
    pagina.get_by_role("button", name="Bewaren").click()
    assert pagina.get_by_text("Nieuwe speeltuin aan de Oosterheemlaan.").is_visible()

    # Printed: no navigation or buttons, and table headers repeat on every page.
    pagina.emulate_media(media="print")
    assert not pagina.locator(".ww-header nav").is_visible()
    assert not pagina.get_by_role("link", name="Hoogtepunten schrijven").is_visible()
    koppen = pagina.locator("thead").first.evaluate("e => getComputedStyle(e).display")
    assert koppen == "table-header-group"
    rij = pagina.locator("tbody tr").first.evaluate("e => getComputedStyle(e).breakInside")
    assert rij == "avoid"
    screenshot(pagina, "rapport-oosterheem-print")
    pagina.emulate_media(media="screen")
