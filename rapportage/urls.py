from django.urls import path

from rapportage import views

app_name = "rapportage"

K = "rapportage/<int:jaar>/<int:kwartaal>/"

urlpatterns = [
    path("rapportage/", views.overzicht, name="overzicht"),
    path(K, views.rapport, name="rapport_stad"),
    path(K + "pdf/", views.rapport_pdf, name="rapport_stad_pdf"),
    path(K + "vaststellen/", views.vaststellen, name="vaststellen_stad"),
    path(K + "<slug:wijk>/", views.rapport, name="rapport"),
    path(K + "<slug:wijk>/pdf/", views.rapport_pdf, name="rapport_pdf"),
    path(K + "<slug:wijk>/hoogtepunten/", views.hoogtepunten, name="hoogtepunten"),
    path(K + "<slug:wijk>/vaststellen/", views.vaststellen, name="vaststellen"),
    # Public, for inwoners: from adopted reports only.
    path("wijk/", views.wijkpaginas, name="wijkpaginas"),
    path("wijk/<slug:slug>/", views.wijkpagina, name="wijkpagina"),
]
