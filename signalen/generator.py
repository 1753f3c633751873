"""Plausible signals in bulk: for the demo (a year, marked demo) and the benchmark (millions).

Rows are made in memory and written with bulk_create per batch, each signal with the
history rows of the path it took, so lists, timelines and numbers look real.
"""

import datetime
import random

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from signalen.models import GESLOTEN, Bron, Regie, Signaal, SignaalHistorie, Status, Thema
from wijken.models import Partner, Wijk
from wijkwerk import rollen as r

# Per theme a few things a wijkregisseur hears, and places in a Zoetermeer wijk.
ONDERWERPEN = {
    "leefbaarheid": ["zwerfafval rond de containers", "geluidsoverlast van buren", "verloedering"],
    "armoede": ["gezinnen die de energierekening niet kunnen betalen", "lege voedselkast"],
    "criminaliteit en overlast": ["hangjongeren die overlast geven", "drugshandel", "inbraken"],
    "eenzaamheid": ["oudere bewoners die niemand meer zien", "weinig ontmoeting"],
    "duurzaamheid": ["vraag naar zonnepanelen op flats", "behoefte aan een geveltuinactie"],
    "openbare ruimte": [
        "kapotte straatverlichting",
        "losliggende stoeptegels",
        "onveilig fietspad",
    ],
    "jeugd": ["te weinig speelplekken", "jongeren zonder plek om te sporten"],
    "zorg en welzijn": ["zorgen om een verwarde bewoner", "mantelzorgers die overbelast raken"],
    "veiligheid": ["onveilig gevoel in de onderdoorgang", "te hard rijden bij de school"],
}
PLEKKEN = [
    "het winkelcentrum",
    "de speeltuin",
    "het park",
    "de portiekflat",
    "de basisschool",
    "het Huis van de Wijk",
    "de bushalte",
    "het sportveld",
]
ZINNEN = [
    "Bewoners melden {o} bij {p}.",
    "Tijdens de wijkronde gezien: {o} bij {p}.",
    "Een partner signaleert {o} in de buurt van {p}.",
    "Opnieuw {o} bij {p}; eerder ook al gemeld.",
]
NAMEN = ["mevrouw Jansen", "de heer De Vries", "familie Bakker", "mevrouw El Amrani"]
AFDELINGEN = ["Stadsbeheer", "Sociaal Domein", "Openbare Orde en Veiligheid", "Wonen"]
PAD = [Status.NIEUW, Status.IN_BEHANDELING, Status.DOORGEZET, Status.BEANTWOORD, Status.AFGESLOTEN]


def _eindstatus(rnd, leeftijd_dagen: float, normdagen: int) -> str:
    """Older signals are further along; a few stay stuck, which makes them overdue."""
    voortgang = leeftijd_dagen / max(normdagen, 1)
    if rnd.random() < 0.04:
        return Status.AFGESLOTEN_ZONDER_OPLOSSING
    if voortgang < 0.3:
        return rnd.choice([Status.NIEUW, Status.NIEUW, Status.IN_BEHANDELING])
    if voortgang < 1.5:
        return rnd.choice(
            [Status.IN_BEHANDELING, Status.DOORGEZET, Status.BEANTWOORD, Status.AFGESLOTEN]
        )
    # Past the norm: most are done, some linger (the signalering page shows those).
    return rnd.choices(
        [Status.AFGESLOTEN, Status.BEANTWOORD, Status.DOORGEZET, Status.IN_BEHANDELING],
        weights=[78, 16, 3, 3],
    )[0]


def genereer(aantal: int, *, demo=False, dagen=365, seed=None, batch=5000, stdout=None) -> int:
    rnd = random.Random(seed)
    wijken = list(Wijk.objects.all())
    themas = list(Thema.objects.filter(actief=True))
    partners = list(Partner.objects.all())
    if not wijken or not themas:
        raise ValueError("Laad eerst de referentiedata (wijken en thema's).")
    regisseurs = list(User.objects.filter(groups__name=r.REGISSEUR)) or [None]
    nu = timezone.now()
    gemaakt = 0
    while gemaakt < aantal:
        n = min(batch, aantal - gemaakt)
        signalen, paden = [], []
        for _ in range(n):
            thema = rnd.choice(themas)
            aangemaakt = nu - datetime.timedelta(seconds=rnd.uniform(60, dagen * 86400))
            leeftijd = (nu - aangemaakt).total_seconds() / 86400
            eind = _eindstatus(rnd, leeftijd, thema.normdagen)
            if eind == Status.AFGESLOTEN_ZONDER_OPLOSSING:
                stappen = [Status.NIEUW, Status.IN_BEHANDELING, eind]
            else:
                stappen = PAD[: PAD.index(eind) + 1]
            # Steps spread over the signal's life so far, never in the future.
            tijden = sorted(rnd.uniform(0, leeftijd * 0.9) for _ in stappen[1:])
            momenten = [aangemaakt] + [aangemaakt + datetime.timedelta(days=t) for t in tijden]
            persoonlijk = rnd.random() < 0.15
            regie = rnd.choice(["", *Regie.values])
            onderwerp = rnd.choice(ONDERWERPEN.get(thema.naam, ["iets dat aandacht vraagt"]))
            tekst = rnd.choice(ZINNEN).format(o=onderwerp, p=rnd.choice(PLEKKEN))
            if persoonlijk:
                tekst += f" Contact via {rnd.choice(NAMEN)}."
            door = rnd.choice(regisseurs)
            s = Signaal(
                wijk=rnd.choice(wijken),
                thema=thema,
                bron=rnd.choice(Bron.values),
                omschrijving=tekst,
                waargenomen_op=timezone.localdate(aangemaakt),
                gemeld_door=rnd.choice(NAMEN) if persoonlijk else "",
                regie_bij=regie,
                regie_afdeling=rnd.choice(AFDELINGEN) if regie == Regie.GEMEENTE else "",
                regie_partner=rnd.choice(partners)
                if regie in (Regie.PARTNER, Regie.BEDRIJF) and partners
                else None,
                bevat_persoonsgegevens=persoonlijk,
                status=eind,
                aangemaakt_door=door,
                aangemaakt_op=aangemaakt,
                streefdatum=Signaal.bereken_streefdatum(timezone.localdate(aangemaakt), thema),
                is_demo=demo,
            )
            if Status.BEANTWOORD in stappen:
                s.beantwoord_op = momenten[stappen.index(Status.BEANTWOORD)]
            if eind in GESLOTEN:
                s.afgesloten_op = momenten[-1]
            signalen.append(s)
            paden.append((stappen, momenten, door))
        with transaction.atomic():
            Signaal.objects.bulk_create(signalen, batch_size=batch)
            historie = []
            for s, (stappen, momenten, door) in zip(signalen, paden, strict=True):
                vorige = ""
                for status, moment in zip(stappen, momenten, strict=True):
                    historie.append(
                        SignaalHistorie(
                            signaal_id=s.pk,
                            door=door,
                            op=moment,
                            van=vorige,
                            naar=status,
                            toelichting="Geen partij gevonden die dit kan oppakken."
                            if status == Status.AFGESLOTEN_ZONDER_OPLOSSING
                            else "",
                        )
                    )
                    vorige = status
            SignaalHistorie.objects.bulk_create(historie, batch_size=batch * 2)
        gemaakt += n
        if stdout is not None and aantal > batch:
            stdout.write(f"  {gemaakt} van {aantal} signalen")
    return gemaakt
