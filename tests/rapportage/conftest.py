"""A small hand-counted world for the kwartaalrapportage: Q2 2026 in Oosterheem, with the
quarter before (Q1 2026) and the same quarter a year earlier (Q2 2025) around it. The
expected figures in the tests are counted from the rows below, not from the code."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from budget import acties as budget_acties
from initiatieven.models import Agendapunt, Besluit, Initiatief, Status, Uitkomst, Vergadering
from rapportage.periode import Kwartaal
from signalen.models import Signaal, Thema
from signalen.models import Status as S
from wijken.models import Wijk

AMS = ZoneInfo("Europe/Amsterdam")
Q2 = Kwartaal(2026, 2)


def moment(dag: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(dag).replace(hour=12, tzinfo=AMS)


def signaal(wijk, thema, gemaakt, *, status=S.NIEUW, beantwoord=None, afgesloten=None, streef):
    return Signaal.objects.create(
        wijk=wijk,
        thema=Thema.objects.get(naam=thema),
        omschrijving="Meneer Geheimnaam op nummer 7 voelt zich onveilig.",
        gemeld_door="Mevrouw Geheimnaam",
        waargenomen_op=moment(gemaakt).date(),
        aangemaakt_op=moment(gemaakt),
        streefdatum=datetime.date.fromisoformat(streef),
        status=status,
        beantwoord_op=moment(beantwoord) if beantwoord else None,
        afgesloten_op=moment(afgesloten) if afgesloten else None,
    )


_nummer = iter(range(1, 10_000))


def initiatief(wijk, ontvangen, *, geinformeerd=None, dagen=None):
    n = next(_nummer)
    return Initiatief.objects.create(
        referentie=f"GL-R-{n:04d}",
        titel=f"Initiatief van Geheimnaam {n}",
        omschrijving="Een bankje.",
        wijk=wijk,
        gevraagd="advies",
        contact_naam="Geheimnaam",
        contact_email="geheim@example.org",
        status=Status.GEINFORMEERD if geinformeerd else Status.ONTVANGEN,
        ontvangen_op=moment(ontvangen),
        uiterste_datum=moment(ontvangen).date() + datetime.timedelta(days=28),
        geinformeerd_op=moment(geinformeerd) if geinformeerd else None,
        doorlooptijd_dagen=dagen,
    )


@pytest.fixture
def wereld(referentie, regisseur_a, wethouder):
    oost = Wijk.objects.get(slug="oosterheem")
    segh = Wijk.objects.get(slug="seghwaert")
    # Q2 2026: S1 answered after 4 days, S2 open and overdue, S3 answered after 10 days and
    # closed, S8 open and not yet due.
    signaal(
        oost,
        "jeugd",
        "2026-04-10",
        status=S.BEANTWOORD,
        beantwoord="2026-04-14",
        streef="2026-04-24",
    )
    signaal(oost, "jeugd", "2026-05-01", streef="2026-05-15")
    signaal(
        oost,
        "eenzaamheid",
        "2026-06-01",
        status=S.AFGESLOTEN,
        beantwoord="2026-06-11",
        afgesloten="2026-06-20",
        streef="2026-06-15",
    )
    signaal(oost, "jeugd", "2026-06-25", streef="2026-07-09")
    # Q1 2026: S4 answered after 2 days; S7 answered in Q2 after 16 days.
    signaal(
        oost,
        "jeugd",
        "2026-02-01",
        status=S.BEANTWOORD,
        beantwoord="2026-02-03",
        streef="2026-02-15",
    )
    signaal(
        oost,
        "jeugd",
        "2026-03-20",
        status=S.BEANTWOORD,
        beantwoord="2026-04-05",
        streef="2026-04-10",
    )
    # Q2 2025: S5 still open, overdue since 2025.
    signaal(oost, "jeugd", "2025-05-05", streef="2025-06-01")
    # Another wijk: only in the city's figures.
    signaal(segh, "jeugd", "2026-04-20", streef="2026-05-04")

    # Initiatives: I1 informed in Q2 within the norm (18 days), I2 received in Q1 and
    # informed in Q2 late (40 days), I3 received in Q2 and waiting, I4 a year earlier.
    i1 = initiatief(oost, "2026-04-02", geinformeerd="2026-04-20", dagen=18)
    initiatief(oost, "2026-03-01", geinformeerd="2026-05-10", dagen=40)
    initiatief(oost, "2026-06-15")
    initiatief(oost, "2025-04-10", geinformeerd="2025-05-01", dagen=21)
    vergadering = Vergadering.objects.create(datum=datetime.date(2026, 4, 16))
    punt = Agendapunt.objects.create(vergadering=vergadering, initiatief=i1)
    Besluit.objects.create(
        agendapunt=punt,
        uitkomst=Uitkomst.AKKOORD,
        motivering="Goed plan.",
        genomen_op=moment("2026-04-16"),
    )

    # Budget 2026: 100.000 for Oosterheem in April, 1.234,50 approved, 1.000 paid in May;
    # 200 paid in August (after the quarter).
    with time_machine.travel(moment("2026-04-15"), tick=False):
        jaar = budget_acties.open_budgetjaar(
            jaar=2026,
            integraal_budget=Decimal("300000"),
            door=None,
            verdeling={oost: Decimal("100000"), segh: Decimal("50000")},
        )
        voorstel = budget_acties.dien_in(
            budgetjaar=jaar,
            wijk=oost,
            omschrijving="Buurtfeest",
            bedrag=Decimal("1234.50"),
            ontvanger="Bewonersgroep",
            door=regisseur_a,
        )
        budget_acties.keur_goed(voorstel=voorstel, door=wethouder)
    with time_machine.travel(moment("2026-05-20"), tick=False):
        budget_acties.boek_realisatie(
            voorstel=voorstel, bedrag=Decimal("1000"), door=wethouder, omschrijving="Factuur 1"
        )
    with time_machine.travel(moment("2026-08-03"), tick=False):
        budget_acties.boek_realisatie(
            voorstel=voorstel, bedrag=Decimal("200"), door=wethouder, omschrijving="Factuur 2"
        )
    return {"oost": oost, "segh": segh}
