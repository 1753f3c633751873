from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wijken.models import Wijk
from wijkwerk.apps_met import modules


class Command(BaseCommand):
    help = (
        "Maakt de demo-accounts (wachtwoord uit DEMO_PASSWORD) en demodata die als zodanig "
        "gemarkeerd is: wat elke app in <app>/laden.py aanbiedt. Idempotent. Weigert zonder "
        "DEBUG, tenzij --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ook draaien zonder DEBUG.")
        parser.add_argument(
            "--reset-wachtwoorden",
            action="store_true",
            help="Zet ook het wachtwoord van bestaande demo-accounts op DEMO_PASSWORD.",
        )

    @transaction.atomic
    def handle(self, *args, force=False, reset_wachtwoorden=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo-accounts horen niet in productie: DEBUG staat uit. Gebruik --force als u "
                "dit toch wilt."
            )
        if not Wijk.objects.exists():
            raise CommandError("Laad eerst de referentiedata: manage.py laad_referentiedata")
        for module in modules("laden"):
            if hasattr(module, "demo"):
                module.demo(self.stdout, reset_wachtwoorden=reset_wachtwoorden)
