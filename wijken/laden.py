"""What wijken loads (wijkwerk's laad_referentiedata and laad_demo): the memo's wijken, CBS
figures, wethouders, the 2019 regie, partners and focuspunten; and the demo accounts."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User

from wijken import acties
from wijken import referentiedata as ref
from wijken.models import (
    CbsWijk,
    Focuspunt,
    Partner,
    Toewijzing,
    Voorziening,
    Wethouder,
    Wijk,
    Wijkregisseur,
)
from wijkwerk import rollen as r

CBS_BESTAND = Path(__file__).resolve().parent / "data" / "cbs_wijken_2024.geojson"

# Every demo account's e-mail address ends in @ this (a reserved domain: nobody real has it);
# under `make run` it is what lets them skip the second login step (wijkwerk.tweestaps).
DEMO_EMAILDOMEIN = "demo.wijkwerk.invalid"
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


def referentiedata(stdout) -> int:
    """Create what is missing; returns the number of new records."""
    teller = {"nieuw": 0}

    def tel(created):
        teller["nieuw"] += int(created)

    for feature in json.loads(CBS_BESTAND.read_text(encoding="utf-8"))["features"]:
        p = feature["properties"]
        _, created = CbsWijk.objects.update_or_create(
            code=p["wijkcode"],
            defaults={
                "naam": p["wijknaam"],
                "inwoners": p["aantal_inwoners"],
                "mannen": p["mannen"],
                "vrouwen": p["vrouwen"],
                "leeftijd_0_15": p["0_15"],
                "leeftijd_15_25": p["15_25"],
                "leeftijd_25_45": p["25_45"],
                "leeftijd_45_65": p["45_65"],
                "leeftijd_65plus": p["65plus"],
                "huishoudens": p["huishoudens"],
                "gem_huishoudgrootte": str(p["gem_huishouden_grootte"]),
                "bevolkingsdichtheid": p["bevolkingsdichtheid"],
                "personenautos": p["personenautos"],
                "geometrie": feature["geometry"],
                "bron": f"{ref.CBS_BRON} (bevolking op 1 januari 2024), CC BY 4.0",
            },
        )
        tel(created)

    for naam, slug, code, pilot, verkenning in ref.WIJKEN:
        # get_or_create: a beheerder may have changed a wijk since; keep their edits.
        _, created = Wijk.objects.get_or_create(
            slug=slug,
            defaults={
                "naam": naam,
                "cbs_wijk_id": code,
                "is_pilot": pilot,
                "is_wijkverkenning": verkenning,
            },
        )
        tel(created)

    for naam in ref.WETHOUDERS:
        tel(Wethouder.objects.get_or_create(naam=naam)[1])

    for naam, slugs in ref.REGIE_2019.items():
        regisseur, created = Wijkregisseur.objects.get_or_create(naam=naam)
        tel(created)
        for slug in slugs:
            wijk = Wijk.objects.get(slug=slug)
            if Toewijzing.objects.filter(wijk=wijk, geldig_van=ref.TOEWIJZING_2019).exists():
                continue
            try:
                acties.wijs_toe(wijk=wijk, regisseur=regisseur, geldig_van=ref.TOEWIJZING_2019)
                tel(True)
            except acties.OverlapFout as fout:
                stdout.write(f"Overgeslagen voor {wijk}: {fout}")

    partners = {}
    for naam, soort, omschrijving in ref.PARTNERS:
        partners[naam], created = Partner.objects.get_or_create(
            naam=naam, defaults={"soort": soort, "omschrijving": omschrijving}
        )
        tel(created)

    for wijk_in_bron, slugs, titel, opvolging, partijen, partnernamen in ref.FOCUSPUNTEN:
        focuspunt, created = Focuspunt.objects.get_or_create(
            titel=titel,
            defaults={
                "wijk_in_bron": wijk_in_bron,
                "status": Focuspunt.Status.AFGEROND,
                "opvolging": opvolging,
                "betrokken_partijen": partijen,
                "bron": ref.BIJLAGE_1,
            },
        )
        if created:
            focuspunt.wijken.set(Wijk.objects.filter(slug__in=slugs))
            focuspunt.partners.set([partners[n] for n in partnernamen])
        tel(created)
    stdout.write(
        f"Wijken: {Wijk.objects.count()} wijken, {Focuspunt.objects.count()} focuspunten, "
        f"{Partner.objects.count()} partners."
    )
    return teller["nieuw"]


def demo(stdout, *, reset_wachtwoorden=False) -> None:
    """The demo accounts (password DEMO_PASSWORD), the invented wethouder per wijk and a few
    voorzieningen, all marked demo."""
    for gebruikersnaam, voornaam, achternaam, rol, koppeling in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=gebruikersnaam,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "email": f"{gebruikersnaam}@{DEMO_EMAILDOMEIN}",
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
            Wethouder.objects.filter(naam=koppeling, gebruiker__isnull=True).update(gebruiker=user)

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
    stdout.write("Demo-accounts (wachtwoord: DEMO_PASSWORD, standaard wijkwerk-demo):")
    for gebruikersnaam, *_rest, rol, _ in ACCOUNTS:
        stdout.write(f"  {gebruikersnaam:<12} {rol}")
