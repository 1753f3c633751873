from django.db import migrations

from signalen.referentie import laad_themas
from wijkwerk.rollen import maak_rollen


def vul(apps, schema_editor):
    laad_themas(apps.get_model("signalen", "Thema"))
    # The role groups exist since wijken 0002; give them the signalen permissions too.
    maak_rollen(apps)


# The access log is append-only, also for code that bypasses the app (AVG accountability).
INZAGE_TRIGGER = """
CREATE FUNCTION signalen_inzage_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Het inzagelog kan niet worden gewijzigd of verwijderd';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER signalen_inzage_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON signalen_inzage
    FOR EACH ROW EXECUTE FUNCTION signalen_inzage_alleen_toevoegen();
"""
INZAGE_TRIGGER_WEG = """
DROP TRIGGER IF EXISTS signalen_inzage_alleen_toevoegen ON signalen_inzage;
DROP FUNCTION IF EXISTS signalen_inzage_alleen_toevoegen();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("signalen", "0001_signalen"),
        ("wijken", "0002_rollen"),
    ]

    operations = [
        migrations.RunPython(vul, migrations.RunPython.noop),
        migrations.RunSQL(INZAGE_TRIGGER, INZAGE_TRIGGER_WEG),
    ]
