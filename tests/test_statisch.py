"""Light pages: static files under hashed names, compressed and cached for a year (collectstatic
with the storage the app runs with); only the NL Design System CSS that the pages use."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

from tools.nlds import css_subset
from wijkwerk import settings as instellingen

ROOT = Path(__file__).resolve().parent.parent
GEHASHT = re.compile(r"^/static/[\w/.-]+\.[0-9a-f]{12}\.(css|js|svg)$")
EEN_JAAR = 365 * 24 * 3600


@pytest.fixture(scope="module")
def verzamelmap(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture
def productie(settings, verzamelmap):
    """collectstatic into a folder of this run, served as under `make run` and gunicorn."""
    settings.STORAGES = instellingen.STORAGES
    settings.STATIC_ROOT = verzamelmap
    if not (verzamelmap / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    return Client()


def _bronnen(html):
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    return (
        stylesheets,
        re.findall(r'<script src="([^"]+)"', html),
        re.findall(r'rel="icon"[^>]*', html),
    )


def _gzip(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200, url
    return response, b"".join(response.streaming_content)


@pytest.mark.parametrize("pad", ["/initiatief/", "/inloggen/"])
def test_pagina_linkt_gehashte_bestanden_en_alleen_de_subset(productie, db, pad):
    stylesheets, scripts, icons = _bronnen(productie.get(pad).content.decode())
    assert len(stylesheets) == 2, stylesheets
    assert "/static/vendor/nlds/nlds." in stylesheets[0]
    assert "/static/css/wijkwerk." in stylesheets[1]
    assert scripts and icons
    for url in stylesheets + scripts:
        assert GEHASHT.match(url), url


def test_css_gecomprimeerd_onder_60_kb_en_een_jaar_in_de_cache(productie, db):
    stylesheets, scripts, _ = _bronnen(productie.get("/initiatief/").content.decode())
    totaal = 0
    for url in stylesheets + scripts:
        response, inhoud = _gzip(productie, url)
        assert response["Content-Encoding"] == "gzip", url
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= EEN_JAAR, response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        if url.endswith(".css"):
            totaal += len(inhoud)
    assert totaal < 60_000, totaal


def test_favicon(productie, db):
    html = productie.get("/initiatief/").content.decode()
    icoon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert GEHASHT.match(icoon), icoon
    response = productie.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == icoon
    svg = productie.get(icoon)
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(svg.streaming_content)


def test_elke_static_in_een_template_staat_in_het_manifest(productie):
    namen = set()
    for pad in (ROOT / "templates").rglob("*.html"):
        namen.update(re.findall(r"{% static ['\"]([^'\"]+)['\"]", pad.read_text(encoding="utf-8")))
    assert "vendor/nlds/nlds.css" in namen
    for naam in namen:
        # Raises ValueError for a file that collectstatic did not hash: a 500 in production.
        assert GEHASHT.match(staticfiles_storage.url(naam)), naam


def test_subset_is_actueel():
    # A template that starts using another component fails here until the subset is rewritten.
    result = subprocess.run(
        [sys.executable, "tools/nlds/css_subset.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_elke_gebruikte_klasse_staat_in_de_subset():
    klassen, prefixen, _ = css_subset.gebruik()
    bibliotheek = set(re.findall(r"\.(utrecht-[\w-]+)", css_subset.COMPONENTEN.read_text()))
    subset = set(re.findall(r"\.(utrecht-[\w-]+)", css_subset.UITVOER.read_text()))
    assert {"utrecht-button", "utrecht-textbox", "utrecht-table"} <= klassen
    assert (klassen & bibliotheek) - subset == set()
    for prefix in prefixen:
        assert {k for k in bibliotheek if k.startswith(prefix)} <= subset, prefix
    # The subset is a fraction of the library: what no page uses is gone.
    assert "utrecht-accordion" in bibliotheek and "utrecht-accordion" not in subset
