from django.db import migrations

from wijkwerk.rollen import ALLE, maak_rollen


def maak(apps, schema_editor):
    maak_rollen(apps)


def verwijder(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ALLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wijken", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak, verwijder)]
