import pytest
from django.urls import resolve

from wijkwerk.bench import OPZET
from wijkwerk.management.commands.bench import _laad_app_benches


def test_benchmarkpaginas_bestaan():
    """make bench is not part of make test; this keeps its page list from going stale."""
    _laad_app_benches()
    assert len(OPZET.paginas) >= 5
    for pagina in OPZET.paginas:
        resolve(pagina.pad.split("?")[0].format(id=1))


@pytest.mark.django_db
def test_server_timing_alleen_als_aangezet(client, settings):
    """The benchmark reads server time from Server-Timing; a deployment does not send it."""
    import re

    assert "Server-Timing" not in client.get("/healthz")
    settings.MIDDLEWARE = ["wijkwerk.middleware.ServerTimingMiddleware", *settings.MIDDLEWARE]
    from django.test import Client

    waarde = Client().get("/healthz")["Server-Timing"]  # a new client loads the middleware
    assert re.fullmatch(r"app;dur=\d+\.\d", waarde)
