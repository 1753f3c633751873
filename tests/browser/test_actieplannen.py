"""An actieplan in real Chromium: the regisseur drafts it, answers the memo's parts, adds a
goal with an indicator and a project, weighs it; the wijkwethouder adopts it; the plan prints
without navigation or buttons. axe on every page at 1280 and 360 px."""

import pytest

from actieplannen.models import Actieplan, Vereiste
from tests.browser.test_paginas import _controleer
from tests.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_regisseur_stelt_op_en_wethouder_stelt_vast(pagina, regisseur_a, wethouder):
    url = pagina.live_server.url
    log_in(pagina, regisseur_a.username)
    pagina.get_by_role("link", name="Actieplannen").first.click()
    _controleer(pagina, "actieplannen-overzicht")
    pagina.get_by_role("link", name="Nieuw actieplan").click()
    # Wrong first: no title and a year far ahead; what was typed stays.
    pagina.get_by_label("Wijk", exact=True).select_option(label="Oosterheem")
    pagina.get_by_label("Jaar", exact=True).fill("2099")
    pagina.get_by_role("button", name="Actieplan aanmaken").click()
    assert pagina.get_by_text("Geef het plan een titel.").first.is_visible()
    assert pagina.get_by_label("Jaar", exact=True).input_value() == "2099"
    _controleer(pagina, "actieplan-nieuw-fouten")
    pagina.get_by_label("Jaar", exact=True).fill("2019")
    pagina.get_by_label("Titel", exact=True).fill("Samen Oosterheem")
    pagina.get_by_role("button", name="Actieplan aanmaken").click()
    pagina.get_by_text("is aangemaakt als concept").wait_for()
    plan = Actieplan.objects.get()

    pagina.get_by_role("link", name="Plan en vereiste onderdelen bewerken").click()
    for vereiste in Vereiste.objects.all():
        pagina.get_by_label(vereiste.tekst).fill(f"Zo werken wij aan: {vereiste.code}.")
    _controleer(pagina, "actieplan-bewerken")
    pagina.get_by_role("button", name="Bewaren").click()
    pagina.get_by_text("Het plan is bewaard.").wait_for()

    pagina.get_by_role("link", name="Doel toevoegen").click()
    pagina.get_by_label("Doel", exact=True).fill("Minder eenzaamheid")
    pagina.get_by_label("sociale cohesie").check()
    pagina.get_by_role("button", name="Doel bewaren").click()
    pagina.get_by_role("link", name="Indicator toevoegen").click()
    pagina.get_by_label("Indicator", exact=True).select_option(label="Mate van eenzaamheid")
    pagina.get_by_label("Nulmeting", exact=True).fill("12,5")
    pagina.get_by_label("Jaar van de nulmeting").fill("2018")
    pagina.get_by_label("Streefwaarde", exact=True).fill("14")  # the wrong way: lower is better
    pagina.get_by_role("button", name="Indicator toevoegen").click()
    assert pagina.get_by_text("de streefwaarde moet lager liggen").first.is_visible()
    pagina.get_by_label("Streefwaarde", exact=True).fill("10")
    pagina.get_by_role("button", name="Indicator toevoegen").click()
    pagina.get_by_text("De indicator is aan ‘Minder eenzaamheid’ toegevoegd.").wait_for()

    pagina.get_by_role("link", name="Project toevoegen").click()
    pagina.get_by_label("Project", exact=True).fill("Huiskamer in de wijk")
    pagina.get_by_label("Doel", exact=True).select_option(label="Minder eenzaamheid")
    pagina.get_by_label("Trekker: een partner").select_option(label="Palet Welzijn")
    pagina.get_by_label("Gepland budget").fill("5.000")
    _controleer(pagina, "project-formulier")
    pagina.get_by_role("button", name="Project bewaren").click()
    pagina.get_by_text("Het project ‘Huiskamer in de wijk’ is bewaard.").wait_for()
    pagina.get_by_role("link", name="Afweging invullen").click()
    for naam in ("vertrouwen", "sociale cohesie", "gevoel van veiligheid"):
        groep = pagina.get_by_role("group", name=f"Verwachte bijdrage aan {naam}")
        groep.get_by_label("2 – duidelijk").check()
        pagina.get_by_label(f"Waarom draagt het project zo bij aan {naam}?").fill("Ontmoeting.")
    pagina.get_by_label("Succescriteria").fill("Twintig vaste bezoekers.")
    _controleer(pagina, "afweging")
    pagina.get_by_role("button", name="Afweging bewaren").click()
    pagina.get_by_text("De afweging is bewaard.").wait_for()
    _controleer(pagina, "project")

    pagina.goto(f"{url}{plan.get_absolute_url()}")
    assert pagina.get_by_text(
        "De wijkwethouder van Oosterheem kan het nu vaststellen."
    ).is_visible()
    _controleer(pagina, "actieplan-concept")
    pagina.get_by_role("button", name="Uitloggen").click()

    log_in(pagina, wethouder.username)
    pagina.goto(f"{url}{plan.get_absolute_url()}")
    pagina.get_by_role("button", name="Plan vaststellen").click()
    pagina.get_by_text("Actieplan Oosterheem 2019 is vastgesteld.").wait_for()
    assert pagina.get_by_test_id("planstatus").inner_text() == "vastgesteld"
    _controleer(pagina, "actieplan-vastgesteld")

    # On paper: no menu, no buttons, the goals and the afwegingskader stay.
    pagina.emulate_media(media="print")
    assert not pagina.locator(".ww-nav").is_visible()
    assert not pagina.get_by_role("button").first.is_visible()
    assert not pagina.get_by_text("is vastgesteld.").is_visible()  # the message is for the screen
    assert pagina.get_by_role(
        "heading", name="Afwegingskader: verwacht en gerealiseerd"
    ).is_visible()
    pagina.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    screenshot(pagina, "actieplan-print")
