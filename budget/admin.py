from django.contrib import admin

from budget.models import (
    Bestedingsvoorstel,
    Boeking,
    Budgetjaar,
    Overheveling,
    Statuswijziging,
    WijkBudget,
)
from wijkwerk.admin import AlleenLezen


@admin.register(Budgetjaar)
class BudgetjaarAdmin(AlleenLezen):
    list_display = ["jaar", "integraal_budget", "wijkregie", "is_demo"]


@admin.register(Overheveling)
class OverhevelingAdmin(AlleenLezen):
    list_display = ["budgetjaar", "bronbudget", "bedrag", "is_demo"]


@admin.register(WijkBudget)
class WijkBudgetAdmin(AlleenLezen):
    list_display = ["budgetjaar", "wijk", "begroot", "toegekend", "besteed", "beschikbaar"]
    list_select_related = ["budgetjaar", "wijk"]


@admin.register(Bestedingsvoorstel)
class BestedingsvoorstelAdmin(AlleenLezen):
    list_display = ["pk", "wijk", "budgetjaar", "bedrag", "status", "ingediend_op"]
    list_filter = ["status", "budgetjaar", "wijk"]
    list_select_related = ["wijk", "budgetjaar"]


@admin.register(Boeking)
class BoekingAdmin(AlleenLezen):
    list_display = ["op", "budgetjaar", "wijk", "soort", "bedrag", "voorstel", "door"]
    list_filter = ["soort", "budgetjaar", "wijk"]
    list_select_related = ["wijk", "budgetjaar", "door"]


@admin.register(Statuswijziging)
class StatuswijzigingAdmin(AlleenLezen):
    list_display = ["op", "voorstel", "van", "naar", "door"]
    list_select_related = ["voorstel", "door"]
