"""Every date and amount on every page reads as Dutch: a crawl of the pages each demo role
reaches from its start page fails on an English month or day name, a capitalised month
abbreviation (Django's "M" writes "Dec"), a date in ISO or dd-mm-jjjj form in the text, or an
amount that is not written as |euro writes it ("€ 1.234,50", the space non-breaking)."""

import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import Resolver404, resolve

# force_login passes the second login step too, so the crawl sees the pages, not that step.
from tests.conftest import Client

ROLLEN = ["beheerder", "regisseur-a", "paalvast", "groeneloper"]
MAX_PAGINAS = 200
MAX_PER_ROUTE = 3

ENGELS = re.compile(
    r"\b(January|February|March|May|June|July|August|October|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
AFKORTING = re.compile(r"\b\d{1,2} (Jan|Feb|Mrt|Mar|Apr|Mei|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dec)\b")
CIJFERDATUM = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})\b")
# Money as |euro writes it: a non-breaking space after the sign, thousands grouped.
BEDRAG = re.compile(r"€ \S+|€\xa0-?\d{4,}")


class Pagina(HTMLParser):
    """The links and the visible text of a page (no scripts, styles or attribute values)."""

    def __init__(self):
        super().__init__()
        self.links, self.tekst, self._verborgen = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._verborgen += 1
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._verborgen -= 1

    def handle_data(self, data):
        if not self._verborgen:
            self.tekst.append(data)


def _te_bezoeken(href):
    pad = urlsplit(href)
    if pad.scheme or pad.netloc or not pad.path.startswith("/"):
        return None
    if pad.path.startswith(("/static/", "/uitloggen/")) or pad.path.endswith(".csv"):
        return None
    try:
        route = resolve(pad.path).route
    except Resolver404:
        return None
    return route, pad.path + (f"?{pad.query}" if pad.query else "")


@pytest.fixture
def demo(referentie):
    call_command("laad_demo", force=True, stdout=io.StringIO())


@pytest.mark.parametrize("gebruikersnaam", ROLLEN)
def test_elke_datum_leest_nederlands(demo, gebruikersnaam):
    client = Client()
    client.force_login(get_user_model().objects.get(username=gebruikersnaam))
    gezien, per_route, fouten = {"/"}, Counter(), []
    rij = deque(["/"])
    while rij and len(gezien) <= MAX_PAGINAS:
        url = rij.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pagina = Pagina()
        pagina.feed(response.content.decode())
        # Collapse ordinary white space only: a non-breaking space must stay what it is.
        tekst = re.sub(r"[ \t\r\n]+", " ", " ".join(pagina.tekst))
        for patroon in (ENGELS, AFKORTING, CIJFERDATUM, BEDRAG):
            fouten += [f"{url}: {m.group(0)!r}" for m in patroon.finditer(tekst)]
        for href in pagina.links:
            doel = _te_bezoeken(href)
            # The admin's many screens share one date format: one of each is enough.
            ruimte = 1 if doel and doel[0].startswith("beheer/") else MAX_PER_ROUTE
            if doel and doel[1] not in gezien and per_route[doel[0]] < ruimte:
                per_route[doel[0]] += 1
                gezien.add(doel[1])
                rij.append(doel[1])
    assert len(gezien) > 10, gezien  # the crawl reached the role's pages
    assert not fouten, "\n".join(sorted(set(fouten))[:40])
