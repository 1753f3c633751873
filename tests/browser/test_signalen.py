"""Signalen in real Chromium: quick log on a phone, live filtering, axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from signalen import acties
from signalen.models import Signaal, Thema
from tests.browser.test_paginas import _controleer
from tests.conftest import log_in, screenshot
from wijken.models import Wijk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signaal(wijk, omschrijving, thema="jeugd", **velden):
    return acties.maak_signaal(
        door=None,
        wijk=Wijk.objects.get(slug=wijk),
        thema=Thema.objects.get(naam=thema),
        omschrijving=omschrijving,
        **velden,
    )[0]


def test_snel_vastleggen_op_telefoon(pagina, regisseur_a):
    pagina.set_viewport_size({"width": 360, "height": 740})
    log_in(pagina, "t-regisseur-a")
    pagina.get_by_role("link", name="Signalen", exact=True).click()
    pagina.get_by_role("link", name="Signaal vastleggen").click()
    pagina.wait_for_url("**/signalen/nieuw/")
    assert pagina.get_by_label("Wijk", exact=True).input_value() == str(
        Wijk.objects.get(slug="oosterheem").pk
    )
    # Missing omschrijving: a Dutch message, nothing saved, the choice kept.
    pagina.get_by_label("Thema").select_option(label="jeugd")
    pagina.get_by_role("button", name="Signaal opslaan").click()
    pagina.get_by_text("Beschrijf kort wat er speelt.").first.wait_for()
    assert pagina.get_by_label("Thema").input_value() == str(Thema.objects.get(naam="jeugd").pk)
    # The swap shows the message: on a phone the button is far below the form's top.
    expect(pagina.locator(".ww-foutoverzicht")).to_be_in_viewport()
    _controleer(pagina, "signaal-nieuw-fout")
    pagina.set_viewport_size({"width": 360, "height": 740})

    pagina.get_by_label("Wat ziet of hoort u?").fill(
        "Jongeren zoeken een trapveldje bij de school."
    )
    pagina.get_by_role("button", name="Signaal opslaan").click()
    pagina.get_by_text("Signaal opgeslagen").wait_for()
    expect(pagina.get_by_text("Signaal opgeslagen")).to_be_in_viewport()
    # htmx swapped the form: same page, empty and ready, the new one in the list.
    assert pagina.url.endswith("/signalen/nieuw/")
    assert pagina.get_by_label("Wat ziet of hoort u?").input_value() == ""
    assert pagina.get_by_label("Thema").input_value() == ""
    assert pagina.get_by_text("Jongeren zoeken een trapveldje").is_visible()
    screenshot(pagina, "signaal-snel-telefoon")

    pagina.get_by_label("Thema").select_option(label="veiligheid")
    pagina.get_by_label("Wat ziet of hoort u?").fill("Te hard rijden in de Oosterheemlaan.")
    pagina.get_by_role("button", name="Signaal opslaan").click()
    pagina.get_by_text("Te hard rijden in de Oosterheemlaan.").wait_for()
    assert Signaal.objects.count() == 2
    _controleer(pagina, "signaal-nieuw")


def test_volgende_pagina_op_telefoon_begint_bovenaan(pagina, groene_loper):
    """The next page is swapped in at the bottom of a long list: it must show its top."""
    for i in range(30):
        _signaal("oosterheem", f"Signaal nummer {i} over de speeltuin.")
    pagina.set_viewport_size({"width": 360, "height": 740})
    log_in(pagina, "t-groeneloper")
    pagina.goto(f"{pagina.live_server.url}/signalen/")
    pagina.get_by_role("link", name="Volgende pagina").click()
    pagina.wait_for_url(re.compile(r"na="))
    pagina.get_by_role("link", name="Terug naar de nieuwste").wait_for()
    expect(pagina.locator("#resultaten-kop")).to_be_in_viewport()
    assert "Signaal nummer 4 " in pagina.locator("#resultaten").inner_text()


def test_live_filteren_en_terug(pagina, groene_loper):
    _signaal("oosterheem", "Kapotte schommel in de speeltuin.")
    _signaal("seghwaert", "Hangjongeren bij het winkelcentrum.", thema="veiligheid")
    _signaal("noordhove", "Eenzame ouderen in de flat.", thema="eenzaamheid")
    log_in(pagina, "t-groeneloper")
    pagina.goto(f"{pagina.live_server.url}/signalen/")
    kaartjes = pagina.locator("#resultaten .ww-signaal")
    assert kaartjes.count() == 3

    # Typing filters without pressing a button; the URL follows.
    pagina.get_by_label("Zoeken in de omschrijving").press_sequentially("speeltuinen")
    pagina.wait_for_url(re.compile(r"q=speeltuinen"))
    pagina.wait_for_function("document.querySelectorAll('#resultaten .ww-signaal').length === 1")
    assert "Kapotte schommel" in kaartjes.first.inner_text()
    screenshot(pagina, "signalen-live-zoeken")

    pagina.get_by_label("Zoeken in de omschrijving").fill("")
    assert not pagina.get_by_label("Wijk").is_visible()  # folded until asked for
    pagina.get_by_text("Meer filters").click()
    pagina.get_by_label("Wijk").select_option(label="Seghwaert")
    pagina.wait_for_url(re.compile(r"wijk=seghwaert"))
    pagina.wait_for_function("document.querySelectorAll('#resultaten .ww-signaal').length === 1")
    assert "Hangjongeren" in kaartjes.first.inner_text()
    screenshot(pagina, "signalen-live-wijk")

    # The back button returns to the previous filter.
    pagina.go_back()
    pagina.wait_for_url(re.compile(r"q=speeltuinen"))
    pagina.wait_for_function("document.querySelectorAll('#resultaten .ww-signaal').length === 1")
    assert "Kapotte schommel" in kaartjes.first.inner_text()

    # A shared link opens with the filter applied, also without htmx.
    pagina.goto(f"{pagina.live_server.url}/signalen/?wijk=noordhove")
    assert kaartjes.count() == 1 and "Eenzame ouderen" in kaartjes.first.inner_text()
    assert pagina.get_by_label("Wijk").is_visible()  # a filter in use is shown
    # axe last: its checks leave traces in the DOM that htmx's history snapshot would keep.
    _controleer(pagina, "signalen-gefilterd")
    pagina.goto(f"{pagina.live_server.url}/signalen/")
    _controleer(pagina, "signalen-lijst")


def test_detail_overgang_en_signalering(pagina, regisseur_a):
    s = _signaal("oosterheem", "Mevrouw Jansen vereenzaamt.", bevat_persoonsgegevens=True)
    Signaal.objects.filter(pk=s.pk).update(streefdatum="2020-01-01")
    log_in(pagina, "t-regisseur-a")
    pagina.goto(f"{pagina.live_server.url}/signalen/{s.pk}/")
    _controleer(pagina, "signaal-detail")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("Afsluiten zonder oplossing").check()
    pagina.get_by_role("button", name="Status opslaan").click()
    assert pagina.get_by_text("Schrijf op waarom").first.is_visible()
    _controleer(pagina, "signaal-detail-fout")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("In behandeling nemen").check()
    pagina.get_by_role("button", name="Status opslaan").click()
    assert pagina.get_by_text("De status is nu ‘in behandeling’.").is_visible()
    pagina.get_by_label("Nieuwe notitie").fill("Gebeld met de buurvrouw.")
    pagina.get_by_role("button", name="Notitie toevoegen").click()
    assert pagina.get_by_text("Gebeld met de buurvrouw.").is_visible()
    pagina.goto(f"{pagina.live_server.url}/signalen/signalering/")
    assert pagina.get_by_role("link", name="Oosterheem", exact=True).is_visible()
    _controleer(pagina, "signalering")


def test_gegevens_wijzigen(pagina, regisseur_a):
    s = _signaal("oosterheem", "Mevrouw Jansen vereenzaamt.", bevat_persoonsgegevens=True)
    log_in(pagina, "t-regisseur-a")
    pagina.goto(f"{pagina.live_server.url}/signalen/{s.pk}/")
    pagina.get_by_role("link", name="Gegevens wijzigen").click()
    pagina.wait_for_url(f"**/signalen/{s.pk}/wijzigen/")
    _controleer(pagina, "signaal-wijzigen")
    # A date in the future: the summary at the top, the message at the field, input kept.
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("Gemeld door").fill("de buurvrouw")
    pagina.get_by_label("Waargenomen op").fill("2999-01-01")
    pagina.get_by_role("button", name="Gegevens opslaan").click()
    assert pagina.get_by_text("Er is iets niet goed ingevuld").is_visible()
    assert pagina.get_by_label("Gemeld door").input_value() == "de buurvrouw"
    _controleer(pagina, "signaal-wijzigen-fout")
    pagina.set_viewport_size({"width": 1280, "height": 900})
    pagina.get_by_label("Waargenomen op").fill("2025-01-02")
    pagina.get_by_label("Regie bij").select_option(label="gemeente")
    pagina.get_by_label("Afdeling van de gemeente").fill("Sociaal Domein")
    pagina.get_by_role("button", name="Gegevens opslaan").click()
    assert pagina.get_by_text("Gegevens opgeslagen.").is_visible()
    assert pagina.get_by_text("gemeente, afdeling Sociaal Domein").is_visible()
    assert pagina.get_by_text("Gegevens gewijzigd: waargenomen op, gemeld door").is_visible()
    # With the regie known, the signal can be passed on.
    pagina.get_by_label("Doorzetten naar wie de regie heeft").check()
    pagina.get_by_role("button", name="Status opslaan").click()
    assert pagina.get_by_text("De status is nu ‘doorgezet’.").is_visible()


def test_beheerder_leest_inzagelog(pagina, beheerder):
    s = _signaal("seghwaert", "Meneer De Vries heeft hulp nodig.", bevat_persoonsgegevens=True)
    log_in(pagina, "t-beheerder")
    pagina.goto(f"{pagina.live_server.url}/signalen/{s.pk}/")
    assert pagina.get_by_text("Meneer De Vries heeft hulp nodig.").is_visible()
    pagina.goto(f"{pagina.live_server.url}/signalen/inzagelog/")
    assert pagina.get_by_role("link", name=f"Signaal {s.pk}").is_visible()
    _controleer(pagina, "inzagelog")


def test_anderen_zien_afgeschermd_signaal(pagina, wethouder):
    s = _signaal("oosterheem", "Mevrouw Jansen vereenzaamt.", bevat_persoonsgegevens=True)
    log_in(pagina, "t-paalvast")
    pagina.goto(f"{pagina.live_server.url}/signalen/{s.pk}/")
    assert pagina.get_by_text("Afgeschermd").first.is_visible()
    assert pagina.get_by_text("Mevrouw Jansen").count() == 0
    _controleer(pagina, "signaal-detail-afgeschermd")
    pagina.goto(f"{pagina.live_server.url}/wijken/oosterheem/")
    assert pagina.get_by_role("heading", name="Signalen").is_visible()
    _controleer(pagina, "dossier-met-signalen")


@pytest.fixture
def regisseur_d(referentie):
    """Regisseur of Buytenwegh, De Leyens and Rokkeveen: wijken with their own focuspunten."""
    from tests.factories import UserFactory
    from wijken.models import Wijkregisseur
    from wijkwerk import rollen as r

    user = UserFactory(username="t-regisseur-d", rol=r.REGISSEUR)
    Wijkregisseur.objects.filter(naam="Wijkregisseur D").update(gebruiker=user)
    return user


def _opties(pagina):
    return set(
        pagina.locator("#id_focuspunt option").evaluate_all("os => os.map(o => o.textContent)")
    )


def _titels(slug):
    from wijken.models import Focuspunt

    return {"Geen focuspunt"} | {str(f) for f in Focuspunt.objects.filter(wijken__slug=slug)}


def test_focuspunten_volgen_de_gekozen_wijk(pagina, regisseur_d):
    """Point 12: only the chosen wijk's focuspunten, swapped in when the wijk changes."""
    log_in(pagina, "t-regisseur-d")
    pagina.goto(f"{pagina.live_server.url}/signalen/nieuw/")
    pagina.get_by_text("Meer gegevens (niet verplicht)").click()
    assert _opties(pagina) == _titels("buytenwegh")
    pagina.get_by_label("Wijk", exact=True).select_option(label="Rokkeveen")
    expect(pagina.locator("#id_focuspunt option")).to_have_count(len(_titels("rokkeveen")))
    assert _opties(pagina) == _titels("rokkeveen")
    vereenzaming = next(t for t in _titels("rokkeveen") if "vereenzaming" in t)
    pagina.get_by_label("Hoort bij focuspunt").select_option(label=vereenzaming)
    screenshot(pagina, "signaal-focuspunt-per-wijk")
    pagina.get_by_label("Thema").select_option(label="eenzaamheid")
    pagina.get_by_label("Wat ziet of hoort u?").fill("Ouderen komen niet meer naar de soos.")
    pagina.get_by_role("button", name="Signaal opslaan").click()
    pagina.get_by_text("Signaal opgeslagen").wait_for()
    s = Signaal.objects.get()
    assert (s.wijk.slug, vereenzaming) == ("rokkeveen", str(s.focuspunt))
    # The fresh form is for the same wijk: its focuspunten, none chosen.
    assert _opties(pagina) == _titels("rokkeveen")
    assert pagina.get_by_label("Hoort bij focuspunt").input_value() == ""
    _controleer(pagina, "signaal-focuspunt-na-opslaan")


def test_focus_naar_foutoverzicht_en_melding(pagina, regisseur_a):
    """Point 16: after an error the focus is on the error summary, after saving on the
    message; a keyboard user goes on from there, not from the menu."""
    log_in(pagina, "t-regisseur-a")
    pagina.goto(f"{pagina.live_server.url}/signalen/nieuw/")
    pagina.get_by_role("button", name="Signaal opslaan").click()
    fout = pagina.locator(".ww-foutoverzicht")
    expect(fout).to_be_focused()
    expect(fout).to_contain_text("Beschrijf kort wat er speelt.")
    screenshot(pagina, "signaal-focus-foutoverzicht")
    # Tab goes on inside the summary: to the first link to a field.
    pagina.keyboard.press("Tab")
    expect(pagina.locator(".ww-foutoverzicht a").first).to_be_focused()
    pagina.get_by_label("Thema").select_option(label="jeugd")
    pagina.get_by_label("Wat ziet of hoort u?").fill("Jongeren hangen bij het winkelcentrum.")
    pagina.get_by_role("button", name="Signaal opslaan").click()
    melding = pagina.locator(".utrecht-alert--ok", has_text="Signaal opgeslagen")
    expect(melding).to_be_focused()
    screenshot(pagina, "signaal-focus-opgeslagen")

    # The status form: the app's own messages (novalidate), the summary focused.
    signaal = Signaal.objects.get()
    pagina.goto(f"{pagina.live_server.url}{signaal.get_absolute_url()}")
    assert pagina.locator("form[action$='/status/']").get_attribute("novalidate") == ""
    pagina.get_by_role("button", name="Status opslaan").click()
    fout = pagina.locator(".ww-foutoverzicht")
    expect(fout).to_be_focused()
    expect(fout).to_contain_text("Kies wat u met het signaal wilt doen.")
    # The summary's link leads to the first choice.
    pagina.locator(".ww-foutoverzicht a", has_text="Wat wilt u doen:").click()
    expect(pagina.locator("#id_naar_0")).to_be_focused()
    screenshot(pagina, "signaal-status-foutoverzicht")
    pagina.get_by_label("In behandeling nemen").check()
    pagina.get_by_role("button", name="Status opslaan").click()
    expect(pagina.locator(".ww-meldingen")).to_be_focused()
    expect(pagina.locator(".ww-meldingen")).to_contain_text("De status is nu ‘in behandeling’.")
    _controleer(pagina, "signaal-status-opgeslagen")


def test_focus_zonder_javascript(browser, live_server, regisseur_a):
    """Without JavaScript the quick log posts and redirects: the message is focused there."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    pagina = context.new_page()
    pagina.live_server = live_server
    try:
        log_in(pagina, "t-regisseur-a")
        pagina.goto(f"{live_server.url}/signalen/nieuw/")
        pagina.get_by_role("button", name="Signaal opslaan").click()
        expect(pagina.locator(".ww-foutoverzicht")).to_be_focused()
        pagina.get_by_label("Thema").select_option(label="jeugd")
        pagina.get_by_label("Wat ziet of hoort u?").fill("Fietsen op de stoep bij de school.")
        pagina.get_by_role("button", name="Signaal opslaan").click()
        expect(pagina.locator(".ww-meldingen")).to_be_focused()
        expect(pagina.locator(".ww-meldingen")).to_contain_text("Signaal opgeslagen")
        screenshot(pagina, "signaal-focus-zonder-js")
    finally:
        context.close()
