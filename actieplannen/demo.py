"""Demo actieplannen for `manage.py laad_demo`: Oosterheem and Seghwaert, 2019 (evaluated)
and 2020 (its continuation, vastgesteld), with measurements; every row marked demo. The
effects, indicators and required parts themselves are the memo's (referentiedata)."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from actieplannen import acties
from actieplannen.models import (
    Actieplan,
    ActieplanHistorie,
    Effect,
    Indicator,
    Meting,
    ProjectHistorie,
    Vereiste,
)
from wijken.models import Partner, Wijk

# Invented figures, marked demo: per wijk and indicator the values of 2018 (the baseline),
# 2019 and 2020.
METINGEN = {
    "oosterheem": {
        "eenzaamheid": ("11.8", "11.2", "10.4"),
        "veiligheidsgevoel": ("31.0", "29.5", "27.0"),
        "vertrouwen-gemeente": ("48.0", "51.0", "55.0"),
    },
    "seghwaert": {
        "eenzaamheid": ("13.5", "13.9", "12.6"),
        "veiligheidsgevoel": ("27.0", "26.0", "26.5"),
        "vertrouwen-gemeente": ("45.0", "47.0", "50.0"),
    },
}

# wijk: (regisseur, wethouder, title, goals); a goal: (title, effects, indicator, target,
# projects); a project: (title, partner or department, budget, scores per effect, decision)
PLANNEN = {
    "oosterheem": (
        "regisseur-a",
        "paalvast",
        "Oosterheem: samen een vitale wijk",
        [
            (
                "Minder eenzaamheid onder ouderen",
                ["sociale cohesie"],
                "eenzaamheid",
                "10.0",
                [
                    (
                        "Huiskamer in het Huis van de Wijk",
                        "Palet Welzijn",
                        "15000",
                        (1, 3, 1),
                        "doorzetten",
                    ),
                    ("Buren helpen buren", "Buurtwerk", "4000", (2, 2, 0), "stoppen"),
                ],
            ),
            (
                "Veiliger rond het winkelcentrum",
                ["gevoel van veiligheid", "vertrouwen"],
                "veiligheidsgevoel",
                "25.0",
                [
                    (
                        "Wijkschouw met bewoners en politie",
                        "Politie",
                        "2500",
                        (2, 1, 3),
                        "bijstellen",
                    )
                ],
            ),
        ],
    ),
    "seghwaert": (
        "regisseur-b",
        "vandriel",
        "Seghwaert: ontmoeten en meedoen",
        [
            (
                "Meer ontmoeting in de buurt",
                ["sociale cohesie", "vertrouwen"],
                "eenzaamheid",
                "12.0",
                [
                    (
                        "Ontmoetingsplaats open op zaterdag",
                        "Kwadraad",
                        "9000",
                        (1, 3, 1),
                        "doorzetten",
                    ),
                    ("Straatfeesten per buurt", "Stadsbeheer", "3000", (1, 2, 0), "stoppen"),
                ],
            ),
            (
                "De gemeente zichtbaar in de wijk",
                ["vertrouwen"],
                "vertrouwen-gemeente",
                "52.0",
                [
                    (
                        "Spreekuur van de wijkwethouder",
                        "Sociaal Domein",
                        "500",
                        (3, 1, 1),
                        "doorzetten",
                    )
                ],
            ),
        ],
    ),
}


@transaction.atomic
def laad_demo_plannen() -> int:
    if Actieplan.objects.filter(is_demo=True).exists():
        return 0  # idempotent: the demo plans are there already
    effecten = list(Effect.objects.order_by("volgorde"))
    indicatoren = {i.code: i for i in Indicator.objects.all()}
    gemaakt = 0
    for slug, reeksen in METINGEN.items():
        wijk = Wijk.objects.get(slug=slug)
        for code, waarden in reeksen.items():
            for jaar, waarde in zip((2018, 2019, 2020), waarden, strict=True):
                Meting.objects.get_or_create(
                    indicator=indicatoren[code],
                    wijk=wijk,
                    jaar=jaar,
                    kwartaal=0,
                    defaults={
                        "waarde": Decimal(waarde),
                        "bron": f"demo ({indicatoren[code].bron})",
                        "is_demo": True,
                    },
                )
    for slug, (regisseur, wethouder, titel, doelen) in PLANNEN.items():
        wijk = Wijk.objects.get(slug=slug)
        regisseur = User.objects.get(username=regisseur)
        wethouder = User.objects.get(username=wethouder)
        plan = _plan_2019(wijk, regisseur, wethouder, titel, doelen, effecten, indicatoren)
        vervolg = acties.begin_vervolg(plan=plan, door=regisseur)
        for project in vervolg.projecten.select_related("voortgezet_uit"):
            # Weighed again for the new year (here as before) before the plan is vastgesteld.
            acties.weeg_af(
                project=project,
                scores={
                    a.effect_id: (a.verwacht, a.motivering)
                    for a in project.voortgezet_uit.afwegingen.all()
                },
                succescriteria=project.succescriteria,
            )
        acties.stel_vast(plan=vervolg, door=wethouder)
        for project in vervolg.projecten.all():
            acties.zet_project(project=project, naar="gestart", door=regisseur)
        _terugdateren(
            vervolg, datetime.datetime(2020, 1, 20, 10), datetime.datetime(2020, 2, 10, 15)
        )
        gemaakt += 2
    return gemaakt


def _plan_2019(wijk, regisseur, wethouder, titel, doelen, effecten, indicatoren):
    plan, _ = acties.maak_plan(wijk=wijk, jaar=2019, titel=titel, door=regisseur, is_demo=True)
    acties.werk_plan_bij(
        plan=plan,
        titel=titel,
        opgave=f"Wat bewoners van {wijk} ons vertelden: meer ontmoeting, een veilige "
        "buurt en een gemeente die je kent. (demo)",
        antwoorden={
            v.pk: f"{wijk}: zo werkt het plan hieraan (demotekst)." for v in Vereiste.objects.all()
        },
    )
    projecten = []
    for doel_titel, effect_namen, code, streef, doel_projecten in doelen:
        doel = acties.bewaar_doel(
            plan=plan,
            titel=doel_titel,
            omschrijving="",
            effecten=[e for e in effecten if e.naam in effect_namen],
        )
        acties.bewaar_doelindicator(
            doel=doel,
            indicator=indicatoren[code],
            nulmeting=Decimal(METINGEN[wijk.slug][code][0]),
            nulmeting_jaar=2018,
            streefwaarde=Decimal(streef),
        )
        for p_titel, trekker, budget, scores, besluit in doel_projecten:
            partner = Partner.objects.filter(naam=trekker).first()
            project = acties.bewaar_project(
                plan=plan,
                door=regisseur,
                titel=p_titel,
                omschrijving="",
                doel=doel,
                trekker_partner=partner,
                trekker_afdeling="" if partner else trekker,
                gepland_budget=Decimal(budget),
                start=datetime.date(2019, 3, 1),
                eind=datetime.date(2019, 12, 31),
                signalen=[],
                focuspunten=[],
                initiatieven=[],
            )
            acties.weeg_af(
                project=project,
                scores={
                    e.pk: (s, f"Verwachte bijdrage aan {e.naam} (demo).")
                    for e, s in zip(effecten, scores, strict=True)
                },
                succescriteria="Bewoners doen mee en noemen het in de wijkmonitor (demo).",
            )
            projecten.append((project, scores, besluit))
    acties.stel_vast(plan=plan, door=wethouder)
    for project, scores, besluit in projecten:
        acties.zet_project(project=project, naar="gestart", door=regisseur)
        acties.leg_realisatie_vast(
            project=project,
            realisatie={
                e.pk: (max(s - 1, 0) if besluit == "stoppen" else s, "Gemeten in 2019 (demo).")
                for e, s in zip(effecten, scores, strict=True)
            },
        )
        acties.zet_project(project=project, naar="afgerond", door=regisseur)
        acties.evalueer_project(
            project=project, besluit=besluit, motivering=f"Besluit na 2019: {besluit} (demo)."
        )
    acties.evalueer(
        plan=plan,
        evaluatie="Het eerste jaar: wat werkte gaat door, wat niet werkte stopt (demo).",
        doelen={d.pk: "Op weg naar de streefwaarde (demo)." for d in plan.doelen.all()},
        door=regisseur,
    )
    _terugdateren(plan, datetime.datetime(2019, 1, 15, 10), datetime.datetime(2019, 2, 12, 15))
    return plan


def _terugdateren(plan, aangemaakt, vastgesteld):
    """Demo plans of 2019 and 2020 were made then, not today: their dates say so."""
    tz = timezone.get_current_timezone()
    aangemaakt, vastgesteld = (timezone.make_aware(d, tz) for d in (aangemaakt, vastgesteld))
    Actieplan.objects.filter(pk=plan.pk).update(
        aangemaakt_op=aangemaakt, vastgesteld_op=vastgesteld
    )
    ActieplanHistorie.objects.filter(plan=plan, naar="concept").update(op=aangemaakt)
    ActieplanHistorie.objects.filter(plan=plan, naar="vastgesteld").update(op=vastgesteld)
    ActieplanHistorie.objects.filter(plan=plan, naar="geevalueerd").update(
        op=timezone.make_aware(datetime.datetime(plan.jaar + 1, 1, 10, 11), tz)
    )
    ProjectHistorie.objects.filter(project__plan=plan).update(op=vastgesteld)
