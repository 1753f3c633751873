"""Database expressions the apps share."""

from django.db.models import Aggregate, FloatField


class Mediaan(Aggregate):
    """The median in the database (PostgreSQL's percentile_cont), which Django lacks."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
