from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from wijkwerk import tweestaps, views

admin.site.site_header = "Wijkwerk beheer"
admin.site.site_title = "Wijkwerk beheer"
admin.site.index_title = "Beheer van wijken, regie en gebruikers"

urlpatterns = [
    path("", views.start, name="start"),
    path("healthz", views.healthz, name="healthz"),
    # Asked for by browsers and crawlers whatever a page links; the icon is an SVG.
    path(
        "favicon.ico",
        tweestaps.vrij(
            login_not_required(RedirectView.as_view(url=lazy(static, str)("favicon.svg")))
        ),
        name="favicon",
    ),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("inloggen/", login_not_required(views.LoginView.as_view()), name="login"),
    path("uitloggen/", tweestaps.vrij(auth_views.LogoutView.as_view()), name="logout"),
    path("tweestaps/", tweestaps.code, name="tweestaps"),
    path("tweestaps/instellen/", tweestaps.instellen, name="tweestaps_instellen"),
    path("tweestaps/herstelcodes/", tweestaps.herstelcodes, name="tweestaps_herstelcodes"),
    path("wijken/", include("wijken.urls")),
    path("budget/", include("budget.urls")),
    path("", include("initiatieven.urls")),
    path("signalen/", include("signalen.urls")),
    path("actieplannen/", include("actieplannen.urls")),
    path("", include("rapportage.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "wijkwerk.views.ongeldig_verzoek"
handler403 = "wijkwerk.views.geen_toegang"
handler404 = "wijkwerk.views.pagina_niet_gevonden"
handler500 = "wijkwerk.views.serverfout"
