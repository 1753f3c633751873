"""Changing a signal's data afterwards: signalen:wijzigen and acties.wijzig_gegevens."""

import datetime
import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from signalen import acties
from signalen.forms import SignaalGegevensForm
from signalen.models import GEGEVENS, Inzage, Opvolgnotitie, Signaal, Thema
from wijken.models import Focuspunt, Partner


def _formulier(signaal, **wijziging):
    """The edit form's fields as the page fills them, with `wijziging` applied."""
    data = {
        "thema": signaal.thema_id,
        "omschrijving": signaal.omschrijving,
        "bron": signaal.bron,
        "waargenomen_op": signaal.waargenomen_op.isoformat(),
        "gemeld_door": signaal.gemeld_door,
        "focuspunt": signaal.focuspunt_id or "",
        "regie_bij": signaal.regie_bij,
        "regie_afdeling": signaal.regie_afdeling,
        "regie_partner": signaal.regie_partner_id or "",
        "verwacht": acties.versie(signaal),
    }
    if signaal.bevat_persoonsgegevens:
        data["bevat_persoonsgegevens"] = "on"
    data.update(wijziging)
    return {k: v for k, v in data.items() if v is not None}


def _url(signaal):
    return reverse("signalen:wijzigen", args=[signaal.pk])


def test_gedeelde_velden_zijn_de_gegevens():
    assert list(SignaalGegevensForm.base_fields) == GEGEVENS


def test_wijzigen_slaat_op_en_schrijft_spoor(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    detail = client.get(s.get_absolute_url()).content.decode()
    assert f'href="{_url(s)}"' in detail and "Gegevens wijzigen" in detail
    formulier = client.get(_url(s))
    assert formulier.status_code == 200
    assert "Te weinig speelplekken" in formulier.content.decode()  # the current text
    focuspunt = Focuspunt.objects.filter(wijken__slug="oosterheem").first()
    partner = Partner.objects.first()
    response = client.post(
        _url(s),
        _formulier(
            s,
            focuspunt=focuspunt.pk,
            regie_bij="partner",
            regie_partner=partner.pk,
            gemeld_door="Buurtbewoner",
            bevat_persoonsgegevens="on",
        ),
    )
    assert response.status_code == 302 and response["Location"] == s.get_absolute_url()
    s.refresh_from_db()
    assert (s.focuspunt, s.regie_bij, s.regie_partner, s.gemeld_door) == (
        focuspunt,
        "partner",
        partner,
        "Buurtbewoner",
    )
    assert s.bevat_persoonsgegevens
    notitie = Opvolgnotitie.objects.get(signaal=s)
    # Labels, not values: a value may be personal data.
    assert notitie.tekst == (
        "Gegevens gewijzigd: bevat persoonsgegevens, gemeld door, focuspunt, regie bij, "
        "partner of bedrijf met de regie"
    )
    assert notitie.door == regisseur_a
    detail = client.get(s.get_absolute_url()).content.decode()
    assert (
        "Gegevens opgeslagen." in detail and "Gegevens gewijzigd: bevat persoonsgegevens" in detail
    )
    # Unticking works too.
    client.post(_url(s), _formulier(s, bevat_persoonsgegevens=None))
    s.refresh_from_db()
    assert not s.bevat_persoonsgegevens
    assert Opvolgnotitie.objects.filter(signaal=s).count() == 2


def test_niets_gewijzigd_schrijft_geen_spoor(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    response = client.post(_url(s), _formulier(s), follow=True)
    assert "Er was niets gewijzigd." in response.content.decode()
    assert not Opvolgnotitie.objects.exists()


def test_ander_thema_verschuift_de_streefdatum(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a, thema="jeugd")  # 14 days
    client.force_login(regisseur_a)
    veiligheid = Thema.objects.get(naam="veiligheid")  # 7 days
    assert client.post(_url(s), _formulier(s, thema=veiligheid.pk)).status_code == 302
    s.refresh_from_db()
    assert s.thema == veiligheid
    assert s.streefdatum == timezone.localdate(s.aangemaakt_op) + datetime.timedelta(days=7)


def test_inactief_thema_blijft_kiesbaar(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a, thema="jeugd")
    Thema.objects.filter(naam="jeugd").update(actief=False)
    client.force_login(regisseur_a)
    tekst = client.get(_url(s)).content.decode()
    assert re.search(rf'<option value="{s.thema_id}" selected>jeugd</option>', tekst)
    response = client.post(_url(s), _formulier(s, gemeld_door="Wijkagent"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "wijziging,veld,melding",
    [
        ({"waargenomen_op": "2098-01-01"}, "waargenomen_op", "in de toekomst"),
        ({"waargenomen_op": ""}, "waargenomen_op", "Vul in op welke dag"),
        ({"omschrijving": "x" * 2001}, "omschrijving", "maximaal 2000 tekens (nu 2001)"),
        ({"omschrijving": ""}, "omschrijving", "Beschrijf kort wat er speelt."),
        ({"gemeld_door": "P" * 151}, "gemeld_door", "maximaal 150 tekens (nu 151)"),
        ({"regie_bij": "gemeente", "regie_partner": "PARTNER"}, "regie_partner", "Kies ‘partner’"),
        ({"regie_bij": "bedrijf"}, "regie_partner", "Kies de partner of het bedrijf"),
        ({"focuspunt": "ANDER"}, "focuspunt", "Dit focuspunt hoort niet bij Oosterheem."),
        ({"focuspunt": "999999"}, "focuspunt", "Kies een focuspunt uit de lijst."),
        ({"thema": ""}, "thema", "Kies een thema."),
    ],
)
def test_foute_invoer(client, regisseur_a, maak_signaal, wijziging, veld, melding):
    s = maak_signaal(door=regisseur_a)
    if wijziging.get("regie_partner") == "PARTNER":
        wijziging["regie_partner"] = Partner.objects.first().pk
    if wijziging.get("focuspunt") == "ANDER":
        wijziging["focuspunt"] = Focuspunt.objects.exclude(wijken__slug="oosterheem").first().pk
    voor = Signaal.objects.values().get(pk=s.pk)
    client.force_login(regisseur_a)
    response = client.post(
        _url(s), _formulier(s, bron="handhaver", **{"gemeld_door": "Piet", **wijziging})
    )
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "niet goed ingevuld" in tekst  # the summary at the top
    assert f'href="#id_{veld}"' in tekst
    assert re.search(rf'id="id_{veld}_error">[^<]*{re.escape(melding)}', tekst)  # at the field
    if veld != "gemeld_door":
        assert 'value="Piet"' in tekst  # what was typed stays
    assert re.search(r'<option value="handhaver" selected>', tekst)
    assert Signaal.objects.values().get(pk=s.pk) == voor
    assert not Opvolgnotitie.objects.exists()


def test_verouderd_formulier_geeft_409_en_houdt_invoer(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    oud = _formulier(s)
    # Somebody else sets the regie meanwhile.
    acties.wijzig_gegevens(
        signaal=s,
        gegevens={**{n: getattr(s, n) for n in GEGEVENS}, "regie_bij": "inwoners"},
        verwacht=acties.versie(s),
        door=regisseur_a,
    )
    response = client.post(_url(s), {**oud, "omschrijving": "Mijn nieuwe tekst over speelplekken"})
    assert response.status_code == 409
    tekst = response.content.decode()
    assert "door iemand anders of in een ander venster (regie bij)" in tekst
    assert "Mijn nieuwe tekst over speelplekken" in tekst
    s.refresh_from_db()
    assert s.omschrijving == "Te weinig speelplekken bij de basisschool."
    assert s.regie_bij == "inwoners"
    assert Opvolgnotitie.objects.filter(signaal=s).count() == 1  # only the other change
    # The form now carries the current version: saving again is a choice, and goes through.
    assert f'name="verwacht" value="{acties.versie(s)}"' in tekst
    nieuw = {**oud, "omschrijving": "Mijn nieuwe tekst", "verwacht": acties.versie(s)}
    assert client.post(_url(s), nieuw).status_code == 302


def test_doorgezet_signaal_houdt_regie(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a, regie_bij="inwoners")
    acties.zet_status(signaal=s, naar="doorgezet", verwacht="nieuw", door=regisseur_a)
    s.refresh_from_db()
    client.force_login(regisseur_a)
    response = client.post(_url(s), _formulier(s, regie_bij=""))
    assert response.status_code == 400
    assert "Laat Regie bij daarom niet leeg." in response.content.decode()
    s.refresh_from_db()
    assert s.regie_bij == "inwoners"


def test_inzage_gelogd_bij_persoonsgegevens(client, regisseur_a, prive_signaal, maak_signaal):
    gewoon = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    tekst = client.get(_url(prive_signaal)).content.decode()
    assert "Mevrouw Jansen op nummer 12" in tekst and "buurvrouw Pietersen" in tekst
    client.get(_url(gewoon))
    rijen = Inzage.objects.filter(pagina="wijzigen")
    assert [(i.signaal_id, i.gebruiker_id) for i in rijen] == [(prive_signaal.pk, regisseur_a.pk)]
    # A refused save shows the text again: logged again.
    client.post(_url(prive_signaal), _formulier(prive_signaal, omschrijving=""))
    assert Inzage.objects.filter(pagina="wijzigen").count() == 2


def test_doorzetten_zonder_regie_geweigerd(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    # Not offered; the page says what is needed.
    pagina = client.get(s.get_absolute_url()).content.decode()
    assert 'value="doorgezet"' not in pagina and 'value="in_behandeling"' in pagina
    assert "Doorzetten kan zodra is ingevuld bij wie de regie ligt" in pagina
    url = reverse("signalen:overgang", args=[s.pk])
    response = client.post(url, {"naar": "doorgezet", "verwacht": "nieuw", "toelichting": "Zo"})
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Vul eerst in bij wie de regie ligt (Gegevens wijzigen)" in tekst
    assert "niet goed ingevuld" in tekst  # at the top of the transition form
    s.refresh_from_db()
    assert s.status == "nieuw" and s.historie.count() == 1
    Signaal.objects.filter(pk=s.pk).update(regie_bij="gemeente")
    pagina = client.get(s.get_absolute_url()).content.decode()
    assert 'value="doorgezet"' in pagina and "Doorzetten kan zodra" not in pagina
    response = client.post(url, {"naar": "doorgezet", "verwacht": "nieuw"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.status == "doorgezet"


def test_doorzetten_zonder_regie_in_de_actie(maak_signaal, regisseur_a):
    s = maak_signaal(door=regisseur_a)
    with pytest.raises(acties.OvergangFout, match="Vul eerst in bij wie de regie ligt"):
        acties.zet_status(signaal=s, naar="doorgezet", verwacht="nieuw", door=regisseur_a)


def test_geanonimiseerd_signaal_niet_te_wijzigen(client, regisseur_a, prive_signaal):
    """Personal data typed into an anonymised signal would never be removed."""
    s = prive_signaal
    formulier = _formulier(s, gemeld_door="Mevrouw Jansen")
    versie = acties.versie(s)
    Signaal.objects.filter(pk=s.pk).update(geanonimiseerd_op=timezone.now())
    # Anonymised between showing the form and saving it: refused under the row lock too.
    with pytest.raises(acties.Geanonimiseerd):
        acties.wijzig_gegevens(
            signaal=s, gegevens={"gemeld_door": "Mevrouw Jansen"}, verwacht=versie, door=regisseur_a
        )
    client.force_login(regisseur_a)
    assert "Gegevens wijzigen" not in client.get(s.get_absolute_url()).content.decode()
    response = client.get(_url(s), follow=True)
    assert "Leg dan een nieuw signaal vast" in response.content.decode()
    client.post(_url(s), formulier)
    s.refresh_from_db()
    assert s.gemeld_door != "Mevrouw Jansen"


def test_geanonimiseerd_signaal_krijgt_niets_meer_bij(
    client, regisseur_a, regisseur_b, prive_signaal
):
    """No status change or note after anonymisation: the text would stay for good and,
    without the personal-data mark, be read city-wide."""
    s = prive_signaal
    Signaal.objects.filter(pk=s.pk).update(status="afgesloten", afgesloten_op=timezone.now())
    s.refresh_from_db()
    versie_status = s.status
    acties.anonimiseer(voor=timezone.now() + datetime.timedelta(seconds=1))
    # Anonymised after the page was opened: the actions refuse it under the row lock.
    with pytest.raises(acties.Geanonimiseerd):
        acties.zet_status(
            signaal=s,
            naar="in_behandeling",
            verwacht=versie_status,
            door=regisseur_a,
            toelichting="Mevrouw Jansen belde opnieuw.",
        )
    with pytest.raises(acties.Geanonimiseerd):
        acties.voeg_notitie_toe(signaal=s, tekst="Mevrouw Jansen belde opnieuw.", door=regisseur_a)

    client.force_login(regisseur_a)
    pagina = client.get(s.get_absolute_url()).content.decode()
    assert "Geanonimiseerd na de bewaartermijn:" in pagina
    assert "Notitie toevoegen" not in pagina and "Status opslaan" not in pagina
    # A page opened before: the form is answered with the signal and the reason.
    for naam, data in [
        ("signalen:notitie", {"tekst": "Mevrouw Jansen belde opnieuw."}),
        (
            "signalen:overgang",
            {"naar": "in_behandeling", "verwacht": versie_status, "toelichting": "Mevrouw Jansen"},
        ),
    ]:
        response = client.post(reverse(naam, args=[s.pk]), data, follow=True)
        assert response.redirect_chain == [(s.get_absolute_url(), 302)]
        assert "Leg dan een nieuw signaal vast" in response.content.decode()
    s.refresh_from_db()
    assert s.status == "afgesloten" and s.omschrijving == acties.GEANONIMISEERD
    assert not Opvolgnotitie.objects.filter(signaal=s, tekst__contains="Jansen").exists()
    assert not s.historie.filter(toelichting__contains="Jansen").exists()
    # Another wijk's regisseur, who could never add to it, gets no notice about it.
    client.force_login(regisseur_b)
    assert (
        "Geanonimiseerd na de bewaartermijn:"
        not in client.get(s.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_notitie_wacht_op_anonimiseren(regisseur_a, prive_signaal):
    """A note sent while anonimiseer holds the signal's row lock waits for it, then is
    refused: read without the lock, it would be written after the notes were wiped."""
    s = prive_signaal
    Signaal.objects.filter(pk=s.pk).update(status="afgesloten", afgesloten_op=timezone.now())
    vergrendeld, fouten = threading.Event(), []

    def anonimiseer():  # as acties.anonimiseer: lock, then wipe and mark, then commit
        try:
            with transaction.atomic():
                Signaal.objects.select_for_update().get(pk=s.pk)
                vergrendeld.set()
                time.sleep(0.5)  # the note below now waits for this lock
                Signaal.objects.filter(pk=s.pk).update(
                    omschrijving=acties.GEANONIMISEERD, geanonimiseerd_op=timezone.now()
                )
        except Exception as fout:  # noqa: BLE001 - reported below
            fouten.append(fout)
        finally:
            connection.close()

    draad = threading.Thread(target=anonimiseer)
    draad.start()
    assert vergrendeld.wait(10)
    with pytest.raises(acties.Geanonimiseerd):
        acties.voeg_notitie_toe(signaal=s, tekst="Mevrouw Jansen belde opnieuw.", door=regisseur_a)
    draad.join()
    assert not fouten, fouten
    assert not Opvolgnotitie.objects.filter(signaal=s, tekst__contains="Jansen").exists()
