"""The user, their roles and their wijken today come from one query (wijkwerk.auth)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ToewijzingFactory, UserFactory, WijkregisseurFactory
from wijken.models import Toewijzing, Wijk
from wijkwerk import rollen as r
from wijkwerk.auth import RollenBackend


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_rollen_en_wijken_komen_met_de_gebruiker(client, regisseur_a):
    client.force_login(regisseur_a)
    response, sql = _get(client, reverse("signalen:nieuw"))
    assert response.status_code == 200
    # One query reads the user, the groups and the toewijzingen; no second round trip.
    groepen = [q for q in sql if "auth_user_groups" in q]
    toewijzingen = [q for q in sql if "wijken_toewijzing" in q]
    assert len(groepen) == 1 and groepen == toewijzingen, "\n".join(sql)
    assert '<option value="' in response.content.decode()


def test_rol_en_wijk_gelden_vanaf_het_volgende_verzoek(client, regisseur_a):
    client.force_login(regisseur_a)
    url = reverse("signalen:nieuw")
    assert "Oosterheem" in client.get(url).content.decode()
    # The toewijzing ended yesterday: today this regisseur logs nothing.
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    mijn = Toewijzing.objects.filter(regisseur__gebruiker=regisseur_a, geldig_tot__isnull=True)
    assert mijn.update(geldig_tot=gisteren) == 1
    assert client.get(url).status_code == 403
    Toewijzing.objects.filter(regisseur__gebruiker=regisseur_a).update(geldig_tot=None)
    assert client.get(url).status_code == 200
    # Without the role, not even the list (which every role reads).
    regisseur_a.groups.clear()
    assert client.get(url).status_code == 403
    assert client.get(reverse("signalen:lijst")).status_code == 403


def test_gebruiker_die_niet_meer_mag_of_bestaat_is_uitgelogd(client, regisseur_a):
    client.force_login(regisseur_a)
    regisseur_a.is_active = False
    regisseur_a.save()
    assert client.get(reverse("signalen:lijst")).status_code == 302
    client.force_login(regisseur_a)
    regisseur_a.delete()
    assert client.get(reverse("signalen:lijst")).status_code == 302


@pytest.mark.parametrize("dag,erbij", [(-1, False), (0, True), (5, True), (10, True), (11, False)])
def test_wijken_van_vandaag_als_van_gebruiker(referentie, dag, erbij):
    """wijkwerk.auth gives what Wijk.objects.van_gebruiker gives, at the edges of
    a toewijzing (first and last day count), and not another regisseur's wijken."""
    user = UserFactory(username="t-nieuw", rol=r.REGISSEUR)
    regisseur = WijkregisseurFactory(gebruiker=user)
    begin = datetime.date(2026, 3, 2)
    wijk = Wijk.objects.get(slug="rokkeveen")
    ToewijzingFactory(
        wijk=wijk, regisseur=regisseur, geldig_van=begin, geldig_tot=begin + datetime.timedelta(10)
    )
    ToewijzingFactory(wijk=Wijk.objects.get(slug="dorp"), geldig_van=begin)  # someone else's
    vandaag = datetime.datetime.combine(begin + datetime.timedelta(dag), datetime.time(0, 30))
    # Half past midnight in Zoetermeer is still the day before in UTC.
    with time_machine.travel(timezone.make_aware(vandaag), tick=False):
        ids = RollenBackend().get_user(user.pk).wijk_ids_vandaag
        assert ids == set(Wijk.objects.van_gebruiker(user).values_list("pk", flat=True))
    assert ids == ({wijk.pk} if erbij else set())


def test_wijken_van_de_wethouder_komen_met_de_gebruiker(client, wethouder):
    client.force_login(wethouder)
    response, sql = _get(client, reverse("budget:wachtrij"))
    assert response.status_code == 200
    # No query of its own for the wethouder's wijken (wijk joined to wethouder).
    assert not [q for q in sql if 'FROM "wijken_wijk" INNER JOIN "wijken_wethouder"' in q]
    user = RollenBackend().get_user(wethouder.pk)
    verwacht = Wijk.objects.filter(wethouder__gebruiker=wethouder).values_list("pk", flat=True)
    assert user.wethouder_wijk_ids == sorted(verwacht) and user.wethouder_wijk_ids
    # Another wethouder takes a wijk: from the next request on it is no longer in the queue's.
    wijk = Wijk.objects.get(pk=user.wethouder_wijk_ids[0])
    wijk.wethouder = None
    wijk.save()
    assert wijk.pk not in RollenBackend().get_user(wethouder.pk).wethouder_wijk_ids
