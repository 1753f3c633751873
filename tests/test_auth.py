"""The user, their roles and their wijken today come from one query (wijkwerk.auth)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijken.models import Toewijzing


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
