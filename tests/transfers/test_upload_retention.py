"""Abandoned import uploads (a preview never confirmed nor cancelled) are deleted once
older than IMPORT_KEEP_SECONDS: by the service, the `purge_import_uploads` command and
the Celery task that beat runs. The files' age is set through their modification time."""

import io
import os
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from core.transfer import uploads
from erasmus_portal.celery import app
from projects.tasks import purge_import_uploads

from .conftest import csv_file, preview

HOUR = 60 * 60
NOW = time.time()


def stored(media_root, user_id: int, token: str, age: float, suffixes=(".data", ".json")):
    folder = media_root / "imports" / str(user_id)
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in suffixes:
        path = folder / f"{token}{suffix}"
        path.write_text("Vārds,Uzvārds\r\nJānis,Bērziņš\r\n")
        os.utime(path, (NOW - age, NOW - age))
    return folder


def names(folder) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_uploads_older_than_the_keeping_time_are_deleted_and_the_others_kept(media_root):
    first = stored(media_root, 1, "a" * 32, age=2 * HOUR)
    stored(media_root, 1, "b" * 32, age=10 * 60)
    second = stored(media_root, 2, "c" * 32, age=HOUR + 5 * 60)
    stored(media_root, 2, "d" * 32, age=3 * HOUR, suffixes=(".data",))  # its .json lost
    assert uploads.upload_purge_expired(now=NOW) == 3
    assert names(first) == {"b" * 32 + ".data", "b" * 32 + ".json"}
    assert names(second) == set()


def test_an_upload_just_expired_waits_a_minute_for_the_preview_reading_it(media_root):
    folder = stored(media_root, 1, "a" * 32, age=HOUR + 30)
    assert uploads.upload_purge_expired(now=NOW) == 0
    assert uploads.upload_purge_expired(now=NOW + 60) == 1
    assert names(folder) == set()


def test_nothing_to_purge_without_any_upload_yet(media_root):
    assert uploads.upload_purge_expired() == 0


def test_the_command_prints_how_many_uploads_it_deleted(media_root):
    stored(media_root, 1, "a" * 32, age=2 * HOUR)
    stored(media_root, 1, "b" * 32, age=2 * HOUR)
    out = io.StringIO()
    call_command("purge_import_uploads", stdout=out)
    assert out.getvalue().strip() == "Deleted 2 abandoned import upload(s)."


def test_the_task_deletes_them_and_beat_runs_it_every_quarter_of_an_hour(media_root):
    stored(media_root, 1, "a" * 32, age=2 * HOUR)
    assert purge_import_uploads.delay().get() == 1
    entry = app.conf.beat_schedule["purge-import-uploads"]  # CELERY_BEAT_SCHEDULE, as read
    assert entry["task"] == purge_import_uploads.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] <= settings.IMPORT_KEEP_SECONDS


@pytest.mark.django_db
def test_an_upload_being_previewed_is_not_deleted(alice_client, media_root):
    rows = [
        ["Kind", "First name", "Last name", "Date of birth", "E-mail"],
        ["staff", "Anna", "Liepa", "1980-01-01", "anna@example.lv"],
    ]
    _outcome, token = preview(alice_client, reverse("transfers:participant_import"), csv_file(rows))
    assert uploads.upload_purge_expired() == 0
    assert alice_client.get(reverse("transfers:import_preview", args=[token])).status_code == 200
