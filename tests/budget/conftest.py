import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from budget import acties
from budget.models import Budgetjaar
from wijken.models import Wijk


@pytest.fixture
def budget(referentie):
    """The memo's budget years, with test allocations (not the demo split) for 2019."""
    call_command("laad_budget", stdout=io.StringIO())
    jaar = Budgetjaar.objects.get(jaar=2019)
    for slug, bedrag in [("oosterheem", "100000.00"), ("seghwaert", "50000.00")]:
        acties.wijs_toe_aan_wijk(
            budgetjaar=jaar, wijk=Wijk.objects.get(slug=slug), bedrag=Decimal(bedrag)
        )
    return jaar


@pytest.fixture
def voorstel(budget, regisseur_a, wethouder):
    """A submitted proposal for Oosterheem, waiting for wethouder Paalvast."""
    return acties.dien_in(
        budgetjaar=budget,
        wijk=Wijk.objects.get(slug="oosterheem"),
        omschrijving="Buurtbarbecue op het Oosterheemplein",
        bedrag=Decimal("1234.50"),
        ontvanger="Bewonersgroep Oosterheem",
        door=regisseur_a,
    )
