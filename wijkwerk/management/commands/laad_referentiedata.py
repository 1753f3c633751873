from django.core.management.base import BaseCommand
from django.db import transaction

from wijkwerk.apps_met import modules


class Command(BaseCommand):
    help = (
        "Laadt de referentiedata uit de memo (wijken, CBS-cijfers, wethouders, regie 2019, "
        "partners, focuspunten, thema's, disciplines): wat elke app in "
        "<app>/laden.py aanbiedt. Idempotent: nog een keer draaien verandert niets."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        nieuw = sum(
            m.referentiedata(self.stdout) for m in modules("laden") if hasattr(m, "referentiedata")
        )
        self.stdout.write(f"Referentiedata geladen: {nieuw} nieuwe records.")
