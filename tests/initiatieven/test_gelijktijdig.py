"""Reference numbers and the form token under real concurrency (threads, real PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import connection

from initiatieven import acties
from initiatieven.models import Initiatief

pytestmark = pytest.mark.django_db(transaction=True)

DRADEN = 10


def _tegelijk(functie, draden=DRADEN):
    resultaten, fouten = [], []
    start = threading.Barrier(draden)

    def werk(i):
        try:
            start.wait()
            resultaten.append(functie(i))
        except Exception as fout:  # noqa: BLE001 - reported below
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=werk, args=(i,)) for i in range(draden)]
    for d in threads:
        d.start()
    for d in threads:
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


def test_limiet_per_adres_houdt_onder_gelijktijdigheid(referentie, settings):
    # Twenty submissions from one address at the same moment: the count and the insert
    # must not interleave, or more than the limit slip through.
    gegevens = {
        "titel": "Tegelijk",
        "omschrijving": "Van één adres",
        "adres_vrij": "Markt 1",
        "gevraagd": "advies",
        "contact_naam": "n",
        "contact_email": "n@example.org",
    }

    def indienen(i):
        try:
            return acties.dien_in(
                gegevens=gegevens, idempotentie_token=uuid.uuid4(), afzender_hash="een-adres"
            )[1]
        except acties.TeVeel:
            return "te veel"

    uitkomsten = _tegelijk(indienen, 20)
    assert uitkomsten.count(True) == settings.INITIATIEF_LIMIET_PER_UUR == 5
    assert uitkomsten.count("te veel") == 15
    assert Initiatief.objects.filter(afzender_hash="een-adres").count() == 5
