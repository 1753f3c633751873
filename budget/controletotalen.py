"""The budget ledger's totals for the restore drill (wijkwerk.backup): per kind of booking,
and the four cached balances summed, compared exactly between the source and the restored
copy. `conn` is a psycopg connection in the backup's snapshot; `rijen` the tables it has."""

from psycopg import sql

from budget.models import Boeking, WijkBudget


def totalen(conn, rijen) -> dict[str, str]:
    uitkomst = {}
    boeking, wijkbudget = Boeking._meta.db_table, WijkBudget._meta.db_table
    if boeking in rijen:
        for soort, som in conn.execute(
            sql.SQL("SELECT soort, sum(bedrag) FROM {} GROUP BY soort ORDER BY soort").format(
                sql.Identifier(boeking)
            )
        ):
            uitkomst[f"boekingen {soort}"] = str(som)
    if wijkbudget in rijen:
        velden = ["begroot", "toegekend", "besteed", "beschikbaar"]
        sommen = conn.execute(
            sql.SQL("SELECT {} FROM {}").format(
                sql.SQL(", ").join(
                    sql.SQL("coalesce(sum({}), 0)").format(sql.Identifier(v)) for v in velden
                ),
                sql.Identifier(wijkbudget),
            )
        ).fetchone()
        uitkomst.update({f"wijkbudget {v}": str(s) for v, s in zip(velden, sommen, strict=True)})
    return uitkomst
