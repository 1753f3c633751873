"""formulier_token (free text) becomes idempotentie_token (a UUID), the name and type every
once-per-form token has (wijkwerk.eenmaal)."""

import uuid

from django.db import migrations, models


def tokens_als_uuid(apps, schema_editor):
    # Demo ("demo-<titel>") and bench ("bench-<uuid>") rows hold text that is no UUID: it
    # becomes the UUID derived from it, so the column can change type.
    Initiatief = apps.get_model("initiatieven", "Initiatief")
    gewijzigd = []
    for initiatief in Initiatief.objects.exclude(formulier_token=None).only("formulier_token"):
        waarde = initiatief.formulier_token
        try:
            uuid.UUID(waarde)
        except ValueError:
            initiatief.formulier_token = str(uuid.uuid5(uuid.NAMESPACE_URL, waarde))
            gewijzigd.append(initiatief)
    Initiatief.objects.bulk_update(gewijzigd, ["formulier_token"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatieven", "0004_index_besloten"),
    ]

    operations = [
        migrations.RunPython(tokens_als_uuid, migrations.RunPython.noop),
        # The type first: Django drops the old varchar_pattern_ops index by the column's
        # name, which must still be the old one.
        migrations.AlterField(
            model_name="initiatief",
            name="formulier_token",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.RenameField(
            model_name="initiatief", old_name="formulier_token", new_name="idempotentie_token"
        ),
    ]
