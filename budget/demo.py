"""Demo data for the wijkbudget, every row marked is_demo; called from laad_demo."""

from django.utils import timezone

from budget import acties
from budget import referentiedata as ref
from budget.models import Bestedingsvoorstel, Boeking, Budgetjaar, Overheveling
from wijken.models import Wijk


def open_dit_jaar() -> None:
    """This year as a demo budget year (once): the memo's years lie in the past, and the
    regisseur's proposals land in this year when it exists."""
    jaar = timezone.localdate().year
    if Budgetjaar.objects.filter(jaar=jaar).exists():
        return
    acties.open_budgetjaar(
        jaar=jaar,
        integraal_budget=ref.DEMO_INTEGRAAL,
        omschrijving=f"Integraal wijkbudget {jaar} voor de pilotwijken",
        bronnen=ref.DEMO_OVERHEVELINGEN,
        verdeling={Wijk.objects.get(slug=slug): b for slug, b in ref.DEMO_VERDELING.items()},
        door=None,
        is_demo=True,
    )


def laad_budget_demo(stdout=None) -> None:
    open_dit_jaar()
    for budgetjaar in Budgetjaar.objects.filter(jaar__in=ref.BUDGETJAREN):
        for bron, bedrag in ref.DEMO_OVERHEVELINGEN:
            Overheveling.objects.get_or_create(
                budgetjaar=budgetjaar, bronbudget=bron, defaults={"bedrag": bedrag, "is_demo": True}
            )
        # Allocate only once: the ledger is append-only, so a rerun must not book again.
        if Boeking.objects.filter(budgetjaar=budgetjaar, soort=Boeking.Soort.TOEKENNING).exists():
            continue
        for slug, bedrag in ref.DEMO_VERDELING.items():
            acties.wijs_toe_aan_wijk(
                budgetjaar=budgetjaar,
                wijk=Wijk.objects.get(slug=slug),
                bedrag=bedrag,
                omschrijving="Toekenning uit het integrale wijkbudget (demoverdeling)",
                is_demo=True,
            )

    for slug, jaar, omschrijving, bedrag, ontvanger, goedkeuren, realisatie in ref.DEMO_VOORSTELLEN:
        if Bestedingsvoorstel.objects.filter(omschrijving=omschrijving).exists():
            continue
        wijk = Wijk.objects.select_related("wethouder__gebruiker").get(slug=slug)
        regisseur = wijk.regisseur_vandaag
        if regisseur is None or regisseur.gebruiker is None:
            continue
        voorstel = acties.dien_in(
            budgetjaar=Budgetjaar.objects.get(jaar=jaar or timezone.localdate().year),
            wijk=wijk,
            omschrijving=omschrijving,
            bedrag=bedrag,
            ontvanger=ontvanger,
            door=regisseur.gebruiker,
            is_demo=True,
        )
        wethouder = wijk.wethouder.gebruiker if wijk.wethouder else None
        if goedkeuren and wethouder:
            acties.keur_goed(voorstel=voorstel, door=wethouder, reden="Past in het wijkplan.")
            if realisatie:
                acties.boek_realisatie(
                    voorstel=voorstel,
                    bedrag=realisatie,
                    door=regisseur.gebruiker,
                    omschrijving="Factuur bewonerscommissie",
                )
    if stdout:
        stdout.write(
            "Demodata wijkbudget geladen (dit jaar, overhevelingen, verdeling, voorstellen)."
        )
