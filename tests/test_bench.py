from django.urls import resolve

from wijkwerk.bench import OPZET
from wijkwerk.management.commands.bench import _laad_app_benches


def test_benchmarkpaginas_bestaan():
    """make bench is not part of make test; this keeps its page list from going stale."""
    _laad_app_benches()
    assert len(OPZET.paginas) >= 5
    for pagina in OPZET.paginas:
        resolve(pagina.pad.split("?")[0].format(id=1))
