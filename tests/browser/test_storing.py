"""The quick log during a real database outage, in Chromium: nothing the user typed is lost.
With htmx the form stays as filled with the 503 message beside it; without JavaScript the
browser's Back (once the database is back) returns to the filled form."""

import pytest

from tests.conftest import axe_schendingen, screenshot
from tests.storing import storingsapp  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPTE = "Lantaarnpaal bij het Oosterheemplein brandt al een week niet."


@pytest.fixture
def tabblad(browser, request):
    """A tab on the app server of tests/storing.py, with or without JavaScript."""

    def maak(javascript=True):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, locale="nl-NL", java_script_enabled=javascript
        )
        request.addfinalizer(context.close)
        page = context.new_page()
        page.set_default_timeout(10_000)
        csp = []
        page.on("console", lambda m: csp.append(m.text) if "Content Security" in m.text else 0)

        def geen_csp_schendingen():
            assert not csp, f"CSP-schendingen: {csp}"

        request.addfinalizer(geen_csp_schendingen)
        return page

    return maak


def _vul_in(page, app):
    page.goto(f"{app.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("t-regisseur-a")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{app.url}/")
    page.goto(f"{app.url}/signalen/nieuw/")
    page.get_by_label("Thema").select_option(label="veiligheid")
    page.get_by_label("Wat ziet of hoort u?").fill(TYPTE)


def _opgeslagen(app) -> str:
    return app.database.sql(f"SELECT count(*) FROM signalen_signaal WHERE omschrijving = '{TYPTE}'")


def test_htmx_houdt_het_formulier_en_meldt_de_storing(regisseur_a, storingsapp, tabblad):  # noqa: F811
    app, page = storingsapp, tabblad()
    _vul_in(page, app)
    app.database.stop()
    page.get_by_role("button", name="Signaal opslaan").click()
    melding = page.get_by_role("alert")
    melding.get_by_text("Wijkwerk is tijdelijk niet beschikbaar").wait_for()
    assert "Probeer het over een minuut opnieuw" in melding.inner_text()
    assert "Wat u verstuurde, is nog niet opgeslagen" in melding.inner_text()
    # Beside the form, which htmx left as it was: same page, everything still filled in.
    assert page.url == f"{app.url}/signalen/nieuw/"
    assert page.locator("#snellog .ww-storing + form").count() == 1
    assert page.get_by_label("Wat ziet of hoort u?").input_value() == TYPTE
    assert page.get_by_label("Thema").locator("option:checked").inner_text() == "veiligheid"
    assert not axe_schendingen(page)
    screenshot(page, "storing-htmx-telefoon")
    # A second try during the outage shows the message once, not twice.
    page.get_by_role("button", name="Signaal opslaan").click()
    page.wait_for_timeout(500)
    assert page.locator(".ww-storing").count() == 1
    # The 503 page itself, in a second tab (axe needs JavaScript, the test below has none).
    pagina_503 = page.context.new_page()
    assert pagina_503.goto(f"{app.url}/signalen/").status == 503
    assert not axe_schendingen(pagina_503)
    pagina_503.close()

    app.database.start()
    page.get_by_role("button", name="Signaal opslaan").click()
    page.get_by_text("Signaal opgeslagen").wait_for()
    assert page.locator(".ww-storing").count() == 0
    assert _opgeslagen(app) == "1"


def test_zonder_javascript_brengt_vorige_het_ingevulde_formulier_terug(
    regisseur_a,
    storingsapp,  # noqa: F811
    tabblad,
):
    app, page = storingsapp, tabblad(javascript=False)
    _vul_in(page, app)
    app.database.stop()
    page.get_by_role("button", name="Signaal opslaan").click()
    page.get_by_role("heading", name="Tijdelijk niet beschikbaar").wait_for()
    assert "Wat u verstuurde, is nog niet opgeslagen" in page.inner_text("main")
    assert "Ga dan met de knop Vorige van uw browser terug" in page.inner_text("main")
    screenshot(page, "storing-zonder-javascript")

    app.database.start()
    page.go_back()
    assert page.get_by_label("Wat ziet of hoort u?").input_value() == TYPTE
    page.get_by_role("button", name="Signaal opslaan").click()
    page.get_by_text("Signaal opgeslagen").wait_for()
    assert _opgeslagen(app) == "1"
