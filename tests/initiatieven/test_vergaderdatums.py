"""Dates that cannot lie: a meeting at most a year ahead, a decision only on or after its
meeting's day, a decision's deadline not in the past. Refused at the field, with what was
typed kept; the same rules hold in acties and on the model (Model.clean)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from initiatieven import acties
from initiatieven.models import Besluit, Status, Vergadering, een_jaar_later
from tests.initiatieven.conftest import klaar_initiatief

D = datetime.date
AMS = timezone.get_default_timezone()


@pytest.fixture
def volgende_week(disciplines, groene_loper):
    """A meeting next week with one item on its agenda."""
    vergadering = Vergadering.objects.create(
        datum=timezone.localdate() + datetime.timedelta(days=7)
    )
    initiatief = klaar_initiatief(groene_loper)
    return acties.agendeer(vergadering=vergadering, initiatief=initiatief, door=groene_loper)


def _besluit(punt, **extra):
    data = {
        f"besluit-{punt.pk}-uitkomst": "akkoord",
        f"besluit-{punt.pk}-motivering": "Past goed bij de wijk.",
        f"besluit-{punt.pk}-actiehouder": "Team Oost",
        f"besluit-{punt.pk}-deadline": "",
    }
    data.update({f"besluit-{punt.pk}-{k}": v for k, v in extra.items()})
    return data


# --- Meetings: at most a year ahead -------------------------------------------------------


def test_vergadering_in_2099_geweigerd_bij_het_veld(client, groene_loper, disciplines):
    client.force_login(groene_loper)
    response = client.post(reverse("initiatieven:vergaderingen"), {"datum": "2099-12-16"})
    assert response.status_code == 400
    uiterst = een_jaar_later(timezone.localdate())
    fouten = response.context["form"].errors
    assert list(fouten) == ["datum"]
    assert fouten["datum"] == [
        "Een vergadering plant u hoogstens een jaar vooruit, dus uiterlijk op "
        f"{date_format(uiterst, 'j F Y')}. Klopt het jaartal?"
    ]
    tekst = response.content.decode()
    assert 'value="2099-12-16"' in tekst  # what was typed stays
    assert "niet goed ingevuld" in tekst  # the error summary
    assert not Vergadering.objects.exists()


def test_vergadering_precies_een_jaar_vooruit_mag(client, groene_loper, disciplines):
    client.force_login(groene_loper)
    uiterst = een_jaar_later(timezone.localdate())
    response = client.post(reverse("initiatieven:vergaderingen"), {"datum": uiterst.isoformat()})
    assert response.status_code == 302
    response = client.post(
        reverse("initiatieven:vergaderingen"),
        {"datum": (uiterst + datetime.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert Vergadering.objects.get().datum == uiterst


def test_vergadering_ver_vooruit_ook_in_acties_en_op_het_model(disciplines, groene_loper):
    with pytest.raises(acties.InitiatiefFout, match="hoogstens een jaar vooruit"):
        acties.maak_vergadering(datum=D(2099, 12, 16), aanwezig=[], door=groene_loper)
    assert not Vergadering.objects.exists()
    with pytest.raises(ValidationError) as fout:
        Vergadering(datum=D(2099, 12, 16)).full_clean()
    assert list(fout.value.message_dict) == ["datum"]
    # A past meeting already stored stays valid; only a new one may not lie in the past.
    with time_machine.travel(datetime.datetime(2026, 1, 5, 12, tzinfo=AMS), tick=False):
        oud = Vergadering.objects.create(datum=D(2026, 1, 5))
    oud.full_clean()
    with pytest.raises(ValidationError, match="verleden"):
        Vergadering(datum=D(2026, 1, 5)).full_clean()


def test_een_jaar_later_van_29_februari():
    assert een_jaar_later(D(2028, 2, 29)) == D(2029, 2, 28)
    assert een_jaar_later(D(2026, 12, 2)) == D(2027, 12, 2)


# --- Decisions: on or after the meeting's day -----------------------------------------------


def test_besluit_voor_de_vergadering_geweigerd_bij_het_veld(client, groene_loper, volgende_week):
    client.force_login(groene_loper)
    punt = volgende_week
    url = reverse("initiatieven:besluit", args=[punt.pk])
    response = client.post(url, _besluit(punt))
    assert response.status_code == 400
    form = next(p.besluit_form for p in response.context["punten"] if p.pk == punt.pk)
    datum = punt.vergadering.datum
    assert list(form.errors) == ["uitkomst"]
    assert form.errors["uitkomst"][0].startswith("De vergadering is op ")
    assert str(datum.year) in form.errors["uitkomst"][0]
    tekst = response.content.decode()
    assert "Past goed bij de wijk." in tekst and 'value="Team Oost"' in tekst
    assert not Besluit.objects.exists()
    punt.initiatief.refresh_from_db()
    assert punt.initiatief.status == Status.GEAGENDEERD
    # Also with htmx: the partial carries the message (htmx swaps only 2xx answers).
    response = client.post(url, _besluit(punt), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "De vergadering is op " in response.content.decode()
    assert not Besluit.objects.exists()


def test_pagina_biedt_voor_de_vergadering_geen_besluitformulier(
    client, groene_loper, volgende_week
):
    client.force_login(groene_loper)
    punt = volgende_week
    tekst = client.get(punt.vergadering.get_absolute_url()).content.decode()
    assert reverse("initiatieven:besluit", args=[punt.pk]) not in tekst
    assert "Het besluit legt u vast op de dag van de vergadering" in tekst
    # Advice can be prepared beforehand.
    assert reverse("initiatieven:advies", args=[punt.pk]) in tekst


def test_besluit_voor_de_vergadering_ook_in_acties_geweigerd(groene_loper, volgende_week):
    with pytest.raises(acties.InitiatiefFout, match="De vergadering is op"):
        acties.leg_besluit_vast(
            agendapunt=volgende_week, uitkomst="akkoord", motivering="Ja", door=groene_loper
        )
    assert not Besluit.objects.exists()


def test_op_de_vergaderdag_mag_het_besluit(
    client, groene_loper, volgende_week, django_capture_on_commit_callbacks
):
    punt = volgende_week
    dag = datetime.datetime.combine(punt.vergadering.datum, datetime.time(9), tzinfo=AMS)
    with time_machine.travel(dag, tick=False), django_capture_on_commit_callbacks(execute=True):
        client.force_login(groene_loper)  # a session from a week ago has expired
        tekst = client.get(punt.vergadering.get_absolute_url()).content.decode()
        assert reverse("initiatieven:besluit", args=[punt.pk]) in tekst
        response = client.post(reverse("initiatieven:besluit", args=[punt.pk]), _besluit(punt))
    assert response.status_code == 302
    assert Besluit.objects.get().agendapunt == punt


# --- A decision's deadline: not in the past -------------------------------------------------


def test_deadline_in_het_verleden_geweigerd(client, groene_loper, agendapunt):
    client.force_login(groene_loper)
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("initiatieven:besluit", args=[agendapunt.pk]),
        _besluit(agendapunt, deadline=gisteren.isoformat()),
    )
    assert response.status_code == 400
    form = next(p.besluit_form for p in response.context["punten"] if p.pk == agendapunt.pk)
    assert form.errors == {
        "deadline": ["De deadline ligt in het verleden. Kies vandaag of een latere dag."]
    }
    assert f'value="{gisteren.isoformat()}"' in response.content.decode()
    assert not Besluit.objects.exists()
    with pytest.raises(acties.InitiatiefFout, match="deadline"):
        acties.leg_besluit_vast(
            agendapunt=agendapunt,
            uitkomst="akkoord",
            motivering="Ja",
            deadline=gisteren,
            door=groene_loper,
        )
    # Today is fine.
    response = client.post(
        reverse("initiatieven:besluit", args=[agendapunt.pk]),
        _besluit(agendapunt, deadline=timezone.localdate().isoformat()),
    )
    assert response.status_code == 302
    assert Besluit.objects.get().deadline == timezone.localdate()
