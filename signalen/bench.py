"""`make bench` rows for signalen, on a database topped up to a million signals."""

import uuid
from contextlib import nullcontext
from urllib.parse import urlencode

from django.contrib.auth.models import Group, User
from django.db import connection

from signalen.generator import genereer, indexen_achteraf
from signalen.models import Signaal, Thema
from wijken.models import Wijk, Wijkregisseur
from wijkwerk import keyset, sql
from wijkwerk import rollen as r
from wijkwerk.bench import Pagina, voeg_toe

AANTAL = 1_000_000
REGISSEUR = "bench-regisseur"
_staat = {}


BENCH_OMSCHRIJVING = "Benchmark: kapotte bank bij de speeltuin."


def signalen_tot_een_miljoen(stdout):
    # Every run's quick-log POSTs add hundreds of identical signals on top of the newest.
    # Left in place, they pile up run after run and change what the list and search read
    # first (10,000 after a day of runs: a search for a common word walked 40 % more
    # index entries). Each run starts from the same million.
    weg, _ = Signaal.objects.filter(omschrijving=BENCH_OMSCHRIJVING).delete()
    if weg:
        stdout.write(f"  {weg} rijen van eerdere benchmarkruns verwijderd (signalen)")
    bestaand = Signaal.objects.count()
    if bestaand < AANTAL:
        stdout.write(f"  {AANTAL - bestaand} signalen maken (eenmalig, duurt minuten)…")
        with indexen_achteraf() if AANTAL - bestaand > 100_000 else nullcontext():
            genereer(AANTAL - bestaand, seed=bestaand, batch=20_000, stdout=stdout)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {sql.tabel(Signaal)}")
    stdout.write(f"  {Signaal.objects.count()} signalen in de database")


def _regisseur():
    """Regisseur of Oosterheem: the quick log POST needs someone who may log there."""
    from wijkwerk.management.commands.bench import BENCH_PASSWORD

    user, _ = User.objects.get_or_create(username=REGISSEUR)
    user.set_password(BENCH_PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=r.REGISSEUR))
    Wijkregisseur.objects.filter(gebruiker=user).update(gebruiker=None)
    Wijkregisseur.objects.filter(naam="Wijkregisseur A").update(gebruiker=user)
    _staat["oosterheem"] = Wijk.objects.get(slug="oosterheem").pk
    _staat["thema"] = Thema.objects.get(naam="jeugd").pk


def _herhaal(waarden, aantal):
    return [waarden[i % len(waarden)] for i in range(aantal)]


def _diepe_cursor(aantal):
    # A page far down (4,000 pages of 25 at a million): keyset pagination should make it
    # as fast as the first.
    diepte = min(100_000, Signaal.objects.count() // 2)
    diep = Signaal.objects.nieuwste_eerst().values_list("aangemaakt_op", "pk")[diepte]
    return _herhaal([urlencode({"na": keyset.cursor(*diep)})], aantal)


def _details(aantal):
    return _herhaal(
        list(Signaal.objects.nieuwste_eerst().values_list("pk", flat=True)[5000:5050]), aantal
    )


def _snel_vastleggen():
    return {
        "wijk": _staat["oosterheem"],
        "thema": _staat["thema"],
        "omschrijving": BENCH_OMSCHRIJVING,
        "idempotentie_token": str(uuid.uuid4()),
    }


voeg_toe(
    voorbereiding=[signalen_tot_een_miljoen],
    paginas=[
        Pagina("signalen: lijst, eerste pagina", "/signalen/"),
        Pagina("signalen: lijst, pagina 4001", "/signalen/?{id}", ids=_diepe_cursor),
        Pagina("signalen: lijst, wijk", "/signalen/?wijk=oosterheem"),
        Pagina("signalen: lijst, zoeken", "/signalen/?q=speeltuin"),
        # A word in ~4% of the generated signals: the newest 500 matches lie far apart.
        Pagina("signalen: zoeken, veel treffers", "/signalen/?q=overlast"),
        Pagina("signalen: detail", "/signalen/{id}/", ids=_details),
        Pagina(
            "signalen: snel vastleggen (POST)",
            "/signalen/nieuw/",
            post=_snel_vastleggen,
            headers={"HX-Request": "true"},
            gebruiker=REGISSEUR,
            klaarzetten=_regisseur,
        ),
    ],
)
