"""The public intake: no account, abuse-resistant, a confirmation with reference and link."""

import datetime
import re
import uuid
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import Initiatief, InitiatiefHistorie
from tests.initiatieven.conftest import nieuw_initiatief
from wijken.models import Wijk

URL = "/initiatief/"
SCRIPT = '<script>alert("x")</script><b>vet</b>'


def formulier(**extra):
    data = {
        "idempotentie_token": "0b7e3d6a-4f1e-4c57-9a55-2b1c8d9e0f12",
        "titel": "Buurtbarbecue",
        "omschrijving": "Een barbecue voor de hele straat.",
        "wijk": str(Wijk.objects.get(slug="seghwaert").pk),
        "adres_vrij": "",
        "gevraagd": "geld",
        "bedrag": "250.50",
        "contact_naam": "Ilse",
        "contact_email": "ilse@example.org",
        "contact_telefoon": "",
        "website": "",
    }
    data.update(extra)
    return data


def test_formulier_zonder_inloggen(client, referentie):
    response = client.get(URL)
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Privacy" in tekst and 'name="idempotentie_token"' in tekst and 'name="website"' in tekst


def test_indienen_bevestiging_en_mail(
    client, referentie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, formulier())
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatieven:bevestiging")
    initiatief = Initiatief.objects.get()
    assert re.fullmatch(rf"GL-{timezone.localdate().year}-\d{{4}}", initiatief.referentie)
    assert initiatief.bedrag == pytest.approx(250.50)
    assert initiatief.wijk.slug == "seghwaert"
    assert initiatief.status == "ontvangen"
    assert InitiatiefHistorie.objects.filter(initiatief=initiatief, naar="ontvangen").count() == 1
    pagina = client.get(response["Location"]).content.decode()
    status_pad = reverse("initiatieven:status", args=[initiatief.status_token])
    assert initiatief.referentie in pagina and status_pad in pagina
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ilse@example.org"]
    assert initiatief.referentie in mail.body and status_pad in mail.body


def test_dubbele_klik_maakt_een_record(
    client, referentie, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        eerste = client.post(URL, formulier())
        tweede = client.post(URL, formulier())
    assert eerste.status_code == tweede.status_code == 302
    assert Initiatief.objects.count() == 1
    assert len(mailoutbox) == 1
    assert Initiatief.objects.get().referentie in client.get(tweede["Location"]).content.decode()


def test_zelfde_token_in_de_actie_geeft_het_eerste_record(referentie):
    data = {
        "titel": "x",
        "omschrijving": "y",
        "adres_vrij": "Dorpsstraat 1",
        "gevraagd": "advies",
        "contact_naam": "n",
        "contact_email": "n@example.org",
    }
    zelfde = uuid.uuid4()
    a, nieuw_a = acties.dien_in(gegevens=data, idempotentie_token=zelfde)
    b, nieuw_b = acties.dien_in(gegevens=data, idempotentie_token=zelfde)
    assert (nieuw_a, nieuw_b) == (True, False) and a.pk == b.pk


def test_honingpot(client, referentie, mailoutbox):
    response = client.post(URL, formulier(website="http://spam.example"))
    assert response.status_code == 400
    assert not Initiatief.objects.exists() and not mailoutbox


def test_limiet_per_adres_geeft_429(client, referentie, settings):
    settings.INITIATIEF_LIMIET_PER_UUR = 2
    for _ in range(2):
        assert client.post(URL, formulier(idempotentie_token=uuid.uuid4())).status_code == 302
    response = client.post(URL, formulier(idempotentie_token=uuid.uuid4()))
    assert response.status_code == 429
    assert "Probeert u het over een uur opnieuw" in response.content.decode()
    assert Initiatief.objects.count() == 2
    # Another client address is not affected.
    anders = client.post(URL, formulier(idempotentie_token=uuid.uuid4()), REMOTE_ADDR="10.1.2.3")
    assert anders.status_code == 302
    # An hour later the first address may submit again.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        assert client.post(URL, formulier(idempotentie_token=uuid.uuid4())).status_code == 302


@pytest.mark.parametrize(
    "veld,waarde,melding",
    [
        ("titel", "x" * 201, "200 tekens"),
        ("omschrijving", "x" * 5001, "5000 tekens"),
        ("contact_email", "geen-adres", "geldig e-mailadres"),
        ("titel", "", "Geef uw initiatief een naam"),
        ("bedrag", "", "Vul het bedrag in"),
        ("bedrag", "-5", "Een bedrag kan niet negatief zijn"),
        ("contact_telefoon", "1" * 31, "30 tekens"),
    ],
)
def test_foute_invoer_blijft_staan(client, referentie, veld, waarde, melding):
    response = client.post(URL, formulier(**{veld: waarde}))
    assert response.status_code == 400
    tekst = response.content.decode()
    assert melding in tekst
    assert "Buurtbarbecue" in tekst or veld == "titel"
    assert "Er " in tekst and "niet goed ingevuld" in tekst
    assert not Initiatief.objects.exists()


@pytest.mark.parametrize(
    "getypt,bewaard",
    [("1.234,50", "1234.50"), ("1234,50", "1234.50"), ("€ 75", "75.00"), ("99.50", "99.50")],
)
def test_bedrag_zoals_mensen_het_typen(client, referentie, getypt, bewaard):
    assert client.post(URL, formulier(bedrag=getypt)).status_code == 302
    assert Initiatief.objects.get().bedrag == Decimal(bewaard)


def test_bedragveld_is_tekst_met_decimaal_toetsenbord(client, referentie):
    # type="number" turned "1234,50" into 123450 in Chromium.
    tekst = client.get(URL).content.decode()
    veld = re.search(r'<input[^>]*name="bedrag"[^>]*>', tekst).group(0)
    assert 'type="text"' in veld and 'inputmode="decimal"' in veld


@pytest.mark.parametrize(
    "getypt,melding",
    [
        ("-5", "Een bedrag kan niet negatief zijn."),
        ("-1.234,50", "Een bedrag kan niet negatief zijn."),
        ("vijftig", "Vul een bedrag in cijfers in, bijvoorbeeld 1.234,50."),
        ("", "Vul het bedrag in dat u vraagt."),
    ],
)
def test_fout_bedrag_geeft_een_melding(client, referentie, getypt, melding):
    response = client.post(URL, formulier(bedrag=getypt))
    assert response.status_code == 400
    assert response.context["form"].errors["bedrag"] == [melding]
    tekst = response.content.decode()
    assert f'value="{getypt}"' in tekst or not getypt
    assert not Initiatief.objects.exists()


def test_wijk_of_adres_verplicht(client, referentie):
    response = client.post(URL, formulier(wijk="", adres_vrij=""))
    assert response.status_code == 400
    assert "Kies een wijk of vul een adres" in response.content.decode()
    assert client.post(URL, formulier(wijk="", adres_vrij="Dorpsstraat 1")).status_code == 302
    assert Initiatief.objects.get().wijk is None


def test_geen_bedrag_als_er_geen_geld_gevraagd_wordt(client, referentie):
    client.post(URL, formulier(gevraagd="advies", bedrag="100"))
    assert Initiatief.objects.get().bedrag is None


def test_html_en_script_overal_ontsnapt(client, referentie, groene_loper):
    velden = ["titel", "omschrijving", "adres_vrij", "contact_naam", "contact_telefoon"]
    response = client.post(URL, formulier(**{v: SCRIPT[:30] for v in velden}))
    assert response.status_code == 302
    initiatief = Initiatief.objects.get()
    paginas = [
        client.get(response["Location"]),
        client.get(reverse("initiatieven:status", args=[initiatief.status_token])),
    ]
    client.force_login(groene_loper)
    paginas += [
        client.get(reverse("initiatieven:lijst")),
        client.get(reverse("initiatieven:detail", args=[initiatief.referentie])),
    ]
    for pagina in paginas:
        tekst = pagina.content.decode()
        assert "<script>alert" not in tekst and "<b>vet" not in tekst
    assert "&lt;script&gt;alert" in paginas[-1].content.decode()


def test_statuslink_onraadbaar_en_onbekend_geeft_404(client, referentie):
    a = nieuw_initiatief(titel="Eerste", contact_email="a@example.org")
    b = nieuw_initiatief(titel="Tweede", contact_email="b@example.org")
    assert len(a.status_token) >= 43 and a.status_token != b.status_token
    tekst = client.get(reverse("initiatieven:status", args=[a.status_token])).content.decode()
    assert "Eerste" in tekst and a.referentie in tekst
    # Nothing of another initiative, and no contact data at all.
    assert "Tweede" not in tekst and b.referentie not in tekst and "a@example.org" not in tekst
    for token in ["", "x", a.status_token[:-1], a.referentie, str(a.pk), "x" * 500]:
        if not token:
            continue
        response = client.get(f"/initiatief/status/{token}/")
        assert response.status_code == 404
        assert "Deze statuslink kennen wij niet" in response.content.decode()


def test_referentie_per_jaar_oplopend(referentie):
    with time_machine.travel(datetime.datetime(2026, 12, 31, 22, 0, tzinfo=datetime.UTC)):
        a = nieuw_initiatief()
        b = nieuw_initiatief()
    # 23:30 UTC on 31 December is already 1 January in Zoetermeer.
    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)):
        c = nieuw_initiatief()
    nummer = int(a.referentie.rsplit("-", 1)[1])
    assert a.referentie.startswith("GL-2026-")
    assert b.referentie == f"GL-2026-{nummer + 1:04d}"
    assert c.referentie == "GL-2027-0001"


def test_verkeerde_methode(client, referentie):
    assert client.put(URL).status_code == 405
    assert client.post(reverse("initiatieven:bevestiging")).status_code == 405


def test_statuslink_verloopt_een_jaar_na_het_besluit(client, referentie, groene_loper, settings):
    settings.INITIATIEF_STATUSLINK_DAGEN = 365
    initiatief = nieuw_initiatief()
    url = reverse("initiatieven:status", args=[initiatief.status_token])
    Initiatief.objects.filter(pk=initiatief.pk).update(
        status="geinformeerd", geinformeerd_op=timezone.now()
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=364)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366)):
        response = client.get(url)
    assert response.status_code == 404
    assert "Deze statuslink is verlopen" in response.content.decode()
    assert initiatief.titel not in response.content.decode()


def test_heel_groot_verzoek_geeft_400_in_het_nederlands(client, referentie):
    response = client.post(URL, formulier(omschrijving="x" * 3_000_000))
    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    assert not Initiatief.objects.exists()
