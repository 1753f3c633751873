"""wijkwerk.keyset: the cursor both work lists and the signal list put in their URLs."""

import datetime

from wijkwerk import keyset


def test_cursor_heen_en_terug():
    moment = datetime.datetime(2026, 3, 29, 1, 30, 5, 123456, tzinfo=datetime.UTC)
    assert keyset.lees(keyset.cursor(moment, 1234)) == (moment, 1234)


def test_onleesbare_cursor_is_none():
    for tekst in ["", "x", "2026-03-29T01:30:05_abc", "gisteren_12", "2026-03-29T01:30:05_12"]:
        assert keyset.lees(tekst) is None, tekst  # the last: a moment without time zone
    # An id outside PostgreSQL's bigint would make the query fail.
    assert keyset.lees(f"2026-03-29T01:30:05+00:00_{2**63}") is None
    assert keyset.lees("2026-03-29T01:30:05+00:00_-1") is None


def test_cursor_in_utc_zoals_postgresql_hem_aanneemt():
    # Python reads offsets up to 23:59, PostgreSQL refuses beyond 15:59: read as UTC.
    moment, pk = keyset.lees("0001-01-01T00:00:00-23:59_1")
    assert moment.utcoffset() == datetime.timedelta(0) and moment.hour == 23 and pk == 1
    # Before year 1 in UTC: no moment Python can hold.
    assert keyset.lees("0001-01-01T00:00:00+01:00_1") is None
