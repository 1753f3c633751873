"""Plausible signals in bulk: for the demo (a year, marked demo) and the benchmark (millions).

Rows are made as tuples and written with COPY per batch, each signal with the history
rows of the path it took, so lists, timelines and numbers look real. No model methods
run: the values follow the same rules as signalen.acties (streefdatum from the norm).
"""

import datetime
import random
from contextlib import contextmanager

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from signalen.models import GESLOTEN, Bron, Regie, Signaal, SignaalHistorie, Status, Thema
from wijken.models import Partner, Toewijzing, Wijk
from wijkwerk import rollen as r
from wijkwerk import sql

# Per theme a few things a wijkregisseur hears, and places in a Zoetermeer wijk.
ONDERWERPEN = {
    "leefbaarheid": ["zwerfafval rond de containers", "geluidsoverlast van buren", "verloedering"],
    "armoede": ["gezinnen die de energierekening niet kunnen betalen", "lege voedselkast"],
    "criminaliteit en overlast": ["hangjongeren die overlast geven", "drugshandel", "inbraken"],
    "eenzaamheid": ["oudere bewoners die niemand meer zien", "weinig ontmoeting"],
    "duurzaamheid": ["vraag naar zonnepanelen op flats", "behoefte aan een geveltuinactie"],
    "openbare ruimte": [
        "kapotte straatverlichting",
        "losliggende stoeptegels",
        "onveilig fietspad",
    ],
    "jeugd": ["te weinig speelplekken", "jongeren zonder plek om te sporten"],
    "zorg en welzijn": ["zorgen om een verwarde bewoner", "mantelzorgers die overbelast raken"],
    "veiligheid": ["onveilig gevoel in de onderdoorgang", "te hard rijden bij de school"],
}
PLEKKEN = [
    "het winkelcentrum",
    "de speeltuin",
    "het park",
    "de portiekflat",
    "de basisschool",
    "het Huis van de Wijk",
    "de bushalte",
    "het sportveld",
]
ZINNEN = [
    "Bewoners melden {o} bij {p}.",
    "Tijdens de wijkronde gezien: {o} bij {p}.",
    "Een partner signaleert {o} in de buurt van {p}.",
    "Opnieuw {o} bij {p}; eerder ook al gemeld.",
]
# Most texts name a street and a case number: real texts have a long tail of rare words, and
# without one PostgreSQL's statistics take an unknown word for a common one, so a search for a
# typo walks the (aangemaakt_op, id) index instead of the full-text one. A house number or a
# name only goes into a signal marked as holding personal data.
STRATEN = [
    "Dorpsstraat",
    "Europaweg",
    "Amerikaweg",
    "Afrikaweg",
    "Aziëweg",
    "Australiëweg",
    "Zegwaartseweg",
    "Rokkeveenseweg",
    "Meerzichtlaan",
    "Voorweg",
    "Broekweg",
    "Leidsewallen",
]
NAMEN = ["mevrouw Jansen", "de heer De Vries", "familie Bakker", "mevrouw El Amrani"]
AFDELINGEN = ["Stadsbeheer", "Sociaal Domein", "Openbare Orde en Veiligheid", "Wonen"]
PAD = [Status.NIEUW, Status.IN_BEHANDELING, Status.DOORGEZET, Status.BEANTWOORD, Status.AFGESLOTEN]


def _eindstatus(rnd, leeftijd_dagen: float, normdagen: int) -> str:
    """Older signals are further along; a few stay stuck, which makes them overdue."""
    voortgang = leeftijd_dagen / max(normdagen, 1)
    if rnd.random() < 0.04:
        return Status.AFGESLOTEN_ZONDER_OPLOSSING
    if voortgang < 0.3:
        return rnd.choice([Status.NIEUW, Status.NIEUW, Status.IN_BEHANDELING])
    if voortgang < 1.5:
        return rnd.choice(
            [Status.IN_BEHANDELING, Status.DOORGEZET, Status.BEANTWOORD, Status.AFGESLOTEN]
        )
    # Past the norm: most are done, some linger (the signalering page shows those).
    return rnd.choices(
        [Status.AFGESLOTEN, Status.BEANTWOORD, Status.DOORGEZET, Status.IN_BEHANDELING],
        weights=[78, 16, 3, 3],
    )[0]


SIGNAAL_KOLOMMEN = [
    "id",
    "wijk_id",
    "thema_id",
    "bron",
    "omschrijving",
    "waargenomen_op",
    "gemeld_door",
    "regie_bij",
    "regie_afdeling",
    "regie_partner_id",
    "bevat_persoonsgegevens",
    "status",
    "aangemaakt_door_id",
    "aangemaakt_op",
    "streefdatum",
    "beantwoord_op",
    "afgesloten_op",
    "is_demo",
]
HISTORIE_KOLOMMEN = ["signaal_id", "door_id", "op", "van", "naar", "toelichting"]
REDEN = "Geen partij gevonden die dit kan oppakken."


@contextmanager
def indexen_achteraf():
    """Build the signal tables' non-unique indexes once after a large fill, not row by row
    (each row would update the GIN index and the covering index with its search vector).

    One transaction: if the fill fails or is stopped, the indexes are as they were. It locks
    the tables: for the benchmark's own database, not for one in use.
    """
    tabellen = [Signaal._meta.db_table, SignaalHistorie._meta.db_table]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE %%'",
            [tabellen],
        )
        indexen = cursor.fetchall()
        for naam, _ in indexen:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(naam)}")
        yield
        # Django's foreign keys are checked at commit; CREATE INDEX wants them checked first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definitie in indexen:
            cursor.execute(definitie)


def genereer(aantal: int, *, demo=False, dagen=365, seed=None, batch=10_000, stdout=None) -> int:
    """Write `aantal` signals with their history via COPY, `batch` per transaction."""
    rnd = random.Random(seed)
    wijken = list(Wijk.objects.values_list("pk", flat=True))
    themas = list(Thema.objects.filter(actief=True).values_list("pk", "naam", "normdagen"))
    partners = list(Partner.objects.values_list("pk", flat=True))
    if not wijken or not themas:
        raise ValueError("Laad eerst de referentiedata (wijken en thema's).")
    regisseurs = list(
        User.objects.filter(groups__name=r.REGISSEUR).values_list("pk", flat=True)
    ) or [None]
    # Who logs a signal: the regisseur of its wijk today, so "Uw laatste signalen" on the
    # quick log shows the user's own wijken; someone else's only for a wijk without one.
    per_wijk = {}
    for wijk_id, gebruiker_id in (
        Toewijzing.objects.op_datum(timezone.localdate())
        .filter(regisseur__gebruiker__isnull=False)
        .values_list("wijk_id", "regisseur__gebruiker_id")
    ):
        per_wijk.setdefault(wijk_id, []).append(gebruiker_id)
    bronnen, regies = Bron.values, ["", *Regie.values]
    nu = timezone.now()
    tz = timezone.get_current_timezone()
    gemaakt = 0
    while gemaakt < aantal:
        n = min(batch, aantal - gemaakt)
        with transaction.atomic(), connection.cursor() as cursor:
            # Reserve the ids first, so the history rows can point at their signal (COPY
            # returns no ids, and the ORM has no way to take values from a sequence).
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [sql.tabel(Signaal), Signaal._meta.pk.column, n],
            )
            ids = [rij[0] for rij in cursor.fetchall()]
            signalen, historie = [], []
            for pk in ids:
                thema_id, thema_naam, normdagen = rnd.choice(themas)
                aangemaakt = nu - datetime.timedelta(seconds=rnd.uniform(60, dagen * 86400))
                leeftijd = (nu - aangemaakt).total_seconds() / 86400
                eind = _eindstatus(rnd, leeftijd, normdagen)
                if eind == Status.AFGESLOTEN_ZONDER_OPLOSSING:
                    stappen = [Status.NIEUW, Status.IN_BEHANDELING, eind]
                else:
                    stappen = PAD[: PAD.index(eind) + 1]
                # Steps spread over the signal's life so far, never in the future.
                tijden = sorted(rnd.uniform(0, leeftijd * 0.9) for _ in stappen[1:])
                momenten = [aangemaakt] + [aangemaakt + datetime.timedelta(days=t) for t in tijden]
                persoonlijk = rnd.random() < 0.15
                regie = rnd.choice(regies)
                if not regie and Status.DOORGEZET in stappen:
                    # Passed on to whoever holds the regie: there is one (acties.zet_status).
                    regie = rnd.choice(Regie.values)
                onderwerp = rnd.choice(ONDERWERPEN.get(thema_naam, ["iets dat aandacht vraagt"]))
                tekst = rnd.choice(ZINNEN).format(o=onderwerp, p=rnd.choice(PLEKKEN))
                if rnd.random() < 0.8:
                    straat = rnd.choice(STRATEN)
                    if persoonlijk:
                        tekst += f" Ter hoogte van {straat} {rnd.randint(1, 250)}."
                    else:
                        tekst += f" In de omgeving van de {straat}, zaak {rnd.randint(1, 99999)}."
                if persoonlijk:
                    tekst += f" Contact via {rnd.choice(NAMEN)}."
                wijk = rnd.choice(wijken)
                door = rnd.choice(per_wijk.get(wijk, regisseurs))
                dag = aangemaakt.astimezone(tz).date()
                signalen.append(
                    (
                        pk,
                        wijk,
                        thema_id,
                        rnd.choice(bronnen),
                        tekst,
                        dag,
                        rnd.choice(NAMEN) if persoonlijk else "",
                        regie,
                        rnd.choice(AFDELINGEN) if regie == Regie.GEMEENTE else "",
                        rnd.choice(partners)
                        if regie in (Regie.PARTNER, Regie.BEDRIJF) and partners
                        else None,
                        persoonlijk,
                        eind,
                        door,
                        aangemaakt,
                        dag + datetime.timedelta(days=normdagen),
                        momenten[stappen.index(Status.BEANTWOORD)]
                        if Status.BEANTWOORD in stappen
                        else None,
                        momenten[-1] if eind in GESLOTEN else None,
                        demo,
                    )
                )
                vorige = ""
                for status, moment in zip(stappen, momenten, strict=True):
                    reden = REDEN if status == Status.AFGESLOTEN_ZONDER_OPLOSSING else ""
                    historie.append((pk, door, moment, vorige, status, reden))
                    vorige = status
            _copy(cursor, Signaal, SIGNAAL_KOLOMMEN, signalen)
            _copy(cursor, SignaalHistorie, HISTORIE_KOLOMMEN, historie)
        gemaakt += n
        if stdout is not None and aantal > batch:
            stdout.write(f"  {gemaakt} van {aantal} signalen")
    return gemaakt


def _copy(cursor, model, kolommen, rijen):
    # COPY: bulk loading the benchmark's million rows, which the ORM cannot do.
    namen = ", ".join(connection.ops.quote_name(k) for k in kolommen)
    with cursor.cursor.copy(f"COPY {sql.tabel(model)} ({namen}) FROM STDIN") as copy:
        for rij in rijen:
            copy.write_row(rij)
