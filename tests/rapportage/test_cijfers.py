from decimal import Decimal

import pytest

from rapportage.cijfers import bereken
from rapportage.periode import Kwartaal
from tests.rapportage.conftest import Q2

pytestmark = pytest.mark.django_db


def test_kwartalen():
    assert Q2.vorige() == Kwartaal(2026, 1)
    assert Kwartaal(2026, 1).vorige() == Kwartaal(2025, 4)
    assert Kwartaal(2025, 4).volgende() == Kwartaal(2026, 1)
    assert Q2.jaar_eerder() == Kwartaal(2025, 2)
    assert str(Q2.laatste_dag) == "2026-06-30"


def test_signalen_van_een_wijk(wereld):
    s = bereken(wereld["oost"], Q2)["secties"]["signalen"]
    assert s["nieuw"] == {"nu": 4, "vorig": 2, "jaar_eerder": 1}
    assert s["per_thema"] == [
        {"thema_naam": "jeugd", "nu": 3, "vorig": 2, "jaar_eerder": 1},
        {"thema_naam": "eenzaamheid", "nu": 1, "vorig": 0, "jaar_eerder": 0},
    ]
    assert (s["open_nu"], s["open_vorig"], s["open_jaar_eerder"]) == (3, 2, 1)
    assert (s["te_laat_nu"], s["te_laat_vorig"], s["te_laat_jaar_eerder"]) == (2, 1, 1)
    assert (s["mediaan_nu"], s["beantwoord_nu"], s["mediaan_vorig"]) == (10.0, 3, 2.0)
    per_status = {r["status"]: r["aantal"] for r in s["per_status"]}
    assert per_status["nieuw"] == 2 and per_status["beantwoord"] == 1
    assert per_status["afgesloten"] == 1


def test_initiatieven_van_een_wijk(wereld):
    i = bereken(wereld["oost"], Q2)["secties"]["initiatieven"]
    assert (i["ontvangen_nu"], i["ontvangen_vorig"], i["ontvangen_jaar_eerder"]) == (2, 1, 1)
    assert (i["beantwoord"], i["binnen_norm"], i["aandeel_binnen_norm"]) == (2, 1, 50)
    assert i["mediaan"] == 29.0
    assert i["besloten"] == 1
    assert {r["uitkomst"]: r["aantal"] for r in i["besluiten"]}["akkoord"] == 1


def test_budget_aan_het_eind_van_het_kwartaal(wereld):
    b = bereken(wereld["oost"], Q2)["secties"]["budget"]
    assert b["begroot"] == Decimal("100000")
    assert b["toegekend"] == Decimal("1234.50")
    assert b["besteed"] == Decimal("1000")  # the 200 of August comes after the quarter
    assert b["beschikbaar"] == Decimal("98765.50")
    assert b["besteed_kwartaal"] == Decimal("1000")


def test_leeg_kwartaal_en_wijk_zonder_plan(wereld):
    c = bereken(wereld["oost"], Kwartaal(2024, 3))
    s, i = c["secties"]["signalen"], c["secties"]["initiatieven"]
    assert s["nieuw"] == {"nu": 0, "vorig": 0, "jaar_eerder": 0} and s["per_thema"] == []
    assert s["mediaan_nu"] is None and i["mediaan"] is None and i["aandeel_binnen_norm"] is None
    assert c["secties"]["budget"] == {"jaar": 2024, "heeft_budget": False}
    assert c["secties"]["actieplannen"] == {"plannen": []}


def test_stad_telt_alle_wijken(wereld):
    c = bereken(None, Q2)
    assert c["secties"]["signalen"]["nieuw"]["nu"] == 5
    assert c["secties"]["budget"]["begroot"] == Decimal("150000")
    rijen = {r["slug"]: r for r in c["stad"]}
    assert rijen["oosterheem"]["signalen_nieuw"] == 4
    assert rijen["seghwaert"]["signalen_nieuw"] == 1
    assert rijen["oosterheem"]["initiatieven_binnen_norm"] == 50
    assert rijen["oosterheem"]["budget_besteed"] == Decimal("1000")
    assert rijen["meerzicht"]["signalen_nieuw"] == 0  # no rows at all: zero, not missing
    gebieden = {g["cbs_code"]: g for g in c["gebieden"]}
    oost = gebieden[wereld["oost"].cbs_wijk_id]
    assert oost["signalen_nieuw"] == 4
    assert oost["signalen_per_1000"] == round(4000 / oost["inwoners"], 1)
    # Several wijken in one CBS wijk: their counts add up there.
    segh = gebieden[wereld["segh"].cbs_wijk_id]
    in_segh = [r for r in c["stad"] if r["cbs_code"] == segh["cbs_code"]]
    assert segh["signalen_nieuw"] == sum(r["signalen_nieuw"] for r in in_segh) == 1


def test_een_rapport_telt_met_een_vast_aantal_queries(wereld, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        bereken(wereld["oost"], Q2)
    with django_assert_max_num_queries(17):
        bereken(None, Q2)


def test_actieplan_aan_het_eind_van_het_kwartaal(wereld):
    import datetime

    from actieplannen.models import (
        Actieplan,
        Afweging,
        Doel,
        Doelindicator,
        Effect,
        Indicator,
        Meting,
        Project,
        ProjectStatus,
        Richting,
    )

    oost = wereld["oost"]
    plan = Actieplan.objects.create(wijk=oost, jaar=2026, titel="Samen sterker")
    doel = Doel.objects.create(plan=plan, titel="Minder eenzaamheid")
    indicator = Indicator.objects.filter(berekend=False, richting=Richting.LAGER).first()
    Doelindicator.objects.create(
        doel=doel, indicator=indicator, nulmeting=12, nulmeting_jaar=2025, streefwaarde=10
    )
    Meting.objects.create(indicator=indicator, wijk=oost, jaar=2025, waarde="11.5", bron="t")
    Meting.objects.create(
        indicator=indicator, wijk=oost, jaar=2026, kwartaal=1, waarde="9.8", bron="t"
    )
    # Measured after the quarter: not known when Q2 ended.
    Meting.objects.create(
        indicator=indicator, wijk=oost, jaar=2026, kwartaal=3, waarde="13", bron="t"
    )
    effect = Effect.objects.first()
    dag = datetime.date(2026, 4, 1)
    for titel, status, verwacht, gerealiseerd in [
        ("Koffieochtend", ProjectStatus.GESTART, 2, None),
        ("Buurtmaaltijd", ProjectStatus.AFGEROND, 3, 1),
    ]:
        project = Project.objects.create(
            plan=plan,
            doel=doel,
            titel=titel,
            start=dag,
            eind=dag,
            status=status,
            trekker_afdeling="Wijkzaken",
        )
        Afweging.objects.create(
            project=project,
            effect=effect,
            verwacht=verwacht,
            motivering="m",
            gerealiseerd=gerealiseerd,
        )
    (p,) = bereken(oost, Q2)["secties"]["actieplannen"]["plannen"]
    (i,) = p["doelen"][0]["indicatoren"]
    assert (i["waarde"], i["periode"], i["bereikt"]) == (Decimal("9.8"), "2026 K1", True)
    assert i["nulmeting"] == 12 and i["streefwaarde"] == 10
    assert {s["status"]: s["aantal"] for s in p["projecten_per_status"]} == {
        "gepland": 0,
        "gestart": 1,
        "afgerond": 1,
        "gestopt": 0,
    }
    assert p["doelen"][0]["projecten"] == [
        {"titel": "Buurtmaaltijd", "status": "afgerond"},
        {"titel": "Koffieochtend", "status": "gestart"},
    ]
    assert p["afweging"] == [
        {"effect": effect.naam, "projecten": 2, "verwacht": 2.5, "gemeten": 1, "gerealiseerd": 1.0}
    ]
    # Seghwaert has no plan this year.
    assert bereken(wereld["segh"], Q2)["secties"]["actieplannen"] == {"plannen": []}
