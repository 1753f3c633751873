from django.db import migrations

from wijkwerk.rollen import maak_rollen


def maak(apps, schema_editor):
    # wijken 0002 created the groups before these models existed: add their permissions.
    maak_rollen(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0001_wijkbudget"),
        ("wijken", "0002_rollen"),
    ]

    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]
