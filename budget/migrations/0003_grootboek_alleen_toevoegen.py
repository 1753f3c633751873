from django.db import migrations

# The ledger and the status history are append-only, also for code that bypasses
# budget.acties (a shell, a future bug): PostgreSQL refuses UPDATE and DELETE on them.
# TRUNCATE (test flushes, a deliberate reset) is not affected.
TABELLEN = ["budget_boeking", "budget_statuswijziging"]

FUNCTIE = """
CREATE OR REPLACE FUNCTION budget_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Tabel % is alleen-toevoegen: % is niet toegestaan', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def trigger(tabel):
    return (
        f"CREATE TRIGGER {tabel}_alleen_toevoegen BEFORE UPDATE OR DELETE ON {tabel} "
        f"FOR EACH ROW EXECUTE FUNCTION budget_alleen_toevoegen();"
    )


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_rollen_budget")]

    operations = [
        migrations.RunSQL(FUNCTIE, "DROP FUNCTION IF EXISTS budget_alleen_toevoegen();"),
        *[
            migrations.RunSQL(trigger(t), f"DROP TRIGGER IF EXISTS {t}_alleen_toevoegen ON {t};")
            for t in TABELLEN
        ],
    ]
