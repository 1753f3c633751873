from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Wist de authenticator-app en herstelcodes van een gebruiker (telefoon kwijt, codes op). "
        "Bij de volgende keer inloggen stelt die de tweestapsverificatie opnieuw in."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    @transaction.atomic
    def handle(self, *args, gebruikersnaam, **options):
        user = User.objects.filter(username=gebruikersnaam).first()
        if user is None:
            raise CommandError(f"Er is geen gebruiker {gebruikersnaam}.")
        apps, _ = TOTPDevice.objects.filter(user=user).delete()
        codes, _ = StaticDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"{gebruikersnaam}: {apps} authenticator-app(s) en de herstelcodes gewist."
            if apps or codes
            else f"{gebruikersnaam} had geen tweestapsverificatie ingesteld."
        )
