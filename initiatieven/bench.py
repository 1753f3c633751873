"""`make bench` rows for initiatives and the Groene Loper."""

import uuid

from wijkwerk.bench import Pagina, voeg_toe

BENCH_TITEL, BENCH_OMSCHRIJVING = "Bench", "Benchmark"


def _eerdere_runs_weg(stdout):
    """Remove what earlier runs' intake POSTs made, so each run starts from the same data."""
    from initiatieven.models import Initiatief

    weg, _ = Initiatief.objects.filter(
        titel=BENCH_TITEL,
        omschrijving=BENCH_OMSCHRIJVING,
        agendapunten__isnull=True,
        bestedingsvoorstellen__isnull=True,
    ).delete()
    if weg:
        stdout.write(f"  {weg} rijen van eerdere benchmarkruns verwijderd (initiatieven)")


def _intake():
    return {
        "idempotentie_token": str(uuid.uuid4()),
        "titel": BENCH_TITEL,
        "omschrijving": BENCH_OMSCHRIJVING,
        "adres_vrij": "Stadhuisplein 1",
        "gevraagd": "advies",
        "contact_naam": "Bench",
        "contact_email": "bench@example.invalid",
    }


voeg_toe(
    # 100,000 demo initiatives with history, and meeting 1 with 20 agenda items.
    voorbereiding=[_eerdere_runs_weg, ("genereer_initiatieven", ["--tot", "100000"])],
    # The 8 benchmark clients share one address: the intake's per-address limit would answer
    # 429 to nearly every POST.
    omgeving={"INITIATIEF_LIMIET_PER_UUR": "1000000000"},
    paginas=[
        Pagina("initiatieven: werklijst", "/initiatieven/"),
        Pagina("initiatieven: besloten", "/initiatieven/?filter=besloten"),
        Pagina("initiatieven: doorlooptijd", "/initiatieven/doorlooptijd/"),
        Pagina("Groene Loper: vergadering", "/initiatieven/vergaderingen/1/"),
        Pagina("Groene Loper: besluitenlijst", "/initiatieven/vergaderingen/1/besluitenlijst/"),
        Pagina("initiatief indienen (POST)", "/initiatief/", post=_intake, verwacht=(302,)),
    ],
)
