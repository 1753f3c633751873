from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from budget import referentiedata as ref
from budget.models import Budgetjaar, WijkBudget
from wijken.models import Wijk


class Command(BaseCommand):
    help = (
        "Laadt de budgetjaren uit de memo (2019 en 2020, € 350.000 integraal wijkbudget voor "
        "de pilotwijken; 2019 ook € 129.000 wijkregie) en maakt per pilotwijk een leeg "
        "wijkbudget. Verdeelt geen geld: dat staat niet in de memo (zie laad_demo). "
        "Idempotent."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        wijken = list(Wijk.objects.filter(slug__in=ref.PILOTWIJKEN))
        if len(wijken) != len(ref.PILOTWIJKEN):
            raise CommandError("Laad eerst de referentiedata: manage.py laad_referentiedata")
        nieuw = 0
        for jaar, (integraal, wijkregie) in ref.BUDGETJAREN.items():
            # get_or_create: figures corrected later by a beheerder are kept.
            budgetjaar, created = Budgetjaar.objects.get_or_create(
                jaar=jaar,
                defaults={
                    "omschrijving": f"Integraal wijkbudget {jaar} voor de pilotwijken",
                    "integraal_budget": integraal,
                    "wijkregie": wijkregie,
                    "bron": ref.BRON,
                },
            )
            nieuw += created
            for wijk in wijken:
                nieuw += WijkBudget.objects.get_or_create(budgetjaar=budgetjaar, wijk=wijk)[1]
        self.stdout.write(f"Wijkbudget geladen: {nieuw} nieuwe records.")
