"""Demo initiatives for `manage.py laad_demo` (marked is_demo; idempotent)."""

import datetime
import uuid

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import Initiatief, Vergadering
from initiatieven.referentiedata import zorg_voor_disciplines
from wijken.models import Wijk

# (titel, wijk, gevraagd, bedrag, what happens to it)
DEMO = [
    ("Moestuin achter de flat", "oosterheem", "ruimte", None, "akkoord"),
    ("Buurtbarbecue Seghwaert", "seghwaert", "geld", 450, "akkoord_onder_voorwaarden"),
    ("Speeltoestel bij de school", "meerzicht", "vergunning", None, "afgewezen"),
    ("Repair café in de wijkpost", "palenstein", "ruimte", None, "compleet"),
    ("Taalcafé voor nieuwkomers", "noordhove", "advies", None, "incompleet"),
    ("Bloembakken in de winkelstraat", "dorp", "geld", 800, "ontvangen"),
]


def laad_demo_initiatieven() -> int:
    if Initiatief.objects.filter(is_demo=True).exists():
        return 0
    zorg_voor_disciplines()
    secretaris = User.objects.filter(username="groeneloper").first()
    vandaag = timezone.localdate()
    with transaction.atomic():
        # Today's meeting: its decisions are recorded on its day (Besluit.clean), and the
        # inwoner never reads of a meeting that has not happened yet.
        vergadering = Vergadering.objects.filter(datum=vandaag).first()
        if vergadering is None:
            vergadering = acties.maak_vergadering(datum=vandaag, aanwezig=[], door=secretaris)
        for titel, slug, gevraagd, bedrag, einde in DEMO:
            initiatief, _ = acties.dien_in(
                gegevens={
                    "titel": titel,
                    "omschrijving": "Demo-initiatief om Wijkwerk te laten zien.",
                    "wijk": Wijk.objects.get(slug=slug),
                    "gevraagd": gevraagd,
                    "bedrag": bedrag,
                    "contact_naam": "Demo Indiener",
                    "contact_email": "indiener@demo.wijkwerk.invalid",
                },
                idempotentie_token=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-{titel}"),
            )
            Initiatief.objects.filter(pk=initiatief.pk).update(is_demo=True)
            if einde == "ontvangen":
                continue
            if einde == "incompleet":
                acties.markeer_incompleet(
                    initiatief=initiatief, vraag="Waar wilt u het taalcafé houden?", door=secretaris
                )
                continue
            acties.triage(initiatief=initiatief, wijk=initiatief.wijk, door=secretaris)
            acties.markeer_compleet(initiatief=initiatief, door=secretaris)
            if einde == "compleet":
                continue
            punt = acties.agendeer(vergadering=vergadering, initiatief=initiatief, door=secretaris)
            acties.leg_besluit_vast(
                agendapunt=punt,
                uitkomst=einde,
                motivering="Demo-besluit: de adviezen van de afdelingen zijn meegewogen.",
                actiehouder="Wijkregisseur" if einde != "afgewezen" else "",
                deadline=vandaag + datetime.timedelta(days=60) if einde != "afgewezen" else None,
                door=secretaris,
            )
    return len(DEMO)
