import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.core.signals import got_request_exception
from django.shortcuts import redirect, resolve_url
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from wijkwerk import logboek, tweestaps

SESSION_START_KEY = "wijkwerk_sessie_start"


class SessionMaxAgeMiddleware:
    """End a session 12 hours (SESSION_MAX_SECONDS) after login, however active it is.

    The idle limit is Django's own SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            start = request.session.get(SESSION_START_KEY)
            if start is not None and time.time() - start > settings.SESSION_MAX_SECONDS:
                logout(request)
                return redirect(resolve_url(settings.LOGIN_URL) + "?verlopen=1")
        response = self.get_response(request)
        # After the view, so the login request itself starts the clock.
        if request.user.is_authenticated and SESSION_START_KEY not in request.session:
            request.session[SESSION_START_KEY] = time.time()
        return response


class TweestapsMiddleware:
    """Until the session passed the second step (wijkwerk.tweestaps), a user who must pass it
    reaches only that step and logging out; every other page, /beheer/ too, sends them there
    and back afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "tweestaps_vrij", False) or not tweestaps.nog_open(request):
            return None
        return redirect_to_login(
            request.get_full_path(), resolve_url("tweestaps"), redirect_field_name="next"
        )


class VaryOnHtmxMiddleware:
    """Pages answer htmx requests with a partial, so caches must key on HX-Request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        return response


class ServerTimingMiddleware:
    """`Server-Timing: app;dur=…` on every response: the time spent inside Django.

    Installed only with SERVER_TIMING=true (the benchmark sets it), so a deployment does
    not tell every client how long its requests take.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
        return response


class OngeldigTeken(BadRequest):
    """A 400 whose message is for the user (wijkwerk.views.ongeldig_verzoek shows it)."""


class NulTekenMiddleware:
    """Refuse a request with a NUL character in its path, query, form or cookies.

    PostgreSQL cannot store or even compare text holding NUL, so such a value would fail as
    a 500 wherever it reached a query. Refused here once, before the session is read (a NUL
    in the session cookie fails that lookup too). Refused rather than stripped: the value
    is never what someone typed, and a silently changed text is worse than a clear no.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        teksten = [request.path_info, *request.COOKIES, *request.COOKIES.values()]
        for gegevens in (request.GET, request.POST):
            for naam, waarden in gegevens.lists():
                teksten += [naam, *waarden]
        for _, bestanden in request.FILES.lists():
            teksten += [bestand.name or "" for bestand in bestanden]
        if any("\x00" in tekst for tekst in teksten):
            raise OngeldigTeken(
                "Wat u verstuurde, bevat een teken dat wij niet kunnen verwerken (een "
                "onzichtbaar nulteken). Dat gebeurt soms als u tekst kopieert uit een ander "
                "programma. Ga terug, typ de tekst opnieuw en verstuur het nog eens."
            )
        return self.get_response(request)


class VerzoekLogMiddleware:
    """Outermost: gives each request its id (X-Request-ID, also on the error pages) and writes
    its line in the access log (wijkwerk.logboek) once the answer is complete, whichever layer
    made it."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(logboek.onthoud_fout, dispatch_uid="wijkwerk.logboek")

    def __call__(self, request):
        start = time.perf_counter()
        request.verzoek_id = logboek.verzoek_id(request.headers.get("X-Request-ID"))
        response = self.get_response(request)
        response["X-Request-ID"] = request.verzoek_id
        logboek.schrijf(request, response, time.perf_counter() - start)
        return response


class NietBewarenMiddleware:
    """`Cache-Control: no-store` on every answer to a browser that has a session: what a
    signed-in user sees (signals, the access log, exports, contact data) may hold personal
    data and must stay in no cache, the browser's included. Decided on the cookie, not on
    request.user, so it holds while the database is away. Inside WhiteNoise, so static files
    keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            add_never_cache_headers(response)
        return response
