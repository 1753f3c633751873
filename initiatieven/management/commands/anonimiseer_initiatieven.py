import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from initiatieven.models import Initiatief
from wijkwerk.slot import een_tegelijk


class Command(BaseCommand):
    help = (
        "Verwijdert naam, e-mailadres en telefoonnummer van indieners "
        "INITIATIEF_BEWAARTERMIJN_DAGEN na het besluit (AVG). Het initiatief, het besluit en de "
        "cijfers blijven. Idempotent; bedoeld voor een dagelijkse cronjob."
    )

    @een_tegelijk
    def handle(self, *args, **options):
        grens = timezone.now() - datetime.timedelta(days=settings.INITIATIEF_BEWAARTERMIJN_DAGEN)
        aantal = (
            Initiatief.objects.filter(geinformeerd_op__lt=grens)
            .exclude(contact_naam="", contact_email="", contact_telefoon="")
            .update(contact_naam="", contact_email="", contact_telefoon="", afzender_hash="")
        )
        self.stdout.write(f"{aantal} initiatieven geanonimiseerd.")
