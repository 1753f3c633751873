"""What tests/test_fuzz.py found, one test per cause: bad input is a 400 or a message,
never a 500."""

import pytest

NULTEKEN = "onzichtbaar nulteken"


@pytest.mark.parametrize(
    "pad", ["/initiatieven/%00/", "/initiatief/status/%00/", "/initiatieven/?filter=ab%00cd"]
)
def test_nulteken_in_pad_of_query_is_een_400_met_uitleg(db, client, pad):
    response = client.get(pad)
    assert response.status_code == 400
    assert NULTEKEN in response.content.decode()


def test_nulteken_in_een_formulier_of_cookie_is_een_400(referentie, client):
    response = client.post("/initiatief/", {"titel": "Bankje\x00", "omschrijving": "Graag"})
    assert response.status_code == 400 and NULTEKEN in response.content.decode()
    # Before the session is read: looking up a session key with NUL would fail too.
    client.cookies["sessionid"] = "abc\x00defghijkl"
    assert client.get("/").status_code == 400


def test_nulteken_via_een_echte_server(live_server):
    """As a server decodes the path itself: the raw request line, not the test client."""
    import socket

    host, port = live_server.thread.host, live_server.thread.port
    with socket.create_connection((host, port), timeout=10) as verbinding:
        verbinding.sendall(b"GET /initiatief/status/%00/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
        antwoord = verbinding.recv(65536).decode("latin-1")
    assert antwoord.startswith("HTTP/1.1 400"), antwoord[:200]


def test_een_400_van_voor_de_sessie_toont_de_foutpagina(db, client):
    # An unknown host is refused before the session and the user exist: the page must not
    # need them (it failed as a 500 through the menu).
    response = client.get("/", HTTP_HOST="onbekend.example")
    assert response.status_code == 400
    assert "Dit kunnen wij niet verwerken" in response.content.decode()


def test_te_lange_gebruikersnaam_geweigerd_voor_axes_hem_bewaart(db, client):
    from axes.models import AccessAttempt

    response = client.post("/inloggen/", {"username": "x" * 5000, "password": "geheim"})
    assert response.status_code == 200
    assert "Een gebruikersnaam heeft hoogstens 150 tekens." in response.content.decode()
    assert not AccessAttempt.objects.exists()
    # A name that could exist still counts as a failed login.
    client.post("/inloggen/", {"username": "x" * 150, "password": "geheim"})
    assert AccessAttempt.objects.get().failures_since_start == 1


# The list shows what it left out; the export refuses (signalen.views).
@pytest.mark.parametrize("pad,status", [("/signalen/", 200), ("/signalen/export.csv", 400)])
def test_einddatum_9999_12_31_is_een_melding(regisseur_a, client, pad, status):
    client.force_login(regisseur_a)
    response = client.get(pad, {"tot": "31-12-9999"})
    assert response.status_code == status
    assert "Vul een datum in tussen 1-1-1900 en 31-12-2099." in response.content.decode()
    assert client.get(pad, {"tot": "31-12-2099"}).status_code == 200


def test_cursor_met_onmogelijke_tijdzone_geeft_de_eerste_pagina(regisseur_a, client):
    client.force_login(regisseur_a)
    for cursor in ["0001-01-01T00:00:00-23:59_1", "0001-01-01T00:00:00+01:00_1"]:
        assert client.get("/signalen/", {"na": cursor}).status_code == 200
        assert client.get("/initiatieven/", {"na": cursor}).status_code == 200
