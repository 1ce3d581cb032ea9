"""`python manage.py purge_import_uploads`: delete the uploaded import files whose preview
was never confirmed nor cancelled, once older than IMPORT_KEEP_SECONDS, and print how
many. Celery beat runs the same every quarter of an hour; this is for a site without
beat, from cron."""

from django.core.management.base import BaseCommand

from core.transfer.uploads import upload_purge_expired


class Command(BaseCommand):
    help = "Delete the abandoned import uploads older than IMPORT_KEEP_SECONDS."

    def handle(self, *args, **options):
        deleted = upload_purge_expired()
        self.stdout.write(f"Deleted {deleted} abandoned import upload(s).")
