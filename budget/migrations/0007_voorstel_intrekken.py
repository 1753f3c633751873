from django.db import migrations, models


class Migration(migrations.Migration):
    """A regisseur withdraws a proposal before the decision: status 'ingetrokken', which has
    no beoordelaar (issue 14, point 8)."""

    dependencies = [("budget", "0006_idempotentie_token")]

    operations = [
        migrations.RemoveConstraint(
            model_name='bestedingsvoorstel',
            name='voorstel_status_geldig',
        ),
        migrations.RemoveConstraint(
            model_name='bestedingsvoorstel',
            name='voorstel_beoordeeld_heeft_beoordelaar',
        ),
        migrations.RemoveConstraint(
            model_name='statuswijziging',
            name='statuswijziging_status_geldig',
        ),
        migrations.AlterField(
            model_name='bestedingsvoorstel',
            name='status',
            field=models.CharField(choices=[('ingediend', 'ingediend'), ('goedgekeurd', 'goedgekeurd'), ('afgewezen', 'afgewezen'), ('afgesloten', 'afgesloten'), ('ingetrokken', 'ingetrokken')], default='ingediend', max_length=12),
        ),
        migrations.AlterField(
            model_name='statuswijziging',
            name='naar',
            field=models.CharField(choices=[('ingediend', 'ingediend'), ('goedgekeurd', 'goedgekeurd'), ('afgewezen', 'afgewezen'), ('afgesloten', 'afgesloten'), ('ingetrokken', 'ingetrokken')], max_length=12),
        ),
        migrations.AddConstraint(
            model_name='bestedingsvoorstel',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['ingediend', 'goedgekeurd', 'afgewezen', 'afgesloten', 'ingetrokken'])), name='voorstel_status_geldig'),
        ),
        migrations.AddConstraint(
            model_name='bestedingsvoorstel',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['ingediend', 'ingetrokken']), ('beoordeeld_door__isnull', False), _connector='OR'), name='voorstel_beoordeeld_heeft_beoordelaar'),
        ),
        migrations.AddConstraint(
            model_name='statuswijziging',
            constraint=models.CheckConstraint(condition=models.Q(('naar__in', ['ingediend', 'goedgekeurd', 'afgewezen', 'afgesloten', 'ingetrokken']), models.Q(('van', ''), ('van__in', ['ingediend', 'goedgekeurd', 'afgewezen', 'afgesloten', 'ingetrokken']), _connector='OR')), name='statuswijziging_status_geldig'),
        ),
    ]
