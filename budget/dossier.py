"""The wijkdossier's section on the wijkbudget (wijken.dossier): this year's balances of the
wijk, or those of the latest year before it that has a budget."""

from django.utils import timezone

from budget.models import WijkBudget
from budget.toegang import BUDGET_ROLLEN
from wijkwerk import rollen as r

VOLGORDE = 30


def sectie(wijk, user) -> dict | None:
    if not r.heeft_rol(user, *BUDGET_ROLLEN):
        return None
    jaar = timezone.localdate().year
    wijkbudget = (
        WijkBudget.objects.filter(wijk=wijk, budgetjaar__jaar__lte=jaar)
        .select_related("budgetjaar")
        .order_by("-budgetjaar__jaar")
        .first()
    )
    return {"sjabloon": "budget/_dossier.html", "wijkbudget": wijkbudget, "jaar": jaar}
