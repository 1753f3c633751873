from django.urls import path

from initiatieven import views

app_name = "initiatieven"

urlpatterns = [
    # Public: the intake form, its confirmation and the private status link.
    path("initiatief/", views.indienen, name="indienen"),
    path("initiatief/ontvangen/", views.bevestiging, name="bevestiging"),
    path("initiatief/status/<str:token>/", views.status, name="status"),
    # Staff.
    path("initiatieven/", views.lijst, name="lijst"),
    path("initiatieven/doorlooptijd/", views.doorlooptijd, name="doorlooptijd"),
    path("initiatieven/wijk/<slug:slug>/", views.wijk, name="wijk"),
    path("initiatieven/vergaderingen/", views.vergaderingen, name="vergaderingen"),
    path("initiatieven/vergaderingen/<int:pk>/", views.vergadering, name="vergadering"),
    path("initiatieven/vergaderingen/<int:pk>/agenda/", views.agendeer, name="agendeer"),
    path(
        "initiatieven/vergaderingen/<int:pk>/besluitenlijst/",
        views.besluitenlijst,
        name="besluitenlijst",
    ),
    path(
        "initiatieven/agendapunten/<int:pk>/verwijderen/",
        views.verwijder_punt,
        name="verwijder_punt",
    ),
    path("initiatieven/agendapunten/<int:pk>/orden/", views.orden_punt, name="orden_punt"),
    path("initiatieven/agendapunten/<int:pk>/advies/", views.advies, name="advies"),
    path("initiatieven/agendapunten/<int:pk>/besluit/", views.besluit, name="besluit"),
    path("initiatieven/<str:referentie>/", views.detail, name="detail"),
    path("initiatieven/<str:referentie>/triage/", views.triage, name="triage"),
    path("initiatieven/<str:referentie>/incompleet/", views.incompleet, name="incompleet"),
    path("initiatieven/<str:referentie>/antwoord/", views.antwoord, name="antwoord"),
    path("initiatieven/<str:referentie>/compleet/", views.compleet, name="compleet"),
]
