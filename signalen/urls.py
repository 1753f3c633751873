from django.urls import path

from signalen import views

app_name = "signalen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("signalering/", views.signalering, name="signalering"),
    path("export.csv", views.export, name="export"),
    path("inzagelog/", views.inzagelog, name="inzagelog"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/status/", views.overgang, name="overgang"),
    path("<int:pk>/notitie/", views.notitie, name="notitie"),
]
