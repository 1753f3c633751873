"""The figures of a kwartaalrapport, from the feature apps: each app with something to report
has a module `<app>/rapport.py` with `VOLGORDE`, `SJABLOON` (its partial) and
`cijfers(wijk_ids, kwartaal) -> dict` (JSON-serialisable: counts, medians, amounts; never a
person's name or a signal's text), optionally `MATEN` (measures per wijk for the city's table
and map, under "per_wijk") and `grafieken(cijfers) -> dict` (chart geometry, computed when
the report is shown, so a stored report draws the same charts as a live one).

`bereken` computes everything in a constant number of aggregate queries per section;
`toon` turns stored or live figures into what the templates draw."""

from django.core.cache import cache
from django.utils import timezone

from rapportage.models import Kwartaalrapport
from rapportage.periode import Kwartaal
from wijken.models import Wijk
from wijkwerk.apps_met import modules


def _secties():
    return sorted(modules("rapport"), key=lambda m: getattr(m, "VOLGORDE", 99))


def _app(module) -> str:
    return module.__name__.split(".")[0]


def maten() -> dict:
    """Every measure the city's table and map can show: key -> label."""
    return {k: v for m in _secties() for k, v in getattr(m, "MATEN", {}).items()}


# A live report reads every signal of the city that was open at one of three moments: seconds
# at a million signals. Its figures hardly move in ten minutes, so each process keeps them
# that long and the page says when they were computed; adopting always computes afresh.
LIVE_GELDIG_SECONDEN = 600


def bereken(wijk: Wijk | None, kwartaal: Kwartaal, *, vers: bool = False) -> dict:
    """The figures of the report for `wijk` (None: the whole city) as they are now (at most
    LIVE_GELDIG_SECONDEN old unless `vers`); the highlights are always read as they are."""
    sleutel = f"rapportage:{wijk.pk if wijk else 'stad'}:{kwartaal.jaar}:{kwartaal.nummer}"
    uitkomst = None if vers else cache.get(sleutel)
    if uitkomst is None:
        uitkomst = _bereken(wijk, kwartaal)
        cache.set(sleutel, uitkomst, LIVE_GELDIG_SECONDEN)
    return {**uitkomst, "hoogtepunten": _hoogtepunten(wijk, kwartaal)}


def _bereken(wijk, kwartaal) -> dict:
    if wijk is None:
        wijken = list(Wijk.objects.select_related("cbs_wijk").order_by("naam"))
    else:
        wijken = [wijk]
    wijk_ids = [w.pk for w in wijken]
    secties = {_app(m): m.cijfers(wijk_ids, kwartaal) for m in _secties()}
    uitkomst = {
        "jaar": kwartaal.jaar,
        "kwartaal": kwartaal.nummer,
        "wijk": wijk.naam if wijk else None,
        "berekend_op": timezone.now(),
        "secties": secties,
    }
    if wijk is None:
        uitkomst["stad"], uitkomst["gebieden"] = _stad(wijken, secties)
    for s in secties.values():
        s.pop("per_wijk", None)  # in "stad" now; a wijk report has only its own totals
    return uitkomst


def _stad(wijken, secties) -> tuple[list[dict], list[dict]]:
    """A row per wijk with every measure, and per CBS wijk (the areas of the map; several
    wijken can lie in one) the sums and new signals per 1,000 inwoners of that area."""
    optelbaar = maten()
    rijen = []
    for w in wijken:
        rij = {"wijk": w.naam, "slug": w.slug, "cbs_code": w.cbs_wijk_id, "is_pilot": w.is_pilot}
        for s in secties.values():
            rij.update(s.get("per_wijk", {}).get(str(w.pk), {}))
        rij.pop("wijk_id", None)
        for maat in optelbaar:
            rij.setdefault(maat, 0)
        rijen.append(rij)
    gebieden = {}
    for w, rij in zip(wijken, rijen, strict=True):
        if w.cbs_wijk is None:
            continue
        gebied = gebieden.setdefault(
            w.cbs_wijk_id,
            {
                "cbs_code": w.cbs_wijk_id,
                "naam": w.cbs_wijk.naam,
                "inwoners": w.cbs_wijk.inwoners,
                "wijken": [],
                **{maat: 0 for maat in optelbaar},
            },
        )
        gebied["wijken"].append({"wijk": w.naam, "slug": w.slug})
        for maat in optelbaar:
            gebied[maat] += rij[maat]
    for gebied in gebieden.values():
        gebied["signalen_per_1000"] = (
            round(1000 * gebied["signalen_nieuw"] / gebied["inwoners"], 1)
            if gebied.get("inwoners") and "signalen_nieuw" in gebied
            else None
        )
    return rijen, sorted(gebieden.values(), key=lambda g: g["naam"])


def kaartmaten() -> dict:
    """What the map can be coloured by: the summable measures and signals per 1,000."""
    return {**maten(), "signalen_per_1000": "Nieuwe signalen per 1.000 inwoners"}


def _hoogtepunten(wijk, kwartaal) -> list[dict]:
    """The regisseurs' highlights of the quarter: the wijk's own, or for the city every pilot
    wijk's."""
    rapporten = Kwartaalrapport.objects.filter(
        jaar=kwartaal.jaar, kwartaal=kwartaal.nummer
    ).exclude(hoogtepunten="")
    if wijk is None:
        rapporten = rapporten.filter(wijk__is_pilot=True)
    else:
        rapporten = rapporten.filter(wijk=wijk)
    return [
        {"wijk": r.wijk.naam, "tekst": r.hoogtepunten}
        for r in rapporten.select_related("wijk").order_by("wijk__naam")
    ]


def toon(cijfers: dict) -> list[dict]:
    """The sections to draw from stored or live figures: template, figures, charts."""
    uit = []
    for m in _secties():
        c = cijfers["secties"].get(_app(m))
        if c is None:
            continue  # a section that did not exist when the report was adopted
        grafieken = m.grafieken(c) if hasattr(m, "grafieken") else {}
        uit.append({"sjabloon": m.SJABLOON, "c": c, "grafieken": grafieken})
    return uit
