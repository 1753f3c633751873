import itertools
import uuid

import pytest
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import Initiatief, Status, Vergadering
from initiatieven.referentiedata import zorg_voor_disciplines
from wijken.models import Wijk

_tokens = itertools.count()


def gegevens(**extra):
    data = {
        "titel": "Moestuin in het Westerpark",
        "omschrijving": "Wij willen met buren een moestuin beginnen.",
        "wijk": Wijk.objects.get(slug="oosterheem"),
        "adres_vrij": "",
        "gevraagd": "ruimte",
        "bedrag": None,
        "contact_naam": "Ilse Indiener",
        "contact_email": "ilse@example.org",
        "contact_telefoon": "",
    }
    data.update(extra)
    return data


def nieuw_initiatief(**extra) -> Initiatief:
    initiatief, _ = acties.dien_in(gegevens=gegevens(**extra), idempotentie_token=uuid.uuid4())
    return initiatief


def klaar_initiatief(door, **extra) -> Initiatief:
    initiatief = nieuw_initiatief(**extra)
    acties.triage(initiatief=initiatief, wijk=initiatief.wijk, door=door)
    return acties.markeer_compleet(initiatief=initiatief, door=door)


@pytest.fixture(autouse=True)
def lege_cache():
    # Cached figures are keyed on the data; frozen time in tests can repeat a key.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def disciplines(referentie):
    zorg_voor_disciplines()


@pytest.fixture
def vergadering(disciplines, groene_loper):
    # Today: decisions are recorded on or after the meeting's day.
    return Vergadering.objects.create(datum=timezone.localdate())


@pytest.fixture
def agendapunt(vergadering, groene_loper):
    initiatief = klaar_initiatief(groene_loper)
    return acties.agendeer(vergadering=vergadering, initiatief=initiatief, door=groene_loper)


__all__ = ["Status"]
