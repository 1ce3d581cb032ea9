"""What may be uploaded for a mobility: PDF, JPEG or PNG, up to UPLOAD_MAX_BYTES.

The extension must match the file's first bytes, so a renamed executable or HTML page
is refused rather than stored and later served."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension: (content type, first bytes of such a file)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def checked_content_type(upload) -> str:
    """The upload's content type; ValidationError on the field "file" otherwise."""
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
            }
        )
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError({"file": _("Upload a PDF, JPEG or PNG file.")})
    content_type, signatures = ALLOWED[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            {
                "file": _("The file's content is not the %(type)s its name says.")
                % {"type": suffix.lstrip(".").upper()}
            }
        )
    return content_type
