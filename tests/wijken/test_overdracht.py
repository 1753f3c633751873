"""Handing over a wijk per a date (wijken.acties.draag_over and its screen), the regie
overview on a date (?datum=), and regie dates that cannot lie (not decades ahead)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from wijken import acties
from wijken.models import Toewijzing, Wijk, Wijkregisseur, regie_uiterlijk

D = datetime.date


@pytest.fixture
def seghwaert(referentie):
    return Wijk.objects.get(slug="seghwaert")


@pytest.fixture
def e(referentie):
    return Wijkregisseur.objects.create(naam="Wijkregisseur E")


# --- acties.draag_over ----------------------------------------------------------------------


def test_overdragen_beeindigt_de_dag_ervoor_en_begint_de_nieuwe(seghwaert, e, beheerder):
    oud, nieuw = acties.draag_over(
        wijk=seghwaert, regisseur=e, geldig_van=D(2021, 1, 1), door=beheerder
    )
    assert (oud.regisseur.naam, oud.geldig_van, oud.geldig_tot) == (
        "Wijkregisseur B",
        D(2019, 1, 1),
        D(2020, 12, 31),
    )
    assert (nieuw.regisseur, nieuw.geldig_van, nieuw.geldig_tot) == (e, D(2021, 1, 1), None)
    assert nieuw.aangemaakt_door == beheerder
    assert seghwaert.regisseur_op(D(2020, 12, 31)).naam == "Wijkregisseur B"
    assert seghwaert.regisseur_op(D(2021, 1, 1)) == e
    assert Toewijzing.objects.get(pk=oud.pk).geldig_tot == D(2020, 12, 31)  # stored


def test_overdragen_die_zou_overlappen_wordt_geweigerd_en_verandert_niets(seghwaert, e):
    b = Toewijzing.objects.get(wijk=seghwaert)
    acties.beeindig(toewijzing=b, geldig_tot=D(2022, 12, 31))
    c = Wijkregisseur.objects.create(naam="Wijkregisseur C2")
    acties.wijs_toe(wijk=seghwaert, regisseur=c, geldig_van=D(2023, 1, 1))
    # Open-ended from 2021 runs into C's period from 2023: refused, B's end not moved.
    with pytest.raises(acties.OverlapFout, match="Wijkregisseur C2") as fout:
        acties.draag_over(wijk=seghwaert, regisseur=e, geldig_van=D(2021, 1, 1))
    assert "1 januari 2023" in str(fout.value)
    b.refresh_from_db()
    assert b.geldig_tot == D(2022, 12, 31)
    assert not Toewijzing.objects.filter(regisseur=e).exists()
    # The rest of B's period fits.
    acties.draag_over(
        wijk=seghwaert, regisseur=e, geldig_van=D(2021, 1, 1), geldig_tot=D(2022, 12, 31)
    )
    assert [
        (t.regisseur.naam, t.geldig_van, t.geldig_tot)
        for t in seghwaert.toewijzingen.order_by("geldig_van")
    ] == [
        ("Wijkregisseur B", D(2019, 1, 1), D(2020, 12, 31)),
        ("Wijkregisseur E", D(2021, 1, 1), D(2022, 12, 31)),
        ("Wijkregisseur C2", D(2023, 1, 1), None),
    ]


@pytest.mark.parametrize(
    "per,wie,veld,melding",
    [
        (D(2018, 6, 1), "E", "geldig_van", "Op 1 juni 2018 is niemand verantwoordelijk"),
        (D(2021, 1, 1), "B", "regisseur", "Wijkregisseur B is op 1 januari 2021 al"),
        (D(2019, 1, 1), "E", "geldig_van", "begint pas op 1 januari 2019"),
    ],
)
def test_overdragen_geweigerd_bij_het_veld(seghwaert, e, per, wie, veld, melding):
    regisseur = e if wie == "E" else Wijkregisseur.objects.get(naam="Wijkregisseur B")
    with pytest.raises(ValidationError) as fout:
        acties.draag_over(wijk=seghwaert, regisseur=regisseur, geldig_van=per)
    assert list(fout.value.message_dict) == [veld]
    assert melding in fout.value.message_dict[veld][0]
    assert Toewijzing.objects.get(wijk=seghwaert).geldig_tot is None


@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_overdragen_een_wint():
    from django.core.management import call_command

    call_command("laad_referentiedata", verbosity=0)
    wijk = Wijk.objects.get(slug="oosterheem")
    regisseurs = [Wijkregisseur.objects.create(naam=f"Overdracht {i}") for i in range(6)]
    barrier = threading.Barrier(len(regisseurs))
    uitkomsten = []

    def poging(regisseur):
        try:
            barrier.wait()
            acties.draag_over(wijk=wijk, regisseur=regisseur, geldig_van=D(2021, 1, 1))
            uitkomsten.append("ok")
        except ValidationError:
            # The one who came later finds the first's new toewijzing starting that day.
            uitkomsten.append("geweigerd")
        except Exception as fout:
            uitkomsten.append(type(fout).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=poging, args=(r,)) for r in regisseurs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["geweigerd"] * 5 + ["ok"], uitkomsten
    rijen = list(wijk.toewijzingen.order_by("geldig_van"))
    assert [(t.geldig_van, t.geldig_tot) for t in rijen] == [
        (D(2019, 1, 1), D(2020, 12, 31)),
        (D(2021, 1, 1), None),
    ]


# --- The screen -----------------------------------------------------------------------------


def _overdracht(regisseur, per, tot=""):
    return {
        "overdracht-regisseur": str(regisseur.pk) if regisseur else "",
        "overdracht-geldig_van": per,
        "overdracht-geldig_tot": tot,
    }


def test_overdragen_via_het_scherm(client, beheerder, seghwaert, e):
    client.force_login(beheerder)
    pagina = client.get(reverse("wijken:regie", args=["seghwaert"])).content.decode()
    assert "Overdragen per datum" in pagina
    assert f'action="{reverse("wijken:overdragen", args=["seghwaert"])}"' in pagina
    response = client.post(
        reverse("wijken:overdragen", args=["seghwaert"]), _overdracht(e, "2021-01-01")
    )
    assert response.status_code == 302
    assert seghwaert.regisseur_op(D(2021, 1, 1)) == e
    pagina = client.get(response["Location"]).content.decode()
    assert (
        "Overgedragen per 1 januari 2021: Wijkregisseur E neemt Seghwaert over van "
        "Wijkregisseur B (verantwoordelijk tot en met 31 december 2020)." in pagina
    )


def test_overdragen_via_het_scherm_geweigerd_houdt_de_invoer(client, beheerder, seghwaert, e):
    client.force_login(beheerder)
    url = reverse("wijken:overdragen", args=["seghwaert"])
    response = client.post(url, _overdracht(e, "2018-06-01"))
    assert response.status_code == 400
    form = response.context["overdracht_form"]
    assert list(form.errors) == ["geldig_van"]
    tekst = response.content.decode()
    assert "Op 1 juni 2018 is niemand verantwoordelijk voor Seghwaert" in tekst
    assert 'value="2018-06-01"' in tekst and f'<option value="{e.pk}" selected>' in tekst
    assert "niet goed ingevuld" in tekst
    # The other form on the page stays empty and without errors.
    assert not response.context["form"].errors
    response = client.post(url, _overdracht(None, ""))
    assert set(response.context["overdracht_form"].errors) == {"regisseur", "geldig_van"}
    assert "Vul de dag van de overdracht in." in response.content.decode()
    # Overlap: named in the error summary.
    b = Toewijzing.objects.get(wijk=seghwaert)
    acties.beeindig(toewijzing=b, geldig_tot=D(2022, 12, 31))
    acties.wijs_toe(wijk=seghwaert, regisseur=e, geldig_van=D(2023, 1, 1))
    f = Wijkregisseur.objects.create(naam="Wijkregisseur F")
    response = client.post(url, _overdracht(f, "2021-01-01"))
    assert response.status_code == 400
    assert "overlapt met de toewijzing van Wijkregisseur E" in response.content.decode()
    b.refresh_from_db()
    assert b.geldig_tot == D(2022, 12, 31)
    assert Toewijzing.objects.filter(wijk=seghwaert).count() == 2


def test_overdragen_alleen_post_en_alleen_beheerder(client, personas, seghwaert, e):
    url = reverse("wijken:overdragen", args=["seghwaert"])
    client.force_login(personas["beheerder"])
    assert client.get(url).status_code == 405
    for rol in ["regisseur_a", "regisseur_b", "wethouder", "groene_loper"]:
        client.force_login(personas[rol])
        assert client.post(url, _overdracht(e, "2021-01-01")).status_code == 403
    assert Toewijzing.objects.get(wijk=seghwaert).geldig_tot is None
    client.force_login(personas["beheerder"])
    assert client.post(reverse("wijken:overdragen", args=["atlantis"])).status_code == 404


# --- The overview on a date -----------------------------------------------------------------


def test_regie_op_datum(client, beheerder, seghwaert, e, max_queries):
    acties.draag_over(wijk=seghwaert, regisseur=e, geldig_van=D(2021, 1, 1))
    client.force_login(beheerder)
    with max_queries(10):
        response = client.get(reverse("wijken:regie_overzicht"), {"datum": "2019-06-01"})
    assert response.status_code == 200
    rijen = {w.naam: w.regisseur_op_datum for w in response.context["wijken"]}
    assert rijen["Seghwaert"].naam == "Wijkregisseur B"
    assert rijen["Oosterheem"].naam == "Wijkregisseur A"
    assert rijen["Meerzicht"].naam == "Wijkregisseur C"
    tekst = response.content.decode()
    assert "Wijkregisseur per wijk op 1 juni 2019" in tekst
    assert 'name="datum"' in tekst and 'value="2019-06-01"' in tekst  # the field is on the page
    later = client.get(reverse("wijken:regie_overzicht"), {"datum": "2021-01-01"})
    assert {w.naam: w.regisseur_op_datum for w in later.context["wijken"]}["Seghwaert"] == e
    vroeger = client.get(reverse("wijken:regie_overzicht"), {"datum": "2018-12-31"})
    assert all(w.regisseur_op_datum is None for w in vroeger.context["wijken"])
    assert "niemand" in vroeger.content.decode()


@pytest.mark.parametrize("datum", ["2019-13-45", "gisteren", "1-6-20199"])
def test_regie_op_foute_datum_geeft_nederlandse_melding(client, beheerder, datum):
    client.force_login(beheerder)
    response = client.get(reverse("wijken:regie_overzicht"), {"datum": datum})
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Vul een geldige datum in, bijvoorbeeld 1-6-2019." in tekst
    assert "niet goed ingevuld" in tekst
    # Today's table, said so.
    assert response.context["datum"] == timezone.localdate()
    assert "(vandaag)" in tekst


def test_regie_zonder_datum_is_vandaag(client, beheerder):
    client.force_login(beheerder)
    response = client.get(reverse("wijken:regie_overzicht"))
    assert response.status_code == 200 and response.context["datum"] == timezone.localdate()
    assert f'value="{timezone.localdate().isoformat()}"' in response.content.decode()
    leeg = client.get(reverse("wijken:regie_overzicht"), {"datum": ""})
    assert leeg.status_code == 200 and leeg.context["datum"] == timezone.localdate()


# --- Point 5: the regie not decades ahead --------------------------------------------------


def test_regie_uiterlijk_is_eind_van_het_jaar_na_volgend_jaar():
    assert regie_uiterlijk(D(2026, 12, 2)) == D(2028, 12, 31)
    assert regie_uiterlijk(D(2028, 2, 29)) == D(2030, 12, 31)


@pytest.mark.parametrize("veld", ["geldig_van", "geldig_tot"])
def test_toewijzing_decennia_vooruit_geweigerd_bij_het_veld(client, beheerder, e, veld):
    client.force_login(beheerder)
    uiterlijk = regie_uiterlijk()
    data = {"regisseur": e.pk, "geldig_van": "2091-01-01", "geldig_tot": ""}
    if veld == "geldig_tot":
        data.update(geldig_van="2021-01-01", geldig_tot="2091-12-31")
    # Oosterheem free from 2021, so only the date can be refused.
    wijk = Wijk.objects.get(slug="oosterheem")
    acties.beeindig(toewijzing=wijk.toewijzingen.get(), geldig_tot=D(2020, 12, 31))
    voor = Toewijzing.objects.count()
    response = client.post(reverse("wijken:regie", args=["oosterheem"]), data)
    assert response.status_code == 400
    fouten = response.context["form"].errors
    assert list(fouten) == [veld]
    assert fouten[veld][0].startswith("Zo ver vooruit legt u de regie niet vast: uiterlijk 31 dec")
    assert str(uiterlijk.year) in fouten[veld][0]
    assert f'value="{data[veld]}"' in response.content.decode()
    assert Toewijzing.objects.count() == voor


def test_toewijzing_tot_het_uiterste_mag(client, beheerder, e):
    wijk = Wijk.objects.get(slug="oosterheem")
    acties.beeindig(toewijzing=wijk.toewijzingen.get(), geldig_tot=D(2020, 12, 31))
    client.force_login(beheerder)
    uiterlijk = regie_uiterlijk()
    response = client.post(
        reverse("wijken:regie", args=["oosterheem"]),
        {"regisseur": e.pk, "geldig_van": uiterlijk.isoformat()},
    )
    assert response.status_code == 302


def test_beeindigen_en_overdragen_decennia_vooruit_geweigerd(client, beheerder, seghwaert, e):
    client.force_login(beheerder)
    t = Toewijzing.objects.get(wijk=seghwaert)
    response = client.post(
        reverse("wijken:beeindigen", args=["seghwaert", t.pk]), {"geldig_tot": "2091-12-31"}
    )
    assert response.status_code == 400
    assert "Zo ver vooruit legt u de regie niet vast" in response.content.decode()
    response = client.post(
        reverse("wijken:overdragen", args=["seghwaert"]), _overdracht(e, "2091-01-01")
    )
    assert response.status_code == 400
    assert list(response.context["overdracht_form"].errors) == ["geldig_van"]
    t.refresh_from_db()
    assert t.geldig_tot is None
    assert not Toewijzing.objects.filter(regisseur=e).exists()


def test_decennia_vooruit_ook_in_acties_en_op_het_model(seghwaert, e):
    oosterheem = Wijk.objects.get(slug="oosterheem")
    acties.beeindig(toewijzing=oosterheem.toewijzingen.get(), geldig_tot=D(2020, 12, 31))
    with pytest.raises(ValidationError) as fout:
        acties.wijs_toe(wijk=oosterheem, regisseur=e, geldig_van=D(2091, 1, 1))
    assert list(fout.value.message_dict) == ["geldig_van"]
    with pytest.raises(ValidationError):
        acties.draag_over(wijk=seghwaert, regisseur=e, geldig_van=D(2091, 1, 1))
    with pytest.raises(ValidationError):
        acties.beeindig(toewijzing=Toewijzing.objects.get(wijk=seghwaert), geldig_tot=D(2091, 1, 1))
    assert not Toewijzing.objects.filter(regisseur=e).exists()
    assert Toewijzing.objects.get(wijk=seghwaert).geldig_tot is None
    with pytest.raises(ValidationError) as fout:
        Toewijzing(
            wijk=seghwaert, regisseur=e, geldig_van=D(2021, 1, 1), geldig_tot=D(2091, 1, 1)
        ).full_clean()
    assert list(fout.value.message_dict) == ["geldig_tot"]
