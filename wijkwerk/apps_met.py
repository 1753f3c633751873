"""Modules by convention: each app may have an `<app>/<naam>.py` that the project picks up
(bench pages, wijkdossier sections, reference data, demo data), so the core never imports a
feature app by name."""

import functools
import importlib
import importlib.util

from django.apps import apps


@functools.cache
def modules(naam: str) -> tuple:
    """The module `<app>.<naam>` of every installed app that has one, in INSTALLED_APPS order.
    Looked up once per process: the start page and the wijkdossier ask on every request."""
    return tuple(
        importlib.import_module(f"{app.name}.{naam}")
        for app in apps.get_app_configs()
        if importlib.util.find_spec(f"{app.name}.{naam}")
    )
