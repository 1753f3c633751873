import io

from django.core import serializers
from django.core.management import call_command

from wijken.models import CbsWijk, Focuspunt, Partner, Toewijzing, Wethouder, Wijk, Wijkregisseur

MODELLEN = [CbsWijk, Wijk, Wethouder, Wijkregisseur, Toewijzing, Partner, Focuspunt]


def _momentopname():
    return {
        m.__name__: serializers.serialize("json", m.objects.order_by("pk"), fields=None)
        for m in MODELLEN
    }


def test_tweemaal_laden_verandert_niets(db):
    call_command("laad_referentiedata", verbosity=0)
    eerst = _momentopname()
    call_command("laad_referentiedata", verbosity=0)
    assert _momentopname() == eerst


def test_inhoud_volgens_memo_en_cbs(referentie):
    assert Wijk.objects.count() == 11
    assert CbsWijk.objects.count() == 9
    assert Focuspunt.objects.count() == 13
    assert set(Wethouder.objects.values_list("naam", flat=True)) == {
        "Paalvast",
        "Van Driel",
        "Ter Laak",
    }
    assert Wijk.objects.get(slug="meerzicht").is_wijkverkenning
    centrum = CbsWijk.objects.get(code="WK063700")
    assert centrum.inwoners == 21690
    assert set(centrum.wijken.values_list("naam", flat=True)) == {
        "Dorp",
        "Driemanspolder",
        "Stadscentrum",
        "Palenstein",
    }
    for naam in ["Kwadraad", "Politie", "Palet Welzijn", "Fonds 1818", "Halte 2717"]:
        assert Partner.objects.filter(naam=naam).exists()
    jeugd = Focuspunt.objects.get(titel__startswith="Stimuleren van en bijdragen")
    assert set(jeugd.partners.values_list("naam", flat=True)) == {
        "Kwadraad",
        "Politie",
        "SGZoetermeer",
    }
    assert Focuspunt.objects.filter(wijken__slug="seghwaert").count() == 2


def test_demo_weigert_zonder_debug(referentie, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("laad_demo", verbosity=0)


def test_demo_accounts_idempotent_en_gemarkeerd(referentie, settings):
    from django.contrib.auth.models import User

    settings.DEBUG = True
    call_command("laad_demo", stdout=io.StringIO())
    call_command("laad_demo", stdout=io.StringIO())
    namen = set(User.objects.values_list("username", flat=True))
    assert {
        "beheerder",
        "regisseur-a",
        "regisseur-b",
        "regisseur-c",
        "regisseur-d",
        "paalvast",
        "vandriel",
        "terlaak",
        "groeneloper",
    } <= namen
    a = User.objects.get(username="regisseur-a")
    assert a.check_password("wijkwerk-demo")
    assert list(Wijk.objects.van_regisseur(a.wijkregisseur).values_list("naam", flat=True)) == [
        "Oosterheem"
    ]
    assert not Wijk.objects.filter(wethouder__isnull=False, wethouder_is_demo=False).exists()
