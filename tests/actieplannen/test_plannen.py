"""The actieplan: one per wijk per year, drafted by the regisseur, vastgesteld only by the
wijkwethouder of the wijk once the memo's required parts are answered, read-only after that
except for project status, measurements and the evaluation; the afwegingskader gates a
project's start; the evaluation decides what continues into next year's plan."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from actieplannen import acties
from actieplannen.models import (
    Actieplan,
    ActieplanHistorie,
    Effect,
    Indicator,
    Meting,
    PlanStatus,
    Project,
    Vereiste,
)
from wijken.models import Partner, Wijk


@pytest.fixture
def oosterheem(referentie):
    return Wijk.objects.get(slug="oosterheem")


@pytest.fixture
def concept(oosterheem, regisseur_a):
    plan, _ = acties.maak_plan(
        wijk=oosterheem, jaar=2019, titel="Samen Oosterheem", door=regisseur_a
    )
    return plan


def project_bij(doel, door, titel, **velden):
    """A project of `doel` with only what the test cares about given."""
    gegevens = {
        "omschrijving": "",
        "trekker_partner": None,
        "trekker_afdeling": "Stadsbeheer",
        "gepland_budget": Decimal("0"),
        "start": datetime.date(doel.plan.jaar, 1, 1),
        "eind": datetime.date(doel.plan.jaar, 12, 31),
        "signalen": [],
        "focuspunten": [],
        "initiatieven": [],
        **velden,
    }
    return acties.bewaar_project(plan=doel.plan, door=door, titel=titel, doel=doel, **gegevens)


def compleet_maken(plan, door):
    """Answer every required part, one goal with an indicator and one weighed project."""
    acties.werk_plan_bij(
        plan=plan,
        titel=plan.titel,
        opgave="Meer ontmoeting.",
        antwoorden={v.pk: f"Antwoord op {v.code}" for v in Vereiste.objects.all()},
    )
    doel = acties.bewaar_doel(
        plan=plan,
        titel="Minder eenzaamheid",
        omschrijving="",
        effecten=Effect.objects.filter(naam="sociale cohesie"),
    )
    acties.bewaar_doelindicator(
        doel=doel,
        indicator=Indicator.objects.get(code="eenzaamheid"),
        nulmeting=Decimal("12.0"),
        nulmeting_jaar=2018,
        streefwaarde=Decimal("10.0"),
    )
    project = project_bij(
        doel,
        door,
        "Huiskamer in de wijk",
        trekker_partner=Partner.objects.get(naam="Palet Welzijn"),
        trekker_afdeling="",
        gepland_budget=Decimal("5000"),
        start=datetime.date(plan.jaar, 3, 1),
        eind=datetime.date(plan.jaar, 12, 31),
    )
    acties.weeg_af(
        project=project,
        scores={e.pk: (2, "Buren ontmoeten elkaar.") for e in Effect.objects.all()},
        succescriteria="Twintig vaste bezoekers.",
    )
    return doel, project


def test_een_plan_per_wijk_per_jaar(concept, oosterheem, regisseur_a):
    with pytest.raises(acties.PlanFout, match="heeft al een actieplan voor 2019"):
        acties.maak_plan(wijk=oosterheem, jaar=2019, titel="Nog een", door=regisseur_a)
    with pytest.raises(IntegrityError):
        Actieplan.objects.create(wijk=oosterheem, jaar=2019, titel="Buiten de acties om")


def test_regisseur_maakt_een_concept_via_het_formulier(client, regisseur_a, oosterheem):
    client.force_login(regisseur_a)
    data = {
        "idempotentie_token": str(uuid.uuid4()),
        "wijk": oosterheem.pk,
        "jaar": "2020",
        "titel": "Oosterheem verbindt",
        "opgave": "",
    }
    response = client.post(reverse("actieplannen:nieuw"), data)
    plan = Actieplan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.status == PlanStatus.CONCEPT and plan.aangemaakt_door == regisseur_a
    # The same form again (double click): one plan; the same wijk and year anew: refused.
    client.post(reverse("actieplannen:nieuw"), data)
    opnieuw = client.post(
        reverse("actieplannen:nieuw"), {**data, "idempotentie_token": str(uuid.uuid4())}
    )
    assert Actieplan.objects.count() == 1
    assert opnieuw.status_code == 400
    tekst = opnieuw.content.decode()
    assert "Oosterheem heeft al een actieplan voor 2020." in tekst
    assert 'value="Oosterheem verbindt"' in tekst  # what was typed stays


@pytest.mark.parametrize("jaar", ["2018", "9999", "abc", ""])
def test_nieuw_plan_weigert_een_onmogelijk_jaar(client, regisseur_a, oosterheem, jaar):
    client.force_login(regisseur_a)
    response = client.post(
        reverse("actieplannen:nieuw"),
        {
            "idempotentie_token": str(uuid.uuid4()),
            "wijk": oosterheem.pk,
            "jaar": jaar,
            "titel": "X",
        },
    )
    assert response.status_code == 400
    assert Actieplan.objects.count() == 0


def test_regisseur_van_een_andere_wijk_kan_niet_opstellen(client, concept, regisseur_b):
    client.force_login(regisseur_b)
    response = client.get(reverse("actieplannen:bewerken", args=[concept.pk]))
    assert response.status_code == 403
    assert "Alleen de wijkregisseur van Oosterheem" in response.content.decode()
    # Seghwaert is regisseur B's pilot wijk; Oosterheem is not offered.
    pagina = client.get(reverse("actieplannen:nieuw")).content.decode()
    assert "Seghwaert" in pagina and "Oosterheem" not in pagina.split("<select", 1)[1]


def test_vaststellen_alleen_door_de_wijkwethouder_en_pas_als_het_plan_compleet_is(
    client, concept, regisseur_a, wethouder, maak_wethouder
):
    url = reverse("actieplannen:vaststellen", args=[concept.pk])
    client.force_login(regisseur_a)
    assert client.post(url).status_code == 403
    ander = maak_wethouder("t-vandriel", "Van Driel", "seghwaert")
    client.force_login(ander)
    response = client.post(url)
    assert response.status_code == 403
    assert "U bent niet de wijkwethouder van Oosterheem." in response.content.decode()

    client.force_login(wethouder)
    client.post(url)
    concept.refresh_from_db()
    assert concept.status == PlanStatus.CONCEPT  # the checklist is not answered yet
    pagina = client.get(concept.get_absolute_url()).content.decode()
    assert "Beantwoord: Meer samenwerken rondom individuele wijkbewoners" in pagina
    assert "Het plan heeft nog geen doel." in pagina

    compleet_maken(concept, regisseur_a)
    response = client.post(url, follow=True)
    concept.refresh_from_db()
    assert concept.status == PlanStatus.VASTGESTELD and concept.vastgesteld_door == wethouder
    assert "Actieplan Oosterheem 2019 is vastgesteld." in response.content.decode()
    assert list(ActieplanHistorie.objects.values_list("van", "naar")) == [
        ("", "concept"),
        ("concept", "vastgesteld"),
    ]


def test_elk_vereist_onderdeel_moet_beantwoord(concept, regisseur_a, wethouder):
    compleet_maken(concept, regisseur_a)
    laatste = Vereiste.objects.get(code="huis-van-de-wijk")
    acties.werk_plan_bij(plan=concept, titel="x", opgave="", antwoorden={laatste.pk: "  "})
    with pytest.raises(acties.PlanFout, match="Huis van de Wijk"):
        acties.stel_vast(plan=concept, door=wethouder)


def test_vastgesteld_plan_is_alleen_lezen_behalve_voortgang(
    client, concept, regisseur_a, wethouder
):
    doel, project = compleet_maken(concept, regisseur_a)
    acties.stel_vast(plan=concept, door=wethouder)
    for schrijf in (
        lambda: acties.bewaar_doel(plan=concept, titel="Nieuw", omschrijving="", effecten=[]),
        lambda: acties.werk_plan_bij(plan=concept, titel="Anders", opgave="", antwoorden={}),
        lambda: acties.weeg_af(project=project, scores={}, succescriteria="x"),
    ):
        with pytest.raises(acties.PlanFout, match="vastgesteld"):
            schrijf()
    client.force_login(regisseur_a)
    response = client.get(reverse("actieplannen:bewerken", args=[concept.pk]), follow=True)
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    # Progress goes on: the project starts, its realised result is recorded.
    client.post(reverse("actieplannen:project_status", args=[project.pk]), {"naar": "gestart"})
    project.refresh_from_db()
    assert project.status == "gestart"
    assert list(project.historie.values_list("van", "naar")) == [
        ("", "gepland"),
        ("gepland", "gestart"),
    ]


def test_project_zonder_afweging_kan_niet_starten(concept, regisseur_a, wethouder):
    doel, gewogen = compleet_maken(concept, regisseur_a)
    ongewogen = project_bij(
        doel,
        regisseur_a,
        "Nog niet gewogen",
        trekker_afdeling="Stadsbeheer",
        gepland_budget=Decimal("0"),
        start=datetime.date(2019, 5, 1),
        eind=datetime.date(2019, 6, 1),
    )
    with pytest.raises(acties.PlanFout, match="pas als het actieplan is vastgesteld"):
        acties.zet_project(project=gewogen, naar="gestart", door=regisseur_a)
    # The plan is adopted with every project weighed, so none can be left unable to start.
    with pytest.raises(acties.PlanFout, match="Vul de afweging in voor het project ‘Nog niet"):
        acties.stel_vast(plan=concept, door=wethouder)
    acties.weeg_af(
        project=ongewogen,
        scores={e.pk: (0, "Geen.") for e in Effect.objects.exclude(naam="vertrouwen")},
        succescriteria="Iets.",
    )
    with pytest.raises(acties.PlanFout, match="Vul de afweging in voor het project ‘Nog niet"):
        acties.stel_vast(plan=concept, door=wethouder)
    ongewogen.delete()
    acties.stel_vast(plan=concept, door=wethouder)
    gewogen.afwegingen.filter(effect__naam="vertrouwen").delete()
    with pytest.raises(acties.PlanFout, match="de afweging ontbreekt voor vertrouwen"):
        acties.zet_project(project=gewogen, naar="gestart", door=regisseur_a)


def test_afweging_weigert_een_score_van_4_en_bewaart_niets(client, concept, regisseur_a):
    doel, project = compleet_maken(concept, regisseur_a)
    client.force_login(regisseur_a)
    effecten = list(Effect.objects.all())
    data = {"succescriteria": "Nieuw criterium"}
    for e in effecten:
        data[f"score_{e.pk}"] = "4"
        data[f"tekst_{e.pk}"] = "Groot"
    response = client.post(reverse("actieplannen:afweging", args=[project.pk]), data)
    assert response.status_code == 400
    assert "Kies een score van 0 tot en met 3." in response.content.decode()
    project.refresh_from_db()
    assert project.succescriteria == "Twintig vaste bezoekers."
    assert set(project.afwegingen.values_list("verwacht", flat=True)) == {2}


@pytest.mark.parametrize(
    "indicator,nul,streef,melding",
    [
        ("eenzaamheid", "12", "14", "is lager beter"),
        ("vertrouwen-gemeente", "60", "50", "is hoger beter"),
        ("eenzaamheid", "12", "12", "gelijk aan de nulmeting"),
        ("vertrouwen-gemeente", "12", "120", "in het bereik van 0 tot en met 100"),
    ],
)
def test_streefwaarde_in_de_verkeerde_richting(
    client, concept, regisseur_a, indicator, nul, streef, melding
):
    doel = acties.bewaar_doel(plan=concept, titel="Doel", omschrijving="", effecten=[])
    client.force_login(regisseur_a)
    response = client.post(
        reverse("actieplannen:doelindicator", args=[doel.pk]),
        {
            "indicator": Indicator.objects.get(code=indicator).pk,
            "nulmeting": nul,
            "nulmeting_jaar": "2018",
            "streefwaarde": streef,
        },
    )
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert not doel.indicatoren.exists()


def test_nulmeting_met_een_nederlandse_komma(client, concept, regisseur_a):
    doel = acties.bewaar_doel(plan=concept, titel="Doel", omschrijving="", effecten=[])
    client.force_login(regisseur_a)
    client.post(
        reverse("actieplannen:doelindicator", args=[doel.pk]),
        {
            "indicator": Indicator.objects.get(code="eenzaamheid").pk,
            "nulmeting": "12,5",
            "nulmeting_jaar": "2018",
            "streefwaarde": "10,25",
        },
    )
    di = doel.indicatoren.get()
    assert (di.nulmeting, di.streefwaarde) == (Decimal("12.50"), Decimal("10.25"))


def test_laatste_meting_en_streefwaarde_op_de_planpagina(client, concept, regisseur_a, oosterheem):
    compleet_maken(concept, regisseur_a)
    eenzaamheid = Indicator.objects.get(code="eenzaamheid")
    Meting.objects.create(
        indicator=eenzaamheid, wijk=oosterheem, jaar=2019, waarde=Decimal("9.5"), bron="GGD"
    )
    client.force_login(regisseur_a)
    tekst = client.get(concept.get_absolute_url()).content.decode()
    assert 'data-label="Laatste meting">9,5 (2019)</td>' in tekst
    assert 'data-label="Bereikt">ja</td>' in tekst


def test_evaluatie_en_vervolg_naar_volgend_jaar(client, concept, regisseur_a, wethouder):
    doel, project = compleet_maken(concept, regisseur_a)
    gestopt = project_bij(
        doel,
        regisseur_a,
        "Flyeractie",
        trekker_afdeling="Communicatie",
        gepland_budget=Decimal("500"),
        start=datetime.date(2019, 4, 1),
        eind=datetime.date(2019, 4, 30),
    )
    acties.weeg_af(
        project=gestopt,
        scores={e.pk: (1, "Bekendheid.") for e in Effect.objects.all()},
        succescriteria="Iedereen weet ervan.",
    )
    acties.stel_vast(plan=concept, door=wethouder)
    with pytest.raises(acties.PlanFout, match="Kies voor ‘Flyeractie’"):
        acties.evalueer(plan=concept, evaluatie="Goed jaar.", doelen={}, door=regisseur_a)
    acties.evalueer_project(project=project, besluit="bijstellen", motivering="Vaker open.")
    acties.evalueer_project(project=gestopt, besluit="stoppen", motivering="Geen effect.")
    acties.evalueer(
        plan=concept, evaluatie="Goed jaar.", doelen={doel.pk: "Bijna bereikt."}, door=regisseur_a
    )
    concept.refresh_from_db()
    assert concept.status == PlanStatus.GEEVALUEERD

    client.force_login(regisseur_a)
    response = client.post(reverse("actieplannen:vervolg", args=[concept.pk]))
    nieuw = Actieplan.objects.get(jaar=2020)
    assert response["Location"] == nieuw.get_absolute_url()
    assert nieuw.status == PlanStatus.CONCEPT and nieuw.voorganger == concept
    assert nieuw.antwoorden.count() == Vereiste.objects.count()
    kopie = nieuw.doelen.get()
    assert kopie.titel == "Minder eenzaamheid"
    assert list(kopie.effecten.values_list("naam", flat=True)) == ["sociale cohesie"]
    assert list(kopie.indicatoren.values_list("indicator__code", "streefwaarde")) == [
        ("eenzaamheid", Decimal("10.00"))
    ]
    # Only what continues: the adjusted project, in the new year, linked to the old one.
    voortgezet = Project.objects.get(plan=nieuw)
    assert voortgezet.titel == "Huiskamer in de wijk" and voortgezet.voortgezet_uit == project
    assert (voortgezet.start, voortgezet.eind) == (
        datetime.date(2020, 1, 1),
        datetime.date(2020, 12, 31),
    )
    assert voortgezet.status == "gepland" and not voortgezet.afwegingen.exists()
    # Once only.
    assert client.post(reverse("actieplannen:vervolg", args=[concept.pk])).status_code == 302
    assert Actieplan.objects.filter(jaar=2020).count() == 1


def test_planpagina_met_een_vast_aantal_queries(
    client, concept, regisseur_a, django_assert_max_num_queries
):
    doel, _ = compleet_maken(concept, regisseur_a)
    client.force_login(regisseur_a)
    client.get(concept.get_absolute_url())
    with django_assert_max_num_queries(22) as eerst:
        client.get(concept.get_absolute_url())
    for i in range(5):
        project_bij(
            doel,
            regisseur_a,
            f"Project {i}",
            trekker_afdeling="Wonen",
            gepland_budget=Decimal("10"),
            start=datetime.date(2019, 1, 1),
            eind=datetime.date(2019, 2, 1),
        )
    with django_assert_max_num_queries(len(eerst)):
        client.get(concept.get_absolute_url())


def test_wijkdossier_toont_het_actieplan(client, concept, regisseur_a):
    compleet_maken(concept, regisseur_a)
    client.force_login(regisseur_a)
    tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
    assert f'href="{concept.get_absolute_url()}">Actieplan 2019: Samen Oosterheem</a>' in tekst
    assert "<li>Minder eenzaamheid</li>" in tekst and "1 project, waarvan 0 gestart." in tekst
    seghwaert = client.get(reverse("wijken:dossier", args=["seghwaert"])).content.decode()
    assert "Seghwaert heeft nog geen actieplan." in seghwaert
    # Not a pilot wijk: no plan section at all.
    assert 'id="actieplan-kop"' not in client.get("/wijken/palenstein/").content.decode()


def test_bench_zet_de_demoplannen_klaar_zonder_demo_accounts(referentie):
    import io

    from actieplannen.bench import _plan, plannen_klaarzetten

    plannen_klaarzetten(io.StringIO())
    plannen_klaarzetten(io.StringIO())  # idempotent
    assert Actieplan.objects.filter(is_demo=True).count() == 4
    plan = Actieplan.objects.get(pk=_plan(1)[0])
    assert (plan.wijk.slug, plan.jaar, plan.status) == ("oosterheem", 2020, PlanStatus.VASTGESTELD)
    vorig = plan.voorganger
    assert vorig.status == PlanStatus.GEEVALUEERD and vorig.vastgesteld_op.year == 2019
    # What continued was weighed again and started; what stopped stayed behind.
    assert set(plan.projecten.values_list("status", flat=True)) == {"gestart"}
    assert plan.projecten.count() == 2 and vorig.projecten.count() == 3


ROLLEN = ["regisseur_a", "regisseur_b", "wethouder", "groene_loper", "beheerder"]
OPSTELLERS = {"regisseur_a", "beheerder"}  # the regisseur of Oosterheem today, and beheer


@pytest.mark.parametrize("rol", [*ROLLEN, "zonder_rol"])
def test_rechtenmatrix(client, personas, rol):
    from tests.factories import UserFactory

    plan, _ = acties.maak_plan(
        wijk=Wijk.objects.get(slug="oosterheem"), jaar=2019, titel="P", door=personas["regisseur_a"]
    )
    doel, project = compleet_maken(plan, personas["regisseur_a"])
    p, d, pr = plan.pk, doel.pk, project.pk
    urls = [
        # (name, args, method, who may)
        ("actieplannen:overzicht", [], "get", set(ROLLEN)),
        ("actieplannen:plan", [p], "get", set(ROLLEN)),
        ("actieplannen:project", [pr], "get", set(ROLLEN)),
        ("actieplannen:nieuw", [], "get", {"regisseur_a", "regisseur_b", "beheerder"}),
        ("actieplannen:bewerken", [p], "get", OPSTELLERS),
        ("actieplannen:doel_nieuw", [p], "get", OPSTELLERS),
        ("actieplannen:doel", [d], "get", OPSTELLERS),
        ("actieplannen:doelindicator", [d], "get", OPSTELLERS),
        ("actieplannen:project_nieuw", [p], "get", OPSTELLERS),
        ("actieplannen:project_bewerken", [pr], "get", OPSTELLERS),
        ("actieplannen:afweging", [pr], "get", OPSTELLERS),
        ("actieplannen:realisatie", [pr], "get", OPSTELLERS),
        ("actieplannen:project_evaluatie", [pr], "get", OPSTELLERS),
        ("actieplannen:evalueren", [p], "get", OPSTELLERS),
        ("actieplannen:project_status", [pr], "post", OPSTELLERS),
        ("actieplannen:vervolg", [p], "post", OPSTELLERS),
        ("actieplannen:vaststellen", [p], "post", {"wethouder"}),
    ]
    client.force_login(personas.get(rol) or UserFactory(username="t-zonder-rol"))
    for naam, args, methode, mogen in urls:
        response = getattr(client, methode)(reverse(naam, args=args))
        if rol in mogen:
            assert response.status_code in (200, 302, 400), (rol, naam, response.status_code)
        else:
            assert response.status_code == 403, (rol, naam, response.status_code)
    # Nothing the refused roles sent changed the plan.
    plan.refresh_from_db()
    assert plan.status == (PlanStatus.VASTGESTELD if rol == "wethouder" else PlanStatus.CONCEPT)
