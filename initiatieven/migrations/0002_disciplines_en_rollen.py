from django.db import migrations

from initiatieven.referentiedata import DISCIPLINES
from wijkwerk.rollen import maak_rollen


def vul(apps, schema_editor):
    Discipline = apps.get_model("initiatieven", "Discipline")
    for naam in DISCIPLINES:
        Discipline.objects.get_or_create(naam=naam)
    # The role groups get the permissions of the new models.
    maak_rollen(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatieven", "0001_initial"),
        ("wijken", "0002_rollen"),
    ]

    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
