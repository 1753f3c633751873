"""An inwoner in real Chromium: from the front door to the intake, and the status link on the
confirmation page pointing at the address that is served (not PUBLIEKE_URL's default)."""

import pytest

from initiatieven.models import Initiatief
from tests.browser.test_paginas import _controleer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inwoner_van_voordeur_tot_statuspagina(pagina, referentie, settings):
    url = pagina.live_server.url
    settings.PUBLIEKE_URL = "http://127.0.0.1:8000"  # what nothing listens on in this test
    pagina.goto(f"{url}/")
    assert pagina.get_by_role("heading", name="Samen werken aan uw wijk").is_visible()
    _controleer(pagina, "voordeur")
    pagina.get_by_role("link", name="Toegankelijkheid").click()
    assert pagina.get_by_role("heading", name="Toegankelijkheidsverklaring").is_visible()
    _controleer(pagina, "toegankelijkheid")
    pagina.goto(f"{url}/")
    pagina.get_by_role("link", name="Initiatief indienen").click()
    pagina.wait_for_url("**/initiatief/")
    pagina.get_by_label("Naam van uw initiatief").fill("Bankje bij de vijver")
    pagina.get_by_label("Wat wilt u doen?").fill("Een bankje waar buren elkaar treffen.")
    pagina.get_by_label("Wijk").select_option(label="Seghwaert")
    pagina.get_by_label("advies").check()
    pagina.get_by_label("Uw naam").fill("Ilse Indiener")
    pagina.get_by_label("Uw e-mailadres").fill("ilse@example.org")
    pagina.get_by_role("button", name="Initiatief versturen").click()
    pagina.wait_for_url("**/initiatief/ontvangen/")
    initiatief = Initiatief.objects.get()
    link = f"{url}/initiatief/status/{initiatief.status_token}/"
    pagina.get_by_role("link", name=link).click()
    pagina.wait_for_url(link)
    assert (
        pagina.get_by_test_id("stand")
        .inner_text()
        .startswith("Wij hebben uw initiatief ontvangen.")
    )
    assert pagina.get_by_text(f"noem uw nummer {initiatief.referentie}").is_visible()
    _controleer(pagina, "status-ontvangen")
