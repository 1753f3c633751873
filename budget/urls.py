from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("wachtrij/", views.wachtrij, name="wachtrij"),
    path("jaar-openen/", views.jaar_openen, name="jaar_openen"),
    path("<int:jaar>/", views.jaar, name="jaar"),
    path("voorstel/nieuw/", views.nieuw_huidig, name="nieuw_huidig"),
    path("<int:jaar>/voorstel/nieuw/", views.nieuw, name="nieuw"),
    path("<int:jaar>/herverdelen/", views.herverdelen, name="herverdelen"),
    path("<int:jaar>/boekingen.csv", views.export_boekingen, name="export_boekingen"),
    path("<int:jaar>/voorstellen.csv", views.export_voorstellen, name="export_voorstellen"),
    path("voorstel/<int:pk>/", views.voorstel, name="voorstel"),
    path("voorstel/<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("voorstel/<int:pk>/afwijzen/", views.afwijzen, name="afwijzen"),
    path("voorstel/<int:pk>/realisatie/", views.realisatie, name="realisatie"),
    path("voorstel/<int:pk>/afsluiten/", views.afsluiten, name="afsluiten"),
    path("voorstel/<int:pk>/intrekken/", views.intrekken, name="intrekken"),
]
