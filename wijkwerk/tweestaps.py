"""Two-step verification after the password: a code from an authenticator app (TOTP), or a
recovery code, through django-otp. Who must pass it: `vereist`; the middleware sends them
here until their session is verified (wijkwerk.middleware.TweestapsMiddleware)."""

from base64 import b32encode
from binascii import unhexlify

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from wijken.laden import DEMO_EMAILDOMEIN
from wijkwerk import rollen as r

AANTAL_HERSTELCODES = 10
# The secret of an enrolment in progress lives in the session until a code confirms it, so
# opening the page (a GET) writes nothing to the database.
SESSIE_SLEUTEL = "tweestaps_nieuwe_sleutel"
SESSIE_HERSTELCODES = "tweestaps_herstelcodes"


def vereist(user) -> bool:
    """Whether this user must pass the second step: a role in TWEESTAPS_ROLLEN, or access to
    /beheer/. Under `make run` (TWEESTAPS_DEMO_OVERSLAAN) the demo accounts of laad_demo do
    not: both the flag and the demo address are needed."""
    if not user.is_authenticated:
        return False
    if settings.TWEESTAPS_DEMO_OVERSLAAN and user.email.endswith("@" + DEMO_EMAILDOMEIN):
        return False
    return user.is_staff or r.heeft_rol(user, *settings.TWEESTAPS_ROLLEN)


def nog_open(request) -> bool:
    """Signed in with the password, the second step still to do."""
    return vereist(request.user) and not request.user.is_verified()


def vrij(view):
    """View decorator: reachable before the second step (the step itself, logging out)."""
    view.tweestaps_vrij = True
    return view


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Vul de code in."},
        widget=forms.TextInput(
            attrs={
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        # People copy codes with spaces or hyphens ("123 456", "abcd-efgh").
        return "".join(c for c in self.cleaned_data["code"].lower() if c.isalnum())


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse(settings.LOGIN_REDIRECT_URL)


def _met_volgende(naam, request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next")
    url = reverse(naam)
    return f"{url}?{urlencode({'next': volgende})}" if volgende else url


def _controleer(device, code):
    """(verified, locked_until): the device's own throttling (django-otp, exponential
    back-off after each wrong code) refuses even a right code while it lasts."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        mag, info = device.verify_is_allowed()
        if not mag:
            return False, info.get("locked_until")
        return device.verify_token(code), None


def _verifieer(request, device) -> None:
    # A new session key for the raised privilege, as Django's login() does for the first step.
    request.session.cycle_key()
    otp_login(request, device)


@vrij
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """The second step for a user with an authenticator app: its code or a recovery code."""
    user = request.user
    if not vereist(user) or user.is_verified():
        return redirect(_volgende(request))
    app = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if app is None:
        return redirect(_met_volgende("tweestaps_instellen", request))
    form = CodeForm(request.POST or None)
    geblokkeerd_tot = None
    if form.is_valid():
        invoer = form.cleaned_data["code"]
        # Six digits come from the app; anything else can only be a recovery code.
        if invoer.isdigit() and len(invoer) == app.digits:
            device = app
        else:
            device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
        goed, geblokkeerd_tot = _controleer(device, invoer) if device else (False, None)
        if goed:
            _verifieer(request, device)
            if device is not app:
                over = device.token_set.count()
                messages.info(
                    request,
                    f"U heeft een herstelcode gebruikt. U heeft er nog {over}."
                    if over
                    else "U heeft uw laatste herstelcode gebruikt. Vraag de beheerder om uw "
                    "tweestapsverificatie opnieuw in te stellen.",
                )
            return redirect(_volgende(request))
        form.add_error(
            "code",
            "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."
            if geblokkeerd_tot
            else "Deze code klopt niet. Vul de code in die uw app nu toont, of een herstelcode.",
        )
    return render(
        request,
        "registration/tweestaps_code.html",
        {"form": form, "next": _volgende(request), "geblokkeerd_tot": geblokkeerd_tot},
        status=400 if form.errors else 200,
    )


@vrij
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def instellen(request: HttpRequest) -> HttpResponse:
    """Enrolment: scan the QR code (or type the key), confirm with a code from the app; then
    the recovery codes, shown once."""
    user = request.user
    if not vereist(user) or user.is_verified():
        return redirect(_volgende(request))
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        # Whoever has only the password may not replace an app that is already set up.
        return redirect(_met_volgende("tweestaps", request))
    sleutel = request.session.get(SESSIE_SLEUTEL)
    if sleutel is None:
        sleutel = request.session[SESSIE_SLEUTEL] = random_hex(20)
    app = TOTPDevice(user=user, name="Authenticator-app", key=sleutel, confirmed=False)
    form = CodeForm(request.POST or None)
    geblokkeerd_tot = None
    if form.is_valid():
        # Saved unconfirmed before checking, so wrong codes count in its throttling too.
        app, _ = TOTPDevice.objects.get_or_create(
            user=user, key=sleutel, confirmed=False, defaults={"name": app.name}
        )
        goed, geblokkeerd_tot = _controleer(app, form.cleaned_data["code"])
        if goed:
            codes = _bevestig(user, app)
            del request.session[SESSIE_SLEUTEL]
            _verifieer(request, app)
            request.session[SESSIE_HERSTELCODES] = codes
            return redirect(_met_volgende("tweestaps_herstelcodes", request))
        form.add_error(
            "code",
            "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."
            if geblokkeerd_tot
            else "Deze code klopt niet. Vul de code van 6 cijfers in die uw app nu toont.",
        )
    geheim = b32encode(unhexlify(sleutel)).decode()
    return render(
        request,
        "registration/tweestaps_instellen.html",
        {
            "form": form,
            "next": _volgende(request),
            "geblokkeerd_tot": geblokkeerd_tot,
            # An SVG drawn here, as a data: URI (the CSP allows images from data:).
            "qr": segno.make(app.config_url, error="m").svg_data_uri(scale=4, border=4),
            # In groups of four, as authenticator apps show a key.
            "geheim": " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4)),
        },
        status=400 if form.errors else 200,
    )


@transaction.atomic
def _bevestig(user, app) -> list[str]:
    app.confirmed = True
    app.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    StaticDevice.objects.filter(user=user).delete()
    herstel = StaticDevice.objects.create(user=user, name="Herstelcodes")
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    herstel.token_set.bulk_create([StaticToken(device=herstel, token=c) for c in codes])
    return codes


@never_cache
@require_GET
def herstelcodes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, once: taken from the session as they are shown."""
    codes = request.session.pop(SESSIE_HERSTELCODES, None)
    if not codes:
        return redirect(_volgende(request))
    return render(
        request,
        "registration/tweestaps_herstelcodes.html",
        {"codes": codes, "next": _volgende(request)},
    )
