"""Reference numbers and the form token under real concurrency (threads, real PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import connection

from initiatieven import acties
from initiatieven.models import Initiatief

pytestmark = pytest.mark.django_db(transaction=True)

DRADEN = 10


def _tegelijk(functie):
    resultaten, fouten = [], []
    start = threading.Barrier(DRADEN)

    def werk(i):
        try:
            start.wait()
            resultaten.append(functie(i))
        except Exception as fout:  # noqa: BLE001 - reported below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=werk, args=(i,)) for i in range(DRADEN)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert not fouten, fouten
    return resultaten


def test_referenties_uniek_onder_gelijktijdigheid(referentie):
    nummers = _tegelijk(lambda i: acties.volgende_referentie(2030))
    assert sorted(nummers) == [f"GL-2030-{n:04d}" for n in range(1, DRADEN + 1)]


def test_dubbele_inzending_tegelijk_geeft_een_record(referentie):
    gegevens = {
        "titel": "Tegelijk",
        "omschrijving": "Dubbelklik",
        "adres_vrij": "Markt 1",
        "gevraagd": "advies",
        "contact_naam": "n",
        "contact_email": "n@example.org",
    }
    token = uuid.uuid4()
    resultaten = _tegelijk(lambda i: acties.dien_in(gegevens=gegevens, idempotentie_token=token))
    assert Initiatief.objects.count() == 1
    assert sum(nieuw for _, nieuw in resultaten) == 1
    assert len({i.pk for i, _ in resultaten}) == 1
