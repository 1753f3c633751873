"""While the database is away every page answers the Dutch 503 with Retry-After, whatever part
of the request met the outage; after the restart everything works again and what was sent
during the outage can be sent again and is stored once. A real outage: the app server's own
PostgreSQL is stopped (tests/storing.py)."""

import re
import time

from initiatieven.acties import status_url
from signalen.models import Thema
from tests.initiatieven.conftest import nieuw_initiatief
from tests.storing import storingsapp  # noqa: F401
from wijken.models import Wijk

TYPTE = "Losliggende stoeptegels bij de Oosterheemlaan, buurman struikelde."
WACHTWOORD = "geheim-wachtwoord-123"


def _niet_beschikbaar(antwoord, verstuurd=False):
    assert antwoord.status == 503, (antwoord.status, antwoord.tekst[:300])
    assert antwoord.headers["Retry-After"] == "60"
    assert "no-store" in antwoord.headers["Cache-Control"]
    assert "Wijkwerk is tijdelijk niet beschikbaar" in antwoord.tekst
    assert "Probeer het over een minuut opnieuw" in antwoord.tekst
    assert ("Wat u verstuurde, is nog niet opgeslagen" in antwoord.tekst) == verstuurd
    # The id the user can quote, as in the header and the log.
    assert f"noem dan deze code: {antwoord.headers['X-Request-ID']}" in antwoord.tekst.lower()


def _formulier(browser) -> dict:
    pagina = browser.get("/signalen/nieuw/")
    assert pagina.status == 200
    token = re.search(r'name="idempotentie_token" value="([^"]+)"', pagina.tekst).group(1)
    return {
        "wijk": Wijk.objects.get(slug="oosterheem").pk,
        "thema": Thema.objects.get(naam="veiligheid").pk,
        "omschrijving": TYPTE,
        "idempotentie_token": token,
    }


def test_database_weg_geeft_503_en_daarna_werkt_alles(regisseur_a, storingsapp):  # noqa: F811
    initiatief = nieuw_initiatief()
    app, db = storingsapp, storingsapp.database
    regisseur = app.browser()
    regisseur.log_in("t-regisseur-a")
    formulier = _formulier(regisseur)

    # The outage comes after the session was read, and meets its save (Django's
    # SessionInterrupted, which was a 400 "Maak uw tekst korter").
    _niet_beschikbaar(regisseur.get("/test/database-weg/"))
    start = time.monotonic()

    _niet_beschikbaar(regisseur.get("/signalen/"))
    _niet_beschikbaar(regisseur.post("/signalen/nieuw/", formulier), verstuurd=True)
    htmx = regisseur.post("/signalen/nieuw/", formulier, **{"HX-Request": "true"})
    _niet_beschikbaar(htmx, verstuurd=True)
    # What static/js/wijkwerk.js puts beside the form.
    assert 'class="utrecht-alert utrecht-alert--error ww-storing" role="alert"' in htmx.tekst
    inwoner = app.browser()
    _niet_beschikbaar(inwoner.get("/initiatief/"))
    _niet_beschikbaar(inwoner.get(status_url(initiatief).split("8000", 1)[-1]))
    _niet_beschikbaar(inwoner.post("/inloggen/", {"username": "x", "password": WACHTWOORD}), True)
    assert inwoner.get("/healthz").status == 503
    # A page that needs no database still works.
    assert inwoner.get("/").status == 200

    db.start()
    assert regisseur.get("/healthz").status == 200
    assert regisseur.get("/signalen/").status == 200
    # Sent again as it was typed (the browser's Back, or the htmx form that stayed): stored,
    # and once, though it was sent three times.
    assert regisseur.post("/signalen/nieuw/", formulier).status == 302
    assert regisseur.post("/signalen/nieuw/", formulier).status == 302
    aantal = db.sql(f"SELECT count(*) FROM signalen_signaal WHERE omschrijving = '{TYPTE}'")
    assert aantal == "1"
    assert time.monotonic() - start < 30

    # One JSON line per request, with the reason of the 503s and nothing that was sent.
    log = app.log.read_text()
    # Not Django's own line besides it (django.request).
    assert not re.search(r"^(Bad Request|Service Unavailable|Internal Server Error)", log, re.M)
    regels = app.logregels()
    assert all(r["logger"] == "wijkwerk.verzoek" for r in regels), regels
    storing = [r for r in regels if r["status"] == 503]
    assert len(storing) == 8
    for r in storing:
        if r["route"] != "healthz":
            assert "OperationalError" in r["error"] and "exc_info" not in r, r
    assert {r["route"] for r in storing} >= {"signalen:lijst", "signalen:nieuw", "healthz"}
    assert "Stoeptegels" not in log and "stoeptegels" not in log
    assert WACHTWOORD not in log
