from django.urls import path

from wijken import views

app_name = "wijken"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("regie/", views.regie_overzicht, name="regie_overzicht"),
    path("<slug:slug>/", views.dossier, name="dossier"),
    path("<slug:slug>/regie/", views.regie, name="regie"),
    path("<slug:slug>/regie/<int:pk>/beeindigen/", views.beeindigen, name="beeindigen"),
    path("<slug:slug>/regie/overdragen/", views.overdragen, name="overdragen"),
]
