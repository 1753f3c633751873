"""`make bench`: the signal pages under gunicorn with 8 concurrent clients, on a separate
database filled with a million signals. Prints p50/p95 per page, the ratio to /healthz
measured in the same run, and the number of queries per page.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.crypto import get_random_string

from signalen.generator import genereer
from signalen.models import Signaal, Thema
from wijken.models import Wijk, Wijkregisseur
from wijkwerk import rollen as r

BENCH_GEBRUIKER = "bench-regisseur"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Benchmark van de signaalpagina's: vult een aparte database (naam moet 'bench' "
        "bevatten, zie make bench) tot --aantal signalen, start gunicorn op 127.0.0.1 en meet "
        "met --clients gelijktijdige clients p50/p95 per pagina, naast /healthz."
    )

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=1_000_000)
        parser.add_argument("--verzoeken", type=int, default=400, help="Per pagina.")
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
        parser.add_argument("--poort", type=int, default=0, help="Standaard een vrije poort.")

    def handle(self, *args, aantal, verzoeken, clients, workers, poort, **options):
        naam = settings.DATABASES["default"]["NAME"]
        if "bench" not in naam:
            raise CommandError(
                f"De benchmark vult de database met {aantal} signalen; database '{naam}' is "
                "daar niet voor. Gebruik PGSERVER_DATABASE=wijkwerk_bench (make bench)."
            )
        call_command("migrate", verbosity=0)
        call_command("laad_referentiedata", stdout=self.stdout)
        gebruiker = self._gebruiker()
        bestaand = Signaal.objects.count()
        if bestaand < aantal:
            self.stdout.write(f"{aantal - bestaand} signalen maken (eenmalig, duurt minuten)…")
            genereer(aantal - bestaand, seed=bestaand, batch=20_000, stdout=self.stdout)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE signalen_signaal")
        self.stdout.write(f"Database {naam}: {Signaal.objects.count()} signalen.")

        paginas = self._paginas()
        queries = {n: self._tel_queries(gebruiker, *p) for n, p in paginas.items()}
        sessies = [self._sessie(gebruiker) for _ in range(clients)]

        poort = poort or _vrije_poort()
        env = {**os.environ, "DEBUG": "false", "PGSERVER_DATABASE": naam}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "wijkwerk.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{poort}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            self._wacht_op(poort)
            resultaten = {}
            for n, p in paginas.items():
                self._meet(poort, sessies, *p, aantal=clients * 10)  # warm up
                resultaten[n] = self._meet(poort, sessies, *p, aantal=verzoeken)
        finally:
            server.terminate()
            server.wait(timeout=30)
        self._tabel(resultaten, queries, clients, workers, verzoeken)

    def _gebruiker(self):
        user, _ = User.objects.get_or_create(username=BENCH_GEBRUIKER)
        user.groups.add(Group.objects.get(name=r.REGISSEUR))
        Wijkregisseur.objects.filter(naam="Wijkregisseur A").update(gebruiker=user)
        return user

    def _paginas(self):
        oosterheem = Wijk.objects.get(slug="oosterheem")
        # A page far down (4,000 pages of 25 at a million): keyset pagination should make it
        # as fast as the first.
        diepte = min(100_000, Signaal.objects.count() // 2)
        diep = Signaal.objects.nieuwste_eerst().values_list("aangemaakt_op", "pk")[diepte]
        cursor = urlencode({"na": f"{diep[0].isoformat()}_{diep[1]}"})
        detail = list(Signaal.objects.nieuwste_eerst().values_list("pk", flat=True)[5000:5050])
        thema = Thema.objects.get(naam="jeugd")
        return {
            "/healthz": ("GET", ["/healthz"], None),
            "lijst, eerste pagina": ("GET", ["/signalen/"], None),
            f"lijst, pagina {diepte // 25 + 1}": ("GET", [f"/signalen/?{cursor}"], None),
            "lijst, wijk": ("GET", ["/signalen/?wijk=oosterheem"], None),
            "lijst, zoeken": ("GET", ["/signalen/?q=speeltuin"], None),
            "detail": ("GET", [f"/signalen/{pk}/" for pk in detail], None),
            "snel vastleggen (POST)": (
                "POST",
                ["/signalen/nieuw/"],
                {
                    "wijk": oosterheem.pk,
                    "thema": thema.pk,
                    "omschrijving": "Benchmark: kapotte bank bij de speeltuin.",
                },
            ),
        }

    def _tel_queries(self, gebruiker, methode, paden, data):
        client = Client()
        client.force_login(gebruiker)
        client.get(paden[0] if methode == "GET" else "/signalen/")  # session and caches warm
        with CaptureQueriesContext(connection) as ctx:
            if methode == "GET":
                response = client.get(paden[0])
            else:
                data = {**data, "idempotentie_token": str(uuid.uuid4())}
                response = client.post(paden[0], data, HTTP_HX_REQUEST="true")
        if response.status_code != 200:
            raise CommandError(f"{paden[0]} gaf {response.status_code}")
        return len(ctx.captured_queries)

    def _sessie(self, gebruiker):
        client = Client()
        client.force_login(gebruiker)
        csrf = get_random_string(32)
        return {
            "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }

    def _wacht_op(self, poort):
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn startte niet")

    def _meet(self, poort, sessies, methode, paden, data, *, aantal):
        teller = iter(range(aantal))
        slot = threading.Lock()
        tijden, fouten = [], []

        def client(sessie):
            conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
            while True:
                with slot:
                    i = next(teller, None)
                if i is None:
                    break
                pad = paden[i % len(paden)]
                headers = dict(sessie)
                body = None
                if methode == "POST":
                    headers["HX-Request"] = "true"
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                    body = urlencode({**data, "idempotentie_token": str(uuid.uuid4())})
                begin = time.perf_counter()
                conn.request(methode, pad, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                duur = time.perf_counter() - begin
                with slot:
                    tijden.append(duur)
                    if response.status != 200:
                        fouten.append(response.status)

        with ThreadPoolExecutor(len(sessies)) as pool:
            list(pool.map(client, sessies))
        return {"tijden": tijden, "fouten": fouten}

    def _tabel(self, resultaten, queries, clients, workers, verzoeken):
        def ms(tijden, p):
            return statistics.quantiles(tijden, n=100)[p - 1] * 1000

        basis = resultaten["/healthz"]["tijden"]
        b50, b95 = ms(basis, 50), ms(basis, 95)
        self.stdout.write(
            f"\n{clients} gelijktijdige clients, gunicorn met {workers} workers, "
            f"{verzoeken} verzoeken per pagina, {os.cpu_count()} CPU's.\n"
        )
        kop = (
            f"| {'pagina':<24} | {'p50 ms':>7} | {'p95 ms':>7} | {'p50 ×healthz':>12} "
            f"| {'p95 ×healthz':>12} | {'queries':>7} | {'fouten':>6} |"
        )
        self.stdout.write(kop)
        self.stdout.write("|" + "|".join("-" * (len(k)) for k in kop.split("|")[1:-1]) + "|")
        for naam, res in resultaten.items():
            p50, p95 = ms(res["tijden"], 50), ms(res["tijden"], 95)
            self.stdout.write(
                f"| {naam:<24} | {p50:7.1f} | {p95:7.1f} | {p50 / b50:12.1f} | "
                f"{p95 / b95:12.1f} | {queries[naam]:7d} | {len(res['fouten']):6d} |"
            )
        self.stdout.write(
            "\nDoelen (engineering.md): p95 ≤ 50 ms, ≤ 4× /healthz, diepe pagina niet trager "
            "dan de eerste, vaste aantallen queries."
        )
