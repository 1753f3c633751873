"""Role x view x object: every signal URL, htmx partials and the export included."""

import pytest
from django.urls import reverse
from django.utils import timezone

from signalen import acties
from signalen.models import Inzage, Opvolgnotitie, Signaal
from tests.factories import UserFactory

ROLLEN = ["regisseur_a", "regisseur_b", "wethouder", "groene_loper", "beheerder"]
# regisseur_a holds Oosterheem, where the signal is; regisseur_b holds other wijken.
MAG_WIJZIGEN = {"regisseur_a"}
MAG_DETAILS = {"regisseur_a", "beheerder"}
MAG_VASTLEGGEN = {"regisseur_a", "regisseur_b"}
GEHEIM = "Mevrouw Jansen op nummer 12"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _tekst(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("rol", ROLLEN)
def test_leespaginas_per_rol(client, personas, prive_signaal, rol):
    import datetime

    # Overdue, so it is on the signalering page too.
    Signaal.objects.filter(pk=prive_signaal.pk).update(streefdatum=datetime.date(2020, 1, 1))
    client.force_login(personas[rol])
    for naam, args, extra in [
        ("signalen:lijst", [], {}),
        ("signalen:lijst", [], HTMX),
        ("signalen:signalering", [], {}),
        ("signalen:export", [], {}),
        ("signalen:detail", [prive_signaal.pk], {}),
    ]:
        response = client.get(reverse(naam, args=args), **extra)
        assert response.status_code == 200, (rol, naam)
        tekst = _tekst(response)
        # Everybody sees that the signal exists; only the wijk's regisseur and the
        # beheerder see what it says.
        assert (GEHEIM in tekst) == (rol in MAG_DETAILS), (rol, naam)
        if naam != "signalen:signalering":  # not overdue, so not on that page
            assert f"Signaal {prive_signaal.pk}" in tekst or f"{prive_signaal.pk};" in tekst, (
                rol,
                naam,
            )
        assert "buurvrouw Pietersen" not in tekst or rol in MAG_DETAILS


@pytest.mark.parametrize("rol", ROLLEN)
def test_htmx_partial_is_alleen_de_resultaten(client, personas, prive_signaal, rol):
    client.force_login(personas[rol])
    response = client.get(reverse("signalen:lijst"), **HTMX)
    tekst = response.content.decode()
    assert 'id="resultaten"' in tekst
    assert "<html" not in tekst
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_vastleggen_alleen_regisseur_met_wijk(client, personas, referentie, rol):
    client.force_login(personas[rol])
    from signalen.models import Thema
    from wijken.models import Wijk

    eigen = Wijk.objects.van_gebruiker(personas[rol]).first()
    for extra in ({}, HTMX):
        response = client.get(reverse("signalen:nieuw"), **extra)
        assert response.status_code == (200 if rol in MAG_VASTLEGGEN else 403), rol
        response = client.post(
            reverse("signalen:nieuw"),
            {
                "wijk": (eigen or Wijk.objects.get(slug="oosterheem")).pk,
                "thema": Thema.objects.get(naam="jeugd").pk,
                "omschrijving": f"Vastgelegd door {rol}",
            },
            **extra,
        )
        verwacht = (200 if extra else 302) if rol in MAG_VASTLEGGEN else 403
        assert response.status_code == verwacht, rol
    assert Signaal.objects.count() == (2 if rol in MAG_VASTLEGGEN else 0), rol


def test_regisseur_kan_niet_vastleggen_in_andermans_wijk(client, regisseur_b, referentie):
    from wijken.models import Wijk

    client.force_login(regisseur_b)
    response = client.post(
        reverse("signalen:nieuw"),
        {
            "wijk": Wijk.objects.get(slug="oosterheem").pk,
            "thema": 1,
            "omschrijving": "Poging in een andere wijk",
        },
    )
    assert response.status_code == 400
    assert "Kies een van uw eigen wijken." in response.content.decode()
    assert not Signaal.objects.exists()


@pytest.mark.parametrize("rol", ROLLEN)
def test_wijzigen_alleen_regisseur_van_de_wijk(client, personas, prive_signaal, rol):
    client.force_login(personas[rol])
    for extra in ({}, HTMX):
        response = client.post(
            reverse("signalen:overgang", args=[prive_signaal.pk]),
            {"naar": "in_behandeling", "verwacht": "nieuw"},
            **extra,
        )
        if rol in MAG_WIJZIGEN:
            assert response.status_code in (302, 409), rol  # 409: second time, stale
        else:
            assert response.status_code == 403, rol
        response = client.post(
            reverse("signalen:notitie", args=[prive_signaal.pk]), {"tekst": "Gebeld."}, **extra
        )
        assert response.status_code == (302 if rol in MAG_WIJZIGEN else 403), rol
        wijzigen = reverse("signalen:wijzigen", args=[prive_signaal.pk])
        response = client.get(wijzigen, **extra)
        assert response.status_code == (200 if rol in MAG_WIJZIGEN else 403), rol
        assert (GEHEIM in response.content.decode()) == (rol in MAG_WIJZIGEN), rol
        prive_signaal.refresh_from_db()
        response = client.post(
            wijzigen,
            {
                "thema": prive_signaal.thema_id,
                "omschrijving": prive_signaal.omschrijving,
                "waargenomen_op": prive_signaal.waargenomen_op.isoformat(),
                "bevat_persoonsgegevens": "on",
                "gemeld_door": f"gewijzigd door {rol}",
                "verwacht": acties.versie(prive_signaal),
            },
            **extra,
        )
        assert response.status_code == (302 if rol in MAG_WIJZIGEN else 403), rol
    prive_signaal.refresh_from_db()
    assert prive_signaal.status == ("in_behandeling" if rol in MAG_WIJZIGEN else "nieuw")
    assert prive_signaal.gemeld_door == (
        f"gewijzigd door {rol}" if rol in MAG_WIJZIGEN else "buurvrouw Pietersen"
    )
    # Two notes and the edit's trail row (the second edit changed nothing).
    assert Opvolgnotitie.objects.count() == (3 if rol in MAG_WIJZIGEN else 0)


@pytest.mark.parametrize("rol", ROLLEN)
def test_inzagelog_alleen_beheerder(client, personas, referentie, rol):
    client.force_login(personas[rol])
    response = client.get(reverse("signalen:inzagelog"))
    assert response.status_code == (200 if rol == "beheerder" else 403)


def test_gebruiker_zonder_rol_krijgt_403(client, prive_signaal):
    client.force_login(UserFactory(username="zonder-rol"))
    for naam, args in [
        ("signalen:lijst", []),
        ("signalen:nieuw", []),
        ("signalen:signalering", []),
        ("signalen:export", []),
        ("signalen:inzagelog", []),
        ("signalen:detail", [prive_signaal.pk]),
        ("signalen:wijzigen", [prive_signaal.pk]),
    ]:
        assert client.get(reverse(naam, args=args)).status_code == 403, naam
    assert client.post(reverse("signalen:wijzigen", args=[prive_signaal.pk])).status_code == 403


def test_onbekend_signaal_geeft_404(client, regisseur_a):
    client.force_login(regisseur_a)
    assert client.get(reverse("signalen:detail", args=[999999])).status_code == 404
    assert client.post(reverse("signalen:overgang", args=[999999])).status_code == 404
    assert client.post(reverse("signalen:notitie", args=[999999])).status_code == 404
    assert client.get(reverse("signalen:wijzigen", args=[999999])).status_code == 404
    assert client.post(reverse("signalen:wijzigen", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "naam,args,methode",
    [
        ("signalen:lijst", [], "post"),
        ("signalen:signalering", [], "post"),
        ("signalen:export", [], "post"),
        ("signalen:inzagelog", [], "post"),
        ("signalen:detail", ["pk"], "post"),
        ("signalen:overgang", ["pk"], "put"),
        ("signalen:notitie", ["pk"], "put"),
        ("signalen:nieuw", [], "delete"),
        ("signalen:wijzigen", ["pk"], "delete"),
    ],
)
def test_verkeerde_methode_405(client, beheerder, regisseur_a, prive_signaal, naam, args, methode):
    # Somebody who may open the page, so the 405 is about the method alone.
    client.force_login(
        regisseur_a if naam in ("signalen:nieuw", "signalen:wijzigen") else beheerder
    )
    args = [prive_signaal.pk if a == "pk" else a for a in args]
    assert getattr(client, methode)(reverse(naam, args=args)).status_code == 405


def test_elke_inzage_van_persoonsgegevens_wordt_gelogd(client, personas, prive_signaal):
    for rol in ROLLEN:
        client.force_login(personas[rol])
        client.get(reverse("signalen:detail", args=[prive_signaal.pk]))
    rijen = Inzage.objects.filter(signaal=prive_signaal, pagina="detail")
    assert {i.gebruiker.username for i in rijen} == {"t-regisseur-a", "t-beheerder"}
    client.force_login(personas["regisseur_a"])
    b"".join(client.get(reverse("signalen:export")).streaming_content)
    client.get(reverse("signalen:lijst"))
    paginas = set(
        Inzage.objects.filter(gebruiker=personas["regisseur_a"]).values_list("pagina", flat=True)
    )
    assert paginas == {"detail", "export", "lijst"}


def test_inzagelog_kan_niet_gewijzigd_worden(client, beheerder, prive_signaal):
    from django.db import DatabaseError, transaction

    client.force_login(beheerder)
    client.get(reverse("signalen:detail", args=[prive_signaal.pk]))
    inzage = Inzage.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        Inzage.objects.filter(pk=inzage.pk).update(pagina="vervalst")
    with pytest.raises(DatabaseError), transaction.atomic():
        Inzage.objects.filter(pk=inzage.pk).delete()
    tekst = client.get(reverse("signalen:inzagelog")).content.decode()
    assert "t-beheerder" in tekst and f"Signaal {prive_signaal.pk}" in tekst
    # The admin shows the log read-only.
    assert client.get(f"/beheer/signalen/inzage/{inzage.pk}/delete/").status_code == 403


def test_zoeken_verraadt_geen_afgeschermde_tekst(client, regisseur_b, prive_signaal):
    client.force_login(regisseur_b)
    tekst = client.get(reverse("signalen:lijst"), {"q": "Jansen"}).content.decode()
    assert f"Signaal {prive_signaal.pk}" not in tekst
    assert "Geen signalen gevonden" in tekst


def test_inzage_een_rij_per_signaal_met_persoonsgegevens(maak_signaal, beheerder):
    from signalen import acties

    prive = [maak_signaal(bevat_persoonsgegevens=True) for _ in range(2)]
    gewoon = maak_signaal()
    voor = timezone.now()
    acties.log_inzage(signalen=[*prive, gewoon], door=beheerder, pagina="lijst")
    rijen = Inzage.objects.order_by("signaal_id")
    assert [(i.signaal_id, i.gebruiker_id, i.pagina) for i in rijen] == [
        (s.pk, beheerder.pk, "lijst") for s in prive
    ]
    assert all(i.op >= voor for i in rijen)
    acties.log_inzage(signalen=[gewoon], door=beheerder, pagina="lijst")
    assert Inzage.objects.count() == 2


@pytest.mark.parametrize("naam", ["signalen:overgang", "signalen:notitie"])
def test_formadres_opnieuw_geopend_toont_het_signaal(client, groene_loper, prive_signaal, naam):
    """A refused form is answered at its own address; reloading that gives the signal."""
    client.force_login(groene_loper)
    response = client.get(reverse(naam, args=[prive_signaal.pk]))
    assert response.status_code == 302
    assert response["Location"] == prive_signaal.get_absolute_url()
