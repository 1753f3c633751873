"""Every screen of /beheer/ opens for the beheerder: changelist, add and change page of every
registered model (a widget template the form renderer cannot find answers 500)."""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse


@pytest.fixture
def demo(referentie, settings):
    settings.DEBUG = True  # laad_demo refuses to run without it
    call_command("laad_budget", stdout=io.StringIO())
    call_command("laad_demo", stdout=io.StringIO())


def _geregistreerd():
    return [m for m in apps.get_models() if admin.site.is_registered(m)]


def test_er_zijn_beheerschermen():
    namen = {m._meta.label for m in _geregistreerd()}
    assert {"wijken.Wijk", "wijken.Wijkregisseur", "signalen.Thema", "auth.User"} <= namen


@pytest.mark.parametrize("model", _geregistreerd(), ids=lambda m: m._meta.label)
def test_beheerder_opent_lijst_toevoegen_en_wijzigen(client, beheerder, demo, model):
    client.force_login(beheerder)
    model_admin = admin.site.get_model_admin(model)
    request = RequestFactory().get("/")
    request.user = beheerder
    info = (model._meta.app_label, model._meta.model_name)

    def verwacht(mag):
        return 200 if mag else 403

    lijst = client.get(reverse("admin:{}_{}_changelist".format(*info)))
    assert lijst.status_code == verwacht(model_admin.has_view_or_change_permission(request))
    toevoegen = client.get(reverse("admin:{}_{}_add".format(*info)))
    assert toevoegen.status_code == verwacht(model_admin.has_add_permission(request))
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"geen {model._meta.verbose_name} in de demodata")
    wijzigen = client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert wijzigen.status_code == verwacht(model_admin.has_view_or_change_permission(request, obj))
