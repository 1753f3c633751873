import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def gebruiker(db):
    return UserFactory(username="inge")


def _login(client, wachtwoord, username="inge"):
    return client.post("/inloggen/", {"username": username, "password": wachtwoord})


def test_inloggen_en_uitloggen(client, gebruiker):
    response = _login(client, "geheim-wachtwoord-123")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.get("/uitloggen/").status_code == 405  # logging out never happens on GET
    assert client.post("/uitloggen/").status_code == 302
    assert client.get("/wijken/")["Location"].startswith("/inloggen/")
    assert "Inloggen voor medewerkers" in client.get("/").content.decode()  # the front door


def test_fout_wachtwoord_zegt_niet_welk_deel_fout_is(client, gebruiker):
    response = _login(client, "verkeerd")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in tekst
    onbekend = _login(client, "verkeerd", username="bestaat-niet").content.decode()
    # Same message for an unknown user: nothing reveals which part was wrong.
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in onbekend


def test_blokkade_na_vijf_fouten_per_gebruiker_en_adres(gebruiker):
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(4):
        assert _login(client, "verkeerd").status_code == 200
    geblokkeerd = _login(client, "verkeerd")
    assert geblokkeerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geblokkeerd.content.decode()
    # Even the right password is refused while locked.
    assert _login(client, "geheim-wachtwoord-123").status_code == 429
    # Another client address is not locked out for this user.
    ander = Client(REMOTE_ADDR="10.0.0.2")
    assert _login(ander, "geheim-wachtwoord-123").status_code == 302


def test_sessie_verloopt_na_30_minuten_stilte(client, gebruiker):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0), tick=False) as reis:
        _login(client, "geheim-wachtwoord-123")
        reis.shift(datetime.timedelta(minutes=29))
        assert client.get("/wijken/").status_code == 200  # activity renews the idle timer
        reis.shift(datetime.timedelta(minutes=29))
        assert client.get("/wijken/").status_code == 200
        reis.shift(datetime.timedelta(minutes=31))
        assert client.get("/wijken/").status_code == 302


def test_sessie_eindigt_na_12_uur_ook_bij_activiteit(client, gebruiker):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 8, 0), tick=False) as reis:
        _login(client, "geheim-wachtwoord-123")
        for _ in range(28):  # a request every 25 minutes, up to 11 hours 40 minutes
            reis.shift(datetime.timedelta(minutes=25))
            assert client.get("/wijken/").status_code == 200
        reis.shift(datetime.timedelta(minutes=25))
        response = client.get("/wijken/")
        assert response.status_code == 302
        assert "verlopen=1" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_healthz_503_als_database_weg_is_en_herstelt(client):
    assert client.get("/healthz").status_code == 200
    origineel = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"] = "/nonexistent-socket-dir"
    connection.settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
    finally:
        connection.close()
        connection.settings_dict.update(origineel)
    # The next request after the database is back just works.
    assert client.get("/healthz").status_code == 200


def test_onbekende_pagina_geeft_nederlandse_404(client, gebruiker):
    client.force_login(gebruiker)
    response = client.get("/bestaat/niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_blokkade_achter_proxy_per_echte_client(gebruiker, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = "10.0.0.1"
    # The first entry is forged by the client; the proxy appended the real address.
    aanvaller = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    for _ in range(5):
        _login(aanvaller, "verkeerd")
    assert _login(aanvaller, "geheim-wachtwoord-123").status_code == 429
    # Another citizen behind the same proxy is not locked out.
    buur = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert _login(buur, "geheim-wachtwoord-123").status_code == 302
    # Forging another first entry does not escape the lockout.
    vervalst = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5")
    assert _login(vervalst, "geheim-wachtwoord-123").status_code == 429


def test_zonder_proxy_telt_alleen_het_echte_adres(gebruiker):
    # Without trusted proxies a client cannot dodge the lockout with X-Forwarded-For.
    for i in range(5):
        c = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        _login(c, "verkeerd")
    c = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert _login(c, "geheim-wachtwoord-123").status_code == 429


def test_clientadres_achter_proxy(rf, settings):
    from wijkwerk.netwerk import client_ip

    def adres(remote, doorgestuurd):
        return client_ip(rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=doorgestuurd))

    settings.TRUSTED_PROXIES = []
    assert adres("10.0.0.1", "1.2.3.4, 203.0.113.5") == "10.0.0.1"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert adres("10.0.0.1", "1.2.3.4, 203.0.113.5") == "203.0.113.5"
    # Straight to the app, not through the proxy: the header is the client's own words.
    assert adres("198.51.100.7", "203.0.113.5") == "198.51.100.7"
    # Two hops of ours (a load balancer in front of the proxy), given as a network.
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert adres("10.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.2") == "203.0.113.5"
    # Everything trusted: the leftmost address is as far as anyone vouches.
    assert adres("10.0.0.1", "10.0.0.3, 10.0.0.2") == "10.0.0.3"
    # Garbage where our proxy would have written an address: keep the proxy's.
    assert adres("10.0.0.1", "1.2.3.4, onbekend") == "10.0.0.1"
    settings.TRUSTED_PROXIES = ["2001:db8::/32"]
    assert adres("2001:db8::1", "2001:db8::2, 2a00:1450::5") == "2a00:1450::5"
