"""The wijkdossier's section on the wijkbudget (wijken.dossier): this year's balances of the
wijk, or those of the latest year before it that has a budget."""

from django.utils import timezone

from budget.models import Budgetjaar, WijkBudget
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
    context = {"sjabloon": "budget/_dossier.html", "wijkbudget": wijkbudget, "jaar": jaar}
    if wijkbudget is None:
        # Only a wijk without a budget row costs this query: the sentence names the year.
        context["budgetjaar"] = (
            Budgetjaar.objects.filter(jaar__lte=jaar)
            .order_by("-jaar")
            .values_list("jaar", flat=True)
            .first()
        )
    return context
