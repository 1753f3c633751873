from django.apps import AppConfig


class ActieplannenConfig(AppConfig):
    name = "actieplannen"
    verbose_name = "Actieplannen"
