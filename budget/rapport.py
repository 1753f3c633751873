"""The kwartaalrapportage's section on the wijkbudget (rapportage.cijfers): begroot,
toegekend, besteed and beschikbaar of the report's year as they stood at the end of the
quarter, summed from the ledger (the sign convention of budget.models), what was paid in the
quarter, and what was paid on which plan goal."""

from django.db.models import Q, Sum

from budget.models import NUL, Boeking, Budgetjaar
from wijkwerk.grafiek import staafdiagram

VOLGORDE = 30
SJABLOON = "budget/_rapport.html"
MATEN = {"budget_besteed": "Besteed wijkbudget (€)"}

S = Boeking.Soort


def _som(*soorten, **extra):
    return Sum("bedrag", filter=Q(soort__in=soorten, **extra), default=NUL)


def cijfers(wijk_ids, kwartaal) -> dict:
    jaar = Budgetjaar.objects.filter(jaar=kwartaal.jaar).first()
    if jaar is None:
        return {"jaar": kwartaal.jaar, "heeft_budget": False, "per_wijk": {}}
    ledger = Boeking.objects.filter(budgetjaar=jaar, wijk_id__in=wijk_ids, op__lt=kwartaal.eind)
    sommen = {
        "begroot": _som(S.TOEKENNING, S.HERVERDELING),
        "toegekend": _som(S.VERPLICHTING, S.VRIJVAL),
        "besteed": _som(S.REALISATIE),
        "besteed_kwartaal": _som(S.REALISATIE, op__gte=kwartaal.start),
    }
    totaal = ledger.aggregate(**sommen)
    totaal["beschikbaar"] = totaal["begroot"] - totaal["toegekend"]
    per_doel = list(
        ledger.filter(soort=S.REALISATIE)
        .values("voorstel__project__doel__titel", "voorstel__project__plan__wijk__naam")
        .annotate(besteed=Sum("bedrag"))
        .order_by("voorstel__project__plan__wijk__naam", "voorstel__project__doel__titel")
    )
    per_wijk = {
        str(r["wijk_id"]): {"budget_besteed": r["besteed"]}
        for r in ledger.values("wijk_id").annotate(besteed=sommen["besteed"])
    }
    return {
        "jaar": kwartaal.jaar,
        "heeft_budget": True,
        **totaal,
        "per_doel": [
            {
                "doel": r["voorstel__project__doel__titel"],
                "wijk": r["voorstel__project__plan__wijk__naam"],
                "besteed": r["besteed"],
            }
            for r in per_doel
        ],
        "per_wijk": per_wijk,
    }


def grafieken(c) -> dict:
    if not c["heeft_budget"]:
        return {}
    posten = ("begroot", "toegekend", "besteed", "beschikbaar")
    return {
        "stand": staafdiagram(
            [{"balken": [{"label": p, "klasse": p, "waarde": c[p]} for p in posten]}]
        )
    }
