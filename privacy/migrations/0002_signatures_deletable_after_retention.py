"""Signature events stay append-only, except that privacy.erasure.purge may delete those
of agreements whose retention period ended: on PostgreSQL the trigger of reporting
migration 0002 now lets a DELETE through when the transaction set
`erasmus.retention_purge` to on (an UPDATE is refused as before). SQLite's trigger refuses
only updates; nothing changes there."""

from django.db import migrations

POSTGRESQL_FORWARD = """
CREATE OR REPLACE FUNCTION reporting_signatureevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('erasmus.retention_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'signature events are append-only';
END;
$$ LANGUAGE plpgsql;
"""
# As reporting migration 0002 made it.
POSTGRESQL_BACKWARD = """
CREATE OR REPLACE FUNCTION reporting_signatureevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'signature events are append-only';
END;
$$ LANGUAGE plpgsql;
"""


def _run(schema_editor, sql):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql)


def deletable_after_retention(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_FORWARD)


def append_only_always(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_BACKWARD)


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0001_read_log_exports_erasures_retention"),
        ("reporting", "0002_signing"),
    ]

    operations = [migrations.RunPython(deletable_after_retention, append_only_always)]
