"""What `make bench` measures. Each app adds its key pages from `<app>/bench.py`.

`pad` is requested by 8 concurrent logged-in clients against gunicorn; a page with
`post` data is submitted as a form (the CSRF token is added by the benchmark).
`voorbereiding` lists management commands (with arguments) that fill the benchmark
database first; each must be idempotent or cheap to repeat.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Pagina:
    naam: str
    # May contain "{id}": each request then takes the next id from `ids(aantal)`.
    pad: str
    # Form data; a callable gives fresh data per request (e.g. a new idempotency token).
    post: dict | Callable[[], dict] | None = None
    headers: dict = field(default_factory=dict)
    # Pages that may answer with a redirect after a POST.
    verwacht: tuple[int, ...] = (200,)
    # Log in as this user (created by `ids` or the voorbereiding); default: a beheerder.
    gebruiker: str | None = None
    ids: Callable[[int], list] | None = None
    # Called once before the run, e.g. to create the user the page logs in as.
    klaarzetten: Callable[[], None] | None = None
    # Called after the run; returns a line for the report (e.g. an invariant that must hold).
    controle: Callable[[], str] | None = None


@dataclass
class Opzet:
    # (management command, arguments), or a callable taking the command's stdout.
    voorbereiding: list = field(default_factory=list)
    paginas: list[Pagina] = field(default_factory=list)
    # Environment for the gunicorn under test only (never this process's os.environ, which
    # every later subprocess would inherit, e.g. a test's own app servers).
    omgeving: dict = field(default_factory=dict)


OPZET = Opzet(
    voorbereiding=[
        ("laad_referentiedata", []),
    ],
    paginas=[
        Pagina("startpagina", "/"),
        Pagina("wijkenoverzicht", "/wijken/"),
        Pagina("wijkdossier", "/wijken/oosterheem/"),
        Pagina("regie per wijk", "/wijken/regie/"),
        Pagina("regie van een wijk", "/wijken/seghwaert/regie/"),
    ],
)


def voeg_toe(*, voorbereiding=(), paginas=(), omgeving=None):
    """Apps register their commands, pages and server environment from their own `bench`
    module."""
    OPZET.voorbereiding.extend(voorbereiding)
    OPZET.paginas.extend(paginas)
    OPZET.omgeving.update(omgeving or {})
