"""An upload's bytes are written outside the database transaction, and a row that cannot
be saved leaves no file behind."""

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from mobilities.models import MobilityFile
from mobilities.services import mobility_file_add
from tests import upload_files

PDF = upload_files.pdf()


def upload():
    return SimpleUploadedFile("attendance.pdf", PDF)


def test_the_bytes_are_written_before_the_transaction_opens(mobility, alice, monkeypatch):
    depth_at_write = []
    save = FileSystemStorage.save

    def recording_save(storage, name, content, max_length=None):
        depth_at_write.append(len(connection.savepoint_ids))
        return save(storage, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", recording_save)
    outer = len(connection.savepoint_ids)  # the test's own transaction, if any
    stored = mobility_file_add(mobility=mobility, kind="other", upload=upload(), uploaded_by=alice)
    assert default_storage.exists(stored.file.name)
    # No savepoint of the service's own was open while the file was written.
    assert depth_at_write == [outer]


def test_a_row_that_cannot_be_saved_leaves_no_file(mobility, alice, media_root):
    def refuse(stored):
        raise RuntimeError("the request could not be marked as fulfilled")

    with pytest.raises(RuntimeError):
        mobility_file_add(
            mobility=mobility, kind="other", upload=upload(), uploaded_by=alice, on_saved=refuse
        )
    assert not MobilityFile.objects.exists()
    folder = media_root / "mobility-files" / str(mobility.pk)
    assert not folder.exists() or not any(folder.iterdir())
