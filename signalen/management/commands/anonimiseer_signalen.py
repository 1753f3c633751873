import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from signalen.acties import anonimiseer
from wijkwerk.slot import een_tegelijk


def maanden_terug(moment: datetime.datetime, maanden: int) -> datetime.datetime:
    """The same moment `maanden` calendar months earlier (31 March - 1 month = 28/29 Feb)."""
    jaar, maand = divmod(moment.year * 12 + moment.month - 1 - maanden, 12)
    maand += 1
    volgende = datetime.date(jaar + (maand == 12), maand % 12 + 1, 1)
    laatste_dag = (volgende - datetime.timedelta(days=1)).day
    return moment.replace(year=jaar, month=maand, day=min(moment.day, laatste_dag))


class Command(BaseCommand):
    help = (
        "Anonimiseert afgesloten signalen met persoonsgegevens waarvan het afsluiten langer "
        "geleden is dan SIGNALEN_BEWAARTERMIJN_MAANDEN (standaard 24). Voor een dagelijkse "
        "cron-job; nog een keer draaien doet niets extra."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--maanden", type=int, default=None, help="Bewaartermijn, anders de instelling."
        )

    @een_tegelijk
    def handle(self, *args, maanden=None, **options):
        maanden = maanden if maanden is not None else settings.SIGNALEN_BEWAARTERMIJN_MAANDEN
        grens = maanden_terug(timezone.now(), maanden)
        telling = anonimiseer(voor=grens)
        self.stdout.write(
            f"Bewaartermijn {maanden} maanden (afgesloten vóór "
            f"{timezone.localtime(grens):%d-%m-%Y}): {telling['signalen']} signalen "
            f"geanonimiseerd, {telling['notities']} notities en {telling['toelichtingen']} "
            f"toelichtingen gewist."
        )
