"""What `make bench` measures. Each feature adds its key pages here.

`pad` is requested by 8 concurrent logged-in clients against gunicorn; a page with
`post` data is submitted as a form (the CSRF token is added by the benchmark).
`voorbereiding` lists management commands (with arguments) that fill the benchmark
database first; each must be idempotent or cheap to repeat.
"""

import os
from dataclasses import dataclass, field

# The 8 benchmark clients share one address: the intake's per-address limit would answer
# 429 to nearly every POST. The gunicorn under test inherits this environment.
os.environ.setdefault("INITIATIEF_LIMIET_PER_UUR", "1000000000")


@dataclass
class Pagina:
    naam: str
    pad: str
    post: dict | None = None
    # Pages that may answer with a redirect after a POST.
    verwacht: tuple[int, ...] = (200,)


@dataclass
class Opzet:
    voorbereiding: list[tuple[str, list[str]]] = field(default_factory=list)
    paginas: list[Pagina] = field(default_factory=list)


OPZET = Opzet(
    voorbereiding=[
        ("laad_referentiedata", []),
        # 100,000 demo initiatives with history, and meeting 1 with 20 agenda items.
        ("genereer_initiatieven", ["--tot", "100000"]),
    ],
    paginas=[
        Pagina("startpagina", "/"),
        Pagina("wijkenoverzicht", "/wijken/"),
        Pagina("wijkdossier", "/wijken/oosterheem/"),
        Pagina("regie per wijk", "/wijken/regie/"),
        Pagina("regie van een wijk", "/wijken/seghwaert/regie/"),
        Pagina("initiatieven: werklijst", "/initiatieven/"),
        Pagina("initiatieven: besloten", "/initiatieven/?filter=besloten"),
        Pagina("initiatieven: doorlooptijd", "/initiatieven/doorlooptijd/"),
        Pagina("Groene Loper: vergadering", "/initiatieven/vergaderingen/1/"),
        Pagina("Groene Loper: besluitenlijst", "/initiatieven/vergaderingen/1/besluitenlijst/"),
        Pagina(
            "initiatief indienen (POST)",
            "/initiatief/",
            post={
                "formulier_token": "bench-{t}-{i}",
                "titel": "Bench",
                "omschrijving": "Benchmark",
                "adres_vrij": "Stadhuisplein 1",
                "gevraagd": "advies",
                "contact_naam": "Bench",
                "contact_email": "bench@example.invalid",
            },
            verwacht=(302,),
        ),
    ],
)
