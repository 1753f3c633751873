"""Reference data from the memo "Opdracht wijkgericht werken" (college 2018–2021).

Only what the memo says lives here; anything the memo leaves open is demo data
(see the laad_demo command).
"""

import datetime

MEMO = "memo ‘Opdracht wijkgericht werken’, college 2018–2021"
BIJLAGE_1 = f"Bron: Bijlage 1 (afronding focuspunten wijkregie) bij de {MEMO}"
CBS_BRON = "Bron: CBS, Kerncijfers wijken en buurten 2024"

# (naam, slug, CBS-wijkcode, pilot, wijkverkenning). CBS combines Dorp, Driemanspolder,
# Stadscentrum and Palenstein in Centrum, and Buytenwegh with De Leyens.
WIJKEN = [
    ("Oosterheem", "oosterheem", "WK063706", True, False),
    ("Seghwaert", "seghwaert", "WK063703", True, False),
    ("Noordhove", "noordhove", "WK063704", False, False),
    ("Dorp", "dorp", "WK063700", False, False),
    ("Driemanspolder", "driemanspolder", "WK063700", False, False),
    ("Stadscentrum", "stadscentrum", "WK063700", False, False),
    ("Palenstein", "palenstein", "WK063700", False, False),
    ("Meerzicht", "meerzicht", "WK063701", False, True),
    ("Buytenwegh", "buytenwegh", "WK063702", False, False),
    ("Rokkeveen", "rokkeveen", "WK063705", False, False),
    ("De Leyens", "de-leyens", "WK063702", False, False),
]

WETHOUDERS = ["Paalvast", "Van Driel", "Ter Laak"]

TOEWIJZING_2019 = datetime.date(2019, 1, 1)
REGIE_2019 = {
    "Wijkregisseur A": ["oosterheem"],
    "Wijkregisseur B": ["noordhove", "seghwaert"],
    "Wijkregisseur C": ["dorp", "driemanspolder", "stadscentrum", "palenstein", "meerzicht"],
    "Wijkregisseur D": ["buytenwegh", "rokkeveen", "de-leyens"],
}

M, B, INW, GEM = "maatschappelijk", "bedrijf", "inwoners", "gemeente"
PARTNERS = [
    ("Kwadraad", M, "maatschappelijk werk, wijkcoaches"),
    ("Politie", M, "wijkagenten, GGP Jeugd"),
    ("SGZoetermeer", M, "Stichting Gezondheidscentra Zoetermeer (POH GGZ/Jeugd)"),
    ("Palet Welzijn", M, "sociaal makelaar, ouderenadviseur"),
    ("Stichting Piëzo", M, "sociaal-culturele wijkaccommodaties"),
    ("De Goede Woning", M, "woningcorporatie, complexbeheer"),
    ("Buurtwerk", M, "jongerenwerk"),
    ("Brandweer", M, ""),
    ("Fonds 1818", M, "fonds, project ‘De Uitdaging’"),
    ("Halte 2717", M, ""),
    ("Wijkvereniging Buytenrode", INW, ""),
    ("Wijkvereniging Seghwaertse Hout", INW, ""),
    ("Bewonersinitiatief De Perenboomgaard", INW, ""),
    ("Stadsbeheer", GEM, "wijkbeheerder"),
    ("Team handhaving", GEM, ""),
    ("Afdeling Economie", GEM, ""),
    ("Afdeling Vastgoed", GEM, ""),
    ("Programmateam binnenstad", GEM, ""),
]

CENTRUM = ["dorp", "driemanspolder", "stadscentrum", "palenstein"]

# (wijk volgens Bijlage 1, gekoppelde wijken, focuspunt, opvolging, betrokken partijen, partners)
FOCUSPUNTEN = [
    (
        "Oosterheem",
        ["oosterheem"],
        "Stimuleren van en bijdragen aan een integrale aanpak van problematiek en zorgen "
        "rondom jeugd en jongeren in Oosterheem",
        "Opvolging loopt via wijkpartners. Wijkregisseur houdt vinger aan de pols.",
        "Schoolmaatschappelijk werk, wijkcoach Oosterheem (Kwadraad), GGP Jeugd (Politie), "
        "POH GGZ/Jeugd (SGZoetermeer).",
        ["Kwadraad", "Politie", "SGZoetermeer"],
    ),
    (
        "Oosterheem",
        ["oosterheem"],
        "Een schoon, heel, veilig en aantrekkelijk centrumgebied van Oosterheem",
        "Opvolging loopt via wijkpartners. Wijkregisseur houdt vinger aan de pols middels een "
        "jaarlijkse schouw in het centrumgebied.",
        "Vastgoedeigenaar winkelcentrum, vertegenwoordiging van de winkeliers, wijkagenten, "
        "team handhaving, jongerenwerk, wijkbeheerder (gemeente, Stadsbeheer), Brandweer, "
        "complexbeheerder (De Goede Woning).",
        ["Politie", "Team handhaving", "Stadsbeheer", "Brandweer", "De Goede Woning"],
    ),
    (
        "Rokkeveen",
        ["rokkeveen"],
        "Aanpak vereenzaming en de rol en positie van ouderen in Rokkeveen",
        "Opvolging via wijkpartners.",
        "Sociaal makelaar en ouderenadviseur (Palet Welzijn), wijkverpleegkundigen, "
        "sociaal-cultureel medewerker (stichting Piëzo).",
        ["Palet Welzijn", "Stichting Piëzo"],
    ),
    (
        "Meerzicht",
        ["meerzicht"],
        "Innovatie, verbinding en maatschappelijk ondernemen in en rondom het winkelcentrum "
        "Meerzicht",
        "Opvolging via wijkpartners. De wijkregisseur blijft actief in de verbinding tussen de "
        "partijen op dit vlak.",
        "Winkeliersvereniging, maatschappelijk betrokken winkels, de vastgoedeigenaar en de "
        "gemeente (o.a. afdeling economie).",
        ["Afdeling Economie"],
    ),
    (
        "Centrum",
        CENTRUM,
        "Integrale aanpak zorg-, onderwijs- en veiligheidspartners rondom het scholencluster "
        "aan het Van Doornenplantsoen",
        "Opvolging via wijkpartners.",
        "Wijkagenten (politie), jongerenwerk (Buurtwerk), team handhaving en de scholen.",
        ["Politie", "Buurtwerk", "Team handhaving"],
    ),
    (
        "Centrum",
        ["palenstein"],
        "Samenwerken aan het verder verbeteren van de leefbaarheid rondom de hoogbouw in "
        "Palenstein",
        "Opvolging via de wijkpartners. Wijkregisseur houdt vinger aan de pols.",
        "Corporaties, wijkagenten, jongerenwerk, team handhaving en de wijkregisseur.",
        ["Politie", "Team handhaving"],
    ),
    (
        "Centrum",
        ["dorp"],
        "Samenwerking rondom het verbeteren van de beeldkwaliteit en het authentieke karakter "
        "van de Dorpsstraat",
        "Opvolging via ondernemers Dorpsstraat en programmateam binnenstad.",
        "Vastgoedeigenaren, winkeliers, programmateam binnenstad (gemeente Zoetermeer).",
        ["Programmateam binnenstad"],
    ),
    (
        "Buytenwegh",
        ["buytenwegh"],
        "Verstevigen van integrale aanpak wijkpartners, gemeente en bewoners rondom de Cesar "
        "Franckrode",
        "Opvolging via bewoners en wijkpartners. De wijkregisseur blijft actief in het verbinden "
        "tussen partijen.",
        "Wijkvereniging Buytenrode, Stichting Piëzo, de scholen en de gemeente (o.a. afdeling "
        "Vastgoed).",
        ["Wijkvereniging Buytenrode", "Stichting Piëzo", "Afdeling Vastgoed"],
    ),
    (
        "Buytenwegh",
        ["buytenwegh"],
        "Stimuleren van sociale cohesie in en een positief imago van Buytenwegh",
        "Opvolging via bewoners en wijkpartners.",
        "Buurtverenigingen, bewoners en Halte 2717.",
        ["Halte 2717"],
    ),
    (
        "Buytenwegh",
        ["buytenwegh"],
        "De aanpak leefbaarheid en veiligheid in het winkelgebied Buytenwegh",
        "Opvolging via wijkpartners. De wijkregisseur blijft middels zijn reguliere "
        "werkzaamheden actief in/met deze aanpak.",
        "Winkeliers, wijkagenten, team handhaving, wijkregisseur, buurtwerk en bewoners.",
        ["Politie", "Team handhaving", "Buurtwerk"],
    ),
    (
        "De Leyens",
        ["de-leyens"],
        "Ondersteuning bewonersinitiatief ‘De kracht van Groen Zoetermeer’",
        "Opvolging door bewoners en de stichting van de wijktuin.",
        "De stichting van de wijktuin, bewoners en andere vrijwilligers.",
        [],
    ),
    (
        "Noordhove Seghwaert",
        ["noordhove", "seghwaert"],
        "Verstevigen bewonersparticipatie in Seghwaert: faciliteren en verbinden bij project "
        "‘De Uitdaging’ (Fonds 1818) en bewonersinitiatief ‘De Perenboomgaard’",
        "Opvolging door wijkbewoners. De wijkregisseur houdt vinger aan de pols.",
        "Fonds 1818, Bewonersinitiatief ‘De Perenboomgaard’, wijkvereniging Seghwaertse Hout en "
        "andere wijkbewoners.",
        ["Fonds 1818", "Bewonersinitiatief De Perenboomgaard", "Wijkvereniging Seghwaertse Hout"],
    ),
    (
        "Noordhove Seghwaert",
        ["noordhove", "seghwaert"],
        "Aanpak sociale problematiek in Noordhove en Seghwaert: verbeteren samenwerking en "
        "versterken integrale aanpak van zorg- en veiligheidspartners in de wijk",
        "Opvolging door wijkpartners. De gemeente (o.a. de wijkregisseur) blijft via de "
        "reguliere werkzaamheden betrokken bij deze aanpak.",
        "Wijkagenten, jongerenwerk, team handhaving, de wijkregisseur, wijkbewoners en het "
        "wijkzorgnetwerk.",
        ["Politie", "Team handhaving"],
    ),
]
