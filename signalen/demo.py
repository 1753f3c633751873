"""Demo signals for `manage.py laad_demo`: a plausible year, marked demo, loaded once."""

from signalen.generator import genereer
from signalen.models import Signaal

DEMO_AANTAL = 800


def laad_demo_signalen() -> int:
    if Signaal.objects.filter(is_demo=True).exists():
        return 0  # idempotent: the demo year is there already
    return genereer(DEMO_AANTAL, demo=True, seed=2019)
