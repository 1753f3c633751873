"""Every URL pattern is classified: public, or private with an example to request.

A new URL makes test_alle_urls_geclassificeerd fail until it is added here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIEK = {
    # Anonymous: the public front door; staff get their own start page there.
    "start": [],
    "toegankelijkheid": [],
    "login": [],
    "healthz": [],
    "favicon": [],
    "initiatieven:indienen": [],
    "initiatieven:bevestiging": [],
    "initiatieven:status": ["onbekend-token"],
    "rapportage:wijkpaginas": [],
    "rapportage:wijkpagina": ["oosterheem"],
}
# Public pages that answer anonymous visitors with something else than 200.
PUBLIEK_STATUS = {"initiatieven:bevestiging": 302, "initiatieven:status": 404, "favicon": 302}
PRIVE = {
    "logout": [],
    "tweestaps": [],
    "tweestaps_instellen": [],
    "tweestaps_herstelcodes": [],
    "wijken:overzicht": [],
    "wijken:regie_overzicht": [],
    "wijken:dossier": ["oosterheem"],
    "wijken:regie": ["oosterheem"],
    "wijken:beeindigen": ["oosterheem", 1],
    "wijken:overdragen": ["oosterheem"],
    "budget:overzicht": [],
    "budget:wachtrij": [],
    "budget:jaar_openen": [],
    "budget:jaar": [2019],
    "budget:nieuw": [2019],
    "budget:nieuw_huidig": [],
    "budget:herverdelen": [2019],
    "budget:export_boekingen": [2019],
    "budget:export_voorstellen": [2019],
    "budget:voorstel": [1],
    "budget:goedkeuren": [1],
    "budget:afwijzen": [1],
    "budget:realisatie": [1],
    "budget:afsluiten": [1],
    "budget:intrekken": [1],
    "initiatieven:lijst": [],
    "initiatieven:doorlooptijd": [],
    "initiatieven:wijk": ["oosterheem"],
    "initiatieven:vergaderingen": [],
    "initiatieven:vergadering": [1],
    "initiatieven:agendeer": [1],
    "initiatieven:besluitenlijst": [1],
    "initiatieven:verwijder_punt": [1],
    "initiatieven:orden_punt": [1],
    "initiatieven:advies": [1],
    "initiatieven:besluit": [1],
    "initiatieven:detail": ["GL-2026-0001"],
    "initiatieven:triage": ["GL-2026-0001"],
    "initiatieven:incompleet": ["GL-2026-0001"],
    "initiatieven:antwoord": ["GL-2026-0001"],
    "initiatieven:compleet": ["GL-2026-0001"],
    "signalen:lijst": [],
    "signalen:nieuw": [],
    "signalen:signalering": [],
    "signalen:export": [],
    "signalen:inzagelog": [],
    "signalen:detail": [1],
    "signalen:wijzigen": [1],
    "signalen:overgang": [1],
    "signalen:notitie": [1],
    "rapportage:overzicht": [],
    "rapportage:rapport_stad": [2026, 2],
    "rapportage:vaststellen_stad": [2026, 2],
    "rapportage:rapport": [2026, 2, "oosterheem"],
    "rapportage:rapport_pdf": [2026, 2, "oosterheem"],
    "rapportage:rapport_stad_pdf": [2026, 2],
    "rapportage:hoogtepunten": [2026, 2, "oosterheem"],
    "rapportage:vaststellen": [2026, 2, "oosterheem"],
    "actieplannen:overzicht": [],
    "actieplannen:nieuw": [],
    "actieplannen:plan": [1],
    "actieplannen:bewerken": [1],
    "actieplannen:doel_nieuw": [1],
    "actieplannen:project_nieuw": [1],
    "actieplannen:vaststellen": [1],
    "actieplannen:evalueren": [1],
    "actieplannen:vervolg": [1],
    "actieplannen:doel": [1],
    "actieplannen:doelindicator": [1],
    "actieplannen:project": [1],
    "actieplannen:project_bewerken": [1],
    "actieplannen:afweging": [1],
    "actieplannen:project_status": [1],
    "actieplannen:realisatie": [1],
    "actieplannen:project_evaluatie": [1],
    "actieplannen:metingen": [],
    "actieplannen:importeren": [],
    "actieplannen:wijkanalyse": ["oosterheem"],
}
# The Django admin (the beheer screens) protects itself with its own login page.
ADMIN_NAMESPACE = "admin"


# --- The sweep over the demo data (tests/test_sweep.py) ---------------------------------
# Each example argument above names an object only by chance; the sweep asks for a real one
# of the demo data, in the state the page is for, and in Oosterheem (the regisseur's and the
# wethouder's wijk of the role fixtures).


def _pk(label, veld="pk", **filters):
    from django.apps import apps

    objecten = apps.get_model(label)._default_manager.filter(**filters).order_by("pk")
    return objecten.values_list(veld, flat=True).first()


def _referentie(**filters):
    return _pk("initiatieven.Initiatief", "referentie", **filters)


def _voorstel(status):
    return lambda: [_pk("budget.Bestedingsvoorstel", wijk__slug="oosterheem", status=status)]


def _plan():
    return [_pk("actieplannen.Actieplan", wijk__slug="oosterheem", jaar=2020)]


def _doel():
    return [_pk("actieplannen.Doel", plan__wijk__slug="oosterheem", plan__jaar=2020)]


def _project():
    return [_pk("actieplannen.Project", plan__wijk__slug="oosterheem", plan__jaar=2020)]


def _signaal():
    return [_pk("signalen.Signaal", wijk__slug="oosterheem")]


def _vergadering():
    return [_pk("initiatieven.Vergadering")]


def _agendapunt():
    return [_pk("initiatieven.Agendapunt")]


DEMO_ARGS = {
    "wijken:beeindigen": lambda: ["oosterheem", _pk("wijken.Toewijzing", wijk__slug="oosterheem")],
    "budget:voorstel": _voorstel("ingediend"),
    "budget:goedkeuren": _voorstel("ingediend"),
    "budget:afwijzen": _voorstel("ingediend"),
    "budget:intrekken": _voorstel("ingediend"),
    "budget:realisatie": _voorstel("goedgekeurd"),
    "budget:afsluiten": _voorstel("goedgekeurd"),
    "initiatieven:vergadering": _vergadering,
    "initiatieven:agendeer": _vergadering,
    "initiatieven:besluitenlijst": _vergadering,
    "initiatieven:verwijder_punt": _agendapunt,
    "initiatieven:orden_punt": _agendapunt,
    "initiatieven:advies": _agendapunt,
    "initiatieven:besluit": _agendapunt,
    "initiatieven:detail": lambda: [_referentie()],
    "initiatieven:triage": lambda: [_referentie(status="ontvangen")],
    "initiatieven:incompleet": lambda: [_referentie(status="ontvangen")],
    "initiatieven:antwoord": lambda: [_referentie(status="incompleet")],
    "initiatieven:compleet": lambda: [_referentie(status="ontvangen")],
    "signalen:detail": _signaal,
    "signalen:wijzigen": _signaal,
    "signalen:overgang": _signaal,
    "signalen:notitie": _signaal,
    "actieplannen:plan": _plan,
    "actieplannen:bewerken": _plan,
    "actieplannen:doel_nieuw": _plan,
    "actieplannen:project_nieuw": _plan,
    "actieplannen:vaststellen": _plan,
    "actieplannen:evalueren": _plan,
    "actieplannen:vervolg": _plan,
    "actieplannen:doel": _doel,
    "actieplannen:doelindicator": _doel,
    "actieplannen:project": _project,
    "actieplannen:project_bewerken": _project,
    "actieplannen:afweging": _project,
    "actieplannen:project_status": _project,
    "actieplannen:realisatie": _project,
    "actieplannen:project_evaluatie": _project,
}

# What a GET answers each role on those objects, in the order of SWEEP_ROLLEN; a URL not
# listed opens (200) for all four. Anonymous visitors get the login (PRIVE) or PUBLIEK_STATUS.
# 302: the page sends this role on (an adopted plan is no longer edited, a year or a
# detail page is elsewhere); 405: the URL only takes POST.
SWEEP_ROLLEN = ["regisseur_a", "wethouder", "groene_loper", "beheerder"]
ALLEEN_POST = "405 405 405 405"
GET_PER_ROL = {
    "login": "302 302 302 302",
    "favicon": "302 302 302 302",
    "logout": ALLEEN_POST,
    # The second login step: a session that passed it, or needs none, is sent on.
    "tweestaps": "302 302 302 302",
    "tweestaps_instellen": "302 302 302 302",
    "tweestaps_herstelcodes": "302 302 302 302",
    "initiatieven:bevestiging": "302 302 302 302",
    "initiatieven:status": "404 404 404 404",
    "wijken:regie_overzicht": "403 403 403 200",
    "wijken:regie": "403 403 403 200",
    "wijken:beeindigen": ALLEEN_POST,
    "wijken:overdragen": ALLEEN_POST,
    "budget:overzicht": "302 302 403 302",
    "budget:nieuw_huidig": "302 302 403 302",
    "budget:jaar": "200 200 403 200",
    "budget:wachtrij": "403 200 403 403",
    "budget:jaar_openen": "403 403 403 200",
    "budget:nieuw": "200 403 403 403",
    "budget:herverdelen": "403 200 403 403",
    "budget:export_boekingen": "200 200 403 200",
    "budget:export_voorstellen": "200 200 403 200",
    "budget:voorstel": "200 200 403 200",
    "budget:goedkeuren": "403 200 403 403",
    "budget:afwijzen": ALLEEN_POST,
    "budget:realisatie": ALLEEN_POST,
    "budget:afsluiten": "200 403 403 200",
    "budget:intrekken": ALLEEN_POST,
    "initiatieven:vergadering": "403 403 200 200",
    "initiatieven:agendeer": ALLEEN_POST,
    "initiatieven:verwijder_punt": ALLEEN_POST,
    "initiatieven:orden_punt": ALLEEN_POST,
    "initiatieven:advies": ALLEEN_POST,
    "initiatieven:besluit": ALLEEN_POST,
    "initiatieven:triage": ALLEEN_POST,
    "initiatieven:incompleet": ALLEEN_POST,
    "initiatieven:antwoord": ALLEEN_POST,
    "initiatieven:compleet": ALLEEN_POST,
    "signalen:nieuw": "200 403 403 403",
    "signalen:inzagelog": "403 403 403 200",
    "signalen:wijzigen": "200 403 403 403",
    "signalen:overgang": "302 302 302 302",
    "signalen:notitie": "302 302 302 302",
    "rapportage:vaststellen_stad": "403 200 403 403",
    "rapportage:hoogtepunten": "200 403 403 403",
    "rapportage:vaststellen": "403 200 403 403",
    "actieplannen:nieuw": "200 403 403 200",
    "actieplannen:bewerken": "302 403 403 302",
    "actieplannen:doel_nieuw": "302 403 403 302",
    "actieplannen:project_nieuw": "302 403 403 302",
    "actieplannen:vaststellen": ALLEEN_POST,
    "actieplannen:evalueren": "200 403 403 200",
    "actieplannen:vervolg": ALLEEN_POST,
    "actieplannen:doel": "302 403 403 302",
    "actieplannen:doelindicator": "302 403 403 302",
    "actieplannen:project_bewerken": "302 403 403 302",
    "actieplannen:afweging": "200 403 403 200",
    "actieplannen:project_status": ALLEEN_POST,
    "actieplannen:realisatie": "200 403 403 200",
    "actieplannen:project_evaluatie": "200 403 403 200",
    "actieplannen:importeren": "200 403 403 200",
}


def _namen(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _namen(p, ns)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}" if p.name else f"{prefix}<naamloos {p.pattern}>"


def test_alle_urls_geclassificeerd():
    namen = {n for n in _namen() if not n.startswith(f"{ADMIN_NAMESPACE}:")}
    assert namen == set(PUBLIEK) | set(PRIVE)


@pytest.mark.parametrize("naam,args", sorted(PRIVE.items()))
def test_anoniem_naar_inloggen(client, db, naam, args):
    from django.urls import reverse

    url = reverse(naam, args=args)
    for methode in ("get", "post"):
        response = getattr(client, methode)(url)
        assert response.status_code == 302, (methode, url)
        assert response["Location"].startswith("/inloggen/?next="), (methode, url)


@pytest.mark.parametrize("naam", sorted(PUBLIEK))
def test_publiek_zonder_inloggen(client, referentie, naam):
    from django.urls import reverse

    response = client.get(reverse(naam, args=PUBLIEK[naam]))
    assert response.status_code == PUBLIEK_STATUS.get(naam, 200)


@pytest.mark.parametrize("pad", ["/beheer/", "/beheer/wijken/wijk/", "/beheer/auth/user/"])
def test_beheer_anoniem_naar_inloggen(client, db, pad):
    response = client.get(pad)
    assert response.status_code == 302
    assert "login" in response["Location"] or "inloggen" in response["Location"]
