from django.db import migrations, models


class Migration(migrations.Migration):
    """The beheerder opens a budget year in the app, once per form; a demo year says so
    (issue 14, point 9)."""

    dependencies = [
        ('budget', '0007_voorstel_intrekken'),
    ]

    operations = [
        migrations.AddField(
            model_name='budgetjaar',
            name='idempotentie_token',
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='budgetjaar',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demodata'),
        ),
    ]
