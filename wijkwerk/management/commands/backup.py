from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from wijkwerk import backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up (pg_dump -Fc) van de database in backups/wijkwerk-<tijdstip>.dump, "
        "met de rijen per tabel en de totalen van het grootboek ernaast (make backup)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--map", type=Path, default=Path(settings.BASE_DIR) / "backups")

    def handle(self, *args, map, **opties):
        dump = backup.maak(map)
        grootte = dump.stat().st_size / 1_000_000
        self.stdout.write(f"Back-up gemaakt: {dump} ({grootte:.1f} MB)")
