from django.db import migrations

from wijkwerk.rollen import maak_rollen


def vul(apps, schema_editor):
    # The role groups exist since wijken 0002; give them the actieplannen permissions too.
    maak_rollen(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("actieplannen", "0002_metingimport"),
        ("wijken", "0002_rollen"),
    ]

    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
