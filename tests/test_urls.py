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
    "initiatieven:indienen": [],
    "initiatieven:bevestiging": [],
    "initiatieven:status": ["onbekend-token"],
    "rapportage:wijkpaginas": [],
    "rapportage:wijkpagina": ["oosterheem"],
}
# Public pages that answer anonymous visitors with something else than 200.
PUBLIEK_STATUS = {"initiatieven:bevestiging": 302, "initiatieven:status": 404}
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
def test_publiek_zonder_inloggen(client, db, naam):
    from django.urls import reverse

    response = client.get(reverse(naam, args=PUBLIEK[naam]))
    assert response.status_code == PUBLIEK_STATUS.get(naam, 200)


@pytest.mark.parametrize("pad", ["/beheer/", "/beheer/wijken/wijk/", "/beheer/auth/user/"])
def test_beheer_anoniem_naar_inloggen(client, db, pad):
    response = client.get(pad)
    assert response.status_code == 302
    assert "login" in response["Location"] or "inloggen" in response["Location"]
