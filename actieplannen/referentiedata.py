"""The memo's effects, its examples of measurable effects as indicators, and the parts every
actieplan must answer ("De belangrijkste onderdelen van dit actieplan zijn voor beide wijken
in ieder geval"). Real data from the memo; loaded idempotently by laad_referentiedata."""

from actieplannen.models import Effect, Indicator, Vereiste

MEMO = "Memo ‘Opdracht wijkgericht werken’ (collegeperiode 2018–2021)"

EFFECTEN = [
    ("vertrouwen", "Meer vertrouwen van inwoners in elkaar en in de gemeente."),
    ("sociale cohesie", "Meer sociale cohesie: bewoners kennen en helpen elkaar."),
    ("gevoel van veiligheid", "Een groter gevoel van veiligheid in de wijk."),
]

# code, naam, effect, eenheid, minimum, maximum, richting, bron, niveau, berekend
INDICATOREN = [
    (
        "reactiesnelheid",
        "Reactiesnelheid op maatschappelijke initiatieven",
        "vertrouwen",
        "dagen (mediaan)",
        0,
        None,
        Indicator.Richting.LAGER,
        "Wijkwerk: termijn van de Groene Loper (berekend)",
        Indicator.Niveau.WIJK,
        True,
    ),
    (
        "binnen-de-norm",
        "Initiatieven beantwoord binnen de norm",
        "vertrouwen",
        "%",
        0,
        100,
        Indicator.Richting.HOGER,
        "Wijkwerk: termijn van de Groene Loper (berekend)",
        Indicator.Niveau.WIJK,
        True,
    ),
    (
        "eenzaamheid",
        "Mate van eenzaamheid",
        "sociale cohesie",
        "% (zeer) ernstig eenzaam",
        0,
        100,
        Indicator.Richting.LAGER,
        "GGD Gezondheidsmonitor",
        Indicator.Niveau.CBS_WIJK,
        False,
    ),
    (
        "veiligheidsgevoel",
        "Mate van veiligheidsgevoel",
        "gevoel van veiligheid",
        "% voelt zich weleens onveilig in de buurt",
        0,
        100,
        Indicator.Richting.LAGER,
        "Veiligheidsmonitor",
        Indicator.Niveau.CBS_WIJK,
        False,
    ),
    (
        "vertrouwen-gemeente",
        "Mate van vertrouwen in de gemeente",
        "vertrouwen",
        "% (veel) vertrouwen",
        0,
        100,
        Indicator.Richting.HOGER,
        "Wijkmonitor",
        Indicator.Niveau.WIJK,
        False,
    ),
]

VEREISTEN = [
    ("samenwerken", "Meer samenwerken rondom individuele wijkbewoners en op wijkniveau."),
    (
        "wijkwethouder",
        "Invulling wijkwethouderschap: de wijkwethouder is in de wijk zichtbaar en aanspreekbaar.",
    ),
    (
        "gebiedsgericht",
        "Pilot programmatische aanpak: gebiedsgericht financieren en organiseren.",
    ),
    (
        "casuistiek",
        "Pilot programmatische aanpak: van multiproblem naar individuele casuïstiekaanpak.",
    ),
    (
        "huis-van-de-wijk",
        "Pilot programmatische aanpak: een fysiek Huis van de Wijk, een ontmoetingsplek voor "
        "álle wijkbewoners.",
    ),
]


def laad() -> int:
    nieuw = 0
    effecten = {}
    for volgorde, (naam, omschrijving) in enumerate(EFFECTEN, start=1):
        effecten[naam], gemaakt = Effect.objects.update_or_create(
            naam=naam, defaults={"omschrijving": omschrijving, "volgorde": volgorde, "bron": MEMO}
        )
        nieuw += gemaakt
    for code, naam, effect, eenheid, mini, maxi, richting, bron, niveau, berekend in INDICATOREN:
        _, gemaakt = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "effect": effecten[effect],
                "eenheid": eenheid,
                "minimum": mini,
                "maximum": maxi,
                "richting": richting,
                "bron": bron,
                "niveau": niveau,
                "berekend": berekend,
            },
        )
        nieuw += gemaakt
    for volgorde, (code, tekst) in enumerate(VEREISTEN, start=1):
        _, gemaakt = Vereiste.objects.update_or_create(
            code=code, defaults={"tekst": tekst, "volgorde": volgorde, "toelichting": MEMO}
        )
        nieuw += gemaakt
    return nieuw
