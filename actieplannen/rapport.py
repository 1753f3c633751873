"""The kwartaalrapportage's section on the actieplannen (rapportage.cijfers): per plan of the
report's year, each goal's indicators against baseline and target with the latest value known
at the end of the quarter, the projects by status, and the afwegingskader: per effect the
expected contribution against what was realised."""

from collections import defaultdict

from django.db.models import Avg, Count, Q

from actieplannen import metingen
from actieplannen.models import Actieplan, Afweging, Doelindicator, ProjectStatus, Richting

VOLGORDE = 40
SJABLOON = "actieplannen/_rapport.html"


def _bekend_op(waarde, kwartaal) -> bool:
    """Was this value known at the end of the quarter? A year figure counts once its year is
    over; a quarter figure once its quarter is."""
    if waarde.jaar != kwartaal.jaar:
        return waarde.jaar < kwartaal.jaar
    return kwartaal.nummer == 4 if waarde.kwartaal == 0 else waarde.kwartaal <= kwartaal.nummer


def _volgorde(waarde):
    return (waarde.jaar, waarde.kwartaal or 5)


def cijfers(wijk_ids, kwartaal) -> dict:
    plannen = list(
        Actieplan.objects.filter(wijk_id__in=wijk_ids, jaar=kwartaal.jaar)
        .select_related("wijk")
        .prefetch_related("doelen", "projecten")
        .order_by("wijk__naam")
    )
    if not plannen:
        return {"plannen": []}
    plan_ids = [p.pk for p in plannen]
    doelindicatoren = list(
        Doelindicator.objects.filter(doel__plan_id__in=plan_ids)
        .select_related("indicator", "doel")
        .order_by("doel__volgorde", "doel__pk", "indicator__naam")
    )
    reeksen = metingen.waarden(
        [p.wijk_id for p in plannen], {di.indicator for di in doelindicatoren}
    )
    per_doel = defaultdict(list)
    wijk_van_plan = {p.pk: p.wijk_id for p in plannen}
    for di in doelindicatoren:
        reeks = reeksen.get((di.indicator_id, wijk_van_plan[di.doel.plan_id]), [])
        bekend = sorted((w for w in reeks if _bekend_op(w, kwartaal)), key=_volgorde)
        laatste = bekend[-1] if bekend else None
        if laatste is None:
            bereikt = None
        elif di.indicator.richting == Richting.HOGER:
            bereikt = laatste.waarde >= di.streefwaarde
        else:
            bereikt = laatste.waarde <= di.streefwaarde
        per_doel[di.doel_id].append(
            {
                "indicator": di.indicator.naam,
                "eenheid": di.indicator.eenheid,
                "richting": di.indicator.get_richting_display(),
                "nulmeting": di.nulmeting,
                "nulmeting_jaar": di.nulmeting_jaar,
                "streefwaarde": di.streefwaarde,
                "waarde": laatste.waarde if laatste else None,
                "periode": laatste.periode if laatste else None,
                "bereikt": bereikt,
            }
        )
    afwegingen = defaultdict(list)
    for r in (
        Afweging.objects.filter(project__plan_id__in=plan_ids)
        .values("project__plan_id", "effect__naam", "effect__volgorde")
        .annotate(
            projecten=Count("id"),
            verwacht=Avg("verwacht"),
            gemeten=Count("id", filter=Q(gerealiseerd__isnull=False)),
            gerealiseerd=Avg("gerealiseerd"),
        )
        .order_by("project__plan_id", "effect__volgorde", "effect__naam")
    ):
        afwegingen[r["project__plan_id"]].append(
            {
                "effect": r["effect__naam"],
                "projecten": r["projecten"],
                "verwacht": round(r["verwacht"], 1),
                "gemeten": r["gemeten"],
                "gerealiseerd": None if r["gerealiseerd"] is None else round(r["gerealiseerd"], 1),
            }
        )
    uitkomst = []
    for plan in plannen:
        projecten = sorted(plan.projecten.all(), key=lambda p: (p.doel_id, p.titel))
        per_status = defaultdict(int)
        for p in projecten:
            per_status[p.status] += 1
        uitkomst.append(
            {
                "wijk": plan.wijk.naam,
                "wijk_id": plan.wijk_id,
                "jaar": plan.jaar,
                "status": plan.get_status_display(),
                "doelen": [
                    {
                        "titel": d.titel,
                        "indicatoren": per_doel.get(d.pk, []),
                        "projecten": [
                            {"titel": p.titel, "status": p.get_status_display()}
                            for p in projecten
                            if p.doel_id == d.pk
                        ],
                    }
                    for d in sorted(plan.doelen.all(), key=lambda d: (d.volgorde, d.pk))
                ],
                "projecten_per_status": [
                    {"status": s.label, "aantal": per_status.get(s.value, 0)} for s in ProjectStatus
                ],
                "projecten": len(projecten),
                "afweging": afwegingen.get(plan.pk, []),
            }
        )
    return {"plannen": uitkomst}
