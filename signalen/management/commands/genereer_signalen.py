import time

from django.core.management.base import BaseCommand, CommandError

from signalen.generator import genereer


class Command(BaseCommand):
    help = (
        "Maakt AANTAL plausibele signalen met hun statusgeschiedenis (COPY in batches), verspreid "
        "over wijken, thema's en het afgelopen jaar. Voor de benchmark en voor testen met veel "
        "data. Voegt steeds toe; gebruik een aparte database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, required=True)
        parser.add_argument("--demo", action="store_true", help="Markeer de signalen als demo.")
        parser.add_argument("--seed", type=int, default=None, help="Voor herhaalbare data.")
        parser.add_argument("--batch", type=int, default=10_000)

    def handle(self, *args, aantal, demo, seed, batch, **options):
        if aantal < 1:
            raise CommandError("--aantal moet minstens 1 zijn.")
        begin = time.monotonic()
        try:
            n = genereer(aantal, demo=demo, seed=seed, batch=batch, stdout=self.stdout)
        except ValueError as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(f"{n} signalen gemaakt in {time.monotonic() - begin:.1f} s.")
