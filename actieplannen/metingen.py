"""Measured values of the indicators: stored Metingen (imported from the monitors) merged
with the values Wijkwerk computes itself (the response clock of the initiatives).

    waarden(wijk_ids, indicator_ids=None) -> dict[(indicator_id, wijk_id), list[Waarde]]

        Every known value per indicator and wijk, sorted by (jaar, kwartaal); kwartaal 0 is
        the whole year and sorts before that year's quarters. A Waarde is a NamedTuple
        (jaar, kwartaal, waarde: Decimal, bron: str) with .periode ("2020" or "2020 K3").
        Indicators with berekend=True ("reactiesnelheid", "binnen-de-norm") come from the
        initiatives, never from stored rows. At most four queries, whatever the data size.
        A pair without values is absent from the dict.

    laatste(reeks, *, jaren=False) -> Waarde | None

        The latest value of one such list (with jaren=True: the latest whole-year value,
        the one to set against a baseline and target that are yearly).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone

from actieplannen.models import Indicator, Meting
from initiatieven.models import Initiatief, Status, norm_dagen
from wijkwerk.db import Mediaan

# The codes of the computed indicators (actieplannen.referentiedata).
REACTIESNELHEID = "reactiesnelheid"
BINNEN_DE_NORM = "binnen-de-norm"

EEN_DECIMAAL = Decimal("0.1")


class Waarde(NamedTuple):
    jaar: int
    kwartaal: int  # 0 = the whole year
    waarde: Decimal
    bron: str

    @property
    def periode(self) -> str:
        return f"{self.jaar}" if self.kwartaal == 0 else f"{self.jaar} K{self.kwartaal}"


def laatste(reeks, *, jaren: bool = False) -> Waarde | None:
    kandidaten = [w for w in reeks or [] if not jaren or w.kwartaal == 0]
    return kandidaten[-1] if kandidaten else None


def waarden(wijk_ids, indicator_ids=None) -> dict[tuple[int, int], list[Waarde]]:
    wijk_ids = list(wijk_ids)
    indicatoren = Indicator.objects.only("id", "code", "bron", "berekend")
    if indicator_ids is not None:
        indicatoren = indicatoren.filter(pk__in=list(indicator_ids))
    indicatoren = list(indicatoren)
    if not wijk_ids or not indicatoren:
        return {}

    uitkomst: dict[tuple[int, int], list[Waarde]] = defaultdict(list)
    gemeten = [i.pk for i in indicatoren if not i.berekend]
    if gemeten:
        rijen = Meting.objects.filter(indicator_id__in=gemeten, wijk_id__in=wijk_ids).values_list(
            "indicator_id", "wijk_id", "jaar", "kwartaal", "waarde", "bron"
        )
        for indicator_id, wijk_id, jaar, kwartaal, waarde, bron in rijen:
            uitkomst[indicator_id, wijk_id].append(Waarde(jaar, kwartaal, waarde, bron))

    berekend = {i.code: i for i in indicatoren if i.berekend}
    if berekend:
        for rij in reactiesnelheid(wijk_ids):
            for code, veld in ((REACTIESNELHEID, "mediaan"), (BINNEN_DE_NORM, "aandeel_binnen")):
                if code in berekend:
                    indicator = berekend[code]
                    uitkomst[indicator.pk, rij["wijk_id"]].append(
                        Waarde(rij["jaar"], rij["kwartaal"], rij[veld], indicator.bron)
                    )

    for reeks in uitkomst.values():
        reeks.sort(key=lambda w: (w.jaar, w.kwartaal))
    return dict(uitkomst)


def reactiesnelheid(wijk_ids) -> list[dict]:
    """Per wijk, year and quarter, and per wijk and whole year (kwartaal 0): the median
    response time in days and the share answered within the norm, as initiatieven.cijfers
    counts them (informed initiatives, by the Europe/Amsterdam date they were informed on).

    Two grouped queries: a year's median is not a function of its quarters' medians, and the
    ORM has no GROUPING SETS to do both in one."""
    norm = norm_dagen()
    tz = timezone.get_default_timezone()
    basis = Initiatief.objects.filter(
        wijk_id__in=list(wijk_ids),
        status=Status.GEINFORMEERD,
        doorlooptijd_dagen__isnull=False,
        geinformeerd_op__isnull=False,
    ).annotate(
        jaar=ExtractYear("geinformeerd_op", tzinfo=tz),
        kw=ExtractQuarter("geinformeerd_op", tzinfo=tz),
    )
    cijfers = {
        "aantal": Count("id"),
        "mediaan_dagen": Mediaan("doorlooptijd_dagen"),
        "binnen": Count("id", filter=Q(doorlooptijd_dagen__lte=norm)),
    }
    rijen = []
    for rij in basis.values("wijk_id", "jaar", "kw").annotate(**cijfers).order_by():
        rijen.append({**rij, "kwartaal": rij["kw"]})
    for rij in basis.values("wijk_id", "jaar").annotate(**cijfers).order_by():
        rijen.append({**rij, "kwartaal": 0})
    for rij in rijen:
        rij["mediaan"] = Decimal(str(rij["mediaan_dagen"])).quantize(EEN_DECIMAAL)
        rij["aandeel_binnen"] = (Decimal(100 * rij["binnen"]) / rij["aantal"]).quantize(
            EEN_DECIMAAL
        )
    return rijen
