from django.db import migrations, models


class Migration(migrations.Migration):
    """One field name for the once-per-form token in every app (wijkwerk.eenmaal)."""

    dependencies = [("budget", "0005_statuswijziging_toelichting")]

    operations = [
        migrations.RenameField("bestedingsvoorstel", "indien_sleutel", "idempotentie_token"),
        migrations.AlterField(
            model_name="bestedingsvoorstel",
            name="idempotentie_token",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
    ]
