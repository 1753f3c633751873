"""Two-step verification (wijkwerk.tweestaps): who is asked, enrolment with a QR code,
codes from the app and recovery codes, throttling, and what an unverified session reaches.

These tests use django.test.Client: the suite's own client (tests/conftest.py) verifies the
session on force_login, these start where the password step ended."""

import io
import re
from binascii import unhexlify
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import app_code, authenticator_app
from tests.factories import UserFactory
from tests.test_instellingen import PRODUCTIE, _manage
from wijkwerk import rollen as r
from wijkwerk.tweestaps import SESSIE_SLEUTEL

MOMENT = datetime(2026, 3, 2, 10, 0, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _ingelogd(user):
    client = Client()
    client.force_login(user)
    return client


def _code_bij(sleutel_hex, moment=None):
    totp = TOTP(unhexlify(sleutel_hex))
    if moment is not None:
        totp.time = moment.timestamp()
    return f"{totp.token():06d}"


def _inschrijven(client):
    """Enrolment through the pages; returns the recovery codes shown."""
    client.get("/tweestaps/instellen/")
    response = client.post(
        "/tweestaps/instellen/", {"code": _code_bij(client.session[SESSIE_SLEUTEL])}
    )
    assert response.status_code == 302
    return client.get(response["Location"]).context["codes"]


def test_wethouder_zonder_tweede_stap_gaat_naar_de_stap_en_terug(wethouder):
    client = _ingelogd(wethouder)
    response = client.get("/wijken/?jaar=2019")
    assert response.status_code == 302
    assert response["Location"] == "/tweestaps/?next=/wijken/%3Fjaar%3D2019"
    # Without an app yet: the enrolment, with the way back kept.
    response = client.get(response["Location"])
    assert response["Location"] == "/tweestaps/instellen/?next=%2Fwijken%2F%3Fjaar%3D2019"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.context["next"] == "/wijken/?jaar=2019"
    # The menu would only lead back here.
    assert response.context["navigatie"] == []


@pytest.mark.parametrize("pad", ["/", "/beheer/", "/beheer/auth/user/", "/budget/wachtrij/"])
def test_beheerder_zonder_tweede_stap_komt_nergens(beheerder, pad):
    response = _ingelogd(beheerder).get(pad)
    assert response.status_code == 302
    assert response["Location"].startswith("/tweestaps/?next=")


def test_zonder_tweede_stap_verandert_een_post_niets(beheerder, client):
    from django.contrib.auth.models import User

    gegevens = {"username": "nieuw", "password1": "Lang-genoeg-123", "password2": "Lang-genoeg-123"}
    response = _ingelogd(beheerder).post("/beheer/auth/user/add/", gegevens)
    assert response["Location"].startswith("/tweestaps/?next=")
    assert not User.objects.filter(username="nieuw").exists()
    # The same request from a verified session (the suite's client) does create the user.
    client.force_login(beheerder)
    assert client.post("/beheer/auth/user/add/", gegevens).status_code == 302
    assert User.objects.filter(username="nieuw").exists()


def test_opnieuw_instellen_voor_onbekende_gebruiker_weigert(db):
    with pytest.raises(CommandError, match="Er is geen gebruiker niemand"):
        call_command("tweestaps_opnieuw", "niemand", stdout=io.StringIO())


def test_uitloggen_kan_voor_de_tweede_stap(wethouder):
    client = _ingelogd(wethouder)
    assert client.post("/uitloggen/")["Location"] == "/inloggen/"
    assert client.get("/wijken/")["Location"].startswith("/inloggen/")


def test_instellen_toont_qr_code_en_sleutel_en_schrijft_niets(wethouder):
    client = _ingelogd(wethouder)
    response = client.get("/tweestaps/instellen/")
    html = response.content.decode()
    assert re.search(r'<img class="utrecht-img" src="data:image/svg\+xml[^"]+" alt="QR-code', html)
    # The same secret in text, in groups of four, for typing it in.
    geheim = response.context["geheim"]
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", geheim)
    assert geheim in html
    assert not TOTPDevice.objects.filter(user=wethouder).exists()
    # A reload shows the same secret: it lives in the session until confirmed.
    assert client.get("/tweestaps/instellen/").context["geheim"] == geheim


def test_instellen_met_verkeerde_code_weigert_in_het_nederlands(wethouder):
    client = _ingelogd(wethouder)
    client.get("/tweestaps/instellen/")
    response = client.post("/tweestaps/instellen/", {"code": "000000"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze code klopt niet" in html
    assert 'value="000000"' in html  # what was typed stays
    assert "Er is iets niet goed ingevuld" in html
    assert not TOTPDevice.objects.filter(user=wethouder, confirmed=True).exists()
    assert client.get("/wijken/").status_code == 302
    assert client.post("/tweestaps/instellen/", {"code": ""}).context["form"].errors == {
        "code": ["Vul de code in."]
    }


def test_instellen_met_goede_code_verifieert_en_toont_herstelcodes_eenmaal(wethouder):
    client = _ingelogd(wethouder)
    client.get("/tweestaps/instellen/?next=/wijken/")
    sleutel = client.session[SESSIE_SLEUTEL]
    response = client.post(
        "/tweestaps/instellen/", {"code": _code_bij(sleutel), "next": "/wijken/"}
    )
    assert response["Location"] == "/tweestaps/herstelcodes/?next=%2Fwijken%2F"
    app = TOTPDevice.objects.get(user=wethouder)
    assert app.confirmed and app.key == sleutel
    codes = client.get(response["Location"]).context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=wethouder).values_list("token", flat=True)
    )
    # Shown once: a reload goes on to the page the user was after.
    assert client.get("/tweestaps/herstelcodes/?next=/wijken/")["Location"] == "/wijken/"
    assert client.get("/wijken/").status_code == 200


def test_met_een_app_geen_nieuwe_instellen_zonder_code(wethouder):
    """Whoever has only the password cannot put their own app in place of the user's."""
    authenticator_app(wethouder)
    client = _ingelogd(wethouder)
    assert client.get("/tweestaps/instellen/")["Location"] == "/tweestaps/"
    response = client.post("/tweestaps/instellen/", {"code": "123456"})
    assert response["Location"] == "/tweestaps/"
    assert TOTPDevice.objects.filter(user=wethouder).count() == 1


def test_code_uit_de_app_verifieert(wethouder):
    app = authenticator_app(wethouder)
    # Frozen time: the session, the app's codes and the throttling share one clock.
    with time_machine.travel(MOMENT, tick=False) as klok:
        client = _ingelogd(wethouder)
        assert client.get("/tweestaps/").status_code == 200
        response = client.post("/tweestaps/", {"code": "999999", "next": "/wijken/"})
        assert response.status_code == 400
        assert "Deze code klopt niet" in response.content.decode()
        assert client.get("/wijken/").status_code == 302
        klok.shift(5)
        code = _code_bij(app.key, MOMENT + timedelta(seconds=5))
        response = client.post(
            "/tweestaps/", {"code": f"{code[:3]} {code[3:]}", "next": "/wijken/"}
        )
        assert response["Location"] == "/wijken/"
        assert client.get("/wijken/").status_code == 200
        # The same code never twice (another session, same app).
        assert _ingelogd(wethouder).post("/tweestaps/", {"code": code}).status_code == 400


def test_herstelcode_werkt_een_keer(wethouder):
    codes = _inschrijven(_ingelogd(wethouder))
    client = _ingelogd(wethouder)
    response = client.post("/tweestaps/", {"code": codes[0].upper()}, follow=True)
    assert response.status_code == 200
    assert "U heeft een herstelcode gebruikt. U heeft er nog 9." in response.content.decode()
    opnieuw = _ingelogd(wethouder).post("/tweestaps/", {"code": codes[0]})
    assert opnieuw.status_code == 400
    assert "Deze code klopt niet" in opnieuw.content.decode()


def test_verkeerde_codes_remmen_af(wethouder):
    """django-otp's throttling: after each wrong code the next try waits longer (1, 2, 4 …
    seconds), and during that wait even the right code is refused."""
    app = authenticator_app(wethouder)
    with time_machine.travel(MOMENT, tick=False) as klok:
        client = _ingelogd(wethouder)
        client.post("/tweestaps/", {"code": "000000"})
        response = client.post("/tweestaps/", {"code": _code_bij(app.key, MOMENT)})
        assert response.status_code == 400
        assert "te vaak een verkeerde code" in response.content.decode()
        assert response.context["geblokkeerd_tot"] == MOMENT + timedelta(seconds=1)
        assert "U kunt het weer proberen vanaf 10:00:01" in response.content.decode()
        app.refresh_from_db()
        assert app.throttling_failure_count == 1
        klok.shift(2)
        response = client.post(
            "/tweestaps/", {"code": _code_bij(app.key, MOMENT + timedelta(seconds=2))}
        )
        assert response.status_code == 302
    app.refresh_from_db()
    assert app.throttling_failure_count == 0


def test_regisseur_wordt_niet_gevraagd_tenzij_ingesteld(regisseur_a, settings):
    assert _ingelogd(regisseur_a).get("/wijken/").status_code == 200
    assert _ingelogd(regisseur_a).get("/tweestaps/")["Location"] == "/"
    settings.TWEESTAPS_ROLLEN = [r.REGISSEUR, r.WETHOUDER, r.BEHEERDER]
    assert _ingelogd(regisseur_a).get("/wijken/")["Location"] == "/tweestaps/?next=/wijken/"


def test_demo_accounts_slaan_over_alleen_met_de_vlag(maak_wethouder, settings):
    demo = maak_wethouder("paalvast", "Paalvast", "oosterheem")
    demo.email = "paalvast@demo.wijkwerk.invalid"
    demo.save()
    echt = UserFactory(username="t-beheer", rol=r.BEHEERDER, is_staff=True)
    assert _ingelogd(demo).get("/wijken/").status_code == 302
    settings.TWEESTAPS_DEMO_OVERSLAAN = True
    assert _ingelogd(demo).get("/wijken/").status_code == 200
    assert _ingelogd(echt).get("/wijken/").status_code == 302


def test_de_vlag_weigert_buiten_ontwikkeling():
    env = {**PRODUCTIE, "DATABASE_URL": "postgres://x:y@127.0.0.1:1/x"}
    result = _manage("check", extra_env={**env, "TWEESTAPS_DEMO_OVERSLAAN": "true"})
    assert result.returncode != 0
    assert "TWEESTAPS_DEMO_OVERSLAAN" in result.stderr


def test_onbekende_rol_in_tweestaps_rollen_weigert():
    result = _manage("check", extra_env={"TWEESTAPS_ROLLEN": "beheerder,wethouders"})
    assert result.returncode != 0
    assert "wethouders" in result.stderr


def test_volgende_pagina_alleen_op_deze_site(wethouder):
    app = authenticator_app(wethouder)
    client = _ingelogd(wethouder)
    response = client.post("/tweestaps/", {"code": app_code(app), "next": "https://kwaad.example/"})
    assert response["Location"] == "/"


def test_opnieuw_instellen_met_commando(wethouder):
    _inschrijven(_ingelogd(wethouder))
    call_command("tweestaps_opnieuw", wethouder.username, stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=wethouder).exists()
    assert not StaticDevice.objects.filter(user=wethouder).exists()
    client = _ingelogd(wethouder)
    assert client.get("/tweestaps/")["Location"] == "/tweestaps/instellen/"


@pytest.mark.django_db(transaction=True)
def test_de_benchmark_haalt_de_tweede_stap(referentie, live_server):
    """make bench logs in eight clients of one beheerder at once, each with a recovery code."""
    from urllib.parse import urlsplit

    from wijkwerk.management.commands.bench import BENCH_USER, Command, Sessie

    Command()._bench_gebruiker()
    sessies = [Sessie(urlsplit(live_server.url).port) for _ in range(2)]
    for sessie in sessies:
        sessie.log_in(BENCH_USER)
        status, _, _ = sessie.verzoek("GET", "/wijken/")
        assert status == 200
