"""Every page of the foundation in real Chromium: axe-core finds nothing, at desktop and 360 px."""

import io

import pytest
from django.core.management import call_command

from tests.conftest import axe_schendingen, log_in, screenshot
from wijken.models import Toewijzing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREEDTES = {"desktop": 1280, "telefoon": 360}


def _controleer(page, naam):
    for label, breedte in BREEDTES.items():
        page.set_viewport_size({"width": breedte, "height": 800})
        fouten = axe_schendingen(page)
        assert not fouten, f"{naam} ({label}): {fouten}"
        # Nothing may force sideways scrolling of the whole page at phone width.
        if breedte == 360:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= 360, f"{naam}: pagina is {scroll}px breed op een telefoon"
        screenshot(page, f"{naam}-{label}")


def test_regisseur_a_opent_dossier_oosterheem(pagina, referentie):
    # The demo account exactly as `make run` creates it.
    call_command("laad_demo", force=True, stdout=io.StringIO())
    log_in(pagina, "regisseur-a", "wijkwerk-demo")
    assert pagina.get_by_role("heading", name="Mijn wijken").is_visible()
    pagina.get_by_role("link", name="Oosterheem").first.click()
    pagina.wait_for_url("**/wijken/oosterheem/")
    assert pagina.get_by_role("heading", name="Wijkdossier Oosterheem").is_visible()
    assert pagina.get_by_text("Wijkregisseur A (sinds 1 januari 2019)").is_visible()
    assert pagina.locator("svg path.ww-kaart__vlak--gemarkeerd").count() == 1
    screenshot(pagina, "dossier-oosterheem-regisseur-a")


def test_paginas_anoniem(pagina, db):
    pagina.goto(f"{pagina.live_server.url}/inloggen/")
    _controleer(pagina, "inloggen")
    pagina.get_by_label("Gebruikersnaam").fill("niemand")
    pagina.get_by_label("Wachtwoord").fill("fout")
    pagina.get_by_role("button", name="Inloggen").click()
    assert pagina.get_by_text("Voer een juiste gebruikersnaam en wachtwoord in").is_visible()
    _controleer(pagina, "inloggen-fout")
    for _ in range(4):
        pagina.get_by_label("Gebruikersnaam").fill("niemand")
        pagina.get_by_label("Wachtwoord").fill("fout")
        pagina.get_by_role("button", name="Inloggen").click()
    assert pagina.get_by_role("heading", name="Inloggen is tijdelijk geblokkeerd").is_visible()
    _controleer(pagina, "inloggen-geblokkeerd")


@pytest.mark.parametrize("rol", ["regisseur_a", "wethouder", "groene_loper"])
def test_paginas_per_rol(pagina, personas, rol):
    log_in(pagina, personas[rol].username)
    _controleer(pagina, f"start-{rol}")
    pagina.goto(f"{pagina.live_server.url}/wijken/")
    _controleer(pagina, f"wijken-{rol}")
    pagina.goto(f"{pagina.live_server.url}/wijken/palenstein/")
    _controleer(pagina, f"dossier-palenstein-{rol}")
    assert pagina.goto(f"{pagina.live_server.url}/wijken/bestaat-niet/").status == 404
    _controleer(pagina, f"404-{rol}")
    assert pagina.goto(f"{pagina.live_server.url}/wijken/regie/").status == 403
    _controleer(pagina, f"403-{rol}")


def test_beheerder_wijzigt_regie_in_de_browser(pagina, beheerder):
    log_in(pagina, "t-beheerder")
    _controleer(pagina, "start-beheerder")
    pagina.get_by_role("link", name="Regie", exact=True).click()
    _controleer(pagina, "regie-overzicht")
    pagina.get_by_role("link", name="Regie van Seghwaert").click()
    _controleer(pagina, "regie-seghwaert")
    # An overlapping period: refused, the conflict named, the input kept.
    pagina.get_by_label("Wijkregisseur", exact=True).select_option(label="Wijkregisseur A")
    pagina.get_by_label("Verantwoordelijk vanaf").fill("2020-03-01")
    pagina.get_by_role("button", name="Toewijzing opslaan").click()
    assert pagina.get_by_text("overlapt met de toewijzing van Wijkregisseur B").first.is_visible()
    assert pagina.get_by_label("Verantwoordelijk vanaf").input_value() == "2020-03-01"
    _controleer(pagina, "regie-seghwaert-overlap")
    # End B's period, then hand over to A.
    t = Toewijzing.objects.get(wijk__slug="seghwaert")
    pagina.locator(f"#id_geldig_tot_{t.pk}").fill("2020-02-29")
    pagina.get_by_role("button", name="Beëindigen op deze dag").click()
    assert pagina.get_by_text("De toewijzing van Wijkregisseur B is beëindigd.").is_visible()
    pagina.get_by_label("Wijkregisseur", exact=True).select_option(label="Wijkregisseur A")
    pagina.get_by_label("Verantwoordelijk vanaf").fill("2020-03-01")
    pagina.get_by_role("button", name="Toewijzing opslaan").click()
    assert pagina.get_by_text("Opgeslagen: Wijkregisseur A – Seghwaert").is_visible()
    assert Toewijzing.objects.filter(wijk__slug="seghwaert").count() == 2
    screenshot(pagina, "regie-seghwaert-overdracht")
    # Handing over per a date, in one step: first a day nobody held the wijk (refused at
    # the field), then per 1 January 2021 from A to C.
    pagina.get_by_label("Nieuwe wijkregisseur", exact=True).select_option(label="Wijkregisseur C")
    pagina.get_by_label("Overdragen per", exact=True).fill("2018-06-01")
    pagina.get_by_role("button", name="Overdragen", exact=True).click()
    assert pagina.get_by_text("Op 1 juni 2018 is niemand verantwoordelijk").first.is_visible()
    assert pagina.get_by_label("Overdragen per", exact=True).input_value() == "2018-06-01"
    _controleer(pagina, "regie-seghwaert-overdragen-fout")
    pagina.get_by_label("Overdragen per", exact=True).fill("2021-01-01")
    pagina.get_by_role("button", name="Overdragen", exact=True).click()
    assert pagina.get_by_text("Overgedragen per 1 januari 2021: Wijkregisseur C").is_visible()
    _controleer(pagina, "regie-seghwaert-overgedragen")
    # Who held which wijk on a date: the field is on the page.
    pagina.get_by_role("link", name="Regie per wijk").click()
    pagina.get_by_label("Op datum").fill("2019-06-01")
    pagina.get_by_role("button", name="Tonen").click()
    pagina.wait_for_url("**/wijken/regie/?datum=2019-06-01")
    assert pagina.get_by_text("Wijkregisseur per wijk op 1 juni 2019").is_visible()
    rij = pagina.locator("tr", has=pagina.get_by_role("rowheader", name="Seghwaert"))
    assert rij.get_by_role("cell").first.text_content() == "Wijkregisseur B"
    _controleer(pagina, "regie-overzicht-op-datum")
    pagina.goto(f"{pagina.live_server.url}/beheer/")
    _controleer(pagina, "beheer-index")
    pagina.goto(f"{pagina.live_server.url}/beheer/wijken/wijk/")
    _controleer(pagina, "beheer-wijken")
