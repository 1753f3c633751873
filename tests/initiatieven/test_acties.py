"""Transitions, the meeting's actions and mail only after commit."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import (
    TRANSITIES,
    Agendapunt,
    Besluit,
    Initiatief,
    InitiatiefHistorie,
    Pauze,
    Status,
    Vergadering,
)
from tests.initiatieven.conftest import klaar_initiatief, nieuw_initiatief
from wijken.models import Wijk

PAREN = [(van, naar) for van in Status for naar in Status]


@pytest.mark.parametrize("van,naar", PAREN, ids=[f"{v.value}-{n.value}" for v, n in PAREN])
def test_overgangen(van, naar, referentie, groene_loper):
    initiatief = nieuw_initiatief()
    Initiatief.objects.filter(pk=initiatief.pk).update(status=van)
    initiatief.refresh_from_db()
    if naar in TRANSITIES[van]:
        acties.WORKFLOW.zet(initiatief, naar, door=groene_loper, toelichting="test")
        assert Initiatief.objects.get(pk=initiatief.pk).status == naar
        regel = InitiatiefHistorie.objects.filter(initiatief=initiatief).last()
        assert (regel.van, regel.naar, regel.door) == (van, naar, groene_loper)
    else:
        with pytest.raises(acties.InitiatiefFout, match="Dit kan niet"):
            acties.WORKFLOW.zet(initiatief, naar, door=groene_loper)
        assert Initiatief.objects.get(pk=initiatief.pk).status == van


def test_compleet_vraagt_eerst_een_wijk(referentie, groene_loper):
    initiatief = nieuw_initiatief(wijk=None, adres_vrij="Ergens 1")
    with pytest.raises(acties.InitiatiefFout, match="Kies eerst de wijk"):
        acties.markeer_compleet(initiatief=initiatief, door=groene_loper)


def test_triage_kiest_de_regisseur_van_vandaag(referentie, regisseur_a, regisseur_b, groene_loper):
    initiatief = nieuw_initiatief(wijk=None, adres_vrij="Ergens 1")
    acties.triage(initiatief=initiatief, wijk=Wijk.objects.get(slug="seghwaert"), door=groene_loper)
    initiatief.refresh_from_db()
    assert initiatief.contactpersoon == regisseur_b
    acties.triage(
        initiatief=initiatief,
        wijk=Wijk.objects.get(slug="oosterheem"),
        contactpersoon=groene_loper,
        door=groene_loper,
    )
    initiatief.refresh_from_db()
    assert (initiatief.wijk.slug, initiatief.contactpersoon) == ("oosterheem", groene_loper)
    assert initiatief.historie.count() == 3


def test_vraag_mailt_en_pauzeert(
    referentie, groene_loper, mailoutbox, django_capture_on_commit_callbacks
):
    initiatief = nieuw_initiatief()
    with django_capture_on_commit_callbacks(execute=True):
        acties.markeer_incompleet(initiatief=initiatief, vraag="Hoeveel mensen?", door=groene_loper)
    assert "Hoeveel mensen?" in mailoutbox[-1].body
    assert Pauze.objects.get(initiatief=initiatief).eind is None
    # A second question while waiting is refused (the status does not allow it).
    with pytest.raises(acties.InitiatiefFout):
        acties.markeer_incompleet(initiatief=initiatief, vraag="Nog iets", door=groene_loper)
    acties.registreer_antwoord(initiatief=initiatief, antwoord="Twintig", door=groene_loper)
    assert Pauze.objects.get(initiatief=initiatief).eind is not None
    assert Initiatief.objects.get(pk=initiatief.pk).status == Status.ONTVANGEN


def test_besluit_mailt_pas_na_commit(
    agendapunt, groene_loper, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        acties.leg_besluit_vast(
            agendapunt=agendapunt,
            uitkomst="akkoord_onder_voorwaarden",
            motivering="Mits de buren <b>instemmen</b>.",
            actiehouder="Wijkregisseur A",
            deadline=datetime.date(2027, 3, 1),
            door=groene_loper,
        )
        # Decided, but not yet sent: nothing leaves before the commit.
        assert len(mailoutbox) == 0
        assert Initiatief.objects.get(pk=agendapunt.initiatief_id).status == Status.BESLOTEN
    mailoutbox.clear()
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert (
        "akkoord onder voorwaarden" in body and "Mits de buren" in body and "1 maart 2027" in body
    )
    initiatief = Initiatief.objects.get(pk=agendapunt.initiatief_id)
    assert initiatief.status == Status.GEINFORMEERD and initiatief.geinformeerd_op


def test_teruggedraaid_besluit_mailt_niets(
    agendapunt, groene_loper, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        acties.leg_besluit_vast(
            agendapunt=agendapunt, uitkomst="afgewezen", motivering="Nee.", door=groene_loper
        )
        raise RuntimeError("iets anders mislukt")
    assert callbacks == [] and mailoutbox == []
    assert not Besluit.objects.exists()
    assert Initiatief.objects.get(pk=agendapunt.initiatief_id).status == Status.GEAGENDEERD


def test_besluit_zonder_motivering_of_twee_keer(agendapunt, groene_loper):
    with pytest.raises(acties.InitiatiefFout, match="motivering"):
        acties.leg_besluit_vast(
            agendapunt=agendapunt, uitkomst="akkoord", motivering="  ", door=groene_loper
        )
    acties.leg_besluit_vast(
        agendapunt=agendapunt, uitkomst="afgewezen", motivering="Nee", door=groene_loper
    )
    with pytest.raises(acties.InitiatiefFout, match="al besloten"):
        acties.leg_besluit_vast(
            agendapunt=agendapunt, uitkomst="akkoord", motivering="Ja", door=groene_loper
        )
    assert Besluit.objects.count() == 1


def test_aangehouden_gaat_naar_de_volgende_vergadering(agendapunt, groene_loper, mailoutbox):
    volgende = Vergadering.objects.create(
        datum=agendapunt.vergadering.datum + datetime.timedelta(days=14)
    )
    acties.leg_besluit_vast(
        agendapunt=agendapunt, uitkomst="aangehouden", motivering="Eerst advies", door=groene_loper
    )
    nieuw = Agendapunt.objects.get(vergadering=volgende)
    assert nieuw.initiatief_id == agendapunt.initiatief_id
    assert nieuw.initiatief.status == Status.GEAGENDEERD
    assert mailoutbox == [] or all("Besluit" not in m.subject for m in mailoutbox)


def test_aangehouden_zonder_volgende_vergadering_terug_naar_de_stapel(agendapunt, groene_loper):
    acties.leg_besluit_vast(
        agendapunt=agendapunt, uitkomst="aangehouden", motivering="Later", door=groene_loper
    )
    assert Initiatief.objects.get(pk=agendapunt.initiatief_id).status == Status.COMPLEET


def test_agenda_twee_keer_toevoegen_geweigerd(agendapunt, groene_loper):
    with pytest.raises(acties.InitiatiefFout, match="staat al op deze agenda"):
        acties.agendeer(
            vergadering=agendapunt.vergadering, initiatief=agendapunt.initiatief, door=groene_loper
        )
    assert Agendapunt.objects.count() == 1


def test_verwijderen_en_ordenen(vergadering, groene_loper):
    punten = [
        acties.agendeer(
            vergadering=vergadering, initiatief=klaar_initiatief(groene_loper), door=groene_loper
        )
        for _ in range(3)
    ]
    acties.orden(agendapunt=punten[2], richting="op", door=groene_loper)
    volgorde = list(vergadering.agendapunten.values_list("pk", flat=True))
    assert volgorde == [punten[0].pk, punten[2].pk, punten[1].pk]
    acties.orden(agendapunt=punten[0], richting="op", door=groene_loper)  # already first
    acties.verwijder(agendapunt=punten[2], door=groene_loper)
    assert list(vergadering.agendapunten.values_list("pk", flat=True)) == [
        punten[0].pk,
        punten[1].pk,
    ]
    assert Initiatief.objects.get(pk=punten[2].initiatief_id).status == Status.COMPLEET
    acties.leg_besluit_vast(
        agendapunt=punten[0], uitkomst="afgewezen", motivering="Nee", door=groene_loper
    )
    with pytest.raises(acties.InitiatiefFout, match="al besloten"):
        acties.verwijder(agendapunt=punten[0], door=groene_loper)


def test_vergadering_in_het_verleden_geweigerd(disciplines, groene_loper):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(acties.InitiatiefFout, match="verleden"):
        acties.maak_vergadering(datum=gisteren, aanwezig=[], door=groene_loper)
    assert not Vergadering.objects.exists()
