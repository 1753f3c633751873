"""`make bench` rows for initiatives and the Groene Loper."""

import os
import uuid

from wijkwerk.bench import Pagina, voeg_toe

# The 8 benchmark clients share one address: the intake's per-address limit would answer
# 429 to nearly every POST. The gunicorn under test inherits this environment.
os.environ.setdefault("INITIATIEF_LIMIET_PER_UUR", "1000000000")


def _intake():
    return {
        "formulier_token": f"bench-{uuid.uuid4()}",
        "titel": "Bench",
        "omschrijving": "Benchmark",
        "adres_vrij": "Stadhuisplein 1",
        "gevraagd": "advies",
        "contact_naam": "Bench",
        "contact_email": "bench@example.invalid",
    }


voeg_toe(
    # 100,000 demo initiatives with history, and meeting 1 with 20 agenda items.
    voorbereiding=[("genereer_initiatieven", ["--tot", "100000"])],
    paginas=[
        Pagina("initiatieven: werklijst", "/initiatieven/"),
        Pagina("initiatieven: besloten", "/initiatieven/?filter=besloten"),
        Pagina("initiatieven: doorlooptijd", "/initiatieven/doorlooptijd/"),
        Pagina("Groene Loper: vergadering", "/initiatieven/vergaderingen/1/"),
        Pagina("Groene Loper: besluitenlijst", "/initiatieven/vergaderingen/1/besluitenlijst/"),
        Pagina("initiatief indienen (POST)", "/initiatief/", post=_intake, verwacht=(302,)),
    ],
)
