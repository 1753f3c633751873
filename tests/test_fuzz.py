"""Bad input never gives a 500: every form, filter and path parameter a role can reach gets a
fixed list of hostile values, and any 5xx fails the test with the request that caused it.

The pages come from a crawl of the demo data that starts at every URL of tests/test_urls.py
(on the security sweep's real objects), so path parameters are real objects; the forms and
their fields come from the HTML each page renders, so a new form or field is fuzzed without
being listed here. Every other field keeps the value the page gave it, so the hostile value
is the one thing wrong and reaches as deep into the view as bad input can. The admin
(/beheer/) is Django's own and is left out.
"""

import heapq
import io
import itertools
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from tests.test_urls import DEMO_ARGS, PRIVE, PUBLIEK
from wijkwerk import rollen as r

# Raw, already percent-encoded: the test client sends them as they are, so invalid
# encodings reach Django as a browser or a script could send them.
VIJANDIG = [
    "",
    "x" * 100_000,
    "ab%00cd",
    "%zz%E0%A4%A",
    "99999999999999999999",
    "-1",
    "-99999999999999999999",
    "0000-00-00",
    "9999-12-31",
    "onbekende-keuze",
]
# For the parameters of links too (a page's cursor): an edited keyset cursor with an offset
# PostgreSQL refuses, and one before year 1 in UTC.
VIJANDIG_LINK = [*VIJANDIG, "0001-01-01T00:00:00-23:59_1", "0001-01-01T00:00:00%2B01:00_1"]
# A path segment: the converters decide what reaches the view.
VIJANDIG_PAD = ["%00", "%zz%E0%A4%A", "x" * 10_000, "99999999999999999999", "0"]
BESTANDEN = [b"", b"wijk;indicator\n\x00;\x00\n", b"\xff\xfe\x00x", b"x" * 300_000]

ROLLEN = ["beheerder", "regisseur-a", "paalvast", None]
MAX_PER_ROUTE = 4
MAX_PAGINAS = 300
# Logging out ends the crawl's session; the admin is Django's own and has its own tests.
OVERSLAAN = ("/uitloggen/", "/static/", "/beheer/")


class Formulieren(HTMLParser):
    """Links and forms of a page: each form's method, action, fields and file inputs, every
    field with the value the page would send (a checked box, the selected option, else the
    first option)."""

    def __init__(self):
        super().__init__()
        self.links, self.formulieren = [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "velden": {},
                "bestanden": [],
            }
            self.formulieren.append(self._form)
        elif self._form is None:
            return
        elif tag == "option" and self._select:
            eerste, gekozen = self._select[1]
            eerste.append(a.get("value", ""))
            if "selected" in a:
                gekozen.append(a.get("value", ""))
        elif not a.get("name"):
            return
        elif tag == "input":
            soort = (a.get("type") or "text").lower()
            if soort == "file":
                self._form["bestanden"].append(a["name"])
            elif soort in ("checkbox", "radio"):
                waarden = self._form["velden"].setdefault(a["name"], [])
                if "checked" in a:
                    waarden.append(a.get("value", "on"))
            elif soort not in ("submit", "button", "reset", "image"):
                self._form["velden"].setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            # The first named button is the one pressed.
            waarden = self._form["velden"].setdefault(a["name"], [])
            if not waarden:
                waarden.append(a.get("value") or "")
        elif tag == "select":
            self._select = (a["name"], ([], []))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["velden"][a["name"]] = [""]

    def handle_data(self, data):
        if self._textarea and self._form:
            self._form["velden"][self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            naam, (eerste, gekozen) = self._select
            self._form["velden"][naam] = gekozen or eerste[:1]
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _route(pad):
    try:
        return resolve(pad).route
    except Resolver404:
        return None


def _query(paren):
    return "&".join(f"{quote(k, safe='')}={v}" for k, v in paren)


class Fuzzer:
    def __init__(self, client):
        self.client = client
        self.fouten, self.verzoeken = [], 0

    def stuur(self, methode, pad, paren=(), *, wat="", data=None):
        """One request; `paren` are (name, raw value) pairs, the query or the form body."""
        query = _query(paren)
        # Every request meets the same data, and a database error in one (which aborts the
        # test's transaction) does not fail the requests after it.
        punt = transaction.savepoint()
        if methode == "get":
            response = self.client.get(f"{pad}?{query}" if query else pad)
        elif data is not None:
            response = self.client.post(pad, data)
        else:
            response = self.client.post(
                pad, query, content_type="application/x-www-form-urlencoded"
            )
        transaction.savepoint_rollback(punt)
        self.verzoeken += 1
        if response.status_code >= 500:
            fout = response.exc_info
            reden = f"{fout[0].__name__}: {str(fout[1])[:100]}" if fout else ""
            self.fouten.append(f"{response.status_code} {methode.upper()} {pad[:80]} {wat} {reden}")
        return response


def _elke_url():
    """Every URL of tests/test_urls.py, on a real object of the demo data where it takes one
    (the security sweep's DEMO_ARGS): the crawl starts from all of them, so no page with a
    form depends on a link reaching it."""
    voorbeelden = {**PUBLIEK, **PRIVE}
    urls = []
    for naam, args in sorted(voorbeelden.items()):
        args = DEMO_ARGS[naam]() if naam in DEMO_ARGS else args
        if None not in args:
            urls.append(reverse(naam, args=args))
    return [url for url in urls if not url.startswith(OVERSLAAN)]


def _sleutel(methode, route, form):
    """One form, wherever it is shown: a field per goal (doel_12) counts once."""
    return (methode, route, tuple(sorted({re.sub(r"\d+", "#", n) for n in form["velden"]})))


def _lees(client, url, vondst):
    """The links of a page (route, url); its forms, link filters and path into `vondst`."""
    pad = urlsplit(url).path
    if "<" in (_route(pad) or ""):
        # Also a page that only takes POST (405) or is not for this role: its path is fuzzed.
        vondst.paden.setdefault(_route(pad), pad)
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    pagina = Formulieren()
    pagina.feed(response.content.decode())
    links = []
    for href in pagina.links:
        deel = urlsplit(urljoin(url, href))
        route = _route(deel.path)
        if deel.netloc not in ("", "testserver") or not route or deel.path.startswith(OVERSLAAN):
            continue
        links.append((route, deel.path, parse_qsl(deel.query, keep_blank_values=True)))
        if deel.query:
            sleutel = (route, tuple(sorted(dict(links[-1][2]))))
            vondst.filters.setdefault(sleutel, (deel.path, links[-1][2]))
    for form in pagina.formulieren:
        doel = urlsplit(urljoin(url, form["action"])).path if form["action"] else pad
        if doel.startswith(OVERSLAAN) or not _route(doel):
            continue
        vondst.formulieren.setdefault(_sleutel(form["method"], _route(doel), form), (doel, form))
        if form["method"] == "get":
            # A link that carries this form's filters (the list's CSV download) takes them too.
            for route, doelpad, paren in links:
                if paren and {k for k, _ in paren} <= set(form["velden"]):
                    vondst.formulieren.setdefault(_sleutel("get", route, form), (doelpad, form))
    # A download is no page to crawl (its filters are fuzzed above).
    return [(r, p + (f"?{urlencode(q)}" if q else "")) for r, p, q in links if ".csv" not in p]


class Vondst:
    def __init__(self):
        self.formulieren, self.filters, self.paden = {}, {}, {}

    def omvang(self):
        return len(self.formulieren) + len(self.filters)


def _verzamel(client, begin):
    """Crawl from `begin`: the least visited route's page first, and of one route the links
    found on as many different pages as possible (a regisseur's own signal is linked from
    the dossier of the wijk, not from the top of the list). A route's pages are no longer
    visited once two of them showed nothing new."""
    vondst, bezocht, leeg, bronnen = Vondst(), Counter(), Counter(), Counter()
    rij, gezien, volgorde, routes = [], set(), itertools.count(), set()

    def plan(route, bron, url):
        sleutel = (bezocht[route], bronnen[route, bron])
        heapq.heappush(rij, (sleutel, next(volgorde), route, bron, url))

    for url in begin:
        gezien.add(url)
        plan(_route(url), None, url)
    while rij and sum(bezocht.values()) < MAX_PAGINAS:
        sleutel, _, route, bron, url = heapq.heappop(rij)
        if sleutel != (bezocht[route], bronnen[route, bron]):
            plan(route, bron, url)  # its route was visited meanwhile: back in line
            continue
        if bezocht[route] >= MAX_PER_ROUTE or leeg[route] >= 2:
            continue
        bezocht[route] += 1
        bronnen[route, bron] += 1
        omvang, bekend = vondst.omvang(), len(routes)
        for doelroute, doel in _lees(client, url, vondst):
            routes.add(doelroute)
            if doel not in gezien:
                gezien.add(doel)
                plan(doelroute, route, doel)
        if vondst.omvang() == omvang and len(routes) == bekend:
            leeg[route] += 1
    return vondst


def _fuzz_formulier(fuzzer, pad, form):
    methode = "get" if form["method"] == "get" else "post"
    standaard = [(k, quote(v, safe="")) for k, waarden in form["velden"].items() for v in waarden]
    # The test client does not check CSRF tokens: a hostile one reaches nothing.
    for naam in [n for n in form["velden"] if n != "csrfmiddlewaretoken"]:
        anders = [(k, v) for k, v in standaard if k != naam]
        for waarde in VIJANDIG:
            fuzzer.stuur(methode, pad, [*anders, (naam, waarde)], wat=f"{naam}={waarde[:40]}")
        # The same parameter twice, and left out altogether.
        dubbel = [(naam, "onbekende-keuze"), (naam, "ab%00cd")]
        fuzzer.stuur(methode, pad, [*anders, *dubbel], wat=f"{naam} twee keer")
        fuzzer.stuur(methode, pad, anders, wat=f"zonder {naam}")
    for waarde in VIJANDIG[:4]:
        alles = [(k, waarde) for k in form["velden"]]
        fuzzer.stuur(methode, pad, alles, wat=f"elk veld {waarde[:40]}")
    for veld in form["bestanden"]:
        for inhoud in BESTANDEN:
            data = {k: w[-1] if w else "" for k, w in form["velden"].items()}
            data[veld] = SimpleUploadedFile("metingen.csv", inhoud, content_type="text/csv")
            fuzzer.stuur("post", pad, data=data, wat=f"{veld}: {inhoud[:20]!r}")


def _fuzz_filter(fuzzer, pad, paren):
    standaard = [(k, quote(v, safe="")) for k, v in paren]
    for naam in dict(paren):
        anders = [(k, v) for k, v in standaard if k != naam]
        for waarde in VIJANDIG_LINK:
            fuzzer.stuur("get", pad, [*anders, (naam, waarde)], wat=f"{naam}={waarde[:40]}")


def _fuzz_pad(fuzzer, route, pad):
    """Each parameter of a real path replaced by hostile segments, for GET and POST."""
    echte = resolve(pad).kwargs
    for naam in echte:
        for waarde in VIJANDIG_PAD:

            def deel(m, naam=naam, waarde=waarde):
                return waarde if m.group(1) == naam else quote(str(echte[m.group(1)]), safe="")

            nieuw = "/" + re.sub(r"<(?:\w+:)?(\w+)>", deel, route)
            fuzzer.stuur("get", nieuw, wat=f"<{naam}>")
            if waarde in VIJANDIG_PAD[::3]:
                # A view that only takes POST looks its object up too.
                fuzzer.stuur("post", nieuw, wat=f"<{naam}>")


def _toestanden_die_de_demo_mist():
    """A plan in concept, with its goals, projects and edit forms (the demo's plans are all
    adopted), and an undecided item on today's agenda, with the advice and decision forms
    (the demo decided all). Their pages and a few the sweep does not name, for the crawl to
    start from."""
    from actieplannen import acties as plannen
    from actieplannen.models import Actieplan
    from initiatieven import acties as initiatieven
    from initiatieven.models import Initiatief, Vergadering

    beheerder = get_user_model().objects.get(username="beheerder")
    plan = Actieplan.objects.filter(wijk__slug="oosterheem").latest("jaar")
    concept = plannen.begin_vervolg(plan=plan, door=beheerder)
    vergadering = Vergadering.objects.filter(datum=timezone.localdate()).first()
    klaar = Initiatief.objects.klaar().first()
    if vergadering and klaar:
        initiatieven.agendeer(vergadering=vergadering, initiatief=klaar, door=beheerder)
    doel, project = concept.doelen.first(), concept.projecten.first()
    paginas = [
        ("actieplannen:bewerken", concept),
        ("actieplannen:doel_nieuw", concept),
        ("actieplannen:project_nieuw", concept),
        ("actieplannen:doel", doel),
        ("actieplannen:doelindicator", doel),
        ("actieplannen:project_bewerken", project),
        ("initiatieven:vergadering", vergadering),
    ]
    # The answer form shows on the page of an initiative that waits for its submitter.
    wacht = Initiatief.objects.filter(status="incompleet").first()
    detail = [reverse("initiatieven:detail", args=[wacht.referentie])] if wacht else []
    return [reverse(naam, args=[obj.pk]) for naam, obj in paginas if obj] + detail


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for every role and rolled back after them. Each request
    is rolled back too (Fuzzer.stuur), so every role meets the same data."""
    from django.apps import apps

    with django_db_blocker.unblock(), transaction.atomic():
        r.maak_rollen(apps)
        for commando in ("laad_referentiedata", "laad_budget"):
            call_command(commando, stdout=io.StringIO())
        call_command("laad_demo", force=True, stdout=io.StringIO())
        yield _toestanden_die_de_demo_mist()
        transaction.set_rollback(True)


# What an earlier role in this run fuzzed already: the most powerful role goes first, the
# others add the forms only they reach (a regisseur's proposal, a wethouder's approval).
GEDAAN = set()


@pytest.mark.parametrize("gebruikersnaam", ROLLEN, ids=lambda n: n or "anoniem")
def test_geen_serverfout_bij_vijandige_invoer(demo, db, client, settings, gebruikersnaam):
    # The intake's limit per address would answer most fuzzed submissions with a 429.
    settings.INITIATIEF_LIMIET_PER_UUR = 10**9
    client.raise_request_exception = False
    if gebruikersnaam:
        client.force_login(get_user_model().objects.get(username=gebruikersnaam))
    vondst = _verzamel(client, ["/", *_elke_url(), *demo])
    formulieren, filters, paden = vondst.formulieren, vondst.filters, vondst.paden
    assert formulieren and (paden or not gebruikersnaam), "de crawl vond niets"
    fuzzer = Fuzzer(client)
    for sleutel, (pad, form) in formulieren.items():
        if sleutel not in GEDAAN:
            _fuzz_formulier(fuzzer, pad, form)
    for sleutel, (pad, paren) in filters.items():
        if sleutel not in GEDAAN:
            _fuzz_filter(fuzzer, pad, paren)
    for route, pad in paden.items():
        if route not in GEDAAN:
            _fuzz_pad(fuzzer, route, pad)
    GEDAAN.update(formulieren, filters, paden)
    assert not fuzzer.fouten, f"{len(fuzzer.fouten)} van {fuzzer.verzoeken} verzoeken:\n" + (
        "\n".join(fuzzer.fouten)
    )
