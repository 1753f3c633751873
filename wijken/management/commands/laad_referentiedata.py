import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from wijken import acties
from wijken import referentiedata as ref
from wijken.models import CbsWijk, Focuspunt, Partner, Toewijzing, Wethouder, Wijk, Wijkregisseur

CBS_BESTAND = Path(__file__).resolve().parents[2] / "data" / "cbs_wijken_2024.geojson"


class Command(BaseCommand):
    help = (
        "Laadt de referentiedata uit de memo (wijken, CBS-cijfers, wethouders, regie 2019, "
        "partners, focuspunten). Idempotent: nog een keer draaien verandert niets."
    )

    @transaction.atomic
    def handle(self, *args, **options):
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
                    self.stderr.write(f"Overgeslagen voor {wijk}: {fout}")

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

        # The signal themes (also seeded by signalen 0002; here for a flushed test database).
        from signalen.referentie import laad_themas

        teller["nieuw"] += laad_themas()

        self.stdout.write(
            f"Referentiedata geladen: {teller['nieuw']} nieuwe records "
            f"({Wijk.objects.count()} wijken, {Focuspunt.objects.count()} focuspunten, "
            f"{Partner.objects.count()} partners)."
        )
