# In signalen, not wijkwerk: the load test writes signals (quick log) and counts them after,
# and the project package imports no feature app (tests/test_afhankelijkheden.py).
import collections
import itertools
import os
import shlex
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from signalen import bench as signalen_bench
from signalen.models import Signaal
from wijkwerk import embedded_db
from wijkwerk import rollen as r
from wijkwerk.management.commands import bench

MARKER = "Belastingtest"
# The Dutch 503 page's heading (templates/503.html): what a user sees while the database is away.
STORINGSTEKST = b"Tijdelijk niet beschikbaar"
VOOR, TIJDENS, NA = "voor", "tijdens", "na"

# Per role the pages it opens most; a regisseur also logs signals (every other request).
ROLLEN = {
    "regisseur": ["/", "/signalen/", "/wijken/oosterheem/", "/signalen/nieuw/"],
    "wethouder": ["/", "/wijken/", "/wijken/oosterheem/", "/signalen/"],
    "groeneloper": ["/", "/initiatieven/", "/initiatieven/vergaderingen/"],
    "beheerder": ["/", "/wijken/regie/", "/signalen/?wijk=oosterheem", "/beheer/"],
}


def _gebruiker(naam, groep):
    user, _ = User.objects.get_or_create(username=naam)
    user.set_password(bench.BENCH_PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=groep))
    return naam


class Command(BaseCommand):
    help = (
        "Belasting- en storingstest: de vier rollen met 8 gelijktijdige clients tegen gunicorn op "
        "de benchmarkdatabase; halverwege wordt PostgreSQL gestopt en weer gestart. Meldt fouten "
        "voor, tijdens en na de storing, wat gebruikers zagen, de hersteltijd en of elke "
        "bevestigde schrijfactie bewaard is (make loadtest)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 2, help="gunicorn-workers, zoals bench"
        )
        parser.add_argument("--voor", type=float, default=60, help="seconden vóór de storing")
        parser.add_argument("--storing", type=float, default=25, help="seconden zonder database")
        parser.add_argument("--na", type=float, default=60, help="seconden na de herstart")
        parser.add_argument(
            "--stop-commando",
            help="met DATABASE_URL: shell-commando dat de database stopt (anders niet mogelijk)",
        )
        parser.add_argument("--start-commando", help="met DATABASE_URL: start hem weer")

    def handle(self, *args, clients, workers, voor, storing, na, **opties):
        db = settings.DATABASES["default"]["NAME"]
        if "bench" not in db:
            raise CommandError(
                f"De belastingtest stopt de database en schrijft signalen; database '{db}' is daar "
                "niet voor. Gebruik PGSERVER_DATABASE=wijkwerk_bench (make loadtest)."
            )
        stop, start = self._stop_start(opties["stop_commando"], opties["start_commando"])
        call_command("migrate", verbosity=0)
        r.maak_rollen(django_apps)
        call_command("laad_referentiedata", verbosity=0)
        weg, _ = Signaal.objects.filter(omschrijving__startswith=MARKER + " ").delete()
        if weg:
            self.stdout.write(f"{weg} rijen van eerdere belastingtests verwijderd")
        signalen_bench._regisseur()
        gebruikers = {
            "regisseur": signalen_bench.REGISSEUR,
            "wethouder": _gebruiker("bench-wethouder", r.WETHOUDER),
            "groeneloper": _gebruiker("bench-groeneloper", r.GROENE_LOPER),
            "beheerder": bench.Command()._bench_gebruiker().username,
        }
        run = uuid.uuid4().hex[:8]
        poort = bench._vrije_poort()
        # Every 503 logs its traceback: thousands of lines that would bury the summary.
        log = Path(tempfile.gettempdir()) / f"loadtest-gunicorn-{run}.log"
        self.stdout.write(f"Log van gunicorn: {log}")
        with open(log, "w") as logbestand:
            server = bench.start_gunicorn(poort, workers, stderr=logbestand)
        try:
            bench.Command()._wacht_op(poort)
            sessies = []
            for rol, n in zip(itertools.cycle(ROLLEN), range(clients), strict=False):
                s = bench.Sessie(poort)
                s.log_in(gebruikers[rol])
                sessies.append((rol, n, s))
            meting = self._belast(poort, sessies, run, voor, storing, na, stop, start)
        finally:
            server.terminate()
            server.wait(timeout=30)
        # The database restarted under this process too: a fresh connection.
        connection.close()
        opgeslagen = set(
            Signaal.objects.filter(omschrijving__startswith=f"{MARKER} {run} ").values_list(
                "omschrijving", flat=True
            )
        )
        self._rapport(meting, opgeslagen, clients, workers)
        Signaal.objects.filter(omschrijving__startswith=MARKER + " ").delete()
        if meting["na_fouten"] or meting["bevestigd"] - opgeslagen:
            raise CommandError("NIET OK: fouten na herstel of bevestigde schrijfacties kwijt.")

    def _stop_start(self, stop_commando, start_commando):
        if stop_commando or start_commando:
            if not (stop_commando and start_commando):
                raise CommandError("Geef zowel --stop-commando als --start-commando.")
            return (
                lambda: subprocess.run(shlex.split(stop_commando), check=True),
                lambda: subprocess.run(shlex.split(start_commando), check=True),
            )
        if os.environ.get("DATABASE_URL"):
            raise CommandError(
                "Een externe database (DATABASE_URL) kan deze test niet zelf stoppen en starten; "
                "geef --stop-commando en --start-commando."
            )
        # Stopping the server stops every database on it: refuse where others work (someone
        # connected, or test databases of a development server), as bench refuses a database
        # not meant for it.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_stat_activity WHERE backend_type = 'client backend' "
                "AND pid <> pg_backend_pid() UNION SELECT datname FROM pg_database "
                "WHERE datname LIKE 'test\\_%%'"
            )
            andere = sorted(n for (n,) in cursor.fetchall() if n)
        if andere:
            raise CommandError(
                f"Deze PostgreSQL wordt ook voor andere databases gebruikt ({', '.join(andere)}); "
                "de test stopt de server. Draai hem in een eigen kloon met een eigen .pgdata."
            )
        # The same folder settings.py starts the embedded server from.
        pgdata = Path(os.environ.get("PGSERVER_DATA", Path(settings.BASE_DIR) / ".pgdata"))
        return (lambda: embedded_db.stop(pgdata), lambda: embedded_db.start(pgdata))

    def _belast(self, poort, sessies, run, voor, storing, na, stop, start):
        slot = threading.Lock()
        klaar = threading.Event()
        tijden = {}  # storing_begin, storing_eind (database back)
        antwoorden = []  # (begin, eind, rol, pad, status, storingspagina)
        healthz = []  # (moment, status)
        bevestigd, pogingen, teller = set(), [], itertools.count()

        def fase(begin, eind):
            b, e = tijden.get("storing_begin"), tijden.get("storing_eind")
            if b is None or eind < b:
                return VOOR
            if e is not None and begin >= e:
                return NA
            return TIJDENS

        def client(rol, n, sessie):
            paden = itertools.cycle(ROLLEN[rol])
            while not klaar.is_set():
                pad = next(paden)
                data = None
                if pad == "/signalen/nieuw/" and next(teller) % 2 == 0:
                    tekst = f"{MARKER} {run} {n}-{next(teller)}"
                    data = {**signalen_bench._snel_vastleggen(), "omschrijving": tekst}
                begin = time.monotonic()
                try:
                    status, inhoud, _ = sessie.verzoek("POST" if data else "GET", pad, data)
                except OSError:
                    status, inhoud = 0, b""
                    sessie.conn.close()
                eind = time.monotonic()
                with slot:
                    antwoorden.append((begin, eind, rol, pad, status, STORINGSTEKST in inhoud))
                    if data:
                        pogingen.append(data["omschrijving"])
                    if data and status in (200, 302):
                        bevestigd.add(data["omschrijving"])
                if status != 200 and status != 302:
                    time.sleep(0.2)  # a user waits a moment before trying again

        def probe():
            s = bench.Sessie(poort)
            while not klaar.is_set():
                try:
                    status, _, _ = s.verzoek("GET", "/healthz")
                except OSError:
                    status = 0
                    s.conn.close()
                with slot:
                    healthz.append((time.monotonic(), status))
                time.sleep(0.5)

        threads = [threading.Thread(target=client, args=x) for x in sessies]
        threads.append(threading.Thread(target=probe))
        for t in threads:
            t.start()
        try:
            time.sleep(voor)
            self.stdout.write("PostgreSQL stoppen…")
            tijden["storing_begin"] = time.monotonic()
            stop()
            time.sleep(storing)
            self.stdout.write("PostgreSQL starten…")
            start()
            tijden["storing_eind"] = time.monotonic()
            time.sleep(na)
        finally:
            klaar.set()
            if "storing_begin" in tijden and "storing_eind" not in tijden:
                start()  # interrupted mid-outage: never leave the database stopped
            for t in threads:
                t.join()

        per_fase = collections.defaultdict(lambda: [0, 0])
        tijdens = collections.Counter()
        na_fouten = []
        for begin, eind, rol, pad, status, storingspagina in antwoorden:
            f = fase(begin, eind)
            per_fase[f][0] += 1
            goed = status in (200, 302)
            if not goed:
                per_fase[f][1] += 1
                if f == NA:
                    na_fouten.append((rol, pad, status))
            if f == TIJDENS:
                tijdens[(status, storingspagina)] += 1
        e = tijden["storing_eind"]
        eerste = min(
            (eind for begin, eind, *_, status, _s in antwoorden if begin >= e and status == 200),
            default=None,
        )
        b = tijden["storing_begin"]
        return {
            "per_fase": per_fase,
            "tijdens": tijdens,
            "na_fouten": na_fouten,
            "healthz_tijdens": collections.Counter(s for m, s in healthz if b + 2 <= m <= e),
            "herstel": None if eerste is None else eerste - e,
            "bevestigd": bevestigd,
            "pogingen": len(pogingen),
            "duur_storing": e - b,
        }

    def _rapport(self, m, opgeslagen, clients, workers):
        w = self.stdout.write
        w(
            f"\nBelastingtest: {clients} clients (regisseur, wethouder, groeneloper, beheerder), "
            f"gunicorn met {workers} workers; database {m['duur_storing']:.0f} s weg\n"
        )
        w("| fase / phase              | verzoeken | fouten |")
        w("|---------------------------|-----------|--------|")
        for f, label in [
            (VOOR, "voor storing / before"),
            (TIJDENS, "tijdens / during"),
            (NA, "na herstart / after"),
        ]:
            n, fout = m["per_fase"][f]
            w(f"| {label:<25} | {n:>9} | {fout:>6} |")
        totaal = sum(n for n, _ in m["per_fase"].values())
        w(f"| {'totaal / total':<25} | {totaal:>9} | {'':>6} |")
        w("\nWat gebruikers kregen tijdens de storing / what users got while down:")
        for (status, pagina), n in sorted(m["tijdens"].items()):
            tekst = "Nederlandse 503-pagina" if pagina else "geen storingspagina"
            w(f"  HTTP {status or 'verbinding mislukt'}: {n}× ({tekst})")
        hz = ", ".join(f"{s}: {n}×" for s, n in sorted(m["healthz_tijdens"].items()))
        w(f"  /healthz tijdens de storing: {hz or '-'}")
        herstel = "nooit" if m["herstel"] is None else f"{m['herstel']:.2f} s"
        w(f"\nHersteltijd (database terug → eerste goede pagina) / recovery: {herstel}")
        for rol, pad, status in m["na_fouten"][:10]:
            w(f"  fout na herstart: {rol} {pad} → {status}")
        kwijt = m["bevestigd"] - opgeslagen
        w(
            f"Schrijfacties / writes: {m['pogingen']} verstuurd, {len(m['bevestigd'])} bevestigd, "
            f"{len(opgeslagen & m['bevestigd'])} daarvan bewaard, {len(kwijt)} kwijt; "
            f"{len(opgeslagen - m['bevestigd'])} bewaard zonder bevestiging"
        )
        ok = not m["na_fouten"] and not kwijt
        w(f"\nResultaat: {'OK' if ok else 'NIET OK'} (doel: 0 fouten na herstel, 0 kwijt)")
