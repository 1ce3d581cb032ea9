"""Uploaded import files waiting for their preview to be confirmed: kept under
MEDIA_ROOT/imports/<user id>/ (never served by URL), found only by the user who uploaded
them and only for IMPORT_KEEP_SECONDS; older ones are removed at the next upload."""

import json
import re
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404

TOKEN = re.compile(r"^[0-9a-f]{32}$")


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


def _folder(user) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / str(user.pk)


def upload_store(*, user, kind: str, target: int, filename: str, data: bytes) -> StoredUpload:
    folder = _folder(user)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_expired(folder)
    upload = StoredUpload(secrets.token_hex(16), kind, target, filename[-200:], time.time())
    (folder / f"{upload.token}.data").write_bytes(data)
    (folder / f"{upload.token}.json").write_text(json.dumps(asdict(upload)))
    return upload


def upload_get(user, token: str) -> StoredUpload:
    """The user's upload (expired or not); 404 for anyone else's or a missing one."""
    path = _folder(user) / f"{token}.json"
    if not TOKEN.match(token) or not path.exists():
        raise Http404
    return StoredUpload(**json.loads(path.read_text()))


def upload_data(user, upload: StoredUpload) -> bytes:
    return (_folder(user) / f"{upload.token}.data").read_bytes()


def upload_discard(user, upload: StoredUpload) -> None:
    for suffix in (".data", ".json"):
        (_folder(user) / f"{upload.token}{suffix}").unlink(missing_ok=True)


def _remove_expired(folder: Path) -> None:
    for meta in folder.glob("*.json"):
        try:
            expired = StoredUpload(**json.loads(meta.read_text())).expired
        except (ValueError, TypeError, OSError):
            expired = True
        if expired:
            meta.unlink(missing_ok=True)
            meta.with_suffix(".data").unlink(missing_ok=True)
