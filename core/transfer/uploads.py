"""Uploaded import files waiting for their preview to be confirmed: kept under
MEDIA_ROOT/imports/<user id>/ (never served by URL), found only by the user who uploaded
them and only for IMPORT_KEEP_SECONDS. The abandoned ones (a preview never confirmed nor
cancelled: spreadsheets of minors' personal data) are deleted once older than that, by
upload_purge_expired (Celery beat runs it, and `manage.py purge_import_uploads`), and the
user's own at their next upload."""

import json
import math
import os
import re
import secrets
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN = re.compile(r"^[0-9a-f]{32}$")
# Deleted this long after they expire, so that a preview that found its upload still
# valid at the last second reads its file.
PURGE_GRACE_SECONDS = 60


@dataclass(frozen=True)
class StoredUpload:
    token: str
    kind: str
    target: int  # the organisation (participants, partners) or project (mobilities)
    filename: str
    stored_at: float

    @property
    def expired(self) -> bool:
        return time.time() - self.stored_at > settings.IMPORT_KEEP_SECONDS


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _folder(user: "User") -> Path:
    return _root() / str(user.pk)


def upload_store(
    *, user: "User", kind: str, target: int, filename: str, data: bytes
) -> StoredUpload:
    folder = _folder(user)
    folder.mkdir(parents=True, exist_ok=True)
    _purge_folder(folder, _cutoff(time.time()))
    upload = StoredUpload(secrets.token_hex(16), kind, target, filename[-200:], time.time())
    (folder / f"{upload.token}.data").write_bytes(data)
    (folder / f"{upload.token}.json").write_text(json.dumps(asdict(upload)))
    return upload


def upload_get(user: "User", token: str) -> StoredUpload:
    """The user's upload (expired or not); 404 for anyone else's or a missing one."""
    path = _folder(user) / f"{token}.json"
    if not TOKEN.match(token) or not path.exists():
        raise Http404
    return StoredUpload(**json.loads(path.read_text()))


def upload_data(user: "User", upload: StoredUpload) -> bytes:
    return (_folder(user) / f"{upload.token}.data").read_bytes()


def upload_discard(user: "User", upload: StoredUpload) -> None:
    for suffix in (".data", ".json"):
        (_folder(user) / f"{upload.token}{suffix}").unlink(missing_ok=True)


def upload_purge_expired(*, now: float | None = None) -> int:
    """Deletes every user's expired uploads (by their files' modification time: written
    more than IMPORT_KEEP_SECONDS before `now`); the number of uploads deleted."""
    root = _root()
    if not root.is_dir():
        return 0
    cutoff = _cutoff(time.time() if now is None else now)
    with os.scandir(root) as entries:
        folders = [Path(entry.path) for entry in entries if entry.is_dir()]
    # The folders stay, empty: removing one could race an upload being written into it.
    return sum(_purge_folder(folder, cutoff) for folder in folders)


def _cutoff(now: float) -> float:
    return now - settings.IMPORT_KEEP_SECONDS - PURGE_GRACE_SECONDS


def _purge_folder(folder: Path, cutoff: float) -> int:
    """Deletes the uploads of the folder older than `cutoff`: an upload (its data and
    its description, or a file left alone) goes as a whole, by its oldest file."""
    uploads: dict[str, list[os.DirEntry[str]]] = defaultdict(list)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                uploads[entry.name.partition(".")[0]].append(entry)
    deleted = 0
    for files in uploads.values():
        if min(_modified(entry) for entry in files) < cutoff:
            for entry in files:
                Path(entry.path).unlink(missing_ok=True)
            deleted += 1
    return deleted


def _modified(entry: "os.DirEntry[str]") -> float:
    try:
        return entry.stat(follow_symlinks=False).st_mtime
    except FileNotFoundError:  # discarded meanwhile (confirmed or cancelled)
        return math.inf
