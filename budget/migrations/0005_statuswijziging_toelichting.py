from django.db import migrations


class Migration(migrations.Migration):
    """One name for "why" in every history: toelichting, as signalen and initiatieven."""

    dependencies = [("budget", "0004_voorstel_initiatief")]

    operations = [
        migrations.RenameField("statuswijziging", "reden", "toelichting"),
    ]
