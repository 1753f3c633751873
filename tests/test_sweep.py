"""Security sweep over every URL pattern, /beheer/ included, for every role on the demo data.

What each role gets comes from the classification in tests/test_urls.py (PUBLIEK, PRIVE,
GET_PER_ROL), so a new URL fails here until it is classified there. Every response carries
the security headers; every unsafe method without a CSRF token is refused.
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import Client
from tests.test_instellingen import PRODUCTIE, _manage
from tests.test_urls import (
    ADMIN_NAMESPACE,
    DEMO_ARGS,
    GET_PER_ROL,
    PRIVE,
    PUBLIEK,
    PUBLIEK_STATUS,
    SWEEP_ROLLEN,
    _namen,
)

ROLLEN = ["anoniem", *SWEEP_ROLLEN]
ONVEILIG = ("post", "put", "patch", "delete")
# Paths that take an unsafe request without a CSRF token, each with the reason. None: even
# the public intake form and the login carry the token.
CSRF_VRIJ: dict[str, str] = {}


def _client(rollen, rol, **opties):
    client = Client(**opties)
    if rollen[rol] is not None:
        client.force_login(rollen[rol])
    return client


def _url(naam):
    args = DEMO_ARGS[naam]() if naam in DEMO_ARGS else {**PUBLIEK, **PRIVE}[naam]
    return reverse(naam, args=args)


def _verwacht(naam, rol):
    if rol == "anoniem":
        return 302 if naam in PRIVE else PUBLIEK_STATUS.get(naam, 200)
    statussen = GET_PER_ROL.get(naam, "200 200 200 200").split()
    return int(statussen[SWEEP_ROLLEN.index(rol)])


def _naar_inloggen(response, *logins):
    logins = logins or ("/inloggen/",)
    locatie = response.get("Location", "")
    return response.status_code == 302 and locatie.startswith(tuple(f"{u}?next=" for u in logins))


def _csp(response):
    regels = (d.split() for d in response.get("Content-Security-Policy", "").split(";"))
    return {d[0]: d[1:] for d in regels if d}


def _header_fouten(wat, response):
    fouten = []
    if response.get("X-Content-Type-Options") != "nosniff":
        fouten.append(f"{wat}: geen X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") != "same-origin":
        fouten.append(f"{wat}: Referrer-Policy is {response.get('Referrer-Policy')!r}")
    if "text/html" in response.get("Content-Type", ""):
        csp = _csp(response)
        if csp.get("frame-ancestors") != ["'none'"]:
            fouten.append(f"{wat}: CSP zonder frame-ancestors 'none': {csp}")
        scripts = csp.get("script-src", csp.get("default-src"))
        if not scripts or {"'unsafe-inline'", "'unsafe-eval'"} & set(scripts):
            fouten.append(f"{wat}: CSP laat inline of eval-scripts toe: {scripts}")
    return fouten


def _app_namen():
    return sorted(n for n in set(PUBLIEK) | set(PRIVE) if n != "logout")


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_url_voor_elke_rol(demo_rollen, rol):
    client = _client(demo_rollen, rol)
    urls = {naam: _url(naam) for naam in _app_namen()}
    fouten, get_status = [], {}
    for naam, url in urls.items():
        response = client.get(url)
        get_status[naam] = response.status_code
        fouten += _header_fouten(f"GET {url}", response)
        if response.status_code != _verwacht(naam, rol):
            fouten.append(
                f"GET {url} ({naam}): {response.status_code}, verwacht {_verwacht(naam, rol)}"
            )
        elif rol == "anoniem" and naam in PRIVE and not _naar_inloggen(response):
            fouten.append(f"GET {url}: anoniem niet naar inloggen maar {response['Location']}")
    # Only after every GET: an empty POST may still change what a later page shows. (PUT,
    # PATCH and DELETE: test_onveilige_methoden_zonder_csrf_token_geweigerd.)
    for naam, url in urls.items():
        response = client.post(url)
        fouten += _header_fouten(f"POST {url}", response)
        if response.status_code >= 500:
            fouten.append(f"POST {url}: {response.status_code}")
        elif rol == "anoniem" and naam in PRIVE and not _naar_inloggen(response):
            fouten.append(f"POST {url}: anoniem kreeg {response.status_code}")
        elif get_status[naam] == 403 and response.status_code not in (403, 405):
            fouten.append(f"POST {url}: {response.status_code}, terwijl GET 403 geeft")
    # Logging out last: it ends the session the other requests used.
    assert client.get(reverse("logout")).status_code == (302 if rol == "anoniem" else 405)
    assert client.post(reverse("logout")).status_code == 302
    assert not fouten, "\n".join(fouten)


# --- /beheer/ ---------------------------------------------------------------------------


# The site's login (LoginRequiredMiddleware, before the admin) or the admin's own.
BEHEER_LOGIN = ("/inloggen/", "/beheer/login/")


def _geregistreerd():
    return [m for m in apps.get_models() if admin.site.is_registered(m)]


# The admin's own pages, with what they answer the beheerder.
SITEPAGINAS = {
    "index": 200,
    "login": 302,  # signed in already
    "password_change": 200,
    "password_change_done": 200,
    "jsi18n": 200,
    "autocomplete": 403,  # without the field it is asked for
}
# The admin's pages about one object, with the permission each asks of the beheerder; None:
# refused to everybody.
OBJECTPAGINAS = {
    "change": "has_view_or_change_permission",
    "history": "has_view_or_change_permission",
    "delete": "has_delete_permission",
    "password_change": "has_change_permission",  # auth.User
    # django-otp's key and QR code of an authenticator app: a secret nobody reads back
    # (OTP_ADMIN_HIDE_SENSITIVE_DATA).
    "config": None,
    "qrcode": None,
}


def _admin_paginas():
    """(page, url, model, object) for every URL of /beheer/; a URL the admin adds (a new
    model, a new Django version) that the sweep cannot fill in fails here."""
    modellen = {f"{m._meta.app_label}_{m._meta.model_name}_": m for m in _geregistreerd()}
    wijk = apps.get_model("wijken", "Wijk").objects.order_by("pk").first()
    for naam in sorted(_namen()):
        if not naam.startswith(f"{ADMIN_NAMESPACE}:"):
            continue
        kort = naam.removeprefix(f"{ADMIN_NAMESPACE}:")
        if kort == "logout":
            continue  # POST only; it ends the session, so the tests request it last
        if kort.startswith("<naamloos"):
            continue  # the admin's redirects from old-style object URLs and its catch-all
        if kort == "app_list":
            for label in sorted({m._meta.app_label for m in modellen.values()}):
                yield kort, reverse(naam, kwargs={"app_label": label}), None, label
        elif kort == "view_on_site":
            args = [ContentType.objects.get_for_model(wijk).pk, wijk.pk]
            yield kort, reverse(naam, args=args), None, wijk
        elif kort in SITEPAGINAS:
            yield kort, reverse(naam), None, None
        else:
            prefix = next((p for p in modellen if kort.startswith(p)), None)
            assert prefix, f"{naam}: een URL van /beheer/ die de sweep niet kent"
            model, pagina = modellen[prefix], kort.removeprefix(prefix)
            if pagina in ("changelist", "add"):
                yield pagina, reverse(naam), model, None
                continue
            assert pagina in OBJECTPAGINAS, f"{naam}: een beheerpagina die de sweep niet kent"
            obj = model._default_manager.order_by("pk").first()
            if obj is not None:
                yield pagina, reverse(naam, args=[obj.pk]), model, obj


def _beheerder_verwacht(pagina, model, obj, user):
    if pagina == "app_list":
        return 200 if user.has_module_perms(obj) else 404
    if model is None:
        return SITEPAGINAS.get(pagina, 302)  # view_on_site: to the wijk's own page
    model_admin = admin.site.get_model_admin(model)
    request = RequestFactory().get("/")
    request.user = user
    if pagina == "changelist":
        mag = model_admin.has_view_or_change_permission(request)
    elif pagina == "add":
        mag = model_admin.has_add_permission(request)
    else:
        recht = OBJECTPAGINAS[pagina]
        mag = recht is not None and getattr(model_admin, recht)(request, obj)
    return 200 if mag else 403


@pytest.mark.parametrize("rol", ROLLEN)
def test_beheer_voor_elke_rol(demo_rollen, rol):
    client = _client(demo_rollen, rol)
    paginas = list(_admin_paginas())
    assert len(paginas) > 3 * len(_geregistreerd())
    fouten = []
    for pagina, url, model, obj in paginas:
        response = client.get(url)
        fouten += _header_fouten(f"GET {url}", response)
        if rol == "beheerder":
            verwacht = _beheerder_verwacht(pagina, model, obj, demo_rollen[rol])
            if response.status_code != verwacht:
                fouten.append(f"GET {url}: {response.status_code}, verwacht {verwacht}")
        elif pagina == "login":
            # Signed in without staff rights: the admin's login page says so.
            if response.status_code != 200:
                fouten.append(f"GET {url}: {response.status_code}")
        elif not _naar_inloggen(response, *BEHEER_LOGIN):
            fouten.append(f"GET {url}: {response.status_code} voor {rol}")
    for pagina, url, _model, _obj in paginas:
        response = client.post(url)
        fouten += _header_fouten(f"POST {url}", response)
        if response.status_code >= 500:
            fouten.append(f"POST {url}: {response.status_code}")
        elif (
            rol != "beheerder" and pagina != "login" and not _naar_inloggen(response, *BEHEER_LOGIN)
        ):
            fouten.append(f"POST {url}: {response.status_code} voor {rol}")
    assert client.post(reverse("admin:logout")).status_code in (200, 302)
    assert not fouten, "\n".join(fouten)


# --- CSRF -------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["anoniem", "beheerder"])
def test_onveilige_methoden_zonder_csrf_token_geweigerd(demo_rollen, rol):
    client = _client(demo_rollen, rol, enforce_csrf_checks=True)
    urls = [_url(naam) for naam in _app_namen()] + [reverse("logout")]
    urls += [url for _pagina, url, _m, _o in _admin_paginas()] + [reverse("admin:logout")]
    fouten = []
    for url in urls:
        for methode in ONVEILIG:
            response = getattr(client, methode)(url)
            fouten += _header_fouten(f"{methode.upper()} {url}", response)
            geweigerd = response.status_code == 403 and b"CSRF" in response.content
            if not geweigerd and url not in CSRF_VRIJ:
                fouten.append(f"{methode.upper()} {url} zonder token: {response.status_code}")
    assert not fouten, "\n".join(fouten)
    # Still signed in: no request without a token got as far as logging out.
    assert client.get(reverse("start")).status_code == 200


# --- Deployment -------------------------------------------------------------------------


def test_check_deploy_schoon_met_de_productie_env_uit_de_readme(db):
    from django.db import connection

    env = {
        **PRODUCTIE,
        "DATABASE_URL": "postgres://postgres@/{}?host={}".format(
            connection.settings_dict["NAME"], connection.settings_dict["HOST"]
        ),
        "TRUSTED_PROXIES": "10.0.1.5",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"no issues", result.stdout), result.stdout
