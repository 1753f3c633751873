"""The public side: the front door, the status link of the address in use, the status page
in plain words; and how refusals reach users and the log."""

import os
import subprocess
from pathlib import Path

from django.urls import reverse

from initiatieven import acties
from initiatieven.models import Initiatief, Status
from tests.initiatieven.conftest import nieuw_initiatief
from tests.initiatieven.test_intake import formulier

ROOT = Path(__file__).resolve().parent.parent


def test_voordeur_voor_inwoners(client, referentie):
    response = client.get("/")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert f'href="{reverse("initiatieven:indienen")}">Initiatief indienen</a>' in tekst
    assert "Status van uw initiatief bekijken" in tekst and "14 079" in tekst
    assert f'href="{reverse("toegankelijkheid")}"' in tekst
    assert f'href="{reverse("login")}">Inloggen voor medewerkers</a>' in tekst
    assert 'name="password"' not in tekst  # the login form is a page of its own


def test_medewerker_houdt_de_eigen_startpagina(client, regisseur_a):
    client.force_login(regisseur_a)
    tekst = client.get("/").content.decode()
    assert "Mijn wijken" in tekst and "Oosterheem" in tekst
    assert "Initiatief indienen" not in tekst


def test_toegankelijkheidsverklaring_zonder_inloggen(client, referentie):
    response = client.get(reverse("toegankelijkheid"))
    assert response.status_code == 200
    assert "WCAG 2.1" in response.content.decode()


def test_bevestiging_linkt_naar_het_adres_dat_de_inwoner_gebruikt(
    client, referentie, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIEKE_URL = "https://wijkwerk.zoetermeer.nl"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/initiatief/", formulier(), HTTP_HOST="127.0.0.1:8801")
    initiatief = Initiatief.objects.get()
    pad = reverse("initiatieven:status", args=[initiatief.status_token])
    pagina = client.get(response["Location"], HTTP_HOST="127.0.0.1:8801").content.decode()
    assert f'href="http://127.0.0.1:8801{pad}"' in pagina
    # Mail is sent without a request: it uses the configured public address.
    assert f"https://wijkwerk.zoetermeer.nl{pad}" in mailoutbox[0].body


def test_make_run_zet_publieke_url_naar_de_poort():
    env = {k: v for k, v in os.environ.items() if k not in ("PUBLIEKE_URL", "DEBUG")}
    uit = subprocess.run(
        ["make", "-n", "run", "PORT=8801"], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout
    regel = next(r for r in uit.splitlines() if "runserver" in r or "PUBLIEKE_URL=" in r)
    assert "PUBLIEKE_URL=${PUBLIEKE_URL:-http://127.0.0.1:8801}" in regel
    # Users' view by default: the project's Dutch error pages, not Django's technical ones.
    assert "DEBUG=${DEBUG:-false}" in regel


def test_statuspagina_spreekt_de_inwoner_aan(client, referentie):
    initiatief = nieuw_initiatief()
    Initiatief.objects.filter(pk=initiatief.pk).update(status=Status.GEINFORMEERD)
    tekst = client.get(acties.status_url(initiatief).split("8000", 1)[-1]).content.decode()
    assert "indiener geïnformeerd" not in tekst
    assert "Wij hebben u het besluit gemaild" in tekst
    assert (
        f"Bel de gemeente Zoetermeer op 14 079 en noem uw nummer {initiatief.referentie}" in tekst
    )


def test_weigering_met_reden_zegt_die(client, regisseur_a):
    # Its line in the log: tests/test_logboek.py.
    client.force_login(regisseur_a)
    response = client.get(reverse("budget:wachtrij"))
    assert response.status_code == 403
    assert "Deze pagina is alleen voor de rol wijkwethouder." in response.content.decode()
