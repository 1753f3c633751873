"""PostgreSQL advisory locks: what several app processes and machines on one database agree
on without a row to lock. Raw SQL because the ORM has no advisory locks. Both kinds are
transaction-level, so a crashed process or a connection pooler never leaves one behind.

- `vergrendel(soort, sleutel)`: wait for the lock inside the caller's transaction, e.g. to
  count and insert as one step (the intake limit per address).
- `een_tegelijk`: a management command for cron that, started on two machines at once,
  runs on one and tells the other it is already running.
"""

import functools
import hashlib
from contextlib import contextmanager

from django.db import connection, transaction


def _sleutel(soort: str, sleutel: str) -> int:
    # pg_advisory_xact_lock takes one bigint; a stable hash of both names (not Python's
    # hash(), which differs per process) so every process computes the same key.
    digest = hashlib.blake2b(f"{soort}\0{sleutel}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def vergrendel(soort: str, sleutel: str) -> None:
    """Wait until no other transaction holds (soort, sleutel); held until this one ends."""
    if not connection.in_atomic_block:
        # Outside a transaction the lock would end with the statement that took it.
        raise RuntimeError("vergrendel() hoort binnen transaction.atomic().")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_sleutel(soort, sleutel)])


@contextmanager
def taakslot(naam: str):
    """A transaction that yields True when it holds the lock of job `naam`, False when
    another process has it (then do nothing)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_sleutel("taak", naam)])
        yield cursor.fetchone()[0]


def een_tegelijk(handle):
    """For a command's handle(): the job runs in one transaction under the command's lock."""

    @functools.wraps(handle)
    def omhulsel(self, *args, **options):
        naam = self.__module__.rpartition(".")[2]
        with taakslot(naam) as vrij:
            if not vrij:
                self.stdout.write(
                    f"{naam} draait al (hier of op een andere machine); deze keer is niets gedaan."
                )
                return None
            return handle(self, *args, **options)

    return omhulsel
