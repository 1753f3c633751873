from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from budget.demo import laad_budget_demo
from wijken.models import Voorziening, Wethouder, Wijk, Wijkregisseur
from wijkwerk import rollen as r

# (gebruikersnaam, voornaam, achternaam, rol, koppeling)
ACCOUNTS = [
    ("beheerder", "Bea", "Beheer", r.BEHEERDER, None),
    ("regisseur-a", "Wijkregisseur", "A", r.REGISSEUR, "Wijkregisseur A"),
    ("regisseur-b", "Wijkregisseur", "B", r.REGISSEUR, "Wijkregisseur B"),
    ("regisseur-c", "Wijkregisseur", "C", r.REGISSEUR, "Wijkregisseur C"),
    ("regisseur-d", "Wijkregisseur", "D", r.REGISSEUR, "Wijkregisseur D"),
    ("paalvast", "Wethouder", "Paalvast", r.WETHOUDER, "Paalvast"),
    ("vandriel", "Wethouder", "Van Driel", r.WETHOUDER, "Van Driel"),
    ("terlaak", "Wethouder", "Ter Laak", r.WETHOUDER, "Ter Laak"),
    ("groeneloper", "Secretaris", "Groene Loper", r.GROENE_LOPER, None),
]

# The memo does not say which wethouder holds which wijk: this split is invented.
DEMO_WETHOUDERS = {
    "Paalvast": ["oosterheem", "rokkeveen", "buytenwegh", "de-leyens"],
    "Van Driel": ["seghwaert", "noordhove", "meerzicht"],
    "Ter Laak": ["dorp", "driemanspolder", "stadscentrum", "palenstein"],
}

DEMO_VOORZIENINGEN = [
    ("oosterheem", "Huis van de Wijk Oosterheem", "huis_van_de_wijk", "gepland"),
    ("seghwaert", "Ontmoetingsplaats Seghwaert", "ontmoetingsplaats", "bestaand"),
    ("seghwaert", "Wijkpost Seghwaert", "wijkpost", "gesloten"),
    ("meerzicht", "Wijkpost Meerzicht", "wijkpost", "bestaand"),
]


class Command(BaseCommand):
    help = (
        "Maakt de demo-accounts (wachtwoord uit DEMO_PASSWORD) en demodata die als zodanig "
        "gemarkeerd is. Idempotent. Weigert zonder DEBUG, tenzij --force."
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

        for gebruikersnaam, voornaam, achternaam, rol, koppeling in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=gebruikersnaam,
                defaults={
                    "first_name": voornaam,
                    "last_name": achternaam,
                    "email": f"{gebruikersnaam}@demo.wijkwerk.invalid",
                    "is_staff": rol == r.BEHEERDER,
                },
            )
            if created or reset_wachtwoorden:
                user.set_password(settings.DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=rol))
            if rol == r.REGISSEUR:
                Wijkregisseur.objects.filter(naam=koppeling, gebruiker__isnull=True).update(
                    gebruiker=user
                )
            elif rol == r.WETHOUDER:
                Wethouder.objects.filter(naam=koppeling, gebruiker__isnull=True).update(
                    gebruiker=user
                )

        for naam, slugs in DEMO_WETHOUDERS.items():
            wethouder = Wethouder.objects.get(naam=naam)
            Wijk.objects.filter(slug__in=slugs, wethouder__isnull=True).update(
                wethouder=wethouder, wethouder_is_demo=True
            )

        for slug, naam, soort, status in DEMO_VOORZIENINGEN:
            Voorziening.objects.get_or_create(
                wijk=Wijk.objects.get(slug=slug),
                naam=naam,
                defaults={"soort": soort, "status": status, "is_demo": True},
            )

        # Wijkbudget: its reference rows first (idempotent), then the invented figures.
        call_command("laad_budget", stdout=self.stdout)
        laad_budget_demo(stdout=self.stdout)
        from initiatieven.demo import laad_demo_initiatieven

        laad_demo_initiatieven()
        from signalen.demo import laad_demo_signalen

        if n := laad_demo_signalen():
            self.stdout.write(f"{n} demosignalen gemaakt (een jaar, gemarkeerd als demo).")

        self.stdout.write("Demo-accounts (wachtwoord: DEMO_PASSWORD, standaard wijkwerk-demo):")
        for gebruikersnaam, *_rest, rol, _ in ACCOUNTS:
            self.stdout.write(f"  {gebruikersnaam:<12} {rol}")
