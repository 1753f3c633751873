"""A refusal that has a reason says it (the project's Dutch 403 page)."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wijken.models import Wethouder, Wijk
from wijkwerk import rollen as r


def test_wethouder_van_een_andere_wijk_hoort_waarom(client, voorstel, regisseur_a):
    # Regisseur of Oosterheem (so the proposal is visible) and wethouder of Seghwaert only.
    regisseur_a.groups.add(Group.objects.get(name=r.WETHOUDER))
    van_driel = Wethouder.objects.get(naam="Van Driel")
    van_driel.gebruiker = regisseur_a
    van_driel.save()
    Wijk.objects.filter(slug="seghwaert").update(wethouder=van_driel)
    client.force_login(regisseur_a)
    response = client.get(reverse("budget:goedkeuren", args=[voorstel.pk]))
    assert response.status_code == 403
    assert "U bent niet de wijkwethouder van Oosterheem." in response.content.decode()


def test_voorstel_van_een_andere_wijk_bestaat_niet_voor_u(client, voorstel, regisseur_b):
    client.force_login(regisseur_b)
    response = client.post(reverse("budget:realisatie", args=[voorstel.pk]), {})
    assert response.status_code == 404  # another wijk's proposal: not even its existence
