"""Several stateless app processes on one PostgreSQL, as behind a load balancer.

Two gunicorn instances on their own ports share the test database (the data the tests make
is committed, so both see it). Whatever must hold for the whole deployment (sessions, the
login lockout, the intake limit per address, the budget) lives in the database, so it holds
whichever process a request reaches. The servers trust a proxy at PROXY; the test itself
connects from 127.0.0.1, like someone who reaches gunicorn past the proxy.
"""

import io
import os
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from budget import acties as budget
from budget.models import Bestedingsvoorstel, WijkBudget
from initiatieven.models import Initiatief
from tests.budget.test_gelijktijdig import _opzet
from tests.factories import UserFactory
from tests.initiatieven.conftest import nieuw_initiatief
from tests.test_instellingen import PRODUCTIE, _manage
from wijkwerk import rollen as r
from wijkwerk.management.commands.bench import Sessie, _vrije_poort
from wijkwerk.slot import taakslot

WACHTWOORD = "geheim-wachtwoord-123"
PROXY = "10.0.1.5"


def _database_url(d) -> str:
    inlog = quote(d["USER"] or "", safe="")
    if d["PASSWORD"]:
        inlog += ":" + quote(d["PASSWORD"], safe="")
    # host and port as parameters: the embedded server's host is a socket directory.
    return f"postgres://{inlog}@/{d['NAME']}?" + urlencode({"host": d["HOST"], "port": d["PORT"]})


def _wacht_op(poort, server):
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn op poort {poort} stopte (code {server.returncode})")
        try:
            if Sessie(poort).verzoek("GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn op poort {poort} start niet")


@pytest.fixture(scope="module")
def poorten(django_db_setup, tmp_path_factory):
    """Two app processes (one worker, four threads each) on the test database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "CSRF_TRUSTED_ORIGINS", "DEBUG", "SECURE"}
    }
    env.update(
        {
            # A deployment's settings, on plain HTTP to 127.0.0.1 (no https origin).
            **{k: v for k, v in PRODUCTIE.items() if k != "CSRF_TRUSTED_ORIGINS"},
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": _database_url(connection.settings_dict),
            "DJANGO_SETTINGS_MODULE": "tests.instellingen_schaal",
            "TRUSTED_PROXIES": PROXY,
            # The limit under test, whatever the developer's environment says.
            "INITIATIEF_LIMIET_PER_UUR": "5",
            # The wethouder approves with a password only; the second step has its own tests.
            "TWEESTAPS_ROLLEN": "beheerder",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "ERROR",
        }
    )
    log = tmp_path_factory.mktemp("gunicorn")
    servers, poorten = [], []
    try:
        for i in range(2):
            poort = _vrije_poort()
            servers.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).with_name("gunicorn")),
                        "wijkwerk.wsgi",
                        "--workers=1",
                        "--threads=4",
                        f"--bind=127.0.0.1:{poort}",
                    ],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=(log / f"{i}.log").open("w"),
                )
            )
            poorten.append(poort)
        for poort, server in zip(poorten, servers, strict=True):
            _wacht_op(poort, server)
        yield poorten
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def _inloggen(sessie, gebruiker, wachtwoord, **headers) -> int:
    if "csrftoken" not in sessie.cookies:
        sessie.verzoek("GET", "/inloggen/")
    data = {"username": gebruiker, "password": wachtwoord}
    return sessie.verzoek("POST", "/inloggen/", data, extra_headers=headers)[0]


def _tegelijk(werk, n):
    """werk(i) in n threads that start together; their results in order."""
    start = threading.Barrier(n)
    uitkomsten = [None] * n

    def draai(i):
        start.wait(timeout=30)
        uitkomsten[i] = werk(i)

    threads = [threading.Thread(target=draai, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "vastgelopen"
    return uitkomsten


@pytest.fixture
def rollen(transactional_db):
    # The flush between transactional tests empties the groups the migrations made.
    r.maak_rollen(apps)


def test_sessie_en_loginblokkade_gelden_op_beide_processen(poorten, rollen):
    for naam in ("t-schaal", "t-schaal-xff", "t-schaal-sessie"):
        UserFactory(username=naam, rol=r.REGISSEUR)

    # Signed in on one process, signed in on the other: the session is in the database.
    a, b = (Sessie(p) for p in poorten)
    assert _inloggen(a, "t-schaal-sessie", WACHTWOORD) == 302
    assert b.verzoek("GET", "/wijken/")[0] == 302  # to the login page
    b.cookies = dict(a.cookies)
    assert b.verzoek("GET", "/wijken/")[0] == 200

    # Five wrong passwords, in turn on each process (3 on the first, 2 on the second): the
    # fifth locks, and the right password is then refused by both.
    sessies = [Sessie(p) for p in poorten]
    fout = [_inloggen(sessies[i % 2], "t-schaal", "verkeerd") for i in range(5)]
    assert fout == [200] * 4 + [429]
    assert [_inloggen(s, "t-schaal", WACHTWOORD) for s in sessies] == [429, 429]

    # Straight to the app (not from PROXY), a new address in X-Forwarded-For on each of
    # twelve attempts: counted against the address that connected, so locked all the same.
    statussen = [
        _inloggen(
            sessies[i % 2], "t-schaal-xff", "verkeerd", **{"X-Forwarded-For": f"198.51.100.{i}"}
        )
        for i in range(12)
    ]
    assert statussen == [200] * 4 + [429] * 8
    goed = _inloggen(sessies[0], "t-schaal-xff", WACHTWOORD, **{"X-Forwarded-For": "192.0.2.1"})
    assert goed == 429
    assert set(
        AccessAttempt.objects.filter(username="t-schaal-xff").values_list("ip_address", flat=True)
    ) == {"127.0.0.1"}


def test_intakelimiet_over_beide_processen_ook_tegelijk(poorten, transactional_db):
    sessies = [Sessie(poorten[i % 2]) for i in range(20)]
    for s in sessies:
        s.verzoek("GET", "/initiatief/")

    def indienen(i):
        data = {
            "idempotentie_token": str(uuid.uuid4()),
            "titel": f"Bankje {i}",
            "omschrijving": "Een bankje bij de speeltuin.",
            "wijk": "",
            "adres_vrij": "Speeltuin Markt",
            "gevraagd": "advies",
            "bedrag": "",
            "contact_naam": "Ilse",
            "contact_email": "ilse@example.org",
            "contact_telefoon": "",
            "website": "",
        }
        # A changing X-Forwarded-For from outside the proxy changes nothing either.
        kop = {"X-Forwarded-For": f"203.0.113.{i}"}
        return sessies[i].verzoek("POST", "/initiatief/", data, extra_headers=kop)[0]

    # Twenty at the same moment from one address, ten on each process.
    statussen = _tegelijk(indienen, 20)
    per_poort = [sorted(statussen[i::2]) for i in range(2)]
    assert statussen.count(302) == 5 and statussen.count(429) == 15, per_poort
    assert Initiatief.objects.count() == 5
    # And the next one, on either process, is refused.
    assert [indienen(0), indienen(1)] == [429, 429]


def test_budget_wordt_niet_overschreden_over_beide_processen(poorten, transactional_db):
    jaar, wijk, wethouder, regisseur = _opzet("1000.00")
    voorstellen = [
        budget.dien_in(
            budgetjaar=jaar,
            wijk=wijk,
            omschrijving=f"Speeltoestel {i}",
            bedrag=Decimal("600.00"),
            ontvanger="Leverancier",
            door=regisseur,
        )
        for i in range(2)
    ]
    sessies = [Sessie(p) for p in poorten]
    for s in sessies:
        assert _inloggen(s, wethouder.username, WACHTWOORD) == 302

    # Each process approves one of them at the same moment; together 1200 of 1000.
    def goedkeuren(i):
        s = sessies[i]
        s.verzoek("POST", f"/budget/voorstel/{voorstellen[i].pk}/goedkeuren/", {})
        return s.verzoek("GET", "/budget/wachtrij/")[1].decode()

    meldingen = _tegelijk(goedkeuren, 2)
    assert sorted("Niet goedgekeurd: " in m for m in meldingen) == [False, True]
    assert sum("Goedgekeurd: " in m for m in meldingen) == 1
    assert Bestedingsvoorstel.objects.filter(status="goedgekeurd").count() == 1
    wb = WijkBudget.objects.get(budgetjaar=jaar, wijk=wijk)
    assert (wb.toegekend, wb.beschikbaar) == (Decimal("600.00"), Decimal("400.00"))
    assert budget.saldi_uit_grootboek(jaar, wijk)["beschikbaar"] == wb.beschikbaar


# --- Periodic jobs ------------------------------------------------------------------------


def _oud_initiatief():
    import datetime

    from django.utils import timezone

    i = nieuw_initiatief()
    Initiatief.objects.filter(pk=i.pk).update(
        status="geinformeerd", geinformeerd_op=timezone.now() - datetime.timedelta(days=800)
    )
    return i


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("commando", ["anonimiseer_initiatieven", "anonimiseer_signalen"])
def test_taak_die_al_draait_doet_niets(commando, referentie):
    # Another machine's run of the same job holds its lock until it ends.
    bezig, klaar = threading.Event(), threading.Event()

    def andere_machine():
        try:
            with taakslot(commando) as vrij:
                assert vrij
                bezig.set()
                klaar.wait(timeout=30)
        finally:
            connection.close()

    oud = _oud_initiatief()
    t = threading.Thread(target=andere_machine)
    t.start()
    try:
        assert bezig.wait(timeout=30)
        uit = io.StringIO()
        call_command(commando, stdout=uit)
        assert uit.getvalue() == (
            f"{commando} draait al (hier of op een andere machine); deze keer is niets gedaan.\n"
        )
    finally:
        klaar.set()
        t.join()
    oud.refresh_from_db()
    assert oud.contact_naam
    # Once the other run ended, the next one does its work.
    uit = io.StringIO()
    call_command(commando, stdout=uit)
    assert "geanonimiseerd" in uit.getvalue()


@pytest.mark.django_db(transaction=True)
def test_twee_machines_tegelijk_anonimiseren_een_keer(referentie):
    oude = [_oud_initiatief() for _ in range(3)]

    def draai(i):
        uit = io.StringIO()
        try:
            call_command("anonimiseer_initiatieven", stdout=uit)
        finally:
            connection.close()
        return uit.getvalue()

    uitkomsten = _tegelijk(draai, 2)
    # One run did the three; the other found the job running, or (if it came just after)
    # nothing left to do. Never both, never half each.
    assert "3 initiatieven geanonimiseerd.\n" in uitkomsten
    anders = uitkomsten[1 - uitkomsten.index("3 initiatieven geanonimiseerd.\n")]
    assert "draait al" in anders or anders == "0 initiatieven geanonimiseerd.\n"
    assert Initiatief.objects.filter(pk__in=[i.pk for i in oude], contact_naam="").count() == 3


# --- Settings ---------------------------------------------------------------------------


def test_num_proxies_en_een_fout_proxyadres_weigeren_te_starten():
    basis = {**PRODUCTIE, "DATABASE_URL": "postgres://x:y@127.0.0.1:1/x"}
    fout = _manage("check", extra_env={**basis, "TRUSTED_PROXIES": "10.0.1.5,proxy.intern"})
    assert fout.returncode != 0 and "TRUSTED_PROXIES" in fout.stderr
    oud = _manage("check", extra_env={**basis, "NUM_PROXIES": "1"})
    assert oud.returncode != 0 and "NUM_PROXIES bestaat niet meer" in oud.stderr
