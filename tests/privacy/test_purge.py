"""Signature events stay append-only for everyone but the retention purge: the database
still refuses to change one, and (on PostgreSQL) to delete one outside the purge."""

import pytest
from django.db import DatabaseError, connection, transaction

from privacy.erasure.purge import signature_events_delete
from reporting.models import SignatureEvent

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's trigger refuses updates only"
)


def _table() -> str:
    return connection.ops.quote_name(SignatureEvent._meta.db_table)


def test_the_database_still_refuses_to_change_a_signature(everything):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_table()} SET typed_name = 'X'")  # noqa: S608
    assert SignatureEvent.objects.filter(typed_name="X").count() == 0


@postgresql_only
def test_the_database_still_refuses_to_delete_a_signature_outside_the_purge(everything):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table()}")  # noqa: S608
    assert SignatureEvent.objects.count() == 3


@postgresql_only
def test_the_purge_lets_only_its_own_statement_delete(everything):
    other_agreement = everything["agreement"].pk + 1000
    with transaction.atomic():
        assert signature_events_delete([other_agreement]) == 0
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            # Back to append-only at once, within the same transaction.
            cursor.execute(f"DELETE FROM {_table()}")  # noqa: S608
    assert SignatureEvent.objects.count() == 3


def test_the_purge_deletes_the_signatures_of_the_agreements_given(everything):
    agreement = everything["agreement"]
    with transaction.atomic():
        assert signature_events_delete([]) == 0
        assert signature_events_delete([agreement.pk]) == 3
    assert not SignatureEvent.objects.exists()
