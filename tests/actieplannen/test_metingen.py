"""Metingen: the merged values (stored and computed) and the CSV import."""

import datetime
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from actieplannen import metingen
from actieplannen.models import Indicator, Meting
from initiatieven.models import Initiatief, Status
from wijken.models import Wijk

AMS = ZoneInfo("Europe/Amsterdam")
_nummers = itertools.count(1)


def geinformeerd(wijk, dagen, moment, status=Status.GEINFORMEERD):
    """An initiative whose initiator was informed at `moment` after `dagen` days."""
    n = next(_nummers)
    return Initiatief.objects.create(
        referentie=f"GL-T-{n:05d}",
        titel=f"Initiatief {n}",
        omschrijving="Test",
        wijk=wijk,
        gevraagd="advies",
        contact_naam="Ilse Indiener",
        contact_email="ilse@example.org",
        status=status,
        ontvangen_op=moment - datetime.timedelta(days=dagen or 0),
        uiterste_datum=moment.date(),
        geinformeerd_op=moment if status == Status.GEINFORMEERD else None,
        doorlooptijd_dagen=dagen,
    )


@pytest.fixture
def wijken(referentie):
    return Wijk.objects.get(slug="oosterheem"), Wijk.objects.get(slug="seghwaert")


@pytest.fixture
def klok(wijken, settings):
    """The hand-computed fixture (norm 28 days):

    Oosterheem 2020 K1: 10, 20        → mediaan 15, binnen de norm 100 %
               2020 K2: 40, 30        → mediaan 35, 0 % (40 was informed at 00:30 on
                                         1 April in Amsterdam: still 31 March in UTC)
               2020   : 10 20 30 40   → mediaan 25, 50 %
               2021 K1 and 2021: 5    → 5, 100 % (00:15 on 1 January, local)
    Seghwaert  2020 K2 and 2020: 100  → 100, 0 %
    Not counted: a decided initiative whose initiator was not yet informed.
    """
    settings.INITIATIEF_NORM_DAGEN = 28
    oosterheem, seghwaert = wijken
    geinformeerd(oosterheem, 10, datetime.datetime(2020, 1, 15, 12, tzinfo=AMS))
    geinformeerd(oosterheem, 20, datetime.datetime(2020, 2, 20, 12, tzinfo=AMS))
    geinformeerd(oosterheem, 40, datetime.datetime(2020, 4, 1, 0, 30, tzinfo=AMS))
    geinformeerd(oosterheem, 30, datetime.datetime(2020, 5, 10, 9, tzinfo=AMS))
    geinformeerd(oosterheem, 5, datetime.datetime(2021, 1, 1, 0, 15, tzinfo=AMS))
    geinformeerd(oosterheem, None, datetime.datetime(2020, 3, 1, tzinfo=AMS), Status.BESLOTEN)
    geinformeerd(seghwaert, 100, datetime.datetime(2020, 6, 1, 12, tzinfo=AMS))
    return oosterheem, seghwaert


def _reeks(uitkomst, code, wijk):
    indicator = Indicator.objects.get(code=code)
    return [(w.jaar, w.kwartaal, w.waarde) for w in uitkomst[indicator.pk, wijk.pk]]


def test_reactiesnelheid_tegen_handberekening(klok, django_assert_max_num_queries):
    oosterheem, seghwaert = klok
    with django_assert_max_num_queries(4):
        uitkomst = metingen.waarden([oosterheem.pk, seghwaert.pk])
    assert _reeks(uitkomst, "reactiesnelheid", oosterheem) == [
        (2020, 0, Decimal("25.0")),
        (2020, 1, Decimal("15.0")),
        (2020, 2, Decimal("35.0")),
        (2021, 0, Decimal("5.0")),
        (2021, 1, Decimal("5.0")),
    ]
    assert _reeks(uitkomst, "binnen-de-norm", oosterheem) == [
        (2020, 0, Decimal("50.0")),
        (2020, 1, Decimal("100.0")),
        (2020, 2, Decimal("0.0")),
        (2021, 0, Decimal("100.0")),
        (2021, 1, Decimal("100.0")),
    ]
    assert _reeks(uitkomst, "reactiesnelheid", seghwaert) == [
        (2020, 0, Decimal("100.0")),
        (2020, 2, Decimal("100.0")),
    ]
    reeks = uitkomst[Indicator.objects.get(code="reactiesnelheid").pk, oosterheem.pk]
    assert metingen.laatste(reeks).periode == "2021 K1"
    assert metingen.laatste(reeks, jaren=True).periode == "2021"
    assert reeks[0].bron.startswith("Wijkwerk")


def test_waarden_voegt_opgeslagen_en_berekende_samen(klok):
    oosterheem, seghwaert = klok
    eenzaam = Indicator.objects.get(code="eenzaamheid")
    Meting.objects.create(
        indicator=eenzaam, wijk=oosterheem, jaar=2019, waarde=Decimal("12.5"), bron="GGD"
    )
    Meting.objects.create(
        indicator=eenzaam, wijk=seghwaert, jaar=2019, waarde=Decimal("9"), bron="GGD"
    )
    snelheid = Indicator.objects.get(code="reactiesnelheid")
    uitkomst = metingen.waarden([oosterheem.pk], [eenzaam.pk, snelheid.pk])
    assert set(uitkomst) == {(eenzaam.pk, oosterheem.pk), (snelheid.pk, oosterheem.pk)}
    assert uitkomst[eenzaam.pk, oosterheem.pk] == [(2019, 0, Decimal("12.50"), "GGD")]
    assert metingen.waarden([], None) == {}
