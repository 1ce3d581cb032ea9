"""Deleting the signature events of agreements whose retention period ended.

Signature events are append-only: the model refuses any change, and the database refuses
an UPDATE (and, on PostgreSQL, a DELETE) by a trigger (reporting migration 0002). Once the
grant's audit can no longer ask for them they must go like the rest of the person's data,
so privacy migration 0002 lets the PostgreSQL trigger accept a DELETE inside a transaction
that has set `erasmus.retention_purge` to on, which only this module does, and only for
the statement that deletes. An UPDATE is refused as before, always."""

from django.db import connection

from reporting.models import SignatureEvent

PURGE_SETTING = "erasmus.retention_purge"


def signature_events_delete(agreement_ids: list[int]) -> int:
    """Delete the signature events of these agreements; must run inside a transaction."""
    if not agreement_ids:
        return 0
    table = connection.ops.quote_name(SignatureEvent._meta.db_table)
    column = connection.ops.quote_name(SignatureEvent._meta.get_field("agreement").column)
    placeholders = ", ".join(["%s"] * len(agreement_ids))
    with connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        if postgresql:
            # SET LOCAL ends with the transaction; it is switched off at once anyway.
            cursor.execute(f"SET LOCAL {PURGE_SETTING} = 'on'")
        try:
            cursor.execute(
                f"DELETE FROM {table} WHERE {column} IN ({placeholders})",  # noqa: S608 - ids only
                list(agreement_ids),
            )
            deleted = cursor.rowcount
        finally:
            if postgresql:
                cursor.execute(f"SET LOCAL {PURGE_SETTING} = 'off'")
    return deleted
