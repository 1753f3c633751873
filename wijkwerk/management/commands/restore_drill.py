from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkwerk import backup


class Command(BaseCommand):
    help = (
        "Hersteloefening: zet de nieuwste back-up terug in een tijdelijke database, vergelijkt "
        "de rijen per tabel en de totalen van het grootboek met de bron, en verwijdert de "
        "tijdelijke database weer. Exitcode 1 bij een verschil (make restore-drill)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--map", type=Path, default=Path(settings.BASE_DIR) / "backups")

    def handle(self, *args, map, **opties):
        dump = backup.nieuwste(map)
        if dump is None:
            raise CommandError(f"Geen back-up in {map}; maak er eerst een (make backup).")
        bron, hersteld, herkomst = backup.drill(dump)
        w = self.stdout.write
        w(f"Hersteloefening met {dump.name}, vergeleken met {herkomst}\n")
        verschillen = 0
        for soort, kop in [("rijen", "tabel"), ("grootboek", "grootboektotaal")]:
            namen = sorted(bron[soort].keys() | hersteld[soort].keys())
            breedte = max(len(n) for n in [kop, *namen])
            w(f"| {kop:<{breedte}} | {'bron':>14} | {'hersteld':>14} |    |")
            w(f"|{'-' * (breedte + 2)}|{'-' * 16}|{'-' * 16}|----|")
            for naam in namen:
                a, b = bron[soort].get(naam, "-"), hersteld[soort].get(naam, "-")
                gelijk = a == b
                verschillen += not gelijk
                w(f"| {naam:<{breedte}} | {a!s:>14} | {b!s:>14} | {'ok' if gelijk else '!!':>2} |")
            w("")
        tabellen = len(bron["rijen"])
        if not tabellen:
            # Nothing compared proves nothing: the wrong database, or one never migrated.
            w("NIET OK: de bron had geen tabellen; is dit de goede database?")
            raise CommandError("Hersteloefening NIET OK")
        if verschillen:
            w(f"NIET OK: {verschillen} verschil(len) tussen back-up en bron.")
            raise CommandError("Hersteloefening NIET OK")
        w(f"OK: {tabellen} tabellen en de grootboektotalen gelijk; tijdelijke database verwijderd.")
