"""Wijkbudget figures from the memo (reference data) and invented figures (demo data)."""

from decimal import Decimal

from wijken.referentiedata import MEMO

BRON = f"Bron: {MEMO}"

# jaar: (integraal wijkbudget, wijkregie). Wijkregie is staff cost, not wijkbudget.
BUDGETJAREN = {
    2019: (Decimal("350000.00"), Decimal("129000.00")),
    2020: (Decimal("350000.00"), None),
}
PILOTWIJKEN = ["oosterheem", "seghwaert"]

# The memo names "Wijk aan Zet" as one source, without amounts; the rest is invented.
DEMO_OVERHEVELINGEN = [
    ("Wijk aan Zet", Decimal("150000.00")),
    ("Leefbaarheid en veiligheid", Decimal("120000.00")),
    ("Sociaal domein (preventie)", Decimal("80000.00")),
]
# The memo does not split the budget per wijk: an even split, marked demo.
DEMO_VERDELING = {"oosterheem": Decimal("175000.00"), "seghwaert": Decimal("175000.00")}

# The memo ends at 2020: laad_demo opens this year with the same figures, marked demo, so
# the demo's proposals land in a year that exists.
DEMO_INTEGRAAL = Decimal("350000.00")

# (wijk, jaar (None: this year), omschrijving, bedrag, ontvanger, goedkeuren, realisatie)
DEMO_VOORSTELLEN = [
    (
        "oosterheem",
        2019,
        "Buurtfeest en opschoondag rond het winkelcentrum Oosterheem",
        Decimal("4250.00"),
        "Bewonerscommissie Oosterheem-Noord",
        True,
        Decimal("3980.50"),
    ),
    (
        "oosterheem",
        2019,
        "Speeltoestellen voor het pleintje aan de Van Aalstlaan",
        Decimal("18500.00"),
        "Stadsbeheer",
        False,
        None,
    ),
    (
        "seghwaert",
        2019,
        "Ontmoetingsochtenden voor ouderen in de Seghwaertse Hout",
        Decimal("6200.00"),
        "Palet Welzijn",
        False,
        None,
    ),
    (
        "seghwaert",
        None,
        "Buurtmoestuin bij de Seghwaertse Hout",
        Decimal("2750.00"),
        "Wijkvereniging Seghwaertse Hout",
        False,
        None,
    ),
]
