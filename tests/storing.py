"""A real database outage: an app server (gunicorn, a deployment's settings) on a PostgreSQL of
its own, which a test stops and starts again, without touching the database the other tests
share. The private database starts as a copy of the test database (pg_dump), so the users and
reference data that the test made there are in it."""

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.test_instellingen import PRODUCTIE
from tests.test_schaal import _database_url
from wijkwerk.embedded_db import stop
from wijkwerk.management.commands.bench import _vrije_poort

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pgserver

PG_BIN = Path(pgserver.__file__).parent / "pginstall" / "bin"


class EigenDatabase:
    def __init__(self, map_: Path):
        self.map = map_
        self.server = pgserver.get_server(map_, cleanup_mode=None)
        info = self.server.get_postmaster_info()
        self.instellingen = {
            "NAME": "postgres",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": str(info.socket_dir),
            "PORT": str(info.port or 5432),
        }
        self.url = _database_url(self.instellingen)

    def stop(self):
        stop(self.map)

    def start(self):
        self.server.ensure_postgres_running()

    def sql(self, query: str) -> str:
        return subprocess.run(
            [PG_BIN / "psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-c", query],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()


@dataclass
class Antwoord:
    status: int
    headers: dict
    tekst: str


@dataclass
class Browser:
    """A client with cookies and a new connection per request (a keep-alive connection
    would be closed by the server while the test waits for the database)."""

    poort: int
    cookies: dict = field(default_factory=dict)

    def verzoek(self, methode, pad, data=None, **headers) -> Antwoord:
        conn = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=30)
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(methode, pad, body=body, headers=headers)
            response = conn.getresponse()
            tekst = response.read().decode()
        finally:
            conn.close()
        for naam, waarde in response.getheaders():
            if naam.lower() == "set-cookie":
                sleutel, _, rest = waarde.partition("=")
                self.cookies[sleutel] = rest.split(";", 1)[0]
        return Antwoord(response.status, dict(response.getheaders()), tekst)

    def get(self, pad, **headers):
        return self.verzoek("GET", pad, **headers)

    def post(self, pad, data, **headers):
        return self.verzoek("POST", pad, data, **headers)

    def log_in(self, gebruikersnaam, wachtwoord="geheim-wachtwoord-123"):
        self.get("/inloggen/")
        antwoord = self.post("/inloggen/", {"username": gebruikersnaam, "password": wachtwoord})
        assert antwoord.status == 302, antwoord.tekst


@dataclass
class Storingsapp:
    poort: int
    url: str
    database: EigenDatabase
    log: Path

    def browser(self) -> Browser:
        return Browser(self.poort)

    def logregels(self) -> list[dict]:
        """The app's JSON lines (gunicorn's own lines are text)."""
        regels = self.log.read_text().splitlines()
        return [json.loads(r) for r in regels if r.startswith("{")]


def _wacht_op(poort, server):
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopte (code {server.returncode})")
        try:
            if Browser(poort).get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn start niet")


@pytest.fixture
def storingsapp(transactional_db):
    """The app server on its own database; the test's data must be made (committed) before
    this fixture is set up, so list their fixtures first."""
    # Not under pytest's own temporary folder: the embedded server runs as a system user of
    # its own when the tests run as root, and must be able to reach its folder.
    map_ = Path(tempfile.mkdtemp(prefix="wijkwerk-storing-"))
    map_.chmod(0o755)
    database = EigenDatabase(map_ / "pgdata")
    try:
        dump = subprocess.run(
            [
                PG_BIN / "pg_dump",
                "--no-owner",
                "--no-privileges",
                "-d",
                _database_url(connection.settings_dict),
            ],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(
            [PG_BIN / "psql", "-Xq", "-v", "ON_ERROR_STOP=1", "-d", database.url],
            input=dump,
            capture_output=True,
            check=True,
        )
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "CSRF_TRUSTED_ORIGINS", "DEBUG", "SECURE"}
        }
        env.update(
            {
                **{k: v for k, v in PRODUCTIE.items() if k != "CSRF_TRUSTED_ORIGINS"},
                "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": database.url,
                "DJANGO_SETTINGS_MODULE": "tests.instellingen_storing",
                "STORING_PGDATA": str(database.map),
                "TWEESTAPS_ROLLEN": "beheerder",
                "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            }
        )
        poort = _vrije_poort()
        log = map_ / "app.log"
        server = subprocess.Popen(
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
            stderr=log.open("w"),
        )
        try:
            _wacht_op(poort, server)
            yield Storingsapp(poort, f"http://127.0.0.1:{poort}", database, log)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        database.stop()
        shutil.rmtree(map_, ignore_errors=True)
