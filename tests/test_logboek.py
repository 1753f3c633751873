"""The access log (one JSON line per request, nothing of what was sent), the request id in the
header and on the error pages, and no-store on every answer to a browser with a session."""

import io
import json
import logging
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from initiatieven.acties import status_url
from signalen.models import Thema
from tests.initiatieven.conftest import nieuw_initiatief
from tests.initiatieven.test_intake import formulier as intake_formulier
from tests.signalen.conftest import maak_signaal, prive_signaal  # noqa: F401
from wijken.models import Wijk

WACHTWOORD = "geheim-wachtwoord-123"
UUID = "3f2b8c1e-9d4a-4e6b-8a7c-1f0e2d3c4b5a"


@pytest.fixture
def logregels():
    """The lines the configured JSON formatter writes (LOGGING in settings), of every logger
    that reaches the console, as parsed JSON objects."""
    root = logging.getLogger()
    formatter = next(h.formatter for h in root.handlers if isinstance(h.formatter, JsonFormatter))
    uit = io.StringIO()
    handler = logging.StreamHandler(uit)
    handler.setFormatter(formatter)
    root.addHandler(handler)

    def regels():
        return [json.loads(regel) for regel in uit.getvalue().splitlines()]

    regels.tekst = uit.getvalue
    yield regels
    root.removeHandler(handler)


def test_een_regel_per_verzoek_met_id_gebruiker_route_status_duur(client, regisseur_a, logregels):
    client.force_login(regisseur_a)
    response = client.get(reverse("signalen:lijst"))
    assert response.status_code == 200
    [regel] = logregels()
    assert regel["logger"] == "wijkwerk.verzoek" and regel["level"] == "INFO"
    assert regel["request_id"] == response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", regel["request_id"])
    assert regel["user_id"] == regisseur_a.pk
    assert (regel["method"], regel["route"], regel["status"]) == ("GET", "signalen:lijst", 200)
    assert 0 < regel["duration_ms"] < 60_000
    assert "timestamp" in regel
    assert regisseur_a.username not in logregels.tekst()


def test_verzonden_wachtwoord_email_en_tekst_staan_niet_in_het_log(client, regisseur_a, logregels):
    assert client.post(
        reverse("login"), {"username": "t-regisseur-a", "password": WACHTWOORD}
    ).status_code == (302)
    data = {
        "wijk": Wijk.objects.get(slug="oosterheem").pk,
        "thema": Thema.objects.get(naam="eenzaamheid").pk,
        "omschrijving": "Mevrouw Jansen op nummer 12 vereenzaamt.",
        "gemeld_door": "buurvrouw Pietersen",
        "idempotentie_token": UUID,
    }
    assert client.post(reverse("signalen:nieuw"), data).status_code == 302
    client.logout()
    intake = intake_formulier(contact_email="inwoner.jansen@example.nl", contact_naam="Jansen")
    assert client.post(reverse("initiatieven:indienen"), intake).status_code == 302
    # A status link carries its token in the path: the log names the route, not the path.
    token = status_url(nieuw_initiatief()).rstrip("/").rsplit("/", 1)[-1]
    assert client.get(reverse("initiatieven:status", args=[token])).status_code == 200

    tekst = logregels.tekst()
    for geheim in (WACHTWOORD, "Jansen", "Pietersen", "inwoner.jansen", "@example", token):
        assert geheim not in tekst
    routes = [r["route"] for r in logregels() if r["logger"] == "wijkwerk.verzoek"]
    assert routes == ["login", "signalen:nieuw", "initiatieven:indienen", "initiatieven:status"]


def test_weigering_is_een_regel_zonder_traceback_met_de_id_op_de_pagina(
    client, regisseur_a, logregels, capsys
):
    client.force_login(regisseur_a)
    response = client.get(reverse("budget:wachtrij"))
    assert response.status_code == 403
    # Only the access log: Django's own line (django.request) would say it a second time.
    [regel] = logregels()
    assert "Forbidden" not in capsys.readouterr().err
    assert (regel["status"], regel["level"], regel["user_id"]) == (403, "WARNING", regisseur_a.pk)
    assert "exc_info" not in regel
    assert f"Noem dan deze code: {response['X-Request-ID']}." in response.content.decode()


def test_niet_gevonden_heeft_de_id_op_de_pagina(client, regisseur_a, logregels):
    client.force_login(regisseur_a)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert f"Noem dan deze code: {response['X-Request-ID']}." in response.content.decode()
    [regel] = logregels()
    assert (regel["status"], regel["route"]) == (404, None)


def test_serverfout_logt_de_traceback_in_dezelfde_regel(settings, referentie, logregels):
    settings.ROOT_URLCONF = "tests.urls_fouten"
    client = Client(raise_request_exception=False)
    response = client.get("/test/stuk/", HTTP_X_REQUEST_ID=UUID)
    assert response.status_code == 500
    assert response["X-Request-ID"] == UUID
    tekst = response.content.decode()
    assert "Er ging iets mis" in tekst and f"Noem dan deze code: {UUID}." in tekst
    [regel] = logregels()
    assert (regel["status"], regel["level"], regel["route"]) == (500, "ERROR", "test_stuk")
    assert regel["request_id"] == UUID
    assert "Traceback" in regel["exc_info"] and "ValueError: stuk in de test" in regel["exc_info"]


@pytest.mark.parametrize(
    "kop", ["<script>alert(1)</script>", "abc", "a" * 65, "3f2b8c1e 9d4a", "g" * 32]
)
def test_onveilige_verzoek_id_wordt_vervangen(client, referentie, kop):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID=kop)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_verzoek_id_van_de_proxy_blijft(client, referentie):
    for kop in (UUID, "0123456789abcdef0123456789abcdef"):
        assert client.get(reverse("healthz"), HTTP_X_REQUEST_ID=kop)["X-Request-ID"] == kop


# --- Cache-Control ---------------------------------------------------------------------


def _niet_bewaard(response):
    assert "no-store" in response["Cache-Control"], response.get("Cache-Control")
    assert "private" in response["Cache-Control"]


def test_ingelogd_wordt_niets_bewaard(client, regisseur_a, beheerder, prive_signaal):  # noqa: F811
    call_command("laad_budget", stdout=io.StringIO())
    initiatief = nieuw_initiatief()
    client.force_login(regisseur_a)
    for url in (
        reverse("start"),
        reverse("signalen:lijst"),
        reverse("signalen:detail", args=[prive_signaal.pk]),
        reverse("signalen:nieuw"),
        reverse("signalen:export"),
        reverse("initiatieven:detail", args=[initiatief.referentie]),
        reverse("wijken:overzicht"),
        reverse("budget:export_boekingen", args=[2019]),
        reverse("budget:export_voorstellen", args=[2019]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _niet_bewaard(response)
    # An htmx partial and a refusal too.
    _niet_bewaard(client.get(reverse("signalen:lijst"), HTTP_HX_REQUEST="true"))
    _niet_bewaard(client.get(reverse("budget:wachtrij")))
    client.force_login(beheerder)
    _niet_bewaard(client.get(reverse("signalen:inzagelog")))
    _niet_bewaard(client.get(reverse("admin:index")))


def test_openbare_statuspagina_wordt_niet_bewaard(client, referentie):
    response = client.get(status_url(nieuw_initiatief()).split("8000", 1)[-1])
    assert response.status_code == 200
    _niet_bewaard(response)


def test_statische_bestanden_houden_hun_cache_ook_met_sessie(settings, client, regisseur_a):
    settings.WHITENOISE_USE_FINDERS = True
    client.force_login(regisseur_a)
    response = Client(headers={"Cookie": f"sessionid={client.session.session_key}"}).get(
        "/static/css/wijkwerk.css"
    )
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]
