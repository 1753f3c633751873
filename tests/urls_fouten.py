"""The app's URLs plus two that only tests route to: a view that fails, and one that stops the
database of its app server in the middle of the request (tests/storing.py)."""

import os
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from wijkwerk.embedded_db import stop
from wijkwerk.urls import handler400, handler403, handler404, handler500  # noqa: F401
from wijkwerk.urls import urlpatterns as app_urls


@login_not_required
def stuk(request):
    raise ValueError("stuk in de test")


def database_weg(request):
    # Session and user were read before the view, as on any page; the outage comes after,
    # so it meets the session being saved.
    assert request.user.is_authenticated
    stop(Path(os.environ["STORING_PGDATA"]))
    return HttpResponse("klaar")


urlpatterns = [
    path("test/stuk/", stuk, name="test_stuk"),
    path("test/database-weg/", database_weg, name="test_database_weg"),
    *app_urls,
]
