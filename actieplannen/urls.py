from django.urls import path

from actieplannen import analyse, views

app_name = "actieplannen"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.plan, name="plan"),
    path("<int:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<int:pk>/doel/nieuw/", views.doel_nieuw, name="doel_nieuw"),
    path("<int:pk>/project/nieuw/", views.project_nieuw, name="project_nieuw"),
    path("<int:pk>/vaststellen/", views.vaststellen, name="vaststellen"),
    path("<int:pk>/evalueren/", views.evalueren, name="evalueren"),
    path("<int:pk>/vervolg/", views.vervolg, name="vervolg"),
    path("doel/<int:pk>/", views.doel, name="doel"),
    path("doel/<int:pk>/indicator/", views.doelindicator, name="doelindicator"),
    path("project/<int:pk>/", views.project, name="project"),
    path("project/<int:pk>/bewerken/", views.project_bewerken, name="project_bewerken"),
    path("project/<int:pk>/afweging/", views.afweging, name="afweging"),
    path("project/<int:pk>/status/", views.project_status, name="project_status"),
    path("project/<int:pk>/realisatie/", views.realisatie, name="realisatie"),
    path("project/<int:pk>/evaluatie/", views.project_evaluatie, name="project_evaluatie"),
    # Measurements and the analysis under the plan (actieplannen/analyse.py).
    path("metingen/", analyse.metingen, name="metingen"),
    path("metingen/import/", analyse.importeren, name="importeren"),
    path("wijkanalyse/<slug:slug>/", analyse.wijkanalyse, name="wijkanalyse"),
]
