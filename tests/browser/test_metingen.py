"""Metingen in real Chromium: a small CSV through the upload form, its preview, the
confirmation, and the wijkanalyse on screen and in print; axe at 1280 and 360 px."""

import datetime

import pytest
from playwright.sync_api import expect

from actieplannen.models import Meting
from tests.actieplannen.test_metingen import AMS, geinformeerd
from tests.browser.test_paginas import _controleer
from tests.conftest import ARTEFACTEN, log_in, screenshot
from wijken.models import Wijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "wijk;indicator;jaar;kwartaal;waarde;bron\n"
    "Oosterheem;eenzaamheid;2019;;12,5;GGD Gezondheidsmonitor 2019\n"
    "Oosterheem;eenzaamheid;2020;;11,8;GGD Gezondheidsmonitor 2020\n"
    "Oosterheem;eenzaamheid;2021;;10,9;GGD Gezondheidsmonitor 2021\n"
    "WK063706;veiligheidsgevoel;2020;;31;\n"
    "WK063706;veiligheidsgevoel;2021;;28.5;\n"
)


def _kies_bestand(pagina, naam, inhoud: str):
    pagina.get_by_label("CSV-bestand met metingen").set_input_files(
        {"name": naam, "mimeType": "text/csv", "buffer": inhoud.encode("utf-8-sig")}
    )
    pagina.get_by_role("button", name="Controleren").click()
    pagina.wait_for_load_state()


def test_importeren_controleren_opslaan_en_wijkanalyse(pagina, regisseur_a):
    oosterheem = Wijk.objects.get(slug="oosterheem")
    for dagen, maand in ((12, 2), (30, 5), (20, 9)):
        geinformeerd(oosterheem, dagen, datetime.datetime(2020, maand, 10, 12, tzinfo=AMS))
    geinformeerd(oosterheem, 9, datetime.datetime(2021, 3, 10, 12, tzinfo=AMS))

    log_in(pagina, "t-regisseur-a")
    pagina.goto(f"{pagina.live_server.url}/actieplannen/metingen/")
    pagina.get_by_role("link", name="Metingen importeren").click()
    expect(pagina.get_by_role("heading", name="Metingen importeren")).to_be_visible()
    _controleer(pagina, "metingen-importeren")

    # A file with a wrong row: the preview names the row and offers nothing to save.
    _kies_bestand(pagina, "fout.csv", CSV + "Seghwaert;eenzaamheid;2020;;veel;\n")
    expect(pagina.get_by_role("alert")).to_contain_text("1 van de 6 regels is niet goed")
    rij = pagina.get_by_test_id("fout-7")
    expect(rij).to_contain_text("U bent niet de wijkregisseur van Seghwaert")
    expect(rij).to_contain_text("De waarde ‘veel’ is geen getal")
    expect(pagina.get_by_role("button", name="Opslaan")).to_have_count(0)
    _controleer(pagina, "metingen-controle-fout")

    pagina.get_by_role("link", name="Ander bestand uploaden").click()
    _kies_bestand(pagina, "ggd-oosterheem.csv", CSV)
    expect(pagina.get_by_role("status").first).to_contain_text("Alle 5 regels zijn goed")
    expect(pagina.get_by_test_id("nieuw")).to_have_text("5")
    assert not Meting.objects.exists()
    _controleer(pagina, "metingen-controle")

    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_role("button", name="Opslaan").click()
    pagina.wait_for_url("**/actieplannen/metingen/")
    expect(pagina.get_by_role("status").first).to_contain_text(
        "opgeslagen: 5 nieuw, 0 gewijzigd, 0 ongewijzigd"
    )
    assert Meting.objects.count() == 5
    _controleer(pagina, "metingen-lijst")

    pagina.get_by_role("link", name="Oosterheem").first.click()
    pagina.wait_for_url("**/actieplannen/wijkanalyse/oosterheem/")
    expect(pagina.get_by_role("heading", name="Wijkanalyse Oosterheem")).to_be_visible()
    expect(pagina.get_by_test_id("laatste-eenzaamheid")).to_have_text("10,9")
    # Computed from the four informed initiatives: 2021 has one of 9 days.
    expect(pagina.get_by_test_id("laatste-reactiesnelheid")).to_have_text("9")
    assert pagina.locator("svg polyline.ww-lijngrafiek__lijn").count() >= 3
    _controleer(pagina, "wijkanalyse-oosterheem")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    grafiek = pagina.locator("#indicator-eenzaamheid").locator("..")
    grafiek.screenshot(path=str(ARTEFACTEN / "wijkanalyse-eenzaamheid.png"))

    # On paper: no navigation, links to other pages or buttons.
    pagina.set_viewport_size({"width": 794, "height": 1123})
    pagina.emulate_media(media="print")
    assert not pagina.locator(".ww-nav").is_visible()
    assert not pagina.locator(".ww-kruimel").is_visible()
    assert not pagina.get_by_role("button", name="Uitloggen").is_visible()
    assert pagina.get_by_role("heading", name="Wijkanalyse Oosterheem").is_visible()
    screenshot(pagina, "wijkanalyse-oosterheem-print")
    pagina.screenshot(path=str(ARTEFACTEN / "wijkanalyse-print-begin.png"))
    pagina.pdf(path=str(ARTEFACTEN / "wijkanalyse-oosterheem.pdf"), format="A4")
