"""The chain, traceable: a proposal may name an actieplan project of its wijk; the plan page
shows per goal what the wijkbudget committed and paid for its projects."""

import uuid
from decimal import Decimal

from django.urls import reverse

from actieplannen import acties as plan_acties
from budget import acties
from budget.models import Bestedingsvoorstel
from tests.actieplannen.test_plannen import compleet_maken
from tests.budget.test_views import _form
from wijken.models import Wijk


def _plan(wijk, door, jaar=2019):
    plan, _ = plan_acties.maak_plan(wijk=wijk, jaar=jaar, titel="Plan", door=door)
    return plan, *compleet_maken(plan, door)


def test_voorstel_noemt_een_project_en_het_plan_toont_het_geld(
    client, budget, regisseur_a, wethouder
):
    plan, doel, project = _plan(Wijk.objects.get(slug="oosterheem"), regisseur_a)
    client.force_login(regisseur_a)
    formulier = client.get(reverse("budget:nieuw", args=[2019])).content.decode()
    assert (
        f'<option value="{project.pk}">Oosterheem 2019: Huiskamer in de wijk</option>' in formulier
    )
    client.post(
        reverse("budget:nieuw", args=[2019]),
        _form(project=project.pk, idempotentie_token=str(uuid.uuid4())),
    )
    voorstel = Bestedingsvoorstel.objects.get()
    assert voorstel.project == project
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("200"), door=regisseur_a, omschrijving="Factuur 1"
    )
    tekst = client.get(plan.get_absolute_url()).content.decode()
    assert "toegekend €\u00a01.234,50, besteed €\u00a0200,00" in tekst
    assert (
        f'data-testid="geld-doel-{doel.pk}">Voor dit doel uit het wijkbudget: €\u00a01.234,50 '
        "toegekend, €\u00a0200,00 besteed." in tekst
    )
    pagina = client.get(project.get_absolute_url()).content.decode()
    assert "€\u00a01.234,50 toegekend, €\u00a0200,00 besteed (1 bestedingsvoorstel)" in pagina
    voorstelpagina = client.get(voorstel.get_absolute_url()).content.decode()
    assert f'href="{project.get_absolute_url()}">Huiskamer in de wijk</a>' in voorstelpagina


def test_project_van_een_andere_wijk_wordt_geweigerd(client, budget, regisseur_a, regisseur_b):
    _, _, ander = _plan(Wijk.objects.get(slug="seghwaert"), regisseur_b)
    _plan(Wijk.objects.get(slug="oosterheem"), regisseur_a)
    client.force_login(regisseur_a)
    response = client.post(
        reverse("budget:nieuw", args=[2019]),
        _form(project=ander.pk, idempotentie_token=str(uuid.uuid4())),
    )
    assert response.status_code == 400
    assert "Kies een project uit het actieplan van deze wijk." in response.content.decode()
    assert not Bestedingsvoorstel.objects.exists()


def test_zonder_actieplan_geen_projectkeuze(client, budget, regisseur_a):
    client.force_login(regisseur_a)
    assert 'name="project"' not in client.get(reverse("budget:nieuw", args=[2019])).content.decode()
