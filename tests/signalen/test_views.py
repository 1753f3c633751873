import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from signalen import zoeken
from signalen.models import Inzage, Signaal, SignaalHistorie, Thema
from wijken.models import Focuspunt, Partner, Wijk

HTMX = {"HTTP_HX_REQUEST": "true"}


def _snel(**extra):
    data = {
        "wijk": Wijk.objects.get(slug="oosterheem").pk,
        "thema": Thema.objects.get(naam="jeugd").pk,
        "omschrijving": "Jongeren zoeken een plek om te voetballen.",
        "idempotentie_token": "6f1c1f0e-7d2b-4d53-a3a4-0d6f6f2c7a11",
    }
    data.update(extra)
    return data


def test_snel_vastleggen_zonder_js(client, regisseur_a):
    client.force_login(regisseur_a)
    formulier = client.get(reverse("signalen:nieuw")).content.decode()
    # The user's own wijk is chosen already.
    assert re.search(r'<option value="\d+" selected>Oosterheem</option>', formulier)
    response = client.post(reverse("signalen:nieuw"), _snel())
    assert response.status_code == 302
    s = Signaal.objects.get()
    assert (s.wijk.slug, s.thema.naam, s.status, s.aangemaakt_door) == (
        "oosterheem",
        "jeugd",
        "nieuw",
        regisseur_a,
    )
    assert s.waargenomen_op == timezone.localdate()
    assert s.streefdatum == timezone.localdate() + datetime.timedelta(days=14)
    pagina = client.get(response["Location"]).content.decode()
    assert "Signaal opgeslagen" in pagina
    assert "Jongeren zoeken een plek" in pagina  # in "Uw laatste signalen"


def test_snel_vastleggen_zonder_js_onthoudt_de_wijk(client, regisseur_b):
    """Regisseur B has two wijken: the next signal starts in the wijk of the last one."""
    client.force_login(regisseur_b)
    seghwaert = Wijk.objects.get(slug="seghwaert")
    formulier = client.get(reverse("signalen:nieuw")).content.decode()
    assert not re.search(r'<option value="\d+" selected>Seghwaert</option>', formulier)
    response = client.post(reverse("signalen:nieuw"), _snel(wijk=seghwaert.pk))
    assert response.status_code == 302
    formulier = client.get(response["Location"]).content.decode()
    assert re.search(r'<option value="\d+" selected>Seghwaert</option>', formulier)
    # A wijk that is not the user's own (an edited URL) falls back to the first.
    andere = Wijk.objects.get(slug="oosterheem")
    formulier = client.get(reverse("signalen:nieuw"), {"wijk": andere.pk}).content.decode()
    assert re.search(r'<option value="\d+" selected>Noordhove</option>', formulier)
    assert f'<option value="{andere.pk}"' not in formulier


def test_snel_vastleggen_logt_inzage_van_eigen_signalen(client, regisseur_a):
    """'Uw laatste signalen' shows their texts: personal data there is access-logged."""
    client.force_login(regisseur_a)
    client.post(reverse("signalen:nieuw"), _snel(bevat_persoonsgegevens="on"))
    assert not Inzage.objects.exists()  # saving is not viewing
    client.get(reverse("signalen:nieuw"))
    inzage = Inzage.objects.get()
    assert (inzage.gebruiker, inzage.pagina) == (regisseur_a, "vastleggen")
    client.post(reverse("signalen:nieuw"), _snel(idempotentie_token=""), **HTMX)
    assert Inzage.objects.count() == 2  # the htmx answer shows the list again


def test_snel_vastleggen_logt_geen_afgeschermde_eigen_signalen(client, regisseur_a, maak_signaal):
    """An own signal in a wijk the user no longer holds is shown masked: not logged."""
    maak_signaal(
        wijk="seghwaert", door=regisseur_a, omschrijving="Meneer Smit", bevat_persoonsgegevens=True
    )
    client.force_login(regisseur_a)
    tekst = client.get(reverse("signalen:nieuw")).content.decode()
    assert "Meneer Smit" not in tekst and "Afgeschermd" in tekst
    assert not Inzage.objects.exists()


def test_snel_vastleggen_met_htmx_geeft_leeg_formulier_en_lijst(client, regisseur_a):
    client.force_login(regisseur_a)
    response = client.post(reverse("signalen:nieuw"), _snel(), **HTMX)
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "<html" not in tekst and 'id="snellog"' in tekst
    assert "Signaal opgeslagen" in tekst
    assert "Jongeren zoeken een plek" in tekst  # the new one in the list below
    # The form is empty again, with a new token for the next signal.
    assert re.search(r'<textarea name="omschrijving"[^>]*>\s*</textarea>', tekst)
    assert "6f1c1f0e-7d2b-4d53-a3a4-0d6f6f2c7a11" not in tekst


def test_dubbel_verzenden_maakt_een_signaal(client, regisseur_a):
    client.force_login(regisseur_a)
    client.post(reverse("signalen:nieuw"), _snel())
    client.post(reverse("signalen:nieuw"), _snel())
    client.post(reverse("signalen:nieuw"), _snel(), **HTMX)
    assert Signaal.objects.count() == 1
    assert SignaalHistorie.objects.count() == 1


@pytest.mark.parametrize(
    "wijziging,veld,melding",
    [
        ({"omschrijving": ""}, "omschrijving", "Beschrijf kort wat er speelt."),
        ({"thema": ""}, "thema", "Kies een thema."),
        ({"wijk": "999999"}, "wijk", "Kies een van uw eigen wijken."),
        ({"omschrijving": "x" * 2001}, "omschrijving", "maximaal 2000 tekens (nu 2001)"),
        ({"waargenomen_op": "2098-01-01"}, "waargenomen_op", "in de toekomst"),
        ({"waargenomen_op": "2999-01-01"}, "waargenomen_op", "tussen 1-1-1900 en 31-12-2099"),
        ({"waargenomen_op": "gisteren"}, "waargenomen_op", "geldige datum"),
        ({"regie_bij": "partner"}, "regie_partner", "Kies de partner"),
        ({"focuspunt": "999999"}, "focuspunt", "Kies een focuspunt"),
        (
            {"regie_bij": "inwoners", "regie_afdeling": "Sport"},
            "regie_afdeling",
            "Een afdeling hoort bij regie ‘gemeente’.",
        ),
    ],
)
def test_snel_vastleggen_foute_invoer(client, regisseur_a, wijziging, veld, melding):
    client.force_login(regisseur_a)
    data = _snel(gemeld_door="Piet", **wijziging)
    response = client.post(reverse("signalen:nieuw"), data)
    assert response.status_code == 400
    tekst = response.content.decode()
    assert melding in tekst
    assert f'href="#id_{veld}"' in tekst  # in the summary at the top, linked to the field
    assert 'value="Piet"' in tekst  # what was typed stays
    assert not Signaal.objects.exists()
    # htmx gets the same errors in the partial, with 200 so htmx swaps it in.
    response = client.post(reverse("signalen:nieuw"), data, **HTMX)
    assert response.status_code == 200 and melding in response.content.decode()


def test_focuspunt_van_andere_wijk_geweigerd(client, regisseur_a):
    client.force_login(regisseur_a)
    ander = Focuspunt.objects.exclude(wijken__slug="oosterheem").first()
    response = client.post(reverse("signalen:nieuw"), _snel(focuspunt=ander.pk))
    assert "hoort niet bij Oosterheem" in response.content.decode()


def test_volledig_signaal_met_regie_en_focuspunt(client, regisseur_a):
    client.force_login(regisseur_a)
    focuspunt = Focuspunt.objects.filter(wijken__slug="oosterheem").first()
    partner = Partner.objects.first()
    response = client.post(
        reverse("signalen:nieuw"),
        _snel(
            focuspunt=focuspunt.pk,
            regie_bij="partner",
            regie_partner=partner.pk,
            bron="handhaver",
            waargenomen_op="2025-01-02",
            bevat_persoonsgegevens="on",
        ),
    )
    assert response.status_code == 302
    s = Signaal.objects.get()
    assert (s.focuspunt, s.regie_partner, s.bron, s.bevat_persoonsgegevens) == (
        focuspunt,
        partner,
        "handhaver",
        True,
    )
    tekst = client.get(s.get_absolute_url()).content.decode()
    assert focuspunt.titel in tekst and f"partner: {partner.naam}" in tekst


# --- List ---------------------------------------------------------------------------


@pytest.fixture
def reeks(maak_signaal, regisseur_a, regisseur_b):
    a = maak_signaal(omschrijving="Kapotte straatverlichting in het park", thema="openbare ruimte")
    b = maak_signaal(
        wijk="seghwaert", omschrijving="Hangjongeren bij het winkelcentrum", thema="veiligheid"
    )
    c = maak_signaal(
        wijk="noordhove", omschrijving="Eenzame ouderen in de flat", regie_bij="inwoners"
    )
    Signaal.objects.filter(pk=c.pk).update(streefdatum=datetime.date(2020, 1, 1))
    Signaal.objects.filter(pk=a.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=40), status="beantwoord"
    )
    return a, b, c


def _nummers(tekst):
    return [int(n) for n in re.findall(r'href="/signalen/(\d+)/"', tekst)]


@pytest.mark.parametrize(
    "filters,verwacht",
    [
        ({}, "cba"),
        ({"wijk": "seghwaert"}, "b"),
        ({"thema": "veiligheid"}, "b"),
        ({"status": "beantwoord"}, "a"),
        ({"status": "open"}, "cb"),
        ({"regie": "inwoners"}, "c"),
        ({"te_laat": "on"}, "c"),
        ({"q": "lantaarn straatverlichting"}, ""),  # websearch: both words must match
        ({"q": "kapot straatverlichtingen"}, "a"),  # Dutch stemming: kapotte, -en
        ({"q": "ouder OR winkelcentrum"}, "cb"),
        ({"van": "2000-01-01", "tot": "2000-12-31"}, ""),
        ({"wijk": "atlantis"}, "cba"),  # unknown wijk: a message, the other filters still work
        ({"q": "speeltuin " * 30}, "cba"),  # too long: not searched, said so
    ],
)
def test_lijst_filters(client, groene_loper, reeks, filters, verwacht):
    a, b, c = reeks
    namen = {"a": a.pk, "b": b.pk, "c": c.pk}
    if "thema" in filters:
        filters["thema"] = Thema.objects.get(naam=filters["thema"]).pk
    client.force_login(groene_loper)
    response = client.get(reverse("signalen:lijst"), filters)
    assert response.status_code == 200
    assert _nummers(response.content.decode()) == [namen[x] for x in verwacht]
    if filters.get("wijk") == "atlantis":
        assert "Deze wijk bestaat niet." in response.content.decode()
        # Live filtering swaps only the results: the refusal is said there as well.
        deel = client.get(reverse("signalen:lijst"), filters, **HTMX).content.decode()
        assert "<html" not in deel
        assert "Niet toegepast: Wijk: Deze wijk bestaat niet." in deel
    elif filters.get("q") and len(filters["q"]) > 200:
        # The search itself refused: the results are not called search results.
        tekst = response.content.decode()
        assert "Niet toegepast: Zoeken" in tekst
        assert "Zoekresultaten" not in tekst and "Gezocht in de nieuwste" not in tekst
    else:
        assert "Niet toegepast" not in response.content.decode()


def test_zoeken_rangschikt_beste_eerst(client, groene_loper, maak_signaal):
    zwak = maak_signaal(omschrijving="Iets over een speeltuin.")
    sterk = maak_signaal(omschrijving="Speeltuin kapot, speeltuin vies, speeltuin onveilig.")
    client.force_login(groene_loper)
    tekst = client.get(reverse("signalen:lijst"), {"q": "speeltuinen"}).content.decode()
    assert _nummers(tekst) == [sterk.pk, zwak.pk]
    # The search's limit is said, with the way to look further back.
    assert "Gezocht in de nieuwste 250 signalen" in tekst and "kies dan ook een periode" in tekst
    zonder = client.get(reverse("signalen:lijst")).content.decode()
    assert "Gezocht in de nieuwste" not in zonder


def test_zoeken_rangschikt_alleen_de_nieuwste_treffers(
    client, groene_loper, maak_signaal, monkeypatch
):
    """The best match outside the newest ZOEK_KANDIDATEN is left out; a period finds it."""
    monkeypatch.setattr(zoeken, "ZOEK_KANDIDATEN", 3)
    oud = maak_signaal(omschrijving="Speeltuin kapot, speeltuin vies, speeltuin onveilig.")
    Signaal.objects.filter(pk=oud.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=40)
    )
    nieuw = [maak_signaal(omschrijving=f"Speeltuin {i}.") for i in range(3)]
    client.force_login(groene_loper)
    tekst = client.get(reverse("signalen:lijst"), {"q": "speeltuin"}).content.decode()
    assert _nummers(tekst) == [s.pk for s in reversed(nieuw)]
    assert "Gezocht in de nieuwste 3 signalen" in tekst
    vroeger = timezone.localdate() - datetime.timedelta(days=41)
    tot = timezone.localdate() - datetime.timedelta(days=30)
    tekst = client.get(
        reverse("signalen:lijst"), {"q": "speeltuin", "van": vroeger, "tot": tot}
    ).content.decode()
    assert _nummers(tekst) == [oud.pk]


@pytest.mark.parametrize("zoek", ["", "speeltuin"])
def test_keyset_paginering(client, groene_loper, maak_signaal, zoek):
    for i in range(30):
        maak_signaal(omschrijving=f"Signaal {i} over de speeltuin")
    client.force_login(groene_loper)
    gezien = []
    url = reverse("signalen:lijst") + (f"?q={zoek}" if zoek else "")
    while url:
        tekst = client.get(url).content.decode()
        gezien += _nummers(tekst)
        m = re.search(r'href="(/signalen/\?[^"]*na=[^"]*)"', tekst)
        url = m.group(1).replace("&amp;", "&") if m else None
    assert sorted(gezien, reverse=True) == sorted(
        Signaal.objects.values_list("pk", flat=True), reverse=True
    )
    assert len(gezien) == len(set(gezien)) == 30
    if not zoek:
        assert gezien == sorted(gezien, reverse=True)


def test_zoekresultaten_in_de_volgorde_van_de_export(client, regisseur_a, maak_signaal):
    """The list ranks in its own SQL; page by page it shows what the export (gefilterd) has."""
    for i in range(40):
        maak_signaal(
            wijk="oosterheem" if i % 3 else "seghwaert",
            omschrijving="speeltuin " * (1 + i % 4) + f"nummer {i}",
            bevat_persoonsgegevens=i % 5 == 0,
        )
    client.force_login(regisseur_a)
    gezien = []
    url = reverse("signalen:lijst") + "?q=speeltuin"
    while url:
        tekst = client.get(url).content.decode()
        gezien += _nummers(tekst)
        m = re.search(r'href="(/signalen/\?[^"]*na=[^"]*)"', tekst)
        url = m.group(1).replace("&amp;", "&") if m else None
    export = zoeken.gefilterd(regisseur_a, {"q": "speeltuin"}).values_list("pk", flat=True)
    # Personal data outside the user's wijk (seghwaert, i % 5 == 0) is not searched.
    assert gezien == list(export) and len(gezien) == 40 - 3


def test_onleesbare_cursor_begint_bovenaan(client, groene_loper, maak_signaal):
    maak_signaal()
    client.force_login(groene_loper)
    assert client.get(reverse("signalen:lijst"), {"na": "rommel"}).status_code == 200
    assert client.get(reverse("signalen:lijst"), {"na": "x_y", "q": "a"}).status_code == 200
    # Numbers PostgreSQL cannot hold (an edited URL) start at the top too, not a 500.
    moment = "2026-03-29T01:30:05+00:00"
    for na, q in [
        (f"1e50_{moment}_1", "speeltuin"),
        (f"nan_{moment}_1", "speeltuin"),
        (f"1e-50_{moment}_1", "speeltuin"),  # too close to zero for a real
        (f"0.1_{moment}_{2**70}", "speeltuin"),
        (f"{moment}_{2**70}", ""),
    ]:
        response = client.get(reverse("signalen:lijst"), {"na": na, "q": q})
        assert response.status_code == 200, na


# --- Detail and transitions -------------------------------------------------------------


def test_overgang_via_pagina(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    tekst = client.get(s.get_absolute_url()).content.decode()
    assert "In behandeling nemen" in tekst and "Heropenen" not in tekst
    response = client.post(
        reverse("signalen:overgang", args=[s.pk]),
        {"naar": "in_behandeling", "verwacht": "nieuw", "toelichting": "Ik pak het op."},
    )
    assert response.status_code == 302
    tekst = client.get(s.get_absolute_url()).content.decode()
    assert "nieuw → in behandeling" in tekst and "Ik pak het op." in tekst


def test_verouderd_formulier_geeft_nederlandse_melding(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    url = reverse("signalen:overgang", args=[s.pk])
    client.post(url, {"naar": "in_behandeling", "verwacht": "nieuw"})
    response = client.post(
        url, {"naar": "doorgezet", "verwacht": "nieuw", "toelichting": "Mijn tekst"}
    )
    assert response.status_code == 409
    tekst = response.content.decode()
    assert "Iemand anders heeft de status van dit signaal intussen veranderd" in tekst
    assert "Mijn tekst" in tekst
    assert 'name="verwacht" value="in_behandeling"' in tekst
    assert Signaal.objects.get(pk=s.pk).status == "in_behandeling"


@pytest.mark.parametrize(
    "data,melding",
    [
        ({"naar": "afgesloten_zonder_oplossing", "verwacht": "nieuw"}, "Schrijf op waarom"),
        ({"naar": "afgesloten", "verwacht": "nieuw"}, "kan niet naar"),
        ({"naar": "bestaat-niet", "verwacht": "nieuw"}, "Kies een van de mogelijkheden."),
        ({"verwacht": "nieuw"}, "Kies wat u met het signaal wilt doen."),
        ({"naar": "beantwoord", "verwacht": "nieuw", "toelichting": "x" * 2001}, "maximaal 2000"),
    ],
)
def test_foute_overgang_geeft_melding(client, regisseur_a, maak_signaal, data, melding):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    response = client.post(reverse("signalen:overgang", args=[s.pk]), data)
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert Signaal.objects.get(pk=s.pk).status == "nieuw"


def test_notitie(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    url = reverse("signalen:notitie", args=[s.pk])
    assert client.post(url, {"tekst": ""}).status_code == 400
    assert client.post(url, {"tekst": "Gebeld met de school."}).status_code == 302
    assert "Gebeld met de school." in client.get(s.get_absolute_url()).content.decode()


def test_notitie_twee_keer_verstuurd_is_een_notitie(client, regisseur_a, maak_signaal):
    s = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    pagina = client.get(s.get_absolute_url()).content.decode()
    token = re.search(r'name="idempotentie_token" value="([0-9a-f-]+)"', pagina).group(1)
    url = reverse("signalen:notitie", args=[s.pk])
    for _ in range(2):
        assert (
            client.post(url, {"tekst": "Gebeld.", "idempotentie_token": token}).status_code == 302
        )
    client.post(url, {"tekst": "Nog een keer gebeld.", "idempotentie_token": str(uuid.uuid4())})
    assert list(s.notities.values_list("tekst", flat=True)) == ["Gebeld.", "Nog een keer gebeld."]
    # A fresh form carries a fresh token.
    assert token not in client.get(s.get_absolute_url()).content.decode()


# --- Signalering and wijkdossier ------------------------------------------------------


def test_signalering_per_wijk(client, wethouder, reeks):
    client.force_login(wethouder)
    tekst = client.get(reverse("signalen:signalering")).content.decode()
    assert "Noordhove" in tekst and "?wijk=noordhove&amp;te_laat=on" in tekst
    assert "Seghwaert</a>" not in tekst


def test_dossier_toont_signalen(client, groene_loper, maak_signaal, regisseur_a):
    from signalen import acties

    a = maak_signaal(thema="jeugd")
    maak_signaal(thema="jeugd")
    c = maak_signaal(thema="veiligheid")
    Signaal.objects.filter(pk=c.pk).update(streefdatum=datetime.date(2020, 1, 1))
    Signaal.objects.filter(pk=a.pk).update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=3)
    )
    a.refresh_from_db()
    acties.zet_status(signaal=a, naar="in_behandeling", verwacht="nieuw", door=regisseur_a)
    acties.zet_status(signaal=a, naar="beantwoord", verwacht="in_behandeling", door=regisseur_a)
    client.force_login(groene_loper)
    tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
    assert re.search(r"Open signalen</dt>\s*<dd[^>]*>2<", tekst)
    assert '?wijk=oosterheem&amp;te_laat=on">1</a>' in tekst
    assert "3.0 dagen (1 beantwoord)" in tekst or "3,0 dagen (1 beantwoord)" in tekst
    assert re.search(r"jeugd</td><td[^>]*>1<", tekst) and re.search(
        r"veiligheid</td><td[^>]*>1<", tekst
    )


def test_dossier_mediaan_bewaard_en_vernieuwd(client, groene_loper, maak_signaal, regisseur_a):
    """The 90-day median is kept for ten minutes per process; an answer here renews it."""
    import time_machine

    from signalen import acties

    def beantwoord(signaal, dagen_geleden):
        Signaal.objects.filter(pk=signaal.pk).update(
            aangemaakt_op=timezone.now() - datetime.timedelta(days=dagen_geleden)
        )
        signaal.refresh_from_db()
        acties.zet_status(
            signaal=signaal, naar="in_behandeling", verwacht="nieuw", door=regisseur_a
        )
        acties.zet_status(
            signaal=signaal, naar="beantwoord", verwacht="in_behandeling", door=regisseur_a
        )

    def mediaan():
        tekst = client.get(reverse("wijken:dossier", args=["oosterheem"])).content.decode()
        return re.search(r"(\d+[.,]\d) dagen \((\d+) beantwoord\)", tekst).groups()

    client.force_login(groene_loper)
    beantwoord(maak_signaal(), 2)
    assert mediaan() == ("2,0", "1")
    # Answered behind the app's back (another process): the kept median stays...
    Signaal.objects.filter(wijk__slug="oosterheem").update(
        aangemaakt_op=timezone.now() - datetime.timedelta(days=6)
    )
    assert mediaan() == ("2,0", "1")
    # ...until ten minutes have passed,
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        client.force_login(groene_loper)
        assert mediaan() == ("6,0", "1")
    # and an answer recorded in this process renews it at once.
    client.force_login(groene_loper)
    beantwoord(maak_signaal(), 4)
    assert mediaan()[1] == "2"


def test_lijst_toont_html_als_tekst(client, groene_loper, maak_signaal):
    """List items are written in Python: every value must still be escaped."""
    maak_signaal(omschrijving='<script>alert("x")</script> & <b>vet</b>')
    Wijk.objects.filter(slug="oosterheem").update(naam="Ooster<i>heem</i>")
    client.force_login(groene_loper)
    tekst = client.get(reverse("signalen:lijst")).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in tekst
    assert "Ooster&lt;i&gt;heem&lt;/i&gt;" in tekst
    assert "<script>alert" not in tekst and "<i>heem" not in tekst


def test_filters_zonder_niet_verplicht(client, regisseur_a):
    """Every filter is optional, so the labels do not say so; the quick log's optional fields
    still do."""
    client.force_login(regisseur_a)
    lijst = client.get(reverse("signalen:lijst")).content.decode()
    assert '<label class="utrecht-form-label" for="id_wijk">Wijk</label>' in lijst
    assert "(niet verplicht)" not in lijst
    snel = client.get(reverse("signalen:nieuw")).content.decode()
    assert "Van wie komt het signaal? (niet verplicht)" in snel


@pytest.mark.parametrize(
    "filters,open_",
    [
        ({}, False),
        ({"q": "speeltuin"}, False),  # the search box is never folded
        ({"wijk": "seghwaert"}, True),
        ({"te_laat": "on"}, True),
        ({"wijk": "atlantis"}, True),  # a refused filter shows its message
    ],
)
def test_meer_filters_open_als_ze_gebruikt_worden(client, groene_loper, filters, open_):
    client.force_login(groene_loper)
    tekst = client.get(reverse("signalen:lijst"), filters).content.decode()
    assert ('<details class="ww-meer" open>' in tekst) is open_
    assert '<details class="ww-meer"' in tekst


def test_zoeken_vindt_ook_thema_en_focuspunt(client, groene_loper, regisseur_a, maak_signaal):
    """ "eenzaamheid" finds the signals with that thema, though their text does not say it;
    a focuspunt's title finds the signals that belong to it."""
    thema = maak_signaal(thema="eenzaamheid", omschrijving="Meneer komt de deur niet meer uit.")
    tekst = maak_signaal(thema="jeugd", omschrijving="Eenzaamheid onder jongeren na school.")
    prive = maak_signaal(
        thema="eenzaamheid",
        omschrijving="Mevrouw Jansen ziet niemand.",
        bevat_persoonsgegevens=True,
    )
    maak_signaal(thema="jeugd", omschrijving="Speeltuin kapot.")
    hoogbouw = Focuspunt.objects.get(titel__contains="hoogbouw in Palenstein")
    bij_focuspunt = maak_signaal(
        wijk="palenstein", thema="leefbaarheid", omschrijving="Lift weer kapot.", focuspunt=hoogbouw
    )
    client.force_login(groene_loper)
    pagina = client.get(reverse("signalen:lijst"), {"q": "eenzaamheid"}).content.decode()
    # The text match first; the masked signal found by its thema, its text not shown.
    assert _nummers(pagina)[0] == tekst.pk
    assert set(_nummers(pagina)) == {tekst.pk, thema.pk, prive.pk}
    assert "Jansen" not in pagina
    pagina = client.get(reverse("signalen:lijst"), {"q": "hoogbouw"}).content.decode()
    assert _nummers(pagina) == [bij_focuspunt.pk]
    # The export has the same.
    export = zoeken.gefilterd(groene_loper, {"q": "eenzaamheid"}).values_list("pk", flat=True)
    assert set(export) == {tekst.pk, thema.pk, prive.pk}


def test_zoeken_zonder_treffers_biedt_het_themafilter(client, groene_loper, maak_signaal):
    thema = Thema.objects.get(naam="criminaliteit en overlast")
    maak_signaal(thema=thema.naam, omschrijving="Er wordt gedeald bij het station.")
    client.force_login(groene_loper)
    # "criminelen" and "criminaliteit" have different stems: nothing found, the thema offered
    # with the other filters kept.
    pagina = client.get(
        reverse("signalen:lijst"), {"q": "criminelen", "wijk": "oosterheem"}
    ).content.decode()
    assert _nummers(pagina) == []
    assert "Zoekt u signalen over een thema?" in pagina
    link = f'href="/signalen/?wijk=oosterheem&amp;thema={thema.pk}">Alle signalen over {thema}'
    assert link in pagina
    assert "Alle signalen over jeugd" not in pagina
    # No thema like the words: all themas are offered; with results, none.
    pagina = client.get(reverse("signalen:lijst"), {"q": "qwerty"}).content.decode()
    assert "Alle signalen over jeugd" in pagina and "Alle signalen over eenzaamheid" in pagina
    pagina = client.get(reverse("signalen:lijst"), {"q": "station"}).content.decode()
    assert "Zoekt u signalen over een thema?" not in pagina


def _focuspunt_opties(tekst):
    select = re.search(r'<select name="focuspunt".*?</select>', tekst, re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def _focuspunten(*slugs):
    return set(Focuspunt.objects.filter(wijken__slug__in=slugs).values_list("pk", flat=True))


def test_focuspunten_alleen_van_de_gekozen_wijk(client, regisseur_b):
    """regisseur_b holds Noordhove and Seghwaert: the list follows the wijk chosen."""
    client.force_login(regisseur_b)
    noordhove = Wijk.objects.get(slug="noordhove")
    seghwaert = Wijk.objects.get(slug="seghwaert")
    tekst = client.get(reverse("signalen:nieuw"), {"wijk": seghwaert.pk}).content.decode()
    assert _focuspunt_opties(tekst) == _focuspunten("seghwaert")
    assert 0 < len(_focuspunten("seghwaert")) < Focuspunt.objects.count()
    # The wijk select asks for the list of the wijk chosen; the answer is only that field.
    assert 'hx-get="/signalen/nieuw/?alleen=focuspunt"' in tekst
    deel = client.get(
        reverse("signalen:nieuw"), {"alleen": "focuspunt", "wijk": noordhove.pk}, **HTMX
    ).content.decode()
    assert deel.startswith('<div id="focuspunt-veld">') and "<form" not in deel
    assert _focuspunt_opties(deel) == _focuspunten("noordhove")
    # Somebody else's wijk: the form takes their first own wijk, and its focuspunten.
    oosterheem = Wijk.objects.get(slug="oosterheem")
    deel = client.get(
        reverse("signalen:nieuw"), {"alleen": "focuspunt", "wijk": oosterheem.pk}, **HTMX
    ).content.decode()
    assert _focuspunt_opties(deel) == _focuspunten("noordhove")


def test_geweigerd_focuspunt_blijft_gekozen(client, regisseur_a):
    """Without JavaScript the list can be of the wijk the page was opened with: saving
    refuses a focuspunt of another wijk and shows it chosen, with the message."""
    client.force_login(regisseur_a)
    ander = Focuspunt.objects.exclude(wijken__slug="oosterheem").first()
    tekst = client.post(reverse("signalen:nieuw"), _snel(focuspunt=ander.pk)).content.decode()
    assert "hoort niet bij Oosterheem" in tekst
    assert f'<option value="{ander.pk}" selected>' in tekst
    assert _focuspunt_opties(tekst) == _focuspunten("oosterheem") | {ander.pk}


def test_wijzigen_biedt_focuspunten_van_de_eigen_wijk(client, regisseur_a, maak_signaal):
    signaal = maak_signaal(door=regisseur_a)
    client.force_login(regisseur_a)
    tekst = client.get(reverse("signalen:wijzigen", args=[signaal.pk])).content.decode()
    assert _focuspunt_opties(tekst) == _focuspunten("oosterheem")
