import io

from django.core.management import call_command

from initiatieven.models import Agendapunt, Initiatief, InitiatiefHistorie, Vergadering
from tests.initiatieven.conftest import nieuw_initiatief


def test_genereer_initiatieven_in_bulk_en_idempotent(referentie):
    call_command("genereer_initiatieven", "--tot", "300", stdout=io.StringIO())
    call_command("genereer_initiatieven", "--tot", "300", stdout=io.StringIO())
    assert Initiatief.objects.filter(is_demo=True).count() == 300
    assert InitiatiefHistorie.objects.count() >= 300
    assert Vergadering.objects.filter(pk=1).exists()
    assert Agendapunt.objects.filter(vergadering_id=1).count() <= 20
    # The reference counter continues after the generated numbers.
    hoogste = max(
        int(r.rsplit("-", 1)[1]) for r in Initiatief.objects.values_list("referentie", flat=True)
    )
    assert int(nieuw_initiatief().referentie.rsplit("-", 1)[1]) == hoogste + 1
    # Generated figures obey the clock's definition (generated pauses have no Pauze rows).
    for i in Initiatief.objects.filter(doorlooptijd_dagen__isnull=False)[:50]:
        assert i.doorlooptijd_dagen + i.gepauzeerde_dagen == i.klok().dagen_gebruikt


def test_laad_demo_maakt_demo_initiatieven(referentie, settings, mailoutbox):
    settings.DEBUG = True
    call_command("laad_demo", stdout=io.StringIO())
    call_command("laad_demo", stdout=io.StringIO())
    demo = Initiatief.objects.filter(is_demo=True)
    assert demo.count() == 6
    assert set(demo.values_list("status", flat=True)) >= {
        "ontvangen",
        "incompleet",
        "compleet",
        "besloten",
    }


def test_anonimiseren_na_de_bewaartermijn(client, referentie, groene_loper, settings):
    import datetime

    from django.utils import timezone

    settings.INITIATIEF_BEWAARTERMIJN_DAGEN = 730
    oud, recent, open_ = nieuw_initiatief(), nieuw_initiatief(), nieuw_initiatief()
    nu = timezone.now()
    Initiatief.objects.filter(pk=oud.pk).update(
        status="geinformeerd", geinformeerd_op=nu - datetime.timedelta(days=731)
    )
    Initiatief.objects.filter(pk=recent.pk).update(
        status="geinformeerd", geinformeerd_op=nu - datetime.timedelta(days=729)
    )
    uit = io.StringIO()
    call_command("anonimiseer_initiatieven", stdout=uit)
    call_command("anonimiseer_initiatieven", stdout=uit)
    assert "1 initiatieven geanonimiseerd." in uit.getvalue()
    assert "0 initiatieven geanonimiseerd." in uit.getvalue()
    oud.refresh_from_db()
    assert (oud.contact_naam, oud.contact_email, oud.contact_telefoon) == ("", "", "")
    assert oud.titel and oud.referentie
    assert (
        Initiatief.objects.filter(
            pk__in=[recent.pk, open_.pk], contact_email="ilse@example.org"
        ).count()
        == 2
    )
    client.force_login(groene_loper)
    tekst = client.get(f"/initiatieven/{oud.referentie}/").content.decode()
    assert "verwijderd na de bewaartermijn" in tekst
