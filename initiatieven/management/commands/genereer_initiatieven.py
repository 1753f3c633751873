import datetime
import random
import secrets

from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import (
    OPEN,
    Agendapunt,
    Gevraagd,
    Initiatief,
    InitiatiefHistorie,
    Status,
    Vergadering,
    norm_dagen,
)
from initiatieven.referentiedata import zorg_voor_disciplines
from wijken.models import Wijk

WOORDEN = ["Moestuin", "Buurtfeest", "Speelplek", "Bankje", "Repair café", "Taalcafé", "Bloembak"]
BATCH = 5000
# The benchmark's meeting page has a fixed address (see wijkwerk/bench.py).
BENCH_VERGADERING = 1


class Command(BaseCommand):
    help = (
        "Maakt demo-initiatieven (gemarkeerd als demo) met historie, in bulk, voor volume- en "
        "snelheidstests. --aantal N maakt er N bij; --tot N vult aan tot N demo-initiatieven "
        "(idempotent). Maakt ook een vergadering met 20 agendapunten."
    )

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=0)
        parser.add_argument("--tot", type=int, default=None)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, aantal, tot, seed, **options):
        if tot is not None:
            aantal = max(0, tot - Initiatief.objects.filter(is_demo=True).count())
        rnd = random.Random(seed)
        wijken = list(Wijk.objects.all())
        zorg_voor_disciplines()
        gemaakt = 0
        while gemaakt < aantal:
            n = min(BATCH, aantal - gemaakt)
            with transaction.atomic():
                self._batch(n, rnd, wijken)
            gemaakt += n
        self._vergadering(rnd)
        self.stdout.write(f"{gemaakt} demo-initiatieven gemaakt.")

    def _batch(self, n, rnd, wijken):
        jaar = timezone.localdate().year
        # Reserve n reference numbers at once; acties.volgende_referentie keeps counting after.
        nummers = acties.volgende_referenties(jaar, n)
        nu = timezone.now()
        norm = norm_dagen()
        rijen = []
        for i in range(n):
            ontvangen = nu - datetime.timedelta(
                days=rnd.randint(0, 730), minutes=rnd.randint(0, 1440)
            )
            gevraagd = rnd.choice(list(Gevraagd))
            pauze = rnd.choice([0, 0, 0, rnd.randint(1, 20)])
            klaar = rnd.random() < 0.8 and ontvangen < nu - datetime.timedelta(days=60)
            status = Status.GEINFORMEERD if klaar else rnd.choice(OPEN)
            geinformeerd = (
                ontvangen + datetime.timedelta(days=rnd.randint(5, 45) + pauze) if klaar else None
            )
            ontvangen_dag = timezone.localtime(ontvangen).date()
            rijen.append(
                Initiatief(
                    referentie=acties.referentie(jaar, nummers[i]),
                    titel=f"{rnd.choice(WOORDEN)} {i}",
                    omschrijving="Demo-initiatief, gemaakt door genereer_initiatieven.",
                    wijk=rnd.choice(wijken),
                    gevraagd=gevraagd,
                    bedrag=rnd.randint(50, 5000) if gevraagd == Gevraagd.GELD else None,
                    contact_naam="Demo Indiener",
                    contact_email="demo@demo.wijkwerk.invalid",
                    status=status,
                    status_token=secrets.token_urlsafe(32),
                    ontvangen_op=ontvangen,
                    geinformeerd_op=geinformeerd,
                    gepauzeerde_dagen=pauze,
                    uiterste_datum=ontvangen_dag + datetime.timedelta(days=norm + pauze),
                    doorlooptijd_dagen=(
                        (timezone.localtime(geinformeerd).date() - ontvangen_dag).days - pauze
                        if geinformeerd
                        else None
                    ),
                    is_demo=True,
                )
            )
        Initiatief.objects.bulk_create(rijen, batch_size=BATCH)
        historie = []
        for ini in rijen:
            historie.append(
                InitiatiefHistorie(
                    initiatief=ini, op=ini.ontvangen_op, naar=Status.ONTVANGEN, toelichting="Demo"
                )
            )
            if ini.geinformeerd_op:
                historie.append(
                    InitiatiefHistorie(
                        initiatief=ini,
                        op=ini.geinformeerd_op,
                        van=Status.BESLOTEN,
                        naar=Status.GEINFORMEERD,
                        toelichting="Demo",
                    )
                )
        InitiatiefHistorie.objects.bulk_create(historie, batch_size=BATCH)

    def _vergadering(self, rnd):
        if Vergadering.objects.filter(pk=BENCH_VERGADERING).exists():
            return
        datum = timezone.localdate() + datetime.timedelta(days=7)
        while Vergadering.objects.filter(datum=datum).exists():
            datum += datetime.timedelta(days=1)
        with transaction.atomic():
            vergadering = Vergadering.objects.create(pk=BENCH_VERGADERING, datum=datum)
            # After an explicit pk the id sequence must move past it, as loaddata does.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Vergadering]):
                    cursor.execute(sql)
            kandidaten = Initiatief.objects.filter(is_demo=True, status=Status.COMPLEET)[:20]
            for ini in kandidaten:
                acties.agendeer(vergadering=vergadering, initiatief=ini, door=None)
            self.stdout.write(
                f"Vergadering {vergadering.datum} met "
                f"{Agendapunt.objects.filter(vergadering=vergadering).count()} agendapunten."
            )
