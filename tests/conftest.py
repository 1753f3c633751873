import io
import os
import shutil
import time
from pathlib import Path

import django.test
import pytest
from django.core.management import call_command
from django.http import HttpRequest

from tests.factories import UserFactory
from wijken.models import Wethouder, Wijk, Wijkregisseur
from wijkwerk import rollen as r
from wijkwerk import tweestaps

# Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTEFACTEN = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def lege_cache():
    # The cache lives per process; a number cached by one test must not leak into the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    # PBKDF2 costs ~0.3 s per user; the personas would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def statisch_zonder_manifest(settings):
    # Pages link static files by their source names: pytest-django's live server serves only
    # those, and no test needs a collectstatic first. tests/test_statisch.py collects and
    # checks the hashed files the app runs with.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


class Client(django.test.Client):
    """The test client, whose force_login is a complete login: for a user who must pass the
    second step (wijkwerk.tweestaps) it also verifies the session with an authenticator app
    of that user, through django-otp's own login(). Tests of that step use django.test.Client.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if tweestaps.vereist(user):
            verifieer_sessie(self, user)


def authenticator_app(user):
    """The user's confirmed authenticator app, set up if they had none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    app = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    return app or TOTPDevice.objects.create(user=user, name="Test-app", confirmed=True)


def verifieer_sessie(client, user):
    from django_otp import login as otp_login

    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, authenticator_app(user))
    request.session.save()


def app_code(app):
    """The code the app shows now, or, if that one was used already (a second login within
    the same 30 seconds), the next one: TOTPDevice accepts one step ahead, never one twice."""
    from django_otp.oath import TOTP

    totp = TOTP(app.bin_key, app.step, app.t0, app.digits, app.drift)
    if totp.t() + 1 <= app.last_t:
        # This code and the next one were used: wait for the step after them.
        time.sleep(app.step - time.time() % app.step + 0.1)
    if totp.t() <= app.last_t:
        totp.time = time.time() + app.step
    return f"{totp.token():0{app.digits}d}"


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def referentie(db):
    from django.apps import apps

    # Transactional tests flush the database, migration data included: restore the groups.
    r.maak_rollen(apps)
    call_command("laad_referentiedata", stdout=io.StringIO())


@pytest.fixture
def regisseur_a(referentie):
    """Regisseur of Oosterheem (wijkregisseur A in the 2019 mapping)."""
    user = UserFactory(username="t-regisseur-a", rol=r.REGISSEUR)
    Wijkregisseur.objects.filter(naam="Wijkregisseur A").update(gebruiker=user)
    return user


@pytest.fixture
def regisseur_b(referentie):
    """Regisseur of Noordhove and Seghwaert."""
    user = UserFactory(username="t-regisseur-b", rol=r.REGISSEUR)
    Wijkregisseur.objects.filter(naam="Wijkregisseur B").update(gebruiker=user)
    return user


@pytest.fixture
def maak_wethouder(referentie):
    """maak_wethouder(username, naam, *slugs, **wijk_velden): a user who is wethouder `naam`
    of the reference data and wijkwethouder of the wijken `slugs`."""

    def maak(username, naam, *slugs, **wijk_velden):
        user = UserFactory(username=username, rol=r.WETHOUDER)
        w = Wethouder.objects.get(naam=naam)
        w.gebruiker = user
        w.save()
        Wijk.objects.filter(slug__in=slugs).update(wethouder=w, **wijk_velden)
        return user

    return maak


@pytest.fixture
def wethouder(maak_wethouder):
    """Wethouder Paalvast, wijkwethouder of Oosterheem."""
    return maak_wethouder("t-paalvast", "Paalvast", "oosterheem", wethouder_is_demo=True)


@pytest.fixture
def groene_loper(referentie):
    return UserFactory(username="t-groeneloper", rol=r.GROENE_LOPER)


@pytest.fixture
def beheerder(referentie):
    return UserFactory(username="t-beheerder", rol=r.BEHEERDER, is_staff=True)


@pytest.fixture
def personas(regisseur_a, regisseur_b, wethouder, groene_loper, beheerder):
    return {
        "regisseur_a": regisseur_a,
        "regisseur_b": regisseur_b,
        "wethouder": wethouder,
        "groene_loper": groene_loper,
        "beheerder": beheerder,
    }


@pytest.fixture
def demo_rollen(referentie, request):
    """The demo data (laad_demo, wijkbudget included) with the personas, and "anoniem"."""
    call_command("laad_budget", stdout=io.StringIO())
    call_command("laad_demo", force=True, stdout=io.StringIO())
    # The personas after the demo: they take over its links to wijken and wethouders.
    return {"anoniem": None, **request.getfixturevalue("personas")}


# --- Browser ---------------------------------------------------------------------------


def chromium_pad():
    pad = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return pad if Path(pad).exists() else None


@pytest.fixture(scope="session")
def browser():
    pad = chromium_pad()
    if pad is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium ontbreekt (zet CHROMIUM_PATH of installeer chromium)")
        pytest.skip("Chromium niet gevonden; zet CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=pad,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def pagina(browser, live_server):
    """A fresh browser tab at desktop width; CSP violations fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    csp_fouten = []
    page.on(
        "console",
        lambda m: csp_fouten.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.live_server = live_server
    yield page
    context.close()
    assert not csp_fouten, f"CSP-schendingen: {csp_fouten}"


def log_in(page, username, password="geheim-wachtwoord-123"):
    """Through the login form; a user who must pass the second step types the code of an
    authenticator app that was set up for them (tests/browser/test_tweestaps.py sets one up
    through the page)."""
    from django.contrib.auth.models import User

    user = User.objects.get(username=username)
    app = authenticator_app(user) if tweestaps.vereist(user) else None
    page.goto(f"{page.live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if app is not None and "/tweestaps/" in page.url:
        app.refresh_from_db()
        page.get_by_label("Code").fill(app_code(app))
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()


def screenshot(page, naam):
    ARTEFACTEN.mkdir(exist_ok=True)
    pad = ARTEFACTEN / f"{naam}.png"
    page.screenshot(path=str(pad), full_page=True)
    return pad


def axe_schendingen(page):
    from axe_playwright_python.sync_playwright import Axe

    resultaat = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
        for v in resultaat.response["violations"]
    ]


@pytest.fixture
def max_queries():
    """Like django_assert_max_num_queries, without the test transaction's savepoints."""
    from contextlib import contextmanager

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    @contextmanager
    def check(n):
        with CaptureQueriesContext(connection) as ctx:
            yield
        echte = [
            q["sql"]
            for q in ctx.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
        assert len(echte) <= n, f"{len(echte)} queries, maximaal {n}:\n" + "\n".join(echte)

    return check
