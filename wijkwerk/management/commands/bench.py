import http.client
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.lib import add_static_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkwerk import rollen as r
from wijkwerk import tweestaps
from wijkwerk.apps_met import modules
from wijkwerk.bench import OPZET, Pagina


def _laad_app_benches():
    """Each app may have a `bench` module that registers its pages with wijkwerk.bench."""
    modules("bench")


BENCH_USER = "bench-beheerder"
BENCH_PASSWORD = "bench-wachtwoord-niet-in-productie"


def _vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _herstelcode(gebruikersnaam):
    """A fresh recovery code for a user who must pass the second login step, else None:
    eight sessions of one user log in at once, and an app's code works only once."""
    user = User.objects.get(username=gebruikersnaam)
    if not tweestaps.vereist(user):
        return None
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "Benchmark"})
    return add_static_token(gebruikersnaam).token


def start_gunicorn(poort, workers, stderr=None):
    """gunicorn as a deployment runs it, on 127.0.0.1 (also for `manage.py loadtest`)."""
    env = {
        **os.environ,
        **OPZET.omgeving,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        # Thousands of requests: no access log line for each.
        "TOEGANGSLOG": "false",
        # Server time per request, read from the Server-Timing header.
        "SERVER_TIMING": "true",
        # Hundreds of intake confirmations would otherwise fill the console.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("CSRF_TRUSTED_ORIGINS", None)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "wijkwerk.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{poort}",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stderr=stderr,
    )
    return server


class Sessie:
    """One logged-in client with a keep-alive connection, like one browser tab."""

    def __init__(self, poort):
        self.conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
        self.cookies = {}
        self.server_duur = None

    def verzoek(self, methode, pad, data=None, extra_headers=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(extra_headers or {}),
        }
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = "http://127.0.0.1/"
        start = time.perf_counter()
        self.conn.request(methode, pad, body=body, headers=headers)
        response = self.conn.getresponse()
        inhoud = response.read()
        duur = time.perf_counter() - start
        server = None
        for header, waarde in response.getheaders():
            if header.lower() == "set-cookie":
                naam, _, rest = waarde.partition("=")
                self.cookies[naam] = rest.split(";", 1)[0]
            elif header.lower() == "server-timing":
                server = float(waarde.partition("dur=")[2]) / 1000
        self.server_duur = server
        return response.status, inhoud, duur

    def log_in(self, gebruiker=BENCH_USER):
        self.conn.close()
        self.cookies = {}
        self.verzoek("GET", "/inloggen/")
        status, _, _ = self.verzoek(
            "POST", "/inloggen/", {"username": gebruiker, "password": BENCH_PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"Inloggen voor de benchmark mislukt (status {status})")
        code = _herstelcode(gebruiker)
        if code is not None:
            status, _, _ = self.verzoek("POST", "/tweestaps/", {"code": code})
            if status != 302:
                raise RuntimeError(f"Tweede inlogstap voor de benchmark mislukt (status {status})")


class Command(BaseCommand):
    help = (
        "Meet p50/p95 van de kernpagina's onder gunicorn met 8 gelijktijdige clients, met de "
        "verhouding tot /healthz in dezelfde run en het aantal queries per pagina. Gebruik een "
        "aparte database (make bench zet PGSERVER_DATABASE=wijkwerk_bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--verzoeken", type=int, default=400, help="per pagina, in totaal")
        # One per core, as README advises for a deployment: the app computes and hardly
        # waits, so more workers only take turns on the same cores (and their server time
        # then counts the turns of the others).
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 2, help="gunicorn-workers"
        )
        parser.add_argument(
            "--rondes",
            type=int,
            default=4,
            help="de pagina's na elkaar, zo vaak; /healthz vlak voor en na elke pagina",
        )
        parser.add_argument("--zonder-voorbereiding", action="store_true")
        parser.add_argument(
            "--paginas",
            nargs="+",
            metavar="DEEL",
            help="alleen de pagina's met een van deze woorden in hun naam (en /healthz)",
        )

    def handle(
        self, *args, clients, verzoeken, workers, rondes, zonder_voorbereiding, paginas, **options
    ):
        _laad_app_benches()
        if paginas:
            # A comparison of two versions of one page need not wait for all the others.
            OPZET.paginas[:] = [p for p in OPZET.paginas if any(d in p.naam for d in paginas)]
            if not OPZET.paginas:
                raise CommandError(f"Geen pagina met {' of '.join(paginas)} in de naam.")
        db = settings.DATABASES["default"]["NAME"]
        if "bench" not in db:
            raise CommandError(
                f"De benchmark vult de database met een miljoen signalen; database '{db}' is "
                "daar niet voor. Gebruik PGSERVER_DATABASE=wijkwerk_bench (make bench)."
            )
        self.stdout.write(f"Benchmark op database {db!r}")
        call_command("migrate", verbosity=0)
        r.maak_rollen(django_apps)
        if not zonder_voorbereiding:
            for stap in OPZET.voorbereiding:
                t = time.perf_counter()
                if callable(stap):
                    stap(self.stdout)
                    naam = stap.__name__
                else:
                    commando, argumenten = stap
                    call_command(commando, *argumenten)
                    naam = " ".join([commando, *argumenten])
                self.stdout.write(f"  {naam}: {time.perf_counter() - t:.1f} s")
        gebruiker = self._bench_gebruiker()
        queries = self._tel_queries(gebruiker)

        poort = _vrije_poort()
        server = start_gunicorn(poort, workers)
        try:
            self._wacht_op(poort)
            resultaten, buren = self._meet(poort, clients, verzoeken, rondes)
        finally:
            server.terminate()
            server.wait(timeout=30)
        self._rapport(resultaten, buren, queries, clients, workers, rondes)

    def _bench_gebruiker(self):
        gebruiker, _ = User.objects.get_or_create(username=BENCH_USER, defaults={"is_staff": True})
        gebruiker.set_password(BENCH_PASSWORD)
        gebruiker.save()
        gebruiker.groups.add(Group.objects.get(name=r.BEHEERDER))
        return gebruiker

    def _tel_queries(self, gebruiker):
        client = Client()
        client.force_login(gebruiker)
        if code := _herstelcode(gebruiker.username):
            client.post("/tweestaps/", {"code": code})
        aantallen = {}
        for pagina in [Pagina("healthz", "/healthz"), *OPZET.paginas]:
            if pagina.post is not None or pagina.gebruiker:
                continue  # a POST is counted by its own tests; here it would change data
            pad = pagina.pad.format(id=pagina.ids(1)[0]) if pagina.ids else pagina.pad
            client.get(pad)  # warm per-process caches, as a running server has them
            with CaptureQueriesContext(connection) as ctx:
                client.get(pad)
            aantallen[pagina.naam] = sum(
                # Transaction control is not a query; the tests' max_queries counts the same way.
                not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))
                for q in ctx.captured_queries
            )
        return aantallen

    def _wacht_op(self, poort):
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn start niet")

    def _meet(self, poort, clients, verzoeken, rondes):
        """Every page in turn, `rondes` times over, with /healthz measured right before and
        right after each page (H P1 H P2 … Pn H; again after a login or a page's set-up,
        so nothing else lies between). A page's ratio is to those two /healthz bursts
        beside it: on a shared machine the load of other work changes within a round, and a
        /healthz measured once at the start of each round could fall in a quiet moment while
        the pages after it did not (one run had /healthz's server p95 at 5.8 ms against
        7.8-9.3 ms in every other, and most pages over 4x).

        Returns (per page: (client durations per round, server durations, error statuses);
        per page and round: (the /healthz durations just before it, just after it)).
        """
        sessies = [Sessie(poort) for _ in range(clients)]
        for s in sessies:
            s.log_in()
        healthz = Pagina("healthz", "/healthz")
        resultaten = {pagina.naam: ([], [], []) for pagina in [healthz, *OPZET.paginas]}
        buren = {pagina.naam: [] for pagina in OPZET.paginas}
        id_bronnen = {}
        ingelogd_als = BENCH_USER
        per_client = max(1, verzoeken // clients // rondes)
        # Warm-up: every worker process opens its database connection.
        self._meet_een(sessies, healthz, 3, None, None)
        for ronde in range(rondes):
            resultaten["healthz"][0].append([])
            vorige = None
            for pagina in OPZET.paginas:
                gebruiker = pagina.gebruiker or BENCH_USER
                if ronde == 0:
                    if pagina.klaarzetten:
                        pagina.klaarzetten()
                    if pagina.ids:
                        nodig = (per_client * rondes + 3) * clients
                        id_bronnen[pagina.naam] = iter(pagina.ids(nodig))
                if gebruiker != ingelogd_als:
                    for s in sessies:
                        s.log_in(gebruiker)
                    ingelogd_als = gebruiker
                    vorige = None
                bron = id_bronnen.get(pagina.naam)
                if ronde == 0:
                    # Set-up and warm-up came after the last /healthz: measure it again.
                    self._meet_een(sessies, pagina, 3, None, bron)
                    vorige = None
                if vorige is None:
                    vorige = self._meet_een(sessies, healthz, per_client, resultaten, None)
                resultaten[pagina.naam][0].append([])
                self._meet_een(sessies, pagina, per_client, resultaten, bron)
                volgende = self._meet_een(sessies, healthz, per_client, resultaten, None)
                buren[pagina.naam].append((vorige, volgende))
                vorige = volgende
        return resultaten, buren

    def _meet_een(self, sessies, pagina, aantal, resultaten, ids):
        """`aantal` requests of `pagina` from every session at once; returns their client
        durations and, unless `resultaten` is None, adds them to the current round's."""
        duren, server_duren, fouten = [], [], []
        slot = threading.Lock()

        def werk(sessie):
            for _ in range(aantal):
                pad = pagina.pad
                if ids is not None:
                    with slot:
                        pad = pad.format(id=next(ids))
                data = pagina.post() if callable(pagina.post) else pagina.post
                status, _, duur = sessie.verzoek(
                    "POST" if data is not None else "GET", pad, data, pagina.headers
                )
                with slot:
                    if status in pagina.verwacht:
                        duren.append(duur)
                        if sessie.server_duur is not None:
                            server_duren.append(sessie.server_duur)
                    else:
                        fouten.append(status)

        threads = [threading.Thread(target=werk, args=(s,)) for s in sessies]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if resultaten is not None:
            rondes_duren, alle_server, alle_fouten = resultaten[pagina.naam]
            rondes_duren[-1].extend(duren)
            alle_server.extend(server_duren)
            alle_fouten.extend(fouten)
        return duren

    def _rapport(self, resultaten, buren, queries, clients, workers, rondes):
        def p(waarden, q):
            return statistics.quantiles(waarden, n=100)[q - 1] * 1000 if len(waarden) > 1 else 0

        def alle(rondes_duren):
            return [d for ronde in rondes_duren for d in ronde]

        def naast(voor, na):
            # The mean of the two p95s, not the p95 of both pooled: one slow burst would set
            # that, so /healthz would meet twice the noise the page meets.
            return (p(voor, 95) + p(na, 95)) / 2 or 1

        health_p95 = p(alle(resultaten["healthz"][0]), 95) or 1
        self.stdout.write(
            f"\n{clients} gelijktijdige clients, gunicorn met {workers} workers, "
            f"{os.cpu_count()} cores, {rondes} rondes. p50/p95: gemeten bij de client, over alle "
            "rondes; server p95: de tijd binnen Django (Server-Timing), zonder wachtrij voor "
            "een vrije worker. p95 / healthz: tot het gemiddelde van de p95 van /healthz vlak "
            "voor en vlak na de pagina, in elke ronde gemeten (de eis); per ronde: die "
            "verhouding in elke ronde apart, de mediaan en (tussen haakjes) de kleinste en "
            "grootste (bij healthz zelf: elke ronde tegen de hele run); hele run: tot /healthz "
            "over de hele run\n"
        )
        kop = (
            f"| {'pagina':<32} | {'n':>5} | {'p50 ms':>7} | {'p95 ms':>7} "
            f"| {'p95 / healthz':>13} | {'per ronde':>18} | {'hele run':>8} "
            f"| {'server p95':>10} | {'queries':>7} | fouten |"
        )
        self.stdout.write(kop)
        self.stdout.write(re.sub(r"[^|]", "-", kop))
        for naam, (rondes_duren, server_duren, fouten) in resultaten.items():
            duren = alle(rondes_duren)
            p95 = p(duren, 95)
            if naam in buren:
                voor, na = zip(*buren[naam], strict=True)
                noemer = naast(alle(voor), alle(na))
                per_ronde = sorted(
                    p(ronde, 95) / naast(v, n)
                    for ronde, (v, n) in zip(rondes_duren, buren[naam], strict=True)
                )
            else:  # /healthz itself: each round against the whole run, to show the drift
                noemer = health_p95
                per_ronde = sorted(p(ronde, 95) / health_p95 for ronde in rondes_duren)
            spreiding = (
                f"{statistics.median(per_ronde):.1f}x ({per_ronde[0]:.1f}-{per_ronde[-1]:.1f})"
            )
            self.stdout.write(
                f"| {naam:<32} | {len(duren):>5} | {p(duren, 50):>7.1f} | {p95:>7.1f} | "
                f"{p95 / noemer:>12.1f}x | {spreiding:>18} | "
                f"{p95 / health_p95:>7.1f}x | {p(server_duren, 95):>10.1f} | "
                f"{queries.get(naam, '-'):>7} | {len(fouten):>6} |"
            )
        for pagina in OPZET.paginas:
            if pagina.controle:
                self.stdout.write(pagina.controle())
