import sys

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijken.models import Wijk
from wijkwerk import rollen as r
from wijkwerk.apps_met import modules
from wijkwerk.forms import InlogForm
from wijkwerk.middleware import OngeldigTeken


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        # Drop the broken connection so the next request opens a fresh one.
        connection.close_if_unusable_or_obsolete()
        return HttpResponse("database onbereikbaar\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        # The public front door: what an inwoner can do here, the staff login below it.
        return render(request, "publiek/start.html", {"norm": settings.INITIATIEF_NORM_DAGEN})
    # A regisseur's wijken of today, else a wethouder's: both come with the user.
    mijn = r.regisseur_wijk_ids(user) or r.wethouder_wijk_ids(user)
    mijn_wijken = Wijk.objects.filter(pk__in=mijn) if mijn else Wijk.objects.none()
    return render(
        request,
        "start.html",
        {
            "mijn_wijken": mijn_wijken.met_regisseur_vandaag(),
            "is_regisseur": r.heeft_rol(user, r.REGISSEUR),
            "is_wethouder": r.heeft_rol(user, r.WETHOUDER),
            "is_groene_loper": r.heeft_rol(user, r.GROENE_LOPER),
            "is_beheerder": r.heeft_rol(user, r.BEHEERDER),
            # What waits for this user, from every app's <app>/start.py.
            "taken": [t for module in modules("start") for t in module.taken(user)],
        },
    )


@login_not_required
@require_GET
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    return render(request, "publiek/toegankelijkheid.html")


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = InlogForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verlopen"] = "verlopen" in self.request.GET
        return context


def _verzoek_id(request) -> str:
    # Set by wijkwerk.middleware.VerzoekLogMiddleware; on the page, so a user can quote it.
    return getattr(request, "verzoek_id", "")


def pagina_niet_gevonden(request, exception=None):
    return render(request, "404.html", {"verzoek_id": _verzoek_id(request)}, status=404)


def geen_toegang(request, exception=None):
    # A refusal raised with a reason ("U bent niet de wijkwethouder van …") says it; Django's
    # own refusals (admin, permissions) carry none and get the general text.
    reden = str(exception) if exception is not None and exception.args else ""
    return render(
        request, "403.html", {"reden": reden, "verzoek_id": _verzoek_id(request)}, status=403
    )


def ongeldig_verzoek(request, exception=None):
    # No request context: a refused request may stop before its session and user exist (a
    # NUL in the session cookie, an unknown host), and the menu would look them up.
    if fout := _database_fout(exception):
        # Saving the session failed (Django reports that as SessionInterrupted, a 400).
        return niet_beschikbaar(request, fout)
    reden = str(exception) if isinstance(exception, OngeldigTeken) else ""
    context = {"reden": reden, "verzoek_id": _verzoek_id(request)}
    return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def serverfout(request):
    # Called while the exception is being handled, in whichever layer it happened (session,
    # middleware, view).
    if fout := _database_fout(sys.exc_info()[1]):
        return niet_beschikbaar(request, fout)
    # No request context: the database may be what failed, so no user or session lookups.
    context = {"verzoek_id": _verzoek_id(request)}
    return HttpResponse(loader.get_template("500.html").render(context), status=500)


def _database_fout(fout):
    """The error of an unreachable database, also when it caused the one raised (the
    session's UpdateError); else None."""
    while fout is not None:
        if isinstance(fout, OperationalError | InterfaceError):
            return fout
        fout = fout.__cause__ or fout.__context__
    return None


def niet_beschikbaar(request, fout):
    """The 503 while the database is away, as /healthz answers: rendered without the request,
    whose session and user would need the database."""
    request.database_fout = fout  # for its line in the access log
    context = {"verzoek_id": _verzoek_id(request), "verstuurd": request.method == "POST"}
    response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = "60"
    add_never_cache_headers(response)
    return response
